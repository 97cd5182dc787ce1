"""Korean, Japanese and Chinese: languages, words with offsets, reuse, claims, and bad input."""

from __future__ import annotations

import gc
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.claims import all_claims, disagreements
from analysis.claims.cjk import cjk_claim_parts, cjk_date_mentions
from analysis.reuse import reuse_matches
from analysis.text.languages import document_language, language_note, text_language, word_unit
from analysis.text.records import count_words
from analysis.text.tokens import word_columns, words
from tests.factories import CORPORA, make_corpus, make_document

KO = "이재명 대통령은 13일 일본 나라에서 다카이치 사나에 총리와 정상회담을 했다."
JA = "高市早苗首相は13日、奈良で韓国の李在明大統領と首脳会談を行った。"
ZH = "日本首相高市早苗13日在奈良与韩国总统李在明举行了会晤。"


def test_script_tells_korean_japanese_and_chinese_apart():
    assert (text_language(KO), text_language(JA), text_language(ZH)) == ("ko", "ja", "zh")


def test_a_kanji_only_headline_in_a_japanese_article_stays_japanese():
    assert text_language("日韓首脳会談", hint="ja") == "ja"
    assert text_language("日韓首脳会談") == "zh"


def test_korean_with_hanja_is_korean():
    assert text_language("李在明(이재명) 대통령은 韓日 관계를 강조했다.") == "ko"


def test_a_korean_name_in_an_english_paragraph_leaves_it_english():
    text = "President Lee Jae-myung (이재명) met the prime minister of Japan in Nara, and the two spoke for an hour."
    assert text_language(text) == "en"


def test_declared_language_wins_when_the_script_agrees():
    assert document_language(JA, declared="ja-JP") == "ja"
    assert document_language(KO, declared="en") == "ko"


@pytest.mark.parametrize("text,language", [(KO, "ko"), (JA, "ja"), (ZH, "zh")])
def test_word_offsets_slice_the_text(text, language):
    found = words(text, language)
    assert found
    for w in found:
        piece = text[w.start:w.end]
        assert piece.strip() == piece and piece
    assert [w.start for w in found] == sorted(w.start for w in found)


def test_korean_particles_are_words_and_stems_are_keys():
    keys = [w.key for w in words("정상회담을 했다", "ko")]
    assert keys == ["정상", "회담", "을", "하"]


def test_korean_spacing_does_not_change_the_words():
    assert [w.key for w in words("한일정상회담", "ko")] == [w.key for w in words("한일 정상회담", "ko")]


def test_japanese_verbs_are_keyed_by_dictionary_form():
    keys = {w.key for w in words("会談を行った。", "ja")} | {w.key for w in words("会談を行う。", "ja")}
    assert "行う" in keys and "行っ" not in keys


def test_full_width_digits_read_as_ascii():
    assert [w.key for w in words("２０２６年１月", "ja")] == ["2026年", "1月"]


def test_traditional_and_simplified_chinese_share_keys():
    assert [w.key for w in words("兩國領導人會晤", "zh")] == [w.key for w in words("两国领导人会晤", "zh")]


def test_a_japanese_sentence_counts_its_words_not_one_run():
    assert count_words(JA, "ja") >= 12
    assert count_words("The two leaders met in Nara.") == 6


def test_thai_falls_back_to_characters_with_a_note():
    text = "นายกรัฐมนตรีญี่ปุ่นพบประธานาธิบดีเกาหลีใต้"
    assert text_language(text) == "th"
    assert count_words(text) > 10
    assert "characters" in language_note("th") and "characters" in word_unit("th")


def test_hindi_words_keep_their_vowel_signs():
    text = "प्रधानमंत्री ने राष्ट्रपति से मुलाकात की"
    assert [text[w.start:w.end] for w in words(text)] == text.split()
    assert language_note("hi")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("한국어日本語中文。、 123ａｂＡ!?。漢字かなカナ\n")), max_size=60))
def test_any_mixed_text_gives_words_that_slice_it(text):
    for w in words(text):
        assert 0 <= w.start < w.end <= len(text)
        assert text[w.start:w.end].strip()


def test_japanese_words_keep_their_offsets_around_spaces_and_unknown_words():
    # MeCab's text output is read line by line: a leading ideographic space (which fugashi strips
    # from that output), spaces between words and a word the dictionary lacks keep every offset.
    text = "\u3000会談を行った。 ＡＰＥＣで xqzj 3万人"
    found = [(text[w.start:w.end], w.key) for w in words(text, "ja")]
    assert found == [("会談", "会談"), ("を", "を"), ("行った", "行う"), ("ＡＰＥＣ", "apec"), ("で", "で"),
                     ("xqzj", "xqzj"), ("3万人", "3万")]


def test_korean_words_keep_their_offsets_around_punctuation_latin_and_counters():
    text = "(서울=연합뉴스) 이재명 대통령은 180명과 APEC 회의를 했다.  "
    found = [(text[w.start:w.end], w.key) for w in words(text, "ko")]
    assert found == [("서울", "서울"), ("연합뉴스", "연합뉴스"), ("이재명", "이재명"), ("대통령", "대통령"), ("은", "은"),
                     ("180명", "180명"), ("과", "과"), ("APEC", "apec"), ("회의", "회의"), ("를", "를"), ("했다", "하")]


def test_segmented_words_are_tokens_and_their_cache_escapes_the_garbage_collector():
    # Cached as Token objects (a tuple subclass, always tracked), the words of 1,000 Japanese
    # articles cost five full collections 0.5 s; plain tuples of numbers and strings are not.
    from analysis.text.tokens import Token, _segmented_words

    text = "高市早苗首相は13日、奈良で首脳会談を行った。"
    found = words(text, "ja")
    assert found and all(type(w) is Token for w in found)
    cached = _segmented_words(text, "ja")
    gc.collect()
    gc.collect()  # a tuple is let go once the tuples it holds are
    assert type(cached) is tuple and [len(c) for c in cached] == [len(found)] * 4
    assert not gc.is_tracked(cached) and not any(gc.is_tracked(c) for c in cached)


def test_a_repeated_line_of_mecab_output_reads_the_same_in_a_new_context():
    # What a line says by itself is read once; its class still depends on the word before it.
    assert [w.key for w in words("3万人が来た。万人が来た。", "ja")] == ["3万", "が", "来る", "万人", "が", "来る"]
    assert [w.key for w in words("180명이 왔다. 명이 왔다.", "ko")][:2] == ["180명", "이"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("高市早苗首相は13日、奈良で首脳会談を行った。7.4%増の1,200人", "ja"),
        ("(서울=연합뉴스) 이재명 대통령은 180명과 회의를 했다.", "ko"),
        ("高市早苗首相與李在明總統舉行會晤", "zh"),
        ("The U.S. envoy's 2-day visit", "en"),
        ("Seoul 서울에서 회담, Tokyo 東京", "en"),
        ("", "ja"),
    ],
)
def test_word_columns_hold_the_same_words_as_tokens(text, language):
    columns = word_columns(text, language)
    assert list(zip(*columns)) == [tuple(t) for t in words(text, language)]
    assert columns.tokens(1, 3) == list(words(text, language)[1:3])


def test_mecab_words_read_in_one_pass_equal_the_two_pass_reading():
    # Text with decimals takes the two passes (morphemes, then words); the rest one pass.
    from analysis.text.tokens import _joined_words, _line_morphs, _line_words

    for text, language in (("3万人が来た。首相は「会談を行う」と述べた。第2回目", "ja"),
                           ("지난 13일 두 번째 정상회담을 했다. 180명이 왔다.", "ko")):
        assert _line_words(text, language, 5) == _joined_words(_line_morphs(text, language) or [], 5, str.lower)


def test_korean_words_are_the_same_whatever_was_parsed_before_and_in_other_threads():
    # One MeCab-ko lattice per thread is set to each text in turn: nothing of a long text
    # parsed before may stay in a short one's words, nor another thread's text in this one's.
    from concurrent.futures import ThreadPoolExecutor

    from analysis.text.tokens import _korean_lines

    short, long = "두 번째 정상회담을 했다.", KO * 20
    alone = _korean_lines(short)
    _korean_lines(long)
    assert _korean_lines(short) == alone
    texts = [short, long, KO] * 30
    expected = [_korean_lines(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(_korean_lines, texts)) == expected


def test_near_identical_japanese_articles_are_reuse():
    a = make_document("外務省によると、両首脳は経済協力と安全保障の分野で連携を強化することで一致し、"
                      "来年の早い時期に次の会談を開くことも確認した。", doc_id="a", source="nhk", language="ja")
    b = make_document("外務省によれば、両首脳は経済協力と安全保障の分野で連携を強化することで一致し、"
                      "来年の早い時期に次回の会談を開くことも確認した。", doc_id="b", source="kyodo", language="ja")
    matches = reuse_matches(make_corpus(a, b))
    assert len(matches) == 1 and matches[0].score > 80
    a_start, a_end, _, _ = matches[0].spans[0]
    assert "両首脳" in a.text[a_start:a_end]


def test_chinese_copies_are_found_across_traditional_and_simplified():
    a = make_document("外交部发言人表示，两国领导人同意加强经济合作，并将在明年初举行下一次会晤。", doc_id="a", source="x",
                      language="zh")
    b = make_document("外交部發言人表示，兩國領導人同意加強經濟合作，並將在明年初舉行下一次會晤。", doc_id="b", source="y",
                      language="zh")
    assert len(reuse_matches(make_corpus(a, b))) == 1


def test_unrelated_korean_sentences_on_one_topic_are_not_reuse():
    a = make_document("대통령은 13일 일본 총리와 정상회담을 하고 경제 협력 방안을 논의했다.", doc_id="a", source="x", language="ko")
    b = make_document("야당은 이번 회담이 과거사 문제를 외면했다며 정부를 강하게 비판했다.", doc_id="b", source="y", language="ko")
    assert reuse_matches(make_corpus(a, b)) == ()


@pytest.mark.parametrize("text,language,value", [
    ("지난해 4월 26일", "ko", "2025-04-26"), ("13~14일", "ko", "2026-01-13/2026-01-14"), ("지난달", "ko", "2025-12"),
    ("올해 6월", "ko", "2026-06"), ("1月13日", "ja", "2026-01-13"), ("13～14日", "ja", "2026-01-13/2026-01-14"),
    ("昨年", "ja", "2025"), ("先月", "ja", "2025-12"), ("平成23年3月11日", "ja", "2011-03-11"),
    ("上周", "zh", "2026-01-05/2026-01-11"), ("2026年1月", "zh", "2026-01"), ("２０２６年１月１３日", "ja", "2026-01-13"),
])
def test_cjk_dates_resolve_against_the_reference(text, language, value):
    mentions = cjk_date_mentions(text, language, reference=date(2026, 1, 15))
    assert [m.value for m in mentions] == [value]
    assert text[mentions[0].start:mentions[0].end] == mentions[0].text


def test_durations_are_not_dates():
    assert cjk_date_mentions("3일간 회의가 열렸다", "ko", reference=date(2026, 1, 15)) == ()
    assert cjk_date_mentions("3日間の日程", "ja", reference=date(2026, 1, 15)) == ()


@pytest.mark.parametrize("text,language,value,subject", [
    ("두 번째 정상회담", "ko", "2", "summit"), ("2回目の首脳会談", "ja", "2", "summit"),
    ("第二次会晤", "zh", "2", "summit"), ("제44대 대통령", "ko", "44", "president"),
])
def test_ordinals_count_the_same_subject_as_english(text, language, value, subject):
    parts = [p for p in cjk_claim_parts(text, language, reference=None) or [] if p[2] == "ordinal"]
    assert [(p[4], p[3]) for p in parts] == [(value, subject)]


@pytest.mark.parametrize("text,language,value", [
    ("180명이 숨졌다", "ko", "180"), ("3만5000명", "ko", "35000"), ("5億円", "ja", "¥500000000"),
    ("3万人", "ja", "30000"), ("136人死亡", "zh", "136"),
])
def test_counts_are_normalised(text, language, value):
    parts = [p for p in cjk_claim_parts(text, language, reference=None) or [] if p[2] == "number"]
    assert [p[4] for p in parts] == [value]


def test_a_japanese_and_an_english_article_disagree_in_one_table():
    ja = make_document("高市首相は13日、奈良で李在明大統領と首脳会談を行った。", doc_id="ja", source="NHK",
                       published=date(2026, 1, 15), language="ja")
    en = make_document("Takaichi and Lee held a summit in Nara on January 14.", doc_id="en", source="Reuters",
                       published=date(2026, 1, 15))
    corpus = make_corpus(ja, en)
    claims = [c for c in all_claims(corpus) if c.kind == "date"]
    assert {(c.doc_id, c.subject, c.value) for c in claims} == {("ja", "summit", "2026-01-13"),
                                                                 ("en", "summit", "2026-01-14")}
    assert any(d.status == "conflict" and d.subject == "summit" for d in disagreements(corpus, claims))


def test_english_text_is_not_read_by_cjk_rules():
    assert cjk_claim_parts("The summit on January 13 drew 180 people.", "en", reference=None) is None


def test_a_japanese_wikinews_style_article_is_not_page_chrome():
    text = ("アメリカ合衆国財務省は28日、新しい10ドル紙幣を発表した。YOMIURIONLINEによると式典があった。"
            "この紙幣は2006年のはじめから流通する。")
    corpus = make_corpus(make_document(text, language="ja"))
    assert all(p.is_article for p in corpus.passages)


CJK_FIXTURE = json.loads((__import__("pathlib").Path(__file__).parent / "fixtures" / "cjk_claims.json")
                         .read_text(encoding="utf-8"))


@pytest.mark.corpora
@pytest.mark.skipif(not (CORPORA / "wikinews_ko").is_dir(), reason="../shared/corpora is absent")
def test_annotated_cjk_dates_and_ordinals_reach_85_percent():
    import sys

    benchmarks = str(__import__("pathlib").Path(__file__).resolve().parents[1] / "benchmarks")
    sys.path.insert(0, benchmarks)
    try:
        import claims_cjk  # benchmarks/claims_cjk.py
    finally:
        # benchmarks/dashboard.py must not shadow the dashboard package (the module adds its folder too).
        while benchmarks in sys.path:
            sys.path.remove(benchmarks)

    claims_cjk.corpora_dir = lambda: CORPORA  # type: ignore[attr-defined]
    scores = claims_cjk.value_accuracy(CJK_FIXTURE["items"], claims_cjk.corpus_texts())
    for language in ("ko", "ja", "zh"):
        right, total = scores[language]
        assert right / total >= 0.85, language
    heldout = json.loads(claims_cjk.HELDOUT.read_text(encoding="utf-8"))["items"]
    scores = claims_cjk.heldout_accuracy(heldout, claims_cjk.corpus_texts())
    for language in ("ko", "ja", "zh"):
        right, total = scores[language]
        assert right / total >= 0.85, language


def test_korean_and_japanese_page_furniture_is_set_aside_with_its_reason():
    text = ("한일 정상회담 열려\n이재명 대통령은 13일 일본 나라에서 다카이치 사나에 총리와 정상회담을 했다.양국 정상은 셔틀 외교를 이어가기로 했다.\n"
            "[사진=연합뉴스]\n홍길동 기자 hong@yna.co.kr\n<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>")
    corpus = make_corpus(make_document(text, language="ko", title="한일 정상회담 열려"))
    reasons = {p.text: p.reason for p in corpus.passages if not p.is_article}
    assert reasons == {"[사진=연합뉴스]": "photo caption", "홍길동 기자 hong@yna.co.kr": "byline",
                       "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>": "copyright notice"}
    # A Korean sentence end glued to the next sentence still splits.
    assert "양국 정상은 셔틀 외교를 이어가기로 했다." in [p.text for p in corpus.passages]


def test_reporting_about_a_copyright_rule_stays_article_text():
    text = ("정부는 13일 무단 전재와 재배포 금지 조항을 어긴 언론사 세 곳에 과징금을 부과했다고 밝혔다. "
            "이번 조치는 지난해 개정된 저작권법에 따른 것이며 해당 언론사들은 이의를 제기할 수 있다.")
    corpus = make_corpus(make_document(text, language="ko"))
    assert all(p.is_article for p in corpus.passages)


def test_lexicon_forms_in_three_languages_count_for_one_term():
    from analysis.framing import default_lexicon, framing_hits

    corpus = make_corpus(
        make_document("양국 정상은 셔틀외교를 복원하고 실용주의 노선을 강조했다.", doc_id="k", source="a", language="ko"),
        make_document("両首脳はシャトル外交の再開で一致し、首相は「タカ派」との見方を否定した。", doc_id="j", source="b",
                      language="ja"),
        make_document("两国领导人同意恢复穿梭外交。鷹派人士表示務實很重要。", doc_id="z", source="c", language="zh"),
    )
    hits = framing_hits(corpus, default_lexicon())
    assert {(h.doc_id, h.term) for h in hits} >= {
        ("k", "shuttle diplomacy"), ("k", "pragmatism"), ("j", "shuttle diplomacy"), ("j", "hawk"),
        ("z", "shuttle diplomacy"), ("z", "hawk"), ("z", "pragmatism"),
    }
    for h in hits:
        assert corpus.document(h.doc_id).text[h.start:h.end] == h.match
    assert next(h for h in hits if h.doc_id == "j" and h.term == "hawk").voice == "quote"


def test_a_korean_form_is_not_found_inside_another_word():
    from analysis.framing import framing_hits, parse_lexicon

    lexicon = parse_lexicon('[diplomacy]\n"shuttle diplomacy" = { ko = ["외교"] }\n')
    corpus = make_corpus(make_document("외교부는 성명을 냈다. 외교는 중요하다.", language="ko"))
    assert [h.match for h in framing_hits(corpus, lexicon)] == ["외교"]


def test_per_language_forms_read_as_one_list_and_bad_language_keys_name_the_line():
    from analysis.framing import LexiconError, parse_lexicon

    lexicon = parse_lexicon('[hawkishness]\nhawk = { en = ["hawks"], ko = ["매파"], ja = "タカ派" }\n')
    assert lexicon.entry("hawk").variants == ("hawks", "매파", "タカ派")
    with pytest.raises(LexiconError, match="line 2"):
        parse_lexicon('[hawkishness]\nhawk = { Korean = ["매파"] }\n')


def test_distinctive_terms_read_korean_words_within_the_language():
    from analysis.framing import distinctive_terms

    docs = [make_document(f"정상은 셔틀 외교를 강조했다. 회담 {i}번째.", doc_id=f"a{i}", source="A", language="ko") for i in range(3)]
    docs += [make_document(f"야당은 과거사 문제를 비판했다. 논평 {i}번째.", doc_id=f"b{i}", source="B", language="ko")
             for i in range(3)]
    docs.append(make_document("The summit was held in Nara.", doc_id="e", source="E"))
    table = distinctive_terms(make_corpus(*docs), min_count=2, language="ko")
    assert set(table["outlet"]) == {"A", "B"}
    assert "셔틀 외교" in set(table[table["outlet"] == "A"]["term"])


def test_framing_rates_pool_each_languages_press_with_words_in_its_unit():
    from analysis.framing import default_lexicon, framing_hits, framing_rates

    corpus = make_corpus(
        make_document("양국 정상은 셔틀 외교를 이어가기로 했다.", doc_id="k1", source="연합뉴스", language="ko"),
        make_document("정상은 셔틀외교를 강조했다.", doc_id="k2", source="KBS", language="ko"),
        make_document("両首脳はシャトル外交の継続で一致した。", doc_id="j", source="NHK", language="ja"),
    )
    rates = framing_rates(corpus, framing_hits(corpus, default_lexicon()), by_language=True)
    shuttle = rates[rates["term"] == "shuttle diplomacy"].set_index("outlet")
    assert set(shuttle.index) == {"Korean press", "Japanese press"}
    assert shuttle.loc["Korean press", "count"] == 2
    assert shuttle.loc["Korean press", "words"] == count_words("양국 정상은 셔틀 외교를 이어가기로 했다.", "ko") + count_words(
        "정상은 셔틀외교를 강조했다.", "ko")


@pytest.mark.parametrize("text,language", [
    ("นายกรัฐมนตรีญี่ปุ่นพบประธานาธิบดีเกาหลีใต้ที่เมืองนาราเมื่อวันที่ 13 มกราคม", ""),
    ("प्रधानमंत्री ने 13 जनवरी को नारा में राष्ट्रपति से मुलाकात की।", ""),
    ("Seoul (연합뉴스) — 이재명 대통령은 13日 奈良で 高市 총리와 met for 정상회담. 第二次会晤。", ""),
    ("高市首相は１３日、奈良で　李在明大統領と会談した。", "ja"),
    ("李在明 大統領은 韓日 首腦會談을 했다.", "ko"),
    ("兩國領導人於13日舉行第二次會晤。", "zh"),
])
def test_awkward_text_runs_through_every_analysis_without_an_error(text, language):
    from analysis.framing import default_lexicon, framing_hits, framing_rates

    docs = [make_document(text, doc_id="a", source="x", language=language),
            make_document(text + " " + text, doc_id="b", source="y", language=language)]
    corpus = make_corpus(*docs)
    assert any(p.is_article for p in corpus.passages)
    assert count_words(text, corpus.document("a").language) > 0
    reuse_matches(corpus)
    all_claims(corpus)
    framing_rates(corpus, framing_hits(corpus, default_lexicon()))


def test_a_thai_document_carries_a_note_in_its_meta_line():
    from dashboard.tables import meta_line

    corpus = make_corpus(make_document("นายกรัฐมนตรีญี่ปุ่นพบประธานาธิบดีเกาหลีใต้", language=""))
    assert corpus.document("d1").language == "th"
    assert "characters" in meta_line(corpus.document("d1"))


def _spans(text: str, language: str, kind: str, reference: date | None = date(2026, 1, 15)) -> list[tuple[str, str]]:
    parts = cjk_claim_parts(text, language, reference=reference) or []
    return [(text[p[0]:p[1]], p[4]) for p in parts if p[2] == kind]


@pytest.mark.parametrize("text,spans", [
    ("지난달 23일 열렸다", [("지난달 23일", "2025-12-23")]),
    ("이달 21-24일 조사했다", [("이달 21-24일", "2026-01-21/2026-01-24")]),
    ("11월 말 방송됐다", [("11월 말", "2025-11")]),
    ("1980년대 초반 지어졌다", [("1980년대 초반", "1980/1989")]),
    ("7월 9일부터 8월 23일까지 열린다", [("7월 9일", "2025-07-09"), ("8월 23일", "2025-08-23")]),
    ("12~14일까지 점검한다", [("12~14일", "2026-01-12/2026-01-14")]),
    ("2018 평창 동계올림픽", [("2018", "2018")]),
    ("징역 2년6월을 선고했다", []),
    ("미디어오늘은 보도했다", []),
])
def test_korean_date_extents_are_the_expression_an_annotator_marks(text, spans):
    assert _spans(text, "ko", "date") == spans


@pytest.mark.parametrize("text,spans", [
    ("자산 1천912억원을 기록했다", [("1천912억원", "₩191200000000")]),
    ("예금 2천만원이 빠져나갔다", [("2천만원", "₩20000000")]),
    ("한국은 1세트부터 졌다", [("1세트", "1")]),
    ("20∼30명이 모였다", [("20∼30명", "20–30")]),
    ("4-3 승리를 거뒀다", [("4-3", "4-3")]),
    ("시즌 전적 24승 23패로", [("24승 23패", "24승 23패")]),
    ("아내와 두 딸을 두었다", [("두 딸", "2")]),
    ("있는 한 도로를 걷다가", []),
    ("22세기에서 펼쳐진다", []),
])
def test_korean_quantity_extents_end_where_the_counter_ends(text, spans):
    assert _spans(text, "ko", "number") == spans


def test_an_ordinal_extent_is_the_ordinal_and_its_noun_the_subject():
    parts = [p for p in cjk_claim_parts("두 번째 정상회담을 열었다", "ko", reference=None) or [] if p[2] == "ordinal"]
    assert [("두 번째 정상회담을 열었다"[p[0]:p[1]], p[3]) for p in parts] == [("두 번째", "summit")]


@pytest.mark.parametrize("text,language,reference,values", [
    ("조문은 27일까지이다.", "ko", date(2011, 12, 19), ["2011-12-27"]),  # nearer this month than last
    ("지난 4월 사건의 희생자", "ko", date(2011, 4, 7), ["2010-04"]),  # this April would be 이달
    ("2014년에는 제도가 도입됐다. 올해는 10월 10일이 휴일이다.", "ko", date(2016, 10, 9),
     ["2014", "2016", "2016-10-10"]),
    ("高山滑雪可以追溯到 17 世纪，1861年，挪威人开设了俱乐部。", "zh", date(2011, 6, 15), ["1601/1700", "1861"]),
    ("它的声誉始于公元 400 年左右。", "zh", date(2011, 6, 15), ["0400"]),
    ("同馬は1990年にデビュー。同年の菊花賞で優勝。", "ja", date(2006, 4, 3), ["1990", "1990"]),
    ("この制度は2005、2006年に行う。", "ja", date(2005, 7, 19), ["2005", "2006"]),
])
def test_cjk_date_values_follow_the_text(text, language, reference, values):
    assert [value for _, value in _spans(text, language, "date", reference)] == values


def test_a_chinese_number_with_hao_is_an_ordinal_unless_a_month_makes_it_a_day():
    assert _spans("他们战胜了 5 号种子赞比亚队。", "zh", "ordinal") == [("5 号", "5")]
    assert _spans("他们战胜了 5 号种子赞比亚队。", "zh", "date") == []
    assert _spans("会议于 8 月 5 号举行。", "zh", "date") == [("8 月 5 号", "2025-08-05")]


_DATE_ALPHABET = "0123456789 年月日号號間から~〜至到世纪明治平成元一二三四五六七八九十〇零公元大会談を、。"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_DATE_ALPHABET, max_size=30))
def test_japanese_and_chinese_date_patterns_find_what_they_found_with_their_empty_matches(text):
    # The guard against empty matches changes no match: the search goes on from the same place.
    import re

    from analysis.claims import cjk

    for pattern, guard in ((cjk._JA, cjk._any_of("y0", "era", "y", "m", "d", "d3")),
                           (cjk._ZH, cjk._any_of("y0", "y", "m", "d", "d3"))):
        unguarded = re.compile(pattern.pattern.replace(guard, ""))
        assert unguarded.pattern != pattern.pattern
        found = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert all(a < b for (a, b), _ in found)
        assert found == [(m.span(), m.groupdict()) for m in unguarded.finditer(text) if m.end() > m.start()]


def _language_counting_every_character(text: str, hint: str) -> str:
    """Return what text_language answered when it counted each script over the whole text (the oracle)."""
    from analysis.text import languages as lg

    hint = lg.base_language(hint)
    hangul, kana, han = (len(p.findall(text)) for p in (lg._HANGUL, lg._KANA, lg._HAN))
    cjk, latin = hangul + kana + han, len(lg._LATIN.findall(text))
    if cjk and cjk >= latin / 4:
        return "ko" if hangul and hangul >= kana else "ja" if kana else (hint if hint in ("ja", "ko") else "zh")
    for language, pattern in (*lg._UNSPACED.items(), *lg._MARKED.items()):
        if (n := len(pattern.findall(text))) and n >= latin:
            return language
    if latin:
        return lg.guess_language(text) or (hint if hint and hint not in lg.CJK_LANGUAGES and hint not in lg._UNSPACED else "")
    return lg.guess_language(text) if lg._OTHER_LETTERS.search(text) else ""


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["the ", "and ", "of ", "Nara ", "회담 ", "会談を", "会談 ", "カメラ", "韓國", "AI", "สวัสดี ", "नमस्ते ", "Café ", "le ", "et ",
                              "der ", "12 ", "“", "— ", ".", "\n"]), max_size=30).map("".join),
    st.sampled_from(["", "en", "ko", "ja", "zh", "fr", "th"]),
)
def test_a_language_counted_outside_ascii_is_the_one_counted_everywhere(text, hint):
    from analysis.text.languages import _text_language

    assert _text_language(text, hint) == _language_counting_every_character(text, hint)


def test_every_japanese_and_chinese_date_holds_a_letter_the_date_search_asks_for_first():
    import re

    from analysis.claims import cjk

    for lang, worded in (("ja", cjk._JA_WORDS), ("zh", cjk._ZH_WORDS)):
        letters = cjk._DATE_LETTERS[lang]
        alternatives = re.search(r"\(\?P<w>(.*?)\)", worded.pattern).group(1).split("|")  # type: ignore[union-attr]
        assert alternatives and all(letters.search(w) for w in alternatives)
        # A numeric date holds a unit (``_DATE_UNIT``), or is a year before 年 or a century (世紀).
        assert all(letters.search(u) for u in [*cjk._DATE_UNIT.pattern[1:-1], "年", "世"])
    assert cjk_date_mentions("先週と2026年1月13日、それに17世紀", "ja", reference=date(2026, 1, 20))
    assert cjk_date_mentions("首相は会談を行った。", "ja", reference=date(2026, 1, 20)) == ()
