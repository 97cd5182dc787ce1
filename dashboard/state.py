"""Shareable choices in the URL, by id rather than by label.

``bind="query-params"`` writes a selectbox's *displayed label* into the URL. For choices shown
by a readable label but identified by an id (an article, a claim, a match), the label is long,
can repeat, and can change (an article count), so those selectboxes keep their id in the URL
with ``st.query_params`` instead: read once when the widget appears, written on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")


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
