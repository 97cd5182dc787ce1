"""Alignment of one candidate pair: the runs of shared words inside two passages.

The words of both passages (as matching keys) are aligned with RapidFuzz's Indel opcodes,
which give the longest common subsequence of words. Equal blocks separated by small gaps
(a changed, dropped or added word or two) join into one span; a span counts only when it is
long enough and not made of names alone. A second pass over the words left unmatched finds
clauses that were moved (the LCS keeps only one order).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

if TYPE_CHECKING:
    import numpy as np

# Names and numbers are shared by any two articles on one event: they weigh less in a score.
NAME_WEIGHT = 0.5
# Specificity is read from shared runs of this many words (``reuse_index.ngram_counts``).
SPECIFIC_N = 3
# A word of a shared run counts at least this much, however common its n-grams: five words
# of a run weigh one specific word, so a long verbatim run (syndicated copy found in many
# documents) still counts while a short phrase recurring across the corpus does not.
SPECIFIC_FLOOR = 0.2


@dataclass(frozen=True, slots=True)
class WordSpan:
    """One aligned span in word positions: [a_first, a_last] ~ [b_first, b_last], inclusive."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    matched_a: tuple[int, ...]
    matched_b: tuple[int, ...]


def word_weight(is_name: bool) -> float:
    """Return the weight of one word in a score (ordinary words 1, names and numbers less)."""
    return NAME_WEIGHT if is_name else 1.0


def specificity(
    matched: Sequence[tuple[int, int]], grams_a: Sequence[int] | np.ndarray, names_a: Sequence[bool]
) -> float:
    """Return how many of the aligned words are shared by this pair rather than by a phrase.

    ``matched`` holds aligned (a, b) word positions in order; ``grams_a[i]`` is how often the
    ``SPECIFIC_N``-gram starting at word i of A occurs in the corpus. A word inside a run of
    ``SPECIFIC_N`` words aligned without a gap counts 2 / (occurrences of the rarest such
    n-gram holding it), at least ``SPECIFIC_FLOOR``: 1 when only these two passages hold it,
    little when the run recurs all over the corpus (a phrase, or a generated cliche). Aligned
    words outside such runs (lone words bridged across edits) count nothing. Names and numbers
    count ``NAME_WEIGHT`` as much.
    """
    n = SPECIFIC_N
    # Plain lists and no call per word: on Japanese Wikinews this ran for 7,000 pairs and took
    # a sixth of matching with numpy scalars and a weight function.
    counts = grams_a.tolist() if hasattr(grams_a, "tolist") else grams_a
    rarest = [0] * len(matched)
    for t in range(len(matched) - n + 1):
        i, j = matched[t]
        if matched[t + n - 1] != (i + n - 1, j + n - 1):
            continue
        count = max(2, int(counts[i]))
        for u in range(t, t + n):
            if not rarest[u] or count < rarest[u]:
                rarest[u] = count
    return sum(
        max(2.0 / c, SPECIFIC_FLOOR) * (NAME_WEIGHT if names_a[i] else 1.0)
        for (i, _), c in zip(matched, rarest)
        if c
    )


def aligned_spans(
    keys_a: Sequence[int],
    names_a: Sequence[bool],
    keys_b: Sequence[int],
    names_b: Sequence[bool],
    *,
    min_words: int = 5,
    min_plain: int = 3,
    max_gap: int = 2,
    passes: int = 2,
    grams_a: Sequence[int] | np.ndarray | None = None,
    min_specific: float = 0.0,
    min_cover: float = 0.6,
) -> tuple[WordSpan, ...]:
    """Return the accepted spans of shared words between two word sequences, in order of A.

    With ``grams_a`` (n-gram counts of A's words, see ``specificity``), a span also needs a
    specificity of at least ``min_specific``, unless its aligned words make up at least
    ``min_cover`` of both sequences: a phrase that recurs by chance is a part of a sentence,
    while two sentences made mostly of the same words are versions of one sentence.
    """
    a = list(keys_a)
    b = list(keys_b)
    found: list[WordSpan] = []
    for n_pass in range(passes):
        if n_pass:
            # Hide the words already aligned so the next pass can only find other runs.
            for span in found:
                for i in span.matched_a:
                    a[i] = -1 - i
                for j in span.matched_b:
                    b[j] = -1 - len(a) - j
        new = _one_pass(
            a, names_a, b, names_b, min_words, min_plain, max_gap, grams_a, min_specific,
            min_cover,
        )
        if not new:
            break
        found.extend(new)
        unmatched_a = len(a) - sum(len(s.matched_a) for s in found)
        unmatched_b = len(b) - sum(len(s.matched_b) for s in found)
        if min(unmatched_a, unmatched_b) < min_words:
            break
    return tuple(sorted(found, key=lambda s: (s.a_first, s.b_first)))


def _one_pass(
    a: list[int],
    names_a: Sequence[bool],
    b: list[int],
    names_b: Sequence[bool],
    min_words: int,
    min_plain: int,
    max_gap: int,
    grams_a: Sequence[int] | np.ndarray | None,
    min_specific: float,
    min_cover: float,
) -> list[WordSpan]:
    # The equal blocks hold the longest common subsequence: when the (bit-parallel, cut off)
    # distance alone shows it shorter than ``min_words``, no span can come of the pair.
    cutoff = len(a) + len(b) - 2 * min_words
    if cutoff < 0 or Indel.distance(a, b, score_cutoff=cutoff) > cutoff:
        return []
    blocks = [
        (op.src_start, op.dest_start, op.src_end - op.src_start)
        for op in Indel.opcodes(a, b)
        if op.tag == "equal"
    ]
    if sum(n for _, _, n in blocks) < min_words:
        return []
    groups: list[list[tuple[int, int, int]]] = []
    sizes: list[int] = []
    for block in blocks:
        if groups:
            last = groups[-1][-1]
            gap_a = block[0] - (last[0] + last[2])
            gap_b = block[1] - (last[1] + last[2])
            if gap_a <= max_gap and gap_b <= max_gap:
                groups[-1].append(block)
                sizes[-1] += block[2]
                continue
        groups.append([block])
        sizes.append(block[2])
    # Only a group of at least ``min_words - max_gap`` words is extended: every shorter group
    # stays too short, the common case for sentences that share words scattered among their
    # own (Japanese particles).
    least = min_words - max(max_gap, 0)
    if max(sizes) < least:
        return []
    # The LCS breaks ties arbitrarily ("the" may pair with an earlier "the"): let each long
    # enough group pull in equal words just beyond its ends that no other such group holds.
    held_a: set[int] = set()
    held_b: set[int] = set()
    for group, size in zip(groups, sizes):
        if size >= min_words - max_gap:
            for ai, bj, n in group:
                held_a.update(range(ai, ai + n))
                held_b.update(range(bj, bj + n))
    spans = []
    for group, size in zip(groups, sizes):
        if size < least:
            continue
        matched = [(ai + k, bj + k) for ai, bj, n in group for k in range(n)]
        if len(matched) >= min_words - max_gap:
            matched = _extended(matched, a, b, held_a, held_b, max_gap)
        if len(matched) < min_words:
            continue
        if sum(1 for i, _ in matched if not names_a[i]) < min_plain:
            continue
        if (
            grams_a is not None
            and min(len(matched) / len(a), len(matched) / len(b)) < min_cover
            and specificity(matched, grams_a, names_a) < min_specific
        ):
            continue
        held_a.update(i for i, _ in matched)
        held_b.update(j for _, j in matched)
        spans.append(
            WordSpan(
                a_first=matched[0][0],
                a_last=matched[-1][0],
                b_first=matched[0][1],
                b_last=matched[-1][1],
                matched_a=tuple(i for i, _ in matched),
                matched_b=tuple(j for _, j in matched),
            )
        )
    return spans


@lru_cache(maxsize=8)
def _steps(max_gap: int) -> tuple[tuple[int, int], ...]:
    # Skips of up to ``max_gap`` words on each side, fewest words skipped first.
    return tuple(sorted(
        ((da, db) for da in range(max_gap + 1) for db in range(max_gap + 1)),
        key=lambda d: (d[0] + d[1], d),
    ))


def _extended(
    matched: list[tuple[int, int]],
    a: list[int],
    b: list[int],
    held_a: set[int],
    held_b: set[int],
    max_gap: int,
) -> list[tuple[int, int]]:
    steps = _steps(max_gap)
    # ``matched`` runs forward on both sides, so a word left of its first pair or right of its
    # last is never its own: held by another group is enough to refuse it (the sets of its own
    # words cost 0.6 s at 10,000 articles).
    size_a, size_b = len(a), len(b)
    left: list[tuple[int, int]] = []
    i, j = matched[0]
    while True:
        for da, db in steps:
            x, y = i - 1 - da, j - 1 - db
            if x < 0 or y < 0 or a[x] != b[y]:
                continue
            if x in held_a or y in held_b:
                continue
            left.append((x, y))
            i, j = x, y
            break
        else:
            break
    right: list[tuple[int, int]] = []
    i, j = matched[-1]
    while True:
        for da, db in steps:
            x, y = i + 1 + da, j + 1 + db
            if x >= size_a or y >= size_b or a[x] != b[y]:
                continue
            if x in held_a or y in held_b:
                continue
            right.append((x, y))
            i, j = x, y
            break
        else:
            break
    return left[::-1] + matched + right
