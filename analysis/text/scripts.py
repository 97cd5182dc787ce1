"""Scripts and languages: the Unicode script of a letter, the dominant script of a text, a language guess."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

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


# Hangul syllables and CJK ideographs, kana: counted by regular expression, since a page of
# Korean or Japanese is thousands of them and a per-letter name look-up cost more than the
# rest of cleaning on Korean Wikinews.
_HANGUL_SYLLABLES = re.compile(r"[\uac00-\ud7a3]")
_CJK_LETTERS = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff\u3400-\u4dbf]")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")


def dominant_script(text: str) -> tuple[str, float]:
    """Return the script most letters of ``text`` are in, and its share of the letters."""
    if text.isascii() or not _NON_ASCII_LETTER.search(text):
        # Most paragraphs: every letter is Latin (curly quotes and dashes are not letters), and
        # one letter is enough to know there are some.
        return ("LATIN", 1.0) if _ASCII_LETTER.search(text) else ("", 0.0)
    # Characters are counted in C (Counter of a string), then each distinct one is looked at
    # once: a Python test per character cost 1 s per MB, and cleaning asks several times.
    ascii_letters = 0
    counts: Counter[str] = Counter()
    for ch, n in Counter(text).items():
        if not ch.isalpha():
            continue
        if ch.isascii():
            ascii_letters += n
        else:
            counts[script_of(ch)] += n
    if ascii_letters:
        counts["LATIN"] += ascii_letters
    total = sum(counts.values())
    if not total:
        return "", 0.0
    script, n = counts.most_common(1)[0]
    return script, n / total


_ASCII_SCRIPTS = (("", 0.0), ("LATIN", 1.0))  # dominant_script of ASCII text without, with letters


def dominant_scripts(texts: Sequence[str]) -> list[tuple[str, float]]:
    """Return ``dominant_script`` of each text: for ASCII texts (most pages) in a few C calls.

    A call per paragraph was an eighth of cleaning a page of 32,000 one-word lines.
    """
    if all(map(str.isascii, texts)):
        return list(map(_ASCII_SCRIPTS.__getitem__, map(bool, map(_ASCII_LETTER.search, texts))))
    return [dominant_script(t) for t in texts]


def guess_language(text: str) -> str:
    """Return an ISO 639-1 guess for ``text`` from its script and function words ("" when unsure)."""
    script, share = dominant_script(text)
    if not script:
        return ""
    if script != "LATIN":
        if script == "CJK":
            kana = any(unicodedata.name(c, "").startswith(("HIRAGANA", "KATAKANA")) for c in text[:5000])
            return "ja" if kana else "zh"
        inverse = {"ARABIC": "ar", "HEBREW": "he", "CYRILLIC": "ru", "GREEK": "el", "HANGUL": "ko",
                   "DEVANAGARI": "hi", "THAI": "th"}
        return inverse.get(script, "")
    words = Counter(_LETTERS.findall(text.lower()))
    scores = dict.fromkeys(_STOPWORDS, 0)  # in _STOPWORDS order: the sort below keeps it for ties
    for w in words.keys() & _STOPWORD_LANGUAGES.keys():
        for lang in _STOPWORD_LANGUAGES[w]:
            scores[lang] += words[w]
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 3 and top >= 2 * second:
        return best
    return ""
