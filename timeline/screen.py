"""Figures fitted to a narrow screen (a phone, about 390 CSS px wide).

On a desktop the legends sit right of the plot; at phone width they would take most of
it (the plot was about 50 px wide). `fit_narrow` moves every legend below the plot, side
by side, shortens the lane labels and the margins, and keeps the range buttons clear of
Plotly's toolbar. Pure: a figure in, a new figure out (no Streamlit here).
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

__all__ = ["LANE_LABEL_MAX", "fit_narrow"]

LANE_LABEL_MAX = 14  # characters of a lane label on a phone


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
    wrapped = False
    for note in out.layout.annotations:
        if note.yref == "paper" and (note.y or 0) >= 1:
            # The notes above the plot, on two lines, fit a phone's width.
            note.font.size = 10
            note.align = "left"
            if note.text and "; " in note.text:
                note.text = note.text.replace("; ", ";<br>", 1)
                wrapped = True
    if wrapped:
        out.update_layout(margin={"t": int(out.layout.margin.t or 0) + 14})
    ticks = layout.yaxis.ticktext
    if ticks:
        out.update_yaxes(ticktext=[_short(str(t)) for t in ticks], tickfont={"size": 10})
    out.update_yaxes(title=None)
    out.update_layout(margin={"l": 4, "r": 4})
    if layout.xaxis.rangeselector and layout.xaxis.rangeselector.buttons:
        # Left: Plotly's toolbar appears at the top right, over anything there.
        out.update_xaxes(rangeselector={"x": 0, "xanchor": "left", "font": {"size": 11}})
    return out
