"""The corpus model: documents, passages with roles and offsets, and load errors.

Every offset in Parallax points into ``Document.text``, the full extracted text of
one article with nothing removed. Cleaning marks passages with a role instead of
deleting them, so the dashboard can always show what was set aside and why.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from analysis.text.scripts import BIDI_CONTROLS, ZERO_WIDTH
from analysis.text.tokens import WORD, total_word_count, word_count

Role = Literal["title", "body", "related", "boilerplate"]
ROLES: tuple[Role, ...] = ("title", "body", "related", "boilerplate")
ARTICLE_ROLES: frozenset[str] = frozenset({"title", "body"})

__all__ = ["ARTICLE_ROLES", "ROLES", "WORD", "Corpus", "Document", "LoadError", "Passage", "Role",
           "article_words", "count_words", "records_in_bulk"]

# Deleted from an outlet name when it is used as a key (see Document.outlet).
_INVISIBLE = dict.fromkeys(map(ord, BIDI_CONTROLS | ZERO_WIDTH))


# A file name made of a running number and a content hash ("000_1cd8acac587c1dee", as in seeds/):
# the number alone names the file.
_NUMBERED_HASH = re.compile(r"(?<!\d)(\d++)_[0-9a-f]{12,}+")


def unknown_outlet(doc_id: str) -> str:
    """Return the outlet label of a document whose outlet is unknown: "unknown outlet (file 000)".

    A doc_id of a running number and a hash shows the number only; any other doc_id shows whole.
    """
    numbered = _NUMBERED_HASH.fullmatch(doc_id)
    return f"unknown outlet (file {numbered.group(1) if numbered else doc_id})"


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
    # The news story the article covers: given by the input, or inferred when the corpus is built.
    story: str = ""

    @property
    def outlet(self) -> str:
        """Return the outlet name, or "unknown outlet (file <doc_id>)" when the outlet is unknown.

        Analyses group by this, so two articles of unknown origin are never merged into one
        anonymous outlet: the label holds the document's id, shortened only where that keeps it
        unique (see ``unknown_outlet``). Zero-width and bidi control characters are left out, so
        "Reu\u200bters" and "Reuters" are one outlet and no name can show reversed; ``source``
        keeps the name as it was written.
        """
        return self.source.translate(_INVISIBLE) or unknown_outlet(self.doc_id)


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
    """A file (or a record inside one) that could not be read, and why.

    ``warning`` marks a note instead: the file was read and analysed after a repair the user
    should know about (invalid characters replaced, a metadata value ignored).
    """

    path: str
    error: str
    warning: bool = False


StoryHow = Literal["given", "inferred"]


@dataclass(frozen=True, slots=True)
class Story:
    """One news story of a corpus: its id, a readable label, its documents, and where it came from."""

    story_id: str
    label: str
    doc_ids: tuple[str, ...]
    how: StoryHow


@dataclass(frozen=True, slots=True)
class Corpus:
    """Documents, their passages in document order, the inputs that failed, and the stories."""

    documents: tuple[Document, ...]
    passages: tuple[Passage, ...]
    errors: tuple[LoadError, ...] = ()
    stories: tuple[Story, ...] = ()
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
        return (Corpus, (self.documents, self.passages, self.errors, self.stories))

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
            for part in (d.doc_id, d.source, d.title, str(d.published), d.url, d.language, d.story, d.text):
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
    return total_word_count([p.text for p in corpus.passages_of(doc_id) if p.is_article], language)


@contextmanager
def records_in_bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while many acyclic records are built, then resume it.

    Every record built is a tracked object, and each few hundred that survive make the
    collector scan the young ones, then again and again the whole heap (numpy, pandas and the
    rest of the process): 32,000 one-word headings (three records each) spent 0.085 s of their
    0.29 s in full collections. Paused, the temporaries (spans, paragraphs, matches) die young
    and one full collection is left. Records hold no reference cycles, so nothing collectable
    is missed: the collector resumes (as it was) when the block ends, on whatever cycles other
    code made meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def settle_loaded_modules() -> None:
    """Collect once, then keep every object alive so far out of later full collections.

    Called once a process has imported what it analyses with (the command line, the dashboard's
    warm-up, the worker fork server). Modules, classes and functions live as long as the process,
    yet every full collection walks them again: on the 600 KB anchored-dates case of
    benchmarks/adversarial.py its three full collections spent 25-30 ms each on about 78,000 such
    objects, and freezing them took the case from 1.24 to 1.13 CPU s per MB (credited dates 1.11
    -> 1.00). Objects made later are collected as before; in a forked worker the frozen objects
    also stay shared with the parent (the collector no longer writes to them).
    """
    gc.collect()
    gc.freeze()
