"""Stories: given by the input (any common field name, any value) or grouped by content and time."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.ingest import documents_from_bytes, parse_manifest
from analysis.ingest.pipeline import build_corpus, corpus_from_documents
from analysis.ingest.stories import grouped_stories
from tests.factories import CORPORA, make_document

SHUTDOWN = (
    "Congressional leaders and President Trump reached a deal on Friday to reopen the federal government "
    "after a partial shutdown of 35 days. Pelosi and Schumer said the agreement funds agencies until "
    "February 15 while negotiators discuss border security. Federal workers will receive back pay; "
    "McConnell scheduled a Senate vote on the stopgap measure. {n}"
)
MOSQUE = (
    "Republican candidates in New York disputed plans for an Islamic cultural center and mosque near "
    "Ground Zero in lower Manhattan. Imam Feisal Abdul Rauf defended the Park51 project while Bloomberg "
    "backed religious freedom and Lazio demanded an investigation of its funding. {n}"
)


def docs_of(texts, *, start=date(2019, 1, 25), step=0, outlets=("fox", "nyt", "hpo")):
    return [
        make_document(t.format(n=n), doc_id=f"{k}{n}", source=outlets[n % len(outlets)],
                      published=start + timedelta(days=step * n))
        for k, t in (("x", texts),) for n in range(3)
    ]


def test_a_story_field_of_any_common_name_is_read_from_records():
    for key in ("story", "story_id", "event", "cluster", "topic", "triplet-uuid"):
        data = json.dumps([{"text": "The leaders met in Nara on Tuesday.", key: "nara-summit"}]).encode()
        docs, errors = documents_from_bytes("a.json", data)
        assert errors == () and docs[0].story == "nara-summit", key


def test_a_numeric_story_is_read_as_written_and_an_empty_one_as_none():
    data = json.dumps([
        {"text": "One.", "story": 3}, {"text": "Two.", "story": 3.0}, {"text": "Three.", "story": ""},
        {"text": "Four.", "story": None}, {"text": "Five.", "story": [1, 2]},
    ]).encode()
    docs, _ = documents_from_bytes("a.json", data)
    assert [d.story for d in docs] == ["3", "3", "", "", ""]


def test_a_manifest_story_column_sets_the_story(tmp_path):
    manifest = parse_manifest("manifest.csv", b"file,story\na.txt,summit\n").rows
    docs, _ = documents_from_bytes("a.txt", b"The leaders met in Nara on Tuesday.\n", manifest=manifest)
    assert docs[0].story == "summit"


def test_given_stories_are_kept_and_listed_with_their_articles():
    docs = [
        make_document("The summit opened in Nara.", doc_id="a", story="7"),
        make_document("The summit closed in Nara.", doc_id="b", story="7"),
        make_document("Markets fell.", doc_id="c", story="markets"),
    ]
    corpus = corpus_from_documents(docs)
    assert [(s.story_id, s.doc_ids, s.how) for s in corpus.stories] == [
        ("7", ("a", "b"), "given"), ("markets", ("c",), "given"),
    ]
    # A numeric id reads as no label: the story's own words label it instead.
    assert corpus.stories[0].label != "7" and corpus.stories[1].label == "markets"


def test_every_article_in_its_own_story_works():
    docs = [make_document(f"The summit opened on January {13 + n}, 2026.", doc_id=f"d{n}", source=f"o{n}",
                          story=f"s{n}") for n in range(3)]
    corpus = corpus_from_documents(docs)
    assert len(corpus.stories) == 3
    assert [d.story for d in corpus.documents] == ["s0", "s1", "s2"]


def test_articles_about_two_events_months_apart_form_two_stories():
    shutdown = docs_of(SHUTDOWN)
    mosque = [replace(d, doc_id=f"m{n}", text=MOSQUE.format(n=n), published=date(2010, 8, 17))
              for n, d in enumerate(docs_of(MOSQUE))]
    corpus = corpus_from_documents(shutdown + mosque)
    groups = {frozenset(s.doc_ids) for s in corpus.stories}
    assert groups == {frozenset({"x0", "x1", "x2"}), frozenset({"m0", "m1", "m2"})}
    assert all(s.how == "inferred" for s in corpus.stories)


def test_the_same_words_far_apart_in_time_are_different_stories():
    early = docs_of(SHUTDOWN)
    late = [replace(d, doc_id=f"late{n}", published=d.published + timedelta(days=400)) for n, d in enumerate(early)]
    corpus = corpus_from_documents(early + late)
    assert len(corpus.stories) == 2


def test_the_seeds_are_one_story_with_a_readable_label():
    corpus = build_corpus()
    (story,) = corpus.stories
    assert story.how == "inferred" and len(story.doc_ids) == 5
    assert "Takaichi" in story.label or "Lee" in story.label
    assert {d.story for d in corpus.documents} == {story.story_id}


def test_articles_too_short_to_judge_share_one_story():
    corpus = corpus_from_documents([
        make_document("The summit opened on January 13, 2026.", doc_id="a", source="A"),
        make_document("This was their second meeting.", doc_id="b", source="B"),
    ])
    assert len(corpus.stories) == 1


def test_an_inferred_id_never_takes_a_given_one():
    docs = [make_document("Short.", doc_id="a", story="story-1"), make_document("Also short.", doc_id="b")]
    _, stories = grouped_stories(docs)
    assert sorted(s.story_id for s in stories) == ["story-1", "story-2"]


def test_a_corpus_with_stories_survives_pickling():
    corpus = build_corpus()
    assert pickle.loads(pickle.dumps(corpus)).stories == corpus.stories


BASIL = CORPORA / "basil" / "articles"


@pytest.mark.corpora
@pytest.mark.skipif(not BASIL.is_dir(), reason="BASIL corpus not available")
def test_basil_triplets_are_given_stories():
    corpus = build_corpus([BASIL / "2019"])
    assert len(corpus.stories) == 10
    assert all(len(s.doc_ids) == 3 and s.how == "given" for s in corpus.stories)


@pytest.mark.corpora
@pytest.mark.skipif(not BASIL.is_dir(), reason="BASIL corpus not available")
def test_basil_without_its_story_field_groups_its_triplets():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from stories import b_cubed, triplet_of, without_story

    given = build_corpus([BASIL])
    inferred = corpus_from_documents(without_story(given.documents))
    precision, _, f1 = b_cubed({d.doc_id: d.story for d in inferred.documents},
                               {d.doc_id: triplet_of(d) for d in given.documents})
    assert f1 >= 0.9 and precision >= 0.95


def test_a_short_article_in_a_corpus_of_several_stories_stays_alone():
    shutdown = docs_of(SHUTDOWN)
    mosque = [replace(d, doc_id=f"m{n}", text=MOSQUE.format(n=n), published=date(2010, 8, 17))
              for n, d in enumerate(docs_of(MOSQUE))]
    short = make_document("Markets fell.", doc_id="s", source="fox")
    corpus = corpus_from_documents([*shutdown, *mosque, short])
    assert ("s",) in {s.doc_ids for s in corpus.stories} and len(corpus.stories) == 3


def _ascii_scans_agree(text: str) -> None:
    from analysis.ingest import stories

    for sample in (text, text.lower()):
        assert stories._ASCII_WORDS.findall(sample) == stories._WORDS.findall(sample)
        found = stories._ASCII_CAPITALISED_NAMED.findall(sample)
        assert [word for word, _ in found] == stories._CAPITALISED.findall(sample)
        assert [word for word, named in found if named] == stories._NAMES.findall(sample)


def test_the_ascii_scans_of_terms_find_what_the_unicode_ones_find():
    _ascii_scans_agree(
        "Lee's rival, Takaichi’s Party and the U.S. said It's a x-ray; the Smith-Jones talks, "
        "O'Neill’s 'so' ’em rock'n'roll, Abe's. Ab S. Kim’s, 3rd Gen. ALL CAPS—and “Quoted” words… "
        "d'Arcy l’Etat 9ers A1 B_c s'S, Lee Kim Park; Moon 9 Jae, aAbc"
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Lee", "lee", "'s", "’S", "’", "-", "x", "Kim", "TALKS", "a1", "_", ",", ";", " ", ". ", "9",
                                 "—", "“", "Ab", "\n"]), max_size=25).map("".join))
def test_the_ascii_scans_of_terms_agree_on_any_mix_of_words_and_marks(text):
    _ascii_scans_agree(text)


def test_a_corpus_over_the_pair_budget_is_grouped_from_its_rarer_terms(monkeypatch):
    import analysis.ingest.stories as stories

    shutdown = docs_of(SHUTDOWN)
    mosque = [replace(d, doc_id=f"m{n}", text=MOSQUE.format(n=n)) for n, d in enumerate(docs_of(MOSQUE))]
    # Words every article shares pair all fifteen pairs; each story's own words pair three.
    common = " Analysts across Washington weighed statements, budgets, hearings, polls and campaigns."
    docs = [replace(d, text=d.text + common) for d in shutdown + mosque]
    expected = {frozenset({"x0", "x1", "x2"}), frozenset({"m0", "m1", "m2"})}
    groups = {frozenset(s.doc_ids) for s in corpus_from_documents(docs).stories}
    assert groups == expected
    # With room for only a few hundred pair contributions, the commonest terms are left out
    # first and the stories are still told apart.
    monkeypatch.setattr(stories, "_PAIR_BUDGET", 300)
    groups = {frozenset(s.doc_ids) for s in corpus_from_documents(docs).stories}
    assert groups == expected


def test_many_tiny_articles_from_one_vocabulary_stay_within_the_pair_budget(monkeypatch):
    import random

    import numpy as np

    import analysis.ingest.stories as stories

    # Random articles over one small vocabulary share words with everyone: before the budget,
    # 20,000 of them added 49 million pair contributions (3.7 GB, 38 s).
    rng = random.Random(1)
    vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) for _ in range(300)]
    docs = [make_document(" ".join(rng.choice(vocabulary) for _ in range(40)), doc_id=f"t{i}") for i in range(400)]
    monkeypatch.setattr(stories, "_PAIR_BUDGET", 5_000)
    seen: list[int] = []
    repeat = np.repeat

    def counting(a, repeats, *args, **kwargs):
        out = repeat(a, repeats, *args, **kwargs)
        if isinstance(repeats, np.ndarray):
            seen.append(int(repeats.sum()))
        return out

    monkeypatch.setattr(stories.np, "repeat", counting)
    _, found = grouped_stories(docs)
    assert sum(seen) <= 2 * 5_000  # two repeats per term read, each of its pairs
    assert sum(len(s.doc_ids) for s in found) == 400
