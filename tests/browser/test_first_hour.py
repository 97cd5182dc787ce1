"""A newcomer's first hour in a real browser: the lexicon editor, chart clicks, and a 1024 px window."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.server import click_mark, rerun_after, wait_ready

pytestmark = pytest.mark.browser


def _edit_last_row(page: Page, editor, x: float, text: str) -> None:
    """Type ``text`` into the cell of the editor's last row at ``x`` px from its left edge; wait for the rerun."""
    field = page.locator("textarea.gdg-input, input.gdg-input").first
    # The page can still scroll or re-lay out just after a rerun ends (the click then lands
    # beside the grid and opens no cell editor): bring the grid into view and try again.
    for attempt in range(4):
        editor.scroll_into_view_if_needed()
        box = editor.bounding_box()
        page.mouse.dblclick(box["x"] + x, box["y"] + box["height"] - 18)
        try:
            field.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 3:
                raise
    field.fill(text)
    rerun_after(page, lambda: field.press("Tab"))


def test_a_term_added_in_the_lexicon_editor_stays_and_is_counted(page: Page, app_url: str):
    page.goto(f"{app_url}/framing")
    wait_ready(page, title="Framing")
    expander = page.get_by_test_id("stExpander").filter(has_text="Edit the lexicon")
    expander.get_by_text("Edit the lexicon").click()
    editor = expander.get_by_test_id("stDataFrame")
    editor.scroll_into_view_if_needed()
    editor.hover()  # the toolbar shows on hover
    grid = editor.locator("table[aria-rowcount]")  # the grid's accessible copy: one row per table row
    rows = int(grid.get_attribute("aria-rowcount"))
    rerun_after(page, lambda: editor.get_by_role("button", name="Add row").click())
    # The new row is still there after the rerun its addition caused (before, the editor was
    # rebuilt without it), so its cells can be typed into.
    expect(grid).to_have_attribute("aria-rowcount", str(rows + 1))
    _edit_last_row(page, editor, 250, "shared future")
    _edit_last_row(page, editor, 100, "diplomacy")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Lexicon: your own (edited or loaded in this session).")).to_be_visible()
    expect(main.get_by_test_id("stAlert").filter(has_text="Not applied")).to_have_count(0)
    _pick(page, main.get_by_role("combobox", name="Frame"), "diplomacy")
    main.get_by_role("combobox", name="Term").click()
    page.keyboard.type("shared")
    expect(page.get_by_role("option", name="shared future", exact=True)).to_be_visible()


def _pick(page: Page, combobox, option: str) -> None:
    """Choose ``option`` in a selectbox by typing it; wait for the rerun."""
    combobox.click()
    page.keyboard.type(option)
    rerun_after(page, page.get_by_role("option", name=option, exact=True).click)


def test_clicking_a_framing_bar_leaves_the_other_filters_on_all_never_choose_an_option(page: Page, app_url: str):
    page.goto(f"{app_url}/framing")
    wait_ready(page, title="Framing")
    main = page.get_by_test_id("stMain")
    for by, other, everything in (("frame", "Term", "All terms"), ("term", "Frame", "All frames")):
        if by == "term":
            rerun_after(page, main.get_by_test_id("stButtonGroup").get_by_text("term", exact=True).click)
        # Vega redraws after the script run: wait for this grouping's chart before clicking it.
        expect(page.locator(".st-key-framing_chart svg text").filter(has_text=f"Framing by {by}")).to_be_visible()
        datum = click_mark(page, page.locator(".st-key-framing_chart"))
        assert f"framing_{by}=" in page.url
        # Before: the other filter read "Choose an option" (its state was set to None).
        expect(main.get_by_role("combobox", name=other)).to_have_value(everything)
        expect(main.get_by_role("combobox", name="Outlet")).to_have_value(datum["outlet"])
        expect(main.get_by_role("combobox", name="Open the article at hit")).to_have_value("Choose a row above")


def test_a_heatmap_cell_of_a_pair_sharing_nothing_stays_on_the_overview_and_says_so(page: Page, app_url: str):
    page.goto(app_url)
    wait_ready(page, title="Overview")
    click_mark(page, page.locator(".st-key-overview_heatmap"), lambda cell: cell["shared_words"] == 0)
    wait_ready(page, title="Overview")
    assert "/reuse" not in page.url
    expect(page.get_by_test_id("stMain").get_by_text("share no passage at this score")).to_be_visible()


# Text a narrow column cut: a metric label cut by CSS (text-overflow), or a chart text Vega cut to "…".
_CUT = """() => {
  const cut = [];
  for (const el of document.querySelectorAll('[data-testid=stMetricLabel] *')) {
    if (el.scrollWidth > el.clientWidth + 1) cut.push('metric: ' + el.textContent);
  }
  for (const t of document.querySelectorAll('.vega-embed svg text')) {
    if (t.textContent.endsWith('…')) cut.push('chart: ' + t.textContent);
  }
  return cut;
}"""


@pytest.mark.parametrize("path", ["", "framing", "framing?framing_by=term", "reuse?reuse_tab=Between+outlets",
                                  "disagreements"])
def test_at_1024_px_wide_no_metric_label_or_chart_title_is_cut(page: Page, app_url: str, path: str):
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(f"{app_url}/{path}")
    wait_ready(page)
    charts = page.locator(".vega-embed svg.marks")
    expect(charts.first).to_be_visible()
    for n in range(charts.count()):
        charts.nth(n).scroll_into_view_if_needed()
    assert page.evaluate(_CUT) == []
