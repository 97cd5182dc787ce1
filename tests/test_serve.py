"""`python -m dashboard`: Streamlit's `run` on the app, with the page code imported while the first browser loads."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.server import APP, REPO, free_port, start_server, wait_healthy


def test_the_launcher_runs_streamlit_on_the_app_with_the_options_given(monkeypatch: pytest.MonkeyPatch):
    from streamlit.web import cli

    import dashboard.__main__ as serve

    seen: list[list[str]] = []
    monkeypatch.setattr(cli, "main", lambda: seen.append(list(sys.argv)))
    monkeypatch.setattr(serve, "warm_up", lambda: None)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    serve.main(["--server.port", "8600", "--server.headless", "true"])
    assert seen == [["streamlit", "run", str(APP), "--server.port", "8600", "--server.headless", "true"]]


def test_the_warm_up_imports_what_the_first_page_needs():
    code = ("import sys, dashboard.__main__ as serve; serve.warm_up(wait=0); "
            "missing = [m for m in serve.WARM_MODULES if m not in sys.modules]; print(missing)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_module_that_fails_to_import_stops_the_warm_up_without_raising(caplog: pytest.LogCaptureFixture):
    import dashboard.__main__ as serve

    serve.warm_up(("dashboard.no_such_module", "dashboard.neither"), wait=0)
    assert "could not import dashboard.no_such_module" in caplog.text
    assert "dashboard.neither" not in caplog.text


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads the server's loaded libraries from /proc")
def test_the_served_dashboard_answers_and_imports_the_page_code_before_any_browser_comes():
    port = free_port()
    proc = start_server(port, env={"PARALLAX_CORPUS": ""})
    try:
        wait_healthy(proc, f"http://127.0.0.1:{port}", timeout=120)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
            assert page.status == 200  # the HTML shell only: no session, so no script run
        maps = Path(f"/proc/{proc.pid}/maps")
        deadline = time.monotonic() + 60
        # pandas' compiled modules: Streamlit's server does not load them, the dashboard's code does.
        while "pandas/_libs" not in maps.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "pandas/_libs" in maps.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
