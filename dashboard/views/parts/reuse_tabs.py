"""The Reuse page's tabs: pairs of passages, clusters of versions, and reuse between outlets."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from analysis.reuse import ReuseCluster
from analysis.reuse import tables as reuse_tables
from dashboard import charts, data, render, state, tables


def _choose(match_ids: tuple[str, ...], widget: str, field: str) -> None:
    event = st.session_state[widget]["selection"]
    picked = event.get("rows") if field == "rows" else [p.get("match_id") for p in event.get(field, [])]
    if picked:
        st.session_state["reuse_match"] = match_ids[picked[0]] if field == "rows" else picked[0]


def pairs(source: data.Source, table: pd.DataFrame, *, min_score: int) -> None:
    """Draw the matched pairs (chart and table) and, when one is chosen, both passages side by side."""
    match_ids = tuple(table["match_id"])
    st.altair_chart(charts.reuse_pairs_chart(table, min_score=float(min_score)), key="reuse_chart",
                    on_select=partial(_choose, match_ids, "reuse_chart", charts.MATCH), selection_mode=charts.MATCH)
    st.dataframe(table, hide_index=True, key="reuse_table", selection_mode="single-row",
                 on_select=partial(_choose, match_ids, "reuse_table", "rows"),
                 column_order=("pair", "score", "words", "text_a", "text_b"),
                 column_config={"score": st.column_config.NumberColumn("score", format="%.0f"),
                                "words": st.column_config.NumberColumn("shared words"),
                                "text_a": st.column_config.TextColumn("passage A", width="large"),
                                "text_b": st.column_config.TextColumn("passage B", width="large")})
    labels = dict(zip(match_ids, table["label"], strict=True))
    match_id = state.id_selectbox("Read a pair side by side", (None, *match_ids), key="reuse_match",
                                  format_func=lambda m: "Click a dot or a row" if m is None else labels[m])
    if match_id is None:
        return
    row = table.iloc[match_ids.index(match_id)]
    marks_a, marks_b = tables.match_marks(row["spans"])
    paragraphs = data.passage_paragraphs(source, (row["a"], row["b"]))
    st.html(render.legend_html(("reuse",)))
    for column, doc_id, marks in zip(st.columns(2, gap="large"), (row["doc_a"], row["doc_b"]), (marks_a, marks_b),
                                     strict=True):
        doc = source.corpus.document(doc_id)
        with column:
            st.html(render.heading_html(doc.outlet, doc.title or doc.doc_id))
            st.html(render.article_html(doc, source.corpus.passages_of(doc_id), marks,
                                        paragraphs=paragraphs.get(doc_id, ())))


def clusters(source: data.Source, found: tuple[ReuseCluster, ...], *, min_score: int,
             outlets: tuple[str | None, ...]) -> None:
    """Draw the clusters holding the chosen outlets and every version of one, aligned."""
    by_id = {c.cluster_id: c for c in found}
    st.dataframe(data.clusters_table(source, min_score=float(min_score), outlets=outlets), hide_index=True,
                 column_order=("cluster_id", "outlets", "n_passages", "earliest", "text"),
                 column_config={"cluster_id": st.column_config.TextColumn("cluster"),
                                "text": st.column_config.TextColumn("first version", width="large"),
                                "n_passages": st.column_config.NumberColumn(
                                    "versions", help="Passages holding this text, across the outlets listed"),
                                "earliest": st.column_config.TextColumn(
                                    "earliest", help="The outlet that published first; \"same day\" when the first "
                                    "date is shared, a dash when a version has no date")})
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


def _pair_from_heatmap(containment: pd.DataFrame) -> None:
    picked = st.session_state["reuse_heatmap"]["selection"].get(charts.PAIR) or []
    if not picked:
        return
    a, b = picked[0]["outlet_a"], picked[0]["outlet_b"]
    if reuse_tables.shared_words(containment, a, b) == 0:
        st.session_state["reuse_heatmap_empty"] = (a, b)  # a 0 % cell: say so instead of filtering to nothing
        return
    st.session_state["reuse_heatmap_empty"] = None
    st.session_state["reuse_a"], st.session_state["reuse_b"] = a, b
    state.reset("reuse_match")


def between_outlets(source: data.Source, *, min_score: int) -> None:
    """Draw the outlet-to-outlet heatmap; a click on a cell filters the Pairs tab to that pair."""
    containment = data.containment(source, min_score=float(min_score))
    st.altair_chart(charts.containment_heatmap(containment), key="reuse_heatmap", width="stretch",
                    on_select=partial(_pair_from_heatmap, containment), selection_mode=charts.PAIR)
    empty = st.session_state.get("reuse_heatmap_empty")
    if empty:
        st.info(f"{render.markdown_literal(empty[0])} and {render.markdown_literal(empty[1])} share no passage at "
                f"a score of {min_score} or more: choose a shaded cell.", icon=":material/search_off:")
    st.caption("Click a shaded cell to list that pair's shared passages under Pairs.")
