"""The event store: DuckDB in-process over a Parquet dataset of events, no server to start.

`EventStore(path)` opens a dataset folder written by `timeline.corpus` (only the parts its
manifest names), a folder of Parquet files, or one .parquet events file. Filters
(`timeline.filters.Filters`, or any object or dict with its field names) are pushed into SQL
with bound parameters, with the same meaning as `timeline.filters.apply`: choices within a
facet are alternatives, facets combine; the date range keeps dated events overlapping it and
undated events unless `include_undated` is false; the text search is a case-insensitive
substring of the sentence.

For the dashboard: `count`, `lanes`, `event_types` and `date_range` feed the filter widgets,
`events` the table and the chart when the filtered view is small, `daily` the chart's
aggregates (events per day, week, month or year, lane and type) when it is not; `view`
makes that choice (MAX_CHART_POINTS).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd
import pyarrow as pa

from timeline.chart import LANE_COLUMN, NO_LANE
from timeline.corpus import dataset_parts, to_table
from timeline.filters import role_columns
from timeline.schema import NAMES, conform, new_frame

if TYPE_CHECKING:
    from timeline.curation import Applied, Correction

__all__ = [
    "BUCKETS",
    "IN_MEMORY_MAX_EVENTS",
    "MATERIALIZE_MAX_ROWS",
    "MAX_CHART_POINTS",
    "MAX_LANES",
    "EventStore",
    "StoreError",
    "View",
]

BUCKETS = ("day", "week", "month", "year")
# Past this many events the chart draws aggregates instead of points, and the aggregates
# are counted per day, week, month or year so that at most this many circles are drawn.
# What a browser waits for is the painting, not the figure's build: a chart of 1,000 marks
# paints in about a second on two shared cores, 4,600 in four (bench/browser.py), and on a
# plot about 1,100 px wide more marks only hide each other.
MAX_CHART_POINTS = 1_000
# Lanes of the aggregates, as many as the chart draws (timeline.chart.build_figure).
MAX_LANES = 40
# Up to this many events the dashboard keeps the frame in memory and filters it with pandas
# (timeline.filters, < 0.3 s at 100,000 events); past it, it asks the store for each view.
IN_MEMORY_MAX_EVENTS = 100_000
# Up to this many events are copied into memory at open (about 0.6 GB per million parsed
# events, so the dashboard stays under 1.5 GB); filters then run several times faster than
# on the Parquet files. Larger datasets are scanned.
MATERIALIZE_MAX_ROWS = 1_500_000


class StoreError(ValueError):
    """The store cannot be opened or queried (missing folder, not an events dataset)."""


@dataclass(frozen=True, slots=True)
class _Where:
    sql: str
    params: list[Any]


def _field(filters: Any, name: str, default: Any) -> Any:
    if filters is None:
        return default
    if isinstance(filters, Mapping):
        return filters.get(name, default)
    return getattr(filters, name, default)


def _where(filters: Any) -> _Where:
    """The WHERE clause of `filters`, user values as bound parameters only."""
    clauses: list[str] = []
    params: list[Any] = []
    actors = [str(v) for v in _field(filters, "actors", ()) or ()]
    if actors:
        # the actor filter's role: who acted, who was targeted, or either
        columns = role_columns(str(_field(filters, "actor_role", "either") or "either"))
        clauses.append("(" + " OR ".join(f"list_has_any({c}, ?::VARCHAR[])" for c in columns) + ")")
        params.extend([actors] * len(columns))
    countries = [str(v) for v in _field(filters, "countries", ()) or ()]
    if countries:
        clauses.append("list_has_any(countries, ?::VARCHAR[])")
        params.append(countries)
    types = [str(v) for v in _field(filters, "event_types", ()) or ()]
    if types:
        clauses.append("list_contains(?::VARCHAR[], event_type)")
        params.append(types)
    start, end = _field(filters, "start", None), _field(filters, "end", None)
    if start or end:
        dated = ["start IS NOT NULL"]
        if start:
            dated.append('coalesce("end", start) >= ?::TIMESTAMP')
            params.append(pd.Timestamp(start).to_pydatetime())
        if end:
            dated.append("start <= ?::TIMESTAMP")
            params.append(pd.Timestamp(end).to_pydatetime())
        clauses.append(f"(start IS NULL OR ({' AND '.join(dated)}))")
    articles = [str(v) for v in _field(filters, "articles", ()) or ()]
    if articles:
        clauses.append("list_contains(?::VARCHAR[], article_id)")
        params.append(articles)
    if not _field(filters, "include_undated", True):
        clauses.append("start IS NOT NULL")
    text = str(_field(filters, "text", "") or "").strip()
    if text:
        # upper() on both sides, as pandas' case-insensitive `contains` does.
        clauses.append("contains(upper(sentence), upper(?))")
        params.append(text)
    return _Where(" AND ".join(clauses) or "TRUE", params)


@dataclass(frozen=True, slots=True)
class View:
    """What the chart should draw: the dated events themselves, or their aggregates.

    Undated events are never drawn; list them with `EventStore.events(filters, dated=False,
    limit=...)`.
    """

    total: int  # events passing the filters, undated included
    dated: int  # of which dated
    events: pd.DataFrame | None  # the dated events, when at most `max_points`
    aggregates: pd.DataFrame | None  # else day, lane, event_type, n

    @property
    def aggregated(self) -> bool:
        return self.aggregates is not None


class EventStore:
    """Events queried with DuckDB, from a dataset folder, a Parquet file or a frame.

    `materialize=True` loads the events into DuckDB's memory at open (a second or two per
    million events; then filters take a tenth of a second); `False` leaves them in the
    Parquet files, whose columns and row groups DuckDB reads only as far as each query needs.
    By default a dataset of up to MATERIALIZE_MAX_ROWS events is loaded in a background
    thread, and queries read the files until the copy is ready: opening takes no time.
    One store may be shared by threads (Streamlit): each call uses its own cursor.
    A dataset with damaged parts opens with the others; `warnings` names what is left out.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        frame: pd.DataFrame | None = None,
        materialize: bool | None = None,
        threads: int | None = None,
        memory_limit: str | None = None,
    ) -> None:
        self._db = duckdb.connect(":memory:")
        if threads:
            self._db.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            self._db.execute("SET memory_limit = ?", [memory_limit])
        self._loaded = threading.Event()
        self._loader: threading.Thread | None = None
        self._loading: duckdb.DuckDBPyConnection | None = None
        self._corrections_key = 0
        self._corrections_lock = threading.Lock()  # sessions may correct at once
        self.source = "frame"
        self.warnings: list[str] = []
        if frame is not None:
            self._load(frame)
            return
        if path is None:
            raise StoreError("give a dataset folder, a .parquet file or a frame")
        root = Path(path)
        # What could not be opened (a missing or damaged part, a damaged manifest line):
        # the rest is served, and these say what is left out.
        if root.is_dir():
            files, self.warnings = dataset_parts(root)
        elif root.is_file() and root.suffix.lower() == ".parquet":
            files = [root]
        else:
            raise StoreError(f"{root}: no such dataset folder or .parquet file")
        self.source = str(root)
        if not files:
            self._load(new_frame())
            return
        columns = ", ".join(f'"{n}"' for n in NAMES)
        # The file list is inlined as quoted SQL literals: a view cannot take parameters.
        listing = "[" + ", ".join(_quote(str(f)) for f in files) + "]"
        relation = f"read_parquet({listing}, hive_partitioning = false, union_by_name = true)"
        try:
            self._db.execute(f"CREATE VIEW parquet_events AS SELECT {columns} FROM {relation}")
            self._db.execute("CREATE VIEW stored_events AS SELECT * FROM parquet_events")
            self._db.execute("CREATE VIEW events AS SELECT * FROM stored_events")
            if materialize is None:
                row = self._db.execute("SELECT count(*) FROM parquet_events").fetchone()
                if row and row[0] <= MATERIALIZE_MAX_ROWS:
                    # Queries read the Parquet files until the copy in memory is ready.
                    self._loader = threading.Thread(target=self._materialize, daemon=True)
                    self._loader.start()
            elif materialize:
                self._materialize()
        except duckdb.Error as exc:
            raise StoreError(f"{root}: not an events dataset: {exc}") from exc

    @property
    def materialized(self) -> bool:
        """Whether queries read the copy of the events in memory (else the Parquet files)."""
        return self._loaded.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the copy in memory being loaded at open, if any; whether it is there."""
        if self._loader is not None:
            self._loader.join(timeout)
        return self.materialized

    # -- plumbing ----------------------------------------------------------------------------

    def _load(self, frame: pd.DataFrame) -> None:
        # Through Arrow with the dataset's schema: list columns stay VARCHAR[] even if empty.
        self._db.register("_frame", to_table(frame))
        self._db.execute("CREATE TABLE stored_events AS SELECT * FROM _frame")
        self._db.unregister("_frame")
        self._db.execute("CREATE VIEW events AS SELECT * FROM stored_events")
        self._loaded.set()

    def _materialize(self) -> None:
        cursor = self._loading = self._db.cursor()
        try:
            cursor.execute("CREATE TABLE memory_events AS SELECT * FROM parquet_events")
            # Swapped in one statement: a query sees either the files or the copy, both whole.
            cursor.execute("CREATE OR REPLACE VIEW stored_events AS SELECT * FROM memory_events")
        except duckdb.Error:
            return  # closed while loading (or out of memory): the Parquet files still serve
        finally:
            cursor.close()
        self._loaded.set()

    def apply_corrections(self, log: Sequence[Correction]) -> Applied:
        """Let every query see the events as corrected by `log` (`timeline.curation`).

        The stored events are not rewritten: the `events` view renames and drops actor names
        (merges, renames, not-an-actor) at query time, for every article; event-level
        corrections are resolved once against the events of the articles they name, and
        overlay those events (deleted ones are left out). Queries then also return the
        `corrected` column. The result of resolving them (orphans included) is returned.
        """

        with self._corrections_lock:
            self._corrections_key += 1
            return self._apply_corrections(log, self._corrections_key)

    def _apply_corrections(self, log: Sequence[Correction], key: int) -> Applied:
        from timeline.curation import actor_renames, resolve

        aliases, dropped = actor_renames(log)
        articles = sorted({c.event.article_id for c in log if c.event is not None})
        subset = conform(
            self._query(
                "SELECT * FROM stored_events WHERE list_contains(?::VARCHAR[], article_id)",
                [articles],
            ).df()
        )
        applied = resolve(subset, log)
        changed = applied.frame[applied.frame["corrected"] != ""]
        overlay = to_table(changed[list(NAMES)]).append_column(
            "corrected", pa.array(changed["corrected"].astype(object).tolist(), pa.string())
        )
        names = pa.table(
            {
                "m": pa.array([list(aliases.items())], pa.map_(pa.string(), pa.string())),
                "drop": pa.array([sorted(dropped)], pa.list_(pa.string())),
            }
        )
        deleted = pa.table(
            {"event_id": pa.array(applied.deleted["event_id"].tolist(), pa.string())}
        )
        cursor = self._db.cursor()
        try:
            for name, table in (("overlay", overlay), ("names", names), ("deleted", deleted)):
                cursor.register(f"_{name}", table)
                cursor.execute(
                    f"CREATE OR REPLACE TABLE curation_{name}_{key} AS SELECT * FROM _{name}"
                )
                cursor.unregister(f"_{name}")
            if not log:
                cursor.execute("CREATE OR REPLACE VIEW events AS SELECT * FROM stored_events")
            else:
                cursor.execute(_corrected_view(key))
            for old in range(1, key):
                for name in ("overlay", "names", "deleted"):
                    cursor.execute(f"DROP TABLE IF EXISTS curation_{name}_{old}")
        finally:
            cursor.close()
        return applied

    def _query(self, sql: str, params: list[Any] | None = None) -> duckdb.DuckDBPyConnection:
        cursor = self._db.cursor()
        return cursor.execute(sql, params or [])

    def close(self) -> None:
        if self._loader is not None and self._loader.is_alive():
            if self._loading is not None:
                self._loading.interrupt()
            self._loader.join()
        self._db.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- queries ------------------------------------------------------------------------------

    def count(self, filters: Any = None) -> int:
        """Number of events passing `filters`."""
        where = _where(filters)
        row = self._query(f"SELECT count(*) FROM events WHERE {where.sql}", where.params).fetchone()
        return int(row[0]) if row else 0

    def events(
        self,
        filters: Any = None,
        limit: int | None = None,
        offset: int = 0,
        dated: bool | None = None,
    ) -> pd.DataFrame:
        """The events passing `filters` as a schema frame, ordered by date (undated last).

        `dated` True keeps only dated events (the chart's), False only the undated ones (the
        dashboard lists them apart); `limit` and `offset` page through the rows.
        """
        where = _where(filters)
        condition = where.sql
        if dated is not None:
            condition += " AND start IS NOT NULL" if dated else " AND start IS NULL"
        sql = f"SELECT * FROM events WHERE {condition} ORDER BY start NULLS LAST, event_id"
        params = list(where.params)
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        frame = self._query(sql, params).df()
        return conform(frame)

    def lanes(self, by: str = "actor", filters: Any = None) -> pd.DataFrame:
        """Events per lane (actor or country), most first: columns lane, n.

        An event with two actors counts in both lanes; one without any in the "no actor" lane,
        as `timeline.chart.lanes_of` counts them.
        """
        column = _lane_column(by)
        where = _where(filters)
        sql = (
            "SELECT lane, count(*) AS n FROM ("
            f"SELECT unnest(CASE WHEN len({column}) = 0 THEN [?] ELSE {column} END) AS lane "
            f"FROM events WHERE {where.sql}) GROUP BY lane ORDER BY n DESC, lane"
        )
        frame = self._query(sql, [NO_LANE[by], *where.params]).df()
        return frame.astype({"lane": "string", "n": "int64"})

    def actor_names(self, filters: Any = None) -> pd.DataFrame:
        """Events naming each actor in either role (acted or targeted), most first: columns
        name, n (the actor filter's choices)."""
        where = _where(filters)
        sql = (
            "SELECT name, count(*) AS n FROM ("
            "SELECT unnest(list_distinct(list_concat(actors, targets))) AS name "
            f"FROM events WHERE {where.sql}) GROUP BY name ORDER BY n DESC, name"
        )
        return self._query(sql, where.params).df().astype({"name": "string", "n": "int64"})

    def event_types(self, filters: Any = None) -> pd.DataFrame:
        """Events per event type, most first: columns event_type, n."""
        where = _where(filters)
        sql = (
            f"SELECT event_type, count(*) AS n FROM events WHERE {where.sql} "
            "GROUP BY event_type ORDER BY n DESC, event_type"
        )
        return self._query(sql, where.params).df().astype({"event_type": "string", "n": "int64"})

    def date_range(self, filters: Any = None) -> tuple[dt.date | None, dt.date | None]:
        """First start and last end of the dated events passing `filters`."""
        where = _where(filters)
        sql = f'SELECT min(start), max(coalesce("end", start)) FROM events WHERE {where.sql}'
        row = self._query(sql, where.params).fetchone()
        if not row or row[0] is None:
            return None, None
        return pd.Timestamp(row[0]).date(), pd.Timestamp(row[1]).date()

    def _kept_lanes(self, filters: Any, by: str, max_lanes: int) -> tuple[list[str], str]:
        """The lanes drawn on their own (the busiest, among dated events) and the label of
        the lane the others share, as `timeline.chart.build_figure` draws them."""
        column = _lane_column(by)
        where = _where(filters)
        sql = (
            "SELECT lane FROM (SELECT "
            f"unnest(CASE WHEN len({column}) = 0 THEN [?] ELSE {column} END) AS lane "
            f"FROM events WHERE start IS NOT NULL AND {where.sql}) "
            "GROUP BY lane ORDER BY count(*) DESC, lane"
        )
        lanes = [row[0] for row in self._query(sql, [NO_LANE[by], *where.params]).fetchall()]
        if len(lanes) <= max_lanes:
            return lanes, ""
        kept = lanes[: max_lanes - 1]
        return kept, f"{len(lanes) - len(kept)} other {column}"

    def daily(
        self,
        filters: Any = None,
        by: str = "actor",
        bucket: str = "day",
        max_lanes: int = MAX_LANES,
    ) -> pd.DataFrame:
        """Dated events per `bucket` (day, week, month, year), lane and type.

        Columns day (the bucket's first day; weeks start on Monday), lane, event_type, n. An
        event counts at its first day, in each of its lanes; past `max_lanes` lanes the least
        busy are counted together in one lane named "N other actors" (or countries).
        """
        if bucket not in BUCKETS:
            raise StoreError(f"unknown bucket {bucket!r}; use one of {', '.join(BUCKETS)}")
        column = _lane_column(by)
        kept, other = self._kept_lanes(filters, by, max_lanes)
        where = _where(filters)
        # The bucket is one of BUCKETS, never user text; it is still bound as a parameter.
        sql = (
            "SELECT CAST(date_trunc(?, start) AS DATE) AS day, "
            "CASE WHEN list_contains(?::VARCHAR[], lane) THEN lane ELSE ? END AS lane, "
            "event_type, count(*) AS n FROM (SELECT start, event_type, "
            f"unnest(CASE WHEN len({column}) = 0 THEN [?] ELSE {column} END) AS lane "
            f"FROM events WHERE start IS NOT NULL AND {where.sql}) "
            "GROUP BY ALL ORDER BY day, lane, event_type"
        )
        params = [bucket, kept, other, NO_LANE[by], *where.params]
        frame = self._query(sql, params).df()
        frame["day"] = pd.to_datetime(frame["day"]).astype("datetime64[s]")
        return frame.astype({"lane": "string", "event_type": "string", "n": "int64"})

    def view(
        self,
        filters: Any = None,
        by: str = "actor",
        max_points: int = MAX_CHART_POINTS,
        bucket: str | None = None,
        max_lanes: int = MAX_LANES,
    ) -> View:
        """The dated events to draw for `filters`, or their aggregates if there are too many.

        With more than `max_points` dated events the aggregates come per `bucket`; by
        default the finest of day, week, month, year that gives at most `max_points` rows.
        """
        where = _where(filters)
        row = self._query(
            f"SELECT count(*), count(start) FROM events WHERE {where.sql}", where.params
        ).fetchone()
        total, dated = (int(row[0]), int(row[1])) if row else (0, 0)
        if dated <= max_points:
            return View(total, dated, self.events(filters, dated=True), None)
        if bucket is not None:
            return View(total, dated, None, self.daily(filters, by, bucket, max_lanes))
        # One query by day; coarser buckets are sums of it (each from the days: a week
        # starting in December may end in January).
        daily = frame = self.daily(filters, by, "day", max_lanes)
        for coarser in BUCKETS[1:]:
            if len(frame) <= max_points:
                break
            frame = _coarsen(daily, coarser)
        return View(total, dated, None, frame)


def _renamed(column: str) -> str:
    """SQL: the names of a list column, merged and renamed (names.m), without the names that
    are not actors (names.drop), each once, in order, as `timeline.curation` does."""
    kept = f"list_filter(e.{column}, lambda a: NOT list_contains(n.drop, a))"
    mapped = f"list_transform({kept}, lambda a: coalesce(n.m[a], a))"
    return (
        f"list_filter(list_filter({mapped}, lambda a: NOT list_contains(n.drop, a)), "
        f"lambda a, i: list_position({mapped}, a) = i)"
    )


def _corrected_view(key: int) -> str:
    """SQL: the `events` view over the stored events with the corrections of version `key`."""
    overlaid = ("start", "end", "precision", "event_type", "countries", "country_codes")
    replace = [
        f'CASE WHEN o.event_id IS NULL THEN e."{c}" ELSE o."{c}" END AS "{c}"' for c in overlaid
    ]
    replace += [
        f"CASE WHEN o.event_id IS NULL THEN {_renamed(c)} ELSE o.{c} END AS {c}"
        for c in ("actors", "targets")
    ]
    flags = (
        "CASE WHEN o.event_id IS NOT NULL THEN o.corrected ELSE concat_ws('; ', "
        f"CASE WHEN {_renamed('actors')} <> e.actors THEN 'actors' END, "
        f"CASE WHEN {_renamed('targets')} <> e.targets THEN 'targets' END) END AS corrected"
    )
    return (
        f"CREATE OR REPLACE VIEW events AS SELECT e.* REPLACE ({', '.join(replace)}), {flags} "
        f"FROM stored_events e CROSS JOIN curation_names_{key} n "
        f"LEFT JOIN curation_overlay_{key} o ON o.event_id = e.event_id "
        f"WHERE e.event_id NOT IN (SELECT event_id FROM curation_deleted_{key})"
    )


def _coarsen(frame: pd.DataFrame, bucket: str) -> pd.DataFrame:
    """Daily aggregates summed by week (from Monday), month or year."""
    day = frame["day"]
    if bucket == "week":
        first = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    else:
        first = day.dt.to_period("M" if bucket == "month" else "Y").dt.start_time
    summed = (
        frame.assign(day=first.astype("datetime64[s]"))
        .groupby(["day", "lane", "event_type"], as_index=False, sort=True)["n"]
        .sum()
    )
    return summed.astype({"lane": "string", "event_type": "string", "n": "int64"})


def _lane_column(by: str) -> str:
    if by not in LANE_COLUMN:
        raise StoreError(f"lanes by {by!r}: use one of {', '.join(LANE_COLUMN)}")
    return LANE_COLUMN[by]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
