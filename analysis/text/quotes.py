"""Quotations: the spans of text inside quotation marks (straight and curly, across sentences)."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from analysis.text.records import Passage

_QUOTE_MARK = re.compile("[\"“”«»'‘’「」『』]")


_APOSTROPHE_ABBREVIATION = re.compile(r"['’](?:\d\ds?\b|em\b|til\b|n['’])", re.IGNORECASE)


class QuoteMap:
    """The quoted stretches of one document, found paragraph by paragraph.

    Straight and curly, double and single quotation marks, guillemets and the corner brackets
    of Japanese and Chinese (「」『』) count. A quotation
    may span sentences but not paragraphs; one left open at the end of a paragraph runs to
    its end (the convention for quotations continued in the next paragraph). An apostrophe
    between letters (Lee’s, don't) or after a word with no quotation open (leaders’) is not a
    quotation mark.
    """

    def __init__(self, text: str, passages: tuple[Passage, ...]) -> None:
        paragraphs: dict[int, tuple[int, int]] = {}
        for p in passages:
            lo, hi = paragraphs.get(p.paragraph, (p.start, p.end))
            paragraphs[p.paragraph] = (min(lo, p.start), max(hi, p.end))
        spans: list[tuple[int, int]] = []
        for lo, hi in sorted(paragraphs.values()):
            spans.extend(quote_spans(text, lo, hi))
        spans.sort()
        self._starts = [s for s, _ in spans]
        # The furthest end of the quotations opened so far: a stretch is quoted when one opened
        # before it ends at or after its end, whatever closed in between (one look-up, where
        # walking back stopped at the first closed quotation and missed the one enclosing it).
        self._reach = list(accumulate((e for _, e in spans), max))

    def touches(self, start: int, end: int) -> bool:
        """Return True when a quotation overlaps ``[start, end)``: else nothing in it ``is_quoted``."""
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start

    def is_quoted(self, start: int, end: int) -> bool:
        """Return True when ``[start, end)`` lies inside a quotation opened before ``start``."""
        i = bisect.bisect_left(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end


# The maps built last, by the identity of the text and passages they were built from (held here,
# so neither id can be reused while its map is kept).
_KEPT = 8
_recent: dict[tuple[int, int], tuple[str, tuple[Passage, ...], QuoteMap]] = {}


def quote_map(text: str, passages: tuple[Passage, ...]) -> QuoteMap:
    """Return ``QuoteMap(text, passages)``, the same map again for the same text and passages objects.

    Reuse and framing both ask for the map of a document they read, with the corpus's own text
    and passages: the second asks for a map already built (400 KB of prose on one line: 3 ms
    each). Only the last few are kept: a map is cheap to build again, the text it holds is not
    small.
    """
    key = (id(text), id(passages))
    kept = _recent.get(key)
    if kept is not None and kept[0] is text and kept[1] is passages:
        return kept[2]
    built = QuoteMap(text, passages)
    _recent[key] = (text, passages, built)
    if len(_recent) > _KEPT:
        try:
            _recent.pop(next(iter(_recent)), None)  # the oldest
        except (RuntimeError, StopIteration):  # another thread changed it meanwhile: the next call evicts
            pass
    return built


def quote_spans(text: str, start: int = 0, end: int | None = None) -> tuple[tuple[int, int], ...]:
    """Return the (start, end) offsets of quotations in ``text[start:end]``, marks included."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    double: int | None = None
    single: int | None = None
    for mark in _QUOTE_MARK.finditer(text, start, end):
        i = mark.start()
        c = mark.group()
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if c in "“«「『" and double is None:
            double = i
        elif c in "”»」』" and double is not None:
            spans.append((double, i + 1))
            double = single = None
        elif c == '"':
            if double is None and not nxt.isspace():
                double = i
            elif double is not None and not prev.isspace():
                spans.append((double, i + 1))
                double = single = None
        elif prev.isalnum() and nxt.isalnum():
            continue  # an apostrophe inside a word: Lee’s, don't
        elif _APOSTROPHE_ABBREVIATION.match(text, i, end):
            continue  # '90s, ’em, rock 'n' roll
        elif c in "'‘’" and single is None and not prev.isalnum() and nxt.isalnum():
            single = i
        elif c in "'’" and single is not None and not prev.isspace() and not nxt.isalnum():
            spans.append((single, i + 1))
            single = None
    for opened in (double, single):
        if opened is not None:
            spans.append((opened, end))
    return tuple(sorted(spans))
