"""Where outlets agree or disagree: one verdict per story, event and kind of claim, with its evidence.

Claims are compared only inside one story and only between mentions of the same event (the
summit, the APEC summit, a statement by Motegi): a date of the 2019 shutdown deal is never set
against one of Netanyahu's visit. Each (story, event, kind) gives one row whose values are every
document's claims, with one verdict (``Status``), most serious first:

- ``conflict``: two outlets state values that cannot both be true (disjoint dates, different
  counts on the same stated basis, different places of one level);
- ``different_basis``: counts of the event made from different starting points ("fifth summit
  with any Japanese prime minister" against "second between these leaders");
- ``compatible``: the values overlap or nest ("January 13" inside "January 13-14"; a city inside
  a country the story names; two venues, which can be parts of one site or stops of one visit);
- ``agree``: the outlets state one value (spellings of one place agree: Horyuji, Horyu-ji).

A date conflict lists the values that nest in both sides too (PRISM's January 13-14 next to
January 13 and January 14) and says so in its explanation, so no value is shown under two
verdicts. Two exceptions to one row per event, each keeping every value in one row only: an
event word can name several occurrences (two meetings, dates more than two days apart), each
its own row; and counts give one row per basis two outlets share, and one ``different_basis``
row for the bases nobody else uses.

What BASIL's false conflicts taught is refused outright: one article giving the event two
different values (it names several things with one word), a generic statement's dates (a
speaker speaks every day), ordinals without a stated starting point, and numbers further apart
than half again (6 and 47 arrests are two counts, not one disputed).

Outlets, not articles, are set against each other (``Document.outlet``): two articles of one
outlet stating different dates are not a conflict, and two stating the same one are not an
agreement; a document's own coarser restatement (a title's "2026" next to its body's
"January 13, 2026") is dropped before comparing.

Each row says who states each value, which outlet published it first, the source each claim
credits ("according to NHK"), and one sentence of explanation; its confidence is that of the
weakest side (a date resolved against an inferred reference, or far from its event word,
lowers it; one outlet's word against another's counts for less), and rows under
``LOW_CONFIDENCE`` are shown apart.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import combinations
from operator import attrgetter

from analysis.claims.extraction import Claim, place_key
from analysis.text.records import Corpus

__all__ = [
    "LOW_CONFIDENCE",
    "STATUSES",
    "ClaimValue",
    "Disagreement",
    "Status",
    "basis_key",
    "disagreements",
    "human_date",
]


class Status(StrEnum):
    """How outlets relate on one event; members are ordered most serious first, and compare so."""

    CONFLICT = "conflict"
    DIFFERENT_BASIS = "different_basis"
    COMPATIBLE = "compatible"
    AGREE = "agree"

    @property
    def rank(self) -> int:
        """Return the position of this status in seriousness order (0: conflict)."""
        return _RANK[self]

    @property
    def label(self) -> str:
        """Return the status as shown to readers ("different basis")."""
        return self.value.replace("_", " ")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return self.rank >= other.rank


STATUSES: tuple[Status, ...] = tuple(Status)
_RANK = {status: n for n, status in enumerate(STATUSES)}


_ONE_AGAINST_ONE = 0.8
LOW_CONFIDENCE = 0.6  # rows below this (an inferred reference, a claim far from its event) are shown apart


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """What one document says about an event, with the claims that say it and its evidence.

    ``first`` and ``last`` are a date value's interval; ``published`` the document's
    publication date; ``sources`` the sources its claims credit ("NHK").
    """

    doc_id: str
    outlet: str
    value: str
    claim_ids: tuple[str, ...]
    published: date | None = None
    sources: tuple[str, ...] = ()
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True, slots=True)
class Disagreement:
    """How outlets relate on one event of one story: every document's value, one verdict, the evidence.

    ``values`` holds one ClaimValue per document and value (value order, then document).
    ``explanation`` says it in one sentence; ``confidence`` is the weakest side's.
    """

    disagreement_id: str
    kind: str
    subject: str
    status: Status
    values: tuple[ClaimValue, ...]
    story: str = ""
    event: str = ""
    explanation: str = ""
    confidence: float = 1.0


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
    if claim.kind in ("date", "place"):
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


# --------------------------------------------------------------------------- readable values


def human_date(first: date, last: date, granularity: str) -> str:
    """Return a date interval as a reader writes it: "Jan 13, 2026", "Jan 13-14, 2026", "Oct 2025", "1910-1945",
    "Autumn 2008", "Winter 2008-09"."""
    if granularity == "season":
        name = ("Spring", "Summer", "Autumn", "Winter")[first.month // 3 - 1]
        return f"{name} {first.year}" if first.year == last.year else f"{name} {first.year}-{last.year % 100:02d}"
    if granularity == "year":
        return str(first.year) if first.year == last.year else f"{first.year}-{last.year}"
    if granularity == "month":
        if (first.year, first.month) == (last.year, last.month):
            return first.strftime("%b %Y")
        if first.year == last.year:
            return f"{first.strftime('%b')}-{last.strftime('%b %Y')}"
        return f"{first.strftime('%b %Y')} - {last.strftime('%b %Y')}"
    if first == last:
        return f"{first.strftime('%b')} {first.day}, {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.strftime('%b')} {first.day}-{last.day}, {first.year}"
    if first.year == last.year:
        return f"{first.strftime('%b')} {first.day} - {last.strftime('%b')} {last.day}, {first.year}"
    return f"{first.strftime('%b')} {first.day}, {first.year} - {last.strftime('%b')} {last.day}, {last.year}"


# --------------------------------------------------------------------------- positions


@dataclass(frozen=True, slots=True)
class _Position:
    """One value of a row (a date interval, a place, a count) and the claims and outlets stating it."""

    key: str
    shown: str
    claims: tuple[Claim, ...]
    outlets: frozenset[str]
    first: date | None = None
    last: date | None = None

    def opposes(self, other: _Position) -> bool:
        """Return True when two outlets stand behind the two positions (not one outlet alone)."""
        return len(self.outlets | other.outlets) > 1

    @property
    def confidence(self) -> float:
        return max(c.confidence for c in self.claims)


def _positions(claims: Iterable[Claim], outlets: dict[str, str], key: str = "value") -> list[_Position]:
    """Return the claims grouped by value (or by place key), in value order."""
    by_key: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_key[place_key(c.value) if key == "place" else c.value].append(c)
    out = []
    for k, held in sorted(by_key.items()):
        shown = max({c.value for c in held}, key=lambda v: (sum(c.value == v for c in held), -len(v), v))
        first, last = held[0].first, held[0].last
        if first is not None and last is not None:
            shown = human_date(first, last, held[0].granularity)
        out.append(_Position(k, shown, tuple(held), frozenset(outlets.get(c.doc_id, c.doc_id) for c in held),
                             held[0].first, held[0].last))
    return out


def _finest_dates(claims: Sequence[Claim]) -> list[Claim]:
    """Drop a document's date claims that only restate, coarser, another of its claims.

    "Summit 2026" in a title adds nothing next to "January 13, 2026" in the body. A value is
    dropped when another value of the same document lies inside it; per document the values
    are sorted once, so this costs n log n, not n squared.
    """
    by_doc: dict[str, dict[str, tuple[date, date]]] = defaultdict(dict)
    for c in claims:
        if c.first is not None and c.last is not None:
            by_doc[c.doc_id][c.value] = (c.first, c.last)
    coarse: set[tuple[str, str]] = set()
    for doc_id, values in by_doc.items():
        if len(values) < 2:
            continue
        spans = sorted((a, b, v) for v, (a, b) in values.items())
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


def _disjoint(a: _Position, b: _Position) -> bool:
    assert a.first is not None and a.last is not None and b.first is not None and b.last is not None
    return a.last < b.first or b.last < a.first


def _contains(outer: _Position, inner: _Position) -> bool:
    assert outer.first is not None and outer.last is not None and inner.first is not None and inner.last is not None
    return outer.first <= inner.first and inner.last <= outer.last and outer.key != inner.key


# --------------------------------------------------------------------------- explanations


@dataclass(frozen=True, slots=True)
class _Row:
    story: str
    kind: str
    subject: str
    event: str
    status: Status
    positions: tuple[_Position, ...]
    explanation: str
    # The positions the verdict rests on (a date conflict's sides, not the range nesting both).
    sides: tuple[_Position, ...] = ()

    @property
    def confidence(self) -> float:
        """Return the confidence of the weakest side: each side as sure as its surest claim.

        A conflict where every side rests on one outlet is one account against another, and
        counts for less (x0.8) than one where several outlets stand behind a side.
        """
        sides = self.sides or self.positions
        weakest = min(p.confidence for p in sides)
        if self.status is Status.CONFLICT and all(len(p.outlets) == 1 for p in sides):
            weakest *= _ONE_AGAINST_ONE
        return round(weakest, 3)


class _Evidence:
    """Who published what and when, to say each position's support in words."""

    def __init__(self, corpus: Corpus) -> None:
        self.outlet = {d.doc_id: d.outlet for d in corpus.documents}
        self.published = {d.doc_id: d.published for d in corpus.documents}

    def support(self, p: _Position, *, spelled: bool = False, what: str = "") -> str:
        """Return "3 outlets say Jan 13, 2026 (000, 002, News.Az; first published by News.Az, 2026-01-13; according to NHK)"."""
        names = sorted(p.outlets)
        verb = "says" if len(names) == 1 else "say"
        who = names[0] if len(names) == 1 else f"{len(names)} outlets"
        notes = [", ".join(names)] if len(names) > 1 else []
        if spelled:
            spellings = sorted({c.text for c in p.claims})
            if len(spellings) > 1:
                notes.append("written " + " / ".join(spellings))
        docs = {c.doc_id for c in p.claims}
        dated = sorted((day, self.outlet.get(d, d)) for d in docs if (day := self.published.get(d)) is not None)
        if dated:
            day, first_outlet = dated[0]
            undated = len(docs) - len(dated)
            if len(docs) == 1:
                notes.append(f"published {day.isoformat()}")
            elif not undated:
                notes.append(f"first published by {first_outlet}, {day.isoformat()}")
            else:
                notes.append(f"earliest dated: {first_outlet}, {day.isoformat()}; {undated} undated")
        sources = sorted({c.source for c in p.claims if c.source})
        if sources:
            notes.append("according to " + ", ".join(sources))
        return f"{who} {verb} {p.shown}{what}" + (f" ({'; '.join(notes)})" if notes else "")


# Two dates of one event further apart than this are two occurrences of it (two meetings, two
# statements), not a disagreement: on BASIL, "the meeting" of Dec 28 and of Jan 2 in one shutdown
# story were two meetings, while the seeds' summit dates that conflict are one day apart.
_SAME_OCCURRENCE_DAYS = 2


def _occurrences(positions: list[_Position]) -> list[list[_Position]]:
    """Return the positions grouped into occurrences: chains of intervals at most two days apart."""
    ordered = sorted(positions, key=lambda p: (p.first or date.min, p.last or date.min))
    groups: list[list[_Position]] = []
    reach = date.min
    for p in ordered:
        assert p.first is not None and p.last is not None
        if groups and (p.first - reach).days <= _SAME_OCCURRENCE_DAYS + 1:
            groups[-1].append(p)
            reach = max(reach, p.last)
        else:
            groups.append([p])
            reach = p.last
    return groups


def _one_document_disagrees_with_itself(positions: Sequence[_Position]) -> bool:
    """Return True when one document states two disjoint values for the event.

    The event word then names several things in that article (two meetings, two counts), so
    other outlets' values cannot be set against one of them.
    """
    spans: dict[str, list[_Position]] = defaultdict(list)
    for p in positions:
        for doc_id in {c.doc_id for c in p.claims}:
            spans[doc_id].append(p)
    for held in spans.values():
        for a, b in combinations(held, 2):
            if a.first is None or b.first is None or _disjoint(a, b):
                return True
    return False


def _date_rows(evidence: _Evidence, story: str, subject: str, event: str, positions: list[_Position]) -> list[_Row]:
    """Return the rows of an event's dates, one per occurrence: conflict, compatible or agree.

    A statement or announcement recurs (Trump speaks every day): two outlets dating one the
    same day agree, other dates are other statements, unless it is a named one ("the NHK
    interview").
    """
    recurring = subject in _RECURRING and not any(w.isupper() for w in event.split()[:1])
    rows = []
    for occurrence in _occurrences(positions):
        if _one_document_disagrees_with_itself(occurrence):
            continue
        row = _date_row(evidence, story, subject, event, occurrence)
        if row is not None and not (recurring and row.status is not Status.AGREE):
            rows.append(row)
    return rows


_RECURRING = frozenset({"statement", "announcement", "interview", "speech", "signing"})


def _date_row(evidence: _Evidence, story: str, subject: str, event: str, positions: list[_Position]) -> _Row | None:
    """Return the one row of an occurrence's dates: conflict, compatible or agree."""
    if len(positions) == 1:
        if len(positions[0].outlets) < 2:
            return None
        return _Row(story, "date", subject, event, Status.AGREE, tuple(positions),
                    f"Agree: {evidence.support(positions[0])}.")
    pairs = list(combinations(positions, 2))
    conflicting = [(a, b) for a, b in pairs if a.opposes(b) and _disjoint(a, b)]
    overlapping = [(a, b) for a, b in pairs if a.opposes(b) and not _disjoint(a, b)]
    if conflicting:
        status = Status.CONFLICT
    elif overlapping:
        status = Status.COMPATIBLE
    else:
        return None
    # The sides: positions no other position contains; the rest nest inside them.
    containers = [p for p in positions if any(_contains(p, q) for q in positions)]
    sides = [p for p in positions if p not in containers] or positions
    sides.sort(key=lambda p: (-len(p.outlets), p.first or date.min))
    parts = [evidence.support(p) for p in sides]
    for outer in containers:
        inner = [q.shown for q in positions if _contains(outer, q)]
        what = "both" if len(inner) == 2 and status is Status.CONFLICT else ", ".join(inner)
        width = "a range" if outer.claims[0].granularity == "day" else "a period"
        parts.append(evidence.support(outer, what=f", {width} that contains {what}"))
    head = "Conflict" if status is Status.CONFLICT else "Compatible"
    return _Row(story, "date", subject, event, status, tuple(sorted(positions, key=lambda p: p.key)),
                f"{head}: " + "; ".join(parts) + ".", tuple(sides) if status is Status.CONFLICT else ())


def _place_rows(evidence: _Evidence, story: str, subject: str, event: str, claims: Sequence[Claim],
                outlets: dict[str, str], inside: dict[str, set[str]]) -> list[_Row]:
    """Return an event's place rows, one per level (venue, locality, country).

    Spellings of one place agree; two places of one level conflict unless the story's own
    text puts one inside the other ("Nara, Japan"). A venue and a city are never set against
    each other: a temple can lie in the city.
    """
    level_of: dict[str, str] = {}
    for c in claims:
        key = place_key(c.value)
        if level_of.get(key) != "venue":
            level_of[key] = c.granularity
    by_level: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_level[level_of[place_key(c.value)]].append(c)
    rows = []
    for level, members in sorted(by_level.items()):
        positions = _positions(members, outlets, key="place")
        if len(frozenset().union(*(p.outlets for p in positions))) < 2:
            continue
        if len(positions) == 1:
            rows.append(_Row(story, "place", subject, event, Status.AGREE, tuple(positions),
                             f"Agree ({level}): {evidence.support(positions[0], spelled=True)}."))
            continue
        opposed = [(a, b) for a, b in combinations(positions, 2) if a.opposes(b)]
        if not opposed:
            continue
        nested = all(a.key in inside.get(b.key, ()) or b.key in inside.get(a.key, ()) for a, b in opposed)
        # Venues nest and follow one another (the Oval Office is in the White House; a visit
        # goes from the Capitol to the Oval Office): two of them can both be true.
        status = Status.COMPATIBLE if nested or level == "venue" else Status.CONFLICT
        head = ("Compatible (one lies inside the other)" if nested
                else "Compatible (parts of one site, or stops of one visit)" if level == "venue" else "Conflict")
        parts = [evidence.support(p, spelled=True) for p in sorted(positions, key=lambda p: -len(p.outlets))]
        rows.append(_Row(story, "place", subject, event, status, tuple(positions),
                         f"{head} ({level}): " + "; ".join(parts) + "."))
    return rows


def _count_rows(evidence: _Evidence, story: str, kind: str, subject: str, claims: Sequence[Claim],
                outlets: dict[str, str]) -> list[_Row]:
    """Return a subject's count rows: per shared basis agree or conflict, then one different_basis row.

    A basis two outlets share gives an agree or conflict row. The counts on bases no other
    outlet uses are counts of something else: one ``different_basis`` row lists them when
    they differ, never as a contradiction.
    """
    bases: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        bases[basis_key(c)].append(c)
    rows = []
    solo: list[tuple[str, _Position]] = []
    for key, members in sorted(bases.items()):
        positions = _positions(members, outlets)
        if len(frozenset().union(*(p.outlets for p in positions))) < 2:
            solo.extend((key, p) for p in positions)
            continue
        basis = members[0].basis or "no stated basis"
        if len(positions) == 1:
            rows.append(_Row(story, kind, subject, subject, Status.AGREE, tuple(positions),
                             f"Agree ({basis}): {evidence.support(positions[0])}."))
        elif _counts_one_thing(kind, positions) and any(a.opposes(b) for a, b in combinations(positions, 2)):
            parts = [evidence.support(p) for p in sorted(positions, key=lambda p: -len(p.outlets))]
            rows.append(_Row(story, kind, subject, subject, Status.CONFLICT, tuple(positions),
                             f"Conflict ({basis}): " + "; ".join(parts) + "."))
    solo_outlets = frozenset().union(*(p.outlets for _, p in solo)) if solo else frozenset()
    if len(solo_outlets) > 1 and len({p.key for _, p in solo}) > 1:
        others = tuple(p for _, p in solo)
        parts = [f"{evidence.support(p)} ({p.claims[0].basis or 'no stated basis'})" for p in others]
        rows.append(_Row(story, kind, subject, subject, Status.DIFFERENT_BASIS, others,
                         "Counted on different bases: " + "; ".join(parts) + "."))
    return rows


# Numbers further apart than this ratio count different things (BASIL: 6 and 47 arrests of two
# nights, $1.4 and $8 billion of wall funding from two sources), not one thing two ways.
_MAX_NUMBER_RATIO = 1.5


def _number(value: str) -> float | None:
    try:
        return float(value.lstrip("$€£¥₩").rstrip("%"))
    except ValueError:
        return None


def _counts_one_thing(kind: str, positions: Sequence[_Position]) -> bool:
    """Return True when a basis's differing values can be two accounts of one count.

    Not when one document states two of them (the noun counts several things there); for
    ordinals, only on a stated basis; for numbers, only within ``_MAX_NUMBER_RATIO``.
    """
    docs: dict[str, int] = defaultdict(int)
    for p in positions:
        for doc_id in {c.doc_id for c in p.claims}:
            docs[doc_id] += 1
    if any(n > 1 for n in docs.values()):
        return False
    if kind != "number":
        # "first black senator" and "second black senator" without a stated starting point
        # (BASIL: since Brooke, and from Massachusetts) cannot be told to count one thing.
        return bool(basis_key(positions[0].claims[0]))
    return _close_numbers(positions)


def _close_numbers(positions: Sequence[_Position]) -> bool:
    """Return True when a basis's numbers lie within ``_MAX_NUMBER_RATIO`` of each other."""
    numbers = [n for p in positions if (n := _number(p.key)) is not None]
    if len(numbers) < len(positions) or min(numbers) <= 0:
        return False
    return max(numbers) / min(numbers) <= _MAX_NUMBER_RATIO


_DOC_ID = attrgetter("doc_id")


def _place_containment(claims: Iterable[Claim]) -> dict[str, dict[str, set[str]]]:
    """Return, per story, which places its text puts inside which ("Nara, Japan": nara in japan)."""
    inside: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for c in claims:
        if c.kind == "place" and c.basis.startswith("in "):
            inside[c.story][place_key(c.value)].add(place_key(c.basis[3:]))
    return inside


def _values(positions: Sequence[_Position], evidence: _Evidence) -> tuple[ClaimValue, ...]:
    """Return one ClaimValue per document and value, in value then document order."""
    by_doc: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for pos in positions:
        for c in pos.claims:
            by_doc[(c.value, c.doc_id)].append(c)
    return tuple(
        ClaimValue(
            doc_id=d, outlet=evidence.outlet.get(d, d), value=v,
            claim_ids=tuple(dict.fromkeys(c.claim_id for c in held)),
            published=evidence.published.get(d),
            sources=tuple(sorted({c.source for c in held if c.source})),
            first=held[0].first, last=held[0].last,
        )
        for (v, d), held in sorted(by_doc.items())
    )


def disagreements(corpus: Corpus, claims: Sequence[Claim]) -> tuple[Disagreement, ...]:
    """Return one verdict per story, event and kind of claim across outlets, most serious first.

    Claims are grouped by story, kind and event (claims without an event, and unresolved
    dates, are left out: there is nothing to compare them on). Each group gives one row
    (counts: one per shared basis, and one for the other bases), listing every document's
    value that takes part, so the number of rows grows with the events, not with pairs of
    articles. Rows are ranked by status, then by confidence.
    """
    evidence = _Evidence(corpus)
    outlets = evidence.outlet
    if len({outlets.get(d, d) for d in set(map(_DOC_ID, claims))}) < 2:
        # Every group below would hold one outlet and be skipped: one outlet disagrees with
        # nobody. Said at once, not after grouping every claim (a 600 KB text with 18,000
        # date claims: 3.3 -> 0.4 ms).
        return ()
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.event and c.value and (c.kind != "date" or c.first is not None):
            groups[(c.story, c.kind, c.event)].append(c)
    inside = _place_containment(claims)
    rows: list[_Row] = []
    for (story, kind, event), members in groups.items():
        if len({outlets.get(c.doc_id, c.doc_id) for c in members}) < 2:
            continue
        subject = members[0].subject
        if kind == "date":
            rows.extend(_date_rows(evidence, story, subject, event, _positions(_finest_dates(members), outlets)))
        elif kind == "place":
            rows.extend(_place_rows(evidence, story, subject, event, members, outlets, inside[story]))
        else:
            rows.extend(_count_rows(evidence, story, kind, subject, members, outlets))
    rows.sort(key=lambda r: (r.status.rank, -r.confidence, r.story, r.kind, r.event,
                             [p.key for p in r.positions]))
    return tuple(
        Disagreement(
            disagreement_id=f"g{n}", kind=r.kind, subject=r.subject, status=r.status,
            values=_values(r.positions, evidence), story=r.story, event=r.event,
            explanation=r.explanation, confidence=r.confidence,
        )
        for n, r in enumerate(rows, start=1)
    )
