"""Reuse: which passages outlets share, side by side with the shared words highlighted."""

from __future__ import annotations

import streamlit as st

from dashboard import data, progress, state
from dashboard.views.parts import reuse_tabs

st.title("Reuse")
st.caption("Sentences that appear, whole or in part, in more than one article: wire copy, press releases, "
           "rewrites and translations, each pair read from the earlier article to the later one. The score is "
           "the strength of the evidence (how long and how rare the shared text is); shared quotes, outlets "
           "quoting one speaker, are kept apart (see the Quotes page).")
source = data.active_source()
progress.analyse(source, data.lexicon_toml(), ("reuse",))
outlets = data.outlets(source)

c1, c2, c3 = st.columns([2, 2, 3])
outlet_a = c1.selectbox("Outlet", (None, *outlets), key="reuse_a", bind="query-params",
                        format_func=lambda o: "Any outlet" if o is None else o)
outlet_b = c2.selectbox("and outlet", (None, *outlets), key="reuse_b", bind="query-params",
                        format_func=lambda o: "Any outlet" if o is None else o)
min_score = state.reuse_threshold_slider(
    "Minimum score", key="reuse_min", where=c3,
    help="Raise it to keep only close copies; lower it to see loose paraphrase. Every page uses this threshold.")
t1, t2 = st.columns(2)
same = t1.toggle("Include matches inside one article", value=False, key="reuse_same", bind="query-params")
quotes_too = t2.toggle("Include shared quotes", value=False, key="reuse_quotes", bind="query-params",
                       help="Outlets quoting the same speaker: not copying, so left out unless asked for.")

pairs_tab, articles_tab, clusters_tab, outlets_tab = st.tabs(["Pairs", "Articles", "Clusters", "Between outlets"],
                                                             key="reuse_tab", bind="query-params")
with pairs_tab:
    if pairs_tab.open:
        pairs = data.pairs_between(source, min_score=float(min_score), outlet_a=outlet_a, outlet_b=outlet_b,
                                   same_document=same, quotes=quotes_too)
        if pairs.empty:
            st.info("No shared passages for these outlets at this score. Lower the minimum score or "
                    "choose other outlets." if len(outlets) > 1 else
                    "Reuse compares outlets, and this corpus has only one.", icon=":material/search_off:")
        else:
            reuse_tabs.pairs(source, pairs, min_score=min_score)

with articles_tab:
    if articles_tab.open:
        reuse_tabs.articles(source, min_score=min_score, outlet_a=outlet_a, outlet_b=outlet_b)

with clusters_tab:
    if clusters_tab.open:
        chosen = (outlet_a, outlet_b)
        clusters = data.reuse_clusters(source, min_score=float(min_score), outlets=chosen)
        if not clusters:
            st.info("No passage is shared by two or more outlets at this score"
                    + (" among the outlets chosen above." if any(chosen) else "."), icon=":material/search_off:")
        else:
            reuse_tabs.clusters(source, clusters, min_score=min_score, outlets=chosen)

with outlets_tab:
    if outlets_tab.open:
        if len(outlets) < 2:
            st.info("Reuse compares outlets, and this corpus has only one.", icon=":material/info:")
        else:
            reuse_tabs.between_outlets(source, min_score=min_score)
