"""Browser tests: Debian's Chromium (no browser downloads here) against `streamlit run` on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, require_chromium, streamlit_server, watch_script_state


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    require_chromium()
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """One dashboard server for the session's tests (each test gets a fresh browser context)."""
    require_chromium()
    with streamlit_server() as url:
        yield url


@pytest.fixture
def page(page):
    """Playwright's page, recording the app's script runs so tests wait on them instead of sleeping."""
    watch_script_state(page)
    return page
