"""Reuse clusters: versions of one text across outlets, joined only through overlapping shared text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.reuse.matches import ReuseMatch, passage_order
from analysis.text.records import Corpus


@dataclass(frozen=True, slots=True)
class ReuseCluster:
    """Passages linked by matches: versions of one text across documents and outlets."""

    cluster_id: str
    passage_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    earliest_doc_id: str | None


class DisjointSet:
    """Union-find over the integers 0..n-1; a set is named by its smallest member."""

    def __init__(self, n: int) -> None:
        self._parent = list(range(n))

    def find(self, x: int) -> int:
        """Return the smallest member of the set holding ``x`` (path halving keeps it near O(1))."""
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        """Join the sets holding ``x`` and ``y``."""
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self._parent[max(rx, ry)] = min(rx, ry)



def reuse_clusters(
    corpus: Corpus,
    matches: Sequence[ReuseMatch],
    *,
    min_outlets: int = 3,
    min_overlap: float = 0.5,
) -> tuple[ReuseCluster, ...]:
    """Return groups of passages that are versions of one text, across ``min_outlets`` outlets.

    Matches link passages through the text they share, not through the passage alone: two
    matches of one passage join one cluster only when the parts of it they cover overlap by
    at least ``min_overlap`` of the shorter part. A sentence that took one clause from one
    source and another clause from another belongs to two clusters, and the two unrelated
    sources are not chained together through it (single-link chaining over whole passages
    merged unrelated passages into ever larger clusters at low thresholds).

    A passage can therefore be in more than one cluster. The earliest document is named only
    when every document of the cluster has a publication date and one date is strictly the
    earliest. Clusters come largest first.
    """
    sets = DisjointSet(2 * len(matches))
    find, union = sets.find, sets.union

    # Node 2k is match k's side in passage a, node 2k + 1 its side in passage b.
    sides: dict[str, list[tuple[int, int, int]]] = {}
    for k, m in enumerate(matches):
        union(2 * k, 2 * k + 1)
        sides.setdefault(m.a, []).append(
            (min(s[0] for s in m.spans), max(s[1] for s in m.spans), 2 * k))
        sides.setdefault(m.b, []).append(
            (min(s[2] for s in m.spans), max(s[3] for s in m.spans), 2 * k + 1))
    passage_of_node: dict[int, str] = {}
    for pid, intervals in sides.items():
        regions: list[list[int]] = []  # [start, end, node]
        for start, end, node in sorted(intervals):
            passage_of_node[node] = pid
            best, best_share = None, min_overlap
            for region in regions:
                overlap = min(end, region[1]) - max(start, region[0])
                share = overlap / max(1, min(end - start, region[1] - region[0]))
                if share >= best_share and (best is None or share > best_share):
                    best, best_share = region, share
            if best is None:
                regions.append([start, end, node])
            else:
                best[1] = max(best[1], end)
                union(node, best[2])
    groups: dict[int, set[str]] = {}
    for node, pid in passage_of_node.items():
        groups.setdefault(find(node), set()).add(pid)
    order = passage_order(corpus)
    doc_of = {p.passage_id: p.doc_id for p in corpus.passages}
    found = []
    for group in groups.values():
        members = sorted(group, key=lambda pid: order.get(pid, (pid, 0)))
        docs = sorted({doc_of[pid] for pid in members})
        outlets = sorted({corpus.document(d).outlet for d in docs})
        if len(outlets) < min_outlets:
            continue
        found.append((tuple(members), tuple(docs), tuple(outlets)))
    found.sort(key=lambda g: (-len(g[2]), -len(g[0]), order.get(g[0][0], (g[0][0], 0)),
                              [order.get(pid, (pid, 0)) for pid in g[0]]))
    return tuple(
        ReuseCluster(
            cluster_id=f"reuse-{n}",
            passage_ids=members,
            doc_ids=docs,
            outlets=outlets,
            earliest_doc_id=_earliest(corpus, docs),
        )
        for n, (members, docs, outlets) in enumerate(found, start=1)
    )


def _earliest(corpus: Corpus, doc_ids: Sequence[str]) -> str | None:
    dated = [(corpus.document(d).published, d) for d in doc_ids]
    if any(day is None for day, _ in dated):
        return None
    dated.sort()
    if len(dated) > 1 and dated[0][0] == dated[1][0]:
        return None
    return dated[0][1]
