"""A newcomer's first hour, page by page: each rough edge they met, driven through AppTest."""

from __future__ import annotations

import json
from datetime import date

from streamlit.testing.v1 import AppTest

from analysis.ingest.pipeline import build_corpus
from analysis.reuse import containment_table, reuse_matches
from analysis.text.records import Document
from tests.factories import make_document
from tests.test_app import APP, _app, _html, _no_exception, _on, _set_own

WIRE = ("The ministry confirmed on Tuesday that the new port agreement would double container traffic "
        "within five years, according to officials familiar with the talks.")
QUOTE = ("Both governments pledged to hold regular meetings of their finance ministers and to review the "
         "customs rules that slow trade across the strait, the statement said.")


def _own(*docs: Document, **query: str) -> AppTest:
    """Return the app on a corpus of these documents of one's own, with this query string."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    _set_own(at, docs, ())
    at.query_params.update(query)
    return at.run()


def _page(at: AppTest, page: str, **query: str) -> AppTest:
    at.query_params.update(query)
    at.switch_page(f"views/{page}.py")
    return at.run()


FILLERS = {
    "a1": "Snow closed the mountain pass early.", "b1": "A violinist played at dawn near the harbour.",
    "c1": "Grain prices rose after the long drought.", "fox1": "The museum reopened its east wing.",
    "fox2": "Cyclists crowded the coastal road at noon.", "hpo1": "A chess final lasted well past midnight.",
}


def _doc(doc_id: str, outlet: str, *sentences: str, published: date | None = None) -> Document:
    """Return an article of ``outlet``: a sentence of its own, then the given (shared) sentences."""
    return make_document(" ".join((FILLERS[doc_id], *sentences)), doc_id=doc_id, source=outlet, published=published)


# --------------------------------------------------------------------------- Reuse


def test_a_pair_of_outlets_is_one_row_label_whichever_side_matched_first():
    # Matches run from the smaller doc_id: a1 (hpo) -> b1 (fox) and b1 (fox) -> c1 (hpo).
    at = _own(_doc("a1", "hpo", WIRE), _doc("b1", "fox", WIRE, QUOTE), _doc("c1", "hpo", QUOTE))
    pairs = _page(at, "reuse").dataframe[0].value
    _no_exception(at)
    assert len(pairs) == 2 and set(pairs["pair"]) == {"fox ↔ hpo"}
    assert set(pairs["outlet_a"]) == {"fox"}
    assert all(text.startswith(("The ministry", "Both governments")) for text in pairs["text_a"])


def test_every_pair_to_read_side_by_side_has_a_label_of_its_own():
    # The same sentence in two Fox articles, both copied from one HuffPost article: same outlets,
    # same score, same opening words.
    at = _own(_doc("hpo1", "hpo", WIRE), _doc("fox1", "fox", WIRE), _doc("fox2", "fox", WIRE))
    at = _page(at, "reuse")
    options = at.selectbox(key="reuse_match").options
    assert len(options) >= 3 and len(set(options)) == len(options)


def test_the_clusters_tab_keeps_to_the_outlets_chosen_above():
    at = _own(_doc("a1", "Alpha", WIRE), _doc("b1", "Beta", WIRE, QUOTE), _doc("c1", "Gamma", QUOTE))
    everything = _page(at, "reuse", reuse_tab="Clusters").dataframe[0].value
    assert len(everything) == 2
    at.selectbox(key="reuse_a").set_value("Alpha").run()
    _no_exception(at)
    clusters = at.dataframe[0].value
    assert list(clusters["outlets"]) == ["Alpha, Beta"]


def test_a_cluster_published_the_same_day_everywhere_says_same_day():
    day = date(2026, 1, 13)
    at = _own(_doc("a1", "Alpha", WIRE, published=day), _doc("b1", "Beta", WIRE, QUOTE, published=day),
              _doc("c1", "Gamma", QUOTE))
    clusters = _page(at, "reuse", reuse_tab="Clusters").dataframe[0].value
    assert dict(zip(clusters["outlets"], clusters["earliest"], strict=True)) == {
        "Alpha, Beta": "same day", "Beta, Gamma": "—"}


# --------------------------------------------------------------------------- Compare


def test_choosing_all_five_outlets_says_which_one_is_not_shown():
    at = _on("compare")
    outlets = at.multiselect(key="outlets").options
    assert len(outlets) == 5
    at.multiselect(key="outlets").set_value(outlets).run()
    _no_exception(at)
    assert len([s for s in at.selectbox if s.key.startswith("compare_doc_")]) == 4  # one article per outlet shown
    assert any(outlets[4] in w.value.replace("\\", "") for w in at.warning)


def test_compare_opens_on_the_two_outlets_that_share_the_most():
    from analysis.reuse import DEFAULT_MIN_SCORE, matches_above
    from analysis.reuse.semantic import default_encoder, semantic_candidates, semantic_matches
    from analysis.reuse.tables import most_shared_pair, narration

    # What the pages count as shared: copied narration of every kind (paraphrase and translation
    # too), shared quotes left out, at the default threshold.
    corpus = build_corpus()
    lexical = reuse_matches(corpus, min_score=0.0)
    encoder = default_encoder()
    semantic = semantic_matches(corpus, lexical, encoder=encoder,
                                pairs=semantic_candidates(corpus, lexical, encoder=encoder))
    copied = narration(matches_above((*lexical, *semantic), DEFAULT_MIN_SCORE))
    best = most_shared_pair(containment_table(corpus, copied))
    at = _on("compare")
    _no_exception(at)
    assert set(at.multiselect(key="outlets").value) == set(best)
    assert '<mark class="px-reuse"' in _html(at)


def test_the_legend_speaks_of_another_article_when_three_are_shown():
    at = _on("compare")
    at.multiselect(key="outlets").set_value(at.multiselect(key="outlets").options[:3]).run()
    html = _html(at)
    assert "shared with another article shown" in html and "the other article" not in html


# --------------------------------------------------------------------------- Overview


def test_unknown_outlets_and_missing_dates_read_as_words_not_hashes_and_none():
    articles = _app().dataframe[0].value
    assert "unknown outlet (file 000)" in set(articles["outlet"])
    assert not any("_" in outlet for outlet in articles["outlet"])
    assert "—" in set(articles["published"]) and "2026-01-13" in set(articles["published"])
    assert not articles["published"].isna().any()


# --------------------------------------------------------------------------- one reuse threshold


def _help(at: AppTest, label: str) -> str:
    return next(m.proto.help for m in at.metric if m.label == label)


def _follow_sidebar_link(at: AppTest, page: str, **query: str) -> AppTest:
    """Open a page as a sidebar link does: Streamlit starts it with an empty query string."""
    at.query_params.clear()
    return _page(at, page, **query)


def test_one_reuse_threshold_is_shared_by_every_page_through_the_url():
    at = _on("reuse")  # 65 and 35: neither is the default (50), which the URL leaves out
    at.slider(key="reuse_min").set_value(65).run()
    assert at.query_params["reuse_min"] == "65"
    at = _follow_sidebar_link(at, "overview")
    assert "at a score of 65 or more" in _help(at, "Reused passages")
    assert at.query_params["reuse_min"] == "65"  # so a link to this page carries it
    at = _follow_sidebar_link(at, "corpus", corpus_tab="Export")
    assert at.slider(key="corpus_export_min").value == 65
    at.slider(key="corpus_export_min").set_value(35).run()
    at = _follow_sidebar_link(at, "reuse")
    assert at.slider(key="reuse_min").value == 35
    at = _follow_sidebar_link(at, "compare")
    assert at.query_params["reuse_min"] == "35"


def test_a_link_with_a_threshold_sets_it_on_the_overview_and_compare():
    at = _app(reuse_min="60")
    assert "at a score of 60 or more" in _help(at, "Reused passages")
    at = _page(at, "compare")
    assert at.query_params["reuse_min"] == "60"


# --------------------------------------------------------------------------- Corpus


CSV = (b"title,outlet,date,text\n"
       b"One,Wire,2026-01-13,The summit opened on January 13 in Nara and leaders met.\n"
       b"Two,Wire,2026-01-14,The summit ended on January 14 with a joint statement.\n"
       b"Three,Daily,2026-01-14,Leaders met in Nara for two days of talks on trade.\n")


def test_an_upload_says_how_many_articles_it_added():
    at = _on("corpus", corpus_tab="Add articles")
    at.get("file_uploader")[0].set_value([("three.csv", CSV, "text/csv"), ("empty.txt", b"  ", "text/plain")])
    at.run()
    at.button(key="corpus_add").click().run()
    _no_exception(at)
    (notice,) = [s.value.replace("\\", "") for s in at.success]
    assert notice.startswith("Added 3 articles to your corpus from 2 files. 1 file or record could not be read")
    assert at.sidebar.caption[0].value.startswith("3 articles · 2 outlets · 1 story · 1 file not read")


def test_uploads_report_progress_in_articles_not_only_files():
    from analysis.ingest.upload import documents_from_uploads

    seen = []
    documents_from_uploads([("three.csv", CSV), ("one.txt", b"A single article about the summit in Nara.")],
                           progress=lambda *step: seen.append(step))
    assert seen == [(1, 2, 3), (2, 2, 4)]


def test_emptying_or_replacing_my_corpus_asks_first():
    at = _own(_doc("a1", "Alpha", WIRE), _doc("b1", "Beta", QUOTE), corpus_tab="Add articles")
    at = _page(at, "corpus")
    text = " ".join(m.value for m in at.markdown)
    assert "This removes your 2 articles" in text and "This replaces your 2 articles" in text
    assert at.button(key="corpus_clear").proto.label == "Yes, empty my corpus"
    at.button(key="corpus_clear").click().run()
    assert at.sidebar.selectbox(key="corpus").value == "shared"


def test_the_upload_lists_article_formats_only_and_the_record_fields_it_reads():
    at = _on("corpus", corpus_tab="Add articles")
    uploader = at.get("file_uploader")[0]
    assert ".toml" not in uploader.allowed_type and "toml" not in uploader.allowed_type
    assert ".toml" not in " ".join(c.value for c in at.caption)
    (fields,) = [d.value for d in at.dataframe if list(d.value.columns) == ["field", "read from"]]
    fields = fields.set_index("field")["read from"]
    assert {"text", "title", "source", "published", "url"} <= set(fields.index)
    assert "body" in fields["text"] and "headline" in fields["title"] and "outlet" in fields["source"]


def test_column_labels_are_words_not_raw_column_names():
    at = _on("reuse", reuse_tab="Clusters", reuse_min="0")
    table = at.dataframe[0]
    labels = {name: c.get("label", name) for name, c in json.loads(table.proto.columns).items()}
    shown = [labels.get(name, name) for name in table.proto.column_order]
    assert shown == ["cluster", "outlets", "versions", "earliest", "first published", "sources named", "first version"]


# --------------------------------------------------------------------------- Framing


def test_the_framing_page_says_which_lexicon_it_uses_and_offers_presets_by_beat():
    at = _on("framing")
    assert "Korea–Japan diplomacy" in at.caption[0].value
    assert at.selectbox(key="framing_preset").options == ["Korea–Japan diplomacy", "US politics", "Economy"]
    at.selectbox(key="framing_preset").set_value("us_politics").run()
    at.button(key="framing_use_preset").click().run()
    _no_exception(at)
    assert "US politics preset" in at.caption[0].value
    (editor,) = at.data_editor
    assert {"illegal immigrant", "undocumented immigrant", "death tax"} <= set(editor.value["term"])


def test_distinctive_terms_show_words_not_raw_column_names():
    at = _on("framing")
    (table,) = [d for d in at.dataframe if "count_rest" in d.value.columns]
    labels = {name: c.get("label") for name, c in json.loads(table.proto.columns).items()}
    assert labels["count_rest"] == "uses elsewhere" and labels["log_odds"] == "log-odds" and labels["z"] == "z-score"


def test_the_left_context_of_a_hit_ends_against_the_match_and_fits_its_column():
    at = _on("framing")
    (kwic,) = [d for d in at.dataframe if "left" in d.value.columns]
    lines = kwic.value
    assert (lines["left"].str.len() <= 40).all() and (lines["right"].str.len() <= 40).all()
    assert lines["left"].str.startswith("…").any()  # cut from its start, not from its end
    left = json.loads(kwic.proto.columns)["left"]
    assert left.get("alignment") == "right" and left.get("width", 0) >= 280
