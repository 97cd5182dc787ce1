"""Where the benchmarks find the evaluation corpora: ../shared/corpora next to the repository."""

import os
from pathlib import Path

CORPORA = Path(os.environ.get("PARALLAX_CORPORA") or Path(__file__).resolve().parents[1].parent / "shared" / "corpora")


def corpora_dir() -> Path:
    """Return the corpora folder (PARALLAX_CORPORA overrides the default)."""
    return CORPORA
