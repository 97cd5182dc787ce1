"""Reuse results as tables: matches, outlet-to-outlet containment, and the export rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.reuse.clusters import ReuseCluster
from analysis.reuse.matches import ReuseMatch, union_ranges
from analysis.text.records import Corpus, article_words, count_words

REUSE_COLUMNS: tuple[str, ...] = (
    "a", "b", "doc_a", "doc_b", "outlet_a", "outlet_b", "score", "coverage_a", "coverage_b",
    "same_document", "text_a", "text_b", "n_spans", "spans",
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


def reuse_table(corpus: Corpus, matches: Sequence[ReuseMatch]) -> pd.DataFrame:
    """Return one row per match, strongest first, with outlets and passage texts."""
    outlet_of = {d.doc_id: d.outlet for d in corpus.documents}
    text_of = {p.passage_id: p.text for p in corpus.passages}
    rows = [
        {
            "a": m.a,
            "b": m.b,
            "doc_a": m.doc_a,
            "doc_b": m.doc_b,
            "outlet_a": outlet_of[m.doc_a],
            "outlet_b": outlet_of[m.doc_b],
            "score": m.score,
            "coverage_a": m.coverage_a,
            "coverage_b": m.coverage_b,
            "same_document": m.same_document,
            "text_a": text_of[m.a],
            "text_b": text_of[m.b],
            "n_spans": len(m.spans),
            "spans": m.spans,
        }
        for m in sorted(matches, key=lambda m: -m.score)
    ]
    return pd.DataFrame(rows, columns=list(REUSE_COLUMNS)).astype(
        {"score": "float64", "coverage_a": "float64", "coverage_b": "float64",
         "same_document": "bool", "n_spans": "int64"}
    )


REUSE_EXPORT_COLUMNS: tuple[str, ...] = (
    "a", "b", "score", "spans", "doc_a", "doc_b", "coverage_a", "coverage_b", "same_document",
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
        }
        for m in matches
    ]


def with_match_ids(pairs: pd.DataFrame) -> pd.DataFrame:
    """Return a reuse table with match_id ("a|b"), a readable outlet pair and shared word counts.

    Each match between two outlets is turned so its outlets read in alphabetical order (its A
    side from the outlet that sorts first, spans swapped to match): "fox ↔ hpo" and "hpo ↔ fox"
    are one pair of outlets, so they are one row label.
    """
    out = pairs.copy()
    swap = out["outlet_a"] > out["outlet_b"]
    for left, right in (("a", "b"), ("doc_a", "doc_b"), ("outlet_a", "outlet_b"), ("coverage_a", "coverage_b"),
                        ("text_a", "text_b")):
        out.loc[swap, [left, right]] = out.loc[swap, [right, left]].to_numpy()
    out["spans"] = pd.Series([tuple((s[2], s[3], s[0], s[1]) for s in spans) if turn else spans
                              for spans, turn in zip(out["spans"], swap, strict=True)], index=out.index, dtype=object)
    out.insert(0, "match_id", out["a"] + "|" + out["b"])
    out["pair"] = out["outlet_a"] + " ↔ " + out["outlet_b"]
    out["words"] = [
        round(cov * count_words(text)) for cov, text in zip(out["coverage_a"], out["text_a"], strict=True)
    ]
    return out.astype({"words": "int64"})


def pairs_between(pairs: pd.DataFrame, *, outlet_a: str | None, outlet_b: str | None, same_document: bool) -> pd.DataFrame:
    """Return the matches between two outlets (either direction; None: any outlet), each with a unique label.

    The label ("#3 · fox ↔ hpo · 87 · first words of passage A…") starts with the row's number
    in this table, so two matches of the same outlets, score and opening words stay apart.
    """
    keep = pd.Series(True, index=pairs.index) if same_document else ~pairs["same_document"]
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


CLUSTER_COLUMNS = ("cluster_id", "outlets", "n_outlets", "n_passages", "earliest", "text")

SAME_DAY = "same day"  # every version is dated and the first date is shared
UNKNOWN = "—"  # a version has no date


def clusters_with(clusters: Iterable[ReuseCluster], outlets: Iterable[str | None]) -> tuple[ReuseCluster, ...]:
    """Return the clusters that hold a version from every one of these outlets (None: any outlet)."""
    wanted = {o for o in outlets if o is not None}
    return tuple(c for c in clusters if wanted <= set(c.outlets))


def clusters_table(corpus: Corpus, clusters: Iterable[ReuseCluster]) -> pd.DataFrame:
    """Return one row per reuse cluster: outlets, size, the earliest outlet and a sample text.

    ``earliest`` is the outlet that published first, "same day" when the first date is shared,
    or "—" when a version has no date.
    """
    text_of = {p.passage_id: p.text for p in corpus.passages}
    rows = [
        (
            c.cluster_id, ", ".join(c.outlets), len(c.outlets), len(c.passage_ids),
            _earliest_label(corpus, c), text_of.get(c.passage_ids[0], ""),
        )
        for c in clusters
    ]
    return pd.DataFrame(rows, columns=list(CLUSTER_COLUMNS)).astype({"n_outlets": "int64", "n_passages": "int64"})


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
