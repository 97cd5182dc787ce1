"""Compare: two to four outlets' articles side by side, with reuse, framing and claims overlaid."""

from __future__ import annotations

import streamlit as st

from analysis.reuse import tables as reuse_tables
from dashboard import data, progress, render, state

MAX_SHOWN = 4  # articles side by side; more columns are too narrow to read at 1400 px

st.title("Compare")
st.caption("Read articles side by side. Overlays mark the words shared between the articles shown, "
           "the framing lexicon's terms, and the dates and numbers each states.")
source = data.active_source()
outlets = data.outlets(source)
if len(outlets) < 2:
    st.info("Comparing needs articles from at least two outlets; this corpus has "
            f"{len(outlets)}. Add articles on the Corpus page.", icon=":material/info:")
    st.stop()

min_score = float(state.reuse_threshold())
# Open on the two outlets that share the most text, so the first view already shows reuse.
best = reuse_tables.most_shared_pair(data.containment(source, min_score=min_score))
default = [o for o in outlets if o in best] if best else list(outlets[:2])
chosen = st.multiselect("Outlets (two to four)", outlets, default=default, key="outlets", bind="query-params")
c1, c2, c3, c4 = st.columns(4)
show_reuse = c1.toggle("Shared passages", value=True, key="compare_reuse", bind="query-params")
show_frames = c2.toggle("Framing terms", value=False, key="compare_framing", bind="query-params")
show_claims = c3.toggle("Dates and numbers", value=False, key="compare_claims", bind="query-params")
show_aside = c4.toggle("Text set aside", value=False, key="compare_aside", bind="query-params",
                       help="Boilerplate and related-article links the cleaner excluded from every analysis")
if len(chosen) < 2:
    st.info("Choose at least two outlets to compare.", icon=":material/view_column:")
    st.stop()
if len(chosen) > MAX_SHOWN:
    left_out = ", ".join(chosen[MAX_SHOWN:])
    st.warning(render.markdown_literal(f"Four articles fit side by side: showing the first four outlets chosen. "
                                       f"Not shown: {left_out}. Remove an outlet to show another."),
               icon=":material/view_column:")
    chosen = chosen[:MAX_SHOWN]

doc_ids = []
for n, (column, outlet) in enumerate(zip(st.columns(len(chosen)), chosen, strict=True), start=1):
    articles = data.documents_of(source, outlet)
    doc_ids.append(state.id_selectbox(
        "Article", articles, key=f"compare_doc_{n}", where=column,
        format_func=lambda d: source.corpus.document(d).title or d, disabled=len(articles) == 1,
    ))

legend: tuple[render.MarkKind, ...] = ("reuse", "frame", "claim")
st.html(render.legend_html((k for k, on in zip(legend, (show_reuse, show_frames, show_claims)) if on),
                           articles=len(doc_ids)))
toml = data.lexicon_toml()
steps: tuple[progress.Step, ...] = ("reuse", "framing", "claims")
progress.analyse(source, toml, tuple(s for s, on in zip(steps, (show_reuse, show_frames, show_claims)) if on))
marks = data.overlay_marks(source, tuple(doc_ids), toml=toml, reuse=show_reuse, frames=show_frames,
                           claimed=show_claims, min_score=min_score)
for column, doc_id in zip(st.columns(len(doc_ids), gap="medium"), doc_ids, strict=True):
    doc = source.corpus.document(doc_id)
    with column:
        st.html(render.heading_html(doc.outlet, " · ".join(
            x for x in (doc.title, doc.published.isoformat() if doc.published else "") if x)))
        st.html(render.article_html(doc, source.corpus.passages_of(doc_id), marks[doc_id],
                                    show_set_aside=show_aside))
