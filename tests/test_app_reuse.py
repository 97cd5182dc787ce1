"""The reuse and quotes pages: direction, kinds, article verdicts, the quote ledger (AppTest on the seeds)."""

from tests.test_app import _html, _no_exception, _on


def test_the_pairs_table_reads_earlier_to_later_with_the_kind_of_reuse():
    at = _on("reuse")
    _no_exception(at)
    table = at.dataframe[0].value
    assert {"pair", "when", "kind"} <= set(table.columns)
    assert set(table["kind"]) <= {"verbatim", "near_verbatim", "paraphrase", "translation"}
    assert "paraphrase" in set(table["kind"])


def test_the_articles_tab_gives_each_pair_a_verdict_and_marks_every_shared_run():
    at = _on("reuse", reuse_tab="Articles")
    _no_exception(at)
    table = at.dataframe[0].value
    assert set(table["verdict"]) <= {"wholly", "partially", "not"}
    at.selectbox(key="reuse_article").set_value(table["pair_id"].iloc[0]).run()
    _no_exception(at)
    assert "px-reuse" in _html(at)


def test_the_quotes_page_explains_itself_when_no_quote_is_shared():
    at = _on("quotes")
    _no_exception(at)
    assert at.info or at.dataframe
