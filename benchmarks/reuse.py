"""Benchmark reuse detection on synthetic corpora with planted copies (see reuse_synth.py).

For each size it prints wall time, peak memory, and recall / precision against the planted
pairs per edit rate and kind, for analysis.reuse and for peers on the same data:
datasketch MinHashLSH candidates verified with RapidFuzz, and brute-force RapidFuzz cdist
where the corpus is small enough. Then the ratios.

    .venv/bin/python benchmarks/reuse.py                 # N = 1k, 10k, 100k
    .venv/bin/python benchmarks/reuse.py --sizes 1000    # quick run
    .venv/bin/python benchmarks/reuse.py --profile 10000 # pyinstrument profile of one run
    .venv/bin/python benchmarks/reuse.py --realism       # chance overlap: BASIL vs synthetic
    .venv/bin/python benchmarks/reuse.py --wire          # one paragraph carried by many outlets

analysis.reuse runs once at min_score=0; each threshold is a cut of that one run (as the
dashboard does with matches_above). Recall counts a planted sentence pair as found when the
method reports that pair ("all": one-to-one plants, sentence and paragraph). Multi-outlet
plants (a paragraph copied into 5 to 20 articles, each copy edited on its own) count every pair of
versions of a sentence ("multi"; "with source": the pairs of a copy and its source), and, for
analysis.reuse, whether reuse_clusters puts every version of the sentence
in one cluster ("clustered"). Precision per edit rate: of the reported cross-document matches
that touch a planted passage at that rate, the share that are planted pairs. Overall
precision: of all reported cross-document matches, the share that are planted pairs.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_synth import (
    EDIT_RATES,
    KINDS,
    MULTI_KIND,
    Synthetic,
    basil_bodies,
    corpora_dir,
    shared_run_rates,
    synthetic_corpus,
)

from analysis.reuse import (
    DEFAULT_MIN_SCORE,
    matches_above,
    reuse_clusters,
    reuse_matches,
)

PEER_SHINGLE = 2
PEER_PERM = 128
PEER_THRESHOLD = 0.3
PEER_CUTOFF = 60.0
# A second cut of the same run: the whole-passage reuse a user sees with the slider at 50.
STRICT_SCORE = 50.0


class PeakMemory:
    """Sample this process's resident memory in a thread; report the peak above the start."""

    def __init__(self) -> None:
        self.start = self.peak = _rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss())

    @property
    def added_mb(self) -> float:
        return (self.peak - self.start) / 2**20


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def timed(run: Callable[[], set[tuple[str, str]]]) -> tuple[set[tuple[str, str]], float, float]:
    gc.collect()
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        found = run()
        seconds = time.perf_counter() - t0
    return found, seconds, mem.added_mb


def ours(data: Synthetic, kept: list) -> Callable[[], set[tuple[str, str]]]:
    """Run analysis.reuse once at the floor (kept[0] receives the matches, to cut later)."""

    def run() -> set[tuple[str, str]]:
        matches = reuse_matches(data.corpus, min_score=0.0)
        kept.append(matches)
        return {(m.a, m.b) for m in matches if not m.same_document}

    return run


def cut(matches, min_score: float) -> set[tuple[str, str]]:
    return {(m.a, m.b) for m in matches_above(matches, min_score) if not m.same_document}


def datasketch_peer(data: Synthetic) -> Callable[[], set[tuple[str, str]]]:
    """MinHashLSH over word-bigram shingles of each passage, verified with fuzz.ratio."""

    def run() -> set[tuple[str, str]]:
        from datasketch import MinHash, MinHashLSH
        from rapidfuzz import fuzz

        passages = [p for p in data.corpus.passages if p.is_article]
        texts = [p.text.lower() for p in passages]
        shingles = []
        for t in texts:
            w = t.split()
            shingles.append(
                [" ".join(w[i : i + PEER_SHINGLE]).encode() for i in range(len(w) - 1)] or [b""]
            )
        hashes = MinHash.bulk(shingles, num_perm=PEER_PERM)
        lsh = MinHashLSH(threshold=PEER_THRESHOLD, num_perm=PEER_PERM)
        with lsh.insertion_session() as session:
            for k, mh in enumerate(hashes):
                session.insert(k, mh, check_duplication=False)
        found = set()
        for k, mh in enumerate(hashes):
            for other in lsh.query(mh):
                if other <= k or passages[other].doc_id == passages[k].doc_id:
                    continue
                if fuzz.ratio(texts[k], texts[other], score_cutoff=PEER_CUTOFF):
                    found.add(_ordered(passages[k].passage_id, passages[other].passage_id))
        return found

    return run


def brute_peer(data: Synthetic) -> Callable[[], set[tuple[str, str]]]:
    """RapidFuzz cdist (fuzz.ratio) over all passage pairs."""

    def run() -> set[tuple[str, str]]:
        from rapidfuzz import fuzz, process

        passages = [p for p in data.corpus.passages if p.is_article]
        texts = [p.text.lower() for p in passages]
        matrix = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=PEER_CUTOFF,
                               dtype=np.uint8, workers=-1)
        rows, cols = np.nonzero(np.triu(matrix, 1))
        return {
            _ordered(passages[r].passage_id, passages[c].passage_id)
            for r, c in zip(rows.tolist(), cols.tolist())
            if passages[r].doc_id != passages[c].doc_id
        }

    return run


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if (a.split(":")[0], int(a.split(":")[1])) <= (b.split(":")[0], int(b.split(":")[1])) else (b, a)


def scores(data: Synthetic, found: set[tuple[str, str]]) -> dict[str, float]:
    """Return recall and precision per (rate, kind), per rate, and overall."""
    gold = {_ordered(g.source, g.copy): g for g in data.gold}
    sources = {v.passages[0] for v in data.versions}
    touched: dict[str, float] = {}
    for g in data.gold:
        touched[g.source] = touched[g.copy] = g.rate
    out: dict[str, float] = {}
    for rate in EDIT_RATES:
        for kind in (*KINDS, MULTI_KIND, "all"):
            pairs = [p for p, g in gold.items() if g.rate == rate and _kind_in(g.kind, kind)]
            out[f"recall {rate:.0%} {kind}"] = _share(sum(p in found for p in pairs), len(pairs))
        near = [p for p in found if touched.get(p[0]) == rate or touched.get(p[1]) == rate]
        out[f"precision {rate:.0%}"] = _share(sum(p in gold for p in near), len(near))
        # Multi-outlet pairs with the source: each copy differs from it by the edit rate (two
        # copies differ by about twice the rate).
        pairs = [p for p, g in gold.items()
                 if g.rate == rate and g.kind == MULTI_KIND and g.source in sources]
        out[f"recall {rate:.0%} multi source"] = _share(sum(p in found for p in pairs), len(pairs))
    out["precision all"] = _share(sum(p in gold for p in found), len(found))
    for kind in ("all", MULTI_KIND):
        pairs = [p for p, g in gold.items() if _kind_in(g.kind, kind)]
        out[f"recall {kind}"] = _share(sum(p in found for p in pairs), len(pairs))
    out["reported"] = float(len(found))
    return out


def _kind_in(kind: str, wanted: str) -> bool:
    return kind == wanted or (wanted == "all" and kind in KINDS)


def clustered(data: Synthetic, matches) -> dict[str, float]:
    """Return, per edit rate, the share of multi-outlet sentences with all versions in one cluster.

    Also the mean share of a sentence's versions found in the cluster holding its source.
    """
    clusters = [set(c.passage_ids) for c in reuse_clusters(data.corpus, matches)]
    holding: dict[str, list[int]] = {}
    for k, members in enumerate(clusters):
        for pid in members:
            holding.setdefault(pid, []).append(k)
    out: dict[str, float] = {}
    for rate in EDIT_RATES:
        whole, held = [], []
        for v in data.versions:
            if v.rate != rate:
                continue
            best = max((len(clusters[k] & set(v.passages)) for k in holding.get(v.passages[0], ())),
                       default=1 if len(v.passages) else 0)
            whole.append(best == len(v.passages))
            held.append(best / len(v.passages))
        out[f"clustered {rate:.0%}"] = _share(sum(whole), len(whole))
        out[f"in source cluster {rate:.0%}"] = float(np.mean(held)) if held else float("nan")
    return out


def _share(k: int, n: int) -> float:
    return k / n if n else float("nan")


def report(name: str, seconds: float, added_mb: float, s: dict[str, float],
           c: dict[str, float] | None = None) -> None:
    print(f"  {name:<28} {seconds:8.2f} s  +{added_mb:7.0f} MB  reported {int(s['reported'])}")
    for rate in EDIT_RATES:
        extra = ""
        if c is not None:
            extra = (f"  clustered {c[f'clustered {rate:.0%}']:.3f}"
                     f" (versions in source cluster {c[f'in source cluster {rate:.0%}']:.3f})")
        print(
            f"    edits {rate:4.0%}: recall sentence {s[f'recall {rate:.0%} sentence']:.3f}"
            f"  paragraph {s[f'recall {rate:.0%} paragraph']:.3f}"
            f"  all {s[f'recall {rate:.0%} all']:.3f}   precision {s[f'precision {rate:.0%}']:.3f}"
            f"   multi-outlet pairs {s[f'recall {rate:.0%} multi']:.3f}"
            f" (with source {s[f'recall {rate:.0%} multi source']:.3f}){extra}"
        )
    print(f"    overall: recall {s['recall all']:.3f}  precision {s['precision all']:.3f}"
          f"  multi-outlet pair recall {s['recall multi']:.3f}")


def bench(sizes: Iterable[int], *, peer_max: int, brute_max: int, min_score: float) -> None:
    print(f"corpora: {corpora_dir()}  threshold: min_score={min_score}")
    for n in sizes:
        t0 = time.perf_counter()
        data = synthetic_corpus(n)
        n_pass = len(data.corpus.passages)
        words = sum(len(p.text.split()) for p in data.corpus.passages)
        pairwise = sum(g.kind in KINDS for g in data.gold)
        print(
            f"\nN = {n} articles: {n_pass} passages, {words / 1e6:.1f} M words, "
            f"{pairwise} planted sentence pairs, {len(data.versions)} multi-outlet sentences "
            f"({len(data.gold) - pairwise} version pairs) "
            f"(generated in {time.perf_counter() - t0:.1f} s)"
        )
        kept: list = []
        _, sec, mb = timed(ours(data, kept))
        mine = scores(data, cut(kept[0], min_score))
        t1 = time.perf_counter()
        groups = clustered(data, matches_above(kept[0], min_score))
        report(f"analysis.reuse (>= {min_score:g})", sec, mb, mine, groups)
        print(f"    reuse_clusters: {time.perf_counter() - t1:.2f} s")
        strict = scores(data, cut(kept[0], STRICT_SCORE))
        report(f"analysis.reuse (>= {STRICT_SCORE:g})", sec, mb, strict,
               clustered(data, matches_above(kept[0], STRICT_SCORE)))
        del kept
        if n <= peer_max:
            p_found, p_sec, p_mb = timed(datasketch_peer(data))
            peer = scores(data, p_found)
            report("datasketch LSH + rapidfuzz", p_sec, p_mb, peer)
            print(
                f"  ratio: {p_sec / sec:.1f}x faster than datasketch; recall "
                f"{mine['recall all']:.3f} vs {peer['recall all']:.3f} (all rates), "
                f"up to 20%: {_upto(mine):.3f} vs {_upto(peer):.3f}"
            )
        else:
            print(f"  datasketch peer skipped above N = {peer_max} (--peer-max)")
        if n_pass <= brute_max:
            b_found, b_sec, b_mb = timed(brute_peer(data))
            brute = scores(data, b_found)
            report("brute-force cdist", b_sec, b_mb, brute)
            print(f"  ratio: {b_sec / sec:.1f}x faster than brute force")
        else:
            print(f"  brute-force cdist skipped above {brute_max} passages (--brute-max)")
        del data
    print(f"\npeak resident memory of the whole run: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GB")


# (articles, copies of one paragraph): a wire story carried by many outlets, in a small corpus
# (copies in most documents) and in a larger one (copies in more than 5 % of documents).
WIRE_CASES: tuple[tuple[int, int], ...] = ((12, 8), (12, 11), (40, 30), (1000, 100), (1000, 400))


def wire() -> None:
    """Print recall on one paragraph carried by many outlets (one corpus per case and rate)."""
    print("one paragraph carried by many outlets (nothing else planted); per edit rate: "
          "version-pair recall (a star beyond 32 versions, so low by design) / versions "
          "matched to another version / sentences with all versions in one cluster")
    for n, copies in WIRE_CASES:
        cells = []
        for rate in EDIT_RATES[:3]:
            data = synthetic_corpus(n, seed=13, plant_share=0.0, multi_share=(copies + 1) / n,
                                    copies=(copies, copies), rates=(rate,))
            matches = reuse_matches(data.corpus, min_score=DEFAULT_MIN_SCORE)
            s = scores(data, {(m.a, m.b) for m in matches if not m.same_document})
            c = clustered(data, matches)
            matched = {pid for m in matches for pid in (m.a, m.b)}
            versions = [pid for v in data.versions for pid in v.passages]
            linked = _share(sum(pid in matched for pid in versions), len(versions))
            cells.append(f"{rate:4.0%}: {s['recall multi']:.3f} / {linked:.3f}"
                         f" / {c[f'clustered {rate:.0%}']:.3f}")
        print(f"  {n:5d} articles, {copies:3d} copies   " + "   ".join(cells))


def realism() -> None:
    """Print how often articles with no reuse share word runs: real BASIL vs synthetic."""
    texts, events = basil_bodies()
    data = synthetic_corpus(len(texts), seed=11, plant_share=0.0)
    fake = [d.text for d in data.corpus.documents]
    rows = (
        ("BASIL, articles on different events", shared_run_rates(texts, events)),
        ("synthetic, nothing planted",
         shared_run_rates(fake, [d.doc_id for d in data.corpus.documents])),
    )
    print(f"{len(texts)} articles each; pairs sharing a word k-gram, per 1000 pairs")
    for name, rates in rows:
        print(f"  {name:<36} " + "  ".join(f"k={k}: {r * 1000:6.2f}" for k, r in rates.items()))


def _upto(s: dict[str, float]) -> float:
    return float(np.mean([s[f"recall {r:.0%} all"] for r in EDIT_RATES if r <= 0.2]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--peer-max", type=int, default=10_000,
                        help="largest N for the datasketch peer (its index needs ~1 GB per 10k)")
    parser.add_argument("--brute-max", type=int, default=30_000,
                        help="largest number of passages for brute-force cdist")
    parser.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE)
    parser.add_argument("--profile", type=int, metavar="N", help="profile one run of size N")
    parser.add_argument("--realism", action="store_true",
                        help="compare chance overlap between real BASIL and synthetic articles")
    parser.add_argument("--wire", action="store_true",
                        help="only the cases of one paragraph carried by many outlets")
    args = parser.parse_args(argv)
    if args.realism:
        realism()
        return
    if args.wire:
        wire()
        return
    if args.profile:
        from pyinstrument import Profiler

        data = synthetic_corpus(args.profile)
        profiler = Profiler()
        profiler.start()
        reuse_matches(data.corpus, min_score=0.0)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False))
        return
    wire()
    bench(args.sizes, peer_max=args.peer_max, brute_max=args.brute_max, min_score=args.min_score)


if __name__ == "__main__":
    main()
