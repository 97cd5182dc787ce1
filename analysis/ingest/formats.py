"""One file's text -> documents: plain text and Markdown, HTML pages, JSON, JSONL and CSV records."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from analysis.ingest.decoding import UnreadableFile, decode_bytes
from analysis.ingest.metadata import STORY_KEYS, Metadata, chrome_metadata, guess_title, language_code, parse_date
from analysis.text.records import Document, LoadError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})


HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".csv"})


SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | {".zip"}


MAX_ARTICLE_FILE_BYTES = 8 * 1024 * 1024  # one article per file: 8 MB is far beyond any real article


MAX_RECORD_FILE_BYTES = 1024 * 1024 * 1024  # JSON/JSONL/CSV collections


MAX_ARTICLE_CHARS = 2_000_000


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
        language=language_code(meta.language) or "",
        path=path,
        text=text,
        story=meta.story,
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


# Markup that costs the extractor more than it can hold: at least this many elements, with
# under this many characters of text per element. trafilatura costs 30-130 us per element
# (measured: real documentation pages, 11 to 59 characters of text per element, took 1-2 s
# per MB; a 7.8 MB page of 557,000 inline "<span>x</span>", one character per element, took
# 23 s). Such a page is read as its visible text only. Below the floor the extractor is cheap
# whatever the markup (5,000 elements: under 0.7 s), so small pages keep its metadata.
_MIN_EXTRACTOR_TEXT_PER_ELEMENT = 4
_PATHOLOGICAL_MIN_ELEMENTS = 5_000


def _html_document(path: str, stem: str, html: str) -> Document:
    tree = _html_tree(html)
    if tree is not None and _pathological_markup(tree):
        body = _visible_text(tree)
        if _only_navigation(body):
            raise UnreadableFile(path, "no article text found in the HTML")
        title = " ".join((tree.findtext(".//title") or "").split())
        return _make(path, Metadata(title=title), _with_title(title, body), fallback_id=stem)

    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    result = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else extracted
    body = (result or {}).get("text") or ""
    if len(body.split()) < 10:
        # No article found by the extractor: fall back to the visible text, unless that is only
        # navigation (a page with no article must not load as its menu).
        body = _visible_text(tree) if tree is not None else ""
        if _only_navigation(body):
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


def _html_tree(html: str) -> Any:
    """Return the page parsed by lxml (its own tree: the extractor parses the text itself), or None."""
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(html)
    except Exception:  # lxml raises several types on unparsable or declared-encoding input
        return None


def _pathological_markup(tree: Any) -> bool:
    """Return True for markup with so little text per element that the extractor would stall on it."""
    elements = int(tree.xpath("count(//*)"))  # counted in C: a Python walk of 557,000 elements took 0.4 s
    if elements < _PATHOLOGICAL_MIN_ELEMENTS:
        return False
    # Text of scripts and styles is not text a reader sees: it must not make dense markup pass.
    outermost = f"({_HIDDEN_ELEMENTS})[not(ancestor::script or ancestor::style or ancestor::noscript" \
        " or ancestor::template or ancestor::iframe)]"
    hidden = sum(len(e.text_content()) for e in tree.xpath(outermost))
    return len(tree.text_content()) - hidden < _MIN_EXTRACTOR_TEXT_PER_ELEMENT * elements


def _only_navigation(body: str) -> bool:
    """Return True when a page's visible text is too little to be an article (a menu, a few labels).

    Few words in many characters is text glued by inline markup (or written without spaces),
    not a menu: it is kept.
    """
    return len(body.split()) < 25 and len(body) < 500


# Elements that start a new line of visible text; every other element (span, a, b, em ...) runs
# inline with its neighbours, as a browser shows it. Reading each text node as a line made a page
# of 557,000 "<span>x</span>" into 557,000 one-letter paragraphs.
_BLOCK_ELEMENTS = (
    "address|article|aside|blockquote|br|caption|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure"
    "|footer|form|h1|h2|h3|h4|h5|h6|header|hgroup|hr|li|main|nav|ol|p|pre|section|summary|table|td|th"
    "|title|tr|ul"
).split("|")
_HIDDEN_ELEMENTS = "//script|//style|//noscript|//template|//iframe"
_LINE_MARK = "\u2029"  # PARAGRAPH SEPARATOR: means a line break wherever it already occurs in text


def _visible_text(tree: Any) -> str:
    """Return the visible text of a parsed HTML page, a line per block (scripts, styles and markup dropped).

    Changes ``tree``: its hidden elements are dropped and its blocks marked.
    """
    for bad in tree.xpath(_HIDDEN_ELEMENTS):
        bad.drop_tree()
    # Mark the blocks, then take the text in one C call: a Python pass over every text node
    # costs per element, which the page's author chooses.
    for block in tree.xpath("|".join(f"//{name}" for name in _BLOCK_ELEMENTS)):
        block.text = _LINE_MARK + (block.text or "")
        block.tail = _LINE_MARK + (block.tail or "")
        if block.tag == "pre":  # lines of preformatted text are lines
            for inner in block.iter():
                if inner.text:
                    inner.text = inner.text.replace("\n", _LINE_MARK)
                if inner is not block and inner.tail:
                    inner.tail = inner.tail.replace("\n", _LINE_MARK)
    lines = (" ".join(line.split()) for line in tree.text_content().split(_LINE_MARK))
    return "\n".join(line for line in lines if line)


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
    "story": STORY_KEYS,
}


def record_fields() -> dict[str, tuple[str, ...]]:
    """Return the names a JSON key or CSV column may have for each field the loader reads, first found first.

    Names are matched ignoring case; a field with none of them is left empty (the text is required).
    """
    return {"text": _TEXT_KEYS, **_KEYS}


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
        story=_story_value(_pick(record, _KEYS["story"])),
    )
    return _make(path, meta, _with_title(title, body), fallback_id=fallback_id)


def _story_value(value: object) -> str:
    """Return a story field as text: numbers as written (3, not 3.0), lists and objects as nothing."""
    if isinstance(value, bool) or isinstance(value, (list, dict)) or value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _record_items(where: str, record: object, fallback_id: str) -> Iterator[Document | LoadError]:
    """Yield one record's document (or its error), and a note when its language had to be ignored."""
    try:
        doc = _record_document(where, record, fallback_id)
    except UnreadableFile as exc:
        yield LoadError(exc.path, exc.reason)
        return
    yield doc
    stated = str(_pick(record, _KEYS["language"]) or "") if isinstance(record, dict) else ""
    if language_code(stated) is None:
        yield LoadError(
            where,
            f"language {stated[:40]!r} is not a language code (such as en or pt-BR); ignored, the language is guessed",
            warning=True,
        )


def _records(
    path: str, stem: str, records: Iterable[tuple[int, object]], *, unit: str = "record"
) -> Iterator[Document | LoadError]:
    for n, record in records:
        yield from _record_items(f"{path} ({unit} {n})", record, f"{stem}-{n}")


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
        yield from _record_items(path, data, stem)
        return
    if not isinstance(data, list):
        raise UnreadableFile(path, f"expected a JSON object or a list of objects, found {type(data).__name__}")
    if not data:
        raise UnreadableFile(path, "the JSON list is empty")
    yield from _records(path, stem, enumerate(data, start=1))


def _jsonl_documents(path: str, stem: str, text: str) -> Iterator[Document | LoadError]:
    # Records end at "\n" only (JSON Lines). str.splitlines() also breaks at U+2028, U+2029, U+0085
    # and other separators that are valid raw inside a JSON string: it rejected good records and
    # let a line hidden inside one record's string be read as a record of its own.
    parsed: list[tuple[int, object]] = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            parsed.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            yield LoadError(f"{path} (line {n})", f"malformed JSON: {exc.msg} at column {exc.colno}")
    for n, record in parsed:
        yield from _record_items(f"{path} (line {n})", record, f"{stem}-{n}")


_EXTRA = "\x00extra"  # DictReader's key for fields beyond the header


MAX_CSV_FIELD_CHARS = MAX_ARTICLE_CHARS * 2


def _csv_documents(path: str, stem: str, text: str) -> Iterator[Document | LoadError]:
    # The csv module's own limit raises in the middle of a field and resumes at the next line, so
    # a long quoted field's later lines would come back as rows of their own; read every field
    # whole (the text is in memory already) and refuse over-long ones row by row instead.
    csv.field_size_limit(sys.maxsize)
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
    n = 0
    try:
        for n, row in enumerate(reader, start=1):
            if row.get(_EXTRA):
                yield LoadError(
                    f"{path} (row {n})",
                    f"row has {len(row[_EXTRA])} more field(s) than the header (an unquoted comma?); skipped",
                )
                continue
            longest = max((len(v) for v in row.values() if isinstance(v, str)), default=0)
            if longest > MAX_CSV_FIELD_CHARS:
                yield LoadError(
                    f"{path} (row {n})",
                    f"a field of {longest:,} characters is over the {MAX_CSV_FIELD_CHARS:,} limit "
                    "(an unclosed quote?); row skipped",
                )
                continue
            rows.append((n, {(k or "").strip(): v for k, v in row.items()}))
    except csv.Error as exc:
        yield LoadError(f"{path} (row {n + 1})", f"malformed CSV: {exc}; the rest of the file was not read")
    if not rows and reader.line_num <= 1:
        raise UnreadableFile(path, "the CSV has a header but no rows")
    yield from _records(path, stem, rows, unit="row")  # "row n", as the errors about rows say


def _safe_id(value: str) -> str:
    value = re.sub(r"[^\w.~-]+", "_", value.strip()).strip("_")
    return value[:120] or "doc"


def file_documents(name: str, data: bytes, max_bytes: int) -> Iterator[Document | LoadError]:
    """Yield the documents (and per-record errors) of one non-archive file; raise UnreadableFile.

    The suffix of ``name`` (the part after the last ``!`` for zip members) picks the format.
    """
    own = PurePosixPath(name.split("!")[-1])
    suffix = own.suffix.lower()
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
