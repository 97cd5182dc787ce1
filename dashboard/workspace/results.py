"""Analysis results kept on disk, so a saved collection opens fast after a restart.

One SQLite file beside the workspace (``results.sqlite3``), separate so that it can be deleted at
any time (it is only a cache) and left out of backups. Entries are keyed by the analysis, the
corpus content hash, the parameters and the code of ``analysis/`` (a change to the code is a
new key, never a stale result); the least recently used go first once the file passes its size
bound. A cache that cannot be read or written is a miss, never an error: the analysis runs.

Values are pickled, from this server's own computations only (the file is not an exchange format).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import analysis

DB_NAME = "results.sqlite3"
DEFAULT_MAX_MB = 512
ANALYSIS_DIR = Path(analysis.__file__).resolve().parent
# The shell's code that shapes kept results counts as code too: the cached functions' own bodies
# (e.g. a conflict count), and the chart builders and selection names of the charts kept as specs.
SHELL_FILES = tuple(Path(__file__).resolve().parents[1] / name for name in ("data.py", "charts.py", "selections.py"))

T = TypeVar("T")
# A hit refreshes its entry's last use at most this often: a write per hit (and its fsync) cost up to
# 0.1 s each on a busy disk, fourteen of them on the first page of a restarted server.
TOUCH_SECONDS = 600.0
log = logging.getLogger(__name__)
MISSING = object()  # what get() returns for an absent or unreadable entry


def code_version() -> str:
    """Return a hash of the analysis code and data (any change to them makes every cached result stale)."""
    h = hashlib.sha256()
    for path in sorted(p for p in ANALYSIS_DIR.rglob("*") if p.suffix in (".py", ".toml") and p.is_file()):
        h.update(path.relative_to(ANALYSIS_DIR).as_posix().encode())
        h.update(path.read_bytes())
    for path in SHELL_FILES:
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


class ResultCache:
    """A bounded, least-recently-used store of pickled results in ``folder/results.sqlite3``."""

    def __init__(self, folder: str | Path, *, max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024,
                 version: str | None = None) -> None:
        self.path = Path(folder) / DB_NAME
        self.max_bytes = max_bytes
        self.version = version if version is not None else code_version()
        self._lock = threading.Lock()
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None, check_same_thread=False)
        # A cache: losing the last writes in a power cut costs a recomputation, so no fsync per write.
        conn.execute("PRAGMA synchronous = OFF")
        if not self._ready:
            with self._lock:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL, "
                             "size INTEGER NOT NULL, used_at REAL NOT NULL)")
                conn.execute("CREATE INDEX IF NOT EXISTS results_used ON results(used_at)")
                self._ready = True
        return conn

    def key(self, name: str, corpus_key: str, *parameters: object) -> str:
        """Return the entry key of analysis ``name`` on a corpus (its content hash) with these parameters."""
        h = hashlib.sha256(f"{self.version}\x00{name}\x00{corpus_key}".encode())
        for part in parameters:
            h.update(b"\x00" + repr(part).encode("utf-8", "surrogatepass"))
        return f"{name}:{corpus_key}:{h.hexdigest()[:24]}"

    def get(self, key: str) -> object:
        """Return the cached value, or MISSING when absent or unreadable."""
        try:
            conn = self._connect()
            try:
                row = conn.execute("SELECT value, used_at FROM results WHERE key = ?", (key,)).fetchone()
                if row is None:
                    return MISSING
                if time.time() - row[1] > TOUCH_SECONDS:
                    conn.execute("UPDATE results SET used_at = ? WHERE key = ?", (time.time(), key))
            finally:
                conn.close()
            return pickle.loads(zlib.decompress(row[0]))
        except Exception as exc:  # a damaged or locked cache is a miss: the analysis runs instead
            log.warning("results cache: %s unreadable (%s)", key, exc)
            self._heal(exc)
            return MISSING

    def put(self, key: str, value: object) -> None:
        """Keep ``value`` under ``key``, then drop the least recently used entries over the bound."""
        try:
            blob = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
            if len(blob) > self.max_bytes:
                return
            conn = self._connect()
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT OR REPLACE INTO results (key, value, size, used_at) VALUES (?, ?, ?, ?)",
                             (key, blob, len(blob), time.time()))
                total = conn.execute("SELECT COALESCE(SUM(size), 0) FROM results").fetchone()[0]
                while total > self.max_bytes:
                    oldest = conn.execute("SELECT key, size FROM results ORDER BY used_at LIMIT 1").fetchone()
                    if oldest is None:
                        break
                    conn.execute("DELETE FROM results WHERE key = ?", (oldest[0],))
                    total -= oldest[1]
                conn.execute("COMMIT")
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                conn.close()
        except Exception as exc:  # a full disk or a damaged cache must not break the page
            log.warning("results cache: could not keep %s (%s)", key, exc)
            self._heal(exc)

    def _heal(self, exc: Exception) -> None:
        """Start the cache afresh when its file is damaged (not when it is only busy)."""
        text = str(exc).lower()
        if isinstance(exc, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text):
            log.warning("results cache: %s is damaged; starting it afresh", self.path)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._ready = False

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """Return the value kept under ``key``, computing and keeping it when absent."""
        found = self.get(key)
        if found is not MISSING:
            return found  # type: ignore[return-value]
        value = compute()
        self.put(key, value)
        return value

    def clear(self, corpus_key: str = "") -> int:
        """Drop every entry (or those of one corpus content hash) and return how many went."""
        try:
            conn = self._connect()
            try:
                if corpus_key:
                    gone = conn.execute("DELETE FROM results WHERE instr(key, ?) > 0", (f":{corpus_key}:",)).rowcount
                else:
                    gone = conn.execute("DELETE FROM results").rowcount
                conn.execute("VACUUM")
            finally:
                conn.close()
            return gone
        except sqlite3.Error as exc:
            log.warning("results cache: could not clear (%s)", exc)
            return 0

    def stats(self) -> tuple[int, int]:
        """Return the number of entries and their total size in bytes."""
        try:
            conn = self._connect()
            try:
                n, size = conn.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM results").fetchone()
            finally:
                conn.close()
            return int(n), int(size)
        except sqlite3.Error:
            return 0, 0
