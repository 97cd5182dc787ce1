"""Files uploaded through a browser -> documents: names cut to what the user sent, manifests applied."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

from analysis.ingest.decoding import UnreadableFile
from analysis.ingest.files import documents_from_bytes
from analysis.ingest.metadata import MANIFEST_NAMES, Metadata, parse_manifest
from analysis.text.records import Document, LoadError


def upload_name(name: str) -> str:
    """Return the name to record for an uploaded file: its name, or its path inside an uploaded folder.

    Browsers send a bare file name, or the path inside the folder the user picked. A name that
    is absolute, has a drive or climbs out with ".." is cut to its last part, so no machine's
    paths are ever shown.
    """
    path = PurePosixPath(name.replace("\\", "/"))
    parts = [p for p in path.parts if p not in (".", "")]
    if path.is_absolute() or ".." in parts or (parts and parts[0].endswith(":")):
        parts = parts[-1:]
    return "/".join(parts) or "upload"


def documents_from_uploads(
    files: Sequence[tuple[str, bytes]], *, progress: Callable[[int, int, int], None] | None = None
) -> tuple[tuple[Document, ...], tuple[LoadError, ...]]:
    """Parse uploaded files (any format the loader reads); a manifest.csv among them fills metadata.

    ``progress(files_read, files, articles)`` is called after each file with the articles found so
    far: one zip, JSON or CSV file can hold thousands. Documents and errors name the uploaded
    file (and the member inside a zip), never a server path.
    """
    files = [(upload_name(n), b) for n, b in files]
    manifests = [(n, b) for n, b in files if PurePosixPath(n).name.lower() in MANIFEST_NAMES]
    manifest: dict[str, Metadata] = {}
    errors: list[LoadError] = []
    for name, data in manifests:
        try:
            manifest.update(parse_manifest(name, data))
        except UnreadableFile as exc:
            errors.append(LoadError(exc.path, exc.reason))
    articles = [(n, b) for n, b in files if (n, b) not in manifests]
    docs: list[Document] = []
    for i, (name, data) in enumerate(articles, start=1):
        d, e = documents_from_bytes(name, data, manifest=manifest or None)
        docs.extend(d)
        errors.extend(e)
        if progress:
            progress(i, len(articles), len(docs))
    return tuple(docs), tuple(errors)
