"""Document metadata: dates, what page chrome gives away, headline guesses, manifests (CSV or TOML)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import PurePosixPath

from analysis.ingest.cleaning import is_chrome_line
from analysis.ingest.decoding import UnreadableFile, decode_bytes, printable
from analysis.text.records import Document, LoadError

MANIFEST_NAMES = ("manifest.csv", "manifest.toml")


@dataclass(frozen=True, slots=True)
class Metadata:
    """Metadata found for one document; empty strings mean unknown."""

    doc_id: str = ""
    source: str = ""
    title: str = ""
    published: str = ""
    url: str = ""
    language: str = ""
    story: str = ""


# Columns and fields that name the story an article covers (BASIL's is triplet-uuid).
STORY_KEYS = ("story", "story_id", "event", "cluster", "topic", "triplet-uuid")


@dataclass(frozen=True, slots=True)
class Manifest:
    """A manifest's rows keyed by file name and by stem, and the rows it could not use."""

    rows: Mapping[str, Metadata]
    errors: tuple[LoadError, ...] = ()


# An ISO 639 code with optional BCP 47 subtags: "en", "pt-BR", "zh-hant-tw", "fil".
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*")


def language_code(value: str) -> str | None:
    """Return ``value`` as a lower-case language code, "" when blank, None when it is not one.

    The language decides which paragraphs count as off-language: a value like ``<b>en</b>``
    taken as given would set every paragraph of the article aside.
    """
    code = value.strip().lower().replace("_", "-")
    if not code:
        return ""
    return code if _LANGUAGE_CODE.fullmatch(code) else None


# Tried from each line start, within the line, with possessive runs: "^\W*" spanning lines and
# "\s*[:\-]?\s*" made a page of blank lines or spaces quadratic.
_CHROME_DATE = re.compile(
    r"^[^\w\n]*+(?:date|published|posted|updated|datum|fecha|date de publication)\s*+(?:[:\-]\s*+)?"
    r"(\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE | re.MULTILINE,
)


_TRAILER = re.compile(r"^[A-Z][\w-]*(?:\.[A-Za-z][\w-]*)+$")


def parse_date(value: object) -> date | None:
    """Return the date in an ISO-like string or timestamp (None when there is none)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s) or re.match(r"(\d{4})/(\d{1,2})/(\d{1,2})", s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%a, %d %b %Y %H:%M:%S %z"):
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


def chrome_metadata(text: str) -> Metadata:
    """Return the publication date and outlet that page chrome in ``text`` gives away.

    A line such as ``date 2026-01-13`` near the top gives the date; a short final line
    shaped like a site name (``News.Az``) gives the outlet.
    """
    head = text[:2000]
    published = ""
    m = _CHROME_DATE.search(head)
    if m and parse_date(m.group(1)):
        published = m.group(1)
    source = ""
    # The last non-blank line is the stripped text's last line: split in C, one strip in Python
    # (stripping every line cost 8 ms of loading 32,000 one-word lines).
    lines = text.strip().splitlines()
    last = lines[-1].strip() if lines else ""
    if last and len(last) <= 40 and _TRAILER.match(last):
        source = last
    return Metadata(source=source, published=published)


def guess_title(text: str) -> str:
    """Return the first non-empty line that reads as a headline ("" when none does).

    Page chrome (``date 2026-01-13 + ↺ − 16 px``, ``Home|Site``) and sentences ending
    with a full stop (captions, ledes) are skipped; only the first few lines are tried.
    """


    tried = 0
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        tried += 1
        if tried > 6:
            break
        if (
            is_chrome_line(s)
            or s.endswith((".", "!", "?"))
            or s[0] in "\"'“‘«„"
            or len(s.split(None, 20)) > 20  # more than twenty words, counted up to 21 (a long line is not split whole)
            or len(s.split(None, 1)) < 2
        ):
            continue
        return s
    return ""


def parse_manifest(name: str, data: bytes) -> Manifest:
    """Return a manifest's rows (CSV or TOML, by ``name``) keyed by file name and by stem.

    Pass ``rows`` as ``manifest=`` to ``documents_from_bytes`` to override metadata. A row whose
    language is not a language code keeps its other fields; the article keeps the language it
    was loaded or guessed with, and the row is named in ``errors``. Raises UnreadableFile when the
    manifest itself cannot be read.
    """
    text = decode_bytes(data, name)
    rows: list[dict[str, str]] = []
    if name.lower().endswith(".toml"):
        import tomllib

        try:
            parsed = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise UnreadableFile(name, f"malformed TOML manifest: {exc}") from None
        items = parsed.get("documents") or parsed.get("document") or []
        rows = [{str(k): "" if v is None else str(v) for k, v in item.items()} for item in items if isinstance(item, dict)]
        where = "document"
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        try:
            rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in r.items() if isinstance(v, str)}
                    for r in reader]
        except csv.Error as exc:
            raise UnreadableFile(name, f"malformed CSV manifest: {exc}") from None
        where = "row"
    out: dict[str, Metadata] = {}
    errors: list[LoadError] = []
    for n, row in enumerate(rows, start=1):
        key = row.get("file") or row.get("path") or row.get("doc_id") or ""
        if not key:
            continue
        language = language_code(row.get("language", ""))
        if language is None:
            errors.append(LoadError(
                f"{name} ({where} {n})",
                printable(f"language {row['language'][:40]!r} is not a language code (such as en or pt-BR); "
                          "ignored, the article keeps the language it was loaded with"),
                warning=True,
            ))
        meta = Metadata(
            source=row.get("outlet") or row.get("source") or "",
            title=row.get("title", ""),
            published=row.get("published") or row.get("date") or "",
            url=row.get("url", ""),
            language=language or "",
            story=next((row[k] for k in STORY_KEYS if row.get(k)), ""),
        )
        out[PurePosixPath(key).name] = meta
        out[PurePosixPath(key).stem] = meta
    return Manifest(out, tuple(errors))


def apply_manifest(doc: Document, manifest: Mapping[str, Metadata], file_name: str) -> Document:
    """Return ``doc`` with the manifest row for its file (single-article files) or its id (records)."""
    meta = (manifest.get(file_name) or manifest.get(PurePosixPath(file_name).stem)) if file_name else None
    meta = meta or manifest.get(doc.doc_id)
    if meta is None:
        return doc
    return replace(
        doc,
        source=meta.source or doc.source,
        title=meta.title or doc.title,
        published=parse_date(meta.published) or doc.published,
        url=meta.url or doc.url,
        language=(meta.language or doc.language).lower(),
        story=meta.story.strip() or doc.story,
    )
