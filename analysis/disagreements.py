"""Where outlets agree or disagree: claims grouped by kind and subject, compared across documents.

Dates are compared as intervals: equal values agree, nested or overlapping ones are
compatible ("January 13" inside "January 13-14"), disjoint ones conflict. Ordinals and
numbers conflict only when they count the same thing on the same basis; a count on a
different basis ("fifth summit with any Japanese prime minister" against "second between
these leaders") is shown as ``different_basis``, never as a contradiction.

Only values held by different documents are compared: one article's own title year next
to its body date is not a disagreement.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Literal

import pandas as pd

from analysis.claims import Claim, all_claims
from analysis.corpus import Corpus

__all__ = [
    "DISAGREEMENT_COLUMNS",
    "ClaimValue",
    "Disagreement",
    "basis_key",
    "claims_export_rows",
    "date_interval",
    "disagreements",
    "disagreements_table",
]

Status = Literal["agree", "compatible", "conflict", "different_basis"]
_STATUS_ORDER: dict[str, int] = {"conflict": 0, "compatible": 1, "different_basis": 2, "agree": 3}


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """What one document says about a subject, with the claims that say it."""

    doc_id: str
    outlet: str
    value: str
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two positions on one subject (or one shared position), and how they relate."""

    disagreement_id: str
    kind: str
    subject: str
    status: Status
    values: tuple[ClaimValue, ...]


# --- intervals ---------------------------------------------------------------------------


def _parse_point(text: str, *, end: bool) -> date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        y, m = parts
        if not end:
            return date(y, m, 1)
        nxt = date(y + m // 12, m % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)


def date_interval(value: str) -> tuple[date, date]:
    """Return the first and last day of an ISO date value ("2026-01", "2026-01-13/2026-01-14")."""
    a, _, b = value.partition("/")
    return _parse_point(a, end=False), _parse_point(b or a, end=True)


_INTERVAL = re.compile(r"^\d{4}(?:-\d\d){0,2}(?:/\d{4}(?:-\d\d){0,2})?$")


def _is_interval(value: str) -> bool:
    """Return True for ISO dates and ranges; False for "PRESENT_REF" and other vague values."""
    return bool(_INTERVAL.match(value))


def _date_relation(a: str, b: str) -> Status:
    (a0, a1), (b0, b1) = date_interval(a), date_interval(b)
    if (a0, a1) == (b0, b1):
        return "agree"
    if a1 < b0 or b1 < a0:
        return "conflict"
    return "compatible"


# --- bases -------------------------------------------------------------------------------

_PAIR = re.compile(r"\b(?:their|between the (?:two )?leaders|the two leaders'?)\b", re.IGNORECASE)
_TIME_WINDOW = re.compile(
    r"\b(?:in|within|over)\s+(?:less than\s+|more than\s+|just\s+|only\s+|the\s+(?:past|last)\s+)?"
    r"(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?)\b"
    r"|\bsince\b.*$|\b(?:ever|so far|to date)\b",
    re.IGNORECASE,
)
_WITH = re.compile(r"\bwith\s+(?:a|an|the|any)?\s*(?P<who>[\w\s'’-]+)", re.IGNORECASE)
_QUALIFIER_WORDS = frozenset(
    "full official formal informal bilateral trilateral direct face-to-face in-person "
    "standalone separate major state working virtual".split()
)
_FILLER = frozenset("a an the of in on at to for by".split())


def basis_key(claim: Claim) -> str:
    """Return what a count or number is relative to, with wording and time windows removed.

    "their, in three months" and "between the leaders in less than three months since
    Takaichi took office" both count meetings of the same two leaders: same key. "Lee's,
    with a Japanese prime minister" counts something else.
    """
    text = claim.basis
    if claim.kind == "date":
        return " ".join(sorted(w.lower() for w in re.findall(r"\b[A-Z]\w+", text)))
    parts: list[str] = []
    if _PAIR.search(text):
        parts.append("pair")
        text = _PAIR.sub(" ", text)
    with_ = _WITH.search(text)
    if with_:
        who = _TIME_WINDOW.sub(" ", with_["who"])
        parts.append("with " + " ".join(who.lower().split()))
        text = text[: with_.start()]
    text = _TIME_WINDOW.sub(" ", text)
    words = [w.lower().strip("'’") for w in re.findall(r"[\w'’-]+", text)]
    qualifiers = sorted({w for w in words if w in _QUALIFIER_WORDS})
    rest = [w for w in words if w not in _QUALIFIER_WORDS and w not in _FILLER]
    if qualifiers:
        parts.append("+".join(qualifiers))
    if rest:
        parts.append(" ".join(rest))
    return " | ".join(parts)


def _date_bases_compatible(a: Claim, b: Claim) -> bool:
    """Return True when two date claims may be about the same event (same speaker, place...)."""
    ka, kb = set(basis_key(a).split()), set(basis_key(b).split())
    return not ka or not kb or bool(ka & kb)


# --- grouping ----------------------------------------------------------------------------


def _finest_dates(claims: Sequence[Claim]) -> list[Claim]:
    """Drop a document's date claims that only restate, coarser, another of its claims.

    "Summit 2026" in a title adds nothing next to "January 13, 2026" in the body.
    """
    kept = []
    for c in claims:
        c0, c1 = date_interval(c.value)
        coarser = any(
            o.doc_id == c.doc_id
            and o.value != c.value
            and c0 <= date_interval(o.value)[0]
            and date_interval(o.value)[1] <= c1
            for o in claims
        )
        if not coarser:
            kept.append(c)
    return kept


def _values(side: Sequence[Claim], outlets: dict[str, str]) -> list[ClaimValue]:
    by_doc: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in side:
        by_doc[(c.doc_id, c.value)].append(c.claim_id)
    return [
        ClaimValue(doc_id=d, outlet=outlets.get(d, d), value=v, claim_ids=tuple(ids))
        for (d, v), ids in sorted(by_doc.items())
    ]


def _docs(claims: Sequence[Claim]) -> set[str]:
    return {c.doc_id for c in claims}


def _crosses_documents(a: Sequence[Claim], b: Sequence[Claim]) -> bool:
    docs_a, docs_b = _docs(a), _docs(b)
    return bool(docs_a and docs_b) and not (len(docs_a | docs_b) == 1)


def _date_items(claims: list[Claim]) -> list[tuple[Status, list[Claim]]]:
    claims = _finest_dates(claims)
    by_value: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_value[c.value].append(c)
    if len(by_value) == 1:
        (only,) = by_value.values()
        return [("agree", only)] if len(_docs(only)) > 1 else []
    items: list[tuple[Status, list[Claim]]] = []
    for va, vb in combinations(sorted(by_value), 2):
        pairs = [
            (a, b)
            for a in by_value[va]
            for b in by_value[vb]
            if a.doc_id != b.doc_id and _date_bases_compatible(a, b)
        ]
        if not pairs:
            continue  # different speakers, places or documents: not the same event
        side_a = list({a.claim_id: a for a, _ in pairs}.values())
        side_b = list({b.claim_id: b for _, b in pairs}.values())
        items.append((_date_relation(va, vb), side_a + side_b))
    return items


def _count_items(claims: list[Claim]) -> list[tuple[Status, list[Claim]]]:
    positions: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        positions[(basis_key(c), c.value)].append(c)
    bases: dict[str, list[str]] = defaultdict(list)
    for key, value in positions:
        bases[key].append(value)
    items: list[tuple[Status, list[Claim]]] = []
    for key, values in bases.items():
        if len(values) == 1:
            held = positions[(key, values[0])]
            if len(_docs(held)) > 1:
                items.append(("agree", held))
    for (ka, va), (kb, vb) in combinations(sorted(positions), 2):
        a, b = positions[(ka, va)], positions[(kb, vb)]
        if not _crosses_documents(a, b):
            continue
        if ka == kb:
            items.append(("conflict", a + b))
        elif va != vb:
            items.append(("different_basis", a + b))
    return items


def disagreements(corpus: Corpus, claims: Sequence[Claim]) -> tuple[Disagreement, ...]:
    """Return agreements, compatibilities, conflicts and different-basis pairs across outlets.

    Claims without a subject are left out: there is nothing to compare them on.
    """
    outlets = {d.doc_id: d.outlet for d in corpus.documents}
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.subject and (c.kind != "date" or _is_interval(c.value)):
            groups[(c.kind, c.subject)].append(c)
    found: list[tuple[str, str, Status, tuple[ClaimValue, ...]]] = []
    for (kind, subject), members in groups.items():
        if len(_docs(members)) < 2:
            continue
        items = _date_items(members) if kind == "date" else _count_items(members)
        for status, side in items:
            found.append((kind, subject, status, tuple(_values(side, outlets))))
    found.sort(key=lambda f: (_STATUS_ORDER[f[2]], f[0], f[1], [(v.value, v.doc_id) for v in f[3]]))
    return tuple(
        Disagreement(
            disagreement_id=f"g{n}", kind=kind, subject=subject, status=status, values=values
        )
        for n, (kind, subject, status, values) in enumerate(found, start=1)
    )


DISAGREEMENT_COLUMNS: tuple[str, ...] = (
    "disagreement_id", "kind", "subject", "status", "summary", "values", "outlets",
    "n_outlets", "claim_ids",
)


def _summary(item: Disagreement) -> str:
    by_value: dict[str, list[str]] = defaultdict(list)
    for v in item.values:
        by_value[v.value].append(v.outlet)
    sides = [f"{value} ({', '.join(sorted(set(outs)))})" for value, outs in by_value.items()]
    return " vs ".join(sides)


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


def claims_export_rows(corpus: Corpus) -> tuple[list[dict], list[dict]]:
    """Return the rows of the export's claims and disagreements tables as plain dicts."""
    claims = all_claims(corpus)
    claim_rows = [
        {
            "claim_id": c.claim_id, "doc_id": c.doc_id, "passage_id": c.passage_id,
            "kind": c.kind, "subject": c.subject, "value": c.value, "text": c.text,
            "start": c.start, "end": c.end, "basis": c.basis, "granularity": c.granularity,
            "confidence": c.confidence,
        }
        for c in claims
    ]
    disagreement_rows = [
        {
            "kind": d.kind, "subject": d.subject, "status": d.status,
            "values": [
                {"doc_id": v.doc_id, "value": v.value, "claim_ids": list(v.claim_ids)}
                for v in d.values
            ],
        }
        for d in disagreements(corpus, claims)
    ]
    return claim_rows, disagreement_rows
