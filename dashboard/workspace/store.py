"""The team's workspace in one SQLite file: collections, their articles, lexicons, saved views and notes.

SQLite (the standard library's ``sqlite3``) because the workspace is one server's data: no
database server to run, one file to back up, and WAL mode lets every session read while one
writes. Each operation opens its own connection (a fraction of a millisecond), so the
Streamlit threads share nothing; writes take the lock up front (``BEGIN IMMEDIATE``) and wait
for it up to ``timeout`` seconds. Duplicates are refused by unique indexes, so two sessions
adding the same article at once store it once.

Every failure of the database reaches the caller as a ``StoreError`` whose message says what
happened and what to do, never a traceback; invalid input (a collection name of 10,000
characters) is an ``InvalidInput``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from analysis.ingest.fetch import canonical_url
from analysis.text.records import Document
from dashboard.workspace.records import (
    NOTE_KINDS,
    ORIGINS,
    VERDICTS,
    VISIBILITIES,
    AddResult,
    ArticleInfo,
    Collection,
    Duplicate,
    LexiconSave,
    LexiconVersion,
    NewArticle,
    Note,
    NoteKind,
    RawPage,
    SavedView,
    User,
    Verdict,
    Visibility,
)

DB_NAME = "workspace.sqlite3"
MAX_NAME_CHARS = 120
MAX_NOTE_CHARS = 10_000
MAX_VIEW_QUERY_CHARS = 8_000
BUILT_IN = frozenset({"seeds", "shared"})  # read-only collections: notes and views only

_V1 = (
    """CREATE TABLE collections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        owner TEXT NOT NULL,
        owner_name TEXT NOT NULL,
        visibility TEXT NOT NULL CHECK (visibility IN ('private', 'team')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        content_key TEXT NOT NULL,
        lexicon_version INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE raw_pages (
        sha256 TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        final_url TEXT NOT NULL,
        content_type TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        size INTEGER NOT NULL,
        body BLOB NOT NULL
    )""",
    """CREATE TABLE articles (
        collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        doc_id TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        published TEXT,
        url TEXT NOT NULL,
        language TEXT NOT NULL,
        path TEXT NOT NULL,
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        url_key TEXT NOT NULL,
        row_hash TEXT NOT NULL,
        origin TEXT NOT NULL,
        origin_kind TEXT NOT NULL CHECK (origin_kind IN ('upload', 'paste', 'url', 'copy')),
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        raw_sha256 TEXT REFERENCES raw_pages(sha256),
        PRIMARY KEY (collection_id, doc_id)
    )""",
    "CREATE UNIQUE INDEX articles_same_text ON articles(collection_id, text_hash)",
    "CREATE UNIQUE INDEX articles_same_url ON articles(collection_id, url_key) WHERE url_key <> ''",
    "CREATE UNIQUE INDEX articles_order ON articles(collection_id, position)",
    """CREATE TABLE lexicon_texts (
        lexicon_hash TEXT PRIMARY KEY,
        toml TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        saved_at TEXT NOT NULL
    )""",
    """CREATE TABLE lexicon_versions (
        collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        lexicon_hash TEXT NOT NULL REFERENCES lexicon_texts(lexicon_hash),
        saved_by TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (collection_id, version)
    )""",
    # Views and notes also belong to the read-only collections (seeds, the server's corpus): no foreign key.
    """CREATE TABLE saved_views (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        collection_id TEXT NOT NULL,
        name TEXT NOT NULL,
        page TEXT NOT NULL,
        query TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        saved_at TEXT NOT NULL
    )""",
    "CREATE INDEX saved_views_of ON saved_views(collection_id)",
    """CREATE TABLE notes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        collection_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('article', 'pair', 'quote', 'disagreement')),
        target TEXT NOT NULL,
        label TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('needs checking', 'confirmed', 'false alarm', 'source verified')),
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        author_name TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX notes_on ON notes(collection_id, kind, target)",
)
# Each migration takes the schema from version n to n + 1 (PRAGMA user_version); append, never edit.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1,)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The workspace database cannot be used right now; ``message`` says why and what to do."""

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class InvalidInput(ValueError):
    """A name, note or view the workspace refuses, with the reason to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(InvalidInput):
    """The user may not see or change this collection."""


def now() -> str:
    """Return the current UTC time as an ISO string to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def lexicon_hash(toml: str) -> str:
    """Return the short content hash that names a lexicon in links."""
    return hashlib.sha256(toml.encode("utf-8")).hexdigest()[:16]


def text_hash(text: str) -> str:
    """Return the hash that recognises the same article text (white space does not count)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()


def clean_name(name: str) -> str:
    """Return a collection or view name as stored: control characters out, white space collapsed.

    Markup stays as typed (it is shown as text everywhere); raise InvalidInput when the name is
    empty or longer than MAX_NAME_CHARS.
    """
    name = "".join(" " if c.isspace() else c for c in unicodedata.normalize("NFC", name)
                   if c.isspace() or unicodedata.category(c)[0] != "C")
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("A name is needed.")
    if len(name) > MAX_NAME_CHARS:
        raise InvalidInput(f"Names are at most {MAX_NAME_CHARS} characters; this one has {len(name):,}.")
    return name


def _error(exc: sqlite3.Error, path: Path) -> StoreError:
    text = str(exc).lower()
    where = f"{path.name} in the data folder (PARALLAX_DATA_DIR)"
    if "locked" in text or "busy" in text:
        message = ("The workspace is busy: another process has held its database locked for too long. "
                   "Try again in a moment; if this persists, ask the administrator to check that no other "
                   f"program keeps {where} open.")
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        message = (f"The workspace database ({where}) is damaged and cannot be read. Ask the administrator "
                   "to restore the last backup (see the README, Backing up the workspace). The bundled "
                   "and server corpora still work.")
    elif "readonly" in text or "read-only" in text or "unable to open" in text:
        message = (f"The workspace database ({where}) cannot be opened for writing. Ask the administrator "
                   "to check that the data folder exists and the server may write to it.")
    elif "disk is full" in text or "disk i/o" in text:
        message = f"The workspace database ({where}) could not be written: the disk is full or failing."
    else:
        message = f"The workspace database failed ({type(exc).__name__}: {str(exc)[:200]})."
    return StoreError(message, path=str(path))


class Store:
    """The workspace database at ``folder/workspace.sqlite3`` (created, and migrated, on first use)."""

    def __init__(self, folder: str | Path, *, timeout: float = 15.0) -> None:
        self.folder = Path(folder)
        self.path = self.folder / DB_NAME
        self.timeout = timeout
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"The data folder cannot be created ({exc.strerror}). Ask the administrator to "
                             "set PARALLAX_DATA_DIR to a folder the server may write to.", path=str(folder)) from None
        self.migrate(MIGRATIONS)

    # ----------------------------------------------------------------------- connections

    @contextmanager
    def _connection(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn is not None and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise _error(exc, self.path) from None
        except BaseException:
            if conn is not None and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            if conn is not None:
                conn.close()

    def migrate(self, migrations: Sequence[Sequence[str]]) -> int:
        """Bring the schema to ``len(migrations)`` (WAL mode on) and return the version found before."""
        try:
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise _error(exc, self.path) from None
        try:
            # WAL: readers never wait for a writer (measured: a page read during a 300-article import waits
            # for no lock). Persistent in the file, so set once here.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("BEGIN IMMEDIATE")  # two servers starting at once migrate one after the other
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            if found > len(migrations):
                conn.execute("ROLLBACK")
                raise StoreError(f"The workspace database was written by a newer version of Parallax (schema "
                                 f"{found}, this one knows {len(migrations)}). Upgrade Parallax or point "
                                 "PARALLAX_DATA_DIR at another folder.", path=str(self.path))
            for version in range(found, len(migrations)):
                for statement in migrations[version]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
            return found
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise _error(exc, self.path) from None
        finally:
            conn.close()

    def check(self) -> str:
        """Return SQLite's integrity check of the database ("ok" when sound)."""
        with self._connection(write=False) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return "\n".join(str(r[0]) for r in rows)

    def backup(self, target: str | Path) -> Path:
        """Copy the database, consistent while the server runs, to ``target`` (a file)."""
        dest = Path(target)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            src = sqlite3.connect(self.path, timeout=self.timeout)
            out = sqlite3.connect(dest)
            try:
                src.backup(out)
            finally:
                out.close()
                src.close()
        except sqlite3.Error as exc:
            raise _error(exc, self.path) from None
        return dest

    # ----------------------------------------------------------------------- collections

    def create_collection(self, name: str, *, user: User, visibility: Visibility = "team") -> Collection:
        """Create an empty collection owned by ``user`` (private needs a signed-in user)."""
        name = clean_name(name)
        if visibility not in VISIBILITIES:
            raise InvalidInput(f"Visibility is one of {', '.join(VISIBILITIES)}.")
        if visibility == "private" and user.anonymous:
            raise InvalidInput("Private collections need a signed-in user; this server has one anonymous team space.")
        cid = "c-" + secrets.token_urlsafe(6)  # not guessable: a private collection's id in a link reveals nothing
        stamp = now()
        with self._connection(write=True) as conn:
            conn.execute(
                "INSERT INTO collections (id, name, owner, owner_name, visibility, created_at, updated_at, content_key)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (cid, name, user.id, user.name, visibility, stamp, stamp, _content_key(())),
            )
        return self.collection(cid, user=user)

    def collections(self, *, user: User) -> tuple[Collection, ...]:
        """Return the collections ``user`` may see: theirs and the team's, most recently changed first."""
        with self._connection(write=False) as conn:
            rows = conn.execute(
                f"{_COLLECTION_SELECT} WHERE c.visibility = 'team' OR c.owner = ? "
                "GROUP BY c.id ORDER BY c.updated_at DESC, c.name", (user.id,)).fetchall()
        return tuple(_collection(r) for r in rows)

    def collection(self, collection_id: str, *, user: User) -> Collection:
        """Return one collection (raise NotAllowed when it does not exist or ``user`` may not see it)."""
        with self._connection(write=False) as conn:
            return self._visible(conn, collection_id, user)

    def _visible(self, conn: sqlite3.Connection, collection_id: str, user: User) -> Collection:
        row = conn.execute(f"{_COLLECTION_SELECT} WHERE c.id = ? GROUP BY c.id", (collection_id,)).fetchone()
        found = _collection(row) if row is not None else None
        if found is None or not found.visible_to(user):
            # The same answer for "absent" and "private to someone else": nothing leaks about the latter.
            raise NotAllowed("This collection does not exist or is private to someone else.")
        return found

    def _managed(self, conn: sqlite3.Connection, collection_id: str, user: User) -> Collection:
        found = self._visible(conn, collection_id, user)
        if not found.managed_by(user):
            raise NotAllowed(f"Only its owner ({found.owner_name}) may rename, share or delete this collection.")
        return found

    def rename_collection(self, collection_id: str, name: str, *, user: User) -> None:
        """Rename a collection (its owner only)."""
        name = clean_name(name)
        with self._connection(write=True) as conn:
            self._managed(conn, collection_id, user)
            conn.execute("UPDATE collections SET name = ?, updated_at = ? WHERE id = ?", (name, now(), collection_id))

    def set_visibility(self, collection_id: str, visibility: Visibility, *, user: User) -> None:
        """Make a collection private to its owner or shared with the team (its owner only)."""
        if visibility not in VISIBILITIES:
            raise InvalidInput(f"Visibility is one of {', '.join(VISIBILITIES)}.")
        if visibility == "private" and user.anonymous:
            raise InvalidInput("Private collections need a signed-in user.")
        with self._connection(write=True) as conn:
            self._managed(conn, collection_id, user)
            conn.execute("UPDATE collections SET visibility = ?, updated_at = ? WHERE id = ?",
                         (visibility, now(), collection_id))

    def delete_collection(self, collection_id: str, *, user: User) -> None:
        """Delete a collection with its articles, lexicon versions, views and notes (its owner only)."""
        with self._connection(write=True) as conn:
            self._managed(conn, collection_id, user)
            for table in ("saved_views", "notes"):
                conn.execute(f"DELETE FROM {table} WHERE collection_id = ?", (collection_id,))
            conn.execute("DELETE FROM collections WHERE id = ?", (collection_id,))
            conn.execute("DELETE FROM raw_pages WHERE sha256 NOT IN "
                         "(SELECT raw_sha256 FROM articles WHERE raw_sha256 IS NOT NULL)")

    # ----------------------------------------------------------------------- articles

    def add_articles(self, collection_id: str, articles: Sequence[NewArticle], *, user: User) -> AddResult:
        """Store the articles not already in the collection (same URL or same text) and return what happened.

        Doc ids are made unique within the collection once, here, and never change afterwards, so
        notes and links that name them keep pointing at the same article.
        """
        added: list[str] = []
        duplicates: list[Duplicate] = []
        with self._connection(write=True) as conn:
            self._visible(conn, collection_id, user)
            position = conn.execute("SELECT COALESCE(MAX(position), 0) FROM articles WHERE collection_id = ?",
                                    (collection_id,)).fetchone()[0]
            stamp = now()
            for item in articles:
                if item.kind not in ORIGINS:
                    raise InvalidInput(f"Unknown origin {item.kind!r}.")
                doc = item.document
                hashed = text_hash(doc.text)
                url_key = canonical_url(doc.url) or (canonical_url(item.origin) if item.kind == "url" else "")
                same = conn.execute(
                    "SELECT doc_id, title, text_hash = ? AS same_text FROM articles WHERE collection_id = ? AND "
                    "(text_hash = ? OR (url_key = ? AND url_key <> '')) ORDER BY same_text DESC LIMIT 1",
                    (hashed, collection_id, hashed, url_key)).fetchone()
                if same is not None:
                    duplicates.append(Duplicate(item.origin, same["doc_id"], same["title"],
                                                "same text" if same["same_text"] else "same URL"))
                    continue
                doc = replace(doc, doc_id=_free_doc_id(conn, collection_id, doc.doc_id))
                raw_sha = _store_raw(conn, item.raw) if item.raw is not None else None
                position += 1
                conn.execute(
                    "INSERT INTO articles (collection_id, position, doc_id, source, title, published, url, language,"
                    " path, text, text_hash, url_key, row_hash, origin, origin_kind, added_by, added_at, raw_sha256)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (collection_id, position, doc.doc_id, doc.source, doc.title,
                     doc.published.isoformat() if doc.published else None, doc.url, doc.language, doc.path,
                     doc.text, hashed, url_key, _row_hash(doc), item.origin[:2000], item.kind, user.name or "anonymous",
                     stamp, raw_sha))
                added.append(doc.doc_id)
            if added:
                self._touch(conn, collection_id)
        return AddResult(tuple(added), tuple(duplicates))

    def remove_articles(self, collection_id: str, doc_ids: Sequence[str], *, user: User) -> int:
        """Remove articles from a collection (anyone who may add to it) and return how many went."""
        with self._connection(write=True) as conn:
            self._visible(conn, collection_id, user)
            gone = 0
            for doc_id in doc_ids:
                gone += conn.execute("DELETE FROM articles WHERE collection_id = ? AND doc_id = ?",
                                     (collection_id, doc_id)).rowcount
            if gone:
                self._touch(conn, collection_id)
                conn.execute("DELETE FROM raw_pages WHERE sha256 NOT IN "
                             "(SELECT raw_sha256 FROM articles WHERE raw_sha256 IS NOT NULL)")
        return gone

    def update_metadata(self, collection_id: str, documents: Sequence[Document], *, user: User) -> int:
        """Store new outlet, title, date, URL and language for articles (matched by doc_id; texts never change)."""
        changed = 0
        with self._connection(write=True) as conn:
            self._visible(conn, collection_id, user)
            for doc in documents:
                row = conn.execute("SELECT path, text, origin, origin_kind FROM articles WHERE collection_id = ? "
                                   "AND doc_id = ?", (collection_id, doc.doc_id)).fetchone()
                if row is None:
                    continue
                doc = replace(doc, path=row["path"], text=row["text"])
                url_key = canonical_url(doc.url) or (canonical_url(row["origin"]) if row["origin_kind"] == "url" else "")
                try:
                    changed += conn.execute(
                        "UPDATE articles SET source = ?, title = ?, published = ?, url = ?, language = ?, url_key = ?,"
                        " row_hash = ? WHERE collection_id = ? AND doc_id = ? AND row_hash <> ?",
                        (doc.source, doc.title, doc.published.isoformat() if doc.published else None, doc.url,
                         doc.language, url_key, _row_hash(doc), collection_id, doc.doc_id, _row_hash(doc))).rowcount
                except sqlite3.IntegrityError:
                    raise InvalidInput(f"Another article of the collection already has the URL {doc.url[:200]}.") from None
            if changed:
                self._touch(conn, collection_id)
        return changed

    def _touch(self, conn: sqlite3.Connection, collection_id: str) -> None:
        hashes = [r[0] for r in conn.execute(
            "SELECT row_hash FROM articles WHERE collection_id = ? ORDER BY position", (collection_id,))]
        conn.execute("UPDATE collections SET content_key = ?, updated_at = ? WHERE id = ?",
                     (_content_key(hashes), now(), collection_id))

    def documents(self, collection_id: str, *, user: User) -> tuple[Document, ...]:
        """Return the collection's documents in the order they were added."""
        with self._connection(write=False) as conn:
            self._visible(conn, collection_id, user)
            rows = conn.execute(
                "SELECT doc_id, source, title, published, url, language, path, text FROM articles "
                "WHERE collection_id = ? ORDER BY position", (collection_id,)).fetchall()
        return tuple(
            Document(doc_id=r["doc_id"], source=r["source"], title=r["title"],
                     published=date.fromisoformat(r["published"]) if r["published"] else None, url=r["url"],
                     language=r["language"], path=r["path"], text=r["text"])
            for r in rows
        )

    def provenance(self, collection_id: str, *, user: User) -> tuple[ArticleInfo, ...]:
        """Return where each article came from, when and by whom it was added, in the order added."""
        with self._connection(write=False) as conn:
            self._visible(conn, collection_id, user)
            rows = conn.execute(
                "SELECT doc_id, title, source, url, origin, origin_kind, added_by, added_at, raw_sha256 FROM articles "
                "WHERE collection_id = ? ORDER BY position", (collection_id,)).fetchall()
        return tuple(ArticleInfo(doc_id=r["doc_id"], title=r["title"], source=r["source"], url=r["url"],
                                 origin=r["origin"], kind=r["origin_kind"], added_by=r["added_by"],
                                 added_at=r["added_at"], raw_sha256=r["raw_sha256"] or "") for r in rows)

    def known_urls(self, collection_id: str, *, user: User) -> frozenset[str]:
        """Return the canonical URLs already in the collection (to skip fetching them again)."""
        with self._connection(write=False) as conn:
            self._visible(conn, collection_id, user)
            rows = conn.execute("SELECT url_key FROM articles WHERE collection_id = ? AND url_key <> ''",
                                (collection_id,)).fetchall()
        return frozenset(r[0] for r in rows)

    def raw_page(self, sha256: str) -> RawPage | None:
        """Return a stored web page by the hash of its bytes (None when absent)."""
        with self._connection(write=False) as conn:
            row = conn.execute("SELECT * FROM raw_pages WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            return None
        return RawPage(url=row["url"], final_url=row["final_url"], content_type=row["content_type"],
                       fetched_at=row["fetched_at"], body=zlib.decompress(row["body"]))

    # ----------------------------------------------------------------------- lexicons

    def save_lexicon_text(self, toml: str, *, user: User) -> str:
        """Keep a lexicon's text under its hash (for links) and return the hash."""
        key = lexicon_hash(toml)
        with self._connection(write=True) as conn:
            _store_lexicon(conn, key, toml, user)
        return key

    def lexicon_text(self, key: str) -> str | None:
        """Return the lexicon a link names by its hash (None when unknown)."""
        with self._connection(write=False) as conn:
            row = conn.execute("SELECT toml FROM lexicon_texts WHERE lexicon_hash = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def lexicon_versions(self, collection_id: str, *, user: User) -> tuple[LexiconVersion, ...]:
        """Return every saved version of the collection's lexicon, the newest first."""
        with self._connection(write=False) as conn:
            self._visible(conn, collection_id, user)
            rows = conn.execute("SELECT version, lexicon_hash, saved_by, saved_at FROM lexicon_versions "
                                "WHERE collection_id = ? ORDER BY version DESC", (collection_id,)).fetchall()
        return tuple(LexiconVersion(r["version"], r["lexicon_hash"], r["saved_by"], r["saved_at"]) for r in rows)

    def save_lexicon(self, collection_id: str, toml: str, *, user: User, base_version: int) -> LexiconSave:
        """Save ``toml`` as the collection's new lexicon version (last write wins).

        ``base_version`` is the version the user was editing; when someone else saved a newer one
        meanwhile, it is returned as ``overwritten`` so the user can be told (it stays in the history).
        """
        key = lexicon_hash(toml)
        with self._connection(write=True) as conn:
            found = self._visible(conn, collection_id, user)
            current = _version(conn, collection_id, found.lexicon_version)
            if current is not None and current.lexicon_hash == key:
                return LexiconSave(current, None)
            _store_lexicon(conn, key, toml, user)
            number = conn.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM lexicon_versions WHERE collection_id = ?",
                                  (collection_id,)).fetchone()[0]
            stamp = now()
            conn.execute("INSERT INTO lexicon_versions (collection_id, version, lexicon_hash, saved_by, saved_at) "
                         "VALUES (?, ?, ?, ?, ?)", (collection_id, number, key, user.name or "anonymous", stamp))
            conn.execute("UPDATE collections SET lexicon_version = ?, updated_at = ? WHERE id = ?",
                         (number, stamp, collection_id))
        overwritten = current if found.lexicon_version != base_version and current is not None else None
        return LexiconSave(LexiconVersion(number, key, user.name or "anonymous", stamp), overwritten)

    # ----------------------------------------------------------------------- saved views

    def save_view(self, collection_id: str, name: str, page: str, query: str, *, user: User) -> SavedView:
        """Keep a named link (a page and its query string) in a collection."""
        name = clean_name(name)
        if len(query) > MAX_VIEW_QUERY_CHARS or not re.fullmatch(r"[a-z_]{1,40}", page):
            raise InvalidInput("This view cannot be saved (its link is too long).")
        with self._connection(write=True) as conn:
            if collection_id not in BUILT_IN:
                self._visible(conn, collection_id, user)
            stamp = now()
            cur = conn.execute("INSERT INTO saved_views (collection_id, name, page, query, saved_by, saved_at) "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                               (collection_id, name, page, query, user.name or "anonymous", stamp))
            view_id = int(cur.lastrowid or 0)
        return SavedView(view_id, collection_id, name, page, query, user.name or "anonymous", stamp)

    def views(self, collection_id: str, *, user: User) -> tuple[SavedView, ...]:
        """Return the collection's saved views, newest first."""
        with self._connection(write=False) as conn:
            if collection_id not in BUILT_IN:
                self._visible(conn, collection_id, user)
            rows = conn.execute("SELECT * FROM saved_views WHERE collection_id = ? ORDER BY id DESC",
                                (collection_id,)).fetchall()
        return tuple(SavedView(r["id"], r["collection_id"], r["name"], r["page"], r["query"], r["saved_by"],
                               r["saved_at"]) for r in rows)

    def delete_view(self, view_id: int, *, collection_id: str, user: User) -> None:
        """Delete a saved view of a collection the user can see."""
        with self._connection(write=True) as conn:
            if collection_id not in BUILT_IN:
                self._visible(conn, collection_id, user)
            conn.execute("DELETE FROM saved_views WHERE id = ? AND collection_id = ?", (view_id, collection_id))

    # ----------------------------------------------------------------------- notes

    def add_note(self, collection_id: str, kind: NoteKind, target: str, *, label: str, verdict: Verdict,
                 text: str, user: User) -> Note:
        """Record a verdict and a note on something shown in a collection, signed by ``user``."""
        if kind not in NOTE_KINDS:
            raise InvalidInput(f"Notes are on one of: {', '.join(NOTE_KINDS)}.")
        if verdict not in VERDICTS:
            raise InvalidInput(f"The verdict is one of: {', '.join(VERDICTS)}.")
        text = text.strip()
        if len(text) > MAX_NOTE_CHARS:
            raise InvalidInput(f"Notes are at most {MAX_NOTE_CHARS:,} characters; this one has {len(text):,}.")
        with self._connection(write=True) as conn:
            if collection_id not in BUILT_IN:
                self._visible(conn, collection_id, user)
            stamp = now()
            cur = conn.execute(
                "INSERT INTO notes (collection_id, kind, target, label, verdict, text, author, author_name, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (collection_id, kind, target[:500], label[:500], verdict, text, user.id, user.name or "anonymous",
                 stamp))
            note_id = int(cur.lastrowid or 0)
        return Note(note_id, collection_id, kind, target[:500], label[:500], verdict, text, user.id,
                    user.name or "anonymous", stamp)

    def notes(self, collection_id: str, *, user: User, kind: NoteKind | None = None,
              target: str | None = None) -> tuple[Note, ...]:
        """Return the notes of a collection (of one kind, on one target), oldest first."""
        where, args = ["collection_id = ?"], [collection_id]
        if kind is not None:
            where.append("kind = ?")
            args.append(kind)
        if target is not None:
            where.append("target = ?")
            args.append(target)
        with self._connection(write=False) as conn:
            if collection_id not in BUILT_IN:
                self._visible(conn, collection_id, user)
            rows = conn.execute(f"SELECT * FROM notes WHERE {' AND '.join(where)} ORDER BY id", args).fetchall()
        return tuple(Note(r["id"], r["collection_id"], r["kind"], r["target"], r["label"], r["verdict"], r["text"],
                          r["author"], r["author_name"], r["created_at"]) for r in rows)

    def delete_note(self, note_id: int, *, user: User) -> bool:
        """Delete a note written by ``user`` (anyone's in the anonymous team space); return whether it went."""
        with self._connection(write=True) as conn:
            return conn.execute("DELETE FROM notes WHERE id = ? AND author = ?", (note_id, user.id)).rowcount > 0


_COLLECTION_SELECT = (
    "SELECT c.id, c.name, c.owner, c.owner_name, c.visibility, c.created_at, c.updated_at, c.content_key, "
    "c.lexicon_version, COUNT(a.doc_id) AS articles FROM collections c "
    "LEFT JOIN articles a ON a.collection_id = c.id"
)


def _collection(row: sqlite3.Row) -> Collection:
    return Collection(collection_id=row["id"], name=row["name"], owner=row["owner"], owner_name=row["owner_name"],
                      visibility=row["visibility"], created_at=row["created_at"], updated_at=row["updated_at"],
                      articles=row["articles"], content_key=row["content_key"], lexicon_version=row["lexicon_version"])


def _version(conn: sqlite3.Connection, collection_id: str, number: int) -> LexiconVersion | None:
    row = conn.execute("SELECT version, lexicon_hash, saved_by, saved_at FROM lexicon_versions "
                       "WHERE collection_id = ? AND version = ?", (collection_id, number)).fetchone()
    return None if row is None else LexiconVersion(row[0], row[1], row[2], row[3])


def _store_lexicon(conn: sqlite3.Connection, key: str, toml: str, user: User) -> None:
    conn.execute("INSERT OR IGNORE INTO lexicon_texts (lexicon_hash, toml, saved_by, saved_at) VALUES (?, ?, ?, ?)",
                 (key, toml, user.name or "anonymous", now()))


def _store_raw(conn: sqlite3.Connection, raw: RawPage) -> str:
    sha = hashlib.sha256(raw.body).hexdigest()
    conn.execute("INSERT OR IGNORE INTO raw_pages (sha256, url, final_url, content_type, fetched_at, size, body) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (sha, raw.url[:2000], raw.final_url[:2000], raw.content_type[:200], raw.fetched_at, len(raw.body),
                  zlib.compress(raw.body, 6)))
    return sha


def _free_doc_id(conn: sqlite3.Connection, collection_id: str, wanted: str) -> str:
    wanted = wanted or "doc"
    taken = {r[0] for r in conn.execute(
        "SELECT doc_id FROM articles WHERE collection_id = ? AND (doc_id = ? OR doc_id LIKE ? ESCAPE '\\')",
        (collection_id, wanted, wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "~%"))}
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}~{n}" in taken:
        n += 1
    return f"{wanted}~{n}"


def _row_hash(doc: Document) -> str:
    h = hashlib.sha256()
    for part in (doc.doc_id, doc.source, doc.title, str(doc.published), doc.url, doc.language, doc.path, doc.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _content_key(row_hashes: Sequence[str]) -> str:
    h = hashlib.sha256(b"collection")
    for r in row_hashes:
        h.update(r.encode("ascii"))
    return h.hexdigest()[:16]
