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

``words`` gives each word as a ``Token``; ``word_columns`` gives the same words as columns
(starts, ends, keys, names), for the analyses that read every word of every passage.

Keys are the matching forms: lower case, full-width letters and digits read as ASCII,
Chinese in Simplified characters, Japanese verbs and adjectives in dictionary form, Korean
verbs and adjectives as their stem. ``name`` marks proper nouns and numbers (from the
segmenter's part of speech), which weigh less as evidence of reuse, as capitalised names do
in English.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from typing import Any, NamedTuple

from analysis.text.languages import (
    CJK_LANGUAGES,
    NEEDS_SEGMENTER,
    base_language,
    segmenting_need,
    text_language,
)
from analysis.text.scripts import ascii_words

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


# A word's fields as a plain tuple: how segmented words are made, then cached as columns
# (``WordColumns``). The garbage collector stops tracking a tuple of numbers and strings, never
# a Token (a tuple subclass): cached as Tokens, the 325,000 words of 1,000 Japanese Wikinews
# articles made each full collection walk them all, 0.5 s of the 3.8 s the whole analysis
# took (five collections while segmenting). ``words`` makes the Tokens, each call afresh.
_Word = tuple[int, int, str, bool]
_as_token: Callable[[_Word], Token] = partial(tuple.__new__, Token)


def narrow(text: str) -> str:
    """Return ``text`` with full-width ASCII and ideographic spaces as ASCII (same length)."""
    # Most text has none: a search is far cheaper than a translation through a dict.
    return text.translate(_WIDTH) if _WIDE.search(text) else text


class WordColumns(NamedTuple):
    """The words of a text as columns, one entry per word in text order (see ``Token``).

    What the analyses read in bulk (reuse the keys and names, framing the keys, claims a few
    words near a number): on 1,000 Japanese Wikinews articles, making a Token per word for
    each of the three (1,000,000 Tokens) cost 0.16 s of the 3.1 s the whole analysis took. A
    named tuple made afresh on each call from the cached plain tuple of columns, which the
    garbage collector stops tracking (see ``_Word``).
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    keys: tuple[str, ...]
    names: tuple[bool, ...]

    def tokens(self, lo: int = 0, hi: int | None = None) -> list[Token]:
        """Return words ``lo`` to ``hi`` (a slice's bounds) as Tokens."""
        return list(map(_as_token, zip(self.starts[lo:hi], self.ends[lo:hi], self.keys[lo:hi], self.names[lo:hi])))


_Columns = tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...], tuple[bool, ...]]
_as_columns: Callable[[_Columns], WordColumns] = partial(tuple.__new__, WordColumns)
_NO_COLUMNS: _Columns = ((), (), (), ())


def words(text: str, language: str = "") -> tuple[Token, ...]:
    """Return the words of ``text`` in the language of its script (``language`` as a hint).

    Offsets are into ``text``: ``text[t.start:t.end]`` is the word as written.
    """
    if NEEDS_SEGMENTER.search(text) is None:
        return _plain_words(text)
    return tuple(map(_as_token, zip(*_segmented_words(text, base_language(language)))))


def word_columns(text: str, language: str = "") -> WordColumns:
    """Return the words of ``text`` (see ``words``) as columns, segmented text once (cached)."""
    if NEEDS_SEGMENTER.search(text) is None:
        spans = [m.span() for m in _PLAIN.finditer(text)]
        if not spans:
            return _as_columns(_NO_COLUMNS)
        keys = tuple(text[a:b].lower() for a, b in spans)
        starts, ends = zip(*spans)
        return WordColumns(starts, ends, keys, tuple(text[a].isdigit() for a in starts))
    return _as_columns(_segmented_words(text, base_language(language)))


def word_count(text: str, language: str = "") -> int:
    """Return the number of words of ``text`` (see ``words``), counting spaced text fast."""
    if NEEDS_SEGMENTER.search(text) is None:
        return _spaced_word_count(text)
    return len(_segmented_words(text, base_language(language))[2])


def _spaced_word_count(text: str, outside: str | None = None) -> int:
    """Return the number of words of a text needing no segmenter (``outside``: its ``outside_ascii``)."""
    if len(text) >= _LONG_TEXT and ascii_words(text, outside=outside):
        return _ascii_word_count(text)
    return len(_PLAIN.findall(text))  # built in C: 14 -> 9 ms for 400 KB of prose


def total_word_count(texts: Sequence[str], language: str = "") -> int:
    """Return the number of words of all ``texts`` together (the sum of their ``word_count``).

    Spaced texts are counted as one text, joined by NULs (never part of a word): a document's
    2,800 sentences counted one by one took 13.7 ms of the 400 KB of prose on one line, 2 as one.
    """
    joined = "\0".join(texts)
    segmented, outside = segmenting_need(joined)  # its characters outside ASCII also tell ``ascii_words``
    if not segmented:
        return _spaced_word_count(joined, outside)
    return sum(word_count(t, language) for t in texts)


# A text of ``ascii_words`` at least this long is counted in bytes (``_ascii_word_count``); a
# shorter one by the pattern, whose calls cost less than the bytes' several passes.
_LONG_TEXT = 2_000
# Its UTF-8 bytes read as word characters (a), connectors inside a word (-) and the rest (space):
# every byte of a character outside ASCII is the rest, as the character is (``ascii_words``).
_WORD_CLASSES = bytes(
    b"a"[0] if chr(b).isascii() and (chr(b).isalnum() or chr(b) == "_") else b"-"[0] if chr(b) in "-'" else b" "[0]
    for b in range(256)
)
_CONNECTOR_SPACED = bytes.maketrans(b"-", b" ")
_JOINING = re.compile(rb"-(?<=a-)(?=a)")  # a connector with a word character on both sides


def _ascii_word_count(text: str) -> int:
    """Return ``len(WORD.findall(text))`` for a text of ``ascii_words``, without a string per word.

    A word is a run of word characters, runs joined by one connector (- ' ’) between them: the
    runs less the connectors joining two. Counted on the bytes in C: 400 KB of prose took 9.7 ms
    found by ``WORD``, 8.5 by its ASCII spelling, 2.1 so.
    """
    data = text.encode("utf-8", "surrogatepass").replace("’".encode(), b"'").translate(_WORD_CLASSES)
    joins = len(_JOINING.findall(data))
    runs = data.translate(_CONNECTOR_SPACED)
    return runs.count(b" a") + runs.startswith(b"a") - joins


# Korean, Japanese and Chinese letters: about two make a word in every one of the three
# (FLORES-200 devtest: 2.05 Hangul, 2.1 Japanese and 1.74 Chinese characters per word).
# Counted as the length a copy loses without their runs: a list of every letter took twice as long.
_CJK_LETTERS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_CJK_LETTERS_PER_WORD = 2.0


def estimated_word_count(text: str) -> int:
    """Return about how many words ``text`` has, without running a segmenter.

    Exact for spaced text; CJK letters count half a word each. For thresholds that only need
    a size (cleaning's "long paragraph"), where segmenting every paragraph would cost more
    than the rest of cleaning.
    """
    if NEEDS_SEGMENTER.search(text) is None:
        return len(_PLAIN.findall(text))  # built in C: 14 -> 9 ms for 400 KB of prose
    # The CJK runs made one space each: the copy holds the other words as they were, and its
    # loss of length less the runs is the CJK letters. A page of Japanese is mostly such runs:
    # the other words found in the short copy (by the plain class) took 1,000 Japanese Wikinews
    # articles 0.020 s, in the text with CJK letters excluded from the class 0.035 s (tests/
    # test_tokens.py checks the counts agree).
    rest, runs = _CJK_LETTERS.subn(" ", text)
    letters = len(text) - len(rest) + runs
    return len(_MARKED_WORD.findall(rest)) + round(letters / _CJK_LETTERS_PER_WORD)


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
def _segmented_words(text: str, hint: str) -> _Columns:
    # Cached: reuse, claims, framing and counts read the same passages; each is segmented once.
    # Plain tuples of numbers and strings, which the garbage collector stops tracking: cached
    # as a WordColumns (a tuple subclass) per passage, they were 17,000 more objects for every
    # full collection to walk on 1,000 Japanese Wikinews articles, and set off more of them.
    found = _segmented_tuples(text, hint)
    if not found:
        return _NO_COLUMNS
    starts, ends, keys, names = zip(*found)
    return starts, ends, keys, names


def _segmented_tuples(text: str, hint: str) -> list[_Word]:
    language = text_language(text, hint=hint)
    if language in CJK_LANGUAGES:
        return _cjk_words(text, 0, len(text), language)
    # A spaced text holding runs of another script (a Korean name in an English article):
    # plain words, and each run that needs a segmenter read in the language of its run.
    out: list[_Word] = []
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
            out.append((m.start(), m.end(), piece.lower(), False))
    return out


def _plain_words_in(text: str, start: int, end: int) -> list[_Word]:
    return [
        (m.start(), m.end(), m.group().lower(), m.group()[:1].isdigit())
        for m in _PLAIN.finditer(text, start, end)
    ]


def _character_words(text: str, start: int, end: int) -> list[_Word]:
    """Return one word per letter with its combining marks (the fallback for unspaced scripts)."""
    out: list[_Word] = []
    i = start
    while i < end:
        ch = text[i]
        if not (ch.isalnum() or unicodedata.category(ch).startswith("M")):
            i += 1
            continue
        j = i + 1
        while j < end and unicodedata.category(text[j]).startswith("M"):
            j += 1
        out.append((i, j, text[i:j].lower(), ch.isdigit()))
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
    """Return this thread's MeCab-ko lattice holding ``text`` (one per thread, as MeCab asks)."""
    # One lattice set to each passage in turn (setting a sentence clears what the last parse
    # left): a lattice made per passage cost 0.48 s of parsing 644 Korean Wikinews articles'
    # passages, 0.45 reused (the same output on all 6,900 of them).
    lattice = getattr(_KO_LATTICE, "lattice", None)
    if lattice is None:
        from mecab.utils import create_lattice

        lattice = _KO_LATTICE.lattice = create_lattice(text)
    else:
        lattice.set_sentence(text)
    return lattice


_KO_LATTICE = threading.local()


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


# What one line of MeCab's output says on its own, read once per distinct line (a page repeats
# its particles, endings and names: 485,000 lines of 1,000 Japanese Wikinews articles are
# 22,600 distinct ones, and reading each once took their morphemes from 0.72 to 0.65 s; Korean
# 0.68 to 0.60 s): surface, its length, its class, whether it is a counter when glued
# to a number ("u"), whether it is bound when it follows a word ("b"), its key, its key as a
# counter, whether a counter may follow it, and its key in lower case (the word's key when
# it makes a word alone, as most do). A line that is no morpheme (EOS) is ().
_Line = tuple[str, int, str, bool, bool, str, str, bool, str] | tuple[()]
# Distinct lines of all 3,670 Japanese Wikinews articles: about 60,000 (a few MB).
_LINE_CACHE_SIZE = 400_000

_KO_BOUND = ("E", "XSN", "XSV", "XSA", "VCP", "VCN")
_KO_SKIP = ("SF", "SP", "SS", "SE", "SO", "SW", "SY", "SC")


def _korean_line(line: str) -> _Line:
    """Return what one line of MeCab-ko's output (surface, tab, features) says by itself."""
    surface, _, feature = line.partition("\t")
    if not surface or not feature:
        return ()  # the closing EOS
    pos = feature[:feature.find(",")] if "," in feature else feature
    tag = pos.split("+", 1)[0]
    if tag.startswith(_KO_SKIP):
        cls = "s"
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
    # 180명, 13일: a bound noun or numeral glued to a number (its key is its surface).
    return (surface, len(surface), cls, tag in ("NNBC", "NR"), False, key, surface, tag == "SN", key.lower())


def _korean_lines(text: str) -> list[str] | None:
    tagger = _mecab_ko()
    if tagger is None:
        return None
    # The lattice directly, read as MeCab's text output (surface, tab, features): python-mecab-
    # ko's parse() builds a named tuple per feature field (6.0 of 8.3 s on 300 Korean Wikinews
    # articles), and reading each node's attributes through the binding made the words of
    # 1,000 Korean Wikinews articles cost 1.23 s of CPU against 0.97 s with this text.
    lattice = _mecab_lattice(text)
    if not tagger._tagger.parse(lattice):
        return None
    return lattice.to_string().split("\n")


_JA_BOUND = ("助動詞", "接尾辞")
_JA_SKIP = ("補助記号", "空白", "記号")
_JA_INFLECTED = ("動詞", "形容詞")


def _japanese_line(line: str) -> _Line:
    """Return what one line of MeCab's Japanese output (see ``_JA_FORMAT``) says by itself."""
    fields = line.split("\t")
    surface = fields[0]
    if len(fields) < 5 or not surface:
        return ()  # the closing EOS, and a leading ideographic space (fugashi strips the output)
    pos1, pos2, pos3 = fields[1], fields[2], fields[3]
    if pos1 in _JA_SKIP:
        cls = "s"
    elif pos1 == "助詞":
        cls = "f"
    elif pos1 in _JA_BOUND:
        cls = "b"
    elif pos1 == "接頭辞":
        cls = "p"
    elif pos2 == "固有名詞" or pos2 == "数詞" or (surface[:1].isascii() and surface[:1].isupper()):
        cls = "n"
    else:
        cls = "c"
    # 2008年, 3万, 136人, 7回: one number with its counter, when glued to a number.
    unit = pos2 == "数詞" or pos3.startswith("助数詞") or pos1 == "接尾辞"
    # A dependent verb or adjective (している, てほしい) binds to a word before it.
    bound = pos1 in _JA_INFLECTED and pos2 == "非自立可能"
    key = fields[4] if pos1 in _JA_INFLECTED and fields[4] else surface  # orthBase: dictionary form
    return (surface, len(surface), cls, unit, bound, key, key, key[-1:].isdigit(), key.lower())


def _japanese_lines(text: str) -> list[str] | None:
    tagger = _fugashi()
    if tagger is None:
        return None
    return tagger.parse(text).split("\n")


# Per language: MeCab's output lines for a text, what a line says by itself, the lines read.
_LINE_READERS: dict[str, tuple[Callable[[str], list[str] | None], Callable[[str], _Line], dict[str, _Line]]] = {
    "ko": (_korean_lines, _korean_line, {}),
    "ja": (_japanese_lines, _japanese_line, {}),
}


def _read_lines(language: str, text: str) -> tuple[list[str], Callable[[str], _Line], dict[str, _Line]] | None:
    """Return MeCab's lines for ``text``, with the cache of what each line says and its reader."""
    lines_of, read, cache = _LINE_READERS[language]
    lines = lines_of(text)
    if lines is None:
        return None
    if len(cache) > _LINE_CACHE_SIZE:
        cache.clear()
    return lines, read, cache


def _line_morphs(text: str, language: str) -> list[_Morph] | None:
    """Return the morphemes of ``text`` from MeCab's lines, each class read in context."""
    got = _read_lines(language, text)
    if got is None:
        return None
    lines, read, cache = got
    get = cache.get
    out: list[_Morph] = []
    append = out.append
    find = text.find
    pos = 0
    prev_end, prev_cls, prev_counts = -1, "s", False
    for line in lines:
        info = get(line)
        if info is None:
            info = cache[line] = read(line)
        if not info:
            continue
        surface, size, cls, unit, bound, key, unit_key, counts, _ = info
        a = find(surface, pos)
        if a < 0:
            continue
        b = pos = a + size
        if cls != "s":
            if unit and prev_counts and a == prev_end:
                cls, key = "u", unit_key
            elif bound and prev_cls != "s":
                cls = "b"
        append((a, b, cls, key))
        prev_end, prev_cls, prev_counts = b, cls, counts
    return out


def _line_words(text: str, language: str, start: int) -> list[_Word] | None:
    """Return the words of ``text`` read from MeCab's lines in one pass, offsets plus ``start``.

    ``_line_morphs`` then ``_joined_words`` in one loop, without a list of morphemes between
    them (485,000 of them in 1,000 Japanese Wikinews articles, whose segmenting took about
    0.86 s in two passes and 0.82 s in one); text with decimal numbers, which join across
    morphemes, takes the two passes.
    """
    got = _read_lines(language, text)
    if got is None:
        return None
    lines, read, cache = got
    find = text.find
    tokens: list[_Word] = []
    append = tokens.append
    pos = 0
    # The morpheme before (its end, whether it was punctuation, whether a counter may follow
    # it) and the word being built (c_start < 0: none), as in the two passes.
    last_end, last_skipped, last_counts = -1, True, False
    # c_low: the word's key in lower case while it is one morpheme's (read once per line).
    c_start, c_end, c_key, c_low, c_name = -1, -1, "", "", False
    prefix: tuple[int, str] | None = None
    for line in lines:
        try:
            info = cache[line]  # most lines were read before: no call to look them up
        except KeyError:
            info = cache[line] = read(line)
        if not info:
            continue
        surface, size, cls, unit, bound, key, unit_key, counts, low = info
        a = find(surface, pos)
        if a < 0:
            continue
        b = pos = a + size
        if cls == "s":
            if c_start >= 0:
                append((start + c_start, start + c_end, c_low or c_key.lower(), c_name))
                c_start = -1
            prefix = None
            last_end, last_skipped, last_counts = b, True, counts
            continue
        glued = a == last_end
        if unit and last_counts and glued:
            cls, key = "u", unit_key
        elif bound and not last_skipped:
            cls = "b"
        last_end, last_skipped, last_counts = b, False, counts
        if (cls == "b" or cls == "u") and c_start >= 0 and glued:
            c_end = b
            if cls == "u":
                c_key += key
                c_low = ""
            continue
        if c_start >= 0:
            append((start + c_start, start + c_end, c_low or c_key.lower(), c_name))
            c_start = -1
        if cls == "f":
            append((start + a, start + b, low, False))
            prefix = None
        elif cls == "p":
            prefix = (a, key)
        else:
            if prefix is not None and glued:
                c_start, c_key, c_low = prefix[0], prefix[1] + key, ""
            else:
                c_start, c_key, c_low = a, key, low
            c_end, c_name = b, cls == "n"
            prefix = None
    if c_start >= 0:
        append((start + c_start, start + c_end, c_low or c_key.lower(), c_name))
    return tokens


def _korean_morphs(text: str) -> list[_Morph] | None:
    return _line_morphs(text, "ko")


def _japanese_morphs(text: str) -> list[_Morph] | None:
    return _line_morphs(text, "ja")


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


def _cjk_words(text: str, start: int, end: int, language: str) -> list[_Word]:
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
    if language in _LINE_READERS and _DECIMAL.search(piece) is None:
        found = _line_words(piece, language, start)
        if found is not None:
            return found
    morphs = _MORPHS[language](piece)
    if morphs is None:
        if language == "ko":
            return _plain_words_in(text, start, end)
        return _character_words(text, start, end)
    if _DECIMAL.search(piece):
        morphs = _joined_numbers(piece, morphs)
    key_of: Callable[[str], str] = str.lower if convert is None else _converted_key(convert)
    return _joined_words(morphs, start, key_of)


def _joined_words(morphs: list[_Morph], start: int, key_of: Callable[[str], str]) -> list[_Word]:
    """Return the words the morphemes make (bound ones glued to theirs), offsets plus ``start``."""
    # The word being built (c_start < 0: none), flushed when the next one starts. Words are
    # made here, not through a helper: a call per word was a fifth of this loop's time.
    tokens: list[_Word] = []
    append = tokens.append
    c_start, c_end, c_key, c_name = -1, -1, "", False
    prefix: tuple[int, str] | None = None
    last_end = -1
    for a, b, cls, key in morphs:
        if cls == "s":
            if c_start >= 0:
                append((start + c_start, start + c_end, key_of(c_key), c_name))
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
                append((start + c_start, start + c_end, key_of(c_key), c_name))
                c_start = -1
            if cls == "f":
                # A particle is a word of its own, as English prepositions and articles are.
                append((start + a, start + b, key_of(key), False))
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
        append((start + c_start, start + c_end, key_of(c_key), c_name))
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
