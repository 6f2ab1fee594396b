"""Figures fitted to a phone-width screen (timeline.screen), checked as data."""

from __future__ import annotations

import json

from conftest import SEED_EVENTS, event

from timeline.chart import build_aggregate_figure, build_figure
from timeline.schema import new_frame
from timeline.screen import LANE_LABEL_MAX, fit_narrow


def test_legends_go_below_the_plot_side_by_side(seed_events) -> None:
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


def _data(fig) -> str:
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


# --- the views (intensity, network, map, summary) on a phone ------------------------------


def test_summary_panels_are_stacked_one_above_the_other(seed_events) -> None:
    from timeline.views.summary import build_summary, summarise

    wide = build_summary(summarise(seed_events))
    narrow = fit_narrow(wide)
    layout = narrow.layout
    assert [list(layout[a].domain) for a in ("xaxis", "xaxis2", "xaxis3")] == [[0, 1]] * 3
    tops = [layout[a].domain for a in ("yaxis", "yaxis2", "yaxis3")]
    # The first panel on top, none overlapping, each as high as on a desktop.
    assert tops[0][0] > tops[1][1] and tops[1][0] > tops[2][1]
    assert narrow.layout.height > 2.5 * (wide.layout.height - 90)
    assert _data(narrow) == _data(wide)


def test_a_colour_bar_goes_below_the_plot(seed_events) -> None:
    from timeline.views.network import build_network

    wide = build_network(seed_events)
    narrow = fit_narrow(wide)
    (bar,) = [t.marker.colorbar for t in narrow.data if t.marker and t.marker.showscale]
    assert bar.orientation == "h" and bar.y < 0 and bar.len == 1
    (before,) = [t.marker.colorbar for t in wide.data if t.marker and t.marker.showscale]
    assert before.orientation != "h"


def test_a_figure_drawn_to_scale_is_as_high_as_its_width_needs(seed_events) -> None:
    from timeline.screen import PHONE_PLOT_PX
    from timeline.views.network import build_network
    from timeline.views.world_map import build_map

    world = fit_narrow(build_map(seed_events))
    # The world is about 2.3 times as wide as high: a strip, not a 560 px tall box.
    assert world.layout.height < 400
    assert world.layout.height > PHONE_PLOT_PX / 2.5
    network = fit_narrow(build_network(seed_events))  # square
    assert PHONE_PLOT_PX < network.layout.height < build_network(seed_events).layout.height


def test_notes_above_the_plot_are_wrapped_to_a_phone_width() -> None:
    import plotly.graph_objects as go

    from timeline.screen import NOTE_CHARS

    fig = go.Figure(go.Scatter(x=[1], y=[1]))
    long = (
        "<b>1,407</b> events · <b>150</b> articles<br>14 Nov 2024 – 13 Dec 2024 against "
        "15 Oct 2024 – 13 Nov 2024: 5 dated events, 5 before; the 30 busiest of 120 actors"
    )
    fig.add_annotation(text=long, xref="paper", yref="paper", x=0, y=1, showarrow=False)
    fig.update_layout(margin={"t": 40})
    narrow = fit_narrow(fig)
    lines = narrow.layout.annotations[0].text.split("<br>")
    assert lines[0] == "<b>1,407</b> events · <b>150</b> articles"  # tags kept whole
    assert len(lines) >= 3
    assert all(len(line.replace("<b>", "").replace("</b>", "")) <= NOTE_CHARS for line in lines)
    assert " ".join(lines).replace("<br>", " ") == long.replace("<br>", " ")
    assert narrow.layout.margin.t > 40  # room for the added lines


def test_the_aggregates_title_is_wrapped_and_the_range_slider_left_out() -> None:
    import pandas as pd

    from timeline.screen import TITLE_CHARS

    aggregates = pd.DataFrame(
        {
            "day": pd.to_datetime(["2020-12-05", "2022-12-12"]).astype("datetime64[s]"),
            "lane": pd.Series(["Serbia", "Kosovo"], dtype="string"),
            "event_type": pd.Series(["DEMAND", "REJECT"], dtype="string"),
            "n": [3, 4],
        }
    )
    wide = build_aggregate_figure(aggregates)
    narrow = fit_narrow(wide)
    lines = str(narrow.layout.title.text).split("<br>")
    assert len(lines) > 1 and all(len(line) <= TITLE_CHARS for line in lines)
    assert narrow.layout.margin.t > wide.layout.margin.t
    if wide.layout.xaxis.rangeslider and wide.layout.xaxis.rangeslider.visible:
        assert narrow.layout.xaxis.rangeslider.visible is False


def test_the_timeline_on_a_phone_has_no_range_slider_under_its_legends(seed_events) -> None:
    wide = build_figure(seed_events)
    assert wide.layout.xaxis.rangeslider.visible  # on a desktop, the slider is there
    narrow = fit_narrow(wide)
    assert narrow.layout.xaxis.rangeslider.visible is False
    assert narrow.layout.xaxis.rangeselector.buttons  # the range buttons stay
