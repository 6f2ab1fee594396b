"""Who acts on whom: a network of actors, an arrow per actor -> target pair.

An arrow's width grows with the number of events of the pair, its colour is their mean
conflict–cooperation score (`timeline.views.scores`: red conflict, blue cooperation); a
node's area grows with the events naming the actor (as actor or target). While no event of
the view names a target (before the roles stage fills `targets`), actors named in the same
event are joined by plain lines ("named together"), so the view still shows who appears
with whom. Only the `top` busiest actors are drawn, so that 100 actors stay readable; the
figure says how many were left out and how many events they had.

The layout is a force-directed one (Fruchterman & Reingold 1991) computed here with numpy
from a fixed start, so the same events always give the same picture. Node markers carry
the actor's name as `customdata` (a click can filter by it).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.chart import escape_text
from timeline.views._common import add_notes, explode, join_pairs
from timeline.views.palette import SCORE_COLOURSCALE
from timeline.views.scores import SCORE_RANGE, event_scores

__all__ = ["Network", "build_network", "network_of"]

MAX_EDGES = 200  # arrows drawn at most (the busiest pairs); the rest are counted


@dataclass(frozen=True, slots=True)
class Network:
    """The actors and pairs of a view.

    nodes: name, events, score (mean of their events), kept (drawn) — busiest first.
    edges: actor, target, events, score — busiest first; `directed` False when the pairs
    are actors named together (no targets in the view).
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    directed: bool
    events: int  # events with at least one actor


def network_of(frame: pd.DataFrame, top: int = 30) -> Network:
    """The actors and actor pairs of `frame`; the `top` busiest actors are marked kept."""
    score = event_scores(frame["event_type"])
    # Actors and targets exploded once: for the pairs and for the nodes' sizes.
    at_a, names_a = explode(frame["actors"], "")
    if "targets" in frame.columns:
        at_t, names_t = explode(frame["targets"], "")
    else:
        at_t, names_t = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    rows, actors, targets = join_pairs(at_a, names_a, at_t, names_t)
    directed = bool(len(rows))
    if not directed:
        rows_l, a_l, b_l = [], [], []
        lists = frame["actors"].to_list()
        for i in np.flatnonzero(np.fromiter(map(len, lists), np.int64, len(lists)) > 1):
            unique = sorted(set(lists[i]))
            for j, a in enumerate(unique):
                for b in unique[j + 1 :]:
                    rows_l.append(i)
                    a_l.append(a)
                    b_l.append(b)
        rows = np.array(rows_l, dtype=np.int64)
        actors = np.array(a_l, dtype=object)
        targets = np.array(b_l, dtype=object)
    # Every (event, actor) once, actors and targets alike, for node sizes; counted as
    # integer codes (grouping a hundred thousand strings costs several times more).
    at_a, names_a = np.concatenate([at_a, at_t]), np.concatenate([names_a, names_t])
    named = names_a != ""
    at_a, names_a = at_a[named], names_a[named]
    codes, uniques = pd.factorize(pd.Series(names_a, dtype=object))
    n_names = max(len(uniques), 1)
    # return_counts: numpy 2.4 takes a far slower hashing path for a bare np.unique.
    once = np.unique(at_a.astype(np.int64) * n_names + codes, return_counts=True)[0]
    at_once, code_once = once // n_names, once % n_names
    events = np.bincount(code_once, minlength=len(uniques))
    total = np.bincount(code_once, weights=score[at_once], minlength=len(uniques))
    nodes = pd.DataFrame(
        {
            "name": np.asarray(uniques, dtype=object),
            "events": events,
            "score": total / np.maximum(events, 1),
        }
    )
    nodes = nodes.sort_values(["events", "name"], ascending=[False, True], kind="stable")
    nodes = nodes.reset_index(drop=True)
    nodes["kept"] = np.arange(len(nodes)) < top
    pairs = pd.DataFrame({"actor": actors, "target": targets, "s": score[rows]})
    edges = (
        pairs.groupby(["actor", "target"], sort=False)["s"]
        .agg(events="size", score="mean")
        .reset_index()
        .sort_values(["events", "actor", "target"], ascending=[False, True, True], kind="stable")
        .reset_index(drop=True)
    )
    return Network(nodes, edges, directed, len(np.unique(at_once, return_counts=True)[0]))


def _layout(n: int, edges: np.ndarray, weights: np.ndarray, iterations: int = 120) -> np.ndarray:
    """Fruchterman-Reingold positions (n x 2, within [-1, 1]) from a circle, no randomness."""
    if n == 1:
        return np.zeros((1, 2))
    angle = 2 * np.pi * np.arange(n) / n
    pos = np.column_stack([np.cos(angle), np.sin(angle)])
    k = np.sqrt(4.0 / n)  # ideal distance in a 2 x 2 square
    temperature = 0.2
    w = weights / weights.max() if len(weights) else weights
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.sqrt((delta**2).sum(-1)), 1e-3)
        force = (k * k / dist**2)[..., None] * delta  # repulsion between all
        move = force.sum(1)
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            length = np.maximum(np.sqrt((d**2).sum(-1)), 1e-3)
            pull = (length / k * (0.5 + w))[:, None] * d  # attraction along edges
            np.add.at(move, edges[:, 0], -pull)
            np.add.at(move, edges[:, 1], pull)
        move -= 0.05 * pos  # a little gravity keeps separate groups on the page
        size = np.maximum(np.sqrt((move**2).sum(-1)), 1e-9)
        pos += move / size[:, None] * np.minimum(size, temperature)[:, None]
        temperature *= 0.96
    pos -= pos.mean(0)
    return pos / max(float(np.abs(pos).max()), 1e-9)


def _colour(score: float) -> str:
    """The colour of a score on SCORE_COLOURSCALE (−10 red … +10 blue)."""
    lo, hi = SCORE_RANGE
    t = min(max((score - lo) / (hi - lo), 0.0), 1.0)
    stops = SCORE_COLOURSCALE
    for (t0, c0), (t1, c1) in itertools.pairwise(stops):
        if t <= float(t1):
            f = (t - float(t0)) / (float(t1) - float(t0))
            a = [int(str(c0)[i : i + 2], 16) for i in (1, 3, 5)]
            b = [int(str(c1)[i : i + 2], 16) for i in (1, 3, 5)]
            return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True))
    return str(stops[-1][1])


def _empty(message: str, title: str | None) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_layout(
        template="plotly_white", title=title, height=320, xaxis_visible=False, yaxis_visible=False
    )
    return fig


def build_network(frame: pd.DataFrame, *, top: int = 30, title: str | None = None) -> go.Figure:
    """The network of actors of `frame`: the `top` busiest, arrows between them."""
    net = network_of(frame, top=top)
    if net.nodes.empty:
        return _empty("No actors named in these events", title)
    kept = net.nodes[net.nodes["kept"]].reset_index(drop=True)
    index = {name: i for i, name in enumerate(kept["name"])}
    inside = net.edges["actor"].isin(index) & net.edges["target"].isin(index)
    edges = net.edges[inside].head(MAX_EDGES)
    ends = np.array(
        [[index[a], index[t]] for a, t in zip(edges["actor"], edges["target"], strict=True)],
        dtype=np.int64,
    ).reshape(-1, 2)
    pos = _layout(len(kept), ends, edges["events"].to_numpy(dtype=np.float64))

    most = max(int(kept["events"].max()), 1)
    sizes = 12 + 34 * np.sqrt(kept["events"].to_numpy() / most)
    heaviest = max(int(edges["events"].max()), 1) if len(edges) else 1
    # Arrows as line traces, one per (width, colour) class: Plotly draws a trace's line in
    # one width and colour, and a few traces build far faster than hundreds of annotations.
    # The arrowhead is a marker turned along the line (angleref "previous").
    span = 2.4 / 560  # data units per pixel: the axes span 2.4 over about 560 px
    classes: dict[tuple[int, int], list[tuple[float, float, float, float, float]]] = {}
    mid_x, mid_y, mid_text, mid_score = [], [], [], []
    joint = "→" if net.directed else "and"
    for (i, j), n, s, a, t in zip(
        ends, edges["events"], edges["score"], edges["actor"], edges["target"], strict=True
    ):
        (x0, y0), (x1, y1) = pos[i], pos[j]
        dx, dy = x1 - x0, y1 - y0
        length = max(float(np.hypot(dx, dy)), 1e-9)
        ux, uy = dx / length, dy / length
        # A pair drawn both ways: each direction slightly to its own side.
        off = 0.012 if net.directed else 0.0
        ox, oy = -uy * off, ux * off
        # Start and stop at the nodes' rims, so that the arrowhead shows.
        r0, r1 = (sizes[i] / 2 + 2) * span, (sizes[j] / 2 + 5) * span
        width_class = min(int(4 * np.sqrt(n / heaviest)), 3)
        colour_class = round((min(max(float(s), -10.0), 10.0) + 10) / 20 * 8)
        classes.setdefault((width_class, colour_class), []).append(
            (x0 + ux * r0 + ox, y0 + uy * r0 + oy, x1 - ux * r1 + ox, y1 - uy * r1 + oy, n)
        )
        mid_x.append((x0 + x1) / 2 + ox)
        mid_y.append((y0 + y1) / 2 + oy)
        mid_text.append(
            f"{escape_text(a)} {joint} {escape_text(t)}<br>{n} event(s), mean score {s:+.1f}"
        )
        mid_score.append(float(s))
    traces: list[go.Scatter] = []
    for (width_class, colour_class), segments in sorted(classes.items()):
        xs = np.full(3 * len(segments), np.nan)
        ys = np.full(3 * len(segments), np.nan)
        seg = np.array(segments)
        xs[0::3], ys[0::3], xs[1::3], ys[1::3] = seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3]
        width = 1.0 + 2.2 * width_class
        heads = np.zeros(len(xs))
        heads[1::3] = 7 + 2.5 * width
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers" if net.directed else "lines",
                line={"color": _colour(-10 + 20 * colour_class / 8), "width": width},
                marker={
                    "symbol": "arrow",
                    "angleref": "previous",
                    "size": heads,
                    "line": {"width": 0},
                },
                opacity=0.8,
                hoverinfo="skip",
                showlegend=False,
                connectgaps=False,
            )
        )
    traces += [
        go.Scatter(
            x=mid_x,
            y=mid_y,
            mode="markers",
            marker={
                "size": 6,
                "color": mid_score,
                "colorscale": SCORE_COLOURSCALE,
                "cmin": SCORE_RANGE[0],
                "cmax": SCORE_RANGE[1],
                "showscale": True,
                "colorbar": {
                    "title": {"text": "mean score<br>(conflict −10 …<br>+10 cooperation)"},
                    "thickness": 12,
                    "len": 0.6,
                },
            },
            text=mid_text,
            hovertemplate="%{text}<extra></extra>",
            name="pairs",
            showlegend=False,
        ),
        go.Scatter(
            x=pos[:, 0],
            y=pos[:, 1],
            mode="markers+text",
            marker={
                "size": sizes,
                "color": [_colour(float(s)) for s in kept["score"]],
                "line": {"color": "#333333", "width": 1},
            },
            text=[escape_text(str(n)) for n in kept["name"]],
            textposition="top center",
            textfont={"size": 11},
            customdata=kept["name"].to_numpy(dtype=object),
            hovertext=[
                f"<b>{escape_text(str(name))}</b><br>{n} event(s), mean score {s:+.1f}"
                for name, n, s in zip(kept["name"], kept["events"], kept["score"], strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            name="actors",
            showlegend=False,
        ),
    ]
    fig = go.Figure(data=traces)
    notes = []
    left = net.nodes[~net.nodes["kept"]]
    if len(left):
        notes.append(
            f"the {len(kept)} busiest of {len(net.nodes)} actors; "
            f"{len(left)} others ({int(left['events'].sum()):,} mentions) not drawn"
        )
    if inside.sum() > len(edges):
        notes.append(f"the {len(edges)} busiest of {int(inside.sum())} pairs drawn")
    if not net.directed:
        notes.append("no targets named in these events: lines join actors named together")
    else:
        notes.append("arrow: actor → target; width: events; colour: mean score")
    add_notes(fig, notes)
    axis = {"visible": False, "range": [-1.2, 1.2], "fixedrange": False}
    fig.update_layout(
        template="plotly_white",
        title={"text": title} if title else None,
        height=640,
        margin={"l": 10, "r": 10, "t": 80 if title else 40, "b": 10},
        hovermode="closest",
        clickmode="event+select",
        xaxis=axis,
        yaxis={**axis, "scaleanchor": "x"},
        meta={"view": "network", "directed": net.directed, "actors": len(net.nodes)},
    )
    return fig
