"""Report-ready exports: title, sources and date on the image, no screen-only hints, the
PDF's document title, and the events of a merged view with their sources."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pypdf
import pytest

from timeline.chart import build_figure
from timeline.export import (
    _printable,
    events_bytes,
    figure_bytes,
    find_chromium,
    headline,
    pdf_with_title,
    report_figure,
    source_titles,
    timelinejs_json,
)


def _title(reader: pypdf.PdfReader) -> str | None:
    """The PDF's title (its document information must be there)."""
    assert reader.metadata is not None
    return reader.metadata.title


def tiny_pdf() -> bytes:
    """A one-page PDF with a classic cross-reference table and an Info dictionary, as
    Chromium writes them."""
    objects = [
        b"<</Title (Kaleido-fier) /Producer (Skia/PDF)>>",
        b"<</Type /Catalog /Pages 3 0 R>>",
        b"<</Type /Pages /Kids [4 0 R] /Count 1>>",
        b"<</Type /Page /Parent 3 0 R /MediaBox [0 0 100 100]>>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<</Size {len(objects) + 1}\n/Root 2 0 R\n/Info 1 0 R>>\n".encode()
    return out + f"startxref\n{xref}\n%%EOF\n".encode()


def test_pdf_title_is_set_by_an_incremental_update():
    original = tiny_pdf()
    assert _title(pypdf.PdfReader(io.BytesIO(original))) == "Kaleido-fier"
    titled = pdf_with_title(original, "Timeline — Serbia & Kosovo")
    assert titled.startswith(original)  # the original bytes untouched
    reader = pypdf.PdfReader(io.BytesIO(titled), strict=True)
    assert _title(reader) == "Timeline — Serbia & Kosovo"
    assert len(reader.pages) == 1
    odd = b"%PDF-1.7 with a cross-reference stream only"
    assert pdf_with_title(odd, "x") == odd


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium found (run `make chromium`)")
def test_exported_pdf_carries_the_charts_title(seed_events):
    fig = report_figure(build_figure(seed_events), title="Timeline — all events", sources=["A"])
    pdf = figure_bytes(fig, "pdf")
    assert _title(pypdf.PdfReader(io.BytesIO(pdf))) == "Timeline — all events"


def test_report_figure_has_title_sources_and_date_and_no_hints(seed_events):
    fig = build_figure(seed_events)
    assert any("click" in (a.text or "") for a in fig.layout.annotations)  # on screen
    report = report_figure(
        fig,
        title="Timeline — actor: <Serbia>",
        sources=["One & two", "Three"],
        exported=dt.date(2026, 12, 2),
    )
    assert report.layout.title.text == "Timeline — actor: &lt;Serbia&gt;"
    about = report.layout.title.subtitle.text
    assert about == "Sources: One &amp; two; Three · exported 2 Dec 2026 with timeline"
    assert report.layout.height == fig.layout.height + 64
    assert report.layout.margin.t == fig.layout.margin.t + 64  # the figure's notes keep room
    assert fig.layout.title.text is None  # the screen's figure is left as it was
    printed = _printable(report)
    names = [t.get("name") for t in printed["data"]]
    assert "middle of a bar" in names and "middle of a bar: hover it" not in names
    texts = [a["text"] for a in printed["layout"]["annotations"]]
    assert not any("click" in t or "hover" in t for t in texts)


def test_many_sources_are_counted_not_listed(seed_events):
    titles = [f"Report {i}" for i in range(10)]
    report = report_figure(build_figure(seed_events), title="T", sources=titles)
    about = report.layout.title.subtitle.text
    assert about.startswith("Sources: Report 0; Report 1; ") and "Report 5; and 4 more · " in about


def test_source_titles_count_merged_reports(seed_events):
    merged = seed_events.assign(sources=[["B", "A"], ["A"], ["A"], [], ["C"], ["A"]])
    assert source_titles(merged)[:3] == ["A", "B", "C"]
    assert source_titles(seed_events) == [seed_events["source"].iloc[0]]


def merged_view(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        sources=[["Outlet A", "Outlet B"], ["A"], ["A"], ["A"], ["A"], ["A"]],
        source_ids=[["a", "b"], ["a"], ["a"], ["a"], ["a"], ["a"]],
        n_sources=pd.array([2, 1, 1, 1, 1, 1], dtype="Int64"),
    )


def test_csv_and_json_of_merged_reports_keep_their_sources(seed_events):
    merged = merged_view(seed_events)
    table = pd.read_csv(io.BytesIO(events_bytes(merged, "csv")), keep_default_na=False)
    assert table.loc[0, "sources"] == "Outlet A; Outlet B" and table.loc[0, "n_sources"] == 2
    records = json.loads(events_bytes(merged, "json"))
    assert records[0]["sources"] == ["Outlet A", "Outlet B"] and records[0]["n_sources"] == 2


def test_timelinejs_of_merged_reports_lists_every_source(seed_events):
    doc = json.loads(timelinejs_json(merged_view(seed_events), title="Kosovo, December 2022"))
    demand = next(e for e in doc["events"] if e["unique_id"] == "demand")
    assert "Sources: <i>Outlet A</i>; <i>Outlet B</i>" in demand["text"]["text"]
    assert doc["title"]["text"]["headline"] == "Kosovo, December 2022"
    assert "and 3 source(s)" in doc["title"]["text"]["text"]  # Outlet A, Outlet B, A


def test_headline_from_a_clause():
    assert headline("On Thursday, Serbia demanded talks", "On Thursday") == "Serbia demanded talks"
    long = " ".join(f"w{i}" for i in range(30))
    assert headline(long).startswith("W0 ") and headline(long).endswith("w13…")
    assert headline("") == ""


@pytest.fixture
def events_file(tmp_path, seed_events):
    from timeline.export import write_events

    return write_events(seed_events, tmp_path / "events.parquet")


@pytest.mark.parametrize("view", ["intensity", "network", "map", "summary"])
def test_chart_command_draws_each_view_with_a_title_saying_what(events_file, tmp_path, view):
    from click.testing import CliRunner

    from timeline.cli import cli
    from timeline.views import VIEW_TITLES

    out = tmp_path / f"{view}.html"
    args = ["chart", str(events_file), "--view", view, "--actor", "Serbia", "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert f'"view":"{view}"' in page.replace(" ", "")
    title = f"{VIEW_TITLES[view]} — actor: Serbia"
    # The page's JSON writes non-ASCII characters as \\u escapes.
    assert title.replace("—", "\\u2014").replace("–", "\\u2013") in page


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium found (run `make chromium`)")
def test_chart_command_pdf_is_titled_and_sourced(events_file, tmp_path):
    from click.testing import CliRunner

    from timeline.cli import cli

    out = tmp_path / "weeks.pdf"
    args = ["chart", str(events_file), "--view", "intensity", "--period", "week"]
    result = CliRunner().invoke(cli, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(out)
    title = "Events over time, with their conflict–cooperation score — all events"
    assert _title(reader) == title
    text = reader.pages[0].extract_text()
    assert "Source: Serbia demands return of its troops" in text and "exported" in text
