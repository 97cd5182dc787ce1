"""The export: every table of an analysis run, as the versioned JSON contract (docs/export.md)."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from analysis.claims.comparison import Disagreement, disagreements
from analysis.claims.extraction import Claim, all_claims
from analysis.claims.tables import (
    CLAIM_EXPORT_COLUMNS,
    DISAGREEMENT_EXPORT_COLUMNS,
    claim_rows,
    disagreement_rows,
)
from analysis.framing.hits import FramingHit, framing_hits
from analysis.framing.lexicon import Lexicon, default_lexicon
from analysis.framing.tables import EXPORT_COLUMNS, framing_rows
from analysis.reuse.matches import DEFAULT_MIN_SCORE, ReuseMatch, matches_above, reuse_matches
from analysis.reuse.tables import REUSE_EXPORT_COLUMNS, reuse_rows
from analysis.text.records import Corpus, LoadError, article_words

SCHEMA_VERSION = 1
TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "source", "title", "published", "url", "language", "words", "path", "text"),
    "passages": ("passage_id", "doc_id", "role", "start", "end", "text", "reason"),
    "reuse": REUSE_EXPORT_COLUMNS,
    "framing": EXPORT_COLUMNS,
    "claims": CLAIM_EXPORT_COLUMNS,
    "disagreements": DISAGREEMENT_EXPORT_COLUMNS,
    "errors": ("path", "error"),
}

# Tables the dashboard adds to an export when it has them: a workspace collection's notes and verdicts.
NOTE_COLUMNS = ("note_id", "kind", "target", "about", "verdict", "text", "author", "created_at")
OPTIONAL_TABLES: dict[str, tuple[str, ...]] = {"notes": NOTE_COLUMNS}

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


def export_tables(
    corpus: Corpus,
    *,
    lexicon: Lexicon | None = None,
    min_score: float | None = None,
    matches: Sequence[ReuseMatch] | None = None,
    hits: Sequence[FramingHit] | None = None,
    claims: Sequence[Claim] | None = None,
    items: Sequence[Disagreement] | None = None,
    step: Step | None = None,
) -> dict:
    """Return the full export of ``corpus``: schema_version and one list of records per table.

    Results already computed (the dashboard's cached ones) can be passed in and are not
    recomputed; ``min_score`` filters reuse matches (default: the reuse analysis's own).
    """
    say = step or (lambda _msg: None)
    threshold = DEFAULT_MIN_SCORE if min_score is None else min_score
    if matches is None:
        say("reuse")
        matches = reuse_matches(corpus, min_score=threshold)
    if hits is None:
        say("framing")
        hits = framing_hits(corpus, lexicon or default_lexicon())
    if claims is None:
        say("claims")
        claims = all_claims(corpus)
    if items is None:
        say("disagreements")
        items = disagreements(corpus, claims)
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": document_rows(corpus),
        "passages": passage_rows(corpus),
        "reuse": reuse_rows(matches_above(matches, threshold)),
        "framing": framing_rows(hits),
        "claims": claim_rows(claims),
        "disagreements": disagreement_rows(items),
        "errors": error_rows(corpus.errors),
    }


def error_rows(errors: Sequence[LoadError]) -> list[dict]:
    """Return the `errors` table."""
    return [{"path": e.path, "error": e.error} for e in errors]


def empty_export(errors: Sequence[LoadError] = ()) -> dict:
    """Return an export with every table present and empty but `errors` (nothing could be analysed)."""
    export: dict = {"schema_version": SCHEMA_VERSION, **{t: [] for t in TABLES}}
    export["errors"] = error_rows(errors)
    return export


def export_json(export: dict) -> str:
    """Return the export as JSON text."""
    return json.dumps(export, ensure_ascii=False, indent=1)


def write_json(export: dict, path: str | os.PathLike[str]) -> None:
    """Write the export as one UTF-8 JSON file (its folder is created when missing)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(export_json(export), encoding="utf-8")


def csv_files(export: dict) -> dict[str, str]:
    """Return one CSV text per table, optional tables included when present (lists and objects JSON-encoded)."""
    out: dict[str, str] = {}
    present = {t: c for t, c in OPTIONAL_TABLES.items() if t in export}
    for table, columns in {**TABLES, **present}.items():
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


def csv_archive(tables_by_name: dict[str, str]) -> bytes:
    """Return a zip archive holding one CSV file per table (``csv_files`` output)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables_by_name.items():
            archive.writestr(name, text)
    return buf.getvalue()
