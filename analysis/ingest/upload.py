"""Files uploaded through a browser -> documents: names cut to what the user sent, manifests applied."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from analysis.ingest.decoding import UnreadableFile, printable
from analysis.ingest.files import documents_from_bytes
from analysis.ingest.metadata import MANIFEST_NAMES, Metadata, parse_manifest
from analysis.text.records import Document, LoadError


def upload_name(name: str) -> str:
    """Return the name to record for an uploaded file: its name, or its path inside an uploaded folder.

    Browsers send a bare file name, or the path inside the folder the user picked. A name that
    is absolute, has a drive or climbs out with ".." is cut to its last part, so no machine's
    paths are ever shown; control characters are escaped.
    """
    path = PurePosixPath(name.replace("\\", "/"))
    parts = [p for p in path.parts if p not in (".", "")]
    if path.is_absolute() or ".." in parts or (parts and parts[0].endswith(":")):
        parts = parts[-1:]
    return printable("/".join(parts)) or "upload"


@dataclass(frozen=True, slots=True)
class Uploads:
    """Uploaded files sorted out: the articles (named as recorded), the manifest they share, its errors."""

    articles: tuple[tuple[str, bytes], ...]
    manifest: Mapping[str, Metadata]
    errors: tuple[LoadError, ...]


def sorted_uploads(files: Sequence[tuple[str, bytes]]) -> Uploads:
    """Return the uploaded files' articles and the metadata of any manifest.csv/.toml among them."""
    named = [(upload_name(n), b) for n, b in files]
    manifest: dict[str, Metadata] = {}
    errors: list[LoadError] = []
    articles: list[tuple[str, bytes]] = []
    for name, data in named:
        if PurePosixPath(name).name.lower() not in MANIFEST_NAMES:
            articles.append((name, data))
            continue
        try:
            parsed = parse_manifest(name, data)
        except UnreadableFile as exc:
            errors.append(LoadError(exc.path, printable(exc.reason)))
            continue
        manifest.update(parsed.rows)
        errors.extend(parsed.errors)
    return Uploads(tuple(articles), manifest, tuple(errors))


def documents_from_uploads(
    files: Sequence[tuple[str, bytes]], *, progress: Callable[[int, int, int], None] | None = None
) -> tuple[tuple[Document, ...], tuple[LoadError, ...]]:
    """Parse uploaded files (any format the loader reads); a manifest.csv among them fills metadata.

    ``progress(files_read, files, articles)`` is called after each file with the articles found so
    far: one zip, JSON or CSV file can hold thousands. Documents and errors name the uploaded
    file (and the member inside a zip), never a server path.
    """
    uploads = sorted_uploads(files)
    docs: list[Document] = []
    errors = list(uploads.errors)
    for i, (name, data) in enumerate(uploads.articles, start=1):
        d, e = documents_from_bytes(name, data, manifest=uploads.manifest or None)
        docs.extend(d)
        errors.extend(e)
        if progress:
            progress(i, len(uploads.articles), len(docs))
    return tuple(docs), tuple(errors)
