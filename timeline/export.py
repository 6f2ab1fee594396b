"""Exports: the events frame as CSV, JSON, Parquet and TimelineJS JSON; figures as images.

Every file is written atomically (temporary file, then rename).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from timeline._io import atomic_write_bytes
from timeline.schema import DATE_COLUMNS, LIST_COLUMNS, SchemaError, conform

__all__ = ["EVENT_FORMATS", "events_bytes", "read_events", "write_events"]

EVENT_FORMATS: tuple[str, ...] = ("csv", "json", "parquet")


def _format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in EVENT_FORMATS:
        raise ValueError(
            f"{path}: unknown output format {suffix or '(none)'!r}; use .csv, .json or .parquet"
        )
    return suffix


def events_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """The events frame serialised as `fmt` (csv, json or parquet)."""
    frame = conform(frame)
    if fmt == "parquet":
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()
    if fmt == "csv":
        flat = frame.copy()
        for col in LIST_COLUMNS:
            flat[col] = flat[col].map("; ".join)
        for col in DATE_COLUMNS:
            flat[col] = flat[col].dt.strftime("%Y-%m-%d")
        return flat.to_csv(index=False).encode("utf-8")
    if fmt == "json":
        records = []
        for row in frame.to_dict(orient="records"):
            for col in DATE_COLUMNS:
                row[col] = None if pd.isna(row[col]) else row[col].strftime("%Y-%m-%d")
            records.append({k: (None if v is pd.NA else v) for k, v in row.items()})
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    raise ValueError(f"unknown events format {fmt!r}; use one of {', '.join(EVENT_FORMATS)}")


def write_events(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write the frame to `path` in the format its extension names, atomically."""
    return atomic_write_bytes(path, events_bytes(frame, _format_of(path)))


def read_events(path: str | Path) -> pd.DataFrame:
    """Read an events file written by `write_events` (or by hand, with the schema's columns)."""
    fmt = _format_of(path)
    try:
        if fmt == "parquet":
            frame = pd.read_parquet(path)
        elif fmt == "csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        else:
            frame = pd.read_json(path, orient="records", dtype=False)
    except (OSError, ValueError) as exc:
        raise SchemaError(f"{path}: cannot read events: {exc}") from exc
    return conform(frame)
