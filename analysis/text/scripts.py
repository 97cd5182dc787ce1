"""Scripts and languages: the Unicode script of a letter, the dominant script of a text, a language guess."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
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
    ascii_letters = len(_ASCII_LETTERS.findall(text))
    counts: Counter[str] = Counter()
    hangul = len(_HANGUL_SYLLABLES.findall(text))
    cjk = len(_CJK_LETTERS.findall(text))
    if hangul or cjk:
        counts["HANGUL"] += hangul
        counts["CJK"] += cjk
        rest = _CJK_LETTERS.sub("", _HANGUL_SYLLABLES.sub("", text))
    else:
        rest = text
    counts.update(script_of(ch) for ch in rest if not ch.isascii() and ch.isalpha())
    counts = Counter({k: v for k, v in counts.items() if v})
    if ascii_letters:
        counts["LATIN"] += ascii_letters
    total = sum(counts.values())
    if not total:
        return "", 0.0
    script, n = counts.most_common(1)[0]
    return script, n / total


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
    words = re.findall(r"[^\W\d_]+", text.lower())
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 3 and top >= 2 * second:
        return best
    return ""
