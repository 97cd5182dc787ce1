"""Framing: how often each outlet uses the lexicon's terms, in whose voice, and every hit in context."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, progress, render, state
from dashboard.views.parts import framing_parts

st.title("Framing")
source = data.active_source()
toml = data.lexicon_toml()
st.caption("Word choices from the framing lexicon, counted in article text only (titles and body), "
           "per 1,000 article words so long and short articles compare fairly. A word is counted in each "
           "article's language: in Korean and Japanese a content word with its endings, each particle a word "
           "of its own; in Chinese a dictionary word (about one English word each). "
           + render.markdown_literal(framing_parts.lexicon_in_use(toml)))
progress.analyse(source, toml, ("framing",))
lexicon = data.lexicon_of(toml)
hits = data.framing_hits(source, toml)
outlets = data.outlets(source)


def _pick_from_chart() -> None:
    cells = st.session_state["framing_chart"]["selection"][charts.CELL]
    if cells:
        cell = cells[0]
        by = st.session_state.get("framing_by") or "frame"
        # A language's press (when outlets are pooled by language) is not an outlet to filter on.
        st.session_state["framing_outlet"] = cell.get("outlet", "") if cell.get("outlet") in outlets else ""
        st.session_state[f"framing_{by}"] = cell.get(by, "")
        st.session_state["framing_term" if by == "frame" else "framing_frame"] = ""  # back to "All ..."
        state.reset("framing_hit")


if not hits:
    st.info("No lexicon term occurs in this corpus. Start from another preset or add the words you are "
            "looking for under Edit the lexicon below; counts update at once.", icon=":material/search_off:")
else:
    c1, c2 = st.columns(2)
    by = c1.segmented_control("Group by", ("frame", "term"), default="frame", key="framing_by",
                              bind="query-params", required=True)
    pooled = len(data.languages(source)) > 1 and c2.segmented_control(
        "Compare", ("outlets", "languages"), default="outlets", key="framing_compare", bind="query-params",
        required=True, help="Languages pools the outlets of each language: Korean press, Japanese press, "
        "English press.") == "languages"
    rates = data.framing_rates(source, toml, by_language=pooled)
    # One above the other: side by side, a 1024 px window left the voice chart too narrow to read.
    shown = tuple(dict.fromkeys(rates["outlet"])) if pooled else outlets
    st.altair_chart(charts.framing_chart(rates[rates["count"] > 0] if by == "term" else rates, by=by, outlets=shown),
                    key="framing_chart", on_select=_pick_from_chart, selection_mode=charts.CELL)
    st.altair_chart(charts.voice_chart(rates))
    if len(outlets) < 2:
        st.caption("Only one outlet in this corpus: rates describe it but compare it with no one.")
    framing_parts.hits_in_context(source, toml, lexicon, outlets)

framing_parts.distinctive_terms(source)
framing_parts.lexicon_editor(lexicon, toml)
