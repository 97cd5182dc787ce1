"""Overview: the corpus at a glance, who reuses whom, and when things happened."""

from __future__ import annotations

import streamlit as st

from analysis.reuse import tables as reuse_tables
from dashboard import data, progress, render, state, tables
from dashboard.selections import PAIR
from dashboard.views.parts import overview_parts

st.title("Overview")
source = data.active_source()
corpus = source.corpus
st.caption(f"{render.markdown_literal(source.label)}: what is in the corpus, how much text the outlets share, and which "
           "dates they publish and claim. Click a cell of the heatmap to read the shared passages.")

if not corpus.documents:
    st.info("This corpus is empty. Add articles on the Corpus page.", icon=":material/info:")
    st.stop()

overview_parts.stories(source)

toml = data.lexicon_toml()
progress.analyse(source, toml)
outlets = data.outlets(source)
min_score = float(state.reuse_threshold())
reused = data.reused_passage_count(source, min_score=min_score)
# Metrics as wide as their labels, wrapping to a second line when the window is narrow (five equal
# columns cut "Reused passages" to "Reused pa..." at 1024 px).
metrics = st.container(horizontal=True, gap="medium")
metrics.metric("Articles", len(corpus.documents), width="content")
metrics.metric("Outlets", len(outlets), width="content")
metrics.metric("Reused passages", reused, width="content",
               help=f"Article passages matched in another outlet at a score of {min_score:.0f} or more "
               "(the minimum score of the Reuse page).")
metrics.metric("Framing hits", len(data.framing_hits(source, toml)), width="content",
               help="Occurrences of lexicon terms in article text.")
metrics.metric("Conflicts", data.conflict_count(source), width="content",
               help="Facts (dates, numbers) on which outlets state incompatible values.")

st.subheader("Articles")
st.dataframe(
    tables.dates_as_text(data.articles(source), "published"), hide_index=True,
    column_order=("outlet", "title", "published", "language", "words", "set_aside"),
    column_config={
        "outlet": st.column_config.TextColumn("outlet", width="medium"),
        "title": st.column_config.TextColumn("title", width="large"),
        "language": st.column_config.TextColumn("lang.", width="small"),
        "published": st.column_config.TextColumn("published"),
        "words": st.column_config.NumberColumn("article words", help="Words in title and body"),
        "set_aside": st.column_config.ProgressColumn(
            "set aside", format="percent", min_value=0.0, max_value=1.0,
            help="Share of the page's words the cleaner set aside as boilerplate or related links",
        ),
    },
)

# One above the other: side by side, a 1024 px window left each chart about 300 px, too narrow
# for five outlet names and a legend.
heat_col, time_col = st.container(), st.container()
with heat_col:
    if len(outlets) < 2:
        st.info("Reuse compares outlets, and this corpus has only one.", icon=":material/info:")
    else:
        containment = data.containment(source, min_score=min_score)
        event = st.vega_lite_chart(spec=data.containment_chart(source, min_score=min_score), key="overview_heatmap",
                                   width="stretch", on_select="rerun", selection_mode=PAIR)
        picked = event["selection"].get(PAIR) or []
        pair = (picked[0]["outlet_a"], picked[0]["outlet_b"]) if picked else None
        if pair and reuse_tables.shared_words(containment, *pair):
            st.switch_page("views/reuse.py", query_params={"reuse_a": pair[0], "reuse_b": pair[1]})
        elif pair:  # a 0 % cell would open an empty page
            st.info("These two outlets share no passage at this score: choose a shaded cell.",
                    icon=":material/search_off:")
        if not reused:
            st.caption(f"No passages are shared between outlets at a minimum score of {min_score:.0f}.")
with time_col:
    timeline = data.timeline(source)
    if timeline.empty:
        st.info("No publication dates or claimed event dates were found in this corpus.",
                icon=":material/event_busy:")
    else:
        st.vega_lite_chart(spec=data.timeline_chart(source))
