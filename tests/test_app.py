"""The dashboard driven through Streamlit's AppTest, from the entrypoint, on the bundled seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
VIEWS = sorted((APP.parent / "views").glob("*.py"))
HOSTILE = (
    "Breaking <script>window.pwned=1</script> news. <img src=x onerror=\"alert(1)\"> "
    "<style>body{display:none}</style> <iframe src=\"https://evil.example\"></iframe> "
    "<a href=\"javascript:alert(2)\">click</a> [a link](javascript:alert(3)) ![pic](https://evil.example/p.png)"
)


def _app(**query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update(query)
    return at.run()


def _on(page: str, **query: str) -> AppTest:
    at = _app()
    at.query_params.update(query)
    at.switch_page(f"views/{page}.py")
    return at.run()


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(n.proto.spec) for n in at._tree if getattr(n, "type", "") == "vega_lite_chart"]


def _html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.get("html"))


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.stack_trace for e in at.exception]


@pytest.mark.parametrize("view", VIEWS, ids=lambda p: p.stem)
def test_every_page_renders_from_the_entrypoint_without_an_exception(view: Path):
    at = _app()
    at.switch_page(str(view.relative_to(APP.parent))).run()
    _no_exception(at)
    assert at.title[0].value == view.stem.capitalize()
    assert at.sidebar.selectbox(key="corpus").value == "shared"


def test_the_overview_counts_the_seed_articles_and_outlets():
    at = _app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == "5"
    assert metrics["Outlets"] == "5"
    assert len(at.dataframe[0].value) == 5


def test_raising_the_reuse_threshold_never_adds_pairs_and_moves_the_chart_axis():
    at = _on("reuse", reuse_min="0")
    loose = len(at.dataframe[0].value)
    at.slider(key="reuse_min").set_value(50).run()
    _no_exception(at)
    strict = at.dataframe[0].value if at.dataframe else []
    assert len(strict) <= loose
    if len(strict):
        assert (strict["score"] >= 50).all()
        assert _charts(at)[0]["encoding"]["x"]["scale"]["domain"] == [50.0, 100]


def test_a_threshold_too_high_explains_itself():
    at = _on("reuse", reuse_min="100")
    assert any("Lower the minimum score" in i.value for i in at.info)


def test_a_link_with_a_threshold_opens_the_reuse_page_at_that_threshold():
    at = _on("reuse", reuse_min="35", reuse_same="true")
    assert at.slider(key="reuse_min").value == 35
    assert at.toggle(key="reuse_same").value is True


def test_choosing_a_pair_shows_both_passages_with_the_shared_words_marked():
    at = _on("reuse")
    pairs = at.dataframe[0].value
    at.selectbox(key="reuse_match").set_value(pairs["match_id"][0]).run()
    _no_exception(at)
    html = _html(at)
    assert html.count('<mark class="px-reuse"') >= 2
    assert pairs["outlet_a"][0] in html and pairs["outlet_b"][0] in html


def test_the_cluster_tab_aligns_every_version_of_a_passage():
    at = _on("reuse", reuse_tab="Clusters", reuse_min="0")
    _no_exception(at)
    assert not at.dataframe[0].value.empty
    assert '<mark class="px-reuse"' in _html(at)


def test_choosing_an_outlet_on_framing_lists_only_its_hits():
    at = _on("framing")
    everyone = at.dataframe[0].value
    at.selectbox(key="framing_outlet").set_value("News.Az").run()
    mine = at.dataframe[0].value
    assert 0 < len(mine) < len(everyone)
    assert set(mine["outlet"]) == {"News.Az"}


def test_grouping_framing_by_term_puts_terms_on_the_x_axis():
    at = _on("framing")
    assert _charts(at)[0]["encoding"]["x"]["field"] == "frame"
    at.button_group(key="framing_by").set_value("term").run()
    _no_exception(at)
    assert _charts(at)[0]["encoding"]["x"]["field"] == "term"


def test_the_framing_chart_shows_rates_with_counts_on_hover():
    spec = _charts(_on("framing"))[0]
    assert spec["encoding"]["y"]["field"] == "rate"
    assert {"count", "rate", "quote"} <= {t["field"] for t in spec["encoding"]["tooltip"]}


def test_choosing_a_hit_opens_the_article_with_the_hit_marked():
    at = _on("framing")
    lines = at.dataframe[0].value
    at.selectbox(key="framing_hit").set_value(lines["hit_id"][0]).run()
    _no_exception(at)
    assert '<mark class="px-focus"' in _html(at)
    assert lines["match"][0] in _html(at)


def test_distinctive_terms_come_with_the_small_corpus_warning_on_the_seeds():
    at = _on("framing")
    assert any("too small" in w.value for w in at.warning)


def test_the_claims_table_filters_by_relation():
    at = _on("disagreements")
    at.multiselect(key="disagreements_status").set_value(["conflict"]).run()
    table = at.dataframe[0].value
    assert len(table) >= 1
    assert set(table["relation"]) == {"conflict"}


def test_choosing_a_disagreement_shows_each_outlets_sentence_with_the_claim_marked():
    at = _on("disagreements", claim="g1")
    _no_exception(at)
    html = _html(at)
    assert html.count('<mark class="px-claim"') >= 2
    assert "Jan 14, 2026" in html or "January 14, 2026" in html


def test_the_claimed_dates_timeline_draws_intervals_coloured_by_relation():
    spec = _charts(_on("disagreements"))[0]
    assert spec["encoding"]["x2"]["field"] == "end"
    assert spec["encoding"]["color"]["field"] == "status"


def test_compare_overlays_claims_when_asked():
    at = _on("compare", outlets=["News.Az", "PRISM News"])
    assert '<mark class="px-claim"' not in _html(at)
    at.toggle(key="compare_claims").set_value(True).run()
    _no_exception(at)
    assert '<mark class="px-claim"' in _html(at)


def _paste(at: AppTest, text: str, *, outlet: str = "Wire", title: str = "A title") -> AppTest:
    at.query_params["corpus_tab"] = "Add articles"
    at.switch_page("views/corpus.py").run()
    at.text_input(key="corpus_paste_outlet").input(outlet)
    at.text_input(key="corpus_paste_title").input(title)
    at.text_area(key="corpus_paste_text").input(text)
    at.button(key="corpus_paste_add").click()
    return at.run()


def test_pasting_an_article_makes_it_my_corpus():
    at = _paste(_app(), "The summit opened on January 13, 2026 in Nara. Leaders met.")
    _no_exception(at)
    assert at.sidebar.selectbox(key="corpus").value == "own"
    assert "1 articles" in at.sidebar.caption[0].value


def test_a_corpus_of_one_outlet_explains_why_reuse_and_disagreements_are_empty():
    at = _paste(_app(), "One outlet only. It said the summit was on January 13, 2026.")
    at.switch_page("views/reuse.py").run()
    assert any("only one" in i.value for i in at.info)
    at.switch_page("views/disagreements.py").run()
    assert any("only one" in i.value for i in at.info)
    at.switch_page("views/compare.py").run()
    assert any("at least two outlets" in i.value for i in at.info)


def test_a_hostile_pasted_article_reaches_the_page_only_escaped():
    at = _paste(_app(), HOSTILE, outlet="<b>Evil</b> [x](javascript:alert(4))", title="<script>t()</script>")
    at.query_params["corpus_tab"] = at.session_state["corpus_tab"] = "Articles"
    for page in ("corpus", "compare", "framing", "overview"):
        at.switch_page(f"views/{page}.py").run()
        _no_exception(at)
        html = _html(at)
        for needle in ("<script", "<img", "<iframe", "<b>", "<a ", "onerror=\""):
            assert needle not in html.lower().replace("<mark", "")
        markdown = " ".join(m.value for m in at.markdown)
        assert "javascript:" not in markdown and "evil.example" not in markdown
    at.switch_page("views/corpus.py").run()
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in _html(at)
    assert "&lt;b&gt;Evil&lt;/b&gt;" in _html(at)


def test_the_export_tab_offers_json_and_csv_downloads():
    at = _on("corpus", corpus_tab="Export")
    _no_exception(at)
    assert {b.proto.label for b in at.get("download_button")} == {"Download JSON", "Download CSV (zip)"}
