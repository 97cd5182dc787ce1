"""Date expressions: what is found, the interval it denotes, and how relative ones resolve."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.dates import date_mentions

JAN_13 = date(2026, 1, 13)  # a Tuesday


def only(text: str, reference: date | None = JAN_13):
    found = date_mentions(text, reference=reference)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("They met on January 13, 2026.", "January 13, 2026", "2026-01-13"),
        ("They met on Jan 13, 2026.", "Jan 13, 2026", "2026-01-13"),
        ("They met on 13 January 2026.", "13 January 2026", "2026-01-13"),
        ("They met on 2026-01-13.", "2026-01-13", "2026-01-13"),
        ("They met on Tuesday, January 13, 2026.", "Tuesday, January 13, 2026", "2026-01-13"),
    ],
)
def test_absolute_dates_are_single_days(text, expression, value):
    m = only(text)
    assert (m.text, m.value, m.granularity, m.relative) == (expression, value, "day", False)
    assert m.reference == "absolute"


@pytest.mark.parametrize(
    "text",
    ["talks scheduled for January 13-14 in Nara", "talks on 13-14 January", "talks from January 13 to 14"],
)
def test_day_ranges_are_intervals_not_years(text):
    m = only(text)
    assert m.value == "2026-01-13/2026-01-14"
    assert (m.first, m.last) == (date(2026, 1, 13), date(2026, 1, 14))


def test_month_and_year_is_a_month():
    m = only("the APEC summit in October 2025")
    assert (m.text, m.value, m.granularity) == ("October 2025", "2025-10", "month")


def test_last_june_seen_in_january_is_the_previous_year():
    m = only("since taking office last June")
    assert (m.text, m.value, m.relative) == ("last June", "2025-06", True)


def test_a_bare_month_is_the_latest_one_before_the_reference():
    assert only("Takaichi's November statement").value == "2025-11"


def test_a_bare_month_in_a_forward_looking_clause_is_the_next_one():
    assert only("The deal will be completed in March.").value == "2026-03"


def test_year_less_day_is_inferred_across_a_year_boundary():
    assert only("the vote on December 30", reference=date(2026, 1, 2)).value == "2025-12-30"
    assert only("they will meet on January 3", reference=date(2025, 12, 30)).value == "2026-01-03"


def test_bare_weekday_is_the_latest_such_day_up_to_the_reference():
    assert only("In a Monday interview, Lee spoke.").value == "2026-01-12"
    assert only("Motegi stated on Friday that ties matter.").value == "2026-01-09"
    assert only("He spoke on Tuesday.").value == "2026-01-13"


def test_weekday_after_a_future_cue_is_the_next_such_day():
    assert only("The trial is set to begin on Friday.").value == "2026-01-16"


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("It happened yesterday.", "2026-01-12", "day"),
        ("Lee visited China a week prior.", "2026-01-06", "day"),
        ("Remains were found last year.", "2025", "year"),
        ("Sales rose this month.", "2026-01", "month"),
        ("Markets fell last week.", "2026-01-05/2026-01-11", "day"),
    ],
)
def test_relative_expressions_resolve_against_the_reference(text, value, granularity):
    m = only(text)
    assert (m.value, m.granularity, m.relative) == (value, granularity, True)


def test_relative_expressions_carry_the_reference_label_and_lowered_confidence():
    (m,) = date_mentions(
        "It happened yesterday.", reference=JAN_13, reference_label="inferred: corpus",
        reference_confidence=0.5,
    )
    assert m.reference == "inferred: corpus"
    assert m.confidence == pytest.approx(0.45)


def test_without_a_reference_only_self_contained_dates_are_kept():
    found = date_mentions("On January 13, 2026, a day after Monday and last June.", reference=None)
    assert [m.value for m in found] == ["2026-01-13"]


def test_year_ranges_and_bare_years():
    assert only("colonial rule from 1910 to 1945").value == "1910/1945"
    assert only("a 1965 normalization treaty").value == "1965"


def test_numbers_that_are_not_dates_are_left_alone():
    assert date_mentions("The plant employs 2000 workers and 1,300 years of history.", reference=JAN_13) == ()
    assert date_mentions("It may rain.", reference=JAN_13) == ()


def test_quarters_are_three_month_intervals():
    m = only("Sales in the third quarter of 2009 rose.")
    assert (m.first, m.last, m.granularity) == (date(2009, 7, 1), date(2009, 9, 30), "month")


_PIECES = ["January", "13-14,", "13", "2026", "last", "June", "on", "Monday", "yesterday", "1910", "to",
           "the", "day", "a", "week", "prior", "\n", ",", "since", "will", "October", "mid-2011"]


@given(st.lists(st.sampled_from(_PIECES), max_size=15).map(" ".join))
def test_offsets_always_slice_to_the_reported_text(text):
    for m in date_mentions(text, reference=JAN_13):
        assert text[m.start:m.end] == m.text
        assert m.first <= m.last
