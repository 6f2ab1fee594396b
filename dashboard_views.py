"""The dashboard's views besides the timeline: intensity, network, map and summary.

Streamlit widgets over the pure figure builders of `timeline.views`; `dashboard.py` calls
`view_control` and `show_other_view`. A click on a view's figure filters the dashboard:
a period (intensity) -> the timeline of its dates; an actor (network) -> that actor; a
country (map) -> the timeline of that country. The click is applied at the start of the
next run (`apply_pending`), before the filter widgets are drawn, as Streamlit requires.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from timeline import filters as flt
from timeline.screen import fit_narrow
from timeline.views import VIEWS, view_title
from timeline.views._common import PERIODS, actor_pairs
from timeline.views.intensity import SCORE_MODES, STACKS, build_intensity
from timeline.views.network import build_network
from timeline.views.summary import Summary, build_summary, summarise
from timeline.views.world_map import build_map

__all__ = ["VIEW_LABELS", "apply_pending", "show_other_view", "view_control"]

VIEW_LABELS = {
    "timeline": "Timeline",
    "intensity": "Intensity",
    "network": "Who acts on whom",
    "map": "Map",
    "summary": "Summary",
}
_CONFIG = {"displaylogo": False}


def view_control() -> str:
    """The row of views above the chart; the view chosen (also kept in the URL)."""
    st.segmented_control(
        "View",
        options=list(VIEWS),
        key="f_view",
        format_func=lambda v: VIEW_LABELS.get(v, v),
        label_visibility="collapsed",
    )
    return st.session_state.get("f_view") or "timeline"


def restore_view(params: dict[str, list[str]]) -> None:
    """The view named by the link (?view=network), else the timeline."""
    view = (params.get("view") or ["timeline"])[-1]
    st.session_state["f_view"] = view if view in VIEWS else "timeline"


def apply_pending(bounds: tuple[dt.date, dt.date]) -> None:
    """Apply a click of the last run (see the module's docstring) to the filter widgets."""
    goto = st.session_state.pop("_goto", None)
    if not goto:
        return
    lo, hi = bounds
    if "dates" in goto:
        start, end = (dt.date.fromisoformat(d) for d in goto["dates"])
        st.session_state["f_dates"] = (min(max(start, lo), hi), max(min(end, hi), lo))
    for key in ("f_actors", "f_countries"):
        if key in goto:
            st.session_state[key] = goto[key]
    if "view" in goto:
        st.session_state["f_view"] = goto["view"]


def _clicked(event: Any, key: str) -> Any:
    """The customdata of a point newly clicked on chart `key` (None if nothing new)."""
    points = (event or {}).get("selection", {}).get("points") or []
    seen = json.dumps([p.get("customdata") for p in points], default=str)
    if st.session_state.get(f"_seen_{key}") == seen:
        return None
    st.session_state[f"_seen_{key}"] = seen
    return points[-1].get("customdata") if points else None


def _go(**goto: Any) -> None:
    st.session_state["_goto"] = goto
    st.rerun()


def _on_screen(fig: Any) -> Any:
    """The figure as drawn on this screen: fitted to a phone's width when narrow (the
    downloads keep the desktop layout)."""
    return fit_narrow(fig) if st.session_state.get("_narrow") else fig


def _chart(fig: Any, key: str, stem: str) -> Any:
    return st.plotly_chart(
        _on_screen(fig),
        key=key,
        on_select="rerun",
        selection_mode="points",
        width="stretch",
        config={**_CONFIG, "toImageButtonOptions": {"format": "png", "filename": stem}},
    )


def _intensity(shown: pd.DataFrame, stem: str) -> Any:
    left, middle, right = st.columns([1, 2, 1])
    period = left.selectbox("Period", ["auto", *PERIODS], key="v_period")
    stack = middle.segmented_control(
        "Stack by", list(STACKS), key="v_stack", default="type", format_func=lambda s: f"by {s}"
    )
    score = right.segmented_control(
        "Conflict–cooperation", list(SCORE_MODES), key="v_score", default="mean"
    )
    fig = build_intensity(
        shown,
        period=None if period == "auto" else period,
        stack=stack or "type",
        score=score or "mean",
    )
    picked = _clicked(_chart(fig, "chart_intensity", stem), "intensity")
    st.caption(
        "Bars: events per period (hover for counts). Line: mean (or summed) conflict–"
        "cooperation score of the period's events, −10 conflict … +10 cooperation "
        "(Goldstein scale, as scored in timeline/data/event_types.csv). "
        "Click a bar or point to see that period on the timeline."
    )
    if picked:
        _go(dates=[str(picked[0]), str(picked[1])], view="timeline")
    return fig


def _network(shown: pd.DataFrame, stem: str) -> Any:
    top = st.slider("Actors drawn (the busiest)", 5, 100, 30, step=5, key="v_top")
    fig = build_network(shown, top=top)
    picked = _clicked(_chart(fig, "chart_network", stem), "network")
    st.caption(
        "Arrows go from the actor to its target; wider arrows, more events; colour, their "
        "mean conflict–cooperation score (red conflict, blue cooperation). Click an actor "
        "to filter by it."
    )
    if isinstance(picked, str):
        _go(f_actors=[picked])
    return fig


def _map(shown: pd.DataFrame, stem: str) -> Any:
    rows, actors, targets = actor_pairs(shown)
    pairs = pd.Series(actors + " → " + targets).value_counts().head(30) if len(rows) else None
    pair = None
    if pairs is not None:
        choice = st.selectbox(
            "Countries of one pair",
            ["all events", *pairs.index],
            key="v_pair",
            format_func=lambda p: p if p == "all events" else f"{p} ({pairs[p]})",
        )
        if choice != "all events":
            a, t = choice.split(" → ", 1)
            pair = (a, t)
    fig = build_map(shown, pair=pair)
    picked = _clicked(_chart(fig, "chart_map", stem), "map")
    st.caption("Events per country (ISO-3). Click a country's dot to see its timeline.")
    if isinstance(picked, str):
        _go(f_countries=[picked], view="timeline")
    return fig


def _summary(frame: pd.DataFrame, filters: flt.Filters) -> tuple[Any, Summary]:
    undated_rule = filters.include_undated
    anytime = flt.apply(frame, replace(filters, start=None, end=None))
    window = None
    ends = anytime["end"].fillna(anytime["start"]).dropna()
    if (filters.start or filters.end) and len(ends):
        # An open end of the date filter reaches the first or last dated event.
        first = anytime["start"].dropna().min().date()
        window = (filters.start or first, filters.end or ends.max().date())
    summary = summarise(anytime if undated_rule else anytime[anytime["start"].notna()], window)
    cols = st.columns(4)
    change = summary.events_now - summary.events_before
    cols[0].metric(
        "Events",
        f"{summary.events:,}",
        delta=f"{change:+,} dated vs the period before" if summary.previous_window else None,
    )
    cols[1].metric("Articles", f"{summary.articles:,}")
    cols[2].metric("Sources", f"{summary.sources:,}")
    cols[3].metric("Undated", f"{summary.undated:,}")
    fig = build_summary(summary)
    st.plotly_chart(_on_screen(fig), key="chart_summary", width="stretch", config=_CONFIG)
    st.caption(
        f"Top lists: {summary.window_words()} (the date filter's range, or the last 30 days "
        "with events), against the period of the same length before."
    )
    return fig, summary


def show_other_view(
    view: str,
    frame: pd.DataFrame,
    shown: pd.DataFrame,
    filters: flt.Filters,
    export: Callable[[Any, str, str], None],
) -> None:
    """Draw `view` of the filtered events `shown` (of all events `frame`); `export(fig,
    stem, title)` draws the download buttons."""
    stem = filters.slug(prefix=view)
    if view == "intensity":
        fig = _intensity(shown, stem)
    elif view == "network":
        fig = _network(shown, stem)
    elif view == "map":
        fig = _map(shown, stem)
    else:
        fig, _ = _summary(frame, filters)
    export(fig, stem, view_title(view, filters.describe()))
