"""What the dashboard reads and draws (timeline.view), checked without Streamlit."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from timeline import store as event_store
from timeline import view
from timeline.corpus import MANIFEST, write_dataset
from timeline.filters import Filters, apply
from timeline.store import EventStore


@pytest.fixture
def dataset(tmp_path: Path, make_events) -> tuple[Path, pd.DataFrame]:
    frame = make_events(300, seed=5)
    folder = tmp_path / "data" / "events"
    write_dataset(frame, folder)
    return folder, frame


def _aggregates(store: EventStore, by: str, max_points: int) -> pd.DataFrame:
    """The store's view as aggregates (None only when it lists the events themselves)."""
    aggregates = store.view(None, by, max_points=max_points).aggregates
    assert aggregates is not None
    return aggregates


def test_store_location(tmp_path: Path, dataset) -> None:
    folder, _ = dataset
    assert view.store_location(folder.parent, env={}) == folder
    assert view.store_location(tmp_path / "elsewhere", env={}) is None
    named = tmp_path / "archive.parquet"
    assert view.store_location(tmp_path / "elsewhere", env={view.STORE_ENV: str(named)}) == named
    newest = max(f.stat().st_mtime for f in folder.rglob("*.parquet"))
    assert view.data_version(folder) == newest
    (folder / MANIFEST).write_text("")
    assert view.data_version(folder) == (folder / MANIFEST).stat().st_mtime
    assert view.data_version(tmp_path / "missing") == 0.0


def test_in_memory_up_to_the_threshold(dataset, monkeypatch) -> None:
    folder, _ = dataset
    with EventStore(folder) as store:
        assert view.fits_in_memory(store)
        monkeypatch.setattr(event_store, "IN_MEMORY_MAX_EVENTS", 299)
        assert not view.fits_in_memory(store)
    assert view.can_merge(view.DEDUPE_MAX_EVENTS)
    assert not view.can_merge(view.DEDUPE_MAX_EVENTS + 1)


def test_facets_of_a_store_are_those_of_its_frame(dataset) -> None:
    folder, frame = dataset
    with EventStore(folder) as store:
        from_store = view.facets_of_store(store)
    from_frame = view.facets_of_frame(frame)
    assert from_store.actors == from_frame.actors
    assert list(from_store.actors) == list(from_frame.actors)[: len(from_store.actors)]
    assert from_store.countries == from_frame.countries
    assert from_store.event_types == from_frame.event_types
    assert from_store.bounds == from_frame.bounds


def test_draw_gives_events_or_aggregates(dataset, monkeypatch) -> None:
    folder, frame = dataset
    monkeypatch.setattr(event_store, "MAX_CHART_POINTS", 50)
    with EventStore(folder) as store:
        fig, shown = view.draw(store, Filters())
        assert shown.aggregated and shown.dated == 300
        assert fig.layout.title.text.startswith("Aggregate: ")
        narrow = Filters(actors=("NATO",), event_types=("DEMAND",))
        fig, shown = view.draw(store, narrow, by="country")
    wanted = apply(frame, narrow)
    assert 0 < len(wanted) <= 50 and shown.events is not None
    ids = {str(i) for t in fig.data if t.customdata is not None for i in t.customdata}
    assert ids == set(wanted["event_id"])
    assert fig.layout.yaxis.title.text == "Country"


def test_merged_reports_and_their_key(seed_events) -> None:
    other = seed_events.head(1).assign(
        event_id="demand-b92", article_id="b92", source="Serbia asks KFOR for troops' return"
    )
    frame = pd.concat([seed_events, other], ignore_index=True)
    merged, hover = view.merge_reports(frame)
    assert len(merged) == len(seed_events)
    (row,) = merged[merged["n_sources"] == 2].itertuples()
    assert row.event_ids == ["demand", "demand-b92"]
    assert "2 sources:" in hover[merged["n_sources"] == 2].iloc[0]
    assert view.content_key(frame) == view.content_key(frame.copy())
    assert view.content_key(frame) != view.content_key(seed_events)


def test_a_merge_is_cached_on_disk_by_content(tmp_path: Path, monkeypatch) -> None:
    from conftest import SEED_EVENTS, event

    from timeline.dedupe import deduplicate
    from timeline.schema import new_frame

    frame = new_frame(
        [
            *SEED_EVENTS,
            # A second outlet's report of the demand: merged with it.
            event(
                event_id="demand2",
                article_id="other",
                source="Another outlet",
                text="Serbia formally demanded on Thursday that its forces return",
                actors=["Serbia"],
                countries=["Serbia", "Kosovo"],
                event_type="DEMAND",
            ),
        ]
    )
    expected = deduplicate(frame).merged
    assert len(expected) == len(frame) - 1
    cache = tmp_path / "cache"
    first = view.merged_view(frame, cache)
    pd.testing.assert_frame_equal(first, expected)
    (written,) = cache.glob("merged-*.parquet")

    def no_merging(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("merged again instead of read from the cache")

    monkeypatch.setattr(view, "deduplicate", no_merging)
    again = view.merged_view(frame, cache)
    pd.testing.assert_frame_equal(again, expected)
    assert isinstance(again.loc[again["event_id"] == "demand", "sources"].iloc[0], list)

    # Other content is another key: merged (here, refused) rather than read.
    changed = frame.assign(text=frame["text"] + " again")
    with pytest.raises(AssertionError, match="merged again"):
        view.merged_view(changed, cache)

    # A damaged cache file is merged again and rewritten, not an error.
    monkeypatch.setattr(view, "deduplicate", deduplicate)
    written.write_bytes(b"not parquet")
    pd.testing.assert_frame_equal(view.merged_view(frame, cache), expected)
    assert written.read_bytes().startswith(b"PAR1")


def test_aggregates_in_memory_count_as_the_store_does(make_events) -> None:
    frame = make_events(600, seed=7)
    with EventStore(frame=frame) as store:
        for by in ("actor", "country"):
            for bucket in event_store.BUCKETS:
                pd.testing.assert_frame_equal(
                    view.aggregate(frame, by, bucket=bucket).reset_index(drop=True),
                    store.daily(None, by, bucket).reset_index(drop=True),
                )
            for limit in (500, 100, 10):
                pd.testing.assert_frame_equal(
                    view.aggregate(frame, by, max_points=limit).reset_index(drop=True),
                    _aggregates(store, by, limit).reset_index(drop=True),
                )
        few = view.aggregate(frame, "actor", bucket="month", max_lanes=3)
        pd.testing.assert_frame_equal(
            few.reset_index(drop=True), store.daily(None, "actor", "month", max_lanes=3)
        )
    assert len(set(few["lane"])) == 3 and "4 other actors" in set(few["lane"])


def test_coarser_buckets_start_from_the_days(make_events) -> None:
    """1 January 2022 is a Saturday: its week starts in 2021, its month does not."""
    frame = make_events(400, seed=2)
    months = view.aggregate(frame, "actor", max_points=60)
    assert set(months["day"].dt.day) == {1}
    assert months["day"].min() == pd.Timestamp("2022-01-01")
    with EventStore(frame=frame) as store:
        assert _aggregates(store, "actor", 60)["day"].min() == pd.Timestamp("2022-01-01")


def test_draw_frame_gives_events_or_aggregates(make_events) -> None:
    frame = make_events(120, seed=1)
    fig = view.draw_frame(frame, max_points=200)
    ids = {str(i) for t in fig.data if t.customdata is not None for i in t.customdata}
    assert ids == set(frame["event_id"])
    fig = view.draw_frame(frame, by="country", max_points=100)
    assert fig.layout.title.text.startswith("Aggregate: ")
    assert sum(len(t.x) for t in fig.data) <= 100


def test_draw_frame_draws_at_most_max_chart_points_marks_by_default(make_events) -> None:
    # A thousand marks is about what a browser paints in a second; more only hide each other.
    frame = make_events(event_store.MAX_CHART_POINTS + 1, seed=4)
    fig = view.draw_frame(frame)
    assert fig.layout.title.text.startswith("Aggregate: ")
    assert 0 < sum(len(t.x) for t in fig.data) <= event_store.MAX_CHART_POINTS
    fewer = view.draw_frame(frame.head(event_store.MAX_CHART_POINTS))
    assert not str(fewer.layout.title.text or "").startswith("Aggregate")


def test_articles_are_listed_up_to_a_number(make_events, monkeypatch) -> None:
    frame = make_events(30, seed=3)
    frame["article_id"] = [f"a{i}" for i in range(30)]
    assert len(view.facets_of_frame(frame).articles) == 30
    monkeypatch.setattr(view, "ARTICLES_MAX", 20)
    assert view.facets_of_frame(frame).articles == {}
