"""Disagreements: per story and event, the dates, places and counts outlets state, one verdict each, with its evidence."""

from __future__ import annotations

import streamlit as st

from analysis.claims import STATUSES, Status
from analysis.claims import tables as claim_tables
from dashboard import charts, data, progress, render, state, tables, team

st.title("Disagreements")
st.caption("Dates, places, ordinals (\"second summit\") and numbers each outlet states about one event of one story, "
           "one verdict per event. Conflict: the values cannot both be true. Compatible: one lies inside the other. "
           "Different basis: counted from a different starting point. Most serious and most certain first.")
source = data.active_source()
progress.analyse(source, data.lexicon_toml(), ("claims",))
outlets = data.outlets(source)
items = data.disagreements(source)
by_id = {d.disagreement_id: d for d in items}


def _pick_row(table_key: str, ids: tuple[str, ...]) -> None:
    rows = st.session_state[table_key]["selection"]["rows"]
    if rows:
        st.session_state["claim"] = ids[rows[0]]


def _pick_interval() -> None:
    picked = st.session_state["disagreements_timeline"]["selection"].get(charts.CLAIM) or []
    if picked:
        st.session_state["claim"] = picked[0]["disagreement_id"]


if not items:
    st.info("No event is addressed by two or more outlets with a date, place or number, so there is "
            "nothing to compare." if len(outlets) > 1 else
            "Disagreements compare outlets, and this corpus has only one.", icon=":material/info:")
    st.stop()

labels = tuple(s.label for s in STATUSES)
shown = st.multiselect("Relations", labels, default=tuple(s.label for s in STATUSES if s is not Status.AGREE),
                       key="disagreements_status", bind="query-params")
matrix = data.claims_matrix(source)
matrix = matrix[matrix["relation"].isin(shown)]
columns = claim_tables.outlet_columns(outlets)
order = (*(("story",) if len(source.corpus.stories) > 1 else ()), "event", "kind", "relation", "explanation",
         "confidence", *columns)
config = {
    "explanation": st.column_config.TextColumn("why", width="large"),
    "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0, format="%.2f"),
    **{column: st.column_config.TextColumn(outlet) for column, outlet in columns.items()},
}
for key, part, note in (
    ("disagreements_table", matrix[~matrix["low_confidence"]], ""),
    ("disagreements_low", matrix[matrix["low_confidence"]], "Low confidence: a date resolved against an inferred "
     "reference date, a claim far from its event word, or one outlet's word against another's."),
):
    if part.empty:
        continue
    ids = tuple(part["disagreement_id"])
    box = st.expander(f"Low confidence ({len(part)})") if note else st.container()
    if note:
        box.caption(note)
    box.dataframe(tables.styled_claims_matrix(part.reset_index(drop=True), charts.status_colours()), hide_index=True,
                  key=key, on_select=lambda k=key, i=ids: _pick_row(k, i), selection_mode="single-row",
                  column_order=order, column_config=config)
st.caption("One row per event; each outlet's cell holds the value it states. Select a row to read the sentences."
           if not matrix.empty else "No event with the relations chosen above.")

intervals = data.claim_intervals(source)
if not intervals.empty:
    events = tuple(dict.fromkeys(intervals["subject"]))
    event = st.selectbox("Timeline of claimed dates for", events, key="disagreements_subject", bind="query-params")
    st.altair_chart(charts.claim_timeline(intervals[intervals["subject"] == event]),
                    key="disagreements_timeline", on_select=_pick_interval, selection_mode=charts.CLAIM)

claim_id = state.id_selectbox("Compare the sentences of", (None, *by_id), key="claim",
                              format_func=lambda i: "Select a row or a bar above" if i is None else
                              f"{by_id[i].event} ({by_id[i].kind}) · {by_id[i].status.label}")
if claim_id is not None:
    item = by_id[claim_id]
    st.html(render.heading_html(f"Why {item.status.label}", item.explanation))
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
            st.html(render.heading_html(f"{value.outlet}: {value.value}", claim_tables.side_caption(value, doc.title)))
            st.html(render.article_html(doc, source.corpus.passages_of(doc.doc_id), marks.get(doc.doc_id, ()),
                                        paragraphs=paragraphs.get(doc.doc_id, ())))
    team.notes_panel(source, "disagreement", team.disagreement_anchor(item),
                     f"{item.subject} ({item.kind}) · {item.status.replace('_', ' ')}")
