"""The Framing page's parts: every hit in context, distinctive terms, and the lexicon editor with its presets."""

from __future__ import annotations

from functools import partial

import streamlit as st

from analysis.framing.lexicon import (
    DEFAULT_PRESET,
    LEXICON_PRESETS,
    Lexicon,
    LexiconError,
    parse_lexicon,
    preset_lexicon,
)
from dashboard import data, render, state, tables, team

EDITOR_GENERATION = "framing_editor_generation"  # bumped to rebuild the editor from the lexicon in use
EDITOR_ERROR = "framing_lexicon_error"


def lexicon_in_use(toml: str) -> str:
    """Return a sentence naming the lexicon in use: a bundled preset (by beat) or the user's own."""
    preset = next((name for name, text in data.preset_tomls().items() if text == toml), None)
    if preset == DEFAULT_PRESET:
        return (f"Lexicon: {LEXICON_PRESETS[preset]}, the default, written for the bundled seeds. For another "
                f"beat start from a preset ({', '.join(t for n, t in LEXICON_PRESETS.items() if n != preset)}) "
                "or edit it under Edit the lexicon.")
    if preset is not None:
        return f"Lexicon: the {LEXICON_PRESETS[preset]} preset."
    return "Lexicon: your own (edited or loaded in this session)."


def _pick_from_table(hit_ids: tuple[str, ...]) -> None:
    rows = st.session_state["framing_kwic"]["selection"]["rows"]
    if rows:
        st.session_state["framing_hit"] = hit_ids[rows[0]]


def hits_in_context(source: data.Source, toml: str, lexicon: Lexicon, outlets: tuple[str, ...]) -> None:
    """Draw the hit filters, the keyword-in-context table and, for a chosen hit, its article and notes."""
    st.subheader("Every hit in context")
    # "" stands for "all": a chart click can set a filter back to it (None would read "Choose an option").
    c1, c2, c3 = st.columns(3)
    outlet = c1.selectbox("Outlet", ("", *outlets), key="framing_outlet", bind="query-params",
                          format_func=lambda o: o or "All outlets")
    frame = c2.selectbox("Frame", ("", *lexicon.frames), key="framing_frame", bind="query-params",
                         format_func=lambda f: f or "All frames")
    terms = tuple(e.term for e in lexicon.entries_of(frame)) if frame else lexicon.terms
    term = c3.selectbox("Term", ("", *terms), key="framing_term", bind="query-params",
                        format_func=lambda t: t or "All terms")
    lines = data.kwic_lines(source, toml, outlet=outlet or None, frame=frame or None, term=term or None)
    if lines.empty:
        st.info("No hits for this outlet, frame and term. Widen the filters above.", icon=":material/filter_alt_off:")
        return
    hit_ids = tuple(lines["hit_id"])
    st.dataframe(
        lines, hide_index=True, key="framing_kwic", on_select=partial(_pick_from_table, hit_ids),
        selection_mode="single-row",
        column_order=("outlet", "left", "match", "right", "term", "frame", "voice", "negated"),
        # Contexts come cut to what these columns hold, on the side away from the match; the left
        # one is right-aligned so it ends against the match.
        column_config={"left": st.column_config.TextColumn("left context", width=300, alignment="right"),
                       "match": st.column_config.TextColumn("match"),
                       "right": st.column_config.TextColumn("right context", width=300)},
    )
    labels = dict(zip(hit_ids, lines["label"], strict=True))
    hit = state.id_selectbox("Open the article at hit", (None, *hit_ids), key="framing_hit",
                             format_func=lambda h: "Choose a row above" if h is None else labels[h])
    if hit is None:
        return
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
    team.notes_panel(source, "quote", hit, f"{doc.outlet}: …{row['left'][-50:]}{row['match']}{row['right'][:50]}…")


def distinctive_terms(source: data.Source) -> None:
    """Draw each outlet's distinctive terms, with the small-corpus warning when it applies."""
    st.subheader("Distinctive terms per outlet")
    st.caption("The words and phrases each outlet uses more than the others, leaving out outlet names, "
               "bylines and house-style abbreviations (\"Sen.\", \"Rep.\").")
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
        return
    st.dataframe(distinctive, hide_index=True,
                 column_config={"count": st.column_config.NumberColumn("uses", help="Uses in this outlet's articles"),
                                "count_rest": st.column_config.NumberColumn(
                                    "uses elsewhere", help="Uses in the other outlets' articles"),
                                "log_odds": st.column_config.NumberColumn("log-odds", format="%.2f"),
                                "z": st.column_config.NumberColumn(
                                    "z-score", format="%.2f", help="How far the use sets the outlet apart, "
                                    "in standard errors; above 2 is more than chance")})


def _use(lexicon: Lexicon | None) -> None:
    """Use this lexicon from now on (None: the default) and rebuild the editor from it."""
    data.set_lexicon(lexicon)
    st.session_state[EDITOR_ERROR] = ""
    st.session_state[EDITOR_GENERATION] = st.session_state.get(EDITOR_GENERATION, 0) + 1


def _apply_edits(lexicon: Lexicon, editor_key: str) -> None:
    try:
        edited = tables.edited_lexicon(lexicon, st.session_state[editor_key])
    except LexiconError as exc:
        st.session_state[EDITOR_ERROR] = exc.message
        return
    st.session_state[EDITOR_ERROR] = ""
    # A row just added is empty until typed into: the lexicon has not changed, so the editor keeps
    # its rows (rebuilding it here threw the new row away, and no term could ever be added).
    if edited != lexicon:
        _use(edited)


def lexicon_editor(lexicon: Lexicon, toml: str) -> None:
    """Draw the lexicon editor: presets by beat, the term table, reset, download and upload."""
    with st.expander("Edit the lexicon", icon=":material/edit_note:"):
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        preset = c1.selectbox("Start from a preset", tuple(LEXICON_PRESETS), key="framing_preset",
                              format_func=lambda name: LEXICON_PRESETS[name])
        if c2.button("Use this preset", key="framing_use_preset", icon=":material/library_books:"):
            _use(preset_lexicon(preset))
            st.rerun()
        st.caption("Each row is a term of a frame; variants are other forms that count as it "
                   "(comma-separated, * matches any letters inside a word). Changes apply at once.")
        editor_key = f"framing_editor_{st.session_state.get(EDITOR_GENERATION, 0)}"
        st.data_editor(tables.lexicon_frame(lexicon), key=editor_key, num_rows="dynamic", hide_index=True,
                       on_change=_apply_edits, args=(lexicon, editor_key), width="stretch",
                       column_config={"variants": st.column_config.TextColumn("variants", width="large")})
        if st.session_state.get(EDITOR_ERROR):
            st.error("Not applied: " + render.markdown_literal(st.session_state[EDITOR_ERROR]))
        c1, c2, c3 = st.columns(3)
        if c1.button("Reset to the default lexicon", key="framing_reset", icon=":material/restart_alt:"):
            _use(None)
            st.rerun()
        c2.download_button("Download as TOML", toml, file_name="lexicon.toml", key="framing_download",
                           icon=":material/download:")
        upload = c3.file_uploader("Load a TOML lexicon", type=["toml"], key="framing_upload",
                                  label_visibility="collapsed")
        if upload is not None and st.button("Use this lexicon", key="framing_use_upload"):
            try:
                loaded = parse_lexicon(upload.getvalue().decode("utf-8-sig"))
            except (LexiconError, UnicodeDecodeError) as exc:
                st.error(render.markdown_literal(f"{upload.name}: {exc}"))
            else:
                _use(loaded)
                st.rerun()
