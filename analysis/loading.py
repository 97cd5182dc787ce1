"""Read articles from files, folders and zip archives into ``Document`` records.

This module is the only place that touches the file system. Every failure becomes a
``LoadError`` naming the file (and the record inside it) and the problem; one bad
input never stops the others.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from analysis.corpus import Document, LoadError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".csv"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | {".zip"}
MANIFEST_NAMES = ("manifest.csv", "manifest.toml")

MAX_ARTICLE_FILE_BYTES = 8 * 1024 * 1024  # one article per file: 8 MB is far beyond any real article
MAX_RECORD_FILE_BYTES = 1024 * 1024 * 1024  # JSON/JSONL/CSV collections
MAX_ARTICLE_CHARS = 2_000_000
MAX_ZIP_RATIO = 100  # uncompressed / compressed: above this (for a member over 1 MB) a zip bomb
# Bytes that one uploaded file (or everything in one uploaded zip) may expand to. A shared server
# must not be driven out of memory by one upload; the command line passes a larger figure.
UPLOAD_MAX_BYTES = 256 * 1024 * 1024

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

Progress = Callable[[int, int, str], None]


class UnreadableFile(Exception):
    """A file that cannot be turned into documents, with the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Metadata:
    """Metadata found for one document; empty strings mean unknown."""

    doc_id: str = ""
    source: str = ""
    title: str = ""
    published: str = ""
    url: str = ""
    language: str = ""


# --------------------------------------------------------------------------- decoding


# Non-ASCII characters that Windows-1252 text in Western European languages is made of. A
# cp1252 decoding that yields anything else (³ ¹ ¾ ð þ ý Ð ...) is some other code page read wrong.
_WESTERN = frozenset(
    "àâäáãåæçéèêëíìîïñóòôöõøœùúûüÿßÀÂÄÁÃÅÆÇÉÈÊËÍÌÎÏÑÓÒÔÖÕØŒÙÚÛÜŸ"
    "“”‘’„‚«»–—…•·€£¥¢§©®™°±×÷¼½¡¿ªº\u00a0"
)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode article bytes: BOMs first, then strict UTF-8, then a checked legacy encoding.

    Raises UnreadableFile for binary data or text whose encoding cannot be told reliably,
    rather than returning mojibake.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(data, "utf-32", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name)
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise UnreadableFile(name, "binary data (NUL bytes), not a text file")
        return _strict(data, utf16, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _legacy(data, name, exc)
    _reject_binary_text(text, name)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when NUL bytes sit at every other position (ASCII-heavy UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.6 and even < 0.05:
        return "utf-16-le"
    if even > 0.6 and odd < 0.05:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(name, f"not valid {encoding.upper()}: byte {exc.start} is invalid") from None
    text = text.lstrip("\ufeff")
    _reject_binary_text(text, name)
    return text


def _legacy(data: bytes, name: str, err: UnicodeDecodeError) -> str:
    from charset_normalizer import from_bytes

    where = f"invalid UTF-8 at byte {err.start}"
    repaired = data.decode("utf-8", errors="replace")
    if any(ord(ch) > 0x7F and ch != "\ufffd" for ch in repaired):
        # Real multi-byte UTF-8 sequences next to invalid bytes: a damaged UTF-8 file, not a legacy one.
        raise UnreadableFile(name, f"{where} in an otherwise UTF-8 file (damaged or mixed encodings); repair it or save it as UTF-8")
    # Windows-1252 is by far the commonest legacy encoding of news text; detectors confuse it with
    # cp1250/cp1254. Take it when every non-ASCII character it yields is one Western text uses.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = ""
    if western and all(ch.isascii() or ch in _WESTERN for ch in western):
        _reject_binary_text(western, name)
        return western
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableFile(name, f"{where}, and no other encoding fits; save it as UTF-8")
    encoding = best.encoding
    text = str(best)
    # Accept a legacy guess only when it is plausible text: its non-ASCII characters are letters
    # or common punctuation, and there are no C1 controls.
    odd = [ch for ch in text if not ch.isascii() and not ch.isalpha() and ch not in _WESTERN]
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if best.chaos > 0.2 or controls or len(odd) > max(2, len(text) // 500):
        raise UnreadableFile(
            name, f"{where}; the encoding could not be determined reliably (best guess {encoding}); save it as UTF-8"
        )
    if encoding.replace("_", "").lower() in {"utf8", "ascii"}:
        raise UnreadableFile(name, f"{where}; save it as valid UTF-8")
    suspicious = sorted({ch for ch in text if ch in "þðýÞÐÝ"})
    if suspicious and encoding.lower().replace("-", "_") in {"cp1252", "latin_1", "iso8859_1", "iso8859_15", "mac_roman"}:
        # Icelandic letters in a Western reading are the signature of another code page (Turkish
        # cp1254 ş ı ğ) read as cp1252: refuse rather than show mojibake.
        raise UnreadableFile(
            name, f"{where}; the legacy encoding is ambiguous ({encoding} gives {''.join(suspicious)}); save it as UTF-8"
        )
    return text


def _reject_binary_text(text: str, name: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > max(8, len(sample) // 100):
        raise UnreadableFile(name, "binary data (control characters), not a text file")


# --------------------------------------------------------------------------- metadata helpers

_CHROME_DATE = re.compile(
    r"^\W*(?:date|published|posted|updated|datum|fecha|date de publication)\s*[:\-]?\s*"
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
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if lines and len(lines[-1]) <= 40 and _TRAILER.match(lines[-1]):
        source = lines[-1]
    return Metadata(source=source, published=published)


def guess_title(text: str) -> str:
    """Return the first non-empty line that reads as a headline ("" when none does).

    Page chrome (``date 2026-01-13 + ↺ − 16 px``, ``Home|Site``) and sentences ending
    with a full stop (captions, ledes) are skipped; only the first few lines are tried.
    """
    from analysis.cleaning import is_chrome_line

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
            or len(s.split()) > 20
            or len(s.split()) < 2
        ):
            continue
        return s
    return ""


# --------------------------------------------------------------------------- formats


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
        docs = [_apply_manifest(d, manifest, file_name if single else "") for d in docs]
    return tuple(docs), tuple(errors)


def _parse(name: str, data: bytes, max_bytes: int) -> Iterator[Document | LoadError]:
    own = PurePosixPath(name.split("!")[-1])
    suffix = own.suffix.lower()
    if suffix == ".zip":
        yield from _zip_documents(name, data, max_bytes)
        return
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(name, f"unsupported file type {suffix or '(no extension)'}")
    limit = min(max_bytes, MAX_RECORD_FILE_BYTES if suffix in RECORD_SUFFIXES else MAX_ARTICLE_FILE_BYTES)
    if len(data) > limit:
        raise UnreadableFile(
            name, f"file is {len(data) / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit for {suffix} files"
        )
    if not data.strip():
        raise UnreadableFile(name, "file is empty")
    text = decode_bytes(data, name)
    if not text.strip():
        raise UnreadableFile(name, "file has no text")
    stem = own.stem
    if suffix in TEXT_SUFFIXES:
        yield _text_document(name, stem, text, markdown=suffix != ".txt")
    elif suffix in HTML_SUFFIXES:
        yield _html_document(name, stem, text)
    elif suffix == ".json":
        yield from _json_documents(name, stem, text)
    elif suffix in {".jsonl", ".ndjson"}:
        yield from _jsonl_documents(name, stem, text)
    else:
        yield from _csv_documents(name, stem, text)


def _make(path: str, meta: Metadata, text: str, *, fallback_id: str) -> Document:
    if len(text) > MAX_ARTICLE_CHARS:
        raise UnreadableFile(
            path, f"article text is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableFile(path, "no article text")
    chrome = chrome_metadata(text)
    title = meta.title.strip() or guess_title(text)
    return Document(
        doc_id=_safe_id(meta.doc_id or fallback_id),
        source=(meta.source or chrome.source).strip(),
        title=title,
        published=parse_date(meta.published) or parse_date(chrome.published),
        url=meta.url.strip(),
        language=meta.language.strip().lower(),
        path=path,
        text=text,
    )


def document_from_text(
    text: str,
    *,
    name: str,
    source: str = "",
    title: str = "",
    published: str | date | None = None,
    url: str = "",
    language: str = "",
) -> Document:
    """Return a document for pasted text (``name`` becomes its doc_id); raise UnreadableFile when empty."""
    if not text.strip():
        raise UnreadableFile(name, "no text was given")
    meta = Metadata(
        source=source,
        title=title,
        published=published.isoformat() if isinstance(published, date) else (published or ""),
        url=url,
        language=language,
    )
    return _make(f"<pasted>/{name}", meta, text, fallback_id=name)


def _text_document(path: str, stem: str, text: str, *, markdown: bool) -> Document:
    title = ""
    if markdown:
        m = re.search(r"^\s*#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
        title = m.group(1) if m else ""
    return _make(path, Metadata(title=title), text, fallback_id=stem)


def _html_document(path: str, stem: str, html: str) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    result = extracted.as_dict() if hasattr(extracted, "as_dict") else extracted
    body = (result or {}).get("text") or ""
    if len(body.split()) < 10:
        # No article found by the extractor: fall back to the visible text, unless that is only
        # navigation (a page with no article must not load as its menu).
        body = _visible_text(html)
        if len(body.split()) < 25:
            raise UnreadableFile(path, "no article text found in the HTML")
    title = ((result or {}).get("title") or "").strip()
    text = _with_title(title, body)
    meta = Metadata(
        title=title,
        source=((result or {}).get("sitename") or "").strip(),
        published=str((result or {}).get("date") or ""),
        url=((result or {}).get("url") or "").strip(),
        language=((result or {}).get("language") or "").strip(),
    )
    return _make(path, meta, text, fallback_id=stem)


def _visible_text(html: str) -> str:
    """Return the visible text of an HTML page (scripts, styles and markup dropped)."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception:
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template|//iframe"):
        bad.drop_tree()
    blocks = [t.strip() for t in tree.itertext()]
    return "\n".join(b for b in blocks if b)


def _with_title(title: str, body: str) -> str:
    body = body.strip("\n")
    if title and not body.lstrip().startswith(title):
        return f"{title}\n\n{body}"
    return body


_TEXT_KEYS = ("text", "body", "content", "article", "full_text", "maintext", "body-paragraphs", "paragraphs")
_KEYS = {
    "title": ("title", "headline", "name"),
    "source": ("source", "outlet", "publisher", "site", "site_name", "sitename", "media", "domain"),
    "published": ("published", "date", "published_at", "publication_date", "pubdate", "datetime", "date_publish"),
    "url": ("url", "link", "href"),
    "doc_id": ("id", "doc_id", "uuid", "article_id"),
    "language": ("language", "lang"),
}


def _pick(record: dict[str, object], keys: Sequence[str]) -> object:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for k in keys:
        v = lowered.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _flatten_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = [" ".join(_flatten_text(x) for x in v) if isinstance(v, list) else _flatten_text(v) for v in value]
        return "\n\n".join(p for p in parts if p.strip())
    return "" if value is None else str(value)


def _record_document(path: str, record: object, fallback_id: str) -> Document:
    if not isinstance(record, dict):
        raise UnreadableFile(path, f"expected an object, found {type(record).__name__}")
    body = _flatten_text(_pick(record, _TEXT_KEYS))
    if not body.strip():
        raise UnreadableFile(path, f"no text field (looked for {', '.join(_TEXT_KEYS[:4])} ...)")
    title = _flatten_text(_pick(record, _KEYS["title"])).strip()
    meta = Metadata(
        doc_id=str(_pick(record, _KEYS["doc_id"]) or ""),
        source=_flatten_text(_pick(record, _KEYS["source"])),
        title=title,
        published=str(_pick(record, _KEYS["published"]) or ""),
        url=str(_pick(record, _KEYS["url"]) or ""),
        language=str(_pick(record, _KEYS["language"]) or ""),
    )
    return _make(path, meta, _with_title(title, body), fallback_id=fallback_id)


def _records(path: str, stem: str, records: Iterable[tuple[int, object]]) -> Iterator[Document | LoadError]:
    for n, record in records:
        where = f"{path} (record {n})"
        try:
            yield _record_document(where, record, f"{stem}-{n}")
        except UnreadableFile as exc:
            yield LoadError(exc.path, exc.reason)


def _json_documents(path: str, stem: str, text: str) -> Iterator[Document | LoadError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(path, f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if isinstance(data, dict):
        for key in ("articles", "documents", "items", "data", "records"):
            if isinstance(data.get(key), list) and not any(k in data for k in _TEXT_KEYS):
                data = data[key]
                break
    if isinstance(data, dict):
        try:
            yield _record_document(path, data, stem)
        except UnreadableFile as exc:
            yield LoadError(exc.path, exc.reason)
        return
    if not isinstance(data, list):
        raise UnreadableFile(path, f"expected a JSON object or a list of objects, found {type(data).__name__}")
    if not data:
        raise UnreadableFile(path, "the JSON list is empty")
    yield from _records(path, stem, enumerate(data, start=1))


def _jsonl_documents(path: str, stem: str, text: str) -> Iterator[Document | LoadError]:
    parsed: list[tuple[int, object]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            parsed.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            yield LoadError(f"{path} (line {n})", f"malformed JSON: {exc.msg} at column {exc.colno}")
    for n, record in parsed:
        try:
            yield _record_document(f"{path} (line {n})", record, f"{stem}-{n}")
        except UnreadableFile as exc:
            yield LoadError(exc.path, exc.reason)


_EXTRA = "\x00extra"  # DictReader's key for fields beyond the header


def _csv_documents(path: str, stem: str, text: str) -> Iterator[Document | LoadError]:
    csv.field_size_limit(MAX_ARTICLE_CHARS * 2)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect, restkey=_EXTRA)
    fields = [f.lower().strip() for f in (reader.fieldnames or []) if f]
    repeated = sorted({f for f in fields if fields.count(f) > 1})
    if repeated:
        raise UnreadableFile(path, f"CSV header repeats the column(s) {', '.join(repeated)}")
    if not any(k in fields for k in _TEXT_KEYS):
        raise UnreadableFile(
            path, f"CSV has no text column (expected one of: text, body, content, article); columns: {', '.join(fields) or 'none'}"
        )
    rows: list[tuple[int, object]] = []
    try:
        for n, row in enumerate(reader, start=1):
            if row.get(_EXTRA):
                yield LoadError(
                    f"{path} (row {n})",
                    f"row has {len(row[_EXTRA])} more field(s) than the header (an unquoted comma?); skipped",
                )
                continue
            rows.append((n, {(k or "").strip(): v for k, v in row.items()}))
    except csv.Error as exc:
        raise UnreadableFile(path, f"malformed CSV: {exc}") from None
    if not rows and reader.line_num <= 1:
        raise UnreadableFile(path, "the CSV has a header but no rows")
    yield from _records(path, stem, rows)


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


# --------------------------------------------------------------------------- manifests


def parse_manifest(name: str, data: bytes) -> dict[str, Metadata]:
    """Return a manifest's rows (CSV or TOML, by ``name``) keyed by file name and by stem.

    Pass the result as ``manifest=`` to ``documents_from_bytes`` to override metadata.
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
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in r.items() if isinstance(v, str)} for r in reader]
    out: dict[str, Metadata] = {}
    for row in rows:
        key = row.get("file") or row.get("path") or row.get("doc_id") or ""
        if not key:
            continue
        meta = Metadata(
            source=row.get("outlet") or row.get("source") or "",
            title=row.get("title", ""),
            published=row.get("published") or row.get("date") or "",
            url=row.get("url", ""),
            language=row.get("language", ""),
        )
        out[PurePosixPath(key).name] = meta
        out[PurePosixPath(key).stem] = meta
    return out


def _apply_manifest(doc: Document, manifest: dict[str, Metadata], file_name: str) -> Document:
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
    )


# --------------------------------------------------------------------------- paths


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


def _safe_id(value: str) -> str:
    value = re.sub(r"[^\w.~-]+", "_", value.strip()).strip("_")
    return value[:120] or "doc"
