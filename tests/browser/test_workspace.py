"""The shared workspace in a real browser: a collection made in one session opens from its link in another,
survives a server restart, and a private one stays invisible to another user.

Users are told apart by a trusted proxy's header (PARALLAX_USER_HEADER), which each browser context sends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.server import rerun_after, screenshot_dir, streamlit_server, wait_ready, watch_script_state

pytestmark = pytest.mark.browser

HEADER = "X-Parallax-User"
ARTICLE = ("Desk memo: the summit in Nara\n\nThe leaders met in Nara on January 13, 2026 for talks on trade and "
           "history, officials said. The meeting lasted two hours and ended with a joint statement on security.\n")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workspace-data")


def _env(data_dir: Path) -> dict[str, str]:
    return {"PARALLAX_DATA_DIR": str(data_dir), "PARALLAX_USER_HEADER": HEADER}


@pytest.fixture(autouse=True)
def _patient_expectations() -> Iterator[None]:
    # Two servers and several sessions on a shared machine: give each expectation 20 s, not 5.
    expect.set_options(timeout=20_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    made: list[BrowserContext] = []
    yield made
    for context in made:
        context.close()


def _session(browser: Browser, contexts: list[BrowserContext], user: str) -> Page:
    """Return a page in a fresh browser context (a new session) whose requests name ``user`` in the header."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, extra_http_headers={HEADER: user})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    contexts.append(context)
    page = context.new_page()
    watch_script_state(page)
    page.on("pageerror", lambda e: pytest.fail(f"page error: {e}"))
    return page


def _sidebar_link(page: Page, title: str) -> None:
    nav = page.get_by_test_id("stSidebar")
    rerun_after(page, nav.get_by_role("link").filter(has=page.get_by_text(title, exact=True)).click, title=title)


def _create(page: Page, name: str, *, private: bool = False) -> None:
    main = page.get_by_test_id("stMain")
    name_box = main.get_by_label("Name", exact=True)
    if not name_box.is_visible():
        main.get_by_text("New collection", exact=True).click()
    name_box.fill(name)
    if private:
        main.get_by_text("Only me", exact=True).click()
    rerun_after(page, main.get_by_role("button", name="Create the collection").click)
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox").first).to_have_value(re.compile(re.escape(name)))


def _copied_link(page: Page) -> str:
    """Open "Link to this view", press the code block's copy button and return what reached the clipboard."""
    page.get_by_test_id("stSidebar").get_by_role("button", name="Link to this view").click()
    code = page.get_by_test_id("stCode").last
    code.hover()
    code.get_by_role("button").first.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == code.inner_text().strip()
    page.keyboard.press("Escape")
    return copied


def _on_server(link: str, url: str) -> str:
    """Return ``link`` pointed at the server ``url`` (a restarted server listens on another port)."""
    parts = urlsplit(link)
    return f"{url}{parts.path}?{parts.query}"


def test_a_collection_is_shared_by_link_survives_a_restart_and_a_private_one_stays_private(
        browser: Browser, contexts: list[BrowserContext], data_dir: Path, tmp_path: Path):
    article = tmp_path / "desk-memo.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with streamlit_server(env=_env(data_dir)) as url:
        alice = _session(browser, contexts, "alice")
        alice.goto(f"{url}/collections")
        wait_ready(alice, title="Collections")
        expect(alice.get_by_test_id("stSidebar")).to_contain_text("Signed in as alice")
        _create(alice, "Desk <b>A</b>")
        alice.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(article))
        rerun_after(alice, alice.get_by_role("button", name="Add to the collection").click)
        expect(alice.get_by_test_id("stSidebar")).to_contain_text("1 article ·")
        _sidebar_link(alice, "Corpus")
        expect(alice.locator(".px-doc").first).to_contain_text("The leaders met in Nara")
        shared = _copied_link(alice)
        assert "corpus=c-" in shared and "lexicon=" in shared and "/corpus?" in shared

        _create_private = _session(browser, contexts, "alice")
        _create_private.goto(f"{url}/collections")
        wait_ready(_create_private, title="Collections")
        _create(_create_private, "Alice private", private=True)
        private = _copied_link(_create_private)

        bob = _session(browser, contexts, "bob")
        bob.goto(shared)
        wait_ready(bob, title="Corpus")
        expect(bob.locator(".px-doc").first).to_contain_text("The leaders met in Nara")
        sidebar = bob.get_by_test_id("stSidebar")
        expect(sidebar.get_by_role("combobox").first).to_have_value(re.compile(re.escape("Desk <b>A</b>")))
        expect(sidebar.locator("b")).to_have_count(0)  # the name's markup is text
        folder = screenshot_dir()
        folder.mkdir(parents=True, exist_ok=True)
        bob.screenshot(path=str(folder / "workspace-shared-link.png"))

        bob.goto(private)
        wait_ready(bob, title="Collections")
        expect(bob.get_by_test_id("stSidebar")).to_contain_text("private to someone else")
        bob.get_by_test_id("stSidebar").get_by_role("combobox").first.click()
        expect(bob.get_by_role("option").filter(has_text="Desk <b>A</b>")).to_have_count(1)
        expect(bob.get_by_role("option").filter(has_text="Alice private")).to_have_count(0)
        bob.keyboard.press("Escape")

    with streamlit_server(env=_env(data_dir)) as url:  # the same data folder after a restart
        carol = _session(browser, contexts, "carol")
        carol.goto(_on_server(shared, url))
        wait_ready(carol, title="Corpus")
        expect(carol.locator(".px-doc").first).to_contain_text("The leaders met in Nara")
        owner = _session(browser, contexts, "alice")
        owner.goto(_on_server(private, url))
        wait_ready(owner, title="Collections")
        expect(owner.get_by_test_id("stMain")).to_contain_text("Alice private")
        expect(owner.get_by_test_id("stException")).to_have_count(0)


def test_a_request_without_the_proxy_header_is_refused(browser: Browser, contexts: list[BrowserContext],
                                                       data_dir: Path):
    with streamlit_server(env=_env(data_dir)) as url:
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        watch_script_state(page)
        page.goto(f"{url}/collections")
        wait_ready(page)
        expect(page.get_by_text(f"name the user in the {HEADER} header")).to_be_visible()
        expect(page.get_by_role("heading", name="Collections")).to_have_count(0)
