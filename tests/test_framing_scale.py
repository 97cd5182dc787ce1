"""Framing at scale (issue 10): big lexicons are matched by the words of the text, finding exactly what
each term's pattern finds, and the keyword-in-context table stays linear in a long paragraph."""

from __future__ import annotations

import importlib
import re
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.framing import hits as framing
from analysis.framing.hits import article_runs, entry_regex, framing_hits
from analysis.framing.lexicon import Lexicon, LexiconEntry, default_lexicon, lexicon_to_toml, parse_lexicon
from analysis.framing.tables import kwic_table
from analysis.ingest.pipeline import build_corpus, corpus_from_documents
from analysis.text.records import Corpus
from tests.factories import make_document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _finditer_hits(corpus: Corpus, lexicon: Lexicon) -> set[tuple[str, int, int, str]]:
    """Return (doc, start, end, term) of every hit as one finditer per term and article run finds them."""
    found = set()
    for doc in corpus.documents:
        for run in article_runs(corpus.passages_of(doc.doc_id)):
            for entry in lexicon.entries:
                for m in entry_regex(entry).finditer(doc.text, run[0].start, run[-1].end):
                    prefix = framing._compound_prefix(doc.text, m.start())
                    if prefix is None or prefix in framing._NEGATING_PREFIXES:
                        found.add((doc.doc_id, m.start(), m.end(), entry.term))
    return found


def _keys(hits: tuple[framing.FramingHit, ...]) -> set[tuple[str, int, int, str]]:
    return {(h.doc_id, h.start, h.end, h.term) for h in hits}


def _synthetic(n: int) -> list[LexiconEntry]:
    return [LexiconEntry(f"t{i:05d}x", f"frame{i % 16:02d}", (f"t{i:05d}xs", f"t{i:05d}x*ed")) for i in range(n)]


def test_sixteen_thousand_unused_terms_leave_the_hits_of_the_default_lexicon_unchanged():
    corpus = build_corpus([SEEDS])
    small = default_lexicon()
    big = parse_lexicon(lexicon_to_toml(Lexicon((*small.entries, *_synthetic(16_000)))))
    assert len(big.entries) == len(small.entries) + 16_000
    assert framing_hits(corpus, big) == framing_hits(corpus, small)
    assert framing_hits(corpus, small)


def test_hits_are_those_of_one_finditer_per_term_on_the_seeds():
    corpus = build_corpus([SEEDS])
    lexicon = default_lexicon()
    assert _keys(framing_hits(corpus, lexicon)) == _finditer_hits(corpus, lexicon)


def test_wildcards_phrases_and_shared_first_words_find_what_their_patterns_find():
    text = (
        "Hawkish hawks and a hawk-eyed HAWK met the Hard-line hardliners. Non-hawkish talk, "
        "trade-offs and horse-trading: the trade war, trade  wars and tradeoffs. U.S. officials "
        "and the u.s. envoy said rock'n'roll diplomacy was ISTANBUL's, İstanbul's and ıstanbul's."
    )
    corpus = corpus_from_documents([make_document(text=text)])
    lexicon = Lexicon((
        LexiconEntry("hawk", "stance", ("hawk*", "hawkish")),
        LexiconEntry("hard-line", "stance", ("hardliner*",)),
        LexiconEntry("trade war", "economy", ("trade wars", "trade*")),
        LexiconEntry("trade", "economy", ("trade-off",)),
        LexiconEntry("U.S.", "place", ("u.s. envoy",)),
        LexiconEntry("rock'n'roll", "style", ()),
        LexiconEntry("istanbul", "place", ("istanbul's",)),
    ))
    found = framing_hits(corpus, lexicon)
    assert _keys(found) == _finditer_hits(corpus, lexicon)
    assert {h.match for h in found if h.term == "istanbul"} == {"ISTANBUL's", "İstanbul's", "ıstanbul's"}
    assert any(h.match == "trade  wars" for h in found)


def test_equal_letters_ignoring_case_fold_equal_for_every_code_point():
    """Where re.IGNORECASE matches two letters, their folds are equal: looking words up by fold misses no hit."""
    sre = importlib.import_module("_sre")
    casefix = pytest.importorskip("re._casefix")
    groups: dict[int, set[int]] = {}
    for cp in range(sys.maxunicode + 1):
        if not 0xD800 <= cp <= 0xDFFF:
            groups.setdefault(sre.unicode_tolower(cp), {cp}).add(cp)
    for lower, extra in casefix._EXTRA_CASES.items():
        for cp in extra:
            groups.setdefault(lower, {lower}).update(groups.get(cp, {cp}))
    for members in groups.values():
        if len(members) > 1:
            assert len({framing._fold(chr(cp)) for cp in members}) == 1, [hex(cp) for cp in members]
            pattern = re.compile(re.escape(chr(min(members))), re.IGNORECASE)
            assert all(pattern.fullmatch(chr(cp)) for cp in members if chr(cp).isalnum())


def test_a_lexicon_error_still_names_its_line_in_a_big_file():
    lines = [f't{i:05d} = ["t{i:05d}s"]' for i in range(5_000)]
    lines.insert(3_000, 'bad = ["a" , 3]')
    with pytest.raises(ValueError, match="list of strings") as caught:
        parse_lexicon("[frame]\n" + "\n".join(lines) + "\n")
    assert caught.value.line == 3_002  # type: ignore[attr-defined]


def test_keyword_in_context_lines_grow_linearly_with_hits_in_one_long_paragraph():
    term = default_lexicon().entries[0].term

    def seconds(n: int) -> float:
        text = f'the {term} and not a {term}, "{term}" they said; ' * n
        corpus = corpus_from_documents([make_document(text), make_document(text, doc_id="d2", source="B")])
        found = framing_hits(corpus, default_lexicon())
        began = time.process_time()
        table = kwic_table(corpus, found)
        spent = time.process_time() - began
        assert len(table) == len(found) == 6 * n
        assert table["sentence"].nunique() == 1  # the same paragraph in both documents: one category
        assert table["sentence"].iloc[0] == text.strip()
        return spent

    small, large = seconds(500), seconds(2_000)
    assert large <= 8 * small or large < 0.25, f"{small:.2f} s -> {large:.2f} s for 4x the hits"


@pytest.mark.parametrize("filler", ["On June 10, 2025 the deal was ready, ", "a\tb\nc  d, ", "pragmatic"])
def test_a_long_text_may_hold_a_hit_exactly_when_its_whole_text_does(filler, monkeypatch):
    lexicon = default_lexicon()
    index = framing._FormIndex.of(
        [e for e in lexicon.entries for _ in e.forms], [f for e in lexicon.entries for f in e.forms]
    )
    heads = index.few_heads or ()
    # A head past the first ones tried alone, a head cut by white space, none at all.
    for tail in (f" {heads[-1]}.", f" {heads[-1][:2]} {heads[-1][2:]}", ""):
        text = filler * (framing._LONG_TEXT // len(filler) + 1) + tail
        as_words = index.may_hit(text)
        monkeypatch.setattr(framing, "_LONG_TEXT", 10**9)  # read whole
        assert index.may_hit(text) == as_words
        monkeypatch.undo()


def test_words_inside_longer_words_do_not_move_where_a_hit_starts():
    # A visited word is searched for from the end of the last one: "face" inside "surface",
    # "preface" or "face_off" must be passed over, in an ASCII-worded text and in one that is not.
    lexicon = Lexicon((
        LexiconEntry("face", "stance", ("faces",)),
        LexiconEntry("trade war", "economy", ("trade*",)),
        LexiconEntry("hawk", "stance", ("hawkish",)),
    ))
    unit = (
        "The surface of the preface said face_off and faces; “face” the trade-war traders’ "
        "face—hawkish surfaces facet face. Hawk face, 9face face9 faceface face. "
    )
    for text in (unit * 40, (unit + "Café face. ") * 40):
        corpus = corpus_from_documents([make_document(text=text)])
        found = framing_hits(corpus, lexicon)
        assert found and _keys(found) == _finditer_hits(corpus, lexicon)
        assert all(corpus.document(h.doc_id).text[h.start : h.end] == h.match for h in found)


_FORM_WORDS = st.sampled_from(["trade", "war", "Trade", "wars", "hawk", "x9", "TRADE"])
_TEXT_PIECES = st.sampled_from(
    ["trade", "Trade", "TRADE", "war", "wars", "hawk", "x9", "X9", " ", "  ", "-", "‐", "–", "\n", "\x1c", "_", "a", "9",
     ",", "“", "”", ".", "’s"]
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.lists(_FORM_WORDS, min_size=1, max_size=3), st.sampled_from([" ", "-", " – ", "  "])),
             min_size=1, max_size=4),
    st.lists(_TEXT_PIECES, max_size=25).map("".join),
    st.integers(0, 3),
)
def test_a_plain_entry_matched_word_by_word_ends_where_its_pattern_ends(forms, text, trim):
    from analysis.text.scripts import ascii_words

    entry = LexiconEntry("t", "f", tuple(sep.join(words) for words, sep in forms))
    plain = framing.plain_forms(entry)
    assert plain is not None and ascii_words(text)
    hi = max(0, len(text) - trim)
    pattern = entry_regex(entry)
    for at in range(hi):
        found = pattern.match(text, at, hi)
        assert framing._plain_end(plain, text, at, hi) == (found.end() if found else -1), (at, text)


def test_an_entry_with_a_wildcard_apostrophe_or_letter_outside_ascii_keeps_its_pattern():
    for form in ("trade*", "rock'n'roll", "U.S. envoy", "café", "AT&T"):
        assert framing.plain_forms(LexiconEntry("t", "f", (form,))) is None
    assert framing.plain_forms(LexiconEntry("trade war", "f", ("Trade-wars", "trade  war"))) == (
        ("trade", "wars"), ("trade", "war"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*map(chr, range(128)), *"’‘“”—–…\xa0\u2009\ud800"]), max_size=80))
def test_the_words_of_an_ascii_worded_stretch_split_from_its_bytes_are_the_patterns(text):
    assert framing._ascii_word_runs(text) == framing._WORD_RUN.findall(text)
