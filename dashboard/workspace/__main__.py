"""Look after the workspace from the server's shell: back it up, check it, empty the results cache.

    python -m dashboard.workspace backup FILE     # a consistent copy, safe while the server runs
    python -m dashboard.workspace check           # SQLite's integrity check ("ok")
    python -m dashboard.workspace clear-cache     # drop every cached analysis result
"""

from __future__ import annotations

import argparse
import sys

from dashboard.workspace import cache_bytes, data_dir
from dashboard.workspace.results import ResultCache
from dashboard.workspace.store import Store, StoreError


def main(argv: list[str] | None = None) -> int:
    """Run one maintenance command and return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.workspace", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    backup = commands.add_parser("backup", help="copy the workspace database to FILE")
    backup.add_argument("file")
    commands.add_parser("check", help="run SQLite's integrity check")
    commands.add_parser("clear-cache", help="drop every cached analysis result")
    args = parser.parse_args(argv)
    folder = data_dir()
    try:
        if args.command == "backup":
            print(f"backed up {folder} to {Store(folder).backup(args.file)}")
        elif args.command == "check":
            result = Store(folder).check()
            print(result)
            return 0 if result == "ok" else 1
        else:
            gone = ResultCache(folder, max_bytes=cache_bytes()).clear()
            print(f"dropped {gone} cached results from {folder}")
    except StoreError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
