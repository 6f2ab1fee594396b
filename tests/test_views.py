"""The views of timeline.views, tested as data: what each figure holds."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from conftest import event

from timeline.schema import new_frame
from timeline.views._common import actor_pairs, period_start, pick_period
from timeline.views.intensity import build_intensity, counts_per_period, scores_per_period
from timeline.views.network import build_network, network_of
from timeline.views.scores import event_scores, goldstein
from timeline.views.summary import build_summary, default_window, summarise
from timeline.views.world_map import build_map, counts_by_country, shapes


def day(i: int, **fields) -> dict:
    """An event on day `i` of December 2022."""
    date = f"2022-12-{i:02d}"
    fields.setdefault("event_id", f"d{i}-{fields.get('event_type', 'X')}")
    return event(start=date, end=date, **fields)


# --- scores -------------------------------------------------------------------------------


def test_every_type_has_a_documented_score_in_range():
    table = pd.read_csv("timeline/data/event_types.csv", keep_default_na=False)
    assert (table["goldstein"].astype(str).str.strip() != "").all()
    assert table["goldstein"].astype(float).between(-10, 10).all()
    assert (table["goldstein_basis"].str.len() > 5).all()
    scores = goldstein()
    assert scores["ASSAULT"] < scores["THREATEN"] < scores["DEMAND"] < 0
    assert scores["AGREE"] > scores["MEET"] > 0 and scores["STATEMENT"] == 0


def test_unknown_types_score_zero():
    values = event_scores(pd.Series(["ASSAULT", "NO_SUCH_TYPE", None], dtype="string"))
    assert values[0] == goldstein()["ASSAULT"] and values[1] == 0 and values[2] == 0


# --- periods and pairs ----------------------------------------------------------------------


def test_periods_start_on_mondays_first_days_and_new_year():
    days = np.array(["2022-12-15", "2022-12-19", "2023-01-01"], dtype="datetime64[D]")
    assert list(period_start(days, "week").astype(str)) == [
        "2022-12-12",
        "2022-12-19",
        "2022-12-26",
    ]
    assert str(period_start(days, "month")[0]) == "2022-12-01"
    assert str(period_start(days, "year")[2]) == "2023-01-01"
    d = np.datetime64
    assert pick_period(d("2022-12-01"), d("2022-12-31")) == "day"
    assert pick_period(d("2022-01-01"), d("2022-12-31")) == "week"
    assert pick_period(d("2015-01-01"), d("2022-12-31")) == "month"
    assert pick_period(d("1950-01-01"), d("2022-12-31")) == "year"


def test_pairs_come_from_targets_and_skip_reflexive_ones():
    frame = new_frame(
        [
            day(1, actors=["Serbia"], targets=["Kosovo", "Serbia"]),
            day(2, actors=["NATO"], targets=[]),
        ]
    )
    rows, actors, targets = actor_pairs(frame)
    assert list(rows) == [0] and list(actors) == ["Serbia"] and list(targets) == ["Kosovo"]


# --- intensity ------------------------------------------------------------------------------


def test_intensity_counts_per_day_and_leaves_out_coarse_dates(seed_events):
    counts, period, coarse = counts_per_period(seed_events, period="day")
    assert period == "day"
    # The 1999 year and the week-long "flared" are longer than a day: not counted.
    assert coarse == 2
    assert counts.to_dict("records") == [
        {"period": pd.Timestamp("2022-12-15"), "group": "DEMAND", "n": 1},
        {"period": pd.Timestamp("2022-12-15"), "group": "STATEMENT", "n": 2},
    ]
    weekly, _, coarse = counts_per_period(seed_events, period="week")
    # the week 8-15 Dec is 8 days long ("during the past week" up to the 15th): still coarse
    assert coarse == 2 and weekly["n"].sum() == 3
    monthly, _, coarse = counts_per_period(seed_events, period="month")
    assert coarse == 1 and monthly["n"].sum() == 4


def test_intensity_stacks_by_actor_with_the_rest_grouped():
    frame = new_frame(
        [day(1, actors=["A", "B"]), day(1, actors=["A"]), day(2, actors=["C"]), day(2)]
    )
    counts, _, _ = counts_per_period(frame, period="day", stack="actor", top=1)
    got = {(str(r.period.date()), r.group): r.n for r in counts.itertuples()}
    # B, C and the event naming nobody share the "other" group.
    assert got == {
        ("2022-12-01", "A"): 2,
        ("2022-12-01", "3 other actors"): 1,
        ("2022-12-02", "3 other actors"): 2,
    }


def test_score_line_is_the_mean_per_period_overall_and_per_pair():
    g = goldstein()
    frame = new_frame(
        [
            day(1, event_type="ASSAULT", actors=["Serbia"], targets=["Kosovo"]),
            day(1, event_type="AGREE", actors=["Kosovo"], targets=["Serbia"]),
            day(2, event_type="ASSAULT", actors=["Serbia"], targets=["Kosovo"]),
        ]
    )
    scores, _ = scores_per_period(frame, period="day", pairs=2)
    rows = {(r.series, str(r.period.date())): (r.score, r.n) for r in scores.itertuples()}
    assert rows[("all events", "2022-12-01")] == ((g["ASSAULT"] + g["AGREE"]) / 2, 2)
    assert rows[("Serbia → Kosovo", "2022-12-02")] == (g["ASSAULT"], 1)
    assert rows[("Kosovo → Serbia", "2022-12-01")] == (g["AGREE"], 1)
    summed, _ = scores_per_period(frame, period="day", mode="sum", pairs=0)
    assert summed["score"].tolist() == [g["ASSAULT"] + g["AGREE"], g["ASSAULT"]]


def no_targets(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` as the parser gave it before the roles stage: no targets."""
    return frame.assign(targets=[[] for _ in range(len(frame))])


def test_score_lines_fall_back_to_actors_without_targets(seed_events):
    scores, _ = scores_per_period(no_targets(seed_events), period="day", pairs=5)
    assert set(scores["series"]) == {"all events", "Serbia", "Aleksandar Vucic", "Maria Zakharova"}


def test_intensity_figure_bars_lines_and_click_data(seed_events):
    fig = build_intensity(seed_events, period="day")
    bars = [t for t in fig.data if t.type == "bar"]
    lines = [t for t in fig.data if t.type == "scatter"]
    assert sorted(t.name for t in bars) == ["DEMAND", "STATEMENT"]
    demand = next(t for t in bars if t.name == "DEMAND")
    assert demand.marker.color == "#0072B2"
    assert tuple(demand.customdata[0][:2]) == ("2022-12-15", "2022-12-15")
    assert lines[0].name == "all events" and lines[0].yaxis == "y2"
    notes = " ".join(a.text for a in fig.layout.annotations)
    assert "2 event(s) dated more coarsely than a day not counted" in notes
    assert "peak: 3" in notes
    weekly = build_intensity(seed_events, period="week", stack="country")
    custom = next(t for t in weekly.data if t.type == "bar").customdata[0]
    assert tuple(custom[:3]) == ("2022-12-12", "2022-12-18", "week of 12 Dec 2022")


def test_intensity_of_nothing_says_so(seed_events):
    fig = build_intensity(seed_events.iloc[:0])
    assert "No dated events" in fig.layout.annotations[0].text
    fig = build_intensity(seed_events[seed_events["event_id"] == "pushout"], period="day")
    assert "choose a longer period" in fig.layout.annotations[0].text
    with pytest.raises(ValueError, match="unknown period"):
        build_intensity(seed_events, period="fortnight")


# --- network --------------------------------------------------------------------------------


def test_network_arrows_follow_targets_width_and_score():
    g = goldstein()
    frame = new_frame(
        [
            day(1, event_type="ASSAULT", actors=["Serbia"], targets=["Kosovo"]),
            day(2, event_type="THREATEN", actors=["Serbia"], targets=["Kosovo"]),
            day(3, event_type="AGREE", actors=["Kosovo"], targets=["EU"]),
        ]
    )
    net = network_of(frame)
    assert net.directed
    edges = {(r.actor, r.target): (r.events, r.score) for r in net.edges.itertuples()}
    assert edges == {
        ("Serbia", "Kosovo"): (2, (g["ASSAULT"] + g["THREATEN"]) / 2),
        ("Kosovo", "EU"): (1, g["AGREE"]),
    }
    assert dict(zip(net.nodes["name"], net.nodes["events"], strict=True)) == {
        "Kosovo": 3,
        "Serbia": 2,
        "EU": 1,
    }
    fig = build_network(frame)
    arrows = [t for t in fig.data if t.mode == "lines+markers"]
    # Two classes: the heavier, conflictual pair is wider and redder than the other.
    assert len(arrows) == 2
    heavy = max(arrows, key=lambda t: t.line.width)
    light = min(arrows, key=lambda t: t.line.width)
    red = lambda c: int(c[1:3], 16) - int(c[5:7], 16)  # noqa: E731
    assert red(heavy.line.color) > 0 > red(light.line.color)
    assert all(m.symbol == "arrow" for m in (heavy.marker, light.marker))
    nodes = next(t for t in fig.data if t.name == "actors")
    assert sorted(nodes.customdata) == ["EU", "Kosovo", "Serbia"]
    assert "arrow: actor → target" in fig.layout.annotations[0].text


def test_network_without_targets_joins_actors_named_together(seed_events):
    seed_events = no_targets(seed_events)
    net = network_of(seed_events)
    assert not net.directed
    assert [(r.actor, r.target) for r in net.edges.itertuples()] == [
        ("Germany", "United States"),
        ("Kosovo", "Serbia"),
    ]
    fig = build_network(seed_events)
    assert "lines join actors named together" in fig.layout.annotations[0].text
    assert not any(t.mode == "lines+markers" for t in fig.data)


def test_network_keeps_the_busiest_and_counts_the_rest():
    rows = [
        day(1 + i % 28, event_id=f"e{i}", actors=[f"Actor {i % 100}"], targets=["Hub"])
        for i in range(300)
    ]
    fig = build_network(new_frame(rows), top=20)
    nodes = next(t for t in fig.data if t.name == "actors")
    assert len(nodes.customdata) == 20 and "Hub" in nodes.customdata
    assert "the 20 busiest of 101 actors; 81 others" in fig.layout.annotations[0].text


def test_network_of_no_actors_says_so(seed_events):
    nobody = no_targets(seed_events).assign(actors=[[] for _ in range(len(seed_events))])
    assert "No actors" in build_network(nobody).layout.annotations[0].text


# --- map ------------------------------------------------------------------------------------


def test_shapes_ship_with_kosovo_and_fixed_codes():
    codes = {s.code for s in shapes()}
    assert {"XKX", "SRB", "FRA", "NOR", "USA"} <= codes
    assert "ATA" not in codes  # Antarctica left out
    kosovo = next(s for s in shapes() if s.code == "XKX")
    serbia = next(s for s in shapes() if s.code == "SRB")
    # Kosovo lies just south of Serbia's centre, and is small.
    assert kosovo.centre[1] < serbia.centre[1]
    assert np.nanmax(kosovo.x) - np.nanmin(kosovo.x) < np.nanmax(serbia.x) - np.nanmin(serbia.x)


def test_map_counts_countries_once_per_event(seed_events):
    counts = counts_by_country(seed_events)
    assert dict(zip(counts["code"], counts["events"], strict=True)) == {
        "SRB": 5,
        "XKX": 3,
        "DEU": 1,
        "RUS": 1,
        "USA": 1,
    }


def test_map_draws_offline_with_classes_and_dots(seed_events):
    fig = build_map(seed_events)
    # Plain filled shapes on cartesian axes: nothing for Plotly to fetch (no geo subplot,
    # no locationmode, no map tiles).
    assert {t.type for t in fig.data} == {"scatter"}
    assert "geo" not in fig.to_dict()["layout"] and "map" not in fig.to_dict()["layout"]
    classes = [t.name for t in fig.data if t.fill == "toself"]
    assert classes == ["no events", "1–2", "3–5"]
    dots = fig.data[-1]
    assert sorted(dots.customdata) == ["Germany", "Kosovo", "Russia", "Serbia", "United States"]
    assert any("Kosovo</b><br>3 event(s)" in t for t in dots.text)


def test_map_of_a_pair_and_of_small_countries():
    frame = new_frame(
        [
            day(
                1,
                actors=["Serbia"],
                targets=["Kosovo"],
                countries=["Serbia", "Kosovo"],
                country_codes=["SRB", "XKX"],
            ),
            day(
                2, actors=["Malta"], targets=["Kosovo"], countries=["Malta"], country_codes=["MLT"]
            ),
        ]
    )
    fig = build_map(frame, pair=("Serbia", "Kosovo"))
    assert sorted(fig.data[-1].customdata) == ["Kosovo", "Serbia"]
    assert "countries of the events of Serbia → Kosovo" in fig.layout.annotations[0].text
    everything = build_map(frame)
    assert "too small for this map: Malta (1)" in everything.layout.annotations[0].text


# --- summary --------------------------------------------------------------------------------


def test_summary_compares_with_the_period_before():
    frame = new_frame(
        [
            day(1, event_id="a", actors=["Serbia"], event_type="DEMAND", source="One"),
            day(2, event_id="b", actors=["Serbia"], event_type="DEMAND", source="One"),
            day(
                12,
                event_id="c",
                actors=["Serbia", "NATO"],
                event_type="ASSAULT",
                source="Two",
                article_id="two",
            ),
            event(
                event_id="u",
                start=None,
                end=None,
                precision=None,
                source="Three",
                article_id="three",
            ),
        ]
    )
    summary = summarise(frame, (dt.date(2022, 12, 11), dt.date(2022, 12, 20)))
    assert summary.previous_window == (dt.date(2022, 12, 1), dt.date(2022, 12, 10))
    assert (summary.events, summary.events_now, summary.events_before) == (2, 1, 2)
    assert (summary.articles, summary.sources, summary.undated) == (2, 2, 1)
    by_name = {t.name: t for t in summary.actors}
    assert (
        by_name["Serbia"].change_words() == "−1 (−50%)" and by_name["NATO"].change_words() == "new"
    )
    assert [t.name for t in summary.event_types] == ["ASSAULT"]
    everything = summarise(frame)
    assert (
        everything.window == default_window(frame) == (dt.date(2022, 11, 13), dt.date(2022, 12, 12))
    )
    assert (everything.events, everything.undated) == (4, 1)


def test_summary_counts_every_source_of_merged_reports(seed_events):
    merged = seed_events.assign(sources=[["A", "B"], ["A"], ["C"], ["A"], ["D"], ["A"]])
    assert summarise(merged).sources == 5  # A, B, C, D and the article's own title


def test_summary_figure_holds_the_three_lists(seed_events):
    fig = build_summary(summarise(seed_events))
    now = [t for t in fig.data if t.legendgroup == "now"]
    assert [t.name for t in now] == ["this window", "Top countries", "Top event types"]
    assert "Serbia" in now[1].y and "STATEMENT" in now[2].y
    assert "<b>6</b> events" in fig.layout.annotations[0].text
