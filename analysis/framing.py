"""Framing: where each outlet uses the lexicon's terms, in whose voice, and how often.

A hit is one occurrence of a lexicon form in article text (title and body passages; related
blocks and boilerplate never count). Each hit carries document offsets that slice exactly to
the matched text, the offsets of its sentence, whether it sits inside a quotation, and whether
a negation ("not a hawk") governs it.

A form is a whole word, and a hyphenated compound is a different word: "hawk" does not count
inside "hawk-eyed", nor "trade" inside "horse-trading" or "trade-off" (list a compound as a
form of its own to count it). The one exception is a negating prefix: "non-pragmatic" and
"un-pragmatic" count as "pragmatic", flagged negated like "not pragmatic".
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

import pandas as pd

from analysis.corpus import Corpus, Document, Passage, article_words
from analysis.lexicon import Lexicon, LexiconEntry

Voice = Literal["narration", "quote"]

RATE_COLUMNS: tuple[str, ...] = (
    "outlet", "frame", "term", "count", "narration", "quote", "negated", "words", "rate",
)
FRAME_RATE_COLUMNS: tuple[str, ...] = (
    "outlet", "frame", "count", "narration", "quote", "negated", "words", "rate",
)
KWIC_COLUMNS: tuple[str, ...] = (
    "doc_id", "outlet", "passage_id", "frame", "term", "match", "start", "end", "voice",
    "negated", "left", "right", "sentence",
)
EXPORT_COLUMNS: tuple[str, ...] = (
    "doc_id", "passage_id", "frame", "term", "match", "start", "end", "voice", "negated",
)

# Between the words of a phrase: any run of white space (line breaks included) and hyphens.
_SEPARATOR = r"[\s\-‐‑‒–]+"
_WORD_SPLIT = re.compile(r"[\s\-‐‑‒–]+")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
# A negation only reaches across this many words to the hit, and never across a clause break.
_NEGATION_REACH = 4
# Characters read before a hit to find its negation: four words and the one before them,
# with room to spare (a clause break further back ends the search anyway).
_NEGATION_WINDOW = 160
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s")
_NEGATORS = frozenset(
    "not no never nor neither without hardly barely scarcely cannot nothing none nobody "
    "lack lacks lacked lacking".split()
)
# "not only a hawk", "no doubt a hawk" (and "whether or not", below) do not negate what follows.
_NOT_NEGATING_NEXT = frozenset("only just merely simply least doubt question".split())
# Hyphens that join the parts of a compound word (not the en dash of "Korea–Japan" or ranges).
_HYPHENS = "-‐‑"
_NEGATING_PREFIXES = ("non", "un")
_QUOTE_MARK = re.compile("[\"“”«»'‘’]")
_APOSTROPHE_ABBREVIATION = re.compile(r"['’](?:\d\ds?\b|em\b|til\b|n['’])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FramingHit:
    """One occurrence of a lexicon term in article text, with document offsets."""

    doc_id: str
    passage_id: str
    frame: str
    term: str
    match: str
    start: int
    end: int
    voice: Voice
    negated: bool
    sentence_start: int
    sentence_end: int


def form_pattern(form: str) -> str:
    """Return the regular expression (without word boundaries) that one lexicon form stands for.

    Words of a phrase are joined by any run of spaces, line breaks and hyphens; an apostrophe
    matches straight or curly; ``*`` matches any letters inside a word.
    """
    words = [w for w in _WORD_SPLIT.split(form.strip()) if w]
    parts = []
    for word in words:
        piece = []
        for ch in word:
            if ch == "*":
                piece.append(r"\w*")
            elif ch in "'’":
                piece.append("['’]")
            else:
                piece.append(re.escape(ch))
        parts.append("".join(piece))
    return _SEPARATOR.join(parts)


def entry_regex(entry: LexiconEntry) -> re.Pattern[str]:
    """Return the compiled, case-insensitive, whole-word pattern for all forms of one entry."""
    # Longer forms first, so that "historical revisionism" wins over "revisionism" at one position.
    forms = sorted(entry.forms, key=lambda f: (-len(f), f))
    alternation = "|".join(form_pattern(f) for f in forms)
    # Not followed by a hyphen and another word: "hawk" is not a hit inside "hawk-eyed".
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)(?![{_HYPHENS}]\w)", re.IGNORECASE)


def framing_hits(corpus: Corpus, lexicon: Lexicon) -> tuple[FramingHit, ...]:
    """Return every lexicon hit in the article text of the corpus, in document and text order.

    Forms of one term never overlap (the leftmost, longest form wins); a stretch of text may
    count for two different terms when both match it.
    """
    patterns = tuple((e, entry_regex(e), _literal_prefixes(e)) for e in lexicon.entries)
    hits: list[FramingHit] = []
    for doc in corpus.documents:
        folded = doc.text.casefold()
        # A substring test is far cheaper than a regex scan: skip terms the text cannot contain.
        present = tuple(
            (entry, regex) for entry, regex, prefixes in patterns if any(p in folded for p in prefixes)
        )
        if present:
            hits.extend(_document_hits(doc, corpus.passages_of(doc.doc_id), present))
    return tuple(hits)


def _literal_prefixes(entry: LexiconEntry) -> tuple[str, ...]:
    """Return, per form, the literal start of its first word (up to a wildcard or apostrophe)."""
    prefixes = []
    for form in entry.forms:
        first = _WORD_SPLIT.split(form.strip())[0]
        prefixes.append(re.split(r"[*'’]", first)[0].casefold())
    return tuple(dict.fromkeys(prefixes))


def _document_hits(
    doc: Document,
    passages: tuple[Passage, ...],
    patterns: tuple[tuple[LexiconEntry, re.Pattern[str]], ...],
) -> list[FramingHit]:
    runs = _article_runs(passages)
    if not runs:
        return []
    quotes: _QuoteMap | None = None
    found: list[FramingHit] = []
    for run in runs:
        starts = [p.start for p in run]
        lo, hi = run[0].start, run[-1].end
        for entry, regex in patterns:
            for m in regex.finditer(doc.text, lo, hi):
                prefix = _compound_prefix(doc.text, m.start())
                if prefix is not None and prefix not in _NEGATING_PREFIXES:
                    continue  # the end of a compound: "horse-trading", "pro-hawk"
                if quotes is None:
                    quotes = _QuoteMap(doc.text, passages)
                first = run[bisect.bisect_right(starts, m.start()) - 1]
                last = run[bisect.bisect_right(starts, m.end() - 1) - 1]
                found.append(
                    FramingHit(
                        doc_id=doc.doc_id,
                        passage_id=first.passage_id,
                        frame=entry.frame,
                        term=entry.term,
                        match=m.group(),
                        start=m.start(),
                        end=m.end(),
                        voice="quote" if quotes.is_quoted(m.start(), m.end()) else "narration",
                        negated=prefix is not None or _is_negated(doc.text, first.start, m.start()),
                        sentence_start=first.start,
                        sentence_end=max(first.end, last.end),
                    )
                )
    found.sort(key=lambda h: (h.start, h.end, h.frame, h.term))
    return found


def _compound_prefix(text: str, start: int) -> str | None:
    """Return the word joined by a hyphen just before ``start`` (lower case), or None.

    "horse-trading" at "trading" gives "horse"; "non-pragmatic" gives "non".
    """
    if start < 2 or text[start - 1] not in _HYPHENS or not _is_word_char(text[start - 2]):
        return None
    i = start - 2
    while i > 0 and _is_word_char(text[i - 1]) and start - i < 12:
        i -= 1
    return text[i : start - 1].lower()


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _article_runs(passages: tuple[Passage, ...]) -> list[list[Passage]]:
    """Group consecutive article passages, so phrases broken across lines still match."""
    runs: list[list[Passage]] = []
    current: list[Passage] = []
    for p in sorted(passages, key=lambda p: p.start):
        if p.is_article:
            current.append(p)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _is_negated(text: str, sentence_start: int, hit_start: int) -> bool:
    """Return True when a negation governs the hit starting at ``hit_start``.

    Only the last ``_NEGATION_WINDOW`` characters before the hit are read (a negation
    reaches four words at most), so a hit in a very long sentence costs no more than one in
    a short one. A word cut by the window's edge is dropped.
    """
    lo = max(sentence_start, hit_start - _NEGATION_WINDOW)
    before = text[lo:hit_start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    elif lo > sentence_start and (text[lo - 1].isalnum() or text[lo - 1] in "'’"):
        before = before.split(None, 1)[1] if len(before.split(None, 1)) > 1 else ""
    every = [t.lower().replace("’", "'") for t in _TOKEN.findall(before)]
    tokens = every[-_NEGATION_REACH:]
    offset = len(every) - len(tokens)
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        prev = every[offset + i - 1] if offset + i > 0 else ""
        negator = (tok in _NEGATORS or tok.endswith("n't")) and not (tok == "not" and prev == "or")
        if negator and nxt not in _NOT_NEGATING_NEXT:
            return True
        if tok == "far" and nxt == "from":
            return True
    return False


class _QuoteMap:
    """The quoted stretches of one document, found paragraph by paragraph.

    Straight and curly, double and single quotation marks and guillemets count. A quotation
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
        self._spans = spans
        self._starts = [s for s, _ in spans]

    def is_quoted(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        while i >= 0:
            lo, hi = self._spans[i]
            if lo < start and end <= hi:
                return True
            i -= 1
            if i >= 0 and self._spans[i][1] < start:
                break
        return False


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
        if c in "“«" and double is None:
            double = i
        elif c in "”»" and double is not None:
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


def _outlet_words(corpus: Corpus) -> dict[str, int]:
    words: Counter[str] = Counter()
    for doc in corpus.documents:
        words[doc.outlet] += article_words(corpus, doc.doc_id)
    return {outlet: words[outlet] for outlet in sorted(words)}


def _tally(
    hits: Sequence[FramingHit],
    outlet_of: dict[str, str],
    key: Callable[[FramingHit], tuple[str, ...]],
) -> dict[tuple[str, ...], tuple[int, int, int, int]]:
    tally: dict[tuple[str, ...], tuple[int, int, int, int]] = {}
    for h in hits:
        k = (outlet_of.get(h.doc_id, h.doc_id), *key(h))
        count, narration, quote, negated = tally.get(k, (0, 0, 0, 0))
        tally[k] = (
            count + 1,
            narration + (h.voice == "narration"),
            quote + (h.voice == "quote"),
            negated + h.negated,
        )
    return tally


def framing_rates(
    corpus: Corpus, hits: Sequence[FramingHit], *, lexicon: Lexicon | None = None
) -> pd.DataFrame:
    """Return per-outlet counts and rates per 1,000 article words for each frame and term.

    One row per outlet x (frame, term), zeros included: for every term of ``lexicon`` when
    given, else for every term that has a hit somewhere. Columns: outlet, frame, term, count,
    narration, quote, negated (hits under a negation, also in count), words (article words of
    the outlet), rate.
    """
    words = _outlet_words(corpus)
    outlet_of = {d.doc_id: d.outlet for d in corpus.documents}
    terms: dict[tuple[str, str], None] = {}
    if lexicon is not None:
        terms.update({(e.frame, e.term): None for e in lexicon.entries})
    terms.update({(h.frame, h.term): None for h in sorted(hits, key=lambda h: (h.frame, h.term))})
    tally = _tally(hits, outlet_of, lambda h: (h.frame, h.term))
    rows = []
    for outlet, n_words in words.items():
        for frame, term in terms:
            count, narration, quote, negated = tally.get((outlet, frame, term), (0, 0, 0, 0))
            rows.append(
                (outlet, frame, term, count, narration, quote, negated, n_words,
                 _per_thousand(count, n_words))
            )
    return _frame(rows, RATE_COLUMNS)


def frame_rates(
    corpus: Corpus, hits: Sequence[FramingHit], *, lexicon: Lexicon | None = None
) -> pd.DataFrame:
    """Return per-outlet counts and rates per 1,000 article words for each frame.

    One row per outlet x frame, zeros included (frames of ``lexicon`` when given, else frames
    with a hit). Columns: outlet, frame, count, narration, quote, negated, words, rate.
    """
    words = _outlet_words(corpus)
    outlet_of = {d.doc_id: d.outlet for d in corpus.documents}
    frames: dict[str, None] = dict.fromkeys(lexicon.frames if lexicon is not None else ())
    frames.update(dict.fromkeys(sorted({h.frame for h in hits})))
    tally = _tally(hits, outlet_of, lambda h: (h.frame,))
    rows = []
    for outlet, n_words in words.items():
        for frame in frames:
            count, narration, quote, negated = tally.get((outlet, frame), (0, 0, 0, 0))
            rows.append(
                (outlet, frame, count, narration, quote, negated, n_words,
                 _per_thousand(count, n_words))
            )
    return _frame(rows, FRAME_RATE_COLUMNS)


def _per_thousand(count: int, words: int) -> float:
    return 1000.0 * count / words if words else 0.0


def _frame(rows: list[tuple], columns: tuple[str, ...]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(columns))
    for col in columns:
        if col == "rate":
            df[col] = df[col].astype("float64")
        elif col in ("count", "narration", "quote", "negated", "words", "start", "end"):
            df[col] = df[col].astype("int64")
    return df


def _one_line(text: str) -> str:
    return " ".join(text.split())


def kwic_table(corpus: Corpus, hits: Sequence[FramingHit], *, width: int = 60) -> pd.DataFrame:
    """Return one keyword-in-context line per hit, for drill-down.

    ``left`` and ``right`` hold up to ``width`` characters of article text either side of the
    match, white space collapsed; ``sentence`` is exactly ``text[sentence_start:sentence_end]``.
    """
    runs_of: dict[str, list[tuple[int, int]]] = {}
    rows = []
    for h in hits:
        doc = corpus.document(h.doc_id)
        if h.doc_id not in runs_of:
            runs_of[h.doc_id] = [
                (run[0].start, run[-1].end) for run in _article_runs(corpus.passages_of(h.doc_id))
            ]
        lo, hi = next(
            ((a, b) for a, b in runs_of[h.doc_id] if a <= h.start < b),
            (h.sentence_start, h.sentence_end),
        )
        reach = 3 * width + 10
        left = _one_line(doc.text[max(lo, h.start - reach) : h.start])
        right = _one_line(doc.text[h.end : min(hi, h.end + reach)])
        gap_left = " " if h.start > lo and doc.text[h.start - 1].isspace() else ""
        gap_right = " " if h.end < hi and doc.text[h.end].isspace() else ""
        rows.append(
            (
                h.doc_id, doc.outlet, h.passage_id, h.frame, h.term, h.match, h.start, h.end,
                h.voice, h.negated, (left + gap_left)[-width:] if width > 0 else "",
                (gap_right + right)[:width] if width > 0 else "",
                doc.text[h.sentence_start : h.sentence_end],
            )
        )
    df = _frame(rows, KWIC_COLUMNS)
    df["negated"] = df["negated"].astype("bool")
    return df


def framing_export_rows(corpus: Corpus, lexicon: Lexicon) -> list[dict[str, str | int | bool]]:
    """Return the rows of the export table ``framing``: one plain dict per hit."""
    rows: list[dict[str, str | int | bool]] = []
    for h in framing_hits(corpus, lexicon):
        record = asdict(h)
        rows.append({col: record[col] for col in EXPORT_COLUMNS})
    return rows
