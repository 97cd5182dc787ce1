"""Calibrate the reuse score: the chance rate between unrelated stories, and the default threshold.

BASIL covers 100 events, each by Fox News, The New York Times and HuffPost. Narration shared by
two outlets' articles on *different* events is chance (or an outlet's stock description of a
recurring subject): the ``chance`` rows below. Narration shared by articles on the same event is
mostly genuine shared text (descriptions, the same wire facts). For each threshold this prints
the matches of each sort, the chance rate per 1,000 unrelated article pairs, and the precision
(same-event share); the default threshold is the lowest with precision >= 0.95. Shared quotes
are kept apart (``kind == "quote"``) and counted separately: how many BASIL pairs moved from
reuse to quotes.

Then the planted synthetic corpus (benchmarks/reuse_synth.py): recall of planted copies at the
chosen threshold, per edit rate, and precision.

    .venv/bin/python benchmarks/reuse_calibration.py           # BASIL + 1k synthetic
    .venv/bin/python benchmarks/reuse_calibration.py --size 10000
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paths import corpora_dir
from reuse_synth import EDIT_RATES, synthetic_corpus

from analysis.ingest.pipeline import build_corpus
from analysis.reuse import DEFAULT_MIN_SCORE, reuse_matches
from analysis.text.records import Corpus

THRESHOLDS = (0, 30, 40, 45, 50, 55, 60, 70, 80)


def basil_corpus() -> tuple[Corpus, dict[str, str]]:
    """Return BASIL read by the ingest pipeline, and the event (triplet) of each document."""
    root = corpora_dir() / "basil" / "articles"
    corpus = build_corpus([str(root)])
    event = {}
    for path in root.glob("*/*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        event[record.get("uuid", path.stem)] = record["triplet-uuid"]
    return corpus, event


def basil_report() -> float:
    """Print BASIL's chance and same-event matches per threshold; return the calibrated threshold."""
    corpus, event = basil_corpus()
    outlet = {d.doc_id: d.outlet for d in corpus.documents}
    matches = [m for m in reuse_matches(corpus, min_score=0) if outlet[m.doc_a] != outlet[m.doc_b]]
    n_docs = len(corpus.documents)
    same_pairs = sum(1 for a in corpus.documents for b in corpus.documents
                     if a.doc_id < b.doc_id and event.get(a.doc_id) == event.get(b.doc_id))
    unrelated_pairs = n_docs * (n_docs - 1) // 2 - same_pairs
    quotes = [m for m in matches if m.kind == "quote"]
    narration = [m for m in matches if m.kind != "quote"]
    print(f"BASIL: {n_docs} articles, {len(matches)} cross-outlet matches at score >= 0; "
          f"{len(quotes)} are shared quotes (kept apart: moved out of reuse), {len(narration)} narration")
    chosen = None
    for t in THRESHOLDS:
        kept = [m for m in narration if m.score >= t]
        same = sum(event.get(m.doc_a) == event.get(m.doc_b) for m in kept)
        chance = len(kept) - same
        precision = same / len(kept) if kept else float("nan")
        if chosen is None and kept and precision >= 0.95:
            chosen = float(t)
        q = sum(m.score >= t for m in quotes)
        print(f"  score >= {t:3d}: narration same-event {same:4d}, other events (chance) {chance:3d} "
              f"= {1000 * chance / unrelated_pairs:.2f} per 1,000 unrelated pairs; precision {precision:.3f};"
              f" shared quotes {q}")
    print(f"  lowest threshold with precision >= 0.95: {chosen}; DEFAULT_MIN_SCORE = {DEFAULT_MIN_SCORE}")
    return chosen if chosen is not None else DEFAULT_MIN_SCORE


def synthetic_report(size: int, threshold: float) -> None:
    """Print recall and precision of planted copies at ``threshold``."""
    data = synthetic_corpus(size)
    matches = [m for m in reuse_matches(data.corpus, min_score=threshold) if not m.same_document]
    found = {tuple(sorted((m.a, m.b))) for m in matches}
    gold = {tuple(sorted((g.source, g.copy))): g for g in data.gold}
    print(f"synthetic, {size} articles, threshold {threshold:g}: {len(matches)} cross-document matches")
    for rate in EDIT_RATES:
        pairs = [p for p, g in gold.items() if g.rate == rate and g.kind != "multi"]
        print(f"  edits {rate:4.0%}: recall {sum(p in found for p in pairs) / max(1, len(pairs)):.3f}"
              f" of {len(pairs)} planted pairs")
    print(f"  precision {sum(p in gold for p in found) / max(1, len(found)):.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="synthetic corpus size")
    args = parser.parse_args(argv)
    threshold = basil_report()
    synthetic_report(args.size, DEFAULT_MIN_SCORE)
    if threshold != DEFAULT_MIN_SCORE:
        synthetic_report(args.size, threshold)


if __name__ == "__main__":
    main()
