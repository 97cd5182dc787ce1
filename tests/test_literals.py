"""The literals a pattern requires, read from the pattern: the filter never turns away a match."""

from __future__ import annotations

import copy
import json
import re
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis.claims.dates as dates
import analysis.text.literals as text_literals
from analysis.claims import extraction
from analysis.text import sources
from analysis.text.literals import (
    _UNMODELLED,
    FOLDS_TO_ASCII,
    LiteralFilter,
    _any_of,
    first_characters,
    led_by_first_characters,
    longest_match,
    match_spans,
    required_literals,
)
from tests.factories import CORPORA
from tests.test_dates import _TRICKY

MEANTIME = CORPORA / "meantime_en" / "intra_cross-doc_annotation"
BASIL = CORPORA / "basil" / "articles"

_PATTERNS = [p for p, _, _ in dates._RULES] + [
    dates._THE_DAY, dates._SAME_PERIOD, dates._THAN_PLANNED, dates._YEAR_BEFORE, dates._WHOLE_YEAR,
    dates._THAT_TIME, extraction._ORDINAL, extraction._NUMBER, *(p for _, p in sources._PATTERNS),
]

_CLAUSES = [(p, required_literals(p)) for p in _PATTERNS]
_GATE = LiteralFilter(_PATTERNS)

_SAMPLES = [
    _TRICKY,
    "Talks ran from Jan. 5 to Feb. 10, 2019; two weeks later, the 3rd round, 1,200 troops, $4.5 billion, 12%.",
    "the same month a year ago, three days later than originally planned, the year previous, by that time",
    "In the 1990s and the '80s, on 2024-02-29, 12/31/99, the fourth quarter of last year, 21st century",
    "He left the day before. That same day, the entire year, the second time, sixty-one percent",
    "SEOUL, Jan. 13 (Yonhap) -- Lee told Yonhap, according to NHK, citing The Diplomat; laut Reuters",
]


def _clauses_hold(text: str) -> None:
    if _UNMODELLED.search(text):
        return  # outside the model (a non-ASCII digit, a long s): the filter lets every pattern through
    for pattern, clauses in _CLAUSES:
        for m in pattern.finditer(text):
            for literals, folded in clauses:
                found = m.group().lower() if folded else m.group()
                assert any(s in found for s in literals), (pattern.pattern[:60], m.group(), literals)


def _without_filters(monkeypatch: pytest.MonkeyPatch) -> None:
    # The rules' declared needs stay (they were applied before the filter); nothing else.
    declared = copy.copy(dates._FILTER)
    declared._needs = declared._declared
    monkeypatch.setattr(dates, "_FILTER", declared)


def test_only_four_characters_outside_ascii_match_an_ascii_letter_ignoring_case():
    everything = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1))
    matched = set(re.findall("(?i)[a-z]", everything)) | set(
        re.findall("(?i)" + "|".join("abcdefghijklmnopqrstuvwxyz"), everything)
    )
    assert matched == set(FOLDS_TO_ASCII)


def test_a_month_day_needs_a_month_name_and_a_digit():
    clauses = required_literals(re.compile(r"\b(?:Jan(?:uary|\.)?|June?)\s+(?P<d>[12]\d|[1-9])\b"))
    assert (("Jan", "Jun"), False) in clauses
    assert (tuple("123456789"), False) in clauses


def test_case_insensitive_literals_are_looked_for_in_lower_case():
    assert required_literals(re.compile(r"\bnext\s+(?:Week|MONTH)\b", re.IGNORECASE)) == (
        (("next",), True), (("month", "week"), True)
    )


def test_a_case_insensitive_group_is_looked_for_in_lower_case_apart_from_its_neighbours():
    pattern = re.compile(r"X(?i:abc)")
    assert pattern.search("XABC") and LiteralFilter([pattern]).possible("XABC") == [True]
    assert set(required_literals(pattern)) == {(("X",), False), (("abc",), True)}


def test_alternatives_that_share_a_literal_require_it_rather_than_each_its_rarest():
    # "the" is the first alternative's strongest literal alone, and any English sentence holds it.
    assert required_literals(re.compile(r"the\s+(?:90|80)s|'(?:90|80)s")) == ((("80s", "90s"), False),)
    assert required_literals(re.compile(r"(?:early|late)\s+in\s+the\s+day|(?:the|that)\s+day", re.I)) == (
        (("day",), True),
    )


def test_optional_and_repeated_parts_require_nothing_of_their_own():
    assert required_literals(re.compile(r"(?:the\s+)?\d+\s*(?:%|percent)?")) == ((tuple("0123456789"), False),)
    assert required_literals(re.compile(r"x*|y")) == ()


def test_a_text_without_the_literals_is_turned_away_and_one_with_them_let_through():
    gate = LiteralFilter([re.compile(r"\b(?:Monday|Friday)\b"), re.compile(r"\d{4}")])
    assert gate.possible("talks on Friday") == [True, False]
    assert gate.possible("talks on friday in 2024") == [False, True]


def test_a_text_without_latin_letters_is_turned_away_by_patterns_that_need_a_word():
    gate = LiteralFilter([re.compile(r"\btold\b"), re.compile(r"\d+"), re.compile(r"\d+th|first")])
    assert gate.possible("会談は2024年に行われた") == [False, True, False]
    assert gate.possible("会談は行われた") == [False, False, False]
    assert gate.possible("He told us on the 4th") == [True, True, True]


def test_a_text_with_a_long_s_or_a_kelvin_sign_lets_every_pattern_through():
    soon = re.compile(r"\bsoon\b", re.IGNORECASE)
    assert soon.search("ſoon") and LiteralFilter([soon]).possible("ſoon") == [True]
    assert LiteralFilter([re.compile(r"\d")]).possible("year ٢٠٢٠") == [True]


def test_declared_literals_apply_to_every_text():
    gate = LiteralFilter([re.compile("x")], declared=[((("q",), True),)])
    assert gate.possible("ſ x") == [False]


def test_every_match_of_a_claim_pattern_holds_its_required_literals():
    for text in _SAMPLES:
        _clauses_hold(text)


def test_date_mentions_are_the_same_with_and_without_the_filters(monkeypatch):
    texts = _SAMPLES + [s + "." for s in _TRICKY.split(", ")]
    ref = date(2026, 1, 13)
    filtered = [(dates.date_mentions(t, reference=ref), dates.date_mentions(t, reference=None)) for t in texts]
    _without_filters(monkeypatch)
    assert filtered == [(dates.date_mentions(t, reference=ref), dates.date_mentions(t, reference=None)) for t in texts]


def _corpus_texts() -> list[str]:
    from tests.test_dates_meantime import _bench

    bench = _bench()
    texts = [bench.load_article(p).text for p in sorted(MEANTIME.glob("*/*.xml"))]
    for path in sorted(BASIL.glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        texts.extend(" ".join(s.strip() for s in paragraph) for paragraph in article["body-paragraphs"])
    return texts


@pytest.mark.corpora
@pytest.mark.skipif(not (MEANTIME.is_dir() and BASIL.is_dir()), reason="../shared/corpora is absent")
def test_on_meantime_and_basil_the_filters_never_drop_a_mention(monkeypatch):
    texts = _corpus_texts()
    for text in texts[::3]:  # every third: the law per match, at a third of the cost
        _clauses_hold(text)
    ref = date(2012, 10, 12)
    filtered = [dates.date_mentions(t, reference=ref) for t in texts]
    credited = [sources.attributed_sources(t) for t in texts]
    _without_filters(monkeypatch)
    monkeypatch.setattr(sources, "_CUE_FILTER", LiteralFilter([re.compile("")] * len(sources._PATTERNS)))
    assert filtered == [dates.date_mentions(t, reference=ref) for t in texts]
    assert credited == [sources.attributed_sources(t) for t in texts]
    assert sum(map(len, filtered)) > 3000 and sum(map(len, credited)) > 300


def test_claims_of_the_seeds_are_the_same_with_and_without_the_filters(monkeypatch):
    from analysis.ingest.pipeline import build_corpus

    corpus = build_corpus()
    filtered = extraction.all_claims(corpus)
    _without_filters(monkeypatch)
    for name in ("_SCANNED", "_NUMBERS_SCANNED"):
        monkeypatch.setattr(extraction, name, LiteralFilter([re.compile("")]))
    monkeypatch.setattr(sources, "_CUE_FILTER", LiteralFilter([re.compile("")] * len(sources._PATTERNS)))
    assert filtered == extraction.all_claims(corpus)
    assert len(filtered) > 50


_PIECES = (
    "Jan.", "January", "june", "JUNE", "13", "2026", "'80s", "1990s", "3rd", "first", "FIRST", "-", "–", "/",
    "the", "same", "day", "week", "year", "ago", "later", "than", "planned", "by", "that", "time", "Monday",
    "ſoon", "İn", "K", "ı", "٢٠٢٠", "(Yonhap)", "--", "told", "according", "to", "NHK", ",", ".", "\n", "%",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(["", " ", "  "]))
def test_the_filter_lets_through_every_text_a_pattern_matches(pieces, sep):
    text = sep.join(pieces) if sep else " ".join(pieces).replace(" ,", ",")
    _clauses_hold(text)
    for pattern, possible in zip(_PATTERNS, _GATE.possible(text)):
        assert possible or not pattern.search(text), (pattern.pattern[:60], text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(["", " ", "  ", "\n"]))
def test_a_long_text_read_as_its_distinct_words_gets_the_answers_of_its_whole_text(pieces, sep):
    text = (sep or " ").join(pieces)
    long_text = ((text + "\t") * (text_literals._LONG_TEXT // (len(text) + 1) + 1))[:text_literals._LONG_TEXT + 1]
    read_as_words = _GATE.possible(long_text)
    threshold = text_literals._LONG_TEXT
    text_literals._LONG_TEXT = 10**9  # read whole
    try:
        text_literals._last[0] = (None, True, 0, "", [], "")
        assert _GATE.possible(long_text) == read_as_words
    finally:
        text_literals._LONG_TEXT = threshold


def test_every_phrase_the_date_passes_scan_is_gated_by_the_filter():
    """A pattern scanned after the rules but missing from dates._PHRASES would be skipped unseen."""
    import inspect
    import re as _re

    from analysis.claims import dates

    for function in (dates._with_day_anaphora, dates._with_anchored_phrases):
        scanned = set(_re.findall(r"(_[A-Z_]+)\.finditer", inspect.getsource(function)))
        assert scanned, function.__name__
        assert {getattr(dates, name) for name in scanned} <= set(dates._PHRASES), (function.__name__, scanned)


def test_full_days_are_the_absolute_single_days_date_mentions_finds_without_a_reference():
    texts = _SAMPLES + [
        "On June 10, 2025 talks began and by that time the deal was ready, " * 3,
        "The vote on March 3, 2024 came the same day; on 5 May 2023, 2023 days later than planned.",
        "By June 10, 2025 ... the next day, the same month a year ago, for the entire year 2024.",
        # Full days as short as a bare year can be: the full-day reading reads the years then.
        "Filed 1/2/25, early 2025 and mid-2024; signed 3/4/2024, late 2024, and 2025-01-02.",
    ]
    for text in texts:
        expected = [
            m.first for m in dates.date_mentions(text, reference=None)
            if m.granularity == "day" and m.first == m.last and not m.relative
        ]
        assert dates.full_days(text) == expected, text
    assert dates.full_days(texts[-4]) == [date(2025, 6, 10)] * 3
    assert dates.full_days(texts[-1]) == [date(2025, 1, 2), date(2024, 3, 4), date(2025, 1, 2)]


def _unled(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Return a pattern without the lookahead led_by_first_characters put before it."""
    lead = first_characters(pattern)
    return re.compile(pattern.pattern.removeprefix(f"(?={lead})"), pattern.flags) if lead else pattern


_LED = [*_PATTERNS, extraction._TOKEN, extraction._METRIC]
_SPANS_OF = [match_spans(pattern) for pattern in _LED]


def _first_characters_hold(text: str) -> None:
    for pattern, spans_of in zip(_LED, _SPANS_OF):
        plain = _unled(pattern)
        lead = first_characters(plain)
        spans = [m.span() for m in plain.finditer(text)]
        assert spans == [m.span() for m in pattern.finditer(text)], (pattern.pattern[:60], text)
        assert spans_of(text) == spans, (pattern.pattern[:60], text)
        if lead is not None:
            assert all(re.match(lead, text[a:]) for a, _ in spans), (pattern.pattern[:60], text)


def test_first_characters_are_those_a_match_can_start_with():
    assert first_characters(re.compile(r"\b(?:(?:Monday|Friday),?\s+)?(?:Jan|Feb)\b")) == "[FJM]"
    assert first_characters(re.compile(r"(?<![\d/])(?:the\s+)?\d+")) == "[\\dt]"
    assert first_characters(re.compile(r"\bsoon\b", re.IGNORECASE)) == "[" + "".join(sorted("Ss" + FOLDS_TO_ASCII)) + "]"


def test_a_pattern_that_can_match_empty_or_start_anywhere_has_no_first_characters():
    for pattern in (r"\b(?:the)?", r"x*|y", r"\w+", r"[^\S\n]+x", r"(?i)é"):
        assert first_characters(re.compile(pattern)) is None, pattern
        assert led_by_first_characters(re.compile(pattern)).pattern == pattern


def test_match_spans_are_the_spans_finditer_finds():
    for pattern, text in [
        (r"\b(?:Mon|Tue),?\s+\d+", "Mon, 5 and Tue 6; Mon"),
        (r"(?i)\bnext\s+week", "a\nNext week, NEXT WEEK"),  # global flags: scanned as it is
        (r"(\d)-\1", "1-1 2-3 4-4"),  # a numbered group referred to: scanned as it is
        (r"(?<![\w-])\d+(?:st|nd)?", "1st 22 -3 x4 ٣"),
        (r"[^\S\n]+x", "a  x\n x"),  # no first characters
        (r"\d+|[a-c]+\d", "12 345 ab1c22 a"),  # matches start inside the one before
    ]:
        for flags in (0, re.IGNORECASE):
            compiled = re.compile(pattern, flags)
            assert match_spans(compiled)(text) == [m.span() for m in compiled.finditer(text)], pattern
    verbose = re.compile(r"\d+  # a number", re.VERBOSE)  # its comment would swallow the wrapping
    assert match_spans(verbose)("1 22") == [(0, 1), (2, 4)]


def test_the_lookahead_goes_after_global_inline_flags():
    led = led_by_first_characters(re.compile(r"(?i)(?m)^\bnext\s+week"))
    assert led.pattern.startswith("(?i)(?m)(?=[")
    assert [m.span() for m in led.finditer("a\nNext week")] == [(2, 11)]


def test_every_claim_pattern_finds_the_same_matches_behind_its_first_characters():
    for text in _SAMPLES + ["ſoon, İn 1990 K ı ٢٠٢٠ ٣ June"]:
        _first_characters_hold(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(["", " ", "  "]))
def test_first_characters_never_turn_a_match_away(pieces, sep):
    _first_characters_hold(sep.join(pieces) if sep else " ".join(pieces).replace(" ,", ","))


@pytest.mark.corpora
@pytest.mark.skipif(not (MEANTIME.is_dir() and BASIL.is_dir()), reason="../shared/corpora is absent")
def test_on_meantime_and_basil_first_characters_never_turn_a_match_away():
    for text in _corpus_texts()[::5]:
        _first_characters_hold(text)


def _kept_spans_hold(text: str) -> None:
    for reference in (None, date(2026, 1, 13), date(1999, 12, 31)):
        ctx = dates._Context(text, reference)
        for pattern, handler, _ in dates._RULES:
            if handler in dates._KEEPS_SPAN:
                for m in pattern.finditer(text):
                    found = handler(m, ctx)
                    assert found is None or found[:2] == m.span(), (handler.__name__, m.group(), found)


def test_a_rule_read_only_where_its_span_is_free_finds_its_mention_on_its_match():
    """dates._KEEPS_SPAN: the sweep reads these rules late, by the spans of their matches."""
    for text in _SAMPLES + ["On June 10, 2025, in mid-2024, 1/2/25, the 1990s, 2019-2020 and 13 May 2026."]:
        _kept_spans_hold(text)


@pytest.mark.corpora
@pytest.mark.skipif(not (MEANTIME.is_dir() and BASIL.is_dir()), reason="../shared/corpora is absent")
def test_on_meantime_and_basil_a_rule_read_late_finds_its_mention_on_its_match():
    for text in _corpus_texts()[::5]:
        _kept_spans_hold(text)


def test_date_mention_fields_are_the_fields_of_date_mentions():
    for text in _SAMPLES:
        for reference in (None, date(2026, 1, 13)):
            fields = dates.date_mention_fields(text, reference=reference, reference_label="r", reference_confidence=0.8)
            mentions = dates.date_mentions(text, reference=reference, reference_label="r", reference_confidence=0.8)
            assert [dates.DateMention(*f) for f in fields] == list(mentions)


@given(st.sets(st.text(alphabet="ab1.", min_size=1, max_size=4), min_size=1, max_size=12), st.text(alphabet="ab1. ", max_size=16))
def test_a_literal_test_holds_when_the_text_holds_any_of_its_literals(literals, text):
    literals = tuple(sorted(literals))
    assert _any_of(literals)(text) == any(s in text for s in literals)


def test_the_longest_match_of_a_pattern_ignores_its_look_arounds():
    assert longest_match(re.compile(r"(?<!\d)(?:early|mid)?(?:-| )?20\d\d(?!\d)")) == 10


def test_a_text_read_again_against_another_reference_finds_what_a_first_reading_would():
    """Rules' answers that read no reference are kept between readings of a text: never one that did."""
    texts = [*_SAMPLES, "In 2060 and 2025, on June 10, 2025, in 1999; by that time, June 11 and 12/31/99."]
    references = (None, date(2026, 1, 13), date(2025, 6, 10), date(2031, 1, 1), None)
    for text in texts:
        fresh = []
        for reference in references:
            dates._rule_matches.cache_clear()
            fresh.append(dates.date_mentions(text, reference=reference))
        dates._rule_matches.cache_clear()
        assert [dates.date_mentions(text, reference=r) for r in references] == fresh, text
        assert dates.full_days(text) == [
            m.first for m in fresh[0] if m.granularity == "day" and m.first == m.last and not m.relative
        ]
