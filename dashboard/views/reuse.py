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
same = st.toggle("Include matches inside one article", value=False, key="reuse_same", bind="query-params")

def _dated(doc, title: str) -> str:
    return f"{doc.published.isoformat() if doc.published else 'date unknown'} · {title}"


def _articles_tab() -> None:
    table = data.article_pairs_table(source, min_score=float(min_score))
    if table.empty:
        st.info("No two articles share text at this score.", icon=":material/search_off:")
        return
    st.caption("Each pair of articles that shares text, earlier → later: how much of each is derived from the "
               "other (shared quotes apart), and a verdict on the later one (wholly from 60 %, partially from 10 %).")
    st.dataframe(table, hide_index=True, key="reuse_articles_table",
                 column_order=("earlier", "later", "when", "verdict", "derived_share", "share_a", "share_b", "quoted",
                               "title_a", "title_b"),
                 column_config={"derived_share": st.column_config.ProgressColumn("derived", format="percent"),
                                "share_a": st.column_config.NumberColumn("earlier's share in later", format="percent"),
                                "share_b": st.column_config.NumberColumn("later's share in earlier", format="percent"),
                                "quoted": st.column_config.NumberColumn("in shared quotes", format="percent")})
    labels = dict(zip(table["pair_id"], table["earlier"] + " → " + table["later"] + " · " + table["verdict"]
                      + " · " + table["title_b"].str[:50], strict=True))
    pair_id = state.id_selectbox("Read two articles side by side", (None, *labels), key="reuse_article",
                                 format_func=lambda x: "Choose a pair" if x is None else labels[x])
    if pair_id is None:
        return
    doc_a, doc_b = pair_id.split("|", 1)
    marks = data.article_pair_marks(source, doc_a, doc_b, min_score=float(min_score))
    st.html(render.legend_html(("reuse", "focus")))
    st.caption("Every run of three or more words the two share is marked; paraphrased or translated sentences stand out.")
    for column, doc_id in zip(st.columns(2, gap="large"), (doc_a, doc_b), strict=True):
        doc = source.corpus.document(doc_id)
        with column:
            st.html(render.heading_html(doc.outlet, _dated(doc, doc.title or doc.doc_id)))
            st.html(render.article_html(doc, source.corpus.passages_of(doc_id), marks.get(doc_id, ())))


pairs_tab, articles_tab, clusters_tab, outlets_tab = st.tabs(["Pairs", "Articles", "Clusters", "Between outlets"],
                                                             key="reuse_tab", bind="query-params")
with pairs_tab:
    if pairs_tab.open:
        pairs = data.pairs_between(source, min_score=float(min_score), outlet_a=outlet_a, outlet_b=outlet_b,
                                   same_document=same)
        if pairs.empty:
            st.info("No shared passages for these outlets at this score. Lower the minimum score or "
                    "choose other outlets." if len(outlets) > 1 else
                    "Reuse compares outlets, and this corpus has only one.", icon=":material/search_off:")
        else:
            reuse_tabs.pairs(source, pairs, min_score=min_score)

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
