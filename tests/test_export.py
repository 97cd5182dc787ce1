"""The export contract, the golden file on the seeds, and the command line."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.export import TABLES, csv_files, export_json, export_tables, write_json
from analysis.ingest.pipeline import build_corpus

GOLDEN = Path(__file__).parent / "golden" / "seeds_export.json"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def export():
    return export_tables(build_corpus())


def _pinned(export: dict) -> dict:
    """Return the parts of the export that the golden file pins (texts are pinned by offsets)."""
    return {
        "schema_version": export["schema_version"],
        "documents": [{k: v for k, v in d.items() if k not in {"text", "path"}} for d in export["documents"]],
        "passages": [[p["passage_id"], p["role"], p["start"], p["end"], p["reason"]] for p in export["passages"]],
        **{t: export[t] for t in ("stories", "reuse", "quotes", "article_pairs", "framing", "claims", "disagreements", "errors")},
    }


def test_seeds_export_matches_the_golden_file(export):
    """Regenerate on purpose with PARALLAX_REGENERATE_GOLDEN=1 after reviewing the diff."""
    pinned = json.loads(json.dumps(_pinned(export), ensure_ascii=False))
    if os.environ.get("PARALLAX_REGENERATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(pinned, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert pinned == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_every_table_is_present_with_its_columns(export):
    assert export["schema_version"] == 1
    for table, columns in TABLES.items():
        assert isinstance(export[table], list)
        for row in export[table]:
            assert set(columns) <= set(row), (table, set(columns) - set(row))


def test_every_offset_slices_to_the_reported_text(export):
    texts = {d["doc_id"]: d["text"] for d in export["documents"]}
    for p in export["passages"]:
        assert texts[p["doc_id"]][p["start"] : p["end"]] == p["text"]
    for h in export["framing"]:
        assert texts[h["doc_id"]][h["start"] : h["end"]] == h["match"]
    for c in export["claims"]:
        assert texts[c["doc_id"]][c["start"] : c["end"]] == c["text"]
    passages = {p["passage_id"]: p for p in export["passages"]}
    for m in export["reuse"]:
        a, b = passages[m["a"]], passages[m["b"]]
        for a0, a1, b0, b1 in m["spans"]:
            assert a["start"] <= a0 < a1 <= a["end"] and b["start"] <= b0 < b1 <= b["end"]


@pytest.mark.parametrize("rows", [0, 1, 255, 256, 257, 600])
def test_the_json_text_reads_back_as_the_export_whatever_the_number_of_rows(tmp_path, rows):
    export = {"schema_version": 1, "passages": [{"n": i, "text": "é\n\"x\""} for i in range(rows)], "errors": []}
    assert json.loads(export_json(export)) == export
    write_json(export, tmp_path / "out.json")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == export


def test_the_seeds_json_text_reads_back_as_the_export(export):
    assert json.loads(export_json(export)) == json.loads(json.dumps(export, ensure_ascii=False))


def test_csv_files_have_one_header_per_table(export):
    files = csv_files(export)
    assert set(files) == {f"{t}.csv" for t in TABLES}
    assert files["passages.csv"].splitlines()[0].startswith("passage_id,doc_id,role,start,end,text,reason")


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


def test_cli_analyses_the_seeds_by_default(tmp_path):
    out = tmp_path / "seeds.json"
    result = run_cli("analyze", "--json", str(out), "--csv", str(tmp_path / "csv"))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 5
    assert (tmp_path / "csv" / "passages.csv").exists()
    assert "done in" in result.stderr


def test_cli_reports_a_bad_file_and_analyses_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text("Summit in Nara\n\nThe leaders met in Nara on January 13, 2026.\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"text": "trunc', encoding="utf-8")
    out = tmp_path / "x.json"
    result = run_cli("analyze", str(tmp_path), "--json", str(out))
    assert result.returncode == 0
    assert "bad.json" in result.stderr and "malformed JSON" in result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["doc_id"] for d in data["documents"]] == ["good"]
    assert data["errors"][0]["path"].endswith("bad.json")


def test_cli_exits_1_when_nothing_could_be_analysed_and_still_writes_every_table(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "new" / "folder" / "x.json"
    result = run_cli("analyze", str(tmp_path / "empty.txt"), "--json", str(out))
    assert result.returncode == 1
    assert "empty.txt" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(TABLES) <= set(data) and data["documents"] == [] and len(data["errors"]) == 1


def test_precomputed_results_are_exported_as_given():
    corpus = build_corpus()
    full = export_tables(corpus)
    given = export_tables(corpus, matches=(), semantic=(), quotes=(), hits=(), claims=(), items=())
    assert given["reuse"] == given["quotes"] == given["article_pairs"] == []
    assert export_tables(corpus, min_score=100)["reuse"] == [r for r in full["reuse"] if r["score"] >= 100]


def test_cli_exits_2_on_usage_errors():
    assert run_cli("analyze", "--no-such-flag").returncode == 2
    assert run_cli().returncode == 2


def test_cli_rejects_a_malformed_lexicon_with_usage_status(tmp_path):
    bad = tmp_path / "lex.toml"
    bad.write_text("[frames\nbroken = ", encoding="utf-8")
    result = run_cli("analyze", "--lexicon", str(bad))
    assert result.returncode == 2
    assert "lex.toml" in result.stderr
