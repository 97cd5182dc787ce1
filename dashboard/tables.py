"""Pure table shaping for the views: analysis records in, display DataFrames with fixed columns out.

No Streamlit here; ``data.py`` caches these and the views only draw them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from pandas.io.formats.style import Styler

from analysis.claims import Claim
from analysis.corpus import Corpus, Document, count_words
from analysis.disagreements import ClaimValue, Disagreement, date_interval
from analysis.lexicon import Lexicon, LexiconEntry, LexiconError
from analysis.reuse import ReuseCluster, ReuseMatch
from dashboard.render import Mark

ARTICLE_COLUMNS = ("doc_id", "outlet", "title", "published", "language", "words", "set_aside")
PASSAGE_COLUMNS = ("passage_id", "paragraph", "role", "reason", "words", "text")
DOCUMENT_FIELDS = ("doc_id", "source", "title", "published", "url", "language")


def articles_table(corpus: Corpus) -> pd.DataFrame:
    """Return one row per article: outlet, title, date, language, article words, share set aside."""
    rows = []
    for d in corpus.documents:
        words = {"article": 0, "aside": 0}
        for p in corpus.passages_of(d.doc_id):
            words["article" if p.is_article else "aside"] += count_words(p.text)
        total = words["article"] + words["aside"]
        rows.append(
            (
                d.doc_id,
                d.outlet,
                d.title,
                pd.Timestamp(d.published) if d.published else pd.NaT,
                d.language,
                words["article"],
                words["aside"] / total if total else 0.0,
            )
        )
    frame = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


def passages_table(corpus: Corpus, doc_id: str) -> pd.DataFrame:
    """Return one document's passages in text order with role, reason and word count."""
    rows = [
        (p.passage_id, p.paragraph, p.role, p.reason, count_words(p.text), p.text)
        for p in corpus.passages_of(doc_id)
    ]
    return pd.DataFrame(rows, columns=list(PASSAGE_COLUMNS))


def article_labels(corpus: Corpus) -> dict[str, str]:
    """Return each article's doc_id mapped to "outlet · title" (the id when it has no title), in corpus order."""
    return {d.doc_id: f"{d.outlet} · {d.title or d.doc_id}" for d in corpus.documents}


def meta_line(doc: Document) -> str:
    """Return an article's date, language, URL and file name as one line ("no date" when unknown)."""
    parts = (doc.published.isoformat() if doc.published else "no date", doc.language, doc.url, doc.path)
    return " · ".join(x for x in parts if x)


ERROR_COLUMNS = ("file", "problem")


def errors_table(corpus: Corpus) -> pd.DataFrame:
    """Return the files that could not be read, with the reason."""
    return pd.DataFrame([(e.path, e.error) for e in corpus.errors], columns=list(ERROR_COLUMNS))


def documents_frame(documents: Iterable[Document]) -> pd.DataFrame:
    """Return the editable metadata of documents (one row each, text left out)."""
    rows = [
        (d.doc_id, d.source, d.title, pd.Timestamp(d.published) if d.published else pd.NaT, d.url, d.language)
        for d in documents
    ]
    frame = pd.DataFrame(rows, columns=list(DOCUMENT_FIELDS))
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


def outlets_of(corpus: Corpus) -> tuple[str, ...]:
    """Return the outlets of a corpus in first-seen order."""
    return tuple(dict.fromkeys(d.outlet for d in corpus.documents))


def with_metadata(documents: Iterable[Document], edited: pd.DataFrame) -> tuple[Document, ...]:
    """Return the documents with outlet, title, date, URL and language taken from ``edited``.

    Rows are matched by doc_id; blank cells clear a field, ids and texts never change.
    """
    by_id = {str(row.doc_id): row for row in edited.itertuples(index=False)}
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


def kwic_lines(kwic: pd.DataFrame, *, outlet: str | None, frame: str | None, term: str | None) -> pd.DataFrame:
    """Return the KWIC lines of one outlet, frame and term (None: any), with a hit_id column."""
    keep = pd.Series(True, index=kwic.index)
    for column, value in (("outlet", outlet), ("frame", frame), ("term", term)):
        if value is not None:
            keep &= kwic[column] == value
    lines = kwic[keep].reset_index(drop=True)
    lines.insert(0, "hit_id", lines["doc_id"] + "@" + lines["start"].astype(str))
    lines["label"] = (
        lines["outlet"] + ": …" + lines["left"].str[-30:] + " [" + lines["match"] + "] "
        + lines["right"].str[:30] + "…"
    )
    return lines


def framing_marks(kwic: pd.DataFrame, doc_id: str, *, focus: str | None = None) -> tuple[Mark, ...]:
    """Return marks for every framing hit in one document; the hit ``focus`` (a hit_id) stands out."""
    rows = kwic[kwic["doc_id"] == doc_id]
    return tuple(
        Mark(int(r.start), int(r.end), "focus" if f"{doc_id}@{r.start}" == focus else "frame",
             f"{r.frame}: {r.term}" + (" (in a quote)" if r.voice == "quote" else ""))
        for r in rows.itertuples(index=False)
    )


def paragraph_at(corpus: Corpus, doc_id: str, offset: int) -> int:
    """Return the paragraph index of the passage holding ``offset`` (0 when none does)."""
    for p in corpus.passages_of(doc_id):
        if p.start <= offset < p.end:
            return p.paragraph
    return 0


# --------------------------------------------------------------------------- reuse


def with_match_ids(pairs: pd.DataFrame) -> pd.DataFrame:
    """Return a reuse table with match_id ("a|b"), a readable outlet pair and shared word counts."""
    out = pairs.copy()
    out.insert(0, "match_id", out["a"] + "|" + out["b"])
    out["pair"] = out["outlet_a"] + " ↔ " + out["outlet_b"]
    out["words"] = [
        round(cov * count_words(text)) for cov, text in zip(out["coverage_a"], out["text_a"], strict=True)
    ]
    return out.astype({"words": "int64"})


def pairs_between(pairs: pd.DataFrame, *, outlet_a: str | None, outlet_b: str | None, same_document: bool) -> pd.DataFrame:
    """Return the matches between two outlets (either direction; None: any outlet)."""
    keep = pd.Series(True, index=pairs.index) if same_document else ~pairs["same_document"]
    for outlet in (outlet_a, outlet_b):
        if outlet is not None:
            keep &= (pairs["outlet_a"] == outlet) | (pairs["outlet_b"] == outlet)
    if outlet_a is not None and outlet_b is not None and outlet_a != outlet_b:
        keep &= pairs["outlet_a"] != pairs["outlet_b"]
    return pairs[keep].reset_index(drop=True)


def match_marks(spans: Iterable[tuple[int, int, int, int]], *, note: str = "") -> tuple[tuple[Mark, ...], tuple[Mark, ...]]:
    """Return the reuse marks of a match on its A side and on its B side."""
    spans = tuple(spans)
    return (
        tuple(Mark(s[0], s[1], "reuse", note) for s in spans),
        tuple(Mark(s[2], s[3], "reuse", note) for s in spans),
    )


def passage_paragraphs(corpus: Corpus, passage_ids: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """Return, per document, the paragraph indexes holding the given passages."""
    wanted = set(passage_ids)
    found: dict[str, set[int]] = {}
    for p in corpus.passages:
        if p.passage_id in wanted:
            found.setdefault(p.doc_id, set()).add(p.paragraph)
    return {doc: tuple(sorted(ps)) for doc, ps in found.items()}


def reused_passage_count(corpus: Corpus, matches: Iterable[ReuseMatch]) -> int:
    """Return how many passages have a match in another outlet."""
    outlet_of = {d.doc_id: d.outlet for d in corpus.documents}
    return len({pid for m in matches if outlet_of[m.doc_a] != outlet_of[m.doc_b] for pid in (m.a, m.b)})


CLUSTER_COLUMNS = ("cluster_id", "outlets", "n_outlets", "n_passages", "earliest", "text")


def clusters_table(corpus: Corpus, clusters: Iterable[ReuseCluster]) -> pd.DataFrame:
    """Return one row per reuse cluster: outlets, size, the earliest outlet and a sample text."""
    text_of = {p.passage_id: p.text for p in corpus.passages}
    rows = [
        (
            c.cluster_id, ", ".join(c.outlets), len(c.outlets), len(c.passage_ids),
            corpus.document(c.earliest_doc_id).outlet if c.earliest_doc_id else "",
            text_of.get(c.passage_ids[0], ""),
        )
        for c in clusters
    ]
    return pd.DataFrame(rows, columns=list(CLUSTER_COLUMNS)).astype({"n_outlets": "int64", "n_passages": "int64"})


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


# --------------------------------------------------------------------------- claims

TIMELINE_COLUMNS = ("outlet", "date", "end", "what", "label")
MAX_EVENT_DAYS = 31  # wider claims ("in 2026", "1910-1945") would stretch the axis over decades


def timeline_table(corpus: Corpus, claims: Iterable[Claim]) -> pd.DataFrame:
    """Return publication dates and claimed event dates (a month or finer) per outlet.

    ``end`` is exclusive (the day after the last day), so a one-day claim draws as one day.
    """
    rows: dict[tuple, None] = {}
    one_day = pd.Timedelta(days=1)
    for d in corpus.documents:
        if d.published:
            day = pd.Timestamp(d.published)
            rows[(d.outlet, day, day + one_day, "published", d.title or d.doc_id)] = None
    for c in claims:
        if c.kind != "date" or not c.subject:
            continue
        first, last = date_interval(c.value)
        if (last - first).days > MAX_EVENT_DAYS:
            continue
        outlet = corpus.document(c.doc_id).outlet
        label = f"{c.subject}: {c.text}"
        rows[(outlet, pd.Timestamp(first), pd.Timestamp(last) + one_day, "claimed event date", label)] = None
    frame = pd.DataFrame(list(rows), columns=list(TIMELINE_COLUMNS))
    return frame.astype({"date": "datetime64[ns]", "end": "datetime64[ns]"})


CLAIMS_MATRIX_COLUMNS = ("disagreement_id", "kind", "subject", "relation")


def outlet_columns(outlets: Sequence[str]) -> dict[str, str]:
    """Return the claims matrix's column id for each outlet (``outlet_0``, ...) mapped to its name.

    Outlet names come from the articles and can be anything, "relation" or "kind" included:
    they are column labels, never column ids.
    """
    return {f"outlet_{n}": outlet for n, outlet in enumerate(outlets)}


def claims_matrix(items: Iterable[Disagreement], outlets: Sequence[str]) -> pd.DataFrame:
    """Return one row per disagreement (id, kind, subject, relation) and one column per outlet.

    Outlet columns are named by ``outlet_columns(outlets)``; a cell holds the value that outlet
    claims, blank when it says nothing on the subject.
    """
    rows = []
    for item in items:
        values: dict[str, list[str]] = {}
        for v in item.values:
            values.setdefault(v.outlet, [])
            if v.value not in values[v.outlet]:
                values[v.outlet].append(v.value)
        rows.append(
            (item.disagreement_id, item.kind, item.subject, item.status.replace("_", " "),
             *("; ".join(values.get(o, [])) for o in outlets))
        )
    return pd.DataFrame(rows, columns=[*CLAIMS_MATRIX_COLUMNS, *outlet_columns(outlets)])


CLAIM_INTERVAL_COLUMNS = ("disagreement_id", "subject", "outlet", "start", "end", "value", "status")


def claim_intervals(items: Sequence[Disagreement]) -> pd.DataFrame:
    """Return each outlet's date claims as [start, end) intervals, one row per distinct claim.

    A value in several disagreements keeps the most serious relation it takes part in.
    """
    severity = {"conflict": 0, "different_basis": 1, "compatible": 2, "agree": 3}
    best: dict[tuple[str, str, str], tuple[int, str]] = {}
    for item in items:
        if item.kind != "date":
            continue
        for v in item.values:
            k = (item.subject, v.outlet, v.value)
            rank = severity.get(item.status, 9)
            if k not in best or rank < best[k][0]:
                best[k] = (rank, item.disagreement_id)
    status_of = {i.disagreement_id: i.status for i in items if i.kind == "date"}
    rows = []
    for (subject, outlet, value), (_, did) in best.items():
        first, last = date_interval(value)
        rows.append((did, subject, outlet, pd.Timestamp(first), pd.Timestamp(last) + pd.Timedelta(days=1),
                     value, status_of.get(did, "").replace("_", " ")))
    frame = pd.DataFrame(rows, columns=list(CLAIM_INTERVAL_COLUMNS))
    return frame.astype({"start": "datetime64[ns]", "end": "datetime64[ns]"})


def claim_marks(claims: Iterable[Claim], claim_ids: Iterable[str]) -> dict[str, tuple[Mark, ...]]:
    """Return, per document, claim marks for the given claim ids."""
    wanted = set(claim_ids)
    marks: dict[str, list[Mark]] = {}
    for c in claims:
        if c.claim_id in wanted:
            marks.setdefault(c.doc_id, []).append(Mark(c.start, c.end, "claim", f"{c.subject}: {c.value}"))
    return {doc: tuple(ms) for doc, ms in marks.items()}


def claim_passage_ids(claims: Iterable[Claim], claim_ids: Iterable[str]) -> tuple[str, ...]:
    """Return the passages holding the given claims."""
    wanted = set(claim_ids)
    return tuple(dict.fromkeys(c.passage_id for c in claims if c.claim_id in wanted))


def styled_claims_matrix(matrix: pd.DataFrame, colours: dict[str, str]) -> Styler:
    """Return the claims matrix with each stated value and the relation tinted by the relation's colour.

    The tint is translucent, so the text keeps the theme's colour on light and dark backgrounds.
    """
    values = set(matrix.columns) - {"disagreement_id", "kind", "subject"}

    def tint(row: pd.Series) -> list[str]:
        fill = f"background-color: {colours.get(row['relation'], '#868e96')}40"
        return [fill if c in values and row[c] else "" for c in row.index]

    return matrix.style.apply(tint, axis=1)


def documents_of(corpus: Corpus, outlet: str) -> tuple[str, ...]:
    """Return the doc_ids of one outlet's articles, in corpus order."""
    return tuple(d.doc_id for d in corpus.documents if d.outlet == outlet)


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


def sides_to_show(values: Sequence[ClaimValue], *, limit: int = 8) -> tuple[ClaimValue, ...]:
    """Return at most ``limit`` sides of a disagreement: one per distinct value first, then the rest."""
    first: dict[str, int] = {}
    for n, v in enumerate(values):
        first.setdefault(v.value, n)
    leading = sorted(first.values())
    taken = set(leading)
    rest = [n for n in range(len(values)) if n not in taken]
    return tuple(values[n] for n in (leading + rest)[:limit])
