"""Framing results as tables: rates per outlet by term and frame, keyword-in-context lines, export rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import pandas as pd

from analysis.framing.hits import FramingHit, article_runs
from analysis.framing.lexicon import Lexicon
from analysis.text.languages import LANGUAGE_NAMES_ALL, base_language
from analysis.text.records import Corpus, Document, article_words

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


def press_of(doc: Document) -> str:
    """Return the press a document belongs to by language ("Korean press"; "unknown language")."""
    language = base_language(doc.language)
    if not language:
        return "unknown language"
    return f"{LANGUAGE_NAMES_ALL.get(language, language)} press"


def _group_of(corpus: Corpus, by_language: bool) -> dict[str, str]:
    return {d.doc_id: press_of(d) if by_language else d.outlet for d in corpus.documents}


def _outlet_words(corpus: Corpus, group_of: dict[str, str] | None = None) -> dict[str, int]:
    words: Counter[str] = Counter()
    for doc in corpus.documents:
        words[group_of[doc.doc_id] if group_of else doc.outlet] += article_words(corpus, doc.doc_id)
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
    corpus: Corpus, hits: Sequence[FramingHit], *, lexicon: Lexicon | None = None, by_language: bool = False
) -> pd.DataFrame:
    """Return per-outlet counts and rates per 1,000 article words for each frame and term.

    One row per outlet x (frame, term), zeros included: for every term of ``lexicon`` when
    given, else for every term that has a hit somewhere. Columns: outlet, frame, term, count,
    narration, quote, negated (hits under a negation, also in count), words (article words of
    the outlet, each article's in its language's unit), rate. With ``by_language`` the
    outlets of one language are pooled: "outlet" holds "Korean press", "Japanese press", ...
    """
    outlet_of = _group_of(corpus, by_language)
    words = _outlet_words(corpus, outlet_of)
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
    corpus: Corpus, hits: Sequence[FramingHit], *, lexicon: Lexicon | None = None, by_language: bool = False
) -> pd.DataFrame:
    """Return per-outlet counts and rates per 1,000 article words for each frame.

    One row per outlet x frame, zeros included (frames of ``lexicon`` when given, else frames
    with a hit). Columns: outlet, frame, count, narration, quote, negated, words, rate. With
    ``by_language`` the outlets of one language are pooled ("Korean press").
    """
    outlet_of = _group_of(corpus, by_language)
    words = _outlet_words(corpus, outlet_of)
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
    # One string per sentence, shared by its hits, and a categorical column: a sentence copied
    # per hit made the table quadratic in a long paragraph (24,000 hits in two 100 KB paragraphs:
    # 28.6 s and 4.8 GB of copies; a quarter of them: 1.6 s).
    sentences: dict[tuple[str, int, int], int] = {}  # (doc, start, end) -> category code
    codes_of_text: dict[str, int] = {}  # the same sentence in two documents is one category
    codes: list[int] = []
    for h in hits:
        doc = corpus.document(h.doc_id)
        if h.doc_id not in runs_of:
            runs_of[h.doc_id] = [
                (run[0].start, run[-1].end) for run in article_runs(corpus.passages_of(h.doc_id))
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
            )
        )
        key = (h.doc_id, h.sentence_start, h.sentence_end)
        if key not in sentences:
            text = doc.text[h.sentence_start : h.sentence_end]
            sentences[key] = codes_of_text.setdefault(text, len(codes_of_text))
        codes.append(sentences[key])
    df = _frame(rows, KWIC_COLUMNS[:-1])
    df["negated"] = df["negated"].astype("bool")
    # From codes: pd.Categorical(values) converts every value first, the copy it is meant to save.
    df["sentence"] = pd.Categorical.from_codes(codes, categories=pd.Index(list(codes_of_text), dtype="str"))
    return df


def framing_rows(hits: Sequence[FramingHit]) -> list[dict]:
    """Return the `framing` table for these hits."""
    return [{col: getattr(h, col) for col in EXPORT_COLUMNS} for h in hits]


KWIC_SHOWN = 40  # characters of context shown either side of a match: what a 300 px column holds


def _cut_left(text: str, width: int) -> str:
    """Return the end of ``text`` in at most ``width`` characters, starting at a word, "…" before it when cut."""
    if len(text) <= width:
        return text
    tail = text[-(width - 1):]
    return "…" + (tail.split(" ", 1)[1] if " " in tail[:-1] and not text[-width].isspace() else tail).lstrip()


def _cut_right(text: str, width: int) -> str:
    """Return the start of ``text`` in at most ``width`` characters, ending on a word, "…" after it when cut."""
    if len(text) <= width:
        return text
    head = text[: width - 1]
    return (head.rsplit(" ", 1)[0] if " " in head[1:] and not text[width - 1].isspace() else head).rstrip() + "…"


def kwic_lines(kwic: pd.DataFrame, *, outlet: str | None, frame: str | None, term: str | None) -> pd.DataFrame:
    """Return the KWIC lines of one outlet, frame and term (None: any), with a hit_id column.

    ``left`` and ``right`` are cut to ``KWIC_SHOWN`` characters on word boundaries, the left one
    from its start: a table cuts a long cell at its end, which hid the words next to the match.
    """
    keep = pd.Series(True, index=kwic.index)
    for column, value in (("outlet", outlet), ("frame", frame), ("term", term)):
        if value is not None:
            keep &= kwic[column] == value
    lines = kwic[keep].reset_index(drop=True)
    if lines.empty:  # no hit: the same columns (``.str`` fails on an empty column of floats)
        lines.insert(0, "hit_id", pd.Series(dtype="object"))
        lines["label"] = pd.Series(dtype="object")
        return lines
    lines["left"] = [_cut_left(t, KWIC_SHOWN) for t in lines["left"]]
    lines["right"] = [_cut_right(t, KWIC_SHOWN) for t in lines["right"]]
    lines.insert(0, "hit_id", lines["doc_id"] + "@" + lines["start"].astype(str))
    lines["label"] = (
        lines["outlet"] + ": …" + lines["left"].str[-30:] + " [" + lines["match"] + "] "
        + lines["right"].str[:30] + "…"
    )
    return lines
