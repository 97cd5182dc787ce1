"""Languages of documents and paragraphs, told from their scripts, and what each language's word is.

Korean, Japanese and Chinese are told apart by script alone: Hangul is Korean, kana is
Japanese, Han characters without kana are Chinese unless the document around them is
Japanese or Korean (a kanji-only headline in a Japanese article, Hanja in a Korean one). On
FLORES-200 devtest (1,012 sentences per language) this reads ko 0.998, ja 1.000, zh 0.993
of single sentences correctly, against 1.000, 1.000 and 0.944 for py3langid's model
(which calls short Chinese sentences Japanese), at twice its speed: no model is needed.
Latin-script languages are guessed from function words (``scripts.guess_language``).

Every language has a word unit (``WORD_UNITS``), the unit of word counts and rates:
Korean and Japanese words are content morphemes with their endings and suffixes attached and
particles as words of their own (as English prepositions are), Chinese words are dictionary
words; on FLORES-200 these give 1.02 (ko), 1.12 (ja) and 0.92 (zh) words per English word of
the same sentences (content morphemes with the particles glued on gave 0.78 and 0.83, and
made every threshold counted in words a fifth stricter than in English). Languages without a
segmenter (Thai, Lao, Khmer, Burmese write no spaces) fall back to characters, with a note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from analysis.text.scripts import LANGUAGE_NAMES, guess_language, outside_ascii

# Script classes as regular expressions (C-speed counting, no per-character Python loop).
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_OTHER_LETTERS = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")
# Scripts written without spaces for which no segmenter ships: characters are the fallback unit.
_UNSPACED = {
    "th": re.compile(r"[\u0e00-\u0e7f]"),
    "lo": re.compile(r"[\u0e80-\u0eff]"),
    "km": re.compile(r"[\u1780-\u17ff]"),
    "my": re.compile(r"[\u1000-\u109f]"),
}
# Spaced scripts whose vowel signs are combining marks (``\w`` stops at them).
_MARKED = {
    "hi": re.compile(r"[\u0900-\u097f]"),
    "bn": re.compile(r"[\u0980-\u09ff]"),
    "ta": re.compile(r"[\u0b80-\u0bff]"),
}
# Runs of each, counted by what their removal takes off a text's length (``_text_language``).
_HANGUL_RUNS = re.compile(_HANGUL.pattern + "+")
_KANA_RUNS = re.compile(_KANA.pattern + "+")
_HAN_RUNS = re.compile(_HAN.pattern + "+")
_HANGUL_HAN_RUNS = re.compile(f"(?:{_HANGUL.pattern}|{_HAN.pattern})+")
_KANA_HAN_RUNS = re.compile(f"(?:{_KANA.pattern}|{_HAN.pattern})+")
_OTHERS = (*_UNSPACED.items(), *_MARKED.items())
_ANY_OTHER = re.compile("|".join(pattern.pattern for _, pattern in _OTHERS))
_NO_OTHERS = tuple((language, 0) for language, _ in _OTHERS)
# Any character that needs more than the plain word pattern: CJK, Hangul, unspaced or marked scripts.
NEEDS_SEGMENTER = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    r"\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f"
    r"\u0900-\u09ff\u0b80-\u0bff]"
)

CJK_LANGUAGES = frozenset({"ko", "ja", "zh"})

WORD_UNITS: dict[str, str] = {
    "ko": "content morphemes with their endings; particles are words of their own (MeCab-ko)",
    "ja": "content morphemes with their endings; particles are words of their own (MeCab, UniDic)",
    "zh": "dictionary words (jieba)",
    "th": "characters (no Thai word segmenter)",
    "lo": "characters (no Lao word segmenter)",
    "km": "characters (no Khmer word segmenter)",
    "my": "characters (no Burmese word segmenter)",
}
DEFAULT_WORD_UNIT = "words between spaces and punctuation"

LANGUAGE_NAMES_ALL = {
    **LANGUAGE_NAMES, "th": "Thai", "hi": "Hindi", "bn": "Bengali", "ta": "Tamil", "lo": "Lao",
    "km": "Khmer", "my": "Burmese", "he": "Hebrew", "el": "Greek", "uk": "Ukrainian", "fa": "Persian",
}


@lru_cache(maxsize=256)
def base_language(language: str) -> str:
    """Return the two-letter base of a language tag ("zh-Hant" -> "zh", "ko_KR" -> "ko")."""
    return re.split(r"[-_]", language.strip(), maxsplit=1)[0].lower()[:3] if language else ""


def text_language(text: str, *, hint: str = "") -> str:
    """Return the language of a stretch of text from its script ("" when it has no letters).

    ``hint`` is the language of the document around it: Han characters without kana or
    Hangul read as that language when it is Japanese or Korean, and Latin-script text too
    short to tell keeps a Latin-script hint.
    """
    if len(text) <= _REMEMBERED_CHARS:
        return _remembered_language(text, hint)
    return _text_language(text, hint)


# Segmenting, claims and framing each ask for the language of every CJK passage (on 1,000
# Japanese Wikinews articles, 51,000 questions about 17,000 passages: 0.11 s answered afresh).
_REMEMBERED_CHARS = 2_000


@lru_cache(maxsize=65_536)
def _remembered_language(text: str, hint: str) -> str:
    return _text_language(text, hint)


def _text_language(text: str, hint: str) -> str:
    hint = base_language(hint)
    # The common case first: text in the script of its document's language, with no Latin
    # letters to weigh against (one search each, not five counts).
    # With Latin letters too (a name, an acronym: 7,300 of the 17,000 passages of 1,000 Japanese
    # Wikinews articles), the script's letters and Han ones outnumbering a fourth of the Latin
    # ones is all the count below asks when no other CJK script is there (tests/test_languages.py
    # checks the two agree): the passages of those articles were told in 0.058 s, now 0.029
    # (Korean's 644: 0.017 -> 0.009).
    if hint == "ko" and _HANGUL.search(text) and not _KANA.search(text):
        if not _LATIN.search(text) or len(text) - len(_HANGUL_HAN_RUNS.sub("", text)) >= len(_LATIN.findall(text)) / 4:
            return "ko"
    if hint == "ja" and _KANA.search(text) and not _HANGUL.search(text):
        if not _LATIN.search(text) or len(text) - len(_KANA_HAN_RUNS.sub("", text)) >= len(_LATIN.findall(text)) / 4:
            return "ja"
    if hint == "zh" and _HAN.search(text) and not (_KANA.search(text) or _HANGUL.search(text) or _LATIN.search(text)):
        return "zh"
    # Every letter counted here but the Latin ones is outside ASCII: counted among those
    # characters only, and the Latin ones only when some other script is there to weigh them
    # against (else whether there are any is all that is asked): a document's 20,000 characters
    # of English prose took 2.0 ms to judge, now 0.6.
    # Each script's letters counted as the length a copy loses without their runs (no list of
    # them), and the unspaced and marked scripts searched for at once before each is counted:
    # six calls where there were twelve (the Japanese passages above: 0.058 -> 0.044 s alone).
    outside = outside_ascii(text)
    size = len(outside)
    hangul = size - len(_HANGUL_RUNS.sub("", outside))
    kana = size - len(_KANA_RUNS.sub("", outside))
    han = size - len(_HAN_RUNS.sub("", outside))
    cjk = hangul + kana + han
    others: Sequence[tuple[str, int]] = _NO_OTHERS
    if _ANY_OTHER.search(outside) is not None:
        others = [(language, len(pattern.findall(outside))) for language, pattern in _OTHERS]
    latin = len(_LATIN.findall(text)) if cjk or any(n for _, n in others) else int(_LATIN.search(text) is not None)
    if cjk and cjk >= latin / 4:
        # A few CJK letters in a Latin paragraph (a name in brackets) do not make it CJK.
        if hangul and hangul >= kana:
            return "ko"
        if kana:
            return "ja"
        return hint if hint in ("ja", "ko") else "zh"
    for language, n in others:
        if n and n >= latin:
            return language
    if latin:
        guessed = guess_language(text)
        if guessed:
            return guessed
        return hint if hint and hint not in CJK_LANGUAGES and hint not in _UNSPACED else ""
    if _OTHER_LETTERS.search(text):
        return guess_language(text)
    return ""


def document_language(text: str, *, declared: str = "") -> str:
    """Return a document's language: the declared one when its text agrees, else the script's."""
    declared = base_language(declared)
    found = text_language(text[:20_000], hint=declared)
    if declared and (not found or found == declared):
        return declared
    return found or declared


def paragraph_languages(text: str, spans: Sequence[tuple[int, int]], *, document: str = "") -> tuple[str, ...]:
    """Return the language of each (start, end) paragraph of ``text``, the document's as hint."""
    return tuple(text_language(text[a:b], hint=document) for a, b in spans)


def word_unit(language: str) -> str:
    """Return what a word is in this language (the unit of word counts and rates per 1,000 words)."""
    return WORD_UNITS.get(base_language(language), DEFAULT_WORD_UNIT)


def language_note(language: str) -> str:
    """Return a note on how text in this language is analysed ("" when fully supported).

    Languages written without spaces that no installed segmenter reads are counted in
    characters; spaced scripts outside Latin, Cyrillic, Greek, Arabic and Hebrew are split
    at spaces and punctuation only.
    """
    lang = base_language(language)
    name = LANGUAGE_NAMES_ALL.get(lang, lang)
    if lang in _UNSPACED:
        return (f"{name}: no word segmenter is available, so words are counted as characters; "
                "reuse, framing and counts are approximate")
    if lang in _MARKED:
        return f"{name}: words are split at spaces and punctuation (no dictionary segmenter)"
    return ""


def has_segmented_script(text: str) -> bool:
    """Return True when ``text`` holds letters the plain word pattern cannot split (CJK, Thai, ...)."""
    if len(text) < _LONG_TEXT:
        return NEEDS_SEGMENTER.search(text) is not None
    return segmenting_need(text)[0]


def segmenting_need(text: str) -> tuple[bool, str]:
    """Return ``has_segmented_script(text)``, with the characters of ``text`` outside ASCII when
    it is False ("" when True), which ``scripts.ascii_words`` reads next.

    Its start first (where a page in such a script shows it), then only its characters outside
    ASCII, as every character of the pattern is one (400 KB of prose: 1.4 -> 0.6 ms).
    """
    if NEEDS_SEGMENTER.search(text, 0, _LONG_TEXT) is not None:
        return True, ""
    outside = outside_ascii(text)
    return NEEDS_SEGMENTER.search(outside) is not None, outside


_LONG_TEXT = 4_096
