"""Framing: where each outlet uses the lexicon's terms, in whose voice, and how often.

A hit is one occurrence of a lexicon form in article text (title and body passages; related
blocks and boilerplate never count). Each hit carries document offsets that slice exactly to
the matched text, the offsets of its sentence, whether it sits inside a quotation, and whether
a negation ("not a hawk") governs it.

A form is a whole word, and a hyphenated compound is a different word: "hawk" does not count
inside "hawk-eyed", nor "trade" inside "horse-trading" or "trade-off" (list a compound as a
form of its own to count it). The one exception is a negating prefix: "non-pragmatic" and
"un-pragmatic" count as "pragmatic", flagged negated like "not pragmatic".

Forms written in Korean, Japanese or Chinese match words, not characters: the form and the
passage are segmented alike (``analysis.text.tokens``) and the form's word keys must follow
one another in the passage. 셔틀 외교 then finds 셔틀외교를 and 셔틀 외교가, 务实 finds 務實, and
매파 is not found inside an unrelated longer word. Such forms are never flagged negated: the
negation of these languages follows the word (강경하지 않다, 強硬ではない) and is not read.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, cast

from analysis.framing.lexicon import Lexicon, LexiconEntry
from analysis.text.languages import has_segmented_script, text_language
from analysis.text.quotes import QuoteMap
from analysis.text.records import Corpus, Document, Passage
from analysis.text.tokens import words

Voice = Literal["narration", "quote"]


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
    """Return the compiled, case-insensitive, whole-word pattern for the spaced-script forms of one entry."""
    # Longer forms first, so that "historical revisionism" wins over "revisionism" at one position.
    forms = sorted((f for f in entry.forms if not has_segmented_script(f)), key=lambda f: (-len(f), f))
    if not forms:
        return re.compile(r"(?!)")  # a Korean, Japanese or Chinese term: matched by words only
    alternation = "|".join(form_pattern(f) for f in forms)
    # Not followed by a hyphen and another word: "hawk" is not a hit inside "hawk-eyed".
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)(?![{_HYPHENS}]\w)", re.IGNORECASE)


def framing_hits(corpus: Corpus, lexicon: Lexicon) -> tuple[FramingHit, ...]:
    """Return every lexicon hit in the article text of the corpus, in document and text order.

    Forms of one term never overlap (the leftmost, longest form wins); a stretch of text may
    count for two different terms when both match it.
    """
    prefixes = tuple((e, _literal_prefixes(e)) for e in lexicon.entries)
    every_prefix = tuple(dict.fromkeys(p for _, forms in prefixes for p in forms))
    # Compiled on first use: a 16,000-term lexicon compiles only the terms some document can hold.
    compiled: dict[LexiconEntry, re.Pattern[str]] = {}
    segmented = tuple(
        (e, f) for e in lexicon.entries for f in e.forms if has_segmented_script(f)
    )
    # Per language, the forms by their first word key (built once per call, not per passage).
    indexes: dict[str, dict[str, list[tuple[LexiconEntry, tuple[str, ...]]]]] = {}
    hits: list[FramingHit] = []
    for doc in corpus.documents:
        folded = doc.text.casefold()
        # A substring test is far cheaper than a regex scan: skip terms the text cannot contain.
        # Each distinct prefix is tested once per document, in C (filter).
        in_text = frozenset(filter(folded.__contains__, every_prefix))
        present = tuple(
            (entry, compiled.get(entry) or compiled.setdefault(entry, entry_regex(entry)))
            for entry, forms in prefixes
            if not in_text.isdisjoint(forms)
        )
        found: list[FramingHit] = []
        if present:
            found = _document_hits(doc, corpus.passages_of(doc.doc_id), present)
        if segmented and has_segmented_script(doc.text):
            found.extend(_segmented_hits(doc, corpus.passages_of(doc.doc_id), segmented, indexes))
            found.sort(key=lambda h: (h.start, h.end, h.frame, h.term))
        hits.extend(found)
    return tuple(hits)


@lru_cache(maxsize=4096)
def _form_keys(form: str, language: str) -> tuple[str, ...]:
    return tuple(t.key for t in words(form, language))


def _segmented_hits(
    doc: Document,
    passages: tuple[Passage, ...],
    forms: tuple[tuple[LexiconEntry, str], ...],
    indexes: dict[str, dict[str, list[tuple[LexiconEntry, tuple[str, ...]]]]],
) -> list[FramingHit]:
    """Return the hits of Korean, Japanese and Chinese forms: runs of the form's word keys."""
    found: list[FramingHit] = []
    quotes: QuoteMap | None = None
    for p in passages:
        if not p.is_article or not has_segmented_script(p.text):
            continue
        language = text_language(p.text, hint=doc.language)
        toks = words(p.text, language)
        keys = [t.key for t in toks]
        first = indexes.get(language)
        if first is None:
            first = indexes[language] = {}
            for entry, form in forms:
                form_keys = _form_keys(form, language)
                if form_keys:
                    first.setdefault(form_keys[0], []).append((entry, form_keys))
            for listed in first.values():
                listed.sort(key=lambda c: -len(c[1]))  # longer forms first: 셔틀 외교 over 외교
        taken: dict[str, int] = {}  # per term, the end of its last hit (hits of one term never overlap)
        for i, key in enumerate(keys):
            for entry, form_keys in first.get(key, ()):
                n = len(form_keys)
                if tuple(keys[i:i + n]) != form_keys or taken.get(entry.term, -1) > i:
                    continue
                taken[entry.term] = i + n
                start, end = p.start + toks[i].start, p.start + toks[i + n - 1].end
                if quotes is None:
                    quotes = QuoteMap(doc.text, passages)
                found.append(FramingHit(
                    doc_id=doc.doc_id, passage_id=p.passage_id, frame=entry.frame, term=entry.term,
                    match=doc.text[start:end], start=start, end=end,
                    voice="quote" if quotes.is_quoted(start, end) else "narration", negated=False,
                    sentence_start=p.start, sentence_end=p.end,
                ))
    return found


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
    runs = article_runs(passages)
    if not runs:
        return []
    quotes: QuoteMap | None = None
    found: list[FramingHit] = []
    lowered = _lowered_for_search(doc.text)
    for run in runs:
        starts = [p.start for p in run]
        lo, hi = run[0].start, run[-1].end
        for entry, regex in patterns:
            for m in _entry_matches(doc.text, lowered, entry, regex, lo, hi):
                prefix = _compound_prefix(doc.text, m.start())
                if prefix is not None and prefix not in _NEGATING_PREFIXES:
                    continue  # the end of a compound: "horse-trading", "pro-hawk"
                if quotes is None:
                    quotes = QuoteMap(doc.text, passages)
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


def _lowered_for_search(text: str) -> str | None:
    """Return ``text`` lower-cased when its offsets are the text's and ASCII starts found in it are
    exactly where a case-insensitive pattern can match them; else None.

    Lower-casing must keep every offset ("İ" becomes two characters), and "ı" and "ſ" match
    "i" and "s" case-insensitively though they lower-case to themselves.
    """
    if "ı" in text or "ſ" in text:
        return None
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


@lru_cache(maxsize=65536)
def _ascii_starts(entry: LexiconEntry) -> tuple[str, ...]:
    """Return the lower-case ASCII letters the spaced-script forms of ``entry`` start with (() when one has none)."""
    starts = set()
    for form in entry.forms:
        if has_segmented_script(form):
            continue  # not in the entry's pattern
        first = next((w for w in _WORD_SPLIT.split(form.strip()) if w), "")
        literal = re.split(r"[*'’]", first)[0]
        if not literal or not literal.isascii():
            return ()
        starts.add(literal.lower())
    # A start that begins with another start adds no place to try ("hawkish" after "hawk").
    return tuple(sorted(s for s in starts if not any(s != o and s.startswith(o) for o in starts)))


def _entry_matches(
    text: str, lowered: str | None, entry: LexiconEntry, regex: re.Pattern[str], lo: int, hi: int
) -> Iterator[re.Match[str]]:
    """Yield the matches ``regex.finditer(text, lo, hi)`` gives, trying only where a form of the entry starts.

    A case-insensitive scan tries the pattern at every character: 29 terms over 400 KB of prose
    took 0.17 s, most of the framing; finding the forms' starts in the lower-cased text (in C)
    and matching there took a tenth of it. Every match begins with one of those starts, and
    matches of one pattern never overlap, so the matches are finditer's.
    """
    starts = _ascii_starts(entry) if lowered is not None else ()
    places: list[int] = []
    limit = (hi - lo) // 16 + 16  # past this many, one scan of the pattern costs less
    for start in starts:
        find = cast(str, lowered).find  # starts are only read when there is a lowered text
        i = find(start, lo, hi)
        while i >= 0 and len(places) <= limit:
            places.append(i)
            i = find(start, i + 1, hi)
    if not starts or len(places) > limit:
        yield from regex.finditer(text, lo, hi)
        return
    places.sort()
    end_of_last = lo
    for i in places:
        if i >= end_of_last:
            m = regex.match(text, i, hi)
            if m is not None:
                yield m
                end_of_last = m.end()


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


def article_runs(passages: tuple[Passage, ...]) -> list[list[Passage]]:
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
