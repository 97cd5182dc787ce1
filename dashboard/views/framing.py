"""Framing: how often each outlet uses the lexicon's terms, in whose voice, and every hit in context."""

from __future__ import annotations

from functools import partial

import streamlit as st

from analysis.framing.lexicon import LexiconError, parse_lexicon
from dashboard import charts, data, progress, render, state, tables

st.title("Framing")
st.caption("Word choices from the framing lexicon, counted in article text only (titles and body), "
           "per 1,000 article words so long and short articles compare fairly. A word is counted in "
           "each article's language: in Korean and Japanese a content word with its endings, each "
           "particle a word of its own; in Chinese a dictionary word (about one English word each).")
source = data.active_source()
toml = data.lexicon_toml()
progress.analyse(source, toml, ("framing",))
lexicon = data.lexicon_of(toml)
hits = data.framing_hits(source, toml)
outlets = data.outlets(source)


def _pick_from_chart() -> None:
    cells = st.session_state["framing_chart"]["selection"][charts.CELL]
    if cells:
        cell = cells[0]
        # A language's press (when outlets are pooled by language) is not an outlet to filter on.
        st.session_state["framing_outlet"] = cell.get("outlet") if cell.get("outlet") in outlets else None
        by = st.session_state.get("framing_by") or "frame"
        st.session_state["framing_frame"] = cell.get("frame") if by == "frame" else None
        st.session_state["framing_term"] = cell.get("term") if by == "term" else None
        st.session_state["framing_hit"] = None


def _pick_from_table(hit_ids: tuple[str, ...]) -> None:
    rows = st.session_state["framing_kwic"]["selection"]["rows"]
    if rows:
        st.session_state["framing_hit"] = hit_ids[rows[0]]


if not hits:
    st.info("No lexicon term occurs in this corpus. Add the words you are looking for to the lexicon "
            "below; counts update at once.", icon=":material/search_off:")
else:
    c1, c2 = st.columns(2)
    by = c1.segmented_control("Group by", ("frame", "term"), default="frame", key="framing_by",
                              bind="query-params", required=True)
    pooled = len(data.languages(source)) > 1 and c2.segmented_control(
        "Compare", ("outlets", "languages"), default="outlets", key="framing_compare", bind="query-params",
        required=True, help="Languages pools the outlets of each language: Korean press, Japanese press, "
        "English press.") == "languages"
    rates = data.framing_rates(source, toml, by_language=pooled)
    chart_col, voice_col = st.columns([3, 2], gap="large")
    with chart_col:
        st.altair_chart(charts.framing_chart(rates[rates["count"] > 0] if by == "term" else rates, by=by),
                        key="framing_chart", on_select=_pick_from_chart, selection_mode=charts.CELL)
    with voice_col:
        st.altair_chart(charts.voice_chart(rates))
        if len(outlets) < 2:
            st.caption("Only one outlet in this corpus: rates describe it but compare it with no one.")

    st.subheader("Every hit in context")
    c1, c2, c3 = st.columns(3)
    outlet = c1.selectbox("Outlet", (None, *outlets), key="framing_outlet", bind="query-params",
                          format_func=lambda o: "All outlets" if o is None else o)
    frame = c2.selectbox("Frame", (None, *lexicon.frames), key="framing_frame", bind="query-params",
                         format_func=lambda f: "All frames" if f is None else f)
    terms = lexicon.terms if frame is None else tuple(e.term for e in lexicon.entries_of(frame))
    term = c3.selectbox("Term", (None, *terms), key="framing_term", bind="query-params",
                        format_func=lambda t: "All terms" if t is None else t)
    lines = data.kwic_lines(source, toml, outlet=outlet, frame=frame, term=term)
    if lines.empty:
        st.info("No hits for this outlet, frame and term. Widen the filters above.", icon=":material/filter_alt_off:")
    else:
        hit_ids = tuple(lines["hit_id"])
        st.dataframe(
            lines, hide_index=True, key="framing_kwic", on_select=partial(_pick_from_table, hit_ids),
            selection_mode="single-row",
            column_order=("outlet", "left", "match", "right", "term", "frame", "voice", "negated"),
            column_config={"left": st.column_config.TextColumn("…left", width="medium"),
                           "right": st.column_config.TextColumn("right…", width="medium")},
        )
        labels = dict(zip(hit_ids, lines["label"], strict=True))
        hit = state.id_selectbox("Open the article at hit", (None, *hit_ids), key="framing_hit",
                           format_func=lambda h: "Choose a row above" if h is None else labels[h])
        if hit is not None:
            row = lines.iloc[hit_ids.index(hit)]
            doc = source.corpus.document(row["doc_id"])
            marks, paragraph = data.hit_marks(source, toml, doc.doc_id, hit)
            st.html(render.heading_html(doc.title or doc.doc_id, f"{doc.outlet} · {row['voice']}"
                                        + (" · negated" if row["negated"] else "")))
            st.html(render.legend_html(("focus", "frame")))
            passages = source.corpus.passages_of(doc.doc_id)
            st.html(render.article_html(doc, passages, marks, paragraphs=(paragraph,)))
            with st.expander("The whole article"):
                st.html(render.article_html(doc, passages, marks, show_set_aside=False))

st.subheader("Distinctive terms per outlet")
languages = data.languages(source)
language = None
if len(languages) > 1:
    # Words of one language set its outlets apart from those writing another by that alone:
    # outlets are compared within a language (across languages, through the lexicon above).
    language = st.selectbox("Compare the outlets writing in", languages, key="framing_language",
                            bind="query-params", format_func=tables.language_label)
distinctive = data.distinctive(source, language=language)
warning = data.small_corpus_warning(source, language=language)
if warning:
    st.warning(render.markdown_literal(warning), icon=":material/warning:")
if distinctive.empty:
    st.info("No outlet has words that set it apart (this needs at least two outlets).", icon=":material/info:")
else:
    st.dataframe(distinctive, hide_index=True,
                 column_config={"log_odds": st.column_config.NumberColumn("log-odds", format="%.2f"),
                                "z": st.column_config.NumberColumn("z-score", format="%.2f")})

with st.expander("Edit the lexicon", icon=":material/edit_note:"):
    st.caption("Each row is a term of a frame; variants are other forms that count as it "
               "(comma-separated, * matches any letters inside a word). Changes apply at once.")
    generation = st.session_state.get("framing_editor_generation", 0)
    editor_key = f"framing_editor_{generation}"

    def _apply_edits() -> None:
        try:
            data.set_lexicon(tables.edited_lexicon(lexicon, st.session_state[editor_key]))
        except LexiconError as exc:
            st.session_state["framing_lexicon_error"] = exc.message
            return
        st.session_state["framing_lexicon_error"] = ""
        st.session_state["framing_editor_generation"] = generation + 1

    st.data_editor(tables.lexicon_frame(lexicon), key=editor_key, num_rows="dynamic", hide_index=True,
                   on_change=_apply_edits, width="stretch",
                   column_config={"variants": st.column_config.TextColumn("variants", width="large")})
    if st.session_state.get("framing_lexicon_error"):
        st.error("Not applied: " + render.markdown_literal(st.session_state["framing_lexicon_error"]))
    c1, c2, c3 = st.columns(3)
    if c1.button("Reset to the default lexicon", key="framing_reset", icon=":material/restart_alt:"):
        data.set_lexicon(None)
        st.session_state["framing_lexicon_error"] = ""
        st.session_state["framing_editor_generation"] = generation + 1
        st.rerun()
    c2.download_button("Download as TOML", toml, file_name="lexicon.toml", key="framing_download",
                       icon=":material/download:")
    upload = c3.file_uploader("Load a TOML lexicon", type=["toml"], key="framing_upload",
                              label_visibility="collapsed")
    if upload is not None and st.button("Use this lexicon", key="framing_use_upload"):
        try:
            data.set_lexicon(parse_lexicon(upload.getvalue().decode("utf-8-sig")))
            st.session_state["framing_editor_generation"] = generation + 1
            st.rerun()
        except (LexiconError, UnicodeDecodeError) as exc:
            st.error(render.markdown_literal(f"{upload.name}: {exc}"))
