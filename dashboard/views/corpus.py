"""Corpus: what is loaded, what the cleaner set aside and why, your own articles, and the export."""

from __future__ import annotations

import streamlit as st

from dashboard import data, progress, session, state, tables, team
from dashboard.views.parts import corpus_tabs

st.title("Corpus")
source = data.active_source()
st.caption(
    "Articles you add go into this collection and are kept for everyone who can see it." if source.stored else
    "Use the shared corpus or your own. Your uploads and pasted articles stay in this browser "
    "session: nobody else sees them, and they are gone when you close the tab. To keep them, make a "
    "collection on the Collections page."
)

read, add, edit, download = st.tabs(
    ["Articles", "Add articles", "Edit metadata", "Export"], key="corpus_tab", bind="query-params"
)

with read:
    if read.open:
        labels = data.article_labels(source)
        languages = data.languages(source)
        if len(languages) > 1:
            language = st.selectbox("Language", (None, *languages), key="corpus_language", bind="query-params",
                                    format_func=lambda lang: "All languages" if lang is None else tables.language_label(lang))
            if language is not None:
                keep = set(data.documents_in(source, language))
                labels = {d: label for d, label in labels.items() if d in keep}
        if not labels:
            st.info("This corpus has no articles. Add some under **Add articles**.", icon=":material/info:")
        else:
            corpus_tabs.article(source, labels)
        if source.corpus.errors:
            st.subheader("Files that could not be read")
            st.dataframe(data.load_errors(source), hide_index=True)

with add:
    if add.open:
        corpus_tabs.added_notice()
        corpus_tabs.uploads(source)
        corpus_tabs.paste(source)
        corpus_tabs.start_over()

with edit:
    if edit.open:
        own_docs = session.own_documents()
        if source.stored:
            team.metadata_editor(source)
        elif not source.private or not own_docs:
            st.info("The shared corpus is read-only. Copy it into your own corpus (under **Add "
                    "articles**) or add articles of your own, then edit their metadata here.",
                    icon=":material/lock:")
        else:
            st.caption("Edit outlet, title, date, URL and language; ids and texts stay as loaded.")
            edited = st.data_editor(
                tables.documents_frame(own_docs), hide_index=True, key="corpus_meta",
                disabled=("doc_id",), num_rows="fixed",
                column_config={
                    "source": st.column_config.TextColumn("outlet"),
                    "published": st.column_config.DateColumn("published", format="YYYY-MM-DD"),
                    "url": st.column_config.TextColumn("url"),
                },
            )
            if st.button("Apply changes", type="primary", key="corpus_apply"):
                session.set_own_documents(tables.with_metadata(own_docs, edited), session.own_errors())
                st.rerun()

with download:
    if download.open:
        st.caption("Every table of the analysis (documents, passages, reuse, framing, claims, "
                   "disagreements, load errors) for the corpus shown, with your lexicon.")
        min_score = state.reuse_threshold_slider(
            "Minimum reuse score", key="corpus_export_min",
            help="Reuse pairs scoring lower are left out of the export. Every page uses this threshold.")
        toml = data.lexicon_toml()
        progress.analyse(source, toml)
        as_json, as_zip = data.export_files(source, toml, min_score=float(min_score), notes=team.note_rows(source))
        c1, c2 = st.columns(2)
        c1.download_button("Download JSON", as_json, file_name="parallax.json", mime="application/json",
                           icon=":material/download:", key="corpus_json")
        c2.download_button("Download CSV (zip)", as_zip, file_name="parallax-csv.zip",
                           mime="application/zip", icon=":material/download:", key="corpus_csv")
