"""Display glue for the views: highlight marks, the metadata and lexicon editors, a styled matrix.

Result tables live in the analysis wings (``analysis.<wing>.tables``); what stays here needs the
dashboard's own types (``render.Mark``, a pandas ``Styler``) or shapes an editor's rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from analysis.claims import Claim
from analysis.framing.lexicon import Lexicon, LexiconEntry, LexiconError
from analysis.reuse import ReuseCluster, ReuseMatch
from analysis.text.languages import LANGUAGE_NAMES_ALL, base_language, language_note
from analysis.text.records import Document
from dashboard.render import Mark

if TYPE_CHECKING:  # importing the Styler loads jinja2: 0.15 s of the first page after a start
    from pandas.io.formats.style import Styler

DOCUMENT_FIELDS = ("doc_id", "source", "title", "published", "url", "language")
NO_VALUE = "—"  # shown for a missing date (st.dataframe would print the word "None")


def dates_as_text(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Return a copy of ``frame`` with these date columns as ISO dates, a dash where the date is unknown."""
    out = frame.copy()
    for column in columns:
        out[column] = [NO_VALUE if pd.isna(v) else pd.Timestamp(v).date().isoformat() for v in out[column]]
    return out


def counted(n: int, noun: str, plural: str = "") -> str:
    """Return "1 article", "2 articles", "1,204 articles" (``noun`` singular; plural with an s unless given)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def language_label(language: str) -> str:
    """Return a language code with its name and word unit ("ko · Korean, words: ..."), "unknown" for ""."""
    if not language:
        return "unknown language"
    name = LANGUAGE_NAMES_ALL.get(base_language(language), language)
    return f"{name} ({language})"


def meta_line(doc: Document) -> str:
    """Return an article's date, language, URL and file name as one line ("no date" when unknown).

    The language shows its code and name ("ko (Korean)"), and how its words were counted when
    no segmenter reads it ("th (Thai): no word segmenter ...").
    """
    language = doc.language
    if language:
        name = LANGUAGE_NAMES_ALL.get(base_language(language))
        language = f"{language} ({name})" if name else language
        note = language_note(doc.language)
        language = f"{language}: {note}" if note else language
    parts = (doc.published.isoformat() if doc.published else "no date", language, doc.url, doc.path)
    return " · ".join(x for x in parts if x)


def documents_frame(documents: Iterable[Document]) -> pd.DataFrame:
    """Return the editable metadata of documents (one row each, text left out)."""
    rows = [
        (d.doc_id, d.source, d.title, pd.Timestamp(d.published) if d.published else pd.NaT, d.url, d.language)
        for d in documents
    ]
    frame = pd.DataFrame(rows, columns=list(DOCUMENT_FIELDS))
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


def with_metadata(documents: Iterable[Document], edited: pd.DataFrame) -> tuple[Document, ...]:
    """Return the documents with outlet, title, date, URL and language taken from ``edited``.

    Rows are matched by doc_id; blank cells clear a field, ids and texts never change.
    """
    by_id: dict[str, Any] = {str(row.doc_id): row for row in edited.itertuples(index=False)}
    out = []
    for d in documents:
        row = by_id.get(d.doc_id)
        if row is None:
            out.append(d)
            continue
        published = pd.Timestamp(row.published).date() if not pd.isna(row.published) else None
        out.append(
            Document(
                doc_id=d.doc_id,
                source=_text(row.source),
                title=_text(row.title),
                published=published,
                url=_text(row.url),
                language=_text(row.language),
                path=d.path,
                text=d.text,
                story=d.story,
            )
        )
    return tuple(out)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


LEXICON_COLUMNS = ("frame", "term", "variants")


def lexicon_frame(lexicon: Lexicon) -> pd.DataFrame:
    """Return the lexicon as editable rows: frame, term, variants (comma-separated)."""
    rows = [(e.frame, e.term, ", ".join(e.variants)) for e in lexicon.entries]
    return pd.DataFrame(rows, columns=list(LEXICON_COLUMNS))


def edited_lexicon(lexicon: Lexicon, edits: dict) -> Lexicon:
    """Return the lexicon with a data editor's edits applied (edited, added and deleted rows).

    Raises LexiconError when a row is incomplete or a term repeats.
    """
    rows = [dict(zip(LEXICON_COLUMNS, r, strict=True)) for r in lexicon_frame(lexicon).itertuples(index=False)]
    for index, change in edits.get("edited_rows", {}).items():
        rows[int(index)].update({k: v for k, v in change.items() if k in LEXICON_COLUMNS})
    deleted = {int(i) for i in edits.get("deleted_rows", [])}
    rows = [r for i, r in enumerate(rows) if i not in deleted]
    rows += [dict(r) for r in edits.get("added_rows", [])]
    entries = []
    for n, row in enumerate(rows, start=1):
        term, frame = _text(row.get("term")), _text(row.get("frame"))
        if not term and not frame and not _text(row.get("variants")):
            continue  # an empty new row the user has not filled in yet
        if not term:
            raise LexiconError(f"row {n} has no term")
        variants = tuple(v.strip() for v in _text(row.get("variants")).split(",") if v.strip())
        entries.append(LexiconEntry(term, frame, variants))
    return Lexicon(tuple(entries))


def framing_marks(kwic: pd.DataFrame, doc_id: str, *, focus: str | None = None) -> tuple[Mark, ...]:
    """Return marks for every framing hit in one document; the hit ``focus`` (a hit_id) stands out."""
    rows = kwic[kwic["doc_id"] == doc_id]
    return tuple(
        Mark(int(cast(int, r.start)), int(cast(int, r.end)), "focus" if f"{doc_id}@{r.start}" == focus else "frame",
             f"{r.frame}: {r.term}" + (" (in a quote)" if r.voice == "quote" else ""))
        for r in rows.itertuples(index=False)
    )


def match_marks(spans: Iterable[tuple[int, int, int, int]], *, note: str = "") -> tuple[tuple[Mark, ...], tuple[Mark, ...]]:
    """Return the reuse marks of a match on its A side and on its B side."""
    spans = tuple(spans)
    return (
        tuple(Mark(s[0], s[1], "reuse", note) for s in spans),
        tuple(Mark(s[2], s[3], "reuse", note) for s in spans),
    )


def cluster_marks(cluster: ReuseCluster, matches: Iterable[ReuseMatch]) -> dict[str, tuple[Mark, ...]]:
    """Return, per document of a cluster, the spans it shares with the other members."""
    members = set(cluster.passage_ids)
    marks: dict[str, list[Mark]] = {}
    for m in matches:
        if m.a in members and m.b in members:
            a_side, b_side = match_marks(m.spans)
            marks.setdefault(m.doc_a, []).extend(a_side)
            marks.setdefault(m.doc_b, []).extend(b_side)
    return {doc: tuple(ms) for doc, ms in marks.items()}


def claim_marks(claims: Iterable[Claim], claim_ids: Iterable[str]) -> dict[str, tuple[Mark, ...]]:
    """Return, per document, claim marks for the given claim ids."""
    wanted = set(claim_ids)
    marks: dict[str, list[Mark]] = {}
    for c in claims:
        if c.claim_id in wanted:
            marks.setdefault(c.doc_id, []).append(Mark(c.start, c.end, "claim", f"{c.subject}: {c.value}"))
    return {doc: tuple(ms) for doc, ms in marks.items()}


def styled_claims_matrix(matrix: pd.DataFrame, colours: dict[str, str]) -> Styler:
    """Return the claims matrix with each stated value and the relation tinted by the relation's colour.

    The tint is translucent, so the text keeps the theme's colour on light and dark backgrounds.
    """
    values = {"relation"} | {c for c in matrix.columns if str(c).startswith("outlet_")}

    def tint(row: pd.Series) -> list[str]:
        fill = f"background-color: {colours.get(row['relation'], '#868e96')}40"
        return [fill if c in values and row[c] else "" for c in row.index]

    return matrix.style.apply(tint, axis=1)


def overlay_marks(
    doc_ids: Sequence[str],
    *,
    matches: Iterable[ReuseMatch] = (),
    kwic: pd.DataFrame | None = None,
    claims: Iterable[Claim] = (),
) -> dict[str, tuple[Mark, ...]]:
    """Return, per document, the marks of the overlays asked for.

    Reuse marks only link the documents shown to one another; framing and claim marks are
    every hit and claim in each document.
    """
    shown = set(doc_ids)
    marks: dict[str, list[Mark]] = {d: [] for d in doc_ids}
    for m in matches:
        if m.doc_a in shown and m.doc_b in shown and m.doc_a != m.doc_b:
            a_side, b_side = match_marks(m.spans, note=f"shared (score {m.score:.0f})")
            marks[m.doc_a].extend(a_side)
            marks[m.doc_b].extend(b_side)
    if kwic is not None:
        for doc_id in doc_ids:
            marks[doc_id].extend(framing_marks(kwic, doc_id))
    for c in claims:
        if c.doc_id in shown:
            marks[c.doc_id].append(Mark(c.start, c.end, "claim", f"{c.kind} · {c.subject}: {c.value}"))
    return {d: tuple(ms) for d, ms in marks.items()}
