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


def test_grouping_framing_by_term_puts_one_row_per_term():
    at = _on("framing")
    assert _charts(at)[0]["encoding"]["x"]["field"] == "frame"
    at.button_group(key="framing_by").set_value("term").run()
    _no_exception(at)
    assert _charts(at)[0]["encoding"]["y"]["field"] == "term"


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
    assert at.sidebar.caption[0].value.startswith("1 article · 1 outlet · ")
    assert [s.value for s in at.success] == ["Added 1 article to your corpus\\."]


def test_a_corpus_of_one_outlet_explains_why_reuse_and_disagreements_are_empty():
    at = _paste(_app(), "One outlet only. It said the summit was on January 13, 2026.")
    at.switch_page("views/reuse.py").run()
    assert any("only one" in i.value for i in at.info)
    at.switch_page("views/disagreements.py").run()
    assert any("only one" in i.value for i in at.info)
    at.switch_page("views/compare.py").run()
    assert any("at least two outlets" in i.value for i in at.info)


HOSTILE_OUTLETS = ('<img src=x onerror="alert(5)"> [Evil](javascript:alert(4))', "<script>o()</script> **Wire**")
HOSTILE_TITLES = ("<script>t()</script> ![t](https://evil.example/t.png)", '<iframe src="https://evil.example/f"></iframe> $x$')
SHARED = "Leaders met for talks on trade, history and the alliance with the United States, officials said."


def _hostile_corpus() -> AppTest:
    """Two hostile articles from two hostile outlets that share a sentence and disagree on a date."""
    at = _app()
    for n, (outlet, title, day) in enumerate(zip(HOSTILE_OUTLETS, HOSTILE_TITLES, (13, 14), strict=True)):
        text = f"{HOSTILE}\n\nThe summit opened on January {day}, 2026 in Nara. {SHARED} Article {n}."
        at = _paste(at, text, outlet=outlet, title=title)
    return at


def _assert_inert(at: AppTest) -> None:
    _no_exception(at)
    html = _html(at).lower().replace("<mark", "")
    for needle in ("<script", "<img", "<iframe", "<b>", "<a ", 'onerror="', "<strong"):
        assert needle not in html
    markdown = " ".join(e.value for kind in ("markdown", "caption", "info", "warning", "error", "title", "subheader")
                        for e in at.get(kind))
    assert "javascript:" not in markdown and "evil.example" not in markdown and "<script" not in markdown


def test_a_hostile_pasted_article_stays_inert_on_every_page_with_its_drill_downs_open():
    at = _hostile_corpus()
    assert "2 articles" in at.sidebar.caption[0].value
    at.query_params["corpus_tab"] = at.session_state["corpus_tab"] = "Articles"
    at.query_params.update(reuse_min="0", compare_reuse="true", compare_framing="true", compare_claims="true")
    for view in VIEWS:
        at.switch_page(str(view.relative_to(APP.parent))).run()
        _assert_inert(at)
        if view.stem == "reuse":
            pairs = at.dataframe[0].value
            at.selectbox(key="reuse_match").set_value(pairs["match_id"][0]).run()
            _assert_inert(at)
            assert '<mark class="px-reuse"' in _html(at)
            assert "&lt;script&gt;o()&lt;/script&gt; **Wire**" in _html(at)
        elif view.stem == "disagreements":
            table = at.dataframe[0].value
            assert "conflict" in set(table["relation"])
            at.selectbox(key="claim").set_value(table["disagreement_id"][0]).run()
            _assert_inert(at)
            assert '<mark class="px-claim"' in _html(at)
        elif view.stem == "framing":
            at.selectbox(key="framing_hit").set_value(at.dataframe[0].value["hit_id"][0]).run()
            _assert_inert(at)
            assert '<mark class="px-focus"' in _html(at)
        elif view.stem == "corpus":
            assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in _html(at)
            assert "&lt;img src=x onerror=&quot;alert(5)&quot;&gt;" in _html(at)


def _paste_two(first: str, second: str) -> AppTest:
    at = _app()
    for outlet, day in ((first, 13), (second, 14)):
        at = _paste(at, f"The summit opened on January {day}, 2026 in Nara. {SHARED}", outlet=outlet, title=f"By {outlet}")
    return at


@pytest.mark.parametrize("names", [("relation", "kind"), ("subject", "disagreement_id")])
def test_outlets_named_like_the_claims_table_columns_get_their_own_column(names: tuple[str, str]):
    at = _paste_two(*names)
    at.switch_page("views/disagreements.py").run()
    _no_exception(at)
    table = at.dataframe[0].value
    assert list(table["relation"]) == ["conflict"]
    assert set(table.iloc[0]) >= {"2026-01-13", "2026-01-14", "date", "summit"}
    labels = json.loads(at.dataframe[0].proto.columns)
    assert {labels[c]["label"] for c in labels if c.startswith("outlet_")} == set(names)


def test_the_export_tab_offers_json_and_csv_downloads():
    at = _on("corpus", corpus_tab="Export")
    _no_exception(at)
    assert {b.proto.label for b in at.get("download_button")} == {"Download JSON", "Download CSV (zip)"}


def test_the_export_uses_the_cached_analyses_and_the_chosen_reuse_threshold(monkeypatch: pytest.MonkeyPatch):
    at = _paste_two("Wire", "Daily")  # a corpus of its own, so its export is not cached yet
    at.switch_page("views/overview.py").run()  # the Overview runs every analysis
    _no_exception(at)
    import analysis.claims
    import analysis.claims.comparison
    import analysis.framing
    import analysis.reuse

    def recomputed(*_args, **_kwargs):
        raise AssertionError("the export recomputed an analysis")

    for module, name in ((analysis.reuse, "reuse_matches"), (analysis.framing, "framing_hits"),
                         (analysis.claims, "all_claims"), (analysis.claims.comparison, "disagreements")):
        monkeypatch.setattr(module, name, recomputed)
    from dashboard import data

    exports = []
    real = data.export_tables
    monkeypatch.setattr(data, "export_tables", lambda *a, **k: exports.append(real(*a, **k)) or exports[-1])
    at.query_params["corpus_tab"] = at.session_state["corpus_tab"] = "Export"
    at.switch_page("views/corpus.py").run()
    _no_exception(at)
    (export,) = exports
    assert len(export["documents"]) == 2 and export["claims"] and export["disagreements"]
    assert export["reuse"] and all(r["score"] >= data.DEFAULT_MIN_SCORE for r in export["reuse"])
    at.slider(key="corpus_export_min").set_value(100).run()
    _no_exception(at)
    assert len(exports) == 2 and len(exports[1]["reuse"]) < len(export["reuse"])
    assert all(r["score"] >= 100 for r in exports[1]["reuse"])


def test_my_corpus_is_hashed_once_when_it_changes_not_on_every_rerun(monkeypatch: pytest.MonkeyPatch):
    from analysis.text.records import Corpus

    at = _paste(_app(), "The summit opened on January 13, 2026 in Nara. Leaders met.")
    hashes = []
    real = Corpus.content_hash
    monkeypatch.setattr(Corpus, "content_hash", property(lambda c: hashes.append(1) or real.fget(c)))
    for page in ("overview", "reuse", "framing", "corpus"):
        at.switch_page(f"views/{page}.py").run()
        _no_exception(at)
    assert hashes == []
    at = _paste(at, "A second article. It says the summit was on January 14, 2026.", outlet="Daily")
    assert hashes == [1]
    assert "2 articles" in at.sidebar.caption[0].value


def test_the_shared_corpus_is_hashed_once_with_its_cached_load(monkeypatch: pytest.MonkeyPatch):
    from analysis.text.records import Corpus
    from dashboard import data

    hashes = []
    real = Corpus.content_hash
    monkeypatch.setattr(Corpus, "content_hash", property(lambda c: hashes.append(1) or real.fget(c)))
    data._shared_corpus.clear()
    at = _app()
    for page in ("reuse", "disagreements", "overview"):
        at.switch_page(f"views/{page}.py").run()
        _no_exception(at)
    assert hashes == [1]


def test_the_disagreements_page_reads_the_claims_at_most_once_per_rerun(monkeypatch: pytest.MonkeyPatch):
    from dashboard import data

    at = _on("disagreements", claim="g1")
    calls = []
    real = data.claims
    monkeypatch.setattr(data, "claims", lambda source: calls.append(1) or real(source))
    at.multiselect(key="disagreements_status").set_value(["conflict", "agree"]).run()
    _no_exception(at)
    assert '<mark class="px-claim"' in _html(at)
    assert len(calls) <= 1


def test_a_large_upload_shows_each_analysis_step_while_it_runs(monkeypatch: pytest.MonkeyPatch):
    from dashboard import progress

    monkeypatch.setattr(progress, "LARGE_CORPUS", 1)
    at = _paste_two("Wire", "Daily")
    at.switch_page("views/overview.py").run()
    _no_exception(at)
    (status,) = at.status
    assert status.label == "Analysed your 2 articles"
    steps = [m.value for m in status.markdown]
    assert steps == ["Step 1 of 3: Finding reused passages…", "Step 2 of 3: Counting framing terms…",
                     "Step 3 of 3: Reading dates and numbers and comparing them across outlets…"]
    at.switch_page("views/reuse.py").run()  # already analysed in this session: no status again
    assert not at.status


def test_the_shared_corpus_and_small_uploads_show_no_status_box():
    at = _paste_two("Wire", "Daily")
    at.switch_page("views/overview.py").run()
    assert not at.status


def test_pasting_without_text_explains_itself_and_adds_nothing():
    at = _paste(_app(), "   ")
    _no_exception(at)
    assert any("no text was given" in e.value for e in at.error)
    assert at.sidebar.selectbox(key="corpus").value == "shared"


def test_a_pasted_article_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch):
    from analysis.ingest import formats

    monkeypatch.setattr(formats, "MAX_ARTICLE_CHARS", 40)
    at = _paste(_app(), "The summit opened on January 13, 2026 in Nara. Leaders met for talks.")
    assert any("over the 40 limit" in e.value for e in at.error)
    assert at.sidebar.selectbox(key="corpus").value == "shared"


def test_an_uploaded_file_shows_its_name_never_a_server_path():
    from analysis.ingest import upload

    docs, errors = upload.documents_from_uploads([
        ("/srv/parallax/uploads/tmp123/wire.txt", b"Wire story. The summit opened on January 13, 2026."),
        ("C:\\Users\\me\\bad.pdf", b"%PDF"),
    ])
    at = AppTest.from_file(str(APP), default_timeout=120)
    _set_own(at, docs, errors)
    at.query_params["corpus_tab"] = "Articles"
    at.run().switch_page("views/corpus.py").run()
    _no_exception(at)
    html = _html(at)
    assert "wire.txt" in html and "/srv/" not in html
    assert list(at.dataframe[-1].value["file"]) == ["bad.pdf"]


def _set_own(at: AppTest, docs, errors) -> None:
    from analysis.ingest import unique_ids
    from dashboard import session

    docs = unique_ids(docs)
    at.session_state[session.OWN_DOCS] = docs
    at.session_state[session.OWN_ERRORS] = tuple(errors)
    at.session_state[session.OWN_KEY] = session.own_key(docs, errors)
    at.session_state[session.CORPUS_KEY] = "own"


def _stories_corpus(folder: Path) -> Path:
    """Write a corpus of two stories years apart, two outlets each, with a story field."""
    rows = [
        {"id": "a1", "story": "nara", "source": "Wire", "date": "2026-01-13",
         "text": "According to NHK, the summit opened in Nara on January 13, 2026."},
        {"id": "a2", "story": "nara", "source": "Daily", "date": "2026-01-14",
         "text": "The summit opened in Nara on January 14, 2026, officials said."},
        {"id": "b1", "story": "budget", "source": "Wire", "date": "2019-01-25",
         "text": "The shutdown deal was announced on January 25, 2019."},
        {"id": "b2", "story": "budget", "source": "Daily", "date": "2019-01-25",
         "text": "The shutdown deal was announced on January 25, 2019, in Washington."},
    ]
    path = folder / "stories.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return folder


def test_a_corpus_of_several_stories_lists_them_warns_and_shares_the_choice_across_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("PARALLAX_CORPUS", str(_stories_corpus(tmp_path)))
    at = _app()
    _no_exception(at)
    assert at.sidebar.selectbox(key="story").options == ["All 2 stories", "nara (2)", "budget (2)"]
    assert any("spans" in w.value and "years" in w.value for w in at.warning)
    assert list(at.dataframe[0].value["label"]) == ["nara", "budget"]
    at.sidebar.selectbox(key="story").set_value("nara").run()
    assert {m.label: m.value for m in at.metric}["Articles"] == "2"
    assert at.query_params["story"] == "nara"
    at.switch_page("views/disagreements.py").run()
    _no_exception(at)
    table = at.dataframe[0].value
    assert (list(table["event"]), list(table["relation"])) == (["summit"], ["conflict"])


def test_a_story_in_the_url_opens_every_page_on_that_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PARALLAX_CORPUS", str(_stories_corpus(tmp_path)))
    at = _app(story="budget")
    at.switch_page("views/disagreements.py").run()
    _no_exception(at)
    assert at.sidebar.selectbox(key="story").value == "budget"
    assert any("No event" in c.value for c in at.caption)  # the two outlets agree: hidden by default
    at.multiselect(key="disagreements_status").set_value(["agree"]).run()
    assert set(at.dataframe[0].value["event"]) == {"shutdown deal"}


def test_the_sentences_side_by_side_show_publication_dates_and_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PARALLAX_CORPUS", str(_stories_corpus(tmp_path)))
    at = _app(story="nara")
    at.switch_page("views/disagreements.py").run()
    conflict = next(i for i, r in enumerate(at.dataframe[0].value["relation"]) if r == "conflict")
    claim = at.dataframe[0].value["disagreement_id"].iloc[conflict]
    at.selectbox(key="claim").set_value(claim).run()
    _no_exception(at)
    html = _html(at)
    assert "published 2026-01-13 · according to NHK" in html and "published 2026-01-14" in html
    assert "Why conflict" in html and "Jan 14, 2026" in html
def _korean_japanese_english() -> AppTest:
    at = _app()
    at = _paste(at, "이재명 대통령은 13일 일본 나라에서 다카이치 총리와 정상회담을 하고 셔틀 외교를 이어가기로 했다.",
                outlet="연합뉴스", title="한일 정상회담")
    at = _paste(at, "高市首相は14日、奈良で李在明大統領と首脳会談を行い、シャトル外交の継続で一致した。",
                outlet="NHK", title="日韓首脳会談")
    return _paste(at, "The leaders met in Nara on January 13 and agreed to continue shuttle diplomacy.",
                  outlet="Reuters", title="Summit in Nara")


def test_articles_show_their_language_and_filter_by_it():
    at = _korean_japanese_english()
    at.query_params["corpus_tab"] = at.session_state["corpus_tab"] = "Articles"
    at.switch_page("views/corpus.py").run()
    _no_exception(at)
    at.selectbox(key="corpus_language").set_value("ko").run()
    _no_exception(at)
    assert [o for o in at.selectbox(key="corpus_doc").options] and all(
        "연합뉴스" in o for o in at.selectbox(key="corpus_doc").options)
    assert "ko (Korean)" in _html(at)


def test_framing_compares_the_korean_japanese_and_english_press():
    at = _korean_japanese_english()
    at.switch_page("views/framing.py").run()
    at.segmented_control(key="framing_compare").set_value("languages").run()
    _no_exception(at)
    assert at.segmented_control(key="framing_compare").value == "languages"
    # The hit filter still lists outlets, not the pooled presses.
    assert "Korean press" not in at.selectbox(key="framing_outlet").options
