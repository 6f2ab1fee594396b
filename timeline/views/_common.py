"""Helpers shared by the views: periods, list columns exploded, actor pairs."""

from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd
import plotly.graph_objects as go

__all__ = [
    "PERIODS",
    "PERIOD_DAYS",
    "actor_pairs",
    "add_notes",
    "explode",
    "join_pairs",
    "midpoints",
    "period_end",
    "period_label",
    "period_start",
    "pick_period",
]

PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
# The longest a period lasts, in days: an event longer than its period is not counted in it.
PERIOD_DAYS: dict[str, int] = {"day": 1, "week": 7, "month": 31, "year": 366}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def midpoints(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each event's middle day (datetime64[D]; NaT when undated) and length in days."""
    start = frame["start"].to_numpy().astype("datetime64[D]")
    end = frame["end"].fillna(frame["start"]).to_numpy().astype("datetime64[D]")
    length = (end - start).astype("timedelta64[D]").astype(np.float64) + 1
    middle = start + ((end - start) // 2)
    return middle, np.where(np.isnat(start), np.nan, length)


def pick_period(first: np.datetime64, last: np.datetime64) -> str:
    """The period that gives a readable number of bars (about 10 to 120) over a span."""
    days = int((last - first).astype("timedelta64[D]").astype(np.int64)) + 1
    if days <= 100:
        return "day"
    if days <= 2 * 366:
        return "week"
    if days <= 15 * 366:
        return "month"
    return "year"


def period_start(days: np.ndarray, period: str) -> np.ndarray:
    """The first day of the period (Monday for weeks) holding each day (datetime64[D])."""
    days = days.astype("datetime64[D]")
    if period == "day":
        return days
    if period == "week":
        # 1970-01-01 was a Thursday: (n + 3) % 7 counts days since Monday.
        n = days.astype(np.int64)
        return (n - (n + 3) % 7).astype("datetime64[D]")
    if period == "month":
        return days.astype("datetime64[M]").astype("datetime64[D]")
    if period == "year":
        return days.astype("datetime64[Y]").astype("datetime64[D]")
    raise ValueError(f"unknown period {period!r}; use one of {', '.join(PERIODS)}")


def period_end(starts: np.ndarray, period: str) -> np.ndarray:
    """The last day of each period starting at `starts`."""
    if period == "day":
        return starts
    if period == "week":
        return starts + np.timedelta64(6, "D")
    unit = "M" if period == "month" else "Y"
    return (starts.astype(f"datetime64[{unit}]") + 1).astype("datetime64[D]") - np.timedelta64(
        1, "D"
    )


def period_label(start: pd.Timestamp, period: str) -> str:
    """A period in words: "5 Dec 2022", "week of 5 Dec 2022", "Dec 2022", "2022"."""
    day = f"{start.day} {_MONTHS[start.month - 1]} {start.year}"
    return {
        "day": day,
        "week": f"week of {day}",
        "month": f"{_MONTHS[start.month - 1]} {start.year}",
        "year": str(start.year),
    }[period]


def explode(values: pd.Series, empty: str) -> tuple[np.ndarray, np.ndarray]:
    """A list column as (row positions, names): one pair per name, `empty` for no name."""
    lists = values.to_list()
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    rows = np.repeat(np.arange(len(lists)), counts)
    names = np.array(list(chain.from_iterable(lists)), dtype=object)
    nameless = np.flatnonzero(counts == 0)
    if len(nameless):
        rows = np.concatenate([rows, nameless])
        names = np.concatenate([names, np.full(len(nameless), empty, dtype=object)])
    return rows, names


def actor_pairs(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each (actor -> target) of each event: row positions, actors, targets.

    Only events that name a target give pairs; an actor named among its own targets
    (a reflexive clause) is left out.
    """
    if "targets" not in frame.columns or not len(frame):
        return _NO_PAIRS
    at_t, targets = explode(frame["targets"], "")
    if not (targets != "").any():
        return _NO_PAIRS
    at_a, actors = explode(frame["actors"], "")
    return join_pairs(at_a, actors, at_t, targets)


_NO_PAIRS = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object), np.zeros(0, dtype=object))


def join_pairs(
    at_a: np.ndarray, actors: np.ndarray, at_t: np.ndarray, targets: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`actor_pairs` from the exploded actors and targets (`explode(..., "")`)."""
    keep = targets != ""
    if not keep.any():
        return _NO_PAIRS
    # Every actor of an event with every target of the same event: a join on the row.
    joined = pd.DataFrame({"row": at_a, "actor": actors}).merge(
        pd.DataFrame({"row": at_t[keep], "target": targets[keep]}), on="row", sort=True
    )
    joined = joined[(joined["actor"] != "") & (joined["actor"] != joined["target"])]
    return (
        joined["row"].to_numpy(dtype=np.int64),
        joined["actor"].to_numpy(dtype=object),
        joined["target"].to_numpy(dtype=object),
    )


def add_notes(fig: go.Figure, notes: list[str]) -> None:
    """The view's notes, joined, in small grey type above the plot's top-left corner."""
    if notes:
        fig.add_annotation(
            text="; ".join(notes),
            xref="paper",
            yref="paper",
            x=0,
            y=1,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 11, "color": "#666666"},
        )
