"""The corpus model: documents, passages with roles and offsets, and load errors.

Every offset in Parallax points into ``Document.text``, the full extracted text of
one article with nothing removed. Cleaning marks passages with a role instead of
deleting them, so the dashboard can always show what was set aside and why.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from analysis.text.tokens import WORD, word_count

Role = Literal["title", "body", "related", "boilerplate"]
ROLES: tuple[Role, ...] = ("title", "body", "related", "boilerplate")
ARTICLE_ROLES: frozenset[str] = frozenset({"title", "body"})

__all__ = ["ARTICLE_ROLES", "ROLES", "WORD", "Corpus", "Document", "LoadError", "Passage", "Role",
           "article_words", "count_words"]


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its metadata and its full extracted plain text."""

    doc_id: str
    source: str
    title: str
    published: date | None
    url: str
    language: str
    path: str
    text: str

    @property
    def outlet(self) -> str:
        """Return the outlet name, or the doc_id when the outlet is unknown.

        Analyses group by this so that two articles of unknown origin are never
        merged into one anonymous outlet.
        """
        return self.source or self.doc_id


@dataclass(frozen=True, slots=True)
class Passage:
    """One sentence of one paragraph, with its role and offsets into the document text."""

    passage_id: str
    doc_id: str
    role: Role
    start: int
    end: int
    text: str
    reason: str = ""
    paragraph: int = 0

    @property
    def is_article(self) -> bool:
        """Return True for article text (title and body)."""
        return self.role in ARTICLE_ROLES


@dataclass(frozen=True, slots=True)
class LoadError:
    """A file (or a record inside one) that could not be read, and why."""

    path: str
    error: str


@dataclass(frozen=True, slots=True)
class Corpus:
    """Documents, their passages in document order, and the inputs that failed."""

    documents: tuple[Document, ...]
    passages: tuple[Passage, ...]
    errors: tuple[LoadError, ...] = ()
    # Indexes derived from the fields above, read-only so that no copy can alter another's.
    _by_doc: Mapping[str, tuple[Passage, ...]] = field(init=False, repr=False, compare=False, hash=False)
    _docs: Mapping[str, Document] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        grouped: dict[str, list[Passage]] = {d.doc_id: [] for d in self.documents}
        for p in self.passages:
            grouped.setdefault(p.doc_id, []).append(p)
        object.__setattr__(self, "_by_doc", MappingProxyType({k: tuple(v) for k, v in grouped.items()}))
        object.__setattr__(self, "_docs", MappingProxyType({d.doc_id: d for d in self.documents}))

    def __reduce__(self) -> tuple:
        # Pickle (caches, worker processes) the fields only; the indexes are rebuilt on load.
        return (Corpus, (self.documents, self.passages, self.errors))

    def document(self, doc_id: str) -> Document:
        """Return the document with this id (KeyError when absent)."""
        return self._docs[doc_id]

    def passages_of(self, doc_id: str) -> tuple[Passage, ...]:
        """Return the passages of one document in text order."""
        return self._by_doc.get(doc_id, ())

    def article_passages(self) -> tuple[Passage, ...]:
        """Return the title and body passages of every document."""
        return tuple(p for p in self.passages if p.is_article)

    @property
    def content_hash(self) -> str:
        """Return a stable hash of texts and metadata, usable as a cache key."""
        h = hashlib.sha256()
        for d in self.documents:
            for part in (d.doc_id, d.source, d.title, str(d.published), d.url, d.language, d.text):
                h.update(part.encode("utf-8", "surrogatepass"))
                h.update(b"\x00")
        return h.hexdigest()[:16]


def count_words(text: str, language: str = "") -> int:
    """Return the number of words in ``text`` in its language's word unit (``text.tokens``).

    Hyphenated and apostrophe words count once; Korean and Japanese words are content
    morphemes with their particles, Chinese words dictionary words.
    """
    return word_count(text, language)


def article_words(corpus: Corpus, doc_id: str) -> int:
    """Return the number of words in one document's title and body passages."""
    try:
        language = corpus.document(doc_id).language
    except KeyError:
        language = ""
    return sum(count_words(p.text, language) for p in corpus.passages_of(doc_id) if p.is_article)
