"""Shareable choices in the URL: ids behind readable labels, the shared reuse threshold, resets.

``bind="query-params"`` writes a selectbox's *displayed label* into the URL. For choices shown
by a readable label but identified by an id (an article, a claim, a match), the label is long,
can repeat, and can change (an article count), so those selectboxes keep their id in the URL
with ``st.query_params`` instead: read once when the widget appears, written on every run.

The minimum reuse score is one choice for every page (``?reuse_min=``): Streamlit clears the
query string when the user follows a sidebar link, so the value also lives in this session and
each page writes it back into its own URL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

from analysis.reuse import DEFAULT_MIN_SCORE

T = TypeVar("T")

REUSE_MIN = "reuse_min"  # URL parameter of the minimum reuse score shared by every page
_REUSE_MIN_SESSION = "state_reuse_min"  # the same value, kept in this session across pages


def id_selectbox(
    label: str,
    options: Sequence[T],
    *,
    key: str,
    format_func: Callable[[T], str],
    where: Any = st,
    **kwargs: Any,
) -> T:
    """Draw a selectbox whose value is kept in the URL as ``?key=<str(value)>``.

    The first option is the default and is left out of the URL. A URL value that is not
    among the options is ignored.
    """
    by_id = {str(o): o for o in options}
    if key in st.session_state and st.session_state[key] is None:
        reset(key)  # None is "no selection" to Streamlit: start again from the first option
    if key not in st.session_state:
        wanted = st.query_params.get(key)
        if wanted in by_id:
            st.session_state[key] = by_id[wanted]
    elif st.session_state[key] not in options:
        del st.session_state[key]
    value = where.selectbox(label, options, key=key, format_func=format_func, **kwargs)
    if options and value is not None and value != options[0]:
        st.query_params[key] = str(value)
    else:
        st.query_params.pop(key, None)
    return value


def reset(*keys: str) -> None:
    """Put these ``id_selectbox`` widgets back on their first option, in the session and in the URL.

    Setting a selectbox's state to None instead shows "Choose an option": Streamlit sends None
    to the browser as "nothing selected", even when None is one of the options. (A selectbox
    bound with ``bind="query-params"`` is seeded from the page's URL again once its state is
    gone, so give those an "all" option that is not None, such as "", and set that instead.)
    """
    for key in keys:
        st.session_state.pop(key, None)
        st.query_params.pop(key, None)


def _score(text: str | None) -> int | None:
    try:
        value = round(float(text)) if text is not None else None
    except ValueError:
        return None
    return value if value is not None and 0 <= value <= 100 else None


def reuse_threshold() -> int:
    """Return the minimum reuse score of every page: the URL's, else this session's, else the default.

    The value is written back into this page's URL, so a link to any page carries it.
    """
    from_url = _score(st.query_params.get(REUSE_MIN))
    if from_url is not None:
        st.session_state[_REUSE_MIN_SESSION] = from_url
    value = int(st.session_state.get(_REUSE_MIN_SESSION, round(DEFAULT_MIN_SCORE)))
    if value == round(DEFAULT_MIN_SCORE):
        st.query_params.pop(REUSE_MIN, None)
    else:
        st.query_params[REUSE_MIN] = str(value)
    return value


def _keep_threshold(key: str) -> None:
    st.session_state[_REUSE_MIN_SESSION] = int(st.session_state[key])
    st.query_params[REUSE_MIN] = str(st.session_state[key])


def reuse_threshold_slider(label: str, *, key: str, where: Any = st, **kwargs: Any) -> int:
    """Draw a slider for the shared minimum reuse score (0-100, steps of 5); moving it moves every page's."""
    st.session_state[key] = reuse_threshold()
    return int(where.slider(label, 0, 100, step=5, key=key, on_change=_keep_threshold, args=(key,), **kwargs))
