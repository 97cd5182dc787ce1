"""Where outlets agree or disagree: claims grouped by kind, subject and basis, compared across outlets.

Dates are compared as intervals: equal values agree, nested or overlapping ones are
compatible ("January 13" inside "January 13-14"), disjoint ones conflict. Ordinals and
numbers conflict only when they count the same thing on the same basis; a count on a
different basis ("fifth summit with any Japanese prime minister" against "second between
these leaders") is shown as ``different_basis``, never as a contradiction. Dates with
different bases (statements by different speakers, visits to different places) are not
compared at all.

Each group of claims (kind, subject, basis) gives at most one row per status, listing every
document's value that takes part in it: one ``conflict`` row names all the dates stated for
a summit, whatever the number of articles. A subject's counts on different bases give one
``different_basis`` row. Rows therefore grow with the subjects, not with pairs of articles.

Outlets, not articles, are set against each other (``Document.outlet``): two articles of one
outlet stating different dates are not a conflict, and two stating the same one are not an
agreement; a document's own coarser restatement (a title's "2026" next to its body's
"January 13, 2026") is dropped before comparing.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Literal

from analysis.claims.extraction import Claim
from analysis.text.records import Corpus

__all__ = [
    "ClaimValue",
    "Disagreement",
    "basis_key",
    "date_interval",
    "disagreements",
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
    """How outlets relate on one subject: every document's value that takes part, one status.

    ``values`` holds one ClaimValue per document and value (value order, then document):
    for ``conflict`` the values disjoint from another outlet's, for ``compatible`` those
    overlapping another outlet's different value, for ``agree`` the one shared value, for
    ``different_basis`` the counts of the subject made on different bases.
    """

    disagreement_id: str
    kind: str
    subject: str
    status: Status
    values: tuple[ClaimValue, ...]


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


@dataclass(frozen=True, slots=True)
class _Position:
    """One value of a group and who states it: documents with their claims, and outlets."""

    value: str
    claims: tuple[Claim, ...]
    outlets: frozenset[str]

    @property
    def solo(self) -> str | None:
        """Return the outlet when a single outlet states this value, else None."""
        return next(iter(self.outlets)) if len(self.outlets) == 1 else None


def _positions(claims: Sequence[Claim], outlets: dict[str, str]) -> list[_Position]:
    by_value: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_value[c.value].append(c)
    return [
        _Position(value, tuple(held), frozenset(outlets.get(c.doc_id, c.doc_id) for c in held))
        for value, held in sorted(by_value.items())
    ]


def _values(positions: Sequence[_Position], outlets: dict[str, str]) -> tuple[ClaimValue, ...]:
    """Return one ClaimValue per document and value, in value then document order."""
    by_doc: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pos in positions:
        for c in pos.claims:
            by_doc[(c.value, c.doc_id)].append(c.claim_id)
    return tuple(
        ClaimValue(doc_id=d, outlet=outlets.get(d, d), value=v, claim_ids=tuple(dict.fromkeys(ids)))
        for (v, d), ids in sorted(by_doc.items())
    )


def _outlet_count(positions: Sequence[_Position]) -> int:
    return len(frozenset().union(*(p.outlets for p in positions))) if positions else 0


def _finest_dates(claims: Sequence[Claim]) -> list[Claim]:
    """Drop a document's date claims that only restate, coarser, another of its claims.

    "Summit 2026" in a title adds nothing next to "January 13, 2026" in the body. A value is
    dropped when another value of the same document lies inside it; per document the values
    are sorted once, so this costs n log n, not n squared.
    """
    by_doc: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        by_doc[c.doc_id].add(c.value)
    coarse: set[tuple[str, str]] = set()
    for doc_id, values in by_doc.items():
        if len(values) < 2:
            continue
        spans = sorted((*date_interval(v), v) for v in values)
        # Suffix minimum of the ends: the earliest-ending value starting at or after index i.
        suffix_min = [date.max] * (len(spans) + 1)
        for i in range(len(spans) - 1, -1, -1):
            suffix_min[i] = min(spans[i][1], suffix_min[i + 1])
        starts = [a for a, _, _ in spans]
        for i, (a, b, v) in enumerate(spans):
            # Values sorted before this one with the same start end earlier: nested inside it.
            lo = bisect.bisect_left(starts, a)
            if lo < i or suffix_min[i + 1] <= b:
                coarse.add((doc_id, v))
    return [c for c in claims if (c.doc_id, c.value) not in coarse]


class _Intervals:
    """The intervals of a group's positions, to count disjoint and overlapping ones by bisection."""

    def __init__(self, spans: Sequence[tuple[date, date]]) -> None:
        self.starts = sorted(a for a, _ in spans)
        self.ends = sorted(b for _, b in spans)

    def disjoint(self, a: date, b: date) -> int:
        """Return how many intervals end before a or start after b."""
        return bisect.bisect_left(self.ends, a) + len(self.starts) - bisect.bisect_right(self.starts, b)

    def __len__(self) -> int:
        return len(self.starts)


def _date_items(positions: list[_Position]) -> list[tuple[Status, list[_Position]]]:
    """Return the agree, conflict and compatible rows of one group of date positions.

    A position takes part in a conflict when some value disjoint from it is stated by another
    outlet, and in the compatible row when some different, overlapping value is. Positions of
    one outlet are never set against each other.
    """
    if len(positions) == 1:
        return [("agree", positions)] if len(positions[0].outlets) > 1 else []
    spans = [date_interval(p.value) for p in positions]
    everyone = _Intervals(spans)
    solo_spans: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for p, span in zip(positions, spans):
        if p.solo is not None:
            solo_spans[p.solo].append(span)
    per_outlet = {outlet: _Intervals(s) for outlet, s in solo_spans.items()}
    conflict: list[_Position] = []
    compatible: list[_Position] = []
    for p, (a, b) in zip(positions, spans):
        disjoint = everyone.disjoint(a, b)
        overlapping = len(everyone) - 1 - disjoint
        if p.solo is not None:
            own = per_outlet[p.solo]
            own_disjoint = own.disjoint(a, b)
            disjoint -= own_disjoint
            overlapping -= len(own) - 1 - own_disjoint
        if disjoint > 0:
            conflict.append(p)
        if overlapping > 0:
            compatible.append(p)
    items: list[tuple[Status, list[_Position]]] = []
    if conflict:
        items.append(("conflict", conflict))
    if compatible:
        items.append(("compatible", compatible))
    return items


def _others_differ(total: int, same: Counter, keys: Sequence[tuple]) -> bool:
    """Return True when some position differs from this one in every key.

    ``keys`` are the keys (tuples of features) of the position itself; ``same[k]`` counts
    the positions sharing key k. Inclusion-exclusion over the features gives, in constant
    time, how many positions share none of them.
    """
    count = total
    for k in keys:
        count += (-1) ** len(k[0]) * same[k]
    return count > 0


def _count_items(bases: dict[str, list[_Position]]) -> list[tuple[Status, list[_Position]]]:
    """Return the rows of one subject's counts: per basis agree or conflict, then different_basis.

    Within a basis, a position conflicts when another value is stated by another outlet.
    Across bases, a position is shown as ``different_basis`` when another basis holds a
    different value stated by another outlet: a count of something else, not a contradiction.
    """
    items: list[tuple[Status, list[_Position]]] = []
    for positions in bases.values():
        if len(positions) == 1:
            if len(positions[0].outlets) > 1:
                items.append(("agree", positions))
            continue
        solo = Counter(p.solo for p in positions if p.solo is not None)
        conflict = [
            p for p in positions
            if len(positions) - 1 - (solo[p.solo] - 1 if p.solo is not None else 0) > 0
        ]
        if conflict:
            items.append(("conflict", conflict))
    if len(bases) > 1:
        # Features of a position: its basis (b), its value (v) and, when one outlet holds it,
        # that outlet (o). Count positions per combination of features for inclusion-exclusion.
        every = [(key, p) for key, positions in bases.items() for p in positions]
        same: Counter = Counter()
        for key, p in every:
            feats = {"b": key, "v": p.value, **({"o": p.solo} if p.solo is not None else {})}
            for combo in _combos(tuple(feats)):
                same[(combo, tuple(feats[f] for f in combo))] += 1
        differing = []
        for key, p in every:
            feats = {"b": key, "v": p.value, **({"o": p.solo} if p.solo is not None else {})}
            keys = [(combo, tuple(feats[f] for f in combo)) for combo in _combos(tuple(feats))]
            if _others_differ(len(every), same, keys):
                differing.append(p)
        if differing:
            items.append(("different_basis", differing))
    return items


def _combos(features: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Return every non-empty combination of features (in their order)."""
    return [c for r in range(1, len(features) + 1) for c in combinations(features, r)]


def disagreements(corpus: Corpus, claims: Sequence[Claim]) -> tuple[Disagreement, ...]:
    """Return agreements, compatibilities, conflicts and different-basis counts across outlets.

    Claims are grouped by kind, subject and basis; each group gives at most one row per
    status, listing every document's value that takes part, so the number of rows grows
    with the subjects, not with the pairs of articles. Only outlets are set against each
    other: two articles of one outlet that disagree are not a conflict (nor an agreement
    between outlets); their claims still show in a row when another outlet's value is
    disjoint from (conflict) or overlaps (compatible) theirs. Claims without a subject are
    left out: there is nothing to compare them on.
    """
    outlets = {d.doc_id: d.outlet for d in corpus.documents}
    groups: dict[tuple[str, str], dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    subject_outlets: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in claims:
        if c.subject and (c.kind != "date" or _is_interval(c.value)):
            subject_outlets[(c.kind, c.subject)].add(outlets.get(c.doc_id, c.doc_id))
    for c in claims:
        group = (c.kind, c.subject)
        if len(subject_outlets.get(group, ())) > 1:
            groups[group][basis_key(c)].append(c)
    found: list[tuple[str, str, Status, tuple[ClaimValue, ...]]] = []
    for (kind, subject), bases in groups.items():
        if kind == "date":
            items = [
                item
                for members in bases.values()
                for item in _date_items(_positions(_finest_dates(members), outlets))
            ]
        else:
            items = _count_items({key: _positions(members, outlets) for key, members in bases.items()})
        for status, positions in items:
            if _outlet_count(positions) > 1:
                found.append((kind, subject, status, _values(positions, outlets)))
    found.sort(key=lambda f: (_STATUS_ORDER[f[2]], f[0], f[1], [(v.value, v.doc_id) for v in f[3]]))
    return tuple(
        Disagreement(
            disagreement_id=f"g{n}", kind=kind, subject=subject, status=status, values=values
        )
        for n, (kind, subject, status, values) in enumerate(found, start=1)
    )
