"""Benchmark claims and disagreements on large synthetic corpora (speed and number of rows).

The articles are made of real sentences: the article sentences of the bundled seeds (the
Lee–Takaichi summit: dates, ordinals and numbers that disagree) and the body sentences of
BASIL (300 news articles from Fox News, the New York Times and HuffPost, 2010-2019). Each
synthetic article takes a BASIL title and about twenty sentences, a quarter of them from the
seeds, and belongs to one of 40 outlets; most have a publication date, some have none (their
reference date is then inferred). The draw is seeded, so runs are comparable.

For each size it prints the time of ``all_claims`` and ``disagreements``, how many claims and
disagreement rows they return (rows by status), and the largest row (values listed).

    .venv/bin/python benchmarks/claims_scale.py [--sizes 1000 10000] [--seed 0]

BASIL is read from ../shared/corpora/basil next to the repository, or $PARALLAX_CORPORA/basil;
without it, only the seeds' sentences are used.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from analysis.claims import all_claims
from analysis.claims.comparison import disagreements
from analysis.ingest.pipeline import build_corpus, corpus_from_documents
from analysis.text.records import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paths import corpora_dir

OUTLETS = 40
SENTENCES = (14, 26)  # sentences per article, drawn uniformly
SEED_SHARE = 0.25  # share of sentences taken from the seeds
UNDATED_SHARE = 0.2  # articles without a publication date


def seed_sentences() -> list[str]:
    """Return the article sentences (title and body passages) of the bundled seeds."""
    corpus = build_corpus()
    return [p.text.strip() for p in corpus.passages if p.is_article and len(p.text.split()) >= 4]


def basil_sentences(root: Path) -> tuple[list[str], list[str]]:
    """Return BASIL's titles and body sentences (empty when the corpus is absent)."""
    titles: list[str] = []
    sentences: list[str] = []
    for path in sorted((root / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        titles.append(article["title"].strip())
        for paragraph in article["body-paragraphs"]:
            sentences.extend(s.strip() for s in paragraph if len(s.split()) >= 4)
    return titles, sentences


def synthetic_documents(n: int, *, rng: random.Random, seeds: list[str], basil: list[str],
                        titles: list[str]) -> list[Document]:
    """Return n articles of real sentences spread over OUTLETS outlets."""
    docs = []
    day0 = date(2026, 1, 1)
    for i in range(n):
        k = rng.randint(*SENTENCES)
        picked = [
            rng.choice(seeds) if (not basil or rng.random() < SEED_SHARE) else rng.choice(basil)
            for _ in range(k)
        ]
        paragraphs = [" ".join(picked[j:j + 3]) for j in range(0, k, 3)]
        title = rng.choice(titles) if titles else picked[0]
        published = None if rng.random() < UNDATED_SHARE else day0 + timedelta(days=rng.randint(0, 30))
        docs.append(Document(
            doc_id=f"s{i:05d}", source=f"Outlet {rng.randrange(OUTLETS):02d}", title=title,
            published=published, url="", language="en", path=f"<synthetic>/s{i:05d}.txt",
            text=title + "\n\n" + "\n\n".join(paragraphs),
        ))
    return docs


def run(n: int, *, seed: int, seeds: list[str], basil: list[str], titles: list[str]) -> None:
    rng = random.Random(seed)
    docs = synthetic_documents(n, rng=rng, seeds=seeds, basil=basil, titles=titles)
    t0 = time.perf_counter()
    corpus = corpus_from_documents(docs)
    t1 = time.perf_counter()
    claims = all_claims(corpus)
    t2 = time.perf_counter()
    items = disagreements(corpus, claims)
    t3 = time.perf_counter()
    chars = sum(len(d.text) for d in docs)
    statuses = Counter(d.status for d in items)
    widest = max((len(d.values) for d in items), default=0)
    print(f"N = {n:>6} articles ({chars / 1e6:.1f} M chars, {OUTLETS} outlets)")
    print(f"  corpus          {t1 - t0:7.1f} s")
    print(f"  all_claims      {t2 - t1:7.1f} s   {len(claims):>8} claims")
    print(f"  disagreements   {t3 - t2:7.1f} s   {len(items):>8} rows  "
          + ", ".join(f"{s} {statuses[s]}" for s in ("conflict", "compatible", "different_basis", "agree")))
    print(f"  largest row     {widest} values")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    seeds = seed_sentences()
    basil_root = corpora_dir() / "basil"
    titles, basil = basil_sentences(basil_root) if basil_root.is_dir() else ([], [])
    print(f"sentences: {len(seeds)} from the seeds, {len(basil)} from BASIL"
          + ("" if basil else f" (no BASIL at {basil_root})"))
    for n in args.sizes:
        run(n, seed=args.seed, seeds=seeds, basil=basil, titles=titles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
