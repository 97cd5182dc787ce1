"""The browser tests' own setup: when they skip, when they fail, where screenshots go."""

from __future__ import annotations

import pytest

from tests.browser import server


def test_a_missing_chromium_skips_the_browser_tests_on_a_workstation(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(server, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="is missing"):
        server.require_chromium()


@pytest.mark.parametrize("ci", ["true", "1"])
def test_a_missing_chromium_fails_the_browser_tests_in_ci(monkeypatch: pytest.MonkeyPatch, ci: str):
    monkeypatch.setattr(server, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser tests"):
        server.require_chromium()


def test_ci_false_still_skips(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(server, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        server.require_chromium()


def test_screenshots_go_to_test_results_unless_asked_for_the_docs(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(server.ENV_SCREENSHOTS, raising=False)
    assert server.screenshot_dir() == server.REPO / "test-results" / "screenshots"
    monkeypatch.setenv(server.ENV_SCREENSHOTS, "1")
    assert server.screenshot_dir() == server.REPO / "docs" / "screenshots"
