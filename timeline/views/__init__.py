"""The dashboard's views besides the timeline itself: each a pure `frame -> go.Figure` builder.

- `timeline.chart` — the timeline: an event per mark, a lane per actor or country.
- `intensity` — events per day, week, month or year, stacked by type, actor or country,
  with the conflict–cooperation score (`scores`) per period, overall and per actor pair.
- `network` — who acts on whom: an arrow per actor -> target pair.
- `world_map` — events per country on a world map drawn from shapes shipped with the
  package (no tiles, no CDN).
- `summary` — counts and the top actors, countries and types against the period before.
- `palette` — the event types' colours (colour-blind safe) and the score's colour scale.
- `report` — a figure made ready for a report: title, sources, date, no screen-only hints.

The builders take an events frame (`timeline.schema`) already filtered (`timeline.filters`)
and return a `plotly.graph_objects.Figure`; the dashboard, the `chart` command and the
exports all call them. Nothing here imports Streamlit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

__all__ = ["VIEWS", "VIEW_TITLES", "build_view", "view_title"]

# The views in the order the dashboard offers them; "timeline" is `timeline.chart`.
VIEWS: tuple[str, ...] = ("timeline", "intensity", "network", "map", "summary")
# What each view shows, in words: the first half of an exported chart's title.
VIEW_TITLES: dict[str, str] = {
    "timeline": "Timeline of events by {by}",
    "intensity": "Events over time, with their conflict–cooperation score",
    "network": "Who acts on whom",
    "map": "Events per country",
    "summary": "Summary of events",
}


def view_title(view: str, filters_in_words: str = "", by: str = "actor") -> str:
    """A chart's title: what it shows and the filters in words (`Filters.describe()`),
    e.g. "Who acts on whom — actor: Serbia; dates: 2022-12-01 to …"."""
    what = VIEW_TITLES.get(view, view).format(by=by)
    return f"{what} — {filters_in_words or 'all events'}"


def build_view(
    view: str,
    shown: pd.DataFrame,
    everything: pd.DataFrame | None = None,
    **options: Any,
) -> go.Figure:
    """The figure of `view` for the filtered events `shown`, with the options the view
    takes (timeline: by; intensity: period, stack, score; network: top). `everything`
    (the events before the date filter) lets the summary compare with the period before.
    """
    if view == "timeline":
        from timeline.chart import build_figure

        return build_figure(shown, by=options.get("by", "actor"))
    if view == "intensity":
        from timeline.views.intensity import build_intensity

        period = options.get("period")
        return build_intensity(
            shown,
            period=None if period in (None, "auto") else period,
            stack=options.get("stack", "type"),
            score=options.get("score", "mean"),
        )
    if view == "network":
        from timeline.views.network import build_network

        return build_network(shown, top=options.get("top", 30))
    if view == "map":
        from timeline.views.world_map import build_map

        return build_map(shown, pair=options.get("pair"))
    if view == "summary":
        from timeline.views.summary import build_summary, summarise

        return build_summary(summarise(shown if everything is None else everything))
    raise ValueError(f"unknown view {view!r}; use one of {', '.join(VIEWS)}")
