"""The dashboard in a real browser: every page, a cold deep link, chart clicks, hostile uploads."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.browser.server import streamlit_server, wait_ready

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

def _strongest_match() -> str:
    from analysis.pipeline import build_corpus
    from analysis.reuse import reuse_matches

    cross = [m for m in reuse_matches(build_corpus()) if not m.same_document]
    best = max(cross, key=lambda m: m.score)
    return quote(f"{best.a}|{best.b}")


# Each page with a drill-down open, as a colleague's link would show it.
PAGES = [
    ("", "Overview"),
    (f"reuse?reuse_match={_strongest_match()}", "Reuse"),
    ("framing?framing_outlet=News.Az&framing_frame=history", "Framing"),
    ("disagreements?claim=g1", "Disagreements"),
    ("compare?outlets=002_1ee38f6cb67d9728&outlets=News.Az&compare_claims=true", "Compare"),
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


def _errors(page: Page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda e: found.append(str(e)))
    page.on("dialog", lambda d: (found.append(f"dialog: {d.message}"), d.dismiss()))
    return found


def _no_exception(page: Page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def _settle(page: Page, title: str | None = None) -> None:
    page.wait_for_timeout(400)
    wait_ready(page, title=title)


def _screenshot(page: Page, name: str) -> None:
    # Streamlit scrolls inside its own container: open a tall window, measure, then fit it.
    page.set_viewport_size({"width": 1400, "height": 4000})
    page.wait_for_timeout(800)
    wait_ready(page)
    bottom = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMainBlockContainer] *')]"
        ".map(e => e.getBoundingClientRect().bottom))"
    )
    page.set_viewport_size({"width": 1400, "height": int(min(max(bottom + 80, 900), 4000))})
    page.wait_for_timeout(500)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})


@pytest.mark.parametrize(("path", "title"), PAGES, ids=[t for _, t in PAGES])
def test_every_page_renders_without_an_exception(page: Page, app_url: str, path: str, title: str):
    errors = _errors(page)
    page.goto(f"{app_url}/{path}")
    wait_ready(page, title=title)
    _no_exception(page)
    expect(page.get_by_test_id("stSidebar").get_by_text("Corpus", exact=True).first).to_be_visible()
    _screenshot(page, title.lower())
    assert errors == []


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


def _click_first_mark(page: Page, chart, *, step: int = 10) -> None:
    """Click the first point of ``chart`` where Vega shows a pointer (marks carry cursor=pointer)."""
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    canvas = chart.locator(".vega-embed canvas, .vega-embed svg.marks").first
    for y in range(int(box["y"]) + 30, int(box["y"] + box["height"]) - 10, step):
        for x in range(int(box["x"]) + 40, int(box["x"] + box["width"]) - 10, step):
            page.mouse.move(x, y)
            if canvas.evaluate("c => getComputedStyle(c).cursor") == "pointer":
                page.mouse.click(x, y)
                return
    raise AssertionError("no clickable mark found in the chart")


def test_clicking_a_heatmap_cell_opens_that_pairs_shared_passages(page: Page, app_url: str):
    errors = _errors(page)
    page.goto(app_url)
    wait_ready(page, title="Overview")
    _click_first_mark(page, page.locator(".st-key-overview_heatmap"))
    # st.switch_page changes the URL in place (no page load).
    expect(page).to_have_url(re.compile(r"/reuse\?"), timeout=30_000)
    _settle(page, "Reuse")
    _no_exception(page)
    assert "reuse_a=" in page.url and "reuse_b=" in page.url
    assert errors == []


def test_clicking_a_claimed_date_shows_the_outlets_sentences_side_by_side(page: Page, app_url: str):
    errors = _errors(page)
    page.goto(f"{app_url}/disagreements")
    wait_ready(page, title="Disagreements")
    expect(page.locator("mark.px-claim")).to_have_count(0)
    _click_first_mark(page, page.locator(".st-key-disagreements_timeline"), step=6)
    _settle(page)
    expect(page.locator("mark.px-claim").first).to_be_visible()
    assert "claim=" in page.url
    _no_exception(page)
    assert errors == []


def test_clicking_a_framing_bar_lists_that_outlets_hits(page: Page, app_url: str):
    page.goto(f"{app_url}/framing")
    wait_ready(page, title="Framing")
    _click_first_mark(page, page.locator(".st-key-framing_chart"), step=5)
    _settle(page)
    assert "framing_outlet=" in page.url and "framing_frame=" in page.url
    _no_exception(page)


def test_a_hostile_uploaded_article_stays_inert(page: Page, app_url: str, tmp_path: Path):
    errors = _errors(page)
    page.goto(f"{app_url}/corpus?corpus_tab=Add+articles")
    wait_ready(page, title="Corpus")
    files = []
    for name in ("hostile.txt", "hostile.md"):
        (tmp_path / name).write_text(HOSTILE.replace("Hostile article", f"Hostile article {name}"), encoding="utf-8")
        files.append(str(tmp_path / name))
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(files)
    page.get_by_role("button", name="Add to my corpus").click()
    _settle(page)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("2 articles · 2 outlets")
    page.get_by_role("tab", name="Articles", exact=True).click()
    _settle(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text('<script>window.pwned = 1; alert("script ran")</script>').first).to_be_visible()
    for path in ("", "compare", "framing", "corpus"):
        page.goto(f"{app_url}/{path}?corpus=own")
        _settle(page)
        _no_exception(page)
        assert page.evaluate("() => window.pwned") is None
        expect(main.locator("iframe, img[src=x], a[href^=javascript], [onerror]")).to_have_count(0)
        expect(main.locator("a[href*='evil.example'], img[src*='evil.example'], .katex")).to_have_count(0)
        assert page.evaluate("() => getComputedStyle(document.body).display") != "none"
        expect(page.get_by_test_id("stApp")).to_be_visible()
    assert errors == []
