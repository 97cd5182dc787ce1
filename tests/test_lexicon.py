"""The framing lexicon: file format, errors that name the line, editing helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.framing.lexicon import (
    DEFAULT_PRESET,
    LEXICON_PRESETS,
    Lexicon,
    LexiconEntry,
    LexiconError,
    default_lexicon,
    lexicon_to_toml,
    load_lexicon,
    parse_lexicon,
    preset_lexicon,
)

SMALL = """\
# a comment
[pragmatism]
pragmatism = ["pragmatic", "pragmatically"]
"practical cooperation" = []

[hawkishness]
hawk = ["hawks", "hawkish"]
"""


def test_each_table_is_a_frame_and_each_key_a_canonical_term_with_its_variants():
    lexicon = parse_lexicon(SMALL)
    assert lexicon.frames == ("pragmatism", "hawkishness")
    assert lexicon.terms == ("pragmatism", "practical cooperation", "hawk")
    assert lexicon.entry("hawk") == LexiconEntry("hawk", "hawkishness", ("hawks", "hawkish"))
    assert lexicon.entry("HAWK").forms == ("hawk", "hawks", "hawkish")


def test_the_default_lexicon_has_the_six_frames_and_the_terms_the_issue_asks_for():
    lexicon = default_lexicon()
    assert lexicon.frames == ("pragmatism", "hawkishness", "diplomacy", "history", "security", "economic")
    forms = {f.casefold(): e.frame for e in lexicon.entries for f in e.forms}
    for form, frame in {
        "pragmatism": "pragmatism", "pragmatic": "pragmatism", "pragmatically": "pragmatism",
        "practical cooperation": "pragmatism", "hawk": "hawkishness", "hawks": "hawkishness",
        "hawkish": "hawkishness", "hardball": "hawkishness", "hardline": "hawkishness",
        "shuttle diplomacy": "diplomacy", "future-oriented": "diplomacy",
        "forward-looking": "diplomacy", "reset ties": "diplomacy",
        "squarely facing history": "history", "face history squarely": "history",
        "colonial rule": "history", "forced labor": "history", "historical disputes": "history",
    }.items():
        assert forms[form] == frame, form
    assert lexicon.entries_of("security") and lexicon.entries_of("economic")


def test_toml_text_round_trips_to_an_equal_lexicon():
    lexicon = default_lexicon()
    assert parse_lexicon(lexicon_to_toml(lexicon)) == lexicon
    assert lexicon_to_toml(parse_lexicon(lexicon_to_toml(lexicon))) == lexicon_to_toml(lexicon)


def test_lexicons_are_hashable_and_equal_ones_hash_alike():
    assert hash(parse_lexicon(SMALL)) == hash(parse_lexicon(SMALL))
    assert len({parse_lexicon(SMALL), parse_lexicon(SMALL)}) == 1


def test_with_entry_adds_or_replaces_and_without_entry_removes():
    lexicon = parse_lexicon(SMALL)
    added = lexicon.with_entry("hardball", "hawkishness")
    assert added.terms[-1] == "hardball" and lexicon.terms == parse_lexicon(SMALL).terms
    replaced = added.with_entry("Hawk", "hawkishness", ["hawkishness"])
    assert replaced.entry("hawk").variants == ("hawkishness",)
    assert replaced.terms.index("Hawk") == 2
    assert "hawk" not in added.without_entry("HAWK").terms
    assert added.without_entry("absent") == added


def test_variants_drop_blanks_duplicates_and_the_term_itself():
    entry = LexiconEntry("hawk", "hawkishness", ("Hawk", "hawks", " hawks ", "hawkish  stance"))
    assert entry.variants == ("hawks", "hawkish stance")


def test_a_term_in_two_frames_is_an_error_naming_the_second_line():
    text = '[a]\nhawk = []\n\n[b]\n"hawk" = ["hawks"]\n'
    with pytest.raises(LexiconError) as err:
        parse_lexicon(text)
    assert err.value.line == 5
    assert "hawk" in str(err.value) and "line 5" in str(err.value)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[diplomacy]\n"shuttle diplomacy" = ["shuttle\n', 2, "not valid TOML"),
        ("[diplomacy]\nreset = [1, 2]\n", 2, "list of strings"),
        ('[diplomacy]\n"reset ties" = ["reset (ties"]\n', 2, "may only contain"),
        ('[diplomacy]\n"   " = ["x"]\n', 2, "empty"),
        ('hawk = ["hawks"]\n', 1, "frame table"),
        ("[empty]\n\n[hawkishness]\nhawk = []\n", 1, "no terms"),
        ('[a]\nx = []\n[a]\ny = []\n', 3, "not valid TOML"),
        ('[a]\nx = []\n\ny = ["open"\n', 4, "Unclosed array at the end of the file"),
        ('[a]\nx = []\n\ny = ["a*a*a*a*a*a*a*a*b"]\n', 4, "a word may hold one * at most"),
        ('[a]\n"a*a*b" = []\n', 2, "a word may hold one * at most"),
        ('[a]\nx = ["' + "long" * 30 + '"]\n', 2, "at most 80 are allowed"),
        ('[a]\nx = ["' + " ".join(["word"] * 9) + '"]\n', 2, "has 9 words; at most 8"),
        ("[a]\nx = [" + ", ".join(f'"x{n}"' for n in range(50)) + "]\n", 2, "has 51 forms; at most 50"),
    ],
)
def test_a_malformed_lexicon_raises_an_error_naming_the_line(text, line, words):
    with pytest.raises(LexiconError) as err:
        parse_lexicon(text)
    assert err.value.line == line
    assert words in str(err.value)
    assert f"line {line}" in str(err.value)


def test_one_wildcard_per_word_is_allowed_in_every_word_of_a_phrase():
    entry = parse_lexicon('[h]\n"colonial*" = ["forc* labo*r", "histor*"]\n').entry("colonial*")
    assert entry.variants == ("forc* labo*r", "histor*")


def test_load_lexicon_names_the_file_and_line(tmp_path: Path):
    path = tmp_path / "mine.toml"
    path.write_text(SMALL + "bad = \n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    assert err.value.line == 8 and err.value.path == str(path)
    assert str(err.value).startswith(f"{path}, line 8: ")
    path.write_text(SMALL, encoding="utf-8")
    assert load_lexicon(path) == parse_lexicon(SMALL)


def test_a_missing_lexicon_file_is_a_lexicon_error(tmp_path: Path):
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "absent.toml")


_words = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
_forms = st.lists(_words, min_size=1, max_size=3).map(" ".join)


@given(
    st.dictionaries(
        st.sampled_from(["pragmatism", "history", "a frame", "x-y"]),
        st.dictionaries(_forms, st.lists(_forms, max_size=3), min_size=1, max_size=4),
        min_size=1,
        max_size=3,
    )
)
def test_any_valid_lexicon_survives_a_round_trip_through_toml(spec):
    lexicon = Lexicon()
    for frame, terms in spec.items():
        for term, variants in terms.items():
            if term.casefold() not in {t.casefold() for t in lexicon.terms}:
                lexicon = lexicon.with_entry(term, frame, variants)
    assert parse_lexicon(lexicon_to_toml(lexicon)) == lexicon


def test_an_entry_added_to_an_earlier_frame_joins_that_frame_and_survives_a_round_trip():
    lexicon = parse_lexicon(SMALL).with_entry("realpolitik", "pragmatism")
    assert lexicon.terms == ("pragmatism", "practical cooperation", "realpolitik", "hawk")
    assert parse_lexicon(lexicon_to_toml(lexicon)) == lexicon


@pytest.mark.parametrize("name", LEXICON_PRESETS)
def test_every_preset_by_beat_loads_reads_back_from_toml_and_has_several_frames(name: str):
    lexicon = preset_lexicon(name)
    assert len(lexicon.frames) >= 6 and len(lexicon.terms) >= 40
    assert parse_lexicon(lexicon_to_toml(lexicon)) == lexicon


def test_the_default_lexicon_is_the_korea_japan_diplomacy_preset_and_presets_differ():
    assert DEFAULT_PRESET == "diplomacy" and LEXICON_PRESETS[DEFAULT_PRESET] == "Korea–Japan diplomacy"
    assert default_lexicon() == preset_lexicon("diplomacy")
    assert {"illegal immigrant", "undocumented immigrant"} <= set(preset_lexicon("us_politics").terms)
    assert {"recession", "inflation"} <= set(preset_lexicon("economy").terms)
    with pytest.raises(LexiconError, match="no lexicon preset named 'sports'"):
        preset_lexicon("sports")
