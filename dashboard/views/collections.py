"""Collections: named sets of articles the team keeps, with their lexicon, saved views and provenance."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.ingest.fetch import policy_from_env
from dashboard import data, identity, render, session, tables, team
from dashboard.views.parts import corpus_tabs
from dashboard.views.parts.corpus_tabs import UPLOAD_TYPES
from dashboard.workspace.imports import import_urls
from dashboard.workspace.records import Collection, Visibility
from dashboard.workspace.store import MAX_NAME_CHARS, InvalidInput, NotAllowed, StoreError

CHOICES: tuple[Visibility, ...] = ("team", "private")  # sharing first: the workspace is the team's; "Only me" is chosen on purpose
OUTCOME_ICONS = {"added": "✅ added", "duplicate": "↩️ duplicate", "failed": "❌ failed", "expanded": "📰 feed",
                 "summary": "Σ summary"}

st.title("Collections")
st.caption("A collection is a named set of articles (a story, a desk's beat) with its own lexicon, saved views "
           "and notes. It is kept on the server: it is still there after a reload, in a new session and after a "
           "restart, and its link opens it for a colleague.")
user = data.current_user()
try:
    store = data.workspace()
    collections = store.collections(user=user)
except StoreError as exc:
    st.error(render.markdown_literal(exc.message), icon=":material/database:")
    st.stop()
source = data.active_source()
anonymous = identity.mode() == "anonymous"


def _new_collection() -> None:
    with st.form("collections_new", clear_on_submit=True):
        c1, c2 = st.columns([3, 1])
        name = c1.text_input("Name", max_chars=MAX_NAME_CHARS * 2, key="collections_new_name",
                             placeholder="Nara summit, January 2026")
        shown: tuple[Visibility, ...] = ("team",) if anonymous else CHOICES
        visibility = c2.radio("Who sees it", shown, key="collections_new_visibility",
                              format_func=lambda v: "Only me" if v == "private" else "The team",
                              help=None if not anonymous else "Without sign-in every collection is the team's.")
        copy = st.checkbox(f"Start with the {len(source.corpus.documents):,} articles shown now", value=False,
                           key="collections_new_copy", disabled=not source.corpus.documents)
        if st.form_submit_button("Create the collection", type="primary", icon=":material/add:",
                                 key="collections_new_create"):
            try:
                made = store.create_collection(name, user=user, visibility=visibility)
            except InvalidInput as exc:
                st.error(render.markdown_literal(exc.message))
                return
            except StoreError as exc:
                st.error(render.markdown_literal(exc.message))
                return
            if copy:
                team.add_to_collection(made.collection_id, source.corpus.documents, (), kind="copy")
            session.choose_corpus(made.collection_id)
            st.rerun()


def _add_articles(found: Collection) -> None:
    files_tab, paste_tab, web_tab = st.tabs(["Files", "Paste", "From the web"], key="collections_add",
                                            bind="query-params")
    with files_tab:
        if files_tab.open:
            st.caption("Formats: " + ", ".join(f".{t}" for t in UPLOAD_TYPES) + ". A manifest.csv next to the "
                       "articles fills in outlet, title and date. An article already in the collection (same text "
                       "or same URL) is recognised and not added twice.")
            generation = st.session_state.get("collections_upload_generation", 0)
            files = st.file_uploader("Files or a zip", type=UPLOAD_TYPES, accept_multiple_files=True,
                                     key=f"collections_files_{generation}")
            if st.button("Add to the collection", disabled=not files, type="primary", key="collections_upload"):
                bar = st.progress(0.0, "Reading files…")

                def _read(n: int, total: int, articles: int) -> None:
                    bar.progress(n / total, f"Read {n:,} of {tables.counted(total, 'file')}: "
                                            f"{tables.counted(articles, 'article')} so far")

                # In a worker process, each file within its budget, as on the Corpus page: a large or
                # hostile upload must not stall the other sessions of this server.
                docs, errors = data.uploaded_documents([(f.name, f.getvalue()) for f in files or []], progress=_read)
                if team.add_to_collection(source.collection, docs, errors, kind="upload") is not None:
                    st.session_state["collections_upload_generation"] = generation + 1
                    st.rerun()
    with paste_tab:
        if paste_tab.open:
            doc = corpus_tabs.pasted_document("collections", button="Add the article", primary=True)
            if doc is not None and team.add_to_collection(source.collection, (doc,), (), kind="paste") is not None:
                st.rerun()
    with web_tab:
        if web_tab.open:
            _from_the_web(found)
    report = session.import_report()
    if report:
        st.subheader("Last addition")
        st.dataframe(pd.DataFrame(report).assign(outcome=lambda f: f["outcome"].map(OUTCOME_ICONS)),
                     hide_index=True, column_config={"detail": st.column_config.TextColumn("detail", width="large")})


def _from_the_web(found: Collection) -> None:
    try:
        policy = policy_from_env()
    except ValueError as exc:
        st.error(render.markdown_literal(f"The server's fetch allow-list is misconfigured: {exc}"))
        return
    st.caption(f"One URL per line, or the URL of an RSS/Atom feed or a sitemap (at most {policy.max_feed_items} "
               f"of its links per import). Pages over {policy.max_bytes // 1024 // 1024} MB or slower than "
               f"{policy.total_timeout:g} s are skipped; PDFs and addresses inside the network are refused.")
    with st.form("collections_web", clear_on_submit=False):
        text = st.text_area("URLs", height=140, key="collections_urls",
                            placeholder="https://www.example.org/news/summit-nara\nhttps://www.example.org/rss.xml")
        go = st.form_submit_button("Fetch and add", type="primary", icon=":material/travel_explore:",
                                   key="collections_web_go")
    if not go or not text.strip():
        return
    rows: list[dict[str, str]] = []
    counts = {"added": 0, "duplicate": 0, "failed": 0}
    with st.status("Fetching…", expanded=True) as status:
        table = st.empty()
        for event in import_urls(store, found.collection_id, text, user=user, policy=policy):
            rows.append({"file or URL": event.url, "outcome": event.outcome, "detail": event.detail})
            if event.outcome in counts:
                counts[event.outcome] += 1
            status.update(label=f"{counts['added']} added, {counts['duplicate']} duplicates, {counts['failed']} "
                                f"failed · {len(rows)} URLs done")
            table.dataframe(pd.DataFrame(rows).assign(outcome=lambda f: f["outcome"].map(OUTCOME_ICONS)),
                            hide_index=True)
        status.update(label=f"Done: {counts['added']} added, {counts['duplicate']} already in the collection, "
                            f"{counts['failed']} failed", state="complete" if not counts["failed"] else "error")
    summary = f"{counts['added']} added, {counts['duplicate']} already there, {counts['failed']} failed"
    session.keep_import_report([{"file or URL": "", "outcome": "summary", "detail": summary}, *rows])


def _articles(found: Collection) -> None:
    info = store.provenance(found.collection_id, user=user)
    if not info:
        st.info("No article yet: add some under **Add articles**.", icon=":material/info:")
        return
    frame = pd.DataFrame([{"doc_id": a.doc_id, "title": a.title, "outlet": a.source, "origin": a.origin,
                           "how": a.kind, "added by": a.added_by, "added (UTC)": a.added_at.replace("T", " ")[:16],
                           "page kept": a.raw_sha256[:12]} for a in info])
    st.dataframe(frame, hide_index=True, column_config={
        "title": st.column_config.TextColumn("title", width="large"),
        "page kept": st.column_config.TextColumn("raw page", help="SHA-256 of the web page as fetched, kept so "
                                                 "that the text can be extracted again later")})
    labels = {a.doc_id: f"{a.source or a.doc_id} · {a.title or a.doc_id}" for a in info}
    gone = st.multiselect("Remove articles", tuple(labels), format_func=lambda d: labels[d], key="collections_remove")
    if gone and st.button(f"Remove {len(gone)} article{'s' if len(gone) != 1 else ''}", key="collections_remove_go"):
        store.remove_articles(found.collection_id, gone, user=user)
        st.rerun()


def _views_and_lexicon(found: Collection) -> None:
    st.subheader("Saved views")
    views = store.views(found.collection_id, user=user)
    if not views:
        st.caption("None yet: use **Link to this view** in the sidebar on any page to save one.")
    for view in views:
        c1, c2 = st.columns([5, 1])
        c1.page_link(f"views/{view.page}.py", label=render.markdown_literal(view.name), icon=":material/bookmark:",
                     query_params=[tuple(p.split("=", 1)) if "=" in p else (p, "")  # type: ignore[misc]
                                   for p in view.query.split("&") if p])
        c2.caption(f"{render.markdown_literal(view.saved_by)}, {view.saved_at[:10]}")
    st.subheader("Lexicon history")
    versions = store.lexicon_versions(found.collection_id, user=user)
    if not versions:
        st.caption("The collection counts with the bundled lexicon. Edits on the Framing page are saved here as "
                   "numbered versions; a link names the version it shows.")
    else:
        st.dataframe(pd.DataFrame([{"version": v.version, "saved by": v.saved_by,
                                    "saved (UTC)": v.saved_at.replace("T", " ")[:16], "id": v.lexicon_hash}
                                   for v in versions]), hide_index=True)


def _settings(found: Collection) -> None:
    if not found.managed_by(user):
        st.caption(f"Only its owner, {render.markdown_literal(found.owner_name)}, can rename, share or delete it.")
    else:
        with st.form("collections_settings"):
            name = st.text_input("Name", value=found.name, max_chars=MAX_NAME_CHARS * 2, key="collections_rename")
            visibility = st.radio("Who sees it", CHOICES[:1] if anonymous else CHOICES,
                                  index=0 if anonymous else CHOICES.index(found.visibility),
                                  format_func=lambda v: "Only me" if v == "private" else "The team",
                                  key="collections_visibility", horizontal=True)
            if st.form_submit_button("Save", key="collections_settings_save"):
                try:
                    if name != found.name:
                        store.rename_collection(found.collection_id, name, user=user)
                        session.choose_corpus(found.collection_id)  # its label in the sidebar changes
                    if visibility != found.visibility:
                        store.set_visibility(found.collection_id, visibility, user=user)
                        session.choose_corpus(found.collection_id)
                except (InvalidInput, StoreError) as exc:
                    st.error(render.markdown_literal(exc.message))
                else:
                    st.rerun()
    entries, size = data.results_cache().stats()
    st.caption(f"Analysis results are kept on disk ({entries} results, {size / 1024 / 1024:.1f} MB for all "
               "collections), so the collection opens fast after a restart.")
    if st.button("Clear this collection's cached results", key="collections_clear_cache", icon=":material/delete_sweep:"):
        gone = data.results_cache().clear(found.content_key)
        st.success(f"Dropped {gone} results kept on disk for this collection's articles.")
    if found.managed_by(user):
        with st.expander("Delete the collection", icon=":material/delete:"):
            sure = st.checkbox(f"Delete it with its {found.articles:,} articles, views and notes, for everyone",
                               key="collections_delete_sure")
            if st.button("Delete", disabled=not sure, type="primary", key="collections_delete"):
                store.delete_collection(found.collection_id, user=user)
                session.choose_corpus("shared")
                st.rerun()


with st.expander("New collection", icon=":material/add:", expanded=not collections):
    _new_collection()

if not source.stored:
    st.info("The corpus shown is read-only (or kept in this session only). Choose a collection in the sidebar, "
            "or create one above, to add articles, save views and keep its lexicon.", icon=":material/lock:")
    if collections:
        st.dataframe(pd.DataFrame([{"name": c.name, "articles": c.articles, "who sees it": c.visibility,
                                    "owner": c.owner_name, "updated (UTC)": c.updated_at.replace("T", " ")[:16]}
                                   for c in collections]), hide_index=True)
    st.stop()

try:
    found = store.collection(source.collection, user=user)
except (NotAllowed, StoreError) as exc:
    st.error(render.markdown_literal(exc.message))
    st.stop()
st.html(render.heading_html(found.name, f"{found.articles:,} articles · "
                            + ("only its owner sees it" if found.visibility == "private" else "the team sees it")
                            + f" · created by {found.owner_name} · updated {found.updated_at[:16].replace('T', ' ')} UTC"))
add_tab, articles_tab, views_tab, settings_tab = st.tabs(
    ["Add articles", "Articles", "Views and lexicon", "Settings"], key="collections_tab", bind="query-params")
try:
    with add_tab:
        if add_tab.open:
            _add_articles(found)
    with articles_tab:
        if articles_tab.open:
            _articles(found)
    with views_tab:
        if views_tab.open:
            _views_and_lexicon(found)
    with settings_tab:
        if settings_tab.open:
            _settings(found)
except (StoreError, NotAllowed) as exc:
    st.error(render.markdown_literal(exc.message), icon=":material/database:")
