"""Distinctive terms: log-odds with an informative Dirichlet prior, one outlet against the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.framing.distinctive import DISTINCTIVE_COLUMNS, distinctive_terms, small_corpus_warning
from analysis.ingest.pipeline import build_corpus, corpus_from_documents
from analysis.text.records import Corpus, Passage
from tests.factories import make_corpus, make_document


def two_outlets() -> Corpus:
    hawkish = "The hawkish minister rejected any compromise on the islands, aides said."
    calm = "The cautious minister welcomed talks on the islands, aides said."
    return make_corpus(
        make_document(hawkish + " Hawkish voices dominated the debate.", doc_id="a1", source="Fox"),
        make_document(hawkish + " Hawkish rhetoric rose again.", doc_id="a2", source="Fox"),
        make_document(calm + " Cautious diplomats prevailed.", doc_id="b1", source="NYT"),
        make_document(calm + " Cautious optimism spread.", doc_id="b2", source="NYT"),
    )


def test_the_table_has_fixed_columns_and_is_empty_with_a_single_outlet():
    df = distinctive_terms(make_corpus(make_document("Hawkish hawkish hawkish words.", source="Fox")))
    assert tuple(df.columns) == DISTINCTIVE_COLUMNS and df.empty
    assert tuple(distinctive_terms(Corpus((), ())).columns) == DISTINCTIVE_COLUMNS


def test_a_word_one_outlet_uses_and_the_other_does_not_is_distinctive_for_it_with_raw_counts():
    df = distinctive_terms(two_outlets(), min_count=2, ngram=1)
    fox = df[df.outlet == "Fox"].set_index("term")
    nyt = df[df.outlet == "NYT"].set_index("term")
    assert fox.index[0] == "hawkish" and nyt.index[0] == "cautious"
    assert (fox.loc["hawkish", "count"], fox.loc["hawkish", "count_rest"]) == (4, 0)
    assert fox.loc["hawkish", "log_odds"] > 0 and fox.loc["hawkish", "z"] > 0
    # Words both outlets use alike rank below the ones that set them apart.
    assert "minister" not in fox.index
    assert "minister" not in nyt.index or nyt.loc["minister", "z"] < nyt.loc["cautious", "z"] / 2


def test_only_terms_over_represented_in_the_outlet_are_listed_highest_z_first():
    df = distinctive_terms(two_outlets(), min_count=1, min_docs=1)
    assert (df.z > 0).all()
    for _, group in df.groupby("outlet"):
        assert list(group.z) == sorted(group.z, reverse=True)


def test_min_count_and_top_limit_the_terms():
    corpus = two_outlets()
    assert distinctive_terms(corpus, min_count=5).empty
    loose = distinctive_terms(corpus, min_count=1, min_docs=1)
    strict = distinctive_terms(corpus, min_count=2, min_docs=1)
    assert set(strict.term) <= set(loose.term)
    assert (distinctive_terms(corpus, min_count=1, min_docs=1, top=1).groupby("outlet").size() == 1).all()


def test_a_term_from_only_one_of_an_outlets_articles_needs_min_docs_to_be_met():
    corpus = two_outlets()
    default = distinctive_terms(corpus, min_count=1)
    assert "rhetoric" not in set(default.term)  # one Fox article only
    assert "rhetoric" in set(distinctive_terms(corpus, min_count=1, min_docs=1).term)


def test_phrases_are_counted_and_never_start_or_end_with_a_stopword():
    df = distinctive_terms(two_outlets(), min_count=2, ngram=(1, 3))
    assert "hawkish minister" in set(df.term)
    assert all(not t.startswith(("the ", "on ")) and not t.endswith((" the", " on")) for t in df.term)
    bigrams = distinctive_terms(two_outlets(), min_count=2, ngram=2)
    assert all(len(t.split()) == 2 for t in bigrams.term)
    with pytest.raises(ValueError):
        distinctive_terms(two_outlets(), ngram=(2, 1))


def test_related_blocks_and_boilerplate_are_not_counted():
    text = "Hawkish talk. Cautious talk."
    docs = (make_document(text, doc_id="a", source="Fox"), make_document(text, doc_id="b", source="NYT"))
    passages = (
        Passage("a:0", "a", "body", 0, 13, "Hawkish talk."),
        Passage("a:1", "a", "related", 14, 28, "Cautious talk."),
        Passage("b:0", "b", "boilerplate", 0, 13, "Hawkish talk."),
        Passage("b:1", "b", "body", 14, 28, "Cautious talk."),
    )
    df = distinctive_terms(Corpus(docs, passages), min_count=1, ngram=1)
    assert set(zip(df.outlet, df.term)) == {("Fox", "hawkish"), ("NYT", "cautious")}


def test_the_seeds_are_too_small_and_the_warning_says_so_with_figures():
    warning = small_corpus_warning(build_corpus())
    assert warning is not None
    assert "too small" in warning and "5 articles" in warning


def test_a_single_outlet_gets_a_warning_and_a_large_enough_corpus_none():
    one = make_corpus(make_document("Talks were held in Nara today by leaders.", source="Fox"))
    assert "one more outlet" in small_corpus_warning(one)
    assert small_corpus_warning(two_outlets(), min_outlet_words=10) is None
    assert small_corpus_warning(two_outlets()) is not None



def test_a_language_with_one_outlet_is_named_as_such_not_the_whole_corpus():
    corpus = make_corpus(
        make_document("Talks were held in Nara today by leaders.", doc_id="a", source="Fox"),
        make_document("Talks were held in Nara today by the leaders.", doc_id="b", source="NYT"),
        make_document("나라에서 오늘 정상회담이 열렸다.", doc_id="c", source="Yonhap", language="ko"),
    )
    warning = small_corpus_warning(corpus, language="ko")
    assert warning is not None
    assert "this corpus's Korean articles come from 1 outlet (Yonhap)" in warning
    assert "this corpus has" not in warning and "one more outlet in Korean" in warning

def _basil() -> Path:
    from tests.factories import CORPORA

    return CORPORA / "basil"


@pytest.mark.corpora
@pytest.mark.skipif(not _basil().is_dir(), reason="BASIL corpus not available")
def test_on_basil_no_outlet_s_top_terms_are_its_name_or_its_house_style():
    docs = []
    for path in sorted((_basil() / "articles").glob("*/*.json")):
        art = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) for p in art["body-paragraphs"])
        source = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}[art["source"].lower()]
        docs.append(make_document(art["title"] + "\n\n" + body, doc_id=path.stem, source=source))
    corpus = corpus_from_documents(docs)
    assert small_corpus_warning(corpus, min_outlet_words=20_000) is None
    df = distinctive_terms(corpus, top=25)
    assert set(df.outlet) == {"Fox News", "New York Times", "HuffPost"}
    # Before: Fox News's top five were "fox news", "fox", "news", "sen", "rep".
    words = {w for term in df.term for w in term.split()}
    assert not words & {"fox", "york", "huffpost", "sen", "rep", "gov", "d-calif", "d-n"}
    assert not set(df.term) & {"news", "new", "fox news", "new york"}  # "news conference" is a term
    fox = list(df[df.outlet == "Fox News"].term)
    assert fox[:3] == ["security", "cable", "nuclear"]


def _outlets_of_their_own() -> Corpus:
    fox = ("Sen. Chuck Schumer told Fox News that the bill would pass, Rep. Jim Jordan said on Fox News Digital. "
           "Fox's poll showed the border wall was popular among voters.")
    nyt = "Senator Chuck Schumer told The New York Times that the bill would pass. Voters backed the wall."
    return make_corpus(
        make_document(f"By Jane Doe\n\n{fox}\n\nJohn Roe contributed to this report.", doc_id="f1", source="Fox News"),
        make_document(f"By Jane Doe\n\n{fox} Rep. Jordan (R-Ohio) agreed.", doc_id="f2", source="Fox News"),
        make_document(f"By Max Mustermann\n\n{nyt}", doc_id="n1", source="The New York Times"),
        make_document(f"{nyt} Voters backed the wall again.", doc_id="n2", source="The New York Times"),
    )


def test_outlet_names_bylines_and_house_abbreviations_are_not_distinctive_terms():
    df = distinctive_terms(_outlets_of_their_own(), min_count=1, min_docs=1, top=100)
    terms = set(df.term)
    words = {w for t in terms for w in t.split()}
    assert not words & {"fox", "news", "digital", "fox's", "new", "york", "times", "sen", "rep", "r-ohio"}
    assert not words & {"jane", "doe", "john", "roe", "contributed", "max", "mustermann"}
    # What the outlets wrote is still counted, including the names after the abbreviations.
    assert {"poll", "border wall", "jim jordan"} <= set(df[df.outlet == "Fox News"].term)
    assert "senator" in set(df[df.outlet == "The New York Times"].term)
