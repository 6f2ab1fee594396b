"""Summary: how many events, articles, sources and undated events, and what changed.

`summarise` counts events, articles, sources and undated events (of the chosen window and
the undated events, or of every event when no window is chosen), and compares a window
(the chosen one, or by default the last 30 days up to the latest event) with the window
of the same length just before it: the top actors, countries and event types with their
count in each and the change. `build_summary`
draws the three top lists side by side (this window's bars, the previous window's in
grey) under a line of counts. Pass events filtered by everything but the dates, so
that the previous window's events are there to count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.chart import escape_text
from timeline.views._common import explode, period_label
from timeline.views.palette import OTHER_COLOUR, series_colour, type_colour

__all__ = ["DEFAULT_DAYS", "Summary", "Top", "build_summary", "default_window", "summarise"]

DEFAULT_DAYS = 30


@dataclass(frozen=True, slots=True)
class Top:
    """One actor, country or type: its events in the window and in the one before."""

    name: str
    events: int
    previous: int

    @property
    def change(self) -> int:
        return self.events - self.previous

    def change_words(self) -> str:
        """ "+4 (+50%)", "−2 (−20%)", "new", "=" """
        if self.previous == 0:
            return "new" if self.events else "="
        if self.change == 0:
            return "="
        sign = "+" if self.change > 0 else "−"
        return f"{sign}{abs(self.change):,} ({sign}{abs(self.change) / self.previous:.0%})"


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of a window and the top lists against the window before it."""

    window: tuple[dt.date, dt.date] | None  # None: nothing is dated
    previous_window: tuple[dt.date, dt.date] | None
    events: int  # dated events overlapping a chosen window and the undated ones; or all
    events_now: int  # dated events overlapping the window
    events_before: int  # dated events overlapping the previous window
    articles: int
    sources: int
    undated: int
    actors: tuple[Top, ...]
    countries: tuple[Top, ...]
    event_types: tuple[Top, ...]

    def window_words(self) -> str:
        if self.window is None:
            return "no dated events"
        words = [_span(self.window)]
        if self.previous_window is not None:
            words.append(f"against {_span(self.previous_window)}")
        return " ".join(words)


def _span(window: tuple[dt.date, dt.date]) -> str:
    a, b = (pd.Timestamp(d) for d in window)
    return (
        period_label(a, "day") if a == b else f"{period_label(a, 'day')} – {period_label(b, 'day')}"
    )


def default_window(frame: pd.DataFrame, days: int = DEFAULT_DAYS) -> tuple[dt.date, dt.date] | None:
    """The last `days` days up to the latest dated event (None when nothing is dated)."""
    ends = frame["end"].fillna(frame["start"]).dropna()
    if ends.empty:
        return None
    last = ends.max().date()
    return last - dt.timedelta(days=days - 1), last


def _overlapping(frame: pd.DataFrame, window: tuple[dt.date, dt.date]) -> np.ndarray:
    start = frame["start"].to_numpy()
    end = frame["end"].fillna(frame["start"]).to_numpy()
    lo, hi = np.datetime64(window[0], "s"), np.datetime64(window[1], "s")
    return ~np.isnat(start) & (end >= lo) & (start <= hi)


def _tops(now: pd.DataFrame, before: pd.DataFrame, column: str, top: int) -> tuple[Top, ...]:
    def counts(frame: pd.DataFrame) -> pd.Series:
        if column == "event_type":
            values = frame[column].astype("string").fillna("OTHER").to_numpy(dtype=object)
        else:
            _, values = explode(frame[column], "")
            values = values[values != ""]
        return pd.Series(values, dtype=object).value_counts()

    current, previous = counts(now), counts(before)
    ordered = sorted(current.items(), key=lambda kv: (-int(kv[1]), str(kv[0])))[:top]
    return tuple(Top(str(k), int(v), int(previous.get(k, 0))) for k, v in ordered)


def summarise(
    frame: pd.DataFrame, window: tuple[dt.date, dt.date] | None = None, top: int = 5
) -> Summary:
    """The summary of `frame`'s events in `window` (default: `default_window`)."""
    chosen = window is not None
    window = window or default_window(frame)
    undated = frame[frame["start"].isna()]
    if window is None:
        now = frame.iloc[:0]
        before = now
        previous = None
    else:
        length = (window[1] - window[0]).days + 1
        previous = (
            window[0] - dt.timedelta(days=length),
            window[0] - dt.timedelta(days=1),
        )
        now = frame[_overlapping(frame, window)]
        before = frame[_overlapping(frame, previous)]
    # The counts are of what the view shows: the window's events and the undated ones when
    # a window was chosen, else every event.
    shown = pd.concat([now, undated]) if chosen else frame
    titles = {str(t) for t in shown["source"].dropna().unique()}
    if "sources" in shown.columns:
        for listed in shown["sources"].to_list():
            if isinstance(listed, list | tuple | np.ndarray):
                titles.update(str(t) for t in listed)
    return Summary(
        window=window,
        previous_window=previous,
        events=len(shown),
        events_now=len(now),
        events_before=len(before),
        articles=int(shown["article_id"].nunique()),
        sources=len(titles),
        undated=len(undated),
        actors=_tops(now, before, "actors", top),
        countries=_tops(now, before, "countries", top),
        event_types=_tops(now, before, "event_type", top),
    )


def build_summary(summary: Summary, *, title: str | None = None) -> go.Figure:
    """The summary's three top lists as bars (previous window: grey bars)."""
    panels: tuple[tuple[str, tuple[Top, ...]], ...] = (
        ("Top actors", summary.actors),
        ("Top countries", summary.countries),
        ("Top event types", summary.event_types),
    )
    traces: list[go.Bar] = []
    layout: dict[str, object] = {}
    width = 1 / len(panels)
    for k, (heading, tops) in enumerate(panels):
        axis = "" if k == 0 else str(k + 1)
        names = [escape_text(t.name) for t in reversed(tops)]
        rev = list(reversed(tops))
        # Types in their own colours; actors and countries in one (a colour per name would
        # suggest the same name in two panels is two things).
        if heading == "Top event types":
            colours = [type_colour(t.name) for t in rev]
        else:
            colours = [series_colour(3)] * len(rev)
        traces.append(
            go.Bar(
                x=[t.events for t in rev],
                y=names,
                orientation="h",
                marker={"color": colours},
                text=[f"{t.events:,} · {t.change_words()}" for t in rev],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{x} event(s)<extra></extra>",
                xaxis=f"x{axis}",
                yaxis=f"y{axis}",
                name=heading,
                showlegend=k == 0,
                legendgroup="now",
            )
        )
        traces.append(
            go.Bar(
                x=[t.previous for t in rev],
                y=names,
                orientation="h",
                marker={"color": OTHER_COLOUR},
                hovertemplate="%{y}: %{x} event(s) in the previous window<extra></extra>",
                xaxis=f"x{axis}",
                yaxis=f"y{axis}",
                name="previous window",
                showlegend=k == 0,
                legendgroup="before",
            )
        )
        most = max([t.events for t in tops] + [t.previous for t in tops] + [1])
        layout[f"xaxis{axis}"] = {
            "domain": [k * width + 0.1 * width, (k + 1) * width - 0.05 * width],
            "anchor": f"y{axis}",
            "range": [0, most * 1.45],
            "showgrid": False,
            "title": {"text": heading},
        }
        layout[f"yaxis{axis}"] = {"anchor": f"x{axis}", "automargin": True}
    traces[0].name = "this window"
    fig = go.Figure(data=traces)
    counts = (
        f"<b>{summary.events:,}</b> events · <b>{summary.articles:,}</b> articles · "
        f"<b>{summary.sources:,}</b> sources · <b>{summary.undated:,}</b> undated"
        f"<br>{summary.window_words()}: {summary.events_now:,} dated events, "
        f"{summary.events_before:,} before"
    )
    fig.add_annotation(
        text=counts,
        xref="paper",
        yref="paper",
        x=0,
        y=1.02,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        align="left",
        font={"size": 13},
    )
    fig.update_layout(
        template="plotly_white",
        title={"text": title} if title else None,
        height=380,
        margin={"l": 10, "r": 10, "t": 120 if title else 80, "b": 10},
        barmode="group",
        bargap=0.25,
        bargroupgap=0.05,
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.02, "yanchor": "bottom"},
        meta={"view": "summary"},
        **layout,
    )
    return fig
