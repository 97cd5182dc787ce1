"""Imported only in the worker fork server (see ``dashboard.worker``), never in the dashboard itself.

It loads the analysis modules once, so that each task process forked from the server starts with
them, and it stops multiprocessing from re-creating the parent's ``__main__`` in every task.
Streamlit installs the page script it runs as ``__main__``, so each task first ran the whole app
again in bare mode: 1.5 s per task instead of 40 ms (measured under AppTest). Tasks only call
importable functions; the fork server's children run nothing else, so turning the fix-up off
here touches nothing outside them.
"""

from __future__ import annotations

from multiprocessing import spawn

# Loaded for the tasks: importing them is the point.
import analysis.claims.comparison
import analysis.framing.distinctive
import analysis.framing.hits
import analysis.reuse.matches  # noqa: F401
import dashboard.worker  # noqa: F401
from analysis.text.records import settle_loaded_modules


def _leave_main_alone(_main: str) -> None:
    """Keep the fork server's own ``__main__`` (see the module docstring)."""


setattr(spawn, "_fixup_main_from_path", _leave_main_alone)  # noqa: B010  (a private name: no stub)
setattr(spawn, "_fixup_main_from_name", _leave_main_alone)  # noqa: B010
settle_loaded_modules()  # the tasks forked from here start with the modules out of the collector's walk
