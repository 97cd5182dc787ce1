"""`make run` on a fresh machine: no prompt, no terminal needed, loopback only, a browser where there is a screen.

The command comes from the Makefile itself (`make -n`), pointed at this interpreter's Streamlit,
and runs with a fresh home (no ~/.streamlit/credentials.toml) and stdin closed, as from an IDE
task, nohup or a container.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser.server import REPO, free_port, wait_healthy

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _make_run_command(*, display: str | None, **variables: str) -> list[str]:
    """Return the command `make run` would start (its install step left out)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    if display:
        env["DISPLAY"] = display
    assigned = [f"{k}={v}" for k, v in {"BIN": str(Path(sys.executable).parent), **variables}.items()]
    out = subprocess.run(["make", "-s", "-n", "-o", ".venv/.installed-run", "run", *assigned],
                         cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
    return shlex.split(out.strip().splitlines()[-1])


def _run(command: list[str], tmp_path: Path, *, display: str | None) -> tuple[str, Path]:
    """Start the command with no terminal and a fresh home; return its output once it answers, and the browser log."""
    home = tmp_path / "home"
    home.mkdir()
    opened = tmp_path / "opened.txt"
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    # A stand-in browser opener: records the URL it was asked to open.
    (fake_bin / "xdg-open").write_text(f'#!/bin/sh\necho "$@" >> {opened}\n', encoding="utf-8")
    (fake_bin / "xdg-open").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(HOME=str(home), PATH=f"{fake_bin}{os.pathsep}{env.get('PATH', '')}")
    if display:
        env["DISPLAY"] = display
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    port = command[command.index("--server.port") + 1]
    try:
        wait_healthy(proc, f"http://127.0.0.1:{port}", timeout=60)
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=20)
    return out + err, opened


def test_make_run_starts_with_stdin_closed_and_no_prompt_on_loopback(tmp_path: Path):
    command = _make_run_command(display=None, PORT=str(free_port()))
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    output, opened = _run(command, tmp_path, display=None)
    assert "email" not in output.lower() and "usage statistics" not in output.lower()
    assert "127.0.0.1" in output and "0.0.0.0" not in output
    assert not (tmp_path / "home" / ".streamlit" / "credentials.toml").exists()
    assert not opened.exists()  # no screen: no browser


def test_make_run_opens_the_browser_where_there_is_a_screen(tmp_path: Path):
    port = free_port()
    command = _make_run_command(display=":0", PORT=str(port))
    output, opened = _run(command, tmp_path, display=":0")
    assert "email" not in output.lower()
    deadline = time.monotonic() + 10  # the opener runs in the background
    while not opened.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert opened.read_text(encoding="utf-8").strip() == f"http://127.0.0.1:{port}"


def test_make_run_listens_where_it_is_told():
    command = _make_run_command(display=None, HOST="0.0.0.0")
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
