"""The DuckDB event store: SQL pushdown gives the rows pandas filtering gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.chart import lanes_of
from timeline.corpus import write_dataset
from timeline.filters import Filters, apply
from timeline.schema import new_frame
from timeline.store import EventStore, StoreError

ACTORS = ["Serbia", "Kosovo", "Aleksandar Vucic", "Albin Kurti", "NATO", "Maria Zakharova"]
COUNTRIES = ["Serbia", "Kosovo", "Russia", "Czechia", "United States"]
TYPES = ["DEMAND", "REQUEST", "STATEMENT", "PROTEST", "MOBILIZE"]
SENTENCES = [
    "Serbia on Thursday formally demanded that its security forces return to Kosovo.",
    "Vucic told state RTS television that the government asked the commander of KFOR.",
    "Shots were fired from the barricades.",
    "Serbs make up less than 10 percent of Kosovo's population.",
    "The “request” says that from one hundred to up to 1,000 troops return.",
    "Kosovo_Online reported 100% turnout; O'Brien said so.",
]


def make_frame(n: int = 600, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        undated = rng.random() < 0.15
        start = dt.date(2022, 11, 1) + dt.timedelta(days=int(rng.integers(0, 90)))
        precision = ["day", "day", "week", "month", "year"][int(rng.integers(0, 5))]
        length = {"day": 0, "week": 6, "month": 30, "year": 364}[precision]
        k = int(rng.integers(0, 3))  # 0, 1 or 2 actors
        actors = list(dict.fromkeys(rng.choice(ACTORS, k).tolist())) if k else []
        countries = list(dict.fromkeys(rng.choice(COUNTRIES, int(rng.integers(0, 3))).tolist()))
        # 0 or 1 target, never one of the event's actors
        others = [a for a in ACTORS if a not in actors]
        targets = [str(rng.choice(others))] if rng.random() < 0.5 else []
        rows.append(
            {
                "event_id": f"e{i:04d}",
                "article_id": f"a{i // 10:03d}",
                "source": f"Article {i // 10}",
                "source_path": f"a{i // 10:03d}.txt",
                "published": start if rng.random() < 0.9 else None,
                "sentence": SENTENCES[i % len(SENTENCES)],
                "text": SENTENCES[i % len(SENTENCES)][:40],
                "char_start": i,
                "char_end": i + 40,
                "start": None if undated else start,
                "end": None if undated else start + dt.timedelta(days=length),
                "precision": None if undated else precision,
                "time_expression": None if undated else "on Thursday",
                "date_basis": "none" if undated else "explicit",
                "actors": actors,
                "targets": targets,
                "countries": countries,
                "country_codes": [],
                "event_type": TYPES[i % len(TYPES)],
            }
        )
    return new_frame(rows)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return make_frame()


@pytest.fixture(scope="module")
def dataset(frame: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ds")
    write_dataset(frame, folder)
    return folder


@pytest.fixture(scope="module", params=["in-memory", "parquet-scan"])
def store(dataset: Path, request: pytest.FixtureRequest) -> Iterator[EventStore]:
    with EventStore(dataset, materialize=request.param == "in-memory") as opened:
        assert opened.materialized == (request.param == "in-memory")
        yield opened


FILTERS = [
    Filters(),
    Filters(actors=("Serbia",)),
    Filters(actors=("Serbia", "NATO")),
    Filters(countries=("Kosovo",)),
    Filters(actors=("Aleksandar Vucic",), countries=("Russia", "Serbia")),
    Filters(event_types=("DEMAND", "PROTEST")),
    Filters(start=dt.date(2022, 12, 1)),
    Filters(end=dt.date(2022, 12, 15)),
    Filters(start=dt.date(2022, 12, 8), end=dt.date(2022, 12, 15), include_undated=False),
    Filters(start=dt.date(2022, 12, 8), end=dt.date(2022, 12, 15)),
    Filters(include_undated=False),
    Filters(text="rts television"),
    Filters(text="100%"),
    Filters(text="kosovo_"),
    Filters(text="O'Brien"),
    Filters(text="“request”"),
    Filters(text="'; DROP TABLE events; --"),
    Filters(actors=("Nobody",)),
    Filters(actors=("Serbia",), actor_role="acted"),
    Filters(actors=("Serbia",), actor_role="target"),
    Filters(actors=("Serbia", "NATO"), actor_role="target", countries=("Kosovo",)),
    Filters(actors=("Nobody",), actor_role="acted"),
    Filters(
        actors=("Serbia",),
        countries=("Kosovo",),
        event_types=("DEMAND",),
        start=dt.date(2022, 11, 15),
        end=dt.date(2023, 1, 10),
        text="forces",
    ),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.describe() or "all")
def test_sql_filters_give_the_rows_of_pandas_filters(
    store: EventStore, frame: pd.DataFrame, filters: Filters
) -> None:
    want = apply(frame, filters).sort_values("event_id", ignore_index=True)
    got = store.events(filters).sort_values("event_id", ignore_index=True)
    assert store.count(filters) == len(want)
    pd.testing.assert_frame_equal(got, want)


def test_filters_may_be_a_dict_or_any_object(store: EventStore, frame: pd.DataFrame) -> None:
    as_dict = {"actors": ["Serbia"], "start": "2022-12-01", "include_undated": False}
    expected = apply(
        frame, Filters(actors=("Serbia",), start=dt.date(2022, 12, 1), include_undated=False)
    )
    assert store.count(as_dict) == len(expected)


def test_events_are_ordered_by_date_and_paged(store: EventStore, frame: pd.DataFrame) -> None:
    page = store.events(limit=50, offset=10)
    assert len(page) == 50
    everything = store.events()
    assert page["event_id"].tolist() == everything["event_id"].iloc[10:60].tolist()
    starts = everything["start"].dropna()
    assert starts.is_monotonic_increasing
    assert everything["start"].iloc[-1] is pd.NaT
    filters = Filters(actors=("Serbia",))
    dated, undated = store.events(filters, dated=True), store.events(filters, dated=False)
    assert dated["start"].notna().all() and undated["start"].isna().all()
    assert len(dated) + len(undated) == store.count(filters) and len(undated) > 0


@pytest.mark.parametrize("by", ["actor", "country"])
def test_lanes_count_like_the_chart(store: EventStore, frame: pd.DataFrame, by: str) -> None:
    lanes = store.lanes(by)
    expected = lanes_of(frame, by)  # type: ignore[arg-type]
    assert dict(zip(lanes["lane"], lanes["n"], strict=True)) == expected.to_dict()
    assert lanes["n"].is_monotonic_decreasing
    filtered = store.lanes(by, Filters(event_types=("DEMAND",)))
    assert filtered["n"].sum() == lanes_of(apply(frame, Filters(event_types=("DEMAND",))), by).sum()  # type: ignore[arg-type]


def test_event_types_and_date_range(store: EventStore, frame: pd.DataFrame) -> None:
    types = store.event_types()
    assert dict(zip(types["event_type"], types["n"], strict=True)) == (
        frame["event_type"].value_counts().to_dict()
    )
    first, last = store.date_range()
    assert first == frame["start"].min().date()
    assert last == frame["end"].max().date()


@pytest.mark.parametrize("bucket", ["day", "week", "month", "year"])
def test_daily_aggregates_add_up(store: EventStore, frame: pd.DataFrame, bucket: str) -> None:
    filters = Filters(countries=("Kosovo", "Serbia"))
    daily = store.daily(filters, by="actor", bucket=bucket)
    dated = apply(frame, filters).dropna(subset=["start"])
    # One count per event and lane, as the chart draws an event in each of its lanes.
    assert daily["n"].sum() == sum(max(1, len(a)) for a in dated["actors"])
    assert not daily.duplicated(["day", "lane", "event_type"]).any()
    if bucket == "day":
        serbia = dated[dated["actors"].map(lambda a: "Serbia" in a)]
        want = serbia.groupby([serbia["start"], "event_type"]).size()
        got = daily[daily["lane"] == "Serbia"].set_index(["day", "event_type"])["n"]
        assert got.to_dict() == {(pd.Timestamp(d), t): n for (d, t), n in want.items()}
    if bucket == "month":
        assert (daily["day"].dt.day == 1).all()


def test_view_switches_to_aggregates_past_the_point_budget(store: EventStore) -> None:
    small = store.view(Filters(actors=("Albin Kurti",)), max_points=10_000)
    assert not small.aggregated and small.events is not None
    assert (
        len(small.events)
        == small.dated
        < small.total
        == store.count(Filters(actors=("Albin Kurti",)))
    )
    assert small.events["start"].notna().all()
    big = store.view(Filters(), max_points=100)
    assert big.aggregated and big.aggregates is not None and big.events is None
    assert big.total == store.count() and big.aggregates["n"].sum() >= big.dated
    # Many undated events and few dated ones: the dated ones are drawn.
    few = store.view(Filters(start=dt.date(2022, 11, 1), end=dt.date(2022, 11, 2)), max_points=50)
    assert few.total > 50 >= few.dated and few.events is not None
    assert len(few.events) == few.dated
    # 600 events over three months: too many rows by day or week, few enough by month.
    assert (big.aggregates["day"].dt.day == 1).all()
    assert len(big.aggregates) <= 100
    assert len(store.daily(Filters(), bucket="week")) > 100
    # The bucket is chosen on estimated row counts: give the estimate some room.
    weeks = len(store.daily(Filters(), bucket="week"))
    weekly = store.view(Filters(), max_points=int(weeks * 1.1))
    assert weekly.aggregates is not None
    assert (weekly.aggregates["day"].dt.day_of_week == 0).all()


def test_store_reads_a_frame_a_file_and_only_committed_parts(
    frame: pd.DataFrame, tmp_path: Path
) -> None:
    from timeline.export import write_events

    assert EventStore(frame=frame).count() == len(frame)
    write_events(frame, tmp_path / "events.parquet")
    assert EventStore(tmp_path / "events.parquet").count() == len(frame)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert EventStore(empty).count() == 0
    assert EventStore(empty).lanes().empty
    with pytest.raises(StoreError, match="no such dataset"):
        EventStore(tmp_path / "missing")


def test_by_default_the_copy_in_memory_loads_behind_the_scenes(
    dataset: Path, frame: pd.DataFrame
) -> None:
    filters = Filters(actors=("Serbia",), text="rts")
    want = set(apply(frame, filters)["event_id"])
    with EventStore(dataset) as store:
        assert set(store.events(filters)["event_id"]) == want  # files or copy, whichever
        assert store.wait(timeout=30)
        assert set(store.events(filters)["event_id"]) == want
    closed_while_loading = EventStore(dataset)
    closed_while_loading.close()
    with EventStore(dataset, materialize=False) as scanning:
        assert not scanning.wait()


def test_lists_round_trip(store: EventStore, frame: pd.DataFrame) -> None:
    got = store.events().set_index("event_id")
    want = frame.set_index("event_id")
    for column in ("actors", "countries"):
        assert got[column].loc[want.index].tolist() == want[column].tolist()
    assert set(chain.from_iterable(got["actors"])) <= set(ACTORS)


_WORDS = ["serbia", "RTS", "barricades", "%", "_", "'", "“", "percent", "troops return", ""]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    actors=st.lists(st.sampled_from([*ACTORS, "Nobody"]), max_size=3, unique=True),
    countries=st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True),
    types=st.lists(st.sampled_from(TYPES), max_size=2, unique=True),
    start=st.one_of(st.none(), st.dates(dt.date(2022, 10, 1), dt.date(2023, 3, 1))),
    days=st.one_of(st.none(), st.integers(0, 60)),
    text=st.sampled_from(_WORDS),
    include_undated=st.booleans(),
)
def test_any_filters_give_the_rows_of_pandas(
    store: EventStore,
    frame: pd.DataFrame,
    actors: list[str],
    countries: list[str],
    types: list[str],
    start: dt.date | None,
    days: int | None,
    text: str,
    include_undated: bool,
) -> None:
    end = None if days is None else (start or dt.date(2022, 12, 1)) + dt.timedelta(days=days)
    filters = Filters(
        actors=tuple(actors),
        countries=tuple(countries),
        event_types=tuple(types),
        start=start,
        end=end,
        text=text,
        include_undated=include_undated,
    )
    want = set(apply(frame, filters)["event_id"])
    assert set(store.events(filters)["event_id"]) == want
    assert store.count(filters) == len(want)


def test_article_filter_in_sql_as_in_pandas(make_events) -> None:
    from timeline.filters import Filters, apply
    from timeline.store import EventStore

    frame = make_events(60, seed=9)
    frame["article_id"] = [f"a{i % 4}" for i in range(len(frame))]
    wanted = Filters(articles=("a1", "a3"))
    with EventStore(frame=frame) as store:
        got = set(store.events(wanted)["event_id"])
    assert got == set(apply(frame, wanted)["event_id"]) and len(got) == 30
