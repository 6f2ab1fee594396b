"""The events frame: one schema (column names, dtypes, meaning) used everywhere.

The parser builds frames with :func:`new_frame`, the dashboard, the exports and the
command line read them, and :func:`conform` checks and coerces a frame loaded from a
file (CSV joins lists with "; ").

The analysts' corrected view (`timeline.curation.apply`) adds one column after these,
`corrected`: the fields a correction changed on each event ("" when as extracted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "COLUMNS",
    "DATE_BASES",
    "LIST_COLUMNS",
    "PRECISIONS",
    "Column",
    "SchemaError",
    "conform",
    "new_frame",
]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: str  # a pandas dtype name; "list" is an object column holding list[str]
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("event_id", "string", "Stable id: the same input gives the same id."),
    Column(
        "article_id",
        "string",
        "The article file's stem; with a short content hash when two articles share a stem "
        "(and always for articles added in the dashboard).",
    ),
    Column("source", "string", "The article's title."),
    Column("source_path", "string", "Path of the article file as given."),
    Column("published", "datetime64[s]", "Publication date of the article (empty if unknown)."),
    Column("sentence", "string", "The sentence the event was read from."),
    Column("text", "string", "The clause that states the event."),
    Column("char_start", "Int64", "Offset of the clause in the article's text as read."),
    Column("char_end", "Int64", "End offset (exclusive) of the clause."),
    Column("start", "datetime64[s]", "First day of the event's date (empty when undated)."),
    Column("end", "datetime64[s]", "Last day of the event's date, inclusive (empty when undated)."),
    Column(
        "precision", "string", "day, week, month, quarter, season, half, year, decade, century."
    ),
    Column("time_expression", "string", "The time expression as written in the article."),
    Column(
        "date_basis",
        "string",
        "How the date was reached: explicit, relative, context, publication, lead, report, "
        "present or none.",
    ),
    Column("actors", "list", "Who acted: the clause's subject or agent, canonical names."),
    Column("targets", "list", "At whom the act was aimed: object, recipient, canonical names."),
    Column("countries", "list", "Countries involved, English short names."),
    Column("country_codes", "list", "ISO 3166 alpha-3 codes of `countries` (Kosovo: XKX)."),
    Column("event_type", "string", "Event type from data/event_types.csv (DEMAND, REJECT...)."),
)

NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
LIST_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.dtype == "list")
DATE_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.dtype.startswith("datetime"))
PRECISIONS: tuple[str, ...] = (
    "day",
    "week",
    "month",
    "quarter",
    "season",
    "half",
    "year",
    "decade",
    "century",
)
DATE_BASES: tuple[str, ...] = (
    "explicit",
    "relative",
    "context",
    "publication",
    "lead",
    "report",
    "present",
    "none",
)


class SchemaError(ValueError):
    """A frame (usually loaded from a file) does not fit the events schema."""


def _as_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if value is pd.NA:
        return []
    return [str(v) for v in value]


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min  # the int64 behind NaT


def _plain(value: Any) -> bool:
    # pandas' nanosecond range, where both conversions certainly agree
    return type(value) is dt.date and 1678 <= value.year <= 2261


def _date_column(values: list[Any], dtype: str) -> pd.Series:
    """A datetime column from dates or None; plain dates (what the parser gives) are converted
    through their ordinals, which is several times faster than `pd.to_datetime`."""
    if dtype == "datetime64[s]" and values and all(v is None or _plain(v) for v in values):
        seconds = np.array(
            [_NAT if v is None else (v.toordinal() - _EPOCH_ORDINAL) * 86400 for v in values],
            dtype=np.int64,
        )
        return pd.Series(seconds.view("datetime64[s]"))
    return pd.Series(pd.to_datetime(values if values else [], errors="raise")).astype(dtype)


def new_frame(rows: Iterable[Mapping[str, Any]] = ()) -> pd.DataFrame:
    """A frame with exactly the schema's columns and dtypes, from row mappings.

    Rows come from the parser, so values already have the right Python types
    (str, int, datetime.date or None, list[str]); columns are built directly.
    """
    records = list(rows)
    columns: dict[str, Any] = {}
    for col in COLUMNS:
        name = col.name
        values = [row.get(name) for row in records]
        if col.dtype == "list":
            columns[col.name] = pd.Series([list(v) if v else [] for v in values], dtype=object)
        elif col.dtype.startswith("datetime"):
            columns[col.name] = _date_column(values, col.dtype).array
        else:
            # arrays rather than Series: the frame then has no indexes to align
            columns[col.name] = pd.array(values, dtype=col.dtype)
    return pd.DataFrame(columns)


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Return `frame` with the schema's columns, in order, coerced to their dtypes.

    Raises SchemaError naming the missing columns or the column that cannot be coerced.
    Extra columns are kept after the schema's own.
    """
    missing = [name for name in NAMES if name not in frame.columns]
    if missing:
        raise SchemaError(f"not an events table: missing column(s) {', '.join(missing)}")
    out = frame.copy()
    for col in COLUMNS:
        try:
            if col.dtype == "list":
                out[col.name] = pd.Series(
                    [_as_list(v) for v in out[col.name]], index=out.index, dtype=object
                )
            elif col.dtype.startswith("datetime"):
                out[col.name] = pd.to_datetime(out[col.name], errors="raise").astype(col.dtype)
            else:
                out[col.name] = out[col.name].astype(col.dtype)
        except (ValueError, TypeError) as exc:
            raise SchemaError(f"column {col.name!r} cannot be read as {col.dtype}: {exc}") from exc
    extra = [c for c in out.columns if c not in NAMES]
    return out[list(NAMES) + extra]
