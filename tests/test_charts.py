"""Chart builders: titles, axis labels, tooltips, selections, and no breakage on empty tables."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.claims import tables as claim_tables
from analysis.framing import RATE_COLUMNS
from analysis.reuse import CONTAINMENT_COLUMNS
from dashboard import charts


def _containment() -> pd.DataFrame:
    return pd.DataFrame(
        [("A", "B", 0.5, 100, 50), ("B", "A", 0.25, 200, 50)], columns=list(CONTAINMENT_COLUMNS)
    )


def _rates() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("A", "history", "history", 2, 1, 1, 0, 1000, 2.0),
            ("A", "history", "apology", 1, 1, 0, 0, 1000, 1.0),
            ("B", "history", "history", 0, 0, 0, 0, 500, 0.0),
        ],
        columns=list(RATE_COLUMNS),
    )


def _params(spec: dict) -> list[dict]:
    found = list(spec.get("params", []))
    for layer in spec.get("layer", []):
        found += layer.get("params", [])
    return found


def test_the_heatmap_selects_an_ordered_outlet_pair_on_click():
    spec = charts.containment_heatmap(_containment()).to_dict()
    (pick,) = _params(spec)
    assert pick["name"] == charts.PAIR
    assert pick["select"]["fields"] == ["outlet_a", "outlet_b"]
    cells = spec["layer"][0]["encoding"]
    assert cells["x"]["title"] and cells["y"]["title"]
    assert {t["field"] for t in cells["tooltip"]} >= {"share", "shared_words", "words_a"}


def test_the_heatmap_labels_dark_cells_in_white_relative_to_the_largest_share():
    spec = charts.containment_heatmap(_containment()).to_dict()
    label = spec["layer"][1]["encoding"]["color"]
    assert "0.5" in label["condition"]["test"]
    assert label["condition"]["value"] == "white"


def test_framing_bars_add_term_rates_up_to_frames_and_select_outlet_and_frame():
    spec = charts.framing_chart(_rates(), by="frame").to_dict()
    (aggregate,) = [t for t in spec["transform"] if "aggregate" in t]
    assert aggregate["groupby"] == ["outlet", "frame"]
    assert {"op": "sum", "field": "rate", "as": "rate"} in aggregate["aggregate"]
    assert _params(spec)[0]["select"]["fields"] == ["outlet", "frame"]
    assert spec["encoding"]["y"]["title"] == "hits per 1,000 article words"


def test_framing_bars_by_term_lie_one_row_per_term_with_whole_labels_and_select_the_term():
    spec = charts.framing_chart(_rates(), by="term").to_dict()
    assert spec["encoding"]["y"]["field"] == "term" and spec["encoding"]["x"]["field"] == "rate"
    assert spec["encoding"]["y"]["axis"]["labelLimit"] >= 240 and "labelAngle" not in spec["encoding"]["y"]["axis"]
    assert spec["height"] == {"step": 10, "for": "offset"}  # 10 px a bar, whatever the number of terms
    assert _params(spec)[0]["select"]["fields"] == ["outlet", "term"]


def test_outlets_keep_their_colour_whichever_outlets_have_bars_and_none_is_party_red_or_blue():
    outlets = ("A", "B", "C")
    by_frame = charts.framing_chart(_rates(), by="frame", outlets=outlets).to_dict()["encoding"]["color"]["scale"]
    only_a = _rates()[_rates()["outlet"] == "A"]
    by_term = charts.framing_chart(only_a, by="term", outlets=outlets).to_dict()["encoding"]["color"]["scale"]
    assert by_frame == by_term and by_frame["domain"] == list(outlets)
    party = {"#1f77b4", "#d62728", "#e45756", "#4c78a8", "#0000ff", "#ff0000", "#e03131", "#3b5bdb"}
    assert len(set(charts.OUTLET_PALETTE)) == len(charts.OUTLET_PALETTE) and not party & set(charts.OUTLET_PALETTE)
    for colour in charts.OUTLET_PALETTE:  # no colour whose red or blue channel dominates the others
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert not (r > 180 and g < 80 and b < 80) and not (b > 180 and r < 80 and g < 120)


def test_chart_subtitles_wrap_to_fit_a_narrow_column():
    for spec in (charts.containment_heatmap(_containment()).to_dict(), charts.voice_chart(_rates()).to_dict(),
                 charts.framing_chart(_rates()).to_dict()):
        lines = spec["title"]["subtitle"]
        assert isinstance(lines, list) and all(len(line) <= charts.SUBTITLE_WIDTH for line in lines)


def test_the_voice_chart_labels_three_ticks_so_they_never_overlap():
    axis = charts.voice_chart(_rates()).to_dict()["encoding"]["x"]["axis"]
    assert axis["values"] == [0, 0.5, 1] and axis["format"] == "%"


def test_the_voice_chart_stacks_narration_and_quotes_to_one_hundred_percent():
    spec = charts.voice_chart(_rates()).to_dict()
    assert spec["encoding"]["x"]["stack"] == "normalize"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["narration", "quote"]


def test_the_claim_timeline_uses_the_same_relation_colours_as_the_table():
    spec = charts.claim_timeline(pd.DataFrame(columns=list(claim_tables.CLAIM_INTERVAL_COLUMNS))).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == charts.status_colours()


def _intervals(first: str, last: str) -> pd.DataFrame:
    return pd.DataFrame(
        [("g1", "summit", "A", pd.Timestamp(first), pd.Timestamp(first) + pd.Timedelta(days=1), first, "conflict"),
         ("g1", "summit", "B", pd.Timestamp(last), pd.Timestamp(last) + pd.Timedelta(days=1), last, "conflict")],
        columns=list(claim_tables.CLAIM_INTERVAL_COLUMNS),
    )


@pytest.mark.parametrize(
    ("first", "last", "interval"),
    [("2026-01-13", "2026-01-14", "day"), ("2026-01-01", "2026-02-20", "week"), ("2025-06-01", "2026-01-14", "month"),
     ("1910-08-29", "2026-01-14", "year")],
)
def test_date_axes_tick_once_per_day_week_month_or_year_as_the_span_needs(first: str, last: str, interval: str):
    spec = charts.claim_timeline(_intervals(first, last)).to_dict()
    assert spec["encoding"]["x"]["axis"]["tickCount"]["interval"] == interval
    table = _intervals(first, last).rename(columns={"start": "date"}).assign(what="published", label="x")
    layer = charts.timeline_chart(table[list(claim_tables.TIMELINE_COLUMNS)]).to_dict()["layer"][0]
    assert layer["encoding"]["x"]["axis"]["tickCount"]["interval"] == interval


@pytest.mark.parametrize(
    "build",
    [
        lambda: charts.containment_heatmap(pd.DataFrame(columns=list(CONTAINMENT_COLUMNS))),
        lambda: charts.framing_chart(pd.DataFrame(columns=list(RATE_COLUMNS))),
        lambda: charts.voice_chart(pd.DataFrame(columns=list(RATE_COLUMNS))),
        lambda: charts.timeline_chart(pd.DataFrame(columns=list(claim_tables.TIMELINE_COLUMNS))),
        lambda: charts.claim_timeline(pd.DataFrame(columns=list(claim_tables.CLAIM_INTERVAL_COLUMNS))),
        lambda: charts.reuse_pairs_chart(
            pd.DataFrame(columns=["match_id", "pair", "score", "words", "text_a"]), min_score=20
        ),
    ],
)
def test_every_chart_builds_on_an_empty_table_and_has_a_title(build):
    spec = build().to_dict()
    assert spec["title"]["text"]


def test_a_kept_spec_is_the_chart_streamlit_draws_with_its_tables_as_named_dataframes():
    import altair as alt
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    table = _containment()
    chart = charts.containment_heatmap(table)
    theme, transformer = alt.theme.active, alt.data_transformers.active
    spec = charts.vega_lite_spec(chart)
    assert (alt.theme.active, alt.data_transformers.active) == (theme, transformer)  # nothing global touched
    (name,) = spec["datasets"]
    assert spec["datasets"][name].equals(table)
    assert spec["data"] == {"name": name}
    drawn = _convert_altair_to_vega_lite_spec(chart)  # what st.altair_chart sends
    (drawn_name,) = drawn.pop("datasets")
    ours = {k: v for k, v in spec.items() if k != "datasets"}
    assert json.dumps(ours, sort_keys=True).replace(name, "") == json.dumps(drawn, sort_keys=True).replace(drawn_name, "")


def test_a_kept_spec_names_every_layers_own_table():
    import altair as alt

    a, b = _containment(), _containment().assign(share=0.1)
    spec = charts.vega_lite_spec(alt.layer(alt.Chart(a).mark_rect().encode(x="outlet_a:N"),
                                           alt.Chart(b).mark_text().encode(x="outlet_b:N")))
    assert len(spec["datasets"]) == 2
    assert sorted(layer["data"]["name"] for layer in spec["layer"]) == sorted(spec["datasets"])
    assert all(isinstance(frame, pd.DataFrame) for frame in spec["datasets"].values())
