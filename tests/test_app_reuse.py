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


def test_the_articles_tab_keeps_only_pairs_of_the_outlets_chosen_above():
    everyone = _on("reuse", reuse_tab="Articles").dataframe[0].value
    outlet = everyone["earlier"].iloc[0]
    at = _on("reuse", reuse_tab="Articles", reuse_a=outlet)
    _no_exception(at)
    table = at.dataframe[0].value
    assert 0 < len(table) <= len(everyone)
    assert ((table["earlier"] == outlet) | (table["later"] == outlet)).all()


def test_article_pairs_between_two_outlets_keeps_pairs_across_them_only():
    import pandas as pd

    from analysis.reuse.tables import article_pairs_between

    table = pd.DataFrame({"earlier": ["A", "A", "B", "C"], "later": ["B", "A", "A", "B"]})
    assert article_pairs_between(table, outlet_a="A", outlet_b="B")[["earlier", "later"]].values.tolist() == [
        ["A", "B"], ["B", "A"]]
    assert len(article_pairs_between(table, outlet_a=None, outlet_b=None)) == 4
    assert len(article_pairs_between(table, outlet_a="C", outlet_b=None)) == 1


def test_the_quotes_page_explains_itself_when_no_quote_is_shared():
    at = _on("quotes")
    _no_exception(at)
    assert at.info or at.dataframe


SPOKEN = ("We will not accept any agreement that leaves our fishermen without access to the "
          "waters their families have worked for generations")


def test_shared_quotes_are_left_out_of_the_pairs_until_asked_for():
    from tests.factories import make_document
    from tests.test_app_first_hour import _own, _page

    at = _own(make_document(f"The minister spoke to farmers on Monday. “{SPOKEN},” she said at the port.",
                            doc_id="a", source="Fox"),
              make_document(f"Fishing crews gathered at dawn. “{SPOKEN},” the minister told them.",
                            doc_id="b", source="Daily"))
    at = _page(at, "reuse", reuse_min="0")
    _no_exception(at)
    assert at.toggle(key="reuse_quotes").value is False
    assert not at.dataframe and "No shared passages" in at.info[0].value  # the quote is the only match
    at.toggle(key="reuse_quotes").set_value(True).run()
    _no_exception(at)
    assert "quote" in set(at.dataframe[0].value["kind"])
