"""What the dashboard shows of untrusted names and titles: no bidi tricks, no zero-width twins, no stale caches."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.runtime.caching.cache_data_api import _data_caches
from streamlit.runtime.caching.cache_resource_api import _resource_caches
from streamlit.testing.v1 import AppTest

from analysis.export import export_tables
from analysis.ingest import tables as corpus_tables
from analysis.text.scripts import BIDI_CONTROLS
from dashboard import render
from tests.factories import make_corpus, make_document
from tests.test_app import _paste

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
TEXT = "The summit opened on January 13, 2026 in Nara. Leaders met for talks on trade, officials said."
SPOOFED_OUTLET = "\u202eSRETUER"  # shows as "REUTERS"
SPOOFED_TITLE = "Summit \u2066ends\u2069 \u202bearly\u202c \u200fin Nara\u200e \u061c"


def _bidi(text: str) -> bool:
    return any(ch in BIDI_CONTROLS for ch in text)


def test_zero_width_characters_do_not_make_a_second_outlet():
    docs = [make_document(TEXT, doc_id="a", source="Reuters"), make_document(TEXT, doc_id="b", source="Reu\u200bters"),
            make_document(TEXT, doc_id="c", source="\ufeffReuters\u2060"), make_document(TEXT, doc_id="d", source="AP")]
    corpus = make_corpus(*docs)
    assert corpus_tables.outlets_of(corpus) == ("Reuters", "AP")
    assert corpus_tables.documents_of(corpus, "Reuters") == ("a", "b", "c")


def test_the_export_keeps_outlet_names_and_titles_as_they_were():
    docs = [make_document(TEXT, doc_id="a", source="Reu\u200bters", title=SPOOFED_TITLE),
            make_document(TEXT, doc_id="b", source=SPOOFED_OUTLET)]
    exported = export_tables(make_corpus(*docs))["documents"]
    assert [(d["source"], d["title"]) for d in exported] == [("Reu\u200bters", SPOOFED_TITLE), (SPOOFED_OUTLET, "")]


def test_an_outlet_keyed_without_its_bidi_override_cannot_pose_as_another():
    corpus = make_corpus(make_document(TEXT, doc_id="a", source=SPOOFED_OUTLET))
    assert corpus_tables.outlets_of(corpus) == ("SRETUER",)


def test_rendered_html_carries_no_bidi_control():
    doc = make_document(f"{SPOOFED_TITLE}\n\n{TEXT} \u202eevil\u202c", doc_id="a", source=SPOOFED_OUTLET)
    corpus = make_corpus(doc)
    marks = [render.Mark(0, 12, "frame", note="\u202enote")]
    html = render.article_html(doc, corpus.passages_of("a"), marks) + render.heading_html(SPOOFED_OUTLET, SPOOFED_TITLE)
    assert not _bidi(html)
    assert "Summit ends early in Nara" in html
    assert not _bidi(render.markdown_literal(SPOOFED_TITLE))


def test_display_frames_lose_bidi_controls_in_text_cells_and_column_names_only():
    frame = pd.DataFrame({"outlet": [SPOOFED_OUTLET, None], "words": [3, 4], "\u202ecol": ["x\u2067y", "z"]})
    shown = render.display_frame(frame)
    assert list(shown.columns) == ["outlet", "words", "col"]
    assert shown["outlet"].tolist()[0] == "SRETUER" and shown["outlet"].isna().tolist() == [False, True]
    assert shown["words"].tolist() == [3, 4] and shown["col"].tolist() == ["xy", "z"]
    assert frame["outlet"][0] == SPOOFED_OUTLET  # the table given is not changed


def test_tables_labels_and_html_of_a_spoofing_upload_show_no_bidi_control():
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at = _paste(at, TEXT, outlet=SPOOFED_OUTLET, title=SPOOFED_TITLE)
    at = _paste(at, TEXT.replace("13", "14"), outlet="Wire", title="Other")
    for page, query in (("corpus", {"corpus_tab": "Articles"}), ("overview", {}), ("disagreements", {})):
        at.query_params.update(query)
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception
        for table in at.dataframe:
            frame = table.value
            cells = [str(v) for column in frame.columns for v in frame[column].tolist()]
            assert not any(_bidi(c) for c in [*cells, *map(str, frame.columns)]), page
        assert not any(_bidi(h.value) for h in at.get("html")), page
        assert not any(_bidi(o) for box in at.selectbox for o in box.options), page


def _session_entries() -> dict[str | None, int]:
    """Return how many results each session's caches hold (None: the global caches)."""
    counts: dict[str | None, int] = {}
    for registry in (_data_caches, _resource_caches):
        for session_id, caches in list(registry._function_caches.items()):
            for cache in caches.values():
                stats = cache.get_stats()
                counts[session_id] = counts.get(session_id, 0) + sum(len(v) for v in stats.values())
    return counts


APPTEST_SESSION = "test session id"  # AppTest runs every script in a session of this id


def test_emptying_my_corpus_drops_its_cached_results():
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at = _paste(at, TEXT, outlet="Wire", title="One")
    at = _paste(at, TEXT.replace("13", "14"), outlet="Daily", title="Two")
    for page in ("overview", "reuse", "disagreements"):
        at.switch_page(f"views/{page}.py").run()
    assert _session_entries()[APPTEST_SESSION] > 5
    at.query_params["corpus_tab"] = "Add articles"
    at.switch_page("views/corpus.py").run()
    at.button(key="corpus_clear").click().run()
    assert not at.exception
    assert _session_entries()[APPTEST_SESSION] == 0


def test_a_corpus_with_lone_surrogates_renders_every_page():
    from tests.test_app import VIEWS, _set_own

    docs = (make_document(f"Scraped \ud800 title\n\n{TEXT} \udfff", doc_id="a", source="Wire\ud83d"),
            make_document(TEXT.replace("13", "14"), doc_id="b", source="Daily", title="Other \udc80"))
    at = AppTest.from_file(str(APP), default_timeout=120)
    _set_own(at, docs, ())
    at.query_params["corpus_tab"] = "Articles"
    at.run()
    for view in VIEWS:
        at.switch_page(str(view.relative_to(APP.parent))).run()
        assert not at.exception, (view.stem, [e.value for e in at.exception])
        for html in at.get("html"):
            html.value.encode("utf-8")
    at.switch_page("views/corpus.py").run()
    problems = at.dataframe[-1].value  # the files not read, and the notes
    assert len(problems) == 2 and all("U+FFFD" in p for p in problems["problem"])
