"""Pure chart builders: a result table in, an Altair chart out (testable through ``.to_dict()``).

Charts never reshape data with pandas; Vega-Lite transforms do the little aggregation a chart
needs, so the same table feeds a chart and a table. Colour schemes are ones whose marks read
on both the light and the dark theme: sequential fills carry their own contrasting labels.

Outlets get their colour from ``outlet_colours``: fixed by the outlet's place in the corpus, so an
outlet keeps its colour on every page and in every grouping, from a palette without the red and
blue that read as US party colours.

Titles and subtitles fit a chart in a narrow column (a 1024 px window shows two charts side by
side at about 300 px each): subtitles wrap into short lines instead of being cut.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, Final

import altair as alt
import pandas as pd

from analysis.claims.comparison import STATUSES
from dashboard.selections import CELL, CLAIM, MATCH, PAIR

_SEQUENTIAL: Final = "blues"
_TIMELINE_KINDS = ["published", "claimed event date"]
_TIMELINE_COLOURS = ["#4c6ef5", "#f76707"]
# One colour per verdict, in Status order (most serious first), keyed by the label the tables show.
_STATUS_DOMAIN = [s.label for s in STATUSES]
_STATUS_RANGE = ["#e03131", "#f08c00", "#74b816", "#2f9e44"]


# ColorBrewer Dark2 (colour-blind safe for most pairs; no pure red or blue), then four more.
OUTLET_PALETTE: Final = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
                         "#17becf", "#8c564b", "#bcbd22", "#9467bd")
SUBTITLE_WIDTH = 40  # characters per subtitle line: about 250 px at Vega's 11 px subtitle font

_DARK_CELL = 0.55  # cells above this share of the colour scale are dark: label them in white


# What Altair's default theme adds to every spec. Streamlit draws Altair charts with the theme
# turned off ("none"), so a spec made here for st.vega_lite_chart leaves these out too.
_THEME_VIEW_DEFAULTS = ("continuousWidth", "continuousHeight")


def vega_lite_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """Return ``chart`` as the Vega-Lite spec ``st.altair_chart`` would draw, its tables under ``datasets``.

    Every table stays a DataFrame (Streamlit sends it as Arrow, as for an Altair chart), and no
    global Altair setting (data transformer, theme) is touched, so other sessions' charts are left alone.
    A spec is plain data: kept on disk, it redraws a chart without importing Altair or building it
    again (0.25 s of CPU for the Overview's two charts on a restarted server).
    """
    frames: dict[str, pd.DataFrame] = {}
    spec = _with_named_data(chart, frames).to_dict()
    view = spec.get("config", {}).get("view", {})
    for name in _THEME_VIEW_DEFAULTS:
        view.pop(name, None)
    if "config" in spec and not view:
        spec["config"].pop("view", None)
        if not spec["config"]:
            del spec["config"]
    spec["datasets"] = {**spec.get("datasets", {}), **frames}
    return spec


def _with_named_data(chart: Any, frames: dict[str, pd.DataFrame]) -> Any:
    """Return a copy of ``chart`` whose DataFrames are named references, each added to ``frames``."""
    chart = chart.copy(deep=False)
    if isinstance(chart._get("data"), pd.DataFrame):
        name = f"table-{len(frames)}"
        frames[name] = chart.data
        chart.data = alt.NamedData(name=name)
    for part in ("layer", "hconcat", "vconcat", "concat"):
        members = chart._get(part)
        if isinstance(members, list):
            setattr(chart, part, [_with_named_data(m, frames) for m in members])
    if isinstance(chart._get("spec"), alt.TopLevelMixin | alt.Chart | alt.LayerChart):
        chart.spec = _with_named_data(chart.spec, frames)
    return chart


def _max_share(table: pd.DataFrame) -> float:
    return float(table["share"].max()) if not table.empty and table["share"].max() > 0 else 1.0


def _title(text: str, subtitle: str = "") -> alt.TitleParams:
    lines = textwrap.wrap(subtitle, SUBTITLE_WIDTH)
    # frame="bounds": lines may run across the axis labels too, not only over the plot.
    return alt.TitleParams(text, subtitle=lines or alt.Undefined, anchor="start", frame="bounds")


def outlet_colours(outlets: Sequence[str]) -> alt.Scale:
    """Return the colour scale of outlets: each keeps one colour, by its place in ``outlets`` (the corpus's)."""
    return alt.Scale(domain=list(outlets), range=[OUTLET_PALETTE[n % len(OUTLET_PALETTE)] for n in range(len(outlets))])


def _date_axis(start: pd.Series, end: pd.Series) -> alt.Axis:
    """Return a date axis that labels each tick once: days, weeks, months or years by the span shown."""
    days = (end.max() - start.min()).days if len(start) else 0
    if days <= 12:
        ticks, label = {"interval": "day", "step": 1}, "%d %b %Y"
    elif days <= 84:
        ticks, label = {"interval": "week", "step": 1}, "%d %b %Y"
    elif days <= 730:
        ticks, label = {"interval": "month", "step": max(1, -(-days // 240))}, "%b %Y"
    else:
        ticks, label = {"interval": "year", "step": max(1, -(-days // 3650))}, "%Y"
    return alt.Axis(format=label, labelAngle=0, tickCount=ticks)


def containment_heatmap(table: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """Return the directional reuse heatmap: the share of outlet A's words found in outlet B.

    Clicking a cell selects the pair (selection ``pair`` with fields outlet_a, outlet_b).
    """
    pick = alt.selection_point(name=PAIR, fields=["outlet_a", "outlet_b"], on="click", toggle=False)
    base = alt.Chart(table).encode(
        x=alt.X("outlet_b:N", title="found in outlet B",
                axis=alt.Axis(labelAngle=-35, labelLimit=140, labelOverlap=False)),
        y=alt.Y("outlet_a:N", title="share of outlet A", axis=alt.Axis(labelLimit=160)),
    )
    # A pair sharing nothing is a white cell marked "–": a pale "0%" looked like a pair to open.
    cells = base.mark_rect(stroke="#868e96", strokeWidth=0.5, cursor="pointer").encode(
        color=alt.condition(
            "datum.shared_words == 0",
            alt.value("#ffffff"),
            alt.Color("share:Q", title="share of A", scale=alt.Scale(scheme=_SEQUENTIAL, domainMin=0),
                      legend=alt.Legend(format=".0%")),
        ),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
        tooltip=[
            alt.Tooltip("outlet_a:N", title="outlet A"),
            alt.Tooltip("outlet_b:N", title="outlet B"),
            alt.Tooltip("share:Q", title="share of A in B", format=".1%"),
            alt.Tooltip("shared_words:Q", title="shared words"),
            alt.Tooltip("words_a:Q", title="words in A"),
        ],
    ).add_params(pick)
    labels = base.transform_calculate(
        label="datum.shared_words == 0 ? '–' : format(datum.share, datum.share < 0.01 ? '.1%' : '.0%')"
    ).mark_text(fontSize=12).encode(
        text=alt.Text("label:N"),
        color=alt.condition(f"datum.share > {_DARK_CELL} * {_max_share(table)}", alt.value("white"), alt.value("black")),
    )
    return alt.layer(cells, labels).properties(
        title=_title("Reuse between outlets", "Share of outlet A's article words that also appear in outlet B"),
        height=alt.Step(44),
    )


def timeline_chart(table: pd.DataFrame) -> alt.LayerChart | alt.FacetChart:
    """Return publication dates and claimed event dates per outlet on one time axis.

    ``table`` has columns outlet, date, end (exclusive), what ("published" or "claimed event
    date"), label. A claim spanning days or a month draws as a bar from its first to its last day.
    """
    base = alt.Chart(table).encode(
        y=alt.Y("outlet:N", title=None, axis=alt.Axis(labelLimit=200)),
        yOffset=alt.YOffset("what:N", scale=alt.Scale(domain=_TIMELINE_KINDS)),
        color=alt.Color("what:N", title=None, scale=alt.Scale(domain=_TIMELINE_KINDS, range=_TIMELINE_COLOURS),
                        legend=alt.Legend(orient="top")),
        tooltip=[
            alt.Tooltip("outlet:N", title="outlet"),
            alt.Tooltip("what:N", title="kind"),
            alt.Tooltip("date:T", title="from", format="%d %b %Y"),
            alt.Tooltip("label:N", title="text"),
        ],
    )
    spans = base.mark_bar(height=8, opacity=0.6).encode(
        x=alt.X("date:T", title="date", axis=_date_axis(table["date"], table["end"])),
        x2="end:T",
    )
    points = base.mark_point(filled=True, size=70, opacity=1).encode(x="date:T")
    return alt.layer(spans, points).properties(
        title=_title("Timeline", "When each outlet published, and the event dates it claims (a month or finer)"),
        height=alt.Step(30),
    )


def reuse_pairs_chart(table: pd.DataFrame, *, min_score: float) -> alt.Chart:
    """Return matched passage pairs as points by score, one row per outlet pair; click opens one.

    ``table`` has columns match_id, pair, score, words, text_a.
    """
    pick = alt.selection_point(name=MATCH, fields=["match_id"], on="click", toggle=False, empty=False)
    return (
        alt.Chart(table)
        .mark_circle(size=110, opacity=0.85, cursor="pointer")
        .encode(
            x=alt.X("score:Q", title="similarity score", scale=alt.Scale(domain=[min_score, 100])),
            y=alt.Y("pair:N", title=None, axis=alt.Axis(labelLimit=260)),
            size=alt.Size("words:Q", title="shared words", legend=None),
            stroke=alt.condition(pick, alt.value("#e64980"), alt.value(None)),
            strokeWidth=alt.value(2),
            tooltip=[
                alt.Tooltip("pair:N", title="outlets"),
                alt.Tooltip("score:Q", title="score", format=".1f"),
                alt.Tooltip("words:Q", title="shared words"),
                alt.Tooltip("text_a:N", title="passage"),
            ],
        )
        .add_params(pick)
        .properties(
            title=_title("Reused passages", "Each dot is a pair of passages; click one to read both"),
            height=alt.Step(34),
        )
    )


def framing_chart(table: pd.DataFrame, *, by: str = "frame", outlets: Sequence[str] = ()) -> alt.Chart:
    """Return bars of framing rates per 1,000 article words per outlet, by frame or by term.

    ``table`` is a framing-rates table (outlet, frame, term, count, narration, quote, words,
    rate). Rates add up across terms because they share the outlet's word count. Clicking a
    bar selects (outlet, ``by``) as selection ``cell``. By frame the bars stand in groups; by term
    (dozens of them) they lie along a row per term, so every term's label reads whole. Colours
    follow ``outlets`` (all the corpus's), so they do not shift when an outlet has no bar.
    """
    pick = alt.selection_point(name=CELL, fields=["outlet", by], on="click", toggle=False)
    outlets = list(outlets) or sorted(set(table["outlet"]))
    channels: dict[str, alt.X | alt.Y | alt.XOffset | alt.YOffset]
    size: dict = {"height": 460}  # Streamlit fits the whole chart (axes, rotated labels, legend) into this
    if by == "frame":
        channels = {
            "x": alt.X("frame:N", title="frame", axis=alt.Axis(labelAngle=-30, labelLimit=160)),
            "y": alt.Y("rate:Q", title="hits per 1,000 article words"),
            "xOffset": alt.XOffset("outlet:N", scale=alt.Scale(domain=outlets)),
        }
    else:
        channels = {
            "y": alt.Y("term:N", title=None, sort=alt.EncodingSortField("rate", op="sum", order="descending"),
                       axis=alt.Axis(labelLimit=260)),
            "x": alt.X("rate:Q", title="hits per 1,000 article words", axis=alt.Axis(orient="top")),
            "yOffset": alt.YOffset("outlet:N", scale=alt.Scale(domain=outlets)),
        }
        size = {"height": alt.Step(10, **{"for": "offset"})}  # 10 px a bar, each term's row as tall as it needs
    return (
        alt.Chart(table)
        .transform_aggregate(
            rate="sum(rate)", count="sum(count)", narration="sum(narration)", quote="sum(quote)",
            groupby=["outlet", by],
        )
        .mark_bar(cursor="pointer")
        .encode(
            **channels,
            color=alt.Color("outlet:N", title="outlet", scale=outlet_colours(outlets),
                            legend=alt.Legend(orient="bottom", columns=2, labelLimit=220)),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
            tooltip=[
                alt.Tooltip("outlet:N", title="outlet"),
                alt.Tooltip(f"{by}:N", title=by),
                alt.Tooltip("rate:Q", title="per 1,000 words", format=".2f"),
                alt.Tooltip("count:Q", title="hits"),
                alt.Tooltip("narration:Q", title="in narration"),
                alt.Tooltip("quote:Q", title="in quotes"),
            ],
        )
        .add_params(pick)
        .properties(
            title=_title(f"Framing by {by}", "Rate per 1,000 article words; click a bar to read its hits"),
            **size,
        )
    )


def voice_chart(table: pd.DataFrame) -> alt.Chart:
    """Return per-outlet stacked bars of framing hits in the outlet's own narration vs in quotes."""
    return (
        alt.Chart(table)
        .transform_fold(["narration", "quote"], as_=["voice", "hits"])
        .transform_aggregate(hits="sum(hits)", groupby=["outlet", "voice"])
        .mark_bar()
        .encode(
            y=alt.Y("outlet:N", title=None, axis=alt.Axis(labelLimit=200)),
            # Three ticks: in a narrow column the default ten ran into one another ("0%100%").
            x=alt.X("hits:Q", title="share of framing hits", stack="normalize",
                    axis=alt.Axis(format="%", values=[0, 0.5, 1])),
            color=alt.Color(
                "voice:N",
                title="voice",
                scale=alt.Scale(domain=["narration", "quote"], range=["#4c6ef5", "#f59f00"]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("outlet:N", title="outlet"),
                alt.Tooltip("voice:N", title="voice"),
                alt.Tooltip("hits:Q", title="hits"),
            ],
        )
        .properties(
            title=_title("Whose words?", "Framing hits in narration vs in quotes"),
            height=alt.Step(30),
        )
    )


def claim_timeline(table: pd.DataFrame) -> alt.Chart:
    """Return each outlet's date claims as intervals, one row per outlet, coloured by relation.

    ``table`` has columns disagreement_id, subject, outlet, start, end, value, status.
    Clicking an interval selects its disagreement (selection ``claim``).
    """
    pick = alt.selection_point(name=CLAIM, fields=["disagreement_id"], on="click", toggle=False)
    return (
        alt.Chart(table)
        .mark_bar(height=14, cornerRadius=3, cursor="pointer")
        .encode(
            x=alt.X("start:T", title="claimed date", axis=_date_axis(table["start"], table["end"])),
            x2="end:T",
            y=alt.Y("outlet:N", title=None, axis=alt.Axis(labelLimit=200)),
            color=alt.Color("status:N", title="relation",
                            scale=alt.Scale(domain=_STATUS_DOMAIN, range=_STATUS_RANGE),
                            legend=alt.Legend(orient="top")),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.6)),
            tooltip=[
                alt.Tooltip("outlet:N", title="outlet"),
                alt.Tooltip("subject:N", title="subject"),
                alt.Tooltip("value:N", title="claimed"),
                alt.Tooltip("start:T", title="from", format="%d %b %Y"),
                alt.Tooltip("status:N", title="relation"),
            ],
        )
        .add_params(pick)
        .properties(
            title=_title("Claimed dates", "Each bar is a date or date range an outlet states; click one to compare"),
            height=alt.Step(40),
        )
    )


def status_colours() -> dict[str, str]:
    """Return the colour of each disagreement status (shared by the chart legend and the table)."""
    return dict(zip(_STATUS_DOMAIN, _STATUS_RANGE, strict=True))
