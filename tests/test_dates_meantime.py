"""Date expressions on MEANTIME's real news text (skipped when ../shared/corpora is absent)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from analysis.claims.dates import date_mentions
from tests.factories import CORPORA

MEANTIME = CORPORA / "meantime_en" / "intra_cross-doc_annotation"

pytestmark = [
    pytest.mark.corpora,
    pytest.mark.skipif(not MEANTIME.is_dir(), reason="MEANTIME corpus not available"),
]


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_dates", Path(__file__).resolve().parents[1] / "benchmarks" / "dates.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_dates", module)  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_every_dateline_is_found_as_one_absolute_day():
    bench = _bench()
    for path in sorted(MEANTIME.glob("*/*.xml")):
        article = bench.load_article(path)
        if article.dct is None:
            continue
        line = article.text.split("\n")[1]
        found = date_mentions(line, reference=None)
        assert [(m.granularity, m.relative, m.text) for m in found] == [("day", False, line)], path.name


def test_mentions_slice_to_their_text_on_real_articles():
    bench = _bench()
    for path in sorted(MEANTIME.glob("*/*.xml"))[:40]:
        article = bench.load_article(path)
        for m in date_mentions(article.text, reference=article.dct):
            assert article.text[m.start:m.end] == m.text


def test_every_rule_match_holds_one_of_the_strings_that_let_the_rule_run():
    from analysis.claims.dates import _RULES

    bench = _bench()
    texts = [bench.load_article(path).text for path in sorted(MEANTIME.glob("*/*.xml"))]
    for pattern, handler, needs in _RULES:
        if not needs:
            continue
        for text in texts:
            for m in pattern.finditer(text):
                assert any(n in m.group().lower() for n in needs), (handler.__name__, m.group())
