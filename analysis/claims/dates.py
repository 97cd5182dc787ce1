"""Date expressions in English news text, normalised to intervals with a granularity.

German day forms ("am 13. Januar", "13. Januar 2026", "vom 13. bis 14. Januar") and German
month-year forms ("Januar 2026") are read too.

We find the expressions ourselves instead of calling a general date parser: dateparser
reads "January 13-14" as 2014-01-13 and returns nothing for "last June". Each pattern
below knows what it matched (a day range, a month without a year, a weekday), so the
normalisation can be exact about the interval and honest about what it had to guess.

Year-less and relative expressions are resolved against a reference date (normally the
publication date). Without a reference they cannot be resolved and are left out: a
wrong year is worse than no date.

Some phrases count from a date named just before them rather than from the reference:
"in January, compared to the same month a year ago", "on November 11, three days later than
originally planned", "the year previous", "by that time"; they take the earlier mention's
interval (shifted where the phrase says so).

Vague deictic expressions ("now", "currently", "recently", "in the future") are found too,
with granularity "vague" and the TimeML reference tokens as value (PRESENT_REF, PAST_REF,
FUTURE_REF). They are not calendar intervals: their bounds are open on one side
(``date.min`` or ``date.max``), and claims leave them out.
"""

from __future__ import annotations

import bisect
import calendar
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Final, Literal, cast

from analysis.text.literals import LiteralFilter, led_by_first_characters, longest_match, match_spans

Granularity = Literal["day", "month", "year", "season", "vague"]

__all__ = [
    "VAGUE_VALUES",
    "DateMention",
    "MentionFields",
    "date_mention_fields",
    "date_mentions",
    "full_days",
    "interval_value",
    "refers_back",
]

# The TimeML tokens for vague references to the present, the past and the future.
VAGUE_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


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
        """Return the ISO form ("2026-01-13", "2026-01-13/2026-01-14", "2025-06", "2026"),
        or a reference token ("PRESENT_REF", "PAST_REF", "FUTURE_REF") for a vague mention."""
        return interval_value(self.first, self.last, self.granularity)


# Cached: a text names the same few intervals again and again (each claim reads its value).
@lru_cache(maxsize=1024)
def interval_value(first: date, last: date, granularity: str) -> str:
    """Return the ISO string of an interval at a granularity (a range joined by "/").

    A "season" interval is a meteorological season of the northern hemisphere, written the
    TimeML way ("2009-SP": March to May 2009; "2008-WI": December 2008 to February 2009).
    A "vague" interval is open towards the past (PAST_REF), the future (FUTURE_REF) or is
    the reference day itself (PRESENT_REF).
    """
    if granularity == "vague":
        return "PAST_REF" if first == date.min else "FUTURE_REF" if last == date.max else "PRESENT_REF"
    if granularity == "season":
        # TimeML's season value: the year the season starts in ("2008-WI" runs December 2008
        # to February 2009); the interval itself is the meteorological season.
        return f"{first.year:04d}-{_SEASON_CODES[first.month // 3 - 1]}"
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
    r"planned|upcoming|due (?:to|on|in)|to be held|is to|are to|next|forthcoming)\b",
    re.IGNORECASE,
)
# "until Friday", "by March" look ahead, but only as the expression's own preposition:
# "a conference held by Apple on Friday" is last Friday.
_FUTURE_PREPOSITIONS = frozenset({"until", "till", "by"})
_PART_WORDS = frozenset("early mid mid- late the end beginning start middle of".split())
_FUTURE_AFTER = re.compile(
    r"^(?:will|'ll|shall|is to|are to|is set to|are set to|is expected to|are expected to|"
    r"is scheduled to|are scheduled to|is due to|are due to|is going to|are going to)\b",
    re.IGNORECASE,
)


# A date a rule found: (start, end, first, last, granularity, relative, confidence), read with
# the indices below. A plain tuple: every rule match builds one, three times cheaper than a
# frozen dataclass, and the garbage collector stops walking a tuple of numbers, strings and
# dates at its first pass, where it walks a named tuple (a subclass) at every collection (the
# 600 KB anchored-dates case held 18,000 through a reading: a full collection more).
_Found = tuple[int, int, date, date, Granularity, bool, float]
_START: Final = 0
_END_AT: Final = 1
_FIRST: Final = 2
_LAST: Final = 3
_GRANULARITY: Final = 4
_RELATIVE: Final = 5
_CONFIDENCE: Final = 6


class _Context:
    """The text a rule reads and the reference it resolves against, noting when it reads the reference.

    A rule's answer for a match that did not read the reference is the same against any other:
    the second reading of a passage (against the reference its first reading inferred) takes it
    from the first (``_rule_matches``' answers) instead of reading the match again.
    """

    __slots__ = ("_reference", "read", "text")

    def __init__(self, text: str, reference: date | None) -> None:
        self.text = text
        self._reference = reference
        self.read = False

    @property
    def reference(self) -> date | None:
        """Return the reference date, noting that it was read."""
        self.read = True
        return self._reference


_Handler = Callable[[re.Match[str], _Context], "_Found | None"]
_RULES: list[tuple[re.Pattern[str], _Handler, tuple[str, ...]]] = []

# What a rule's every match contains (lower case, any one of them): a text without any is not
# scanned with that rule. Most sentences hold no digit and no month name, and a substring
# test is far cheaper than a regular-expression scan. tests/test_dates.py checks the law.
_DIGITS = tuple("0123456789")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_UNITS = ("day", "week", "month", "year")


def _rule(pattern: str, flags: int = 0, *, needs: tuple[str, ...] = ()) -> Callable[[_Handler], _Handler]:
    def register(handler: _Handler) -> _Handler:
        # An expression never spans a line break ("Friday" ending one line, a date the next).
        compiled = re.compile(pattern.replace(r"\s", r"[^\S\n]"), flags)
        _RULES.append((led_by_first_characters(compiled), handler, needs))
        return handler

    return register


# --- helpers ----------------------------------------------------------------------------


def _month(token: str) -> int:
    return _MONTHS[token.rstrip(".").lower()]


def _day(token: str) -> int:
    # A day as _DAY writes it: one or two digits, perhaps then "st", "nd", "rd" or "th".
    return int(token[:2]) if token[1:2].isdigit() else int(token[:1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


Tense = Literal["future", "future in the past", ""]


# Future seen from the past ("said he would speak on Monday", "was to meet in June", "had
# been scheduled for Friday"): the day is near the reference, on either side of it.
_FUTURE_IN_PAST = re.compile(
    r"\b(?:would|was to|were to|(?:was|were) going to|(?:was|were|had been) (?:set|due|expected|"
    r"scheduled|slated|supposed|planning|planned) (?:to|for|on|in)|had (?:planned|intended|hoped) to"
    # A wish or a request looks ahead of the reported speech: "urged the president to confront
    # Putin when they meet on Monday" (written on a Friday: the coming Monday, BASIL).
    r"|urged|urging|called (?:[A-Z][a-z]+ )?(?:on|for)|pressed|asked (?:him|her|them)|wants?|wanted"
    # A "when" clause in the present speaks of the future: "when they meet on Monday".
    r"|when (?:they|he|she|we|it|you|I) (?!(?:was|were|had|did)\b)[a-z]+s?)\b",
    re.IGNORECASE,
)
_CLAUSE_WORDS = 14  # words back, within the clause, searched for a future-in-the-past cue
# Where a clause ends, looking back from a mention. The period of "Mr.", "Dr.", "Ms." or "U.S."
# ends nothing: "called for Mr. Trump to cancel the Monday session" keeps its cue (BASIL).
_CLAUSE_BREAK = re.compile(r"[,;:!?()\n]|(?<![A-Z][a-z])(?<![A-Z])\.")


def _tense(ctx: _Context, start: int, end: int) -> Tense:
    """Return whether the words before a mention, in its clause, point forward, and from when.

    "future": a future cue among the six words before the mention ("is set to begin on
    Wednesday") or its own preposition ("until Friday"), not across a comma: "announced Friday
    that it will ..." is about last Friday. "future in the past": a cue of the future seen from
    the past ("would", "was to", "was scheduled for") earlier in the clause, with no finite past
    verb between it and the mention: "said he would be delivering a speech in New Hampshire on
    Monday". Otherwise "" (news reports what happened).
    """
    left = ctx.text[max(0, start - 120):start]
    left = _CLAUSE_BREAK.split(left)[-1]
    words = left.split()[-_CLAUSE_WORDS:]
    near = words[-6:]
    k = len(near) - 1
    while k >= 0 and near[k].lower() in _PART_WORDS:
        k -= 1  # "by early June", "until the end of"
    if k >= 0 and near[k].lower() in _FUTURE_PREPOSITIONS:
        return "future"
    clause = " ".join(words)
    near_text = " ".join(near)
    offset = len(clause) - len(near_text)
    future = [m.start() + offset for m in _FUTURE.finditer(near_text)]
    in_past = list(_FUTURE_IN_PAST.finditer(clause))
    if in_past:
        cue = in_past[-1]
        # The cue governs the mention unless a plain future cue follows it ("would say it
        # will open on Monday") or a finite past verb does ("would say he met her on Monday").
        if not any(f >= cue.end() for f in future) and not _PAST_VERB.search(clause, cue.end()):
            return "future in the past"
    return "future" if future else ""


def _looks_future(ctx: _Context, start: int, end: int) -> bool:
    """Return True when the words just before a mention, in its clause, point forward."""
    return _tense(ctx, start, end) == "future"


_PAST_VERB = re.compile(
    r"\b(?:was|were|had|did|fell|rose|grew|lost|made|saw|took|came|went|sold|paid|spent|"
    r"won|began|said|told|became|left|gave|found|wrote|held|met|led|knew|got|ran|"
    r"(?!(?:n|ind|exc|succ|proc|sp|f|s|br|bl|h)eed\b)[a-z]{2,}ed)\b"
)


def _looks_past(ctx: _Context, start: int) -> bool:
    """Return True when a past-tense verb precedes a mention in its clause (six words)."""
    left = _CLAUSE_BREAK.split(ctx.text[max(0, start - 60):start])[-1]
    return bool(_PAST_VERB.search(" ".join(left.split()[-6:])))


def _opens_future_clause(ctx: _Context, start: int, end: int) -> bool:
    """Return True when a mention opens its sentence and the main verb after it is future.

    "On Monday, Apple will unveil ..." or "Friday will see ...". A mention after a verb
    ("Apple said Monday it will ...") is dated by that verb instead.
    """
    left = re.split(r"[.!?;:\n]", ctx.text[max(0, start - 40):start])[-1]
    if left.strip().strip("\"'`‘“").lower() not in ("", "on", "by", "until", "and on", "but on"):
        return False
    right = ctx.text[end:end + 80].lstrip(" ,")
    right = re.sub(r"^(?:morning|afternoon|evening|night)\b,?\s*", "", right, flags=re.IGNORECASE)
    words = right.split()
    # Skip the subject (up to four words) to reach the verb.
    for k in range(min(5, len(words))):
        if _FUTURE_AFTER.match(" ".join(words[k:k + 4])):
            return True
        if words[k].endswith((",", ".", ";")):
            break
    return False


# A future modal right after a mention, in its clause: "the talks in Helsinki on Monday should
# not move forward" (written on a Friday) is the coming Monday.
_MODAL_AFTER = re.compile(
    r"(?<![\s\"'“”‘’])[\s\"'“”‘’]*+(?:will|'ll|shall|should|is to|are to|(?:is|are) (?:set|expected|scheduled|due|going) to)\b",
    re.IGNORECASE,
)


def _future_modal_after(ctx: _Context, end: int) -> bool:
    """Return True when a future modal follows the mention directly ("Monday should ...")."""
    return bool(_MODAL_AFTER.match(ctx.text, end))


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


@_rule(r"\b(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b", needs=_DIGITS)
def _iso(m: re.Match[str], ctx: _Context) -> _Found | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (m.start(), m.end(), d, d, "day", False, 0.98) if d else None


@_rule(r"(?<![\d/])(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>\d{4}|\d{2})(?![\d/])", needs=_DIGITS)
def _us_numeric(m: re.Match[str], ctx: _Context) -> _Found | None:
    year = int(m["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    d = _safe_date(year, int(m["m"]), int(m["d"]))
    return (m.start(), m.end(), d, d, "day", False, 0.8) if d else None


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
    if year is None:  # an explicit year was given, or _nearest_year found one
        return None
    first = _safe_date(year, month, day)
    if first is None:
        return None
    if relative and ctx.reference is not None and not 0 <= (ctx.reference - first).days <= 60 and (
        _NAMES_AN_ATTACK.match(ctx.text, m.end())
    ):
        # "the September 11th terrorist attacks" written in February 2007 is not 2006-09-11:
        # a year-less date naming an attack (a past event) that is not recent names an
        # event of unknown year.
        return None
    end_month = last_month or month
    end_year = last_year or (year + 1 if end_month < month else year)
    last = _safe_date(end_year, end_month, last_day or day) if last_day else first
    if last is None or last < first:
        return None
    ranged = last != first
    confidence = (0.9 if ranged else 0.95) if not relative else (0.8 if ranged else 0.85)
    return (m.start(), m.end(), first, last, "day", relative, confidence)


_WD_PREFIX = rf"(?:{_WEEKDAY},?\s+)?"
_NAMES_AN_ATTACK = re.compile(
    r"(?:,|(?<![^\S\n]))[^\S\n]++(?:terrorist[^\S\n]+|terror[^\S\n]+)?(?:attacks?|bombings?|hijackings?)\b",
    re.IGNORECASE,
)


@_rule(
    rf"\b{_WD_PREFIX}(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<m2>{_MONTH})\s+"
    rf"(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?{_END}",
    needs=_DIGITS,
)
def _month_day_to_month_day(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _resolve_day(
        m, ctx, _month(m["m1"]), _day(m["d1"]), _year_of(m["y"]),
        last_month=_month(m["m2"]), last_day=_day(m["d2"]),
    )


@_rule(
    rf"\b{_WD_PREFIX}(?P<m>{_MONTH})\s+(?P<d1>{_DAY})(?:{_DASH}|\s+and\s+)(?P<d2>{_DAY})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?{_END}{_NOT_QUANTITY}",
    needs=_DIGITS,
)
def _month_day_range(m: re.Match[str], ctx: _Context) -> _Found | None:
    if _day(m["d2"]) <= _day(m["d1"]):
        return None
    return _resolve_day(
        m, ctx, _month(m["m"]), _day(m["d1"]), _year_of(m["y"]), last_day=_day(m["d2"])
    )


@_rule(
    rf"\b(?P<d1>{_DAY})(?:{_DASH}|\s+and\s+)(?P<d2>{_DAY})\s+(?P<m>{_MONTH})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?{_END}",
    needs=_DIGITS,
)
def _day_range_month(m: re.Match[str], ctx: _Context) -> _Found | None:
    if _day(m["d2"]) <= _day(m["d1"]):
        return None
    return _resolve_day(
        m, ctx, _month(m["m"]), _day(m["d1"]), _year_of(m["y"]), last_day=_day(m["d2"])
    )


@_rule(
    rf"\b{_WD_PREFIX}(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?{_END}{_NOT_QUANTITY}",
    needs=_DIGITS,
)
def _month_day(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _resolve_day(m, ctx, _month(m["m"]), _day(m["d"]), _year_of(m["y"]))


@_rule(
    rf"\b{_WD_PREFIX}(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?{_END}",
    needs=_DIGITS,
)
def _day_month(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _resolve_day(m, ctx, _month(m["m"]), _day(m["d"]), _year_of(m["y"]))


# German day forms: "am 13. Januar", "13. Januar 2026", "13.-14. Januar", "vom 13. bis 14. Januar".
# April, August, September and November are English words too; after a number ending an
# English sentence ("rose 13. August sales ...") they count only with a year or after a
# German preposition.
_MONTHS_DE = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5,
    "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11,
    "dezember": 12,
}
_MONTH_DE_ONLY = r"(?:Januar|Jänner|Februar|März|Maerz|Mai|Juni|Juli|Oktober|Dezember)"
_MONTH_DE_SHARED = r"(?:April|August|September|November)"
_DAY_DE = r"(?:3[01]|[12]\d|0?[1-9])\."
_DAY_RANGE_DE = rf"(?P<d1>{_DAY_DE})(?:\s*(?:-|–|bis|und)\s*(?P<d2>{_DAY_DE}))?\s*"


@_rule(rf"(?<![\w.]){_DAY_RANGE_DE}(?P<m>{_MONTH_DE_ONLY})(?:\s+(?P<y>{_YEAR}))?(?!\w)", needs=_DIGITS)
@_rule(rf"(?<![\w.]){_DAY_RANGE_DE}(?P<m>{_MONTH_DE_SHARED})\s+(?P<y>{_YEAR})(?!\w)", needs=_DIGITS)
@_rule(rf"\b(?:am|vom|zum|bis|ab|seit|dem|den)\s+{_DAY_RANGE_DE}(?P<m>{_MONTH_DE_SHARED})(?!\w)", needs=_DIGITS)
def _german_day(m: re.Match[str], ctx: _Context) -> _Found | None:
    day = int(m["d1"].rstrip("."))
    last_day = int(m["d2"].rstrip(".")) if m["d2"] else None
    if last_day is not None and last_day <= day:
        return None
    found = _resolve_day(
        m, ctx, _MONTHS_DE[m["m"].lower()], day, _year_of(m.groupdict().get("y")), last_day=last_day
    )
    # The preposition is context, not part of the expression.
    return (m.start("d1"), *found[1:]) if found is not None else None


@_rule(rf"\b(?P<m>{_MONTH_DE_ONLY})\s+(?P<y>{_YEAR})(?!\d)", needs=_DIGITS)
def _german_month_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    first, last = _month_span(int(m["y"]), _MONTHS_DE[m["m"].lower()])
    return (m.start(), m.end(), first, last, "month", False, 0.95)


# --- months, quarters, years -------------------------------------------------------------

_PART = r"(?:(?:early|mid|late)(?:-|\s)|(?:the\s+)?(?:beginning|start|end|middle)\s+of\s+)?"


@_rule(rf"\b(?P<m>{_MONTH})\s+of\s+(?P<rel>this|last|next)\s+year\b", needs=("year",))
def _month_of_relative_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.reference is None:
        return None
    year = ctx.reference.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
    first, last = _month_span(year, _month(m["m"]))
    return (m.start(), m.end(), first, last, "month", True, 0.85)


@_rule(rf"\b{_PART}(?P<m>{_MONTH})(?:,)?\s+(?P<y>{_YEAR})(?!\d)", needs=_DIGITS)
def _month_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    first, last = _month_span(int(m["y"]), _month(m["m"]))
    return (m.start(), m.end(), first, last, "month", False, 0.95)


@_rule(
    r"\b(?:(?P<rel>last|next|this|past|coming)\s+|(?P<prep>in|since|from|until|till|by|during|"
    r"through|before|after|of|on)\s+(?:(?:early|mid|late)(?:-|\s))?|(?P<part>(?:early|mid|late)(?:-|\s)))?"
    r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)\b(?!\s*\d)(?!-)",
    needs=_MONTH_STEMS,
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
    year = _year_of_month(ctx, ref, month, rel, m.start("m"), m.end())
    first, last = _month_span(year, month)
    start = m.start("m") if m["prep"] else m.start()
    return (start, m.end(), first, last, "month", True, 0.8 if rel else 0.75)


def _year_of_month(ctx: _Context, ref: date, month: int, rel: str, start: int, end: int) -> int:
    """Return the year of a month named without one, from its modifier or the clause's tense."""
    if rel in ("last", "past"):
        return ref.year if month < ref.month else ref.year - 1
    if rel in ("next", "coming"):
        return ref.year if month > ref.month else ref.year + 1
    if rel == "this":
        return ref.year
    tense = _tense(ctx, start, end)
    if tense == "future":
        return ref.year if month >= ref.month else ref.year + 1
    if tense == "future in the past":
        # "said it would open in June": the June nearest the reference, either side.
        return min((ref.year - 1, ref.year, ref.year + 1),
                   key=lambda y: (abs((y - ref.year) * 12 + month - ref.month), y < ref.year))
    # News mostly reports the past: a bare month is the latest one up to the reference.
    return ref.year if month <= ref.month else ref.year - 1


# --- seasons -------------------------------------------------------------------------------

# Meteorological seasons of the northern hemisphere, in the order they start in a year
# (March, June, September, December): a season claim is a date claim ("the IMF held its
# Autumn meetings"), and as an interval it nests and conflicts like a month range does.
_SEASONS = {"spring": 0, "summer": 1, "autumn": 2, "fall": 2, "winter": 3}
_SEASON_CODES = ("SP", "SU", "FA", "WI")
# Words before a season that make it something else: a spring of water, a verb ("to spring a
# surprise"), a habit ("every summer" is a set of seasons, not one).
_NOT_SEASON_BEFORE = frozenset(
    "a an your hot mineral thermal nuclear every each to will would could can may might must did does do".split()
)
# "spring up", "spring into action", "spring from": the verb. Read right after the word, from
# the start of its run of spaces only (a scan from every space of a long run is quadratic).
_SPRING_VERB_AFTER = re.compile(r"(?<!\s)[^\S\n]++(?:up|into|to|from|back|forward|out|onto|open|free|loose)\b", re.IGNORECASE)
# "fall" is a noun for the season only where nothing else reads: a modifier, a year, or
# "in the fall" not followed by what falls ("the fall of Rome", "a fall in sales").
_FALL_PREPOSITION = re.compile(
    r"\b(?:in|during|by|until|till|since|through|throughout|over|before|after|for|this|that)[^\S\n]++the[^\S\n]++$",
    re.IGNORECASE,
)
# A capitalised word after a season ("Summer Palace"), read from the season's end: sliced off the
# text to its end, each season copied the rest of the text ("in summer it rained " 20,000 and
# 80,000 times: 0.21 and 1.83 s; read in place, 0.15 and 0.62 s). A season without a year ends
# on its last letter, so the space run starts there (the look-behind keeps a search linear).
_NAME_AFTER = re.compile(r"(?<!\s)[^\S\n]++([A-Z][a-z]+)")
_FALL_NOT_AFTER = re.compile(r"(?<!\s)[^\S\n]++(?:of|in|to|from|by|on|at)\b", re.IGNORECASE)


def _season_span(year: int, season: int) -> tuple[date, date]:
    """Return the first and last day of a meteorological season starting in ``year``."""
    month = 3 * season + 3
    last_year, last_month = (year + 1, 2) if season == 3 else (year, month + 2)
    return date(year, month, 1), _month_span(last_year, last_month)[1]


def _season_index(d: date) -> int:
    """Return the season holding a day as a count of seasons (year * 4 + season)."""
    if d.month < 3:
        return (d.year - 1) * 4 + 3
    return d.year * 4 + d.month // 3 - 1


@_rule(
    r"\b(?:(?P<rel>this|last|next|past|coming)\s+)?(?:(?P<part>early|mid|late)(?:-|\s))?"
    r"(?P<s>spring|summer|autumn|fall|winter)(?:(?P<of>\s+of)?\s+(?P<y>" + _YEAR + r")"
    r"(?:(?P<y2>[-/–]\d\d(?:\d\d)?))?)?\b(?![-'’]\w)",
    re.IGNORECASE,
    needs=("spring", "summer", "autumn", "fall", "winter"),
)
def _season(m: re.Match[str], ctx: _Context) -> _Found | None:
    """Return "spring", "last summer", "the fall of 2008", "winter 2008-09" as a season.

    A season without a year is resolved like a bare month: "this" is the reference's year's
    (the winter around or after it), "last"/"next" the one before or after the reference's,
    otherwise the reference's own season, the next one in a clause looking ahead, the latest
    one in a past clause; another season with no tense to say which side is left out.
    "winter 2009" is left to its year: which winter it means (ending or starting in 2009) is
    not written. A season is a northern one: "autumn 2004" in Sydney is not read as March-May.
    """
    word = m["s"].lower()
    season = _SEASONS[word]
    text = ctx.text
    before = text[max(0, m.start() - 30):m.start()].split()
    prev = before[-1].lower() if before else ""
    if not m["rel"] and not m["y"] and (prev in _NOT_SEASON_BEFORE or text[m.start() - 1:m.start()] == "-"):
        return None  # ... and "near-summer air"
    if m["s"][0].isupper() and before and before[-1][:1].isupper() and not m["rel"] and not m["part"]:
        return None  # "Arab Spring", "Prague Spring": the name of an event, not a season
    if not m["y"]:
        if m["of"] is None and re.match(r"[^\S\n]+(?:of|before|after)\b", text[m.end():m.end() + 10]):
            return None  # "the summer of love", "the fall of Rome", "the summer before the election"
        if m["s"][0].isupper() and _NAME_AFTER.match(text, m.end()):
            return None  # "Winter Olympics", "Summer Palace", "Spring Street": a name
        if word == "spring" and _SPRING_VERB_AFTER.match(text, m.end()):
            return None
        if word == "fall" and not m["rel"] and not m["part"] and (
            not _FALL_PREPOSITION.search(text, max(0, m.start() - 20), m.start())
            or _FALL_NOT_AFTER.match(text, m.end())
        ):
            return None
    if m["y"]:
        year = int(m["y"])
        if m["y2"]:
            second = int(m["y2"][1:])
            second = second if second >= 1000 else year // 100 * 100 + second
            if season != 3 or second != year + 1:
                return None  # "summer 2008-09" is no one season; "winter 2008-09" is 2008's
        elif season == 3:
            return None
        first, last = _season_span(year, season)
        return (m.start(), m.end(), first, last, "season", False, 0.85)
    ref = ctx.reference
    if ref is None:
        return None
    current = _season_index(ref)
    rel = (m["rel"] or "").lower()
    # The candidates of this season around the reference's, as season counts.
    latest = current - (current - season) % 4  # the latest up to the reference (or the current)
    if rel == "this":
        index = ref.year * 4 + season if season != 3 or ref.month > 2 else current
    elif rel in ("last", "past"):
        index = latest if latest < current else latest - 4
    elif rel in ("next", "coming"):
        index = latest + 4
    elif latest == current:
        index = current  # "spring shows signs of hope", written in April
    else:
        # Another season than the reference's needs the tense to say which side: on BASIL,
        # bare seasons in clauses without a past verb looked ahead as often as back ("if Trump
        # v. Clinton arises in the fall", written in July; "spills into the summer convention",
        # written in March): a wrong year is worse than no date.
        tense = _tense(ctx, m.start("s"), m.end())
        if tense == "future":
            index = latest + 4
        elif tense == "future in the past":
            index = min(latest, latest + 4, key=lambda i: (abs(i - current), i < current))
        elif _looks_past(ctx, m.start()):
            index = latest
        else:
            return None
    first, last = _season_span(index // 4, index % 4)
    return (m.start(), m.end(), first, last, "season", True, 0.7 if rel else 0.65)


_WEEK_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}


@_rule(
    rf"\b(?:the\s+)?(?P<n>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<m>{_MONTH})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?(?![\w-])",
    needs=("week",),
)
def _week_of_month(m: re.Match[str], ctx: _Context) -> _Found | None:
    """Return "the last week of March" as that full Monday-to-Sunday week inside the month.

    A week that straddles two months belongs to neither: TimeML writes "the last week of March"
    (2009) as 2009-W13, March 23-29, not March 30 to April 5. Without it, "March" alone was a
    second mention and "last week" a third, counted from the reference.
    """
    month = _month(m["m"])
    if m["y"]:
        year, relative = int(m["y"]), False
    elif ctx.reference is None:
        return None
    else:
        year, relative = _year_of_month(ctx, ctx.reference, month, "", m.start("m"), m.end()), True
    first_day, last_day = _month_span(year, month)
    n = _WEEK_ORDINALS[m["n"].lower()]
    if n > 0:
        monday = first_day + timedelta(days=(7 - first_day.weekday()) % 7 + 7 * (n - 1))
    else:
        monday = last_day - timedelta(days=(last_day.weekday() + 1) % 7 + 6)
    return (m.start(), m.end(), monday, monday + timedelta(days=6), "day", relative, 0.7 if relative else 0.8)


@_rule(
    r"\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)(?:-|\s)quarter"
    rf"(?:\s+of\s+(?:(?P<y>{_YEAR})|(?P<rel>this|last|next)\s+year))?\b",
    re.IGNORECASE,
    needs=("quarter",),
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
        if not m["y"] and not m["rel"] and ref is not None and quarter != current_q:
            # The nearest such quarter, unless the tense says which side: "the fourth quarter"
            # in August is the coming one, in March last year's; "profits rose in the third
            # quarter" written in June is last year's.
            back = (current_q - quarter) % 4
            ahead = (quarter - current_q) % 4
            if _looks_future(ctx, m.start(), m.end()):
                steps = ahead
            elif _looks_past(ctx, m.start()) or back <= ahead:
                steps = -back
            else:
                steps = ahead
            index = ref.year * 4 + current_q - 1 + steps
            year = index // 4
    first = date(year, 3 * quarter - 2, 1)
    last = _month_span(year, 3 * quarter)[1]
    return (m.start(), m.end(), first, last, "month", relative, 0.8 if relative else 0.9)


@_rule(
    rf"\b(?:(?:from|between)\s+)?(?P<y1>{_YEAR})(?:\s*(?:-|–|to|through|until|and)\s*)"
    rf"(?P<y2>{_YEAR}|\d\d)\b(?![-/]\d)",
    needs=_DIGITS,
)
def _year_range(m: re.Match[str], ctx: _Context) -> _Found | None:
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if not y1 < y2 <= y1 + 200:
        return None
    if " and " in m[0] and not m[0].lower().startswith("between"):
        return None
    return (m.start(), m.end(), date(y1, 1, 1), date(y2, 12, 31), "year", False, 0.9)


@_rule(r"\b(?:the\s+)?(?P<d>1[5-9]\d0|20\d0)s\b", needs=_DIGITS)
def _decade(m: re.Match[str], ctx: _Context) -> _Found | None:
    d = int(m["d"])
    return (m.start(), m.end(), date(d, 1, 1), date(d + 9, 12, 31), "year", False, 0.85)


def _latest_century(two_digits: int, ref: date) -> int:
    """Return the latest year (or decade start) ending in two digits that is not after ref."""
    year = ref.year // 100 * 100 + two_digits
    return year if year <= ref.year else year - 100


@_rule(r"(?<![\w'’])['’](?P<yy>\d\d)\b(?![’'%.,]\d)(?!\s*(?:%|percent)\b)", needs=_DIGITS)
def _apostrophe_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    """Return "'82" (since '82) as the latest such year up to the reference."""
    if ctx.reference is None or not re.search(
        r"\b(?:since|in|of|from|until|till|by|before|after|during|circa|summer|spring|autumn|fall|winter)[^\S\n]+$",
        ctx.text[max(0, m.start() - 12):m.start()], re.IGNORECASE,
    ):
        return None
    year = _latest_century(int(m["yy"]), ctx.reference)
    return (m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", True, 0.75)


# The second decade of "the 70s and 80s" (the first is found by the rule below).
@_rule(r"\bthe\s+['’]?[1-9]0s\s+(?:and|or|to|through)\s+['’]?(?P<d3>[1-9]0)s\b", needs=_DIGITS)
@_rule(r"\b(?:the\s+)['’]?(?P<d>[1-9]0)s\b|(?<![\w'’])['’](?P<d2>[1-9]0)s\b", needs=_DIGITS)
def _short_decade(m: re.Match[str], ctx: _Context) -> _Found | None:
    """Return "the '80s" / "the 70s" (and the 80s of "the 70s and 80s") as the latest such
    decade up to the reference."""
    if ctx.reference is None:
        return None
    groups = m.groupdict()
    digits = groups.get("d") or groups.get("d2") or groups["d3"]
    d = _latest_century(int(digits), ctx.reference)
    start = m.end() - len(digits) - 1
    start = start - 1 if ctx.text[start - 1:start] in ("'", "’") else start
    return (start, m.end(), date(d, 1, 1), date(d + 9, 12, 31), "year", True, 0.7)


_COUNT_NOUNS = frozenset(
    "people persons employees workers jobs staff members troops soldiers passengers seats units "
    "cars vehicles planes aircraft jets engines shares points dollars euros pounds yen won miles "
    "kilometres kilometers km feet metres meters tons tonnes barrels homes houses stores students "
    "votes customers users copies pages words cases deaths victims".split()
)
# Read right after a number: each starts where its run of spaces starts (the look-behind),
# so no scan tries it from every space of a long run (quadratic).
_QUANTITY_AFTER = re.compile(r"(?<!\s)\s*+(?:%|percent\b|per\s*cent\b|million\b|billion\b|trillion\b|thousand\b)")
_NEXT_WORD = re.compile(r"(?<!\s)\s++([a-z]+)")
_APPROX_BEFORE = led_by_first_characters(
    re.compile(r"(?:about|around|some|nearly|almost|over|than|up to|roughly|at least)\s+$", re.IGNORECASE)
)


def _is_count(ctx: _Context, start: int, end: int) -> bool:
    """Return True when a four-digit number is a quantity ("2000 employees", "about 1500")."""
    if _QUANTITY_AFTER.match(ctx.text, end) or _APPROX_BEFORE.search(ctx.text, max(0, start - 15), start):
        return True
    nxt = _NEXT_WORD.match(ctx.text, end)
    if nxt and nxt.group(1) in _COUNT_NOUNS:
        return True
    # "the Russell 2000 Index", "the Wilshire 5000 index": a number in an index's name.
    if not _INDEX_AFTER.match(ctx.text, end):
        return False
    name = _NAME_BEFORE.search(ctx.text, max(0, start - 20), start)
    return bool(name and name.group(1).lower() not in _NOT_NAMES)


_INDEX_AFTER = re.compile(r"(?<!\s)[^\S\n]++[Ii]ndex\b")
_NAME_BEFORE = re.compile(r"(?<![A-Za-z&])([A-Z][A-Za-z&]++)[^\S\n]$")
_NOT_NAMES = frozenset("in by since until from before after during of the for through".split())


@_rule(
    rf"(?<![\d$€£¥.,:/#-])\b(?:(?P<part>early|mid|late)(?:-|\s))?(?P<y>{_YEAR})\b(?![.,:/]\d|-\d|\d)",
    needs=_DIGITS,
)
def _bare_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    year = int(m["y"])
    if _is_count(ctx, m.start("y"), m.end()):
        return None
    if ctx.reference is not None and year > ctx.reference.year + 30:
        return None
    return (m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", False, 0.85)


# The most characters a bare year spans ("early-2025"), read from its pattern.
_BARE_YEAR_WIDTH = longest_match(next(p for p, handler, _ in _RULES if handler is _bare_year))


# --- relative expressions ----------------------------------------------------------------


def _relative_day(m: re.Match[str], ctx: _Context, offset_days: int, confidence: float) -> _Found | None:
    if ctx.reference is None:
        return None
    d = ctx.reference + timedelta(days=offset_days)
    return (m.start(), m.end(), d, d, "day", True, confidence)


_TODAYS_NAME = re.compile(r"['’]s[^\S\n]+[A-Z]")


@_rule(
    r"\b(?:(?:earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening))\b",
    re.IGNORECASE,
    needs=("today", "tonight", "yesterday", "tomorrow", "this"),
)
def _deictic_day(m: re.Match[str], ctx: _Context) -> _Found | None:
    word = m["w"].lower()
    if word == "today" and ctx.reference is not None and _TODAYS_NAME.match(ctx.text, m.end()):
        # "today's GM", "today's America": the present era of a name, not the calendar day
        # ("today's meeting" stays the day).
        return (m.start(), m.end(), ctx.reference, ctx.reference, "vague", True, 0.5)
    offset = -1 if word == "yesterday" else 1 if word == "tomorrow" else 0
    return _relative_day(m, ctx, offset, 0.9)


# --- vague references to the present, the past and the future -------------------------

_NUMBER_OR_UNIT = (
    r"(?:\d|few|several|couple|many|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen|years?|months?|weeks?|days?|decades?|"
    r"century|centuries|quarters?|weekends?|nights?|hours?|sessions?|trading|financial|fiscal|"
    r"fortnight)\b"
)


_LATER_FROM_EVENT = frozenset(
    "or seconds minutes hours days weeks months years decades moments generations".split()
)


def _vague(m: re.Match[str], ctx: _Context, token: str) -> _Found | None:
    ref = ctx.reference
    if ref is None:
        return None
    first = date.min if token == "PAST_REF" else ref
    last = date.max if token == "FUTURE_REF" else ref
    # The expression proper starts after its preposition ("for the time being").
    start = next(m.start(k) for k, v in m.groupdict().items() if k.startswith("x") and v is not None)
    return (start, m.end(), first, last, "vague", True, 0.5)


@_rule(
    r"(?<![\w-])(?:(?P<x1>now)(?![-\w])(?!\s+that\b)|(?P<x2>currently|presently|nowadays)\b"
    r"|(?:at|for)\s+(?P<x3>present|the\s+moment|the\s+time\s+being)\b(?!\s+(?:of|when|that)\b)"
    r"|(?P<x4>these\s+days)\b)",
    re.IGNORECASE,
    needs=("now", "current", "present", "moment", "being", "these"),
)
def _present_ref(m: re.Match[str], ctx: _Context) -> _Found | None:
    # "a week from now" is an offset (found by its own rule), not the present.
    if re.search(r"\bfrom\s+$", ctx.text[max(0, m.start() - 6):m.start()], re.IGNORECASE):
        return None
    return _vague(m, ctx, "PRESENT_REF")


@_rule(
    r"(?<![\w-])(?:(?P<x5>(?:(?:more|very|only|until|most)\s+)?recently|lately)\b"
    r"|(?<!most\s)(?<!more\s)(?P<x6>recent(?:\s+(?:years|months|weeks|days|decades|times|history))?)\b(?!-)"
    rf"|(?:in|of|from|for)\s+(?P<x7>the\s+past)\b(?!-|\s+{_NUMBER_OR_UNIT}))",
    re.IGNORECASE,
    needs=("recent", "lately", "past"),
)
def _past_ref(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _vague(m, ctx, "PAST_REF")


@_rule(
    r"(?<![\w-])(?:(?:in|for|into|of)\s+(?P<x8>the\s+(?:(?:near|distant|foreseeable)\s+)?future)\b(?!\s+of\b)"
    r"|(?<!as\s)(?P<x9>(?:(?:very|quite|fairly)\s+)?soon)\b(?![-\w])(?!\s+(?:as|after|before|afterwards|enough)\b)"
    r"|(?:in|for|over|during)\s+(?P<x10>the\s+(?:near|long|short|medium)(?:-|\s)term)\b(?!-)"
    r"|(?:in\s+)?(?P<x11>the\s+(?:coming|next\s+few)\s+(?:days|weeks|months|years))\b"
    r"|(?P<x12>a\s+later\s+(?:time|date|stage))\b"
    r"|(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?P<x13>later)\b(?![-\w])"
    r"(?!\s+(?:in|on|at|that|this|than|today|tonight|the|next|last|years?|months?|weeks?|days?|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b))",
    re.IGNORECASE,
    needs=("future", "soon", "term", "coming", "next", "later"),
)
def _future_ref(m: re.Match[str], ctx: _Context) -> _Found | None:
    if m["x13"]:
        # "Trump later confirmed", "he was later released": later than a past event, which
        # says nothing about the future of the reference.
        before = ctx.text[max(0, m.start() - 20):m.start()].split()[-1:]
        after = ctx.text[m.end():m.end() + 20].split()[:1]
        if any(_PAST_VERB.fullmatch(w.lower().strip(",.")) for w in before + after):
            return None
        # "took leave in early 2009, later revealing ...": a participle after "later" carries
        # on a narrative, it does not point past the reference.
        if after and re.fullmatch(r"[a-z]{2,}ing", after[0]):
            return None
        # "fifteen minutes later", "sooner or later": counted from an event, or an idiom.
        if before and before[0].lower() in _LATER_FROM_EVENT:
            return None
    return _vague(m, ctx, "FUTURE_REF")


# Matched where it is needed rather than on a copy of the rest of the text (quadratic), and
# from the start of its run of spaces only.
_WORD_AFTER = re.compile(r"(?<!\s)\s++[\w$]")


@_rule(
    r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(?P<unit>day|days|week|weeks|month|months|year|years)\s+"
    r"(?P<dir>ago|earlier|before|prior|previously|later|after|afterwards|from\s+now|hence)\b",
    re.IGNORECASE,
    needs=_UNITS,
)
def _offset(m: re.Match[str], ctx: _Context) -> _Found | None:
    ref = ctx.reference
    if ref is None:
        return None
    if m["dir"].lower() in ("after", "before") and _WORD_AFTER.match(ctx.text, m.end()):
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
        return (m.start(), m.end(), d, d, "day", True, 0.5 if anchored else 0.75)
    if unit == "month":
        total = ref.year * 12 + ref.month - 1 + sign * n
        first, last = _month_span(total // 12, total % 12 + 1)
        return (m.start(), m.end(), first, last, "month", True, 0.6)
    year = ref.year + sign * n
    return (m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", True, 0.6)


@_rule(
    r"\b(?:(?P<edge>earlier|later|early|late)\s+|(?:the\s+)?(?P<part>end|beginning|start|middle)\s+of\s+)?"
    r"(?P<rel>this|last|next|past|previous|coming)\s+(?P<unit>week|weekend|month|year)\b",
    re.IGNORECASE,
    needs=("week", "month", "year"),
)
def _this_last_next(m: re.Match[str], ctx: _Context) -> _Found | None:
    found = _this_last_next_interval(m, ctx)
    return _from_the_start(m, ctx, found) if found is not None and m["part"] else found


_SINCE_BEFORE = re.compile(r"\b(?:since|from)[^\S\n]+$", re.IGNORECASE)


def _from_the_start(m: re.Match[str], ctx: _Context, found: _Found) -> _Found:
    """Return "since the start of this year" as the unit's first day: a point counted from.

    "At the beginning of the year" stays the year (TimeML: 2008); "since the start of this
    year" is 2009-01-01 in MEANTIME, the day a change is measured from.
    """
    if m["part"].lower() not in ("start", "beginning") or not _SINCE_BEFORE.search(
        ctx.text, max(0, m.start() - 8), m.start()
    ):
        return found
    return (found[_START], found[_END_AT], found[_FIRST], found[_FIRST], "day", found[_RELATIVE], found[_CONFIDENCE])


def _this_last_next_interval(m: re.Match[str], ctx: _Context) -> _Found | None:
    ref = ctx.reference
    if ref is None:
        return None
    rel = m["rel"].lower()
    shift = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[rel]
    unit = m["unit"].lower()
    edge = (m["edge"] or "").lower()
    if rel == "this" and edge in ("earlier", "later") and unit != "weekend":
        return _part_of_current(m, ref, unit, later=edge == "later")
    if rel == "past" and not edge and not m["part"]:
        return _past_span(m, ref, unit)
    if unit in ("week", "weekend"):
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        if unit == "weekend":
            first, last = monday + timedelta(days=5), monday + timedelta(days=6)
        else:
            first, last = monday, monday + timedelta(days=6)
        return (m.start(), m.end(), first, last, "day", True, 0.75)
    if unit == "month":
        total = ref.year * 12 + ref.month - 1 + shift
        first, last = _month_span(total // 12, total % 12 + 1)
        return (m.start(), m.end(), first, last, "month", True, 0.85)
    year = ref.year + shift
    return (m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", True, 0.85)


_PAST_DAYS = {"week": 7, "month": 30, "year": 365}


def _past_span(m: re.Match[str], ref: date, unit: str) -> _Found:
    """Return "the past week" / "this past week" as the days up to the reference, not the
    calendar week before: "packages mailed in the past week" written on a Friday are those of
    the last seven days; "this past weekend" is the latest weekend (BASIL: "hearings held this
    past week", written on Saturday, March 25, 2017, are dated March 19-25, not March 13-19)."""
    if unit == "weekend":
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
        return (m.start(), m.end(), saturday, saturday + timedelta(days=1), "day", True, 0.7)
    first = ref - timedelta(days=_PAST_DAYS[unit] - 1)
    return (m.start(), m.end(), first, ref, "day", True, 0.6)


def _part_of_current(m: re.Match[str], ref: date, unit: str, *, later: bool) -> _Found:
    """Return "later this year" (the reference month to December) or "earlier this month"
    (the first to the reference day), one step finer than the unit."""
    if unit == "year":
        months = (ref.month, 12) if later else (1, ref.month)
        first, last = _month_span(ref.year, months[0])[0], _month_span(ref.year, months[1])[1]
        return (m.start(), m.end(), first, last, "month", True, 0.7)
    if unit == "month":
        start, end = _month_span(ref.year, ref.month)
    else:
        start = ref - timedelta(days=ref.weekday())
        end = start + timedelta(days=6)
    first, last = (ref, end) if later else (start, ref)
    return (m.start(), m.end(), first, last, "day", True, 0.7)


@_rule(
    r"\b(?:the\s+)?(?:very\s+)?(?P<part>end|beginning|start|middle|rest|remainder)\s+of\s+the\s+"
    r"(?P<unit>year|month|week)\b(?!\s+(?:before|after|of|in|to|when|that|which|ending|ended)\b)",
    re.IGNORECASE,
    needs=("year", "month", "week"),
)
def _part_of_the_unit(m: re.Match[str], ctx: _Context) -> _Found | None:
    """Return "the end of the year" as the reference's year (like "the end of this year"),
    and "the rest of the week" as the reference day to the end of the week."""
    found = _part_of_the_unit_interval(m, ctx)
    return _from_the_start(m, ctx, found) if found is not None else None


def _part_of_the_unit_interval(m: re.Match[str], ctx: _Context) -> _Found | None:
    ref = ctx.reference
    if ref is None:
        return None
    unit = m["unit"].lower()
    if re.search(r"\b(?:rest|remainder)\b", m[0], re.IGNORECASE):
        return _part_of_current(m, ref, unit, later=True)
    if unit == "year":
        return (m.start(), m.end(), date(ref.year, 1, 1), date(ref.year, 12, 31), "year", True, 0.7)
    if unit == "month":
        first, last = _month_span(ref.year, ref.month)
        return (m.start(), m.end(), first, last, "month", True, 0.7)
    monday = ref - timedelta(days=ref.weekday())
    return (m.start(), m.end(), monday, monday + timedelta(days=6), "day", True, 0.6)


# Words that make a weekday the name of a particular day ("Black Monday", "Good Friday").
_NAMED_DAY = re.compile(
    r"\b(?:Black|Cyber|Good|Super|Ash|Holy|Easter|Palm|Maundy|Shrove|Bloody|Blue|Giving|Whit)"
    r"[^\S\n]$"
)


@_rule(
    rf"\b(?:(?P<rel>last|next|this|coming|past)\s+|(?P<prep>on|by|until|since|from|before|after)\s+)?"
    rf"(?P<w>{_WEEKDAY})\b(?!,?\s+(?:{_MONTH}|{_DAY}\s+{_MONTH}))",
    needs=("day",),
)
def _weekday(m: re.Match[str], ctx: _Context) -> _Found | None:
    ref = ctx.reference
    if ref is None:
        return None
    if not m["rel"] and not m["prep"] and _NAMED_DAY.search(ctx.text[max(0, m.start() - 12):m.start()]):
        return None  # "Black Monday", "Good Friday": the name of a day, not this week's
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
    elif (
        (tense := _tense(ctx, m.start("w"), m.end())) == "future"
        or _opens_future_clause(ctx, m.start(), m.end())
        or _future_modal_after(ctx, m.end())
    ):
        d = ref + timedelta(days=ahead)
    elif tense == "future in the past":
        # "said he would speak on Monday": the Monday nearest the reference, either side.
        d = ref + timedelta(days=ahead) if ahead <= back else ref - timedelta(days=back)
    else:
        # News reports what happened: a bare weekday is the latest one up to the reference.
        d = ref - timedelta(days=back)
    start = m.start("w") if m["prep"] else m.start()
    return (start, m.end(), d, d, "day", True, 0.75 if rel else 0.7)


_THE_DAY = led_by_first_characters(re.compile(
    r"\b(?:(?:early|late|earlier|later)[^\S\n]+in[^\S\n]+the[^\S\n]+day\b"
    r"|(?:the|that)[^\S\n]+(?:same[^\S\n]+)?day\b(?![^\S\n]+(?:before|after|of|when|that|which|in|to)\b))",
    re.IGNORECASE,
))
# The day or week a market report is about, named by its place in a run or a record: "for a
# second consecutive day", "fourth week in a row", "their best week since November". It is the
# day named in the same sentence, else the reference (the report's own day or week).
_ORDINAL_WORDS = "second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d{1,2}(?:st|nd|rd|th)"
_RUN_OR_RECORD = led_by_first_characters(re.compile(
    r"\b(?:(?:a|the|its|their)[^\S\n]+)?(?:" + _ORDINAL_WORDS + r")[^\S\n]+"
    r"(?:(?:consecutive|straight|successive)[^\S\n]+(?P<u1>day|session|week)\b"
    r"|(?P<u2>day|session|week)[^\S\n]+in[^\S\n]+a[^\S\n]+row\b)"
    r"|\b(?:best|worst|biggest|strongest|weakest)[^\S\n]+(?P<u3>day|session|week)(?=[^\S\n]+since\b)",
    re.IGNORECASE,
))


class _Spans:
    """Non-overlapping, non-empty [start, end) spans of a text, as a mask of taken characters.

    A test costs the length of the span tested. Each rule's matches are disjoint, so all
    candidates together cost a few times the text; a sorted list with insertions cost a
    memory move of the whole list per candidate (quadratic on one long passage).
    """

    def __init__(self, length: int) -> None:
        self._taken = bytearray(length)

    def overlaps(self, start: int, end: int) -> bool:
        return self._taken.find(1, start, end) >= 0

    def add(self, start: int, end: int) -> None:
        self._taken[start:end] = b"\x01" * (end - start)


def _with_day_anaphora(
    text: str, taken: list[_Found], reference: date | None, paragraphs: _Paragraphs
) -> list[_Found]:
    """Add "the day" / "the same day" / "that day", resolved to the last single day named before
    in its paragraph.

    With no day named before, it is the reference day itself (news: "stocks closed the day").
    """
    if "day" not in text and "DAY" not in text and "Day" not in text and "week" not in text and "session" not in text:
        return taken  # no phrase to add (most sentences): skip building the mask
    out = list(taken)
    spans = _Spans(len(text))
    for t in taken:
        spans.add(t[_START], t[_END_AT])
    # Single days by end offset: the one named last before a phrase is found by bisection.
    days = sorted((t[_END_AT], t[_START], t[_FIRST]) for t in taken if t[_GRANULARITY] == "day" and t[_FIRST] == t[_LAST])
    day_ends = [end for end, _, _ in days]
    for m in _THE_DAY.finditer(text):
        if spans.overlaps(m.start(), m.end()):
            continue
        k = bisect.bisect_right(day_ends, m.start())
        if k and days[k - 1][1] >= paragraphs.start_of(m.start()):
            day = days[k - 1][2]
        elif reference is not None:
            day = reference
        else:
            continue
        spans.add(m.start(), m.end())
        out.append((m.start(), m.end(), day, day, "day", True, 0.5))
    for m in _RUN_OR_RECORD.finditer(text):
        unit = next(u for u in (m["u1"], m["u2"], m["u3"]) if u).lower()
        start = m.start("u3") if m["u3"] else m.start()
        if spans.overlaps(start, m.end()):
            continue
        on = _day_of_sentence(text, days, day_ends, start) or reference
        if on is None:
            continue
        first = last = on
        if unit == "week":
            first = on - timedelta(days=on.weekday())
            last = first + timedelta(days=6)
        out.append((start, m.end(), first, last, "day", True, 0.5))
    return sorted(out, key=_BY_START)


_SENTENCE_REACH = 300  # characters either side searched for the sentence's end


def _day_of_sentence(text: str, days: list[tuple[int, int, date]], day_ends: list[int], at: int) -> date | None:
    """Return the single day named nearest ``at`` in its sentence (line), if any.

    ``days`` are disjoint (end, start, day) in text order; only the neighbours of ``at`` are
    read, within a bounded window, so many phrases in one long line stay linear.
    """
    window_lo = max(0, at - _SENTENCE_REACH)
    lo = max(text.rfind("\n", window_lo, at), text.rfind(". ", window_lo, at), window_lo - 1) + 1
    window_hi = min(len(text), at + _SENTENCE_REACH)
    ends = [k for k in (text.find("\n", at, window_hi), text.find(". ", at, window_hi)) if k >= 0]
    hi = min(ends, default=window_hi)
    k = bisect.bisect_right(day_ends, at)
    near = [(at - start, day) for end, start, day in days[max(0, k - 1):k] if start >= lo]
    near += [(start - at, day) for end, start, day in days[k:k + 1] if end <= hi]
    return min(near)[1] if near else None


# --- phrases anchored on an earlier mention ----------------------------------------------


def _one_line(pattern: str) -> re.Pattern[str]:
    return led_by_first_characters(re.compile(pattern.replace(r"\s", r"[^\S\n]"), re.IGNORECASE))


_SAME_PERIOD = _one_line(
    r"\bthe\s+same\s+(?P<unit>day|week|month|quarter|period|time)\s+(?:of\s+)?"
    r"(?:(?:a|one)\s+year\s+(?:ago|earlier|before|prior)|(?:the\s+)?(?:last|previous|prior)\s+year"
    r"|the\s+year\s+before)\b"
)
_THAN_PLANNED = _one_line(
    r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(?:days?|weeks?|months?|years?)\s+(?:later|earlier|sooner)\s+than\s+"
    r"(?:(?:originally|initially|previously|first)\s+)?"
    r"(?:planned|scheduled|expected|anticipated|forecast|announced|intended|promised)\b"
)
# "the next day", "the following week", "the previous day", "the day before": one unit after
# or before the day (week, month, year) named last before them, never counted from the
# reference ("left the next day" after "arrived on Monday" is Tuesday). With nothing named
# before in the paragraph, only "the previous week/month/year" is counted from the reference
# (as "last week" is): on BASIL "the next day" and "the following year/month" with no anchor
# all narrated a past day or year (3 of 3 wrong when counted from the publication date).
_NEXT_OR_PREVIOUS = _one_line(
    r"\bthe\s+(?:(?P<after>next|following|subsequent)|(?P<before>previous|prior|preceding))\s+"
    r"(?P<unit>day|week|month|year)\b(?!\s+(?:of|after|before|when|that|or|and|to)\b)"
    r"|\bthe\s+(?P<unit2>day)\s+(?P<dir>before|after)(?=\s*(?:[.,;:!?)\n]|$))"
)
_YEAR_BEFORE = _one_line(r"\bthe\s+year\s+(?:before|previous|earlier|prior)\b(?=\s*(?:[.,;:!?)\n]|$))")
_WHOLE_YEAR = _one_line(r"\bthe\s+(?:entire|whole|full)\s+year\b(?!\s+(?:before|after|to|of|ending|ended)\b)")
_THAT_TIME = _one_line(r"\b(?:by|at|until|till|since|before|after|from)\s+(?P<x>that\s+time)\b")
_ANCHOR_REACH = 300  # characters back to look for the mention a phrase is anchored on


def _shift_years(d: date, years: int) -> date:
    return _safe_date(d.year + years, d.month, d.day) or date(d.year + years, d.month, 28)


def _year_back(f: _Found, start: int, end: int, confidence: float) -> _Found:
    """Return a mention's interval one year earlier, at its granularity, for a new span."""
    first = _shift_years(f[_FIRST], -1)
    last = _shift_years(f[_LAST], -1)
    if f[_GRANULARITY] == "month":
        last = _month_span(last.year, last.month)[1]
    return (start, end, first, last, f[_GRANULARITY], True, confidence)


class _Paragraphs:
    """Where a text's paragraphs start (a blank line ends one), to keep anaphora inside one.

    Read across sentences (not one sentence at a time), "the day" in a new paragraph found a
    date named in the one before: "One of the sharpest exchanges of the day" after "the Sept.
    11, 2001, terrorist attacks", "protests planned throughout the day" after the shooting "on
    Aug. 9" (BASIL). A phrase points back into its own paragraph only.
    """

    def __init__(self, text: str) -> None:
        self._starts = [m.end() for m in _BLANK_LINE.finditer(text)] if "\n" in text else []

    def start_of(self, pos: int) -> int:
        """Return the offset where the paragraph holding ``pos`` starts."""
        k = bisect.bisect_right(self._starts, pos)
        return self._starts[k - 1] if k else 0


_BLANK_LINE = re.compile(r"\n[^\S\n]*+\n")


def _anchor(before: list[_Found], start: int, accept: Callable[[_Found], bool], *, floor: int = 0) -> _Found | None:
    """Return the latest mention before ``start`` (within reach) that ``accept`` takes.

    ``before`` holds disjoint mentions in text order, all ending at or before ``start``:
    walking back over the reach finds the latest without reading the rest (reading every
    earlier mention per phrase was quadratic: 600 KB of "by that time" took 2 min).
    """
    for k in range(len(before) - 1, -1, -1):
        f = before[k]
        if f[_END_AT] < start - _ANCHOR_REACH or f[_START] < floor:
            break
        if f[_GRANULARITY] != "vague" and accept(f):
            return f
    return None


def _same_period(m: re.Match[str], found: list[_Found], ref: date | None, floor: int) -> _Found | None:
    """Return "the same month a year ago": the month named before it, a year earlier."""
    unit = m["unit"].lower()
    single_day = lambda f: f[_GRANULARITY] == "day" and f[_FIRST] == f[_LAST]
    accept: dict[str, Callable[[_Found], bool]] = {
        "day": single_day,
        "week": lambda f: f[_GRANULARITY] == "day" and (f[_LAST] - f[_FIRST]).days == 6,
        "month": lambda f: single_day(f) or (f[_GRANULARITY] == "month" and f[_FIRST].month == f[_LAST].month),
        "quarter": lambda f: f[_GRANULARITY] == "month" and (f[_LAST].month - f[_FIRST].month) == 2,
    }
    anchor = _anchor(found, m.start(), accept.get(unit, lambda f: f[_GRANULARITY] != "year"), floor=floor)
    if anchor is not None:
        if unit == "month" and anchor[_GRANULARITY] == "day":
            first, last = _month_span(anchor[_FIRST].year, anchor[_FIRST].month)
            anchor = (anchor[_START], anchor[_END_AT], first, last, "month", True, anchor[_CONFIDENCE])
        return _year_back(anchor, m.start(), m.end(), 0.6)
    if ref is None:
        return None
    # Nothing named before: the same unit around the reference, or at least last year.
    if unit == "day":
        d = _shift_years(ref, -1)
        return (m.start(), m.end(), d, d, "day", True, 0.5)
    if unit == "month":
        first, last = _month_span(ref.year - 1, ref.month)
        return (m.start(), m.end(), first, last, "month", True, 0.5)
    return (m.start(), m.end(), date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31), "year", True, 0.5)


def _with_anchored_phrases(
    text: str,
    found: list[_Found],
    reference: date | None,
    paragraphs: _Paragraphs,
    possible: Sequence[bool],
    *,
    adding: bool = True,
) -> list[_Found]:
    """Resolve phrases that count from a date named just before them.

    "... in January, compared to the same month a year ago" is January of the year before;
    "arrives on November 11, three days later than originally planned" is November 11
    (the phrase measures a delay, it does not move the date); "last year, ... than the year
    previous" is the year before last year; "a loss in the fourth quarter of 2005 and ...
    for the entire year" is 2005; "by June 10 ... by that time" is June 10.

    ``possible`` says which of the six phrases the literal filter lets through (one scan of
    600 KB each, 0.065 s in all on the anchored-dates benchmark case when only "that time"
    can match). Without ``adding``, only the phrases that replace the mentions they overlap
    are read (the last three only add relative mentions after them).
    """

    def than_planned(m: re.Match[str], before: list[_Found]) -> _Found | None:
        anchor = _anchor(before, m.start(), lambda f: f[_GRANULARITY] == "day", floor=paragraphs.start_of(m.start()))
        if anchor is not None and "\n" not in text[anchor[_END_AT]:m.start()]:
            return (m.start(), m.end(), anchor[_FIRST], anchor[_LAST], anchor[_GRANULARITY], True, 0.6)
        return None

    def year_before(m: re.Match[str], before: list[_Found]) -> _Found | None:
        anchor = _anchor(before, m.start(), lambda f: f[_GRANULARITY] == "year" and f[_FIRST].year == f[_LAST].year, floor=paragraphs.start_of(m.start()))
        if anchor is not None:
            return _year_back(anchor, m.start(), m.end(), 0.6)
        if reference is None:
            return None
        year = reference.year - 1
        return (m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", True, 0.5)

    def next_or_previous(m: re.Match[str], before: list[_Found]) -> _Found | None:
        unit = (m["unit"] or m["unit2"]).lower()
        sign = 1 if m["after"] or (m["dir"] or "").lower() == "after" else -1
        return _next_or_previous(m, before, unit, sign, reference, paragraphs.start_of(m.start()))

    def whole_year(m: re.Match[str], before: list[_Found]) -> _Found | None:
        anchor = _anchor(before, m.start(), lambda f: f[_FIRST].year == f[_LAST].year, floor=paragraphs.start_of(m.start()))
        year = anchor[_FIRST].year if anchor is not None else reference.year if reference else None
        if year is None:
            return None
        confidence = 0.6 if anchor is not None else 0.5
        return (m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", True, confidence)

    def that_time(m: re.Match[str], before: list[_Found]) -> _Found | None:
        anchor = _anchor(before, m.start(), lambda f: True, floor=paragraphs.start_of(m.start()))
        if anchor is None:
            return None
        return (m.start("x"), m.end(), anchor[_FIRST], anchor[_LAST], anchor[_GRANULARITY], True, 0.5)

    same, planned, next_previous, before, whole, that = possible
    out = found
    if same:
        out = _resolve_phrases(
            out, _SAME_PERIOD.finditer(text),
            lambda m, b: _same_period(m, b, reference, paragraphs.start_of(m.start())), replace=True,
        )
    if planned:
        out = _resolve_phrases(out, _THAN_PLANNED.finditer(text), than_planned, replace=True)
    if next_previous:
        out = _resolve_phrases(out, _NEXT_OR_PREVIOUS.finditer(text), next_or_previous, replace=True)
    if not adding:
        return out
    if before:
        out = _resolve_phrases(out, _YEAR_BEFORE.finditer(text), year_before, replace=False)
    if whole:
        out = _resolve_phrases(out, _WHOLE_YEAR.finditer(text), whole_year, replace=False)
    if that:
        out = _resolve_phrases(out, _THAT_TIME.finditer(text), that_time, replace=False)
    return out


def _next_or_previous(
    m: re.Match[str], before: list[_Found], unit: str, sign: int, reference: date | None, floor: int
) -> _Found | None:
    """Return "the next day" / "the previous year": the unit after or before the last one named.

    With nothing named before, "the previous week/month/year" is counted from the reference
    (it is last week), with a lower confidence; the rest stay unresolved.
    """
    single_day = lambda f: f[_GRANULARITY] == "day" and f[_FIRST] == f[_LAST]
    accept: dict[str, Callable[[_Found], bool]] = {
        "day": single_day,
        "week": lambda f: f[_GRANULARITY] == "day" and (f[_LAST] - f[_FIRST]).days <= 6,
        "month": lambda f: f[_GRANULARITY] in ("day", "month") and (f[_FIRST].year, f[_FIRST].month) == (
            f[_LAST].year, f[_LAST].month),
        "year": lambda f: f[_FIRST].year == f[_LAST].year,
    }
    anchor = _anchor(before, m.start(), accept[unit], floor=floor)
    if anchor is not None:
        base, confidence = anchor[_FIRST], 0.6
    elif reference is not None and sign < 0 and unit != "day":
        base, confidence = reference, 0.45
    else:
        return None
    if unit == "day":
        d = base + timedelta(days=sign)
        return (m.start(), m.end(), d, d, "day", True, confidence)
    if unit == "week":
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=sign)
        return (m.start(), m.end(), monday, monday + timedelta(days=6), "day", True, confidence)
    if unit == "month":
        total = base.year * 12 + base.month - 1 + sign
        first, last = _month_span(total // 12, total % 12 + 1)
        return (m.start(), m.end(), first, last, "month", True, confidence)
    year = base.year + sign
    return (m.start(), m.end(), date(year, 1, 1), date(year, 12, 31), "year", True, confidence)


def _resolve_phrases(
    found: list[_Found],
    phrases: Iterator[re.Match[str]],
    resolve: Callable[[re.Match[str], list[_Found]], _Found | None],
    *,
    replace: bool,
) -> list[_Found]:
    """Return ``found`` (disjoint, in text order) with each phrase resolved, in one sweep.

    Each phrase is resolved against the mentions before it (those found and those resolved
    from earlier phrases); with ``replace`` the mentions it overlaps give way to it, else a
    phrase overlapping a mention is skipped. The result stays disjoint and in text order.
    """
    out: list[_Found] = []
    k = 0
    first = next(phrases, None)
    if first is None:
        return found  # nothing to resolve (most texts): no copy
    n = len(found)
    for m in itertools.chain((first,), phrases):
        start, end = m.span()
        j = k
        while k < n and found[k][1] <= start:  # [1]: the end
            k += 1
        out += found[j:k]
        if k < n and found[k][0] < end:  # [0]: the start
            if not replace:
                continue
            while k < n and found[k][0] < end:
                k += 1
        new = resolve(m, out)
        if new is not None:
            out.append(new)
    out.extend(found[k:])
    return out


def refers_back(text: str) -> bool:
    """Return True when a text holds a phrase counted from a date named before it ("the same
    day", "the next day", "by that time", "the same month a year ago")."""
    low = text.lower()
    if not any(map(low.__contains__, _BACK_WORDS)):
        return False
    return any(p.search(text) is not None for p, may in zip(_BACK_PHRASES, _BACK_FILTER.possible(text)) if may)


# Every phrase that points back holds one of these words; most sentences hold none.
_BACK_WORDS = ("day", "week", "month", "year", "time")


# Each phrase is scanned only when the sentence holds the words it needs (analysis/text/literals.py):
# on BASIL's 4,900 paragraphs one scan with all seven joined cost 87 ms, the filter and the few
# scans it lets through 43 ms (seven scans of every sentence cost a sixth of the claims' time).
_BACK_PHRASES = (_THE_DAY, _NEXT_OR_PREVIOUS, _SAME_PERIOD, _THAN_PLANNED, _YEAR_BEFORE, _WHOLE_YEAR, _THAT_TIME)
_BACK_FILTER = LiteralFilter(_BACK_PHRASES)


# --- driver ------------------------------------------------------------------------------

# Any word some rule needs, or that an anchored phrase or "the day" holds (each of those holds
# "day", "week", "month" or "year"). A text with none has no date: one scan of it answers for
# every rule, where a sentence of a few letters ("Ab.") otherwise paid for thirty checks.
# Every rule declares its needs (tests/test_adversarial.py checks it).
_ANY_NEED = re.compile(
    "|".join(sorted({re.escape(n) for _, _, needs in _RULES for n in needs} | set(_UNITS), key=len, reverse=True))
)


# What each rule's matches must contain, read from its pattern (analysis/text/literals.py),
# with the needs it declares; the same for the phrases resolved after the rules. On 400 KB of
# BASIL prose a rule found a match in one passage in twenty where its needs let it scan.
# The first two are read by _with_day_anaphora, the rest by _with_anchored_phrases.
_PHRASES = (_THE_DAY, _RUN_OR_RECORD,
            _SAME_PERIOD, _THAN_PLANNED, _NEXT_OR_PREVIOUS, _YEAR_BEFORE, _WHOLE_YEAR, _THAT_TIME)
_FILTER = LiteralFilter([p for p, _, _ in _RULES] + list(_PHRASES), declared=[((n, True),) if n else () for _, _, n in _RULES])


@lru_cache(maxsize=256)
def _rule_matches(text: str) -> tuple[tuple[_RuleSpans, ...], tuple[bool, ...]]:
    """Return each rule's pattern, handler, the spans of its matches in ``text`` (starts, ends)
    and its answers so far that read no reference (by start, filled in by ``_mentions``), rule
    after rule, and which phrases may match.

    Cached by text: the claims of an undated document read each passage twice (to infer its
    reference date, then against it), and the scans are most of the cost (19 rules over the
    600 KB anchored-dates benchmark case: 0.36 of 0.52 s per reading). claims.extraction reads
    a document's passages twice in a row, so a few hundred entries are enough. Spans are kept,
    not the matches: a match is made again where it is read (``pattern.match`` at its start
    finds the same match), and tuples of numbers are not walked by the garbage collector,
    where the 18,000 matches kept on the anchored-dates case cost it a full collection more
    per case (~40 ms). The answers kept spare the second reading the handlers of the absolute
    mentions (the anchored-dates case: its 9,091 "June 10, 2025" read once, 20 ms less).
    """
    possible = _FILTER.possible(text)
    rules: list[_RuleSpans] = []
    for (pattern, handler, _), spans_of, may in zip(_RULES, _RULE_SPANS, possible, strict=False):
        if may and (found := spans_of(text)):
            starts, ends = zip(*found)
            rules.append((pattern, handler, starts, ends, {}))
    return tuple(rules), tuple(possible[len(_RULES):])


# Each rule's matches found by a search the engine skips to in C (analysis/text/literals.py).
_RULE_SPANS = [match_spans(pattern) for pattern, _, _ in _RULES]


_BY_START = itemgetter(_START)  # found dates in text order, read in C
# A rule's pattern and handler, with the starts and ends of its matches in a text.
_RuleSpans = tuple[re.Pattern[str], _Handler, tuple[int, ...], tuple[int, ...], dict[int, "_Found | None"]]


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
    return tuple(DateMention(*fields) for fields in date_mention_fields(
        text, reference=reference, reference_label=reference_label, reference_confidence=reference_confidence,
    ))


# A date mention's fields as a plain tuple, in DateMention's order: (start, end, text, first,
# last, granularity, relative, confidence, reference).
MentionFields = tuple[int, int, str, date, date, Granularity, bool, float, str]


def date_mention_fields(
    text: str,
    *,
    reference: date | None,
    reference_label: str = "reference",
    reference_confidence: float = 1.0,
) -> tuple[MentionFields, ...]:
    """Return ``date_mentions(...)`` as plain tuples of their fields, in DateMention's order.

    For callers reading many mentions: a plain tuple of numbers, strings and dates is built
    five times faster than a frozen dataclass, and the garbage collector stops walking it at
    its first pass (the claims of the 600 KB anchored-dates case read 18,000).
    """
    return tuple(
        (
            f[_START], f[_END_AT], text[f[_START]:f[_END_AT]], f[_FIRST], f[_LAST], f[_GRANULARITY], f[_RELATIVE],
            _rounded(f[_CONFIDENCE] * (reference_confidence if f[_RELATIVE] else 1.0)),
            reference_label if f[_RELATIVE] else "absolute",
        )
        for f in _mentions(text, reference, adding=True)
    )


# A text's confidences are a few products of a few constants: each rounded once. ``round`` to
# three digits costs 250 ns, a cached answer 50 (the 600 KB anchored-dates case rounds 18,182,
# its claims as many again). Typed: an int is never answered with a float, nor the reverse.
@lru_cache(maxsize=1024, typed=True)
def _rounded(confidence: float) -> float:
    """Return a confidence rounded to three decimals."""
    return round(confidence, 3)


def full_days(text: str) -> list[date]:
    """Return the single days ``text`` writes in full (day, month and year), in text order.

    They are the absolute single-day mentions of ``date_mentions(text, reference=None)``,
    read without the phrases that only add relative mentions ("by that time", "the day")
    and without building the mentions: inferring an undated document's reference needs
    nothing else (on the 600 KB anchored-dates benchmark case, 0.20 -> 0.09 s after the scans).
    """
    return [
        f[_FIRST]
        for f in _mentions(text, None, adding=False)
        if f[_GRANULARITY] == "day" and f[_FIRST] == f[_LAST] and not f[_RELATIVE]
    ]


def _mentions(text: str, reference: date | None, *, adding: bool) -> list[_Found]:
    """Return the mentions of ``text`` as ``date_mentions`` finds them; without ``adding``, only
    the phrases that can displace a mention are read, so the absolute mentions are the same."""
    ctx = _Context(text, reference)
    low = text.lower()
    if not _ANY_NEED.search(low):
        return []
    rules, phrases = _rule_matches(text)
    # Found mentions, and the matches of the rules whose mention spans their match (_KEEPS_SPAN)
    # as (start, end, handler, pattern): those are read only if their span is still free when
    # the longest-first sweep below reaches them. A year inside a full date ("June 10, 2025")
    # is not read at all (the 600 KB anchored-dates case: 9,091 bare years per reading).
    candidates: list[_Found | _Deferred] = []
    years_at, years = 0, cast(_RuleSpans | None, None)
    for rule in rules:
        pattern, handler, starts, ends, known = rule
        if handler is _bare_year and not adding:
            years_at, years = len(candidates), rule
        elif handler in _KEEPS_SPAN:
            candidates.extend([(s, e, handler, pattern, known) for s, e in zip(starts, ends) if e > s])
        else:
            match = pattern.match
            for s in starts:
                if s in known:
                    found = known[s]
                else:
                    ctx.read = False
                    found = handler(match(text, s), ctx)  # type: ignore[arg-type]  # it matched there
                    if not ctx.read:
                        known[s] = found
                if found is not None and found[_END_AT] > found[_START]:
                    candidates.append(found)
    # A full-day reading (not ``adding``) reads the bare years only when a single day as short
    # as one may have been found: a candidate yields only to those before it in the order
    # below (longer, or as long and earlier), so bare years after every single day cannot
    # decide which is taken, nor which a phrase displaces. Every full date holds a year.
    if years and any(
        f[1] - f[0] <= _BARE_YEAR_WIDTH
        and (len(f) == 5 or (f[4] == "day" and f[2] == f[3] and not f[5]))  # deferred, or a single absolute day
        for f in candidates
    ):
        candidates[years_at:years_at] = [(s, e, _bare_year, years[0], years[4]) for s, e in zip(years[2], years[3]) if e > s]
    # Longest match wins where expressions overlap ("January 13-14, 2026" over "2026").
    candidates.sort(key=_longest_first)
    taken: list[_Found] = []
    spans = _Spans(len(text))
    for c in candidates:
        if not spans.overlaps(c[0], c[1]):
            if len(c) == 5:  # deferred: (start, end, handler, pattern, answers)
                if c[0] in c[4]:
                    f = c[4][c[0]]
                else:
                    ctx.read = False
                    f = c[2](c[3].match(text, c[0]), ctx)  # type: ignore[arg-type]  # it matched there
                    if not ctx.read:
                        c[4][c[0]] = f
                if f is None:
                    continue
            else:
                f = c
            spans.add(f[_START], f[_END_AT])
            taken.append(f)
    taken.sort(key=_BY_START)
    paragraphs = _Paragraphs(text)
    # "the day" and its kin only add mentions, never displace one.
    if adding and (phrases[0] or phrases[1]):
        taken = _with_day_anaphora(text, taken, reference, paragraphs)
    if any(phrases[2:]) and any(map(low.__contains__, _BACK_WORDS)):
        taken = _with_anchored_phrases(text, taken, reference, paragraphs, phrases[2:], adding=adding)
    return taken


# The rules whose mention, when they find one, spans exactly their match (each returns None or
# ``(m.start(), m.end(), ...)``, directly or through _resolve_day): the sweep of
# _mentions reads them only where their span is free (tests/test_literals.py checks the spans).
_KEEPS_SPAN = frozenset({
    _iso, _us_numeric, _month_day_to_month_day, _month_day_range, _day_range_month, _month_day, _day_month,
    _month_year, _year_range, _decade, _bare_year,
})
# A match whose handler runs only if its span is still free: (start, end, handler, pattern, its rule's answers).
_Deferred = tuple[int, int, _Handler, re.Pattern[str], dict[int, "_Found | None"]]


def _longest_first(f: _Found | _Deferred) -> tuple[int, int]:
    """Return the sort key of a candidate mention: the longest first, then the earliest."""
    return f[0] - f[1], f[0]
