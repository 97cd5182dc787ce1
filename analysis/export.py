"""The export: every table of an analysis run, as the versioned JSON contract (docs/export.md)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import IO

from analysis.claims.comparison import Disagreement, disagreements
from analysis.claims.extraction import Claim, all_claims
from analysis.claims.tables import (
    CLAIM_EXPORT_COLUMNS,
    DISAGREEMENT_EXPORT_COLUMNS,
    claim_rows,
    disagreement_rows,
)
from analysis.framing.hits import FramingHit, framing_hits
from analysis.framing.lexicon import Lexicon, default_lexicon
from analysis.framing.tables import EXPORT_COLUMNS, framing_rows
from analysis.reuse.articles import ArticlePair, article_pairs
from analysis.reuse.matches import DEFAULT_MIN_SCORE, ReuseMatch, matches_above, reuse_matches
from analysis.reuse.quotes import QuoteGroup, quote_ledger
from analysis.reuse.semantic import Encoder, default_encoder, semantic_candidates, semantic_matches
from analysis.reuse.tables import (
    ARTICLE_PAIR_EXPORT_COLUMNS,
    QUOTE_EXPORT_COLUMNS,
    REUSE_EXPORT_COLUMNS,
    article_pair_rows,
    quote_rows,
    reuse_rows,
)
from analysis.text.records import Corpus, LoadError, article_words

SCHEMA_VERSION = 1
TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "source", "title", "published", "url", "language", "words", "path", "text", "story"),
    "stories": ("story_id", "label", "doc_ids", "how"),
    "passages": ("passage_id", "doc_id", "role", "start", "end", "text", "reason"),
    "reuse": REUSE_EXPORT_COLUMNS,
    "quotes": QUOTE_EXPORT_COLUMNS,
    "article_pairs": ARTICLE_PAIR_EXPORT_COLUMNS,
    "framing": EXPORT_COLUMNS,
    "claims": CLAIM_EXPORT_COLUMNS,
    "disagreements": DISAGREEMENT_EXPORT_COLUMNS,
    "errors": ("path", "error"),
}

# Tables the dashboard adds to an export when it has them: a workspace collection's notes and verdicts.
NOTE_COLUMNS = ("note_id", "kind", "target", "about", "verdict", "text", "author", "created_at")
OPTIONAL_TABLES: dict[str, tuple[str, ...]] = {"notes": NOTE_COLUMNS}

Step = Callable[[str], None]


def document_rows(corpus: Corpus) -> list[dict]:
    """Return the `documents` table."""
    return [
        {
            "doc_id": d.doc_id,
            "source": d.source,
            "title": d.title,
            "published": d.published.isoformat() if d.published else None,
            "url": d.url,
            "language": d.language,
            "words": article_words(corpus, d.doc_id),
            "path": d.path,
            "text": d.text,
            "story": d.story,
        }
        for d in corpus.documents
    ]


def story_rows(corpus: Corpus) -> list[dict]:
    """Return the `stories` table: each story's id, label, documents, and whether given or inferred."""
    return [
        {"story_id": s.story_id, "label": s.label, "doc_ids": list(s.doc_ids), "how": s.how}
        for s in corpus.stories
    ]


def passage_rows(corpus: Corpus) -> list[dict]:
    """Return the `passages` table (reason is null for article roles)."""
    return [
        {
            "passage_id": p.passage_id,
            "doc_id": p.doc_id,
            "role": p.role,
            "start": p.start,
            "end": p.end,
            "text": p.text,
            "reason": p.reason or None,
        }
        for p in corpus.passages
    ]


def export_tables(
    corpus: Corpus,
    *,
    lexicon: Lexicon | None = None,
    min_score: float | None = None,
    matches: Sequence[ReuseMatch] | None = None,
    semantic: Sequence[ReuseMatch] | None = None,
    quotes: Sequence[QuoteGroup] | None = None,
    pairs: Sequence[ArticlePair] | None = None,
    encoder: Encoder | None = None,
    hits: Sequence[FramingHit] | None = None,
    claims: Sequence[Claim] | None = None,
    items: Sequence[Disagreement] | None = None,
    step: Step | None = None,
) -> dict:
    """Return the full export of ``corpus``: schema_version and one list of records per table.

    Results already computed (the dashboard's cached ones) can be passed in and are not
    recomputed; ``min_score`` filters reuse matches (default: the reuse analysis's own).
    ``matches`` are the lexical matches, ``semantic`` the paraphrased and translated sentences
    (computed with ``encoder``, by default the bundled sentence encoder).
    """
    say = step or (lambda _msg: None)
    threshold = DEFAULT_MIN_SCORE if min_score is None else min_score
    if matches is None:
        say("reuse")
        matches = reuse_matches(corpus, min_score=threshold)
    if semantic is None or quotes is None:
        say("paraphrase and translation")
        encoder = encoder or default_encoder()
        candidates = semantic_candidates(corpus, matches, encoder=encoder)
        if semantic is None:
            semantic = semantic_matches(corpus, matches, encoder=encoder, pairs=candidates)
        if quotes is None:
            quotes = quote_ledger(corpus, encoder=encoder, article_pairs=[(c.doc_a, c.doc_b) for c in candidates])
    kept = _merged(matches_above(matches, threshold), matches_above(semantic, threshold))
    if pairs is None:
        pairs = article_pairs(corpus, kept)
    if hits is None:
        say("framing")
        hits = framing_hits(corpus, lexicon or default_lexicon())
    if claims is None:
        say("claims")
        claims = all_claims(corpus)
    if items is None:
        say("disagreements")
        items = disagreements(corpus, claims)
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": document_rows(corpus),
        "stories": story_rows(corpus),
        "passages": passage_rows(corpus),
        "reuse": reuse_rows(kept),
        "quotes": quote_rows(quotes),
        "article_pairs": article_pair_rows(pairs),
        "framing": framing_rows(hits),
        "claims": claim_rows(claims),
        "disagreements": disagreement_rows(items),
        "errors": error_rows(corpus.errors),
    }


def _merged(*parts: Sequence[ReuseMatch]) -> tuple[ReuseMatch, ...]:
    # Lexical and semantic matches in one order: document ids, then passages in text order.
    def key(m: ReuseMatch) -> tuple[str, int, str, int]:
        return m.doc_a, int(m.a.rsplit(":", 1)[1]), m.doc_b, int(m.b.rsplit(":", 1)[1])

    return tuple(sorted((m for part in parts for m in part), key=key))


def error_rows(errors: Sequence[LoadError]) -> list[dict]:
    """Return the `errors` table."""
    return [{"path": e.path, "error": e.error} for e in errors]


def empty_export(errors: Sequence[LoadError] = ()) -> dict:
    """Return an export with every table present and empty but `errors` (nothing could be analysed)."""
    export: dict = {"schema_version": SCHEMA_VERSION, **{t: [] for t in TABLES}}
    export["errors"] = error_rows(errors)
    return export


def export_json(export: dict) -> str:
    """Return the export as JSON text."""
    return "".join(json_pieces(export))


_JSON_ROWS = 256  # rows encoded in one call: few calls, and a bounded piece of text at a time


def json_pieces(export: dict) -> Iterator[str]:
    """Yield the export's JSON text in pieces: one top-level value, or a chunk of table rows, per line.

    Rows are encoded by the C encoder (``json.dumps`` without an indent); an indent switches
    ``json`` to its pure-Python encoder, which took 28-32 % of the CPU of the whole analysis on the
    adversarial benchmark's prose-on-one-line and anchored-dates cases.
    """
    # Rows are plain data made here, never cyclic: the encoder need not keep every list and dict
    # it enters to detect a cycle (the anchored-dates case's 18,182 claim rows: 36 -> 34 ms).
    dumps = partial(json.dumps, check_circular=False)
    yield "{"
    sep = "\n"
    for key, value in export.items():
        yield f"{sep}{dumps(key, ensure_ascii=False)}: "
        sep = ",\n"
        if isinstance(value, list) and value:
            # Rows are encoded _JSON_ROWS at a time (one C call each, its brackets cut off):
            # a call per row cost 0.13 s of 1.3 s on 40,000 one-word passages.
            yield "[\n"
            for i in range(0, len(value), _JSON_ROWS):
                if i:
                    yield ",\n"
                yield dumps(value[i : i + _JSON_ROWS], ensure_ascii=False)[1:-1]
            yield "\n]"
        else:
            yield dumps(value, ensure_ascii=False)
    yield "\n}"


def write_json(export: dict, path: str | os.PathLike[str]) -> None:
    """Write the export as one UTF-8 JSON file (its folder is created when missing), atomically.

    The JSON goes to a temporary file in the same folder, is flushed to disk and then renamed over
    ``path``: a failure at any point (a character that cannot be encoded, a full disk, an
    interruption) leaves an earlier export at ``path`` as it was, never a truncated file. It is
    streamed one row at a time (``json_pieces``): building the whole text first doubled the
    command line's peak memory on a 50,000-article corpus.
    """
    with _atomic_file(Path(path)) as fh:
        fh.writelines(json_pieces(export))
        fh.write("\n")


def csv_files(export: dict) -> dict[str, str]:
    """Return one CSV text per table, optional tables (notes) included when present (cells as ``csv_cell`` writes them)."""
    out: dict[str, str] = {}
    for table in _tables_of(export):
        buf = io.StringIO()
        _write_csv_table(buf, table, export.get(table, []))
        out[f"{table}.csv"] = buf.getvalue()
    return out


def write_csv(export: dict, folder: str | os.PathLike[str]) -> list[Path]:
    """Write one CSV file per table into ``folder`` (created when missing), each one atomically."""
    target = Path(folder)
    written = []
    for table in _tables_of(export):
        p = target / f"{table}.csv"
        with _atomic_file(p, newline="") as fh:
            _write_csv_table(fh, table, export.get(table, []))
        written.append(p)
    return written


def _tables_of(export: dict) -> tuple[str, ...]:
    """Return the tables an export writes: every table, then the optional ones it holds."""
    return (*TABLES, *(t for t in OPTIONAL_TABLES if t in export))


def _write_csv_table(fh: IO[str], table: str, rows: Sequence[dict]) -> None:
    columns = TABLES.get(table) or OPTIONAL_TABLES[table]
    extra = [k for row in rows for k in row if k not in columns]
    fields = list(columns) + sorted(set(extra), key=extra.index)
    writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell(v) for k, v in row.items()})


# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(...) in an
# article title becomes a live link); a leading tab or carriage return is skipped to reach one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """Return a value as written to a CSV cell.

    Lists and objects are JSON-encoded, null is an empty cell, and text a spreadsheet would run
    as a formula gets a leading apostrophe (``=1+1`` is written ``'=1+1``; see docs/export.md).
    Numbers stay numbers.
    """
    if isinstance(value, (list, dict, tuple)):
        value = json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@contextmanager
def _atomic_file(target: Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Yield a text file that replaces ``target`` only once it is completely written and synced."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    with suppress(OSError):  # make the rename itself durable (not every system can sync a folder)
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _mode_for(target: Path) -> int:
    """Return the permissions the export gets: the earlier export's, else what the umask gives a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def csv_archive(tables_by_name: dict[str, str]) -> bytes:
    """Return a zip archive holding one CSV file per table (``csv_files`` output)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables_by_name.items():
            archive.writestr(name, text)
    return buf.getvalue()
