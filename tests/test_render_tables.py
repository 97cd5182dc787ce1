"""Table shaping for the views: articles, lexicon edits, KWIC filters, claims matrix, marks."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.claims import tables as claim_tables
from analysis.claims.comparison import ClaimValue, Disagreement, Status
from analysis.framing import tables as framing_tables
from analysis.framing.lexicon import Lexicon, LexiconEntry, LexiconError
from analysis.ingest import tables as corpus_tables
from analysis.reuse import tables as reuse_tables
from analysis.text.records import Corpus, Passage
from dashboard import tables
from tests.factories import make_corpus, make_document


def test_the_articles_table_gives_each_article_its_share_set_aside():
    text = "One two three.\nRead more here"
    doc = make_document(text, doc_id="a", source="Wire", published=date(2026, 1, 13))
    corpus = Corpus((doc,), (
        Passage("a:0", "a", "body", 0, 14, text[:14]),
        Passage("a:1", "a", "boilerplate", 15, 29, text[15:], "link prompt", paragraph=1),
    ))
    row = corpus_tables.articles_table(corpus).iloc[0]
    assert row["outlet"] == "Wire"
    assert row["published"] == pd.Timestamp("2026-01-13")
    assert (row["words"], row["set_aside"]) == (3, 0.5)


def test_an_empty_corpus_gives_empty_tables_with_their_columns():
    corpus = make_corpus()
    assert list(corpus_tables.articles_table(corpus).columns) == list(corpus_tables.ARTICLE_COLUMNS)
    assert list(claim_tables.timeline_table(corpus, ()).columns) == list(claim_tables.TIMELINE_COLUMNS)
    assert list(claim_tables.claim_intervals(()).columns) == list(claim_tables.CLAIM_INTERVAL_COLUMNS)


def test_metadata_edits_change_outlet_and_date_but_never_the_text():
    doc = make_document("Some text.", doc_id="x")
    edited = tables.documents_frame([doc])
    edited.loc[0, "source"] = " New Outlet "
    edited.loc[0, "published"] = pd.Timestamp("2026-01-14")
    (out,) = tables.with_metadata([doc], edited)
    assert (out.source, out.published, out.text, out.doc_id) == ("New Outlet", date(2026, 1, 14), "Some text.", "x")


LEXICON = Lexicon((LexiconEntry("hawk", "hawkishness", ("hawks",)), LexiconEntry("thaw", "diplomacy")))


def test_lexicon_edits_rename_add_and_delete_terms():
    edits = {
        "edited_rows": {0: {"variants": "hawks, hawkish"}},
        "added_rows": [{"frame": "history", "term": "apology", "variants": ""}],
        "deleted_rows": [1],
    }
    out = tables.edited_lexicon(LEXICON, edits)
    assert out.terms == ("hawk", "apology")
    assert out.entry("hawk").variants == ("hawks", "hawkish")


def test_a_blank_new_row_is_ignored_until_it_is_filled_in():
    assert tables.edited_lexicon(LEXICON, {"added_rows": [{}]}) == LEXICON


def test_a_lexicon_edit_repeating_a_term_is_refused():
    with pytest.raises(LexiconError):
        tables.edited_lexicon(LEXICON, {"added_rows": [{"frame": "other", "term": "Hawk"}]})


def test_kwic_lines_filter_by_outlet_and_carry_hit_ids():
    kwic = pd.DataFrame(
        {"doc_id": ["a", "b"], "outlet": ["A", "B"], "frame": ["f", "f"], "term": ["t", "t"],
         "match": ["x", "y"], "start": [3, 9], "left": ["l", "l"], "right": ["r", "r"]}
    )
    lines = framing_tables.kwic_lines(kwic, outlet="B", frame=None, term=None)
    assert list(lines["hit_id"]) == ["b@9"]
    assert "[y]" in lines["label"][0]


JAN_13, JAN_14 = date(2026, 1, 13), date(2026, 1, 14)
ITEMS = (
    Disagreement("g1", "date", "summit", Status.CONFLICT, (
        ClaimValue("a", "A", "2026-01-13", ("a:c1",), first=JAN_13, last=JAN_13),
        ClaimValue("b", "B", "2026-01-14", ("b:c1",), first=JAN_14, last=JAN_14)), event="summit"),
    Disagreement("g2", "date", "summit", Status.COMPATIBLE, (
        ClaimValue("a", "A", "2026-01-13", ("a:c1",), first=JAN_13, last=JAN_13),
        ClaimValue("c", "C", "2026-01", ("c:c1",), first=date(2026, 1, 1), last=date(2026, 1, 31))), event="summit"),
)


def test_the_claims_matrix_has_a_column_per_outlet_with_its_value():
    matrix = claim_tables.claims_matrix(ITEMS, ("A", "B", "C"))
    columns = claim_tables.outlet_columns(("A", "B", "C"))
    assert list(matrix.columns) == [*claim_tables.CLAIMS_MATRIX_COLUMNS, *columns]
    assert list(columns.values()) == ["A", "B", "C"]
    by_outlet = {outlet: column for column, outlet in columns.items()}
    assert matrix.loc[0, by_outlet["B"]] == "2026-01-14" and matrix.loc[0, by_outlet["C"]] == ""


def test_outlets_named_like_the_matrix_columns_keep_their_own_values():
    items = (Disagreement("g1", "date", "summit", Status.CONFLICT, (
        ClaimValue("a", "relation", "2026-01-13", ("a:c1",)), ClaimValue("b", "kind", "2026-01-14", ("b:c1",)))),)
    outlets = ("relation", "kind", "subject", "disagreement_id", "explanation")
    matrix = claim_tables.claims_matrix(items, outlets)
    row = matrix.iloc[0]
    assert (row["relation"], row["kind"], row["subject"], row["disagreement_id"]) == ("conflict", "date", "summit", "g1")
    values = {outlet: row[column] for column, outlet in claim_tables.outlet_columns(outlets).items()}
    assert values == {"relation": "2026-01-13", "kind": "2026-01-14", "subject": "", "disagreement_id": "",
                      "explanation": ""}
    assert matrix.columns.is_unique


def test_the_styled_claims_matrix_tints_relation_and_stated_values_only():
    matrix = claim_tables.claims_matrix(ITEMS, ("A", "B", "C"))
    styles = tables.styled_claims_matrix(matrix, {"conflict": "#e03131"})._compute().ctx
    tinted = {matrix.columns[col] for (row, col), css in styles.items() if row == 0 and css}
    assert tinted == {"relation", "outlet_0", "outlet_1"}


def test_a_reused_passage_counts_once_and_only_across_outlets():
    from analysis.reuse import ReuseMatch

    corpus = make_corpus(make_document("x", doc_id="a", source="A"), make_document("y", doc_id="b", source="B"),
                         make_document("z", doc_id="c", source="A"))
    matches = (
        ReuseMatch("a:1", "b:1", "a", "b", 90.0, (), 1.0, 1.0, False),
        ReuseMatch("a:1", "b:2", "a", "b", 80.0, (), 1.0, 1.0, False),
        ReuseMatch("a:2", "c:1", "a", "c", 95.0, (), 1.0, 1.0, False),  # both outlet A
    )
    assert reuse_tables.reused_passage_count(corpus, matches) == 3


def test_a_claimed_date_keeps_the_most_serious_relation_it_takes_part_in():
    intervals = claim_tables.claim_intervals(ITEMS)
    a = intervals[intervals["outlet"] == "A"].iloc[0]
    assert a["status"] == "conflict"
    assert a["end"] - a["start"] == pd.Timedelta(days=1)
    month = intervals[intervals["outlet"] == "C"].iloc[0]
    assert month["end"] - month["start"] == pd.Timedelta(days=31)


def test_overlay_reuse_marks_only_link_the_documents_shown():
    from analysis.reuse import ReuseMatch

    match = ReuseMatch("a:1", "b:1", "a", "b", 90.0, ((0, 4, 10, 14),), 1.0, 1.0, False)
    marks = tables.overlay_marks(("a", "b"), matches=[match])
    assert [(m.start, m.end) for m in marks["a"]] == [(0, 4)]
    assert [(m.start, m.end) for m in marks["b"]] == [(10, 14)]
    assert tables.overlay_marks(("a", "c"), matches=[match]) == {"a": (), "c": ()}


def test_the_meta_line_names_the_file_and_says_when_the_date_is_unknown():
    doc = make_document("Text.", doc_id="a", language="en")
    assert tables.meta_line(doc).startswith("no date · en")
    dated = make_document("Text.", doc_id="b", published=date(2026, 1, 13))
    assert tables.meta_line(dated).startswith("2026-01-13")


def test_the_errors_table_keeps_its_columns_when_every_file_was_read():
    assert list(corpus_tables.errors_table(make_corpus()).columns) == ["file", "problem"]


def test_article_labels_fall_back_to_the_id_without_a_title():
    corpus = make_corpus(make_document("x", doc_id="a", source="Wire", title="Summit"), make_document("y", doc_id="b"))
    assert corpus_tables.article_labels(corpus) == {"a": "Wire · Summit", "b": "unknown outlet (file b) · b"}


def test_a_large_disagreement_shows_one_article_per_value_first():
    from analysis.claims.comparison import ClaimValue
    from analysis.claims.tables import sides_to_show

    values = [ClaimValue(f"d{n}", f"o{n}", "2026-01-13", (f"c{n}",)) for n in range(20)]
    values.append(ClaimValue("d99", "o99", "2026-01-14", ("c99",)))
    shown = sides_to_show(values, limit=8)
    assert len(shown) == 8
    assert {v.value for v in shown} == {"2026-01-13", "2026-01-14"}
    assert shown[0].doc_id == "d0"
