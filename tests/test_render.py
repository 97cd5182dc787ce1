"""Safe rendering: every piece of article text is escaped before any <mark> is added."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from analysis.text.records import Document, Passage
from dashboard.render import Mark, article_html, heading_html, highlighted

HOSTILE = (
    'Hello <script>alert(1)</script> <img src=x onerror="alert(2)"> <style>body{display:none}</style>'
    ' <iframe src="https://evil.example"></iframe> <a href="javascript:alert(3)">x</a>'
    " [click](javascript:alert(4)) ![img](https://evil.example/p.png) $x^2$"
)


def _tags(markup: str) -> set[str]:
    return set(re.findall(r"<\s*([a-zA-Z]+)", markup))


def _document(text: str) -> Document:
    return Document("d1", "Outlet", "Title", None, "", "en", "", text)


def test_hostile_text_comes_out_with_no_tag_of_its_own():
    out = highlighted(HOSTILE, [Mark(0, 5, "focus", note='"><script>x</script>')])
    assert _tags(out) == {"mark"}
    assert "&lt;script&gt;" in out


def test_a_mark_wraps_exactly_the_marked_characters():
    text = "The summit in Nara began."
    out = highlighted(text, [Mark(14, 18, "claim")])
    assert out == 'The summit in <mark class="px-claim">Nara</mark> began.'


def test_overlapping_marks_carry_both_classes_on_the_overlap():
    out = highlighted("abcdef", [Mark(0, 4, "reuse"), Mark(2, 6, "frame")])
    assert out == (
        '<mark class="px-reuse">ab</mark><mark class="px-reuse px-frame">cd</mark>'
        '<mark class="px-frame">ef</mark>'
    )


def test_a_window_clips_marks_that_run_past_it():
    out = highlighted("0123456789", [Mark(2, 8, "claim")], start=4, end=6)
    assert out == '<mark class="px-claim">45</mark>'


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=5))
def test_removing_the_tags_and_unescaping_gives_back_the_text(text, pairs):
    marks = [Mark(min(a, b), max(a, b), "reuse") for a, b in pairs]
    out = highlighted(text, marks)
    assert html.unescape(re.sub(r"<[^>]*>", "", out)) == text
    assert _tags(out) <= {"mark"}


def test_an_article_shows_set_aside_passages_dimmed_with_their_reason():
    text = "Title here\nBody sentence one. Body two.\nRead more <b>now</b>"
    doc = _document(text)
    passages = (
        Passage("d1:0", "d1", "title", 0, 10, "Title here", paragraph=0),
        Passage("d1:1", "d1", "body", 11, 29, text[11:29], paragraph=1),
        Passage("d1:2", "d1", "body", 30, 39, text[30:39], paragraph=1),
        Passage("d1:3", "d1", "boilerplate", 40, len(text), text[40:], "link prompt", paragraph=2),
    )
    out = article_html(doc, passages, [Mark(16, 24, "frame")])
    assert out.count("<p>") == 3
    assert 'title="link prompt"' in out
    assert "&lt;b&gt;now&lt;/b&gt;" in out
    assert '<mark class="px-frame">sentence</mark>' in out
    hidden = article_html(doc, passages, show_set_aside=False)
    assert "Read more" not in hidden


def test_hidden_passages_in_the_middle_of_a_paragraph_do_not_leak_through_the_gap():
    text = "One. Subscribe now! Two."
    doc = _document(text)
    passages = (
        Passage("d1:0", "d1", "body", 0, 4, "One."),
        Passage("d1:1", "d1", "boilerplate", 5, 19, "Subscribe now!", "prompt"),
        Passage("d1:2", "d1", "body", 20, 24, "Two."),
    )
    assert "Subscribe" not in article_html(doc, passages, show_set_aside=False)


def test_headings_escape_titles_and_outlet_names():
    out = heading_html("<img src=x onerror=alert(1)>", "[x](javascript:y)")
    assert "<img" not in out
    assert "&lt;img" in out
