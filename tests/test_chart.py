"""The figure builder, checked as data: traces, points, lanes, colours, escaping."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import event

from timeline.chart import (
    EVENT_TYPE_COLOURS,
    build_aggregate_figure,
    build_figure,
    date_labels,
    hover_texts,
    lanes_of,
    period_of,
    type_colour,
    unmade_hover,
)
from timeline.schema import new_frame

DAY_MS = 86_400_000


def ms(day: str) -> float:
    return float(pd.Timestamp(day).value // 1_000_000)


def markers(fig: go.Figure) -> list:
    return [t for t in fig.data if t.mode == "markers" and t.customdata is not None]


def bars(fig: go.Figure) -> list:
    return [t for t in fig.data if t.mode == "lines" and t.legendgroup != "key"]


def marker_points(fig: go.Figure) -> dict[str, list[tuple[float, float]]]:
    """event_id -> the (x, y) of every marker drawn for it."""
    out: dict[str, list[tuple[float, float]]] = {}
    for trace in markers(fig):
        for x, y, ident in zip(trace.x, trace.y, trace.customdata, strict=True):
            out.setdefault(str(ident), []).append((x, y))
    return out


def lane_of(fig: go.Figure, y: float) -> str:
    ticks = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    return ticks[round(y)]


def test_one_point_per_dated_event_and_lane(seed_events):
    fig = build_figure(seed_events)
    points = marker_points(fig)
    # "rejected" is undated: not drawn. "flared" has two actors: drawn in both lanes.
    assert set(points) == {"demand", "rts", "pushout", "flared", "zakharova"}
    assert {lane_of(fig, y) for _, y in points["flared"]} == {"Serbia", "Kosovo"}
    assert [lane_of(fig, y) for _, y in points["demand"]] == ["Serbia"]
    assert [lane_of(fig, y) for _, y in points["rts"]] == ["Aleksandar Vucic"]


def test_lanes_by_country(seed_events):
    fig = build_figure(seed_events, by="country")
    points = marker_points(fig)
    assert {lane_of(fig, y) for _, y in points["zakharova"]} == {"Russia", "Serbia"}
    assert fig.layout.yaxis.title.text == "Country"
    # Busiest lane first (at the top): Serbia has 5 of the 5 dated events.
    assert fig.layout.yaxis.ticktext[0] == "Serbia"
    assert fig.layout.yaxis.tickvals[0] == len(fig.layout.yaxis.ticktext) - 1


def test_day_event_is_a_marker_on_its_day(seed_events):
    fig = build_figure(seed_events)
    ((x, _),) = marker_points(fig)["demand"]
    assert ms("2022-12-15") <= x < ms("2022-12-16")
    demand = next(t for t in markers(fig) if "demand" in list(t.customdata))
    assert demand.marker.symbol == "circle"


def test_year_event_spans_the_whole_year_pale(seed_events):
    """ "since 1999": a bar over all of 1999, not a point on 1 January."""
    fig = build_figure(seed_events)
    ((x, _),) = marker_points(fig)["pushout"]
    assert ms("1999-06-01") < x < ms("1999-08-01")  # its marker sits mid-year
    assault_bars = [t for t in bars(fig) if t.legendgroup == "ASSAULT"]
    assert len(assault_bars) == 1
    bar = assault_bars[0]
    assert list(bar.x[:2]) == [ms("1999-01-01"), ms("2000-01-01")]
    assert np.isnan(bar.x[2])  # segments separated by gaps
    assert bar.opacity < 0.5  # coarse: pale
    week = next(t for t in bars(fig) if t.legendgroup == "PROTEST")
    assert list(week.x[:2]) == [ms("2022-12-08"), ms("2022-12-16")]  # end day included


def test_exact_range_is_a_solid_bar():
    frame = new_frame(
        [
            {
                "event_id": "talks",
                "start": "2022-12-10",
                "end": "2022-12-12",
                "precision": "day",
                "actors": ["European Union"],
                "event_type": "AGREE",
                "sentence": "Talks were held from 10 to 12 December.",
            }
        ]
    )
    fig = build_figure(frame)
    (bar,) = bars(fig)
    assert bar.opacity > 0.5
    assert list(bar.x[:2]) == [ms("2022-12-10"), ms("2022-12-13")]


def test_colours_follow_the_fixed_palette(seed_events):
    fig = build_figure(seed_events)
    for trace in markers(fig) + bars(fig):
        colour = trace.marker.color if trace.mode == "markers" else trace.line.color
        assert colour == EVENT_TYPE_COLOURS[trace.legendgroup]
    legend = [t.name for t in fig.data if t.showlegend is not False and t.legendgroup != "key"]
    assert legend == ["ASSAULT", "DEMAND", "PROTEST", "STATEMENT"]
    assert type_colour("DEMAND") != type_colour("REJECT")
    assert type_colour("SOMETHING_NEW") == type_colour("SOMETHING_NEW")


def test_every_documented_type_has_its_own_colour():
    types = pd.read_csv("timeline/data/event_types.csv")["event_type"].tolist()
    assert len({type_colour(t) for t in types}) == len(types)


def test_hover_is_escaped_and_complete(seed_events):
    hostile = seed_events.copy()
    hostile.loc[0, "sentence"] = 'Serbia said <script>alert("x")</script> & left.'
    hostile.loc[0, "actors"] = ["<b>Serbia</b>"]
    fig = build_figure(hostile)
    text = next(
        t.text[list(t.customdata).index("demand")]
        for t in markers(fig)
        if "demand" in list(t.customdata)
    )
    assert "<script>" not in text and "&lt;script&gt;" in text
    # Quotes stay quotes: Plotly shows "&quot;" literally (it decodes only &amp; &lt; &gt;).
    assert "&amp; left" in text and 'alert("x")' in text and "&quot;" not in text
    assert "&lt;b&gt;Serbia&lt;/b&gt;" in text
    assert "on Thursday" in text  # the date as written
    assert "15 Dec 2022" in text  # and as normalised
    assert "Countries: Serbia, Kosovo" in text
    labels = build_figure(hostile).layout.yaxis.ticktext
    assert "&lt;b&gt;Serbia&lt;/b&gt;" in labels and "<b>Serbia</b>" not in labels
    assert "DEMAND" in text
    rts = hover_texts(seed_events).iloc[1]
    assert rts.startswith("<b>Aleksandar Vucic → RTS: STATEMENT</b>")
    assert "Acted: Aleksandar Vucic · targeted: RTS" in rts


def test_hover_can_be_precomputed(seed_events):
    hover = hover_texts(seed_events)
    subset = seed_events.iloc[[0, 2]]
    fig = build_figure(subset, hover=hover)
    texts = {
        i: t for trace in markers(fig) for i, t in zip(trace.customdata, trace.text, strict=True)
    }
    assert texts["demand"] == hover.iloc[0]
    assert texts["pushout"] == hover.iloc[2]


def test_date_labels_read_as_written_precision(seed_events):
    labels = dict(zip(seed_events["event_id"], date_labels(seed_events), strict=True))
    assert labels["demand"] == "15 Dec 2022"
    assert labels["pushout"] == "1999 (year)"
    assert labels["flared"] == "8 Dec 2022 – 15 Dec 2022 (week)"
    assert labels["rejected"] == "undated"


def test_date_labels_of_coarse_ranges():
    """ "stationed in Kosovo since 1999": from the year 1999 to the publication day."""
    frame = new_frame(
        [
            {"event_id": "a", "start": "1999-01-01", "end": "2022-12-15", "precision": "year"},
            {"event_id": "b", "start": "2022-12-01", "end": "2022-12-31", "precision": "month"},
            {"event_id": "c", "start": "1990-01-01", "end": "1999-12-31", "precision": "decade"},
            {"event_id": "d", "start": "1900-01-01", "end": "1999-12-31", "precision": "century"},
            {"event_id": "e", "start": "2022-10-01", "end": "2022-12-31", "precision": "quarter"},
        ]
    )
    assert list(date_labels(frame)) == [
        "1999 – 2022 (years)",
        "Dec 2022 (month)",
        "1990s (decade)",
        "1900s (century)",
        "1 Oct 2022 – 31 Dec 2022 (quarter)",
    ]


def test_same_day_events_in_a_lane_do_not_overlap(seed_events):
    fig = build_figure(seed_events, by="country")
    serbia_dec15 = [
        (x, y)
        for ident in ("demand", "rts", "zakharova")
        for x, y in marker_points(fig)[ident]
        if lane_of(fig, y) == "Serbia"
    ]
    assert len(serbia_dec15) == 3
    assert len({y for _, y in serbia_dec15}) == 3


def test_first_view_zooms_on_the_story(seed_events):
    """December 2022 with a 1999 aside: the view opens on December, not on 24 years."""
    fig = build_figure(seed_events)
    lo, hi = fig.layout.xaxis.range
    assert ms("2022-11-25") < lo < ms("2022-12-08") and ms("2022-12-16") < hi < ms("2023-01-05")
    (note,) = fig.layout.annotations
    assert "1 earlier (from 1999)" in note.text and "“all”" in note.text
    buttons = [b.label for b in fig.layout.xaxis.rangeselector.buttons]
    assert buttons == ["1w", "1m", "1y"]
    # "all" shows everything and hides the note; "busiest" goes back to the window.
    (menu,) = fig.layout.updatemenus
    everything, busiest = menu.buttons
    assert everything.label == "all" and busiest.label == "busiest"
    assert everything.args[0]["xaxis.range"][0] < ms("1999-01-01")
    assert everything.args[0]["annotations[0].visible"] is False
    assert busiest.args[0] == {"xaxis.range": [lo, hi], "annotations[0].visible": True}


def test_articles_just_added_are_in_the_first_view(seed_events):
    """The 1999 event is off-screen when the view zooms on December, unless it is new."""
    fig = build_figure(seed_events, in_view=["pushout"])
    lo, hi = fig.layout.xaxis.range
    assert lo < ms("1999-01-01") and hi > ms("2022-12-15")
    assert not fig.layout.annotations and not fig.layout.updatemenus
    # An added event inside the window changes nothing.
    assert build_figure(seed_events, in_view=["demand"]).layout.xaxis.range == (
        build_figure(seed_events).layout.xaxis.range
    )


def test_spread_events_keep_the_full_view():
    frame = new_frame(
        {"event_id": f"e{y}", "start": f"{y}-06-01", "end": f"{y}-06-01"} for y in range(2000, 2010)
    )
    fig = build_figure(frame)
    lo, hi = fig.layout.xaxis.range
    assert lo < ms("2000-06-01") and hi > ms("2009-06-01")
    assert not fig.layout.annotations


def test_one_event_is_legible():
    frame = new_frame(
        [{"event_id": "only", "start": "2022-12-15", "end": "2022-12-15", "precision": "day"}]
    )
    fig = build_figure(frame)
    assert marker_points(fig) == {"only": [(pytest.approx(ms("2022-12-15") + DAY_MS / 2), 0.0)]}
    lo, hi = fig.layout.xaxis.range
    assert hi - lo >= 6 * DAY_MS  # a readable window around the single day
    assert fig.layout.yaxis.ticktext == ("(no actor named)",)
    assert fig.layout.xaxis.rangeslider.visible


def test_many_events_switch_to_webgl(make_events):
    small = build_figure(make_events(50))
    assert not any(isinstance(t, go.Scattergl) for t in small.data)
    big = make_events(10_000)
    fig = build_figure(big)
    drawn = [t for t in fig.data if t.customdata is not None]
    assert all(isinstance(t, go.Scattergl) for t in drawn)
    assert sum(len(t.x) for t in drawn) == sum(len(a) for a in big["actors"])
    assert len(fig.data) < 20  # one trace per type and mark, not one per event
    assert max(t.marker.size for t in drawn) < min(
        t.marker.size for t in small.data if t.customdata is not None
    )  # thousands of marks are drawn smaller


def test_too_many_lanes_share_a_last_one():
    frame = new_frame(
        {"event_id": f"e{i}", "start": "2022-12-15", "end": "2022-12-15", "actors": [f"A{i}"]}
        for i in range(12)
    )
    fig = build_figure(frame, max_lanes=5)
    assert len(fig.layout.yaxis.ticktext) == 6
    assert fig.layout.yaxis.ticktext[-1] == "7 other actors"
    assert len(marker_points(fig)) == 12


def test_nothing_to_draw(seed_events):
    undated = seed_events[seed_events["start"].isna()]
    fig = build_figure(undated)
    assert not fig.data
    assert "No dated events" in fig.layout.annotations[0].text
    assert "No events" in build_figure(new_frame()).layout.annotations[0].text


def test_figure_is_valid_plotly(seed_events):
    """The figure survives a full validation round trip (what the browser receives)."""
    fig = build_figure(seed_events)
    again = go.Figure(fig.to_dict())
    assert len(again.data) == len(fig.data)


def test_lane_counts(seed_events):
    counts = lanes_of(seed_events)
    assert counts["Serbia"] == 2
    assert counts["Germany"] == 1
    with pytest.raises(ValueError, match="lanes by"):
        build_figure(seed_events, by="city")  # type: ignore[arg-type]


# --- aggregates: events per day per lane, for views too large to draw one by one ----------


def aggregates(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    day, lane, kind, n = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "day": pd.to_datetime(list(day)).astype("datetime64[s]"),
            "lane": pd.Series(lane, dtype="string"),
            "event_type": pd.Series(kind, dtype="string"),
            "n": np.array(n, dtype=np.int64),
        }
    )


AGG = [
    ("2022-12-15", "Serbia", "DEMAND", 40),
    ("2022-12-15", "Serbia", "REJECT", 4),
    ("2022-12-16", "Kosovo", "DEMAND", 10),
    ("2022-12-16", "<script>alert(1)</script>", "PROTEST", 1),
    ("2022-12-17", "2 other actors", "STATEMENT", 60),
]


def test_aggregate_marker_per_day_lane_and_type():
    fig = build_aggregate_figure(aggregates(AGG))
    traces = {t.name: t for t in fig.data}
    assert sorted(traces) == ["DEMAND", "PROTEST", "REJECT", "STATEMENT"]
    assert sum(len(t.x) for t in fig.data) == len(AGG)
    # Busiest named lane at the top, the store's shared lane last whatever its count.
    assert list(fig.layout.yaxis.ticktext) == [
        "Serbia",
        "Kosovo",
        "&lt;script&gt;alert(1)&lt;/script&gt;",  # tick labels render tags: escaped
        "2 other actors",
    ]
    demand = traces["DEMAND"]
    # The marker sits in the middle of its day.
    assert list(demand.x) == [ms("2022-12-15") + DAY_MS / 2, ms("2022-12-16") + DAY_MS / 2]
    # Two types on one lane and day are fanned out, not drawn on top of each other.
    assert traces["REJECT"].y[0] != demand.y[0]
    assert abs(traces["REJECT"].y[0] - demand.y[0]) < 0.5
    # No event ids: each marker names its period, to narrow the view to it when picked.
    assert list(demand.customdata) == ["2022-12-15/2022-12-15", "2022-12-16/2022-12-16"]
    assert period_of(demand.customdata[0]) == (dt.date(2022, 12, 15),) * 2
    assert period_of("demand") is None


def test_aggregate_periods_by_week_month_and_year():
    for days, wanted in (
        (["2022-12-05", "2022-12-12", "2022-12-19"], "2022-12-12/2022-12-18"),
        (["2022-01-01", "2022-02-01", "2022-12-01"], "2022-02-01/2022-02-28"),
        (["2020-01-01", "2021-01-01", "2024-01-01"], "2021-01-01/2021-12-31"),
    ):
        frame = aggregates([(d, "Serbia", "DEMAND", 2) for d in days])
        (trace,) = build_aggregate_figure(frame).data
        assert trace.customdata[1] == wanted


def test_aggregate_colours_and_legend_as_the_event_figure():
    fig = build_aggregate_figure(aggregates(AGG))
    for trace in fig.data:
        assert trace.marker.color == EVENT_TYPE_COLOURS[trace.name]
        assert trace.legendgroup == trace.name and trace.showlegend is not False
    assert fig.layout.legend.title.text == "Event type"


def test_aggregate_marker_size_grows_with_the_count():
    fig = build_aggregate_figure(aggregates(AGG))
    size = {
        (t.name, round(float(y))): float(s)
        for t in fig.data
        for y, s in zip(t.y, t.marker.size, strict=True)
    }
    assert size[("STATEMENT", 0)] > size[("DEMAND", 3)] > size[("DEMAND", 2)]
    assert size[("DEMAND", 2)] > size[("REJECT", 3)] > size[("PROTEST", 1)]


def test_aggregate_hover_is_escaped_and_complete():
    fig = build_aggregate_figure(aggregates(AGG))
    (protest,) = [t for t in fig.data if t.name == "PROTEST"]
    text = protest.text[0]
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "16 Dec 2022" in text and "1 event(s)" in text and "PROTEST" in text
    (demand,) = [t for t in fig.data if t.name == "DEMAND"]
    assert demand.text[0] == "<b>DEMAND</b> · Serbia<br>15 Dec 2022<br>40 event(s)"
    assert demand.hovertemplate == "%{text}<extra></extra>"


def test_aggregate_says_what_it_is_and_keeps_the_range_slider():
    fig = build_aggregate_figure(aggregates(AGG), by="country")
    assert fig.layout.title.text == (
        "Aggregate: 115 events per day and country; click a circle or filter to see single events"
    )
    assert fig.layout.xaxis.rangeslider.visible
    assert fig.layout.yaxis.title.text == "Country"
    fig.to_dict()  # valid for plotly


def test_aggregate_bucket_is_read_from_the_days():
    months = [(f"2022-{m:02d}-01", "Serbia", "DEMAND", m) for m in range(1, 6)]
    fig = build_aggregate_figure(aggregates(months))
    assert "events per month" in fig.layout.title.text
    assert fig.data[0].text[0].endswith("<br>Jan 2022<br>1 event(s)")
    # The marker sits in the middle of its month, not on its first day.
    assert fig.data[0].x[0] > ms("2022-01-14")
    weeks = [(d, "Serbia", "DEMAND", 1) for d in ("2022-12-05", "2022-12-12", "2022-12-19")]
    assert "per week" in build_aggregate_figure(aggregates(weeks)).layout.title.text
    days = [(d, "Serbia", "DEMAND", 1) for d in ("2022-12-05", "2022-12-06", "2022-12-19")]
    assert "per day" in build_aggregate_figure(aggregates(days)).layout.title.text


def test_many_aggregates_switch_to_webgl():
    days = pd.date_range("2020-01-01", periods=1500, freq="D").strftime("%Y-%m-%d")
    fig = build_aggregate_figure(aggregates([(d, "Serbia", "DEMAND", 2) for d in days]))
    assert isinstance(fig.data[0], go.Scattergl)
    assert isinstance(build_aggregate_figure(aggregates(AGG)).data[0], go.Scatter)


def test_no_aggregates_to_draw():
    empty = aggregates(AGG).iloc[0:0]
    fig = build_aggregate_figure(empty)
    assert not fig.data and fig.layout.annotations[0].text == "No dated events to draw"
    with pytest.raises(ValueError, match="lanes by"):
        build_aggregate_figure(aggregates(AGG), by="city")  # type: ignore[arg-type]


def test_hover_lists_every_source_of_a_merged_event(seed_events):
    merged = seed_events.assign(
        sources=[["Reuters", "B92 <live>"], ["Reuters"], [], [], [], []],
    )
    texts = hover_texts(merged)
    assert texts.iloc[0].endswith("2 sources: Reuters; B92 &lt;live&gt;")
    assert texts.iloc[1].endswith("Source: " + seed_events["source"].iloc[1])


def legend_entries(fig: go.Figure) -> list[str]:
    return [t.name for t in fig.data if t.showlegend is not False]


@pytest.mark.parametrize("by", ["actor", "country"])
def test_every_type_and_mark_is_in_one_legend_that_fits(by):
    """All 15 types on one day in one lane: the legend lists every type, then the marks,
    and the figure is tall enough to show it all (in images too, which do not scroll)."""
    types = pd.read_csv("timeline/data/event_types.csv")["event_type"].tolist()
    frame = new_frame(
        event(event_id=f"t{i}", event_type=t, actors=["Serbia"], countries=["Serbia"])
        for i, t in enumerate(types)
    )
    fig = build_figure(frame, by=by)
    entries = legend_entries(fig)
    assert entries[: len(types)] == sorted(types)
    assert entries[len(types) :][:1] == ["a single day"] and len(entries) == len(types) + 4
    assert {t.legend for t in fig.data} == {"legend"}  # no second legend to overlap it
    assert fig.layout.height >= fig.layout.margin.t + 25 * len(entries) + 3 * 30
    assert len({t.marker.color for t in fig.data if t.legendgroup in types}) == len(types)


def test_marks_of_one_day_fan_out_within_their_lane():
    # 29 events of one day, and a year-long bar whose middle falls on that same day.
    frame = new_frame(
        [
            *(
                event(event_id=f"d{i}", start="2022-07-02", end="2022-07-02", actors=["Serbia"])
                for i in range(29)
            ),
            event(
                event_id="year",
                start="2022-01-01",
                end="2022-12-31",
                precision="year",
                actors=["Serbia"],
            ),
            event(event_id="other", start="2022-07-02", end="2022-07-02", actors=["Kosovo"]),
        ]
    )
    fig = build_figure(frame)
    points = marker_points(fig)
    serbia = [y for ident, ys in points.items() if ident != "other" for _, y in ys]
    lane = round(float(np.median(serbia)))
    assert len(set(serbia)) == 30  # every mark of the day on its own line, the bar's too
    assert max(abs(y - lane) for y in serbia) <= 0.3
    (kosovo,) = points["other"]
    assert abs(kosovo[1] - round(kosovo[1])) < 1e-9  # alone in its lane: on the line


def test_hover_texts_not_made_yet_are_made_for_the_drawn_events(make_events):
    frame = make_events(6)
    hover = unmade_hover(frame)
    assert hover.isna().all() and hover.index.equals(frame.index)
    hover.iloc[0] = "kept as given"
    fig = build_figure(frame.iloc[:3], hover=hover)
    texts = {
        str(i): text
        for trace in markers(fig)
        for i, text in zip(trace.customdata, trace.text, strict=True)
    }
    first, second, third = frame["event_id"].iloc[:3]
    assert texts[first] == "kept as given"
    assert texts[second] == hover_texts(frame.iloc[[1]]).iloc[0]
    assert texts[third] == hover_texts(frame.iloc[[2]]).iloc[0]
    assert hover.iloc[1:].isna().all()  # the caller's texts are left as they were
