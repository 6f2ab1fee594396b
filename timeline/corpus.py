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

**The manifest** (`timeline._manifest`) is an append-only log of JSON lines: before a batch's
part files are written, a line names them as pending; the batch is committed when its line is
appended and fsynced, after the parts were written atomically (temporary file, then rename).
That line gives each part's size and, for each article, its key (absolute path), the sha256 of
its bytes, a fingerprint of the options that change the output (`--published`, the parser
version) and its rows in the part. Every line is validated (part names of our own shape,
inside the folder). So:

- re-running skips an article whose bytes and options are unchanged, and re-parses a changed
  one after removing its old events (its old part is rewritten without it, in one commit);
- an article whose file moved (same bytes, new path, the old path gone) keeps its events;
- an interrupted run (Ctrl-C, SIGKILL, power loss) keeps every committed batch; a torn last
  line is ignored, and parts logged as pending but never committed are deleted on the next
  run, so every article ends up in the dataset exactly once. A file the log never named is
  never deleted; a damaged line elsewhere stops the run (ManifestError; `repair=True` drops
  it and parses its articles again);
- a committed part found missing, truncated or unreadable is forgotten, with a warning, and
  its articles are parsed again; readers (`timeline.store`) read only the whole parts the
  manifest names, and say which they left out;
- pool workers exit when the run that started them is killed, so none keeps the lock.

Per-file errors (unreadable files, parser failures) are collected, never fatal, and not
recorded as done, so a fixed file is parsed on the next run. Dask workers must see the files
at the same paths (a shared filesystem), as for any Dask job reading local files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import threading
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
from timeline._files import read_regular, scan_articles
from timeline._ids import assign_ids
from timeline._io import atomic_writer, remove_stale_temps
from timeline._manifest import MANIFEST, Entry, Manifest, ManifestError
from timeline.pipeline import FileError
from timeline.schema import COLUMNS, NAMES, conform, new_frame

__all__ = [
    "ARROW_SCHEMA",
    "DASK_CONFIG",
    "MANIFEST",
    "CorpusResult",
    "FileError",
    "Manifest",
    "ManifestError",
    "dataset_files",
    "dataset_parts",
    "parse_corpus",
    "read_dataset",
    "to_table",
    "write_dataset",
]

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
# How often a pool worker checks that the parse that started it is still running.
_WATCH_SECONDS = 0.5
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
    moved: int = 0
    events: int = 0
    errors: list[FileError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def dataset_parts(
    root: str | os.PathLike[str], *, footers: bool = True
) -> tuple[list[Path], list[str]]:
    """The Parquet files holding a dataset's events, and what is wrong with the others.

    With a manifest: the live parts it names that are whole (present, of the size they were
    committed with, with a readable footer holding their rows); a missing or damaged part
    and a damaged manifest line are left out and described. Without: every .parquet file.
    `footers=False` checks presence and size only (no file is opened: cheap enough to ask on
    every rerun of the dashboard).
    """
    root = Path(root)
    if not (root / MANIFEST).exists():
        files = sorted(p for p in root.rglob("*.parquet") if not p.name.startswith("."))
        return files, []
    manifest = Manifest(root, strict=False)
    problems = list(manifest.problems)
    files = []
    for part in manifest.live_parts():
        damage = _damage(manifest, part, footers=footers)
        if damage is None:
            files.append(root / part)
        else:
            n = len(manifest.parts[part])
            problems.append(f"{root / part}: {damage}; the events of its {n} article(s) are out")
    return files, problems


def dataset_files(root: str | os.PathLike[str]) -> list[Path]:
    """The Parquet files holding a dataset's events: the manifest's whole parts, else every
    file (see `dataset_parts`, which also says what was left out)."""
    return dataset_parts(root, footers=False)[0]


def _damage(manifest: Manifest, part: str, *, footers: bool = True) -> str | None:
    """What is wrong with a live part's file, or None if it is whole (`footers`: also read
    its Parquet footer and check it holds the rows the manifest gives it)."""
    try:
        path = manifest.inside(part)
        size = path.stat().st_size
    except FileNotFoundError:
        return "missing"
    except (OSError, ManifestError) as exc:
        return str(exc)
    expected = manifest.sizes.get(part)
    if expected is not None and size != expected:
        return f"damaged ({size} bytes, {expected} when written)"
    if not footers:
        return None
    try:
        rows = pq.read_metadata(path).num_rows
    except (OSError, pa.ArrowException) as exc:
        return f"unreadable ({exc})"
    entries = [manifest.entries[k] for k in manifest.parts[part]]
    needed = max(e.offset + e.rows for e in entries)
    if rows < needed:
        return f"damaged ({rows} rows, {needed} expected)"
    return None


def _sha256(path: Path) -> str:
    # read as the parser reads (a regular file only, never blocking on a FIFO)
    return hashlib.sha256(read_regular(path)).hexdigest()


def _fingerprint(published: dt.date | None) -> str:
    return f"{__version__}|{published.isoformat() if published else ''}"


def _year_of(published: Any) -> str:
    return UNKNOWN_YEAR if pd.isna(published) else str(pd.Timestamp(published).year)


def to_table(frame: pd.DataFrame) -> pa.Table:
    """An events frame as an Arrow table in the dataset's schema (extra columns dropped)."""
    frame = conform(frame)[list(NAMES)]
    return pa.Table.from_pandas(frame, schema=ARROW_SCHEMA, preserve_index=False)


def _new_part(year: str) -> str:
    return f"{PARTITION}={year}/part-{uuid.uuid4().hex}.parquet"


def _write_part(root: Path, part: str, table: pa.Table) -> int:
    """Write one part atomically; its size in bytes."""
    folder = (root / part).parent
    if folder.is_symlink() or (folder.exists() and not folder.resolve().parent.samefile(root)):
        # a partition folder replaced by a link would have the part written elsewhere
        raise ManifestError(
            f"{folder} leads outside the dataset folder {root}; remove the link and run again"
        )
    path = atomic_writer(
        root / part,
        lambda handle: pq.write_table(table, handle, row_group_size=_ROW_GROUP, compression="zstd"),
    )
    return path.stat().st_size


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
        part = _new_part(str(year))
        _write_part(root, part, table)
        written.append(root / part)
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


def parse_file(
    path: Path,
    published: dt.date | None,
    max_seconds: float | None = None,
    article_id: str | None = None,
) -> tuple[pa.Table, Sequence[str]]:
    """The events of one article file and its warnings (the default per-file work);
    `max_seconds` bounds the parse (default `timeline.events.MAX_SECONDS`); `article_id`
    defaults to the file's stem."""
    from timeline.article import load_article
    from timeline.events import MAX_SECONDS, extract_events

    article = load_article(path, published=published, id=article_id)
    budget = MAX_SECONDS if max_seconds is None else max_seconds
    return rows_to_table(extract_events(article, max_seconds=budget)), article.warnings


# One article to parse: its key, its path and its id (assigned by the parent process, so
# that the id never depends on which worker parses the file or when).
_Item = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class _Outcome:
    key: str
    path: str
    article_id: str
    sha256: str
    table: pa.Table | None  # the events in the dataset's schema (Arrow pickles cheaply)
    year: str  # the partition: the article's publication year
    warnings: tuple[str, ...]
    error: str | None


def _parse_chunk(
    items: Sequence[_Item],
    published: dt.date | None,
    work: ParseFile | None = None,
    max_seconds: float | None = None,
) -> list[_Outcome]:
    """Parse (key, path, id) items; an error in one file is recorded and the rest go on."""
    outcomes = []
    for key, path, article_id in items:
        try:
            digest = _sha256(Path(path))
            if work is None:
                events, warnings = parse_file(Path(path), published, max_seconds, article_id)
            else:
                events, warnings = work(Path(path), published)
            # Conversion here, in the worker, keeps the parent process (the writer) light.
            table = events if isinstance(events, pa.Table) else to_table(events)
            first = table.column("published")[0].as_py() if table.num_rows else None
            year = _year_of(first)
            outcomes.append(
                _Outcome(key, path, article_id, digest, table, year, tuple(warnings), None)
            )
        except Exception as exc:  # a bad file or a parser bug must not stop the corpus
            message = str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}"
            outcomes.append(_Outcome(key, path, article_id, "", None, UNKNOWN_YEAR, (), message))
    return outcomes


# -- engines: each yields the outcome lists of chunks as they finish ---------------------------


def _run_inline(
    chunks: list[list[_Item]],
    published: dt.date | None,
    work: ParseFile | None,
    max_seconds: float | None,
) -> Iterator[list[_Outcome]]:
    for chunk in chunks:
        yield _parse_chunk(chunk, published, work, max_seconds)


def _watch_parent(parent: int) -> None:
    """In a pool worker: exit as soon as the process that started the pool is gone.

    A worker outliving a killed parse would keep the dataset's lock (it inherits the
    lock's file) and block the next run; the pool's own shutdown never comes then.
    """
    ppid = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(_WATCH_SECONDS)
            if os.getppid() != ppid or not _alive(parent):
                os._exit(1)

    if ppid != parent and not _alive(parent):
        os._exit(1)
    threading.Thread(target=watch, name="timeline-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _run_local(
    chunks: list[list[_Item]],
    published: dt.date | None,
    work: ParseFile | None,
    workers: int,
    max_seconds: float | None,
) -> Iterator[list[_Outcome]]:
    # A bounded window of tasks keeps memory flat on huge corpora.
    window = workers * 4
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_watch_parent, initargs=(os.getpid(),)
    ) as pool:
        pending: set[Future[list[_Outcome]]] = set()
        queue = iter(chunks)
        try:
            for chunk in queue:
                pending.add(pool.submit(_parse_chunk, chunk, published, work, max_seconds))
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
    chunks: list[list[_Item]],
    published: dt.date | None,
    work: ParseFile | None,
    workers: int,
    scheduler: str | None,
    max_seconds: float | None,
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
            _parse_chunk,
            chunks,
            published=published,
            work=work,
            max_seconds=max_seconds,
            pure=False,
            retries=1,
        )
        for future in as_completed(futures):
            yield future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- the driver ---------------------------------------------------------------------------------


def _chunked(items: list[_Item], workers: int, size: int | None) -> list[list[_Item]]:
    if size is None:
        # About eight tasks per worker balances the load; at most 32 files amortise the
        # per-task overhead without holding a slow worker's results back for long.
        size = max(1, min(32, len(items) // (workers * 8) or 1))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _find(inputs: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The article files under `inputs`, and (path, message) for the entries left out."""
    from timeline.article import SUFFIXES

    return scan_articles([Path(p) for p in inputs], SUFFIXES)


def _purge(manifest: Manifest, keys: set[str]) -> None:
    """Remove the committed events of `keys` (changed articles) in one commit."""
    affected = sorted({p for k in keys if (p := manifest.entries[k].part)})
    record: dict[str, Any] = {"forget": sorted(keys), "drop": affected}
    rewrites: list[tuple[str, list[Entry]]] = []
    for part in affected:
        kept = [manifest.entries[k] for k in manifest.parts.get(part, []) if k not in keys]
        if kept:
            rewrites.append((part, kept))
    new_parts = [_new_part(part.split("/", 1)[0].split("=", 1)[1]) for part, _ in rewrites]
    if new_parts:
        manifest.commit({"pending": new_parts})
    articles: list[Entry] = []
    sizes: dict[str, int] = {}
    for (part, kept), new_part in zip(rewrites, new_parts, strict=True):
        table = pq.read_table(manifest.inside(part), schema=ARROW_SCHEMA)
        new_table = pa.concat_tables([table.slice(e.offset, e.rows) for e in kept])
        sizes[new_part] = _write_part(manifest.root, new_part, new_table)
        offset = 0
        for e in kept:
            articles.append(
                Entry(e.key, e.sha256, e.fingerprint, e.article_id, new_part, offset, e.rows)
            )
            offset += e.rows
    record["articles"] = articles
    record["sizes"] = sizes
    manifest.commit(record)
    for part in affected:
        manifest.inside(part).unlink(missing_ok=True)


def _remove_orphans(manifest: Manifest) -> list[str]:
    """Delete the part files the log says were being written or were dropped and that no
    committed article uses (left by an interrupted run), with their temporary files.

    Only those: a file the manifest's valid history does not name is never deleted.
    Returns the files that could not be deleted, as messages.
    """
    problems = []
    live = set(manifest.live_parts())
    for part in sorted((manifest.pending | manifest.dropped) - live):
        try:
            manifest.inside(part).unlink(missing_ok=True)
        except (OSError, ManifestError) as exc:
            problems.append(f"{part}: left over from an interrupted run, not deleted ({exc})")
    remove_stale_temps(manifest.root, recursive=True)
    return problems


def _repair_damage(manifest: Manifest) -> list[str]:
    """Find live parts that are missing or damaged (truncated, unreadable) and forget them,
    so that their articles are parsed again; one message per part."""
    damaged = {p: why for p in manifest.live_parts() if (why := _damage(manifest, p)) is not None}
    if not damaged:
        return []
    counts = {part: len(manifest.parts[part]) for part in damaged}
    keys = sorted(k for part in damaged for k in manifest.parts[part])
    manifest.commit({"forget": keys, "drop": sorted(damaged)})
    for part in damaged:
        # no longer named by the manifest: readers never read it, even if it stays
        with contextlib.suppress(OSError, ManifestError):
            manifest.inside(part).unlink(missing_ok=True)
    return [
        f"{manifest.root / part}: {why}; its {counts[part]} article(s) are parsed again"
        for part, why in sorted(damaged.items())
    ]


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
        groups = sorted(by_year.items())
        parts = [_new_part(year) for year, _ in groups]
        if parts:
            # Logged before they are written: a kill mid-write leaves files known to be ours.
            self.manifest.commit({"pending": parts})
        entries: list[Entry] = []
        sizes: dict[str, int] = {}
        for (_year, outcomes), part in zip(groups, parts, strict=True):
            tables = [o.table for o in outcomes if o.table is not None]
            sizes[part] = _write_part(self.manifest.root, part, pa.concat_tables(tables))
            offset = 0
            for outcome, table in zip(outcomes, tables, strict=True):
                entries.append(self._entry(outcome, part, offset, table.num_rows))
                offset += table.num_rows
        entries.extend(self._entry(o, None, 0, 0) for o in empty)
        self.manifest.commit({"articles": entries, "sizes": sizes})
        self.buffer = []

    def _entry(self, outcome: _Outcome, part: str | None, offset: int, rows: int) -> Entry:
        return Entry(
            outcome.key, outcome.sha256, self.fingerprint, outcome.article_id, part, offset, rows
        )


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
    repair: bool = False,
    max_seconds: float | None = None,
) -> CorpusResult:
    """Parse the articles under `inputs` into the Parquet dataset `out_dir`.

    `engine` "local" uses a process pool of `workers` processes (default: the CPU count; one
    worker parses in this process); "dask" submits the same tasks to the Dask scheduler at
    `scheduler` (or to a LocalCluster of `workers` processes started for the run). `work`
    replaces the per-file function (path, published) -> (events, warnings); it must be
    picklable for the pools. `paths` gives the article files directly (no folder search).
    `progress(n)` is called with the number of articles finished since the last call.

    A damaged manifest line stops the run with ManifestError; `repair=True` drops such lines
    instead (their articles are parsed again). A part file found missing or damaged is
    forgotten and its articles are parsed again, with a warning. An article whose file moved
    (the same bytes under a new path, the old path gone) keeps its events. `max_seconds`
    bounds the parse of one article (the default parser's budget, `MAX_SECONDS`).
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

        manifest = Manifest(root, strict=not repair)
        result.warnings.extend(manifest.problems)
        result.warnings.extend(_remove_orphans(manifest))
        result.warnings.extend(_repair_damage(manifest))
        if paths is not None:
            files = [Path(p) for p in paths]
        else:
            files, problems = _find(inputs)
            result.errors.extend(FileError(path, message) for path, message in problems)
        fingerprint = _fingerprint(published)

        todo: list[tuple[str, str]] = []
        changed: set[str] = set()
        seen: set[str] = set()
        moved: list[tuple[str, str]] = []  # (old key, new key): the same bytes, moved
        vanished: dict[tuple[str, str], list[str]] | None = None
        for path in files:
            try:
                key = str(path.resolve())
            except (OSError, RuntimeError) as exc:
                result.errors.append(FileError(str(path), f"{path}: {_reason(exc)}"))
                continue
            if key in seen:
                continue
            seen.add(key)
            result.found += 1
            entry = manifest.entries.get(key)
            if entry is None and manifest.entries:
                if vanished is None:
                    vanished = _vanished(manifest)
                if vanished:
                    try:
                        digest = _sha256(path)
                    except OSError:
                        digest = ""  # reported by the worker, which reads it again
                    old = vanished.get((digest, fingerprint))
                    if old:
                        moved.append((old.pop(), key))
                        result.skipped += 1
                        continue
            if entry is not None:
                try:
                    digest = _sha256(path)
                except OSError as exc:
                    result.errors.append(FileError(str(path), f"{path}: {_reason(exc)}"))
                    continue
                if digest == entry.sha256 and entry.fingerprint == fingerprint:
                    result.skipped += 1
                    continue
                changed.add(key)
            todo.append((key, str(path)))
        if moved:
            _rekey(manifest, moved)
            result.moved = len(moved)
        # A changed file keeps its id; a new one gets its stem unless an article of the
        # dataset (by id or by file name) or of this run has it, else the stem and a content
        # hash (timeline._ids): ids never change once stored.
        previous = {key: manifest.entries[key].article_id for key in changed}
        if changed:
            _purge(manifest, changed)
            result.replaced = len(changed)
        ids = assign_ids(
            [Path(path) for key, path in todo if key not in previous],
            taken={e.article_id for e in manifest.entries.values()}
            | {Path(key).stem for key in manifest.entries}
            | set(previous.values()),
        )
        items = [(key, path, previous.get(key) or ids[Path(path)]) for key, path in todo]

        writer = _Writer(manifest, fingerprint, flush_every)
        chunks = _chunked(items, workers, chunk_size)
        if engine == "dask":
            stream = _run_dask(chunks, published, work, workers, scheduler, max_seconds)
        elif workers == 1:
            stream = _run_inline(chunks, published, work, max_seconds)
        else:
            stream = _run_local(chunks, published, work, workers, max_seconds)
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
        _remove_orphans(manifest)
        manifest.snapshot()
        result.seconds = time.perf_counter() - started
        return result


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    return str(exc)


def _vanished(manifest: Manifest) -> dict[tuple[str, str], list[str]]:
    """Committed articles whose file is gone, by (content hash, options): a file with the
    same bytes found elsewhere is the same article moved (a renamed archive folder)."""
    found: dict[tuple[str, str], list[str]] = {}
    for key, entry in manifest.entries.items():
        try:
            gone = not Path(key).exists()
        except OSError:
            gone = False
        if gone:
            found.setdefault((entry.sha256, entry.fingerprint), []).append(key)
    return found


def _rekey(manifest: Manifest, moved: list[tuple[str, str]]) -> None:
    """Record moved articles under their new paths, their events untouched, in one commit."""
    entries = []
    for old, new in moved:
        e = manifest.entries[old]
        entries.append(Entry(new, e.sha256, e.fingerprint, e.article_id, e.part, e.offset, e.rows))
    manifest.commit({"forget": [old for old, _ in moved], "articles": entries})


def read_dataset(out_dir: str | os.PathLike[str]) -> pd.DataFrame:
    """All events of a dataset folder as one schema frame (small datasets; else the store);
    damaged parts are left out (`dataset_parts` says which)."""
    files = dataset_parts(out_dir)[0]
    if not files:
        return new_frame()
    table = pa.concat_tables(pq.read_table(f, schema=ARROW_SCHEMA) for f in files)
    return conform(table.to_pandas())
