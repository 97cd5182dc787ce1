"""The Overview page's parts: the stories of the corpus, one of which can be read on every page."""

from __future__ import annotations

import streamlit as st

from dashboard import data, render, session, tables


def _pick_story(ids: tuple[str, ...]) -> None:
    rows = st.session_state["overview_stories"]["selection"]["rows"]
    if rows:
        session.choose_story(ids[rows[0]])


def stories(source: data.Source) -> None:
    """Say when the corpus spans many stories or years, and list its stories when it holds more than one."""
    warning = data.span_warning(source)
    if warning:
        st.warning(render.markdown_literal(warning), icon=":material/warning:")
    whole = data.corpus_source()
    if len(whole.corpus.stories) < 2:
        return
    st.subheader("Stories")
    rows = data.stories(whole)
    ids = tuple(rows["story_id"])
    st.dataframe(
        tables.dates_as_text(rows, "first", "last"), hide_index=True, key="overview_stories",
        selection_mode="single-row", on_select=lambda: _pick_story(ids),
        column_order=("label", "articles", "outlets", "first", "last", "how"),
        column_config={
            "label": st.column_config.TextColumn("story", width="large"),
            "first": st.column_config.TextColumn("first published"),
            "last": st.column_config.TextColumn("last published"),
            "how": st.column_config.TextColumn("how", help="given by the input, or inferred from content and dates"),
        },
    )
    st.caption("Select a story to read it on every page (the sidebar keeps the choice).")
