"""Reuse: which passages outlets share, side by side with the shared words highlighted."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard import charts, data, progress, render, state, tables, team

st.title("Reuse")
st.caption("Sentences that appear, whole or in part, in more than one article: wire copy, press "
           "releases, quotes. The score is the share of the shorter sentence that is shared.")
source = data.active_source()
progress.analyse(source, data.lexicon_toml(), ("reuse",))
outlets = data.outlets(source)

c1, c2, c3 = st.columns([2, 2, 3])
outlet_a = c1.selectbox("Outlet", (None, *outlets), key="reuse_a", bind="query-params",
                        format_func=lambda o: "Any outlet" if o is None else o)
outlet_b = c2.selectbox("and outlet", (None, *outlets), key="reuse_b", bind="query-params",
                        format_func=lambda o: "Any outlet" if o is None else o)
min_score = c3.slider("Minimum score", 0, 100, int(data.DEFAULT_MIN_SCORE), step=5, key="reuse_min",
                      bind="query-params", help="Raise it to keep only close copies; lower it to see loose paraphrase.")
same = st.toggle("Include matches inside one article", value=False, key="reuse_same", bind="query-params")
pairs = data.pairs_between(source, min_score=float(min_score), outlet_a=outlet_a, outlet_b=outlet_b,
                           same_document=same)


def _choose(match_ids: tuple[str, ...], widget: str, field: str) -> None:
    event = st.session_state[widget]["selection"]
    picked = event.get("rows") if field == "rows" else [p.get("match_id") for p in event.get(field, [])]
    if picked:
        st.session_state["reuse_match"] = match_ids[picked[0]] if field == "rows" else picked[0]


def _pair_from_heatmap() -> None:
    picked = st.session_state["reuse_heatmap"]["selection"].get(charts.PAIR) or []
    if picked:
        st.session_state["reuse_a"], st.session_state["reuse_b"] = picked[0]["outlet_a"], picked[0]["outlet_b"]
        st.session_state["reuse_match"] = None


pairs_tab, clusters_tab, outlets_tab = st.tabs(["Pairs", "Clusters", "Between outlets"], key="reuse_tab",
                                               bind="query-params")
with pairs_tab:
    if pairs_tab.open:
        if pairs.empty:
            st.info("No shared passages for these outlets at this score. Lower the minimum score or "
                    "choose other outlets." if len(outlets) > 1 else
                    "Reuse compares outlets, and this corpus has only one.", icon=":material/search_off:")
        else:
            match_ids = tuple(pairs["match_id"])
            st.altair_chart(charts.reuse_pairs_chart(pairs, min_score=float(min_score)), key="reuse_chart",
                            on_select=partial(_choose, match_ids, "reuse_chart", charts.MATCH), selection_mode=charts.MATCH)
            st.dataframe(pairs, hide_index=True, key="reuse_table", selection_mode="single-row",
                         on_select=partial(_choose, match_ids, "reuse_table", "rows"),
                         column_order=("pair", "score", "words", "text_a", "text_b"),
                         column_config={"score": st.column_config.NumberColumn("score", format="%.0f"),
                                        "words": st.column_config.NumberColumn("shared words"),
                                        "text_a": st.column_config.TextColumn("passage A", width="large"),
                                        "text_b": st.column_config.TextColumn("passage B", width="large")})
            labels = dict(zip(match_ids, pairs["pair"] + " · " + pairs["score"].round().astype(int).astype(str)
                              + " · " + pairs["text_a"].str[:60], strict=True))
            match_id = state.id_selectbox("Read a pair side by side", (None, *match_ids), key="reuse_match",
                                          format_func=lambda m: "Click a dot or a row" if m is None else labels[m])
            if match_id is not None:
                row = pairs.iloc[match_ids.index(match_id)]
                marks_a, marks_b = tables.match_marks(row["spans"])
                paragraphs = data.passage_paragraphs(source, (row["a"], row["b"]))
                st.html(render.legend_html(("reuse",)))
                for column, doc_id, marks in zip(st.columns(2, gap="large"), (row["doc_a"], row["doc_b"]),
                                                 (marks_a, marks_b), strict=True):
                    doc = source.corpus.document(doc_id)
                    with column:
                        st.html(render.heading_html(doc.outlet, doc.title or doc.doc_id))
                        st.html(render.article_html(doc, source.corpus.passages_of(doc_id), marks,
                                                    paragraphs=paragraphs.get(doc_id, ())))
                team.notes_panel(source, "pair", match_id, f"{row['pair']} · {row['text_a'][:80]}")

with clusters_tab:
    if clusters_tab.open:
        clusters = data.reuse_clusters(source, min_score=float(min_score))
        if not clusters:
            st.info("No passage is shared by two or more outlets at this score.", icon=":material/search_off:")
        else:
            by_id = {c.cluster_id: c for c in clusters}
            st.dataframe(data.clusters_table(source, min_score=float(min_score)), hide_index=True,
                         column_config={"text": st.column_config.TextColumn("first version", width="large"),
                                        "earliest": st.column_config.TextColumn(
                                            "earliest", help="Outlet that published first, when every date is known")})
            cluster_id = state.id_selectbox("Align every version of", tuple(by_id), key="reuse_cluster",
                                      format_func=lambda c: f"{c} · {', '.join(by_id[c].outlets)}")
            cluster = by_id[cluster_id]
            cluster_marks, paragraphs = data.cluster_marks(source, cluster_id, min_score=float(min_score))
            columns = st.columns(min(len(cluster.doc_ids), 4), gap="medium")
            for n, doc_id in enumerate(cluster.doc_ids):
                doc = source.corpus.document(doc_id)
                with columns[n % len(columns)]:
                    st.html(render.heading_html(doc.outlet, doc.title or doc.doc_id))
                    st.html(render.article_html(doc, source.corpus.passages_of(doc_id), cluster_marks.get(doc_id, ()),
                                                paragraphs=paragraphs.get(doc_id, ())))

with outlets_tab:
    if outlets_tab.open:
        if len(outlets) < 2:
            st.info("Reuse compares outlets, and this corpus has only one.", icon=":material/info:")
        else:
            st.altair_chart(charts.containment_heatmap(data.containment(source, min_score=float(min_score))),
                            key="reuse_heatmap", width="stretch", on_select=_pair_from_heatmap, selection_mode=charts.PAIR)
            st.caption("Click a cell to list that pair's shared passages under Pairs.")
