"""Run the analysis of a user's own articles in a child process, within a time and a memory budget.

The dashboard is one process serving every colleague. Analysis code is mostly regular expressions
and parsers running in C: on a pathological input one call can hold the GIL for minutes, and a
150 KB upload stopped the whole server from answering (the health check went silent for 86 s).
In a child process such a call holds only the child's GIL: the server's threads keep answering
while the script thread that asked waits on a pipe (waiting releases the GIL), and the child is
killed when it runs past its time budget. Its memory is capped with RLIMIT_AS, so an input that
allocates without bound fails in the child with a MemoryError instead of growing the server.

Children fork from a server process started once with the analysis modules imported
(multiprocessing's "forkserver"), so a task starts in milliseconds, without forking the threads
of Streamlit's own process. Functions and results travel pickled: analysis records are frozen
dataclasses and tuples. This module never imports streamlit (it is imported in the children).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any, Literal, TypeVar

from analysis.claims.extraction import all_claims
from analysis.ingest.files import documents_from_bytes
from analysis.ingest.metadata import Metadata
from analysis.ingest.pipeline import corpus_from_documents
from analysis.text.records import Document, LoadError

R = TypeVar("R")

SECONDS_ENV = "PARALLAX_WORKER_SECONDS"  # time one task (one uploaded file, one analysis) may take
MEGABYTES_ENV = "PARALLAX_WORKER_MB"  # memory one task may allocate beyond what its process starts with
WORKERS_ENV = "PARALLAX_WORKERS"  # tasks that may run at once on the server (default: the number of CPUs)

# Imported once in the fork server: the analysis modules, and a fix that keeps multiprocessing
# from re-running the page script Streamlit installed as __main__ in every task.
_PRELOAD = ["dashboard.worker_boot"]

Kind = Literal["time", "memory", "crash", "busy"]


class OverBudget(Exception):
    """A task stopped for running past its time or memory budget (or because its process died)."""

    def __init__(self, kind: Kind, message: str) -> None:
        super().__init__(kind, message)
        self.kind = kind
        self.message = message

    def __str__(self) -> str:
        return self.message


def time_budget() -> float:
    """Return the seconds one task may run ($PARALLAX_WORKER_SECONDS, default 120)."""
    return float(os.environ.get(SECONDS_ENV) or 120)


def memory_budget() -> int:
    """Return the megabytes one task may allocate ($PARALLAX_WORKER_MB, default 2048)."""
    return int(os.environ.get(MEGABYTES_ENV) or 2048)


def _slots() -> threading.BoundedSemaphore:
    global _SLOTS
    with _LOCK:
        if _SLOTS is None:
            _SLOTS = threading.BoundedSemaphore(int(os.environ.get(WORKERS_ENV) or os.cpu_count() or 2))
        return _SLOTS


_LOCK = threading.Lock()
_SLOTS: threading.BoundedSemaphore | None = None
_CONTEXT: Any = None


def _context() -> Any:
    """Return the multiprocessing context tasks run in (a fork server where the system has one)."""
    global _CONTEXT
    with _LOCK:
        if _CONTEXT is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                _CONTEXT = multiprocessing.get_context("forkserver")
                _CONTEXT.set_forkserver_preload(_PRELOAD)
            else:
                _CONTEXT = multiprocessing.get_context("spawn")
        return _CONTEXT


def run(fn: Callable[..., R], *args: Any, seconds: float | None = None, megabytes: int | None = None,
        **kwargs: Any) -> R:
    """Return ``fn(*args, **kwargs)`` computed in a child process; raise OverBudget when it runs past its budget.

    An exception raised by ``fn`` is raised here (LexiconError stays LexiconError).
    """
    (outcome,) = each(fn, [(args, kwargs)], seconds=seconds, megabytes=megabytes)
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def each(
    fn: Callable[..., R],
    calls: Sequence[tuple[tuple[Any, ...], Mapping[str, Any]]],
    *,
    seconds: float | None = None,
    megabytes: int | None = None,
) -> Iterator[R | BaseException]:
    """Yield ``fn(*args, **kwargs)`` for each call, in order, computed one after another in a child process.

    Each call has its own time budget. A call past it yields OverBudget (its process is killed) and
    the calls after it go on in a new process; an exception raised by a call is yielded, not raised.
    """
    seconds = time_budget() if seconds is None else seconds
    megabytes = memory_budget() if megabytes is None else megabytes
    done = 0
    while done < len(calls):
        with _slot(seconds):
            receiver, child = _start(fn, calls[done:], megabytes)
            try:
                while done < len(calls):
                    outcome = _next_outcome(receiver, seconds, megabytes)
                    done += 1
                    yield outcome
                    if isinstance(outcome, OverBudget) and outcome.kind in ("time", "crash"):
                        break  # the process is gone or stuck: the next calls get a new one
            finally:
                _stop(child, receiver)


@contextmanager
def _slot(seconds: float) -> Iterator[None]:
    slots = _slots()
    if not slots.acquire(timeout=seconds):
        raise OverBudget("busy", f"the server was busy with other analyses for {seconds:.0f} s; try again shortly")
    try:
        yield
    finally:
        slots.release()


def _start(fn: Callable[..., Any], calls: Sequence[tuple[tuple[Any, ...], Mapping[str, Any]]],
           megabytes: int) -> tuple[Connection, Any]:
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_serve, args=(sender, fn, list(calls), megabytes), daemon=True)
    child.start()
    sender.close()  # the child holds the only sending end: its death reads as end of file
    return receiver, child


def _next_outcome(receiver: Connection, seconds: float, megabytes: int) -> Any:
    """Wait (without holding the GIL) for the child's next result, at most ``seconds``."""
    if not receiver.poll(seconds):
        return OverBudget("time", f"took longer than {seconds:.0f} s")
    try:
        status, payload = receiver.recv()
    except (EOFError, OSError, pickle.UnpicklingError):
        return OverBudget("crash", "stopped: its process ended without an answer (out of memory?)")
    if status == "memory":
        return OverBudget("memory", f"needed more than {megabytes:,} MB of memory")
    return payload


def _stop(child: Any, receiver: Connection) -> None:
    if child.is_alive():
        child.kill()
    child.join(10)
    receiver.close()
    try:
        child.close()
    except ValueError:  # still running after kill and join: leave it to the daemon clean-up
        pass


def _serve(sender: Connection, fn: Callable[..., Any], calls: list[tuple[tuple[Any, ...], Mapping[str, Any]]],
           megabytes: int) -> None:
    """Run in the child: cap memory, then send each call's outcome back in order."""
    _limit_memory(megabytes)
    for args, kwargs in calls:
        try:
            message: tuple[str, Any] = ("done", fn(*args, **kwargs))
        except MemoryError:
            message = ("memory", None)
        except BaseException as exc:  # sent back to be raised (or reported) in the server
            message = ("raised", _picklable(exc))
        try:
            sender.send(message)
        except MemoryError:
            sender.send(("memory", None))
    sender.close()


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {str(exc)[:500]}")
    return exc


def _limit_memory(megabytes: int) -> None:
    """Cap this process's address space at what it uses now plus ``megabytes`` (Linux; elsewhere no cap)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = used + megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def read_upload(name: str, data: bytes, manifest: Mapping[str, Metadata] | None
                ) -> tuple[tuple[Document, ...], tuple[LoadError, ...]]:
    """Return one uploaded file's documents and errors, after running its articles through the analyses.

    Reading a file (the HTML extractor, headline guesses) and analysing each article on its own
    (cleaning, sentences, dates) is where one pathological file costs time; doing both here, in the
    file's own budget, names the file that runs past it. The corpus-wide analyses later are
    budgeted too, but by then no single file could be named.
    """
    docs, errors = documents_from_bytes(name, data, manifest=manifest or None)
    if docs:
        all_claims(corpus_from_documents(docs))
    return docs, errors
