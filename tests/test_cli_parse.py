"""`timeline parse`: good files, bad files, formats and the summary line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.export import read_events

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_20e26df19170620a.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_parse_seed_in_each_format(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    result = runner.invoke(cli, ["parse", str(SEED), "--out", str(out)])
    assert result.exit_code == 0, result.output
    frame = read_events(out)
    assert len(frame) >= 10
    assert set(frame["article_id"]) == {SEED.stem}
    assert "1 article(s)" in result.output and "event(s)" in result.output


def test_bad_files_are_reported_and_the_rest_parsed(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    (folder / "junk.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d\xff\xfe\x01\x02\x03" * 10)
    out = tmp_path / "events.csv"
    result = runner.invoke(
        cli, ["parse", str(folder), str(tmp_path / "missing.txt"), "--out", str(out)]
    )
    assert result.exit_code == 1
    for name in ("empty.txt", "binary.txt", "junk.txt", "missing.txt"):
        assert name in result.output
    assert "Traceback" not in result.output
    frame = read_events(out)
    assert set(frame["article_id"]) == {SEED.stem}
    assert "4 file(s) failed" in result.output


def test_unknown_output_format_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "events.xlsx"
    result = runner.invoke(cli, ["parse", str(SEED), "--out", str(out)])
    assert result.exit_code == 2
    assert ".csv, .json or .parquet" in result.output
    assert not out.exists()


def test_published_override(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    result = runner.invoke(
        cli, ["parse", str(SEED), "--published", "2022-12-16", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert read_events(out)["published"].dt.date.astype(str).unique().tolist() == ["2022-12-16"]


def test_bad_published_date(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["parse", str(SEED), "--published", "2022-02-30", "--out", str(tmp_path / "e.csv")]
    )
    assert result.exit_code == 2
    assert "not a date" in result.output


def test_help_has_an_example(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["parse", "--help"])
    assert result.exit_code == 0
    assert "Usage: timeline parse" in result.output
    assert "timeline parse seeds/ my_articles/ --out events.csv" in result.output
