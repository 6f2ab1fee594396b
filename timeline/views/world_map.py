"""Where: a world map of events per country, drawn with no internet at all.

The shapes are Natural Earth's 1:110m countries (public domain, naturalearthdata.com),
simplified and shipped as `data/world_countries.geojson` (`scripts/world_shapes.py`
rebuilds it; Kosovo is drawn, code XKX as in the schema). They are projected here (Equal
Earth, Šavrič, Patterson & Jenny 2018: equal-area, so a big country does not look busier
than it is) and drawn as filled shapes on plain axes. Plotly's own maps are not used on
purpose: its `geo` maps load their outlines from cdn.plot.ly in the browser, even when
given GeoJSON, and tile maps need tiles from the internet.

Countries are coloured by classes of event counts (1, 2–5, 6–10, …), shown in the legend;
a dot on each country with events carries its name and count for hover and click
(`customdata` is the country's name). Countries too small for the 1:110m shapes are
listed in a note. `pair` restricts the map to the events of one actor -> target pair.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline._tables import data_file
from timeline.chart import escape_text
from timeline.views._common import actor_pairs, add_notes, explode

__all__ = ["SHAPES_SOURCE", "build_map", "counts_by_country", "equal_earth", "shapes"]

SHAPES_FILE = "world_countries.geojson"  # in timeline/data/
SHAPES_SOURCE = "Natural Earth 1:110m countries (public domain)"
NO_EVENTS = "#E8E8E8"
# Tol's sequential "YlOrBr" (colour-blind safe), light to dark, one per count class.
CLASS_COLOURS: tuple[str, ...] = ("#FEE391", "#FEC44F", "#FB9A29", "#EC7014", "#CC4C02", "#8C2D04")
_NICE = (1, 2, 5)
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796


def equal_earth(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Equal Earth projection of degrees (x within about ±2.71, y within ±1.32)."""
    lam, phi = np.radians(lon), np.radians(lat)
    theta = np.arcsin(np.sqrt(3) / 2 * np.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * np.sqrt(3)
        * lam
        * np.cos(theta)
        / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    )
    y = theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)
    return x, y


@dataclass(frozen=True, slots=True)
class Shape:
    """One country's outline, projected: x and y with NaN between its polygons."""

    code: str
    name: str
    x: np.ndarray
    y: np.ndarray
    centre: tuple[float, float]  # a point inside its largest polygon, for its dot


@cache
def shapes() -> tuple[Shape, ...]:
    """The projected countries of the shipped shapes (Antarctica left out: no room)."""
    document = json.loads(data_file(SHAPES_FILE).read_text(encoding="utf-8"))
    out = []
    for feature in document["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        if props["iso_a3"] == "ATA":
            continue
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        xs: list[np.ndarray] = []
        ys: list[np.ndarray] = []
        largest, centre = -1.0, (0.0, 0.0)
        for polygon in polygons:
            ring = np.array(polygon[0], dtype=np.float64)  # outer ring; holes are not drawn
            x, y = equal_earth(ring[:, 0], ring[:, 1])
            area = abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))) / 2
            if area > largest:
                largest, centre = area, (float(x.mean()), float(y.mean()))
            xs += [x, np.array([np.nan])]
            ys += [y, np.array([np.nan])]
        out.append(
            Shape(props["iso_a3"], props["name"], np.concatenate(xs), np.concatenate(ys), centre)
        )
    return tuple(out)


def counts_by_country(frame: pd.DataFrame) -> pd.DataFrame:
    """Events per country: code (ISO-3), country (name), events; busiest first."""
    rows, codes = explode(frame["country_codes"], "")
    _, names = explode(frame["countries"], "")
    if len(names) != len(codes):  # a hand-made file whose lists disagree: codes alone
        names = codes
    table = pd.DataFrame({"row": rows, "code": codes, "country": names})
    table = table[table["code"] != ""].drop_duplicates(["row", "code"])
    out = table.groupby(["code", "country"], sort=False).size().rename("events").reset_index()
    out = out.sort_values(["events", "country"], ascending=[False, True], kind="stable")
    return out.drop_duplicates("code").reset_index(drop=True)


def _classes(most: int) -> list[tuple[int, int]]:
    """Count classes (low, high) reaching `most`: on a 1-2-5 scale, or coarser (1-3-10,
    then powers of ten, of a hundred) when that would need more than one per colour."""
    for steps in ((1, 2, 5), (1, 3), (1,), (1,)):
        factor = 100 if steps == (1,) and most > 10 ** len(CLASS_COLOURS) else 10
        bounds = [1]
        k = 0
        while bounds[-1] < most:
            k += 1
            bounds.append(steps[k % len(steps)] * factor ** (k // len(steps)))
        if len(bounds) - 1 <= len(CLASS_COLOURS):
            break
    if len(bounds) == 1:
        return [(1, 1)]
    return [(bounds[0], bounds[1])] + [(lo + 1, hi) for lo, hi in pairwise(bounds[1:])]


def _label(low: int, high: int) -> str:
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def _pair_events(frame: pd.DataFrame, pair: tuple[str, str]) -> pd.DataFrame:
    rows, actors, targets = actor_pairs(frame)
    if len(rows):
        keep = np.unique(rows[(actors == pair[0]) & (targets == pair[1])])
    else:
        lists = frame["actors"].to_list()
        keep = np.array([i for i, v in enumerate(lists) if pair[0] in v and pair[1] in v])
    return frame.iloc[keep.astype(np.int64)]


def build_map(
    frame: pd.DataFrame, *, pair: tuple[str, str] | None = None, title: str | None = None
) -> go.Figure:
    """Events per country on a world map (classes of counts; a dot per country with events)."""
    if pair is not None:
        frame = _pair_events(frame, pair)
    counts = counts_by_country(frame)
    by_code = dict(zip(counts["code"], counts["events"], strict=True))
    names = dict(zip(counts["code"], counts["country"], strict=True))
    world = shapes()
    drawn = {s.code for s in world if s.code}
    classes = _classes(int(counts["events"].max()) if len(counts) else 1)

    def outline(members: list[Shape]) -> tuple[np.ndarray, np.ndarray]:
        if not members:
            return np.zeros(0), np.zeros(0)
        return np.concatenate([s.x for s in members]), np.concatenate([s.y for s in members])

    quiet = [s for s in world if s.code not in by_code]
    x, y = outline(quiet)
    traces: list[go.Scatter] = [
        go.Scatter(
            x=x,
            y=y,
            mode="lines",
            fill="toself",
            fillcolor=NO_EVENTS,
            line={"color": "#FFFFFF", "width": 0.5},
            hoverinfo="skip",
            name="no events",
            showlegend=True,
            legendrank=1000,
        )
    ]
    for (low, high), colour in zip(classes, CLASS_COLOURS, strict=False):
        members = [s for s in world if low <= by_code.get(s.code, 0) <= high]
        if not members:
            continue
        x, y = outline(members)
        traces.append(
            go.Scatter(
                x=x,
                y=y,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line={"color": "#FFFFFF", "width": 0.5},
                hoverinfo="skip",
                name=_label(low, high),
                legendgroup="classes",
                legendgrouptitle={"text": "Events per country"},
            )
        )
    busy = [s for s in world if s.code in by_code]
    traces.append(
        go.Scatter(
            x=[s.centre[0] for s in busy],
            y=[s.centre[1] for s in busy],
            mode="markers",
            marker={"size": 6, "color": "#333333", "line": {"color": "#FFFFFF", "width": 1}},
            customdata=[names[s.code] for s in busy],
            text=[
                f"<b>{escape_text(names[s.code])}</b><br>{by_code[s.code]:,} event(s)" for s in busy
            ],
            hovertemplate="%{text}<extra></extra>",
            name="countries",
            showlegend=False,
        )
    )
    fig = go.Figure(data=traces)
    notes = []
    if pair is not None:
        notes.append(f"countries of the events of {escape_text(pair[0])} → {escape_text(pair[1])}")
    small = counts[~counts["code"].isin(drawn)]
    if len(small):
        listed = ", ".join(
            f"{escape_text(c)} ({n:,})"
            for c, n in zip(small["country"][:8], small["events"][:8], strict=True)
        )
        more = f" and {len(small) - 8} more" if len(small) > 8 else ""
        notes.append(f"too small for this map: {listed}{more}")
    if counts.empty:
        notes.append("no country named in these events")
    add_notes(fig, notes)
    axis = {"visible": False, "showgrid": False, "zeroline": False}
    fig.update_layout(
        template="plotly_white",
        title={"text": title} if title else None,
        height=560,
        margin={"l": 10, "r": 10, "t": 80 if title else 40, "b": 10},
        hovermode="closest",
        clickmode="event+select",
        xaxis={**axis, "range": [-2.75, 2.75]},
        yaxis={**axis, "range": [-1.05, 1.36], "scaleanchor": "x"},
        legend={
            "x": 0.0,
            "y": 0.0,
            "xanchor": "left",
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0.8)",
        },
        meta={"view": "map", "countries": len(counts)},
    )
    return fig
