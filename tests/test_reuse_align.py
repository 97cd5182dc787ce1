import numpy as np
import pytest

from analysis.reuse.align import SPECIFIC_FLOOR, aligned_spans, specificity

RUN = [(k, k + 10) for k in range(8)]
PLAIN = [False] * 8


def test_a_run_only_this_pair_holds_counts_every_word():
    assert specificity(RUN, [2] * 8, PLAIN) == 8.0


def test_a_run_held_by_many_passages_counts_little():
    assert specificity(RUN, [8] * 8, PLAIN) == 8 * 2 / 8


def test_a_run_found_all_over_the_corpus_still_counts_its_floor():
    assert specificity(RUN, [5000] * 8, PLAIN) == pytest.approx(8 * SPECIFIC_FLOOR)


def test_words_bridged_across_gaps_count_nothing():
    scattered = [(0, 0), (2, 2), (4, 4), (6, 6), (8, 8), (10, 10), (12, 12)]
    assert specificity(scattered, [2] * 13, [False] * 13) == 0.0


def test_counts_read_from_a_numpy_slice_weigh_as_a_list():
    assert specificity(RUN, np.array([2] * 8, dtype=np.uint16), PLAIN) == specificity(RUN, [2] * 8, PLAIN) == 8.0


def test_words_shared_only_here_and_there_make_no_span():
    # Every fourth word shared (Japanese particles between different content words): the common
    # subsequence is long enough, but no group of shared words is.
    a = [w for k in range(12) for w in (0, 100 + k, 200 + k, 300 + k)]
    b = [w for k in range(12) for w in (0, 400 + k, 500 + k, 600 + k)]
    assert aligned_spans(a, [False] * len(a), b, [False] * len(b), min_words=7) == ()
    copied = b[:20] + a[4:14] + b[20:]
    assert aligned_spans(a, [False] * len(a), copied, [False] * len(copied), min_words=7)


def test_names_count_half():
    assert specificity(RUN[:3], [2] * 8, [True, False, False]) == 2.5


def test_a_common_run_inside_longer_sentences_is_not_a_span_when_specificity_is_required():
    a = list(range(10)) + list(range(100, 120))
    b = list(range(200, 220)) + list(range(10))
    names = [False] * 30
    assert aligned_spans(a, names, b, names, min_words=7, min_plain=3) != ()
    assert aligned_spans(a, names, b, names, min_words=7, min_plain=3,
                         grams_a=[40] * 30, min_specific=3.0) == ()
    assert aligned_spans(a, names, b, names, min_words=7, min_plain=3,
                         grams_a=[2] * 30, min_specific=3.0) != ()


def test_two_sentences_made_mostly_of_the_same_words_need_no_specificity():
    a = list(range(10))
    b = [*range(5), 50, *range(5, 10)]
    names = [False] * 11
    (span,) = aligned_spans(a, names, b, names, min_words=7, min_plain=3,
                            grams_a=[40] * 10, min_specific=3.0)
    assert len(span.matched_a) == 10
