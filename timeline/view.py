"""What the dashboard reads and draws, decided without Streamlit.

The events come from the bundled `data/events.parquet` (plus the user's saved events), or,
when there is one, from an event store (`timeline.store.EventStore`): the dataset folder
`events/` of the data folder (`timeline.config`), written by `timeline parse ARCHIVE`, or the
dataset folder or .parquet file named by the TIMELINE_STORE environment variable.
A store of up to `timeline.store.IN_MEMORY_MAX_EVENTS` events is read into memory and
filtered with pandas as the bundled file is; a larger one is asked for each view (`draw`),
which gives single events when few enough pass the filters, else their aggregates.
Duplicate reports are merged (`timeline.dedupe`) up to `DEDUPE_MAX_EVENTS` events; a merge
is kept on disk by content (`merged_view`), so that it is computed once, not on every
server start.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline import chart
from timeline import store as event_store
from timeline._io import atomic_write_bytes
from timeline.corpus import MANIFEST, dataset_files
from timeline.dedupe import deduplicate
from timeline.export import events_bytes
from timeline.schema import SchemaError, conform

__all__ = [
    "DEDUPE_MAX_EVENTS",
    "MERGE_CACHE_FILES",
    "STORE_ENV",
    "Facets",
    "aggregate",
    "can_merge",
    "content_key",
    "data_version",
    "draw",
    "draw_frame",
    "facets_of_frame",
    "facets_of_store",
    "fits_in_memory",
    "merge_reports",
    "merged_view",
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
    # article_id -> "title — published (N events)"; empty for a store (too many to list)
    articles: dict[str, str] = field(default_factory=dict)


def _counts(values: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in values.items()}


def facets_of_frame(frame: pd.DataFrame) -> Facets:
    """Facets of an events frame in memory."""

    def listed(*columns: str) -> dict[str, int]:
        # a name counts once per event, whichever of the columns (roles) names it
        rows = zip(*(frame[c] for c in columns), strict=True)
        names = pd.Series(
            [v for lists in rows for v in dict.fromkeys(x for lst in lists for x in lst)],
            dtype="string",
        )
        return _counts(names.value_counts())

    dated = frame[frame["start"].notna()]
    if dated.empty:
        today = dt.date.today()
        bounds = (today, today)
    else:
        bounds = (dated["start"].min().date(), dated["end"].fillna(dated["start"]).max().date())
    return Facets(
        actors=listed("actors", "targets"),  # the actor filter reads both roles
        countries=listed("countries"),
        event_types=_counts(frame["event_type"].astype("string").value_counts()),
        bounds=bounds,
        articles=_articles(frame),
    )


def _articles(frame: pd.DataFrame) -> dict[str, str]:
    """Each article of the frame, by id: its title, publication date and number of events,
    newest first."""
    if frame.empty:
        return {}
    counts = frame["article_id"].astype("string").value_counts()
    first = frame.drop_duplicates("article_id").set_index("article_id")
    first = first.sort_values("published", ascending=False, na_position="last", kind="stable")
    labels = {}
    for ident, row in first.iterrows():
        when = row["published"].date().isoformat() if pd.notna(row["published"]) else "undated"
        title = str(row["source"]) if pd.notna(row["source"]) and row["source"] else str(ident)
        labels[str(ident)] = f"{title} — {when} ({int(counts[ident])} events)"
    return labels


def facets_of_store(store: event_store.EventStore) -> Facets:
    """Facets of a store, counted in SQL; the "no actor named" lane is not a choice."""

    def lanes(by: str) -> dict[str, int]:
        frame = store.lanes(by)
        frame = frame[frame["lane"] != chart.NO_LANE[by]]
        return dict(zip(frame["lane"].astype(str), frame["n"].astype(int), strict=True))

    types = store.event_types()
    first, last = store.date_range()
    today = dt.date.today()
    names = store.actor_names()
    return Facets(
        actors=dict(zip(names["name"].astype(str), names["n"].astype(int), strict=True)),
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


# The columns a merge reads (timeline.dedupe): the key of its result.
_MERGE_INPUT = (
    "event_id",
    "article_id",
    "source",
    "published",
    "text",
    "start",
    "end",
    "precision",
    "actors",
    "targets",
    "countries",
    "country_codes",
    "event_type",
)
# Merged views kept in a cache folder; the least recently written go first.
MERGE_CACHE_FILES = 8


def draw_frame(
    frame: pd.DataFrame,
    by: str = "actor",
    hover: pd.Series | None = None,
    max_points: int | None = None,
    in_view: Sequence[str] = (),
) -> go.Figure:
    """The chart of an events frame in memory, as `draw` does for a store: the single
    events when at most `max_points` (default `timeline.store.MAX_CHART_POINTS`) are
    dated, else their aggregates (a browser paints thousands of marks slowly, and they
    only hide each other). `hover` and `in_view` as for `timeline.chart.build_figure`."""
    limit = event_store.MAX_CHART_POINTS if max_points is None else max_points
    n_dated = int(frame["start"].notna().sum())
    if n_dated <= limit:
        return chart.build_figure(frame, by=by, hover=hover, in_view=in_view)  # type: ignore[arg-type]
    return chart.build_aggregate_figure(aggregate(frame, by, max_points=limit), by=by)  # type: ignore[arg-type]


def aggregate(
    frame: pd.DataFrame,
    by: str = "actor",
    bucket: str | None = None,
    max_points: int | None = None,
    max_lanes: int = event_store.MAX_LANES,
) -> pd.DataFrame:
    """Dated events of a frame per bucket, lane and type, as `EventStore.daily` counts them.

    Columns day (the bucket's first day; weeks start on Monday), lane, event_type, n. An
    event counts at its first day, in each of its lanes; past `max_lanes` lanes the least
    busy share one lane named "N other actors" (or countries). `bucket` None picks the
    finest of day, week, month, year giving at most `max_points` rows (as `EventStore.view`).
    """
    if by not in chart.LANE_COLUMN:
        raise ValueError(f"lanes by {by!r}: use one of {', '.join(chart.LANE_BY)}")
    limit = event_store.MAX_CHART_POINTS if max_points is None else max_points
    where = np.flatnonzero(frame["start"].notna().to_numpy())
    no_lane = chart.NO_LANE[by]
    lists = frame[chart.LANE_COLUMN[by]].to_numpy(dtype=object)[where]
    lanes = [v if len(v) else [no_lane] for v in lists]
    counts = np.fromiter((len(v) for v in lanes), dtype=np.int64, count=len(lanes))
    rows = np.repeat(where, counts)
    lane = pd.Series(list(chain.from_iterable(lanes)), dtype=object)
    # The busiest lanes first, ties by name (as the store orders them).
    totals = lane.value_counts()
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) > max_lanes:
        kept = {name for name, _ in ranked[: max_lanes - 1]}
        other = f"{len(ranked) - len(kept)} other {chart.LANE_COLUMN[by]}"
        lane = lane.where(lane.isin(kept), other)
    day = pd.Series(frame["start"].to_numpy()[rows]).astype("datetime64[s]").dt.floor("D")
    types = pd.Series(frame["event_type"].to_numpy(dtype=object)[rows]).fillna("OTHER")
    daily = _count(day, lane, types)
    if bucket is not None:
        return daily if bucket == "day" else _coarsen(daily, bucket)
    counted = daily
    for coarser in event_store.BUCKETS[1:]:
        if len(counted) <= limit:
            break
        # From the days each time: a week starting in December may end in January.
        counted = _coarsen(daily, coarser)
    return counted


def _coarsen(daily: pd.DataFrame, bucket: str) -> pd.DataFrame:
    return _count(
        _bucket_start(daily["day"], bucket), daily["lane"], daily["event_type"], daily["n"]
    )


def _count(
    day: pd.Series, lane: pd.Series, types: pd.Series, n: pd.Series | None = None
) -> pd.DataFrame:
    """Sum of `n` (1 each by default) per (day, lane, type), sorted by them."""
    days = day.to_numpy().astype("datetime64[D]").astype(np.int64)
    lane_codes, lane_names = pd.factorize(lane.to_numpy(dtype=object), sort=True)
    type_codes, type_names = pd.factorize(types.to_numpy(dtype=object), sort=True)
    # One integer per key (numpy's unique is several times faster than a 3-key groupby).
    first = int(days.min()) if len(days) else 0
    n_lanes, n_types = max(len(lane_names), 1), max(len(type_names), 1)
    key = ((days - first) * n_lanes + lane_codes) * n_types + type_codes
    weights = np.ones(len(key), dtype=np.int64) if n is None else n.to_numpy(dtype=np.int64)
    keys, inverse = np.unique(key, return_inverse=True)
    sums = np.bincount(inverse, weights=weights, minlength=len(keys)).astype(np.int64)
    type_of = keys % n_types
    lane_of = (keys // n_types) % n_lanes
    day_of = keys // (n_types * n_lanes) + first
    return pd.DataFrame(
        {
            "day": pd.Series(day_of.astype("datetime64[D]").astype("datetime64[s]")),
            "lane": pd.Series(np.asarray(lane_names, dtype=object)[lane_of], dtype="string"),
            "event_type": pd.Series(np.asarray(type_names, dtype=object)[type_of], dtype="string"),
            "n": sums,
        }
    )


def _bucket_start(day: pd.Series, bucket: str) -> pd.Series:
    """The first day of each day's week (from Monday), month or year."""
    if bucket == "week":
        return day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    return day.dt.to_period("M" if bucket == "month" else "Y").dt.start_time.astype("datetime64[s]")


def content_key(frame: pd.DataFrame) -> str:
    """A key of what a merge of `frame` reads (and of the merging rules): the cache key of
    its result, in memory and on disk."""
    digest = hashlib.sha1(_rules_version().encode(), usedforsecurity=False)
    digest.update(str(len(frame)).encode())
    for column in _MERGE_INPUT:
        values = frame[column] if column in frame.columns else pd.Series([""] * len(frame))
        if values.dtype == object:  # list columns
            values = values.map(lambda v: "\x1f".join(map(str, v)) if len(v) else "")
        hashed = pd.util.hash_pandas_object(values.astype("string"), index=False)
        digest.update(hashed.to_numpy().tobytes())
    return digest.hexdigest()


@functools.cache
def _rules_version() -> str:
    """A hash of the merging code and tables: a changed rule makes old merges stale."""
    digest = hashlib.sha1(usedforsecurity=False)
    package = files("timeline")
    sources = [package / "dedupe.py"]
    sources += sorted(
        (t for t in (package / "data").iterdir() if t.name.startswith("dedupe_")),
        key=lambda t: t.name,
    )
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def merged_view(
    frame: pd.DataFrame, cache_dir: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """`timeline.dedupe.deduplicate(frame).merged`, read from `cache_dir` when the same
    events were merged before (a few seconds at 10,000 events, a file read after), and
    written there when not. A cache that cannot be read or written is skipped."""
    if cache_dir is None:
        return deduplicate(frame).merged
    path = Path(cache_dir) / f"merged-{content_key(frame)}.parquet"
    if path.is_file():
        try:
            return _read_merged(path)
        except (OSError, ValueError, SchemaError):
            pass  # damaged or from an older schema: merged again below, and rewritten
    merged = deduplicate(frame).merged
    try:
        atomic_write_bytes(path, events_bytes(merged, "parquet"))
        _prune(Path(cache_dir))
    except OSError:
        pass  # a read-only data folder: the merge is kept in memory only
    return merged


def _read_merged(path: Path) -> pd.DataFrame:
    merged = conform(pd.read_parquet(path))
    for column in ("sources", "source_ids", "event_ids"):
        merged[column] = pd.Series(
            [list(v) if v is not None else [] for v in merged[column]],
            index=merged.index,
            dtype=object,
        )
    merged["n_sources"] = merged["n_sources"].astype("Int64")
    merged["cluster"] = merged["cluster"].astype("string")
    return merged


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("merged-*.parquet"), key=lambda f: f.stat().st_mtime)
    for old in files[:-MERGE_CACHE_FILES]:
        old.unlink(missing_ok=True)


def merge_reports(
    frame: pd.DataFrame, cache_dir: str | os.PathLike[str] | None = None
) -> tuple[pd.DataFrame, pd.Series]:
    """Each real-world event once (`timeline.dedupe`), with its hover texts; cached in
    `cache_dir` by content (see `merged_view`)."""
    merged = merged_view(frame, cache_dir)
    return merged, chart.hover_texts(merged)
