"""Read articles from files, folders and zip archives into ``Document`` records.

This module and ``upload`` are the only places that read input bytes; ``formats`` parses one file. Every failure becomes a
``LoadError`` naming the file (and the record inside it) and the problem; one bad
input never stops the others.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath

from analysis.ingest.decoding import UnreadableFile
from analysis.ingest.formats import (
    MAX_ARTICLE_FILE_BYTES,
    MAX_RECORD_FILE_BYTES,
    RECORD_SUFFIXES,
    SUPPORTED_SUFFIXES,
    file_documents,
)
from analysis.ingest.metadata import MANIFEST_NAMES, Metadata, apply_manifest, parse_manifest
from analysis.text.records import Document, LoadError

MAX_ZIP_RATIO = 100  # uncompressed / compressed: above this (for a member over 1 MB) a zip bomb


# Bytes that one uploaded file (or everything in one uploaded zip) may expand to. A shared server
# must not be driven out of memory by one upload; the command line passes a larger figure.
UPLOAD_MAX_BYTES = 256 * 1024 * 1024


SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


Progress = Callable[[int, int, str], None]


def documents_from_bytes(
    name: str,
    data: bytes,
    *,
    manifest: dict[str, Metadata] | None = None,
    max_bytes: int = UPLOAD_MAX_BYTES,
) -> tuple[tuple[Document, ...], tuple[LoadError, ...]]:
    """Parse one named file's bytes (the suffix picks the format) into documents and errors.

    ``name`` is what errors and ``Document.path`` show (``archive.zip!folder/file.txt`` for
    zip members). ``max_bytes`` caps the file, and what a zip may expand to.
    """
    docs: list[Document] = []
    errors: list[LoadError] = []
    try:
        for item in _parse(name, data, max_bytes):
            if isinstance(item, LoadError):
                errors.append(item)
            else:
                docs.append(item)
    except UnreadableFile as exc:
        errors.append(LoadError(exc.path, exc.reason))
    except Exception as exc:  # a parser bug must not stop the corpus: report it against the file
        errors.append(LoadError(name, f"could not be read ({type(exc).__name__}: {str(exc)[:200]})"))
    if manifest:
        file_name = PurePosixPath(name.split("!")[-1]).name
        single = PurePosixPath(file_name).suffix.lower() not in RECORD_SUFFIXES
        docs = [apply_manifest(d, manifest, file_name if single else "") for d in docs]
    return tuple(docs), tuple(errors)


def _parse(name: str, data: bytes, max_bytes: int) -> Iterator[Document | LoadError]:
    own = PurePosixPath(name.split("!")[-1])
    suffix = own.suffix.lower()
    if suffix == ".zip":
        yield from _zip_documents(name, data, max_bytes)
        return
    yield from file_documents(name, data, max_bytes)


def _zip_documents(name: str, data: bytes, max_bytes: int) -> Iterator[Document | LoadError]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UnreadableFile(name, "not a valid zip archive") from None
    total = 0
    members = [i for i in archive.infolist() if not i.is_dir()]
    manifests = _zip_manifests(name, archive, members)
    for info in members:
        member = info.filename
        label = f"{name}!{member}"
        pure = PurePosixPath(member.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", member):
            yield LoadError(label, "unsafe member path (absolute or '..'); skipped")
            continue
        if pure.name.startswith(".") or "__MACOSX" in pure.parts or pure.name.lower() in MANIFEST_NAMES:
            continue
        if pure.suffix.lower() not in SUPPORTED_SUFFIXES - {".zip"}:
            yield LoadError(label, f"unsupported file type {pure.suffix or '(no extension)'}")
            continue
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > max_bytes or (info.file_size > 1_000_000 and ratio > MAX_ZIP_RATIO):
            yield LoadError(
                label,
                f"archive expands to more than {max_bytes / 1e6:.0f} MB or compresses {ratio:.0f}:1 "
                "(possible zip bomb); stopped reading it",
            )
            return
        try:
            payload = archive.read(info)
        except Exception as exc:
            yield LoadError(label, f"cannot be extracted ({type(exc).__name__})")
            continue
        docs, errors = documents_from_bytes(
            label, payload, manifest=manifests.get(str(pure.parent)), max_bytes=max_bytes
        )
        yield from errors
        yield from docs


def _zip_manifests(name: str, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> dict[str, dict[str, Metadata]]:
    """Return each folder's manifest inside the archive, keyed by the folder ("." for the root)."""
    found: dict[str, dict[str, Metadata]] = {}
    for info in members:
        pure = PurePosixPath(info.filename.replace("\\", "/"))
        if pure.name.lower() in MANIFEST_NAMES and info.file_size < 50_000_000:
            try:
                found.setdefault(str(pure.parent), parse_manifest(info.filename, archive.read(info)))
            except UnreadableFile:
                continue
    return found


def load_documents(
    paths: Sequence[str | os.PathLike[str]] = (), *, progress: Progress | None = None
) -> tuple[tuple[Document, ...], tuple[LoadError, ...]]:
    """Load every supported file under ``paths`` (files, folders, zips); no paths = the bundled seeds.

    Document ids are made unique (a suffix ``~2`` on a repeat) so offsets never mix.
    """
    roots = [Path(p) for p in paths] or [SEEDS_DIR]
    files: list[tuple[Path, str]] = []  # (path on disk, path shown: relative to the input's folder)
    errors: list[LoadError] = []
    for root in roots:
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for fn in sorted(filenames):
                    p = Path(dirpath) / fn
                    if fn.startswith(".") or fn.lower() in MANIFEST_NAMES:
                        continue
                    if p.suffix.lower() in SUPPORTED_SUFFIXES:
                        files.append((p, _shown_path(p, root)))
        elif root.exists():
            files.append((root, _shown_path(root, root)))
        else:
            errors.append(LoadError(root.name or str(root), "no such file or folder"))
    docs: list[Document] = []
    manifests: dict[Path, dict[str, Metadata]] = {}
    for n, (path, shown) in enumerate(files, start=1):
        if progress:
            progress(n, len(files), shown)
        manifest = _manifest_for(path.parent, manifests, errors)
        try:
            size = path.stat().st_size
            limit = MAX_RECORD_FILE_BYTES if path.suffix.lower() in RECORD_SUFFIXES | {".zip"} else MAX_ARTICLE_FILE_BYTES
            if size > limit:
                errors.append(
                    LoadError(shown, f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit for {path.suffix} files")
                )
                continue
            data = path.read_bytes()
        except OSError as exc:
            errors.append(LoadError(shown, f"cannot be read ({exc.strerror or type(exc).__name__})"))
            continue
        d, e = documents_from_bytes(shown, data, manifest=manifest, max_bytes=MAX_RECORD_FILE_BYTES)
        docs.extend(d)
        errors.extend(e)
    return unique_ids(docs), tuple(errors)


def _manifest_for(folder: Path, cache: dict[Path, dict[str, Metadata]], errors: list[LoadError]) -> dict[str, Metadata]:
    if folder not in cache:
        cache[folder] = {}
        for name in MANIFEST_NAMES:
            candidate = folder / name
            if candidate.is_file():
                try:
                    cache[folder] = parse_manifest(candidate.name, candidate.read_bytes())
                except UnreadableFile as exc:
                    errors.append(LoadError(f"{folder.name}/{exc.path}", exc.reason))
                break
    return cache[folder]


def _shown_path(path: Path, root: Path) -> str:
    """Return the path to record for ``path`` found under ``root``: relative to the root's folder.

    Exports and the shared dashboard show where an article came from without exposing the
    server's directory layout (``articles/2026/a.txt``, not ``/srv/data/articles/2026/a.txt``).
    """
    base = root.resolve().parent
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.name


def unique_ids(docs: Iterable[Document]) -> tuple[Document, ...]:
    """Return the documents with repeated doc_ids made unique by a ``~N`` suffix."""
    seen: dict[str, int] = {}
    out: list[Document] = []
    for d in docs:
        n = seen.get(d.doc_id, 0) + 1
        seen[d.doc_id] = n
        out.append(d if n == 1 else replace(d, doc_id=f"{d.doc_id}~{n}"))
    return tuple(out)
