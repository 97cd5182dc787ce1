"""Benchmark story grouping and disagreements on BASIL, and grouping time on 10,000 articles.

BASIL (100 events, each covered by Fox News, the New York Times and HuffPost; its articles carry
the event's ``triplet-uuid``) is read twice:

- with its story field: stories are given; every conflict row must lie inside one event;
- with the story field stripped: stories are grouped by content and time, scored by B-cubed
  precision, recall and F1 against BASIL's triplets, and the conflict rows are checked again.

"Inside one event" means every article a conflict row names belongs to one BASIL triplet.

Then the time of grouping 10,000 articles is measured, next to the time of the other analyses
on the same articles (claims and disagreements), on two corpora:

- the synthetic articles of ``claims_scale.py`` (real sentences of the seeds and BASIL drawn at
  random: no real stories, the worst case for the similarity index);
- BASIL-like: BASIL's 300 articles repeated 33 times, each copy of a triplet moved to its own
  month and its outlets renamed, so 3,300 stories of three articles over 275 years.

    .venv/bin/python benchmarks/stories.py [--size 10000] [--thresholds 0.08 0.1 0.12] [--rows 10]

BASIL is read from ../shared/corpora/basil next to the repository, or $PARALLAX_CORPORA/basil.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from analysis.claims import all_claims
from analysis.claims.comparison import Disagreement, Status, disagreements
from analysis.claims.tables import disagreements_table
from analysis.ingest.pipeline import build_corpus, corpus_from_documents
from analysis.ingest.stories import grouped_stories
from analysis.text.records import Corpus, Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
import claims_scale
from paths import corpora_dir

_TRIPLET = re.compile(r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_\d\.json(?:#\d+)?$")


def triplet_of(doc: Document) -> str:
    """Return the BASIL triplet of an article, from its file name."""
    m = _TRIPLET.search(doc.path)
    return m.group(1) if m else doc.doc_id


def b_cubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Return B-cubed precision, recall and F1 of a grouping (item -> group) against gold groups."""
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item, g in predicted.items():
        by_pred[g].add(item)
    for item, g in gold.items():
        by_gold[g].add(item)
    p = r = 0.0
    for item in predicted:
        pred, true = by_pred[predicted[item]], by_gold[gold[item]]
        both = len(pred & true)
        p += both / len(pred)
        r += both / len(true)
    n = len(predicted)
    p, r = p / n, r / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def inside_one_event(items: Sequence[Disagreement], triplets: dict[str, str]) -> tuple[int, int]:
    """Return (conflict rows inside one BASIL event, conflict rows)."""
    conflicts = [d for d in items if d.status is Status.CONFLICT]
    inside = sum(1 for d in conflicts if len({triplets[v.doc_id] for v in d.values}) == 1)
    return inside, len(conflicts)


def without_story(docs: Sequence[Document]) -> list[Document]:
    """Return the documents with their story field emptied."""
    return [replace(d, story="") for d in docs]


def report_corpus(name: str, corpus: Corpus, triplets: dict[str, str], *, rows: int, seed: int) -> None:
    """Print grouping quality (against the triplets), the conflict rows inside one event, and samples."""
    predicted = {d.doc_id: d.story for d in corpus.documents}
    p, r, f = b_cubed(predicted, triplets)
    t0 = time.perf_counter()
    claims = all_claims(corpus)
    items = disagreements(corpus, claims)
    elapsed = time.perf_counter() - t0
    inside, total = inside_one_event(items, triplets)
    statuses = Counter(d.status.value for d in items)
    print(f"{name}: {len(corpus.stories)} stories; B-cubed P={p:.3f} R={r:.3f} F1={f:.3f}")
    print(f"  conflict rows inside one event: {inside} of {total}"
          + (f" ({inside / total:.1%})" if total else "")
          + f"; rows by status {dict(sorted(statuses.items()))}; claims + disagreements {elapsed:.1f} s")
    if rows:
        table = disagreements_table(corpus, items)
        conflicts = table[table.status == "conflict"]
        picked = conflicts.sample(min(rows, len(conflicts)), random_state=seed) if len(conflicts) else conflicts
        for row in picked.itertuples(index=False):
            print(f"  - [{row.story}] {row.kind} · {row.event}: {row.summary}")
            print(f"      {row.explanation}")


def basil_like(docs: Sequence[Document], size: int) -> list[Document]:
    """Return ``size`` articles made of BASIL's: each copy of a triplet in its own month, outlets renamed."""
    out: list[Document] = []
    copy = 0
    while len(out) < size:
        for d in docs:
            if len(out) >= size:
                break
            shift = timedelta(days=31 * copy)
            out.append(replace(
                d, doc_id=f"{d.doc_id}-{copy}", source=f"{d.source}-{copy % 7}", story="",
                published=d.published + shift if d.published else None, path=f"{d.path}#{copy}",
            ))
        copy += 1
    return out


def time_grouping(name: str, docs: Sequence[Document], gold: dict[str, str] | None = None) -> None:
    """Print the time of grouping these articles next to the time of claims and disagreements
    (and the grouping's B-cubed scores when the true stories are known)."""
    corpus = corpus_from_documents(docs)
    texts = ["\n".join(p.text for p in corpus.passages_of(d.doc_id) if p.is_article) for d in corpus.documents]
    loose = without_story(corpus.documents)
    t0 = time.perf_counter()
    _, stories = grouped_stories(loose, texts=texts)
    t1 = time.perf_counter()
    claims = all_claims(corpus)
    t2 = time.perf_counter()
    disagreements(corpus, claims)
    t3 = time.perf_counter()
    sizes = Counter(len(s.doc_ids) for s in stories)
    print(f"{name}: {len(docs)} articles -> {len(stories)} stories in {t1 - t0:.1f} s "
          f"(claims {t2 - t1:.1f} s, disagreements {t3 - t2:.1f} s); largest story {max(sizes)} articles")
    if gold:
        predicted = {doc_id: s.story_id for s in stories for doc_id in s.doc_ids}
        p, r, f = b_cubed(predicted, gold)
        print(f"  B-cubed against the true stories: P={p:.3f} R={r:.3f} F1={f:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--thresholds", type=float, nargs="*", default=[])
    parser.add_argument("--rows", type=int, default=10, help="random conflict rows to print per corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-scale", action="store_true")
    args = parser.parse_args()
    root = corpora_dir() / "basil"
    if not root.is_dir():
        print(f"BASIL not found at {root} (set PARALLAX_CORPORA)")
        return 1
    given = build_corpus([root / "articles"])
    triplets = {d.doc_id: triplet_of(d) for d in given.documents}
    print(f"BASIL: {len(given.documents)} articles, {len(set(triplets.values()))} events")
    report_corpus("BASIL with its story field", given, triplets, rows=args.rows, seed=args.seed)
    t0 = time.perf_counter()
    inferred = corpus_from_documents(without_story(given.documents))
    print(f"(corpus built with grouping in {time.perf_counter() - t0:.1f} s)")
    report_corpus("BASIL without a story field", inferred, triplets, rows=args.rows, seed=args.seed)
    texts = ["\n".join(p.text for p in given.passages_of(d.doc_id) if p.is_article) for d in given.documents]
    for threshold in args.thresholds:
        docs, _ = grouped_stories(without_story(given.documents), texts=texts, threshold=threshold)
        p, r, f = b_cubed({d.doc_id: d.story for d in docs}, triplets)
        print(f"  threshold {threshold:.3f}: B-cubed P={p:.3f} R={r:.3f} F1={f:.3f}")
    if args.skip_scale:
        return 0
    rng = random.Random(args.seed)
    seeds = claims_scale.seed_sentences()
    titles, sentences = claims_scale.basil_sentences(root)
    time_grouping("synthetic (claims_scale)", claims_scale.synthetic_documents(
        args.size, rng=rng, seeds=seeds, basil=sentences, titles=titles))
    like = basil_like(given.documents, args.size)
    time_grouping("BASIL-like", like, {d.doc_id: f"{triplet_of(d)}#{d.path.rsplit('#', 1)[-1]}" for d in like})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
