"""Date expressions in English news text, normalised to intervals with a granularity.

We find the expressions ourselves instead of calling a general date parser: dateparser
reads "January 13-14" as 2014-01-13 and returns nothing for "last June". Each pattern
below knows what it matched (a day range, a month without a year, a weekday), so the
normalisation can be exact about the interval and honest about what it had to guess.

Year-less and relative expressions are resolved against a reference date (normally the
publication date). Without a reference they cannot be resolved and are left out: a
wrong year is worse than no date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Granularity = Literal["day", "month", "year"]

__all__ = ["DateMention", "date_mentions", "interval_value"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression: its offsets, the interval it denotes and how it was resolved."""

    start: int
    end: int
    text: str
    first: date
    last: date
    granularity: Granularity
    relative: bool
    confidence: float
    reference: str

    @property
    def value(self) -> str:
        """Return the ISO form: "2026-01-13", "2026-01-13/2026-01-14", "2025-06", "2026"."""
        return interval_value(self.first, self.last, self.granularity)


def interval_value(first: date, last: date, granularity: str) -> str:
    """Return the ISO string of an interval at a granularity (a range joined by "/")."""
    if granularity == "day":
        a, b = first.isoformat(), last.isoformat()
    elif granularity == "month":
        a, b = f"{first.year:04d}-{first.month:02d}", f"{last.year:04d}-{last.month:02d}"
    else:
        a, b = f"{first.year:04d}", f"{last.year:04d}"
    return a if a == b else f"{a}/{b}"


# --- vocabulary -------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _n, _name in enumerate(calendar.month_name[1:], start=1):
    _MONTHS[_name.lower()] = _n
    _MONTHS[_name[:3].lower()] = _n
_MONTHS["sept"] = 9

_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4}

# Month names are matched capitalised only, so "may" and "march" the verbs stay out.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DASH = r"\s*(?:-|–|—|to|through|until|till)\s*"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NOT_QUANTITY = r"(?!\s*(?:%|percent|per\s*cent|million|billion|trillion|thousand|hundred)\b)"
_END = r"(?![\w%])"

_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|should|going to|scheduled|slated|set (?:to|for)|expected to|plans? to|"
    r"planned|upcoming|due (?:to|on|in)|to be held|is to|are to|next|forthcoming|until|till|by)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    first: date
    last: date
    granularity: Granularity
    relative: bool
    confidence: float


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    reference: date | None


_Handler = Callable[[re.Match[str], _Context], "_Found | None"]
_RULES: list[tuple[re.Pattern[str], _Handler]] = []


def _rule(pattern: str, flags: int = 0) -> Callable[[_Handler], _Handler]:
    def register(handler: _Handler) -> _Handler:
        # An expression never spans a line break ("Friday" ending one line, a date the next).
        _RULES.append((re.compile(pattern.replace(r"\s", r"[^\S\n]"), flags), handler))
        return handler

    return register


# --- helpers ----------------------------------------------------------------------------


def _month(token: str) -> int:
    return _MONTHS[token.rstrip(".").lower()]


def _day(token: str) -> int:
    return int(re.match(r"\d+", token).group())  # type: ignore[union-attr]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _looks_future(ctx: _Context, start: int, end: int) -> bool:
    """Return True when the words just before a mention, in its clause, point forward.

    Only the six words before the mention count, and not across a comma: "announced
    Friday that it will ..." is about last Friday, "is set to begin on Wednesday" is not.
    """
    left = ctx.text[max(0, start - 60):start]
    left = re.split(r"[,;:.!?()\n]", left)[-1]
    words = left.split()[-6:]
    return bool(_FUTURE.search(" ".join(words)))


def _nearest_year(ref: date, month: int, day: int | None, *, future: bool) -> int:
    """Return the year that puts month (and day) closest to the reference date.

    A future-tense sentence rules out candidates more than two months before the
    reference, so "will meet in January" written in October lands in the next year.
    """
    best: tuple[float, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        if day is None:
            lo, hi = _month_span(year, month)
        else:
            d = _safe_date(year, month, day)
            if d is None:
                continue
            lo = hi = d
        if ref < lo:
            gap = (lo - ref).days
        elif ref > hi:
            gap = (ref - hi).days
            if future and gap > 60:
                gap += 366
        else:
            gap = 0
        if best is None or gap < best[0]:
            best = (gap, year)
    return best[1] if best else ref.year


def _year_of(token: str | None) -> int | None:
    return int(token) if token else None


# --- absolute and year-less day expressions --------------------------------------------


@_rule(r"\b(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")
def _iso(m: re.Match[str], ctx: _Context) -> _Found | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _Found(m.start(), m.end(), d, d, "day", False, 0.98) if d else None


@_rule(r"(?<![\d/])(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>\d{4}|\d{2})(?![\d/])")
def _us_numeric(m: re.Match[str], ctx: _Context) -> _Found | None:
    year = int(m["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    d = _safe_date(year, int(m["m"]), int(m["d"]))
    return _Found(m.start(), m.end(), d, d, "day", False, 0.8) if d else None


def _resolve_day(
    m: re.Match[str], ctx: _Context, month: int, day: int, year: int | None,
    *, last_month: int | None = None, last_day: int | None = None, last_year: int | None = None,
) -> _Found | None:
    relative = year is None
    if relative:
        if ctx.reference is None:
            return None
        year = _nearest_year(
            ctx.reference, month, day, future=_looks_future(ctx, m.start(), m.end())
        )
    first = _safe_date(year, month, day)
    if first is None:
        return None
    end_month = last_month or month
    end_year = last_year or (year + 1 if end_month < month else year)
    last = _safe_date(end_year, end_month, last_day or day) if last_day else first
    if last is None or last < first:
        return None
    ranged = last != first
    confidence = (0.9 if ranged else 0.95) if not relative else (0.8 if ranged else 0.85)
    return _Found(m.start(), m.end(), first, last, "day", relative, confidence)


_WD_PREFIX = rf"(?:{_WEEKDAY},?\s+)?"


@_rule(
    rf"\b{_WD_PREFIX}(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<m2>{_MONTH})\s+"
    rf"(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?{_END}"
)
def _month_day_to_month_day(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _resolve_day(
        m, ctx, _month(m["m1"]), _day(m["d1"]), _year_of(m["y"]),
        last_month=_month(m["m2"]), last_day=_day(m["d2"]),
    )


@_rule(
    rf"\b{_WD_PREFIX}(?P<m>{_MONTH})\s+(?P<d1>{_DAY})(?:{_DASH}|\s+and\s+)(?P<d2>{_DAY})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?{_END}{_NOT_QUANTITY}"
)
def _month_day_range(m: re.Match[str], ctx: _Context) -> _Found | None:
    if _day(m["d2"]) <= _day(m["d1"]):
        return None
    return _resolve_day(
        m, ctx, _month(m["m"]), _day(m["d1"]), _year_of(m["y"]), last_day=_day(m["d2"])
    )


@_rule(
    rf"\b(?P<d1>{_DAY})(?:{_DASH}|\s+and\s+)(?P<d2>{_DAY})\s+(?P<m>{_MONTH})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?{_END}"
)
def _day_range_month(m: re.Match[str], ctx: _Context) -> _Found | None:
    if _day(m["d2"]) <= _day(m["d1"]):
        return None
    return _resolve_day(
        m, ctx, _month(m["m"]), _day(m["d1"]), _year_of(m["y"]), last_day=_day(m["d2"])
    )


@_rule(
    rf"\b{_WD_PREFIX}(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?{_END}{_NOT_QUANTITY}"
)
def _month_day(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _resolve_day(m, ctx, _month(m["m"]), _day(m["d"]), _year_of(m["y"]))


@_rule(rf"\b{_WD_PREFIX}(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?{_END}")
def _day_month(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _resolve_day(m, ctx, _month(m["m"]), _day(m["d"]), _year_of(m["y"]))


# --- months, quarters, years -------------------------------------------------------------

_PART = r"(?:(?:early|mid|late)(?:-|\s)|(?:the\s+)?(?:beginning|start|end|middle)\s+of\s+)?"


@_rule(rf"\b(?P<m>{_MONTH})\s+of\s+(?P<rel>this|last|next)\s+year\b")
def _month_of_relative_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.reference is None:
        return None
    year = ctx.reference.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
    first, last = _month_span(year, _month(m["m"]))
    return _Found(m.start(), m.end(), first, last, "month", True, 0.85)


@_rule(rf"\b{_PART}(?P<m>{_MONTH})(?:,)?\s+(?P<y>{_YEAR})(?!\d)")
def _month_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    first, last = _month_span(int(m["y"]), _month(m["m"]))
    return _Found(m.start(), m.end(), first, last, "month", False, 0.95)


@_rule(
    rf"\b(?:(?P<rel>last|next|this|past|coming)\s+|(?P<prep>in|since|from|until|till|by|during|"
    rf"through|before|after|of|on)\s+(?:(?:early|mid|late)(?:-|\s))?|(?P<part>(?:early|mid|late)(?:-|\s)))?"
    rf"(?P<m>January|February|March|April|May|June|July|August|September|October|November|"
    rf"December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)\b(?!\s*\d)(?!-)"
)
def _month_alone(m: re.Match[str], ctx: _Context) -> _Found | None:
    month = _month(m["m"])
    # "May" and "March" without a preposition or modifier are far more often verbs or names.
    if m["m"] in ("May", "March") and not (m["rel"] or m["prep"] or m["part"]):
        return None
    ref = ctx.reference
    if ref is None:
        return None
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past"):
        year = ref.year if month < ref.month else ref.year - 1
    elif rel in ("next", "coming"):
        year = ref.year if month > ref.month else ref.year + 1
    elif rel == "this":
        year = ref.year
    elif _looks_future(ctx, m.start("m"), m.end()):
        year = ref.year if month >= ref.month else ref.year + 1
    else:
        # News mostly reports the past: a bare month is the latest one up to the reference.
        year = ref.year if month <= ref.month else ref.year - 1
    first, last = _month_span(year, month)
    start = m.start("m") if m["prep"] else m.start()
    return _Found(start, m.end(), first, last, "month", True, 0.8 if rel else 0.75)


@_rule(
    r"\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)(?:-|\s)quarter"
    rf"(?:\s+of\s+(?:(?P<y>{_YEAR})|(?P<rel>this|last|next)\s+year))?\b",
    re.IGNORECASE,
)
def _quarter(m: re.Match[str], ctx: _Context) -> _Found | None:
    ref = ctx.reference
    q_word = m["q"].lower()
    if m["y"]:
        year = int(m["y"])
        relative = False
    else:
        if ref is None:
            return None
        relative = True
        shift = {"this": 0, "last": -1, "next": 1}.get((m["rel"] or "").lower())
        year = ref.year + (shift or 0)
    current_q = (ref.month - 1) // 3 + 1 if ref else 4
    if q_word in ("final", "last"):
        quarter = 4
        if not m["y"] and not m["rel"] and ref is not None:
            # "the last quarter" is the most recent completed one.
            quarter = current_q - 1 or 4
            year = ref.year if current_q > 1 else ref.year - 1
    else:
        quarter = _QUARTERS[q_word]
        if not m["y"] and not m["rel"] and ref is not None and quarter >= current_q:
            # A quarter reported on is finished: "the fourth quarter" in March is last year's,
            # unless the sentence looks ahead.
            future = _looks_future(ctx, m.start(), m.end())
            year = ref.year - 1 if quarter > current_q and not future else ref.year
    first = date(year, 3 * quarter - 2, 1)
    last = _month_span(year, 3 * quarter)[1]
    return _Found(m.start(), m.end(), first, last, "month", relative, 0.8 if relative else 0.9)


@_rule(
    rf"\b(?:(?:from|between)\s+)?(?P<y1>{_YEAR})(?:\s*(?:-|–|to|through|until|and)\s*)"
    rf"(?P<y2>{_YEAR}|\d\d)\b(?![-/]\d)"
)
def _year_range(m: re.Match[str], ctx: _Context) -> _Found | None:
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if not y1 < y2 <= y1 + 200:
        return None
    if " and " in m[0] and not m[0].lower().startswith("between"):
        return None
    return _Found(m.start(), m.end(), date(y1, 1, 1), date(y2, 12, 31), "year", False, 0.9)


@_rule(r"\b(?:the\s+)?(?P<d>1[5-9]\d0|20\d0)s\b")
def _decade(m: re.Match[str], ctx: _Context) -> _Found | None:
    d = int(m["d"])
    return _Found(m.start(), m.end(), date(d, 1, 1), date(d + 9, 12, 31), "year", False, 0.85)


_COUNT_NOUNS = frozenset(
    "people persons employees workers jobs staff members troops soldiers passengers seats units "
    "cars vehicles planes aircraft jets engines shares points dollars euros pounds yen won miles "
    "kilometres kilometers km feet metres meters tons tonnes barrels homes houses stores students "
    "votes customers users copies pages words cases deaths victims".split()
)
_QUANTITY_AFTER = re.compile(r"\s*(?:%|percent\b|per\s*cent\b|million\b|billion\b|trillion\b|thousand\b)")
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_APPROX_BEFORE = re.compile(r"(?:about|around|some|nearly|almost|over|than|up to|roughly|at least)\s+$", re.IGNORECASE)


def _is_count(ctx: _Context, start: int, end: int) -> bool:
    """Return True when a four-digit number is a quantity ("2000 employees", "about 1500")."""
    if _QUANTITY_AFTER.match(ctx.text, end) or _APPROX_BEFORE.search(ctx.text[max(0, start - 15):start]):
        return True
    nxt = _NEXT_WORD.match(ctx.text, end)
    return bool(nxt and nxt.group(1) in _COUNT_NOUNS)


@_rule(rf"(?<![\d$€£¥.,:/#-])\b(?:(?P<part>early|mid|late)(?:-|\s))?(?P<y>{_YEAR})\b(?![.,:/]\d|-\d|\d)")
def _bare_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    year = int(m["y"])
    if _is_count(ctx, m.start("y"), m.end()):
        return None
    if ctx.reference is not None and year > ctx.reference.year + 30:
        return None
    return _Found(m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", False, 0.85)


# --- relative expressions ----------------------------------------------------------------


def _relative_day(m: re.Match[str], ctx: _Context, offset_days: int, confidence: float) -> _Found | None:
    if ctx.reference is None:
        return None
    d = ctx.reference + timedelta(days=offset_days)
    return _Found(m.start(), m.end(), d, d, "day", True, confidence)


@_rule(
    r"\b(?:(?:earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
def _deictic_day(m: re.Match[str], ctx: _Context) -> _Found | None:
    word = m["w"].lower()
    offset = -1 if word == "yesterday" else 1 if word == "tomorrow" else 0
    return _relative_day(m, ctx, offset, 0.9)


@_rule(
    r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(?P<unit>day|days|week|weeks|month|months|year|years)\s+"
    r"(?P<dir>ago|earlier|before|prior|previously|later|after|afterwards|from\s+now|hence)\b",
    re.IGNORECASE,
)
def _offset(m: re.Match[str], ctx: _Context) -> _Found | None:
    ref = ctx.reference
    if ref is None:
        return None
    if m["dir"].lower() in ("after", "before") and re.match(r"\s+[\w$]", ctx.text[m.end():]):
        # "five years after its launch" counts from an event, not from the reference.
        return None
    n_word = m["n"].lower()
    n = int(n_word) if n_word.isdigit() else _NUMBER_WORDS[n_word]
    sign = 1 if m["dir"].lower() in ("later", "after", "afterwards", "hence") or "now" in m["dir"] else -1
    unit = m["unit"].lower().rstrip("s")
    if unit in ("day", "week"):
        d = ref + timedelta(days=sign * n * (7 if unit == "week" else 1))
        # "a week prior/earlier" is anchored on an event in the text, not always on the
        # reference; the day is approximate.
        anchored = m["dir"].lower() not in ("ago", "from now", "hence")
        return _Found(m.start(), m.end(), d, d, "day", True, 0.5 if anchored else 0.75)
    if unit == "month":
        total = ref.year * 12 + ref.month - 1 + sign * n
        first, last = _month_span(total // 12, total % 12 + 1)
        return _Found(m.start(), m.end(), first, last, "month", True, 0.6)
    year = ref.year + sign * n
    return _Found(m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", True, 0.6)


@_rule(
    r"\b(?:(?P<edge>earlier|later|early|late)\s+|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?"
    r"(?P<rel>this|last|next|past|previous|coming)\s+(?P<unit>week|weekend|month|year)\b",
    re.IGNORECASE,
)
def _this_last_next(m: re.Match[str], ctx: _Context) -> _Found | None:
    ref = ctx.reference
    if ref is None:
        return None
    rel = m["rel"].lower()
    shift = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[rel]
    unit = m["unit"].lower()
    if unit in ("week", "weekend"):
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        if unit == "weekend":
            first, last = monday + timedelta(days=5), monday + timedelta(days=6)
        else:
            first, last = monday, monday + timedelta(days=6)
        return _Found(m.start(), m.end(), first, last, "day", True, 0.75)
    if unit == "month":
        total = ref.year * 12 + ref.month - 1 + shift
        first, last = _month_span(total // 12, total % 12 + 1)
        return _Found(m.start(), m.end(), first, last, "month", True, 0.85)
    year = ref.year + shift
    return _Found(m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", True, 0.85)


@_rule(
    rf"\b(?:(?P<rel>last|next|this|coming|past)\s+|(?P<prep>on|by|until|since|from|before|after)\s+)?"
    rf"(?P<w>{_WEEKDAY})\b(?!,?\s+(?:{_MONTH}|{_DAY}\s+{_MONTH}))"
)
def _weekday(m: re.Match[str], ctx: _Context) -> _Found | None:
    ref = ctx.reference
    if ref is None:
        return None
    target = _WEEKDAYS[m["w"].lower()]
    rel = (m["rel"] or "").lower()
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if rel in ("last", "past"):
        d = ref - timedelta(days=back or 7)
    elif rel in ("next", "coming"):
        d = ref + timedelta(days=ahead or 7)
    elif rel == "this":
        d = ref - timedelta(days=ref.weekday()) + timedelta(days=target)
    elif _looks_future(ctx, m.start(), m.end()):
        d = ref + timedelta(days=ahead)
    else:
        # News reports what happened: a bare weekday is the latest one up to the reference.
        d = ref - timedelta(days=back)
    start = m.start("w") if m["prep"] else m.start()
    return _Found(start, m.end(), d, d, "day", True, 0.75 if rel else 0.7)


_THE_DAY = re.compile(
    r"\b(?:the|that)\s+(?:same\s+)?day\b(?!\s+(?:before|after|of|when|that|which|in|to)\b)",
    re.IGNORECASE,
)


def _with_day_anaphora(text: str, taken: list[_Found], reference: date | None) -> list[_Found]:
    """Add "the day" / "the same day" / "that day", resolved to the last single day named before.

    With no day named before, it is the reference day itself (news: "stocks closed the day").
    """
    out = list(taken)
    for m in _THE_DAY.finditer(text):
        if any(not (m.end() <= t.start or m.start() >= t.end) for t in taken):
            continue
        before = [t for t in taken if t.end <= m.start() and t.granularity == "day" and t.first == t.last]
        if before:
            day = before[-1].first
        elif reference is not None:
            day = reference
        else:
            continue
        out.append(_Found(m.start(), m.end(), day, day, "day", True, 0.5))
    return sorted(out, key=lambda f: f.start)


# --- driver ------------------------------------------------------------------------------


def date_mentions(
    text: str,
    *,
    reference: date | None,
    reference_label: str = "reference",
    reference_confidence: float = 1.0,
) -> tuple[DateMention, ...]:
    """Return the date expressions in ``text``, in text order, with offsets into ``text``.

    Parameters
    ----------
    reference:
        The date that year-less and relative expressions are resolved against (the
        publication date). ``None`` keeps only expressions that carry their own year.
    reference_label:
        How the reference was obtained ("published", "inferred: ..."), stored on each
        mention that needed it.
    reference_confidence:
        Factor applied to the confidence of mentions resolved against the reference,
        below 1 when the reference itself was inferred.
    """
    ctx = _Context(text, reference)
    candidates: list[_Found] = []
    for pattern, handler in _RULES:
        for m in pattern.finditer(text):
            found = handler(m, ctx)
            if found is not None and found.end > found.start:
                candidates.append(found)
    # Longest match wins where expressions overlap ("January 13-14, 2026" over "2026").
    candidates.sort(key=lambda f: (-(f.end - f.start), f.start))
    taken: list[_Found] = []
    for f in candidates:
        if all(f.end <= t.start or f.start >= t.end for t in taken):
            taken.append(f)
    taken.sort(key=lambda f: f.start)
    taken = _with_day_anaphora(text, taken, reference)
    return tuple(
        DateMention(
            start=f.start,
            end=f.end,
            text=text[f.start:f.end],
            first=f.first,
            last=f.last,
            granularity=f.granularity,
            relative=f.relative,
            confidence=round(f.confidence * (reference_confidence if f.relative else 1.0), 3),
            reference=reference_label if f.relative else "absolute",
        )
        for f in taken
    )
