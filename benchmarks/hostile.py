"""Hostile input through the command line: time and peak memory, and what a lying zip allocates.

    .venv/bin/python benchmarks/hostile.py              # all three figures (about a minute)
    .venv/bin/python benchmarks/hostile.py --quick      # the hostile set and the lying zip only

1. The hostile set of tests/hostile.py (binary, empty, huge and sparse files, wrong encodings,
   malformed JSON/CSV, hostile HTML, formulas and javascript: URLs in fields, links out of the
   corpus, FIFOs, a device, zip bombs, an encrypted member, lone surrogates) through
   ``python -m analysis analyze --json --csv``: wall time and peak resident memory of the command
   (the bar: under 60 s and 1 GB, with every file handled as tests/test_hostile_set.py expects).
2. A 200 KB zip whose one member says it holds 100 bytes and inflates to 200 MB: the memory the
   loader allocates for it (tracemalloc).
3. A 13 MB zip of 50,000 tiny articles through the command line: wall time and peak memory.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.ingest import documents_from_bytes  # noqa: E402
from tests.hostile import build_hostile_set, lying_zip, run_measured  # noqa: E402


def hostile_set(folder: Path) -> None:
    corpus, expected = build_hostile_set(folder)
    run = run_measured("analyze", str(corpus), "--json", str(folder / "out.json"), "--csv", str(folder / "csv"),
                       cwd=ROOT)
    notes = sum(1 for line in run.stderr.split("\n") if line.startswith("parallax: note "))
    skipped = sum(1 for line in run.stderr.split("\n") if line.startswith("parallax: skipped "))
    print(f"hostile set ({len(expected)} files and members): exit {run.returncode}, {run.seconds:.1f} s, "
          f"peak {run.peak_mb:.0f} MB; {skipped} skipped, {notes} notes")


def lying_zip_allocation() -> None:
    data = lying_zip(200 << 20)
    tracemalloc.start()
    started = time.perf_counter()
    docs, errors = documents_from_bytes("lying.zip", data)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"lying zip ({len(data) / 1e3:.0f} KB, says 100 bytes, inflates to 200 MB): {peak / 1e6:.1f} MB allocated, "
          f"{seconds:.2f} s; {errors[0].error if errors else 'no error'}")


def many_articles(folder: Path, n: int = 50_000) -> None:
    rng = random.Random(1)
    vocabulary = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9))) for _ in range(5000)]
    archive = folder / "many.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for i in range(n):
            title = " ".join(rng.choice(vocabulary) for _ in range(5)).capitalize()
            body = ". ".join(" ".join(rng.choice(vocabulary) for _ in range(10)).capitalize() for _ in range(3)) + "."
            out.writestr(f"a/{i:05d}.txt", f"{title}\n\n{body}\n")
    run = run_measured("analyze", str(archive), "--json", str(folder / "many.json"), "--quiet", cwd=ROOT)
    print(f"zip of {n:,} tiny articles ({archive.stat().st_size / 1e6:.1f} MB): exit {run.returncode}, "
          f"{run.seconds:.1f} s, peak {run.peak_mb:.0f} MB")


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip the 50,000-article zip")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="parallax-hostile-") as tmp:
        hostile_set(Path(tmp) / "set")
        lying_zip_allocation()
        if not args.quick:
            (Path(tmp) / "many").mkdir()
            many_articles(Path(tmp) / "many")


if __name__ == "__main__":
    main()
