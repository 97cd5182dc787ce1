from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text import segmenting
from analysis.text.segmenting import paragraph_spans, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentence_spans(text)]


def test_abbreviations_do_not_end_sentences():
    text = "Dr. Smith met No. 10 officials on Jan. 5 in the U.S. capital. They left."
    assert sentences(text) == ["Dr. Smith met No. 10 officials on Jan. 5 in the U.S. capital.", "They left."]


def test_acronym_before_a_sentence_opener_ends_the_sentence():
    assert sentences("He lives in the U.S. The rest is history.") == ["He lives in the U.S.", "The rest is history."]


def test_closing_quote_stays_with_its_sentence():
    text = "“It is done,” Lee said. “We will go on.” Then he left."
    assert sentences(text) == ["“It is done,” Lee said.", "“We will go on.”", "Then he left."]


def test_decimal_numbers_and_initials_do_not_split():
    assert sentences("Growth was 3.5 percent. J. Smith agreed.") == ["Growth was 3.5 percent.", "J. Smith agreed."]


def test_question_and_exclamation_marks_split():
    assert sentences("Can it work? Yes! It can.") == ["Can it work?", "Yes!", "It can."]


def test_sentence_offsets_slice_the_text():
    text = "  First one.  Second one?\nThird.  "
    for s in sentence_spans(text):
        assert text[s.start : s.end] == text[s.start : s.end].strip()
    assert sentences(text) == ["First one.", "Second one?", "Third."]


def test_each_line_is_a_paragraph_in_web_captures():
    text = "Title\nFirst paragraph here.\n\nSecond paragraph.\n \u00a0\n"
    assert [text[p.start : p.end] for p in paragraph_spans(text)] == ["Title", "First paragraph here.", "Second paragraph."]


def test_hard_wrapped_blocks_are_single_paragraphs():
    line = "this line of a wrapped paragraph goes on and on without stopping"
    block = "\n".join([line] * 4) + " end."
    text = "\n\n".join([block] * 3)
    paras = paragraph_spans(text)
    assert len(paras) == 3
    assert text[paras[0].start : paras[0].end] == block


def test_cjk_full_stops_split_without_spaces():
    assert sentences("首脳会談は奈良で開かれた。両首脳は協力を確認した。") == ["首脳会談は奈良で開かれた。", "両首脳は協力を確認した。"]


def test_german_day_numbers_do_not_end_sentences():
    assert sentences("Das Treffen fand am 13. Januar in Nara statt. Es war kurz.") == [
        "Das Treffen fand am 13. Januar in Nara statt.",
        "Es war kurz.",
    ]


def test_a_long_run_of_tiny_fragments_is_read_as_passages_of_about_a_sentence():
    # "Ab. Cd. " x 20,000 made 40,000 passages of three letters, each costing the analysis a passage.
    text = "Ab. Cd. " * 200
    spans = sentence_spans(text)
    assert all(80 <= s.end - s.start < 160 for s in spans)
    assert (spans[0].start, spans[-1].end) == (0, len(text) - 1)
    assert all(a.end < b.start for a, b in zip(spans, spans[1:]))
    assert all(text[s.start : s.end] == text[s.start : s.end].strip() for s in spans)


def test_short_sentences_of_real_prose_stay_sentences():
    assert sentences("It had to be. Probably. Maybe. Right?") == ["It had to be.", "Probably.", "Maybe.", "Right?"]
    # Eight Chinese sentences of nine characters are 27 bytes each: prose, not fragments.
    assert len(sentences("我们今天去北京了。" * 8)) == 8


def test_a_paragraph_without_an_inner_end_mark_is_one_sentence():
    text = "  Related coverage from our newsroom today  "
    assert sentences(text) == ["Related coverage from our newsroom today"]
    assert sentences("Officials said.") == ["Officials said."]


_SEGMENT_PIECES = st.sampled_from(
    ["word ", "Officials said ", "U.S. ", "Mr. ", "3.5 ", ". ", "?! ", "... ", "…", "。", "。。X", "！」", '." ', "?” ",
     "’ ", "(", "\n", " ", "a.b", "갔다.그는 ", "다.", "Lee", ".", "!"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_SEGMENT_PIECES, min_size=1, max_size=30).map("".join), st.integers(0, 40), st.integers(0, 40))
def test_boundaries_read_mark_by_mark_are_those_the_pattern_finds(unit, cut_start, cut_end):
    # Repeated and padded with plain words until the stretch is long and its marks sparse enough.
    text = (unit + " the officials of the ministry met " * 3) * (2_500 // (len(unit) + 102) + 1)
    start, end = cut_start, len(text) - cut_end
    found = [m.span() for m in segmenting._boundaries(text, start, end)]
    assert found == [m.span() for m in segmenting._BOUNDARY.finditer(text, start, end)]


def test_a_korean_ending_just_before_the_stretch_still_ends_a_glued_sentence():
    text = "그는 갔다.그는 왔다." + " 그리고 나서 회의가 열렸다" * 10
    start = text.index("다.") + 1  # the stretch opens with the mark, its ending one character before
    assert [(s.start, s.end) for s in sentence_spans(text, start)][:2] == [(start, start + 1), (start + 1, start + 7)]
