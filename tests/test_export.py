"""Exports: events as TimelineJS, the figure as PNG/SVG/PDF/HTML, and the `chart` command."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from timeline.chart import build_figure
from timeline.cli import cli
from timeline.export import (
    ChromiumMissing,
    ExportError,
    ImageExporter,
    events_bytes,
    figure_bytes,
    find_chromium,
    timelinejs_json,
    write_events,
    write_figure,
)

needs_chromium = pytest.mark.skipif(
    find_chromium() is None, reason="no Chromium found (run `make chromium`)"
)
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<svg", "pdf": b"%PDF-"}


@pytest.fixture(scope="module")
def exporter() -> ImageExporter:
    if find_chromium() is None:
        pytest.skip("no Chromium found (run `make chromium`)")
    return ImageExporter()  # kaleido's server is per process; closed at exit


def test_timelinejs_json(seed_events):
    doc = json.loads(timelinejs_json(seed_events, title="Serbia & Kosovo"))
    assert doc["title"]["text"]["headline"] == "Serbia &amp; Kosovo"
    events = {e["unique_id"]: e for e in doc["events"]}
    assert "rejected" not in events  # undated events have no place on a TimelineJS timeline
    assert events["demand"]["start_date"] == {"year": "2022", "month": "12", "day": "15"}
    assert "end_date" not in events["demand"]
    # The date normalised for display; as written, in the text.
    assert events["demand"]["display_date"] == "15 Dec 2022"
    assert events["pushout"]["display_date"] == "1999"
    assert events["flared"]["display_date"] == "8 Dec 2022 – 15 Dec 2022"
    assert "As written: “on Thursday”" in events["demand"]["text"]["text"]
    assert events["pushout"]["start_date"] == {"year": "1999"}  # a year stays a year
    assert events["pushout"]["end_date"] == {"year": "1999"}
    assert events["flared"]["end_date"] == {"year": "2022", "month": "12", "day": "15"}
    # The headline is the clause, without its date; who acted -> at whom heads the text.
    assert events["demand"]["text"]["headline"] == (
        "Serbia formally demanded that its security forces return"
    )
    assert "<b>Serbia: DEMAND</b>" in events["demand"]["text"]["text"]
    assert "<b>Aleksandar Vucic → RTS: STATEMENT</b>" in events["rts"]["text"]["text"]
    assert "Source: <i>Serbia demands return of its troops" in events["demand"]["text"]["text"]
    # The title slide names the collection and what it holds.
    assert doc["title"]["text"]["text"] == (
        "<p>5 dated event(s) from 1 article(s) and 1 source(s), 1 Jan 1999 – 15 Dec 2022.</p>"
    )


def test_timelinejs_escapes_article_text(seed_events):
    hostile = seed_events.copy()
    hostile.loc[0, "sentence"] = "<img src=x onerror=alert(1)>"
    doc = json.loads(timelinejs_json(hostile))
    text = next(e for e in doc["events"] if e["unique_id"] == "demand")["text"]["text"]
    assert "<img" not in text and "&lt;img" in text


def test_events_bytes_formats(seed_events, tmp_path):
    csv = events_bytes(seed_events, "csv").decode()
    assert csv.splitlines()[0].startswith("event_id,article_id")
    assert "Serbia; Kosovo" in csv
    records = json.loads(events_bytes(seed_events, "json"))
    assert records[0]["event_id"] == "demand" and records[0]["start"] == "2022-12-15"
    assert events_bytes(seed_events, "parquet")[:4] == b"PAR1"


def test_no_chromium_is_a_clear_error(seed_events, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert find_chromium() is None
    with pytest.raises(ChromiumMissing, match="make chromium"):
        figure_bytes(build_figure(seed_events), "png")
    with pytest.raises(ChromiumMissing, match="apt-get install chromium"):
        ImageExporter()


def test_unknown_formats(seed_events, tmp_path):
    fig = build_figure(seed_events)
    with pytest.raises(ValueError, match="unknown image format"):
        figure_bytes(fig, "gif")
    with pytest.raises(ValueError, match="unknown chart format"):
        write_figure(fig, tmp_path / "chart.gif")
    assert not (tmp_path / "chart.gif").exists()


def test_html_is_standalone(seed_events, tmp_path):
    out = write_figure(build_figure(seed_events), tmp_path / "chart.html")
    page = out.read_text()
    assert page.lower().startswith("<!doctype html>") and "Plotly.newPlot" in page
    assert '<script src="http' not in page  # plotly.js embedded: works offline
    assert [p.name for p in tmp_path.iterdir()] == ["chart.html"]  # no temporary left


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_warm_browser_images(seed_events, exporter, fmt):
    data = figure_bytes(build_figure(seed_events), fmt, exporter=exporter)
    assert data.startswith(MAGIC[fmt])
    if fmt == "svg":
        assert b"Aleksandar Vucic" in data  # lane labels are in the picture
        assert b"rangeslider" not in data  # the slider is for screens only


def test_png_is_high_resolution(seed_events, exporter):
    data = figure_bytes(build_figure(seed_events), "png", exporter=exporter)
    width = int.from_bytes(data[16:20], "big")
    assert width == 2800  # 1400 px at scale 2


def test_exporter_reports_failures(exporter):
    with pytest.raises(ExportError, match="image export failed"):
        exporter.render({"data": [{"type": "no-such-trace"}], "layout": {}}, "png")


# --- the `chart` command --------------------------------------------------------------


@pytest.fixture
def events_file(seed_events, tmp_path) -> Path:
    return write_events(seed_events, tmp_path / "events.parquet")


def test_chart_command_html(events_file, tmp_path):
    out = tmp_path / "serbia.html"
    result = CliRunner().invoke(
        cli, ["chart", str(events_file), "--actor", "Serbia", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "2 dated event(s)" in result.output
    page = out.read_text()
    assert "actor: Serbia" in page  # the title names the filter
    assert '"customdata":["demand"]' in page.replace(" ", "")


def test_chart_command_actor_role(events_file, tmp_path):
    from timeline.filters import ACTOR_ROLES

    out = tmp_path / "rts.html"
    runner = CliRunner()
    args = ["chart", str(events_file), "--actor", "RTS", "--out", str(out)]
    targeted = runner.invoke(cli, [*args, "--role", "target"])
    assert targeted.exit_code == 0, targeted.output
    assert "1 dated event(s)" in targeted.output
    assert "actor: RTS (was targeted)" in out.read_text()
    acted = runner.invoke(cli, [*args, "--role", "acted"])
    assert acted.exit_code == 1 and "actor: RTS (acted)" in acted.output
    bad = runner.invoke(cli, [*args, "--role", "victim"])
    assert bad.exit_code == 2
    # the command offers exactly the filter's roles
    param = next(p for p in cli.commands["chart"].params if p.name == "actor_role")
    assert isinstance(param.type, click.Choice)
    assert list(param.type.choices) == list(ACTOR_ROLES)


@needs_chromium
def test_chart_command_png_by_country(events_file, tmp_path):
    out = tmp_path / "chart.png"
    result = CliRunner().invoke(
        cli,
        ["chart", str(events_file), "--by", "country", "--country", "Russia", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(MAGIC["png"])


def test_chart_command_from_articles(tmp_path):
    """INPUT can be article folders: they are parsed with the same pipeline as `parse`."""
    out = tmp_path / "seeds.html"
    result = CliRunner().invoke(cli, ["chart", "seeds", "--country", "Kosovo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "dated event(s) drawn" in result.output
    assert "Kosovo" in out.read_text()


def test_chart_command_errors(events_file, tmp_path):
    runner = CliRunner()
    out = tmp_path / "c.html"
    nobody = runner.invoke(cli, ["chart", str(events_file), "--actor", "Nobody", "--out", str(out)])
    assert nobody.exit_code == 1
    assert "no dated events matching actor: Nobody" in nobody.output
    assert not out.exists()
    missing = runner.invoke(cli, ["chart", str(tmp_path / "nope.csv"), "--out", str(out)])
    assert missing.exit_code == 1 and "no such file or folder" in missing.output
    bad_ext = runner.invoke(cli, ["chart", str(events_file), "--out", str(tmp_path / "c.gif")])
    assert bad_ext.exit_code == 2 and ".png, .svg, .pdf or .html" in bad_ext.output
    broken = tmp_path / "broken.csv"
    broken.write_text("a,b\n1,2\n")
    schema = runner.invoke(cli, ["chart", str(broken), "--out", str(out)])
    assert schema.exit_code == 1 and "missing column" in schema.output
    assert "Traceback" not in schema.output + nobody.output + missing.output


def test_chart_help_has_an_example():
    result = CliRunner().invoke(cli, ["chart", "--help"])
    assert result.exit_code == 0
    assert "timeline chart seeds/ --actor Serbia --out serbia.png" in result.output
