"""The export: every table of an analysis run, as the versioned JSON contract (docs/export.md)."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.corpus import Corpus, LoadError, article_words

if TYPE_CHECKING:
    from analysis.claims import Claim
    from analysis.disagreements import Disagreement
    from analysis.framing import FramingHit
    from analysis.lexicon import Lexicon
    from analysis.reuse import ReuseMatch

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


def reuse_rows(matches: Sequence[ReuseMatch]) -> list[dict]:
    """Return the `reuse` table for these matches."""
    return [
        {
            "a": m.a,
            "b": m.b,
            "score": m.score,
            "spans": [list(s) for s in m.spans],
            "doc_a": m.doc_a,
            "doc_b": m.doc_b,
            "coverage_a": m.coverage_a,
            "coverage_b": m.coverage_b,
            "same_document": m.same_document,
        }
        for m in matches
    ]


def framing_rows(hits: Sequence[FramingHit]) -> list[dict]:
    """Return the `framing` table for these hits."""
    return [{col: getattr(h, col) for col in TABLES["framing"]} for h in hits]


def claim_rows(claims: Sequence[Claim]) -> list[dict]:
    """Return the `claims` table for these claims."""
    return [{col: getattr(c, col) for col in TABLES["claims"]} for c in claims]


def disagreement_rows(items: Sequence[Disagreement]) -> list[dict]:
    """Return the `disagreements` table; each side is {doc_id, value, claim_ids}."""
    return [
        {
            "kind": d.kind,
            "subject": d.subject,
            "status": d.status,
            "values": [{"doc_id": v.doc_id, "value": v.value, "claim_ids": list(v.claim_ids)} for v in d.values],
        }
        for d in items
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
    from analysis.claims import all_claims
    from analysis.disagreements import disagreements
    from analysis.framing import framing_hits
    from analysis.lexicon import default_lexicon
    from analysis.reuse import DEFAULT_MIN_SCORE, matches_above, reuse_matches

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
