"""Quotes: the same quotation across outlets, its speaker, and how each outlet worded it."""

from __future__ import annotations

import streamlit as st

from dashboard import data, progress, render, state
from dashboard.render import Mark

st.title("Quotes")
st.caption("Quotations carried by two or more outlets. Quoting one speaker is not copying, so these are kept out "
           "of reuse; here is how each outlet rendered the words: verbatim, trimmed, altered (words changed), "
           "spliced (pieces joined), paraphrased or translated. The fullest version is the reference.")
source = data.active_source()
progress.analyse(source, data.lexicon_toml(), ("reuse",))
groups = data.quote_groups(source)
if groups.empty:
    st.info("No quotation appears in the articles of two or more outlets." if len(data.outlets(source)) > 1 else
            "Quotes compare outlets, and this corpus has only one.", icon=":material/search_off:")
    st.stop()

speaker = st.text_input("Speaker contains", key="quotes_speaker", bind="query-params")
shown = groups[groups["speaker"].str.contains(speaker, case=False, regex=False)] if speaker else groups
st.dataframe(shown, hide_index=True, key="quotes_table",
             column_order=("speaker", "n_outlets", "outlets", "variants", "text"),
             column_config={"n_outlets": st.column_config.NumberColumn("outlets quoting"),
                            "variants": st.column_config.TextColumn("how it was rendered"),
                            "text": st.column_config.TextColumn("reference wording", width="large")})
labels = dict(zip(shown["quote_id"], (shown["speaker"].where(shown["speaker"] != "", "speaker unknown") + " · "
                                      + shown["text"].str[:70]), strict=True))
quote_id = state.id_selectbox("Read one quotation in every outlet", (None, *labels), key="quotes_quote",
                              format_func=lambda q: "Choose a quotation" if q is None else labels[q])
if quote_id is not None:
    variants = data.quote_variants(source, quote_id)
    st.dataframe(variants, hide_index=True, key="quotes_variants",
                 column_order=("outlet", "published", "variant", "speaker", "text", "changes"),
                 column_config={"text": st.column_config.TextColumn("wording", width="large"),
                                "changes": st.column_config.TextColumn("changes from the reference", width="large")})
    paragraphs = data.passage_paragraphs(source, tuple(variants["passage_id"]))
    columns = st.columns(min(len(variants), 3), gap="medium")
    for n, row in enumerate(variants.to_dict("records")):
        doc_id, variant = str(row["doc_id"]), str(row["variant"])
        doc = source.corpus.document(doc_id)
        with columns[n % len(columns)]:
            st.html(render.heading_html(doc.outlet, f"{row['published'] or 'date unknown'} · {variant}"))
            st.html(render.article_html(doc, source.corpus.passages_of(doc_id),
                                        (Mark(int(row["start"]), int(row["end"]), "focus", variant),),
                                        paragraphs=paragraphs.get(doc_id, ())))
