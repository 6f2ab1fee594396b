"""The events schema and the event-file round trips (CSV, JSON, Parquet)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import pytest

from timeline._io import atomic_writer
from timeline.export import events_bytes, read_events, write_events
from timeline.schema import COLUMNS, SchemaError, conform, new_frame

ROW = {
    "event_id": "abc",
    "article_id": "000_x",
    "source": "Serbia demands return of its troops to Kosovo",
    "source_path": "seeds/000_x.txt",
    "published": dt.date(2022, 12, 15),
    "sentence": "Serbia on Thursday formally demanded that its security forces return.",
    "text": "Serbia on Thursday formally demanded that its security forces return.",
    "char_start": 10,
    "char_end": 80,
    "start": dt.date(2022, 12, 15),
    "end": dt.date(2022, 12, 15),
    "precision": "day",
    "time_expression": "on Thursday",
    "date_basis": "relative",
    "actors": ["Serbia"],
    "countries": ["Serbia", "Kosovo"],
    "country_codes": ["SRB", "XKX"],
    "event_type": "DEMAND",
}
UNDATED = {
    **ROW,
    "event_id": "def",
    "start": None,
    "end": None,
    "precision": None,
    "time_expression": None,
    "date_basis": "none",
    "actors": [],
    "countries": [],
    "country_codes": [],
}


def test_new_frame_has_every_column_with_its_dtype() -> None:
    frame = new_frame([ROW, UNDATED])
    assert list(frame.columns) == [c.name for c in COLUMNS]
    assert str(frame["start"].dtype) == "datetime64[s]"
    assert str(frame["char_start"].dtype) == "Int64"
    assert pd.isna(frame.loc[1, "start"])
    assert frame.loc[0, "countries"] == ["Serbia", "Kosovo"]


def test_empty_frame_has_the_schema() -> None:
    frame = new_frame()
    assert len(frame) == 0 and list(frame.columns) == [c.name for c in COLUMNS]


def test_conform_names_missing_columns() -> None:
    with pytest.raises(SchemaError, match="missing column"):
        conform(pd.DataFrame({"event_id": ["x"]}))


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_round_trip(tmp_path: Path, fmt: str) -> None:
    frame = new_frame([ROW, UNDATED])
    path = write_events(frame, tmp_path / f"events.{fmt}")
    back = read_events(path)
    assert back["actors"].tolist() == frame["actors"].tolist()
    assert back["start"].tolist()[0] == frame["start"].tolist()[0]
    assert pd.isna(back.loc[1, "start"])
    assert back["event_type"].tolist() == ["DEMAND", "DEMAND"]


def test_csv_joins_lists_with_semicolons() -> None:
    text = events_bytes(new_frame([ROW]), "csv").decode()
    assert "Serbia; Kosovo" in text and "SRB; XKX" in text


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        write_events(new_frame([ROW]), tmp_path / "events.xlsx")
    assert not list(tmp_path.iterdir())


def test_failed_write_leaves_old_file(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    target.write_text("old")

    def half_then_fail(handle: BinaryIO) -> None:
        handle.write(b"event_id,article")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_writer(target, half_then_fail)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_readme_documents_every_column() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    missing = [c.name for c in COLUMNS if f"`{c.name}`" not in readme]
    assert not missing, f"README does not document {missing}"


def test_atomic_write_keeps_ordinary_permissions(tmp_path: Path) -> None:
    target = atomic_writer(tmp_path / "out.csv", lambda handle: handle.write(b"x"))
    assert target.stat().st_mode & 0o044  # readable by group/others like any new file
    target.chmod(0o600)
    atomic_writer(target, lambda handle: handle.write(b"y"))
    assert target.stat().st_mode & 0o777 == 0o600  # an existing file keeps its mode
