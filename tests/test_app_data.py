"""The dashboard's cache module outside a page: upload names, cached records, export inputs."""

from __future__ import annotations

import io
import zipfile

import pytest

from analysis.framing.lexicon import Lexicon, LexiconEntry, lexicon_to_toml
from analysis.ingest import upload
from dashboard import data


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("wire.txt", "wire.txt"),
        ("press/2026/wire.txt", "press/2026/wire.txt"),
        ("./press/wire.txt", "press/wire.txt"),
        ("/srv/parallax/tmp/wire.txt", "wire.txt"),
        ("C:\\Users\\me\\wire.txt", "wire.txt"),
        ("../../etc/wire.txt", "wire.txt"),
        ("", "upload"),
    ],
)
def test_an_upload_keeps_its_name_and_loses_absolute_and_parent_parts(sent: str, shown: str):
    assert upload.upload_name(sent) == shown


def test_documents_from_a_zip_upload_name_the_archive_and_the_member():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("inner/wire.txt", "Wire story. The summit opened on January 13, 2026.")
        archive.writestr("inner/notes.pdf", "%PDF")
    docs, errors = upload.documents_from_uploads([("/tmp/upload-8f3/bundle.zip", buf.getvalue())])
    assert [d.path for d in docs] == ["bundle.zip!inner/wire.txt"]
    assert [e.path for e in errors] == ["bundle.zip!inner/notes.pdf"]


def test_a_browser_upload_name_is_all_that_documents_and_errors_carry():
    docs, errors = upload.documents_from_uploads([("wire.txt", b"Wire story."), ("scan.pdf", b"%PDF")])
    assert [d.path for d in docs] == ["wire.txt"]
    assert [(e.path, "unsupported" in e.error) for e in errors] == [("scan.pdf", True)]


def test_analysis_records_come_back_from_the_cache_without_a_copy():
    source = data.shared_source()
    toml = data.default_lexicon_toml()
    assert data.claims(source) is data.claims(source)
    assert data.disagreements(source) is data.disagreements(source)
    assert data.reuse_matches(source, min_score=50.0) is data.reuse_matches(source, min_score=50.0)
    assert data.framing_hits(source, toml) is data.framing_hits(source, toml)
    assert data.lexicon_of(toml) is data.lexicon_of(toml)


def test_a_lexicon_in_hand_is_cached_under_its_toml_and_never_parsed_again(monkeypatch: pytest.MonkeyPatch):
    lexicon = Lexicon((LexiconEntry("in-hand lexicon term", "frame", ("in-hand variant",)),))
    toml = lexicon_to_toml(lexicon)
    assert data.lexicon_of(toml, lexicon) is lexicon

    def parse_again(text: str) -> Lexicon:
        raise AssertionError("parsed a second time")

    monkeypatch.setattr(data, "parse_lexicon", parse_again)
    assert data.lexicon_of(toml) is lexicon
