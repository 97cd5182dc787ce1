"""Framing hits: matching, voice, negation, article-only counting, rates and KWIC lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.framing import (
    EXPORT_COLUMNS,
    FRAME_RATE_COLUMNS,
    KWIC_COLUMNS,
    RATE_COLUMNS,
    frame_rates,
    framing_hits,
    framing_rates,
    framing_rows,
    kwic_table,
)
from analysis.framing.lexicon import default_lexicon, parse_lexicon
from analysis.ingest.pipeline import build_corpus, corpus_from_documents
from analysis.text.quotes import quote_spans
from analysis.text.records import Corpus, Document, Passage
from tests.factories import make_corpus, make_document

LEXICON = parse_lexicon(
    """
[pragmatism]
pragmatism = ["pragmatic", "pragmatically"]
"practical cooperation" = []

[hawkishness]
hawk = ["hawks", "hawkish"]
hardline = ["hard-line", "hardliners"]

[diplomacy]
"shuttle diplomacy" = []
"future-oriented" = []
"reset ties" = ["resetting ties"]

[history]
"squarely facing history" = ["face history squarely"]
"colonial rule" = ["colonial*"]
"""
)


def hits_of(*texts: str):
    corpus = make_corpus(*texts)
    return corpus, framing_hits(corpus, LEXICON)


def only_hit(text: str):
    _, hits = hits_of(text)
    assert len(hits) == 1, hits
    return hits[0]


# --- matching -----------------------------------------------------------------------------


def test_variants_count_for_their_canonical_term_case_insensitively():
    _, hits = hits_of("Pragmatism won. A pragmatic leader acted PRAGMATICALLY with hawks nearby.")
    assert [(h.term, h.match) for h in hits] == [
        ("pragmatism", "Pragmatism"),
        ("pragmatism", "pragmatic"),
        ("pragmatism", "PRAGMATICALLY"),
        ("hawk", "hawks"),
    ]


def test_matching_respects_word_boundaries():
    _, hits = hits_of("The Mohawk pragmatists and hawkeyed unpragmatic tomahawks met.")
    assert hits == ()


@pytest.mark.parametrize(
    "text",
    ["The hawk-eyed referee saw it.", "A pro-hawk faction spoke.", "Hawk‑like, he circled."],
)
def test_a_term_joined_by_a_hyphen_to_another_word_is_not_a_hit(text):
    assert hits_of(text)[1] == ()


@pytest.mark.parametrize("text", ["It was a non-pragmatic choice.", "An Un-pragmatic choice."])
def test_a_negating_prefix_makes_a_negated_hit_of_the_term_alone(text):
    hit = only_hit(text)
    assert (hit.term, hit.match, hit.negated) == ("pragmatism", "pragmatic", True)


def test_a_compound_listed_as_a_form_still_matches_whole():
    hit = only_hit("They took a hard-line stance.")
    assert (hit.term, hit.match) == ("hardline", "hard-line")


def test_a_phrase_matches_with_a_hyphen_a_space_or_a_line_break_between_its_words():
    _, hits = hits_of(
        "They want future-oriented ties, a future oriented reset, "
        "a Future -\n Oriented plan and a future\noriented promise."
    )
    assert [h.match for h in hits] == [
        "future-oriented", "future oriented", "Future -\n Oriented", "future\noriented",
    ]


def test_a_phrase_broken_across_two_lines_of_the_file_still_matches():
    corpus, hits = hits_of("Leaders meet in Nara\nThe summit built on shuttle\ndiplomacy again.")
    assert [h.match for h in hits] == ["shuttle\ndiplomacy"]
    hit = hits[0]
    assert corpus.document("d1").text[hit.start : hit.end] == "shuttle\ndiplomacy"
    assert corpus.document("d1").text[hit.sentence_start : hit.sentence_end] == (
        "The summit built on shuttle\ndiplomacy again."
    )


def test_a_hyphenated_variant_also_matches_the_spaced_form_and_a_star_matches_inflections():
    _, hits = hits_of("A hard line emerged. Hard-line voices and hardliners spoke of colonialism.")
    assert [(h.term, h.match) for h in hits] == [
        ("hardline", "hard line"),
        ("hardline", "Hard-line"),
        ("hardline", "hardliners"),
        ("colonial rule", "colonialism"),
    ]


def test_the_longest_form_of_a_term_wins_where_two_start_together():
    hit = only_hit("They spoke of resetting ties at once.")
    assert hit.match == "resetting ties"


def test_every_hit_slices_exactly_to_its_match_and_lies_inside_its_sentence():
    corpus, hits = hits_of(
        "Pragmatism over history\nLee, a pragmatic leader, sought practical cooperation. "
        "He said “we face history squarely” while rejecting hawkish calls."
    )
    assert len(hits) == 5
    for h in hits:
        text = corpus.document(h.doc_id).text
        assert text[h.start : h.end] == h.match
        assert h.sentence_start <= h.start < h.end <= h.sentence_end


# --- article text only ----------------------------------------------------------------------


def test_hits_in_a_related_articles_block_do_not_count():
    corpus, hits = hits_of(
        "Leaders meet in Nara\nThe talks were pragmatic and friendly for both sides today.\n"
        "Related Articles\n"
        "Lee and Aso reinforce shuttle diplomacy in Seoul after the summit in Nara\n"
        "Hawks in Tokyo push for a hard-line stance on the disputed islands"
    )
    assert {p.role for p in corpus.passages} >= {"related"}
    assert [h.term for h in hits] == ["pragmatism"]


def test_only_title_and_body_passages_are_searched_whatever_the_roles_say():
    text = "Pragmatic title. Hawkish boilerplate. Shuttle diplomacy related."
    doc = make_document(text)
    passages = (
        Passage("d1:0", "d1", "title", 0, 16, "Pragmatic title."),
        Passage("d1:1", "d1", "boilerplate", 17, 37, "Hawkish boilerplate."),
        Passage("d1:2", "d1", "related", 38, 64, "Shuttle diplomacy related."),
    )
    hits = framing_hits(Corpus((doc,), passages), LEXICON)
    assert [(h.passage_id, h.match) for h in hits] == [("d1:0", "Pragmatic")]


# --- voice ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Lee said "we are pragmatic in all things" to reporters.',
        "Lee said “we are pragmatic in all things” to reporters.",
        "Lee said 'we are pragmatic in all things' to reporters.",
        "Lee said ‘we are pragmatic in all things’ to reporters.",
        "Lee said «we are pragmatic in all things» to reporters.",
    ],
)
def test_a_hit_inside_straight_or_curly_single_or_double_quotes_is_in_the_quote_voice(text):
    assert only_hit(text).voice == "quote"


def test_a_hit_outside_quotes_is_narration_even_after_apostrophes():
    hit = only_hit("Lee’s aides and the leaders’ staff don't doubt Takaichi's pragmatic turn.")
    assert hit.voice == "narration"


def test_a_quotation_may_span_sentences_within_a_paragraph():
    corpus, hits = hits_of(
        "“We met in Nara. Our approach is pragmatic. We will continue,” Lee’s office said. "
        "Takaichi was called hawkish."
    )
    assert [(h.match, h.voice) for h in hits] == [("pragmatic", "quote"), ("hawkish", "narration")]
    assert len({p.passage_id for p in corpus.passages}) >= 3


def test_an_apostrophe_inside_a_quotation_does_not_end_it():
    hit = only_hit("‘Lee’s team wants Tokyo’s leaders to stay pragmatic,’ an aide said.")
    assert hit.voice == "quote"


def test_a_hit_after_quoted_words_inside_a_longer_quotation_is_in_the_quote_voice():
    # Two closed single quotations before the hit once hid the double one enclosing it.
    hit = only_hit("“Lee calls it ‘reset’ and ‘renewal’, but it is pragmatic,” an aide said.")
    assert hit.voice == "quote"


def test_a_quotation_does_not_run_into_the_next_paragraph():
    _, hits = hits_of(
        'Lee said: "we meet as partners.\nThe hawkish line in Tokyo worried observers here.'
    )
    assert [(h.match, h.voice) for h in hits] == [("hawkish", "narration")]


def test_quote_spans_mark_each_quotation_with_its_marks():
    text = "He said “yes” and 'no' and \"maybe\", not the leaders' or Lee’s."
    spans = quote_spans(text)
    assert [text[a:b] for a, b in spans] == ["“yes”", "'no'", '"maybe"']


# --- negation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Takaichi is not a hawk on trade.",
        "Takaichi is no hawk on trade.",
        "Takaichi has never been hawkish on trade.",
        "Takaichi isn't seen as a hawk on trade.",
        "Takaichi isn’t hawkish on trade.",
        "Takaichi is far from hawkish on trade.",
    ],
)
def test_a_negated_hit_is_flagged(text):
    assert only_hit(text).negated is True


@pytest.mark.parametrize(
    "text",
    [
        "Takaichi is a hawk on trade.",
        "Takaichi is not only a hawk but a realist.",
        "Takaichi did not stop, a hawk to the end.",
        "No one doubted it: Takaichi is a hawk on trade.",
        "There is no doubt Takaichi is a hawk on trade.",
        "Aides asked whether or not hawks in Tokyo would object.",
    ],
)
def test_a_hit_without_a_negation_in_its_clause_is_not_flagged(text):
    assert only_hit(text).negated is False


def test_a_negation_is_found_before_a_hit_deep_inside_a_very_long_sentence():
    filler = "and the delegations discussed many matters at length " * 2000
    corpus, hits = hits_of(f"Talks went on {filler}but Takaichi is not a hawk {filler}and hawks objected")
    assert [(h.match, h.negated) for h in hits] == [("hawk", True), ("hawks", False)]


# --- tables -----------------------------------------------------------------------------------


def test_rates_have_one_row_per_outlet_and_lexicon_term_with_zeros_included():
    corpus = make_corpus(
        make_document("Pragmatic talks were held in Nara by two leaders today.", doc_id="a", source="Fox"),
        make_document("Hawkish talks and pragmatic hopes were on show in Nara today.", doc_id="b", source="NYT"),
        make_document("Shuttle diplomacy continued, said “pragmatic” aides.", doc_id="c", source="NYT"),
    )
    hits = framing_hits(corpus, LEXICON)
    rates = framing_rates(corpus, hits, lexicon=LEXICON)
    assert tuple(rates.columns) == RATE_COLUMNS
    assert len(rates) == 2 * len(LEXICON.entries)
    nyt = rates[(rates.outlet == "NYT") & (rates.term == "pragmatism")].iloc[0]
    assert (nyt["count"], nyt["narration"], nyt["quote"]) == (2, 1, 1)
    assert nyt["words"] == 11 + 6
    assert nyt["rate"] == pytest.approx(2 * 1000 / 17)
    fox_hawk = rates[(rates.outlet == "Fox") & (rates.term == "hawk")].iloc[0]
    assert (fox_hawk["count"], fox_hawk["rate"]) == (0, 0.0)
    frames = frame_rates(corpus, hits, lexicon=LEXICON)
    assert tuple(frames.columns) == FRAME_RATE_COLUMNS
    assert len(frames) == 2 * len(LEXICON.frames)
    assert frames.set_index(["outlet", "frame"]).loc[("NYT", "pragmatism"), "count"] == 2


def test_tables_keep_their_columns_when_there_are_no_hits():
    corpus = make_corpus("Nothing of note happened in Nara today at all.")
    hits = framing_hits(corpus, LEXICON)
    assert hits == ()
    assert tuple(framing_rates(corpus, hits).columns) == RATE_COLUMNS
    assert framing_rates(corpus, hits).empty
    assert tuple(frame_rates(corpus, hits).columns) == FRAME_RATE_COLUMNS
    kwic = kwic_table(corpus, hits)
    assert kwic.empty and tuple(kwic.columns) == KWIC_COLUMNS
    assert framing_rows(hits) == []
    empty = Corpus((), ())
    assert framing_rates(empty, (), lexicon=LEXICON).empty


def test_a_kwic_line_shows_the_context_on_one_line_and_the_exact_sentence():
    corpus, hits = hits_of(
        "Leaders meet in Nara\nAfter long talks,\nthe two leaders chose a pragmatic path forward for ties."
    )
    kwic = kwic_table(corpus, hits, width=20)
    row = kwic.iloc[0]
    assert row["match"] == "pragmatic"
    assert row["left"] == "two leaders chose a "
    assert row["right"] == " path forward for ti"
    assert row["sentence"] == "the two leaders chose a pragmatic path forward for ties."
    assert row["outlet"] == "o1" and row["voice"] == "narration" and not row["negated"]


def test_kwic_context_never_reaches_into_a_related_block():
    corpus, hits = hits_of(
        "Leaders meet in Nara\nThe talks ended on a pragmatic note.\nRelated Articles\n"
        "Elsewhere, leaders debated Gaza governance plans at a summit in Cairo."
    )
    row = kwic_table(corpus, hits, width=200).iloc[0]
    assert "Related" not in row["right"] and row["right"] == " note."


def test_export_rows_carry_the_documented_columns():
    corpus, hits = hits_of("Lee said “we are pragmatic” and is not a hawk.")
    rows = framing_rows(framing_hits(corpus, LEXICON))
    assert [tuple(r) for r in rows] == [EXPORT_COLUMNS] * 2
    assert [(r["term"], r["voice"], r["negated"]) for r in rows] == [
        ("pragmatism", "quote", False),
        ("hawk", "narration", True),
    ]
    assert rows[0]["start"] == hits[0].start and rows[0]["passage_id"] == hits[0].passage_id


# --- laws -------------------------------------------------------------------------------------

_VOCAB = [
    "pragmatic", "Hawkish", "shuttle", "diplomacy", "future-oriented", "not", "Lee’s", "'", "“",
    "”", '"', "said", "the", "talks", ".", ",", "\n", "colonial", "rule", "hard-line",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=40))
def test_offsets_always_slice_to_the_reported_match(words):
    text = "Summit in Nara\n" + " ".join(words)
    corpus = make_corpus(text)
    for h in framing_hits(corpus, LEXICON):
        assert corpus.document(h.doc_id).text[h.start : h.end] == h.match
        assert h.voice in ("narration", "quote")


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(3)))
def test_reordering_documents_changes_no_count(order):
    docs = [
        make_document("Pragmatic talks in Nara went well for both leaders.", doc_id="a", source="Fox"),
        make_document("Hawkish voices and shuttle diplomacy dominated in Nara.", doc_id="b", source="NYT"),
        make_document("A “pragmatic” hawk met a hard-line rival in Nara.", doc_id="c", source="Fox"),
    ]
    base = make_corpus(*docs)
    shuffled = make_corpus(*(docs[i] for i in order))
    a = framing_rates(base, framing_hits(base, LEXICON), lexicon=LEXICON)
    b = framing_rates(shuffled, framing_hits(shuffled, LEXICON), lexicon=LEXICON)
    assert a.equals(b)


# --- the seeds, read by hand ------------------------------------------------------------------

# Counted by reading the article text (title, standfirst, body) of each seed, leaving out the
# related-article summaries and disclaimers:
# pragmatism: 000 title "Balancing History and Pragmatism" + "This pragmatism comes as";
#   001 title "Pragmatism Over Past Grievances"; 003 "in a pragmatic manner".
# hawk: 002 "a security hawk"; 003 "taken hawkish stance", "Takaichi’s hawkish stance".
# shuttle diplomacy: 000 only in a related summary (zero); 002 twice in the article ("the first
#   shuttle diplomacy", "first instance of shuttle diplomacy"), three more times in related
#   summaries; 003 once in Lee's quoted words and once in narration; 004 once in the standfirst
#   and once in scare quotes ('shuttle diplomacy.').
SEED_COUNTS = {
    "pragmatism": {"000": 2, "001": 1, "002": 0, "003": 1, "004": 0},
    "hawk": {"000": 0, "001": 0, "002": 1, "003": 2, "004": 0},
    "shuttle diplomacy": {"000": 0, "001": 0, "002": 2, "003": 2, "004": 2},
}
SEED_QUOTED = {"shuttle diplomacy": {"003": 1, "004": 1}}


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return build_corpus()


def test_seed_counts_for_pragmatism_hawk_and_shuttle_diplomacy_match_a_human_reading(seeds):
    hits = framing_hits(seeds, default_lexicon())
    for term, expected in SEED_COUNTS.items():
        counted = {d.doc_id[:3]: 0 for d in seeds.documents}
        quoted = {d.doc_id[:3]: 0 for d in seeds.documents}
        for h in hits:
            if h.term == term:
                counted[h.doc_id[:3]] += 1
                quoted[h.doc_id[:3]] += h.voice == "quote"
        assert counted == expected, term
        assert {k: v for k, v in quoted.items() if v} == SEED_QUOTED.get(term, {}), term
    assert not any(h.negated for h in hits if h.term in SEED_COUNTS)


def test_seed_hits_slice_exactly_to_their_matches(seeds):
    hits = framing_hits(seeds, default_lexicon())
    assert hits
    for h in hits:
        doc: Document = seeds.document(h.doc_id)
        assert doc.text[h.start : h.end] == h.match
        passage = next(p for p in seeds.passages_of(h.doc_id) if p.passage_id == h.passage_id)
        assert passage.is_article and passage.start <= h.start < passage.end


def test_seed_shuttle_diplomacy_in_the_related_summary_of_000_counts_zero(seeds):
    doc = seeds.document(next(d.doc_id for d in seeds.documents if d.doc_id.startswith("000")))
    assert "shuttle diplomacy" in doc.text
    hits = framing_hits(seeds, default_lexicon())
    assert not [h for h in hits if h.doc_id == doc.doc_id and h.term == "shuttle diplomacy"]


def _scanned_hits(corpus: Corpus, lexicon) -> list[tuple[str, str, int, int]]:
    """Return (doc, term, start, end) of every whole-pattern scan of the article runs (the reference)."""
    from analysis.framing.hits import article_runs, entry_regex

    found = []
    for doc in corpus.documents:
        for run in article_runs(corpus.passages_of(doc.doc_id)):
            for entry in lexicon.entries:
                for m in entry_regex(entry).finditer(doc.text, run[0].start, run[-1].end):
                    found.append((doc.doc_id, entry.term, m.start(), m.end()))
    return sorted(found)


@pytest.mark.parametrize(
    "text",
    [
        "The PRAGMATIC leader was Pragmatic, pragmatically so, and a hawk, hawkish and hawkishly hawk-eyed.",
        "In İstanbul the pragmatic envoy met hawks; offsets after a letter that lower-cases to two stay right.",
        "The pragmatıc envoy (a dotless i) and a ſtubborn hawk still match case-insensitively: pragmatic.",
        "hawkhawk hawk hawk hawks pragmatic pragmatism pragmatist’s compromise compromises give-and-take",
    ],
)
def test_hits_are_where_a_scan_of_each_pattern_finds_them(text):
    lexicon = parse_lexicon(
        '[stance]\npragmatic = ["pragmatic", "pragmatically", "pragmatism", "pragmatist*"]\n'
        'hawk = ["hawk", "hawks", "hawkish", "hawk*ly"]\ncompromise = ["compromise*", "give and take"]\n'
    )
    corpus = make_corpus(text)
    hits = framing_hits(corpus, lexicon)
    assert len(hits) >= 2
    assert sorted((h.doc_id, h.term, h.start, h.end) for h in hits) == _scanned_hits(corpus, lexicon)
    assert all(corpus.document(h.doc_id).text[h.start : h.end] == h.match for h in hits)


def test_kwic_lines_of_a_corpus_without_hits_is_an_empty_table_with_its_columns():
    from analysis.framing.tables import KWIC_COLUMNS, kwic_lines, kwic_table
    from analysis.ingest.pipeline import corpus_from_documents
    from tests.factories import make_document

    corpus = corpus_from_documents([make_document("Nothing here names a frame of any kind at all.")])
    lines = kwic_lines(kwic_table(corpus, ()), outlet=None, frame=None, term=None)
    assert lines.empty
    assert {"hit_id", "label", *KWIC_COLUMNS} <= set(lines.columns)


def test_the_quote_map_of_a_document_is_built_once_for_reuse_and_framing():
    from analysis.text import quotes

    corpus = corpus_from_documents([make_document(text="“We will go on,” Lee said. He left.")])
    doc = corpus.documents[0]
    passages = corpus.passages_of(doc.doc_id)
    first = quotes.quote_map(doc.text, passages)
    assert quotes.quote_map(doc.text, passages) is first
    assert quotes.quote_map(doc.text, tuple(passages)[:1]) is not first  # other passages, another map
    assert first.is_quoted(1, 5) and not first.is_quoted(20, 24)
