from datetime import date

import pytest

from analysis.export import TABLES
from analysis.ingest.pipeline import build_corpus
from analysis.reuse import (
    CONTAINMENT_COLUMNS,
    DEFAULT_MIN_SCORE,
    REUSE_COLUMNS,
    containment_table,
    matches_above,
    reuse_clusters,
    reuse_matches,
    reuse_rows,
    reuse_table,
)
from tests.factories import make_corpus, make_document

SEED_000 = "000_1cd8acac587c1dee"
SEED_001 = "001_9e2d283390c0b2f3"
SEED_002 = "002_1ee38f6cb67d9728"
SEED_003 = "003_fdfe2a588a6cb9b5"

COPY = (
    "The ministry confirmed on Tuesday that the new port agreement would double container "
    "traffic within five years, according to officials familiar with the talks."
)


@pytest.fixture(scope="module")
def seeds():
    corpus = build_corpus()
    return corpus, reuse_matches(corpus)


def _pair(matches, doc_a, doc_b, needle_a):
    return [
        m for m in matches
        if {m.doc_a, m.doc_b} == {doc_a, doc_b} and needle_a in _text(m, doc_a)
    ]


def _text(match, doc_id):
    return match.a if match.doc_a == doc_id else match.b


def _passage_texts(corpus, match):
    by_id = {p.passage_id: p for p in corpus.passages}
    return by_id[match.a].text, by_id[match.b].text


def test_ties_with_japan_matches_relations_with_japan_across_outlets(seeds):
    corpus, matches = seeds
    found = [m for m in matches if {m.doc_a, m.doc_b} == {SEED_000, SEED_002}
             and "as vital as those with China" in _passage_texts(corpus, m)[0]]
    assert len(found) == 1
    m = found[0]
    assert not m.same_document
    shared_b = [corpus.document(m.doc_b).text[s[2]:s[3]] for s in m.spans]
    assert any("with Japan are as important as those with China" in t for t in shared_b)


def test_apec_first_meeting_phrase_is_found_but_scores_as_weak_evidence(seeds):
    corpus, matches = seeds
    found = [m for m in reuse_matches(corpus, min_score=0) if {m.doc_a, m.doc_b} == {SEED_002, SEED_003}]
    assert found
    texts = [corpus.document(m.doc_b).text[s[2]:s[3]] for m in found for s in m.spans]
    assert any("APEC summit in Gyeongju, South Korea" in t for t in texts)
    # Mostly names, a quarter of each sentence: below the calibrated default threshold.
    assert all(m.score < DEFAULT_MIN_SCORE for m in found)


def test_lead_repeated_in_body_is_a_same_document_match(seeds):
    corpus, matches = seeds
    found = [m for m in matches if m.doc_a == m.doc_b == SEED_002 and m.a == f"{SEED_002}:1"]
    assert [m.b for m in found] == [f"{SEED_002}:4"]
    assert found[0].same_document


def test_disclaimers_and_related_blocks_never_count_as_reuse(seeds):
    corpus, matches = seeds
    roles = {p.passage_id: p.role for p in corpus.passages}
    assert {roles[m.a] for m in matches} | {roles[m.b] for m in matches} <= {"title", "body"}


def test_seo_headings_made_of_names_are_not_reuse(seeds):
    corpus, matches = seeds
    headings = {p.passage_id for p in corpus.passages if p.text.startswith("Lee Jae")}
    assert len(headings) >= 4
    assert not [m for m in matches if m.a in headings or m.b in headings]


def test_seed_spans_slice_inside_their_passages(seeds):
    corpus, matches = seeds
    by_id = {p.passage_id: p for p in corpus.passages}
    for m in matches:
        pa, pb = by_id[m.a], by_id[m.b]
        for a0, a1, b0, b1 in m.spans:
            assert pa.start <= a0 < a1 <= pa.end
            assert pb.start <= b0 < b1 <= pb.end


def test_verbatim_copy_between_outlets_is_full_coverage_and_a_strong_verbatim_match():
    corpus = make_corpus(
        "Officials met in the capital. " + COPY + " Nothing else was said.",
        "A different story about weather patterns this week. " + COPY,
    )
    (m,) = reuse_matches(corpus)
    assert m.kind == "verbatim"
    assert m.score > 90
    assert m.coverage_a == m.coverage_b == pytest.approx((len(COPY) - 1) / len(COPY), abs=1e-4)
    assert corpus.document(m.doc_a).text[m.spans[0][0]:m.spans[0][1]] == COPY.rstrip(".")


def test_reworded_copy_split_by_a_long_insertion_gives_two_spans():
    a = ("The committee approved the budget for road repairs after a long debate on Monday "
         "and sent the plan to the regional council for a final vote next month.")
    b = ("The committee approved the budget for road repairs after a long debate, which "
         "several members described as heated and unusually personal, and sent the plan to "
         "the regional council for a final vote next month.")
    corpus = make_corpus(a, b)
    (m,) = reuse_matches(corpus)
    assert len(m.spans) == 2
    text_b = corpus.document(m.doc_b).text
    assert [text_b[s[2]:s[3]] for s in m.spans] == [
        "The committee approved the budget for road repairs after a long debate",
        "and sent the plan to the regional council for a final vote next month",
    ]


def test_shared_names_and_titles_alone_are_not_reuse():
    corpus = make_corpus(
        "South Korean President Lee Jae-myung and Japanese Prime Minister Sanae Takaichi "
        "praised the harvest festival.",
        "South Korean President Lee Jae-myung and Japanese Prime Minister Sanae Takaichi "
        "argued about fishing quotas.",
    )
    assert reuse_matches(corpus) == ()


def test_moved_clause_is_found_by_the_second_pass():
    a = ("Farmers in the northern valley reported their best harvest in a decade, while "
         "prices for imported grain fell sharply across the region.")
    b = ("Prices for imported grain fell sharply across the region, while farmers in the "
         "northern valley reported their best harvest in a decade.")
    corpus = make_corpus(a, b)
    (m,) = reuse_matches(corpus)
    assert len(m.spans) == 2
    assert m.score > 90


def test_threshold_filter_matches_recomputing_at_that_threshold(seeds):
    corpus, _ = seeds
    everything = reuse_matches(corpus, min_score=0)
    for cut in (0, 20, 30, 50, 90):
        assert matches_above(everything, cut) == reuse_matches(corpus, min_score=cut)


def test_containment_is_directional():
    short = make_document(COPY, doc_id="d1", source="Wire")
    long = make_document(
        "Markets closed higher on Friday after a quiet week of trading in Asia. " + COPY
        + " Analysts expect further gains in the coming quarter as exports recover.",
        doc_id="d2", source="Daily",
    )
    corpus = make_corpus(short, long)
    table = containment_table(corpus, reuse_matches(corpus)).set_index(["outlet_a", "outlet_b"])
    assert table.loc[("Wire", "Daily"), "share"] == pytest.approx(1.0)
    assert table.loc[("Daily", "Wire"), "share"] < 0.6
    assert table.loc[("Wire", "Daily"), "shared_words"] == table.loc[("Wire", "Daily"), "words_a"]


def test_cluster_spans_three_outlets_and_names_the_earliest_source():
    docs = [
        make_document("Opening line one. " + COPY, doc_id="d1", source="A", published=date(2026, 1, 3)),
        make_document("Another start here. " + COPY, doc_id="d2", source="B", published=date(2026, 1, 1)),
        make_document("Third outlet intro. " + COPY, doc_id="d3", source="C", published=date(2026, 1, 2)),
    ]
    corpus = make_corpus(*docs)
    (cluster,) = reuse_clusters(corpus, reuse_matches(corpus))
    assert cluster.outlets == ("A", "B", "C")
    assert cluster.doc_ids == ("d1", "d2", "d3")
    assert cluster.earliest_doc_id == "d2"


def test_cluster_has_no_earliest_source_when_a_date_is_missing():
    docs = [
        make_document(COPY, doc_id="d1", source="A", published=date(2026, 1, 3)),
        make_document(COPY + " More.", doc_id="d2", source="B"),
        make_document("Before it. " + COPY, doc_id="d3", source="C", published=date(2026, 1, 1)),
    ]
    corpus = make_corpus(*docs)
    (cluster,) = reuse_clusters(corpus, reuse_matches(corpus))
    assert cluster.earliest_doc_id is None


def test_tables_keep_their_columns_when_nothing_matches():
    corpus = make_corpus("Nothing in common here at all.", "Entirely different words appear.")
    assert list(reuse_table(corpus, ()).columns) == list(REUSE_COLUMNS)
    assert reuse_table(corpus, ()).empty
    assert list(containment_table(corpus, ()).columns) == list(CONTAINMENT_COLUMNS)
    assert reuse_clusters(corpus, ()) == ()


def test_reuse_table_has_one_row_per_match_with_texts(seeds):
    corpus, matches = seeds
    everything = reuse_matches(corpus, min_score=0)
    table = reuse_table(corpus, everything)
    assert len(table) == len(everything)
    assert list(table.columns) == list(REUSE_COLUMNS)
    assert table["score"].is_monotonic_decreasing
    row = table[(table["outlet_a"] == "News.Az") | (table["outlet_b"] == "News.Az")].iloc[0]
    assert "APEC summit in Gyeongju" in row["text_a"] + row["text_b"]


def test_export_rows_have_the_export_columns(seeds):
    corpus, matches = seeds
    rows = reuse_rows(matches)
    assert len(rows) == len(matches)
    assert all(tuple(r) == TABLES["reuse"] for r in rows)
    assert all(isinstance(s, list) and len(s) == 4 for r in rows for s in r["spans"])


PHRASE = "the investigation into her use of a private email server"
OPENINGS = (
    "Senators on the budget panel spent the morning arguing about",
    "A retired judge wrote in a long newspaper column on",
    "Voters at the county fair were asked in a small survey regarding",
    "The campaign's new television advertisement mocked",
    "Donors at the private dinner in Ohio complained over",
    "Students at the law school debated until midnight concerning",
    "A popular radio host joked for ten minutes on Monday around",
    "Church volunteers handing out soup barely mentioned",
)
CLOSINGS = (
    "before the hearing was adjourned for lunch.",
    "and why the matter still divides the party.",
    "yet most had never heard the details.",
    "while her rivals raised money in Texas.",
    "as the wine ran out before dessert.",
    "without reaching any agreement at all.",
    "to the delight of his loyal listeners.",
    "during a week of heavy snow.",
)


def test_a_phrase_recurring_across_many_documents_is_not_reuse():
    docs = [
        make_document(f"{opening} {PHRASE} {closing}", doc_id=f"d{k}", source=f"Outlet {k}")
        for k, (opening, closing) in enumerate(zip(OPENINGS, CLOSINGS))
    ]
    assert reuse_matches(make_corpus(*docs)) == ()


def test_the_same_phrase_shared_by_two_documents_only_is_reuse():
    docs = [
        make_document(f"{opening} {PHRASE} {closing}", doc_id=f"d{k}", source=f"Outlet {k}")
        for k, (opening, closing) in enumerate(zip(OPENINGS[:2], CLOSINGS[:2]))
    ]
    (m,) = reuse_matches(make_corpus(*docs))
    assert PHRASE in corpus_text(make_corpus(*docs), m)


def test_a_sentence_syndicated_to_eight_outlets_is_reuse_between_every_pair():
    docs = [
        make_document(f"{opening} the weekend. {COPY}", doc_id=f"d{k}", source=f"Outlet {k}")
        for k, opening in enumerate(OPENINGS)
    ]
    matches = reuse_matches(make_corpus(*docs))
    assert {(m.doc_a, m.doc_b) for m in matches} == {
        (f"d{i}", f"d{j}") for i in range(8) for j in range(i + 1, 8)
    }
    assert all(m.kind == "verbatim" and m.score > 90 for m in matches)


def corpus_text(corpus, match):
    text = corpus.document(match.doc_a).text
    return " ".join(text[s[0]:s[1]] for s in match.spans)
