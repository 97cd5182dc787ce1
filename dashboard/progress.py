"""Progress for long work: the analyses of a large upload, one named step after another."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import streamlit as st

from dashboard import data, session

LARGE_CORPUS = 200  # own corpora with more articles show each analysis step while it runs

Step = Literal["reuse", "framing", "claims"]
_STEPS: dict[Step, str] = {
    "reuse": "Finding reused passages",
    "framing": "Counting framing terms",
    "claims": "Reading dates and numbers and comparing them across outlets",
}


def analyse(source: data.Source, toml: str, steps: Sequence[Step] = ("reuse", "framing", "claims")) -> None:
    """Run the analyses a page needs on a large upload inside a status box that names each step.

    Small corpora and the shared corpus skip this (their cached functions show a spinner); a
    step already run on this corpus in this session is not shown again.
    """
    if not source.private or len(source.corpus.documents) <= LARGE_CORPUS:
        return
    done = session.analysed_steps()
    todo = [s for s in steps if _step_id(source, s, toml) not in done]
    if not todo:
        return
    n = len(source.corpus.documents)
    with st.status(f"Analysing your {n:,} articles…", expanded=True) as status:
        for i, step in enumerate(todo, start=1):
            label = f"Step {i} of {len(todo)}: {_STEPS[step]}…"
            status.update(label=label)
            st.write(label)
            if step == "reuse":
                data.reuse_matches(source, min_score=data.DEFAULT_MIN_SCORE)
            elif step == "framing":
                data.framing_hits(source, toml)
            else:
                data.disagreements(source)
            session.mark_analysed(_step_id(source, step, toml))
        status.update(label=f"Analysed your {n:,} articles", state="complete", expanded=False)


def _step_id(source: data.Source, step: Step, toml: str) -> str:
    return f"{source.key}:{step}:{hash(toml) if step == 'framing' else ''}"
