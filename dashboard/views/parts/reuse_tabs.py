"""The Reuse page's tabs: pairs of passages, pairs of articles, clusters of versions, reuse between outlets."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from analysis.reuse import ReuseCluster
from analysis.reuse import tables as reuse_tables
from analysis.text import Document
from dashboard import charts, data, render, state, tables, team


def _dated(doc: Document) -> str:
    """Return the article's date (or "date unknown") and its title, for the heading over its text."""
    return f"{doc.published.isoformat() if doc.published else 'date unknown'} · {doc.title or doc.doc_id}"


def _choose(match_ids: tuple[str, ...], widget: str, field: str) -> None:
    event = st.session_state[widget]["selection"]
    picked = event.get("rows") if field == "rows" else [p.get("match_id") for p in event.get(field, [])]
    if picked:
        st.session_state["reuse_match"] = match_ids[picked[0]] if field == "rows" else picked[0]


def pairs(source: data.Source, table: pd.DataFrame, *, min_score: int) -> None:
    """Draw the matched pairs, earlier -> later (chart and table); a chosen one side by side, with its notes."""
    match_ids = tuple(table["match_id"])
    st.altair_chart(charts.reuse_pairs_chart(table, min_score=float(min_score)), key="reuse_chart",
                    on_select=partial(_choose, match_ids, "reuse_chart", charts.MATCH), selection_mode=charts.MATCH)
    st.dataframe(table, hide_index=True, key="reuse_table", selection_mode="single-row",
                 on_select=partial(_choose, match_ids, "reuse_table", "rows"),
                 column_order=("pair", "when", "kind", "score", "words", "text_a", "text_b"),
                 column_config={"score": st.column_config.NumberColumn("score", format="%.0f"),
                                "pair": st.column_config.TextColumn("earlier → later"),
                                "words": st.column_config.NumberColumn("shared words"),
                                "text_a": st.column_config.TextColumn("earlier passage", width="large"),
                                "text_b": st.column_config.TextColumn("later passage", width="large")})
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
            st.html(render.heading_html(doc.outlet, _dated(doc)))
            st.html(render.article_html(doc, source.corpus.passages_of(doc_id), marks,
                                        paragraphs=paragraphs.get(doc_id, ())))
    team.notes_panel(source, "pair", match_id, f"{row['pair']} · {row['text_a'][:80]}")


def articles(source: data.Source, *, min_score: int, outlet_a: str | None, outlet_b: str | None) -> None:
    """Draw each pair of articles of the chosen outlets sharing text, earlier -> later, with a verdict; one side by side."""
    table = reuse_tables.article_pairs_between(data.article_pairs_table(source, min_score=float(min_score)),
                                               outlet_a=outlet_a, outlet_b=outlet_b)
    if table.empty:
        st.info("No two articles share text at this score"
                + (" among the outlets chosen above." if outlet_a or outlet_b else "."), icon=":material/search_off:")
        return
    st.caption("Each pair of articles that shares text, earlier → later: how much of each is derived from the "
               "other (shared quotes apart), and a verdict on the later one (wholly from 60 %, partially from 10 %).")
    st.dataframe(table, hide_index=True, key="reuse_articles_table",
                 column_order=("earlier", "later", "when", "verdict", "derived_share", "share_a", "share_b", "quoted",
                               "title_a", "title_b"),
                 column_config={"derived_share": st.column_config.ProgressColumn("derived", format="percent"),
                                "share_a": st.column_config.NumberColumn("earlier's share in later", format="percent"),
                                "share_b": st.column_config.NumberColumn("later's share in earlier", format="percent"),
                                "quoted": st.column_config.NumberColumn("in shared quotes", format="percent"),
                                "title_a": st.column_config.TextColumn("earlier title"),
                                "title_b": st.column_config.TextColumn("later title")})
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
            st.html(render.heading_html(doc.outlet, _dated(doc)))
            st.html(render.article_html(doc, source.corpus.passages_of(doc_id), marks.get(doc_id, ())))


def clusters(source: data.Source, found: tuple[ReuseCluster, ...], *, min_score: int,
             outlets: tuple[str | None, ...]) -> None:
    """Draw the clusters holding the chosen outlets (who reported first, sources named) and one aligned, earliest first."""
    by_id = {c.cluster_id: c for c in found}
    st.dataframe(data.clusters_table(source, min_score=float(min_score), outlets=outlets), hide_index=True,
                 column_order=("cluster_id", "outlets", "n_passages", "earliest", "first_date", "sources", "text"),
                 column_config={"cluster_id": st.column_config.TextColumn("cluster"),
                                "text": st.column_config.TextColumn("first version", width="large"),
                                "n_passages": st.column_config.NumberColumn(
                                    "versions", help="Passages holding this text, across the outlets listed"),
                                "earliest": st.column_config.TextColumn(
                                    "earliest", help="The outlet that published first; \"same day\" when the first "
                                    "date is shared, a dash when a version has no date"),
                                "first_date": st.column_config.TextColumn("first published"),
                                "sources": st.column_config.TextColumn(
                                    "sources named", help="News organisations the versions credit, and how many "
                                    "versions name each")})
    cluster_id = state.id_selectbox("Align every version of", tuple(by_id), key="reuse_cluster",
                                    format_func=lambda c: f"{c} · {', '.join(by_id[c].outlets)}")
    cluster = by_id[cluster_id]
    cluster_marks, paragraphs = data.cluster_marks(source, cluster_id, min_score=float(min_score))
    columns = st.columns(min(len(cluster.doc_ids), 4), gap="medium")
    docs = sorted((source.corpus.document(d) for d in cluster.doc_ids),
                  key=lambda d: (d.published is None, d.published, d.doc_id))
    for n, doc in enumerate(docs):
        doc_id = doc.doc_id
        with columns[n % len(columns)]:
            st.html(render.heading_html(doc.outlet, _dated(doc)))
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
    st.caption("Copied narration only (shared quotes are left out). Click a shaded cell to list that pair's "
               "shared passages under Pairs.")
