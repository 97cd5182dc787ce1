"""Synthetic corpora with planted reuse, for benchmarks/reuse.py.

Sentences are drawn from a word bigram model trained on the BASIL articles (real news prose:
its vocabulary, names, word frequencies and sentence lengths), with random jumps so that
unplanted sentences rarely share long runs; article shapes (paragraphs, sentences per
paragraph) are those of randomly chosen real BASIL articles. Unplanted articles still share
short runs by chance (the model replays its bigram chains), as real articles share phrases:
``shared_run_rates`` measures both, and real BASIL articles on different events share runs of
five to eight words far more often than synthetic ones, so the generator is, if anything,
gentle on coincidental overlap.

A plant copies one sentence, or one paragraph, of a source article into a target article as
a new paragraph, after changing a share of its words (substituted, dropped or inserted with
words drawn from the corpus). Each article takes part in at most one plant. The gold pairs are
(source passage, copy passage) per sentence.

A multi-outlet plant (wire copy) copies one paragraph of a source article into 5 to 20 other
articles, each copy edited on its own at the plant's rate. Its gold pairs are every pair of
versions of each sentence (source and copies: all of them are versions of one text), kind
"multi". Multi-outlet plants use articles left out of the pairwise plants and their own
random stream, so the pairwise plants are the same with or without them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from analysis.text.records import Corpus, Document, Passage

EDIT_RATES: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3)
KINDS: tuple[str, ...] = ("sentence", "paragraph")
MULTI_KIND = "multi"
MULTI_COPIES: tuple[int, int] = (5, 20)  # copies per multi-outlet plant, inclusive
_PIECE = re.compile(r"\w+(?:['’.-]\w+)*|,")


from paths import corpora_dir  # noqa: E402


@dataclass(frozen=True, slots=True)
class Gold:
    """One planted sentence pair."""

    source: str  # passage id of the original
    copy: str  # passage id of the edited copy
    rate: float
    kind: str


@dataclass(frozen=True, slots=True)
class Versions:
    """One sentence of a multi-outlet plant: the passages of all its versions, source first."""

    passages: tuple[str, ...]
    rate: float


@dataclass(frozen=True, slots=True)
class Synthetic:
    """A generated corpus, its planted pairs and its multi-outlet versions."""

    corpus: Corpus
    gold: tuple[Gold, ...]
    versions: tuple[Versions, ...] = ()


class BigramModel:
    """Word bigram model over real sentences, sampled for many sentences at once."""

    def __init__(self, sentences: list[list[str]], *, jump: float = 0.3) -> None:
        self.jump = jump
        vocab: dict[str, int] = {"<s>": 0, "</s>": 1}
        firsts, seconds = [], []
        for words in sentences:
            ids = [0] + [vocab.setdefault(w, len(vocab)) for w in words] + [1]
            firsts.extend(ids[:-1])
            seconds.extend(ids[1:])
        self.words = np.array(list(vocab), dtype=object)
        pairs = np.unique(np.stack((firsts, seconds), axis=1), axis=0, return_counts=True)
        (self.pair_rows, counts) = pairs
        order = np.lexsort((self.pair_rows[:, 1], self.pair_rows[:, 0]))
        self.pair_rows = self.pair_rows[order]
        counts = counts[order]
        self.cum = np.cumsum(counts).astype(np.float64)
        first = self.pair_rows[:, 0]
        self.seg_start = np.searchsorted(first, np.arange(len(vocab)))
        self.seg_end = np.searchsorted(first, np.arange(len(vocab)), side="right")
        before = np.concatenate(([0.0], self.cum))
        self.low = before[self.seg_start]
        self.high = before[self.seg_end]
        unigram = np.bincount(seconds, minlength=len(vocab)).astype(np.float64)
        unigram[:2] = 0
        unigram[[i for w, i in vocab.items() if w == ","]] = 0
        self.unigram = np.cumsum(unigram) / unigram.sum()

    def sentences(self, count: int, rng: np.random.Generator, max_words: int = 70) -> list[str]:
        """Return ``count`` new sentences (words joined, first letter upper, final period)."""
        state = np.zeros(count, dtype=np.int64)
        alive = np.ones(count, dtype=bool)
        steps: list[np.ndarray] = []
        for _ in range(max_words):
            u = self.low[state] + rng.random(count) * (self.high[state] - self.low[state])
            nxt = self.pair_rows[np.searchsorted(self.cum, u, side="right"), 1]
            # Jump to a word drawn by frequency now and then: a bigram model trained on a small
            # corpus otherwise replays the one continuation of each rare word, and unrelated
            # synthetic sentences would share long runs that no real pair of articles shares.
            jump = (rng.random(count) < self.jump) & (nxt != 1)
            if jump.any():
                nxt[jump] = self._unigram_ids(int(jump.sum()), rng)
            nxt = np.where(alive, nxt, 1)
            alive &= nxt != 1
            steps.append(nxt)
            state = nxt
            if not alive.any():
                break
        grid = np.stack(steps, axis=1)
        out = []
        for row in grid:
            ids = row[row != 1]
            # Real news sentences of under five words are rare (headings aside): skip them.
            out.append(_sentence_text(list(self.words[ids])) if len(ids) >= 5 else "")
        return out

    def random_words(self, count: int, rng: np.random.Generator) -> list[str]:
        """Return words drawn by corpus frequency."""
        return list(self.words[self._unigram_ids(count, rng)])

    def _unigram_ids(self, count: int, rng: np.random.Generator) -> np.ndarray:
        return np.searchsorted(self.unigram, rng.random(count), side="right")


def _sentence_text(words: list[str]) -> str:
    words = [w for i, w in enumerate(words) if not (w == "," and (i == 0 or words[i - 1] == ","))]
    while words and words[-1] == ",":
        words.pop()
    text = " ".join(words).replace(" ,", ",")
    return text[:1].upper() + text[1:] + "."


def load_material() -> tuple[list[list[str]], list[list[int]]]:
    """Return BASIL sentences (as word lists) and article shapes (sentences per paragraph)."""
    sentences: list[list[str]] = []
    shapes: list[list[int]] = []
    for path in sorted((corpora_dir() / "basil" / "articles").glob("*/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = doc.get("body-paragraphs") or []
        shapes.append([len(p) for p in paragraphs if p])
        for paragraph in paragraphs:
            for sentence in paragraph:
                words = _PIECE.findall(sentence.replace("“", "").replace("”", ""))
                words = [w.rstrip(".") or w for w in words]
                if len(words) >= 3:
                    sentences.append(words)
    if not sentences:
        raise FileNotFoundError(f"no BASIL articles under {corpora_dir()}")
    return sentences, shapes


def _edited(sentence: str, rate: float, model: BigramModel, rng: np.random.Generator) -> str:
    words = sentence.rstrip(".").split(" ")
    n_edits = int(round(rate * len(words)))
    fresh = model.random_words(n_edits + 1, rng)
    for k in range(n_edits):
        op = rng.random()
        pos = int(rng.integers(len(words)))
        if op < 0.5:
            words[pos] = fresh[k]
        elif op < 0.75 and len(words) > 3:
            del words[pos]
        else:
            words.insert(pos, fresh[k])
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def synthetic_corpus(
    n_articles: int,
    *,
    seed: int = 7,
    plant_share: float = 0.5,
    multi_share: float = 0.1,
    copies: tuple[int, int] = MULTI_COPIES,
    rates: tuple[float, ...] = EDIT_RATES,
) -> Synthetic:
    """Return ``n_articles`` synthetic articles with planted copies (gold pairs included).

    ``plant_share`` of the articles take part in pairwise plants, ``multi_share`` in
    multi-outlet plants (a source and ``copies`` copies each, edited at ``rates`` in turn).
    """
    rng = np.random.default_rng(seed)
    sentences, shapes = load_material()
    model = BigramModel(sentences)
    chosen = [shapes[i] for i in rng.integers(len(shapes), size=n_articles)]
    total = sum(sum(s) for s in chosen)
    pool = [s for s in model.sentences(int(total * 1.1) + 10, rng) if s]
    cursor = 0
    articles: list[list[list[tuple[str, tuple | None]]]] = []
    for shape in chosen:
        paragraphs = []
        for count in shape:
            paragraphs.append([(pool[cursor + k], None) for k in range(count)])
            cursor += count
            if cursor + 80 > len(pool):
                pool.extend(s for s in model.sentences(len(pool) // 4 + 100, rng) if s)
        articles.append(paragraphs)

    n_plants = int(n_articles * plant_share) // 2
    order = rng.permutation(n_articles)
    plants: dict[int, tuple[float, str]] = {}
    for k in range(n_plants):
        src, dst = int(order[2 * k]), int(order[2 * k + 1])
        rate = EDIT_RATES[k % len(EDIT_RATES)]
        kind = KINDS[(k // len(EDIT_RATES)) % len(KINDS)]
        paragraphs = articles[src]
        if kind == "sentence":
            spots = [(p, s) for p, para in enumerate(paragraphs) for s, (text, _) in enumerate(para)
                     if len(text.split()) >= 8]
            if not spots:
                continue
            p, s = spots[int(rng.integers(len(spots)))]
            picked = [(p, s)]
        else:
            multi = [p for p, para in enumerate(paragraphs) if len(para) >= 2]
            if not multi:
                multi = list(range(len(paragraphs)))
            p = multi[int(rng.integers(len(multi)))]
            picked = [(p, s) for s in range(len(paragraphs[p]))]
        copy = []
        for m, (p, s) in enumerate(picked):
            text, _ = paragraphs[p][s]
            paragraphs[p][s] = (text, (k, m, "source"))
            copy.append((_edited(text, rate, model, rng), (k, m, "copy")))
        target = articles[dst]
        target.insert(int(rng.integers(len(target) + 1)), copy)
        plants[k] = (rate, kind)

    multi_rng = np.random.default_rng(seed + 1)
    free = [int(a) for a in order[2 * n_plants :]]
    multi_rng.shuffle(free)
    free = free[: int(n_articles * multi_share)]
    multi_rates: dict[int, float] = {}
    while len(free) > copies[0]:
        k = len(multi_rates)
        n_copies = min(len(free) - 1, int(multi_rng.integers(copies[0], copies[1] + 1)))
        src, dsts, free = free[0], free[1 : 1 + n_copies], free[1 + n_copies :]
        rate = rates[k % len(rates)]
        paragraphs = articles[src]
        multi = [p for p, para in enumerate(paragraphs) if len(para) >= 2] or list(range(len(paragraphs)))
        p = multi[int(multi_rng.integers(len(multi)))]
        for s, (text, _) in enumerate(paragraphs[p]):
            paragraphs[p][s] = (text, (MULTI_KIND, k, s, 0))
        for c, dst in enumerate(dsts, start=1):
            copy = [(_edited(text, rate, model, multi_rng), (MULTI_KIND, k, s, c))
                    for s, (text, _) in enumerate(paragraphs[p])]
            articles[dst].insert(int(multi_rng.integers(len(articles[dst]) + 1)), copy)
        multi_rates[k] = rate

    documents: list[Document] = []
    passages: list[Passage] = []
    tagged: dict[tuple, str] = {}
    start_day = date(2024, 1, 1)
    for a, paragraphs in enumerate(articles):
        doc_id = f"a{a:06d}"
        parts: list[str] = []
        offset = 0
        n = 0
        for p, para in enumerate(paragraphs):
            if p:
                parts.append("\n\n")
                offset += 2
            for s, (text, tag) in enumerate(para):
                if s:
                    parts.append(" ")
                    offset += 1
                pid = f"{doc_id}:{n}"
                passages.append(Passage(pid, doc_id, "body", offset, offset + len(text), text,
                                        paragraph=p))
                if tag is not None:
                    tagged[tag] = pid
                parts.append(text)
                offset += len(text)
                n += 1
        documents.append(
            Document(doc_id=doc_id, source=f"outlet{a % 250:03d}", title="",
                     published=start_day + timedelta(days=int(rng.integers(365))), url="",
                     language="en", path=f"<synthetic>/{doc_id}", text="".join(parts))
        )
    gold = []
    grouped: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for tag, pid in tagged.items():
        if tag[0] == MULTI_KIND:
            grouped.setdefault((tag[1], tag[2]), []).append((tag[3], pid))
            continue
        k, m, role = tag
        if role == "source" and (k, m, "copy") in tagged:
            rate, kind = plants[k]
            gold.append(Gold(source=pid, copy=tagged[(k, m, "copy")], rate=rate, kind=kind))
    versions = []
    for (k, _), held in sorted(grouped.items()):
        pids = tuple(pid for _, pid in sorted(held))
        versions.append(Versions(passages=pids, rate=multi_rates[k]))
        gold.extend(
            Gold(source=a, copy=b, rate=multi_rates[k], kind=MULTI_KIND)
            for i, a in enumerate(pids) for b in pids[i + 1 :]
        )
    return Synthetic(corpus=Corpus(documents=tuple(documents), passages=tuple(passages)),
                     gold=tuple(gold), versions=tuple(versions))


def shared_run_rates(
    texts: list[str], groups: list[str], lengths: tuple[int, ...] = (5, 6, 7, 8)
) -> dict[int, float]:
    """Return, per k, the share of document pairs (different groups) sharing a word k-gram.

    Word k-grams are compared in lower case; a k-gram held by more than 50 documents is a
    stock phrase and is ignored.
    """
    words = [[w.lower() for w in _PIECE.findall(t) if w != ","] for t in texts]
    cross = sum(
        1 for i in range(len(texts)) for j in range(i + 1, len(texts)) if groups[i] != groups[j]
    )
    rates: dict[int, float] = {}
    for k in lengths:
        holders: dict[tuple[str, ...], set[int]] = {}
        for n, ws in enumerate(words):
            for i in range(len(ws) - k + 1):
                holders.setdefault(tuple(ws[i : i + k]), set()).add(n)
        pairs = {
            (a, b)
            for docs in holders.values()
            if 1 < len(docs) <= 50
            for a in docs
            for b in docs
            if a < b and groups[a] != groups[b]
        }
        rates[k] = len(pairs) / cross if cross else float("nan")
    return rates


def basil_bodies() -> tuple[list[str], list[str]]:
    """Return the BASIL article bodies and the event (triplet) of each."""
    texts, events = [], []
    for path in sorted((corpora_dir() / "basil" / "articles").glob("*/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        texts.append("\n\n".join(" ".join(p) for p in doc.get("body-paragraphs") or [] if p))
        events.append(doc.get("triplet-uuid", path.stem))
    return texts, events
