"""Laws of reuse detection, checked on small random corpora with planted, edited copies."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest.pipeline import corpus_from_documents
from analysis.reuse import matches_above, reuse_matches
from analysis.text.records import Corpus
from tests.factories import make_document

SENTENCES = (
    "The harbour authority said the new cranes would arrive before the end of the summer.",
    "Union leaders warned that the pay offer was far below the rate of inflation this year.",
    "Residents of the old quarter complained about noise from the night market for months.",
    "The minister told reporters that talks with the neighbouring state were going well.",
    "Scientists at the coastal station recorded the warmest water temperatures on record.",
    "Local farmers said the late rains had ruined most of the wheat in the eastern fields.",
    "The court postponed the hearing after the defence asked for more time to review evidence.",
    "Ticket sales for the festival doubled compared with last year, the organisers said.",
)
FILLER = ("river", "council", "morning", "budget", "quietly", "several", "their", "newly")

edit = st.tuples(st.integers(0, 30), st.sampled_from(FILLER), st.sampled_from(("sub", "del", "ins")))


@st.composite
def sentences(draw) -> str:
    words = draw(st.sampled_from(SENTENCES)).rstrip(".").split()
    for pos, word, op in draw(st.lists(edit, max_size=4)):
        pos %= len(words)
        if op == "sub":
            words[pos] = word
        elif op == "del" and len(words) > 4:
            del words[pos]
        else:
            words.insert(pos, word)
    return " ".join(words) + "."


@st.composite
def corpora(draw) -> Corpus:
    n_docs = draw(st.integers(2, 4))
    docs = []
    for k in range(n_docs):
        paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=3),
                                   min_size=1, max_size=3))
        text = "\n\n".join(" ".join(p) for p in paragraphs)
        outlet = draw(st.sampled_from(("North Post", "South Herald", "")))
        published = draw(st.none() | st.dates(date(2026, 1, 1), date(2026, 1, 3)))
        docs.append(make_document(text, doc_id=f"d{k}", source=outlet, published=published))
    return corpus_from_documents(docs)


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(corpora())
def test_spans_always_slice_to_text_inside_their_passages(corpus):
    passages = {p.passage_id: p for p in corpus.passages}
    for m in reuse_matches(corpus, min_score=0):
        pa, pb = passages[m.a], passages[m.b]
        assert pa.is_article and pb.is_article
        for a0, a1, b0, b1 in m.spans:
            assert pa.start <= a0 < a1 <= pa.end
            assert pb.start <= b0 < b1 <= pb.end
            assert corpus.document(m.doc_a).text[a0:a1] == pa.text[a0 - pa.start : a1 - pa.start]
        assert 0 < m.coverage_a <= 1 and 0 < m.coverage_b <= 1
        assert 0 < m.score <= 100


@PROPERTY
@given(corpora(), st.floats(0, 100), st.floats(0, 100))
def test_raising_the_threshold_never_adds_matches(corpus, t1, t2):
    low, high = sorted((t1, t2))
    assert set(reuse_matches(corpus, min_score=high)) <= set(reuse_matches(corpus, min_score=low))
    everything = reuse_matches(corpus, min_score=0)
    assert matches_above(everything, high) == reuse_matches(corpus, min_score=high)


@PROPERTY
@given(corpora())
def test_a_document_never_matches_itself_across_outlets(corpus):
    for m in reuse_matches(corpus, min_score=0):
        assert m.a != m.b
        assert m.same_document == (m.doc_a == m.doc_b)
        if m.same_document:
            assert corpus.document(m.doc_a).outlet == corpus.document(m.doc_b).outlet


@PROPERTY
@given(corpora(), st.randoms(use_true_random=False))
def test_reordering_documents_changes_nothing(corpus, rnd):
    docs = list(corpus.documents)
    rnd.shuffle(docs)
    shuffled = corpus_from_documents(docs)
    assert reuse_matches(shuffled, min_score=0) == reuse_matches(corpus, min_score=0)


# Words with the shapes the scan tells apart: abbreviations, decimals, possessives, compounds.
_WORD_SHAPES = st.sampled_from(
    ["U.S.", "U.S", "N.A.A.C.P.", "3.5", "3.", "x-ray", "-", "Lee's", "Lee’s", "it's", "'s", "’", "a", "_x", "9",
     "Ab.", "e.g.", "rock'n'roll", "’em", "–", "—", "…", "“", "”", ".", " ", "\n", "\x1e", "Zürich", "é.é", "会談"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORD_SHAPES, max_size=30).map("".join))
def test_the_ascii_scan_reads_the_words_the_unicode_scan_reads(text):
    import re

    from analysis.reuse.index import _ASCII_SCAN, _SCAN, _WORDS, TOKEN
    from analysis.text.scripts import ascii_words

    if ascii_words(text):
        assert _ASCII_SCAN.findall(text) == _SCAN.findall(text)
    assert [m.span() for m in TOKEN.finditer(text)] == [m.span() for m in re.finditer(_WORDS, text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Talks", "talks", "talking", "U.S.", "3.5", "Lee's", "Lee’s", "lee", "goes", "sings", "es",
                                 "Seoul", "seoul", "2026", "²", "Ünited", "会談", "回", "'s", ""]), unique=True))
def test_a_fresh_vocabulary_reads_distinct_forms_in_bulk_as_it_reads_them_one_by_one(forms):
    import numpy as np

    from analysis.reuse.index import Vocabulary

    bulk, single = Vocabulary(), Vocabulary()
    ids = bulk.ids(forms)
    one_by_one = single.ids([*forms, *forms[:1]])[: len(forms)]  # a repeated form: read one by one
    assert np.array_equal(ids, one_by_one)
    assert np.array_equal(bulk.keys_of(ids), single.keys_of(one_by_one))
    assert (bulk._forms, bulk._key_ids, bulk._cap, bulk._digit) == (single._forms, single._key_ids, single._cap, single._digit)
    assert list(bulk._key_ids) == list(single._key_ids)
