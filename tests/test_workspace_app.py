"""The shared workspace through the dashboard (AppTest from the entrypoint), on a real database in a temporary folder."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.ingest.fetch import ENV_ALLOW
from dashboard.workspace.records import User
from dashboard.workspace.results import ResultCache
from dashboard.workspace.store import DB_NAME, Store
from tests.test_app import _no_exception
from tests.test_app_first_hour import _page as _on
from tests.webserver import Server, web_server

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
SHARED = "Leaders met for talks on trade, history and the alliance with the United States, officials said."
HOSTILE_NOTE = "<script>window.pwned=1</script> **bold** [link](javascript:alert(1)) <img src=x onerror=alert(2)>"
LOGIN = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-secret",
                  "client_id": "id", "client_secret": "secret",
                  "server_metadata_url": "https://accounts.example.org/.well-known/openid-configuration"}}


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PARALLAX_USER_HEADER", raising=False)
    return tmp_path


def _app(*, user: dict | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    if user is not None:
        at.secrets.update(LOGIN)
        at.user = user
    at.query_params.update(query)
    return at.run()


def _create(at: AppTest, name: str, *, visibility: str = "team") -> AppTest:
    _on(at, "collections")
    at.text_input(key="collections_new_name").input(name)
    if visibility != "team":
        at.radio(key="collections_new_visibility").set_value(visibility)
    at.button(key="collections_new_create").click()
    return at.run()


def _paste(at: AppTest, text: str, *, outlet: str, title: str) -> AppTest:
    _on(at, "collections", collections_tab="Add articles", collections_add="Paste")
    at.text_input(key="collections_paste_outlet").input(outlet)
    at.text_input(key="collections_paste_title").input(title)
    at.text_area(key="collections_paste_text").input(text)
    at.button(key="collections_paste_add").click()
    return at.run()


def _collection_with_two_outlets(at: AppTest, name: str = "Nara summit") -> str:
    _create(at, name)
    for outlet, day in (("Wire", 13), ("Daily", 14)):
        _paste(at, f"The summit opened on January {day}, 2026 in Nara. {SHARED}", outlet=outlet, title=f"By {outlet}")
    _no_exception(at)
    return str(at.sidebar.selectbox(key="corpus").value)


def _html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.get("html"))


def test_a_collection_made_in_one_session_opens_from_its_link_in_another(data_dir: Path):
    at = _app()
    cid = _collection_with_two_outlets(at)
    assert cid.startswith("c-")
    assert "2 articles" in at.sidebar.caption[0].value
    link = at.query_params
    assert link["corpus"] == cid and link["lexicon"]  # the URL names the collection and its lexicon
    fresh = _app(corpus=cid)  # a colleague's new session opening the link
    _no_exception(fresh)
    assert {m.label: m.value for m in fresh.metric}["Articles"] == "2"
    assert fresh.sidebar.selectbox(key="corpus").value == cid


def test_the_collection_survives_a_new_store_on_the_same_folder(data_dir: Path):
    at = _app()
    cid = _collection_with_two_outlets(at)
    store = Store(data_dir)  # what a restarted server opens
    assert [d.title for d in store.documents(cid, user=User("", "anonymous"))] == ["By Wire", "By Daily"]


def test_the_same_article_added_twice_is_reported_as_a_duplicate(data_dir: Path):
    at = _app()
    _create(at, "Twice")
    for _ in range(2):
        _paste(at, f"The summit opened on January 13, 2026 in Nara. {SHARED}", outlet="Wire", title="Same")
    _no_exception(at)
    report = at.dataframe[-1].value
    assert [o.split()[-1] for o in report["outcome"]] == ["summary", "duplicate"]
    assert "already in the collection" in report["detail"].iloc[1]
    assert at.sidebar.caption[0].value.startswith("1 article ·")


def test_the_link_to_this_view_holds_the_page_collection_lexicon_and_choices(data_dir: Path):
    at = _app()
    cid = _collection_with_two_outlets(at)
    _on(at, "reuse", reuse_min="60")
    _no_exception(at)
    code = [c.value for c in at.code]
    assert len(code) == 1 and code[0].startswith("/reuse?")
    assert f"corpus={cid}" in code[0] and "lexicon=" in code[0] and "reuse_min=60" in code[0]


def test_a_name_with_markup_stays_text_and_a_name_of_ten_thousand_characters_is_refused(data_dir: Path):
    # The field stops typing at 240 characters (a pasted 10,000 arrive cut); the store refuses over 120.
    at = _create(_app(), "x" * 200)
    assert any("at most 120" in e.value for e in at.error)
    assert Store(data_dir).collections(user=User("", "")) == ()
    at = _create(at, "<b>Desk</b> [x](javascript:alert(1)) ![p](https://evil.example/p.png)")
    _no_exception(at)
    options = at.sidebar.selectbox(key="corpus").options
    assert any(o.startswith("<b>Desk</b> [x](javascript:alert(1))") for o in options)
    assert "&lt;b&gt;Desk&lt;/b&gt;" in _html(at) and "<b>Desk</b>" not in _html(at)  # the heading escapes it


def test_the_anonymous_team_space_says_so_and_offers_no_private_collections(data_dir: Path):
    at = _on(_app(), "collections")
    assert any("anonymous team space" in c.value for c in at.sidebar.caption)
    assert at.radio(key="collections_new_visibility").options == ["The team"]


def test_a_verdict_on_a_reuse_pair_is_seen_by_a_colleague_on_the_notes_page_and_stays_inert(data_dir: Path):
    at = _app()
    cid = _collection_with_two_outlets(at)
    _on(at, "reuse")
    match_id = at.dataframe[0].value["match_id"].iloc[0]
    at.selectbox(key="reuse_match").set_value(match_id).run()
    at.radio(key="note_pair_verdict").set_value("false alarm")
    at.text_area(key="note_pair_text").input(HOSTILE_NOTE)
    at.button(key="note_pair_add").click().run()
    _no_exception(at)
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt; **bold**" in _html(at)
    colleague = _on(_app(corpus=cid), "notes")
    _no_exception(colleague)
    table = colleague.dataframe[0].value
    assert list(table["verdict"]) == ["false alarm"] and list(table["note"]) == [HOSTILE_NOTE]
    html = _html(colleague)
    assert "<script>window.pwned" not in html and "<img src=x" not in html


def test_the_export_of_a_collection_carries_its_notes(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    from dashboard import data

    at = _app()
    _collection_with_two_outlets(at, "Exported")
    _on(at, "corpus", corpus_tab="Articles")
    at.radio(key="note_article_verdict").set_value("source verified")
    at.text_area(key="note_article_text").input("Called the desk.")
    at.button(key="note_article_add").click().run()
    exports: list[str] = []
    real = data.export_json
    monkeypatch.setattr(data, "export_json", lambda tables: exports.append(real(tables)) or exports[-1])
    _on(at, "corpus", corpus_tab="Export")
    _no_exception(at)
    notes = json.loads(exports[-1])["notes"]
    assert [(n["kind"], n["verdict"], n["text"], n["author"]) for n in notes] == [
        ("article", "source verified", "Called the desk.", "anonymous")]


def test_an_upload_on_the_corpus_page_goes_into_the_collection_shown(data_dir: Path):
    at = _app()
    cid = _collection_with_two_outlets(at, "Uploaded")
    _on(at, "corpus", corpus_tab="Add articles")
    assert at.button(key="corpus_add").label == "Add to the collection"
    story = f"Tokyo Post\n\nThe summit opened on January 13, 2026 in Nara. {SHARED}".encode()
    at.get("file_uploader")[0].set_value([("post.txt", story, "text/plain"), ("empty.txt", b"  ", "text/plain")])
    at.run()
    at.button(key="corpus_add").click().run()
    _no_exception(at)
    (notice,) = [s.value.replace("\\", "") for s in at.success]
    assert notice.startswith("Added 1 article to the collection from 2 files. 1 file or record could not be read")
    assert any(w.value.replace("\\", "").startswith("empty.txt:") for w in at.warning)
    assert len(Store(data_dir).documents(cid, user=User("", "anonymous"))) == 3


def test_a_collections_metadata_is_edited_in_the_collection(data_dir: Path):
    at = _app()
    _collection_with_two_outlets(at)
    _on(at, "corpus", corpus_tab="Edit metadata")
    _no_exception(at)
    assert at.button(key="team_meta_save").label == "Save the changes"
    assert not any("read-only" in i.value for i in at.info)


def test_a_verdict_on_a_disagreement_row_keeps_to_that_row(data_dir: Path):
    at = _app()
    _collection_with_two_outlets(at)
    _on(at, "disagreements")
    claim = at.dataframe[0].value["disagreement_id"].iloc[0]
    at.selectbox(key="claim").set_value(claim).run()
    at.radio(key="note_disagreement_verdict").set_value("confirmed")
    at.button(key="note_disagreement_add").click().run()
    _no_exception(at)
    assert "Verdict and notes (1)" in [e.label for e in at.expander]
    at.selectbox(key="claim").set_value(None).run()
    assert "Verdict and notes (1)" not in [e.label for e in at.expander]
    notes = _on(at, "notes")
    assert list(notes.dataframe[0].value["on"]) == ["disagreement"]


def test_two_editors_of_one_lexicon_last_write_wins_and_the_other_is_told(data_dir: Path):
    at = _app()
    cid = _collection_with_two_outlets(at)
    store = Store(data_dir)
    bob = User("", "Bob")
    first = store.save_lexicon(cid, "[trade]\ntrade = []\n", user=bob, base_version=0)
    alice = _on(_app(corpus=cid), "framing")  # Alice opens version 1
    assert any("version 1" in c.value for c in alice.sidebar.caption)
    store.save_lexicon(cid, "[trade]\ntrade = [\"tariff*\"]\n", user=bob, base_version=1)
    alice.run()  # Bob saved version 2 meanwhile: Alice still sees version 1, and is told
    assert any("current lexicon is version 2" in i.value for i in alice.sidebar.info)
    alice.button(key="framing_reset").click().run()  # Alice saves hers (the bundled lexicon) over it
    _no_exception(alice)
    toasts = [t.value for t in alice.toast]
    assert any("Bob had saved version 2" in t and "replaced" in t for t in toasts), toasts
    assert store.collection(cid, user=bob).lexicon_version == 3
    # The first link still shows version 1.
    old = _on(_app(corpus=cid, lexicon=first.version.lexicon_hash), "framing")
    assert any("Lexicon: version 1" in i.value for i in old.sidebar.info)


def test_with_login_a_private_collection_is_invisible_to_another_user(data_dir: Path):
    alice = {"is_logged_in": True, "email": "alice@example.org", "name": "Alice"}
    bob = {"is_logged_in": True, "email": "bob@example.org", "name": "Bob"}
    at = _create(_app(user=alice), "Alice's drafts", visibility="private")
    _no_exception(at)
    cid = at.sidebar.selectbox(key="corpus").value
    assert any("Signed in as Alice" in c.value for c in at.sidebar.caption)
    other = _app(user=bob, corpus=cid)
    _no_exception(other)
    assert cid not in other.sidebar.selectbox(key="corpus").options
    assert other.sidebar.selectbox(key="corpus").value == "shared"
    assert any("private to someone else" in w.value for w in other.sidebar.warning)


def test_with_login_configured_nobody_gets_in_without_signing_in(data_dir: Path):
    at = _app(user={"is_logged_in": False})
    _no_exception(at)
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric


def test_a_damaged_database_shows_a_message_and_the_read_only_corpora_still_work(data_dir: Path):
    (data_dir / DB_NAME).write_bytes(b"not a database " * 500)
    at = _app()
    _no_exception(at)
    assert any("damaged" in e.value for e in at.sidebar.error)
    assert {m.label: m.value for m in at.metric}["Articles"] == "5"
    for page in ("collections", "notes"):
        at = _on(at, page)
        _no_exception(at)
        assert any("damaged" in e.value for e in at.error) or any("damaged" in e.value for e in at.sidebar.error)


def test_a_collections_analyses_are_kept_on_disk(data_dir: Path):
    at = _app()
    cid = _collection_with_two_outlets(at, "Kept")
    _paste(at, f"A third article of its own, {data_dir.name}, says the talks ran late.", outlet="Own", title="Own")
    _on(at, "overview")
    key = Store(data_dir).collection(cid, user=User("", "")).content_key
    n, size = ResultCache(data_dir).stats()
    assert n >= 5 and size > 0
    assert ResultCache(data_dir).clear(key) >= 5  # corpus, reuse, framing, claims, disagreements


@pytest.fixture(scope="module")
def web() -> Iterator[Server]:
    with web_server() as server:
        yield server


def test_urls_are_fetched_into_the_collection_with_an_outcome_per_url(data_dir: Path, web: Server,
                                                                     monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(ENV_ALLOW, "127.0.0.1")
    at = _app()
    _create(at, "From the web")
    _on(at, "collections", collections_tab="Add articles", collections_add="From the web")
    at.text_area(key="collections_urls").input(f"{web.base}/article/w1\n{web.base}/paper.pdf\n{web.base}/feed.xml")
    at.button(key="collections_web_go").click().run()
    _no_exception(at)
    report = at.dataframe[-1].value
    outcomes = dict(zip(report["file or URL"], report["outcome"], strict=True))
    assert outcomes[f"{web.base}/article/w1"].endswith("added")
    assert outcomes[f"{web.base}/paper.pdf"].endswith("failed")
    assert "4 articles" in _on(at, "overview").sidebar.caption[0].value  # the page and the feed's three items


def test_without_the_allow_list_a_loopback_url_is_refused_in_the_page(data_dir: Path, web: Server,
                                                                    monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(ENV_ALLOW, raising=False)
    at = _app()
    _create(at, "Blocked")
    _on(at, "collections", collections_tab="Add articles", collections_add="From the web")
    at.text_area(key="collections_urls").input(f"{web.base}/article/b1")
    at.button(key="collections_web_go").click().run()
    report = at.dataframe[-1].value
    assert "blocked" in report["detail"].iloc[-1]


def _upload_to_collection(cid: str, files: list[tuple[str, bytes]]) -> dict[str, tuple[str, str]]:
    """Upload ``files`` on the Collections page of a new session; return the report's outcome and detail per file."""
    at = _on(_app(corpus=cid), "collections", collections_tab="Add articles")  # its first tab: Files
    at.get("file_uploader")[0].set_value([(name, body, "application/octet-stream") for name, body in files])
    at.run()
    at.button(key="collections_upload").click().run()
    _no_exception(at)
    report = at.dataframe[-1].value
    return {f: (o, d) for f, o, d in zip(report["file or URL"], report["outcome"], report["detail"], strict=True)}


def test_a_manifest_uploaded_on_the_collections_page_fills_in_outlet_and_title(data_dir: Path):
    cid = _collection_with_two_outlets(_app(), "With a manifest")
    story = f"The summit opened on January 13, 2026 in Nara. {SHARED} Talks go on.".encode()
    _upload_to_collection(cid, [("manifest.csv", b"file,outlet,title\npost.txt,Tokyo Post,Summit opens\n"),
                                ("post.txt", story)])
    (post,) = [d for d in Store(data_dir).documents(cid, user=User("", "anonymous")) if d.path == "post.txt"]
    assert (post.source, post.title) == ("Tokyo Post", "Summit opens")


def test_a_file_over_its_budget_on_the_collections_page_is_set_aside_and_the_others_are_added(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    from dashboard import worker

    monkeypatch.setenv(worker.SECONDS_ENV, "4")
    at = _app()
    cid = _collection_with_two_outlets(at, "Budget")
    big = "\n".join(json.dumps({"id": f"r{n}", "source": f"Outlet {n % 7}", "title": f"Story {n}",
                                "text": f"The summit opened on January {n % 28 + 1}, 2026 in Nara. Leaders met "
                                        f"for talks number {n} on trade and security, officials said."})
                    for n in range(40_000))
    small = f"Wire story\n\nThe summit opened on January 15, 2026 in Nara. {SHARED} More later.".encode()
    outcomes = _upload_to_collection(cid, [("small.txt", small), ("huge.jsonl", big.encode())])
    outcome, detail = outcomes["huge.jsonl"]
    assert outcome.endswith("failed") and "longer than 4 s" in detail and "set aside" in detail
    stored = Store(data_dir).documents(cid, user=User("", "anonymous"))
    assert "small.txt" in {d.path for d in stored} and len(stored) == 3


def test_both_upload_widgets_take_the_article_formats_only(data_dir: Path):
    from analysis.ingest import SUPPORTED_SUFFIXES

    cid = _collection_with_two_outlets(_app(), "Widgets")
    at = _on(_app(corpus=cid), "collections", collections_tab="Add articles")
    on_collections = set(at.get("file_uploader")[0].proto.type)
    _on(at, "corpus", corpus_tab="Add articles")
    on_corpus = {t for w in at.get("file_uploader") for t in w.proto.type}
    # No .toml: a lexicon is edited on the Framing page; a manifest.csv is a .csv already.
    assert on_collections == on_corpus == set(SUPPORTED_SUFFIXES)
