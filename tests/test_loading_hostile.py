"""Hostile and unlucky input to the loader: links out, FIFOs, devices, lying zips, smuggled records."""

from __future__ import annotations

import io
import json
import os
import stat
import threading
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from analysis.ingest import documents_from_bytes, load_documents, parse_manifest, printable, upload
from analysis.ingest.pipeline import build_corpus, corpus_from_documents
from tests.factories import make_document
from tests.hostile import lying_zip

ARTICLE = "Leaders meet in Nara\n\nThe leaders met in Nara on Tuesday to discuss trade and the alliance.\n"


def _load_within(paths: list[Path], seconds: float = 20.0):
    """Return load_documents(paths), failing (instead of hanging the suite) when it blocks."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(load_documents(paths)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert result, f"load_documents did not return within {seconds} s"
    return result[0]


def _errors_by_name(errors) -> dict[str, str]:
    return {e.path.rsplit("/", 1)[-1]: e.error for e in errors}


# --------------------------------------------------------------------------- links, FIFOs, devices


def test_a_link_pointing_out_of_the_corpus_is_named_and_never_read(tmp_path: Path):
    corpus, outside = tmp_path / "corpus", tmp_path / "private"
    corpus.mkdir()
    outside.mkdir()
    (outside / "secrets.txt").write_text("Secret key\n\nThe database password is hunter2 and nobody may know it.\n")
    (corpus / "good.txt").write_text(ARTICLE)
    (corpus / "leak.txt").symlink_to(outside / "secrets.txt")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    docs, errors = _load_within([corpus])
    assert [d.doc_id for d in docs] == ["good"]
    assert all("hunter2" not in d.text and "root:" not in d.text for d in docs)
    found = _errors_by_name(errors)
    assert "outside the corpus" in found["leak.txt"] and "outside the corpus" in found["passwd.txt"]


def test_a_link_to_a_folder_outside_is_not_walked(tmp_path: Path):
    corpus, outside = tmp_path / "corpus", tmp_path / "private"
    corpus.mkdir()
    outside.mkdir()
    (outside / "secrets.txt").write_text("Secret key\n\nThe database password is hunter2.\n")
    (corpus / "good.txt").write_text(ARTICLE)
    (corpus / "elsewhere").symlink_to(outside, target_is_directory=True)
    docs, errors = _load_within([corpus])
    assert [d.doc_id for d in docs] == ["good"]
    assert "outside the corpus" in _errors_by_name(errors)["elsewhere"]


def test_a_link_inside_the_corpus_is_read(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    docs, errors = _load_within([tmp_path])
    assert sorted(d.doc_id for d in docs) == ["a", "b"] and errors == ()


def test_a_fifo_never_hangs_the_loader(tmp_path: Path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.json")
    docs, errors = _load_within([tmp_path])
    assert [d.doc_id for d in docs] == ["good"]
    found = _errors_by_name(errors)
    assert "FIFO" in found["pipe.txt"] and "FIFO" in found["pipe.json"]


def test_a_fifo_given_by_name_is_refused_too(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")
    docs, errors = _load_within([tmp_path / "pipe.txt"])
    assert docs == () and "FIFO" in errors[0].error


def test_a_link_to_dev_zero_is_not_read(tmp_path: Path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "good.txt").write_text(ARTICLE)
    tracemalloc.start()
    try:
        docs, errors = _load_within([tmp_path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.doc_id for d in docs] == ["good"]
    assert "zero.txt" in _errors_by_name(errors)
    assert peak < 20_000_000


def test_a_device_in_the_corpus_is_named_and_not_opened(tmp_path: Path):
    try:
        os.mknod(tmp_path / "null.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("creating a device node needs CAP_MKNOD")
    docs, errors = _load_within([tmp_path])
    assert docs == () and "character device" in errors[0].error


def test_a_link_loop_is_named(tmp_path: Path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    docs, errors = _load_within([tmp_path])
    assert docs == () and len(errors) == 2


def test_reads_stop_at_the_limit_whatever_stat_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # Devices and /proc files report st_size 0; the limit must count the bytes actually read.
    big = tmp_path / "big.txt"
    big.write_bytes(b"Title\n\n" + b"word " * 8_000_000)  # 40 MB, over the 8 MB limit for .txt
    real_stat, real_fstat = Path.stat, os.fstat

    def zero_size(found: os.stat_result) -> os.stat_result:
        fields = list(found)
        fields[stat.ST_SIZE] = 0
        return os.stat_result(fields)

    monkeypatch.setattr(Path, "stat", lambda self, *a, **k: zero_size(real_stat(self, *a, **k)))
    monkeypatch.setattr(os, "fstat", lambda fd: zero_size(real_fstat(fd)))
    tracemalloc.start()
    try:
        docs, errors = _load_within([tmp_path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert docs == () and "over the 8 MB limit" in errors[0].error
    assert peak < 20_000_000, f"{peak / 1e6:.0f} MB read for an 8 MB limit"


# --------------------------------------------------------------------------- zips


def test_a_member_that_lies_about_its_size_is_not_inflated():
    data = lying_zip(256 << 20)  # 250 KB of zip, 256 MB inflated
    tracemalloc.start()
    try:
        docs, errors = documents_from_bytes("lie.zip", data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert docs == () and "lie.zip!a.txt" == errors[0].path
    assert peak < 10_000_000, f"{peak / 1e6:.0f} MB allocated for a {len(data) / 1e3:.0f} KB zip"


def _zip(files: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, content in files.items():
            z.writestr(name, content)
    return buf.getvalue()


def test_many_small_members_that_each_compress_a_thousandfold_are_a_bomb():
    # Each member stays under the 1 MB per-member check; the archive as a whole does not.
    data = _zip({f"m{n}.txt": "Title\n\n" + "word " * 180_000 for n in range(40)})
    docs, errors = documents_from_bytes("many.zip", data)
    assert len(docs) <= 2
    assert "zip bomb" in errors[-1].error


def test_an_encrypted_member_is_named_as_such():
    data = bytearray(_zip({"secret.txt": ARTICLE, "open.txt": ARTICLE}))
    # Set the "encrypted" flag of the first member in its local and central headers.
    data[6] |= 1
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 1
    docs, errors = documents_from_bytes("locked.zip", bytes(data))
    assert [d.doc_id for d in docs] == ["open"]
    assert errors[0].path == "locked.zip!secret.txt"
    assert "encrypted (password-protected)" in errors[0].error and "RuntimeError" not in errors[0].error


def test_a_symbolic_link_stored_in_a_zip_is_not_read_as_an_article():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("link.txt")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(info, "/etc/passwd")
        z.writestr("real.txt", ARTICLE)
    docs, errors = documents_from_bytes("links.zip", buf.getvalue())
    assert [d.doc_id for d in docs] == ["real"]
    assert "symbolic link" in errors[0].error


def test_a_zip_manifest_that_lies_about_its_size_is_not_inflated():
    data = bytearray(lying_zip(64 << 20, name=b"manifest.csv"))
    tracemalloc.start()
    try:
        docs, errors = documents_from_bytes("m.zip", bytes(data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert docs == () and "manifest.csv" in errors[0].path
    assert peak < 10_000_000


def test_a_zip_on_disk_is_read_from_the_file(tmp_path: Path):
    (tmp_path / "bundle.zip").write_bytes(_zip({"a.txt": ARTICLE, "sub/b.txt": ARTICLE}))
    docs, errors = _load_within([tmp_path / "bundle.zip"])
    assert [d.path for d in docs] == ["bundle.zip!a.txt", "bundle.zip!sub/b.txt"] and errors == ()


# --------------------------------------------------------------------------- JSON, JSONL, CSV


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_jsonl_with_a_raw_line_separator_inside_a_string_loads(separator: str):
    record = {"id": "a", "title": "Summit", "text": f"The leaders met.{separator}They agreed to meet again."}
    line = json.dumps(record, ensure_ascii=False)
    assert separator in line
    docs, errors = documents_from_bytes("feed.jsonl", (line + "\n").encode())
    assert errors == ()
    assert [d.doc_id for d in docs] == ["a"] and separator in docs[0].text


def test_a_record_hidden_inside_another_records_string_is_not_read_as_a_record():
    smuggled = '\u2028{"id": "forged", "source": "Reuters", "text": "Forged quote from the minister."}\u2028'
    line = json.dumps({"id": "real", "text": f"Real text.{smuggled}"}, ensure_ascii=False)
    docs, errors = documents_from_bytes("feed.jsonl", (line + "\n").encode())
    assert [d.doc_id for d in docs] == ["real"] and errors == ()


def test_jsonl_with_windows_line_endings_still_loads():
    data = b'{"id": "a", "text": "Alpha text."}\r\n{"id": "b", "text": "Beta text."}\r\n'
    docs, errors = documents_from_bytes("feed.jsonl", data)
    assert [d.doc_id for d in docs] == ["a", "b"] and errors == ()


def test_one_over_long_csv_field_is_reported_for_its_row_and_the_good_rows_kept():
    long_field = "x " * 2_100_000  # 4.2 million characters, over the 4 million limit
    data = f'title,text\nOne,First text.\nTwo,"{long_field}"\nThree,Third text.\n'.encode()
    docs, errors = documents_from_bytes("rows.csv", data)
    assert [d.title for d in docs] == ["One", "Three"]
    assert len(errors) == 1 and "row 2" in errors[0].path and "limit" in errors[0].error


def test_an_unclosed_quote_does_not_turn_the_rest_of_the_field_into_rows():
    tail = "".join(f"line {n}, with a comma\n" for n in range(200_000))  # 4.6 million characters
    data = f'title,text\nOne,First text.\nTwo,"{tail}'.encode()
    docs, errors = documents_from_bytes("rows.csv", data)
    assert [d.title for d in docs] == ["One"]
    assert len(errors) == 1 and "row 2" in errors[0].path


def test_lone_surrogates_are_replaced_and_the_document_noted():
    record = {"id": "s", "title": "Broken \\ud800 title", "source": "Wire\\udfff", "text": "Text with \\ud83d a half emoji."}
    raw = json.dumps(record).replace("\\\\u", "\\u").encode()
    docs, errors = documents_from_bytes("scraped.json", raw)
    assert len(docs) == 1
    doc = docs[0]
    assert "\ufffd" in doc.text and "\ufffd" in doc.title and doc.source == "Wire\ufffd"
    (doc.text + doc.title + doc.source).encode("utf-8")  # no surrogate left
    assert len(errors) == 1 and errors[0].warning and errors[0].path == "scraped.json"
    assert "invalid character" in errors[0].error and "analysed" in errors[0].error


def test_documents_built_elsewhere_are_repaired_by_the_pipeline_too():
    corpus = corpus_from_documents([make_document("Title\n\nText \ud800 here.", source="Wire")])
    assert "\ud800" not in corpus.documents[0].text
    assert corpus.errors[0].warning and "replaced" in corpus.errors[0].error
    assert corpus.content_hash


# --------------------------------------------------------------------------- manifests


def test_a_manifest_language_that_is_not_a_code_is_rejected_and_the_article_kept(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE + "The talks were described as constructive by both sides.\n")
    (tmp_path / "b.txt").write_text(ARTICLE)
    (tmp_path / "manifest.csv").write_text("file,outlet,language\na.txt,Herald,<b>en</b>\nb.txt,Post,pt-BR\n")
    corpus = build_corpus([tmp_path])
    by_id = {d.doc_id: d for d in corpus.documents}
    assert by_id["a"].source == "Herald" and by_id["a"].language == "en"  # guessed, not "<b>en</b>"
    assert by_id["b"].language == "pt-br"
    assert all(p.role in ("title", "body") for p in corpus.passages_of("a"))
    (error,) = corpus.errors
    assert error.path.endswith("manifest.csv (row 1)") and "<b>en</b>" in error.error


def test_a_record_language_that_is_not_a_code_is_ignored_with_a_note():
    record = {"id": "r", "language": "<script>x</script>", "text": "The leaders met in Nara on Tuesday."}
    docs, errors = documents_from_bytes("one.json", json.dumps(record).encode())
    assert docs[0].language == "" and errors[0].warning and "not a language code" in errors[0].error


def test_a_toml_manifest_row_names_its_document_number():
    manifest = parse_manifest("manifest.toml", b'[[documents]]\nfile = "a.txt"\nlanguage = "english please"\n')
    assert manifest.rows["a.txt"].language == ""
    assert manifest.errors[0].path == "manifest.toml (document 1)"


# --------------------------------------------------------------------------- messages


def test_control_characters_in_names_are_escaped_in_every_error(tmp_path: Path):
    (tmp_path / "forged\nparallax: wrote secret.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "bidi\u202etxt.json").write_text("{broken")
    docs, errors = _load_within([tmp_path])
    assert docs == () and len(errors) == 2
    for e in errors:
        assert not any(ch in e.path + e.error for ch in "\n\r\x00\u202e"), e
    assert any("forged\\nparallax" in e.path for e in errors)


def test_an_upload_name_with_a_newline_is_escaped():
    assert upload.upload_name("a\nb.txt") == "a\\nb.txt"
    docs, errors = upload.documents_from_uploads([("evil\r\nname.pdf", b"%PDF")])
    assert errors[0].path == "evil\\r\\nname.pdf"


def test_printable_escapes_once():
    once = printable("a\nb\x85c\u2028d\ud800e\u202ef")
    assert once == "a\\nb\\u0085c\\u2028d\\ud800e\\u202ef" and printable(once) == once


def test_a_text_is_repaired_only_where_it_holds_surrogates():
    from analysis.ingest.decoding import without_surrogates

    assert without_surrogates("Lee’s “talks” 会談") == ("Lee’s “talks” 会談", 0)
    assert without_surrogates("a\ud800b\udfff\ud83d\ude00") == ("a\ufffdb\ufffd\ufffd\ufffd", 4)
