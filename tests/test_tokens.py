"""Word counts of the text layer: the fast paths count exactly what the word pattern finds."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text.languages import NEEDS_SEGMENTER
from analysis.text.records import WORD, article_words, count_words
from analysis.text.tokens import _ascii_word_count, estimated_word_count, total_word_count, word_count
from tests.factories import make_corpus, make_document

# Pieces with the shapes a word count tells apart: connectors inside and between words, runs of
# them, marks outside ASCII that are not word characters, NULs and separators.
_PIECES = st.sampled_from(
    ["a", "Lee", "9", "_", "-", "'", "’", "--", "x-y", "it's", "rock'n'roll", " ", "\n", "\0", "\x1e", "—", "“", "”",
     "…", ".", "U.S.", "3.5", "\ud800"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_counting_in_bytes_finds_as_many_words_as_the_pattern(text):
    assert _ascii_word_count(text) == len(WORD.findall(text))


@settings(max_examples=50, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40).map("".join))
def test_a_long_text_counts_the_words_the_pattern_finds(text):
    long_text = (text + " ") * (2_100 // (len(text) + 1) + 1)
    assert word_count(long_text) == len(WORD.findall(long_text))


def test_a_long_text_with_letters_outside_ascii_is_counted_by_the_pattern():
    text = "Café au lait, naïve résumé — Zürich’s x-ray. " * 100
    assert word_count(text) == len(WORD.findall(text))


def test_texts_counted_together_count_as_the_sum_of_each():
    texts = ["The two leaders met in Nara.", "Lee’s rock'n'roll", "x-", "-y", "", "양국 정상은 셔틀 외교를 이어가기로 했다."]
    assert total_word_count(texts, "ko") == sum(word_count(t, "ko") for t in texts)
    spaced = texts[:5] * 200
    assert total_word_count(spaced) == sum(word_count(t) for t in spaced)


def test_article_words_sum_the_words_of_the_title_and_body_passages():
    doc = make_document("Title of it\n\n" + "Officials met on Monday. They didn't agree on the x-ray plan. " * 60)
    corpus = make_corpus(doc)
    expected = sum(count_words(p.text, doc.language) for p in corpus.passages_of("d1") if p.is_article)
    assert article_words(corpus, "d1") == expected > 600


# The other words of an unspaced text as first counted: runs of word characters and Indic marks
# that are not CJK letters, found in the text itself (CJK letters end a run).
_NON_CJK_WORD = re.compile(
    r"(?:[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[\u0900-\u0dff])+"
)
_CJK_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["会談", "を", "ー", "\u3040", "\u30ff", "\uf900", "회담", "नमस्ते", "स्", "สวัสดี", "abc",
                                 "x-y", "12", "_", "é", "Ω", "、", " ", "\n"]), max_size=30).map("".join))
def test_an_unspaced_texts_estimate_counts_its_other_words_and_half_its_cjk_letters(text):
    if NEEDS_SEGMENTER.search(text) is None:  # spaced text: exactly its words
        expected = len(WORD.findall(text))
    else:
        expected = len(_NON_CJK_WORD.findall(text)) + round(len(_CJK_LETTER.findall(text)) / 2)
    assert estimated_word_count(text) == expected
