"""Command line: ``python -m analysis analyze [PATH ...] [--json FILE] [--csv DIR] [--lexicon FILE]``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from typing import NoReturn

from analysis.export import json_pieces, write_json
from analysis.ingest.decoding import printable

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors; keep that, with our wording
        self.print_usage(sys.stderr)
        print(f"parallax: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analysis", description="Parallax: comparative news coverage analysis.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    analyze = sub.add_parser("analyze", help="analyse articles and write the export")
    analyze.add_argument("paths", nargs="*", help="files, folders or zip archives (default: the bundled seeds)")
    analyze.add_argument("--json", metavar="FILE", help="write the JSON export here ('-' for standard output)")
    analyze.add_argument("--csv", metavar="DIR", help="write one CSV file per table into this folder")
    analyze.add_argument("--lexicon", metavar="FILE", help="framing lexicon (TOML); default: the bundled one")
    analyze.add_argument("--quiet", action="store_true", help="no progress on standard error")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = _parser().parse_args(argv)
    from analysis.export import empty_export, export_tables, write_csv
    from analysis.framing.lexicon import LexiconError, load_lexicon
    from analysis.ingest.pipeline import build_corpus
    from analysis.text.records import settle_loaded_modules

    settle_loaded_modules()

    def complain(msg: str) -> None:
        # Lines name files the user may not control: escaped, so a name cannot forge a line.
        print(f"parallax: {printable(msg)}", file=sys.stderr, flush=True)

    def say(msg: str) -> None:
        if not args.quiet:
            complain(msg)

    lexicon = None
    if args.lexicon:
        try:
            lexicon = load_lexicon(args.lexicon)
        except LexiconError as exc:
            complain(f"error: {exc}")
            return EXIT_USAGE
        except OSError as exc:
            complain(f"error: lexicon {args.lexicon}: {exc.strerror or exc}")
            return EXIT_USAGE

    started = time.monotonic()
    last = [0.0]

    def progress(n: int, total: int, path: str) -> None:
        now = time.monotonic()
        if n == total or now - last[0] > 0.5:
            last[0] = now
            say(f"reading {n}/{total} {path}")

    corpus = build_corpus(args.paths, progress=progress if not args.quiet else None)
    for err in corpus.errors:
        complain(f"{'note' if err.warning else 'skipped'} {err.path}: {err.error}")
    if not corpus.documents:
        complain("error: no document could be analysed")
        if args.json:
            try:
                _write(args.json, empty_export(corpus.errors), say)
            except OSError as exc:
                complain(f"error: cannot write {exc.filename or args.json}: {exc.strerror or exc}")
        return EXIT_NOTHING
    say(f"{len(corpus.documents)} documents, {len(corpus.passages)} passages; analysing")
    export = export_tables(corpus, lexicon=lexicon, step=lambda s: say(f"analysing {s}"))
    try:
        if args.json:
            _write(args.json, export, say)
        if args.csv:
            for p in write_csv(export, args.csv):
                say(f"wrote {p}")
    except OSError as exc:
        complain(f"error: cannot write {exc.filename or ''}: {exc.strerror or exc}")
        return EXIT_USAGE
    if not args.json and not args.csv:
        print(", ".join(f"{k}: {len(v)}" for k, v in export.items() if isinstance(v, list)))
    say(f"done in {time.monotonic() - started:.1f} s")
    return EXIT_OK


def _write(target: str, export: dict, say: Callable[[str], None]) -> None:
    if target == "-":
        sys.stdout.writelines(json_pieces(export))
        sys.stdout.write("\n")
        return
    write_json(export, target)
    say(f"wrote {target}")
