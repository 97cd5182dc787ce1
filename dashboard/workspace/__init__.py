"""The team's workspace: collections, lexicon versions, saved views and notes kept in SQLite, and
analysis results kept on disk. No Streamlit here: the shell (``dashboard.data``) opens them.

Everything lives in one data folder, ``PARALLAX_DATA_DIR`` (default: ``parallax-data/`` in the
project folder): ``workspace.sqlite3`` (back it up) and ``results.sqlite3`` (a cache, safe to delete).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "PARALLAX_DATA_DIR"
ENV_CACHE_MB = "PARALLAX_CACHE_MB"  # bound of the results cache (default 512 MB)
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "parallax-data"


def data_dir() -> Path:
    """Return the folder holding the workspace database and the results cache."""
    configured = os.environ.get(ENV_DATA_DIR, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_DATA_DIR


def cache_bytes() -> int:
    """Return the results cache's size bound in bytes ($PARALLAX_CACHE_MB, default 512 MB)."""
    raw = os.environ.get(ENV_CACHE_MB, "").strip()
    megabytes = int(raw) if raw.isdigit() else 512
    return megabytes * 1024 * 1024
