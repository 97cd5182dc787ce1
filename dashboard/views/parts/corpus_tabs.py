"""The Corpus page's parts: one article, its passages and notes, uploads, pasting, and starting over."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from analysis.ingest import SUPPORTED_SUFFIXES, UnreadableFile, document_from_text, record_fields
from analysis.text import Document, LoadError
from dashboard import data, render, session, state, tables, team
from dashboard.workspace.records import Origin

# Article formats only: a manifest.csv travels with them (.csv is an article format too).
UPLOAD_TYPES = sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES)
NOTICE = "corpus_added"  # what the last upload or paste added, shown once after its rerun


def article(source: data.Source, labels: dict[str, str]) -> None:
    """Draw one article, with what the cleaner set aside, next to its passages and roles; then its notes."""
    doc_id = state.id_selectbox("Article", tuple(labels), key="corpus_doc", format_func=lambda d: labels.get(d, d))
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
        st.dataframe(data.passages(source, doc_id), hide_index=True, column_order=("role", "reason", "text"),
                     column_config={"role": st.column_config.TextColumn("role", width="small"),
                                    "text": st.column_config.TextColumn("text", width="large")})
    team.notes_panel(source, "article", doc_id, labels.get(doc_id, doc_id))


def added_notice() -> None:
    """Show, once, what the last upload or paste added, and each file it could not read and why."""
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.success(render.markdown_literal(notice), icon=":material/check_circle:")
    for problem in session.pop_upload_problems():
        st.warning(render.markdown_literal(f"{problem.path}: {problem.error}"), icon=":material/warning:")


def _add(source: data.Source, new_docs: Sequence[Document], new_errors: Sequence[LoadError], *, kind: Origin,
         files: int | None = None) -> bool:
    """Add documents to the collection shown, or to this session's corpus; say what was added on the next run.

    Return False when the collection could not store them (the reason is shown).
    """
    if source.stored:
        added = team.add_to_collection(source.collection, new_docs, new_errors, kind=kind)
        if added is None:
            return False
        notice = f"Added {tables.counted(len(added.added), 'article')} to the collection"
        notice += f" from {tables.counted(files, 'file')}." if files is not None else "."
        if added.duplicates:
            notice += f" {len(added.duplicates):,} already in it {'was' if len(added.duplicates) == 1 else 'were'} left out."
    else:
        session.set_own_documents((*session.own_documents(), *new_docs), (*session.own_errors(), *new_errors))
        notice = f"Added {tables.counted(len(new_docs), 'article')} to your corpus"
        notice += f" from {tables.counted(files, 'file')}." if files is not None else "."
    if new_errors:
        notice += f" {tables.counted(len(new_errors), 'file or record')} could not be read" + (
            "." if source.stored else ": see Files that could not be read under Articles.")
    st.session_state[NOTICE] = notice
    return True


def uploads(source: data.Source) -> None:
    """Draw the uploaders; reading (in a worker process) shows its progress in files and articles."""
    st.subheader("Upload files, a folder or a zip")
    st.caption("Formats: " + ", ".join(f".{t}" for t in UPLOAD_TYPES)
               + ". A manifest.csv next to the articles fills in outlet, title and date.")
    with st.expander("Fields read from JSON, JSONL and CSV", icon=":material/data_object:"):
        st.caption("A JSON file holds one article object, a list of them, or an object with the list under "
                   "articles, documents, items, data or records; JSONL holds one object per line; CSV has a "
                   "header row. Each field is read from the first of these names present (any case):")
        st.dataframe(pd.DataFrame([(f, ", ".join(names)) for f, names in record_fields().items()],
                                  columns=["field", "read from"]), hide_index=True, key="corpus_fields",
                     column_config={"read from": st.column_config.TextColumn("read from", width="large")})
    generation = st.session_state.get("corpus_upload_generation", 0)
    files = st.file_uploader("Files", type=UPLOAD_TYPES, accept_multiple_files=True, key=f"corpus_files_{generation}")
    folder = st.file_uploader("Or a folder", type=UPLOAD_TYPES, accept_multiple_files="directory",
                              key=f"corpus_folder_{generation}")
    chosen = [*(files or []), *(folder or [])]
    if st.button("Add to the collection" if source.stored else "Add to my corpus", disabled=not chosen,
                 type="primary", key="corpus_add"):
        bar = st.progress(0.0, "Reading files…")

        def _read(n: int, total: int, articles: int) -> None:
            bar.progress(n / total, f"Read {n:,} of {tables.counted(total, 'file')}: "
                                    f"{tables.counted(articles, 'article')} so far")

        new_docs, new_errors = data.uploaded_documents([(f.name, f.getvalue()) for f in chosen], progress=_read)
        session.set_upload_problems(new_errors)
        if _add(source, new_docs, new_errors, kind="upload", files=len(chosen)):
            st.session_state["corpus_upload_generation"] = generation + 1
            st.rerun()


def paste(source: data.Source) -> None:
    """Draw the form that adds one pasted article (to the collection shown, or to this session's corpus)."""
    st.subheader("Paste an article")
    doc = pasted_document("corpus", button="Add article")
    if doc is not None and _add(source, (doc,), (), kind="paste"):
        st.rerun()


def pasted_document(prefix: str, *, button: str, primary: bool = False) -> Document | None:
    """Draw the one-article paste form (widget keys start with ``prefix``); return the article once submitted.

    None until the form is submitted, or when the text cannot be read (said under the form).
    """
    with st.form(f"{prefix}_paste", clear_on_submit=True):
        c1, c2, c3 = st.columns([2, 3, 1])
        outlet = c1.text_input("Outlet", key=f"{prefix}_paste_outlet")
        title = c2.text_input("Title", key=f"{prefix}_paste_title")
        published = c3.date_input("Date", value=None, key=f"{prefix}_paste_date")
        text = st.text_area("Text", height=200, key=f"{prefix}_paste_text")
        if not st.form_submit_button(button, type="primary" if primary else "secondary", key=f"{prefix}_paste_add"):
            return None
        try:
            return document_from_text(text, name=outlet.strip() or "pasted", source=outlet.strip(),
                                      title=title.strip(), published=published)
        except UnreadableFile as exc:
            st.error(render.markdown_literal(f"Not added: {exc.reason}."), icon=":material/error:")
            return None


def start_over() -> None:
    """Draw "copy the shared corpus" and "empty my corpus", each asking before it replaces work."""
    st.subheader("Start over")
    mine = len(session.own_documents())
    c1, c2 = st.columns(2)
    with c1.popover("Copy the shared corpus into mine", icon=":material/content_copy:"):
        st.write(f"This replaces your {tables.counted(mine, 'article')} with a copy of the shared corpus."
                 if mine else "Your corpus becomes a copy of the shared corpus.")
        st.caption("Then its metadata can be edited under Edit metadata.")
        if st.button("Copy it into my corpus", key="corpus_copy", type="primary"):
            shared = data.shared_source().corpus
            session.set_own_documents(shared.documents, shared.errors)
            st.rerun()
    with c2.popover("Empty my corpus", icon=":material/delete:", disabled=not mine):
        st.write(f"This removes your {tables.counted(mine, 'article')} from this session; they cannot be brought back.")
        if st.button("Yes, empty my corpus", key="corpus_clear", type="primary"):
            session.set_own_documents((), ())
            st.rerun()
