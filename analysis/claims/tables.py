"""Claims and disagreements as tables: claims with their outlets, disagreement rows, export rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.claims.comparison import ClaimValue, Disagreement, date_interval
from analysis.claims.extraction import Claim
from analysis.text.records import Corpus

CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id", "doc_id", "outlet", "passage_id", "kind", "subject", "value", "text", "start",
    "end", "basis", "granularity", "confidence", "reference", "sentence",
)


def claims_table(corpus: Corpus, claims: Sequence[Claim]) -> pd.DataFrame:
    """Return one row per claim with its outlet and sentence (fixed columns, even when empty)."""
    passages = {p.passage_id: p for p in corpus.passages}
    rows = []
    for c in claims:
        doc = corpus.document(c.doc_id)
        p = passages.get(c.passage_id)
        rows.append((
            c.claim_id, c.doc_id, doc.outlet, c.passage_id, c.kind, c.subject, c.value, c.text,
            c.start, c.end, c.basis, c.granularity, c.confidence, c.reference,
            doc.text[p.start:p.end] if p else "",
        ))
    df = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    return df.astype({"start": "int64", "end": "int64", "confidence": "float64"})


DISAGREEMENT_COLUMNS: tuple[str, ...] = (
    "disagreement_id", "kind", "subject", "status", "summary", "values", "outlets",
    "n_outlets", "claim_ids",
)


def _summary(item: Disagreement) -> str:
    """Return the row in words: "2026-01-13 (A, B) vs 2026-01-14 (C)".

    A compatible row starts from its widest value ("2026-01-13/2026-01-14 (D) overlaps
    2026-01-13 (A, B); 2026-01-14 (C)"); a different-basis row lists the counts it shows.
    """
    by_value: dict[str, list[str]] = defaultdict(list)
    for v in item.values:
        by_value[v.value].append(v.outlet)
    sides = {value: f"{value} ({', '.join(sorted(set(outs)))})" for value, outs in by_value.items()}
    if item.status == "compatible" and item.kind == "date":
        def width(value: str) -> int:
            first, last = date_interval(value)
            return (last - first).days

        order = sorted(sides, key=lambda v: (-width(v), v))
        return f"{sides[order[0]]} overlaps " + "; ".join(sides[v] for v in order[1:])
    if item.status == "different_basis":
        return "; ".join(sides.values()) + ": counted on different bases"
    return " vs ".join(sides.values())


def disagreements_table(corpus: Corpus, items: Sequence[Disagreement]) -> pd.DataFrame:
    """Return one row per disagreement with a readable summary (fixed columns, even when empty)."""
    rows = [
        (
            d.disagreement_id, d.kind, d.subject, d.status, _summary(d),
            tuple(sorted({v.value for v in d.values})),
            tuple(sorted({v.outlet for v in d.values})),
            len({v.outlet for v in d.values}),
            tuple(cid for v in d.values for cid in v.claim_ids),
        )
        for d in items
    ]
    df = pd.DataFrame(rows, columns=list(DISAGREEMENT_COLUMNS))
    return df.astype({"n_outlets": "int64"})


CLAIM_EXPORT_COLUMNS: tuple[str, ...] = (
    "claim_id", "doc_id", "passage_id", "kind", "subject", "value", "text", "start", "end",
    "basis", "granularity", "confidence",
)
DISAGREEMENT_EXPORT_COLUMNS: tuple[str, ...] = ("kind", "subject", "status", "values")


def claim_rows(claims: Sequence[Claim]) -> list[dict]:
    """Return the `claims` table for these claims."""
    return [{col: getattr(c, col) for col in CLAIM_EXPORT_COLUMNS} for c in claims]


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


TIMELINE_COLUMNS = ("outlet", "date", "end", "what", "label")


MAX_EVENT_DAYS = 31  # wider claims ("in 2026", "1910-1945") would stretch the axis over decades


def timeline_table(corpus: Corpus, claims: Iterable[Claim]) -> pd.DataFrame:
    """Return publication dates and claimed event dates (a month or finer) per outlet.

    ``end`` is exclusive (the day after the last day), so a one-day claim draws as one day.
    """
    rows: dict[tuple, None] = {}
    one_day = pd.Timedelta(days=1)
    for d in corpus.documents:
        if d.published:
            day = pd.Timestamp(d.published)
            rows[(d.outlet, day, day + one_day, "published", d.title or d.doc_id)] = None
    for c in claims:
        if c.kind != "date" or not c.subject:
            continue
        first, last = date_interval(c.value)
        if (last - first).days > MAX_EVENT_DAYS:
            continue
        outlet = corpus.document(c.doc_id).outlet
        label = f"{c.subject}: {c.text}"
        rows[(outlet, pd.Timestamp(first), pd.Timestamp(last) + one_day, "claimed event date", label)] = None
    frame = pd.DataFrame(list(rows), columns=list(TIMELINE_COLUMNS))
    return frame.astype({"date": "datetime64[ns]", "end": "datetime64[ns]"})


CLAIMS_MATRIX_COLUMNS = ("disagreement_id", "kind", "subject", "relation")


def outlet_columns(outlets: Sequence[str]) -> dict[str, str]:
    """Return the claims matrix's column id for each outlet (``outlet_0``, ...) mapped to its name.

    Outlet names come from the articles and can be anything, "relation" or "kind" included:
    they are column labels, never column ids.
    """
    return {f"outlet_{n}": outlet for n, outlet in enumerate(outlets)}


def claims_matrix(items: Iterable[Disagreement], outlets: Sequence[str]) -> pd.DataFrame:
    """Return one row per disagreement (id, kind, subject, relation) and one column per outlet.

    Outlet columns are named by ``outlet_columns(outlets)``; a cell holds the value that outlet
    claims, blank when it says nothing on the subject.
    """
    rows = []
    for item in items:
        values: dict[str, list[str]] = {}
        for v in item.values:
            values.setdefault(v.outlet, [])
            if v.value not in values[v.outlet]:
                values[v.outlet].append(v.value)
        rows.append(
            (item.disagreement_id, item.kind, item.subject, item.status.replace("_", " "),
             *("; ".join(values.get(o, [])) for o in outlets))
        )
    return pd.DataFrame(rows, columns=[*CLAIMS_MATRIX_COLUMNS, *outlet_columns(outlets)])


CLAIM_INTERVAL_COLUMNS = ("disagreement_id", "subject", "outlet", "start", "end", "value", "status")


def claim_intervals(items: Sequence[Disagreement]) -> pd.DataFrame:
    """Return each outlet's date claims as [start, end) intervals, one row per distinct claim.

    A value in several disagreements keeps the most serious relation it takes part in.
    """
    severity = {"conflict": 0, "different_basis": 1, "compatible": 2, "agree": 3}
    best: dict[tuple[str, str, str], tuple[int, str]] = {}
    for item in items:
        if item.kind != "date":
            continue
        for v in item.values:
            k = (item.subject, v.outlet, v.value)
            rank = severity.get(item.status, 9)
            if k not in best or rank < best[k][0]:
                best[k] = (rank, item.disagreement_id)
    status_of = {i.disagreement_id: i.status for i in items if i.kind == "date"}
    rows = []
    for (subject, outlet, value), (_, did) in best.items():
        first, last = date_interval(value)
        rows.append((did, subject, outlet, pd.Timestamp(first), pd.Timestamp(last) + pd.Timedelta(days=1),
                     value, status_of.get(did, "").replace("_", " ")))
    frame = pd.DataFrame(rows, columns=list(CLAIM_INTERVAL_COLUMNS))
    return frame.astype({"start": "datetime64[ns]", "end": "datetime64[ns]"})


def claim_passage_ids(claims: Iterable[Claim], claim_ids: Iterable[str]) -> tuple[str, ...]:
    """Return the passages holding the given claims."""
    wanted = set(claim_ids)
    return tuple(dict.fromkeys(c.passage_id for c in claims if c.claim_id in wanted))


def sides_to_show(values: Sequence[ClaimValue], *, limit: int = 8) -> tuple[ClaimValue, ...]:
    """Return at most ``limit`` sides of a disagreement: one per distinct value first, then the rest."""
    first: dict[str, int] = {}
    for n, v in enumerate(values):
        first.setdefault(v.value, n)
    leading = sorted(first.values())
    taken = set(leading)
    rest = [n for n in range(len(values)) if n not in taken]
    return tuple(values[n] for n in (leading + rest)[:limit])
