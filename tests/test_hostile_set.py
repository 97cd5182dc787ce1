"""A hostile corpus through ``python -m analysis analyze``: every file handled, in bounded time and memory."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.hostile import FORMULA_TITLE, SECRET, build_hostile_set, matches, run_measured

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile")
    corpus, expected = build_hostile_set(root)
    run = run_measured("analyze", str(corpus), "--json", str(root / "out.json"), "--csv", str(root / "csv"), cwd=ROOT)
    export = json.loads((root / "out.json").read_text(encoding="utf-8"))
    return run, export, expected, root


def test_the_hostile_set_finishes_in_under_a_minute_and_a_gigabyte(hostile_run):
    run, _, _, _ = hostile_run
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert run.seconds < 60 and run.peak_mb < 1024, (run.seconds, run.peak_mb)


def test_every_hostile_file_is_handled_as_expected(hostile_run):
    _, export, expected, _ = hostile_run
    docs = [d["path"] for d in export["documents"]]
    errors = export["errors"]
    for exp in expected:
        if exp.outcome == "document":
            assert any(matches(p, exp.path) for p in docs), f"no document from {exp.path}"
        else:
            assert any(matches(e["path"], exp.path) and exp.says in e["error"] for e in errors), \
                f"{exp.path}: no {exp.outcome} saying {exp.says!r}"
    problems = [e for e in expected if e.outcome != "document"]
    surprises = [e for e in errors if not any(matches(e["path"], x.path) and x.says in e["error"] for x in problems)]
    assert surprises == []
    unexpected_docs = [p for p in docs if not any(matches(p, x.path) for x in expected if x.outcome == "document")]
    assert unexpected_docs == []


def test_nothing_from_outside_the_corpus_is_published(hostile_run):
    _, _, _, root = hostile_run
    published = (root / "out.json").read_text(encoding="utf-8")
    published += "".join(p.read_text(encoding="utf-8") for p in (root / "csv").iterdir())
    assert SECRET not in published and "root:x:0:0" not in published


def test_the_hostile_set_logs_one_line_per_message_and_notes_repairs(hostile_run):
    run, _, expected, _ = hostile_run
    lines = [line for line in run.stderr.split("\n") if line]
    assert all(line.startswith("parallax: ") for line in lines)
    assert not any(line.startswith("parallax: wrote stolen") for line in lines)
    notes = [line for line in lines if line.startswith("parallax: note ")]
    assert len(notes) == sum(1 for e in expected if e.outcome == "note")


def test_formulas_in_fields_are_neutralised_in_csv_and_kept_in_json(hostile_run):
    _, export, _, root = hostile_run
    titles = {d["title"] for d in export["documents"]}
    assert FORMULA_TITLE in titles
    with (root / "csv" / "documents.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert "'" + FORMULA_TITLE in {r["title"] for r in rows}
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values()), row
