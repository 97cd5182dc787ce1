"""Start the dashboard (`python -m dashboard`: `streamlit run dashboard/app.py` with its warm-up) on 127.0.0.1
and wait until the browser sees a page.

Shared by the browser tests and benchmarks/dashboard.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "dashboard" / "app.py"
CHROMIUM = "/usr/bin/chromium"
ENV_SCREENSHOTS = "PARALLAX_SCREENSHOTS"  # "1": write docs/screenshots/ (the README's images) on purpose
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
READY = "[data-testid=stApp][data-test-script-state=notRunning]"


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, *, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start the dashboard as it is served (`python -m dashboard`) on 127.0.0.1:port (not waiting for it)."""
    cmd = [
        sys.executable, "-m", "dashboard",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
    ]
    return subprocess.Popen(
        cmd, cwd=REPO, env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def wait_healthy(proc: subprocess.Popen, url: str, *, timeout: float = 120.0) -> None:
    """Poll /_stcore/health until it answers ok (raise when the server dies or times out)."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200 and r.read().strip() == b"ok":
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError("streamlit did not answer /_stcore/health")
        time.sleep(0.05)


@contextmanager
def streamlit_server(*, env: dict[str, str] | None = None, timeout: float = 120.0) -> Iterator[str]:
    """Run the dashboard on a free port; yield its base URL once /_stcore/health answers ok."""
    port = free_port()
    proc = start_server(port, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(proc, url, timeout=timeout)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def chromium_missing() -> str | None:
    """Return why the browser tests cannot run here (None when they can)."""
    return None if Path(CHROMIUM).exists() else f"{CHROMIUM} is missing (make browser installs it)"


def require_chromium() -> None:
    """Skip the calling test when Chromium is missing, except under CI, where that is a failure."""
    import pytest

    reason = chromium_missing()
    if reason is None:
        return
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason}; CI must run the browser tests", pytrace=False)
    pytest.skip(reason)


def screenshot_dir() -> Path:
    """Return where the browser tests save page images: test-results/, or docs/screenshots/ on request."""
    if os.environ.get(ENV_SCREENSHOTS) == "1":
        return REPO / "docs" / "screenshots"
    return REPO / "test-results" / "screenshots"


# Installed before any page script runs. Records each change of the app's script state and
# counts the messages the server sends: a rerun always sends some (its elements, then "script
# finished"), even one so quick that React never paints the "running" state.
WATCH_SCRIPT_STATE = """(() => {
  window.__pxRuns = 0;
  window.__pxMessages = 0;
  window.__pxChanged = performance.now();
  new MutationObserver((changes) => {
    for (const c of changes) {
      window.__pxChanged = performance.now();
      if (c.target.getAttribute('data-test-script-state') === 'running') window.__pxRuns += 1;
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__pxMessages += 1; window.__pxChanged = performance.now(); });
    }
  };
})();"""
_IDLE = """(quiet) => {
  const app = document.querySelector('[data-testid=stApp]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && performance.now() - (window.__pxChanged ?? 0) > quiet;
}"""
# A rerun can start right after the previous one ends (bound widgets syncing the URL, st.rerun):
# the app counts as settled once it has stayed not-running, with no message, this long.
QUIET_MS = 250


def watch_script_state(page) -> None:
    """Record the app's script runs on every page this Playwright page loads (call before goto)."""
    page.add_init_script(WATCH_SCRIPT_STATE)


def wait_ready(page, *, title: str | None = None, timeout: float = 60_000) -> None:
    """Wait until the app has finished running its script (and shows ``title`` when given)."""
    if title is not None:
        page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)
    if page.evaluate("() => window.__pxRuns !== undefined"):
        page.wait_for_function(_IDLE, arg=QUIET_MS, timeout=timeout)
    else:  # a page without the watcher: give a follow-up rerun the time to start
        page.wait_for_timeout(QUIET_MS)
        page.wait_for_selector(READY, timeout=timeout)


def rerun_after(page, action, *, title: str | None = None, timeout: float = 60_000) -> None:
    """Do ``action`` (a click, a key press) and wait until the rerun it causes has finished."""
    before = page.evaluate("() => [window.__pxRuns, window.__pxMessages]")
    action()
    page.wait_for_function("([runs, messages]) => window.__pxRuns > runs || window.__pxMessages > messages",
                           arg=before, timeout=timeout)
    wait_ready(page, title=title, timeout=timeout)


# The marks of a Vega chart a user can click, read from the chart's own Vega view: Streamlit keeps
# the view in a React hook of the chart component, reached from the DOM through React's fiber.
# Each mark's centre comes from its scenegraph bounds (group offsets and the view's origin
# added), in page coordinates, with the mark's datum. Clicking there with the real mouse replaced
# a hover scan every few pixels for a pointer cursor (105 s for three charts).
_MARKS = "svg.marks, canvas.marks"  # what Vega draws into (its renderer: SVG or canvas)
_CLICKABLE_MARKS = """(embed) => {
  const MARKS = '""" + _MARKS + """';
  const fiber = embed[Object.keys(embed).find(k => k.startsWith('__reactFiber$'))];
  const isView = v => v && typeof v === 'object' && typeof v.scenegraph === 'function' && typeof v.origin === 'function';
  let view = null;
  for (let f = fiber; f && !view; f = f.return) {
    for (let h = f.memoizedState; h && typeof h === 'object' && 'next' in h && !view; h = h.next) {
      const s = h.memoizedState;
      view = [s, s && s.current, s && s.current && s.current.view].find(isView) || null;
    }
  }
  if (!view) return null;
  const found = [];
  const walk = (mark, dx, dy) => {
    for (const item of mark.items || []) {
      if (mark.marktype === 'group') {
        for (const child of item.items || []) walk(child, dx + (item.x || 0), dy + (item.y || 0));
      } else if (item.cursor === 'pointer' && item.bounds && item.bounds.width() >= 2 && item.bounds.height() >= 2) {
        const b = item.bounds;
        found.push({x: dx + (b.x1 + b.x2) / 2, y: dy + (b.y1 + b.y2) / 2, datum: JSON.parse(JSON.stringify(item.datum))});
      }
    }
  };
  walk(view.scenegraph().root, 0, 0);
  const [ox, oy] = view.origin();
  const box = embed.querySelector(MARKS).getBoundingClientRect();
  return found.map(m => ({...m, x: box.left + ox + m.x, y: box.top + oy + m.y}));
}"""


def clickable_marks(chart) -> list[dict]:
    """Return the clickable marks of the Vega chart in ``chart`` (a locator) as {x, y, datum}, in page coordinates.

    Waits until the chart is drawn and scrolls it into view first, so the coordinates hold for a click.
    """
    embed = chart.locator(".vega-embed").first
    embed.locator(_MARKS).first.wait_for(state="visible")  # Vega draws after the script run that sent the chart
    chart.scroll_into_view_if_needed()
    chart.page.wait_for_function(f"e => e.querySelector('{_MARKS}').getBoundingClientRect().height > 50",
                                 arg=embed.element_handle())
    marks = embed.evaluate(_CLICKABLE_MARKS)
    if marks is None:
        raise AssertionError("no Vega view found behind the chart")
    return marks


def click_mark(page, chart, where=lambda datum: True) -> dict:
    """Click the first clickable mark of ``chart`` whose datum satisfies ``where``; wait for the rerun.

    Returns the clicked mark's datum.
    """
    mark = next((m for m in clickable_marks(chart) if where(m["datum"])), None)
    if mark is None:
        raise AssertionError("no clickable mark in the chart matches")
    rerun_after(page, lambda: page.mouse.click(mark["x"], mark["y"]))
    return mark["datum"]
