"""Laws of the corpus model that hold for any input text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import make_corpus, make_document

LINES = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80),
        st.sampled_from(
            [
                "Related Articles", "This content is AI-generated based on source articles.", "2 min readSource",
                "We use cookies to improve your site experience.", "مقالات ذات صلة", "Dr. Smith met No. 10 staff.",
                "“Quoted,” he said. Then he left!", "The U.S. Senate voted on Jan. 5. It passed.", "",
            ]
        ),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_passages_slice_the_text_and_cover_every_visible_character(lines):
    text = "\n".join(lines)
    corpus = make_corpus(make_document(text, title=lines[0].strip()))
    owner = [0] * len(corpus.documents[0].text)
    doc_text = corpus.documents[0].text
    for p in corpus.passages:
        assert doc_text[p.start : p.end] == p.text
        assert p.text == p.text.strip() and p.text
        assert (p.reason != "") == (not p.is_article)
        for i in range(p.start, p.end):
            owner[i] += 1
    assert all(n <= 1 for n in owner)
    assert "".join(ch for ch, n in zip(doc_text, owner) if n == 0).strip() == ""


@settings(max_examples=40, deadline=None)
@given(st.lists(LINES, min_size=2, max_size=5), st.randoms())
def test_reordering_documents_changes_no_role(docs, rnd):
    documents = [make_document("\n".join(lines), doc_id=f"d{n}", source=f"o{n % 2}") for n, lines in enumerate(docs)]
    shuffled = documents[:]
    rnd.shuffle(shuffled)
    key = lambda c: sorted((p.passage_id, p.role, p.reason, p.start, p.end) for p in c.passages)
    assert key(make_corpus(*documents)) == key(make_corpus(*shuffled))


def test_a_replaced_corpus_does_not_share_its_index_with_the_original():
    from dataclasses import replace

    corpus = make_corpus("Title one here\nFirst text. Second text.", "Title two here\nOther text.")
    first = corpus.documents[0].doc_id
    before = corpus.passages_of(first)
    smaller = replace(corpus, passages=corpus.passages[:1])
    assert corpus.passages_of(first) == before
    assert smaller.passages_of(first) == corpus.passages[:1]


def test_a_corpus_survives_pickling_with_its_index():
    import pickle

    corpus = make_corpus("Title one here\nFirst text. Second text.")
    again = pickle.loads(pickle.dumps(corpus))
    assert again == corpus
    assert again.passages_of("d1") == corpus.passages_of("d1")
