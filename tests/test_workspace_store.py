"""The workspace database, real SQLite files in a temporary folder: collections, articles, lexicons, notes."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from dashboard.workspace.records import ANONYMOUS, NewArticle, RawPage, User
from dashboard.workspace.results import MISSING, ResultCache
from dashboard.workspace.store import (
    DB_NAME,
    MAX_NAME_CHARS,
    MIGRATIONS,
    SCHEMA_VERSION,
    InvalidInput,
    NotAllowed,
    Store,
    StoreError,
)
from tests.factories import make_document

ALICE = User("alice@example.org", "Alice")
BOB = User("bob@example.org", "Bob")


def _article(text: str, *, doc_id: str = "d1", url: str = "", kind: str = "paste", origin: str = "pasted") -> NewArticle:
    return NewArticle(make_document(text, doc_id=doc_id, url=url, source="Wire"), origin=origin, kind=kind)  # type: ignore[arg-type]


def test_a_new_folder_gets_a_database_at_the_current_schema_in_wal_mode(tmp_path: Path):
    Store(tmp_path / "data")
    conn = sqlite3.connect(tmp_path / "data" / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_run_once_in_order_and_a_reopened_store_keeps_its_data(tmp_path: Path):
    store = Store(tmp_path)
    made = store.create_collection("Desk", user=ALICE)
    assert Store(tmp_path).collection(made.collection_id, user=ALICE).name == "Desk"
    extra = ("CREATE TABLE extra (x INTEGER)", "INSERT INTO extra VALUES (42)")
    assert store.migrate((*MIGRATIONS, extra)) == SCHEMA_VERSION
    assert store.migrate((*MIGRATIONS, extra)) == SCHEMA_VERSION + 1  # nothing left to run
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert conn.execute("SELECT x FROM extra").fetchall() == [(42,)]
    assert store.collection(made.collection_id, user=ALICE).name == "Desk"


def test_a_database_from_a_newer_parallax_is_refused_with_a_message(tmp_path: Path):
    Store(tmp_path)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer version of Parallax"):
        Store(tmp_path)


def test_a_damaged_database_gives_a_clear_message_not_a_traceback(tmp_path: Path):
    (tmp_path / DB_NAME).write_bytes(b"this is not a database, it is a text file " * 200)
    with pytest.raises(StoreError) as info:
        Store(tmp_path)
    assert "damaged" in info.value.message and "backup" in info.value.message
    assert str(tmp_path) not in info.value.message  # no server path shown to users


def test_a_database_damaged_after_opening_gives_the_same_message(tmp_path: Path):
    store = Store(tmp_path)
    store.create_collection("Desk", user=ALICE)
    for suffix in ("-wal", "-shm"):
        (tmp_path / (DB_NAME + suffix)).unlink(missing_ok=True)
    data = bytearray((tmp_path / DB_NAME).read_bytes())
    data[0:100] = b"\x00" * 100  # the header is gone
    (tmp_path / DB_NAME).write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged"):
        store.collections(user=ALICE)


def test_a_write_waiting_on_a_lock_held_too_long_says_the_workspace_is_busy(tmp_path: Path):
    store = Store(tmp_path, timeout=0.2)
    made = store.create_collection("Desk", user=ALICE)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="busy"):
            store.add_articles(made.collection_id, [_article("A story about the summit in Nara.")], user=ALICE)
        # Readers are not blocked by a writer (WAL).
        assert store.collection(made.collection_id, user=ALICE).articles == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_folder_that_cannot_be_created_gives_a_message(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="PARALLAX_DATA_DIR"):
        Store(blocker / "data")


def test_names_keep_markup_as_text_and_refuse_ten_thousand_characters(tmp_path: Path):
    store = Store(tmp_path)
    made = store.create_collection("  <b>Desk</b>\n[x](javascript:alert(1))\x00  ", user=ALICE)
    assert made.name == "<b>Desk</b> [x](javascript:alert(1))"
    with pytest.raises(InvalidInput, match=f"at most {MAX_NAME_CHARS}"):
        store.create_collection("x" * 10_000, user=ALICE)
    with pytest.raises(InvalidInput, match="name is needed"):
        store.create_collection(" \t ", user=ALICE)


def test_a_private_collection_is_invisible_to_another_user_and_a_team_one_is_not(tmp_path: Path):
    store = Store(tmp_path)
    mine = store.create_collection("Mine", user=ALICE, visibility="private")
    team = store.create_collection("Desk", user=ALICE, visibility="team")
    assert {c.name for c in store.collections(user=BOB)} == {"Desk"}
    assert {c.name for c in store.collections(user=ALICE)} == {"Mine", "Desk"}
    for call in (lambda: store.collection(mine.collection_id, user=BOB),
                 lambda: store.documents(mine.collection_id, user=BOB),
                 lambda: store.add_articles(mine.collection_id, [_article("Some text of an article.")], user=BOB),
                 lambda: store.add_note(mine.collection_id, "article", "d1", label="", verdict="confirmed",
                                        text="", user=BOB)):
        with pytest.raises(NotAllowed):
            call()
    with pytest.raises(NotAllowed, match="Only its owner"):
        store.rename_collection(team.collection_id, "Bob's now", user=BOB)
    store.set_visibility(mine.collection_id, "team", user=ALICE)
    assert {c.name for c in store.collections(user=BOB)} == {"Mine", "Desk"}


def test_the_anonymous_team_space_cannot_make_private_collections(tmp_path: Path):
    store = Store(tmp_path)
    with pytest.raises(InvalidInput, match="signed-in"):
        store.create_collection("Mine", user=ANONYMOUS, visibility="private")
    made = store.create_collection("Ours", user=ANONYMOUS)
    assert made.visibility == "team" and made.managed_by(ALICE)  # the team space's collections are everyone's


def test_an_article_added_twice_by_text_or_by_url_is_stored_once(tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    first = store.add_articles(cid, [_article("The summit opened in Nara.", url="https://ex.org/a?utm_source=x")],
                               user=ALICE)
    again = store.add_articles(cid, [
        _article("The  summit opened\nin Nara.", doc_id="copy"),  # white space does not count
        _article("Another text entirely, same page.", doc_id="same-url", url="http://EX.org/a#top"),
    ], user=BOB)
    assert first.added == ("d1",)
    assert again.added == ()
    assert [(d.reason, d.doc_id) for d in again.duplicates] == [("same text", "d1"), ("same URL", "d1")]
    assert store.collection(cid, user=ALICE).articles == 1


def test_doc_ids_are_made_unique_once_and_never_change(tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    store.add_articles(cid, [_article("First text here."), _article("Second text here.")], user=ALICE)
    store.add_articles(cid, [_article("Third text here.")], user=ALICE)
    assert [d.doc_id for d in store.documents(cid, user=ALICE)] == ["d1", "d1~2", "d1~3"]


def test_provenance_names_origin_time_author_and_the_raw_page_by_its_hash(tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    raw = RawPage("https://ex.org/a", "https://ex.org/a/", "text/html", "2026-01-14T00:00:00+00:00",
                  b"<html><body>The page</body></html>")
    store.add_articles(cid, [NewArticle(make_document("The page text."), origin="https://ex.org/a", kind="url",
                                        raw=raw)], user=BOB)
    info = store.provenance(cid, user=ALICE)[0]
    assert (info.origin, info.kind, info.added_by) == ("https://ex.org/a", "url", "Bob")
    assert info.added_at.startswith("20")
    assert store.raw_page(info.raw_sha256) == raw
    assert store.known_urls(cid, user=ALICE) == frozenset({"http://ex.org/a"})


def test_the_content_key_changes_with_the_articles_and_only_then(tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    empty = store.collection(cid, user=ALICE).content_key
    store.add_articles(cid, [_article("One text of an article.")], user=ALICE)
    one = store.collection(cid, user=ALICE).content_key
    store.add_articles(cid, [_article("One text of an article.")], user=ALICE)  # a duplicate: nothing changes
    assert store.collection(cid, user=ALICE).content_key == one != empty
    store.remove_articles(cid, ["d1"], user=ALICE)
    assert store.collection(cid, user=ALICE).content_key == empty


def test_twenty_threads_adding_the_same_articles_store_each_once(tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    texts = [f"Article number {n} about the summit, with its own words {n * 7}." for n in range(30)]
    errors: list[BaseException] = []
    added: list[int] = []

    def session(n: int) -> None:
        user = User(f"u{n}", f"User {n}")
        order = texts[n % 30:] + texts[:n % 30]
        try:
            for i in range(0, 30, 5):
                batch = [_article(t, doc_id=f"a{texts.index(t)}") for t in order[i:i + 5]]
                added.append(len(Store(tmp_path).add_articles(cid, batch, user=user).added))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(added) == 30
    docs = store.documents(cid, user=ALICE)
    assert sorted(d.text for d in docs) == sorted(texts)


def test_lexicon_versions_last_write_wins_and_the_writer_is_told_what_it_replaced(tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    first = store.save_lexicon(cid, "[frames.a]\nterms = ['x']\n", user=ALICE, base_version=0)
    assert (first.version.version, first.overwritten) == (1, None)
    # Alice and Bob both opened version 1; Alice saves first, then Bob.
    alice = store.save_lexicon(cid, "[frames.a]\nterms = ['y']\n", user=ALICE, base_version=1)
    bob = store.save_lexicon(cid, "[frames.a]\nterms = ['z']\n", user=BOB, base_version=1)
    assert alice.overwritten is None
    assert bob.version.version == 3 and bob.overwritten is not None and bob.overwritten.saved_by == "Alice"
    assert store.collection(cid, user=ALICE).lexicon_version == 3
    assert store.lexicon_text(bob.version.lexicon_hash) == "[frames.a]\nterms = ['z']\n"
    assert [v.version for v in store.lexicon_versions(cid, user=ALICE)] == [3, 2, 1]
    # Saving the lexicon in use again makes no new version.
    assert store.save_lexicon(cid, "[frames.a]\nterms = ['z']\n", user=ALICE, base_version=3).version.version == 3


def test_notes_carry_author_and_verdict_and_are_seen_by_whoever_sees_the_collection(tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    store.add_note(cid, "pair", "d1:0|d2:0", label="Wire · Daily", verdict="false alarm",
                   text="<script>alert(1)</script> **bold**", user=ALICE)
    store.add_note("seeds", "article", "000", label="seed", verdict="confirmed", text="ok", user=BOB)
    notes = store.notes(cid, user=BOB)
    assert [(n.author_name, n.verdict, n.text) for n in notes] == [
        ("Alice", "false alarm", "<script>alert(1)</script> **bold**")]
    assert store.notes(cid, user=BOB, kind="pair", target="d1:0|d2:0") == notes
    assert store.notes(cid, user=BOB, kind="article") == ()
    assert [n.text for n in store.notes("seeds", user=ALICE)] == ["ok"]
    with pytest.raises(InvalidInput, match="verdict"):
        store.add_note(cid, "pair", "x", label="", verdict="maybe", text="", user=ALICE)  # type: ignore[arg-type]
    assert not store.delete_note(notes[0].note_id, user=BOB)  # only its author deletes a note
    assert store.delete_note(notes[0].note_id, user=ALICE)


def test_saved_views_and_deleting_a_collection_takes_its_notes_and_views(tmp_path: Path):
    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    view = store.save_view(cid, "Strong copies", "reuse", "corpus=" + cid + "&reuse_min=80", user=ALICE)
    assert store.views(cid, user=BOB) == (view,)
    store.add_note(cid, "article", "d1", label="", verdict="confirmed", text="", user=ALICE)
    store.delete_collection(cid, user=ALICE)
    with pytest.raises(NotAllowed):  # the collection is gone: its views with it
        store.views(cid, user=ALICE)
    conn = sqlite3.connect(store.path)
    assert conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM saved_views").fetchone()[0] == 0


def test_the_results_cache_keeps_values_bounded_and_clears_per_corpus(tmp_path: Path):
    cache = ResultCache(tmp_path, max_bytes=200_000, version="v1")
    big = b"x" * 50_000

    keys = [cache.key("reuse", f"corpus{n}") for n in range(6)]
    for key in keys:
        cache.put(key, os.urandom(60_000))  # incompressible: each entry is about 60 KB
    assert cache.get(keys[0]) is MISSING  # the oldest went over the bound
    assert cache.get(keys[-1]) is not MISSING
    assert cache.stats()[1] <= 200_000
    cache.put(cache.key("claims", "corpus5"), big)
    assert cache.clear("corpus5") == 2
    assert cache.get(keys[-1]) is MISSING and cache.get(keys[-2]) is not MISSING


def test_the_results_cache_key_changes_with_the_code_version(tmp_path: Path):
    a, b = ResultCache(tmp_path, version="v1"), ResultCache(tmp_path, version="v2")
    a.put(a.key("reuse", "k"), 1)
    assert b.get(b.key("reuse", "k")) is MISSING and a.get(a.key("reuse", "k")) == 1


def test_a_damaged_results_cache_is_a_miss_not_an_error_and_starts_afresh(tmp_path: Path):
    (tmp_path / "results.sqlite3").write_bytes(b"garbage" * 1000)
    cache = ResultCache(tmp_path, version="v1")
    assert cache.get(cache.key("reuse", "k")) is MISSING
    assert cache.cached(cache.key("reuse", "k"), lambda: 7) == 7
    assert cache.get(cache.key("reuse", "k")) == 7  # the damaged file was replaced


def test_metadata_edits_change_the_content_key_and_a_taken_url_is_refused(tmp_path: Path):
    from dataclasses import replace

    store = Store(tmp_path)
    cid = store.create_collection("Desk", user=ALICE).collection_id
    store.add_articles(cid, [_article("First text here.", url="https://ex.org/1"),
                             _article("Second text here.", doc_id="d2")], user=ALICE)
    before = store.collection(cid, user=ALICE).content_key
    first, second = store.documents(cid, user=ALICE)
    assert store.update_metadata(cid, [replace(first, title="Better title", text="ignored")], user=BOB) == 1
    again = store.documents(cid, user=ALICE)[0]
    assert (again.title, again.text) == ("Better title", "First text here.")  # texts never change
    assert store.collection(cid, user=ALICE).content_key != before
    with pytest.raises(InvalidInput, match="already has the URL"):
        store.update_metadata(cid, [replace(second, url="https://ex.org/1")], user=ALICE)


def test_a_change_to_the_chart_builders_is_a_new_code_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from dashboard.workspace import results

    shell = tmp_path / "shell"
    shell.mkdir()
    for path in results.SHELL_FILES:
        (shell / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(results, "SHELL_FILES", tuple(shell / p.name for p in results.SHELL_FILES))
    before = results.code_version()
    (shell / "charts.py").write_text((shell / "charts.py").read_text() + "\n# another colour\n")
    assert results.code_version() != before  # a kept chart spec is never drawn with the old builders
