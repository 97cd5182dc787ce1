"""Date expressions: what is found, the interval it denotes, and how relative ones resolve."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.claims.dates import date_mentions

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


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The store currently sells music.", "currently", "PRESENT_REF"),
        ("The nano is now smaller.", "now", "PRESENT_REF"),
        ("Rates will stay low for the time being.", "the time being", "PRESENT_REF"),
        ("Ties have improved recently.", "recently", "PAST_REF"),
        ("It was hit by the recent downturn.", "recent", "PAST_REF"),
        ("the biggest losses in recent years", "recent years", "PAST_REF"),
        ("the bad decisions of the past", "the past", "PAST_REF"),
        ("moving forward into the future together", "the future", "FUTURE_REF"),
        ("details will follow very soon", "very soon", "FUTURE_REF"),
        ("growth in the near term appears good", "the near term", "FUTURE_REF"),
        ("The company will give details later.", "later", "FUTURE_REF"),
        ("Troops will leave in the coming months.", "the coming months", "FUTURE_REF"),
    ],
)
def test_vague_references_get_the_timeml_reference_tokens(text, expression, value):
    m = only(text)
    assert (m.text, m.value, m.granularity, m.relative) == (expression, value, "vague", True)


def test_vague_references_are_open_intervals_around_the_reference():
    past, present, future = (
        only(t) for t in ("It changed recently.", "It is now clear.", "It will change in the future.")
    )
    assert (past.first, past.last) == (date.min, JAN_13)
    assert (present.first, present.last) == (JAN_13, JAN_13)
    assert (future.first, future.last) == (JAN_13, date.max)


@pytest.mark.parametrize(
    "text",
    [
        "the now-cancelled deal",
        "the deal will close a week from now",
        "prices fell later in the day",
        "the most recent model",
        "the past five trading days",
        "the future of the company",
        "as soon as possible",
        "the soon-to-open terminal",
        "Trump later confirmed the decision",
        "he was later released",
        "fifteen minutes later, his father tweeted",
    ],
)
def test_words_that_only_look_vague_are_not_references(text):
    assert all(m.granularity != "vague" for m in date_mentions(text, reference=JAN_13))


def test_vague_references_need_a_reference():
    assert date_mentions("The store currently sells music.", reference=None) == ()


def test_the_same_month_a_year_ago_is_the_month_named_before_one_year_earlier():
    (jan, same) = date_mentions("Sales fell 35% in December, compared to the same month a year ago.", reference=JAN_13)
    assert (jan.value, same.text, same.value) == ("2025-12", "the same month a year ago", "2024-12")


def test_the_same_period_last_year_without_an_anchor_is_last_year():
    m = only("Sales rose compared to the same period last year.")
    assert (m.text, m.value) == ("the same period last year", "2025")


def test_later_than_planned_measures_a_delay_and_keeps_the_date():
    (named, delayed) = date_mentions(
        "It arrives on November 11, three days later than originally planned.", reference=date(2005, 11, 5)
    )
    assert (delayed.text, delayed.value) == ("three days later than originally planned", named.value)
    assert named.value == "2005-11-11"


def test_the_year_previous_is_the_year_before_the_one_named():
    (_, previous) = date_mentions("Costs fell to $118 billion in 2009, $19 billion less than the year previous.",
                                  reference=JAN_13)
    assert (previous.text, previous.value) == ("the year previous", "2008")


def test_by_that_time_is_the_date_named_before():
    (_, that) = date_mentions("The deal will be final by June 10. If no price is agreed by that time, it fails.",
                              reference=date(2011, 5, 29))
    assert (that.text, that.value) == ("that time", "2011-06-10")


def test_later_this_year_runs_from_the_reference_month_to_december():
    assert only("Delivery, due later this year, slipped.", reference=date(2006, 10, 5)).value == "2006-10/2006-12"
    assert only("It rose earlier this year.", reference=date(2006, 10, 5)).value == "2006-01/2006-10"


def test_the_end_of_the_year_is_the_reference_year():
    assert only("It passed Wal-Mart at the beginning of the year.", reference=date(2008, 4, 9)).value == "2008"


def test_a_bare_quarter_is_the_nearest_one_unless_the_tense_says_otherwise():
    august = date(2006, 8, 19)
    assert only("plants close during the fourth quarter", reference=august).value == "2006-10/2006-12"
    assert only("plants closed during the fourth quarter", reference=august).value == "2005-10/2005-12"
    assert only("profits rose in the third quarter", reference=date(2009, 6, 10)).value == "2008-07/2008-09"
    assert only("the fourth quarter results", reference=date(2009, 2, 10)).value == "2008-10/2008-12"


def test_until_and_by_a_weekday_look_ahead_but_only_as_its_preposition():
    thursday = date(2008, 9, 18)
    assert only("Markets will remain closed until Friday.", reference=thursday).value == "2008-09-19"
    assert only("Markets remain closed until Friday.", reference=thursday).value == "2008-09-19"
    assert only("a press conference held by Apple on Friday", reference=thursday).value == "2008-09-12"


def test_a_weekday_seen_from_the_past_as_future_is_the_nearest_one():
    sunday = date(2016, 6, 12)
    text = ('Trump\'s campaign said he would be delivering a "major speech" in New Hampshire on Monday '
            'that would address "this terrorist attack."')
    assert only(text, reference=sunday).value == "2016-06-13"
    # Written on a Tuesday, the Monday it would happen on is yesterday.
    assert only("He said he would speak on Monday.", reference=date(2016, 6, 14)).value == "2016-06-13"
    # A finite past verb after the cue dates the mention: the Monday before.
    assert only("He would say he met her on Monday.", reference=sunday).value == "2016-06-06"


def test_a_month_seen_from_the_past_as_future_is_the_nearest_one():
    march = date(2016, 3, 10)
    assert only("She said the plant would open in July.", reference=march).value == "2016-07"
    assert only("The plant was to open in February.", reference=march).value == "2016-02"
    assert only("The plant opened in July.", reference=march).value == "2015-07"


def test_a_weekday_opening_a_future_sentence_is_the_coming_one():
    assert only("On Friday, Apple will unveil a phone.").value == "2026-01-16"
    assert only("Apple said Friday it will unveil a phone.").value == "2026-01-09"


def test_named_days_are_not_this_weeks_weekdays():
    assert date_mentions("markets crashed on what is known as Black Monday", reference=JAN_13) == ()


def test_two_digit_years_and_short_decades_take_the_latest_century():
    assert only("its lowest level since '82", reference=date(2008, 10, 27)).value == "1982"
    m = only("the boxy cars of the 70s", reference=date(2007, 2, 9))
    assert (m.text, m.first, m.last) == ("70s", date(1970, 1, 1), date(1979, 12, 31))


_PIECES = ["January", "13-14,", "13", "2026", "last", "June", "on", "Monday", "yesterday", "1910", "to",
           "the", "day", "a", "week", "prior", "\n", ",", "since", "will", "October", "mid-2011",
           "now", "recently", "later", "than", "planned", "same", "month", "year", "ago", "that", "time",
           "by", "'82", "70s", "quarter", "fourth", "future", "in"]


@given(st.lists(st.sampled_from(_PIECES), max_size=15).map(" ".join))
def test_offsets_always_slice_to_the_reported_text(text):
    for m in date_mentions(text, reference=JAN_13):
        assert text[m.start:m.end] == m.text
        assert m.first <= m.last


def test_in_a_long_text_the_longest_expression_wins_everywhere_and_the_day_refers_back():
    text = "talks on January 13-14, 2026 and on March 3, 2026 ended the same day " * 500
    found = date_mentions(text, reference=JAN_13)
    assert [m.text for m in found[:3]] == ["January 13-14, 2026", "March 3, 2026", "the same day"]
    assert len(found) == 1500
    assert {m.value for m in found} == {"2026-01-13/2026-01-14", "2026-03-03"}


@pytest.mark.parametrize(
    ("text", "expression", "value", "relative"),
    [
        ("Die Gespräche beginnen am 13. Januar in Nara.", "13. Januar", "2026-01-13", True),
        ("Das Treffen am 13. Januar 2026 war wichtig.", "13. Januar 2026", "2026-01-13", False),
        ("Der Gipfel vom 13. bis 14. Januar 2026.", "13. bis 14. Januar 2026", "2026-01-13/2026-01-14", False),
        ("Der Gipfel am 13.–14. Januar.", "13.–14. Januar", "2026-01-13/2026-01-14", True),
        ("Die Wahl am 1. September 2025.", "1. September 2025", "2025-09-01", False),
        ("Das Treffen am 12. November.", "12. November", "2025-11-12", True),
        ("Seit Januar 2026 gilt das.", "Januar 2026", "2026-01", False),
    ],
)
def test_german_day_and_month_forms(text, expression, value, relative):
    m = only(text)
    assert (m.text, m.value, m.relative) == (expression, value, relative)


def test_a_number_ending_an_english_sentence_before_a_month_is_not_a_german_date():
    assert [m.text for m in date_mentions("Sales rose 13. August sales fell.", reference=JAN_13)] == ["August"]


_TRICKY = (
    "On Monday, January 13-14, 2026, the '80s, the 70s and 80s, 13. Januar 2026, am 13. August, "
    "in March, last June, Sept. 2025, the fourth quarter of 2005, mid-2011, 1910 to 1945, 1/13/26, "
    "2026-01-13, today, tonight, this morning, now, nowadays, at present, for the moment, for the "
    "time being, these days, recently, lately, recent years, in the past, in the near future, soon, "
    "in the long term, the coming weeks, a later date, later, a week prior, two years ago, three "
    "months from now, last week, next weekend, this month, the end of the year, the rest of the "
    "week, next Friday, since Thursday, the 1990s, July of last year, earlier this year"
)


def test_every_rule_match_holds_one_of_the_strings_that_let_the_rule_run():
    from analysis.claims.dates import _RULES

    for pattern, handler, needs in _RULES:
        for m in pattern.finditer(_TRICKY):
            assert not needs or any(n in m.group().lower() for n in needs), (handler.__name__, m.group())
    assert len(date_mentions(_TRICKY, reference=JAN_13)) > 40


# --- market-report days, anchored next/previous units, named events (issue 11) ----------

APR_4_2009 = date(2009, 4, 4)  # a Saturday


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Trading was suspended for a second consecutive day.", "a second consecutive day", "2009-04-04"),
        ("US stocks log gains for fourth week in a row", "fourth week in a row", "2009-03-30/2009-04-05"),
        ("US stock markets have their best week since 2003", "week", "2009-03-30/2009-04-05"),
        ("The index rebounded late in the day after falling.", "late in the day", "2009-04-04"),
    ],
)
def test_a_run_or_record_of_days_is_the_reports_own_day_or_week(text, expression, value):
    found = [(m.text, m.value) for m in date_mentions(text, reference=APR_4_2009) if m.text != "2003"]
    assert found == [(expression, value)]


def test_a_run_of_days_takes_the_day_named_in_its_sentence():
    found = date_mentions("Stocks fell yesterday for a third straight session.", reference=APR_4_2009)
    assert [(m.text, m.value) for m in found] == [
        ("yesterday", "2009-04-03"), ("a third straight session", "2009-04-03"),
    ]


def test_the_last_week_of_a_month_is_its_last_full_week_not_a_week_and_a_month():
    m = only("Car sales rebounded in the last week of March.", reference=date(2009, 4, 1))
    assert (m.text, m.value) == ("the last week of March", "2009-03-23/2009-03-29")


def test_since_the_start_of_this_year_is_its_first_day_and_at_the_beginning_the_year():
    assert only("It has fallen 15% since the start of this year.", reference=APR_4_2009).value == "2009-01-01"
    assert only("It ranked first at the beginning of the year.", reference=APR_4_2009).value == "2009"


def test_the_next_day_counts_from_the_day_named_before_not_from_the_reference():
    found = date_mentions("He arrived on Monday. He left the next day.", reference=APR_4_2009)
    assert [(m.text, m.value) for m in found] == [("Monday", "2009-03-30"), ("the next day", "2009-03-31")]
    found = date_mentions("Funding was $11 million in fiscal 2011 and $10 million the following year.",
                          reference=APR_4_2009)
    assert [m.value for m in found] == ["2011", "2012"]


def test_the_next_day_with_nothing_named_before_stays_unresolved():
    assert date_mentions("The next day, he clarified his remarks.", reference=APR_4_2009) == ()
    assert date_mentions("She will spend the next day or more on it.", reference=APR_4_2009) == ()


def test_a_year_less_date_naming_an_old_attack_is_not_given_this_years_date():
    assert date_mentions("the worst fall since the September 11th terrorist attacks", reference=date(2007, 2, 27)) == ()
    assert date_mentions("accused them of exploiting the Sept. 11 attacks", reference=date(2010, 8, 16)) == ()
    assert only("the March 28 attacks killed 30", reference=APR_4_2009).value == "2009-03-28"


def test_todays_before_a_name_is_the_present_not_the_day():
    assert only("this is an exciting time at today's GM.", reference=APR_4_2009).value == "PRESENT_REF"
    assert only("today's meeting was cancelled", reference=APR_4_2009).value == "2009-04-04"


def test_later_before_a_participle_carries_on_a_past_narrative():
    found = date_mentions("He took six months off in early 2009, later revealing a transplant.", reference=APR_4_2009)
    assert [m.text for m in found] == ["early 2009"]


def test_a_number_in_an_index_name_is_not_a_year():
    assert date_mentions("The Russell 2000 Index of smaller companies dropped.", reference=APR_4_2009) == ()
    assert only("In 2000 index funds grew.", reference=APR_4_2009).value == "2000"


def test_the_day_points_back_only_inside_its_paragraph():
    found = date_mentions("Sales fell on March 3.\n\nTrading resumed later in the day.", reference=APR_4_2009)
    assert [(m.text, m.value) for m in found] == [("March 3", "2009-03-03"), ("later in the day", "2009-04-04")]
    found = date_mentions("Sales fell on March 3. Trading resumed later in the day.", reference=APR_4_2009)
    assert [m.value for m in found] == ["2009-03-03", "2009-03-03"]


FRI_JUL_13_2018 = date(2018, 7, 13)


@pytest.mark.parametrize(
    "text",
    [
        "Senators urged the president to get tough with Mr. Putin when they meet on Monday in Helsinki.",
        "Some on the committee also called for Mr. Trump to cancel the Monday session.",
        "Mr. Royce called Friday for Mr. Trump to challenge Mr. Putin at Monday's summit meeting.",
    ],
)
def test_a_request_or_a_present_when_clause_looks_ahead_to_the_nearest_monday(text):
    monday = [m for m in date_mentions(text, reference=FRI_JUL_13_2018) if m.text == "Monday"]
    assert [m.value for m in monday] == ["2018-07-16"]


def test_the_period_of_mr_does_not_end_the_clause_but_a_sentence_end_does():
    found = date_mentions("He said Mr. Smith met them. On Monday, shares fell.", reference=FRI_JUL_13_2018)
    assert [m.value for m in found] == ["2018-07-09"]


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("hearings held this past week", date(2017, 3, 25), "2017-03-19/2017-03-25"),
        ("packages mailed in the past week", date(2018, 10, 26), "2018-10-20/2018-10-26"),
        ("protests this past weekend", date(2018, 10, 24), "2018-10-20/2018-10-21"),
        ("protests last week", date(2018, 10, 24), "2018-10-15/2018-10-21"),
    ],
)
def test_the_past_week_is_the_days_up_to_the_reference_and_last_week_the_calendar_week(text, reference, value):
    assert only(text, reference=reference).value == value


@pytest.mark.parametrize(
    ("text", "reference", "expression", "value", "first", "last"),
    [
        # The reference's own season, even without a tense: "spring shows signs of hope" (April).
        ("It is too early, but spring shows signs of hope.", date(2009, 4, 1), "spring", "2009-SP",
         date(2009, 3, 1), date(2009, 5, 31)),
        ("The IMF and the World Bank held their Autumn meetings.", date(2008, 10, 13), "Autumn", "2008-FA",
         date(2008, 9, 1), date(2008, 11, 30)),
        ("Sales rose last summer.", date(2009, 4, 1), "last summer", "2008-SU", date(2008, 6, 1), date(2008, 8, 31)),
        ("Sales rose last summer.", date(2009, 10, 1), "last summer", "2009-SU", date(2009, 6, 1), date(2009, 8, 31)),
        ("The plant will open this fall.", date(2014, 6, 12), "this fall", "2014-FA", date(2014, 9, 1),
         date(2014, 11, 30)),
        ("It will launch in the autumn.", date(2009, 4, 1), "autumn", "2009-FA", date(2009, 9, 1), date(2009, 11, 30)),
        ("They met in the fall.", date(2009, 4, 1), "fall", "2008-FA", date(2008, 9, 1), date(2008, 11, 30)),
        # Winter runs across the year boundary and carries the year it starts in.
        ("Snow closed roads this winter.", date(2010, 1, 20), "this winter", "2009-WI", date(2009, 12, 1),
         date(2010, 2, 28)),
        ("in the winter of 2008-09", None, "winter of 2008-09", "2008-WI", date(2008, 12, 1), date(2009, 2, 28)),
        ("since the summer of 2011", None, "summer of 2011", "2011-SU", date(2011, 6, 1), date(2011, 8, 31)),
        ("scheduled for fall 2007", None, "fall 2007", "2007-FA", date(2007, 9, 1), date(2007, 11, 30)),
    ],
)
def test_seasons_are_meteorological_intervals_with_timeml_values(text, reference, expression, value, first, last):
    m = only(text, reference=reference)
    assert (m.text, m.value, m.granularity, m.first, m.last) == (expression, value, "season", first, last)


@pytest.mark.parametrize(
    "text",
    [
        "a fall in retail sales", "the fall of Rome", "Stock markets worldwide fall dramatically",
        "the Arab Spring protests", "the Winter Olympics", "a hot spring", "new firms spring up",
        "every summer", "about your summer vacation", "a near-summer air", "short of nuclear winter",
        # Another season than the reference's with no tense to say which side (BASIL, written in July).
        "if Trump v. Clinton arises in the fall", "in the summer before the election",
    ],
)
def test_words_that_are_not_a_datable_season_are_left_out(text):
    assert date_mentions(text, reference=date(2016, 7, 11)) == ()


def test_a_winter_with_one_year_is_left_to_its_year():
    assert [m.value for m in date_mentions("in winter 2009", reference=None)] == ["2009"]


def test_a_season_reads_as_its_name_in_a_disagreement():
    from analysis.claims.comparison import human_date

    assert human_date(date(2008, 9, 1), date(2008, 11, 30), "season") == "Autumn 2008"
    assert human_date(date(2008, 12, 1), date(2009, 2, 28), "season") == "Winter 2008-09"
