"""Dashboard speed in a real browser: server start -> first page ready, threshold change -> re-render.

Also times a page switch and the export once the Overview has run every analysis, and the
server-side script time of warm reruns (AppTest, no browser).
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
from collections.abc import Callable
from functools import partial
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from paths import CORPORA

from tests.browser.server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    free_port,
    rerun_after,
    start_server,
    wait_healthy,
    wait_ready,
    watch_script_state,
)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _rerun_seconds(page: Page, action: Callable[[], None]) -> float:
    """Do ``action`` and return the seconds until the app's last state change or message of the rerun.

    Both ends are read from the page's clock (the watcher installed by watch_script_state), so
    the wait for the app to settle is not counted.
    """
    start = page.evaluate("() => performance.now()")
    rerun_after(page, action, timeout=300_000)
    return (page.evaluate("() => window.__pxChanged") - start) / 1000


def measure(name: str, env: dict[str, str], repeats: int) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        watch_script_state(page)
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
            cold = [_rerun_seconds(page, partial(page.keyboard.press, "ArrowRight")) for _ in range(repeats)]
            warm = [_rerun_seconds(page, partial(page.keyboard.press, "ArrowLeft")) for _ in range(repeats)]
            nav = page.get_by_test_id("stSidebar")
            switch = _rerun_seconds(page, nav.get_by_role("link").filter(
                has=page.get_by_text("Disagreements", exact=True)).click)
            rerun_after(page, nav.get_by_role("link").filter(has=page.get_by_text("Corpus", exact=True)).click,
                        timeout=300_000)
            export = _rerun_seconds(page, page.get_by_role("tab", name="Export").click)
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
    print(f"{name}: Reuse -> Disagreements page (analyses cached by the Overview): {switch:.3f} s")
    print(f"{name}: Corpus page -> Export tab ready (analyses cached): {export:.3f} s")
    print(f"{name}: server memory after these pages: {rss:.0f} MB RSS")


def script_seconds(name: str, env: dict[str, str], repeats: int) -> None:
    """Print the server-side time of warm reruns (AppTest, no browser): the dashboard's own cost."""
    import logging
    import os

    from streamlit.testing.v1 import AppTest

    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)

    os.environ.update(env)
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=600).run()
    at.switch_page("views/reuse.py").run()
    thresholds = (20, 25, 30, 35)
    for value in thresholds:  # every threshold seen once
        at.slider(key="reuse_min").set_value(value).run()
    runs: dict[str, list[float]] = {"Reuse, threshold seen before": [], "Disagreements page": [], "Overview page": []}
    for _ in range(repeats):
        for value in thresholds:
            start = time.perf_counter()
            at.slider(key="reuse_min").set_value(value).run()
            runs["Reuse, threshold seen before"].append(time.perf_counter() - start)
    for page, label in (("disagreements", "Disagreements page"), ("overview", "Overview page")):
        for _ in range(repeats):
            start = time.perf_counter()
            at.switch_page(f"views/{page}.py").run()
            runs[label].append(time.perf_counter() - start)
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    for label, seconds in runs.items():
        print(f"{name}: script run on the server (warm caches), {label}: median {statistics.median(seconds):.3f} s"
              f" (n={len(seconds)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    measure("seeds (5 articles)", {"PARALLAX_CORPUS": ""}, args.repeats)
    script_seconds("seeds (5 articles)", {"PARALLAX_CORPUS": ""}, args.repeats)
    basil = CORPORA / "basil" / "articles"
    if basil.is_dir():
        measure("BASIL (300 articles)", {"PARALLAX_CORPUS": str(basil)}, args.repeats)
        script_seconds("BASIL (300 articles)", {"PARALLAX_CORPUS": str(basil)}, args.repeats)
    else:
        print(f"BASIL not found under {CORPORA}: skipped the 300-article run")


if __name__ == "__main__":
    main()
