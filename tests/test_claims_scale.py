"""Claims of undated documents (issue 10): each passage is scanned by the date rules once, whatever
the reference turns out to be, and the claims are those resolved against ``reference_dates``."""

from __future__ import annotations

from datetime import date

from analysis.claims import dates
from analysis.claims.extraction import _document_claims, all_claims, reference_dates
from analysis.ingest.pipeline import corpus_from_documents
from tests.factories import make_document


def _corpus():
    return corpus_from_documents([
        make_document("The summit opened on January 13, 2026 in Nara.\n\nTalks ended the next day, and by that "
                      "time the deal was ready.", doc_id="own", source="Wire", story="s1"),
        make_document("Leaders met on Monday. The summit ended yesterday.", doc_id="story", source="Daily",
                      story="s1"),
        make_document("The summit opened on Tuesday.", doc_id="dated", source="Post", story="s2",
                      published=date(2026, 1, 14)),
        make_document("The talks ended last week, three days later than planned.", doc_id="none", source="Times",
                      story="s3"),
    ])


def test_claims_are_resolved_against_the_reference_dates_of_their_documents():
    corpus = _corpus()
    refs = reference_dates(corpus)
    assert {d: r.label.split(":")[0] for d, r in refs.items()} == {
        "own": "inferred", "story": "inferred", "dated": "published", "none": "none"
    }
    expected = tuple(c for doc in corpus.documents for c in _document_claims(corpus, doc, refs[doc.doc_id]))
    assert all_claims(corpus) == expected
    assert [c.doc_id for c in all_claims(corpus)] == sorted(
        (c.doc_id for c in expected), key=[d.doc_id for d in corpus.documents].index
    )


def test_an_undated_passage_is_scanned_by_the_date_rules_once():
    corpus = corpus_from_documents([make_document(
        "On June 10, 2025 talks began and by that time the deal was ready. " * 50, doc_id="undated"
    )])
    dates._rule_matches.cache_clear()
    claims = all_claims(corpus)
    info = dates._rule_matches.cache_info()
    assert claims and info.misses >= 1
    assert info.hits >= info.misses  # read once to infer the reference, then again from the cache
