"""Words with character offsets, in every language: the unit of counts, reuse and framing.

A word is what a reader of the language would count as one (``languages.WORD_UNITS``):
- English and other spaced Latin, Cyrillic, Greek, Arabic or Hebrew text: runs of letters
  and digits with inner hyphens and apostrophes (``records.WORD``);
- Korean: a content morpheme with the endings and suffixes glued to it in its eojeol, and
  each particle a word of its own, as English prepositions are (정상회담을 했다: 정상, 회담, 을,
  했다 with key 하), from MeCab-ko with its dictionary (python-mecab-ko, python-mecab-ko-dic).
  Compounds split into their nouns, so 한일정상회담 and 한일 정상회담 give the same words;
- Japanese: likewise (会談を行った: 会談, を, 行った with key 行う), from MeCab with UniDic
  (fugashi, unidic-lite);
- Chinese: dictionary words (jieba's dictionary through rjieba), after Traditional
  characters are mapped to Simplified (OpenCC t2s), so both spellings share keys;
- scripts with no segmenter and no spaces (Thai, Lao, Khmer, Burmese): one letter with its
  marks is one word (``languages.language_note`` says so on the document).

The libraries were chosen on the corpora in ../shared/corpora (benchmarks/cjk_tokenizers.py,
characters per CPU second): MeCab-ko reads 288k/s against Kiwi's 111k (kiwipiepy 0.24, its
default model) and puts 0.992 of KLUE date and quantity span boundaries on word boundaries
(Kiwi 0.997): with Kiwi, segmenting alone would hold Korean under a third of English
throughput. fugashi with UniDic-lite reads 1,563k/s with boundary F1 0.951 against the
corpus's MeCab-IPAdic tokens (SudachiPy core 874-951k/s, F1 0.934-0.942; Janome 43k/s, 0.977
on the IPAdic tokens it shares a dictionary with); rjieba gives jieba's segmentation (the same
on 269 of 281 FLORES documents) at 7.5M/s against jieba's 469k and needs no 0.7 s dictionary
load; OpenCC's own wheel ships its dictionaries (17M characters/s t2s; it maps FLORES's
Traditional text to share 0.72 of its words with the Simplified translation, against 0.43
unconverted).

Every dictionary ships inside an installed package; nothing is downloaded. When a segmenter
cannot be imported, its language falls back to characters (Japanese, Chinese) or to words
between spaces (Korean), never to nothing.

Keys are the matching forms: lower case, full-width letters and digits read as ASCII,
Chinese in Simplified characters, Japanese verbs and adjectives in dictionary form, Korean
verbs and adjectives as their stem. ``name`` marks proper nouns and numbers (from the
segmenter's part of speech), which weigh less as evidence of reuse, as capitalised names do
in English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from analysis.text.languages import (
    CJK_LANGUAGES,
    NEEDS_SEGMENTER,
    base_language,
    text_language,
)

# A word in spaced scripts: letters/digits, with inner hyphens and apostrophes (the one
# definition, re-exported as records.WORD).
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_PLAIN = WORD
# Spaced Indic scripts: vowel signs are combining marks, which \w does not match.
_MARKED_WORD = re.compile(r"(?:\w|[\u0900-\u0dff])+")
_UNSPACED_LETTER = re.compile(r"[\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]")
# Full-width ASCII and the ideographic space, read as their ASCII forms (one character each,
# so offsets stay valid): ２０２６年 is 2026年, ＡＰＥＣ is APEC.
_WIDTH = {**{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_DIGITS_ONLY = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9][.,][0-9]")


class Token(NamedTuple):
    """One word: its offsets in the text, its matching key, whether it is a name or number.

    A named tuple, not a frozen dataclass: a Korean or Japanese page is thousands of words,
    and a frozen dataclass's __init__ cost a tenth of segmenting them.
    """

    start: int
    end: int
    key: str
    name: bool = False


def narrow(text: str) -> str:
    """Return ``text`` with full-width ASCII and ideographic spaces as ASCII (same length)."""
    # Most text has none: a search is far cheaper than a translation through a dict.
    return text.translate(_WIDTH) if _WIDE.search(text) else text


def words(text: str, language: str = "") -> tuple[Token, ...]:
    """Return the words of ``text`` in the language of its script (``language`` as a hint).

    Offsets are into ``text``: ``text[t.start:t.end]`` is the word as written.
    """
    if NEEDS_SEGMENTER.search(text) is None:
        return _plain_words(text)
    return _segmented_words(text, base_language(language))


def word_count(text: str, language: str = "") -> int:
    """Return the number of words of ``text`` (see ``words``), counting spaced text fast."""
    if NEEDS_SEGMENTER.search(text) is None:
        return len(_PLAIN.findall(text))  # built in C: 14 -> 9 ms for 400 KB of prose
    return len(_segmented_words(text, base_language(language)))


# Korean, Japanese and Chinese letters: about two make a word in every one of the three
# (FLORES-200 devtest: 2.05 Hangul, 2.1 Japanese and 1.74 Chinese characters per word).
_CJK_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CJK_LETTERS_PER_WORD = 2.0
# Runs of the other letters (``_MARKED_WORD`` less CJK letters, which end a run): counted
# without first blanking the CJK letters out of a copy of the text.
_NON_CJK_WORD = re.compile(
    r"(?:[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[\u0900-\u0dff])+"
)


def estimated_word_count(text: str) -> int:
    """Return about how many words ``text`` has, without running a segmenter.

    Exact for spaced text; CJK letters count half a word each. For thresholds that only need
    a size (cleaning's "long paragraph"), where segmenting every paragraph would cost more
    than the rest of cleaning.
    """
    if NEEDS_SEGMENTER.search(text) is None:
        return len(_PLAIN.findall(text))  # built in C: 14 -> 9 ms for 400 KB of prose
    letters = len(_CJK_LETTER.findall(text))
    return len(_NON_CJK_WORD.findall(text)) + round(letters / _CJK_LETTERS_PER_WORD)


def segmenter_available(language: str) -> bool:
    """Return True when the dictionary segmenter for this language can be loaded."""
    loader = _LOADERS.get(base_language(language))
    return loader is not None and loader() is not None


def _plain_words(text: str) -> tuple[Token, ...]:
    return tuple(
        Token(m.start(), m.end(), m.group().lower(), m.group()[:1].isdigit())
        for m in _PLAIN.finditer(text)
    )


@lru_cache(maxsize=131_072)
def _segmented_words(text: str, hint: str) -> tuple[Token, ...]:
    # Cached: reuse, claims, framing and counts read the same passages; each is segmented once.
    language = text_language(text, hint=hint)
    if language in CJK_LANGUAGES:
        return tuple(_cjk_words(text, 0, len(text), language))
    # A spaced text holding runs of another script (a Korean name in an English article):
    # plain words, and each run that needs a segmenter read in the language of its run.
    out: list[Token] = []
    for m in _MARKED_WORD.finditer(text):
        piece = m.group()
        if NEEDS_SEGMENTER.search(piece) is None:
            out.extend(_plain_words_in(text, m.start(), m.end()))
            continue
        run_language = text_language(piece, hint=hint)
        if run_language in CJK_LANGUAGES:
            out.extend(_cjk_words(text, m.start(), m.end(), run_language))
        elif _UNSPACED_LETTER.search(piece):
            out.extend(_character_words(text, m.start(), m.end()))
        else:
            out.append(Token(m.start(), m.end(), piece.lower(), False))
    return tuple(out)


def _plain_words_in(text: str, start: int, end: int) -> list[Token]:
    return [
        Token(m.start(), m.end(), m.group().lower(), m.group()[:1].isdigit())
        for m in _PLAIN.finditer(text, start, end)
    ]


def _character_words(text: str, start: int, end: int) -> list[Token]:
    """Return one word per letter with its combining marks (the fallback for unspaced scripts)."""
    out: list[Token] = []
    i = start
    while i < end:
        ch = text[i]
        if not (ch.isalnum() or unicodedata.category(ch).startswith("M")):
            i += 1
            continue
        j = i + 1
        while j < end and unicodedata.category(text[j]).startswith("M"):
            j += 1
        out.append(Token(i, j, text[i:j].lower(), ch.isdigit()))
        i = j
    return out


# --- segmenters ---------------------------------------------------------------------------

# A morpheme as the segmenters give it: offsets, class, key.
# Classes: "c" content (starts a word), "n" name or number (starts a word), "b" bound (glued
# to the word before it in the same written word), "u" a counter glued to a number, part of
# its key (13일, 13日, 180명), "p" prefix (starts a word the next
# morpheme joins), "s" skipped (punctuation, symbols, spaces).
_Morph = tuple[int, int, str, str]


@lru_cache(maxsize=1)
def _mecab_ko() -> Any:
    try:
        import mecab  # python-mecab-ko, dictionary in python-mecab-ko-dic
    except ImportError:
        return None
    return mecab.MeCab()


def _mecab_lattice(text: str) -> Any:
    from mecab.utils import create_lattice

    return create_lattice(text)


# MeCab's own output, one line per morpheme: surface, three part-of-speech levels and, for
# dictionary words, the dictionary form (UniDic's orthBase; MeCab writes "*" as nothing).
_JA_FIELDS = "%f[0]\\t%f[1]\\t%f[2]"
_JA_FORMAT = f'-O "" -F "%m\\t{_JA_FIELDS}\\t%f[10]\\n" -U "%m\\t{_JA_FIELDS}\\t\\n" -E "EOS"'


@lru_cache(maxsize=1)
def _fugashi() -> Any:
    try:
        import fugashi
        import unidic_lite
    except ImportError:
        return None
    # A plain tagger writing the fields read below as text: fugashi's UniDic tagger builds a
    # node object per morpheme (iterating them and reading their features: 0.66 s against
    # 0.56 s for this text on 1,000 Japanese Wikinews articles).
    where = unidic_lite.DICDIR
    return fugashi.GenericTagger(f'-r "{where}/mecabrc" -d "{where}" {_JA_FORMAT}')


@lru_cache(maxsize=1)
def _rjieba() -> Any:
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str] | None:
    try:
        import opencc
    except ImportError:
        return None
    converter = opencc.OpenCC("t2s")
    return converter.convert


_LOADERS: dict[str, Callable[[], Any]] = {"ko": _mecab_ko, "ja": _fugashi, "zh": _rjieba}


_KO_BOUND = ("E", "XSN", "XSV", "XSA", "VCP", "VCN")
_KO_SKIP = ("SF", "SP", "SS", "SE", "SO", "SW", "SY", "SC")


def _korean_morphs(text: str) -> list[_Morph] | None:
    tagger = _mecab_ko()
    if tagger is None:
        return None
    out: list[_Morph] = []
    prev_tag = ""
    # The lattice directly, read as MeCab's text output (surface, tab, features): python-mecab-
    # ko's parse() builds a named tuple per feature field (6.0 of 8.3 s on 300 Korean Wikinews
    # articles), and reading each node's attributes through the binding made the words of
    # 1,000 Korean Wikinews articles cost 1.23 s of CPU against 0.97 s with this text.
    lattice = _mecab_lattice(text)
    if not tagger._tagger.parse(lattice):
        return None
    pos_in = 0
    find = text.find
    for line in lattice.to_string().split("\n"):
        surface, _, feature = line.partition("\t")
        if not surface or not feature:
            continue  # the closing EOS
        start = find(surface, pos_in)
        if start < 0:
            continue
        end = start + len(surface)
        pos_in = end
        pos = feature[:feature.find(",")] if "," in feature else feature
        tag = pos.split("+", 1)[0]
        if tag.startswith(_KO_SKIP):
            cls = "s"
        elif tag in ("NNBC", "NR") and prev_tag == "SN" and out and out[-1][1] == start:
            cls = "u"
        elif tag.startswith("J"):
            cls = "f"
        elif tag.startswith(_KO_BOUND):
            cls = "b"
        elif tag == "XPN":
            cls = "p"
        elif tag in ("NNP", "SN") or (tag == "SL" and surface[:1].isupper()):
            cls = "n"
        else:
            cls = "c"
        key = surface
        # Fields: pos, semantic class, final consonant, reading, type, first, last, expression.
        if cls == "c" and "Inflect" in feature:
            fields = feature.split(",")
            if len(fields) > 7 and fields[4] == "Inflect" and fields[7] != "*":
                key = fields[7].split("+", 1)[0].split("/", 1)[0]
        out.append((start, end, cls, key))
        prev_tag = tag
    return out


_JA_BOUND = ("助動詞", "接尾辞")


def _japanese_morphs(text: str) -> list[_Morph] | None:
    tagger = _fugashi()
    if tagger is None:
        return None
    out: list[_Morph] = []
    append = out.append
    find = text.find
    pos = 0
    prev_end, prev_cls, prev_digit = -1, "s", False
    for line in tagger.parse(text).split("\n"):
        fields = line.split("\t")
        surface = fields[0]
        if len(fields) < 5 or not surface:
            continue  # the closing EOS, and a leading ideographic space (fugashi strips the output)
        start = find(surface, pos)
        if start < 0:
            continue
        end = start + len(surface)
        pos = end
        pos1, pos2, pos3 = fields[1], fields[2], fields[3]
        if pos1 == "補助記号" or pos1 == "空白" or pos1 == "記号":
            cls = "s"
        elif prev_end == start and prev_digit and (pos2 == "数詞" or pos3.startswith("助数詞") or pos1 == "接尾辞"):
            cls = "u"  # 2008年, 3万, 136人, 7回: one number with its counter
        elif pos1 == "助詞":
            cls = "f"
        elif pos1 in _JA_BOUND or (pos1 in ("動詞", "形容詞") and pos2 == "非自立可能" and prev_cls != "s"):
            cls = "b"
        elif pos1 == "接頭辞":
            cls = "p"
        elif pos2 == "固有名詞" or pos2 == "数詞" or (surface[:1].isascii() and surface[:1].isupper()):
            cls = "n"
        else:
            cls = "c"
        key = surface
        if (pos1 == "動詞" or pos1 == "形容詞") and fields[4]:
            key = fields[4]  # orthBase: the dictionary form
        append((start, end, cls, key))
        prev_end, prev_cls, prev_digit = end, cls, key[-1:].isdigit()
    return out


def _chinese_morphs(text: str) -> list[_Morph] | None:
    jieba = _rjieba()
    if jieba is None:
        return None
    out: list[_Morph] = []
    pos = 0
    for word, tag in jieba.tag(text):
        start, end = pos, pos + len(word)
        pos = end
        if not any(ch.isalnum() for ch in word):
            cls = "s"
        elif tag in ("m", "q") and len(word) == 1 and out and out[-1][1] == start and out[-1][3][-1:].isdigit():
            cls = "u"  # 13日, 136人: a number with its counter is one word, as in Korean and Japanese
        elif tag.startswith(("nr", "ns", "nt", "nz", "m")) or word[:1].isdigit():
            cls = "n"
        else:
            cls = "c"
        out.append((start, end, cls, word))
    return out


_MORPHS: dict[str, Callable[[str], list[_Morph] | None]] = {
    "ko": _korean_morphs, "ja": _japanese_morphs, "zh": _chinese_morphs,
}


def _cjk_words(text: str, start: int, end: int, language: str) -> list[Token]:
    """Return the words of ``text[start:end]`` in a CJK language, offsets into ``text``."""
    piece = narrow(text[start:end])
    convert = _t2s() if language == "zh" else None
    if convert is not None:
        simplified = convert(piece)
        # t2s maps character for character on news text; a phrase rule that changed the
        # length would shift offsets, so then the keys alone are converted.
        if len(simplified) == len(piece):
            piece = simplified
            convert = None
    morphs = _MORPHS[language](piece)
    if morphs is None:
        if language == "ko":
            return _plain_words_in(text, start, end)
        return _character_words(text, start, end)
    if _DECIMAL.search(piece):
        morphs = _joined_numbers(piece, morphs)
    # The word being built (c_start < 0: none), flushed when the next one starts. Tokens are
    # made here, not through a helper: a call per word was a fifth of this loop's time.
    key_of: Callable[[str], str] = str.lower if convert is None else _converted_key(convert)
    tokens: list[Token] = []
    append = tokens.append
    c_start, c_end, c_key, c_name = -1, -1, "", False
    prefix: tuple[int, str] | None = None
    last_end = -1
    for a, b, cls, key in morphs:
        if cls == "s":
            if c_start >= 0:
                append(Token(start + c_start, start + c_end, key_of(c_key), c_name))
                c_start = -1
            prefix = None
            last_end = b
            continue
        glued = a == last_end
        if (cls == "b" or cls == "u") and c_start >= 0 and glued:
            c_end = b
            if cls == "u":
                c_key += key
        else:
            if c_start >= 0:
                append(Token(start + c_start, start + c_end, key_of(c_key), c_name))
                c_start = -1
            if cls == "f":
                # A particle is a word of its own, as English prepositions and articles are.
                append(Token(start + a, start + b, key_of(key), False))
                prefix = None
            elif cls == "p":
                prefix = (a, key)
            else:
                if prefix is not None and glued:
                    c_start, c_key = prefix[0], prefix[1] + key
                else:
                    c_start, c_key = a, key
                c_end, c_name = b, cls == "n"
                prefix = None
        last_end = b
    if c_start >= 0:
        append(Token(start + c_start, start + c_end, key_of(c_key), c_name))
    return tokens


def _converted_key(convert: Callable[[str], str]) -> Callable[[str], str]:
    """Return a function giving a key in lower case, Chinese characters through ``convert``."""

    def key_of(key: str) -> str:
        key = key.lower()
        return key if key.isascii() else convert(key)

    return key_of


def _joined_numbers(text: str, morphs: list[_Morph]) -> list[_Morph]:
    """Return the morphemes with decimal and grouped numbers (7.4, 1,200) made one."""
    out: list[_Morph] = []
    i = 0
    while i < len(morphs):
        a, b, cls, key = morphs[i]
        if _DIGITS_ONLY.fullmatch(text[a:b]):
            while (
                i + 2 < len(morphs)
                and morphs[i + 1][0] == b
                and text[b : morphs[i + 1][1]] in (".", ",")
                and morphs[i + 2][0] == morphs[i + 1][1]
                and _DIGITS_ONLY.fullmatch(text[morphs[i + 2][0] : morphs[i + 2][1]])
            ):
                b = morphs[i + 2][1]
                i += 2
            out.append((a, b, "n", text[a:b]))
        else:
            out.append((a, b, cls, key))
        i += 1
    return out
