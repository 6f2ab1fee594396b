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

__all__ = ["VIEWS"]

# The views in the order the dashboard offers them; "timeline" is `timeline.chart`.
VIEWS: tuple[str, ...] = ("timeline", "intensity", "network", "map", "summary")
