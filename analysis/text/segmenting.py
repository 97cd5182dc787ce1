"""Split a document's text into paragraphs and sentences, keeping character offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import starmap

# Abbreviations after which a period never ends a sentence (lower-cased, without the final dot).
_TITLES = frozenset(
    """mr mrs ms dr prof sr jr st gen lt col maj capt cmdr adm sgt rep sen gov pres rev hon fr
    mt ft no nos vol vols fig figs pp p ch art sec dept univ inc corp co ltd bros vs etc approx
    est al cf ed eds jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur
    thurs fri sat sun""".split()
)
# Words that, capitalised after an acronym such as "U.S.", show that the acronym ended the sentence.
_SENTENCE_STARTERS = frozenset(
    """the a an this that these those he she it they we i you his her its their our but and so
    yet however meanwhile still then there in on at for after before when while as if although
    though since despite during with without many most some officials analysts critics""".split()
)
_OPENERS = "\"'“‘«(["
# Possessive runs, starting only where a run of end punctuation starts: no backtracking, so a
# run of 150,000 periods with no space after it is read once (it took minutes, quadratic).
# Each pattern opens with a character class and looks behind only after it (the mark before
# the first one is not a mark): a look-behind first made the engine test every character of
# the text, a class first lets it skip to the next mark (a quarter of the scan of 400 KB).
_BOUNDARY = re.compile(
    r"""(?P<punct>[.!?…؟。！？](?<![.!?…؟。！？]{2})[.!?…؟。！？]*+)(?P<close>["'”’»)\]]*+)(?P<space>\s++)(?=(?P<next>["'“‘«(\[]*\S))"""
    # Chinese and Japanese full stops end a sentence with no space after them.
    r"""|(?P<cjk>[。！？]+)(?P<cjkclose>[」』）"”]*)(?=\S)"""
)
# A Korean sentence ending glued to the next sentence with no space ("…했다.그는"), as scraped
# pages often have it: a boundary the spaced rule cannot see.
_SENTENCE_END = re.compile(r"[.!?…؟。！？]")  # the marks every boundary (_BOUNDARY, _KO_GLUED_END) starts at
_KO_GLUED_END = re.compile(r"[.!?](?<=[가-힣][다요죠까니][.!?])(?=[가-힣\"“‘'(\[])")
_KO_ENDINGS = "다요죠까니"  # one of these before the mark, as _KO_GLUED_END reads it
_MARKS = ".!?…؟。！？"  # _SENTENCE_END's characters
# "13. Januar", "1. Mai": a German day number, not the end of a sentence.
_MONTH_AFTER_DAY = re.compile(
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b"
)
# The token just before a sentence-final period ("U.S", "Jan", "10"), read backwards: word
# characters (str.isalnum and "_", as regex \w is), periods, apostrophes and hyphens.
_TOKEN_BEHIND = re.compile(r"[\w.'’-]*+")
_WORD_REACH = 32  # how far back a space is looked for before a period
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# Read where a sentence may open; from the start of a run of opening marks only (linear).
_OPENING_WORD = re.compile(r"(?<![\"'“‘«(\[])[\"'“‘«(\[]*+([A-Za-z]+)")
# A paragraph of hard-wrapped text: consecutive lines holding a non-space, each tried from its
# line start only with possessive runs (a 100,000-space line made the old pattern quadratic).
_WRAPPED_PARAGRAPH = re.compile(r"^(?:[^\S\n]*+\S[^\n]*+(?:\n|$))+", re.MULTILINE)
# A line stripped of its surrounding white space, found directly (regex \s is str.isspace):
# stripping each line in Python cost more than the rest of splitting a page of 32,000 short
# lines. The greedy run backs off over the line's trailing white space only, once per line.
_STRIPPED_LINE = re.compile(r"\S(?:[^\n]*\S)?")
_BLOCK_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A (start, end) slice of a text."""

    start: int
    end: int


def paragraph_spans(text: str) -> tuple[Span, ...]:
    """Return the non-blank paragraphs of ``text`` as spans, stripped of surrounding white space.

    Each line is a paragraph, except in hard-wrapped text (blank-line separated blocks
    whose lines mostly end mid-sentence), where a block is a paragraph.
    """
    if not _looks_hard_wrapped(text):
        # C iterators end to end (no generator frame per line: 32,000 one-word lines).
        return tuple(starmap(Span, map(re.Match.span, _STRIPPED_LINE.finditer(text))))
    spans: list[Span] = []
    for m in _WRAPPED_PARAGRAPH.finditer(text):
        span = _strip(text, m.start(), m.end())
        if span is not None:
            spans.append(span)
    return tuple(spans)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> tuple[Span, ...]:
    """Return the sentences of ``text[start:end]`` as spans into ``text``.

    Survives abbreviations (U.S., Jan., Dr., No. 10), initials, decimal numbers and
    closing quotation marks after the final punctuation.
    """
    end = len(text) if end is None else end
    if _SENTENCE_END.search(text, start, end - 1) is None:
        # A boundary needs an end mark before the last character: without one the stretch is one
        # sentence (headings, labels, most short paragraphs), found with one scan in C.
        span = _strip(text, start, end)
        return () if span is None else (span,)
    cuts = [start]
    # Where the sentence after each spaced cut starts: the end of the white space the boundary
    # matched, which a non-space follows. With no other kind of cut, every piece is known
    # stripped from the matches alone (see _spaced_pieces).
    opens: list[int] = []
    other = False
    # The stretch reversed: the token before a period is a forward match in it.
    behind = text[start:end][::-1]
    # The common verdicts are reached here, without a call per candidate (40,000 candidates in
    # "Ab. Cd. " x 20,000); the rest in _ends_after.
    for m in _boundaries(text, start, end):
        punct, nxt = m.group("punct", "next")
        if punct is None:
            cuts.append(m.end("cjkclose"))
            other = True
            continue
        # The first character after the opening marks (``next`` is openers and one non-space);
        # when that one is an opener too, it and the first opener are neither lower case nor ",;:".
        first = nxt[-1]
        if first.islower() or (punct[0] == "." and first in ",;:"):
            continue  # ! ? … inside a sentence, or a period before a lower-case word
        if punct[0] == ".":
            # Read in C: a walk back character by character in Python was a third of judging
            # the 40,000 candidates of "Ab. Cd. " x 20,000. Most tokens are letters after a
            # space, found by one bounded rfind; others are the token run read forward in the
            # reversed stretch (tokens before two candidates are disjoint, white space follows
            # each: a stretch costs its length once).
            at = m.start()  # the period (the pattern opens with it)
            space = text.rfind(" ", at - _WORD_REACH if at - _WORD_REACH > start else start, at)
            token = text[space + 1 if space >= 0 else start : at]
            if not token.isalpha() or (space < 0 and at - start > _WORD_REACH):
                run = _TOKEN_BEHIND.match(behind, end - at)  # always matches (the run may be empty)
                token = run.group()[::-1] if run else ""
            kind = _token_kind(token)
            if kind is not _ENDS and not _ends_after(text, m, kind):
                continue
        cuts.append(m.end("close"))
        opens.append(m.end())
    # In a long stretch, only where a Korean ending can precede the mark (the look-behind reads
    # one character before ``start``): five searches in C rule out most (400 KB of prose: 1.2 ms
    # scanned); a short one is scanned at once, for less than the searches.
    if end - start < _LONG_STRETCH or any(text.find(e, start - 1 if start else 0, end) >= 0 for e in _KO_ENDINGS):
        for m in _KO_GLUED_END.finditer(text, start, end):
            cuts.append(m.end())
            other = True
    if other:
        cuts.sort()
        cuts.append(end)
        starts: list[int] = []
        ends: list[int] = []
        for a, b in zip(cuts, cuts[1:]):
            span = _strip(text, a, b)
            if span is not None:
                starts.append(span.start)
                ends.append(span.end)
    else:
        starts, ends = _spaced_pieces(text, start, end, cuts, opens)
    # Bytes of UTF-8 as the benchmark counts them: a Chinese sentence of 6 characters is 18.
    n = len(starts)
    if n >= _MIN_FRAGMENTS and end - start < _MIN_MEAN_SENTENCE * n and (
        len(text[start:end].encode("utf-8", "surrogatepass")) < _MIN_MEAN_SENTENCE * n
    ):
        return _grouped(starts, ends)
    return tuple(map(Span, starts, ends))


# A stretch this long with end marks this far apart (or further) on average is read mark by mark
# (see ``_boundaries``).
_LONG_STRETCH = 2_000
_SPARSE_MARKS = 50


def _boundaries(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Return the matches of ``_BOUNDARY`` in ``text[start:end]``, in order, as ``finditer`` finds them.

    ``_BOUNDARY`` opens with a group, so ``finditer`` tries it at every character (20 ns each);
    every match starts at an end mark, which ``_SENTENCE_END`` finds in a skip over the text.
    Where marks are far apart (prose: one in about 100 characters), the pattern is tried at each
    mark only (``_BOUNDARY`` of 400 KB of prose on one line: 7.9 -> 2.2 ms); where they crowd
    ("Ab. Cd. " x 20,000: one in four), a call per mark would cost more than the scan.
    """
    if end - start < _LONG_STRETCH or sum(text.count(mark, start, end) for mark in _MARKS) * _SPARSE_MARKS > end - start:
        return _BOUNDARY.finditer(text, start, end)
    return _boundaries_at_marks(text, start, end)


def _boundaries_at_marks(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Yield the matches of ``_BOUNDARY`` tried at each end mark past the last match."""
    match = _BOUNDARY.match
    after = start
    for at in map(re.Match.start, _SENTENCE_END.finditer(text, start, end)):
        if at >= after and (found := match(text, at, end)) is not None:
            after = found.end()
            yield found


def _spaced_pieces(text: str, start: int, end: int, cuts: list[int], opens: list[int]) -> tuple[list[int], list[int]]:
    """Return the stripped starts and ends of the sentences between spaced boundary cuts.

    A cut follows end punctuation or a closing mark (never white space), and the sentence after
    it starts where the boundary's white space ends (a non-space, before ``end``): only the
    first start and the last end need stripping. ``_strip`` on each of 40,000 pieces was a
    third of segmenting "Ab. Cd. " x 20,000.
    """
    ends = cuts[1:]
    first = _strip(text, start, ends[0] if ends else end)
    if first is None:  # no cut, and only white space
        return [], []
    if not ends:
        return [first.start], [first.end]
    starts = [first.start, *opens]
    last = end
    if text[end - 1].isspace():
        last = starts[-1] + len(text[starts[-1] : end].rstrip())
    ends.append(last)
    return starts, ends


def paragraph_sentences(text: str, paragraph: Span) -> tuple[Span, ...]:
    """Return the sentences of one paragraph found by ``paragraph_spans`` as spans into ``text``.

    The same as ``sentence_spans(text, paragraph.start, paragraph.end)``; a paragraph with no end
    mark inside is its own sentence, and its span (already stripped) is returned as it is: a new
    span per one-line paragraph cost a tenth of loading 32,000 one-word headings.
    """
    if _SENTENCE_END.search(text, paragraph.start, paragraph.end - 1) is None:
        return (paragraph,)
    return sentence_spans(text, paragraph.start, paragraph.end)


# A stretch of eight or more "sentences" averaging under 16 bytes is a run of fragments, not
# prose (no paragraph of BASIL's 1.2 MB, the seeds or MEANTIME; a few short sentences, "Can it
# work? Yes! It can.", stay as they are). Every passage costs the analysis about the same
# whatever its length: "Ab. Cd. " x 20,000 made 40,000 passages of 3 letters (3.7 CPU s per
# MB). Such a stretch is read as passages of at least 80 characters, about a sentence of prose.
_MIN_FRAGMENTS = 8
_MIN_MEAN_SENTENCE = 16
_FRAGMENT_GROUP = 80


def _grouped(starts: list[int], ends: list[int]) -> tuple[Span, ...]:
    """Return consecutive spans joined into spans of at least ``_FRAGMENT_GROUP`` characters."""
    out: list[Span] = []
    first = -1  # start of the span being gathered
    for a, b in zip(starts, ends):
        if first < 0:
            first = a
        if b - first >= _FRAGMENT_GROUP:
            out.append(Span(first, b))
            first = -1
    if first >= 0:  # a short rest joins the span before it
        out[-1:] = [Span(out[-1].start if out else first, ends[-1])]
    return tuple(out)


def _ends_after(text: str, m: re.Match[str], kind: str) -> bool:
    """Return True when the period of ``m``, after a token of this kind (not ``_ENDS``), ends a sentence."""
    if kind is _DAY:
        return _MONTH_AFTER_DAY.match(text, m.end()) is None
    if kind is _INITIAL:
        # An acronym (U.S., U.K.) or an initial (J. Smith): a boundary only before a clear sentence opener.
        following = _OPENING_WORD.match(text, m.end())
        return following is not None and following.group(1).lower() in _SENTENCE_STARTERS
    return False  # a title (Mr., Gen., Jan.)


# What the token before a period says about it (see _token_kind).
_ENDS, _DAY, _INITIAL, _TITLE = "ends", "day", "initial", "title"


@lru_cache(maxsize=4096)
def _token_kind(token: str) -> str:
    """Return what a period after ``token`` is: a sentence end, maybe a German day, after an initial or a title.

    Cached: a paragraph repeats its tokens, and judging each anew (a strip, a lower-casing, a
    set look-up and a pattern per period) was much of the time "Ab. Cd. " x 20,000 took to split.
    """
    if not token:
        return _ENDS
    if token.isdigit() and len(token) <= 2:
        return _DAY
    stem = token.rstrip(".")
    if stem.lower().lstrip("'’-") in _TITLES:
        return _TITLE
    if _ACRONYM.fullmatch(stem) or (len(token) == 1 and "A" <= token <= "Z"):
        return _INITIAL
    return _ENDS


def _strip(text: str, start: int, end: int) -> Span | None:
    # A sentence after a cut starts with a space or two: stepped over in place (a slice per
    # sentence cost a third of splitting 40,000 of them).
    a = start
    while a < end and a - start < 4 and text[a].isspace():
        a += 1
    if a < end and not text[a].isspace() and not text[end - 1].isspace():
        return Span(a, end)
    # str.strip removes exactly the characters str.isspace accepts; one slice, stripped in C.
    piece = text[start:end]
    kept = piece.lstrip()
    if not kept:
        return None
    return Span(start + len(piece) - len(kept), start + len(piece.rstrip()))


def _looks_hard_wrapped(text: str) -> bool:
    if "\n\n" not in text:
        return False
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 8:
        return False
    blocks = [b for b in _BLOCK_BREAK.split(text) if b.strip()]
    if len(blocks) * 2 > len(lines):
        return False  # most blocks are single lines: lines are paragraphs
    open_ends = sum(1 for ln in lines if ln[-1] not in ".!?\"”’:")
    lengths = sorted(len(ln) for ln in lines)
    median = lengths[len(lengths) // 2]
    return open_ends / len(lines) > 0.5 and 40 <= median <= 100
