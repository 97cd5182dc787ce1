"""Parallax: the frame. Page config, the shared sidebar, and navigation over dashboard/views/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import data, session, state, tables, team

VIEWS = Path(__file__).resolve().parent / "views"
# A file, not ":material/...:": Streamlit fetches a Material icon for the tab from Google's font server.
ICON = Path(__file__).resolve().parent / "assets" / "icon.png"
# (file stem = URL path, title, icon); Overview is the landing page.
PAGES = (
    ("overview", "Overview", ":material/dashboard:"),
    ("reuse", "Reuse", ":material/content_copy:"),
    ("quotes", "Quotes", ":material/record_voice_over:"),
    ("framing", "Framing", ":material/format_quote:"),
    ("disagreements", "Disagreements", ":material/compare_arrows:"),
    ("compare", "Compare", ":material/view_column:"),
    ("corpus", "Corpus", ":material/folder_open:"),
    ("collections", "Collections", ":material/collections_bookmark:"),
    ("notes", "Notes", ":material/rate_review:"),
)

st.set_page_config(page_title="Parallax", page_icon=str(ICON), layout="wide")

page = st.navigation(
    [
        st.Page(VIEWS / f"{stem}.py", title=title, icon=icon, url_path=stem, default=stem == "overview")
        for stem, title, icon in PAGES
    ]
)

user = team.gate()  # sign in first (when login is configured); nobody named by the proxy: stop here

with st.sidebar:
    session.apply_pending_choice()
    own = data.own_source()
    options = data.source_options()
    team.unknown_link_warning(tuple(options))
    choice = state.id_selectbox(
        "Corpus",
        tuple(options),
        format_func=lambda c: options.get(c, c),
        key=session.CORPUS_KEY,
        help="Read-only corpora are the same for everyone. Collections keep their articles, lexicon, views "
        "and notes for the team (Collections page). Your own corpus stays in this browser session only.",
    )
    if choice == "own" and own is None:
        st.info("You have no articles of your own in this session yet, so the shared corpus is shown. "
                "Add some on the Corpus page.", icon=":material/info:")
    whole = data.corpus_source()
    labels = data.story_labels(whole)
    if len(labels) > 1:
        state.id_selectbox(
            "Story", ("", *labels), key=session.STORY_KEY,
            format_func=lambda s: f"All {len(labels)} stories" if not s else labels[s],
            help="A news story: articles on one event, given by the input or grouped by content and date. "
            "Every page shows the story chosen here; dates, places and counts are only compared inside one story.",
        )
    source = data.active_source()
    n_outlets = len(data.outlets(source))
    st.caption(f"{tables.counted(len(source.corpus.documents), 'article')} · {tables.counted(n_outlets, 'outlet')} · "
               f"{tables.counted(len(labels), 'story', 'stories')} · "
               f"{tables.counted(len(whole.corpus.errors), 'file')} not read")
    team.lexicon_notice(source)
    team.workspace_status()
    team.notices()
    team.who(user)
    share = st.empty()
    team.share(share, page.url_path, source, final=False)

page.run()
# Again after the page, with the choices its widgets bound to the URL in this run (a page that stops
# early keeps the link drawn above).
team.share(share, page.url_path, source, final=True)
