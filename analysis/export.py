"""The export: every table of an analysis run, as the versioned JSON contract (docs/export.md)."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.corpus import Corpus, article_words

if TYPE_CHECKING:
    from analysis.lexicon import Lexicon

SCHEMA_VERSION = 1
TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "source", "title", "published", "url", "language", "words", "path", "text"),
    "passages": ("passage_id", "doc_id", "role", "start", "end", "text", "reason"),
    "reuse": ("a", "b", "score", "spans", "doc_a", "doc_b", "coverage_a", "coverage_b", "same_document"),
    "framing": ("doc_id", "passage_id", "frame", "term", "match", "start", "end", "voice", "negated"),
    "claims": (
        "claim_id", "doc_id", "passage_id", "kind", "subject", "value", "text", "start", "end",
        "basis", "granularity", "confidence",
    ),
    "disagreements": ("kind", "subject", "status", "values"),
    "errors": ("path", "error"),
}

Step = Callable[[str], None]


def document_rows(corpus: Corpus) -> list[dict]:
    """Return the `documents` table."""
    return [
        {
            "doc_id": d.doc_id,
            "source": d.source,
            "title": d.title,
            "published": d.published.isoformat() if d.published else None,
            "url": d.url,
            "language": d.language,
            "words": article_words(corpus, d.doc_id),
            "path": d.path,
            "text": d.text,
        }
        for d in corpus.documents
    ]


def passage_rows(corpus: Corpus) -> list[dict]:
    """Return the `passages` table (reason is null for article roles)."""
    return [
        {
            "passage_id": p.passage_id,
            "doc_id": p.doc_id,
            "role": p.role,
            "start": p.start,
            "end": p.end,
            "text": p.text,
            "reason": p.reason or None,
        }
        for p in corpus.passages
    ]


def export_tables(corpus: Corpus, *, lexicon: Lexicon | None = None, step: Step | None = None) -> dict:
    """Return the full export of ``corpus``: schema_version and one list of records per table."""
    from analysis.disagreements import claims_export_rows
    from analysis.framing import framing_export_rows
    from analysis.lexicon import default_lexicon
    from analysis.reuse import reuse_export_rows

    say = step or (lambda _msg: None)
    say("reuse")
    reuse = reuse_export_rows(corpus)
    say("framing")
    framing = framing_export_rows(corpus, lexicon or default_lexicon())
    say("claims")
    claims, disagreements = claims_export_rows(corpus)
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": document_rows(corpus),
        "passages": passage_rows(corpus),
        "reuse": reuse,
        "framing": framing,
        "claims": claims,
        "disagreements": disagreements,
        "errors": [{"path": e.path, "error": e.error} for e in corpus.errors],
    }


def export_json(export: dict) -> str:
    """Return the export as JSON text."""
    return json.dumps(export, ensure_ascii=False, indent=1)


def write_json(export: dict, path: str | os.PathLike[str]) -> None:
    """Write the export as one UTF-8 JSON file."""
    Path(path).write_text(export_json(export), encoding="utf-8")


def csv_files(export: dict) -> dict[str, str]:
    """Return one CSV text per table (lists and objects in cells are JSON-encoded)."""
    out: dict[str, str] = {}
    for table, columns in TABLES.items():
        rows = export.get(table, [])
        extra = [k for row in rows for k in row if k not in columns]
        fields = list(columns) + sorted(set(extra), key=extra.index)
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
        out[f"{table}.csv"] = buf.getvalue()
    return out


def write_csv(export: dict, folder: str | os.PathLike[str]) -> list[Path]:
    """Write one CSV file per table into ``folder`` (created when missing)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in csv_files(export).items():
        p = target / name
        p.write_text(text, encoding="utf-8", newline="")
        written.append(p)
    return written


def _cell(value: object) -> object:
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    return value
