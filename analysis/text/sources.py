"""Attribution: the sources a stretch of text says it comes from ("according to NHK", "(Yonhap) --").

A claim's credibility depends on who it is credited to: "according to NHK", "Lee told Yonhap",
"News.Az reports, citing The Diplomat", "in an interview with Japan's NHK television", and wire
credit lines and datelines such as "(Yonhap) --" or "SEOUL, Jan. 13 (Yonhap) --" at the head of
a paragraph. Each source is returned with the offsets of its name, so ``text[start:end]`` is the
name as written. Only named sources count: "told reporters" or "according to a media report"
credit nobody in particular.

The cues are English; German "laut X" and "X zufolge" are read too. Other languages give no
sources rather than guesses.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from operator import attrgetter
from typing import Literal

from analysis.text.literals import LiteralFilter, led_by_first_characters

__all__ = ["Cue", "SourceMention", "attributed_sources"]

Cue = Literal["according to", "told", "citing", "interview", "reported", "credit"]


@dataclass(frozen=True, slots=True)
class SourceMention:
    """One named source a text credits, how it credits it, and the offsets of the name."""

    name: str
    cue: Cue
    start: int
    end: int


# A name: capitalised words, with inner "of", "and", "&", "for", "de" and dotted forms
# ("News.Az", "U.S."). "The" starts a name only capitalised ("The Diplomat"). A possessive
# place before it ("Japan's NHK") is skipped: the source is the NHK.
# A word starts only where no word character precedes it, and its inner punctuation runs must be
# followed by letters: each capitalised word is then read once, never again from inside itself
# (a run of capitals was quadratic under finditer).
_CAP = r"(?<![\w.&’'-])[A-Z][\w.&]*+(?:[’'-]++[\w.&]++)*"
_NAME = rf"(?:{_CAP}(?:[^\S\n]+(?:(?:of|and|&|for|de|du|al|the)[^\S\n]+)?{_CAP}){{0,5}})"
_POSSESSOR = rf"(?:(?:the[^\S\n]+)?{_CAP}(?:[^\S\n]+{_CAP})?['’]s[^\S\n]+)?"
_ARTICLE = r"(?:the[^\S\n]+)?"
_S = r"[^\S\n]+"

_PATTERNS: tuple[tuple[Cue, re.Pattern[str]], ...] = (
    ("according to", re.compile(
        rf"\b[Aa]ccording{_S}to{_S}(?:(?:a|an|the){_S})?(?:(?:reports?|reporting|sources?|"
        rf"statements?|officials?|data|figures){_S}(?:from|by|at|in){_S})?{_ARTICLE}{_POSSESSOR}(?P<name>{_NAME})"
    )),
    ("told", re.compile(rf"\btold{_S}{_ARTICLE}{_POSSESSOR}(?P<name>{_NAME})")),
    ("citing", re.compile(
        rf"\b[Cc]it(?:ing|ed){_S}(?:(?:a|an|the){_S})?(?:(?:reports?|sources?){_S}(?:from|by|at|in){_S})?"
        rf"{_ARTICLE}{_POSSESSOR}(?P<name>{_NAME})"
    )),
    ("interview", re.compile(
        rf"\b(?:[Ii]nterviews?|conversation|talk){_S}with{_S}{_ARTICLE}{_POSSESSOR}(?P<name>{_NAME})"
    )),
    ("interview", re.compile(
        rf"\b(?:[Ii]n|[Dd]uring|[Tt]o){_S}(?:an?|the){_S}(?:\w+{_S})?(?P<name>{_CAP}(?:{_S}{_CAP})?){_S}interview\b"
    )),
    ("reported", re.compile(
        rf"\b(?:[Rr]eports?|[Aa]{_S}report|[Rr]eporting){_S}(?:from|by){_S}{_ARTICLE}{_POSSESSOR}(?P<name>{_NAME})"
    )),
    ("reported", re.compile(rf"(?P<name>{_NAME}){_S}(?:reported|reports|quoted)\b")),
    # Wire credit lines and datelines at the head of a paragraph: "(Yonhap) --",
    # "SEOUL, Jan. 13 (Yonhap) --", "WASHINGTON (Reuters) -".
    ("credit", re.compile(
        rf"(?m)^[^\S\n]*(?:[A-Z][A-Z .'-]{{0,40}}(?:,{_S}[A-Z][\w.]*(?:{_S}\d{{1,2}})?)?{_S})?"
        rf"\((?P<name>{_CAP}(?:{_S}{_CAP}){{0,3}})\)[^\S\n]*(?:--|—|–|-)"
    )),
    ("according to", re.compile(rf"\b[Ll]aut{_S}{_ARTICLE}(?P<name>{_NAME})")),
    ("according to", re.compile(rf"(?P<name>{_NAME}){_S}zufolge\b")),
)

# Each behind a lookahead for the characters its matches start with (analysis/text/literals.py):
# the same matches; the 600 KB credited-dates benchmark case scanned in 0.06 s instead of 0.10 s.
_PATTERNS = tuple((cue, led_by_first_characters(pattern)) for cue, pattern in _PATTERNS)

# A passage is scanned only with the cues whose literals it holds ("told", "according"):
# ten scans of every passage cost 72 ms on 400 KB of prose (analysis/text/literals.py).
_CUE_FILTER = LiteralFilter([p for _, p in _PATTERNS])

# A nationality or other adjective before a common noun names nobody: "according to a
# Japanese media report".
_ADJECTIVE = re.compile(r"^[A-Z][a-z]+(?:ese|ian|an|ish|ic|i)$")
_LOWER_WORD = re.compile(r"(?<![^\S\n])[^\S\n]++[a-z]")

# Capitalised words that open a sentence or name nobody: "According to The" is no source.
_NOT_NAMES = frozenset(
    "The A An This That These Those It He She They We I You His Her Their Our Its Some Many "
    "Most Officials Sources Reports Critics Experts Analysts Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday".split()
)

# The words a name may not open with ("The Diplomat" is a name; "Officials Say" is not).
_NOT_FIRST_WORDS = _NOT_NAMES - {"The"}

# Characters that end a name when they trail it (spaces and punctuation after "NHK").
_TRAILING = ".,'’-"


def _without_trailing(name: str) -> str:
    """Return ``name`` without trailing white space and punctuation (a loop, not a pattern: linear)."""
    end = len(name)
    while end and (name[end - 1].isspace() or name[end - 1] in _TRAILING):
        end -= 1
    return name[:end]


_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|St|Jr|Sr|Prof)\.")


# A name's words (each followed by a space), tried only where a word starts: each word is read
# once, not again from each of its characters (a long last word was quadratic).
_NAME_WORDS = re.compile(r"(?<!\S)(\S++)(?=\s)")


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the name's offsets, cut at a sentence end or a possessive inside it.

    "told CNN. Asked whether ..." credits CNN; "The Washington Post’s Manuel Roig-Franzia"
    credits The Washington Post.
    """
    name = text[start:end]
    cut = len(name)
    # Only a period or a possessive cuts a name: most names hold neither, and are not walked
    # word by word (10,000 "according to Reuters" in one paragraph: 25 -> 5 ms). Without
    # either, no cut, no possessive and no period to strip: only the trailing characters go.
    if "." not in name and "'s" not in name and "’s" not in name:
        return start, start + len(_without_trailing(name))
    for m in _NAME_WORDS.finditer(name):
        word = m.group(1)
        if m.group().endswith(("'s", "’s")):
            cut = m.start() + len(word)
            break
        if word.endswith(".") and not _ABBREVIATION.fullmatch(word):
            cut = m.end() - 1
            break
    name = name[:cut]
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    trimmed = _without_trailing(name)
    if trimmed.endswith(".") and not _ABBREVIATION.fullmatch(trimmed.split()[-1]):
        trimmed = trimmed[:-1]
    return start, start + len(trimmed)


_START = attrgetter("start")


def attributed_sources(text: str, start: int = 0, end: int | None = None) -> tuple[SourceMention, ...]:
    """Return the named sources ``text[start:end]`` credits, in text order, with offsets into ``text``."""
    end = len(text) if end is None else end
    found: dict[tuple[int, int], SourceMention] = {}
    # The names found so far by start, for the test "does a found name cover this start?": only
    # names starting at most ``longest`` characters earlier can. Testing every name found made
    # 4,000 "according to Reuters" in one paragraph take 0.37 s, four times as many 11 times that.
    starts: list[int] = []
    ends: list[int] = []
    longest = 0
    for (cue, pattern), possible in zip(_PATTERNS, _CUE_FILTER.possible(text[start:end]), strict=True):
        if not possible:
            continue
        for m in pattern.finditer(text, start, end):
            a, b = _clean(text, *m.span("name"))
            name = text[a:b]
            if b <= a or name in _NOT_NAMES or name.split()[0] in _NOT_FIRST_WORDS:
                continue
            if _ADJECTIVE.match(name) and _LOWER_WORD.match(text, b):
                continue
            if name.startswith("The ") and len(name.split()) == 1:
                continue
            i = bisect.bisect_right(starts, a)
            # Read in C: a generator per name cost a tenth of the 10,000 names of the credited-dates case.
            if not any(map(a.__lt__, ends[bisect.bisect_left(starts, a - longest, 0, i):i])):
                found[(a, b)] = SourceMention(name, cue, a, b)
                starts.insert(i, a)
                ends.insert(i, b)
                longest = max(longest, b - a)
    return tuple(sorted(found.values(), key=_START))
