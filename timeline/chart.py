"""The timeline figure: an events frame in, a Plotly figure out (no Streamlit here).

Time runs along x. Each lane on y is one actor (or one country); an event with two
actors is drawn in both lanes, undated events are not drawn. Events dated to a single
day are markers; everything else (a date range, or a coarse date such as "1999" or
"December") is a bar from its first day to the end of its last day, with a marker at
the middle that carries the hover text. Coarse dates are drawn wide and pale so that a
1999 event reads as "some time in 1999", not as 1 January 1999.

All article text in the hover is HTML-escaped: articles are untrusted input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from itertools import chain
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.roles import summary
from timeline.views.palette import TYPE_COLOURS, type_colour

__all__ = [
    "EVENT_TYPE_COLOURS",
    "LANE_BY",
    "WEBGL_THRESHOLD",
    "build_aggregate_figure",
    "build_figure",
    "date_labels",
    "escape_html",
    "escape_text",
    "focus_window",
    "hover_texts",
    "lanes_of",
    "period_of",
    "type_colour",
    "unmade_hover",
]

LaneBy = Literal["actor", "country"]
LANE_BY: tuple[str, ...] = ("actor", "country")
LANE_COLUMN: dict[str, str] = {"actor": "actors", "country": "countries"}
NO_LANE: dict[str, str] = {"actor": "(no actor named)", "country": "(no country named)"}

# Fixed colours, so that a type keeps its colour whatever the filters leave on screen
# (colour-blind safe and distinct: `timeline.views.palette`).
EVENT_TYPE_COLOURS: dict[str, str] = TYPE_COLOURS

# Past this many drawn items the traces switch to WebGL (Scattergl).
WEBGL_THRESHOLD = 1000
_DAY_MS = 86_400_000
_LANE_LABEL_MAX = 32
_SENTENCE_MAX = 400
_WRAP = 90


# Plotly's labels understand a few tags (<b>, <br>, <a href>...) and only the entities
# &amp; &lt; &gt; (and numeric ones): escaping &, < and > keeps article text from making
# tags, and a quote must stay a quote (a "&quot;" would be shown as such).
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def escape_text(text: str) -> str:
    """Article text made safe for a Plotly label or hover, shown as written."""
    for raw, entity in _ESCAPES:
        text = text.replace(raw, entity)
    return text


def escape_html(values: pd.Series) -> pd.Series:
    """`escape_text` of a string column (missing values become empty strings)."""
    out = values.astype("string").fillna("")
    for raw, entity in _ESCAPES:
        out = out.str.replace(raw, entity, regex=False)
    return out


def _join_lists(values: pd.Series) -> pd.Series:
    return pd.Series([", ".join(v) for v in values], index=values.index, dtype="string")


_MONTHS = np.array(
    ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    dtype=object,
)
_DAYS = np.array([str(d) for d in range(32)], dtype=object)


def _day_words(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Day, "Mon" and year strings of datetime64[D] values (NaT gives placeholders)."""
    bad = np.isnat(days)
    days = np.where(bad, np.datetime64("2000-01-01"), days)
    month_start = days.astype("datetime64[M]")
    year = month_start.astype("datetime64[Y]").astype(np.int64) + 1970
    month = month_start.astype(np.int64) % 12 + 1
    day = (days - month_start.astype("datetime64[D]")).astype(np.int64) + 1
    # Few distinct values: turn each into text once, then index.
    uniq, inverse = np.unique(year, return_inverse=True)
    year_words = np.array([str(v) for v in uniq], dtype=object)[inverse]
    return _DAYS[day], _MONTHS[month], year_words


def date_labels(frame: pd.DataFrame) -> pd.Series:
    """The normalised date of each event in words: "15 Dec 2022", "1999 (year)", ...

    Undated events give "undated".
    """
    start = frame["start"].to_numpy().astype("datetime64[D]")
    end = frame["end"].fillna(frame["start"]).to_numpy().astype("datetime64[D]")
    precision = frame["precision"].astype("string").fillna("day").to_numpy(dtype=object)
    d0, m0, y0 = _day_words(start)
    d1, m1, y1 = _day_words(end)
    first = d0 + " " + m0 + " " + y0
    span = first + " – " + d1 + " " + m1 + " " + y1
    century = pd.Series(y0, dtype="string").str.slice(0, -2).to_numpy(dtype=object)
    same_year = y0 == y1
    same_month = same_year & (m0 == m1)
    # Decades and centuries compare as text: "199" of 1999 and 1990, "19" of 1900-1999.
    decade0 = pd.Series(y0, dtype="string").str.slice(0, -1).to_numpy(dtype=object)
    decade1 = pd.Series(y1, dtype="string").str.slice(0, -1).to_numpy(dtype=object)
    century1 = pd.Series(y1, dtype="string").str.slice(0, -2).to_numpy(dtype=object)
    labels = np.select(
        [
            np.isnat(start),
            (precision == "day") & (start == end),
            precision == "day",
            (precision == "year") & same_year,
            precision == "year",
            (precision == "month") & same_month,
            precision == "month",
            (precision == "decade") & (decade0 == decade1),
            (precision == "century") & (century == century1),
        ],
        [
            "undated",
            first,
            span,
            y0 + " (year)",
            y0 + " – " + y1 + " (years)",
            m0 + " " + y0 + " (month)",
            m0 + " " + y0 + " – " + m1 + " " + y1 + " (months)",
            decade0 + "0s (decade)",
            century + "00s (century)",
        ],
        default=span + " (" + precision + ")",
    )
    return pd.Series(labels, index=frame.index, dtype="string")


def unmade_hover(frame: pd.DataFrame) -> pd.Series:
    """Hover texts not made yet (None each), aligned with `frame`: `build_figure` makes
    those of the events it draws. Making them all at load costs about 1.5 s at 100,000
    events, and a chart draws at most a thousand (past that, aggregates)."""
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def hover_texts(frame: pd.DataFrame) -> pd.Series:
    """One escaped HTML hover text per event (compute once per dataset and pass to
    `build_figure(hover=...)` to keep redraws fast)."""
    sentence = escape_html(frame["sentence"].astype("string").str.slice(0, _SENTENCE_MAX))
    # Wrap long sentences so the hover box stays readable.
    sentence = sentence.str.replace(rf"(.{{1,{_WRAP}}})(?:\s+|$)", r"\1<br>", regex=True)
    written = escape_html(frame["time_expression"])
    written = written.where(written != "", "(no time expression)")
    # "Serbia → NATO: DEMAND": who acted, at whom, what
    lines = pd.Series(
        [
            summary(a, t, e)
            for a, t, e in zip(
                frame["actors"], frame["targets"], frame["event_type"].fillna("OTHER"), strict=True
            )
        ],
        index=frame.index,
        dtype="string",
    )
    texts = (
        "<b>"
        + escape_html(lines)
        + "</b> · "
        + escape_html(date_labels(frame))
        + "<br>As written: "
        + written
        + " · dated by: "
        + escape_html(frame["date_basis"])
        + "<br>Acted: "
        + escape_html(_join_lists(frame["actors"]))
        + " · targeted: "
        + escape_html(_join_lists(frame["targets"]))
        + "<br>Countries: "
        + escape_html(_join_lists(frame["countries"]))
        + "<br><i>"
        + sentence
        + "</i>"
        + _source_words(frame)
    )
    # Plain Python strings: plotly takes them without a conversion on every redraw.
    return pd.Series(texts.to_numpy(dtype=object), index=frame.index, dtype=object)


def _source_words(frame: pd.DataFrame) -> pd.Series:
    """ "Source: title", or for merged reports (`timeline.dedupe`) "N sources: a; b"."""
    single = "Source: " + escape_html(frame["source"])
    if "sources" not in frame.columns:
        return single
    titles = pd.Series(
        ["; ".join(v) if isinstance(v, list | tuple) else "" for v in frame["sources"]],
        index=frame.index,
        dtype="string",
    )
    count = pd.Series(
        [len(v) if isinstance(v, list | tuple) else 0 for v in frame["sources"]],
        index=frame.index,
    )
    several = count.astype("string") + " sources: " + escape_html(titles)
    return several.where(count > 1, single)


def lanes_of(frame: pd.DataFrame, by: LaneBy = "actor") -> pd.Series:
    """Number of events per lane (actor or country), most first; for filter labels too."""
    column = LANE_COLUMN[by]
    names = list(chain.from_iterable(v if len(v) else [NO_LANE[by]] for v in frame[column]))
    return pd.Series(names, dtype="string").value_counts()


def _short(name: str) -> str:
    """A lane's tick label: cut to length and HTML-escaped (Plotly renders tags in labels)."""
    short = name if len(name) <= _LANE_LABEL_MAX else name[: _LANE_LABEL_MAX - 1] + "…"
    return escape_text(short)


def _empty_figure(message: str, title: str | None) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_layout(
        title=title,
        height=320,
        xaxis={"visible": False},
        yaxis={"visible": False},
        template="plotly_white",
    )
    return fig


def build_figure(
    frame: pd.DataFrame,
    *,
    by: LaneBy = "actor",
    title: str | None = None,
    max_lanes: int = 40,
    webgl_threshold: int = WEBGL_THRESHOLD,
    hover: pd.Series | None = None,
    in_view: Sequence[str] = (),
) -> go.Figure:
    """The timeline of `frame` (an events frame, see `timeline.schema`) as a figure.

    Lanes are the `max_lanes` actors (or countries) with most events; the others share
    one last lane. Every marker's `customdata` is its event_id. `hover`, if given, is
    `hover_texts()` of a frame `frame` was filtered from (same index); its missing entries
    (`unmade_hover`) are made here for the drawn events. The first view may
    zoom on where most events are (`focus_window`); the events of `in_view` (ids, say of
    articles just added) are always in it.
    """
    if by not in LANE_COLUMN:
        raise ValueError(f"lanes by {by!r}: use one of {', '.join(LANE_BY)}")
    # Work on column arrays of the dated rows: copying the whole frame costs more.
    where = np.flatnonzero(frame["start"].notna().to_numpy())
    if not len(where):
        message = "No events to draw" if frame.empty else "No dated events to draw"
        return _empty_figure(message, title)

    # One row per (event, lane): explode the list column without DataFrame.explode.
    lists = frame[LANE_COLUMN[by]].to_numpy(dtype=object)[where]
    lane_lists = [v if len(v) else [NO_LANE[by]] for v in lists]
    counts = np.fromiter((len(v) for v in lane_lists), dtype=np.int64, count=len(lane_lists))
    rows = np.repeat(np.arange(len(where)), counts)
    lane_names = pd.Series(list(chain.from_iterable(lane_lists)), dtype="string")

    order = lane_names.value_counts()
    kept = list(order.index[:max_lanes])
    if len(order) > max_lanes:
        other = f"{len(order) - max_lanes} other {LANE_COLUMN[by]}"
        kept.append(other)
        lane_names = lane_names.where(lane_names.isin(kept[:-1]), other)
    # The busiest lane at the top: y = n-1 for the first, 0 for the last.
    lane_y = {name: len(kept) - 1 - i for i, name in enumerate(kept)}
    y = lane_names.map(lane_y).to_numpy(dtype=np.float64)

    start = frame["start"].to_numpy()[where]
    end = frame["end"].to_numpy()[where]
    end = np.where(np.isnat(end), start, end)
    start_ms = start.astype("datetime64[ms]").astype(np.int64)
    end_ms = end.astype("datetime64[ms]").astype(np.int64) + _DAY_MS
    is_day = (frame["precision"].fillna("day") == "day").to_numpy(dtype=bool)[where]
    is_point = is_day & (end_ms - start_ms == _DAY_MS)
    is_coarse = ~is_day

    s, e = start_ms[rows], end_ms[rows]
    point = is_point[rows]
    coarse = is_coarse[rows]
    x_marker = np.where(point, s + _DAY_MS // 2, (s + e) // 2).astype(np.float64)
    # Marks sharing a lane and the day their marker sits on (a day's event, the middle of a
    # bar) are fanned out within the lane so that none hides another; the fan stays
    # within ±0.3 of the lane's line, so that it never spills into the next lane.
    key = pd.DataFrame({"y": y, "day": x_marker // _DAY_MS})
    rank = key.groupby(["y", "day"], sort=False).cumcount().to_numpy()
    size = key.groupby(["y", "day"], sort=False)["day"].transform("size").to_numpy()
    y = y + (rank - (size - 1) / 2) * fan_step(size)

    if hover is None:
        texts = hover_texts(frame.iloc[where]).to_numpy(dtype=object)
    else:
        texts = np.array(hover.loc[frame.index[where]], dtype=object)  # writable
        # Texts not made yet (`unmade_hover`): made now, for the drawn events only.
        todo = np.flatnonzero(pd.isna(texts))
        if len(todo):
            texts[todo] = hover_texts(frame.iloc[where[todo]]).to_numpy(dtype=object)
    hover_rows = texts[rows]
    event_ids = frame["event_id"].to_numpy(dtype=object)[where][rows]
    codes, names = pd.factorize(frame["event_type"].fillna("OTHER"))
    type_codes = codes[where][rows]

    webgl = len(rows) > webgl_threshold
    # Smaller marks, without outlines, when thousands share the plot.
    shrink = 1.0 if len(rows) <= 1000 else 0.7 if len(rows) <= 10_000 else 0.5
    scatter = go.Scattergl if webgl else go.Scatter
    traces: list[go.Scatter | go.Scattergl] = []
    payload: list[tuple[int, np.ndarray, np.ndarray]] = []
    # return_counts: numpy 2.4 takes a far slower hashing path for a bare np.unique.
    present = np.unique(type_codes, return_counts=True)[0]
    for code in sorted(present, key=lambda c: str(names[c])):
        event_type = str(names[code])
        colour = type_colour(event_type)
        mine = type_codes == code
        group = {"legendgroup": event_type, "legend": "legend"}
        traces.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=event_type,
                marker={"color": colour, "size": 10, "symbol": "square"},
                hoverinfo="skip",
                **group,
            )
        )
        for bar_mask, width, opacity, label in (
            (mine & ~point & coarse, 14, 0.28, "coarse"),
            (mine & ~point & ~coarse, 6, 0.8, "range"),
        ):
            if not bar_mask.any():
                continue
            n = int(bar_mask.sum())
            xs = np.full((n, 3), np.nan)
            xs[:, 0], xs[:, 1] = s[bar_mask], e[bar_mask]
            ys = np.full((n, 3), np.nan)
            ys[:, 0] = ys[:, 1] = y[bar_mask]
            traces.append(
                scatter(
                    x=xs.ravel(),
                    y=ys.ravel(),
                    mode="lines",
                    name=f"{event_type} ({label})",
                    line={"color": colour, "width": width},
                    opacity=opacity,
                    hoverinfo="skip",
                    showlegend=False,
                    connectgaps=False,
                    **group,
                )
            )
        for mark_mask, symbol, size in (
            (mine & point, "circle", 11 * shrink),
            (mine & ~point, "diamond", 8 * shrink),
        ):
            if not mark_mask.any():
                continue
            # Text and ids are set after the figure is made: plotly deep-copies
            # object arrays given to the constructor, which costs more than the rest.
            payload.append((len(traces), hover_rows[mark_mask], event_ids[mark_mask]))
            traces.append(
                scatter(
                    x=x_marker[mark_mask],
                    y=y[mark_mask],
                    mode="markers",
                    name=event_type,
                    marker={
                        "color": colour,
                        "size": size,
                        "symbol": symbol,
                        "line": {"color": "white", "width": 1 if shrink == 1 else 0},
                    },
                    hovertemplate="%{text}<extra></extra>",
                    # A picked event stays bold; the rest fade, but stay readable.
                    unselected={"marker": {"opacity": 0.45}},
                    showlegend=False,
                    **group,
                )
            )
    traces.extend(_key_traces())
    fig = go.Figure(data=traces)
    for index, text, ids in payload:
        fig.data[index].text = text
        fig.data[index].customdata = ids
    _layout(fig, kept, start_ms.min(), end_ms.max(), title, by, len(present) + 4)
    wanted = frame["event_id"].isin(list(in_view)).to_numpy(dtype=bool)[where]
    _focus(fig, start_ms, end_ms, wanted if in_view else None)
    return fig


def fan_step(size: np.ndarray) -> np.ndarray:
    """The lane offset between neighbours of a fan of `size` marks: at most 0.18 of a lane,
    and small enough that the whole fan spans at most 0.6 of it."""
    return np.minimum(0.6 / np.maximum(size, 1), 0.18)


def focus_window(start_ms: np.ndarray, end_ms: np.ndarray) -> tuple[float, float] | None:
    """A narrower first view when most events crowd into a small part of the time span.

    A story about December 2022 that mentions 1999 would otherwise open as 24 years with
    the story squeezed into one pixel column. The window is the shortest stretch holding
    60% of the events, widened a little; None when the full span is readable as it is.
    """
    n = len(start_ms)
    if n < 3:
        return None
    starts = np.sort(start_ms)
    k = int(np.ceil(0.6 * n))
    widths = starts[k - 1 :] - starts[: n - k + 1]
    i = int(np.argmin(widths))
    lo, hi = float(starts[i]), float(starts[i + k - 1] + _DAY_MS)
    width = max(hi - lo, 7 * _DAY_MS)
    # Show whole the short events that reach into the window ("during the past week").
    length = end_ms - start_ms
    reach = (end_ms >= lo) & (start_ms <= hi) & (length <= 4 * width)
    if reach.any():
        lo, hi = min(lo, float(start_ms[reach].min())), max(hi, float(end_ms[reach].max()))
        width = max(hi - lo, 7 * _DAY_MS)
    full = float(end_ms.max() - start_ms.min())
    if full < 6 * width:
        return None
    return lo - 0.3 * width, hi + 0.3 * width


def _focus(
    fig: go.Figure, start_ms: np.ndarray, end_ms: np.ndarray, wanted: np.ndarray | None = None
) -> None:
    """Open on the focus window, if any, widened to the `wanted` events (a mask); with a
    note of what is out of view and buttons for all / the busiest period, which also show
    and hide the note."""
    window = focus_window(start_ms, end_ms)
    if window is None:
        return
    full = [float(v) for v in fig.layout.xaxis.range]
    lo, hi = window
    first, last = (
        (float(start_ms[wanted].min()), float(end_ms[wanted].max()))
        if wanted is not None and wanted.any()
        else (lo, hi)
    )
    if first < lo or last > hi:
        lo, hi = min(lo, first), max(hi, last)
        if hi - lo >= (float(end_ms.max()) - float(start_ms.min())) / 2:
            return  # most of the span anyway: show it all
        pad = 0.05 * (hi - lo)
        lo, hi = lo - pad, hi + pad
    before = int((end_ms < lo).sum())
    after = int((start_ms > hi).sum())
    hidden = []
    if before:
        first = pd.Timestamp(int(start_ms.min()), unit="ms").year
        hidden.append(f"{before} earlier (from {first})")
    if after:
        hidden.append(f"{after} later")
    fig.update_xaxes(range=[lo, hi])
    if not hidden:
        return
    fig.add_annotation(
        # "hint": screen-only, left out of exported images (`timeline.export`).
        name="hint",
        text=f"Zoomed on most events; {' and '.join(hidden)} out of view: click “all”",
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        xanchor="left",
        yanchor="bottom",
        # Right of the all/busiest buttons, a row above the range buttons.
        xshift=98,
        yshift=36,
        showarrow=False,
        font={"size": 11, "color": "#666666"},
    )
    # "all" shows every event and hides the note; "busiest" goes back. They replace the
    # range selector's own "all", which cannot hide the note.
    note = f"annotations[{len(fig.layout.annotations) - 1}].visible"
    buttons = fig.layout.xaxis.rangeselector.buttons
    fig.layout.xaxis.rangeselector.buttons = [b for b in buttons if b.step != "all"]
    fig.update_layout(
        updatemenus=[
            {
                "type": "buttons",
                "direction": "right",
                "showactive": False,
                "x": 0,
                "xanchor": "left",
                "y": 1,
                "yanchor": "bottom",
                "pad": {"l": 0, "t": 0, "b": 30, "r": 0},  # a row above the range buttons
                "font": {"size": 10},
                "bgcolor": "#f2f2f2",
                "bordercolor": "#dddddd",
                "name": "hint",
                "buttons": [
                    {
                        "label": "all",
                        "method": "relayout",
                        "args": [
                            {
                                "xaxis.range": full,
                                note: False,
                            }
                        ],
                    },
                    {
                        "label": "busiest",
                        "method": "relayout",
                        "args": [{"xaxis.range": [lo, hi], note: True}],
                    },
                ],
            }
        ],
        margin={"t": max(int(fig.layout.margin.t or 0), 84)},
    )


def _key_traces() -> list[go.Scatter]:
    """The legend's second part, "Marks": what a dot, a bar, a pale bar and a diamond are.

    In the same legend as the types, below them, so that the two never overlap; an entry
    that only makes sense on screen names its printed wording in `meta.print_name`.
    """
    grey = "#555555"
    return [
        go.Scatter(
            x=[None],
            y=[None],
            name=name,
            legend="legend",
            legendgroup="key",
            legendgrouptitle={"text": "Marks"},
            legendrank=2000,
            hoverinfo="skip",
            meta={"print_name": printed} if printed else None,
            **trace,
        )
        for name, printed, trace in (
            ("a single day", "", {"mode": "markers", "marker": {"color": grey, "size": 10}}),
            (
                "a range of days",
                "",
                {"mode": "lines", "line": {"color": grey, "width": 6}, "opacity": 0.8},
            ),
            (
                "a coarse date (week, month, year…)",
                "",
                {"mode": "lines", "line": {"color": grey, "width": 14}, "opacity": 0.28},
            ),
            (
                "middle of a bar: hover it",
                "middle of a bar",
                {"mode": "markers", "marker": {"color": grey, "size": 8, "symbol": "diamond"}},
            ),
        )
    ]


def _layout(
    fig: go.Figure,
    lanes: Sequence[str],
    first_ms: int,
    last_ms: int,
    title: str | None,
    by: str,
    legend_items: int = 0,
) -> None:
    span = max(last_ms - first_ms, _DAY_MS)
    pad = max(span * 0.04, 3 * _DAY_MS)
    n = len(lanes)
    top = 80 if title else 50
    # Tall enough for the lanes, and for the whole legend (about 25 px an entry, 30 px a
    # heading): a legend taller than its plot scrolls on screen and is cut in images.
    legend_px = 25 * legend_items + 3 * 30 + 20
    height = max(min(max(190 + 38 * n, 380), 1400), top + 10 + legend_px)
    fig.update_layout(
        template="plotly_white",
        title={"text": title} if title else None,
        height=int(height),
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        hovermode="closest",
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 12}},
        dragmode="zoom",
        legend={
            "title": {"text": "Event type"},
            "x": 1.01,
            "y": 1,
            "xanchor": "left",
            "yanchor": "top",
            "tracegroupgap": 6,
        },
        xaxis={
            "type": "date",
            "range": [first_ms - pad, last_ms + pad],
            "rangeslider": {"visible": True, "thickness": 0.07},
            "rangeselector": {
                "buttons": [
                    {"count": 7, "label": "1w", "step": "day", "stepmode": "backward"},
                    {"count": 1, "label": "1m", "step": "month", "stepmode": "backward"},
                    {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
                    {"step": "all", "label": "all"},
                ],
                # Left: Plotly's toolbar appears at the top right, over what is there.
                "x": 0,
                "xanchor": "left",
                "y": 1.02,
                "yanchor": "bottom",
            },
            "showgrid": True,
        },
        yaxis={
            "title": {"text": "Actor" if by == "actor" else "Country"},
            "tickmode": "array",
            "tickvals": list(range(n - 1, -1, -1)),
            "ticktext": [_short(name) for name in lanes],
            "range": [-0.6, n - 0.4],
            "fixedrange": True,
            "showgrid": True,
            "zeroline": False,
        },
    )


_BUCKET_DAYS = {"day": 1, "week": 7, "month": 30.4, "year": 365.25}
_AGG_MIN_SIZE, _AGG_MAX_SIZE = 5.0, 26.0


def _bucket_of(days: pd.Series) -> str:
    """The bucket of aggregates (`EventStore.view` picks it): the coarsest the days fit."""
    distinct = pd.Series(days.unique())
    if len(distinct) < 3:
        return "day"
    if ((distinct.dt.month == 1) & (distinct.dt.day == 1)).all():
        return "year"
    if (distinct.dt.day == 1).all():
        return "month"
    if (distinct.dt.day_of_week == 0).all():
        return "week"
    return "day"


def _periods(first: np.ndarray, bucket: str) -> np.ndarray:
    """ "first/last" ISO days of each bucket starting on `first` (datetime64[D] values)."""
    if bucket == "week":
        last = first + np.timedelta64(6, "D")
    elif bucket in ("month", "year"):
        unit = "M" if bucket == "month" else "Y"
        last = (first.astype(f"datetime64[{unit}]") + 1).astype("datetime64[D]") - 1
    else:
        last = first
    return np.array(
        [f"{a}/{b}" for a, b in zip(first.astype(str), last.astype(str), strict=True)],
        dtype=object,
    )


def build_aggregate_figure(
    aggregates: pd.DataFrame,
    *,
    by: LaneBy = "actor",
    bucket: str | None = None,
    webgl_threshold: int = WEBGL_THRESHOLD,
) -> go.Figure:
    """Events counted per day (or week, month, year) per lane, for views too big to draw.

    `aggregates` has the columns day, lane, event_type, n (`EventStore.daily` / `.view`).
    One marker per (day, lane, type), coloured as in `build_figure`, its area growing with
    the count; lanes ordered by their total, busiest at the top. `bucket` None infers it
    from the days. Markers carry no event id (there is no single event to pick) but their
    period as customdata, "first/last" day ("2022-06-06/2022-06-12"): picking one can
    narrow the view to it (`period_of`).
    """
    if by not in LANE_COLUMN:
        raise ValueError(f"lanes by {by!r}: use one of {', '.join(LANE_BY)}")
    if aggregates.empty:
        return _empty_figure("No dated events to draw", None)
    day = pd.to_datetime(aggregates["day"]).astype("datetime64[ms]")
    bucket = bucket or _bucket_of(day)
    lane = aggregates["lane"].astype("string").fillna(NO_LANE[by])
    n = aggregates["n"].to_numpy(dtype=np.int64)
    totals = pd.Series(n).groupby(lane.to_numpy()).sum()
    # The store's shared lane ("N other actors") stays last, as in `build_figure`.
    other = totals.index.str.match(r"^\d+ other ")
    kept = [
        *totals[~other].sort_values(ascending=False, kind="stable").index,
        *totals[other].index,
    ]
    lane_y = {name: len(kept) - 1 - i for i, name in enumerate(kept)}
    y = lane.map(lane_y).to_numpy(dtype=np.float64)
    start_ms = day.to_numpy().astype(np.int64)
    x = start_ms + int(_BUCKET_DAYS[bucket] * _DAY_MS) // 2

    # Types sharing a lane and a day are fanned out a little, as events are in build_figure.
    key = pd.DataFrame({"y": y, "s": start_ms})
    rank = key.groupby(["y", "s"], sort=False).cumcount().to_numpy()
    size_of = key.groupby(["y", "s"], sort=False)["s"].transform("size").to_numpy()
    y = y + (rank - (size_of - 1) / 2) * fan_step(size_of)

    # Marker area proportional to the count (diameter to its square root), the largest no
    # wider than its period's column or its type's share of the lane, so that they overlap
    # little: the plot is about 1,100 px wide and a lane 38 px high (see _layout).
    columns = max(len(np.unique(start_ms, return_counts=True)[0]), 1)
    per_cell = max(int(size_of.max()), 1)
    largest = float(np.clip(min(1.5 * 1100 / columns, 38 * 0.9 / per_cell * 2), 8, _AGG_MAX_SIZE))
    smallest = min(_AGG_MIN_SIZE, largest / 2)
    sizes = smallest + (largest - smallest) * np.sqrt(n / max(int(n.max()), 1))
    d0, m0, y0 = _day_words(day.to_numpy().astype("datetime64[D]"))
    when = {"day": d0 + " " + m0 + " " + y0, "month": m0 + " " + y0, "year": y0}.get(
        bucket, "week of " + d0 + " " + m0 + " " + y0
    )
    texts = (
        "<b>"
        + escape_html(aggregates["event_type"])
        + "</b> · "
        + escape_html(lane)
        + "<br>"
        + pd.Series(when, index=aggregates.index, dtype="string")
        + "<br>"
        + pd.Series([f"{v:,}" for v in n], index=aggregates.index, dtype="string")
        + " event(s)"
    ).to_numpy(dtype=object)
    types = aggregates["event_type"].astype("string").fillna("OTHER").to_numpy(dtype=object)
    periods = _periods(day.to_numpy().astype("datetime64[D]"), bucket)
    scatter = go.Scattergl if len(aggregates) > webgl_threshold else go.Scatter
    traces = []
    for event_type in sorted(set(types)):
        mine = types == event_type
        colour = type_colour(str(event_type))
        traces.append(
            scatter(
                x=x[mine],
                y=y[mine],
                mode="markers",
                name=str(event_type),
                legendgroup=str(event_type),
                legend="legend",
                marker={
                    "color": colour,
                    "size": sizes[mine],
                    "sizemode": "diameter",
                    "opacity": 0.75,
                    "line": {"color": "white", "width": 0.5},
                },
                text=texts[mine],
                customdata=periods[mine],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig = go.Figure(data=traces)
    total = int(n.sum())
    title = (
        f"Aggregate: {total:,} events per {bucket} and {by}; click a circle or filter "
        "to see single events"
    )
    _layout(fig, kept, int(start_ms.min()), int(start_ms.max()) + _DAY_MS, title, by, len(traces))
    return fig


_PERIOD = re.compile(r"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})$")


def period_of(customdata: object) -> tuple[dt.date, dt.date] | None:
    """The first and last day of an aggregate marker's customdata; None for an event id."""
    match = _PERIOD.match(str(customdata))
    if not match:
        return None
    return dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
