"""Reuse: which passages outlets share, side by side with the shared words highlighted."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard import charts, data, progress, render, state, tables, team

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
min_score = c3.slider("Minimum score", 0, 100, int(data.DEFAULT_MIN_SCORE), step=5, key="reuse_min",
                      bind="query-params", help="Raise it to keep only close copies; lower it to see loose paraphrase.")
t1, t2 = st.columns(2)
same = t1.toggle("Include matches inside one article", value=False, key="reuse_same", bind="query-params")
quotes_too = t2.toggle("Include shared quotes", value=False, key="reuse_quotes", bind="query-params",
                       help="Outlets quoting the same speaker: not copying, so left out unless asked for.")
pairs = data.pairs_between(source, min_score=float(min_score), outlet_a=outlet_a, outlet_b=outlet_b,
                           same_document=same)
if not quotes_too:
    pairs = pairs[pairs["kind"] != "quote"].reset_index(drop=True)


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
                         column_order=("pair", "when", "kind", "score", "words", "text_a", "text_b"),
                         column_config={"score": st.column_config.NumberColumn("score", format="%.0f"),
                                        "pair": st.column_config.TextColumn("earlier → later"),
                                        "words": st.column_config.NumberColumn("shared words"),
                                        "text_a": st.column_config.TextColumn("earlier passage", width="large"),
                                        "text_b": st.column_config.TextColumn("later passage", width="large")})
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
                        st.html(render.heading_html(doc.outlet, _dated(doc, doc.title or doc.doc_id)))
                        st.html(render.article_html(doc, source.corpus.passages_of(doc_id), marks,
                                                    paragraphs=paragraphs.get(doc_id, ())))
                team.notes_panel(source, "pair", match_id, f"{row['pair']} · {row['text_a'][:80]}")

with articles_tab:
    if articles_tab.open:
        _articles_tab()

with clusters_tab:
    if clusters_tab.open:
        clusters = data.reuse_clusters(source, min_score=float(min_score))
        if not clusters:
            st.info("No passage is shared by two or more outlets at this score.", icon=":material/search_off:")
        else:
            by_id = {c.cluster_id: c for c in clusters}
            st.dataframe(data.clusters_table(source, min_score=float(min_score)), hide_index=True,
                         column_config={"text": st.column_config.TextColumn("earliest version", width="large"),
                                        "earliest": st.column_config.TextColumn(
                                            "first reported by", help="Outlet that published first ('same day' when "
                                            "several did; 'date unknown' when a version has no date)"),
                                        "first_date": st.column_config.TextColumn("first published"),
                                        "sources": st.column_config.TextColumn(
                                            "sources named", help="News organisations the versions credit, and how "
                                            "many versions name each")})
            cluster_id = state.id_selectbox("Align every version of", tuple(by_id), key="reuse_cluster",
                                      format_func=lambda c: f"{c} · {', '.join(by_id[c].outlets)}")
            cluster = by_id[cluster_id]
            cluster_marks, paragraphs = data.cluster_marks(source, cluster_id, min_score=float(min_score))
            columns = st.columns(min(len(cluster.doc_ids), 4), gap="medium")
            earliest_first = sorted(cluster.doc_ids, key=lambda d: (source.corpus.document(d).published is None,
                                                                   source.corpus.document(d).published, d))
            for n, doc_id in enumerate(earliest_first):
                doc = source.corpus.document(doc_id)
                with columns[n % len(columns)]:
                    st.html(render.heading_html(doc.outlet, _dated(doc, doc.title or doc.doc_id)))
                    st.html(render.article_html(doc, source.corpus.passages_of(doc_id), cluster_marks.get(doc_id, ()),
                                                paragraphs=paragraphs.get(doc_id, ())))

with outlets_tab:
    if outlets_tab.open:
        if len(outlets) < 2:
            st.info("Reuse compares outlets, and this corpus has only one.", icon=":material/info:")
        else:
            st.altair_chart(charts.containment_heatmap(data.containment(source, min_score=float(min_score))),
                            key="reuse_heatmap", width="stretch", on_select=_pair_from_heatmap, selection_mode=charts.PAIR)
            st.caption("Copied narration only (shared quotes are left out). Click a cell to list that pair's "
                       "shared passages under Pairs.")
