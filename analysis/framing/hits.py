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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter
from typing import Literal

from analysis.framing.lexicon import Lexicon, LexiconEntry
from analysis.text.languages import has_segmented_script, text_language
from analysis.text.quotes import QuoteMap, quote_map
from analysis.text.records import Corpus, Document, Passage
from analysis.text.scripts import ascii_words
from analysis.text.tokens import word_columns, words

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


_ASCII_WORD = re.compile(r"[0-9A-Za-z]+")
_SEPARATORS = "-‐‑‒–"  # _SEPARATOR's characters that are not white space


def plain_forms(entry: LexiconEntry) -> tuple[tuple[str, ...], ...] | None:
    """Return the entry's spaced-script forms as lower-case words, in ``entry_regex``'s order, or None.

    None when a form holds anything but ASCII letters and digits between its separators (a
    wildcard, an apostrophe, a period, an ampersand, a letter outside ASCII): that entry is
    matched by its pattern.
    """
    forms = sorted((f for f in entry.forms if not has_segmented_script(f)), key=lambda f: (-len(f), f))
    split = [[w for w in _WORD_SPLIT.split(f.strip()) if w] for f in forms]
    if not all(_ASCII_WORD.fullmatch(w) for form in split for w in form):
        return None
    return tuple(tuple(w.lower() for w in form) for form in split)


def _plain_end(forms: tuple[tuple[str, ...], ...], text: str, at: int, hi: int) -> int:
    """Return where the first form matching at ``at`` ends, as ``entry_regex`` would match it, or -1.

    The text up to ``hi`` has no letter or digit outside ASCII (``ascii_words``), so a word
    matches ignoring case exactly when it is equal lower-cased. Between words, a run of
    separators (white space and hyphens, as ``_SEPARATOR``); after the last, no word character
    and no hyphen joining another word. A form not followed so gives way to the next, as an
    alternative of the pattern does.
    """
    if at and _is_word_char(text[at - 1]):
        return -1  # the pattern's (?<!\w)
    for form in forms:
        pos = at
        for n, word in enumerate(form):
            if n:
                gap = pos
                while gap < hi and (text[gap] in _SEPARATORS or text[gap].isspace()):
                    gap += 1
                if gap == pos:
                    break
                pos = gap
            end = pos + len(word)
            if end > hi or text[pos:end].lower() != word:
                break
            pos = end
        else:
            if pos < hi and (_is_word_char(text[pos]) or (text[pos] in _HYPHENS and pos + 1 < hi and _is_word_char(text[pos + 1]))):
                continue
            return pos
    return -1


def framing_hits(corpus: Corpus, lexicon: Lexicon) -> tuple[FramingHit, ...]:
    """Return every lexicon hit in the article text of the corpus, in document and text order.

    Forms of one term never overlap (the leftmost, longest form wins); a stretch of text may
    count for two different terms when both match it.
    """
    forms = [f for e in lexicon.entries for f in e.forms]
    owners = [e for e in lexicon.entries for _ in e.forms]
    segmented: tuple[tuple[LexiconEntry, str], ...] = ()
    if has_segmented_script("\0".join(forms)):  # one test for a whole lexicon in Latin letters
        segmented = tuple((e, f) for e, f in zip(owners, forms) if has_segmented_script(f))
        owners = [e for e, f in zip(owners, forms) if not has_segmented_script(f)]
        forms = [f for f in forms if not has_segmented_script(f)]
    index = _FormIndex.of(owners, forms)
    # Per language, the forms by their first word key (built once per call, not per passage).
    indexes: dict[str, dict[str, list[tuple[LexiconEntry, tuple[str, ...]]]]] = {}
    hits: list[FramingHit] = []
    for doc in corpus.documents:
        found = _document_hits(doc, corpus.passages_of(doc.doc_id), index)
        if segmented and has_segmented_script(doc.text):
            found.extend(_segmented_hits(doc, corpus.passages_of(doc.doc_id), segmented, indexes))
            found.sort(key=lambda h: (h.start, h.end, h.frame, h.term))
        hits.extend(found)
    return tuple(hits)


# A word of the text, as the ``(?<!\w)`` of ``entry_regex`` sees words: every hit starts one.
_WORD_RUN = re.compile(r"\w+")
# A byte of a word character kept, every other byte a space (see ``_ascii_word_runs``).
_WORD_BYTES = bytes(c if chr(c).isalnum() and c < 128 or c == ord("_") else 32 for c in range(256))


def _ascii_word_runs(stretch: str) -> list[str]:
    """Return ``_WORD_RUN.findall(stretch)`` for a stretch of ``ascii_words``, split in C.

    Its word characters are ASCII ones, so its UTF-8 bytes with every other byte blanked (those
    of a character outside ASCII too) split into its words: 400 KB of prose 5.9 ms found by the
    pattern, 2.4 so.
    """
    return stretch.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).decode("ascii").split()


# The head of a form (its first word characters, and the wildcard after them if any), then the
# rest of the form up to the NUL that separates forms.
_HEAD = re.compile(r"(\w+\*?)[^\0]*+")


# What case folding leaves apart but re.IGNORECASE matches: "İ" (casefolded "i" + U+0307) and
# dotless "ı" both match "i". With these two read as "i" first, letters equal ignoring case fold
# equal (checked over every code point against re's own case table: tests/test_framing_scale.py).
def _fold(text: str) -> str:
    # Character by character, so the fold of a word is a substring of the fold of its text.
    # (str.replace, not str.translate: translating Japanese Wikinews took 0.17 s, replacing nothing.)
    return text.replace("İ", "i").replace("ı", "i").casefold()


# Up to this many distinct heads, a substring test per head on the folded text rules a document
# out faster than folding its words one by one (3,672 Japanese Wikinews articles, a 100-term
# lexicon with no Japanese term: 0.13 s against 0.27 s); beyond it, the word sets win.
_FEW_HEADS = 256
# Heads looked for in a folded text before its letters are read (a set of 600 KB of letters
# costs as much as about fifteen substring tests, and a text holding a head often holds an early one).
_HEADS_FIRST = 16
_LONG_TEXT = 10_000  # characters from which the rest of the heads are looked for in a text's distinct words


@dataclass(slots=True)
class _FormIndex:
    """The spaced-script forms of a lexicon keyed by their first word, for matching in one pass.

    A form's pattern starts with its first word's letters (``head``) right after a non-word
    character, so a hit starts a word of the text: that word, folded, equals the head (or, when
    a ``*`` follows the head, starts with it). Looking up each word of the text finds the only
    terms worth trying there, whatever the size of the lexicon: a substring test per form and
    document took 0.37 s of CPU with a 16,000-term lexicon on the 40 KB seeds (benchmarks/adversarial.py).
    """

    exact: dict[str, LexiconEntry]  # head -> the first entry with a form starting with it
    wildcard: dict[str, LexiconEntry]  # head before a * -> the first entry
    more: dict[str, list[LexiconEntry]]  # "head" or "head*" of more than one entry -> all of them
    longest: int
    heads_by_length: tuple[tuple[int, frozenset[str]], ...]  # the wildcard heads, grouped by length
    few_heads: tuple[str, ...] | None  # every head, when there are few
    head_letters: tuple[frozenset[str], ...]  # the letters of each few head after the first _HEADS_FIRST
    regexes: dict[LexiconEntry, re.Pattern[str]]
    by_word: dict[str, tuple[LexiconEntry, ...]]
    plain: dict[LexiconEntry, tuple[tuple[str, ...], ...] | None]  # see ``plain_forms``

    @classmethod
    def of(cls, owners: Sequence[LexiconEntry], forms: Sequence[str]) -> _FormIndex:
        """Return the index of spaced-script forms, each with the entry it belongs to.

        Read in a few C calls (forms joined by NULs, never in a form: lexicon._VARIANT_OK) and
        one loop that allocates nothing per form: a match, a fold, a script test and a list per
        form took 0.13 s for 48,000 forms, much of it in the garbage collector.
        """
        # Every form starts with a word character (lexicon._VARIANT_OK): one head per form.
        keys = _fold("\0".join(_HEAD.findall("\0".join(forms)))).split("\0")
        exact: dict[str, LexiconEntry] = {}
        wildcard: dict[str, LexiconEntry] = {}
        more: dict[str, list[LexiconEntry]] = {}
        for entry, key in zip(owners, keys, strict=True):
            got = wildcard.setdefault(key[:-1], entry) if key[-1] == "*" else exact.setdefault(key, entry)
            if got is not entry:
                listed = more.setdefault(key, [got])
                if listed[-1] is not entry:
                    listed.append(entry)
        lengths = sorted({len(k) for k in wildcard})
        heads = tuple((n, frozenset(k for k in wildcard if len(k) == n)) for n in lengths)
        every = (*exact, *wildcard)
        few = every if len(every) <= _FEW_HEADS else None
        letters = tuple(map(frozenset, few[_HEADS_FIRST:])) if few is not None else ()
        return cls(exact, wildcard, more, max(lengths, default=0), heads, few, letters, {}, {}, {})

    def may_hit(self, text: str) -> bool:
        """Return True when ``text`` may hold a hit: a test run in C (heads in the text, or word sets).

        Most documents hold no term of a lexicon; a Python call per distinct word made the
        3,672 Japanese Wikinews articles take 0.36 s for a lexicon with no Japanese terms.
        """
        if self.few_heads is not None:
            whole = _fold(text)
            heads = self.few_heads
            if any(map(whole.__contains__, heads[:_HEADS_FIRST])):
                return True
            # The rest only if the text has all their letters: a text holding no head was read
            # once per head (246 heads of the default lexicon over the 600 KB anchored-dates
            # case: 24 ms), its set of letters is read once (3 ms). A long text is read as its
            # distinct words joined by NULs: a head (word characters) is in the text exactly
            # when it is in one of them, and a text repeating itself has few (that case: 15 -> 9 ms).
            if len(whole) >= _LONG_TEXT:
                whole = "\0".join(set(whole.split()))
            letters = set(whole)
            return any(
                head in whole for head, needed in zip(heads[_HEADS_FIRST:], self.head_letters) if needed <= letters
            )
        folded = set(map(_fold, set(_WORD_RUN.findall(text))))
        if not folded.isdisjoint(self.exact):
            return True
        return any(not heads.isdisjoint(map(itemgetter(slice(0, n)), folded)) for n, heads in self.heads_by_length)

    def entries_at(self, word: str) -> tuple[LexiconEntry, ...]:
        """Return the entries that may have a hit starting with this word of the text."""
        found = self.by_word.get(word)
        if found is None:
            key = _fold(word)
            listed = self._listed(self.exact, key, key)
            for n in range(1, min(len(key), self.longest) + 1):
                listed.extend(self._listed(self.wildcard, key[:n], key[:n] + "*"))
            found = self.by_word[word] = tuple(dict.fromkeys(listed))
        return found

    def look_up(self, new_words: set[str]) -> None:
        """Add the entries of words not looked up yet to ``by_word`` (as ``entries_at`` finds them).

        The words are folded in one call, and a word's starts tried only at the lengths of
        wildcard heads: 7,500 distinct words of 400 KB of prose one at a time took 20 of the
        80 ms of framing.
        """
        if not new_words:
            return
        listing = list(new_words)
        lengths = [n for n, _ in self.heads_by_length]
        exact, wildcard, by_word, listed_of = self.exact, self.wildcard, self.by_word, self._listed
        for word, key in zip(listing, _fold("\0".join(listing)).split("\0"), strict=True):
            listed = listed_of(exact, key, key)
            for n in lengths:
                if n > len(key):
                    break
                listed.extend(listed_of(wildcard, key[:n], key[:n] + "*"))
            by_word[word] = tuple(dict.fromkeys(listed))

    def _listed(self, table: dict[str, LexiconEntry], head: str, key: str) -> list[LexiconEntry]:
        many = self.more.get(key)
        if many is not None:
            return list(many)
        one = table.get(head)
        return [one] if one is not None else []

    def match_end(self, entry: LexiconEntry, text: str, at: int, hi: int, *, ascii_worded: bool) -> int:
        """Return where the entry's pattern matching at ``at`` (up to ``hi``) ends, or -1.

        In a stretch of ``ascii_words``, an entry whose forms are ASCII words and phrases is
        matched word by word (``plain_forms``), as its pattern would match: compiling the
        patterns took 4.3 of the 20 ms framing spent on 400 KB of prose on one line, for 26
        entries of the default lexicon.
        """
        if ascii_worded:
            if entry not in self.plain:
                self.plain[entry] = plain_forms(entry)
            forms = self.plain[entry]
            if forms is not None:
                return _plain_end(forms, text, at, hi)
        found = self.regex(entry).match(text, at, hi)
        return -1 if found is None else found.end()

    def regex(self, entry: LexiconEntry) -> re.Pattern[str]:
        """Return the entry's pattern, compiled on first use (most terms of a big lexicon never are)."""
        found = self.regexes.get(entry)
        if found is None:
            found = self.regexes[entry] = entry_regex(entry)
        return found


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
        columns = word_columns(p.text, language)
        keys = columns.keys
        first = indexes.get(language)
        if first is None:
            first = indexes[language] = {}
            for entry, form in forms:
                form_keys = _form_keys(form, language)
                if form_keys:
                    first.setdefault(form_keys[0], []).append((entry, form_keys))
            for listed in first.values():
                listed.sort(key=lambda c: -len(c[1]))  # longer forms first: 셔틀 외교 over 외교
        if first.keys().isdisjoint(keys):
            continue  # no form starts at any word (most passages): one test, not a look-up per word
        taken: dict[str, int] = {}  # per term, the end of its last hit (hits of one term never overlap)
        for i, key in enumerate(keys):
            for entry, form_keys in first.get(key, ()):
                n = len(form_keys)
                if tuple(keys[i:i + n]) != form_keys or taken.get(entry.term, -1) > i:
                    continue
                taken[entry.term] = i + n
                start, end = p.start + columns.starts[i], p.start + columns.ends[i + n - 1]
                if quotes is None:
                    quotes = quote_map(doc.text, passages)
                found.append(FramingHit(
                    doc_id=doc.doc_id, passage_id=p.passage_id, frame=entry.frame, term=entry.term,
                    match=doc.text[start:end], start=start, end=end,
                    voice="quote" if quotes.is_quoted(start, end) else "narration", negated=False,
                    sentence_start=p.start, sentence_end=p.end,
                ))
    return found


def _document_hits(doc: Document, passages: tuple[Passage, ...], index: _FormIndex) -> list[FramingHit]:
    """Return the hits of spaced-script forms in one document's article runs, in text order.

    Each word of a run is looked up once; a term's pattern is tried only where one of its forms
    can start, and past the end of its last hit in the run, so the hits are those of
    ``finditer`` over the run, found in time linear in the text.
    """
    text = doc.text
    if not index.may_hit(text):
        return []
    runs = article_runs(passages)
    quotes: QuoteMap | None = None
    found: list[FramingHit] = []
    for run in runs:
        starts = [p.start for p in run]
        lo, hi = run[0].start, run[-1].end
        taken: dict[LexiconEntry, int] = {}  # per term, the end of its last hit in this run
        # The run's words, read in C; each distinct word looked up once, and only the words
        # that can start a hit visited: a match object and a look-up per word took 0.07 of the
        # 0.11 s of framing on 400 KB of prose in one line (benchmarks/adversarial.py). Where a
        # visited word starts is found from the end of the last one (``_word_start``): the
        # stretch split into gaps and words, every piece summed to a word's start, made this
        # function take 25.9 ms on that case; the words alone (with the ASCII class when the
        # stretch is ``ascii_words``) and these searches, 20.4.
        stretch = text[lo:hi]
        ascii_worded = ascii_words(stretch)
        words = _ascii_word_runs(stretch) if ascii_worded else _WORD_RUN.findall(stretch)
        by_word = index.by_word
        distinct = set(words)
        index.look_up(distinct.difference(by_word))
        if not any(map(by_word.__getitem__, distinct)):
            continue
        after = 0  # where the last word visited ends in the stretch
        for k in compress(count(), map(by_word.__getitem__, words)):
            word = words[k]
            at = _word_start(stretch, word, after)
            after = at + len(word)
            at += lo
            for entry in by_word[word]:
                if taken.get(entry, -1) > at:
                    continue
                end = index.match_end(entry, text, at, hi, ascii_worded=ascii_worded)
                if end < 0:
                    continue
                taken[entry] = end
                prefix = _compound_prefix(text, at)
                if prefix is not None and prefix not in _NEGATING_PREFIXES:
                    continue  # the end of a compound: "horse-trading", "pro-hawk"
                if quotes is None:
                    quotes = quote_map(text, passages)
                first = run[bisect.bisect_right(starts, at) - 1]
                last = run[bisect.bisect_right(starts, end - 1) - 1]
                found.append(
                    FramingHit(
                        doc_id=doc.doc_id,
                        passage_id=first.passage_id,
                        frame=entry.frame,
                        term=entry.term,
                        match=text[at:end],
                        start=at,
                        end=end,
                        voice="quote" if quotes.is_quoted(at, end) else "narration",
                        negated=prefix is not None or _is_negated(text, first.start, at),
                        sentence_start=first.start,
                        sentence_end=max(first.end, last.end),
                    )
                )
    found.sort(key=lambda h: (h.start, h.end, h.frame, h.term))
    return found


def _word_start(stretch: str, word: str, after: int) -> int:
    """Return where the first word of ``stretch`` from ``after`` that is ``word`` starts (it must be one).

    The first occurrence of the string that is a whole word (no word character on either side):
    an earlier whole one would be a word between, and every such word is visited in turn.
    """
    at = stretch.find(word, after)
    end = at + len(word)
    while at >= 0 and ((at and _is_word_char(stretch[at - 1])) or (end < len(stretch) and _is_word_char(stretch[end]))):
        at = stretch.find(word, at + 1)
        end = at + len(word)
    return at


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
