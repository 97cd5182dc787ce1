"""Reuse: which article passages are versions of one another, with the shared spans aligned.

Two steps keep the cost close to linear in the size of the corpus:

1. candidates (``analysis.reuse.index``): passages that share a rare word 4-gram, found by
   sorting hashed n-grams; n-grams made mostly of names and titles, and stock phrases found
   in a large share of a large corpus (``STOCK_MIN_DOCS``), are no evidence. Identical
   passages (a wire sentence carried by many outlets) are grouped first by a hash of their
   words and count as one text, so N copies cost O(N) and never look like a stock phrase;
2. alignment (``analysis.reuse.align``): each candidate pair is aligned word by word with
   RapidFuzz, the shared runs become spans (document offsets, several per pair when the
   reuse is split), and the pair is scored.

A span must be specific to the pair: its words are weighed by how often the three-word runs
holding them occur in the corpus (1 for a run only these two passages hold, 2/k for one held
k times), unless it makes up most of both passages. Counting words alone, short runs that
recur by chance (phrases such as "the top Democrat on the Senate Intelligence Committee")
produced false matches that multiplied with corpus size: at 100k articles a sixth of the
reported matches. Frequencies grow with the corpus, so the rule tightens as it grows.

Only article passages (title and body) take part: boilerplate and related-article blocks are
never reuse. A passage is one sentence, so a copied paragraph shows as one match per sentence.

Pairs for text carried by many outlets: up to ``fanout`` (32) versions of one sentence, every
pair of versions is a match (N(N-1)/2); beyond, each version is matched with one
representative, the earliest version (by publication date, then document id), so the output
stays linear, and ``reuse_clusters`` groups the whole star into one cluster.

The score (0-100) is the strength of the evidence, not the share of a passage: it grows with
the length of what is shared and its rarity, as ``100 * (1 - exp(-evidence / EVIDENCE_SCALE))``
where evidence is the shared words (names and numbers half) times the smaller share of a
passage they make, plus half their specificity (``align.specificity``: runs only this pair
holds count fully, runs that recur across the corpus little). A copied 25-word sentence scores
about 99, a whole four-word sentence ("Some phony theology.") about 50, a long phrase inside
two long sentences less: when the score was the share of the shorter passage, such fragments
scored 100 and topped the ranking. The share stays in ``coverage_a`` / ``coverage_b``. The score does not
depend on the threshold, so ``reuse_matches(corpus, min_score=0)`` can be computed once and
cut cheaply with ``matches_above`` when a threshold moves.

Each match says what it is (``kind``): ``quote`` when the shared text lies inside quotation
marks on both sides (outlets quoting one speaker: not copying), ``verbatim`` when the shared
words are identical, ``near_verbatim`` when they were edited. ``order`` says which side was
published first (``a_first``, ``b_first``, ``same_day``, ``date_unknown``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Literal

import numpy as np

from analysis.reuse.align import NAME_WEIGHT, SPECIFIC_N, WordSpan, aligned_spans, specificity, word_weight
from analysis.reuse.index import (
    Vocabulary,
    candidate_pairs,
    duplicate_groups,
    ngram_counts,
    token_arrays,
    word_offsets,
)
from analysis.text.quotes import QuoteMap
from analysis.text.quotes import quote_map as document_quote_map
from analysis.text.records import Corpus, Document, Passage, records_in_bulk

Span = tuple[int, int, int, int]
ReuseKind = Literal["verbatim", "near_verbatim", "paraphrase", "translation", "quote"]
REUSE_KINDS: tuple[ReuseKind, ...] = ("verbatim", "near_verbatim", "paraphrase", "translation", "quote")
# Kinds that are copied text (narration); a shared quote is the same speaker quoted twice.
NARRATION_KINDS: frozenset[str] = frozenset({"verbatim", "near_verbatim", "paraphrase", "translation"})
Order = Literal["a_first", "b_first", "same_day", "date_unknown"]


# Specific words (see the module docstring) at which the score reaches 1 - 1/e (63).
EVIDENCE_SCALE = 8.0


# The default threshold: the lowest at which narration shared by BASIL articles on different
# events (chance) is under 5 % of the narration matches (benchmarks/reuse_calibration.py: at
# 50, 1 chance match against 75 same-event ones, 0.02 per 1,000 unrelated article pairs;
# planted copies up to 20 % edits kept at recall 0.96 and precision 1.0).
DEFAULT_MIN_SCORE = 50.0


# A match is a shared quote when at least this share of its shared characters, on both sides,
# is inside quotation marks.
QUOTED_SHARE = 0.8


# An n-gram is a stock phrase (no evidence) only when found in more documents than this, or
# than ``max_doc_share`` of the documents if more: in a corpus of a few thousand articles, a
# phrase in a dozen of them is still evidence, and a sentence carried by a hundred outlets
# is syndicated copy (its copies count once anyway, see ``reuse_index.duplicate_groups``).
STOCK_MIN_DOCS = 200


# Next to a match inside a copied paragraph, a short sentence needs this much.
NEIGHBOUR_MIN_WORDS = 3


NEIGHBOUR_MIN_SCORE = 60.0


@dataclass(frozen=True, slots=True)
class ReuseMatch:
    """Two article passages sharing text: aligned spans (document offsets) and a score.

    ``a`` sorts before ``b`` (document id, then text order). Each span is
    (a_start, a_end, b_start, b_end), offsets into the texts of ``doc_a`` and ``doc_b``.
    """

    a: str
    b: str
    doc_a: str
    doc_b: str
    score: float
    spans: tuple[Span, ...]
    coverage_a: float
    coverage_b: float
    same_document: bool
    kind: ReuseKind = "near_verbatim"
    order: Order = "date_unknown"
    similarity: float = 0.0  # sentence-encoder cosine, for paraphrase and translation only


def reuse_matches(
    corpus: Corpus,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    min_words: int = 7,
    min_plain: int = 3,
    min_specific: float = 3.0,
    min_cover: float = 0.6,
    max_gap: int = 2,
    ngram: int = 4,
    fanout: int = 32,
    max_doc_share: float = 0.05,
) -> tuple[ReuseMatch, ...]:
    """Return the pairs of article passages that share text, with aligned spans and a score.

    Parameters
    ----------
    min_score: keep matches scoring at least this (0-100).
    min_words, min_plain: a span needs this many aligned words, of which this many are not
        names or numbers.
    min_specific: and this much specificity (``reuse_align.specificity``): roughly, this many
        aligned words in runs of three that no other passage of the corpus holds. Runs that
        recur across the corpus (phrases) weigh less the more often they recur, so chance
        overlaps do not multiply as the corpus grows.
    min_cover: a span making up at least this share of the words of both passages needs no
        specificity (two sentences made mostly of the same words are versions of one).
    max_gap: aligned runs separated by at most this many words (on each side) form one span.
    ngram: length of the word n-grams that make candidates.
    fanout: an n-gram shared by more passages than this links them through one hub passage;
        a text copied more often than this pairs each copy with its earliest copy only.
    max_doc_share: an n-gram in more than this share of documents (and more than
        ``STOCK_MIN_DOCS``) is a stock phrase, not evidence. Copies of one text count once.

    Identical passages (same words, see ``reuse_index.duplicate_groups``) are one text for
    candidate search, however many outlets carry them. Up to ``fanout`` copies, every pair of
    copies is reported; beyond, a star: each copy is paired with the earliest one (the first
    by publication date, then document id), and ``reuse_clusters`` groups them all.

    Next to a match, the neighbouring sentences of the same paragraphs on both sides are
    aligned with relaxed span rules (``NEIGHBOUR_MIN_WORDS``) and kept when they score at least
    ``NEIGHBOUR_MIN_SCORE``: a copied paragraph carries its short sentences along.

    Returns the matches sorted by (a, b) in document-id then text order.
    """
    passages = _canonical_passages(corpus)
    if len(passages) < 2:
        return ()
    vocabulary = Vocabulary()
    # Words in each document's language: Korean, Japanese and Chinese text is segmented.
    languages = [corpus.document(p.doc_id).language for p in passages]
    tokens = token_arrays([p.text for p in passages], vocabulary, languages=languages)
    doc_index: dict[str, int] = {}
    passage_docs = np.array(
        [doc_index.setdefault(p.doc_id, len(doc_index)) for p in passages], dtype=np.int32
    )
    rep = duplicate_groups(tokens, len(passages), min_words=min_words)
    indexed = rep == np.arange(len(passages))
    max_docs = max(STOCK_MIN_DOCS, int(max_doc_share * len(doc_index)))
    distinct = candidate_pairs(
        tokens, passage_docs, n=ngram, min_plain=2, fanout=fanout, max_docs=max_docs,
        indexed=indexed,
    )
    pairs = _copy_pairs(distinct, rep, fanout=fanout)
    grams = ngram_counts(tokens, n=SPECIFIC_N, counted=indexed)
    del indexed, rep, distinct
    bounds = np.searchsorted(tokens.passage, np.arange(len(passages) + 1))
    keys_all, names_all = tokens.keys, tokens.names
    # Per passage, its word count and its words that are not names: a pair is turned away on
    # these before its words are read (see ``match``).
    lengths = np.diff(bounds).tolist()
    plain = np.bincount(tokens.passage[~names_all], minlength=len(passages)).tolist()

    edges = bounds.tolist()  # plain ints: a numpy scalar per look-up cost as much as the slice
    # A passage's words and their offsets, read once for its pairs (1,232 passages in the 1,437
    # pairs of 400 KB of prose on one line, 507 in its 336 matches; 2.6 % fewer instructions for
    # the whole analysis of reuse under callgrind): a few thousand kept, and dropped together
    # beyond (alignment copies what it is given; nothing alters them).
    read: dict[int, tuple[list[int], list[bool], float]] = {}
    located: dict[int, list[tuple[int, int]]] = {}

    def words(i: int) -> tuple[list[int], list[bool], float]:
        got = read.get(i)
        if got is None:
            if len(read) >= _KEPT_PASSAGES:
                read.clear()
            lo, hi = edges[i], edges[i + 1]
            names = names_all[lo:hi].tolist()
            n_names = names.count(True)
            got = read[i] = (keys_all[lo:hi].tolist(), names, len(names) - n_names + n_names * word_weight(True))
        return got

    def offsets(i: int) -> list[tuple[int, int]]:
        got = located.get(i)
        if got is None:
            if len(located) >= _KEPT_PASSAGES:
                located.clear()
            got = located[i] = word_offsets(passages[i].text, languages[i])
        return got

    quote_maps: dict[str, QuoteMap] = {}

    def quote_map(doc_id: str) -> QuoteMap:
        qmap = quote_maps.get(doc_id)
        if qmap is None:
            qmap = quote_maps[doc_id] = document_quote_map(corpus.document(doc_id).text, corpus.passages_of(doc_id))
        return qmap

    def match(
        i: int, j: int, words_needed: int, plain_needed: int, specific_needed: float
    ) -> tuple[ReuseMatch, float] | None:
        # ``a`` is the passage that sorts first by document id (the index is in date order).
        if (passages[j].doc_id, j) < (passages[i].doc_id, i):
            i, j = j, i
        if lengths[i] < words_needed or lengths[j] < words_needed:
            return None
        # A span needs ``plain_needed`` words of A that are not names: A without that many has
        # none. (The grouped fragments of "Ab. Cd. " x 20,000 are all names: 1,900 alignments
        # came to nothing, a third of their reuse analysis, and reading their words a sixth.)
        if plain[i] < plain_needed:
            return None
        keys_a, names_a, total_a = words(i)
        keys_b, names_b, total_b = words(j)
        grams_a = grams[edges[i] : edges[i + 1]].tolist()
        spans = aligned_spans(
            keys_a, names_a, keys_b, names_b,
            min_words=words_needed, min_plain=plain_needed, max_gap=max_gap,
            grams_a=grams_a, min_specific=specific_needed,
            min_cover=min_cover,
        )
        if not spans:
            return None
        # ``word_weight`` inline: a call per shared word was a twentieth of matching Japanese text.
        shared_a = sum(NAME_WEIGHT if names_a[k] else 1.0 for s in spans for k in s.matched_a)
        shared_b = sum(NAME_WEIGHT if names_b[k] else 1.0 for s in spans for k in s.matched_b)
        share = min(100.0, 100.0 * (shared_a + shared_b) / 2 / min(total_a, total_b))
        aligned = sorted((x, y) for s in spans for x, y in zip(s.matched_a, s.matched_b))
        # Length and rarity: the shared words, weighed by the smaller share of a passage they
        # make (a phrase inside two long sentences is weak, a whole sentence strong), plus half
        # their specificity (runs only this pair holds). Chosen on BASIL and the planted corpus
        # (benchmarks/reuse_calibration.py): of the forms tried it kept most same-event BASIL
        # matches at 0.95 precision while keeping planted copies up to 20 % edits.
        shared = (shared_a + shared_b) / 2
        evidence = specificity(aligned, grams_a, names_a) / 2 + shared * min(shared_a / total_a, shared_b / total_b)
        pa, pb = passages[i], passages[j]
        offsets_a = offsets(i)
        offsets_b = offsets(j)
        doc_spans = tuple(
            (
                pa.start + offsets_a[s.a_first][0],
                pa.start + offsets_a[s.a_last][1],
                pb.start + offsets_b[s.b_first][0],
                pb.start + offsets_b[s.b_last][1],
            )
            for s in spans
        )
        found_match = ReuseMatch(
            a=pa.passage_id,
            b=pb.passage_id,
            doc_a=pa.doc_id,
            doc_b=pb.doc_id,
            score=evidence_score(evidence),
            spans=doc_spans,
            coverage_a=round(_covered([(s[0], s[1]) for s in doc_spans]) / len(pa.text), 4),
            coverage_b=round(_covered([(s[2], s[3]) for s in doc_spans]) / len(pb.text), 4),
            same_document=pa.doc_id == pb.doc_id,
            kind=_kind(spans, pa, pb, offsets_a, offsets_b, quote_map),
            order=publication_order(corpus.document(pa.doc_id), corpus.document(pb.doc_id)),
        )
        return found_match, share

    found: dict[tuple[int, int], ReuseMatch] = {}
    # Alignments make lists, tuples and records that never form a cycle: the collector paused,
    # as while a corpus is built (400 KB of prose: collections of them took 1.5 % of the
    # instructions of reuse under callgrind, 844 -> 831 M).
    with records_in_bulk():
        for i, j in pairs:
            got = match(i, j, min_words, min_plain, min_specific)
            if got is not None:
                found[(i, j)] = got[0]
        # A copied paragraph carries its short sentences along: next to a match, in the same
        # paragraphs on both sides, a short sentence counts when most of it is shared (the
        # neighbouring match is the evidence: no specificity is asked of it, and its score is its
        # neighbour's, capped by the share of it that is shared, see ``_in_copied_paragraph``).
        queue = list(found)
        tried: set[tuple[int, int]] = set(found)
        while queue:
            i, j = queue.pop()
            for step in (-1, 1):
                i2, j2 = i + step, j + step
                if (i2, j2) in tried or not (0 <= i2 < len(passages) and 0 <= j2 < len(passages)):
                    continue
                tried.add((i2, j2))
                if i2 == j2 or not (_same_paragraph(passages[i], passages[i2])
                                    and _same_paragraph(passages[j], passages[j2])):
                    continue
                got = match(i2, j2, NEIGHBOUR_MIN_WORDS, 1, 0.0)
                if got is not None and got[1] >= NEIGHBOUR_MIN_SCORE:
                    found[(i2, j2)] = _in_copied_paragraph(got[0], got[1], found[(i, j)].score)
                    queue.append((i2, j2))

    def order(pair: tuple[int, int]) -> tuple[str, int, str, int]:
        i, j = sorted(pair, key=lambda k: (passages[k].doc_id, k))
        return passages[i].doc_id, i, passages[j].doc_id, j

    return tuple(found[k] for k in sorted(found, key=order) if found[k].score >= min_score)


_KEPT_PASSAGES = 4_096  # passages whose words and offsets ``reuse_matches`` keeps at a time


def evidence_score(specific_words: float) -> float:
    """Return the 0-100 score of a match from its specific shared words (see the module docstring)."""
    return round(100.0 * (1.0 - math.exp(-specific_words / EVIDENCE_SCALE)), 2)


def _in_copied_paragraph(got: ReuseMatch, share: float, neighbour: float) -> ReuseMatch:
    # Alone, "He declined to comment." proves nothing; next to a copied sentence of the same
    # paragraph it was copied with it. At 10,000 planted articles, scoring such sentences on
    # their own evidence lost 8 % of the planted paragraph pairs at 20 % edits.
    score = round(max(got.score, min(neighbour, share)), 2)
    if score == got.score:
        return got
    return ReuseMatch(got.a, got.b, got.doc_a, got.doc_b, score, got.spans, got.coverage_a, got.coverage_b,
                      got.same_document, got.kind, got.order, got.similarity)


def publication_order(a: Document, b: Document) -> Order:
    """Return which of two documents was published first (dates only: ties are the same day)."""
    if a.published is None or b.published is None:
        return "date_unknown"
    if a.published == b.published:
        return "same_day"
    return "a_first" if a.published < b.published else "b_first"


def _kind(
    spans: Sequence[WordSpan],
    pa: Passage,
    pb: Passage,
    offsets_a: Sequence[tuple[int, int]],
    offsets_b: Sequence[tuple[int, int]],
    quote_map: Callable[[str], QuoteMap],
) -> ReuseKind:
    # Quote: most shared characters sit inside quotation marks on both sides (word by word, so a
    # span running from narration into a quote is weighed by how much of it is quoted).
    for p, offsets, side in ((pa, offsets_a, 0), (pb, offsets_b, 1)):
        qmap = quote_map(p.doc_id)
        # No quotation overlaps most passages, so none of their words is quoted: one look-up
        # instead of one per word (14,000 for the 700 matches of a page repeated in itself).
        if not qmap.touches(p.start, p.end):
            break
        start = p.start
        inside = total = 0
        for s in spans:
            for k in (s.matched_a if side == 0 else s.matched_b):
                lo, hi = offsets[k]
                total += hi - lo
                if qmap.is_quoted(start + lo, start + hi):
                    inside += hi - lo
        if not total or inside < QUOTED_SHARE * total:
            break
    else:
        return "quote"
    text_a = pa.text
    text_b = pb.text
    for s in spans:
        if s.a_last - s.a_first != s.b_last - s.b_first or len(s.matched_a) != s.a_last - s.a_first + 1:
            return "near_verbatim"
        words_a = [text_a[lo:hi].lower() for lo, hi in offsets_a[s.a_first : s.a_last + 1]]
        words_b = [text_b[lo:hi].lower() for lo, hi in offsets_b[s.b_first : s.b_last + 1]]
        if words_a != words_b:
            return "near_verbatim"
    return "verbatim"


def _same_paragraph(p: Passage, q: Passage) -> bool:
    return p.doc_id == q.doc_id and p.paragraph == q.paragraph


def matches_above(matches: Sequence[ReuseMatch], min_score: float) -> tuple[ReuseMatch, ...]:
    """Return the matches scoring at least ``min_score`` (cheap: no alignment is redone)."""
    return tuple(m for m in matches if m.score >= min_score)


def _canonical_passages(corpus: Corpus) -> list[Passage]:
    # Documents by publication date (undated last), then id: the input order of documents
    # changes nothing, and the first holder of a text, the hub of its star, is its earliest
    # known version.
    docs = sorted(
        corpus.documents,
        key=lambda d: (d.published is None, d.published or date.min, d.doc_id),
    )
    return [p for d in docs for p in corpus.passages_of(d.doc_id) if p.is_article and p.text]


def _copy_pairs(distinct: np.ndarray, rep: np.ndarray, *, fanout: int) -> list[tuple[int, int]]:
    """Return the passage pairs to align: copies of one text, and copies of candidate texts.

    ``distinct`` pairs representatives (``rep[i] == i``); ``rep`` maps each passage to its
    representative. A text with at most ``fanout`` copies pairs every two of them, and two
    candidate texts pair every copy of one with every copy of the other; beyond ``fanout``
    copies, only the representative (earliest copy) is paired, with each copy and with the
    other text, so an N-copy text costs O(N) and ``reuse_clusters`` still joins all copies.
    """
    n = len(rep)
    sizes = np.bincount(rep, minlength=n)
    members: dict[int, list[int]] = {}
    for k in np.flatnonzero(rep != np.arange(n)).tolist():
        members.setdefault(int(rep[k]), [int(rep[k])]).append(k)
    out: set[tuple[int, int]] = set()
    for head, copies in members.items():
        if len(copies) <= fanout:
            out.update(combinations(copies, 2))
        else:
            out.update((head, k) for k in copies[1:])
    lone = (sizes[distinct[:, 0]] == 1) & (sizes[distinct[:, 1]] == 1)
    for i, j in distinct[~lone].tolist():
        if sizes[i] <= fanout and sizes[j] <= fanout:
            out.update(
                (min(x, y), max(x, y)) for x in members.get(i, (i,)) for y in members.get(j, (j,))
            )
        else:
            out.add((i, j))
    pairs = [(int(i), int(j)) for i, j in distinct[lone].tolist()]
    pairs.extend(sorted(out))
    return pairs


def passage_order(corpus: Corpus) -> dict[str, tuple[str, int]]:
    """Return each passage id mapped to (doc_id, its index in the document)."""
    return {
        p.passage_id: (p.doc_id, n)
        for d in corpus.documents
        for n, p in enumerate(corpus.passages_of(d.doc_id))
    }


def union_ranges(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of (start, end) ranges as sorted, non-overlapping ranges."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _covered(ranges: Sequence[tuple[int, int]]) -> int:
    return sum(e - s for s, e in union_ranges(ranges))
