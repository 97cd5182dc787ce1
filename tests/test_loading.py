"""Every input format, and bad input that must give a clear error without stopping the rest."""

import io
import json
import zipfile
from datetime import date

import pytest

from analysis.ingest import UnreadableFile, decode_bytes, documents_from_bytes, load_documents
from analysis.ingest.pipeline import build_corpus

ARTICLE = "Leaders meet in Nara\n\nThe leaders met in Nara on Tuesday to discuss trade.\n"


def one(name: str, data: bytes):
    docs, errors = documents_from_bytes(name, data)
    assert errors == (), errors
    assert len(docs) == 1
    return docs[0]


def error_of(name: str, data: bytes) -> str:
    docs, errors = documents_from_bytes(name, data)
    assert docs == ()
    assert len(errors) == 1
    assert errors[0].path.startswith(name)
    return errors[0].error


def test_txt_first_line_is_the_title():
    doc = one("story.txt", ARTICLE.encode())
    assert doc.doc_id == "story"
    assert doc.title == "Leaders meet in Nara"
    assert doc.text == ARTICLE


def test_markdown_heading_is_the_title():
    assert one("story.md", b"# Leaders meet\n\nBody text here.\n").title == "Leaders meet"


def test_chrome_date_and_outlet_trailer_are_picked_up():
    doc = one("n.txt", " date 2026-01-13 + \u21ba \u2212 16 px\n\nOn January 13 the leaders met.\n\nNews.Az\n".encode())
    assert doc.published == date(2026, 1, 13)
    assert doc.source == "News.Az"


def test_utf8_bom_and_utf16_decode_to_the_same_text():
    assert one("a.txt", b"\xef\xbb\xbf" + ARTICLE.encode()).text == ARTICLE
    assert one("b.txt", ARTICLE.encode("utf-16")).text == ARTICLE


def test_legacy_single_byte_text_decodes_correctly():
    text = "Les dirigeants se sont réunis à Nara. Le président a salué une « coopération pragmatique » et l’été prochain.\n" * 3
    assert decode_bytes(text.encode("cp1252"), "fr.txt") == text


def test_invalid_utf8_noise_fails_with_a_clear_message():
    data = b"Title\n" + bytes(range(0x80, 0x100)) * 4
    message = error_of("bad.txt", data)
    assert "UTF-8" in message


def test_binary_file_named_txt_is_rejected():
    message = error_of("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert "binary" in message


def test_empty_file_is_reported():
    assert "empty" in error_of("empty.txt", b"")
    assert "empty" in error_of("blank.txt", b"  \n\n ")


def test_html_extracts_article_title_and_site_name():
    html = b"""<html><head><title>Leaders meet in Nara</title>
    <meta property="og:site_name" content="Example News"><meta name="date" content="2026-01-13">
    <script>alert(1)</script></head><body><nav>Home | World</nav><article><h1>Leaders meet in Nara</h1>
    <p>The leaders met in Nara on Tuesday to discuss trade, security and the history that divides them.</p>
    <p>They agreed to meet again next year in Seoul, officials said after the talks ended.</p></article></body></html>"""
    doc = one("page.html", html)
    assert doc.title == "Leaders meet in Nara"
    assert "met in Nara on Tuesday" in doc.text
    assert "alert(1)" not in doc.text
    assert doc.source == "Example News"
    assert doc.published == date(2026, 1, 13)


def test_hostile_html_loads_as_inert_text():
    html = b"<html><body><p>Real text about the summit in Nara, long enough to be an article paragraph.</p>" \
           b"<img src=x onerror=alert(1)><iframe src='javascript:alert(2)'></iframe><style>body{display:none}</style></body></html>"
    doc = one("evil.html", html)
    assert "onerror" not in doc.text and "display:none" not in doc.text


def test_json_object_and_list_with_common_field_names():
    obj = {"id": "x1", "headline": "Summit opens", "body": "The summit opened today.", "outlet": "Wire", "date": "2026-01-13"}
    doc = one("one.json", json.dumps(obj).encode())
    assert (doc.doc_id, doc.source, doc.title, doc.published) == ("x1", "Wire", "Summit opens", date(2026, 1, 13))
    assert doc.text.startswith("Summit opens\n\nThe summit opened today.")
    docs, errors = documents_from_bytes("many.json", json.dumps([obj, {"title": "No text"}]).encode())
    assert len(docs) == 1 and len(errors) == 1
    assert "record 2" in errors[0].path and "no text field" in errors[0].error


def test_basil_style_body_paragraphs_are_joined():
    record = {"title": "T", "source": "nyt", "body-paragraphs": [["First sentence.", "Second."], ["Next paragraph."]]}
    doc = one("b.json", json.dumps(record).encode())
    assert "First sentence. Second.\n\nNext paragraph." in doc.text


def test_truncated_json_names_the_position():
    message = error_of("cut.json", b'[{"text": "abc", "title": "x"}, {"text": "de')
    assert "malformed JSON" in message and "line 1" in message


def test_jsonl_bad_line_does_not_stop_the_good_ones():
    data = b'{"id": "a", "text": "Alpha text."}\n{broken\n{"id": "b", "text": "Beta text."}\n'
    docs, errors = documents_from_bytes("feed.jsonl", data)
    assert [d.doc_id for d in docs] == ["a", "b"]
    assert len(errors) == 1 and "line 2" in errors[0].path


def test_csv_rows_become_documents_with_metadata():
    data = "id,title,text,source,published\nr1,Summit,The leaders met.,Wire,2026-01-14\nr2,Other,\"Text, with comma.\",Post,\n"
    docs, errors = documents_from_bytes("rows.csv", data.encode())
    assert errors == ()
    assert [(d.doc_id, d.source, d.published) for d in docs] == [("r1", "Wire", date(2026, 1, 14)), ("r2", "Post", None)]


def test_csv_without_text_column_is_a_clear_error():
    message = error_of("meta.csv", b"id,title\n1,Only a title\n")
    assert "no text column" in message and "id, title" in message


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.write(b"Title\n")
        fh.write((b"word " * 200 + b"\n") * 52_000)  # about 52 MB
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    docs, errors = load_documents([tmp_path])
    assert [d.doc_id for d in docs] == ["good"]
    assert len(errors) == 1 and "huge.txt" in errors[0].path and "MB" in errors[0].error


def test_zip_with_path_traversal_member_is_skipped_and_the_rest_loaded():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../../etc/evil.txt", "Evil\n\nShould never be read.")
        z.writestr("/abs/evil2.txt", "Evil\n\nAbsolute.")
        z.writestr("ok/fine.txt", ARTICLE)
        z.writestr("ok/notes.docx", "x")
    docs, errors = documents_from_bytes("bundle.zip", buf.getvalue())
    assert [d.doc_id for d in docs] == ["fine"]
    assert docs[0].path == "bundle.zip!ok/fine.txt"
    messages = {e.path: e.error for e in errors}
    assert "unsafe member path" in messages["bundle.zip!../../etc/evil.txt"]
    assert "unsafe member path" in messages["bundle.zip!/abs/evil2.txt"]
    assert "unsupported" in messages["bundle.zip!ok/notes.docx"]


def test_zip_manifest_overrides_metadata():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", ARTICLE)
        z.writestr("manifest.csv", "file,outlet,published\na.txt,Daily,2026-01-12\n")
    docs, _ = documents_from_bytes("m.zip", buf.getvalue())
    assert (docs[0].source, docs[0].published) == ("Daily", date(2026, 1, 12))


def test_not_a_zip_is_reported():
    assert "not a valid zip" in error_of("fake.zip", b"PK\x03\x04 garbage")


def test_folder_walk_with_manifest_and_one_bad_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "sub" / "manifest.csv").write_text("file,outlet,title\na.txt,Herald,Manifest title\n", encoding="utf-8")
    corpus = build_corpus([tmp_path, tmp_path / "missing.txt"])
    assert [(d.doc_id, d.source, d.title) for d in corpus.documents] == [("a", "Herald", "Manifest title")]
    assert sorted(e.path.rsplit("/", 1)[-1] for e in corpus.errors) == ["b.txt", "missing.txt"]


def test_seed_manifest_metadata():
    corpus = build_corpus()
    by_id = {d.doc_id[:3]: d for d in corpus.documents}
    assert by_id["003"].source == "News.Az" and by_id["003"].published == date(2026, 1, 13)
    assert by_id["004"].source == "PRISM News"
    assert by_id["000"].source == "" and by_id["000"].outlet == "unknown outlet (file 000)"
    assert all(d.language == "en" for d in corpus.documents)


def test_duplicate_ids_are_made_unique():
    docs, _ = load_documents([])
    from analysis.ingest import unique_ids
    twice = unique_ids(list(docs[:1]) * 2)
    assert twice[1].doc_id == twice[0].doc_id + "~2"


def test_unreadable_file_carries_path_and_reason():
    exc = UnreadableFile("x.txt", "broken")
    assert (exc.path, exc.reason) == ("x.txt", "broken")


def test_outlet_spellings_that_differ_only_in_case_are_merged():
    from analysis.ingest.pipeline import corpus_from_documents
    from tests.factories import make_document

    docs = [make_document("T\n\nText one here.", doc_id=f"d{n}", source=s) for n, s in enumerate(["nyt", "nyt", "NYT"])]
    assert {d.source for d in corpus_from_documents(docs).documents} == {"nyt"}


def test_pasted_text_becomes_a_document_with_the_given_metadata():
    from analysis.ingest import document_from_text

    doc = document_from_text("Summit opens\n\nLeaders met.", name="my paste", source="Blog", published="2026-01-13")
    assert (doc.doc_id, doc.source, doc.title, doc.published) == ("my_paste", "Blog", "Summit opens", date(2026, 1, 13))
    with pytest.raises(UnreadableFile):
        document_from_text("  ", name="blank")


@pytest.mark.parametrize(
    "text,encoding",
    [
        ("Tytuł artykułu: Prezydent Korei spotkał się z premier Japonii w Narze. Rozmowy o współpracy. " * 3, "cp1250"),
        ("Název článku: Prezident Jižní Koreje se setkal s japonskou premiérkou v Naře. Jednání o spolupráci. " * 3, "iso-8859-2"),
        ("Президент Южной Кореи встретился с премьер-министром Японии в Наре. Переговоры о сотрудничестве. " * 3, "cp1251"),
        ("Die Gespräche in Nara über Sicherheit und Handel dauerten zwei Tage. Größere Fortschritte gab es nicht. " * 3, "latin-1"),
    ],
)
def test_other_legacy_code_pages_decode_correctly(text, encoding):
    assert decode_bytes(text.encode(encoding), "legacy.txt") == text


def test_ambiguous_legacy_text_fails_instead_of_producing_mojibake():
    turkish = "Başlık: Güney Kore Devlet Başkanı Japonya Başbakanı ile Nara'da görüştü. " * 3
    with pytest.raises(UnreadableFile, match="UTF-8"):
        decode_bytes(turkish.encode("cp1254"), "tr.txt")


def test_damaged_utf8_is_reported_not_read_as_cp1252():
    with pytest.raises(UnreadableFile, match="otherwise UTF-8"):
        decode_bytes("café au lait ".encode() * 3 + b"\xff and more", "damaged.txt")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_decodes(encoding):
    text = "Leaders met in Nara on Tuesday. " * 5
    assert decode_bytes(text.encode(encoding), "u16.txt") == text


def test_csv_row_with_extra_fields_is_reported_and_the_others_kept():
    data = b"title,text\nOne,First text.\nTwo,Second, with an unquoted comma\nThree,Third text.\n"
    docs, errors = documents_from_bytes("rows.csv", data)
    assert [d.title for d in docs] == ["One", "Three"]
    assert len(errors) == 1 and "row 2" in errors[0].path and "more field" in errors[0].error


def test_csv_with_a_repeated_header_is_refused():
    assert "repeats" in error_of("dup.csv", b"text,title,text\na,b,c\n")


def test_html_page_without_an_article_is_an_error_not_its_menu():
    assert "no article text" in error_of("nav.html", b"<html><body><nav><a href='/'>Home</a> x</nav></body></html>")


def _extractor_fails(monkeypatch, *, called: list[str] | None = None) -> None:
    import trafilatura

    def nothing(*_args, **_kwargs):
        if called is not None:
            called.append("extractor")
        return None

    monkeypatch.setattr(trafilatura, "bare_extraction", nothing)


def test_html_fallback_reads_inline_markup_as_running_text_and_blocks_as_lines(monkeypatch):
    _extractor_fails(monkeypatch)
    html = (b"<html><head><title>Talks</title><style>p{}</style></head><body><p>Officials <a href='/x'>said</a> on"
            b" <b>Monday</b> that\n the talks in Geneva would <em>resume</em> next week, after a pause.</p>"
            b"<ul><li>First item</li><li>Second item</li></ul><pre>line one\nline two</pre>"
            b"<div>The delegations met for six hours<br>and agreed on a timetable for the next round.</div></body></html>")
    doc = one("page.html", html)
    assert doc.text.split("\n") == [
        "Talks",
        "Officials said on Monday that the talks in Geneva would resume next week, after a pause.",
        "First item", "Second item", "line one", "line two",
        "The delegations met for six hours", "and agreed on a timetable for the next round.",
    ]


def test_html_page_of_tiny_inline_elements_is_read_without_the_extractor(monkeypatch):
    # 557,000 "<span>x</span>" took the extractor 23 s, then loaded as 557,000 one-letter lines.
    called: list[str] = []
    _extractor_fails(monkeypatch, called=called)
    spans = "<span>x</span>" * 6_000
    html = f"<html><head><title>Spans</title></head><body><p>Officials said {spans} today.</p></body></html>"
    doc = one("spans.html", html.encode())
    assert called == []
    assert doc.title == "Spans"
    assert doc.text == f"Spans\nOfficials said {'x' * 6_000} today."
    # A long script does not make the markup pass for text.
    script = "<script>var a = 1;" + " " * 100_000 + "</script>"
    one("scripted.html", html.replace("</head>", script + "</head>").encode())
    assert called == []


def test_html_with_much_markup_and_enough_text_still_goes_through_the_extractor(monkeypatch):
    called: list[str] = []
    _extractor_fails(monkeypatch, called=called)
    cells = "".join(f"<td><span>Value {i} of the table</span></td>" for i in range(3_000))
    one("table.html", f"<html><body><table><tr>{cells}</tr></table></body></html>".encode())
    assert called == ["extractor"]


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buf.getvalue()


def test_each_zip_folder_uses_its_own_manifest_and_root_members_get_plain_ids():
    data = _zip(
        {
            "sub/manifest.csv": "file,outlet\na.txt,Sub Outlet\n",
            "sub/a.txt": ARTICLE,
            "b/a.txt": ARTICLE,
            "root.txt": ARTICLE,
        }
    )
    docs, errors = documents_from_bytes("many.zip", data)
    assert errors == ()
    by_path = {d.path: d for d in docs}
    assert by_path["many.zip!sub/a.txt"].source == "Sub Outlet"
    assert by_path["many.zip!b/a.txt"].source == ""
    assert by_path["many.zip!root.txt"].doc_id == "root"


def test_manifest_applies_to_file_names_with_parentheses(tmp_path):
    (tmp_path / "Article (1).txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text('file,outlet\n"Article (1).txt",Paren Post\n', encoding="utf-8")
    docs, _ = load_documents([tmp_path])
    assert docs[0].source == "Paren Post"


def test_semicolon_manifest_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file;outlet\na.txt;Semi Daily\n", encoding="utf-8")
    assert load_documents([tmp_path])[0][0].source == "Semi Daily"


def test_paths_are_shown_relative_to_the_input_folder(tmp_path):
    folder = tmp_path / "articles" / "2026"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    docs, _ = load_documents([tmp_path / "articles"])
    assert docs[0].path == "articles/2026/a.txt"
    assert str(tmp_path) not in docs[0].path


def test_highly_compressed_member_is_treated_as_a_zip_bomb():
    data = _zip({"ok.txt": ARTICLE, "bomb.txt": "Title\n\n" + "a" * 5_000_000})
    docs, errors = documents_from_bytes("b.zip", data)
    assert [d.doc_id for d in docs] == ["ok"]
    assert "zip bomb" in errors[0].error


def test_zip_expanding_past_the_upload_limit_stops():
    data = _zip({f"f{n}.txt": f"Title {n}\n\n" + "word " * 50_000 for n in range(5)})
    docs, errors = documents_from_bytes("big.zip", data, max_bytes=600_000)
    assert len(docs) == 2 and "stopped reading" in errors[-1].error
