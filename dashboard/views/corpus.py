"""Corpus: what is loaded, what the cleaner set aside and why, your own articles, and the export."""

from __future__ import annotations

import streamlit as st

from analysis.ingest import SUPPORTED_SUFFIXES, UnreadableFile, document_from_text, upload
from dashboard import data, progress, render, session, state, tables

UPLOAD_TYPES = sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES | {".csv", ".toml"})

st.title("Corpus")
source = data.active_source()
st.caption(
    "Use the shared corpus or your own. Your uploads and pasted articles stay in this browser "
    "session: nobody else sees them, and they are gone when you close the tab."
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
            doc_id = state.id_selectbox("Article", tuple(labels), key="corpus_doc",
                                        format_func=lambda d: labels.get(d, d))
            doc = source.corpus.document(doc_id)
            show = st.toggle("Show what the cleaner set aside", value=True, key="corpus_aside")
            left, right = st.columns([3, 2], gap="large")
            with left:
                st.html(render.heading_html(doc.outlet, tables.meta_line(doc)))
                st.html(render.article_html(doc, source.corpus.passages_of(doc_id), show_set_aside=show))
            with right:
                st.subheader("Passages and roles")
                st.caption("Title and body count as the article; boilerplate and related links are "
                           "set aside, with the cleaner's reason.")
                st.dataframe(
                    data.passages(source, doc_id), hide_index=True,
                    column_order=("role", "reason", "text"),
                    column_config={"role": st.column_config.TextColumn("role", width="small"),
                                   "text": st.column_config.TextColumn("text", width="large")},
                )
        if source.corpus.errors:
            st.subheader("Files that could not be read")
            st.dataframe(data.load_errors(source), hide_index=True)

with add:
    if add.open:
        st.subheader("Upload files, a folder or a zip")
        st.caption("Formats: " + ", ".join(f".{t}" for t in UPLOAD_TYPES)
                   + ". A manifest.csv next to the articles fills in outlet, title and date.")
        generation = st.session_state.get("corpus_upload_generation", 0)
        files = st.file_uploader("Files", type=UPLOAD_TYPES, accept_multiple_files=True,
                                 key=f"corpus_files_{generation}")
        folder = st.file_uploader("Or a folder", type=UPLOAD_TYPES, accept_multiple_files="directory",
                                  key=f"corpus_folder_{generation}")
        chosen = [*(files or []), *(folder or [])]
        if st.button("Add to my corpus", disabled=not chosen, type="primary", key="corpus_add"):
            bar = st.progress(0.0, "Reading files…")

            def _read(n: int, total: int, _name: str) -> None:
                bar.progress(n / total, f"Reading file {n} of {total}")

            new_docs, new_errors = upload.documents_from_uploads([(f.name, f.getvalue()) for f in chosen],
                                                                 progress=_read)
            session.set_own_documents((*session.own_documents(), *new_docs), (*session.own_errors(), *new_errors))
            st.session_state["corpus_upload_generation"] = generation + 1
            st.rerun()

        st.subheader("Paste an article")
        with st.form("corpus_paste", clear_on_submit=True):
            c1, c2, c3 = st.columns([2, 3, 1])
            outlet = c1.text_input("Outlet", key="corpus_paste_outlet")
            title = c2.text_input("Title", key="corpus_paste_title")
            published = c3.date_input("Date", value=None, key="corpus_paste_date")
            text = st.text_area("Text", height=200, key="corpus_paste_text")
            if st.form_submit_button("Add article", key="corpus_paste_add"):
                try:
                    doc = document_from_text(text, name=outlet.strip() or "pasted", source=outlet.strip(),
                                             title=title.strip(), published=published)
                except UnreadableFile as exc:
                    st.error(render.markdown_literal(f"Not added: {exc.reason}."), icon=":material/error:")
                else:
                    session.set_own_documents((*session.own_documents(), doc), session.own_errors())
                    st.rerun()

        st.subheader("Start over")
        c1, c2 = st.columns(2)
        if c1.button("Copy the shared corpus into mine", key="corpus_copy",
                     help="Then its metadata can be edited under Edit metadata."):
            shared = data.shared_source().corpus
            session.set_own_documents(shared.documents, shared.errors)
            st.rerun()
        if c2.button("Empty my corpus", disabled=not session.own_documents(), key="corpus_clear"):
            session.set_own_documents((), ())
            st.rerun()

with edit:
    if edit.open:
        own_docs = session.own_documents()
        if not source.private or not own_docs:
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
        min_score = st.slider("Minimum reuse score", 0, 100, int(data.DEFAULT_MIN_SCORE), step=5,
                              key="corpus_export_min", help="Reuse pairs scoring lower are left out of the "
                              "export (the Minimum score of the Reuse page).")
        toml = data.lexicon_toml()
        progress.analyse(source, toml)
        as_json, as_zip = data.export_files(source, toml, min_score=float(min_score))
        c1, c2 = st.columns(2)
        c1.download_button("Download JSON", as_json, file_name="parallax.json", mime="application/json",
                           icon=":material/download:", key="corpus_json")
        c2.download_button("Download CSV (zip)", as_zip, file_name="parallax-csv.zip",
                           mime="application/zip", icon=":material/download:", key="corpus_csv")
