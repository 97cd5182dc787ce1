"""Article-level reuse: how much of each article is derived from the other, and every shared run.

For a pair of articles with matches, the share of each one's article words covered by
narration it shares with the other (verbatim and near-verbatim spans, paraphrased and
translated sentences), both ways; shared quotes are counted apart (quoting one speaker is not
deriving). The verdict reads the share of the derived side (the later article; the larger
share when the order is unknown): ``wholly`` from ``WHOLLY`` up, ``partially`` from
``PARTIALLY``, else ``not``.

``shared_runs`` lists every run of at least three words two articles share, as churnalism
tools highlight them, whether or not it alone would make a match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from analysis.reuse.index import TOKEN, normal_form
from analysis.reuse.matches import NARRATION_KINDS, Order, ReuseMatch, publication_order, union_ranges
from analysis.text.records import Corpus

Verdict = Literal["wholly", "partially", "not"]
VERDICTS: tuple[Verdict, ...] = ("wholly", "partially", "not")
WHOLLY = 0.6
PARTIALLY = 0.1


@dataclass(frozen=True, slots=True)
class ArticlePair:
    """Two articles sharing text: the share of each derived from the other, and a verdict.

    ``doc_a`` sorts before ``doc_b``; ``share_a`` is the share of A's article text (characters of
    its title and body) found (as narration) in B, ``quoted_a`` the share in quotes both carry. ``derived`` names the side
    the verdict reads: ``a`` or ``b`` (the later one) or ``either`` (same day or date unknown).
    """

    doc_a: str
    doc_b: str
    order: Order
    share_a: float
    share_b: float
    quoted_a: float
    quoted_b: float
    verdict: Verdict
    derived: Literal["a", "b", "either"]
    n_matches: int


def verdict_of(share: float) -> Verdict:
    """Return the verdict for the share of an article derived from another."""
    if share >= WHOLLY:
        return "wholly"
    if share >= PARTIALLY:
        return "partially"
    return "not"


def article_pairs(corpus: Corpus, matches: Sequence[ReuseMatch]) -> tuple[ArticlePair, ...]:
    """Return one record per pair of articles with a match, most derived first."""
    grouped: dict[tuple[str, str], list[ReuseMatch]] = {}
    for m in matches:
        if not m.same_document:
            grouped.setdefault((m.doc_a, m.doc_b) if m.doc_a < m.doc_b else (m.doc_b, m.doc_a), []).append(m)
    words: dict[str, int] = {}
    out: list[ArticlePair] = []
    for (a, b), found in grouped.items():
        ranges: dict[tuple[str, bool], list[tuple[int, int]]] = {}
        for m in found:
            quoted = m.kind not in NARRATION_KINDS
            side_a, side_b = (m.doc_a, m.doc_b)
            for s in m.spans:
                ranges.setdefault((side_a, quoted), []).append((s[0], s[1]))
                ranges.setdefault((side_b, quoted), []).append((s[2], s[3]))

        def share(doc_id: str, quoted: bool, ranges: dict = ranges) -> float:
            # In characters of article text: counting words cost 5 s at 10,000 articles, and
            # the two agree to a few points on prose.
            if doc_id not in words:
                words[doc_id] = sum(p.end - p.start for p in corpus.passages_of(doc_id) if p.is_article)
            n = sum(e - s for s, e in union_ranges(ranges.get((doc_id, quoted), [])))
            return round(min(1.0, n / words[doc_id]), 4) if words[doc_id] else 0.0

        order = publication_order(corpus.document(a), corpus.document(b))
        share_a, share_b = share(a, False), share(b, False)
        derived: Literal["a", "b", "either"] = {"a_first": "b", "b_first": "a"}.get(order, "either")  # type: ignore[assignment]
        read = {"a": share_a, "b": share_b}.get(derived, max(share_a, share_b))
        out.append(ArticlePair(a, b, order, share_a, share_b, share(a, True), share(b, True),
                               verdict_of(read), derived, len(found)))
    out.sort(key=lambda p: (VERDICTS.index(p.verdict), -max(p.share_a, p.share_b), p.doc_a, p.doc_b))
    return tuple(out)


def shared_runs(corpus: Corpus, doc_a: str, doc_b: str, *, min_words: int = 3) -> tuple[tuple[int, int, int, int], ...]:
    """Return every maximal run of at least ``min_words`` words the two articles share.

    Each run is (a_start, a_end, b_start, b_end), offsets into the two documents' texts; words
    compare by matching key (case and light inflection aside). A run of A may pair with several
    places in B.
    """
    words_a = _article_tokens(corpus, doc_a)
    words_b = _article_tokens(corpus, doc_b)
    keys_a = [k for k, _, _ in words_a]
    keys_b = [k for k, _, _ in words_b]
    starts: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(keys_a) - min_words + 1):
        starts.setdefault(tuple(keys_a[i : i + min_words]), []).append(i)
    runs = []
    for j in range(len(keys_b) - min_words + 1):
        for i in starts.get(tuple(keys_b[j : j + min_words]), ()):
            if i and j and keys_a[i - 1] == keys_b[j - 1]:
                continue  # not the start of a maximal run
            n = min_words
            while i + n < len(keys_a) and j + n < len(keys_b) and keys_a[i + n] == keys_b[j + n]:
                n += 1
            runs.append((words_a[i][1], words_a[i + n - 1][2], words_b[j][1], words_b[j + n - 1][2]))
    return tuple(sorted(set(runs)))


def _article_tokens(corpus: Corpus, doc_id: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for p in corpus.passages_of(doc_id):
        if p.is_article:
            out.extend((normal_form(m.group()), p.start + m.start(), p.start + m.end()) for m in TOKEN.finditer(p.text))
    return out
