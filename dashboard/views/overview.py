"""Overview: the corpus at a glance, who reuses whom, and when things happened."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, progress, render, session


def _pick_story(ids: tuple[str, ...]) -> None:
    rows = st.session_state["overview_stories"]["selection"]["rows"]
    if rows:
        session.choose_story(ids[rows[0]])


st.title("Overview")
source = data.active_source()
corpus = source.corpus
st.caption(f"{render.markdown_literal(source.label)}: what is in the corpus, how much text the outlets share, and which "
           "dates they publish and claim. Click a cell of the heatmap to read the shared passages.")

if not corpus.documents:
    st.info("This corpus is empty. Add articles on the Corpus page.", icon=":material/info:")
    st.stop()

whole = data.corpus_source()
warning = data.span_warning(source)
if warning:
    st.warning(warning, icon=":material/warning:")
if len(whole.corpus.stories) > 1:
    st.subheader("Stories")
    story_rows = data.stories(whole)
    st.dataframe(
        story_rows, hide_index=True, key="overview_stories", selection_mode="single-row",
        on_select=lambda: _pick_story(tuple(story_rows["story_id"])),
        column_order=("label", "articles", "outlets", "first", "last", "how"),
        column_config={
            "label": st.column_config.TextColumn("story", width="large"),
            "first": st.column_config.DateColumn("first published", format="YYYY-MM-DD"),
            "last": st.column_config.DateColumn("last published", format="YYYY-MM-DD"),
            "how": st.column_config.TextColumn("how", help="given by the input, or inferred from content and dates"),
        },
    )
    st.caption("Select a story to read it on every page (the sidebar keeps the choice).")

toml = data.lexicon_toml()
progress.analyse(source, toml)
outlets = data.outlets(source)
reused = data.reused_passage_count(source, min_score=data.DEFAULT_MIN_SCORE)
cols = st.columns(5)
cols[0].metric("Articles", len(corpus.documents))
cols[1].metric("Outlets", len(outlets))
cols[2].metric("Reused passages", reused,
               help=f"Article passages matched in another outlet at a score of {data.DEFAULT_MIN_SCORE:.0f} or more.")
cols[3].metric("Framing hits", len(data.framing_hits(source, toml)), help="Occurrences of lexicon terms in article text.")
cols[4].metric("Conflicts", data.conflict_count(source),
               help="Facts (dates, numbers) on which outlets state incompatible values.")

st.subheader("Articles")
st.dataframe(
    data.articles(source), hide_index=True,
    column_order=("outlet", "title", "published", "language", "words", "set_aside"),
    column_config={
        "outlet": st.column_config.TextColumn("outlet", width="medium"),
        "title": st.column_config.TextColumn("title", width="large"),
        "language": st.column_config.TextColumn("lang.", width="small"),
        "published": st.column_config.DateColumn("published", format="YYYY-MM-DD"),
        "words": st.column_config.NumberColumn("article words", help="Words in title and body"),
        "set_aside": st.column_config.ProgressColumn(
            "set aside", format="percent", min_value=0.0, max_value=1.0,
            help="Share of the page's words the cleaner set aside as boilerplate or related links",
        ),
    },
)

heat_col, time_col = st.columns(2, gap="large")
with heat_col:
    if len(outlets) < 2:
        st.info("Reuse compares outlets, and this corpus has only one.", icon=":material/info:")
    else:
        containment = data.containment(source, min_score=data.DEFAULT_MIN_SCORE)
        event = st.altair_chart(charts.containment_heatmap(containment), key="overview_heatmap", width="stretch",
                                on_select="rerun", selection_mode=charts.PAIR)
        picked = event["selection"].get(charts.PAIR) or []
        if picked and picked[0].get("outlet_a") != picked[0].get("outlet_b"):
            st.switch_page("views/reuse.py", query_params={
                "reuse_a": picked[0]["outlet_a"], "reuse_b": picked[0]["outlet_b"]})
        if not reused:
            st.caption("No passages are shared between outlets at the default threshold.")
with time_col:
    timeline = data.timeline(source)
    if timeline.empty:
        st.info("No publication dates or claimed event dates were found in this corpus.",
                icon=":material/event_busy:")
    else:
        st.altair_chart(charts.timeline_chart(timeline))
