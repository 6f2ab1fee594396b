"""Corpus-scale parsing: many articles in parallel into a partitioned Parquet dataset.

`parse_corpus(inputs, out_dir)` parses every article under `inputs` on a local process pool
(default) or a Dask distributed cluster, and writes the events as a Parquet dataset:

    out_dir/
      published_year=2022/part-<uuid>.parquet   # the events of a batch of articles
      published_year=unknown/part-<uuid>.parquet
      _manifest.jsonl                           # which article is in which part, by hash

**Partitioning** is by the article's publication year (hive style). Years are few, so a batch
writes one or two files, never hundreds of tiny ones; an archive grows by adding a year and old
years stay untouched; and a reader can prune by `published_year`. Event dates are not the
partition key (a 2022 article dates events in 1999); the store filters event dates itself.

**The manifest** is an append-only log, one JSON line per committed batch: the part files
written, and for each article its key (absolute path), the sha256 of its bytes, a fingerprint
of the options that change the output (`--published`, the parser version) and its rows in the
part. A batch is committed when its line is appended and fsynced, after its part files were
written atomically (temporary file, then rename). So:

- re-running skips an article whose bytes and options are unchanged, and re-parses a changed
  one after removing its old events (its old part is rewritten without it, in one commit);
- an interrupted run (Ctrl-C, SIGKILL, power loss) keeps every committed batch; a torn last
  line is ignored, and part files that no committed line names are deleted on the next run,
  so every article ends up in the dataset exactly once;
- readers (`timeline.store`) read only the parts the manifest names.

Per-file errors (unreadable files, parser failures) are collected, never fatal, and not
recorded as done, so a fixed file is parsed on the next run. Dask workers must see the files
at the same paths (a shared filesystem), as for any Dask job reading local files.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from timeline import __version__
from timeline._io import atomic_writer
from timeline.pipeline import FileError
from timeline.schema import COLUMNS, NAMES, conform, new_frame

__all__ = [
    "ARROW_SCHEMA",
    "DASK_CONFIG",
    "MANIFEST",
    "CorpusResult",
    "FileError",
    "Manifest",
    "dataset_files",
    "parse_corpus",
    "read_dataset",
    "to_table",
    "write_dataset",
]

MANIFEST = "_manifest.jsonl"
_LOCK = ".lock"
PARTITION = "published_year"
UNKNOWN_YEAR = "unknown"
ENGINES = ("local", "dask")
# Dask worker housekeeping that costs a parse about a fifth of its CPU (the statistical
# profiler samples every 10 ms): turned down for the local cluster the engine starts, and
# worth the same in a cluster's own configuration when it parses (bench/corpus.py).
DASK_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}

ParseFile = Callable[[Path, "dt.date | None"], tuple["pd.DataFrame | pa.Table", Sequence[str]]]
Progress = Callable[[int], None]

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "Int64": pa.int64(),
    "datetime64[s]": pa.timestamp("s"),
    "list": pa.list_(pa.string()),
}
ARROW_SCHEMA = pa.schema([pa.field(c.name, _ARROW_TYPES[c.dtype]) for c in COLUMNS])
# Row groups small enough for parallel scans and date pruning by statistics.
_ROW_GROUP = 100_000


@dataclass(slots=True)
class CorpusResult:
    """What a `parse_corpus` run did."""

    out_dir: Path
    found: int = 0
    parsed: int = 0
    skipped: int = 0
    replaced: int = 0
    events: int = 0
    errors: list[FileError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class _Entry:
    """One committed article: where its events are."""

    key: str
    sha256: str
    fingerprint: str
    article_id: str
    part: str | None  # None: the article has no events
    offset: int
    rows: int

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "sha256": self.sha256,
            "fp": self.fingerprint,
            "id": self.article_id,
            "part": self.part,
            "offset": self.offset,
            "rows": self.rows,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> _Entry:
        return cls(
            obj["key"], obj["sha256"], obj["fp"], obj["id"], obj["part"], obj["offset"], obj["rows"]
        )


class Manifest:
    """The committed state of a dataset folder, replayed from its append-only log."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.path = self.root / MANIFEST
        self.entries: dict[str, _Entry] = {}
        self.parts: dict[str, list[str]] = {}  # part -> keys of its articles, in row order
        self._valid_bytes = 0
        if self.path.exists():
            self._replay(self.path.read_bytes())

    def _replay(self, data: bytes) -> None:
        position = 0
        for line in data.splitlines(keepends=True):
            if not line.endswith(b"\n"):
                break  # a torn last line: that batch was never committed
            try:
                record = json.loads(line)
            except ValueError:
                break
            self._apply(record)
            position += len(line)
        self._valid_bytes = position

    def _apply(self, record: dict[str, Any]) -> None:
        for part in record.get("drop", []):
            for key in self.parts.pop(part, []):
                if key in self.entries and self.entries[key].part == part:
                    del self.entries[key]
        for key in record.get("forget", []):
            self.entries.pop(key, None)
        for obj in record.get("articles", []):
            entry = _Entry.from_json(obj)
            old = self.entries.get(entry.key)
            if old is not None and old.part is not None and old.part in self.parts:
                self.parts[old.part] = [k for k in self.parts[old.part] if k != entry.key]
            self.entries[entry.key] = entry
            if entry.part is not None:
                self.parts.setdefault(entry.part, []).append(entry.key)

    def commit(self, record: dict[str, Any]) -> None:
        """Append one record and fsync it: the batch it describes is then committed."""
        self.root.mkdir(parents=True, exist_ok=True)
        line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        with self.path.open("r+b" if self.path.exists() else "wb") as handle:
            handle.truncate(self._valid_bytes)  # drop a torn line left by a killed run
            handle.seek(self._valid_bytes)
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        self._valid_bytes += len(line)
        self._apply(record)

    def snapshot(self) -> None:
        """Rewrite the log as one record per live part (atomically), dropping history."""
        records = []
        by_part: dict[str | None, list[_Entry]] = {}
        for entry in self.entries.values():
            by_part.setdefault(entry.part, []).append(entry)
        for entries in by_part.values():
            records.append({"articles": [e.as_json() for e in entries]})
        data = b"".join(
            (json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
            for r in records
        )
        atomic_writer(self.path, lambda handle: handle.write(data))
        self._valid_bytes = len(data)

    def live_files(self) -> list[Path]:
        return [self.root / part for part in sorted(self.parts) if self.parts[part]]


def dataset_files(root: str | os.PathLike[str]) -> list[Path]:
    """The Parquet files holding a dataset's events: the manifest's parts, else every file."""
    root = Path(root)
    if (root / MANIFEST).exists():
        return Manifest(root).live_files()
    return sorted(p for p in root.rglob("*.parquet") if not p.name.startswith("."))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fingerprint(published: dt.date | None) -> str:
    return f"{__version__}|{published.isoformat() if published else ''}"


def _year_of(published: Any) -> str:
    return UNKNOWN_YEAR if pd.isna(published) else str(pd.Timestamp(published).year)


def to_table(frame: pd.DataFrame) -> pa.Table:
    """An events frame as an Arrow table in the dataset's schema (extra columns dropped)."""
    frame = conform(frame)[list(NAMES)]
    return pa.Table.from_pandas(frame, schema=ARROW_SCHEMA, preserve_index=False)


def _write_part(root: Path, year: str, table: pa.Table) -> str:
    part = f"{PARTITION}={year}/part-{uuid.uuid4().hex}.parquet"
    atomic_writer(
        root / part,
        lambda handle: pq.write_table(table, handle, row_group_size=_ROW_GROUP, compression="zstd"),
    )
    return part


def write_dataset(frame: pd.DataFrame, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write an events frame as a dataset partitioned by publication year (no manifest).

    For events that do not come from article files (benchmarks, imports); each part is
    written atomically and sorted by `start`.
    """
    root = Path(out_dir)
    frame = conform(frame)
    years = frame["published"].dt.year.astype("Int64").astype("string").fillna(UNKNOWN_YEAR)
    written = []
    for year, group in frame.groupby(years, sort=True):
        table = to_table(group.sort_values("start", kind="stable"))
        written.append(root / _write_part(root, str(year), table))
    return written


# -- the per-article work, run in worker processes ---------------------------------------------


def rows_to_table(rows: Sequence[dict[str, Any]]) -> pa.Table:
    """Event rows (as `extract_events` gives them) as an Arrow table in the dataset's schema.

    Built column by column without a pandas frame: per article, a frame costs more than the
    parse itself.
    """
    columns = []
    for col in COLUMNS:
        values = [row.get(col.name) for row in rows]
        if col.dtype == "list":
            values = [v or [] for v in values]
        elif col.dtype.startswith("datetime"):
            values = [
                dt.datetime(v.year, v.month, v.day) if isinstance(v, dt.date) else v for v in values
            ]
        columns.append(pa.array(values, type=_ARROW_TYPES[col.dtype]))
    return pa.Table.from_arrays(columns, schema=ARROW_SCHEMA)


def parse_file(path: Path, published: dt.date | None) -> tuple[pa.Table, Sequence[str]]:
    """The events of one article file and its warnings (the default per-file work)."""
    from timeline.article import load_article
    from timeline.events import extract_events

    article = load_article(path, published=published)
    return rows_to_table(extract_events(article)), article.warnings


@dataclass(frozen=True, slots=True)
class _Outcome:
    key: str
    path: str
    sha256: str
    table: pa.Table | None  # the events in the dataset's schema (Arrow pickles cheaply)
    year: str  # the partition: the article's publication year
    warnings: tuple[str, ...]
    error: str | None


def _parse_chunk(
    items: Sequence[tuple[str, str]],
    published: dt.date | None,
    work: ParseFile | None = None,
) -> list[_Outcome]:
    """Parse (key, path) pairs; an error in one file is recorded and the rest go on."""
    work = work or parse_file
    outcomes = []
    for key, path in items:
        try:
            digest = _sha256(Path(path))
            events, warnings = work(Path(path), published)
            # Conversion here, in the worker, keeps the parent process (the writer) light.
            table = events if isinstance(events, pa.Table) else to_table(events)
            first = table.column("published")[0].as_py() if table.num_rows else None
            year = _year_of(first)
            outcomes.append(_Outcome(key, path, digest, table, year, tuple(warnings), None))
        except Exception as exc:  # a bad file or a parser bug must not stop the corpus
            message = str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}"
            outcomes.append(_Outcome(key, path, "", None, UNKNOWN_YEAR, (), message))
    return outcomes


# -- engines: each yields the outcome lists of chunks as they finish ---------------------------


def _run_inline(
    chunks: list[list[tuple[str, str]]], published: dt.date | None, work: ParseFile | None
) -> Iterator[list[_Outcome]]:
    for chunk in chunks:
        yield _parse_chunk(chunk, published, work)


def _run_local(
    chunks: list[list[tuple[str, str]]],
    published: dt.date | None,
    work: ParseFile | None,
    workers: int,
) -> Iterator[list[_Outcome]]:
    # A bounded window of tasks keeps memory flat on huge corpora.
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[Future[list[_Outcome]]] = set()
        queue = iter(chunks)
        try:
            for chunk in queue:
                pending.add(pool.submit(_parse_chunk, chunk, published, work))
                if len(pending) >= window:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield future.result()
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        except BaseException:
            for future in pending:
                future.cancel()
            raise


def _require_dask() -> None:
    """Fail before any work when the Dask engine's optional packages are missing."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise ValueError(
            f"the dask engine needs the optional packages dask and distributed ({exc}); "
            "install them with: pip install 'timeline[dask]'"
        ) from exc


def _run_dask(
    chunks: list[list[tuple[str, str]]],
    published: dt.date | None,
    work: ParseFile | None,
    workers: int,
    scheduler: str | None,
) -> Iterator[list[_Outcome]]:
    import dask
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler is None:
        with dask.config.set(DASK_CONFIG):
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
        client = Client(cluster)
    else:
        client = Client(scheduler, timeout="10s")
    try:
        futures = client.map(
            _parse_chunk, chunks, published=published, work=work, pure=False, retries=1
        )
        for future in as_completed(futures):
            yield future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- the driver ---------------------------------------------------------------------------------


def _chunked(items: list[tuple[str, str]], workers: int, size: int | None) -> list[list[Any]]:
    if size is None:
        # About eight tasks per worker balances the load; at most 32 files amortise the
        # per-task overhead without holding a slow worker's results back for long.
        size = max(1, min(32, len(items) // (workers * 8) or 1))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _find(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    from timeline.article import find_articles

    return find_articles([Path(p) for p in inputs])


def _purge(manifest: Manifest, keys: set[str]) -> None:
    """Remove the committed events of `keys` (changed articles) in one commit."""
    affected = {manifest.entries[k].part for k in keys if manifest.entries[k].part}
    record: dict[str, Any] = {"forget": sorted(keys), "drop": sorted(p for p in affected if p)}
    articles = []
    for part in sorted(p for p in affected if p):
        kept = [manifest.entries[k] for k in manifest.parts.get(part, []) if k not in keys]
        if not kept:
            continue
        table = pq.read_table(manifest.root / part, schema=ARROW_SCHEMA)
        pieces = [table.slice(e.offset, e.rows) for e in kept]
        new_table = pa.concat_tables(pieces)
        year = part.split("/", 1)[0].split("=", 1)[1]
        new_part = _write_part(manifest.root, year, new_table)
        offset = 0
        for e in kept:
            articles.append(
                _Entry(e.key, e.sha256, e.fingerprint, e.article_id, new_part, offset, e.rows)
            )
            offset += e.rows
    record["articles"] = [e.as_json() for e in articles]
    manifest.commit(record)
    for part in record["drop"]:
        (manifest.root / part).unlink(missing_ok=True)


def _remove_orphans(manifest: Manifest) -> None:
    """Delete part files that no committed record names (left by an interrupted run)."""
    live = {manifest.root / p for p in manifest.parts}
    for pattern in (f"{PARTITION}=*/part-*.parquet", f"{PARTITION}=*/.part-*.tmp"):
        for path in manifest.root.glob(pattern):
            if path not in live:
                path.unlink(missing_ok=True)


@contextmanager
def _exclusive(root: Path) -> Iterator[None]:
    """Hold the dataset's lock: two runs writing one folder would undo each other's work."""
    with (root / _LOCK).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ValueError(f"{root}: another parse is writing to this dataset") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class _Writer:
    """Buffers finished articles and commits them in batches (parts + one manifest line)."""

    def __init__(self, manifest: Manifest, fingerprint: str, flush_every: int) -> None:
        self.manifest = manifest
        self.fingerprint = fingerprint
        self.flush_every = flush_every
        self.buffer: list[_Outcome] = []

    def add(self, outcome: _Outcome) -> None:
        self.buffer.append(outcome)
        if len(self.buffer) >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        by_year: dict[str, list[_Outcome]] = {}
        empty: list[_Outcome] = []
        for outcome in self.buffer:
            assert outcome.table is not None
            if outcome.table.num_rows == 0:
                empty.append(outcome)
            else:
                by_year.setdefault(outcome.year, []).append(outcome)
        entries: list[_Entry] = []
        for year, outcomes in sorted(by_year.items()):
            tables = [o.table for o in outcomes if o.table is not None]
            part = _write_part(self.manifest.root, year, pa.concat_tables(tables))
            offset = 0
            for outcome, table in zip(outcomes, tables, strict=True):
                entries.append(self._entry(outcome, part, offset, table.num_rows))
                offset += table.num_rows
        entries.extend(self._entry(o, None, 0, 0) for o in empty)
        self.manifest.commit({"articles": [e.as_json() for e in entries]})
        self.buffer = []

    def _entry(self, outcome: _Outcome, part: str | None, offset: int, rows: int) -> _Entry:
        article_id = Path(outcome.path).stem
        return _Entry(outcome.key, outcome.sha256, self.fingerprint, article_id, part, offset, rows)


def parse_corpus(
    inputs: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    published: dt.date | None = None,
    *,
    work: ParseFile | None = None,
    chunk_size: int | None = None,
    flush_every: int = 256,
    progress: Progress | None = None,
    paths: Sequence[str | os.PathLike[str]] | None = None,
) -> CorpusResult:
    """Parse the articles under `inputs` into the Parquet dataset `out_dir`.

    `engine` "local" uses a process pool of `workers` processes (default: the CPU count; one
    worker parses in this process); "dask" submits the same tasks to the Dask scheduler at
    `scheduler` (or to a LocalCluster of `workers` processes started for the run). `work`
    replaces the per-file function (path, published) -> (events, warnings); it must be
    picklable for the pools. `paths` gives the article files directly (no folder search).
    `progress(n)` is called with the number of articles finished since the last call.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine == "dask":
        _require_dask()
    started = time.perf_counter()
    root = Path(out_dir)
    if root.exists() and not root.is_dir():
        raise ValueError(f"{root} is a file; the dataset output must be a folder")
    others = root.is_dir() and any(p.name != _LOCK for p in root.iterdir())
    if others and not (root / MANIFEST).exists():
        raise ValueError(
            f"{root} is not a dataset folder (no {MANIFEST}); choose a new or empty folder"
        )
    root.mkdir(parents=True, exist_ok=True)
    with _exclusive(root):
        (root / MANIFEST).touch()  # marks the folder as a dataset from the start
        workers = max(1, workers or os.cpu_count() or 1)
        result = CorpusResult(root)

        files = [Path(p) for p in paths] if paths is not None else _find(inputs)
        manifest = Manifest(root)
        _remove_orphans(manifest)
        fingerprint = _fingerprint(published)

        todo: list[tuple[str, str]] = []
        changed: set[str] = set()
        seen: set[str] = set()
        for path in files:
            key = str(path.resolve())
            if key in seen:
                continue
            seen.add(key)
            result.found += 1
            entry = manifest.entries.get(key)
            if entry is not None:
                try:
                    digest = _sha256(path)
                except OSError as exc:
                    result.errors.append(FileError(str(path), f"{path}: {exc.strerror or exc}"))
                    continue
                if digest == entry.sha256 and entry.fingerprint == fingerprint:
                    result.skipped += 1
                    continue
                changed.add(key)
            todo.append((key, str(path)))
        if changed:
            _purge(manifest, changed)
            result.replaced = len(changed)

        writer = _Writer(manifest, fingerprint, flush_every)
        chunks = _chunked(todo, workers, chunk_size)
        if engine == "dask":
            stream = _run_dask(chunks, published, work, workers, scheduler)
        elif workers == 1:
            stream = _run_inline(chunks, published, work)
        else:
            stream = _run_local(chunks, published, work, workers)
        try:
            for outcomes in stream:
                for outcome in outcomes:
                    if outcome.error is not None:
                        result.errors.append(FileError(outcome.path, outcome.error))
                        continue
                    result.parsed += 1
                    result.events += outcome.table.num_rows if outcome.table is not None else 0
                    result.warnings.extend(f"{outcome.path}: {w}" for w in outcome.warnings)
                    writer.add(outcome)
                if progress is not None:
                    progress(len(outcomes))
        finally:
            # Whatever finished before an interruption is committed, not lost.
            writer.flush()
        manifest.snapshot()
        result.seconds = time.perf_counter() - started
        return result


def read_dataset(out_dir: str | os.PathLike[str]) -> pd.DataFrame:
    """All events of a dataset folder as one schema frame (small datasets; else the store)."""
    files = dataset_files(out_dir)
    if not files:
        return new_frame()
    table = pa.concat_tables(pq.read_table(f, schema=ARROW_SCHEMA) for f in files)
    return conform(table.to_pandas())
