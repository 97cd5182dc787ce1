"""Serve the dashboard: `streamlit run dashboard/app.py`, importing the page code while the first browser loads.

    python -m dashboard [--server.address 127.0.0.1 --server.port 8501 ...]   # any `streamlit run` option

Streamlit runs nothing of the app until a browser connects, so the first page of a restarted
server paid for importing pandas (0.31 s of CPU) and the analysis code (0.23 s) in its own script
run. Here a thread imports them as soon as the server answers, while the browser is still loading
Streamlit's scripts: after a restart, a saved BASIL collection reached its Overview in 4.0 s
instead of 5.2 s (median of 4 restarts, load average 5 on 2 cores; the script started at the
same moment, but found the imports done). `streamlit run dashboard/app.py` still works: the same
app, without the head start.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"
# What the first page (the Overview) imports, in the order the app imports it. Not Altair: the
# Overview draws its charts from specs kept on disk, and a warm-up still running when the first
# script starts takes the GIL from it (other pages import Altair on their first visit, 0.17 s).
WARM_MODULES = ("pandas", "dashboard.data", "dashboard.team", "dashboard.progress", "dashboard.views.parts.overview_parts")
SERVING_WAIT = 60.0  # seconds to wait for the server to start before warming up anyway
log = logging.getLogger(__name__)


def _wait_until_serving(seconds: float) -> None:
    """Return once Streamlit's runtime has started (or after ``seconds``)."""
    from streamlit.runtime import Runtime, RuntimeState

    deadline = time.monotonic() + seconds
    # Warming up before that only slowed the start: the imports took the GIL from the server's own
    # start-up (health check answered after 1.4 s instead of 0.9 s) while no browser could connect.
    while time.monotonic() < deadline:
        if Runtime.exists() and Runtime.instance().state is not RuntimeState.INITIAL:
            return
        time.sleep(0.02)


def warm_up(modules: tuple[str, ...] = WARM_MODULES, *, wait: float = SERVING_WAIT) -> None:
    """Import ``modules`` once the server answers (a module that fails is left to the page to report)."""
    _wait_until_serving(wait)
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:  # the page's own import shows the error to the user, with Streamlit's care
            log.warning("warm-up: could not import %s (%s)", name, exc)
            return
    from analysis.text.records import settle_loaded_modules

    settle_loaded_modules()


def main(argv: list[str] | None = None) -> None:
    """Start the warm-up thread, then Streamlit's `run` command on dashboard/app.py with ``argv``'s options."""
    # Streamlit first, in this thread: imported from two threads at once, its modules (which import
    # each other) failed with "partially initialized module 'streamlit.runtime'".
    import streamlit.runtime  # noqa: F401  (imported for its side effect: loaded before the thread starts)
    from streamlit.web import cli

    threading.Thread(target=warm_up, name="parallax-warm-up", daemon=True).start()
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
