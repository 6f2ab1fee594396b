"""Intensity and escalation over time: events per period, and the conflict–cooperation line.

The top panel counts events per day, week, month or year (picked from the span when not
chosen), stacked by event type, by actor or by country; the busiest period is marked. The
bottom panel is the conflict–cooperation score (`timeline.views.scores`) of those events,
averaged (or summed) per period: overall, and for the busiest actor -> target pairs
(for the busiest actors while no event names a target).

An event is counted in the period holding its middle day, if it is no longer than that
period: a year-long "in 1999" is not a spike on one day; the figure says how many were left
out that way. Undated events are not counted. Every bar and point carries the period's
first and last day (`customdata[0:2]`, ISO dates), so a click can filter to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.chart import NO_LANE, escape_text, focus_window
from timeline.views._common import (
    PERIOD_DAYS,
    PERIODS,
    actor_pairs,
    add_notes,
    explode,
    midpoints,
    period_end,
    period_label,
    period_start,
    pick_period,
)
from timeline.views.palette import OTHER_COLOUR, series_colour, type_colour
from timeline.views.scores import SCORE_RANGE, event_scores

__all__ = [
    "SCORE_MODES",
    "STACKS",
    "build_intensity",
    "counts_per_period",
    "scores_per_period",
]

Stack = Literal["type", "actor", "country"]
STACKS: tuple[Stack, ...] = ("type", "actor", "country")
SCORE_MODES: tuple[str, ...] = ("mean", "sum")
_DAY_MS = 86_400_000
_HALF_DAYS = {"day": 0.5, "week": 3.5, "month": 15.2, "year": 182.6}
_LINE_DASHES = ("dash", "dot", "dashdot", "longdash")


@dataclass(frozen=True, slots=True)
class _Counted:
    """The events counted: their positions in the frame, their periods' first days."""

    rows: np.ndarray  # positions in the frame
    starts: np.ndarray  # datetime64[D], one per row
    period: str
    coarse: int  # dated events longer than the period, not counted


def _counted(frame: pd.DataFrame, period: str | None) -> _Counted:
    middle, length = midpoints(frame)
    dated = ~np.isnat(middle)
    if period in (None, "auto"):
        period = "day"
        if dated.any():
            start = frame["start"].to_numpy()[dated].astype("datetime64[ms]")
            end = frame["end"].fillna(frame["start"]).to_numpy()[dated].astype("datetime64[ms]")
            start_ms, end_ms = start.astype(np.int64), end.astype(np.int64) + _DAY_MS
            # The stretch most events crowd into (as the timeline opens on it) sets the period.
            window = focus_window(start_ms, end_ms)
            lo, hi = (start_ms.min(), end_ms.max()) if window is None else window
            period = pick_period(
                np.datetime64(int(lo), "ms").astype("datetime64[D]"),
                np.datetime64(int(hi), "ms").astype("datetime64[D]"),
            )
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; use auto or one of {', '.join(PERIODS)}")
    fits = dated & (np.nan_to_num(length, nan=np.inf) <= PERIOD_DAYS[period])
    rows = np.flatnonzero(fits)
    return _Counted(rows, period_start(middle[rows], period), period, int((dated & ~fits).sum()))


def _stack_groups(
    frame: pd.DataFrame, counted: _Counted, stack: str, top: int
) -> tuple[np.ndarray, np.ndarray]:
    """(positions into counted.rows, group names) for the stack."""
    if stack == "type":
        names = frame["event_type"].astype("string").fillna("OTHER").to_numpy(dtype=object)
        return np.arange(len(counted.rows)), names[counted.rows]
    column = "actors" if stack == "actor" else "countries"
    at, names = explode(frame[column].iloc[counted.rows], NO_LANE[stack])
    order = pd.Series(names).value_counts()
    if len(order) > top:
        other = f"{len(order) - top} other {column}"
        names = np.where(pd.Series(names).isin(order.index[:top]).to_numpy(), names, other)
    return at, names


def counts_per_period(
    frame: pd.DataFrame, *, period: str | None = None, stack: Stack = "type", top: int = 8
) -> tuple[pd.DataFrame, str, int]:
    """Events per period and stack group: a frame (period, group, n), the period used,
    and the number of dated events too coarse for it.

    Stacked by actor or country, an event naming two counts once for each; groups past
    the `top` busiest share one "N other actors" group.
    """
    if stack not in STACKS:
        raise ValueError(f"unknown stack {stack!r}; use one of {', '.join(STACKS)}")
    counted = _counted(frame, period)
    return _counts(frame, counted, stack, top), counted.period, counted.coarse


def _counts(frame: pd.DataFrame, counted: _Counted, stack: str, top: int) -> pd.DataFrame:
    at, names = _stack_groups(frame, counted, stack, top)
    # Count (period, group) pairs as integers: far faster than grouping strings.
    codes, groups = pd.factorize(pd.Series(names, dtype=object), sort=True)
    days = counted.starts[at].astype(np.int64)
    key = days * len(groups) + codes
    uniq, n = np.unique(key, return_counts=True)
    return pd.DataFrame(
        {
            "period": (uniq // len(groups)).astype("datetime64[D]").astype("datetime64[s]"),
            "group": np.asarray(groups, dtype=object)[uniq % len(groups)],
            "n": n,
        }
    )


def scores_per_period(
    frame: pd.DataFrame,
    *,
    period: str | None = None,
    mode: str = "mean",
    pairs: int = 3,
) -> tuple[pd.DataFrame, str]:
    """The conflict–cooperation score per period: a frame (period, series, score, n).

    Series "all events", then the `pairs` busiest actor -> target pairs ("A → B"), or the
    busiest actors while no event names a target. `mode` is mean or sum.
    """
    counted = _counted(frame, period)
    return _scores(frame, counted, mode, pairs), counted.period


def _scores(frame: pd.DataFrame, counted: _Counted, mode: str, pairs: int) -> pd.DataFrame:
    if mode not in SCORE_MODES:
        raise ValueError(f"unknown score {mode!r}; use one of {', '.join(SCORE_MODES)}")
    score = event_scores(frame["event_type"].iloc[counted.rows])
    sub = frame[["actors", "targets"]].iloc[counted.rows]
    at, actors, targets = actor_pairs(sub)
    if len(at):
        names = actors + " → " + targets
    else:
        at, names = explode(sub["actors"], "")
        keep = names != ""
        at, names = at[keep], names[keep]
    # Series as small integers (0 = all events): grouping numbers is far faster than strings.
    codes, uniques = pd.factorize(pd.Series(names, dtype=object))
    sizes = np.bincount(codes, minlength=len(uniques)) if len(codes) else np.zeros(0, int)
    top = np.argsort(-sizes, kind="stable")[:pairs]
    busiest = [str(uniques[i]) for i in top]
    rank = np.zeros(len(uniques) + 1, dtype=np.int64)
    rank[top] = np.arange(1, len(top) + 1)
    keep = rank[codes] > 0 if len(codes) else np.zeros(0, dtype=bool)
    series = np.concatenate(
        [
            np.zeros(len(score), dtype=np.int64),
            rank[codes[keep]],
        ]
    )
    days = np.concatenate([counted.starts, counted.starts[at[keep]]]).astype(np.int64)
    values = np.concatenate([score, score[at[keep]]])
    key = series * 10_000_000 + (days - days.min() if len(days) else days)
    uniq, inverse, n = np.unique(key, return_inverse=True, return_counts=True)
    total = np.bincount(inverse, weights=values)
    labels = np.array(["all events", *busiest], dtype=object)
    out = pd.DataFrame(
        {
            "period": (uniq % 10_000_000 + (days.min() if len(days) else 0)).astype(
                "datetime64[D]"
            ),
            "series": labels[uniq // 10_000_000],
            "score": total / n if mode == "mean" else total,
            "n": n,
        }
    )
    out["period"] = out["period"].astype("datetime64[s]")
    return out


def _custom(starts: pd.Series, period: str) -> np.ndarray:
    """customdata per period: first day, last day (ISO) and the period in words."""
    first = starts.to_numpy().astype("datetime64[D]")
    last = period_end(first, period)
    unique, inverse = np.unique(first, return_inverse=True)
    words = np.array([period_label(pd.Timestamp(v), period) for v in unique], dtype=object)
    return np.column_stack(
        [first.astype(str).astype(object), last.astype(str).astype(object), words[inverse]]
    )


def _plain(text: str) -> str:
    """A name from an article, safe in Plotly's HTML-like labels (quotes stay as written)."""
    return escape_text(text)


def _empty(message: str, title: str | None) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_layout(
        template="plotly_white", title=title, height=320, xaxis_visible=False, yaxis_visible=False
    )
    return fig


def build_intensity(
    frame: pd.DataFrame,
    *,
    period: str | None = None,
    stack: Stack = "type",
    score: str = "mean",
    pairs: int = 3,
    top: int = 8,
    title: str | None = None,
) -> go.Figure:
    """Events per period stacked by `stack`, above their conflict–cooperation score.

    `period` is day, week, month, year or None (picked from the span); `score` mean or sum;
    `pairs` how many actor pairs get their own score line; `top` how many actors or
    countries get their own colour in the stack.
    """
    if stack not in STACKS:
        raise ValueError(f"unknown stack {stack!r}; use one of {', '.join(STACKS)}")
    counted = _counted(frame, period)
    used = counted.period
    if not len(counted.rows):
        message = (
            f"No events short enough to count per {used}: choose a longer period"
            if counted.coarse
            else "No dated events to count"
        )
        return _empty(message, title)
    counts = _counts(frame, counted, stack, top)
    scores = _scores(frame, counted, score, pairs)
    shift = pd.Timedelta(days=_HALF_DAYS[used])  # bars and points at the period's middle
    width = PERIOD_DAYS[used] * _DAY_MS * (0.9 if used == "day" else 0.8)
    totals = counts.groupby("group")["n"].sum().sort_values(ascending=False, kind="stable")
    groups = sorted(totals.index) if stack == "type" else list(totals.index)
    # Remainders ("N other actors", "(no actor named)") on top of the stack, in grey.
    rest = [g for g in groups if g.startswith("(no ") or " other " in g]
    groups = [g for g in groups if g not in rest] + rest
    traces: list[go.Bar | go.Scatter] = []
    for i, group in enumerate(groups):
        mine = counts[counts["group"] == group]
        if stack == "type":
            colour = type_colour(group)
        else:
            colour = OTHER_COLOUR if group in rest else series_colour(i)
        traces.append(
            go.Bar(
                x=(mine["period"] + shift).to_numpy(),
                y=mine["n"].to_numpy(),
                width=width,
                name=_plain(group),
                marker={"color": colour, "line": {"width": 0}},
                customdata=_custom(mine["period"], used),
                hovertemplate="%{customdata[2]}<br>%{fullData.name}: %{y} event(s)<extra></extra>",
                legendgroup="stack",
                legendgrouptitle={"text": f"Events by {stack}"},
            )
        )
    for i, (series, line) in enumerate(scores.groupby("series", sort=False)):
        overall = series == "all events"
        traces.append(
            go.Scatter(
                x=(line["period"] + shift).to_numpy(),
                y=line["score"].to_numpy(),
                yaxis="y2",
                mode="lines+markers",
                name=_plain(str(series)),
                line={
                    "color": "#000000" if overall else series_colour(i + 1),
                    "width": 2.5 if overall else 1.5,
                    "dash": "solid" if overall else _LINE_DASHES[(i - 1) % len(_LINE_DASHES)],
                },
                marker={"size": 5},
                customdata=np.column_stack(
                    [_custom(line["period"], used), line["n"].to_numpy(dtype=object)]
                ),
                hovertemplate="%{customdata[2]}<br>%{fullData.name}: %{y:.1f} "
                f"({score} of %{{customdata[3]}} event(s))<extra></extra>",
                legendgroup="score",
                legendgrouptitle={"text": "Conflict – cooperation score"},
            )
        )
    fig = go.Figure(data=traces)
    per_period = counts.groupby("period")["n"].sum()
    peak = per_period.idxmax()
    fig.add_annotation(
        x=peak + shift,
        y=int(per_period.max()),
        text=f"peak: {int(per_period.max()):,} · {period_label(peak, used)}",
        showarrow=True,
        arrowhead=2,
        ax=0,
        ay=-22,
        font={"size": 11},
    )
    notes = []
    if counted.coarse:
        notes.append(f"{counted.coarse:,} event(s) dated more coarsely than a {used} not counted")
    if stack != "type":
        notes.append(f"an event naming two {stack}s counts for each")
    add_notes(fig, notes)
    fig.add_shape(
        type="line",
        xref="paper",
        yref="y2",
        x0=0,
        x1=1,
        y0=0,
        y1=0,
        line={"color": "#888888", "width": 1},
    )
    fig.update_layout(
        template="plotly_white",
        title={"text": title} if title else None,
        barmode="stack",
        bargap=0,
        height=640,
        margin={"l": 10, "r": 10, "t": 80 if title else 40, "b": 10},
        hovermode="closest",
        clickmode="event+select",
        # Below the plot, in rows: the plot keeps its width on a narrow (phone) screen.
        legend={
            "groupclick": "toggleitem",
            "orientation": "h",
            "x": 0,
            "y": -0.08,
            "yanchor": "top",
            "tracegroupgap": 8,
        },
        xaxis={"type": "date", "anchor": "y2", "showgrid": True},
        yaxis={
            "domain": [0.36, 1.0],
            "title": {"text": f"events per {used}"},
            # Room above the highest bar for its "peak" label, inside the plot.
            "range": [0, float(per_period.max()) * 1.2],
        },
        yaxis2={
            "domain": [0.0, 0.3],
            "title": {"text": f"score ({score})"},
            "zeroline": False,
            "range": [SCORE_RANGE[0] - 0.5, SCORE_RANGE[1] + 0.5] if score == "mean" else None,
            "anchor": "x",
        },
        meta={"view": "intensity", "period": used, "stack": stack, "score": score},
    )
    return fig
