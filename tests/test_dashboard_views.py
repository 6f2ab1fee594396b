"""The dashboard's views (intensity, network, map, summary), run headless with AppTest."""

from __future__ import annotations

import json

import pytest
from conftest import new_app
from conftest import run_app as run
from streamlit.testing.v1 import AppTest


def shown_view(at: AppTest) -> str:
    """The `meta.view` of the page's chart ("timeline" for the timeline's own)."""
    (chart,) = at.get("plotly_chart")
    meta = json.loads(chart.proto.spec)["layout"].get("meta") or {}
    return meta.get("view", "timeline")


def select(at: AppTest, key: str, customdata) -> None:
    """A click on a point of chart `key`, as Streamlit reports it."""
    at.session_state[key] = {
        "selection": {"points": [{"customdata": customdata}], "point_indices": [0]}
    }


@pytest.mark.parametrize("view", ["intensity", "network", "map", "summary"])
def test_each_view_draws_and_is_in_the_link(data_dir, view):
    at = run()
    at.segmented_control(key="f_view").set_value(view)
    run(at)
    assert shown_view(at) == view
    assert at.query_params["view"] == view
    assert [b.label for b in at.download_button][:3] == ["Chart PNG", "Chart SVG", "Chart PDF"]
    assert "dated event(s) shown of 6" in at.caption[0].value


def test_a_link_opens_a_view_with_its_filters(data_dir):
    at = new_app()
    at.query_params["view"] = "map"
    at.query_params["actor"] = "Serbia"
    run(at)
    assert shown_view(at) == "map"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert sorted(spec["data"][-1]["customdata"]) == ["Kosovo", "Serbia"]


def test_clicking_a_period_shows_it_on_the_timeline(data_dir):
    at = new_app()
    at.query_params["view"] = "intensity"
    run(at)
    select(at, "chart_intensity", ["2022-12-15", "2022-12-15", "15 Dec 2022"])
    run(at)
    assert shown_view(at) == "timeline"
    # The 15th is the data's last day, so the link needs no "to".
    assert at.query_params["from"] == "2022-12-15" and "to" not in at.query_params
    assert "view" not in at.query_params
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    ids = sorted(i for t in spec["data"] for i in (t.get("customdata") or []))
    assert ids == ["demand", "flared", "flared", "rts", "zakharova"]  # not the 1999 push-out


def test_clicking_an_actor_filters_by_it(data_dir):
    at = new_app()
    at.query_params["view"] = "network"
    run(at)
    select(at, "chart_network", "Serbia")
    run(at)
    assert at.multiselect(key="f_actors").value == ["Serbia"]
    assert shown_view(at) == "network" and at.query_params["actor"] == "Serbia"
    run(at)  # the same selection again is not a new click
    assert at.multiselect(key="f_actors").value == ["Serbia"]


def test_clicking_a_country_shows_its_timeline(data_dir):
    at = new_app()
    at.query_params["view"] = "map"
    run(at)
    select(at, "chart_map", "Russia")
    run(at)
    assert shown_view(at) == "timeline" and at.query_params["country"] == "Russia"


def test_summary_metrics(data_dir):
    at = new_app()
    at.query_params["view"] = "summary"
    run(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Events": "6", "Articles": "1", "Sources": "1", "Undated": "1"}


def test_downloads_are_report_ready(data_dir, monkeypatch):
    """The PDF of a view is titled with the view and the filters; the events of the merged
    view keep their sources."""
    import io

    import pypdf
    from streamlit.runtime.media_file_manager import MediaFileManager

    from timeline.export import find_chromium

    seen = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        seen[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    at = new_app()
    at.query_params["view"] = "network"
    at.query_params["actor"] = "Serbia"
    run(at)
    records = json.loads(seen["network_serbia.json"]())
    assert {"sources", "n_sources"} <= set(records[0])
    if find_chromium() is not None:
        reader = pypdf.PdfReader(io.BytesIO(seen["network_serbia.pdf"]()))
        assert reader.metadata is not None
        assert reader.metadata.title == "Who acts on whom — actor: Serbia"


def test_views_of_a_large_event_store(tmp_path, monkeypatch, make_events):
    """Above the in-memory threshold the views are drawn from the store's events."""
    from timeline import store
    from timeline.corpus import write_dataset

    folder = tmp_path / "data"
    write_dataset(make_events(400, seed=3), folder / "events")
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(folder))
    monkeypatch.setattr(store, "IN_MEMORY_MAX_EVENTS", 100)
    at = new_app()
    at.query_params["view"] = "summary"
    at.query_params["actor"] = "NATO"
    run(at)
    assert shown_view(at) == "summary"
    metrics = {m.label: m.value for m in at.metric}
    nato = sum("NATO" in a for a in make_events(400, seed=3)["actors"])
    assert metrics["Events"] == f"{nato:,}"
    at.segmented_control(key="f_view").set_value("network")
    run(at)
    assert shown_view(at) == "network"


def test_summary_of_a_date_range_compares_with_the_days_before(data_dir):
    at = new_app()
    at.query_params["view"] = "summary"
    at.query_params["from"] = "2022-12-14"
    run(at)
    metrics = {m.label: m.value for m in at.metric}
    # 14-15 Dec: demand, rts, zakharova, flared (8-15 Dec), and the undated one.
    assert metrics["Events"] == "5" and metrics["Undated"] == "1"
    assert any(
        "14 Dec 2022 – 15 Dec 2022 against 12 Dec 2022 – 13 Dec 2022" in c.value for c in at.caption
    )
