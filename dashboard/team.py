"""The shared workspace in the page: who is signed in, the link to this view, notes and verdicts.

Drawing helpers the frame and the pages share; the storage is ``dashboard.workspace`` and the
cached access to it is ``dashboard.data``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from analysis.claims.comparison import Disagreement
from analysis.text.records import Document, LoadError
from dashboard import data, identity, render, session, tables
from dashboard.workspace.records import VERDICTS, AddResult, Duplicate, NewArticle, NoteKind, Origin, User
from dashboard.workspace.store import MAX_NAME_CHARS, MAX_NOTE_CHARS, InvalidInput, StoreError

_NOTICE_ICONS = {"info": ":material/info:", "success": ":material/check_circle:", "warning": ":material/warning:",
                 "error": ":material/error:"}


def gate() -> User:
    """Return this session's user, or say why they cannot go on (sign in first; no user from the proxy) and stop."""
    user = identity.current_user()
    if user is not None:
        return user
    if identity.mode() == "proxy":
        st.error(f"This server expects its reverse proxy to name the user in the {identity.header_name()} "
                 "header, and this request has none (or two different ones). Open Parallax through the "
                 "team's address rather than the server's own port.", icon=":material/lock:")
    else:
        st.title("Parallax")
        st.info("Sign in to use Parallax: collections and notes belong to the people who make them.",
                icon=":material/lock:")
        st.button("Sign in", on_click=st.login, type="primary", key="team_login")
    st.stop()


def who(user: User) -> None:
    """Draw who is signed in, or say that this server has one anonymous team space."""
    how = identity.mode()
    if how == "anonymous":
        st.caption("No sign-in on this server: one anonymous team space. Every collection is shared with "
                   "everyone who opens Parallax, and notes are signed “anonymous”.")
        return
    st.caption(f"Signed in as {render.markdown_literal(user.name)}"
               + (" (named by the team's proxy)" if how == "proxy" else ""))
    if how == "login":
        st.button("Sign out", on_click=st.logout, key="team_logout", icon=":material/logout:")


def notices() -> None:
    """Show the messages queued by the last action (a lexicon saved over someone else's, a failed save)."""
    for kind, text in session.pop_notices():
        st.toast(render.markdown_literal(text), icon=_NOTICE_ICONS.get(kind),
                 duration="infinite" if kind in ("warning", "error") else "long")


def unknown_link_warning(options: Sequence[str]) -> None:
    """Say so when the link names a collection this user cannot see (call before the corpus selectbox)."""
    wanted = st.query_params.get(session.CORPUS_KEY, "")
    if wanted.startswith("c-") and wanted not in options:
        st.warning("The link names a collection that does not exist or is private to someone else, so the "
                   "shared corpus is shown.", icon=":material/visibility_off:")


def workspace_status() -> None:
    """Show, once per run, why the workspace cannot be used (a damaged or locked database)."""
    try:
        data.workspace().collections(user=data.current_user())
    except StoreError as exc:
        st.error(render.markdown_literal(exc.message), icon=":material/database:")


def lexicon_notice(source: data.Source) -> None:
    """In a collection, name the lexicon version shown and offer the current one when a link pinned an older one."""
    if not source.stored:
        return
    used = data.lexicon_in_use()
    shown = "the bundled lexicon" if used.version == 0 else (
        f"version {used.version}" if used.version is not None else "a lexicon from a link")
    if used.current is not None and used.version != used.current:
        st.info(f"Lexicon: {shown}. The collection's current lexicon is version {used.current} "
                f"(saved by {render.markdown_literal(used.current_by)}).", icon=":material/history:")
        if st.button(f"Use version {used.current}", key="team_lexicon_current"):
            session.set_lexicon_choice(source.collection, "")
            st.query_params.pop(data.LEXICON_PARAM, None)
            session.set_lexicon_link_owner("")
            st.rerun()
    else:
        st.caption(f"Lexicon: {shown}" + (" (the collection's current one)" if used.current else ""))


def view_link(page_path: str) -> str:
    """Return the link to this page as shown: the page, the corpus, the lexicon and every choice bound to the URL."""
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    base = (st.context.url or "").split("?", 1)[0].split("#", 1)[0]
    if not base:
        base = f"/{page_path}"
    return f"{base}?{query}" if query else base


def share(slot: Any, page_path: str, source: data.Source, *, final: bool) -> None:
    """Draw into ``slot`` the link to this view with a copy button and, when ``final``, a form to save it."""
    link = view_link(page_path)
    with slot.container(), st.popover("Link to this view", icon=":material/link:", width="stretch"):
        st.caption("Whoever opens it sees this page with the same corpus, lexicon and choices "
                   "(a private collection only its owner). Copy it with the button at its right.")
        st.code(link, language=None, wrap_lines=True)
        if not final:
            return
        if not source.stored:
            st.caption("Views are saved in collections (Collections page)." if source.collection else
                       "Your own session corpus is not in the link: save it as a collection to share it.")
            return
        with st.form("team_save_view", clear_on_submit=True, border=False):
            name = st.text_input("Save it in the collection as", max_chars=MAX_NAME_CHARS, key="team_view_name")
            if st.form_submit_button("Save view", icon=":material/bookmark_add:", key="team_view_save"):
                query = link.split("?", 1)[1] if "?" in link else ""
                try:
                    data.workspace().save_view(source.collection, name, page_path or "overview", query,
                                               user=data.current_user())
                except InvalidInput as exc:
                    st.error(render.markdown_literal(exc.message))
                except StoreError as exc:
                    st.error(render.markdown_literal(exc.message))
                else:
                    st.success("Saved: the collection's views are listed on the Collections page.")


def disagreement_anchor(item: Disagreement) -> str:
    """Return the note anchor of a disagreement row: its kind, subject and values (stable while they are)."""
    values = sorted(f"{v.doc_id}={v.value}" for v in item.values)
    return hashlib.sha256("\x00".join([item.kind, item.subject, *values]).encode("utf-8")).hexdigest()[:16]


def notes_panel(source: data.Source, kind: NoteKind, target: str, label: str) -> None:
    """Draw the verdicts and notes on one thing shown (a pair, a quote, a disagreement, an article) and a form."""
    if not source.collection:
        st.caption("Verdicts and notes are kept for collections: save your articles as a collection on the "
                   "Collections page to add them.")
        return
    user = data.current_user()
    try:
        store = data.workspace()
        notes = store.notes(source.collection, user=user, kind=kind, target=target)
    except StoreError as exc:
        st.error(render.markdown_literal(exc.message), icon=":material/database:")
        return
    with st.expander(f"Verdict and notes ({len(notes)})", icon=":material/rate_review:", expanded=bool(notes)):
        listing = st.container()
        with st.form(f"note_{kind}", clear_on_submit=True, border=False):
            verdict = st.radio("Verdict", VERDICTS, horizontal=True, key=f"note_{kind}_verdict")
            text = st.text_area("Note", key=f"note_{kind}_text", max_chars=MAX_NOTE_CHARS, height=80,
                                placeholder="What you checked, and how (shown as plain text)")
            if st.form_submit_button("Add the verdict", icon=":material/add_comment:", key=f"note_{kind}_add"):
                try:
                    store.add_note(source.collection, kind, target, label=label, verdict=verdict, text=text or "",
                                   user=user)
                except (InvalidInput, StoreError) as exc:
                    st.error(render.markdown_literal(exc.message))
                else:
                    st.rerun()  # the expander's count and the list above are drawn before the form
        with listing:
            if notes:
                st.html(render.notes_html(notes))
            else:
                st.caption("No verdict yet. Everyone who can see this collection sees the ones added here.")


def note_rows(source: data.Source) -> tuple[tuple[str, ...], ...]:
    """Return the collection's notes as export rows (NOTE_COLUMNS order); () without a collection or workspace."""
    if not source.collection:
        return ()
    try:
        notes = data.workspace().notes(source.collection, user=data.current_user())
    except (StoreError, InvalidInput):
        return ()
    return tuple((str(n.note_id), n.kind, n.target, n.label, n.verdict, n.text, n.author_name, n.created_at)
                 for n in notes)


def metadata_editor(source: data.Source) -> None:
    """Draw the editable metadata of a collection's articles and save changes for everyone."""
    st.caption("Edit outlet, title, date, URL and language; ids and texts stay as added. Changes are saved in "
               "the collection, for everyone who can see it.")
    documents = source.corpus.documents
    edited = st.data_editor(
        tables.documents_frame(documents), hide_index=True, key="team_meta", disabled=("doc_id",), num_rows="fixed",
        column_config={"source": st.column_config.TextColumn("outlet"),
                       "published": st.column_config.DateColumn("published", format="YYYY-MM-DD"),
                       "url": st.column_config.TextColumn("url")},
    )
    if st.button("Save the changes", type="primary", key="team_meta_save"):
        try:
            data.workspace().update_metadata(source.collection, tables.with_metadata(documents, edited),
                                             user=data.current_user())
        except (InvalidInput, StoreError) as exc:
            st.error(render.markdown_literal(exc.message))
        else:
            st.rerun()


def add_to_collection(collection_id: str, documents: Sequence[Document], errors: Sequence[LoadError],
                      *, kind: Origin) -> AddResult | None:
    """Store documents in the source's collection with a progress bar; report duplicates and errors; None on failure."""
    store = data.workspace()
    user = data.current_user()
    added: list[str] = []
    duplicates: list[Duplicate] = []
    bar = st.progress(0.0, "Saving articles…") if len(documents) > 50 else None
    try:
        # Batches of 50: each a short write, so other sessions adding at the same time wait milliseconds.
        for start in range(0, len(documents), 50):
            batch = [NewArticle(d, origin=d.path.removeprefix("<pasted>/") if kind != "paste" else "pasted", kind=kind)
                     for d in documents[start:start + 50]]
            result = store.add_articles(collection_id, batch, user=user)
            added.extend(result.added)
            duplicates.extend(result.duplicates)
            if bar is not None:
                done = min(start + 50, len(documents))
                bar.progress(done / len(documents), f"Saved {done:,} of {len(documents):,} articles")
    except (InvalidInput, StoreError) as exc:
        st.error(render.markdown_literal(f"Not saved: {exc.message}"), icon=":material/error:")
        return None
    report = [{"file or URL": dup.origin, "outcome": "duplicate",
               "detail": f"already in the collection ({dup.reason} as “{dup.title}”)"} for dup in duplicates]
    report += [{"file or URL": e.path, "outcome": "failed", "detail": e.error} for e in errors]
    summary = f"Added {len(added):,} article{'s' if len(added) != 1 else ''}"
    if duplicates:
        summary += f"; {len(duplicates):,} already in the collection"
    if errors:
        summary += f"; {len(errors):,} could not be read"
    session.keep_import_report([{"file or URL": "", "outcome": "summary", "detail": summary}, *report])
    return AddResult(tuple(added), tuple(duplicates))
