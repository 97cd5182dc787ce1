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
_BOUNDARY = re.compile(
    r"""(?P<punct>[.!?…؟。！？]+)(?P<close>["'”’»)\]]*)(?P<space>\s+)(?=(?P<next>["'“‘«(\[]*\S))"""
    # Chinese and Japanese full stops end a sentence with no space after them.
    r"""|(?P<cjk>[。！？]+)(?P<cjkclose>[」』）"”]*)(?=\S)"""
)
# A Korean sentence ending glued to the next sentence with no space ("…했다.그는"), as scraped
# pages often have it: a boundary the spaced rule cannot see.
_KO_GLUED_END = re.compile(r"(?<=[가-힣][다요죠까니])[.!?](?=[가-힣\"“‘'(\[])")
# "13. Januar", "1. Mai": a German day number, not the end of a sentence.
_MONTH_AFTER_DAY = re.compile(
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b"
)
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")


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
    if _looks_hard_wrapped(text):
        pattern = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
    else:
        pattern = re.compile(r"[^\n]+")
    spans: list[Span] = []
    for m in pattern.finditer(text):
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
    return tuple(spans)


def _is_boundary(text: str, m: re.Match[str], floor: int) -> bool:
    punct = m.group("punct")
    nxt = m.group("next")
    first = nxt.lstrip(_OPENERS)[:1] or nxt[:1]
    if punct != "." and not punct.startswith("."):
        # ! ? … end a sentence unless the next word is lower case (an exclamation inside a sentence).
        return not first.islower()
    if first.islower() or first in ",;:":
        return False
    before = _WORD_BEFORE.search(text, floor, m.start("punct"))
    if before is None:
        return True
    token = before.group(1)
    if token.isdigit() and len(token) <= 2 and _MONTH_AFTER_DAY.match(text, m.end("space")):
        return False
    bare = token.rstrip(".").lower().lstrip("'’-")
    if bare in _TITLES:
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token.rstrip(".")) or re.fullmatch(r"[A-Z]", token):
        # An acronym (U.S., U.K.) or an initial (J. Smith): a boundary only before a clear sentence opener.
        following = re.match(r"[\"'“‘«(\[]*([A-Za-z]+)", text[m.end("space") :])
        return following is not None and following.group(1).lower() in _SENTENCE_STARTERS
    return True


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _looks_hard_wrapped(text: str) -> bool:
    if "\n\n" not in text:
        return False
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 8:
        return False
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) * 2 > len(lines):
        return False  # most blocks are single lines: lines are paragraphs
    open_ends = sum(1 for ln in lines if ln[-1] not in ".!?\"”’:")
    lengths = sorted(len(ln) for ln in lines)
    median = lengths[len(lengths) // 2]
    return open_ends / len(lines) > 0.5 and 40 <= median <= 100
