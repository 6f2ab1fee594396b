"""Figures fitted to a narrow screen (a phone, about 390 CSS px wide).

On a desktop the legends sit right of the plot; at phone width they would take most of
it (the plot was about 50 px wide). `fit_narrow` moves every legend and colour bar below the
plot, side by side (the range slider, which they would cover, is left out; the range
buttons stay), wraps the title, stacks panels drawn side by side (the summary's three top lists) one
above the other, gives a figure drawn to scale (the map, the network) the height its width
needs, wraps the notes above the plot, shortens the lane labels and the margins, and keeps
the range buttons clear of Plotly's toolbar. Pure: a figure in, a new figure out (no
Streamlit here).
"""

from __future__ import annotations

import html
import itertools
import re

import plotly.graph_objects as go

__all__ = ["LANE_LABEL_MAX", "NOTE_CHARS", "PHONE_PLOT_PX", "TITLE_CHARS", "fit_narrow"]

LANE_LABEL_MAX = 14  # characters of a lane label on a phone
NOTE_CHARS = 62  # characters of a note's line above the plot, at 10 px, on a phone
TITLE_CHARS = 38  # characters of a title's line on a phone
PHONE_PLOT_PX = 340  # the plot's width on a 390 px phone (the page's margins taken off)
_BELOW_PX = 150  # room under a figure drawn to scale, for its legend or colour bar
_PANEL_GAP = 0.1  # between panels stacked one above the other (fraction of the plot)


def _short(label: str) -> str:
    """A tick label (HTML-escaped text) cut to LANE_LABEL_MAX characters, escaped again."""
    text = html.unescape(label)
    if len(text) > LANE_LABEL_MAX:
        text = text[: LANE_LABEL_MAX - 1] + "…"
    return html.escape(text)


def fit_narrow(fig: go.Figure) -> go.Figure:
    """The figure laid out for a phone: legends below the plot, short lane labels."""
    out = go.Figure(fig)
    layout = out.layout
    names = [name for name in layout.to_plotly_json() if name.startswith("legend")]
    if not names and any(t.showlegend is not False for t in out.data):
        names = ["legend"]
    # Stacked from the bottom of the figure up: the last legend lowest.
    for i, name in enumerate(sorted(names)):
        out.update_layout(
            {
                name: {
                    "orientation": "h",
                    "x": 0,
                    "xanchor": "left",
                    "y": -0.12 - 0.1 * i,
                    "yanchor": "top",
                    "yref": "paper",
                    "font": {"size": 11},
                    "title": {"side": "top"},
                }
            }
        )
    added_lines = 0
    for note in out.layout.annotations:
        if note.yref == "paper" and (note.y or 0) >= 1:
            # The notes above the plot, wrapped to a phone's width.
            note.font.size = 10
            note.align = "left"
            if note.text:
                before = note.text.count("<br>")
                note.text = _wrap(note.text)
                added_lines += note.text.count("<br>") - before
    if added_lines:
        out.update_layout(margin={"t": int(out.layout.margin.t or 0) + 13 * added_lines})
    for trace in out.data:
        bar = getattr(getattr(trace, "marker", None), "colorbar", None)
        if bar is not None and getattr(trace.marker, "showscale", None):
            # A colour bar beside the plot takes a third of a phone's width: below it.
            trace.marker.colorbar.update(
                orientation="h", x=0, xanchor="left", y=-0.05, yanchor="top", len=1, thickness=10
            )
            trace.marker.colorbar.title.side = "top"
    if layout.xaxis.rangeslider and layout.xaxis.rangeslider.visible:
        # Under the plot it would cover the legends moved there; on a phone the range
        # buttons, a drag and a pinch do its job.
        out.update_xaxes(rangeslider_visible=False)
    title = layout.title.text
    if title:
        # A title wider than the phone is cut at the right edge: wrapped instead.
        wrapped_title = _wrap(str(title), TITLE_CHARS)
        extra = wrapped_title.count("<br>") - str(title).count("<br>")
        if extra:
            out.update_layout(
                title_text=wrapped_title,
                margin={"t": int(out.layout.margin.t or 0) + 28 * extra},
            )
    _stack_panels(out)
    _fit_to_scale(out)
    ticks = layout.yaxis.ticktext
    if ticks:
        out.update_yaxes(ticktext=[_short(str(t)) for t in ticks], tickfont={"size": 10})
    out.update_yaxes(title=None)
    out.update_layout(margin={"l": 4, "r": 4})
    if layout.xaxis.rangeselector and layout.xaxis.rangeselector.buttons:
        # Left: Plotly's toolbar appears at the top right, over anything there.
        out.update_xaxes(rangeselector={"x": 0, "xanchor": "left", "font": {"size": 11}})
    return out


def _wrap(text: str, width: int = NOTE_CHARS) -> str:
    """`text` (Plotly's HTML, lines split by <br>) wrapped at spaces to `width` characters
    of visible text per line (tags do not count, and are never split: they hold no space)."""
    lines = []
    for line in text.split("<br>"):
        current: list[str] = []
        length = 0
        words = line.split(" ")
        for word in words:
            visible = len(html.unescape(re.sub(r"<[^>]*>", "", word)))
            if current and length + 1 + visible > width:
                lines.append(" ".join(current))
                current, length = [], 0
            current.append(word)
            length += visible + (1 if length else 0)
        lines.append(" ".join(current))
    return "<br>".join(lines)


def _stack_panels(fig: go.Figure) -> None:
    """Panels side by side (x axes with domains one after the other) stacked, the first
    on top, each with the whole width; the figure grows to keep each panel's height."""
    layout = fig.layout
    names = sorted(
        (k for k in layout.to_plotly_json() if re.fullmatch(r"xaxis\d*", k)),
        key=lambda k: int(k[5:] or 1),
    )
    domains = [tuple(layout[k].domain or (0, 1)) for k in names]
    side_by_side = len(names) > 1 and all(a[1] <= b[0] for a, b in itertools.pairwise(domains))
    if not side_by_side:
        return
    n = len(names)
    slot = (1 - _PANEL_GAP * (n - 1)) / n
    for i, name in enumerate(names):
        top = 1 - i * (slot + _PANEL_GAP)
        layout[name].domain = [0, 1]
        layout["y" + name[1:]].domain = [max(top - slot, 0), top]
    height = int(layout.height or 450)
    margins = int(layout.margin.t or 0) + int(layout.margin.b or 0)
    fig.update_layout(height=margins + n * (height - margins) + 60)


def _fit_to_scale(fig: go.Figure) -> None:
    """A figure drawn to scale (y scaled to x, both ranges given): as high as the phone's
    width needs, plus room below for its legend or colour bar, not the desktop's height
    (the map was a strip in a tall white box)."""
    x, y = fig.layout.xaxis, fig.layout.yaxis
    if y.scaleanchor != "x" or not x.range or not y.range:
        return
    ratio = abs(y.range[1] - y.range[0]) / abs(x.range[1] - x.range[0])
    plot = int(PHONE_PLOT_PX * ratio)
    fig.update_layout(height=plot + int(fig.layout.margin.t or 0) + _BELOW_PX)
