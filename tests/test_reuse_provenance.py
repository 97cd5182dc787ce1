"""Who copied whom: direction, shared quotes, the quote ledger, sources, semantic matches, article verdicts."""

from datetime import date

import numpy as np
import pytest

from analysis.reuse import (
    DEFAULT_MIN_SCORE,
    article_pairs,
    classify_variant,
    cluster_provenance,
    first_reported_label,
    quote_ledger,
    reuse_clusters,
    reuse_matches,
    reuse_table,
    semantic_matches,
    shared_runs,
    source_mentions,
)
from analysis.reuse.semantic import CandidatePair
from analysis.reuse.tables import with_match_ids
from tests.factories import CORPORA, make_corpus, make_document

COPY = (
    "The ministry confirmed on Tuesday that the new port agreement would double container "
    "traffic within five years, according to officials familiar with the talks."
)
QUOTE = ("We will not accept any agreement that leaves our fishermen without access to the "
         "waters their families have worked for generations")


def _doc(text, doc_id, source, published=None, language="en", title=""):
    return make_document(text, doc_id=doc_id, source=source, published=published, language=language, title=title)


def test_a_pair_is_read_from_the_earlier_article_to_the_later_one():
    corpus = make_corpus(
        _doc(f"Weather was mild in the north this week. {COPY}", "a", "Late Daily", date(2026, 1, 14)),
        _doc(f"Markets rose in early trading today. {COPY}", "b", "Early Wire", date(2026, 1, 13)),
    )
    (m,) = reuse_matches(corpus)
    assert (m.doc_a, m.doc_b, m.order) == ("a", "b", "b_first")
    row = with_match_ids(reuse_table(corpus, (m,))).iloc[0]
    assert (row["outlet_a"], row["outlet_b"]) == ("Early Wire", "Late Daily")
    assert row["pair"] == "Early Wire → Late Daily"
    assert row["when"] == "2026-01-13 → 2026-01-14"
    text = corpus.document(row["doc_a"]).text
    assert text[row["spans"][0][0]:row["spans"][0][1]] in COPY


def test_an_earlier_outlet_whose_name_sorts_last_still_reads_first():
    corpus = make_corpus(
        _doc(f"Weather was mild in the north this week. {COPY}", "a", "Zulu Wire", date(2026, 1, 13)),
        _doc(f"Markets rose in early trading today. {COPY}", "b", "Alpha Daily", date(2026, 1, 14)),
    )
    row = with_match_ids(reuse_table(corpus, reuse_matches(corpus))).iloc[0]
    assert (row["outlet_a"], row["doc_a"], row["published_a"]) == ("Zulu Wire", "a", "2026-01-13")
    assert (row["pair"], row["when"]) == ("Zulu Wire → Alpha Daily", "2026-01-13 → 2026-01-14")


@pytest.mark.parametrize(("days", "order", "label"), [
    ((date(2026, 1, 13), date(2026, 1, 13)), "same_day", "same day (2026-01-13)"),
    ((None, date(2026, 1, 13)), "date_unknown", "date unknown"),
])
def test_ties_and_missing_dates_are_said_in_words(days, order, label):
    corpus = make_corpus(_doc(COPY, "a", "One", days[0]), _doc(f"Also today. {COPY}", "b", "Two", days[1]))
    row = with_match_ids(reuse_table(corpus, reuse_matches(corpus))).iloc[0]
    assert (row["order"], row["when"], row["pair"]) == (order, label, "One ↔ Two")


def test_outlets_quoting_one_speaker_share_a_quote_not_copied_text():
    corpus = make_corpus(
        _doc(f"The minister spoke to farmers on Monday. “{QUOTE},” she said at the port.", "a", "Fox"),
        _doc(f"Protesters gathered outside the hall. “{QUOTE},” the minister told the crowd.", "b", "NYT"),
    )
    (m,) = reuse_matches(corpus, min_score=0)
    assert m.kind == "quote"


def test_a_three_word_fragment_scores_below_a_copied_sentence():
    fragment = "Some phony theology."
    corpus = make_corpus(
        _doc(f"He spoke for an hour about the budget. {fragment}\n{COPY}", "a", "One"),
        _doc(f"Reporters waited outside for the result. {fragment}\n{COPY}", "b", "Two"),
    )
    scores = {corpus.document(m.doc_a).text[m.spans[0][0]:m.spans[0][1]]: m.score for m in reuse_matches(corpus, min_score=0)}
    copied = next(s for t, s in scores.items() if "port agreement" in t)
    assert copied > DEFAULT_MIN_SCORE
    assert all(s < copied for t, s in scores.items() if "theology" in t)


def test_the_ledger_classes_each_outlets_wording_of_one_quote():
    full = "We will not accept any deal that leaves our fishermen without access to the waters they have always worked"
    corpus = make_corpus(
        _doc(f"The minister was defiant. “{full},” Minister Park said on Monday.", "a", "Wire", date(2026, 1, 12)),
        _doc(f"Talks stalled. “{full},” Park said.", "b", "Copy", date(2026, 1, 12)),
        _doc("Talks stalled again. “We will not accept any deal that leaves our fishermen without access,” Park said.",
             "c", "Trim", date(2026, 1, 13)),
        _doc("Park was firm. “We will not accept any deal that leaves our fishermen without access to the seas "
             "they have always worked,” Park said.", "d", "Alter", date(2026, 1, 13)),
        _doc("Park spoke. “We will not accept any deal ... they have always worked,” Park said.", "e", "Splice",
             date(2026, 1, 14)),
    )
    (group,) = quote_ledger(corpus)
    assert group.speaker == "Park" or group.speaker == "Minister Park"
    by_outlet = {v.outlet: v for v in group.variants}
    assert by_outlet["Wire"].reference or by_outlet["Copy"].reference
    assert {by_outlet[o].variant for o in ("Wire", "Copy")} == {"verbatim"}
    assert by_outlet["Trim"].variant == "trimmed"
    assert by_outlet["Alter"].variant == "altered"
    assert ("replace", "waters", "seas") in by_outlet["Alter"].diff
    assert by_outlet["Splice"].variant == "spliced"


def test_quotes_of_different_weeks_are_not_one_quotation():
    corpus = make_corpus(
        _doc(f"“{QUOTE},” she said.", "a", "One", date(2015, 1, 1)),
        _doc(f"“{QUOTE},” she said again.", "b", "Two", date(2019, 1, 1)),
    )
    assert quote_ledger(corpus) == ()


@pytest.mark.parametrize(("reference", "version", "expected"), [
    ("a b c d e f", "a b c d e f", "verbatim"),
    ("a b c d e f", "b c d", "trimmed"),
    ("a b c d e f", "a b e f", "spliced"),
    ("a b c d e f", "a b x d e f", "altered"),
    ("a b c d e f", "p q r s t", "paraphrased"),
])
def test_variant_classes(reference, version, expected):
    assert classify_variant(reference, version)[0] == expected


def test_sources_named_in_datelines_credits_and_attributions_are_found():
    corpus = make_corpus(
        _doc("SEOUL, Jan. 13 (Yonhap) -- The two leaders met in Nara.\n"
             "The deal was signed, according to Kyodo.\nOne official told NHK the talks went well.\n"
             "Lee Jae-myung said the ties mattered, according to Lee Jae-myung.", "a", "Paper"),
        _doc("연합뉴스에 따르면 두 정상은 나라에서 회담을 열었다.", "k", "Korea Daily", language="ko"),
        _doc("共同通信によると、両首脳は奈良で会談した。", "j", "Tokyo Daily", language="ja"),
    )
    names = {(m.doc_id, m.kind, m.name) for m in source_mentions(corpus)}
    assert {("a", "dateline", "Yonhap"), ("a", "attribution", "Kyodo"), ("a", "attribution", "NHK")} <= names
    assert ("k", "attribution", "연합뉴스") in names
    assert any(doc == "j" and "共同" in name for doc, _, name in names)
    assert not any("Lee" in name for _, _, name in names)


def test_a_cluster_names_who_reported_first_or_says_same_day():
    def corpus_of(days):
        return make_corpus(*(
            _doc(f"Story {k} opened with local news of the week. {COPY} It is according to Yonhap.", f"d{k}",
                 f"Outlet {k}", day)
            for k, day in enumerate(days)
        ))

    first = corpus_of((date(2026, 1, 14), date(2026, 1, 13), date(2026, 1, 15)))
    clusters = reuse_clusters(first, reuse_matches(first))
    prov = cluster_provenance(first, clusters, source_mentions(first))[0]
    assert (prov.status, prov.first_reported_by, prov.earliest_doc_ids) == ("earliest", "Outlet 1", ("d1",))
    assert first_reported_label(prov) == "Outlet 1 (source named: Yonhap)"
    tied = corpus_of((date(2026, 1, 13), date(2026, 1, 13), date(2026, 1, 15)))
    prov = cluster_provenance(tied, reuse_clusters(tied, reuse_matches(tied)))[0]
    assert first_reported_label(prov) == "same day: Outlet 0, Outlet 1"


class FakeEncoder:
    """Sentences with the same marker word get the same vector (a stand-in for meaning)."""

    def encode(self, texts):
        out = np.zeros((len(texts), 4), dtype=np.float32)
        for i, t in enumerate(texts):
            k = 0 if "港" in t or "port" in t else 1 if "漁" in t or "fish" in t.lower() else 2
            out[i, k] = 1.0
        return out


def test_semantic_matches_pair_translated_sentences_one_to_one():
    corpus = make_corpus(
        _doc("The port agreement doubles container traffic within five years.\n"
             "Fishermen protested outside the ministry on Monday morning.", "en", "Wire", date(2026, 1, 13)),
        _doc("港湾協定によりコンテナ取扱量は五年以内に倍増する。\n月曜日の朝、漁業者が省の前で抗議した。", "ja", "Tokyo",
             date(2026, 1, 14), language="ja"),
    )
    found = semantic_matches(corpus, (), encoder=FakeEncoder(), pairs=[CandidatePair("en", "ja", "test")])
    assert [(m.kind, m.order) for m in found] == [("translation", "a_first")] * 2
    texts = {(corpus.document(m.doc_a).text[m.spans[0][0]:m.spans[0][1]][:8]) for m in found}
    assert texts == {"The port", "Fisherme"}


def test_the_bundled_encoder_finds_a_korean_translation_of_an_english_sentence():
    corpus = make_corpus(
        _doc("President Lee and Prime Minister Takaichi agreed to expand cooperation on supply chains.\n"
             "Heavy snow closed three mountain roads in the north of the country.", "en", "Wire", date(2026, 1, 13)),
        _doc("이재명 대통령과 다카이치 총리는 공급망 협력을 확대하기로 합의했다.\n오늘 서울의 한 식당에서 새로운 메뉴가 소개되었다.", "ko",
             "Seoul Daily", date(2026, 1, 13), language="ko"),
    )
    found = semantic_matches(corpus, (), pairs=[CandidatePair("en", "ko", "test")])
    assert len(found) == 1 and found[0].kind == "translation"
    assert "supply chains" in corpus.document("en").text[found[0].spans[0][0]:found[0].spans[0][1]]


def test_an_article_copied_whole_is_wholly_derived_and_the_other_way_partially():
    extra = " ".join(f"Sentence number {w} of the longer piece adds its own reporting here." for w in
                     ("one", "two", "three", "four", "five", "six"))
    corpus = make_corpus(
        _doc(COPY, "a", "Wire", date(2026, 1, 13)),
        _doc(f"{COPY} {extra}", "b", "Paper", date(2026, 1, 14)),
    )
    (pair,) = article_pairs(corpus, reuse_matches(corpus))
    assert pair.order == "a_first" and pair.derived == "b"
    assert pair.share_a > 0.9 and pair.share_b < pair.share_a
    assert pair.verdict == "partially"
    (flipped,) = article_pairs(make_corpus(_doc(f"{COPY} {extra}", "a", "Paper", date(2026, 1, 13)),
                                           _doc(COPY, "b", "Wire", date(2026, 1, 14))),
                               reuse_matches(make_corpus(_doc(f"{COPY} {extra}", "a", "Paper", date(2026, 1, 13)),
                                                         _doc(COPY, "b", "Wire", date(2026, 1, 14)))))
    assert flipped.verdict == "wholly"


def test_every_shared_run_of_three_words_is_found_even_alone():
    corpus = make_corpus(
        _doc("Officials said the bridge would reopen in spring after long repairs.", "a", "One"),
        _doc("Nobody expected the bridge would reopen before the vote, and repairs lasted long.", "b", "Two"),
    )
    runs = shared_runs(corpus, "a", "b")
    text_a = corpus.document("a").text
    assert [text_a[r[0]:r[1]] for r in runs] == ["the bridge would reopen"]


@pytest.mark.corpora
@pytest.mark.skipif(not (CORPORA / "flores200_cjk").is_dir(), reason="needs ../shared/corpora/flores200_cjk")
def test_flores_korean_japanese_chinese_sentences_retrieve_their_english_original():
    from analysis.reuse import default_encoder

    def lines(code):
        path = CORPORA / "flores200_cjk" / "devtest" / f"{code}.devtest"
        return [ln.strip().strip('"').replace('""', '"') for ln in path.read_text(encoding="utf-8").splitlines()][:200]

    encoder = default_encoder()
    english = encoder.encode(lines("eng_Latn"))
    for code in ("kor_Hang", "jpn_Jpan", "zho_Hans"):
        sims = encoder.encode(lines(code)) @ english.T
        assert (sims.argmax(axis=1) == np.arange(200)).mean() >= 0.9
