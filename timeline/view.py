"""What the dashboard reads and draws, decided without Streamlit.

The events come from the bundled `data/events.parquet` (plus the user's saved events), or,
when there is one, from an event store (`timeline.store.EventStore`): the dataset folder
`events/` of the data folder (`timeline.config`), written by `timeline parse ARCHIVE`, or the
dataset folder or .parquet file named by the TIMELINE_STORE environment variable.
A store of up to `timeline.store.IN_MEMORY_MAX_EVENTS` events is read into memory and
filtered with pandas as the bundled file is; a larger one is asked for each view (`draw`),
which gives single events when few enough pass the filters, else their aggregates.
Duplicate reports are merged (`timeline.dedupe`) up to `DEDUPE_MAX_EVENTS` events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from timeline import chart
from timeline import store as event_store
from timeline.corpus import MANIFEST, dataset_files
from timeline.dedupe import deduplicate

__all__ = [
    "DEDUPE_MAX_EVENTS",
    "STORE_ENV",
    "Facets",
    "can_merge",
    "content_key",
    "data_version",
    "draw",
    "facets_of_frame",
    "facets_of_store",
    "fits_in_memory",
    "merge_reports",
    "store_location",
]

STORE_ENV = "TIMELINE_STORE"
# Merging compares reports in blocks (timeline.dedupe): about 3 s for 30,000 parsed events,
# as long as a user waits for a toggle; past it the raw reports are shown.
DEDUPE_MAX_EVENTS = 30_000


def store_location(data_dir: Path, env: Mapping[str, str] | None = None) -> Path | None:
    """The event store to read: TIMELINE_STORE if set, else `data_dir/events/` if present."""
    env = os.environ if env is None else env
    named = (env.get(STORE_ENV) or "").strip()
    if named:
        return Path(named)
    folder = data_dir / "events"
    return folder if folder.is_dir() else None


def data_version(path: Path) -> float:
    """A number that changes when the store is rewritten: the mtime of its manifest (a
    `timeline parse` dataset), else of its newest Parquet file; 0 when missing."""
    if (path / MANIFEST).is_file():
        return (path / MANIFEST).stat().st_mtime
    if path.is_dir():
        return max((f.stat().st_mtime for f in dataset_files(path)), default=0.0)
    return path.stat().st_mtime if path.is_file() else 0.0


def fits_in_memory(store: event_store.EventStore) -> bool:
    """Whether the dashboard should load all the store's events and filter them itself."""
    # Read at call time: tests (and deployments) may lower it.
    return store.count() <= event_store.IN_MEMORY_MAX_EVENTS


def can_merge(n_events: int) -> bool:
    """Whether merging duplicate reports of `n_events` events is quick enough to offer."""
    return n_events <= DEDUPE_MAX_EVENTS


@dataclass(frozen=True, slots=True)
class Facets:
    """The filter widgets' choices with their event counts, and the dates' bounds."""

    actors: dict[str, int]
    countries: dict[str, int]
    event_types: dict[str, int]
    bounds: tuple[dt.date, dt.date]


def _counts(values: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in values.items()}


def facets_of_frame(frame: pd.DataFrame) -> Facets:
    """Facets of an events frame in memory."""

    def listed(column: str) -> dict[str, int]:
        names = pd.Series([v for lst in frame[column] for v in lst], dtype="string")
        return _counts(names.value_counts())

    dated = frame[frame["start"].notna()]
    if dated.empty:
        today = dt.date.today()
        bounds = (today, today)
    else:
        bounds = (dated["start"].min().date(), dated["end"].fillna(dated["start"]).max().date())
    return Facets(
        actors=listed("actors"),
        countries=listed("countries"),
        event_types=_counts(frame["event_type"].astype("string").value_counts()),
        bounds=bounds,
    )


def facets_of_store(store: event_store.EventStore) -> Facets:
    """Facets of a store, counted in SQL; the "no actor named" lane is not a choice."""

    def lanes(by: str) -> dict[str, int]:
        frame = store.lanes(by)
        frame = frame[frame["lane"] != chart.NO_LANE[by]]
        return dict(zip(frame["lane"].astype(str), frame["n"].astype(int), strict=True))

    types = store.event_types()
    first, last = store.date_range()
    today = dt.date.today()
    return Facets(
        actors=lanes("actor"),
        countries=lanes("country"),
        event_types=dict(zip(types["event_type"].astype(str), types["n"].astype(int), strict=True)),
        bounds=(first or today, last or today),
    )


def draw(
    store: event_store.EventStore, filters: Any, by: str = "actor"
) -> tuple[go.Figure, event_store.View]:
    """The chart of a store's view: single events if few enough, else their aggregates."""
    view = store.view(filters, by=by, max_points=event_store.MAX_CHART_POINTS)
    if view.events is not None:
        return chart.build_figure(view.events, by=by), view  # type: ignore[arg-type]
    return chart.build_aggregate_figure(view.aggregates, by=by), view  # type: ignore[arg-type]


def content_key(frame: pd.DataFrame) -> str:
    """A key of a frame's events (ids are content hashes): the cache key of its merge."""
    digest = hashlib.sha1(usedforsecurity=False)
    for ident in frame["event_id"].astype(str):
        digest.update(ident.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def merge_reports(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Each real-world event once (`timeline.dedupe`), with its hover texts."""
    merged = deduplicate(frame).merged
    return merged, chart.hover_texts(merged)
