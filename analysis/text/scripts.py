"""Scripts and languages: the Unicode script of a letter, the dominant script of a text, a language guess."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

# Function words by language: enough to tell a French paragraph inside an English article.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to is that for with was on as by at from his her it are were has have which".split()),
    "fr": frozenset("le les des et est une dans pour que qui sur au aux du avec pas ce sont été par".split()),
    "de": frozenset("der das und ist nicht mit von den dem ein eine zu auf für sich auch wird wurde".split()),
    "es": frozenset("el los las y es una en por que con para del se su al como más fue".split()),
    "it": frozenset("il gli della di non sono alla nel che con per una è".split()),
    "pt": frozenset("os uma em por que com para do da não são foi ao no na".split()),
    "nl": frozenset("het een en van dat te niet met voor zijn werd ook".split()),
}


# Invisible characters that change how text reads without being text. Bidi embeddings, overrides
# and isolates (and the marks) can show an outlet name or a title reversed or reordered;
# zero-width characters make "Reu\u200bters" look exactly like "Reuters" while being another string.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")  # a letter or digit outside ASCII (_ is ASCII)
_PROBE = 256  # characters searched for one before a whole text is read
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# A character outside ASCII that may be a letter (every letter is a word character that is not a
# digit; a few such characters, "²", are not letters: those take the counting path, which is exact).
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
# Each function word's languages, so a paragraph's words are looked up once each: summing every
# language's list over a Counter of the paragraph cost 1.4 s of 2 s of cleaning on 400 KB of prose.
_STOPWORD_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _word in _words:
        _STOPWORD_LANGUAGES[_word] = (*_STOPWORD_LANGUAGES.get(_word, ()), _lang)


# The same for text read as bytes (``guess_language``): the function words in ASCII letters.
_ASCII_STOPWORD_LANGUAGES: dict[Any, tuple[str, ...]] = {
    w.encode(): langs for w, langs in _STOPWORD_LANGUAGES.items() if w.isascii()
}
# A byte's letter lower-cased (A-Z to a-z), every other byte a space.
_LOWER_LETTER_BYTES = bytes(c if 97 <= c <= 122 else c + 32 if 65 <= c <= 90 else 32 for c in range(256))


SCRIPT_OF_LANGUAGE = {
    "ar": "ARABIC", "fa": "ARABIC", "ur": "ARABIC", "he": "HEBREW", "ru": "CYRILLIC", "uk": "CYRILLIC",
    "bg": "CYRILLIC", "el": "GREEK", "ko": "HANGUL", "ja": "CJK", "zh": "CJK", "hi": "DEVANAGARI", "th": "THAI",
}


SCRIPT_NAMES = {"ARABIC": "Arabic", "LATIN": "Latin", "CYRILLIC": "Cyrillic", "HANGUL": "Korean (Hangul)",
                 "CJK": "Chinese/Japanese", "GREEK": "Greek", "HEBREW": "Hebrew", "DEVANAGARI": "Devanagari",
                 "THAI": "Thai"}


LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
                   "pt": "Portuguese", "nl": "Dutch", "ar": "Arabic", "ko": "Korean", "ja": "Japanese",
                   "zh": "Chinese", "ru": "Russian"}


@lru_cache(maxsize=65536)
def script_of(ch: str) -> str:
    """Return the Unicode script family of a letter (LATIN, ARABIC, CJK, HANGUL, ...)."""
    if ch.isascii():
        return "LATIN" if ch.isalpha() else ""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return ""
    head = name.split(" ", 1)[0]
    if head in {"CJK", "HIRAGANA", "KATAKANA"}:
        return "CJK"
    return head


# Hangul syllables, and CJK ideographs with the kana letters: counted by regular expression
# (each is a letter of its script: tests/test_scripts.py checks every one), since a page of
# Korean or Japanese is thousands of them of a thousand kinds: looking at each kind in Python
# was a sixth of cleaning 1,000 Japanese Wikinews articles (0.07 of 0.43 s). The other
# characters (punctuation, digits, Latin: a few dozen kinds) are looked at one by one.
# Runs, removed from a copy, the count its loss of length: a match per letter took three times
# as long (0.035 s for 800,000 characters).
_HANGUL_SYLLABLES = re.compile(r"[\uac00-\ud7a3]+")
_CJK_LETTERS = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff\u3400-\u4dbf]+")
_BULK_SCRIPTS = (("HANGUL", _HANGUL_SYLLABLES), ("CJK", _CJK_LETTERS))


def ascii_words(text: str, *, outside: str | None = None) -> bool:
    """Return True when no character of ``text`` outside ASCII is a letter or a digit.

    In such a text ``re``'s Unicode classes find what their ASCII spellings find (``\\w`` is
    ``[0-9A-Za-z_]``, ``\\d`` ``[0-9]``, a letter ``[A-Za-z]``; not ``\\s``, which also takes
    ``\\x1c``-``\\x1f``), and a class written out is one table look-up per character where a Unicode
    category is a call: on 400 KB of news prose (curly quotes and dashes its only non-ASCII
    characters) ``[^\\W\\d_]+`` scans in 10 ms, ``[A-Za-z]+`` in 5. Told in 0.6 ms: the ASCII runs
    removed in C, then the few distinct characters left looked at. ``outside``: the text's
    ``outside_ascii``, when already known.
    """
    if outside is None:
        if text.isascii():
            return True
        # A text in another script (or Latin with accents) shows one early: no copy of all of it.
        if _NON_ASCII_WORD.search(text, 0, _PROBE) is not None:
            return False
        outside = outside_ascii(text)
    return not any(map(str.isalnum, outside))


def outside_ascii(text: str) -> str:
    """Return the characters of ``text`` outside ASCII, in order.

    The ASCII runs removed in C: 0.6 ms for 400 KB of prose, where a Unicode class searched over
    the whole text (``languages.NEEDS_SEGMENTER``, every character of which is outside ASCII)
    took 1.4; one such copy answers both that search and ``ascii_words``.
    """
    if text.isascii():
        return ""
    if len(text) < _REMEMBERED_LENGTH:
        return _ASCII_RUNS.sub("", text)
    # A long text is asked about again (cleaning reads a one-paragraph document three times,
    # framing once more): the last few answers are kept, by the identity of their text (held
    # here, so its id cannot be reused meanwhile).
    for seen, outside in _remembered:
        if seen is text:
            return outside
    outside = _ASCII_RUNS.sub("", text)
    _remembered.append((text, outside))
    del _remembered[:-_REMEMBERED]
    return outside


_REMEMBERED_LENGTH = 10_000
_REMEMBERED = 4
_remembered: list[tuple[str, str]] = []


def dominant_script(text: str) -> tuple[str, float]:
    """Return the script most letters of ``text`` are in, and its share of the letters."""
    # ``ascii_words`` first: it says "no letter outside ASCII" for most texts in a fifth of the
    # time of the search (400 KB of prose: 0.6 against 3 ms), and says no at once to a text in
    # another script; only a digit outside ASCII needs both.
    if ascii_words(text) or not _NON_ASCII_LETTER.search(text):
        # Most paragraphs: every letter is Latin (curly quotes and dashes are not letters), and
        # one letter is enough to know there are some.
        return ("LATIN", 1.0) if _ASCII_LETTER.search(text) else ("", 0.0)
    known = _recent.get(text)
    if known is not None:
        return known
    # Letters per script, and where each script's first letter is: on a tie, the script met
    # first in the text wins, and Latin written in ASCII letters only comes last.
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    rest = text
    for script, pattern in _BULK_SCRIPTS:
        found = pattern.search(rest)
        if found is not None:
            first[script] = text.find(found.group()[0])  # the first such letter: none before it
            size = len(rest)
            rest = pattern.sub("", rest)
            counts[script] = size - len(rest)
    # The other characters are counted in C (Counter of a string), then each distinct one is
    # looked at once, in the order of its first occurrence.
    ascii_letters = 0
    seen: set[str] = set()
    for ch, n in Counter(rest).items():
        if not ch.isalpha():
            continue
        if ch.isascii():
            ascii_letters += n
            continue
        script = script_of(ch)
        counts[script] = counts.get(script, 0) + n
        if script not in seen:
            seen.add(script)
            at = text.find(ch)
            first[script] = min(first.get(script, at), at)
    if ascii_letters:
        counts["LATIN"] = counts.get("LATIN", 0) + ascii_letters
        first.setdefault("LATIN", len(text))
    total = sum(counts.values())
    if not total:
        return "", 0.0
    script = max(sorted(counts, key=first.__getitem__), key=counts.__getitem__)
    return script, counts[script] / total


# Every character whose Unicode name starts with HIRAGANA or KATAKANA (kana letters and marks,
# the middle dot ・ and the prolonged sound mark ー among them; Unicode 14, checked against
# the names in tests/test_scripts.py): a Chinese page was 5,000 name look-ups to tell it from Japanese.
_KANA_NAMED = re.compile(
    "[\u3041-\u3096\u309b-\u30ff\u31f0-\u31ff\U0001aff0-\U0001aff3\U0001aff5-\U0001affb"
    "\U0001affd-\U0001affe\U0001b000-\U0001b001\U0001b11f-\U0001b122\U0001b150-\U0001b152"
    "\U0001b164-\U0001b167]"
)
_ASCII_SCRIPTS = (("", 0.0), ("LATIN", 1.0))  # dominant_script of ASCII text without, with letters


def dominant_scripts(texts: Sequence[str]) -> list[tuple[str, float]]:
    """Return ``dominant_script`` of each text: for ASCII texts (most pages) in a few C calls.

    A call per paragraph was an eighth of cleaning a page of 32,000 one-word lines.
    """
    if all(map(str.isascii, texts)):
        return list(map(_ASCII_SCRIPTS.__getitem__, map(bool, map(_ASCII_LETTER.search, texts))))
    found = [dominant_script(t) for t in texts]
    # Kept until the next call (one document's paragraphs): cleaning then guesses the language
    # of these same paragraphs (all 999 guesses on 1,000 Japanese Wikinews articles, all 2,757
    # on 644 Korean ones), and a guess starts from the dominant script: the Japanese guesses
    # took 0.029 s, now 0.002. Any thread's answer for an equal text is the answer.
    _recent.clear()
    _recent.update(zip(texts, found))
    return found


_recent: dict[str, tuple[str, float]] = {}


def guess_language(text: str) -> str:
    """Return an ISO 639-1 guess for ``text`` from its script and function words ("" when unsure)."""
    script, share = dominant_script(text)
    if not script:
        return ""
    if script != "LATIN":
        if script == "CJK":
            return "ja" if _KANA_NAMED.search(text, 0, 5000) else "zh"
        inverse = {"ARABIC": "ar", "HEBREW": "he", "CYRILLIC": "ru", "GREEK": "el", "HANGUL": "ko",
                   "DEVANAGARI": "hi", "THAI": "th"}
        return inverse.get(script, "")
    words: Counter[Any]  # of str, or of bytes
    if ascii_words(text):
        # Its letters are ASCII ones, lower-cased as the bytes' letters (a character outside ASCII
        # that is no letter lower-cases to none: tests/test_scripts.py checks each): the runs are
        # read as the bytes' letters with the rest blanked, split in C (400 KB of prose: 9.7 -> 5.8 ms).
        words = Counter(text.encode("utf-8", "surrogatepass").translate(_LOWER_LETTER_BYTES).split())
        languages_of: dict[Any, tuple[str, ...]] = _ASCII_STOPWORD_LANGUAGES
    else:
        words = Counter(_LETTERS.findall(text.lower()))
        languages_of = _STOPWORD_LANGUAGES
    scores = dict.fromkeys(_STOPWORDS, 0)  # in _STOPWORDS order: the sort below keeps it for ties
    for w in words.keys() & languages_of.keys():
        for lang in languages_of[w]:
            scores[lang] += words[w]
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 3 and top >= 2 * second:
        return best
    return ""
