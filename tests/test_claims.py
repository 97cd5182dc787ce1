"""Claims: dates tied to their events, ordinals to what they count, numbers to their nouns."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.claims import CLAIM_COLUMNS, all_claims, claims_table, place_key, reference_dates
from analysis.ingest.pipeline import build_corpus
from tests.factories import make_corpus, make_document

JAN_13 = date(2026, 1, 13)


def claims_of(text: str, published: date | None = JAN_13):
    corpus = make_corpus(make_document(text, doc_id="a", source="A", published=published))
    return all_claims(corpus)


def by_text(claims):
    return {c.text: c for c in claims}


def test_every_claim_slices_to_its_text():
    corpus = build_corpus()
    for c in all_claims(corpus):
        assert corpus.document(c.doc_id).text[c.start:c.end] == c.text


def test_a_date_is_attached_to_the_event_noun_of_its_clause():
    c = by_text(claims_of("Lee and Takaichi kicked off their summit in Nara, Japan, on January 13, 2026."))
    assert (c["January 13, 2026"].subject, c["January 13, 2026"].value) == ("summit", "2026-01-13")


def test_meeting_verbs_and_talks_date_the_summit():
    c = by_text(claims_of("The upcoming talks, scheduled for January 13-14 in Nara, were agreed."))
    assert c["January 13-14"].subject == "summit"
    c = by_text(claims_of("Takaichi will host Lee in Nara on January 13 to stabilize ties."))
    assert c["January 13"].subject == "summit"


def test_a_named_series_is_a_different_event():
    c = by_text(claims_of("Their sidebar talks at the October APEC summit went well."))
    assert c["October"].subject == "APEC summit"


def test_statements_carry_their_speaker_and_visits_their_destination():
    c = by_text(claims_of("Foreign Minister Toshimitsu Motegi stated on Friday: ties matter."))
    assert (c["Friday"].subject, c["Friday"].basis, c["Friday"].value) == ("statement", "by Motegi", "2026-01-09")
    c = by_text(claims_of("Lee visited China a week prior, where Xi urged him on."))
    assert (c["a week prior"].subject, c["a week prior"].basis) == ("visit", "to China")


def test_a_date_after_a_participle_dates_that_verb_not_a_distant_event():
    c = by_text(claims_of("Kihara noted ongoing talks for DNA analysis of remains found last year."))
    assert c["last year"].subject != "summit"


def test_anniversaries_are_told_apart_by_their_number_and_what_they_mark():
    c = by_text(claims_of("Last year marked the 60th anniversary of diplomatic normalization between them."))
    assert c["Last year"].subject == "60th anniversary of diplomatic normalization"
    c = by_text(claims_of("She avoided the shrine for the August 15 anniversary."))
    assert c["August 15"].subject == "anniversary"


def test_vague_references_make_no_claims():
    claims = claims_of("The pact is currently frozen; ties improved recently and will grow in the future.")
    assert [c for c in claims if c.kind == "date"] == []


def test_ordinals_store_the_counted_noun_and_the_basis():
    c = by_text(claims_of("This marks their second summit in three months."))
    assert (c["second summit"].kind, c["second summit"].value) == ("ordinal", "2")
    assert c["second summit"].basis == "their, in three months"
    c = by_text(claims_of("It is Lee's fifth summit with a Japanese prime minister since taking office."))
    assert c["fifth summit"].basis == "Lee's, with a Japanese prime minister since taking office"


def test_an_elliptical_ordinal_counts_the_noun_before_it():
    c = by_text(claims_of("This meeting, the third between the leaders in less than three months, follows."))
    assert (c["third"].subject, c["third"].value) == ("summit", "3")
    assert "three months" not in c  # the time window is the basis, not a number claim


def test_counting_an_instance_of_something_counts_the_something():
    c = by_text(claims_of("It represents the first instance of shuttle diplomacy under Takaichi."))
    assert c["first instance of shuttle diplomacy"].subject == "shuttle diplomacy"


@pytest.mark.parametrize(
    ("text", "expression", "value", "subject"),
    [
        ("Lee's approval rating has inched up to 61%, analysts say.", "61%", "61%", "approval rating"),
        ("A treaty provided $500 million in aid.", "$500 million", "$500000000", "aid"),
        ("The accident killed 180 workers, including many.", "180 workers", "180", "workers"),
        ("The pact currently consists of 12 members.", "12 members", "12", "members"),
        ("It bans imports from eight Japanese prefectures.", "eight Japanese prefectures", "8", "prefectures"),
        ("a capital with 1,300 years of history", "1,300 years", "1300", "years of history"),
    ],
)
def test_numbers_are_normalised_with_their_noun(text, expression, value, subject):
    c = by_text(claims_of(text))[expression]
    assert (c.kind, c.value, c.subject) == ("number", value, subject)


def test_definite_descriptions_are_not_number_claims():
    assert all(c.kind != "number" for c in claims_of("The two leaders met both countries."))


def test_reference_is_the_publication_date_when_known():
    corpus = make_corpus(make_document("It happened yesterday.", doc_id="a", published=JAN_13))
    assert reference_dates(corpus)["a"].label == "published"
    (c,) = all_claims(corpus)
    assert (c.value, c.reference) == ("2026-01-12", "published")


def test_without_a_publication_date_the_reference_is_inferred_and_said_so():
    corpus = make_corpus(
        make_document("The summit opened on January 13, 2026. He spoke yesterday.", doc_id="a"),
        make_document("He spoke on Monday at the summit.", doc_id="b"),
    )
    refs = reference_dates(corpus)
    assert refs["a"].date == JAN_13 and refs["a"].label.startswith("inferred: latest full date")
    assert refs["b"].date == JAN_13 and refs["b"].label.startswith("inferred: median of its story")
    monday = next(c for c in all_claims(corpus) if c.doc_id == "b")
    assert monday.value == "2026-01-12"
    assert monday.reference.startswith("inferred") and monday.confidence < 0.7


def test_only_article_text_is_searched():
    corpus = build_corpus()
    article = {p.passage_id for p in corpus.passages if p.is_article}
    assert all(c.passage_id in article for c in all_claims(corpus))


def test_claims_table_has_fixed_columns_even_when_empty():
    corpus = make_corpus("Nothing dated here.")
    assert list(claims_table(corpus, all_claims(corpus)).columns) == list(CLAIM_COLUMNS)
    corpus = build_corpus()
    table = claims_table(corpus, all_claims(corpus))
    assert list(table.columns) == list(CLAIM_COLUMNS) and len(table) > 20
    row = table[table.text == "Jan 14, 2026"].iloc[0]
    assert row.sentence.startswith("President Lee Jae Myung and PM Sanae Takaichi met in Nara")


def test_a_long_unpunctuated_passage_keeps_every_claim_with_its_event_and_offsets():
    sentence = (
        "Lee and Takaichi kicked off their summit in Nara on January 13 2026 and it was their "
        "second summit in three months while the pact has 12 members "
    )
    text = "Leaders meet in Nara\n\n" + sentence * 400
    corpus = make_corpus(make_document(text, doc_id="a", source="A", published=JAN_13))
    assert max(p.end - p.start for p in corpus.passages) > 40_000  # one passage, no sentence breaks
    claims = all_claims(corpus)
    dates = [c for c in claims if c.kind == "date"]
    ordinals = [c for c in claims if c.kind == "ordinal"]
    numbers = [c for c in claims if c.kind == "number"]
    assert len(dates) == len(ordinals) == len(numbers) == 400
    assert {(c.subject, c.value) for c in dates} == {("summit", "2026-01-13")}
    assert {(c.subject, c.value, c.basis) for c in ordinals} == {("summit", "2", "their, in three months")}
    assert {(c.subject, c.value) for c in numbers} == {("members", "12")}
    assert all(text[c.start:c.end] == c.text for c in claims)


def test_a_bare_percentage_takes_a_whole_metric_word_before_it_not_one_inside_another_word():
    c = by_text(claims_of("The corporate sector grew by 5%."))
    assert c["5%"].subject == ""  # not "rate", found inside "corporate"; "percent" alone names nothing
    c = by_text(claims_of("Her approval rating stood at 61% in the poll."))
    assert c["61%"].subject == "approval rating"


def test_dates_are_typed_intervals_on_the_claim():
    c = by_text(claims_of("The summit ran on January 13-14, 2026."))["January 13-14, 2026"]
    assert (c.first, c.last, c.value) == (date(2026, 1, 13), date(2026, 1, 14), "2026-01-13/2026-01-14")


def test_generic_words_are_never_subjects_on_their_own():
    c = by_text(claims_of("The agreement was reached on Monday after five weeks of talks."))
    assert c["Monday"].event != "agreement"
    assert c["five weeks"].subject == "weeks of talks"
    assert by_text(claims_of("It lasted five weeks."))["five weeks"].subject == ""
    c = by_text(claims_of("Japan's colonial rule from 1910 to 1945 left scars."))
    assert c["from 1910 to 1945"].event == "colonial rule"
    c = by_text(claims_of("The shutdown deal was announced on Friday."))
    assert c["Friday"].event == "shutdown deal"


def test_a_statement_needs_its_speaker():
    c = by_text(claims_of("Officials said on Friday that ties matter."))
    assert c["Friday"].event == ""
    c = by_text(claims_of("Motegi said on Friday that ties matter."))
    assert c["Friday"].event == "statement by Motegi"


@pytest.mark.parametrize("pronoun", ["He", "She", "I", "We", "They"])
def test_a_pronoun_is_not_a_speaker(pronoun):
    # BASIL: "He said yesterday" in unrelated articles became one event, "statement by He".
    c = by_text(claims_of(f"{pronoun} said on Friday that ties matter."))
    assert c["Friday"].event == "" and c["Friday"].basis == ""


@pytest.mark.parametrize(
    ("text", "place", "value", "level"),
    [
        ("Lee and Takaichi kicked off their summit in Nara, Japan, on January 13, 2026.", "Nara", "Nara", "locality"),
        ("The harmonious summit at Horyuji Temple highlights a pivot.", "Horyuji Temple", "Horyuji Temple", "venue"),
        ("They met in Japan's Nara Prefecture.", "Nara Prefecture", "Nara", "locality"),
        ("Following the talks, the leaders are expected to visit Hōryū-ji Temple.", "Hōryū-ji Temple",
         "Horyu-ji Temple".replace("-", ""), "venue"),
    ],
)
def test_places_of_an_event_are_claims_with_a_normalised_value(text, place, value, level):
    c = by_text(claims_of(text))[place]
    assert (c.kind, c.event, c.value, c.granularity) == ("place", "summit", value, level)


def test_a_place_that_belongs_to_another_noun_is_not_the_events():
    claims = claims_of("The summit takes place against a backdrop of internal cleanup in Seoul.")
    assert [c for c in claims if c.kind == "place"] == []
    claims = claims_of("Lee visited China a week prior.")
    assert [c for c in claims if c.kind == "place"] == []  # a visit is told apart by where it goes


def test_spellings_of_one_place_share_a_key():
    assert place_key("Horyuji") == place_key("Horyu-ji") == place_key("Hōryū-ji Temple") == "horyuji"
    assert place_key("Nara Prefecture") == place_key("Nara") != place_key("Seoul")


def test_an_undated_article_never_takes_its_reference_from_another_story():
    corpus = make_corpus(
        make_document("Markets rallied on Monday.", doc_id="a", source="A", published=JAN_13, story="markets"),
        make_document("The actor died yesterday, his family said.", doc_id="b", source="B", story="obituary"),
    )
    assert reference_dates(corpus)["b"].date is None
    (c,) = [c for c in all_claims(corpus) if c.doc_id == "b"]
    # Kept as an unresolved claim rather than guessed.
    assert (c.text, c.value, c.first, c.granularity, c.reference) == ("yesterday", "", None, "unresolved", "none")


def test_a_claim_carries_the_source_its_sentence_credits_or_the_credit_line():
    c = by_text(claims_of("According to NHK, Lee emphasized on January 12, 2026, that ties matter."))
    assert c["January 12, 2026"].source == "NHK"
    c = by_text(claims_of("SEOUL, Jan. 13 (Yonhap) -- The summit opened on Tuesday.\n\nIt had 12 members."))
    assert c["12 members"].source == "Yonhap"


def test_every_claim_carries_its_documents_story():
    corpus = build_corpus()
    (story,) = corpus.stories
    assert {c.story for c in all_claims(corpus)} == {story.story_id}


def test_the_same_day_in_a_later_sentence_of_its_paragraph_is_the_day_named_before():
    c = by_text(claims_of("Stocks fell on Friday. The Dow closed lower the same day."))
    assert (c["Friday"].value, c["the same day"].value) == ("2026-01-09", "2026-01-09")


def test_the_day_in_a_new_paragraph_does_not_reach_back_to_an_old_date():
    text = ("The hearing recalled the attacks of September 11, 2001.\n\n"
            "One of the sharpest exchanges of the day came when Clinton answered.")
    c = by_text(claims_of(text))
    assert "the day" not in c or c["the day"].value == "2026-01-13"


def test_a_named_kind_of_meeting_is_its_own_event_not_the_summit():
    c = by_text(claims_of("The cabinet meeting was held on Monday, January 12."))
    assert c["Monday, January 12"].event == "cabinet meeting"
    c = by_text(claims_of("The Putin meeting took place on July 16."))
    assert c["July 16"].event == "Putin meeting"


def test_the_summit_meeting_and_a_plain_meeting_stay_the_summit():
    for text in ("The summit meeting was held on January 13.", "The meeting is set for January 13.",
                 "A private meeting was held on January 13.", "Thursday's meeting was held on January 15."):
        assert by_text(claims_of(text))[text.split(" on ")[-1].split(" for ")[-1].rstrip(".")].event == "summit", text


def test_meeting_as_an_activity_over_a_period_is_no_event():
    c = by_text(claims_of("Trump spent the past week meeting with NATO allies in Brussels."))
    assert "past week" not in c or c["past week"].event == ""
