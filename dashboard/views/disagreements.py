"""Disagreements: the dates and numbers outlets state, where they agree and where they conflict."""

from __future__ import annotations

import streamlit as st

from analysis.claims import tables as claim_tables
from dashboard import charts, data, progress, render, state, tables, team

st.title("Disagreements")
st.caption("Dates, ordinals (\"second summit\") and numbers each outlet states about the same "
           "subject. Conflict: the values cannot both be true. Compatible: one is a coarser or "
           "overlapping version of the other. Different basis: counted from a different starting point.")
source = data.active_source()
progress.analyse(source, data.lexicon_toml(), ("claims",))
outlets = data.outlets(source)
items = data.disagreements(source)
by_id = {d.disagreement_id: d for d in items}


def _pick_row(ids: tuple[str, ...]) -> None:
    rows = st.session_state["disagreements_table"]["selection"]["rows"]
    if rows:
        st.session_state["claim"] = ids[rows[0]]


def _pick_interval() -> None:
    picked = st.session_state["disagreements_timeline"]["selection"].get(charts.CLAIM) or []
    if picked:
        st.session_state["claim"] = picked[0]["disagreement_id"]


if not items:
    st.info("No subject is addressed by two or more outlets with a date or number, so there is "
            "nothing to compare." if len(outlets) > 1 else
            "Disagreements compare outlets, and this corpus has only one.", icon=":material/info:")
    st.stop()

statuses = ("conflict", "different basis", "compatible", "agree")
shown = st.multiselect("Relations", statuses, default=("conflict", "different basis", "compatible"),
                       key="disagreements_status", bind="query-params")
matrix = data.claims_matrix(source)
matrix = matrix[matrix["relation"].isin(shown)].reset_index(drop=True)
ids = tuple(matrix["disagreement_id"])
columns = claim_tables.outlet_columns(outlets)
st.dataframe(
    tables.styled_claims_matrix(matrix, charts.status_colours()),
    hide_index=True, key="disagreements_table", on_select=lambda: _pick_row(ids), selection_mode="single-row",
    column_order=("kind", "subject", "relation", *columns),
    column_config={column: st.column_config.TextColumn(outlet) for column, outlet in columns.items()},
)
st.caption("One row per comparison; each outlet's cell holds the value it states. Select a row to "
           "read the sentences.")

intervals = data.claim_intervals(source)
if intervals.empty:
    st.caption("No date claims to draw on a timeline.")
else:
    subjects = tuple(dict.fromkeys(intervals["subject"]))
    subject = st.selectbox("Timeline of claimed dates for", subjects, key="disagreements_subject",
                           bind="query-params")
    st.altair_chart(charts.claim_timeline(intervals[intervals["subject"] == subject]),
                    key="disagreements_timeline", on_select=_pick_interval, selection_mode=charts.CLAIM)

claim_id = state.id_selectbox("Compare the sentences of", (None, *by_id), key="claim",
                        format_func=lambda i: "Select a row or a bar above" if i is None else
                        f"{by_id[i].subject} ({by_id[i].kind}) · {by_id[i].status.replace('_', ' ')}")
if claim_id is not None:
    item = by_id[claim_id]
    marks, paragraphs = data.disagreement_marks(source, claim_id)
    st.html(render.legend_html(("claim",)))
    sides = claim_tables.sides_to_show(item.values, limit=8)
    if len(sides) < len(item.values):
        st.caption(f"Showing {len(sides)} of {len(item.values)} articles, one per claimed value first; "
                   "the table above lists every outlet.")
    side_columns = st.columns(min(len(sides), 4), gap="medium")
    for n, value in enumerate(sides):
        doc = source.corpus.document(value.doc_id)
        with side_columns[n % len(side_columns)]:
            st.html(render.heading_html(f"{value.outlet}: {value.value}", doc.title or doc.doc_id))
            st.html(render.article_html(doc, source.corpus.passages_of(doc.doc_id), marks.get(doc.doc_id, ()),
                                        paragraphs=paragraphs.get(doc.doc_id, ())))
    team.notes_panel(source, "disagreement", team.disagreement_anchor(item),
                     f"{item.subject} ({item.kind}) · {item.status.replace('_', ' ')}")
