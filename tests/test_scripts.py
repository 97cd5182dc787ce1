"""Script and language guesses of the text layer."""

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text.scripts import ascii_words, dominant_script, guess_language, outside_ascii


def test_latin_text_with_curly_quotes_and_dashes_is_all_latin():
    assert dominant_script("“It is done” — Lee’s team said.") == ("LATIN", 1.0)
    assert dominant_script("“ — ” 12") == ("", 0.0)


def test_a_non_letter_outside_ascii_is_not_counted_as_a_letter():
    assert dominant_script("x² and ½") == ("LATIN", 1.0)
    assert dominant_script("Café in Zürich") == ("LATIN", 1.0)


def test_other_scripts_keep_their_share_of_the_letters():
    script, share = dominant_script("Seoul 서울에서 회담")
    assert script == "HANGUL" and 0.5 < share < 1.0


def test_function_words_pick_the_language():
    assert guess_language("The talks were held in the capital and the leaders met with the press.") == "en"
    assert guess_language("Les dirigeants sont arrivés dans la capitale pour une réunion avec les ministres et des experts.") == "fr"
    assert guess_language("Der Minister ist nicht mit den anderen auf die Reise gegangen, und das wurde auch bemerkt.") == "de"
    assert guess_language("Talks") == ""


def _dominant_script_letter_by_letter(text: str) -> tuple[str, float]:
    # The definition: every letter looked at in turn, scripts in the order first met, ASCII
    # letters counted as Latin last; the most letters win, the first met on a tie.
    import unicodedata
    from collections import Counter

    counts: Counter[str] = Counter()
    ascii_letters = 0
    for ch, n in Counter(text).items():
        if ch.isalpha():
            if ch.isascii():
                ascii_letters += n
            else:
                head = unicodedata.name(ch, "").split(" ", 1)[0]
                counts["CJK" if head in {"CJK", "HIRAGANA", "KATAKANA"} else head] += n
    if ascii_letters:
        counts["LATIN"] += ascii_letters
    total = sum(counts.values())
    if not total:
        return "", 0.0
    script, n = counts.most_common(1)[0]
    return script, n / total


_MIXED_ALPHABET = "서울에서ㄱᄀ회담会談を行ったーヽ・々〆ｶﾀ丽豈漢字Café é Zürich Москва ἀθῆναι ١٢ x²½ 12,.!?「」"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_MIXED_ALPHABET, max_size=40))
def test_dominant_script_counts_letters_as_one_by_one_would(text):
    assert dominant_script(text) == _dominant_script_letter_by_letter(text)


def test_ties_between_scripts_go_to_the_script_met_first():
    for text in ("서울 東京", "東京 서울", "ab 東京", "東京 ab", "é 東京 a", "Мо 会談", "会談 Мо", "ﾀ会"):
        assert dominant_script(text) == _dominant_script_letter_by_letter(text)


def test_letters_counted_in_bulk_are_letters_of_their_script():
    from analysis.text.scripts import _BULK_SCRIPTS, script_of

    for script, pattern in _BULK_SCRIPTS:
        ranges = re.findall(r"\\u(\w{4})-\\u(\w{4})", pattern.pattern)
        assert ranges
        for lo, hi in ranges:
            for code in range(int(lo, 16), int(hi, 16) + 1):
                ch = chr(code)
                assert ch.isalpha() and script_of(ch) == script, hex(code)


def test_kana_is_every_character_named_hiragana_or_katakana():
    import unicodedata

    from analysis.text.scripts import _KANA_NAMED

    named = {c for c in range(0x20000) if unicodedata.name(chr(c), "").startswith(("HIRAGANA", "KATAKANA"))}
    matched = {c for c in range(0x20000) if _KANA_NAMED.match(chr(c))}
    assert named == matched
    assert guess_language("高市早苗首相と李在明大統領・会談") == "ja"  # the middle dot is named KATAKANA
    assert guess_language("高市早苗首相与李在明总统会晤") == "zh"


def test_ascii_words_tells_a_text_whose_letters_and_digits_are_all_ascii():
    assert ascii_words("“It’s done” — Lee’s team said… 2 ½") is False  # ½ is a digit outside ASCII
    assert ascii_words("“It’s done” — Lee’s team said… 2 x²") is False
    assert ascii_words("“It’s done” — Lee’s team said… 2") is True
    assert ascii_words("Café") is False
    assert ascii_words("") is True


def test_lower_casing_a_character_outside_ascii_that_is_no_letter_or_digit_never_makes_one():
    # Why a text of ``ascii_words`` may be scanned lower-cased with the ASCII classes unchecked,
    # and its letters read from its bytes.
    made = [
        hex(c) for c in range(0x80, sys.maxunicode + 1)
        if not chr(c).isalnum() and any(x.isalnum() for x in chr(c).lower())
    ]
    assert made == []


def _guess_from_every_letter_run(text: str) -> str:
    """Return guess_language's answer for a Latin text, its letter runs read by the Unicode pattern (the oracle)."""
    from collections import Counter

    from analysis.text.scripts import _STOPWORD_LANGUAGES, _STOPWORDS

    words = Counter(re.findall(r"[^\W\d_]+", text.lower()))
    scores = dict.fromkeys(_STOPWORDS, 0)
    for w in words.keys() & _STOPWORD_LANGUAGES.keys():
        for lang in _STOPWORD_LANGUAGES[w]:
            scores[lang] += words[w]
    (best, top), (_, second) = sorted(scores.items(), key=lambda kv: -kv[1])[:2]
    return best if top >= 3 and top >= 2 * second else ""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the ", "THE ", "The", "and ", "of,", "le ", "les ", "et ", "der ", "und ", "y ", "el ",
                                 "’s ", "“", "—", "9", "_", "x ", "Nara ", "\n", "\ud800"]), max_size=40).map("".join))
def test_the_language_guess_read_from_bytes_is_the_one_read_from_letter_runs(text):
    if dominant_script(text)[0] == "LATIN":
        assert guess_language(text) == _guess_from_every_letter_run(text)


_ASCII_WORDED = st.text(alphabet=st.sampled_from([*map(chr, range(128)), *"’‘“”—–…\xa0\u2009"]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_ASCII_WORDED)
def test_in_an_ascii_worded_text_unicode_classes_find_what_ascii_ones_find(text):
    assert ascii_words(text)
    for unicode, ascii_spelled in ((r"[^\W\d_]+", "[A-Za-z]+"), (r"\w+", "[0-9A-Za-z_]+"), (r"\d+", "[0-9]+")):
        assert re.findall(unicode, text) == re.findall(ascii_spelled, text)


def test_every_letter_needing_a_segmenter_is_outside_ascii():
    # Why a long text is searched for them in its ``outside_ascii`` characters only.
    from analysis.text.languages import NEEDS_SEGMENTER, has_segmented_script

    assert not any(NEEDS_SEGMENTER.match(chr(c)) for c in range(128))
    prose = "The leaders met in Nara — “again”. " * 200
    assert not has_segmented_script(prose)
    assert has_segmented_script(prose + "회담") and has_segmented_script("会談 " + prose)
    assert outside_ascii("a “b” c") == "“”" and outside_ascii("abc") == ""


def test_a_paragraphs_script_is_the_same_read_alone_or_again_after_its_documents_paragraphs():
    from analysis.text import scripts

    paragraphs = ["高市早苗首相は13日、首脳会談を行った。", "이재명 대통령은 13일 정상회담을 했다.", "Mixed 会談 text", "Plain English."]
    scripts._recent.clear()
    alone = [scripts.dominant_script(p) for p in paragraphs]
    assert scripts.dominant_scripts(paragraphs) == alone
    assert [scripts.dominant_script(p) for p in paragraphs] == alone  # answered from what was kept
    assert scripts.dominant_script("漢字だけ") == ("CJK", 1.0)  # a text not kept is counted
