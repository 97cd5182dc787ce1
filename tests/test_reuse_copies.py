"""Text carried by many outlets: copies of one passage in N documents, exact or edited."""

import random
from datetime import date, timedelta
from itertools import combinations

import pytest

from analysis.reuse import DEFAULT_MIN_SCORE, STOCK_MIN_DOCS, reuse_clusters, reuse_matches
from analysis.reuse.index import Vocabulary, duplicate_groups, token_arrays
from tests.factories import make_corpus, make_document

PARAGRAPH = (
    ("The ministry confirmed on Tuesday that the new port agreement would double container "
     "traffic within five years, according to officials familiar with the talks."),
    ("Dock workers' unions said they had not been consulted about the longer shifts the "
     "operator plans to introduce at the northern terminal."),
    "Shares in the operator rose sharply.",
)
ARTICLE = (
    "Heavy rain flooded the lower town overnight and forced the closure of two schools near "
    "the river, the mayor's office said on Wednesday morning.\n\n"
    "Emergency crews pumped water from basements along the embankment while volunteers "
    "filled sandbags outside the old market hall. Residents were told to avoid the bridge.\n\n"
    "Forecasters expect the river to peak on Thursday evening before the weather turns dry "
    "and colder for the rest of the week."
)


def gibberish(seed: int, words: int = 14) -> str:
    """Return a sentence of made-up words: text no other document shares."""
    rng = random.Random(seed)
    made = [
        "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        for _ in range(words)
    ]
    return " ".join(made).capitalize() + "."


def carrying(n: int, paragraph: str, *, dated: bool = False):
    """Return n documents of n outlets, each with its own text around ``paragraph``."""
    return [
        make_document(
            f"{gibberish(2 * k)}\n\n{paragraph}\n\n{gibberish(2 * k + 1)}",
            doc_id=f"d{k:03d}",
            source=f"Outlet {k}",
            published=date(2026, 1, 1) + timedelta(days=(k * 7) % n) if dated else None,
        )
        for k in range(n)
    ]


def sentence_of(corpus, passage_id):
    return next(p.text for p in corpus.passages if p.passage_id == passage_id)


@pytest.mark.parametrize("n", [3, 9, 12, 30])
def test_n_outlets_sharing_a_paragraph_give_one_cluster_of_n_per_sentence_and_every_pair(n):
    corpus = make_corpus(*carrying(n, " ".join(PARAGRAPH)))
    matches = reuse_matches(corpus)
    every_pair = {(f"d{i:03d}", f"d{j:03d}") for i, j in combinations(range(n), 2)}
    for sentence in PARAGRAPH:
        mine = [m for m in matches if sentence_of(corpus, m.a) == sentence]
        assert {(m.doc_a, m.doc_b) for m in mine} == every_pair
        assert all(m.kind == "verbatim" and sentence_of(corpus, m.b) == sentence for m in mine)
    clusters = reuse_clusters(corpus, matches)
    assert len(clusters) == len(PARAGRAPH)
    for cluster in clusters:
        assert len(cluster.outlets) == len(cluster.doc_ids) == len(cluster.passage_ids) == n
        assert len({sentence_of(corpus, pid) for pid in cluster.passage_ids}) == 1


def test_twelve_identical_articles_match_sentence_by_sentence():
    docs = [make_document(ARTICLE, doc_id=f"d{k:02d}", source=f"Outlet {k}") for k in range(12)]
    corpus = make_corpus(*docs)
    matches = reuse_matches(corpus)
    sentences = {p.text for p in corpus.passages if p.is_article}
    assert len(sentences) == 4
    assert len(matches) == 4 * 66
    assert all(m.kind == "verbatim" and not m.same_document for m in matches)
    clusters = reuse_clusters(corpus, matches)
    assert len(clusters) == 4
    assert all(len(c.outlets) == 12 for c in clusters)


def test_beyond_the_fanout_each_copy_is_paired_with_the_earliest_one():
    n = 40
    docs = carrying(n, " ".join(PARAGRAPH), dated=True)
    earliest = min(docs, key=lambda d: d.published).doc_id
    corpus = make_corpus(*docs)
    matches = reuse_matches(corpus)
    assert len(matches) == len(PARAGRAPH) * (n - 1)
    assert all(earliest in (m.doc_a, m.doc_b) for m in matches)
    clusters = reuse_clusters(corpus, matches)
    assert [len(c.outlets) for c in clusters] == [n] * len(PARAGRAPH)
    assert {c.earliest_doc_id for c in clusters} == {earliest}


def edited(sentence: str, k: int) -> str:
    """Return ``sentence`` with its k-th word (cycling, never the first) replaced."""
    words = sentence.split(" ")
    pos = 1 + k % (len(words) - 2)
    words[pos] = f"zq{k}x"
    return " ".join(words)


@pytest.mark.parametrize("n", [12, 40])
def test_lightly_edited_copies_in_many_outlets_form_one_cluster(n):
    docs = [
        make_document(f"{gibberish(2 * k)}\n\n{edited(PARAGRAPH[0], k)}\n\n{gibberish(2 * k + 1)}",
                      doc_id=f"d{k:03d}", source=f"Outlet {k}")
        for k in range(n)
    ]
    corpus = make_corpus(*docs)
    matches = reuse_matches(corpus)
    assert all(m.kind == "near_verbatim" or m.kind == "verbatim" for m in matches)
    assert all(m.score >= DEFAULT_MIN_SCORE for m in matches)
    if n <= 32:
        assert len(matches) == n * (n - 1) // 2
    (cluster,) = reuse_clusters(corpus, matches)
    assert len(cluster.outlets) == n


def test_a_phrase_recurring_in_thirty_documents_is_still_not_reuse():
    phrase = "the investigation into her use of a private email server"
    docs = [
        make_document(f"{gibberish(k, 9).rstrip('.')} {phrase} {gibberish(100 + k, 9).lower()}",
                      doc_id=f"d{k:02d}", source=f"Outlet {k}")
        for k in range(30)
    ]
    assert reuse_matches(make_corpus(*docs)) == ()


def test_a_sentence_combining_two_sources_does_not_chain_them_into_one_cluster():
    first = ("the regional council approved a new budget for road repairs after a long and "
             "bitter debate on Monday")
    second = ("farmers in the northern valley reported their best harvest in more than a "
              "decade despite the late frost")
    docs = [
        *(make_document(f"{gibberish(k)}\n\n{first.capitalize()}.\n\n{gibberish(20 + k)}",
                        doc_id=f"a{k}", source=f"First {k}") for k in range(3)),
        *(make_document(f"{gibberish(10 + k)}\n\n{second.capitalize()}.\n\n{gibberish(30 + k)}",
                        doc_id=f"b{k}", source=f"Second {k}") for k in range(3)),
        make_document(f"{first.capitalize()}, while {second}.", doc_id="c0", source="Both"),
        # Unrelated articles, so that the repeated sentences stay under the share of the
        # corpus at which cleaning calls a repeated short paragraph template text.
        *(make_document(gibberish(40 + k), doc_id=f"z{k}", source=f"Other {k}") for k in range(4)),
    ]
    corpus = make_corpus(*docs)
    clusters = reuse_clusters(corpus, reuse_matches(corpus, min_score=0))
    assert sorted(c.doc_ids for c in clusters) == [
        ("a0", "a1", "a2", "c0"), ("b0", "b1", "b2", "c0"),
    ]


def test_clusters_need_three_outlets_unless_asked_for_two():
    docs = carrying(2, " ".join(PARAGRAPH[:1]))
    corpus = make_corpus(*docs)
    matches = reuse_matches(corpus)
    assert reuse_clusters(corpus, matches) == ()
    assert len(reuse_clusters(corpus, matches, min_outlets=2)) == 1


def test_identical_passages_share_a_representative_and_short_or_reordered_ones_do_not():
    texts = [
        "The port agreement would double container traffic within five years.",
        "Prices rose.",
        "the port agreements would double container traffic within five years.",
        "Prices rose.",
        "Within five years the port agreement would double container traffic.",
    ]
    tokens = token_arrays(texts, Vocabulary())
    assert duplicate_groups(tokens, len(texts), min_words=7).tolist() == [0, 1, 0, 3, 4]


def test_a_sentence_carried_by_more_outlets_than_the_stock_phrase_cut_is_still_found():
    n = STOCK_MIN_DOCS + 50  # every n-gram of the sentence is in more documents than the cut
    docs = [
        make_document(f"{gibberish(2 * k)}\n\n{edited(PARAGRAPH[0], k)}\n\n{gibberish(2 * k + 1)}",
                      doc_id=f"d{k:03d}", source=f"Outlet {k}")
        for k in range(n)
    ]
    corpus = make_corpus(*docs)
    matches = reuse_matches(corpus)
    assert n - 1 <= len(matches) < 2 * n
    (cluster,) = reuse_clusters(corpus, matches)
    assert len(cluster.outlets) == n
