"""Figures fitted to a phone-width screen (timeline.screen), checked as data."""

from __future__ import annotations

import json

from tests.conftest import SEED_EVENTS, event
from timeline.chart import build_aggregate_figure, build_figure
from timeline.schema import new_frame
from timeline.screen import LANE_LABEL_MAX, fit_narrow


def test_legends_go_below_the_plot_side_by_side(seed_events) -> None:  # type: ignore[no-untyped-def]
    wide = build_figure(seed_events)
    narrow = fit_narrow(wide)
    legends = [k for k in narrow.layout.to_plotly_json() if k.startswith("legend")]
    assert legends, "the figure has legends to move"
    for name in legends:
        legend = narrow.layout[name]
        assert legend.orientation == "h"
        assert legend.y < 0 and legend.yanchor == "top"  # below the plot
        assert legend.x == 0 and legend.xanchor == "left"
    # Each legend has a row of its own.
    assert len({narrow.layout[name].y for name in legends}) == len(legends)
    # The range buttons moved left, clear of Plotly's toolbar (top right).
    assert narrow.layout.xaxis.rangeselector.x == 0
    assert narrow.layout.xaxis.rangeselector.xanchor == "left"
    # The desktop figure is left as it was.
    assert wide.layout.legend.orientation != "h"
    assert _data(narrow) == _data(wide)  # the same marks


def _data(fig) -> str:  # type: ignore[no-untyped-def]
    return json.dumps(json.loads(fig.to_json())["data"], sort_keys=True)


def test_lane_labels_are_short_and_stay_escaped() -> None:
    frame = new_frame(
        [
            *SEED_EVENTS,
            event(event_id="long", actors=["The International Committee of the Red Cross"]),
            event(event_id="tag", actors=["<b>Bold & Co</b> and partners"]),
        ]
    )
    narrow = fit_narrow(build_figure(frame))
    labels = list(narrow.layout.yaxis.ticktext)
    assert "The Internati…" in labels
    assert "&lt;b&gt;Bold &amp; Co&lt;…" in labels  # 14 characters, escaped
    assert all(len(label) <= LANE_LABEL_MAX for label in labels if "&" not in label)


def test_aggregates_fit_too() -> None:
    import pandas as pd

    aggregates = pd.DataFrame(
        {
            "day": pd.to_datetime(["2022-12-05", "2022-12-12"]).astype("datetime64[s]"),
            "lane": pd.Series(["Serbia", "Kosovo"], dtype="string"),
            "event_type": pd.Series(["DEMAND", "REJECT"], dtype="string"),
            "n": [3, 4],
        }
    )
    narrow = fit_narrow(build_aggregate_figure(aggregates))
    assert narrow.layout.legend.orientation == "h" and narrow.layout.legend.y < 0
    narrow.to_dict()  # valid for plotly
