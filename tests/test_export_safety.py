"""Exports a spreadsheet cannot run, that are never left truncated, and a command line nobody can forge."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from pathlib import Path

import pytest

from analysis.export import TABLES, csv_files, empty_export, export_tables, write_csv, write_json
from analysis.text.records import LoadError
from tests.factories import make_corpus, make_document
from tests.test_export import run_cli

FORMULAS = ["=HYPERLINK(\"https://evil.example\",\"Click\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=2"]


@pytest.fixture(scope="module")
def hostile_export() -> dict:
    docs = [
        make_document(f"{title}\n\nThe summit opened in Nara on January 13, 2026, officials said.", doc_id=f"d{n}",
                      source=title, title=title)
        for n, title in enumerate(FORMULAS)
    ]
    return export_tables(make_corpus(*docs))


def test_csv_cells_that_a_spreadsheet_would_run_get_a_leading_apostrophe(hostile_export: dict):
    rows = list(csv.DictReader(io.StringIO(csv_files(hostile_export)["documents.csv"])))
    assert [r["title"] for r in rows] == ["'" + f for f in FORMULAS]
    assert [r["source"] for r in rows] == ["'" + f for f in FORMULAS]
    for table, text in csv_files(hostile_export).items():
        for row in csv.reader(io.StringIO(text)):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), (table, row)


def test_numbers_in_csv_cells_are_left_alone(hostile_export: dict):
    rows = list(csv.DictReader(io.StringIO(csv_files(hostile_export)["passages.csv"])))
    assert all(r["start"].isdigit() and r["end"].isdigit() for r in rows)


def test_the_json_export_keeps_the_text_as_it_was(hostile_export: dict, tmp_path: Path):
    write_json(hostile_export, tmp_path / "x.json")
    data = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert [d["title"] for d in data["documents"]] == FORMULAS


def test_a_failed_json_write_leaves_the_earlier_export_untouched(tmp_path: Path):
    target = tmp_path / "parallax.json"
    write_json(empty_export([LoadError("a.txt", "first run")]), target)
    before = target.read_bytes()
    broken = empty_export([LoadError("b.txt", "cannot be encoded \ud800")])
    with pytest.raises(UnicodeEncodeError):
        write_json(broken, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["parallax.json"]  # no temporary file left behind


def test_a_failed_csv_write_leaves_the_earlier_tables_untouched(tmp_path: Path, hostile_export: dict):
    write_csv(hostile_export, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    broken = {**hostile_export, "errors": [{"path": "x", "error": "\udc80"}]}
    with pytest.raises(UnicodeEncodeError):
        write_csv(broken, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_writing_the_json_export_streams_instead_of_building_the_text(tmp_path: Path):
    export = empty_export()
    export["passages"] = [{"passage_id": f"d{n}:0", "doc_id": f"d{n}", "role": "body", "start": 0, "end": 40,
                           "text": f"Sentence number {n} of a long export.", "reason": None} for n in range(60_000)]
    tracemalloc.start()
    try:
        write_json(export, tmp_path / "big.json")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = (tmp_path / "big.json").stat().st_size
    assert peak < size / 4, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.1f} MB export"


def test_every_table_is_still_written_as_csv(tmp_path: Path, hostile_export: dict):
    written = write_csv(hostile_export, tmp_path / "csv")
    assert sorted(p.name for p in written) == sorted(f"{t}.csv" for t in TABLES)


# --------------------------------------------------------------------------- the command line

SURROGATES = '{"id": "s", "title": "Scraped \\ud800 title", "source": "Wire", "text": "The summit opened in Nara \\udfff on January 13, 2026."}'


def test_the_cli_analyses_a_file_with_lone_surrogates_and_notes_it(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scraped.json").write_text(SURROGATES, encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text('{"earlier": true}', encoding="utf-8")
    result = run_cli("analyze", str(tmp_path / "in"), "--json", str(out), "--csv", str(tmp_path / "csv"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "note in/scraped.json" in result.stderr and "U+FFFD" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"][0]["title"] == "Scraped \ufffd title"
    assert (tmp_path / "csv" / "documents.csv").read_text(encoding="utf-8").count("\ufffd") >= 2


def test_a_file_name_cannot_forge_a_cli_log_line(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Summit in Nara\n\nThe leaders met in Nara on January 13, 2026.\n")
    (tmp_path / "in" / "x.txt\nparallax: wrote stolen.json\rparallax: done in 0.1 s\u2028.txt").write_bytes(b"\x00\x01")
    result = run_cli("analyze", str(tmp_path / "in"), "--json", str(tmp_path / "out.json"))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.split("\n")
    assert not any(line.startswith("parallax: wrote stolen.json") for line in lines)
    assert "\r" not in result.stderr and "\u2028" not in result.stderr
    assert all(line.startswith("parallax: ") for line in lines if line)
    assert "x.txt\\nparallax: wrote stolen.json\\rparallax" in result.stderr
