"""Dashboard speed in a real browser: server start -> first page ready, and threshold change -> re-render.

Runs on the bundled seeds and, when ../shared/corpora/basil is present (or $PARALLAX_CORPORA
points at the corpora folder), on BASIL's 300 articles served as the shared corpus. Prints
one line per figure. Needs /usr/bin/chromium.

    .venv/bin/python benchmarks/dashboard.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser.server import (  # noqa: E402
    CHROMIUM, CHROMIUM_ARGS, free_port, start_server, wait_healthy, wait_ready,
)

from paths import CORPORA  # noqa: E402

# Records every change of the app's script state with a timestamp, so a rerun that starts and
# ends between two polls is still seen.
WATCH = """() => {
  window.__states = [];
  const app = document.querySelector('[data-testid=stApp]');
  new MutationObserver(() => window.__states.push(app.getAttribute('data-test-script-state')))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
RERUN_DONE = """() => window.__states.includes('running')
  && document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state') === 'notRunning'"""


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _rerun_seconds(page: Page, key: str) -> float:
    page.evaluate(WATCH)
    start = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(RERUN_DONE, timeout=300_000)
    return time.perf_counter() - start


def measure(name: str, env: dict[str, str], repeats: int) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        start = time.perf_counter()
        proc = start_server(port, env=env)
        try:
            wait_healthy(proc, url, timeout=600)
            healthy = time.perf_counter() - start
            page.goto(url)
            wait_ready(page, title="Overview", timeout=600_000)
            first = time.perf_counter() - start
            page.goto(f"{url}/reuse")
            wait_ready(page, title="Reuse", timeout=600_000)
            page.get_by_role("slider").focus()
            cold = [_rerun_seconds(page, "ArrowRight") for _ in range(repeats)]
            warm = [_rerun_seconds(page, "ArrowLeft") for _ in range(repeats)]
            rss = _rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            browser.close()
    print(f"{name}: server start -> /_stcore/health ok: {healthy:.2f} s")
    print(f"{name}: server start -> Overview ready in the browser (cold caches): {first:.2f} s")
    print(f"{name}: threshold change -> re-render, new threshold: median {statistics.median(cold):.3f} s,"
          f" max {max(cold):.3f} s (n={repeats})")
    print(f"{name}: threshold change -> re-render, threshold seen before: median {statistics.median(warm):.3f} s,"
          f" max {max(warm):.3f} s (n={repeats})")
    print(f"{name}: server memory after these pages: {rss:.0f} MB RSS")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    measure("seeds (5 articles)", {"PARALLAX_CORPUS": ""}, args.repeats)
    basil = CORPORA / "basil" / "articles"
    if basil.is_dir():
        measure("BASIL (300 articles)", {"PARALLAX_CORPUS": str(basil)}, args.repeats)
    else:
        print(f"BASIL not found under {CORPORA}: skipped the 300-article run")


if __name__ == "__main__":
    main()
