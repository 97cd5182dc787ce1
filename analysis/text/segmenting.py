"""Split a document's text into paragraphs and sentences, keeping character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_BOUNDARY = re.compile(
    r"""(?<![.!?…؟。！？])(?P<punct>[.!?…؟。！？]++)(?P<close>["'”’»)\]]*+)(?P<space>\s++)(?=(?P<next>["'“‘«(\[]*\S))"""
    # Chinese and Japanese full stops end a sentence with no space after them.
    r"""|(?P<cjk>[。！？]+)(?P<cjkclose>[」』）"”]*)(?=\S)"""
)
# A Korean sentence ending glued to the next sentence with no space ("…했다.그는"), as scraped
# pages often have it: a boundary the spaced rule cannot see.
_SENTENCE_END = re.compile(r"[.!?…؟。！？]")  # the marks every boundary (_BOUNDARY, _KO_GLUED_END) starts at
_KO_GLUED_END = re.compile(r"(?<=[가-힣][다요죠까니])[.!?](?=[가-힣\"“‘'(\[])")
# "13. Januar", "1. Mai": a German day number, not the end of a sentence.
_MONTH_AFTER_DAY = re.compile(
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b"
)
# Characters of the token just before a sentence-final period ("U.S", "Jan", "10").
_TOKEN_CHARS = frozenset(".'’-_")
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
        return tuple(Span(*m.span()) for m in _STRIPPED_LINE.finditer(text))
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
    for m in _BOUNDARY.finditer(text, start, end):
        if m.group("cjk"):
            cuts.append(m.end("cjkclose"))
        elif _is_boundary(text, m, start):
            cuts.append(m.end("close"))
    cuts.extend(m.end() for m in _KO_GLUED_END.finditer(text, start, end))
    cuts.sort()
    cuts.append(end)
    spans: list[Span] = []
    for a, b in zip(cuts, cuts[1:]):
        span = _strip(text, a, b)
        if span is not None:
            spans.append(span)
    # Bytes of UTF-8 as the benchmark counts them: a Chinese sentence of 6 characters is 18.
    if len(spans) >= _MIN_FRAGMENTS and end - start < _MIN_MEAN_SENTENCE * len(spans) and (
        len(text[start:end].encode("utf-8", "surrogatepass")) < _MIN_MEAN_SENTENCE * len(spans)
    ):
        return _grouped(spans)
    return tuple(spans)


# A stretch of eight or more "sentences" averaging under 16 bytes is a run of fragments, not
# prose (no paragraph of BASIL's 1.2 MB, the seeds or MEANTIME; a few short sentences, "Can it
# work? Yes! It can.", stay as they are). Every passage costs the analysis about the same
# whatever its length: "Ab. Cd. " x 20,000 made 40,000 passages of 3 letters (3.7 CPU s per
# MB). Such a stretch is read as passages of at least 80 characters, about a sentence of prose.
_MIN_FRAGMENTS = 8
_MIN_MEAN_SENTENCE = 16
_FRAGMENT_GROUP = 80


def _grouped(spans: list[Span]) -> tuple[Span, ...]:
    """Return consecutive spans joined into spans of at least ``_FRAGMENT_GROUP`` characters."""
    out: list[Span] = []
    first = -1  # start of the span being gathered
    for span in spans:
        if first < 0:
            first = span.start
        if span.end - first >= _FRAGMENT_GROUP:
            out.append(Span(first, span.end))
            first = -1
    if first >= 0:  # a short rest joins the span before it
        out[-1:] = [Span(out[-1].start if out else first, spans[-1].end)]
    return tuple(out)


def _is_boundary(text: str, m: re.Match[str], floor: int) -> bool:
    punct = m.group("punct")
    nxt = m.group("next")
    first = nxt.lstrip(_OPENERS)[:1] or nxt[:1]
    if punct != "." and not punct.startswith("."):
        # ! ? … end a sentence unless the next word is lower case (an exclamation inside a sentence).
        return not first.islower()
    if first.islower() or first in ",;:":
        return False
    token = _token_before(text, floor, m.start("punct"))
    if not token:
        return True
    if token.isdigit() and len(token) <= 2 and _MONTH_AFTER_DAY.match(text, m.end("space")):
        return False
    bare = token.rstrip(".").lower().lstrip("'’-")
    if bare in _TITLES:
        return False
    if _ACRONYM.fullmatch(token.rstrip(".")) or (len(token) == 1 and "A" <= token <= "Z"):
        # An acronym (U.S., U.K.) or an initial (J. Smith): a boundary only before a clear sentence opener.
        following = _OPENING_WORD.match(text, m.end("space"))
        return following is not None and following.group(1).lower() in _SENTENCE_STARTERS
    return True


def _token_before(text: str, floor: int, end: int) -> str:
    """Return the run of word characters, periods, apostrophes and hyphens ending at ``end``.

    Walks back from ``end`` instead of searching forward from the paragraph start: the runs
    before two candidate boundaries are disjoint (a space follows each boundary), so a
    paragraph costs its length once. The forward search cost the whole paragraph prefix per
    period: 400 KB of prose on one line took 37 s.
    """
    start = end
    while start > floor and (text[start - 1].isalnum() or text[start - 1] in _TOKEN_CHARS):
        start -= 1
    return text[start:end]


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
