"""Notes: every verdict and note the team left on this collection's pairs, quotes, disagreements and articles."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, render, team
from dashboard.workspace.records import NOTE_KINDS, VERDICTS, Note
from dashboard.workspace.store import StoreError

KIND_LABELS = {"article": "article", "pair": "reuse pair", "quote": "quote in context", "disagreement": "disagreement"}

st.title("Notes")
st.caption("Verdicts (confirmed, false alarm, needs checking, source verified) and notes left on the Reuse, "
           "Framing, Disagreements and Corpus pages. Everyone who can see the collection sees them, and the "
           "export includes them.")
source = data.active_source()
if not source.collection:
    st.info("Your session corpus keeps no notes: save it as a collection on the Collections page, or choose a "
            "collection in the sidebar.", icon=":material/info:")
    st.stop()
user = data.current_user()
try:
    notes = data.workspace().notes(source.collection, user=user)
except StoreError as exc:
    st.error(render.markdown_literal(exc.message), icon=":material/database:")
    st.stop()
if not notes:
    st.info("No note yet. Open a reuse pair, a framing hit, a disagreement or an article and add a verdict under "
            "it.", icon=":material/rate_review:")
    st.stop()

c1, c2 = st.columns(2)
verdicts = c1.multiselect("Verdicts", VERDICTS, default=VERDICTS, key="notes_verdicts", bind="query-params")
kinds = c2.multiselect("On", NOTE_KINDS, default=NOTE_KINDS, key="notes_kinds", bind="query-params",
                       format_func=lambda k: KIND_LABELS[k])
shown = [n for n in reversed(notes) if n.verdict in verdicts and n.kind in kinds]
st.caption(f"{len(shown):,} of {len(notes):,} notes, newest first.")
table = pd.DataFrame([{"when (UTC)": n.created_at.replace("T", " ")[:16], "by": n.author_name, "verdict": n.verdict,
                       "on": KIND_LABELS[n.kind], "about": n.label, "note": n.text} for n in shown],
                     columns=["when (UTC)", "by", "verdict", "on", "about", "note"])
event = st.dataframe(table, hide_index=True, key="notes_table", on_select="rerun", selection_mode="single-row",
                     column_config={"about": st.column_config.TextColumn("about", width="medium"),
                                    "note": st.column_config.TextColumn("note", width="large")})
rows = event["selection"]["rows"]
if not rows:
    st.caption("Select a row to read the note whole and open what it is about.")
    st.stop()
note: Note = shown[rows[0]]
st.html(render.notes_html([note], with_label=True))
if note.kind == "pair":
    ends = [p.rsplit(":", 1)[0] for p in note.target.split("|")]
    st.page_link("views/reuse.py", label="Open the pair", icon=":material/content_copy:",
                 query_params={"reuse_match": note.target, "reuse_min": "0",
                               **({"reuse_same": "true"} if len(set(ends)) == 1 else {})})
elif note.kind == "quote":
    st.page_link("views/framing.py", label="Open the hit in context", icon=":material/format_quote:",
                 query_params={"framing_hit": note.target})
elif note.kind == "article":
    st.page_link("views/corpus.py", label="Open the article", icon=":material/article:",
                 query_params={"corpus_tab": "Articles", "corpus_doc": note.target})
else:
    rows_now = {team.disagreement_anchor(d): d.disagreement_id for d in data.disagreements(source)}
    if note.target in rows_now:
        st.page_link("views/disagreements.py", label="Open the disagreement", icon=":material/compare_arrows:",
                     query_params={"claim": rows_now[note.target]})
    else:
        st.caption("The articles changed since this note was written, and no disagreement row now has exactly "
                   "these values.")
if note.author == user.id and st.button("Delete this note", key="notes_delete", icon=":material/delete:"):
    try:
        data.workspace().delete_note(note.note_id, user=user)
    except StoreError as exc:
        st.error(render.markdown_literal(exc.message), icon=":material/database:")
    else:
        st.rerun()
