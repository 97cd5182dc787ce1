"""Parallax: the frame. Page config, the shared sidebar, and navigation over dashboard/views/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import data, session, state, tables

VIEWS = Path(__file__).resolve().parent / "views"
# A file, not ":material/...:": Streamlit fetches a Material icon for the tab from Google's font server.
ICON = Path(__file__).resolve().parent / "assets" / "icon.png"
# (file stem = URL path, title, icon); Overview is the landing page.
PAGES = (
    ("overview", "Overview", ":material/dashboard:"),
    ("reuse", "Reuse", ":material/content_copy:"),
    ("framing", "Framing", ":material/format_quote:"),
    ("disagreements", "Disagreements", ":material/compare_arrows:"),
    ("compare", "Compare", ":material/view_column:"),
    ("corpus", "Corpus", ":material/folder_open:"),
)

st.set_page_config(page_title="Parallax", page_icon=str(ICON), layout="wide")

page = st.navigation(
    [
        st.Page(VIEWS / f"{stem}.py", title=title, icon=icon, url_path=stem, default=stem == "overview")
        for stem, title, icon in PAGES
    ]
)

with st.sidebar:
    session.apply_pending_choice()
    own = data.own_source()
    choice = state.id_selectbox(
        "Corpus",
        ("shared", "own"),
        format_func=lambda c: data.shared_source().label if c == "shared"
        else f"My corpus ({tables.counted(len(own.corpus.documents) if own else 0, 'article')})",
        key=session.CORPUS_KEY,
        help="The shared corpus is the same for everyone. Your own corpus (uploads and pasted "
        "articles, added on the Corpus page) stays in this browser session only.",
    )
    if choice == "own" and own is None:
        st.info("You have no articles of your own in this session yet, so the shared corpus is shown. "
                "Add some on the Corpus page.", icon=":material/info:")
    source = data.active_source()
    n_outlets = len(data.outlets(source))
    st.caption(f"{tables.counted(len(source.corpus.documents), 'article')} · {tables.counted(n_outlets, 'outlet')} · "
               f"{tables.counted(len(source.corpus.errors), 'file')} not read")

page.run()
