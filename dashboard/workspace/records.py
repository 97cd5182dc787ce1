"""The workspace's records: collections, their articles' provenance, lexicon versions, views and notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from analysis.text.records import Document

Visibility = Literal["private", "team"]
VISIBILITIES: tuple[Visibility, ...] = ("private", "team")

Origin = Literal["upload", "paste", "url", "copy"]
ORIGINS: tuple[Origin, ...] = ("upload", "paste", "url", "copy")

# What a note is about: an article, a reuse pair, a quote or phrase in context, a disagreement row.
NoteKind = Literal["article", "pair", "quote", "disagreement"]
NOTE_KINDS: tuple[NoteKind, ...] = ("article", "pair", "quote", "disagreement")

# A short, ordered list: the order is the one the UI offers and the Notes page sorts by.
Verdict = Literal["needs checking", "confirmed", "false alarm", "source verified"]
VERDICTS: tuple[Verdict, ...] = ("needs checking", "confirmed", "false alarm", "source verified")


@dataclass(frozen=True, slots=True)
class User:
    """Who is acting: a stable id ("" in the anonymous team space) and the name shown on notes."""

    id: str
    name: str

    @property
    def anonymous(self) -> bool:
        """Return True in the anonymous team space (no login or proxy header configured)."""
        return not self.id


ANONYMOUS = User("", "anonymous")


@dataclass(frozen=True, slots=True)
class Collection:
    """A named set of articles with its lexicon, who owns it and who may see it."""

    collection_id: str
    name: str
    owner: str
    owner_name: str
    visibility: Visibility
    created_at: str
    updated_at: str
    articles: int
    content_key: str
    lexicon_version: int

    def visible_to(self, user: User) -> bool:
        """Return True when ``user`` may see (and add to) this collection."""
        return self.visibility == "team" or self.owner == user.id

    def managed_by(self, user: User) -> bool:
        """Return True when ``user`` may rename, share or delete it (its owner; anyone for the team space's)."""
        return self.owner == user.id or not self.owner


@dataclass(frozen=True, slots=True)
class RawPage:
    """A web page as fetched: kept so that extraction can be redone later."""

    url: str
    final_url: str
    content_type: str
    fetched_at: str
    body: bytes


@dataclass(frozen=True, slots=True)
class NewArticle:
    """A document to add, with where it came from (a file name, a URL) and the raw page for web imports."""

    document: Document
    origin: str
    kind: Origin
    raw: RawPage | None = None


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An article not added because the collection already holds it (same URL or same text)."""

    origin: str
    doc_id: str
    title: str
    reason: Literal["same URL", "same text"]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What adding articles did: the doc_ids stored, and the duplicates left out."""

    added: tuple[str, ...]
    duplicates: tuple[Duplicate, ...]


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """One stored article's provenance: where it came from, when and by whom it was added."""

    doc_id: str
    title: str
    source: str
    url: str
    origin: str
    kind: Origin
    added_by: str
    added_at: str
    raw_sha256: str


@dataclass(frozen=True, slots=True)
class LexiconVersion:
    """One saved version of a collection's lexicon (version 0 is the bundled lexicon)."""

    version: int
    lexicon_hash: str
    saved_by: str
    saved_at: str


@dataclass(frozen=True, slots=True)
class LexiconSave:
    """The outcome of saving a lexicon: the new version, and the one it replaced unseen (last write wins)."""

    version: LexiconVersion
    overwritten: LexiconVersion | None


@dataclass(frozen=True, slots=True)
class SavedView:
    """A named link into a collection: a page and its query string."""

    view_id: int
    collection_id: str
    name: str
    page: str
    query: str
    saved_by: str
    saved_at: str


@dataclass(frozen=True, slots=True)
class Note:
    """A verdict and a free-text note on something shown, signed by its author."""

    note_id: int
    collection_id: str
    kind: NoteKind
    target: str
    label: str
    verdict: Verdict
    text: str
    author: str
    author_name: str
    created_at: str
