"""`parse --corrections`, `chart --corrections`, `corrections list` and `corrections undo`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline import curation as cu
from timeline.article import load_article
from timeline.cli import cli
from timeline.export import read_events
from timeline.pipeline import parse_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_20e26df19170620a.txt"


@pytest.fixture
def log(tmp_path: Path) -> cu.CorrectionLog:
    """A log of three corrections of the seed article: a date, a merge, a deletion."""
    frame = parse_article(load_article(SEED))
    bombed = frame[frame["text"].str.startswith("NATO bombed Serbia")].iloc[0]
    unlikely = frame[frame["text"].str.startswith("The return of Serbian troops")].iloc[0]
    log = cu.CorrectionLog(tmp_path / "corrections.jsonl")
    log.record(
        cu.SetDate(dt.date(1999, 3, 24), None, "day"),
        event=cu.anchor_of(bombed),
        author="ana",
        note="the bombing began on 24 March 1999",
    )
    log.record(cu.MergeActors("NATO", "North Atlantic Treaty Organization"), author="ana")
    log.record(cu.Delete(), event=cu.anchor_of(unlikely), author="ben")
    return log


def test_parse_applies_the_log(tmp_path: Path, log: cu.CorrectionLog) -> None:
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(
        cli, ["parse", str(SEED), "--corrections", str(log.path), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "3 correction(s) in force: 2 applied to events, 0 orphaned, 1 event(s) deleted" in (
        result.output
    )
    frame = read_events(out)
    bombed = frame[frame["text"].str.startswith("NATO bombed Serbia")].iloc[0]
    assert str(bombed["start"].date()) == "1999-03-24" and bombed["corrected"] == "date; actors"
    assert not frame["text"].str.startswith("The return of Serbian troops").any()
    names = {a for lst in frame["actors"] for a in lst}
    assert "NATO" not in names and "North Atlantic Treaty Organization" in names
    plain = tmp_path / "plain.csv"
    assert CliRunner().invoke(cli, ["parse", str(SEED), "--out", str(plain)]).exit_code == 0
    assert len(read_events(plain)) == len(frame) + 1


def test_orphans_are_reported_not_applied(tmp_path: Path, log: cu.CorrectionLog) -> None:
    # Same article id (file stem), changed text before the clause of the deletion.
    moved = tmp_path / "moved" / SEED.name
    moved.parent.mkdir()
    moved.write_text(SEED.read_text().replace("Serbia on Thursday", "Serbia on Thursday again"))
    out = tmp_path / "events.json"
    result = CliRunner().invoke(
        cli, ["parse", str(moved), "--corrections", str(log.path), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("not applied: no clause of article") == 2
    frame = read_events(out)
    assert frame["text"].str.startswith("The return of Serbian troops").any()


def test_dataset_output_refuses_corrections(tmp_path: Path, log: cu.CorrectionLog) -> None:
    result = CliRunner().invoke(
        cli, ["parse", str(SEED), "--corrections", str(log.path), "--out", str(tmp_path / "ds")]
    )
    assert result.exit_code == 2
    assert "a dataset keeps the extraction" in result.output


def test_a_bad_log_stops_with_the_line(tmp_path: Path, log: cu.CorrectionLog) -> None:
    with log.path.open("a") as handle:
        handle.write('{"id": "x", "kind": \n')
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(
        cli, ["parse", str(SEED), "--corrections", str(log.path), "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "corrections.jsonl, line 4: not valid JSON" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_list_and_undo(tmp_path: Path, log: cu.CorrectionLog) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["corrections", "list", "--log", str(log.path)])
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert "delete" in lines[0]  # newest first
    assert "note: the bombing began on 24 March 1999" in listed.output
    merge = log.read()[1]
    undone = runner.invoke(
        cli, ["corrections", "undo", merge.id, "--log", str(log.path), "--author", "cy"]
    )
    assert undone.exit_code == 0, undone.output
    assert (
        f"undid {merge.id} (merge “NATO” into “North Atlantic Treaty Organization”)"
        in undone.output
    )
    assert len(log.path.read_text().splitlines()) == 4  # appended, nothing erased
    checked = runner.invoke(
        cli, ["corrections", "list", "--log", str(log.path), "--events", str(SEED)]
    )
    assert checked.exit_code == 0, checked.output
    assert "undone" in checked.output and "applied to " in checked.output
    dates = runner.invoke(
        cli,
        ["corrections", "list", "--log", str(log.path), "--kind", "set_date", "--format", "csv"],
    )
    assert dates.exit_code == 0
    assert dates.output.splitlines()[0].startswith("id,time,author,kind,what,note,status")
    assert len(dates.output.splitlines()) == 2
    missing = runner.invoke(cli, ["corrections", "undo", "nope", "--log", str(log.path)])
    assert missing.exit_code == 1 and "no correction nope" in missing.output
    bad_kind = runner.invoke(cli, ["corrections", "list", "--log", str(log.path), "--kind", "x"])
    assert bad_kind.exit_code == 2 and "unknown kind x" in bad_kind.output


def test_list_defaults_to_the_data_folder(tmp_path: Path, log: cu.CorrectionLog, monkeypatch):
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(cli, ["corrections", "list", "--format", "jsonl"])
    assert result.exit_code == 0
    assert result.output == log.path.read_text()
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(tmp_path / "empty"))
    result = CliRunner().invoke(cli, ["corrections", "list"])
    assert result.exit_code == 0 and "no corrections in" in result.output


def test_chart_draws_the_corrected_view(tmp_path: Path, log: cu.CorrectionLog) -> None:
    out = tmp_path / "chart.html"
    result = CliRunner().invoke(
        cli, ["chart", str(SEED), "--corrections", str(log.path), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "North Atlantic Treaty Organization" in page
    assert "1 event(s) deleted" in result.output
