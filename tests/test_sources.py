"""Attributed sources: who a sentence credits, with the offsets of the name."""

from __future__ import annotations

import pytest

from analysis.text.sources import attributed_sources


def names(text: str) -> list[tuple[str, str]]:
    found = attributed_sources(text)
    for s in found:
        assert text[s.start:s.end] == s.name
    return [(s.name, s.cue) for s in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to NHK, Lee emphasized the ties.", [("NHK", "according to")]),
        ("Lee told Yonhap that ties matter.", [("Yonhap", "told")]),
        ("Lee hoped so, News.Az reports, citing The Diplomat.", [("News.Az", "reported"), ("The Diplomat", "citing")]),
        ("In a Monday interview with Japan's NHK television, Lee spoke.", [("NHK", "interview")]),
        ("According to reports from Nikkei, the summit went well.", [("Nikkei", "according to")]),
        ("SEOUL, Jan. 13 (Yonhap) -- President Lee said", [("Yonhap", "credit")]),
        ("(Yonhap) -- President Lee said", [("Yonhap", "credit")]),
        ("WASHINGTON (Reuters) - The Senate voted.", [("Reuters", "credit")]),
        ("It rose, according to the U.S. Census Bureau.", [("U.S. Census Bureau", "according to")]),
        ("Trump told The Associated Press on Friday.", [("The Associated Press", "told")]),
    ],
)
def test_named_sources_are_found_with_their_cue(text, expected):
    assert names(text) == expected


def test_unnamed_sources_credit_nobody():
    assert names("Lee told reporters that it matters.") == []
    assert names("According to a Japanese media report, the talks are set.") == []


def test_a_name_stops_at_the_end_of_its_sentence_and_at_a_possessive():
    assert names("“No,” she told CNN. Asked whether he left, she said no.") == [("CNN", "told")]
    assert names("She told The Washington Post’s Manuel Roig-Franzia that it was.") == [
        ("The Washington Post", "told")
    ]


def test_offsets_point_into_the_whole_text_when_a_span_is_given():
    text = "Intro sentence. Lee told Yonhap on Monday. According to NHK, yes."
    start = text.index("Lee")
    end = text.index("According")
    (found,) = attributed_sources(text, start, end)
    assert (found.name, text[found.start:found.end]) == ("Yonhap", "Yonhap")
