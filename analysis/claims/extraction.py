"""Factual claims in article text: dates, places, ordinals and numbers, each tied to what it is about.

A claim is an expression ("January 13", "in Nara", "second", "61%") plus the subject that groups
it across outlets (the summit, the meeting, the workers), the event mention it belongs to (the
summit, the APEC summit, a statement by Motegi, colonial rule) and the basis that qualifies it
("their", "with a Japanese prime minister since taking office"). Dates and places are attached
to the event noun or verb of their clause; ordinals to the noun they count; numbers to their
unit or noun. Generic words are never subjects on their own: a statement needs its speaker,
"agreement" or "rule" a word that says which ("colonial rule"), "weeks" or "money" what they
measure. Every claim also carries its document's story and the source its sentence credits
("according to NHK"). The rules are deliberately small and inspectable: every claim carries
the exact offsets of its expression so a reader can check it in context.

Dates are typed: ``first`` and ``last`` are the claimed interval. A relative date that cannot
be anchored (an undated article whose story has no publication date either) is kept as an
unresolved claim, with no interval, rather than guessed.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from functools import lru_cache
from itertools import accumulate, compress
from operator import itemgetter
from statistics import median_low
from typing import Any, Literal, NamedTuple, cast

from analysis.claims.cjk import cjk_claim_parts, cjk_date_mentions, is_cjk_text
from analysis.claims.dates import (
    MentionFields,
    date_mention_fields,
    date_mentions,
    full_days,
    interval_value,
    refers_back,
)
from analysis.text.literals import FOLDS_TO_ASCII, LiteralFilter, led_by_first_characters
from analysis.text.records import Corpus, Document, Passage
from analysis.text.sources import SourceMention, attributed_sources

__all__ = [
    "Claim",
    "ClaimKind",
    "ReferenceDate",
    "all_claims",
    "place_key",
    "reference_dates",
]


ClaimKind = Literal["date", "place", "ordinal", "number"]

UNRESOLVED = "unresolved"  # the granularity of a relative date no reference could anchor


@dataclass(frozen=True, slots=True)
class Claim:
    """One date, place, ordinal or number stated by one document, with its offsets.

    ``subject`` is what the claim is about ("summit", "members"); ``event`` the event mention
    it belongs to, the unit of comparison ("summit", "statement by Motegi", "colonial rule");
    "" when the claim has none and is not compared. Dates carry their interval as ``first``
    and ``last`` (None for an unresolved relative date, whose ``value`` is ""); places their
    level in ``granularity`` (``venue``, ``locality`` or ``country``).
    """

    claim_id: str
    doc_id: str
    passage_id: str
    kind: ClaimKind
    subject: str
    value: str
    text: str
    start: int
    end: int
    basis: str
    granularity: str
    confidence: float
    reference: str
    first: date | None = None
    last: date | None = None
    story: str = ""
    event: str = ""
    source: str = ""


def _claim_maker() -> Callable[..., Claim]:
    """Return a function making a Claim from all its fields, in order, equal to ``Claim(...)``.

    A frozen dataclass's ``__init__`` sets each field by name through ``object.__setattr__``;
    setting the slots through their descriptors made the 18,182 claims of the 600 KB
    anchored-dates case 26 -> 17 ms. Written from Claim's fields, the function follows them.
    """
    names = [f.name for f in fields(Claim)]
    setters = ", ".join(f"_set_{name}=_slots[{k}]" for k, name in enumerate(names))
    source = (
        f"def new_claim({', '.join(names)}, *, _new=_new, _cls=_cls, {setters}):\n"
        "    claim = _new(_cls)\n"
        + "".join(f"    _set_{name}(claim, {name})\n" for name in names)
        + "    return claim\n"
    )
    scope = {"_new": object.__new__, "_cls": Claim, "_slots": [getattr(Claim, name).__set__ for name in names]}
    exec(source, scope)  # a constant template over Claim's own field names
    return cast(Callable[..., Claim], scope["new_claim"])


_new_claim = _claim_maker()


@dataclass(frozen=True, slots=True)
class ReferenceDate:
    """The date a document's relative expressions are resolved against, and where it came from."""

    doc_id: str
    date: date | None
    label: str
    confidence: float


# Event words and the subject they stand for. Summit, meeting and talks name the same kind
# of event (and outlets use them interchangeably for one summit), so they share a subject.
_EVENT_NOUNS: dict[str, str] = {
    "summit": "summit", "summits": "summit", "meeting": "summit", "meetings": "summit",
    "talks": "summit", "encounter": "encounter", "visit": "visit", "visits": "visit",
    "trip": "visit", "interview": "interview", "statement": "statement", "remarks": "statement",
    "announcement": "announcement", "conference": "conference", "election": "election",
    "elections": "election", "anniversary": "anniversary", "treaty": "treaty",
    "agreement": "agreement", "accident": "accident", "attack": "attack", "crash": "crash",
    "rule": "rule", "war": "war", "ceremony": "ceremony", "inauguration": "took office",
    "launch": "launch", "vote": "vote", "referendum": "referendum", "deadline": "deadline",
    "speech": "speech", "report": "report", "deal": "deal", "shutdown": "shutdown",
    "rally": "rally", "hearing": "hearing", "trial": "trial", "primary": "primary",
    "debate": "debate", "shooting": "shooting", "strike": "strike", "protest": "protest",
    "funeral": "funeral", "indictment": "indictment", "verdict": "verdict",
}


_EVENT_VERBS: dict[str, str] = {
    "met": "summit", "meet": "summit", "meets": "summit", "host": "summit", "hosts": "summit",
    "hosted": "summit", "hosting": "summit", "kicked": "summit", "visited": "visit",
    "visiting": "visit", "arrived": "visit", "arrives": "visit", "arrive": "visit",
    "travelled": "visit", "traveled": "visit", "said": "statement", "says": "statement",
    "stated": "statement", "told": "statement", "emphasized": "statement",
    "emphasised": "statement", "stressed": "statement", "noted": "statement",
    "announced": "announcement", "posted": "statement", "declared": "statement",
    "signed": "signing",
}


# Statements and announcements are told apart by who made them: without a named speaker
# ("the statement", "officials said") there is nothing to compare them on.
_STATEMENT_LIKE = frozenset({"statement", "announcement", "interview", "speech", "signing"})


# Heads too generic to name one event on their own: "the agreement", "the report", "the war".
# They count with a word that says which ("colonial rule", "the shutdown deal", "the APEC
# summit", "World War"); BASIL's false conflicts set "agreement" and "deal" of different
# stories (and of one story: two announcements, two deals) against each other.
_NEEDS_QUALIFIER = frozenset(
    "agreement deal treaty report rule war vote election deadline attack accident crash launch "
    "conference ceremony referendum rally hearing trial primary debate shooting strike protest "
    "funeral indictment verdict".split()
)


# Words before a head that do not say which event it is.
_NOT_QUALIFIERS = frozenset(
    "new first last next previous recent latest final same other another such major big "
    "historic landmark upcoming proposed possible planned potential alleged apparent so-called "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december".split()
)


# Events that recur and are told apart by their number and what they mark.
_SERIES_NOUNS = frozenset({"anniversary"})


_VISIT_LIKE = frozenset({"visit"})


# Places are compared for gatherings that happen somewhere (a visit is told apart by where it
# goes, so its destination is its identity, not a claim about it).
_PLACED_EVENTS = frozenset(
    "summit encounter conference election ceremony took office rally hearing trial debate "
    "shooting attack accident crash speech funeral protest strike signing".split()
)


_TOKEN_PLAIN = re.compile(r"[A-Za-z][\w'’\-]*|\d(?:[\d,.]*\d)?(?:st|nd|rd|th|s|%)?|[,;:()]|[—–]")
_TOKEN = led_by_first_characters(_TOKEN_PLAIN)


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")


_STOP = frozenset(
    "a an the and or but of in on at to for with by from between since under over into onto "
    "during after before than as is are was were be been being has have had will would "
    "this that these those which who whom whose where when while including such its it "
    "their his her our my your not no nor so yet then there here about among against "
    "within without through toward towards per via".split()
)


_POSSESSIVES = frozenset("their his her its our my your".split())


_DEFINITE = frozenset("the both their our these those all his her its my your".split())


_QUALIFIERS = frozenset(
    "full official formal informal bilateral trilateral direct face-to-face in-person "
    "standalone separate major state working virtual".split()
)


_SCOPE_STOP = frozenset("and or but which that who where while as because".split())


_MEASURE_NOUNS = frozenset("instance instances round rounds edition case example".split())


_ORDINAL_SKIP_NOUNS = frozenset(
    "time times place half lady hand step glance sight look quarter day week month year "
    "person class rate world century centuries amendment floor grade".split()
)


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}


_ORDINAL = led_by_first_characters(re.compile(
    r"\b(?:(?P<word>" + "|".join(_ORDINAL_WORDS) + r")|(?P<num>\d{1,4})(?:st|nd|rd|th))\b",
    re.IGNORECASE,
))


_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12,
}


_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
           "bn": 10**9, "m": 10**6}


_NUMBER = led_by_first_characters(re.compile(
    r"(?<![\w.,$€£¥-])"
    r"(?P<cur>US\$|\$|€|£|¥|₩)?\s?"
    r"(?:(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<word>"
    + "|".join(_NUMBER_WORDS)
    + r"))"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn)\b)?"
    r"(?P<pct>\s?%|\s(?:percent|per cent)\b)?"
    r"(?![\w-]|[.,:/]\d)"
    r"(?!\s?(?:[ap]\.m\.|[ap]m\b|o['’]clock))",  # a time of day ("4 p.m."), not a count
    re.IGNORECASE,
))


_METRIC_NOUNS = (
    "approval rating", "rating", "rate", "share", "stake", "growth", "inflation",
    "unemployment", "turnout", "support", "tariffs", "tariff", "tax", "interest", "margin",
    "profit", "revenue", "sales", "aid", "fee", "fine", "investment", "loan", "budget",
    "price", "cost", "deal", "contract", "funding", "spending",
)


# Every metric noun as a whole word; at one position the longest wins ("approval rating").
_METRIC = led_by_first_characters(re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _METRIC_NOUNS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
))


# The ordinal and number patterns have no fast first-character scan (each tries every word
# boundary, case-insensitively): 28 ms each on 400 KB of prose, where one passage in
# twenty-five holds an ordinal and one in five a digit or a number word. A passage without
# the literals they require (analysis/text/literals.py: "first" ... "twentieth", "1st" ...;
# a digit or "two" ... "dozen") is not scanned: ordinals 28 -> 13 ms, numbers 27 -> 19 ms.
_SCANNED = LiteralFilter([_ORDINAL])
_NUMBERS_SCANNED = LiteralFilter([_NUMBER])


# Where a number may stand: a run of digits, or a number word (read in the lower-cased text,
# whose offsets are the text's when no character changes length or folds to an ASCII letter
# only ignoring case: FOLDS_TO_ASCII). A match of _NUMBER starts at most _CORE_REACH characters
# before its first digit or number word ("US$ 5"), and that digit or word follows no letter or
# digit (the pattern's look-behind, or the currency or space before it): one starts a run, the
# other is found by a scan that moves on past what it found, all of it letters.
_DIGIT_RUN = re.compile(r"\d+")
_NUMBER_WORD = re.compile("|".join(_NUMBER_WORDS))
_NUMBER_WORD_ANY_CASE = re.compile(_NUMBER_WORD.pattern, re.IGNORECASE)
_NUMBER_WORDS_SCANNED = LiteralFilter([_NUMBER_WORD_ANY_CASE])
_CORE_REACH = 4  # "US$" and one space


def _number_matches(text: str) -> Iterator[re.Match[str]]:
    """Yield the matches of _NUMBER in ``text``, the very ones ``_NUMBER.finditer(text)`` yields.

    _NUMBER has no fast first-character scan (it may start at any space and at most letters):
    over the 600 KB anchored-dates case it cost 38-55 ms. Searched for only from just before
    each place a number may stand, 25 ms there (7 of them to find the places); a search that
    finds nothing near such a place reads on to the next match, so no character is read twice
    (tests/test_claims_scale.py checks the matches are finditer's). Yielded, not listed: 18,000
    matches kept alive at once made the garbage collector walk them (the first reading of that
    case took 65 ms, not 29).
    """
    cores = [m.start() for m in _DIGIT_RUN.finditer(text)]
    if _NUMBER_WORDS_SCANNED.possible(text)[0]:
        low = text.lower()
        if len(low) == len(text) and not any(map(text.__contains__, FOLDS_TO_ASCII)):
            words = [m.start() for m in _NUMBER_WORD.finditer(low)]
        else:
            words = [m.start() for m in _NUMBER_WORD_ANY_CASE.finditer(text)]
        cores = sorted(cores + words)
    at = 0
    search = _NUMBER.search
    for core in cores:
        if core < at:
            continue
        m = search(text, max(at, core - _CORE_REACH))
        if m is None:
            return
        yield m
        at = m.end()


_METRIC_REACH = 200  # characters before a bare percentage or amount searched for its metric


_MAX_STEPS = 40  # tokens walked either way from a date to find its event word


_MAX_NAME_WORDS = 6  # capitalised words taken as a visit's destination


# One token of a sentence: its start and end offsets and its text. A plain tuple, not a named
# tuple or a dataclass: one is built per token of every passage, and the garbage collector lets
# go of a plain tuple of numbers and strings at its first pass, where it walks every named tuple
# at each full collection (the 600 KB anchored-dates case, 145,000 tokens: its claims spent 0.21 s
# in four full collections).
_Tok = tuple[int, int, str]


def _low(tok: _Tok) -> str:
    """Return a token lower-cased, without a possessive "'s"."""
    return _lowered(tok[2])


def _lowered(word: str) -> str:
    """Return a token's text lower-cased, without a possessive "'s"."""
    low = word.lower()
    # One test for both apostrophes first: most tokens have neither, and two removesuffix calls cost more.
    return low.removesuffix("'s").removesuffix("’s") if low.endswith(("'s", "’s")) else low


def _is_word(tok: _Tok) -> bool:
    """Return True for a word or a number, False for punctuation."""
    return tok[2][0].isalnum()


# _TOKEN as one group: splitting on it gives the gaps and the tokens in turn (gap, token, gap,
# ..., gap), from which the offsets are summed, all in C. One Python tuple built per match
# cost 0.15 s for the 145,000 tokens of the 600 KB anchored-dates benchmark case. Without the
# lookahead led_by_first_characters puts first (grouped, it guarded the first alternative only
# and cost a test at every letter): that split 27 -> 23 ms.
_TOKEN_PIECES = re.compile(f"({_TOKEN_PLAIN.pattern})", _TOKEN_PLAIN.flags)


def _token_columns(text: str) -> tuple[list[int], list[int], list[str]]:
    """Return the starts, ends and texts of the tokens of ``text``, in text order."""
    pieces = _TOKEN_PIECES.split(text)
    ends = list(accumulate(map(len, pieces)))  # where each piece ends: a token starts where its gap ends
    return ends[0:-1:2], ends[1::2], pieces[1::2]


class _Marks(NamedTuple):
    """Where a sentence's event words and punctuation stand.

    ``events`` lists the indices of the tokens that may be event words; ``punctuation``,
    ``commas`` and ``stops`` count, per token index k, those tokens before token k.
    """

    events: list[int]
    punctuation: list[int]
    commas: list[int]
    stops: list[int]
    # What _event_at answered per token index: a token between two dates is read from both.
    answers: dict[int, tuple[str, bool] | None]


# Every lower-cased token whose ``low`` can name an event (_event_at answers None for the rest):
# the words, and the same with the possessive endings ``low`` removes.
_EVENT_FORMS = frozenset(
    w + end
    for w in (*_EVENT_NOUNS, *_EVENT_VERBS, "office")
    for end in ("", "'s", "’s", "’s's")
)
_PUNCTUATION = frozenset(",;:()—–")  # the tokens that are not words (_TOKEN's last two classes)
_CLAUSE_STOPS = frozenset(";:()")


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A passage's text with its tokens' starts, ends and texts, for bisection.

    Claims are found per passage, and a passage can be a whole unpunctuated article: every
    look-up of a token by offset bisects instead of scanning, so the cost stays linear.
    The tokens as (start, end, text) tuples are built only when a rule reads them whole
    (``tokens``): event words and dates read the columns, and building 145,000 tuples cost
    0.03 s and 200 collections of the youngest generation on the 600 KB anchored-dates case.
    """

    text: str
    starts: list[int]
    ends: list[int]
    texts: list[str]  # each token's text
    # The tokens as tuples, once built (a list of at most one list).
    built: list[list[_Tok]] = field(default_factory=list, compare=False, repr=False)
    # The index of the first token naming a summit, once looked for (a list of at most one).
    summit: list[int | None] = field(default_factory=list, compare=False, repr=False)
    # Where event words and punctuation stand, once looked for (a list of at most one _Marks).
    marks: list[_Marks] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def of(cls, text: str) -> _Sentence:
        return cls(text, *_token_columns(text))

    @property
    def tokens(self) -> list[_Tok]:
        """Return the tokens as (start, end, text), built on first use."""
        if not self.built:
            self.built.append(list(zip(self.starts, self.ends, self.texts)))
        return self.built[0]

    def first_summit(self) -> int | None:
        """Return the index of the first token naming a summit, or None (the tokens are read once).

        Read per visited venue, 2,000 "visited Horyu-ji Temple" in one paragraph took 7.2 s,
        four times fewer 0.47 s.
        """
        if not self.summit:
            self.summit.append(next((k for k, t in enumerate(self.texts) if _EVENT_NOUNS.get(_lowered(t)) == "summit"), None))
        return self.summit[0]

    def event_marks(self) -> _Marks:
        """Return the indices of the tokens that may be event words, and of the punctuation (read once)."""
        if not self.marks:
            texts = self.texts
            self.marks.append(_Marks(
                [k for k, low in enumerate(map(str.lower, texts)) if low in _EVENT_FORMS],
                list(accumulate(map(_PUNCTUATION.__contains__, texts), initial=0)),
                list(accumulate(map(",".__eq__, texts), initial=0)),
                list(accumulate(map(_CLAUSE_STOPS.__contains__, texts), initial=0)),
                {},
            ))
        return self.marks[0]

    def first_from(self, offset: int) -> int:
        """Return the index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def at(self, offset: int) -> int | None:
        """Return the index of the token starting exactly at ``offset``, if any."""
        i = bisect.bisect_left(self.starts, offset)
        return i if i < len(self.starts) and self.starts[i] == offset else None


def _covered(length: int, spans: Iterable[Sequence[Any]]) -> bytearray:
    """Return a mask of the characters inside any of ``spans`` (a claim or a mention: its start and end first)."""
    mask = bytearray(length + 1)
    for span in spans:
        a: int = span[0]
        b: int = span[1]
        if b > a:
            mask[a:b] = b"\x01" * (b - a)
    return mask


def _cover(mask: bytearray, start: int, end: int) -> None:
    """Mark the characters from ``start`` to ``end`` taken in ``mask``."""
    if end > start:
        mask[start:end] = b"\x01" * (end - start)


def reference_dates(corpus: Corpus) -> dict[str, ReferenceDate]:
    """Return, per document, the date its relative and year-less dates are resolved against.

    The publication date when known; otherwise the latest full date (day, month and year)
    written in the document's own article text; otherwise the median publication date of
    the other articles of its story (or, when none is dated, of the full dates they write).
    Never another story's: an obituary's "died yesterday"
    must not take the date of an article about something else. With none of these the
    document has no reference, and its relative dates stay unresolved. Inferred references
    lower the confidence of what they resolve.
    """
    refs = {doc.doc_id: ref for doc in corpus.documents if (ref := _own_reference(corpus, doc)) is not None}
    return _with_story_references(corpus, refs)


def _own_reference(corpus: Corpus, doc: Document) -> ReferenceDate | None:
    """Return the publication date of a document, else the latest full date its article text writes, else None."""
    if doc.published is not None:
        return ReferenceDate(doc.doc_id, doc.published, "published", 1.0)
    full: list[date] = []
    for p in corpus.passages_of(doc.doc_id):
        if not (p.is_article and _MAY_HOLD_FULL_DATE.search(doc.text, p.start, p.end)):
            continue
        text = _passage_text(doc, p)
        if is_cjk_text(text, doc.language):
            full.extend(
                m.first for m in cjk_date_mentions(text, doc.language, reference=None)
                if m.granularity == "day" and m.first == m.last and not m.relative
            )
        else:
            full.extend(full_days(text))
    if not full:
        return None
    latest = max(full)
    return ReferenceDate(doc.doc_id, latest, f"inferred: latest full date in the document ({latest})", 0.8)


def _with_story_references(corpus: Corpus, own: dict[str, ReferenceDate]) -> dict[str, ReferenceDate]:
    """Return the references of every document: its own (``own``), else its story's median, else none."""
    refs = dict(own)
    published: dict[str, list[date]] = defaultdict(list)
    written: dict[str, list[date]] = defaultdict(list)
    for d in corpus.documents:
        if d.published is not None:
            published[d.story].append(d.published)
        elif (mine := refs.get(d.doc_id)) is not None and mine.date is not None:
            written[d.story].append(mine.date)
    # One median per story, not per undated document: recomputing it made many undated documents
    # in one story quadratic (the adversarial benchmark's anchored-dates case).
    story_refs: dict[str, tuple[date, str] | None] = {}
    for doc in corpus.documents:
        if doc.doc_id in refs:
            continue
        if doc.story not in story_refs:
            known = sorted(published.get(doc.story, ())) or sorted(written.get(doc.story, ()))
            what = "publication dates" if published.get(doc.story) else "dates written in its articles"
            story_refs[doc.story] = (median_low(known), what) if known else None
        found = story_refs[doc.story]
        if found is not None:
            mid, what = found
            refs[doc.doc_id] = ReferenceDate(doc.doc_id, mid, f"inferred: median of its story's {what} ({mid})", 0.6)
        else:
            refs[doc.doc_id] = ReferenceDate(doc.doc_id, None, "none", 0.0)
    return refs


# A full date carries its year (four digits, or two after a slash: 1/13/26); a sentence
# without either has none, and is not scanned when inferring a reference.
_MAY_HOLD_FULL_DATE = re.compile(r"\d{4}|\d/\d")


def _passage_text(doc: Document, passage: Passage) -> str:
    return doc.text[passage.start:passage.end]


def _event_at(sentence: _Sentence, i: int) -> tuple[str, bool] | None:
    """Return (subject, is_verb) when token i is an event word that names an event.

    A generic head ("agreement", "rule") names one only with a qualifier just before it
    ("the shutdown deal", "colonial rule"); alone it is skipped, and the search goes on.
    """
    texts = sentence.texts
    return _event_of(texts[i - 2] if i > 1 else None, texts[i - 1] if i > 0 else None, texts[i])


# What a token names depends on it and the two tokens before it only: asked once per distinct
# three, "the deal" and "2025 talks" of the 600 KB anchored-dates case were read once each, not
# 9,091 times (its date claims: 88 -> 74 ms).
@lru_cache(maxsize=4096)
def _event_of(before: str | None, prev: str | None, word: str) -> tuple[str, bool] | None:
    """Return (subject, is_verb) when ``word``, written after ``prev`` and ``before`` (None at
    a sentence's start), names an event; see ``_event_at``."""
    low = _lowered(word)
    if low in _EVENT_NOUNS:
        subject = _EVENT_NOUNS[low]
        # A named series ("APEC summit", "NHK interview") is a different event from "the summit".
        if prev is not None and _ACRONYM.match(prev):
            return f"{prev} {subject}", False
        if low in ("meeting", "meetings"):
            if prev is not None and _lowered(prev) in _ACTIVITY_BEFORE:
                # "spent the past week meeting with NATO allies": an activity over a period,
                # not one meeting (BASIL set that week against the Helsinki summit's Monday).
                return None
            which = _which_meeting(before, prev)
            if which:
                return which, False
        if subject in _NEEDS_QUALIFIER:
            qualifier = _qualifier(prev)
            return (f"{qualifier} {subject}", False) if qualifier else None
        return subject, False
    if low in _EVENT_VERBS:
        return _EVENT_VERBS[low], True
    if low == "office" and prev is not None and _lowered(prev) in ("took", "taking", "take", "takes", "assumed", "assuming", "assume"):
        return "took office", True
    return None


# Kinds of meeting that are not a summit of the story's leaders: "the cabinet meeting", "a town
# hall meeting", "the board meeting" (BASIL: a story's "meeting" named a cabinet meeting, a
# private meeting with senators and the Putin summit, and their dates were set side by side).
# Words of manner ("private", "one-on-one", "bilateral") do not say which meeting: BASIL's
# "a private meeting with House Democrats" is the NYT's "to meet with House Democrats".
_MEETING_KINDS = frozenset(
    "cabinet board council committee caucus staff shareholders shareholder party town-hall hall "
    "emergency budget plenary ministerial".split()
)


# Words before "meeting" that make it a verb of an activity ("spent the week meeting with").
_ACTIVITY_BEFORE = frozenset("week weeks day days month months year years hours time spent been keep kept".split())
# "Thursday's meeting", "the January meeting": a date, not a name; the date tells occurrences apart.
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december today yesterday tomorrow".split()
)


def _which_meeting(before: str | None, prev: str | None) -> str:
    """Return which meeting a "meeting" after ``prev`` and ``before`` names, when the text says:
    "the cabinet meeting", "the Putin meeting"; "" for "the meeting" or "the summit meeting" (the
    story's summit: outlets call it summit, meeting and talks alike).

    Participants do not tell meetings apart: "Obama will meet with Sanders" and "Sanders met
    with President Obama" are one meeting (BASIL), named from either side.
    """
    if prev is not None and _lowered(prev) in _EVENT_NOUNS:
        return ""
    if prev is not None and _lowered(prev) in _MEETING_KINDS:
        kind = _lowered(prev)
        if kind == "hall" and before is not None and _lowered(before) == "town":
            kind = "town-hall"
        return f"{kind} meeting"
    if prev is not None and prev[0].isalnum() and prev[0].isupper() and _lowered(prev) not in _STOP and before is not None and (
        _lowered(prev) not in _DATE_WORDS
    ) and (
        before[0].isalnum() and _lowered(before) in _STOP or before[0].isupper()
    ):
        # "the Putin meeting", "a White House meeting" (not a sentence's first word).
        names = [prev.removesuffix("'s").removesuffix("’s")]
        if before[0].isupper() and _lowered(before) not in _STOP:
            names.insert(0, before)
        return f"{' '.join(names)} meeting"
    return ""


def _qualifier(word: str | None) -> str:
    """Return the word that says which event a generic head is ("colonial", "Paris"), or ""."""
    if word is None or not word[0].isalnum() or word[0].isdigit():
        return ""
    low = _lowered(word)
    if low in _STOP or low in _NOT_QUALIFIERS or low in _EVENT_VERBS or low.endswith("ly"):
        return ""
    return word.removesuffix("'s").removesuffix("’s") if word[0].isupper() else low


# Capitalised words before "said" that name nobody in particular ("Officials said").
_NOT_SPEAKERS = frozenset(
    "officials sources analysts critics experts reporters observers aides people residents witnesses "
    "authorities scientists researchers economists investors traders spokesman spokeswoman spokesperson "
    "others many some several both "
    # Pronouns name nobody another outlet could name the same way: "He said yesterday" made
    # BASIL's statements "by He" and "by I", set side by side across unrelated articles.
    "i he she we they you".split()
)


def _speaker(tokens: list[_Tok], i: int, skip: tuple[int, int]) -> str:
    """Return the capitalised name just before token i (a speaker or a possessor)."""
    j = i - 1
    while j >= 0 and skip[0] <= tokens[j][0] < skip[1]:
        j -= 1
    if j >= 0 and _is_word(tokens[j]) and tokens[j][2][0].isupper():
        name = tokens[j][2].removesuffix("'s").removesuffix("’s")
        if name.lower() not in _STOP and name.lower() not in _NOT_SPEAKERS:
            return name
    return ""


def _destination(tokens: list[_Tok], i: int) -> str:
    """Return where a visit goes: "visited China", "visit to Nara"."""
    j = i + 1
    if j < len(tokens) and _low(tokens[j]) == "to":
        j += 1
    names: list[str] = []
    while j < len(tokens) and len(names) < _MAX_NAME_WORDS and _is_word(tokens[j]) and tokens[j][2][0].isupper():
        names.append(tokens[j][2].removesuffix("'s").removesuffix("’s"))
        j += 1
    return " ".join(names)


# The prepositions an expression may follow a past participle with ("found on Monday").
_PREPOSITIONS_BEFORE = frozenset({"on", "in", "at", "since", "from", "until", "by", "during"})


class _EventWord(NamedTuple):
    """The event word a date or place belongs to: its subject, basis, token index and distance (cost)."""

    subject: str
    basis: str
    token: int
    cost: float


def _event_word(sentence: _Sentence, start: int, end: int, *, deictic: bool) -> _EventWord | None:
    """Return the event word of the clause around ``text[start:end]`` (the cheapest to reach).

    The cost of an event word is the words between it and the expression, three per comma,
    two more for a verb. Deictic expressions ("last year", "Monday") often frame a whole
    sentence: only a near event word in the same comma-free stretch is taken as theirs.
    Statements need a named speaker (``basis`` "by Motegi"), or no event is returned.
    """
    found = _event_parts(sentence, start, end, deictic)
    return _EventWord(*found) if found is not None else None


def _event_parts(sentence: _Sentence, start: int, end: int, deictic: bool) -> tuple[str, str, int, float] | None:
    """Return ``_event_word``'s answer as a plain tuple (subject, basis, token, cost), or None.

    One function, the two walks written out in it: a date reads its event word in a few steps
    each way, and the calls around them cost more than the steps (the 600 KB anchored-dates
    case's 18,182 dates: 100 -> 88 ms).
    """
    texts = sentence.texts
    starts = sentence.starts
    first_in = bisect.bisect_left(starts, start)
    last_in = bisect.bisect_left(starts, end) - 1
    if first_in > last_in:
        return None
    max_words = 4 if deictic else 20
    # An expression right after a past participle belongs to that verb ("remains found last
    # year"), which names no event to compare: no event, rather than a distant one.
    j = first_in - 1
    # texts[j].lower() first: _lowered differs from it only on a possessive ("on's").
    if j >= 0 and ((low := texts[j].lower()) in _PREPOSITIONS_BEFORE or (
        low.endswith(("'s", "’s")) and _lowered(texts[j]) in _PREPOSITIONS_BEFORE
    )):
        j -= 1
    if j >= 0 and texts[j].islower() and (low := _lowered(texts[j])).endswith("ed") and len(low) > 4:
        # ...unless the verb's own subject is an event ("the summit opened on ...").
        event_before = any(_event_at(sentence, k) for k in range(max(0, j - 3), j))
        if _event_at(sentence, j) is None and not event_before:
            return None
    # The event words on either side, walked from the expression: after it first, then before
    # it, a walk that stops once it cannot be cheaper (it wins ties). Dates between two event
    # words walked ten words back for nothing (the 600 KB anchored-dates case: event words
    # 0.22 -> 0.17 s). A walk takes at most _MAX_STEPS tokens and stops at a clause stop (";",
    # ":", a bracket), at a comma when ``deictic``, after ``max_words`` words that are no event,
    # and once the cost so far (words, three per comma) exceeds the best. Only the tokens that
    # may be event words are looked at, the words and commas between read from prefix counts:
    # walking every token, a paragraph of 10,000 dates each 40 tokens from an event word took
    # 0.31 s. Every stop only grows with the distance walked.
    events, punctuation, commas, stops, answers = sentence.marks[0] if sentence.marks else sentence.event_marks()
    best_cost: float = 0.0
    best_k = -1
    subject = ""
    # After: counts over tokens k0 .. k-1, the tokens walked before k.
    k0 = last_in + 1
    i = bisect.bisect_left(events, k0)
    while i < len(events) and (k := events[i]) - k0 < _MAX_STEPS:
        if stops[k] > stops[k0] or (deictic and commas[k] > commas[k0]):
            break
        n_commas = commas[k] - commas[k0]
        words = k - k0 - (punctuation[k] - punctuation[k0])
        if words > max_words:
            break
        here = answers[k] if k in answers else answers.setdefault(k, _event_at(sentence, k))
        # A statement nobody is named for is no event: look on ("The shutdown deal
        # was announced on Friday" dates the deal).
        if here is not None and not (here[0] in _STATEMENT_LIKE and not _speaker(sentence.tokens, k, (start, end))):
            best_cost, best_k, subject = words + 3 * n_commas + (2 if here[1] else 0), k, here[0]
            break
        i += 1
    # Before: counts over tokens k+1 .. k0, the tokens walked before k.
    k0 = first_in - 1
    i = bisect.bisect_right(events, k0) - 1
    while i >= 0 and k0 - (k := events[i]) < _MAX_STEPS:
        if stops[k0 + 1] > stops[k + 1] or (deictic and commas[k0 + 1] > commas[k + 1]):
            break
        n_commas = commas[k0 + 1] - commas[k + 1]
        words = k0 - k - (punctuation[k0 + 1] - punctuation[k + 1])
        if words > max_words or (best_k >= 0 and words + 3 * n_commas > best_cost):
            break
        here = answers[k] if k in answers else answers.setdefault(k, _event_at(sentence, k))
        if here is not None and not (here[0] in _STATEMENT_LIKE and not _speaker(sentence.tokens, k, (start, end))):
            cost = words + 3 * n_commas + (2 if here[1] else 0)
            if best_k < 0 or cost <= best_cost:
                best_cost, best_k, subject = cost, k, here[0]
            break
        i -= 1
    if best_k < 0:
        return None
    if subject in _SERIES_NOUNS:
        subject = _series_subject(sentence.tokens, best_k, subject)
    basis = ""
    if subject in _STATEMENT_LIKE:
        who = _speaker(sentence.tokens, best_k, (start, end))
        if not who:
            return None
        basis = f"by {who}"
    elif subject in _VISIT_LIKE:
        where = _destination(sentence.tokens, best_k)
        basis = f"to {where}" if where else ""
    return subject, basis, best_k, best_cost


def _distance_factor(cost: float) -> float:
    """Return how much a claim's distance from its event word lowers its confidence.

    "kicked off their summit in Nara, Japan, on January 13" costs 10 (four words, two commas)
    and is sure; twenty words away, another clause's event may be meant.
    """
    return 1.0 if cost <= 6 else 0.9 if cost <= 12 else 0.75


def _event_name(subject: str, basis: str) -> str:
    """Return the event a date belongs to: its subject with what tells it apart ("statement by Motegi")."""
    return f"{subject} {basis}".strip()


def _series_subject(tokens: list[_Tok], k: int, subject: str) -> str:
    """Return an anniversary with its ordinal and what it commemorates.

    "the 60th anniversary of diplomatic normalization" and "the August 15 anniversary"
    (of the end of the war) are different events; a bare "anniversary" would pair them.
    """
    parts = [subject]
    if k > 0 and _ORDINAL.fullmatch(tokens[k - 1][2]):
        parts.insert(0, _low(tokens[k - 1]))
    if k + 1 < len(tokens) and _low(tokens[k + 1]) == "of":
        words, _ = _phrase_after(tokens, k + 2)
        if words:
            parts.append("of " + " ".join(_low(w) for w in words))
    return " ".join(parts)


def _phrase_after(tokens: list[_Tok], k: int) -> tuple[list[_Tok], int]:
    """Return up to three content words from token k on (a noun phrase) and the next index."""
    words: list[_Tok] = []
    while k < len(tokens) and len(words) < 3:
        tok = tokens[k]
        if not _is_word(tok) or _low(tok) in _STOP or tok[2][0].isdigit():
            break
        if _low(tok) in _ORDINAL_WORDS:
            break
        words.append(tok)
        k += 1
        if tok[2].islower() and _low(tok).endswith("s") and not _low(tok).endswith("ss") and len(_low(tok)) > 3:
            break  # a plural noun ends the phrase ("two-star generals involved")
    # A trailing capitalised word is a name, not part of the counted noun.
    while words and words[-1][2][0].isupper() and _low(words[-1]) not in _EVENT_NOUNS:
        words.pop()
        k -= 1
    return words, k


def _scope_after(text: str, tokens: list[_Tok], k: int) -> str:
    """Return the prepositional scope after a counted noun, up to the end of its clause."""
    if k >= len(tokens) or _low(tokens[k]) not in (
        "in", "between", "with", "since", "under", "to", "of", "at", "for", "among", "against",
        "during", "this", "ever", "on",
    ):
        return ""
    end = k
    while (
        end < len(tokens)
        and end - k < 14
        and tokens[end][2] not in (",", ";", ":", "(", ")", "—", "–")
        and _low(tokens[end]) not in _SCOPE_STOP
    ):
        end += 1
    return text[tokens[k][0]: tokens[end - 1][1]].rstrip(".!?")


def _ordinal_claims(
    sentence: _Sentence, dates: Sequence[MentionFields]
) -> list[tuple[int, int, str, str, str, tuple[int, int]]]:
    """Return (start, end, value, subject, basis, scope span) for the ordinals of a sentence."""
    text = sentence.text
    if not _SCANNED.possible(text)[0]:
        return []
    in_date = _covered(len(text), dates)
    out = []
    for m in _ORDINAL.finditer(text):
        if in_date[m.start()]:
            continue
        value = _ORDINAL_WORDS[m["word"].lower()] if m["word"] else int(m["num"])
        idx = sentence.at(m.start())
        if idx is None:
            continue
        tokens = sentence.tokens
        prev = tokens[idx - 1] if idx > 0 else None
        if prev is not None and _low(prev) == "at" and value == 1:
            continue
        words, nxt = _phrase_after(tokens, idx + 1)
        subject_words = [w for w in words if _low(w) not in _QUALIFIERS]
        qualifiers = [_low(w) for w in words if _low(w) in _QUALIFIERS]
        if subject_words and _low(subject_words[-1]) in _MEASURE_NOUNS and nxt < len(tokens) and _low(tokens[nxt]) == "of":
            # "the first instance of shuttle diplomacy": count the diplomacy, not the instance.
            words, nxt = _phrase_after(tokens, nxt + 1)
            subject_words = [w for w in words if _low(w) not in _QUALIFIERS]
        if subject_words:
            if _low(subject_words[-1]) in _ORDINAL_SKIP_NOUNS:
                continue
            head = _low(subject_words[-1])
            subject = _EVENT_NOUNS.get(head) or " ".join(_low(w) for w in subject_words)
            end = subject_words[-1][1]
        elif prev is not None and _low(prev) == "the":
            # "This meeting, the third between the leaders": the count refers back.
            back = next(
                (tokens[j] for j in range(idx - 2, max(-1, idx - 8), -1) if _low(tokens[j]) in _EVENT_NOUNS),
                None,
            )
            if back is None:
                continue
            subject = _EVENT_NOUNS[_low(back)]
            end = m.end()
        else:
            continue
        if text[end:end + 1] in ("-",):
            continue
        possessor = ""
        if prev is not None and (_low(prev) in _POSSESSIVES or prev[2].endswith(("'s", "’s"))):
            possessor = prev[2]
        scope = _scope_after(text, tokens, nxt)
        scope_start = text.find(scope, end) if scope else end
        earlier = any(_low(t) in ("following", "after") for t in tokens[max(0, idx - 3):idx])
        parts = [possessor, " ".join(qualifiers), scope, "(an earlier event)" if earlier else ""]
        basis = ", ".join(p for p in parts if p)
        out.append((m.start(), end, str(value), subject, basis, (scope_start, scope_start + len(scope))))
    return out


def _number_value(m: re.Match[str]) -> tuple[str, bool] | None:
    """Return the normalised value and whether it is a percentage or money."""
    if m["digits"]:
        raw = m["digits"].replace(",", "")
        amount = float(raw)
    else:
        amount = float(_NUMBER_WORDS[m["word"].lower()])
    if m["scale"]:
        amount *= _SCALES[m["scale"].lower()]
    shown = f"{amount:.10g}" if amount < 1e15 else f"{amount:.0f}"
    if "e" in shown:
        shown = f"{amount:.0f}"
    if m["pct"]:
        return f"{shown}%", True
    if m["cur"]:
        symbol = {"us$": "$"}.get(m["cur"].lower(), m["cur"])
        return f"{symbol}{shown}", True
    return shown, False


def _number_claims(sentence: _Sentence, taken: bytearray) -> list[tuple[int, int, str, str, str]]:
    """Return (start, end, value, subject, basis) for the numbers of a sentence outside the ``taken`` characters."""
    text = sentence.text
    if not _NUMBERS_SCANNED.possible(text)[0]:
        return []
    out = []
    for m in _number_matches(text):
        start, end = m.start(), m.end()
        if text[start] == " ":
            start += 1
        if taken[start] or taken[end - 1]:
            continue
        if m["word"] and not (m["scale"] or m["pct"]) and m["word"][0].isupper() and start > 0:
            continue
        before = text[max(0, start - 12):start].lower().split()
        if before and before[-1] in _DEFINITE:
            # "the two leaders", "both countries": a description, not a claim.
            continue
        normal = _number_value(m)
        if normal is None:
            continue
        value, measured = normal
        idx = sentence.first_from(end)
        tokens = sentence.tokens
        words, nxt = _phrase_after(tokens, idx)
        subject = ""
        modifiers: list[str] = []
        if words and words[-1][2].islower():
            subject = _low(words[-1])
            modifiers = [w[2] for w in words[:-1]]
        elif not measured:
            continue
        if not subject and measured:
            if nxt < len(tokens) and _low(tokens[nxt]) == "in":
                aid, _ = _phrase_after(tokens, nxt + 1)
                subject = _low(aid[-1]) if aid else ""
            if not subject:
                subject = _metric_before(text, start)
        scope = _scope_after(text, tokens, nxt) if subject and words else ""
        claim_end = words[-1][1] if (words and subject == _low(words[-1])) else end
        if subject in _GENERIC_NOUNS:
            # "35 days" or "1,300 years" say nothing alone: "1,300 years of history" does.
            thing = _scope_head(scope)
            subject, scope = (f"{subject} of {thing}", "") if thing else ("", scope)
        basis = ", ".join(p for p in (" ".join(modifiers), scope) if p)
        out.append((start, claim_end, value, subject, basis))
    return out


# Units and nouns that measure or count anything: a number on them is compared only with what
# they measure ("days of the shutdown"). Alone, BASIL set Netanyahu's visit, the shutdown and
# jobless benefits side by side on "weeks".
_GENERIC_NOUNS = frozenset(
    "seconds minutes hours days weeks months years decades centuries times people persons percent "
    "money dollars cents euros points things ways places parts cases ones others lot lots number "
    "numbers amount amounts miles kilometres kilometers km feet foot meters metres yards inches "
    "pounds kilograms kilos tons tonnes acres".split()
)


def _scope_head(scope: str) -> str:
    """Return the noun phrase an "of"/"for"/"in" scope names ("of the shutdown" -> "shutdown")."""
    m = re.match(r"(?:of|for|in|on)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|his\s+|her\s+)?(.+)$", scope)
    if not m:
        return ""
    words = [w for w in re.findall(r"[\w'’-]+", m.group(1)) if w.lower() not in _STOP]
    return " ".join(words[:3]).lower()


# --- places -----------------------------------------------------------------------------

# The last word of a venue's name ("Horyuji Temple", "the White House", "Blue House").
_VENUE_WORDS = frozenset(
    "temple shrine palace hall house hotel center centre stadium arena museum castle square park "
    "base building tower church cathedral mosque synagogue memorial airport station university "
    "college academy garden gardens bridge pavilion resort embassy capitol court courthouse "
    "ranch club lodge villa library theater theatre chamber residence compound office".split()
)
# Administrative words that name the same place as the bare name ("Nara Prefecture" is Nara).
_ADMIN_WORDS = frozenset("prefecture province county city district state region municipality".split())
# Countries (and the commonest short forms): a country is never set against a city in it.
_COUNTRIES = frozenset(
    """afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
    bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei
    bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba
    cyprus czechia czech denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji
    finland france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti
    honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan
    kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
    liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania
    mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma
    namibia nauru nepal netherlands holland nicaragua niger nigeria macedonia norway oman pakistan palau
    palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa
    senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
    switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkiye
    turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia
    zimbabwe america britain england scotland wales""".split()
) | frozenset({
    "south korea", "north korea", "south africa", "south sudan", "new zealand", "saudi arabia",
    "sri lanka", "united states", "united kingdom", "united arab emirates", "costa rica",
    "el salvador", "east timor", "ivory coast", "sierra leone", "papua new guinea", "the u.s.",
    "u.s.", "u.k.", "us", "uk", "the united states", "the united kingdom", "czech republic",
    "dominican republic", "central african republic", "the netherlands", "the philippines",
})

_PLACE_PREPOSITIONS = frozenset({"in", "at"})
_PLACE_VERBS = frozenset({"visit", "visits", "visited", "visiting", "tour", "toured", "touring"})
# The tokens a place can follow, as written: "in", "at", and a visiting verb in lower case
# (with the possessive endings ``_low`` removes: "visit's" lower-cased is a visit).
_PLACE_TRIGGERS = _PLACE_PREPOSITIONS | {v + end for v in _PLACE_VERBS for end in ("", "'s", "’s", "’s's")}
# Capitalised words after "in" or "at" that are not places.
_NOT_PLACES = frozenset(
    """january february march april may june july august september october november december monday
    tuesday wednesday thursday friday saturday sunday president prime minister congress parliament
    english french german chinese japanese korean spanish arabic russian the a an his her their its
    our this that these those mr mrs ms dr""".split()
)
_MAX_PLACE_WORDS = 4


def _fold(text: str) -> str:
    """Return ``text`` without diacritics ("Hōryū-ji" -> "Horyu-ji")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def place_key(name: str) -> str:
    """Return the key under which spellings of one place agree ("Hōryū-ji Temple", "Horyuji" -> "horyuji").

    Diacritics, hyphens, spaces, a possessive, a leading "the" and venue or administrative
    words ("Temple", "Prefecture") are dropped.
    """
    words = _fold(name).lower().replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    words = [w.removesuffix("'s") for w in words]
    while len(words) > 1 and (words[-1] in _VENUE_WORDS or words[-1] in _ADMIN_WORDS):
        words.pop()
    return re.sub(r"[^a-z0-9]", "", "".join(words))


def _place_value(name: str) -> str:
    """Return a place as shown: without diacritics, inner hyphens or administrative words ("Horyuji Temple")."""
    words = _fold(name).split()
    words = [re.sub(r"(?<=[a-z])-(?=[a-z]{1,4}$)", "", w) for w in words]
    while len(words) > 1 and words[-1].lower() in _ADMIN_WORDS:
        words.pop()
    return " ".join(words)


def place_level(name: str) -> str:
    """Return how fine a place is: ``venue`` (a building or site), ``country`` or ``locality``."""
    words = _fold(name).lower().split()
    if words and words[-1] in _VENUE_WORDS or re.search(r"-(?:ji|dera|gu|jingu)$", name.lower()):
        return "venue"
    if " ".join(words) in _COUNTRIES or (words and " ".join(words).removeprefix("the ") in _COUNTRIES):
        return "country"
    return "locality"


@dataclass(frozen=True, slots=True)
class _PlaceFound:
    start: int
    end: int
    name: str
    inside: str  # the place written after it ("Nara, Japan"), or before it as a possessor ("Japan's Nara")
    after_verb: bool


def _place_names(sentence: _Sentence, blocked: bytearray) -> list[_PlaceFound]:
    """Return the places named after "in", "at" or a visiting verb in a sentence."""
    out: list[_PlaceFound] = []
    # Only the tokens a place can follow are looked at, found by one set look-up each in C
    # (a loop over the 70,000 tokens of 400 KB of prose cost 20 ms; the indices picked by
    # ``compress``, not a comprehension: 10 -> 3.4 ms over the 600 KB anchored-dates case).
    triggers = list(compress(range(len(sentence.texts)), map(_PLACE_TRIGGERS.__contains__, sentence.texts)))
    if not triggers:
        return out
    tokens = sentence.tokens
    for i in triggers:
        after_verb = tokens[i][2] not in _PLACE_PREPOSITIONS
        j = i + 1
        if j < len(tokens) and _low(tokens[j]) == "the" and tokens[j][2].islower():
            j += 1
        inside = ""
        # "Japan's Nara Prefecture": the possessor is where the place lies.
        if j + 1 < len(tokens) and tokens[j][2].endswith(("'s", "’s")) and tokens[j][2][0].isupper():
            inside = _low(tokens[j])
            j += 1
        k = j
        while (
            k < len(tokens) and k - j < _MAX_PLACE_WORDS and _is_word(tokens[k])
            and tokens[k][2][0].isupper() and not tokens[k][2].endswith(("'s", "’s"))
            and _low(tokens[k]) not in _NOT_PLACES and not blocked[tokens[k][0]]
        ):
            k += 1
        if k == j:
            continue
        start, end = tokens[j][0], tokens[k - 1][1]
        name = sentence.text[start:end].rstrip(".")
        end = start + len(name)
        # "Gyeongju, South Korea": what follows a comma is where the place lies.
        if not inside and k + 1 < len(tokens) and tokens[k][2] == "," and tokens[k + 1][2][0].isupper():
            m = k + 1
            while m < len(tokens) and m - k <= 3 and _is_word(tokens[m]) and tokens[m][2][0].isupper():
                m += 1
            inside = sentence.text[tokens[k + 1][0]:tokens[m - 1][1]].lower()
        out.append(_PlaceFound(start, end, name, inside, after_verb))
    return out


# Verbs after which "in X" says where the clause's event happened ("was held in Nara").
_LOCATING_VERBS = frozenset(
    "held hold holds holding place took takes taking convened convene opened opens began begins "
    "kicked off started starts ended ends closed closes occurred happened was were is are be".split()
)
_SKIPPED_BEFORE_PLACE = frozenset("the a an their his her its our landmark first second third with and between".split())


def _attaches_to_event(sentence: _Sentence, place: _PlaceFound) -> bool:
    """Return True when "in X" / "at X" follows an event word or a locating verb, not another noun.

    "the summit in Nara", "met in Nara", "was held at the Blue House", "will host President Lee
    in Nara" (names are the verb's object) attach; "a backdrop of internal cleanup in Seoul"
    does not: the place is the cleanup's.
    """
    tokens = sentence.tokens
    k = sentence.first_from(place.start) - 1  # (a list of every token's start per place was quadratic)
    if k >= 0 and tokens[k][2].endswith(("'s", "’s")):
        k -= 1  # "in Japan's Nara Prefecture"
    if k >= 0 and _low(tokens[k]) == "the":
        k -= 1
    if k < 0 or tokens[k][2] not in _PLACE_PREPOSITIONS:
        return False
    k -= 1
    while k >= 0 and _is_word(tokens[k]) and (tokens[k][2][0].isupper() or _low(tokens[k]) in _SKIPPED_BEFORE_PLACE):
        k -= 1
    if k < 0 or not _is_word(tokens[k]):
        return False
    return _event_at(sentence, k) is not None or _low(tokens[k]) in _LOCATING_VERBS


def _place_event(sentence: _Sentence, place: _PlaceFound) -> _EventWord | None:
    """Return the event a place says where it happened, or None.

    A venue visited in a sentence about a summit ("Following the talks, they are expected to
    visit Horyu-ji Temple") is where the summit went; other visits are told apart by their
    destination, which is then no claim about them.
    """
    found = _event_word(sentence, place.start, place.end, deictic=False)
    if found is None or (not place.after_verb and not _attaches_to_event(sentence, place)):
        return None
    head = found.subject.split()[-1]
    if place.after_verb or head in _VISIT_LIKE:
        if place_level(place.name) != "venue":
            return None
        summit = sentence.first_summit()
        if summit is None:
            return None
        return _EventWord("summit", "", summit, found.cost)
    if found.subject not in _PLACED_EVENTS and head not in _PLACED_EVENTS:
        return None
    return found


def _metric_before(text: str, start: int) -> str:
    """Return the metric noun written last before ``start`` in its stretch of the sentence.

    Only the preceding ``_METRIC_REACH`` characters are read: "approval rating ... 61%" sits
    close together, and a fixed reach keeps long passages linear.
    """
    lo = max(0, start - _METRIC_REACH)
    found = [(m.end(), len(m.group()), m.group().lower()) for m in _METRIC.finditer(text, lo, start)]
    return max(found)[2] if found else ""


# start, end, kind, subject, value, basis, granularity, confidence, reference, first, last, event
_Found = tuple[int, int, ClaimKind, str, str, str, str, float, str, date | None, date | None, str]


def _date_claims(sentence: _Sentence, mentions: Sequence[MentionFields]) -> list[_Found]:
    """Return the date claims of a sentence (start, end, kind, subject, value, basis, granularity,
    confidence, reference, first, last, event)."""
    out: list[_Found] = []
    for start, end, text, first, last, granularity, relative, confidence, reference in mentions:
        deictic = relative and not any(map(str.isdigit, text))
        found = _event_parts(sentence, start, end, deictic)
        subject, basis, factor = (found[0], found[1], _distance_factor(found[3])) if found else ("", "", 1.0)
        out.append((
            start, end, "date", subject, interval_value(first, last, granularity), basis, granularity,
            _rounded(confidence * factor), reference, first, last, _event_name(subject, basis),
        ))
    return out


# Rounded once per distinct confidence, as dates rounds its mentions' (250 -> 50 ns a claim).
@lru_cache(maxsize=1024, typed=True)
def _rounded(confidence: float) -> float:
    """Return a confidence rounded to three decimals."""
    return round(confidence, 3)


def _unresolved(text: str, resolved: Sequence[MentionFields]) -> list[_Found]:
    """Return the relative dates of a text that no reference anchors, as claims without a value.

    They are found by resolving against a stand-in reference and keeping the relative
    mentions that the reference-less reading did not resolve on its own.
    """
    spans = [(m[0], m[1]) for m in resolved]
    out: list[_Found] = []
    for m in date_mentions(text, reference=_STAND_IN):
        if m.relative and m.granularity != "vague" and not any(a < m.end and m.start < b for a, b in spans):
            out.append((m.start, m.end, "date", "", "", "", UNRESOLVED, 0.0, "none", None, None, ""))
    return out


_STAND_IN = date(2000, 1, 1)  # any day finds the same relative expressions


def _place_claims(sentence: _Sentence, blocked: bytearray) -> list[_Found]:
    """Return the place claims of a sentence; the basis says where the place lies ("in japan")."""
    out: list[_Found] = []
    for place in _place_names(sentence, blocked):
        event = _place_event(sentence, place)
        if event is None:
            continue
        out.append((
            place.start, place.end, "place", event.subject, _place_value(place.name),
            f"in {place.inside}" if place.inside else "", place_level(place.name),
            round(0.8 * _distance_factor(event.cost), 3), "", None, None, _event_name(event.subject, event.basis),
        ))
    return out


_SPAN = itemgetter(0, 1)  # a found claim's start and end, its order


class _Credits:
    """The sources of one passage (in text order), to find the one each claim credits by bisection.

    The original source wins over the outlet relaying it ("News.Az reports, citing The
    Diplomat" credits The Diplomat): the nearest source of the first kind present (any cue but
    "reported", else "reported"), the earlier when two are as near; with none, the document's
    credit line. Asking ``min`` over all sources per claim made a paragraph of 2,000 dates and
    2,000 "according to Reuters" take 0.69 s, four times as many 7.8 times that.
    """

    __slots__ = ("_credit", "_sources", "_starts")

    def __init__(self, sources: Sequence[SourceMention], credit: str) -> None:
        self._credit = credit
        self._sources = [s for s in sources if s.cue != "reported"] or [s for s in sources if s.cue == "reported"]
        self._starts = [s.start for s in self._sources]

    def at(self, start: int) -> str:
        """Return the name of the source a claim starting at ``start`` credits."""
        starts = self._starts
        if not starts:
            return self._credit
        i = bisect.bisect_left(starts, start)
        if i < len(starts) and (i == 0 or starts[i] - start < start - starts[i - 1]):
            return self._sources[i].name
        return self._sources[bisect.bisect_left(starts, starts[i - 1])].name


def _credit_line(passages: Sequence[Passage], sources_in: Callable[[Passage], Sequence[SourceMention]]) -> str:
    """Return the wire service a document's credit line or dateline names ("(Yonhap) --"), or ""."""
    for p in passages[:3]:
        if p.is_article:
            found = [s for s in sources_in(p) if s.cue == "credit"]
            if found:
                return found[0].name
    return ""


# How far back a sentence that points back ("the same day", "the next day") is read with the
# sentences before it: the anchored phrases reach 300 characters, "the day" its paragraph.
_LOOK_BACK = 1500


def _passage_dates(doc: Document, article: Sequence[Passage], k: int, ref: ReferenceDate) -> tuple[MentionFields, ...]:
    """Return the date mentions of article passage ``k``, offsets into its text, vague ones left out.

    A sentence is read alone, unless it points back at a date named before it ("the same
    day", "the next day", "by that time"): then with the sentences before it (up to
    ``_LOOK_BACK`` characters), so the phrase counts from that date and not from the
    publication date. On MEANTIME that made 3 more of 109 pairs of claims on one annotated
    time in two articles agree (benchmarks/time_coreference.py); reading every article whole
    instead cost 70 % more CPU on BASIL's claims.
    """
    passage = article[k]
    text = _passage_text(doc, passage)
    lo = passage.start
    if refers_back(text):
        j = k
        while j > 0 and article[j - 1].start >= passage.start - _LOOK_BACK:
            j -= 1
        lo = article[j].start
    skip = passage.start - lo
    return tuple(
        (m[0] - skip, m[1] - skip, *m[2:]) if skip else m
        for m in date_mention_fields(
            doc.text[lo:passage.end], reference=ref.date, reference_label=ref.label,
            reference_confidence=ref.confidence,
        )
        # "now", "recently", "in the future" are not intervals: nothing to compare.
        if m[0] >= skip and m[5] != "vague"
    )


def all_claims(corpus: Corpus) -> tuple[Claim, ...]:
    """Return the date, place, ordinal and number claims of every document's article text."""
    # A document with a reference of its own is read right after it is inferred, while the
    # date rules' matches of its passages are still cached (dates._rule_matches): the reading
    # against the reference then costs a third of the first (the 600 KB anchored-dates case).
    own: dict[str, ReferenceDate] = {}
    found: dict[str, list[Claim]] = {}
    for doc in corpus.documents:
        ref = _own_reference(corpus, doc)
        if ref is not None:
            own[doc.doc_id] = ref
            found[doc.doc_id] = _document_claims(corpus, doc, ref)
    refs = _with_story_references(corpus, own)
    return tuple(
        claim
        for doc in corpus.documents
        for claim in (found[doc.doc_id] if doc.doc_id in found else _document_claims(corpus, doc, refs[doc.doc_id]))
    )


def _document_claims(corpus: Corpus, doc: Document, ref: ReferenceDate) -> list[Claim]:
    """Return the claims of one document's article text, resolved against its reference."""
    claims: list[Claim] = []
    passages = corpus.passages_of(doc.doc_id)
    # The sources of a passage are read once, for the credit line and for its claims (the
    # 600 KB one-passage anchored-dates case read them twice: 0.09 s each).
    sources_of: dict[str, tuple[SourceMention, ...]] = {}

    def sources_in(p: Passage) -> tuple[SourceMention, ...]:
        if p.passage_id not in sources_of:
            sources_of[p.passage_id] = attributed_sources(doc.text, p.start, p.end)
        return sources_of[p.passage_id]

    credit = _credit_line(passages, sources_in)
    article = [p for p in passages if p.is_article]
    n = 0
    doc_id, story, text_of = doc.doc_id, doc.story, doc.text
    for k, passage in enumerate(article):
        text = _passage_text(doc, passage)
        # Korean, Japanese and Chinese passages: their own rules, the same claim parts.
        cjk = cjk_claim_parts(text, doc.language, reference=ref.date, reference_label=ref.label,
                              reference_confidence=ref.confidence)
        mentions = () if cjk is not None else _passage_dates(doc, article, k, ref)
        found: list[_Found]
        if cjk is not None:
            found = list(cjk)  # type: ignore[arg-type]  # same parts; kind is one of ClaimKind
        else:
            sentence = _Sentence.of(text)
            found = _date_claims(sentence, mentions)
            if ref.date is None:
                found += _unresolved(text, mentions)
            # The characters the dates take, then also the places, the ordinals and their scopes:
            # one mask, added to (built twice from lists of spans, it cost the 18,182 dates of
            # the 600 KB anchored-dates case 4 ms more).
            dated = len(found)
            taken = _covered(len(text), found)
            found += _place_claims(sentence, taken)
            for start, end, value, subject, basis, scope in _ordinal_claims(sentence, mentions):
                found.append((start, end, "ordinal", subject, value, basis, "", 0.8, "", None, None, subject))
                _cover(taken, *scope)
            for f in found[dated:]:
                _cover(taken, f[0], f[1])
            for start, end, value, subject, basis in _number_claims(sentence, taken):
                found.append((start, end, "number", subject, value, basis, "", 0.8, "", None, None, subject))
        if not found:
            continue
        credited = _Credits(sources_in(passage), credit).at
        base, passage_id = passage.start, passage.passage_id
        # Positional, in Claim's field order: keywords cost a fifth more per claim (18,000 claims).
        for start, end, kind, subject, value, basis, gran, conf, reference, first, last, event in sorted(
            found, key=_SPAN
        ):
            claims.append(_new_claim(
                f"{doc_id}:c{n}", doc_id, passage_id, kind, subject, value, text_of[base + start: base + end],
                base + start, base + end, basis, gran, conf, reference, first, last, story,
                event if subject else "", credited(base + start),
            ))
            n += 1
    return claims
