"""The command line: a thin click layer over the library (`timeline --help`)."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from timeline import __version__, _jsonl

if TYPE_CHECKING:
    from timeline.filters import Filters

__all__ = ["main"]

_F = TypeVar("_F", bound=Callable[..., Any])


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def _corrections_option(help: str) -> Callable[[_F], _F]:
    """--corrections FILE: a corrections log to apply (`timeline.curation`)."""
    return click.option(
        "--corrections",
        "corrections",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=help,
    )


def _filter_options(command: _F) -> _F:
    """--actor, --role and --country, passed to `command` as one `filters`
    (`timeline.filters.Filters`, the engine the dashboard uses)."""

    @functools.wraps(command)
    def with_filters(
        *args: Any, actors: tuple[str, ...], actor_role: str, countries: tuple[str, ...], **kw: Any
    ) -> Any:
        from timeline.filters import Filters

        filters = Filters(actors=actors, actor_role=actor_role, countries=countries)
        return command(*args, filters=filters, **kw)

    options = (
        click.option(
            "--actor",
            "actors",
            multiple=True,
            metavar="NAME",
            help="Keep events of this actor (repeatable).",
        ),
        click.option(
            "--role",
            "actor_role",
            type=click.Choice(["either", "acted", "target"]),
            default="either",
            show_default=True,
            help="With --actor: events where the actor acted, was targeted, or either.",
        ),
        click.option(
            "--country",
            "countries",
            multiple=True,
            metavar="NAME",
            help="Keep events involving this country (repeatable).",
        ),
    )
    decorated: Callable[..., Any] = with_filters
    for option in reversed(options):
        decorated = option(decorated)
    return decorated  # type: ignore[return-value]


@click.group(name="timeline", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=__version__, message="timeline %(version)s")
def cli() -> None:
    """Turn news articles into a timeline of who did what, where and when."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    default=None,
    type=click.Path(path_type=Path),
    help="Events file to write (.csv, .json or .parquet), or a folder (no extension) for a "
    "Parquet dataset that later runs update. Default: the dataset events/ of the data folder "
    "(TIMELINE_DATA_DIR), which the dashboard shows.",
)
@click.option(
    "--published",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Publication date for every article (overrides the date found in the text).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@_corrections_option(
    "Apply this corrections log (corrections.jsonl, as the dashboard writes it): the "
    "output is the corrected view, with a `corrected` column."
)
@click.option(
    "--allow-empty",
    is_flag=True,
    help="Write the output even when no article could be read (by default an existing file "
    "is then kept as it was).",
)
@click.option(
    "--max-seconds",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="SECONDS",
    help="Give up on an article whose parse takes longer (default: 60).",
)
@click.option(
    "--repair",
    is_flag=True,
    help="Dataset output: drop damaged lines of its manifest (their articles are parsed "
    "again) instead of stopping.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Dataset output: parallel processes (default: one per CPU) or Dask workers.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default=None,
    help="Dataset output: a local process pool (default) or a Dask distributed cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler address (tcp://host:8786); implies --engine dask. Without it, "
    "--engine dask starts a local cluster for the run.",
)
def parse(
    inputs: tuple[Path, ...],
    out: Path | None,
    published: dt.date | None,
    quiet: bool,
    corrections: Path | None,
    allow_empty: bool,
    max_seconds: float | None,
    repair: bool,
    workers: int | None,
    engine: str | None,
    scheduler: str | None,
) -> None:
    """Parse article files or folders (.txt, .md, .html) into an events table.

    With a folder as --out, the events go to a Parquet dataset partitioned by publication
    year, parsed in parallel; running again skips the articles whose content has not
    changed, and an interrupted run keeps what it had finished.

    \b
    Examples:
      timeline parse seeds/ my_articles/ --out events.csv
      timeline parse archive/ --workers 2
      timeline parse archive/ --out events_ds --scheduler tcp://scheduler.example.org:8786
      timeline parse seeds/ --corrections data/corrections.jsonl --out corrected.csv
    """
    from tqdm import tqdm

    from timeline.config import dataset_dir
    from timeline.events import MAX_SECONDS
    from timeline.export import EVENT_FORMATS, write_events
    from timeline.pipeline import parse_paths

    if out is None:
        out = dataset_dir()
    if engine is None:
        engine = "dask" if scheduler else "local"
    budget = MAX_SECONDS if max_seconds is None else max_seconds
    if _is_dir(out) or not out.suffix:
        if corrections is not None:
            raise click.BadParameter(
                f"{out}: a dataset keeps the extraction; corrections apply when it is read "
                "(the dashboard applies data/corrections.jsonl). Give a .csv, .json or "
                ".parquet file to write the corrected view.",
                param_hint="--corrections",
            )
        _parse_dataset(inputs, out, published, quiet, workers, engine, scheduler, budget, repair)
        return
    if workers is not None or engine != "local":
        raise click.BadParameter(
            f"{out}: --workers, --engine and --scheduler write a dataset; give a folder",
            param_hint="--out",
        )
    if out.suffix.lower().lstrip(".") not in EVENT_FORMATS:
        raise click.BadParameter(
            f"{out}: use a .csv, .json or .parquet file, or a folder for a dataset",
            param_hint="--out",
        )
    present, missing = _present(inputs)

    def progress(paths: Sequence[Path]) -> Iterable[Path]:
        return tqdm(
            paths,
            desc="parsing",
            unit="article",
            disable=quiet or len(paths) < 2,
            file=sys.stderr,
            leave=False,
        )

    log = _read_log(corrections) if corrections is not None else None
    result = parse_paths(present, published=published, progress=progress, max_seconds=budget)
    for error in result.errors:
        click.echo(f"error: {error.message}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    failed = len(result.errors) + len(missing)
    if not result.articles and not allow_empty:
        # Nothing was read (a typo in a path, an empty folder): an events file written now
        # would replace the good events it holds with a header.
        kept = f"{out} is left as it was" if _exists(out) else f"{out} is not written"
        click.echo(f"error: no article could be read; {kept} (--allow-empty writes it)", err=True)
        sys.exit(1)
    frame = result.frame
    if log is not None:
        frame = _corrected(frame, log)
    try:
        write_events(frame, out)
    except OSError as exc:
        click.echo(f"error: cannot write {out}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    undated = int(frame["start"].isna().sum())
    click.echo(
        f"{result.articles} article(s), {len(frame)} event(s), "
        f"{undated} undated -> {out}" + (f"; {failed} file(s) failed" if failed else ""),
        err=True,
    )
    if failed:
        sys.exit(1)


def _parse_dataset(
    inputs: tuple[Path, ...],
    out: Path,
    published: dt.date | None,
    quiet: bool,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    max_seconds: float,
    repair: bool,
) -> None:
    """`parse --out FOLDER`: the corpus engine (timeline.corpus), resumable."""
    from tqdm import tqdm

    from timeline.corpus import parse_corpus

    present, missing = _present(inputs)
    bar = tqdm(desc="parsing", unit="article", disable=quiet, file=sys.stderr, leave=False)
    try:
        result = parse_corpus(
            present,
            out,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            published=published,
            progress=bar.update,
            max_seconds=max_seconds,
            repair=repair,
        )
    except (OSError, ValueError, TimeoutError) as exc:
        bar.close()
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        bar.close()
        click.echo(
            f"interrupted: the articles finished so far are saved in {out}/; "
            "run the same command again to parse the rest",
            err=True,
        )
        sys.exit(130)
    bar.close()
    for error in result.errors:
        click.echo(f"error: {error.message}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    failed = len(result.errors) + len(missing)
    click.echo(
        f"{result.parsed} article(s) parsed, {result.skipped} unchanged skipped"
        + (f", {result.replaced} replaced" if result.replaced else "")
        + (f", {result.moved} moved" if result.moved else "")
        + f", {result.events} event(s) -> {out}/ ({engine}, {result.seconds:.1f} s)"
        + (f"; {failed} file(s) failed" if failed else ""),
        err=True,
    )
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Chart file to write: .png, .svg, .pdf or .html (interactive).",
)
@_filter_options
@click.option(
    "--by",
    type=click.Choice(["actor", "country"]),
    default="actor",
    show_default=True,
    help="One lane per actor or per country.",
)
@click.option(
    "--view",
    type=click.Choice(["timeline", "intensity", "network", "map", "summary"]),
    default="timeline",
    show_default=True,
    help="What to draw: the timeline; events per period with their conflict-cooperation "
    "score; who acts on whom; events per country; a summary.",
)
@click.option(
    "--period",
    type=click.Choice(["auto", "day", "week", "month", "year"]),
    default="auto",
    show_default=True,
    help="With --view intensity: the period events are counted in.",
)
@click.option(
    "--stack",
    type=click.Choice(["type", "actor", "country"]),
    default="type",
    show_default=True,
    help="With --view intensity: what the bars are stacked by.",
)
@click.option("--title", default=None, help="Chart title (default: what is shown and the filters).")
@_corrections_option("Draw the corrected view: apply this corrections log (corrections.jsonl).")
def chart(
    inputs: tuple[Path, ...],
    out: Path,
    filters: Filters,
    by: str,
    view: str,
    period: str,
    stack: str,
    title: str | None,
    corrections: Path | None,
) -> None:
    """Draw the timeline (or another view) of articles, folders or an events file
    (.csv, .json, .parquet). Images carry the title, the sources and the export date.

    \b
    Example:
      timeline chart seeds/ --actor Serbia --out serbia.png
      timeline chart seeds/ --actor NATO --role target --out nato.svg
      timeline chart events.parquet --by country --out timeline.html
      timeline chart events.parquet --view network --out network.png
      timeline chart events.parquet --view intensity --period week --out weeks.pdf
    """
    import pandas as pd

    from timeline.export import (
        EVENT_FORMATS,
        ExportError,
        read_events,
        report_figure,
        source_titles,
        write_figure,
    )
    from timeline.filters import apply
    from timeline.pipeline import parse_paths
    from timeline.schema import SchemaError, new_frame

    if out.suffix.lower() not in (".png", ".svg", ".pdf", ".html"):
        raise click.BadParameter(f"{out}: use a .png, .svg, .pdf or .html file", param_hint="--out")
    if _present(inputs)[1]:
        sys.exit(1)
    tables = [p for p in inputs if p.is_file() and p.suffix.lower().lstrip(".") in EVENT_FORMATS]
    articles = [p for p in inputs if p not in tables]
    frames = []
    for path in tables:
        try:
            frames.append(read_events(path))
        except SchemaError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
    if articles:
        result = parse_paths(articles)
        for error in result.errors:
            click.echo(f"error: {error.message}", err=True)
        if result.errors and not result.articles:
            sys.exit(1)
        frames.append(result.frame)
    events = pd.concat(frames, ignore_index=True) if frames else new_frame()
    if corrections is not None:
        events = _corrected(events, _read_log(corrections))
    shown = apply(events, filters)
    dated = int(shown["start"].notna().sum())
    if not dated:
        what = f" matching {filters.describe()}" if not filters.is_default() else ""
        click.echo(f"error: no dated events{what} among {len(events)} event(s)", err=True)
        sys.exit(1)
    from timeline.views import build_view, view_title

    heading = title or view_title(view, filters.describe(), by)
    fig = build_view(view, shown, by=by, period=period, stack=stack)
    if out.suffix.lower() == ".html":
        fig.update_layout(title={"text": heading})
    else:
        fig = report_figure(fig, title=heading, sources=source_titles(shown))
    try:
        write_figure(fig, out)
    except ExportError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"error: cannot write {out}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    click.echo(f"{dated} dated event(s) drawn ({view}) -> {out}", err=True)


@cli.command()
@click.argument("input_file", metavar="FILE.jsonl", required=False, type=click.File("r"))
@click.option("--text", "text", help="Tag this text and print a table instead of reading FILE.")
@click.option(
    "--published",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="With --text: the publication date relative expressions count from.",
)
def dates(input_file: IO[str] | None, text: str | None, published: dt.date | None) -> None:
    """Find the time expressions of texts and normalise them (TIMEX3).

    FILE.jsonl (or - for standard input) holds one JSON object a line,
    {"id": ..., "text": ..., "published": "YYYY-MM-DD"}; each gives one output line
    {"id": ..., "timexes": [{"start", "end", "text", "type", "value",
    "interval_start", "interval_end", "precision"}]}. A bad line is reported on
    standard error with its number and skipped; the exit status is then 1.

    \b
    Examples:
      timeline dates articles.jsonl > timexes.jsonl
      timeline dates --published 2022-12-15 --text "Serbia on Thursday demanded ..."
    """
    from timeline.dates import tag
    from timeline.dates._jsonl import table, tag_lines

    if text is not None:
        if input_file is not None:
            raise click.UsageError("give FILE.jsonl or --text, not both")
        click.echo(table(tag(text, published)))
        return
    if input_file is None:
        raise click.UsageError("give FILE.jsonl (or - for standard input), or --text")
    _echo_lines(tag_lines(input_file))


def _echo_lines(outputs: Iterable[str | _jsonl.LineError]) -> None:
    """Print a JSON-lines command's output; bad lines go to standard error (exit status 1)."""
    bad = 0
    for out in outputs:
        if isinstance(out, _jsonl.LineError):
            bad += 1
            click.echo(f"error: line {out.line}: {out.message}", err=True)
        else:
            click.echo(out)
    if bad:
        click.echo(f"{bad} bad line(s) skipped", err=True)
        sys.exit(1)


@cli.command()
@click.argument("input_file", metavar="FILE.jsonl", required=False, type=click.File("r"))
@click.option("--text", "text", help="Find the entities of this text and print a table.")
def entities(input_file: IO[str] | None, text: str | None) -> None:
    """Find the named entities of texts: people, organisations, places, groups, products, events.

    FILE.jsonl (or - for standard input) holds one JSON object a line, {"id": ..., "text": ...};
    each gives one output line {"id": ..., "entities": [{"start", "end", "text", "type",
    "canonical"}]} with character offsets into the text and types PERSON, ORG, GPE (countries,
    states, cities), LOC (other places), NORP (nationalities, groups), PRODUCT, EVENT or MISC.
    A bad line is reported on standard error with its number and skipped; the exit status is
    then 1.

    \b
    Examples:
      python -m timeline entities articles.jsonl > entities.jsonl
      python -m timeline entities --text "Singapore Airlines (SIA) ordered ten A380-800s."
    """
    from timeline._entities_jsonl import entity_lines, table
    from timeline.ner import find

    if text is not None:
        if input_file is not None:
            raise click.UsageError("give FILE.jsonl or --text, not both")
        click.echo(table(find(text)))
        return
    if input_file is None:
        raise click.UsageError("give FILE.jsonl (or - for standard input), or --text")
    _echo_lines(entity_lines(input_file))


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _present(inputs: tuple[Path, ...]) -> tuple[list[Path], list[str]]:
    """The inputs that exist, and the others, each reported on standard error (a name too
    long, or in a folder that cannot be searched, is reported, not a traceback)."""
    present: list[Path] = []
    missing: list[str] = []
    for path in inputs:
        try:
            if path.exists():
                present.append(path)
                continue
            if path.is_symlink():
                reason = "dangling link (its target does not exist)"
            else:
                reason = "no such file or folder"
        except OSError as exc:
            reason = f"cannot be read ({exc.strerror or exc})"
        click.echo(f"error: {path}: {reason}", err=True)
        missing.append(str(path))
    return present, missing


# -- corrections ---------------------------------------------------------------------------


def _read_log(path: Path) -> tuple[Any, ...]:
    """The corrections of `path` (a missing file is an empty log); exit 1 on a bad line."""
    from timeline.curation import CorrectionLog, LogError

    if path.is_dir():
        click.echo(f"error: {path}: a folder, not a corrections file", err=True)
        sys.exit(1)
    try:
        return CorrectionLog(path).read()
    except LogError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"error: cannot read {path}: {exc.strerror or exc}", err=True)
        sys.exit(1)


def _corrected(frame: Any, log: Any) -> Any:
    """The corrected view of `frame`; orphaned corrections reported on standard error."""
    from timeline.curation import describe, resolve

    applied = resolve(frame, log)
    for orphan in applied.orphans:
        click.echo(
            f"warning: correction {orphan.correction.id} ({describe(orphan.correction)}) "
            f"not applied: {orphan.reason}",
            err=True,
        )
    click.echo(
        f"{len(applied.active)} correction(s) in force: {len(applied.attached)} applied to "
        f"events, {len(applied.orphans)} orphaned, {len(applied.deleted)} event(s) deleted",
        err=True,
    )
    return applied.frame


def _default_log() -> Path:
    from timeline.curation import log_path

    return log_path()


_LOG_OPTION = click.option(
    "--log",
    "log_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The corrections file (default: corrections.jsonl in the data folder, "
    "$TIMELINE_DATA_DIR or the project's data/).",
)


@cli.group()
def corrections() -> None:
    """Show and undo the analysts' corrections (the log the dashboard writes).

    \b
    Examples:
      timeline corrections list
      timeline corrections list --events data/events.parquet --kind set_date
      timeline corrections undo 3f2a9c01b7d4 --note "wrong event"
    """


@corrections.command("list")
@_LOG_OPTION
@click.option(
    "--events",
    "events_path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Events file (.csv, .json, .parquet) or articles to check the corrections against: "
    "each is then shown applied (to which event) or orphaned (and why).",
)
@click.option("--kind", "kinds", multiple=True, help="Only corrections of this kind (repeatable).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "jsonl"]),
    default="table",
    show_default=True,
    help="table: for reading; csv: one row per correction; jsonl: the log's own lines.",
)
def list_corrections(
    log_file: Path | None, events_path: Path | None, kinds: tuple[str, ...], fmt: str
) -> None:
    """List the corrections, newest first, with author, time, note and status."""
    from timeline.curation import KINDS, log_bytes, log_table, resolve

    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise click.BadParameter(
            f"unknown kind {', '.join(unknown)}; use one of {', '.join(KINDS)}",
            param_hint="--kind",
        )
    path = log_file or _default_log()
    log = _read_log(path)
    applied = None
    if events_path is not None:
        applied = resolve(_events_of(events_path), log)
    shown = [c for c in log if not kinds or c.kind in kinds]
    if fmt == "jsonl":
        click.echo(log_bytes(shown, "jsonl").decode("utf-8"), nl=False)
        return
    if fmt == "csv":
        click.echo(log_bytes(shown, "csv", applied).decode("utf-8"), nl=False)
        return
    if not shown:
        click.echo(f"no corrections in {path}" + (f" of kind {', '.join(kinds)}" if kinds else ""))
        return
    table = log_table(shown, applied)
    for row in table.itertuples(index=False):
        click.echo(f"{row.id}  {row.time}  {row.author}  {row.kind}: {row.what}")
        if row.note:
            click.echo(f"    note: {row.note}")
        if applied is not None or row.status != "recorded":
            click.echo(f"    {row.status}")
    if applied is not None and applied.orphans:
        click.echo(
            f"{len(applied.orphans)} orphaned correction(s): their event is not in "
            f"{events_path}; they are kept and applied nowhere else",
            err=True,
        )


def _events_of(path: Path) -> Any:
    from timeline.export import EVENT_FORMATS, read_events
    from timeline.pipeline import parse_paths
    from timeline.schema import SchemaError

    if path.is_file() and path.suffix.lower().lstrip(".") in EVENT_FORMATS:
        try:
            return read_events(path)
        except SchemaError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
    result = parse_paths([path])
    for error in result.errors:
        click.echo(f"error: {error.message}", err=True)
    return result.frame


@corrections.command("undo")
@click.argument("ident", metavar="ID")
@_LOG_OPTION
@click.option("--author", default=None, help="Who undoes it (default: your user name).")
@click.option("--note", default="", help="Why (kept in the log).")
def undo_correction(ident: str, log_file: Path | None, author: str | None, note: str) -> None:
    """Undo the correction ID (a new line in the log; nothing is erased)."""
    from timeline.curation import CorrectionLog, LogError, Undo, describe

    path = log_file or _default_log()
    log = _read_log(path)
    target = next((c for c in log if c.id == ident), None)
    if target is None:
        click.echo(f"error: no correction {ident} in {path}", err=True)
        sys.exit(1)
    try:
        made = CorrectionLog(path).record(Undo(ident), author=author, note=note)
    except LogError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"error: cannot write {path}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    click.echo(f"{made.id}: undid {ident} ({describe(target)})")


def main() -> None:
    """The `timeline` command (also `python -m timeline`)."""
    cli(prog_name="timeline")
