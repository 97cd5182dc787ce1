"""Read articles from files, folders and zip archives into ``Document`` records.

This module and ``upload`` are the only places that read input bytes; ``formats`` parses one file. Every failure becomes a
``LoadError`` naming the file (and the record inside it) and the problem; one bad
input never stops the others.

Only regular files are read, and only when their real path is inside the folder given: a symbolic
link out of the corpus (to a secrets file, /etc/passwd, /dev/zero), a FIFO (opening it would wait
for a writer forever) or a device is named in the errors and never opened. Reads stop at the size
limit by the bytes actually read, never by what ``stat`` claims (/proc files and devices report 0).
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO

from analysis.ingest.decoding import UnreadableFile, printable, without_surrogates
from analysis.ingest.formats import (
    MAX_ARTICLE_FILE_BYTES,
    MAX_RECORD_FILE_BYTES,
    RECORD_SUFFIXES,
    SUPPORTED_SUFFIXES,
    file_documents,
)
from analysis.ingest.metadata import MANIFEST_NAMES, Metadata, apply_manifest, parse_manifest
from analysis.text.records import Document, LoadError

MAX_ZIP_RATIO = 100  # uncompressed / compressed: above this (past the first 1 MB) a zip bomb


# Bytes that one uploaded file (or everything in one uploaded zip) may expand to. A shared server
# must not be driven out of memory by one upload; the command line passes a larger figure.
UPLOAD_MAX_BYTES = 256 * 1024 * 1024


MAX_MANIFEST_BYTES = 50 * 1024 * 1024


SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


Progress = Callable[[int, int, str], None]


_CHUNK = 1 << 16


def documents_from_bytes(
    name: str,
    data: bytes,
    *,
    manifest: Mapping[str, Metadata] | None = None,
    max_bytes: int = UPLOAD_MAX_BYTES,
) -> tuple[tuple[Document, ...], tuple[LoadError, ...]]:
    """Parse one named file's bytes (the suffix picks the format) into documents and errors.

    ``name`` is what errors and ``Document.path`` show (``archive.zip!folder/file.txt`` for
    zip members), with control characters escaped. ``max_bytes`` caps the file, and what a zip
    may expand to.
    """
    return _documents(printable(name), data, manifest=manifest, max_bytes=max_bytes)


def _documents(
    name: str, data: bytes | IO[bytes], *, manifest: Mapping[str, Metadata] | None, max_bytes: int
) -> tuple[tuple[Document, ...], tuple[LoadError, ...]]:
    """Parse a file given as bytes (or, for a zip, an open file) whose ``name`` is already printable."""
    docs: list[Document] = []
    errors: list[LoadError] = []
    try:
        for item in _parse(name, data, max_bytes):
            if isinstance(item, LoadError):
                errors.append(_printable_error(item))
                continue
            doc, repaired = without_lone_surrogates(item)
            docs.append(doc)
            if repaired:
                errors.append(repaired)
    except UnreadableFile as exc:
        errors.append(_printable_error(LoadError(exc.path, exc.reason)))
    except MemoryError:
        errors.append(LoadError(name, "needs more memory than this server allows for one file; not read"))
    except Exception as exc:  # a parser bug must not stop the corpus: report it against the file
        errors.append(LoadError(name, printable(f"could not be read ({type(exc).__name__}: {str(exc)[:200]})")))
    if manifest:
        file_name = PurePosixPath(name.split("!")[-1]).name
        single = PurePosixPath(file_name).suffix.lower() not in RECORD_SUFFIXES
        docs = [apply_manifest(d, manifest, file_name if single else "") for d in docs]
    return tuple(docs), tuple(errors)


def without_lone_surrogates(doc: Document) -> tuple[Document, LoadError | None]:
    """Return ``doc`` with lone surrogates replaced by U+FFFD, and a note naming it when there were any.

    ``\\ud800`` escapes are common in scraped JSON. Left in, they crashed the export (a 0-byte
    JSON file) and every page that showed the text.
    """
    text, in_text = without_surrogates(doc.text)
    title, in_title = without_surrogates(doc.title)
    source, in_source = without_surrogates(doc.source)
    url, in_url = without_surrogates(doc.url)
    count = in_text + in_title + in_source + in_url
    if not count:
        return doc, None
    note = LoadError(
        doc.path,
        f"{count} invalid character(s) (lone UTF-16 surrogates such as \\ud800) replaced by U+FFFD; "
        "the article was analysed",
        warning=True,
    )
    return replace(doc, text=text, title=title, source=source, url=url), note


def _printable_error(error: LoadError) -> LoadError:
    path, message = printable(error.path), printable(error.error)
    return error if (path, message) == (error.path, error.error) else replace(error, path=path, error=message)


def _parse(name: str, data: bytes | IO[bytes], max_bytes: int) -> Iterator[Document | LoadError]:
    own = PurePosixPath(name.split("!")[-1])
    suffix = own.suffix.lower()
    if suffix == ".zip":
        yield from _zip_documents(name, data, max_bytes)
        return
    if not isinstance(data, bytes):
        data = _read_capped(data, name, max_bytes)
    yield from file_documents(name, data, max_bytes)


@dataclass(slots=True)
class _Expansion:
    """What an archive has expanded to so far: real bytes out, compressed bytes in."""

    limit: int
    archive_bytes: int
    out: int = 0
    compressed: int = 0


def _zip_documents(name: str, data: bytes | IO[bytes], max_bytes: int) -> Iterator[Document | LoadError]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UnreadableFile(name, "not a valid zip archive") from None
    with archive:
        size = len(data) if isinstance(data, bytes) else os.fstat(data.fileno()).st_size
        expansion = _Expansion(limit=max_bytes, archive_bytes=max(size, 1))
        members = [i for i in archive.infolist() if not i.is_dir()]
        manifests, errors = _zip_manifests(name, archive, members, expansion)
        yield from errors
        for info in members:
            member = printable(info.filename)
            label = f"{name}!{member}"
            pure = PurePosixPath(info.filename.replace("\\", "/"))
            if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", info.filename):
                yield LoadError(label, "unsafe member path (absolute or '..'); skipped")
                continue
            if pure.name.startswith(".") or "__MACOSX" in pure.parts or pure.name.lower() in MANIFEST_NAMES:
                continue
            if pure.suffix.lower() not in SUPPORTED_SUFFIXES - {".zip"}:
                yield LoadError(label, printable(f"unsupported file type {pure.suffix or '(no extension)'}"))
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                yield LoadError(label, "a symbolic link inside the archive; not followed")
                continue
            if info.flag_bits & 0x1:
                yield LoadError(label, "encrypted (password-protected); skipped")
                continue
            limit = MAX_RECORD_FILE_BYTES if pure.suffix.lower() in RECORD_SUFFIXES else MAX_ARTICLE_FILE_BYTES
            try:
                payload = _member_bytes(archive, info, label, min(limit, max_bytes), expansion)
            except _ZipBomb as exc:
                yield LoadError(label, exc.reason)
                return
            except UnreadableFile as exc:
                yield LoadError(exc.path, exc.reason)
                continue
            docs, member_errors = _documents(
                label, payload, manifest=manifests.get(str(pure.parent)), max_bytes=max_bytes
            )
            yield from member_errors
            yield from docs


class _ZipBomb(Exception):
    """The archive expands past its limit or ratio: stop reading it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _member_bytes(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limit: int, expansion: _Expansion
) -> bytes:
    """Return one member's bytes, streamed and counted by what it really expands to.

    The sizes in a zip's headers are the archive's own claim: a 2 MB member that said it held
    100 bytes made ``archive.read`` decompress 2.1 GB in one call. Reading 64 KB at a time stops
    at the first chunk past a limit, whatever the headers say.
    """
    if info.file_size > limit:
        raise UnreadableFile(label, f"expands to {info.file_size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit")
    chunks: list[bytes] = []
    size = 0
    expansion.compressed += info.compress_size
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                expansion.out += len(chunk)
                _check_expansion(expansion, size, info)
                if size > limit:
                    raise UnreadableFile(label, f"expands to more than {limit / 1e6:.0f} MB, over the limit")
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, zipfile.LargeZipFile) as exc:
        # A CRC or size mismatch: the member is damaged, or its headers do not match its data.
        raise UnreadableFile(label, printable(f"cannot be extracted (damaged: {str(exc)[:120] or type(exc).__name__})")) from None
    except NotImplementedError:
        raise UnreadableFile(label, "cannot be extracted (unsupported compression method)") from None
    except RuntimeError as exc:  # zipfile's word for a member that needs a password
        raise UnreadableFile(label, printable(f"cannot be extracted ({str(exc)[:120]})")) from None
    return b"".join(chunks)


def _check_expansion(expansion: _Expansion, member_size: int, info: zipfile.ZipInfo) -> None:
    """Raise _ZipBomb when the archive (or one member) expands past its byte limit or ratio."""
    # Overlapping members can each claim the whole archive as their compressed data: never count
    # more compressed bytes than the archive holds.
    compressed = min(expansion.compressed, expansion.archive_bytes)
    ratio = expansion.out / max(compressed, 1)
    member_ratio = member_size / max(info.compress_size, 1)
    if expansion.out > expansion.limit:
        raise _ZipBomb(
            f"archive expands to more than {expansion.limit / 1e6:.0f} MB (possible zip bomb); stopped reading it"
        )
    if (member_size > 1_000_000 and member_ratio > MAX_ZIP_RATIO) or (
        expansion.out > 1_000_000 and ratio > MAX_ZIP_RATIO
    ):
        shown = max(ratio, member_ratio if member_size > 1_000_000 else 0)
        raise _ZipBomb(f"archive compresses {shown:.0f}:1 (possible zip bomb); stopped reading it")


def _zip_manifests(
    name: str, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], expansion: _Expansion
) -> tuple[dict[str, Mapping[str, Metadata]], list[LoadError]]:
    """Return each folder's manifest inside the archive, keyed by the folder ("." for the root)."""
    found: dict[str, Mapping[str, Metadata]] = {}
    errors: list[LoadError] = []
    for info in members:
        pure = PurePosixPath(info.filename.replace("\\", "/"))
        if pure.name.lower() not in MANIFEST_NAMES or str(pure.parent) in found:
            continue
        label = f"{name}!{printable(info.filename)}"
        if info.flag_bits & 0x1:
            errors.append(LoadError(label, "encrypted (password-protected); skipped"))
            continue
        try:
            manifest = parse_manifest(label, _member_bytes(archive, info, label, MAX_MANIFEST_BYTES, expansion))
        except (UnreadableFile, _ZipBomb) as exc:
            errors.append(LoadError(label, exc.reason))
            continue
        found[str(pure.parent)] = manifest.rows
        errors.extend(_printable_error(e) for e in manifest.errors)
    return found, errors


def load_documents(
    paths: Sequence[str | os.PathLike[str]] = (), *, progress: Progress | None = None
) -> tuple[tuple[Document, ...], tuple[LoadError, ...]]:
    """Load every supported file under ``paths`` (files, folders, zips); no paths = the bundled seeds.

    Document ids are made unique (a suffix ``~2`` on a repeat) so offsets never mix. A folder's
    files must really be inside it, a file's inside its own folder: links out are refused.
    """
    roots = [Path(p) for p in paths] or [SEEDS_DIR]
    files: list[tuple[Path, str, Path]] = []  # (path on disk, path shown, folder it must stay inside)
    errors: list[LoadError] = []
    for root in roots:
        try:
            is_dir = root.is_dir()
            exists = is_dir or os.path.lexists(root)
        except OSError:
            is_dir, exists = False, False
        if is_dir:
            base = root.resolve()
            prefix = base.name
            for dirpath, dirnames, filenames in os.walk(root):
                folder = Path(dirpath)
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for d in list(dirnames):
                    if (folder / d).is_symlink():
                        dirnames.remove(d)  # a linked folder is never walked: its files are read where they are
                        if not _inside(folder / d, base):
                            shown = _shown(prefix, (folder / d).relative_to(root))
                            errors.append(LoadError(shown, "symbolic link to a folder outside the corpus; not followed"))
                for fn in sorted(filenames):
                    p = folder / fn
                    if fn.startswith(".") or fn.lower() in MANIFEST_NAMES:
                        continue
                    shown = _shown(prefix, p.relative_to(root))
                    problem = _not_a_regular_file(p, base, checked_suffix=p.suffix.lower() in SUPPORTED_SUFFIXES)
                    if problem:
                        errors.append(LoadError(shown, problem))
                    elif p.suffix.lower() in SUPPORTED_SUFFIXES:
                        files.append((p, shown, base))
        elif exists:
            base = root.absolute().parent.resolve()
            shown = printable(root.name or str(root))
            problem = _not_a_regular_file(root, base, checked_suffix=True)
            if problem:
                errors.append(LoadError(shown, problem))
            else:
                files.append((root, shown, base))
        else:
            errors.append(LoadError(printable(root.name or str(root)), "no such file or folder"))
    docs: list[Document] = []
    manifests: dict[Path, Mapping[str, Metadata]] = {}
    for n, (path, shown, base) in enumerate(files, start=1):
        if progress:
            progress(n, len(files), shown)
        manifest = _manifest_for(path.parent, base, manifests, errors)
        suffix = path.suffix.lower()
        found: tuple[tuple[Document, ...], tuple[LoadError, ...]]
        limit = MAX_RECORD_FILE_BYTES if suffix in RECORD_SUFFIXES | {".zip"} else MAX_ARTICLE_FILE_BYTES
        try:
            with _open_regular(path, base, shown) as fh:
                if suffix == ".zip":
                    size = os.fstat(fh.fileno()).st_size
                    if size > limit:
                        raise UnreadableFile(shown, f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit for .zip files")
                    found = _documents(shown, fh, manifest=manifest, max_bytes=MAX_RECORD_FILE_BYTES)
                else:
                    data = _read_capped(fh, shown, limit, suffix=suffix)
                    found = _documents(shown, data, manifest=manifest, max_bytes=MAX_RECORD_FILE_BYTES)
        except UnreadableFile as exc:
            errors.append(LoadError(exc.path, exc.reason))
            continue
        docs.extend(found[0])
        errors.extend(found[1])
    return unique_ids(docs), tuple(errors)


def _shown(prefix: str, relative: Path) -> str:
    """Return the path to record for a file found under a root: relative to the root's folder.

    Exports and the shared dashboard show where an article came from without exposing the
    server's directory layout (``articles/2026/a.txt``, not ``/srv/data/articles/2026/a.txt``).
    """
    return printable((PurePosixPath(prefix) / relative.as_posix()).as_posix() if prefix else relative.as_posix())


def _inside(path: Path, base: Path) -> bool:
    """Return True when ``path``'s real location (links resolved) is ``base`` or under it."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a link loop
        return False
    return real == base or base in real.parents


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _not_a_regular_file(path: Path, base: Path, *, checked_suffix: bool) -> str:
    """Return why ``path`` must not be read ("" when it is a regular file inside ``base``).

    Nothing is opened: a FIFO's open() would wait for a writer forever, a device's may act.
    Regular files of unsupported types return "" (they are skipped without a word, as before);
    links out of the corpus and special files are named whatever their suffix.
    """
    try:
        if path.is_symlink():
            try:
                path.resolve(strict=True)
            except (OSError, RuntimeError) as exc:  # RuntimeError: Python 3.11's word for a link loop
                if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:
                    return "symbolic link loop; not read"
            if not _inside(path, base):
                return "symbolic link pointing outside the corpus folder; not read"
        info = path.stat()
    except (OSError, RuntimeError) as exc:
        if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
            return "symbolic link loop; not read"
        return printable(f"cannot be read ({getattr(exc, 'strerror', None) or type(exc).__name__})") if checked_suffix else ""
    if not stat.S_ISREG(info.st_mode):
        return f"{_kind(info.st_mode)}, not a regular file; not read"
    return ""


class _open_regular:
    """Open a regular file inside ``base`` for reading without following a swapped-in link or FIFO."""

    def __init__(self, path: Path, base: Path, shown: str) -> None:
        self.path, self.base, self.shown = path, base, shown
        self.fh: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        problem = _not_a_regular_file(self.path, self.base, checked_suffix=True)
        if problem:
            raise UnreadableFile(self.shown, problem)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            # The real path, opened without following a link and without waiting: a file swapped
            # for a link or a FIFO since the check above fails here instead of being read.
            fd = os.open(self.path.resolve(), flags)
        except (OSError, RuntimeError) as exc:
            raise UnreadableFile(self.shown, printable(f"cannot be read ({getattr(exc, 'strerror', None) or type(exc).__name__})")) from None
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            raise UnreadableFile(self.shown, f"{_kind(info.st_mode)}, not a regular file; not read")
        self.fh = os.fdopen(fd, "rb")
        return self.fh

    def __exit__(self, *exc: object) -> None:
        if self.fh is not None:
            self.fh.close()


def _read_capped(fh: IO[bytes], shown: str, limit: int, *, suffix: str = "") -> bytes:
    """Return the file's bytes; raise UnreadableFile as soon as more than ``limit`` bytes have been read.

    A size that ``stat`` already puts over the limit is refused without reading; a smaller one is
    not trusted (a file can grow, /proc files say 0), so the bytes read are counted as well.
    """
    try:
        stated = os.fstat(fh.fileno()).st_size
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        stated = 0
    too_big = f"over the {limit / 1e6:.0f} MB limit for {suffix or 'these'} files"
    if stated > limit:
        raise UnreadableFile(shown, f"file is {stated / 1e6:.1f} MB, {too_big}")
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := fh.read(min(1 << 20, limit + 1 - size)):
            size += len(chunk)
            if size > limit:
                raise UnreadableFile(shown, f"file is more than {limit / 1e6:.0f} MB, {too_big}")
            chunks.append(chunk)
    except OSError as exc:
        raise UnreadableFile(shown, printable(f"cannot be read ({exc.strerror or type(exc).__name__})")) from None
    return b"".join(chunks)


def _manifest_for(
    folder: Path, base: Path, cache: dict[Path, Mapping[str, Metadata]], errors: list[LoadError]
) -> Mapping[str, Metadata]:
    if folder not in cache:
        cache[folder] = {}
        for name in MANIFEST_NAMES:
            candidate = folder / name
            if not os.path.lexists(candidate):
                continue
            shown = printable(f"{folder.name}/{name}")
            try:
                with _open_regular(candidate, base, shown) as fh:
                    manifest = parse_manifest(shown, _read_capped(fh, shown, MAX_MANIFEST_BYTES, suffix=".csv"))
            except UnreadableFile as exc:
                errors.append(_printable_error(LoadError(exc.path, exc.reason)))
                break
            cache[folder] = manifest.rows
            errors.extend(_printable_error(e) for e in manifest.errors)
            break
    return cache[folder]


def unique_ids(docs: Iterable[Document]) -> tuple[Document, ...]:
    """Return the documents with repeated doc_ids made unique by a ``~N`` suffix."""
    seen: dict[str, int] = {}
    out: list[Document] = []
    for d in docs:
        n = seen.get(d.doc_id, 0) + 1
        seen[d.doc_id] = n
        out.append(d if n == 1 else replace(d, doc_id=f"{d.doc_id}~{n}"))
    return tuple(out)
