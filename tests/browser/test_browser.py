"""The dashboard in a real browser: every page, a cold deep link, chart clicks, hostile uploads."""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.browser.server import click_mark, rerun_after, screenshot_dir, streamlit_server, wait_ready

pytestmark = pytest.mark.browser

def _strongest_match() -> str:
    from analysis.ingest.pipeline import build_corpus
    from analysis.reuse import reuse_matches, reuse_table
    from analysis.reuse.tables import with_match_ids

    corpus = build_corpus()
    cross = [m for m in reuse_matches(corpus) if not m.same_document]
    return quote(with_match_ids(reuse_table(corpus, cross))["match_id"][0])  # strongest first


def _first_history_hit() -> str:
    from analysis.framing import framing_hits
    from analysis.framing.lexicon import default_lexicon
    from analysis.ingest.pipeline import build_corpus

    corpus = build_corpus()
    hit = next(h for h in framing_hits(corpus, default_lexicon())
               if h.frame == "history" and corpus.document(h.doc_id).outlet == "News.Az")
    return quote(f"{hit.doc_id}@{hit.start}")


# Each page with a drill-down open, as a colleague's link would show it.
PAGES = [
    ("", "Overview"),
    (f"reuse?reuse_match={_strongest_match()}", "Reuse"),
    (f"framing?framing_outlet=News.Az&framing_frame=history&framing_hit={_first_history_hit()}", "Framing"),
    ("disagreements?claim=g1", "Disagreements"),
    (f"compare?outlets={quote('unknown outlet (file 002)')}&outlets=News.Az&compare_claims=true", "Compare"),
    ("corpus", "Corpus"),
]
HOSTILE = """Hostile article
<script>window.pwned = 1; alert("script ran")</script>
An image <img src=x onerror="window.pwned = 2; alert('img ran')"> and a style
<style>body { display: none !important } [data-testid=stApp] { visibility: hidden }</style>
with a frame <iframe src="https://evil.example/frame"></iframe> and a
<a href="javascript:window.pwned=3">javascript link</a> and [a Markdown link](javascript:alert(4))
plus ![remote image](https://evil.example/pixel.png) and $\\frac{1}{2}$ LaTeX.
The summit took place in Nara on January 13, 2026, officials said.
"""
SHARED = "Leaders met for talks on trade, history and the alliance with the United States, officials said."
# Outlet names and titles are as hostile as the text: they reach headings, tables, charts and labels.
HOSTILE_RECORDS = [
    {"source": '<img src=x onerror="window.pwned = 4"> [Evil](javascript:window.pwned=5)',
     "title": "<script>window.pwned = 6</script> ![t](https://evil.example/t.png)",
     "text": f"{HOSTILE}\nThe summit opened on January 13, 2026 in Nara. {SHARED}"},
    {"source": "<script>window.pwned = 7</script> **Wire**",
     "title": '<iframe src="https://evil.example/f"></iframe> $x$',
     "text": f"{HOSTILE}\nThe summit opened on January 14, 2026 in Nara. {SHARED}"},
]


def _errors(page: Page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda e: found.append(str(e)))
    page.on("dialog", lambda d: (found.append(f"dialog: {d.message}"), d.dismiss()))
    return found


def _requests_elsewhere(page: Page, app_url: str) -> list[str]:
    """Record every request the page makes to anywhere but the app's own server (data: and blob: are local)."""
    elsewhere: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((f"{app_url}/", "data:", "blob:"))
            else elsewhere.append(r.url))
    return elsewhere


def _no_exception(page: Page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


# The bottom of the page's content once it has stopped moving (charts draw and grow after the
# script run): polled every 100 ms until three readings agree.
_SETTLED_BOTTOM = """() => {
  // The block container's own box: inner scroll areas of tables overhang it but are clipped.
  const bottom = document.querySelector('[data-testid=stMainBlockContainer]').getBoundingClientRect().bottom;
  const seen = window.__pxBottoms = [...(window.__pxBottoms || []), bottom].slice(-3);
  return seen.length === 3 && seen.every(b => b === bottom) ? bottom : false;
}"""


def _settled_bottom(page: Page) -> float:
    page.evaluate("() => { window.__pxBottoms = []; }")
    return page.wait_for_function(_SETTLED_BOTTOM, polling=100).json_value()


def _screenshot(page: Page, name: str) -> None:
    """Save the whole page to screenshot_dir() (docs/screenshots/ only when PARALLAX_SCREENSHOTS=1)."""
    # Streamlit scrolls inside its own container: open a tall window, measure, then fit it.
    page.set_viewport_size({"width": 1400, "height": 4000})
    wait_ready(page)
    bottom = _settled_bottom(page)
    page.set_viewport_size({"width": 1400, "height": int(min(max(bottom, 900), 4000))})
    _settled_bottom(page)
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})


@pytest.mark.parametrize(("path", "title"), PAGES, ids=[t for _, t in PAGES])
def test_every_page_renders_without_an_exception_and_nothing_leaves_the_machine(
        page: Page, app_url: str, path: str, title: str):
    errors = _errors(page)
    elsewhere = _requests_elsewhere(page, app_url)
    page.goto(f"{app_url}/{path}")
    wait_ready(page, title=title)
    _no_exception(page)
    expect(page.get_by_test_id("stSidebar").get_by_text("Corpus", exact=True).first).to_be_visible()
    _screenshot(page, title.lower())
    assert errors == []
    assert app_url.startswith("http://127.0.0.1:") and elsewhere == []  # the tab icon came from Google's fonts


def test_a_cold_deep_link_as_the_first_request_shows_that_view(page: Page):
    # A fresh server: the link below is the very first request it answers.
    with streamlit_server() as url:
        errors = _errors(page)
        page.goto(f"{url}/reuse?reuse_min=35&reuse_tab=Clusters")
        wait_ready(page, title="Reuse")
        _no_exception(page)
        expect(page.get_by_test_id("stSliderThumbValue")).to_have_text("35")
        expect(page.get_by_role("tab", name="Clusters")).to_have_attribute("aria-selected", "true")
        expect(page.get_by_test_id("stSidebar").get_by_text("Corpus", exact=True).first).to_be_visible()
        assert "reuse_min=35" in page.url
        assert errors == []


def test_clicking_a_heatmap_cell_opens_that_pairs_shared_passages(page: Page, app_url: str):
    errors = _errors(page)
    page.goto(app_url)
    wait_ready(page, title="Overview")
    click_mark(page, page.locator(".st-key-overview_heatmap"), lambda cell: cell["share"] > 0)
    # st.switch_page changes the URL in place (no page load).
    expect(page).to_have_url(re.compile(r"/reuse\?"), timeout=30_000)
    wait_ready(page, title="Reuse")
    _no_exception(page)
    assert "reuse_a=" in page.url and "reuse_b=" in page.url
    assert errors == []


def test_clicking_a_claimed_date_shows_the_outlets_sentences_side_by_side(page: Page, app_url: str):
    errors = _errors(page)
    page.goto(f"{app_url}/disagreements")
    wait_ready(page, title="Disagreements")
    expect(page.locator("mark.px-claim")).to_have_count(0)
    click_mark(page, page.locator(".st-key-disagreements_timeline"))
    expect(page.locator("mark.px-claim").first).to_be_visible()
    assert "claim=" in page.url
    _no_exception(page)
    assert errors == []


def test_clicking_a_framing_bar_lists_that_outlets_hits(page: Page, app_url: str):
    page.goto(f"{app_url}/framing")
    wait_ready(page, title="Framing")
    click_mark(page, page.locator(".st-key-framing_chart"))
    assert "framing_outlet=" in page.url and "framing_frame=" in page.url
    _no_exception(page)


def _assert_inert(page: Page) -> None:
    main = page.get_by_test_id("stMain")
    _no_exception(page)
    assert page.evaluate("() => window.pwned") is None
    expect(main.locator("iframe, img[src=x], a[href^=javascript], [onerror]")).to_have_count(0)
    expect(main.locator("a[href*='evil.example'], img[src*='evil.example'], .katex")).to_have_count(0)
    assert page.evaluate("() => getComputedStyle(document.body).display") != "none"
    expect(page.get_by_test_id("stApp")).to_be_visible()


def _open_page(page: Page, link, title: str) -> None:
    """Follow a sidebar link within this session (a page load would start a new, empty one)."""
    rerun_after(page, link.click, title=title)


def _choose(page: Page, selectbox, option: str) -> None:
    """Open ``selectbox`` and pick its first option containing ``option``; wait for the rerun."""
    box = selectbox.get_by_role("combobox")
    box.click()
    choices = page.get_by_role("option").filter(has_text=option)
    if not choices.count():
        box.press("ArrowDown")
    rerun_after(page, choices.first.click)


def test_hostile_uploaded_articles_stay_inert_on_every_page(page: Page, app_url: str, tmp_path: Path):
    errors = _errors(page)
    page.goto(f"{app_url}/corpus?corpus_tab=Add+articles")
    wait_ready(page, title="Corpus")
    files = []
    for name in ("hostile.txt", "hostile.md"):
        (tmp_path / name).write_text(HOSTILE.replace("Hostile article", f"Hostile article {name}"), encoding="utf-8")
        files.append(str(tmp_path / name))
    (tmp_path / "hostile.jsonl").write_text("\n".join(json.dumps(r) for r in HOSTILE_RECORDS), encoding="utf-8")
    files.append(str(tmp_path / "hostile.jsonl"))
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(files)
    rerun_after(page, lambda: page.get_by_role("button", name="Add to my corpus").click())
    expect(page.get_by_test_id("stSidebar")).to_contain_text("4 articles · 4 outlets")
    rerun_after(page, lambda: page.get_by_role("tab", name="Articles", exact=True).click())
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text('<script>window.pwned = 1; alert("script ran")</script>').first).to_be_visible()
    # Every page on the hostile corpus in this session (a page load would start a new, empty
    # session), with each drill-down opened.
    drill_downs = {"Reuse": ("Read a pair side by side", "·", "mark.px-reuse"),
                   "Framing": ("Open the article at hit", "[", "mark.px-focus"),
                   # The Jan 14 record also states the shared text's Jan 13: one article dating the
                   # summit twice is no conflict, but the outlets agree on Nara.
                   "Disagreements": ("Compare the sentences of", "agree", "mark.px-claim")}
    nav = page.get_by_test_id("stSidebar")
    for title in ("Overview", "Reuse", "Framing", "Disagreements", "Compare", "Corpus"):
        _open_page(page, nav.get_by_role("link").filter(has=page.get_by_text(title, exact=True)), title)
        expect(page.get_by_test_id("stSidebar")).to_contain_text("4 articles · 4 outlets")
        _assert_inert(page)
        if title == "Reuse":
            page.get_by_role("slider").focus()
            rerun_after(page, partial(page.keyboard.press, "Home"))  # minimum score 0: every pair
        if title == "Compare":
            for toggle in ("Framing terms", "Dates and numbers"):
                rerun_after(page, main.get_by_text(toggle, exact=True).click)
            expect(main.locator("mark.px-claim").first).to_be_visible()
            _assert_inert(page)
        if title in drill_downs:
            label, option, mark = drill_downs[title]
            _choose(page, main.get_by_test_id("stSelectbox").filter(has_text=label), option)
            expect(main.locator(mark).first).to_be_visible()
            _assert_inert(page)
        if title == "Disagreements":  # the outlet name, shown literally over its sentence
            heads = main.locator(".px-head").filter(has_text="<script>window.pwned = 7</script> **Wire**")
            expect(heads.first).to_be_visible()
        if title == "Corpus":  # the uploaded file's name, never the folder it was uploaded from
            expect(main.locator(".px-meta").filter(has_text="hostile.txt").first).to_be_visible()
            expect(main.get_by_text(str(tmp_path))).to_have_count(0)
    assert errors == []


CJK_RECORDS = [
    {"source": "연합뉴스", "title": "한일 정상회담, 셔틀 외교 복원", "language": "ko",
     "text": "이재명 대통령은 13일 일본 나라에서 다카이치 사나에 총리와 정상회담을 하고 셔틀 외교를 이어가기로 했다."},
    {"source": "NHK", "title": "日韓首脳会談 シャトル外交を継続", "language": "ja",
     "text": "高市首相は14日、奈良で李在明大統領と首脳会談を行い、シャトル外交の継続で一致した。"},
    {"source": "新华社", "title": "日韩领导人举行会晤", "language": "zh",
     "text": "日本首相高市早苗13日在奈良与韩国总统李在明举行会晤，双方同意继续穿梭外交。"},
]


def test_korean_japanese_and_chinese_articles_render_and_compare_by_language(page: Page, app_url: str, tmp_path: Path):
    import shutil
    import subprocess

    # Noto CJK (Debian's fonts-noto-cjk, installed by `make browser`) draws the text, not boxes.
    if shutil.which("fc-match"):
        font = subprocess.run(["fc-match", "sans-serif:lang=ja"], capture_output=True, text=True).stdout
        assert "CJK" in font, font
    errors = _errors(page)
    page.goto(f"{app_url}/corpus?corpus_tab=Add+articles")
    wait_ready(page, title="Corpus")
    (tmp_path / "cjk.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in CJK_RECORDS),
                                        encoding="utf-8")
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files([str(tmp_path / "cjk.jsonl")])
    rerun_after(page, lambda: page.get_by_role("button", name="Add to my corpus").click())
    expect(page.get_by_test_id("stSidebar")).to_contain_text("3 articles · 3 outlets")
    rerun_after(page, lambda: page.get_by_role("tab", name="Articles", exact=True).click())
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("셔틀 외교를 이어가기로 했다", exact=False).first).to_be_visible()
    expect(main.locator(".px-meta").filter(has_text="ko (Korean)").first).to_be_visible()
    _screenshot(page, "corpus-cjk")
    nav = page.get_by_test_id("stSidebar")
    _open_page(page, nav.get_by_role("link").filter(has=page.get_by_text("Framing", exact=True)), "Framing")
    _no_exception(page)
    rerun_after(page, main.get_by_text("languages", exact=True).click)
    _no_exception(page)
    # The hits table is a canvas grid: its cells are in the page for screen readers.
    expect(main.get_by_text("シャトル外交", exact=False).first).to_be_attached()
    expect(main.get_by_text("셔틀외교", exact=False).or_(main.get_by_text("셔틀 외교", exact=False)).first).to_be_attached()
    _screenshot(page, "framing-cjk")
    assert errors == []
