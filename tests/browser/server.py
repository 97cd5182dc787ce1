"""Start `streamlit run dashboard/app.py` on 127.0.0.1 and wait until the browser sees a page.

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
    """Start `streamlit run dashboard/app.py` on 127.0.0.1:port (not waiting for it)."""
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(APP),
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


def wait_ready(page, *, title: str | None = None, timeout: float = 60_000) -> None:
    """Wait until the app has finished running its script (and shows ``title`` when given)."""
    if title is not None:
        page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)
    # A rerun can start right after the first one ends (bound widgets syncing the URL).
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)
