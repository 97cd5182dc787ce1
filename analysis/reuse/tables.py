"""Reuse results as tables: matches, outlet-to-outlet containment, and the export rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.reuse.articles import ArticlePair
from analysis.reuse.clusters import ReuseCluster
from analysis.reuse.matches import NARRATION_KINDS, ReuseMatch, union_ranges
from analysis.reuse.provenance import ClusterProvenance
from analysis.reuse.quotes import QuoteGroup
from analysis.text.records import Corpus, Document, article_words, count_words

# Rows are oriented earlier -> later: ``a`` is the side published first (when the dates say so).
REUSE_COLUMNS: tuple[str, ...] = (
    "a", "b", "doc_a", "doc_b", "outlet_a", "outlet_b", "score", "coverage_a", "coverage_b",
    "same_document", "text_a", "text_b", "n_spans", "spans", "kind", "order", "published_a", "published_b",
)


CONTAINMENT_COLUMNS: tuple[str, ...] = ("outlet_a", "outlet_b", "share", "words_a", "shared_words")


# Above this many outlets the containment table lists only pairs that share something.
DENSE_OUTLETS = 200


def containment_table(corpus: Corpus, matches: Sequence[ReuseMatch]) -> pd.DataFrame:
    """Return, for outlets A and B, the share of A's article words found in B.

    Directional: a short outlet copied whole into a long one has share 1 from the short side.
    Lists every ordered pair of distinct outlets (up to ``DENSE_OUTLETS`` outlets; above that,
    only pairs sharing words). Same-outlet matches do not count.
    """
    outlet_of = {d.doc_id: d.outlet for d in corpus.documents}
    words: dict[str, int] = {}
    for d in corpus.documents:
        words[d.outlet] = words.get(d.outlet, 0) + article_words(corpus, d.doc_id)
    covered: dict[tuple[str, str], dict[tuple[str, int], list[tuple[int, int]]]] = {}
    passage_of = {p.passage_id: p for p in corpus.passages}
    for m in matches:
        oa, ob = outlet_of[m.doc_a], outlet_of[m.doc_b]
        if oa == ob:
            continue
        pa, pb = passage_of[m.a], passage_of[m.b]
        side_a = covered.setdefault((oa, ob), {}).setdefault((m.doc_a, pa.start), [])
        side_a.extend((s[0], s[1]) for s in m.spans)
        side_b = covered.setdefault((ob, oa), {}).setdefault((m.doc_b, pb.start), [])
        side_b.extend((s[2], s[3]) for s in m.spans)
    shared: dict[tuple[str, str], int] = {}
    for key, per_passage in covered.items():
        total = 0
        for (doc_id, _), ranges in per_passage.items():
            text = corpus.document(doc_id).text
            total += sum(count_words(text[s:e]) for s, e in union_ranges(ranges))
        shared[key] = total
    outlets = sorted(words)
    if len(outlets) <= DENSE_OUTLETS:
        keys = [(a, b) for a in outlets for b in outlets if a != b]
    else:
        keys = sorted(shared)
    rows = [
        {
            "outlet_a": a,
            "outlet_b": b,
            "share": (shared.get((a, b), 0) / words[a]) if words.get(a) else 0.0,
            "words_a": words.get(a, 0),
            "shared_words": shared.get((a, b), 0),
        }
        for a, b in keys
    ]
    return pd.DataFrame(rows, columns=list(CONTAINMENT_COLUMNS)).astype(
        {"outlet_a": "object", "outlet_b": "object", "share": "float64", "words_a": "int64",
         "shared_words": "int64"}
    )


def oriented(m: ReuseMatch) -> ReuseMatch:
    """Return the match with its earlier side as ``a`` (unchanged unless B was published first)."""
    if m.order != "b_first":
        return m
    return ReuseMatch(
        m.b, m.a, m.doc_b, m.doc_a, m.score, tuple((s[2], s[3], s[0], s[1]) for s in m.spans),
        m.coverage_b, m.coverage_a, m.same_document, m.kind, "a_first", m.similarity,
    )


def reuse_table(corpus: Corpus, matches: Sequence[ReuseMatch]) -> pd.DataFrame:
    """Return one row per match, strongest first, oriented earlier -> later, with outlets and texts."""
    docs = {d.doc_id: d for d in corpus.documents}
    text_of = {p.passage_id: p.text for p in corpus.passages}
    rows = []
    for m in sorted(matches, key=lambda m: -m.score):
        m = oriented(m)
        rows.append({
            "a": m.a,
            "b": m.b,
            "doc_a": m.doc_a,
            "doc_b": m.doc_b,
            "outlet_a": docs[m.doc_a].outlet,
            "outlet_b": docs[m.doc_b].outlet,
            "score": m.score,
            "coverage_a": m.coverage_a,
            "coverage_b": m.coverage_b,
            "same_document": m.same_document,
            "text_a": text_of[m.a],
            "text_b": text_of[m.b],
            "n_spans": len(m.spans),
            "spans": m.spans,
            "kind": m.kind,
            "order": m.order,
            "published_a": _day(docs[m.doc_a]),
            "published_b": _day(docs[m.doc_b]),
        })
    return pd.DataFrame(rows, columns=list(REUSE_COLUMNS)).astype(
        {"score": "float64", "coverage_a": "float64", "coverage_b": "float64",
         "same_document": "bool", "n_spans": "int64", "kind": "object", "order": "object",
         "published_a": "object", "published_b": "object"}
    )


def _day(doc: Document) -> str:
    return doc.published.isoformat() if doc.published else ""


def when_label(order: str, published_a: str, published_b: str) -> str:
    """Return the publication order of a pair in words ("2026-01-13 → 2026-01-14", "same day ...")."""
    if order == "a_first":
        return f"{published_a} → {published_b}"
    if order == "b_first":
        return f"{published_b} → {published_a}"
    if order == "same_day":
        return f"same day ({published_a})"
    return "date unknown"


REUSE_EXPORT_COLUMNS: tuple[str, ...] = (
    "a", "b", "score", "spans", "doc_a", "doc_b", "coverage_a", "coverage_b", "same_document",
    "kind", "order", "similarity",
)


def reuse_rows(matches: Sequence[ReuseMatch]) -> list[dict]:
    """Return the `reuse` table for these matches."""
    return [
        {
            "a": m.a,
            "b": m.b,
            "score": m.score,
            "spans": [list(s) for s in m.spans],
            "doc_a": m.doc_a,
            "doc_b": m.doc_b,
            "coverage_a": m.coverage_a,
            "coverage_b": m.coverage_b,
            "same_document": m.same_document,
            "kind": m.kind,
            "order": m.order,
            "similarity": m.similarity if m.kind in ("paraphrase", "translation") else None,
        }
        for m in matches
    ]


def with_match_ids(pairs: pd.DataFrame) -> pd.DataFrame:
    """Return a reuse table with match_id ("a|b"), a readable outlet pair and shared word counts.

    A match read earlier -> later keeps that side order. Any other (same day, a date unknown) is
    turned so its outlets read in alphabetical order (its A side from the outlet that sorts first,
    spans and dates swapped to match): "fox ↔ hpo" and "hpo ↔ fox" are one pair of outlets, so
    they are one row label.
    """
    out = pairs.copy()
    swap = (out["outlet_a"] > out["outlet_b"]) & (out["order"] != "a_first")
    for left, right in (("a", "b"), ("doc_a", "doc_b"), ("outlet_a", "outlet_b"), ("coverage_a", "coverage_b"),
                        ("text_a", "text_b"), ("published_a", "published_b")):
        out.loc[swap, [left, right]] = out.loc[swap, [right, left]].to_numpy()
    out["spans"] = pd.Series([tuple((s[2], s[3], s[0], s[1]) for s in spans) if turn else spans
                              for spans, turn in zip(out["spans"], swap, strict=True)], index=out.index, dtype=object)
    out.insert(0, "match_id", out["a"] + "|" + out["b"])
    # Earlier -> later when the dates say so; otherwise one label per outlet pair, names sorted.
    out["pair"] = [
        f"{a} → {b}" if order == "a_first" else " ↔ ".join(sorted((a, b)))
        for a, b, order in zip(out["outlet_a"], out["outlet_b"], out["order"], strict=True)
    ]
    out["when"] = [when_label(o, x, y) for o, x, y in zip(out["order"], out["published_a"], out["published_b"], strict=True)]
    out["words"] = [
        round(cov * count_words(text)) for cov, text in zip(out["coverage_a"], out["text_a"], strict=True)
    ]
    return out.astype({"words": "int64"})


def pairs_between(pairs: pd.DataFrame, *, outlet_a: str | None, outlet_b: str | None, same_document: bool,
                  quotes: bool = True) -> pd.DataFrame:
    """Return the matches between two outlets (either direction; None: any outlet), each with a unique label.

    ``quotes=False`` leaves out shared quotes (outlets quoting one speaker, not copying each other).

    The label ("#3 · fox ↔ hpo · 87 · first words of passage A…") starts with the row's number
    in this table, so two matches of the same outlets, score and opening words stay apart.
    """
    keep = pd.Series(True, index=pairs.index) if same_document else ~pairs["same_document"]
    if not quotes:
        keep &= pairs["kind"] != "quote"
    for outlet in (outlet_a, outlet_b):
        if outlet is not None:
            keep &= (pairs["outlet_a"] == outlet) | (pairs["outlet_b"] == outlet)
    if outlet_a is not None and outlet_b is not None and outlet_a != outlet_b:
        keep &= pairs["outlet_a"] != pairs["outlet_b"]
    out = pairs[keep].reset_index(drop=True)
    out["label"] = [
        f"#{n} · {pair} · {score:.0f} · {_opening(text)}"
        for n, (pair, score, text) in enumerate(zip(out["pair"], out["score"], out["text_a"], strict=True), start=1)
    ]
    return out.astype({"label": "object"})


def _opening(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + "…"


def reused_passage_count(corpus: Corpus, matches: Iterable[ReuseMatch]) -> int:
    """Return how many passages have a match in another outlet."""
    outlet_of = {d.doc_id: d.outlet for d in corpus.documents}
    return len({pid for m in matches if outlet_of[m.doc_a] != outlet_of[m.doc_b] for pid in (m.a, m.b)})


CLUSTER_COLUMNS = ("cluster_id", "outlets", "n_outlets", "n_passages", "earliest", "first_date", "sources", "text")

SAME_DAY = "same day"  # every version is dated and the first date is shared
UNKNOWN = "—"  # a version has no date


def clusters_with(clusters: Iterable[ReuseCluster], outlets: Iterable[str | None]) -> tuple[ReuseCluster, ...]:
    """Return the clusters that hold a version from every one of these outlets (None: any outlet)."""
    wanted = {o for o in outlets if o is not None}
    return tuple(c for c in clusters if wanted <= set(c.outlets))


def clusters_table(
    corpus: Corpus, clusters: Iterable[ReuseCluster], provenance: Iterable[ClusterProvenance] = ()
) -> pd.DataFrame:
    """Return one row per reuse cluster: outlets, size, who published first, named sources, the first version.

    ``earliest`` is the outlet that reported it first, "same day" when the first date is shared,
    or "—" when a version has no date (the outlets of the first day are in ``outlets``, the
    sources they credit in ``sources``); the text shown is the earliest version's.
    """
    text_of = {p.passage_id: p.text for p in corpus.passages}
    doc_of = {p.passage_id: p.doc_id for p in corpus.passages}
    known = {p.cluster_id: p for p in provenance}
    rows = []
    for c in clusters:
        prov = known.get(c.cluster_id)
        first = prov.earliest_doc_ids if prov else ()
        sample = next((pid for pid in c.passage_ids if doc_of.get(pid) in first), c.passage_ids[0])
        rows.append((
            c.cluster_id, ", ".join(c.outlets), len(c.outlets), len(c.passage_ids),
            _first_label(prov) if prov else _earliest_label(corpus, c),
            prov.first_date.isoformat() if prov and prov.first_date else "",
            ", ".join(f"{name} ({n})" for name, n in prov.named_sources) if prov else "",
            text_of.get(sample, ""),
        ))
    return pd.DataFrame(rows, columns=list(CLUSTER_COLUMNS)).astype({"n_outlets": "int64", "n_passages": "int64"})


def narration(matches: Iterable[ReuseMatch]) -> tuple[ReuseMatch, ...]:
    """Return the matches that are copied text (every kind but shared quotes)."""
    return tuple(m for m in matches if m.kind in NARRATION_KINDS)


QUOTE_EXPORT_COLUMNS: tuple[str, ...] = (
    "quote_id", "doc_id", "passage_id", "outlet", "published", "start", "end", "text", "speaker",
    "quoted_speaker", "variant", "reference", "diff",
)


def quote_rows(groups: Sequence[QuoteGroup]) -> list[dict]:
    """Return the `quotes` table: one row per quotation per outlet's article, with its variant class."""
    return [
        {
            "quote_id": g.group_id,
            "doc_id": v.quotation.doc_id,
            "passage_id": v.quotation.passage_id,
            "outlet": v.outlet,
            "published": v.published.isoformat() if v.published else None,
            "start": v.quotation.start,
            "end": v.quotation.end,
            "text": v.quotation.text,
            "speaker": g.speaker,
            "quoted_speaker": v.quotation.speaker,
            "variant": v.variant,
            "reference": v.reference,
            "diff": [list(d) for d in v.diff],
        }
        for g in groups
        for v in g.variants
    ]


QUOTE_GROUP_COLUMNS = ("quote_id", "speaker", "n_outlets", "outlets", "variants", "text")


def quote_groups_table(groups: Sequence[QuoteGroup]) -> pd.DataFrame:
    """Return one row per multi-outlet quotation: speaker, outlets, the variant classes and the reference wording."""
    rows = []
    for g in groups:
        classes: list[str] = [v.variant for v in g.variants if not v.reference]
        rows.append((g.group_id, g.speaker, len(g.outlets), ", ".join(g.outlets),
                     ", ".join(sorted(set(classes), key=classes.index)) or "verbatim", g.reference.quotation.text))
    return pd.DataFrame(rows, columns=list(QUOTE_GROUP_COLUMNS)).astype({"n_outlets": "int64"})


QUOTE_VARIANT_COLUMNS = ("outlet", "published", "variant", "speaker", "text", "changes", "doc_id", "passage_id",
                         "start", "end")


def quote_variants_table(group: QuoteGroup) -> pd.DataFrame:
    """Return each outlet's wording of one quotation, reference first, with the changes in words."""
    rows = []
    for v in sorted(group.variants, key=lambda v: not v.reference):
        changes = "; ".join(
            f"“{old}” → “{new}”" if op == "replace" else (f"added “{new}”" if op == "insert" else f"left out “{old}”")
            for op, old, new in v.diff
        )
        rows.append((v.outlet, v.published.isoformat() if v.published else "", "reference" if v.reference else v.variant,
                     v.quotation.speaker, v.quotation.text, changes, v.quotation.doc_id, v.quotation.passage_id,
                     v.quotation.start, v.quotation.end))
    return pd.DataFrame(rows, columns=list(QUOTE_VARIANT_COLUMNS)).astype({"start": "int64", "end": "int64"})


ARTICLE_PAIR_EXPORT_COLUMNS: tuple[str, ...] = (
    "doc_a", "doc_b", "order", "share_a", "share_b", "quoted_a", "quoted_b", "verdict", "derived", "n_matches",
)


def article_pair_rows(pairs: Sequence[ArticlePair]) -> list[dict]:
    """Return the `article_pairs` table."""
    return [{c: getattr(p, c) for c in ARTICLE_PAIR_EXPORT_COLUMNS} for p in pairs]


ARTICLE_PAIR_COLUMNS = ("pair_id", "earlier", "later", "when", "verdict", "derived_share", "share_a", "share_b",
                        "quoted", "title_a", "title_b", "doc_a", "doc_b", "n_matches")


def article_pairs_table(corpus: Corpus, pairs: Sequence[ArticlePair]) -> pd.DataFrame:
    """Return one row per article pair oriented earlier -> later, with both shares and the verdict."""
    rows = []
    for p in pairs:
        a, b, share_a, share_b = p.doc_a, p.doc_b, p.share_a, p.share_b
        if p.order == "b_first":
            a, b, share_a, share_b = b, a, share_b, share_a
        da, db = corpus.document(a), corpus.document(b)
        order = "a_first" if p.order in ("a_first", "b_first") else p.order
        derived = share_b if order == "a_first" else max(share_a, share_b)
        rows.append((f"{a}|{b}", da.outlet, db.outlet, when_label(order, _day(da), _day(db)), p.verdict, derived,
                     share_a, share_b, max(p.quoted_a, p.quoted_b), da.title or a, db.title or b, a, b, p.n_matches))
    return pd.DataFrame(rows, columns=list(ARTICLE_PAIR_COLUMNS)).astype(
        {"derived_share": "float64", "share_a": "float64", "share_b": "float64", "quoted": "float64", "n_matches": "int64"})


def article_pairs_between(table: pd.DataFrame, *, outlet_a: str | None, outlet_b: str | None) -> pd.DataFrame:
    """Return the article pairs involving the chosen outlets (either side; None: any outlet).

    With two different outlets chosen, only pairs of one article from each are kept, as in
    ``pairs_between``.
    """
    keep = pd.Series(True, index=table.index)
    for outlet in (outlet_a, outlet_b):
        if outlet is not None:
            keep &= (table["earlier"] == outlet) | (table["later"] == outlet)
    if outlet_a is not None and outlet_b is not None and outlet_a != outlet_b:
        keep &= table["earlier"] != table["later"]
    return table[keep].reset_index(drop=True)


def _first_label(provenance: ClusterProvenance) -> str:
    if provenance.status == "earliest":
        return provenance.first_reported_by
    return SAME_DAY if provenance.status == "same_day" else UNKNOWN


def _earliest_label(corpus: Corpus, cluster: ReuseCluster) -> str:
    if cluster.earliest_doc_id:
        return corpus.document(cluster.earliest_doc_id).outlet
    dated = all(corpus.document(d).published is not None for d in cluster.doc_ids)
    return SAME_DAY if dated else UNKNOWN


def shared_words(containment: pd.DataFrame, outlet_a: str, outlet_b: str) -> int:
    """Return how many of outlet A's article words are found in outlet B (0 when the pair is not listed)."""
    row = containment[(containment["outlet_a"] == outlet_a) & (containment["outlet_b"] == outlet_b)]
    return int(row["shared_words"].iloc[0]) if len(row) else 0


def most_shared_pair(containment: pd.DataFrame) -> tuple[str, str] | None:
    """Return the two outlets that share the most words (both directions added), or None when none share any."""
    totals: dict[tuple[str, str], int] = {}
    for a, b, words in zip(containment["outlet_a"], containment["outlet_b"], containment["shared_words"], strict=True):
        pair = (min(a, b), max(a, b))
        totals[pair] = totals.get(pair, 0) + int(words)
    best = max(sorted(totals), key=lambda pair: totals[pair], default=None)
    return best if best is not None and totals[best] > 0 else None
