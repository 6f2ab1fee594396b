"""The command line: a thin click layer over the library (`python -m timeline --help`)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from timeline import __version__

__all__ = ["main"]


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=__version__, message="timeline %(version)s")
def cli() -> None:
    """Turn news articles into a timeline of who did what, where and when."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Events file to write: .csv, .json or .parquet.",
)
@click.option(
    "--published",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Publication date for every article (overrides the date found in the text).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def parse(inputs: tuple[Path, ...], out: Path, published: dt.date | None, quiet: bool) -> None:
    """Parse article files or folders (.txt, .md, .html) into an events table.

    \b
    Example:
      python -m timeline parse seeds/ my_articles/ --out events.csv
    """
    from tqdm import tqdm

    from timeline.export import EVENT_FORMATS, write_events
    from timeline.pipeline import parse_paths

    if out.suffix.lower().lstrip(".") not in EVENT_FORMATS:
        raise click.BadParameter(f"{out}: use a .csv, .json or .parquet file", param_hint="--out")
    missing = [str(p) for p in inputs if not p.exists()]
    for path in missing:
        click.echo(f"error: {path}: no such file or folder", err=True)
    present = [p for p in inputs if p.exists()]

    def progress(paths):  # type: ignore[no-untyped-def]
        return tqdm(
            paths,
            desc="parsing",
            unit="article",
            disable=quiet or len(paths) < 2,
            file=sys.stderr,
            leave=False,
        )

    result = parse_paths(present, published=published, progress=progress)
    for error in result.errors:
        click.echo(f"error: {error.message}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    try:
        write_events(result.frame, out)
    except OSError as exc:
        click.echo(f"error: cannot write {out}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    failed = len(result.errors) + len(missing)
    click.echo(
        f"{result.articles} article(s), {len(result.frame)} event(s), "
        f"{result.undated} undated -> {out}" + (f"; {failed} file(s) failed" if failed else ""),
        err=True,
    )
    if failed:
        sys.exit(1)


def main() -> None:
    cli(prog_name="python -m timeline")
