"""The worker process a user's own analyses run in: results come back, budgets stop runaway tasks."""

from __future__ import annotations

import json
import os
import re
import threading
import time

import pytest

from analysis.framing.lexicon import LexiconError, parse_lexicon
from dashboard import data, worker

CATASTROPHIC = (r"(a+)+$", "a" * 40 + "!")  # exponential backtracking: one C call that never returns


def test_a_task_returns_its_result():
    assert worker.run(sorted, [3, 1, 2]) == [1, 2, 3]


def test_an_exception_raised_by_a_task_is_raised_with_its_type():
    with pytest.raises(LexiconError):
        worker.run(parse_lexicon, "[frames\nbroken = ")


def test_a_task_past_its_time_budget_is_stopped_and_reported():
    started = time.monotonic()
    with pytest.raises(worker.OverBudget) as caught:
        worker.run(re.fullmatch, *CATASTROPHIC, seconds=1.0)
    assert caught.value.kind == "time" and "longer than 1 s" in str(caught.value)
    assert time.monotonic() - started < 15


def test_a_runaway_task_does_not_stall_the_threads_of_the_server():
    # In the server's own process this regex holds the GIL for as long as it runs: every other
    # thread (other sessions, the health check) would stop. In the worker it holds only its own.
    gaps: list[float] = []
    stop = threading.Event()

    def tick() -> None:
        last = time.monotonic()
        while not stop.is_set():
            time.sleep(0.01)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        with pytest.raises(worker.OverBudget):
            worker.run(re.fullmatch, *CATASTROPHIC, seconds=3.0)
    finally:
        stop.set()
        ticker.join()
    assert len(gaps) > 50 and max(gaps) < 1.0, max(gaps)


def test_a_task_past_its_memory_budget_fails_in_its_own_process():
    with pytest.raises(worker.OverBudget) as caught:
        worker.run(bytearray, 4 * 1024**3, megabytes=256)
    assert caught.value.kind == "memory" and "256 MB" in str(caught.value)


def test_each_call_has_its_own_budget_and_the_later_calls_still_run():
    calls = [((["b", "a"],), {}), (CATASTROPHIC, {}), (([2, 1],), {})]
    outcomes = list(worker.each(_sorted_or_match, calls, seconds=8.0))
    assert outcomes[0] == ["a", "b"] and outcomes[2] == [1, 2]
    assert isinstance(outcomes[1], worker.OverBudget) and outcomes[1].kind == "time"


def _sorted_or_match(value, text=None):
    return sorted(value) if text is None else re.fullmatch(value, text)


def test_over_budget_survives_the_pickling_of_a_cache():
    import pickle

    exc = pickle.loads(pickle.dumps(worker.OverBudget("time", "took longer than 3 s")))
    assert (exc.kind, exc.message) == ("time", "took longer than 3 s")


def test_an_upload_over_its_budget_is_named_and_the_other_files_are_read(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(worker.SECONDS_ENV, "4")
    big = "\n".join(json.dumps({"id": f"r{n}", "source": f"Outlet {n % 7}", "title": f"Story {n}",
                                "text": f"The summit opened on January {n % 28 + 1}, 2026 in Nara. Leaders met "
                                        f"for talks number {n} on trade and security, officials said."})
                    for n in range(40_000))
    small = b"Wire story\n\nThe summit opened on January 13, 2026 in Nara, officials said."
    started = time.monotonic()
    docs, errors = data.uploaded_documents([("small.txt", small), ("huge.jsonl", big.encode()), ("also.txt", small)])
    assert time.monotonic() - started < 30
    assert [d.path for d in docs] == ["small.txt", "also.txt"]
    (error,) = errors
    assert error.path == "huge.jsonl" and "longer than 4 s" in error.error and "set aside" in error.error


def test_no_task_process_is_left_behind():
    before = _children()
    with pytest.raises(worker.OverBudget):
        worker.run(re.fullmatch, *CATASTROPHIC, seconds=0.5)
    worker.run(len, "abc")
    time.sleep(0.2)
    assert _children() <= before


def _children() -> set[int]:
    """Return the pids of running processes whose parent is the fork server (or this process)."""
    mine = {os.getpid()}
    found: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] not in "ZX":
                found[int(entry)] = int(fields[1])
    servers = {pid for pid, parent in found.items() if parent in mine}
    return {pid for pid, parent in found.items() if parent in servers}
