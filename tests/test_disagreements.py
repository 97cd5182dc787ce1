"""Disagreements: intervals compared across outlets, counts compared only on the same basis."""

from __future__ import annotations

from datetime import date

from analysis.claims import (
    DISAGREEMENT_COLUMNS,
    STATUSES,
    Status,
    all_claims,
    disagreements,
    disagreements_table,
)
from analysis.claims.tables import CLAIM_EXPORT_COLUMNS
from analysis.claims.tables import claim_rows as claims_export_rows
from analysis.claims.tables import disagreement_rows as disagreement_export_rows
from analysis.ingest.pipeline import build_corpus
from tests.factories import make_corpus, make_document

JAN_13 = date(2026, 1, 13)


def items_of(*texts: str):
    docs = [
        make_document(t, doc_id=f"d{n}", source=f"o{n}", published=JAN_13)
        for n, t in enumerate(texts, start=1)
    ]
    corpus = make_corpus(*docs)
    return disagreements(corpus, all_claims(corpus))


def statuses(items, kind="date", subject="summit"):
    return sorted(
        (d.status, tuple(sorted({v.value for v in d.values})))
        for d in items
        if d.kind == kind and d.subject == subject
    )


def test_jan_14_conflicts_with_jan_13():
    items = items_of("The summit opened on January 13, 2026.", "The summit opened on January 14, 2026.")
    assert statuses(items) == [("conflict", ("2026-01-13", "2026-01-14"))]


def test_a_day_inside_a_range_is_compatible():
    items = items_of("The summit opened on January 13, 2026.", "The summit ran on January 13-14, 2026.")
    assert statuses(items) == [("compatible", ("2026-01-13", "2026-01-13/2026-01-14"))]


def test_equal_dates_agree():
    items = items_of("The summit opened on January 13, 2026.", "Talks were held on Jan 13, 2026.")
    assert statuses(items) == [("agree", ("2026-01-13",))]


def test_a_title_year_does_not_compete_with_the_same_documents_day():
    items = items_of(
        "Summit 2026: the summit opened on January 13, 2026.", "The summit opened on January 14, 2026."
    )
    assert statuses(items) == [("conflict", ("2026-01-13", "2026-01-14"))]


def test_statements_by_different_speakers_are_not_compared():
    items = items_of("Motegi stated on Friday that ties matter.", "Lee emphasized on January 12, 2026 that ties matter.")
    assert statuses(items, subject="statement") == []


def test_same_count_on_the_same_basis_conflicts():
    items = items_of("This was their second meeting.", "This meeting, the third between the leaders, mattered.")
    assert statuses(items, kind="ordinal") == [("conflict", ("2", "3"))]


def test_a_count_on_a_different_basis_is_shown_but_not_a_conflict():
    items = items_of(
        "This was their second summit in three months.",
        "It is Lee's fifth summit with a Japanese prime minister since taking office.",
    )
    assert statuses(items, kind="ordinal") == [("different_basis", ("2", "5"))]


def test_numbers_on_the_same_noun_conflict():
    items = items_of("The pact has 12 members.", "The pact has 11 members.")
    assert statuses(items, kind="number", subject="members") == [("conflict", ("11", "12"))]


def test_one_document_alone_is_never_a_disagreement():
    assert items_of("The summit opened on January 13, 2026 and closed on January 14, 2026.") == ()


def test_seeds_surface_the_date_and_count_conflicts_and_nothing_false():
    corpus = build_corpus()
    items = disagreements(corpus, all_claims(corpus))
    summit_dates = [
        (d.status, tuple(sorted((v.doc_id[:3], v.value) for v in d.values)))
        for d in items
        if d.kind == "date" and d.event == "summit"
    ]
    # One row, one verdict: January 13 against January 14, with PRISM's January 13-14 in the
    # same row (it contains both), never the same values under a second verdict.
    assert summit_dates == [(
        Status.CONFLICT,
        (("000", "2026-01-13"), ("001", "2026-01-14"), ("002", "2026-01-13"), ("003", "2026-01-13"),
         ("004", "2026-01-13/2026-01-14")),
    )]
    (summit,) = [d for d in items if d.kind == "date" and d.event == "summit"]
    assert "3 outlets say Jan 13, 2026" in summit.explanation
    assert "PRISM News says Jan 13-14, 2026, a range that contains both" in summit.explanation
    ordinal_conflicts = [d for d in items if d.kind == "ordinal" and d.status is Status.CONFLICT]
    assert [sorted((v.doc_id[:3], v.value) for v in d.values) for d in ordinal_conflicts] == [
        [("001", "2"), ("002", "3"), ("003", "2")]
    ]
    # The counts on other bases (002's first full summit, 004's fifth with a Japanese prime
    # minister) make one different-basis row, apart from the second-vs-third conflict.
    other_basis = [d for d in items if d.status is Status.DIFFERENT_BASIS]
    assert [(d.kind, d.subject, sorted((v.doc_id[:3], v.value) for v in d.values)) for d in other_basis] == [
        ("ordinal", "summit", [("002", "1"), ("004", "5")])
    ]
    conflicts = [d for d in items if d.status is Status.CONFLICT]
    assert {(d.kind, d.event) for d in conflicts} == {("date", "summit"), ("ordinal", "summit")}
    agreed = {(d.kind, d.event, tuple(sorted({v.value for v in d.values}))) for d in items if d.status is Status.AGREE}
    assert ("date", "APEC summit", ("2025-10",)) in agreed
    assert ("date", "colonial rule", ("1910/1945",)) in agreed
    # 001's "Horyuji Temple" and 002's "Horyu-ji Temple" are one place.
    assert ("place", "summit", ("Horyuji Temple",)) in agreed
    # 002's August 15 anniversary (the end of the war) is not 003's 60th anniversary of normalization.
    assert not any("anniversary" in d.event for d in items)
    # No value is shown under two verdicts.
    seen: dict[tuple[str, str, str, str], Status] = {}
    for d in items:
        for v in d.values:
            key = (d.kind, d.event, v.doc_id, v.value)
            assert seen.setdefault(key, d.status) is d.status, key


def test_spellings_of_one_place_agree_and_two_places_conflict():
    items = items_of(
        "The summit was held at Horyuji on Monday.", "The summit was held at Horyu-ji on Monday.",
        "The summit was held at Hōryū-ji Temple on Monday.",
    )
    (row,) = [d for d in items if d.kind == "place"]
    assert row.status is Status.AGREE and len(row.values) == 3
    items = items_of("The summit was held in Nara.", "The summit was held in Seoul.")
    assert statuses(items, kind="place") == [("conflict", ("Nara", "Seoul"))]


def test_a_place_inside_another_is_not_a_conflict():
    items = items_of("The summit was held at the Blue House.", "The summit was held in Seoul.")
    assert statuses(items, kind="place") == []  # a venue and a city: different levels
    items = items_of("The summit was held in Japan.", "The summit was held in Nara.")
    assert statuses(items, kind="place") == []  # a country and a city


def test_claims_of_different_stories_are_never_compared():
    docs = [
        make_document("The summit opened on January 13, 2026.", doc_id="a", source="A", published=JAN_13, story="x"),
        make_document("The summit opened on January 14, 2026.", doc_id="b", source="B", published=JAN_13, story="y"),
    ]
    corpus = make_corpus(*docs)
    assert disagreements(corpus, all_claims(corpus)) == ()


def test_every_row_carries_its_story_event_explanation_and_confidence():
    (row,) = items_of("The summit opened on January 13, 2026.", "The summit opened on January 14, 2026.")
    assert (row.story, row.event) == (row.values[0] and row.story, "summit")
    assert row.explanation.startswith("Conflict: ")
    assert "o1 says Jan 13, 2026 (published 2026-01-13)" in row.explanation
    assert 0 < row.confidence <= 1


def test_the_status_is_one_ordered_enum():
    assert sorted([Status.AGREE, Status.CONFLICT, Status.COMPATIBLE, Status.DIFFERENT_BASIS]) == list(STATUSES)
    assert Status.CONFLICT < Status.AGREE and Status.CONFLICT == "conflict"
    assert [s.label for s in STATUSES] == ["conflict", "different basis", "compatible", "agree"]


def test_a_date_a_source_credits_carries_that_source():
    items = items_of("According to NHK, the summit opened on January 13, 2026.",
                     "The summit opened on January 14, 2026, Yonhap reported.")
    (row,) = items
    assert [v.sources for v in row.values] == [("NHK",), ("Yonhap",)]
    assert "according to NHK" in row.explanation


def test_one_conflict_row_lists_every_outlets_value():
    items = items_of(
        "The summit opened on January 13, 2026.", "The summit opened on January 14, 2026.",
        "The summit opened on January 15, 2026.", "The summit opened on January 13, 2026.",
    )
    assert statuses(items) == [("conflict", ("2026-01-13", "2026-01-14", "2026-01-15"))]
    (row,) = items
    assert [v.doc_id for v in row.values] == ["d1", "d4", "d2", "d3"]


def test_rows_grow_with_events_not_with_pairs_of_articles():
    texts = [f"The summit opened on January {13 + n % 3}, 2026." for n in range(30)]
    texts += ["The summit ran on January 13-14, 2026."]
    items = items_of(*texts)
    assert statuses(items) == [
        ("conflict", ("2026-01-13", "2026-01-13/2026-01-14", "2026-01-14", "2026-01-15")),
    ]
    assert sum(len(d.values) for d in items) == 31  # every article once


def test_a_day_inside_a_range_is_compatible_and_says_so():
    (row,) = items_of("The summit opened on January 13, 2026.", "The summit ran on January 13-14, 2026.")
    assert "o2 says Jan 13-14, 2026, a range that contains Jan 13, 2026" in row.explanation


def test_two_articles_of_one_outlet_that_disagree_are_not_a_conflict_between_outlets():
    def corpus_items(*docs):
        corpus = make_corpus(*docs)
        return disagreements(corpus, all_claims(corpus))

    a1 = make_document("The summit opened on January 13, 2026.", doc_id="a1", source="A", published=JAN_13)
    a2 = make_document("The summit opened on January 14, 2026.", doc_id="a2", source="A", published=JAN_13)
    assert corpus_items(a1, a2) == ()
    # Another outlet stating January 13 does contradict A's second article.
    b = make_document("The summit opened on January 13, 2026.", doc_id="b", source="B", published=JAN_13)
    (row,) = corpus_items(a1, a2, b)
    assert row.status == "conflict"
    assert [(v.outlet, v.value) for v in row.values] == [("A", "2026-01-13"), ("B", "2026-01-13"), ("A", "2026-01-14")]


def test_an_agreement_needs_two_outlets():
    a1 = make_document("The summit opened on January 13, 2026.", doc_id="a1", source="A", published=JAN_13)
    a2 = make_document("Talks began on January 13, 2026.", doc_id="a2", source="A", published=JAN_13)
    corpus = make_corpus(a1, a2)
    assert disagreements(corpus, all_claims(corpus)) == ()


def test_counts_of_one_outlet_on_the_same_basis_do_not_conflict():
    a1 = make_document("This was their second meeting.", doc_id="a1", source="A")
    a2 = make_document("This meeting, the third between the leaders, mattered.", doc_id="a2", source="A")
    corpus = make_corpus(a1, a2)
    assert disagreements(corpus, all_claims(corpus)) == ()


def test_a_statement_without_a_speaker_is_not_set_against_a_named_speakers():
    items = items_of("The statement was issued on Friday.", "Lee stated on Monday that ties matter.")
    assert statuses(items, subject="statement") == []


def test_vague_references_are_never_compared():
    items = items_of("The summit is now underway.", "The summit ended recently.")
    assert [d for d in items if d.kind == "date"] == []


def test_disagreements_table_has_fixed_columns_even_when_empty():
    corpus = make_corpus("Nothing here.")
    assert list(disagreements_table(corpus, ()).columns) == list(DISAGREEMENT_COLUMNS)
    corpus = build_corpus()
    table = disagreements_table(corpus, disagreements(corpus, all_claims(corpus)))
    assert list(table.columns) == list(DISAGREEMENT_COLUMNS)
    assert table.iloc[0].status == "conflict"


def test_export_rows_carry_offsets_and_values():
    corpus = build_corpus()
    claims = all_claims(corpus)
    claim_rows = claims_export_rows(claims)
    disagreement_rows = disagreement_export_rows(disagreements(corpus, claims))
    assert set(claim_rows[0]) == {
        "claim_id", "doc_id", "passage_id", "kind", "subject", "value", "text", "start", "end",
        "basis", "granularity", "confidence", "story", "event", "source",
    }
    assert set(disagreement_rows[0]) == {
        "kind", "subject", "status", "values", "story", "event", "explanation", "confidence",
    }
    assert disagreement_rows[0]["status"] == "conflict"
    assert set(disagreement_rows[0]["values"][0]) == {"doc_id", "value", "claim_ids"}
    assert all(tuple(row) == CLAIM_EXPORT_COLUMNS for row in claim_rows)
    assert all(row[k] == getattr(c, k) for row, c in zip(claim_rows, claims, strict=True) for k in row)
    known = {r["claim_id"] for r in claim_rows}
    assert all(cid in known for row in disagreement_rows for v in row["values"] for cid in v["claim_ids"])


def test_a_conflict_summary_names_the_range_that_contains_both_sides():
    corpus = build_corpus()
    table = disagreements_table(corpus, disagreements(corpus, all_claims(corpus)))
    summit = table[(table.kind == "date") & (table.event == "summit")].iloc[0]
    assert summit.status == "conflict"
    assert summit.summary.endswith("; 2026-01-13/2026-01-14 (PRISM News) contains them")
    assert summit.n_outlets == 5
    assert list(table.status.cat.categories) == [s.value for s in STATUSES]


def test_dates_days_apart_are_two_occurrences_not_a_conflict():
    items = items_of("The leaders met on January 2, 2026.", "The leaders met on January 20, 2026.")
    assert statuses(items) == []


def test_an_article_that_dates_the_event_twice_names_two_of_them():
    items = items_of("The leaders met on January 13, 2026 and again on January 14, 2026.",
                     "The leaders met on January 13, 2026.")
    assert [d for d in items if d.kind == "date" and d.status is Status.CONFLICT] == []


def test_a_speakers_statements_on_two_days_are_two_statements():
    items = items_of("Trump said on January 12, 2026 that talks failed.", "Trump said on January 13, 2026 that talks failed.")
    assert statuses(items, subject="statement") == []


def test_ordinals_without_a_stated_starting_point_do_not_conflict():
    items = items_of("He will become the first black senator since 1978.", "He will become the second black senator.")
    assert [d for d in items if d.kind == "ordinal"] == []


def test_numbers_far_apart_count_different_things():
    items = items_of("Police made 47 arrests.", "Police made 6 arrests.")
    assert statuses(items, kind="number", subject="arrests") == []
    items = items_of("Police made 47 arrests.", "Police made 45 arrests.")
    assert statuses(items, kind="number", subject="arrests") == [("conflict", ("45", "47"))]


def test_a_day_inside_a_season_is_compatible_and_the_season_reads_by_name():
    items = items_of("The summit opened in the autumn of 2025.", "The summit opened on October 30, 2025.")
    assert statuses(items) == [("compatible", ("2025-10-30", "2025-FA"))]
    (row,) = [d for d in items if d.kind == "date"]
    assert "Autumn 2025, a period that contains Oct 30, 2025" in row.explanation
