"""The Streamlit app, run headless with AppTest on events files of our own making."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from conftest import new_app
from conftest import run_app as run
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from timeline._ids import tagged_id
from timeline.chart import period_of
from timeline.export import find_chromium, read_events, write_events

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_20e26df19170620a.txt"


def shown(markdown: str) -> str:
    """The text a markdown string shows (backslash escapes resolved)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def chart_ids(at: AppTest) -> list[str]:
    """The event ids of every marker of the page's chart (not the aggregates' periods)."""
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    ids = (str(i) for t in spec["data"] for i in (t.get("customdata") or []))
    return sorted(i for i in ids if period_of(i) is None)


def test_page_shows_the_events(data_dir):
    at = run()
    # "flared" has two actors, so two markers; "rejected" is undated, so none.
    assert chart_ids(at) == ["demand", "flared", "flared", "pushout", "rts", "zakharova"]
    assert "5 dated event(s) shown of 6 from 1 article(s), 1 undated" in at.caption[0].value
    labels = at.multiselect(key="f_actors").options
    assert "Serbia (2)" in labels


def test_filters_change_the_points_and_the_url(data_dir):
    at = run()
    at.multiselect(key="f_actors").set_value(["Serbia"])
    run(at)
    assert chart_ids(at) == ["demand", "flared", "flared"]  # flared: Serbia and Kosovo lanes
    assert at.query_params["actor"] == "Serbia"
    at.multiselect(key="f_types").set_value(["PROTEST"])
    at.text_input(key="f_text").set_value("barricades")
    run(at)
    assert chart_ids(at) == ["flared", "flared"]
    assert at.query_params["type"] == "PROTEST" and at.query_params["q"] == "barricades"
    at.segmented_control(key="f_by").set_value("country")
    run(at)
    assert at.query_params["by"] == "country"


def test_query_params_restore_a_view(data_dir):
    at = new_app()
    at.query_params["country"] = "Russia"
    at.query_params["by"] = "country"
    run(at)
    assert at.multiselect(key="f_countries").value == ["Russia"]
    assert chart_ids(at) == ["zakharova", "zakharova"]  # in the Russia and Serbia lanes
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["yaxis"]["title"]["text"] == "Country"
    assert spec["layout"]["yaxis"]["ticktext"] == ["Russia", "Serbia"]


def test_link_with_dates_and_unknown_names(data_dir):
    at = new_app()
    at.query_params["from"] = "2022-12-01"
    at.query_params["actor"] = ["Serbia", "Atlantis"]
    run(at)
    assert chart_ids(at) == ["demand", "flared", "flared"]
    assert any("Atlantis" in c.value for c in at.sidebar.caption)


def test_reset(data_dir):
    at = new_app()
    at.query_params["actor"] = "NATO"
    run(at)
    assert chart_ids(at) == ["pushout"]
    next(b for b in at.button if b.label == "Reset filters").click()
    run(at)
    assert len(chart_ids(at)) == 6
    assert not at.query_params.get("actor")


def test_no_data_is_a_friendly_message(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(tmp_path / "empty"))
    at = run()
    assert any("make data" in i.value for i in at.info)
    assert not at.get("plotly_chart")
    assert at.file_uploader  # articles can still be added


def test_table_selection_shows_details(data_dir):
    at = run()
    # The table is sorted by date: row 0 is the 1999 push-out.
    at.session_state["table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    run(at)
    assert at.subheader[0].value == "ASSAULT · 1999 (year)"
    (paragraph,) = at.get("html")
    assert "<b>when the Western alliance pushed out Serb troops from the region</b>" in (
        paragraph.proto.body
    )
    assert "<mark" in paragraph.proto.body
    words = " ".join(m.value for m in at.markdown)
    assert "The clause names its date itself" in words


@pytest.fixture
def downloads(monkeypatch) -> dict[str, Any]:
    """file name -> the callable a download button would run when clicked."""
    seen: dict[str, Any] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        seen[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium found (run `make chromium`)")
def test_export_buttons_give_valid_files(data_dir, downloads, tmp_path):
    at = new_app()
    at.query_params["actor"] = "Serbia"
    run(at)
    labels = [b.label for b in at.download_button]
    assert labels[:3] == ["Chart PNG", "Chart SVG", "Chart PDF"]
    assert not any(b.disabled for b in at.download_button)
    stem = "timeline_serbia"
    assert downloads[f"{stem}.png"]().startswith(b"\x89PNG\r\n\x1a\n")
    assert downloads[f"{stem}.svg"]().startswith(b"<svg")
    assert downloads[f"{stem}.pdf"]().startswith(b"%PDF-")
    csv = downloads[f"{stem}.csv"]().decode()
    assert len(csv.strip().splitlines()) == 3  # header + the two Serbia events
    records = json.loads(downloads[f"{stem}.json"]())
    assert sorted(r["event_id"] for r in records) == ["demand", "flared"]
    (tmp_path / "e.parquet").write_bytes(downloads[f"{stem}.parquet"]())
    assert sorted(read_events(tmp_path / "e.parquet")["event_id"]) == ["demand", "flared"]
    timelinejs = json.loads(downloads[f"{stem}.timelinejs.json"]())
    assert len(timelinejs["events"]) == 2
    (chart,) = at.get("plotly_chart")
    config = json.loads(chart.proto.config)
    assert config["toImageButtonOptions"] == {"format": "png", "filename": stem, "scale": 2}


def test_without_chromium_the_buttons_say_how(data_dir, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    st.cache_resource.clear()
    try:
        at = run()
        images = [b for b in at.download_button if b.label.startswith("Chart")]
        assert images and all(b.disabled for b in images)
        assert all("make chromium" in b.help for b in images)
        assert any("camera icon" in c.value for c in at.caption)
        assert not at.download_button(key="dl_csv").disabled
    finally:
        st.cache_resource.clear()


def test_a_bad_upload_is_named_and_the_rest_kept(data_dir):
    at = run()
    at.file_uploader[0].set_value(
        [
            ("broken.txt", b"\x00\x01\x02\x03 not text", "text/plain"),
            ("junk.txt", b"\x81\x8d\x8f\x90\x9d\xff\xfe\x01\x02\x03" * 10, "text/plain"),
        ]
    )
    run(at)
    errors = [shown(e.value) for e in at.error]
    assert any(e.startswith("broken.txt:") for e in errors)
    assert any(e.startswith("junk.txt:") and "UTF-8" in e for e in errors)
    assert len(chart_ids(at)) == 6  # the bundled events are still there


def test_uploaded_article_appears_and_can_be_saved(data_dir):
    at = run()
    at.file_uploader[0].set_value(
        [
            ("second.txt", SEED.read_bytes(), "text/plain"),
            ("empty.txt", b"   \n", "text/plain"),
        ]
    )
    run(at)
    assert any(shown(e.value).startswith("empty.txt:") for e in at.error)
    ids = chart_ids(at)
    assert len(ids) > 6, "the uploaded article's events are drawn beside the bundled ones"
    assert "2 article(s)" in at.caption[0].value
    save = next(b for b in at.button if b.label.startswith("Save"))
    save.click()
    run(at)
    saved = read_events(data_dir / "user_events.parquet")
    ident = tagged_id("second", SEED.read_bytes())  # the stem and a short content hash
    assert set(saved["article_id"]) == {ident}
    assert (data_dir / "articles" / f"{ident}.txt").read_bytes() == SEED.read_bytes()
    # The next session starts with the saved article.
    later = run()
    assert len(chart_ids(later)) == len(ids)


def test_pasted_article_appears(data_dir):
    at = run()
    at.text_input(key="paste_title").set_value("Barricades in the north")
    at.date_input(key="paste_published").set_value("2022-12-10")
    at.text_area(key="paste_text").set_value(
        "Serbs erected barricades on the main roads in the north of Kosovo on Saturday. "
        "Kosovo Prime Minister Albin Kurti on Sunday demanded that NATO-led peacekeepers "
        "remove the barricades."
    )
    next(b for b in at.button if b.label == "Add pasted article").click()
    run(at)
    assert any("Added “Barricades in the north”" in c.value for c in at.sidebar.caption)
    assert len(chart_ids(at)) > 6
    assert "2 article(s)" in at.caption[0].value


def test_undated_selection_shows_details(data_dir):
    at = run()
    at.session_state["table_undated"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    run(at)
    assert at.subheader[0].value == "REJECT · undated"
    words = " ".join(m.value for m in at.markdown)
    assert "No date could be read" in words


def test_added_article_beyond_the_dates_is_shown(data_dir):
    """A later article widens the date range instead of being filtered out by it."""
    at = run()
    at.text_input(key="paste_title").set_value("Talks in Ohrid")
    at.date_input(key="paste_published").set_value("2023-03-20")
    at.text_area(key="paste_text").set_value(
        "Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti on Saturday "
        "agreed in Ohrid on how to implement the EU-backed plan."
    )
    next(b for b in at.button if b.label == "Add pasted article").click()
    run(at)
    assert at.date_input(key="f_dates").value[1] >= dt.date(2023, 3, 18)
    assert len(chart_ids(at)) > 6
    assert "from" not in at.query_params and "to" not in at.query_params


# --- duplicate reports merged, and the event store ----------------------------------------

SEEDS = SEED.parent


@pytest.fixture(scope="module")
def seed_reports() -> Any:
    """The two bundled articles' events, as `make data` builds them."""
    from timeline.pipeline import parse_paths

    return parse_paths([SEEDS]).frame


@pytest.fixture
def seed_dir(tmp_path, monkeypatch, seed_reports) -> Path:
    folder = tmp_path / "data"
    write_events(seed_reports, folder / "events.parquet")
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(folder))
    return folder


def test_duplicate_reports_are_merged_by_default(seed_dir, seed_reports):
    from timeline.dedupe import deduplicate

    merged = deduplicate(seed_reports).merged
    assert seed_reports["article_id"].nunique() == 2
    assert len(merged) < len(seed_reports), "the two articles report some events alike"
    at = run()
    assert at.toggle(key="f_merge").value is True
    summary = at.caption[0].value
    assert f"of {len(merged)} from 2 article(s)" in summary
    assert f"{len(seed_reports)} reports merged into {len(merged)} events" in summary
    on_points, on_ids = len(chart_ids(at)), set(chart_ids(at))
    assert on_ids <= set(merged["event_id"])
    rows_on = len(at.dataframe[0].value)

    at.toggle(key="f_merge").set_value(False)
    run(at)
    assert f"of {len(seed_reports)} from 2 article(s)" in at.caption[0].value
    assert "merged" not in at.caption[0].value
    assert len(chart_ids(at)) > on_points
    assert set(chart_ids(at)) > on_ids
    assert len(at.dataframe[0].value) > rows_on


def test_details_of_a_merged_event_list_both_sources(seed_dir, seed_reports):
    at = run()
    table = at.dataframe[0].value
    assert "sources" in table.columns
    row = int((table["sources"] == "2 sources").to_numpy().nonzero()[0][0])
    at.session_state["table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    run(at)
    words = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Reported by 2 sources" in words
    for title in seed_reports["source"].unique():
        assert title in words


def test_merging_is_offered_up_to_a_size(seed_dir, monkeypatch):
    from timeline import view

    monkeypatch.setattr(view, "DEDUPE_MAX_EVENTS", 10)
    at = run()
    assert at.toggle(key="f_merge").disabled
    assert any("Merging is offered up to 10 events" in c.value for c in at.sidebar.caption)
    assert "merged" not in at.caption[0].value


@pytest.fixture
def big_store(tmp_path, monkeypatch, make_events) -> Any:
    """A dataset folder at data/events/ above a lowered in-memory threshold."""
    from timeline import store
    from timeline.corpus import write_dataset

    frame = make_events(400, seed=3)
    folder = tmp_path / "data"
    write_dataset(frame, folder / "events")
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(folder))
    monkeypatch.setattr(store, "IN_MEMORY_MAX_EVENTS", 100)
    monkeypatch.setattr(store, "MAX_CHART_POINTS", 40)
    return frame


def test_a_large_store_draws_aggregates_and_filters_still_work(big_store):
    from timeline.filters import Filters, apply

    at = run()
    assert "400 in the event store" in at.caption[0].value
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    assert spec["layout"]["title"]["text"].startswith("Aggregate: ")
    assert not chart_ids(at), "aggregate markers are not single events"
    assert len(at.dataframe[0].value) == 400  # the dated events, listed from the store
    assert at.toggle(key="f_merge").disabled  # the store's reports are shown as reported

    at.multiselect(key="f_actors").set_value(["NATO"])
    run(at)
    nato = apply(big_store, Filters(actors=("NATO",)))
    assert f"{len(nato)} dated event(s) shown of 400" in at.caption[0].value
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"].startswith("Aggregate: ")
    assert spec["layout"]["yaxis"]["ticktext"][0] == "NATO"
    assert at.query_params["actor"] == "NATO"

    week = (dt.date(2022, 6, 1), dt.date(2022, 6, 10))
    at.date_input(key="f_dates").set_value(week)
    run(at)
    wanted = apply(big_store, Filters(actors=("NATO",), start=week[0], end=week[1]))
    assert 0 < len(wanted) <= 40
    assert set(chart_ids(at)) == set(wanted["event_id"])  # single events again
    at.session_state["table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    run(at)
    assert at.subheader and "NATO" in " ".join(m.value for m in at.markdown)


def test_the_export_browser_starts_on_the_first_image_download(data_dir, downloads, monkeypatch):
    """Not with the page: on two cores its start competes with the page's first paint."""
    from timeline import export

    started: list[object] = []

    class Recording(export.ImageExporter):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            started.append(self)

        def render(self, fig: Any, fmt: str, **kwargs: Any) -> bytes:
            return b"\x89PNG\r\n\x1a\n" if fmt == "png" else b"%PDF-"

    monkeypatch.setenv("BROWSER_PATH", __file__)  # any file: "a browser is there"
    monkeypatch.setattr(export, "ImageExporter", Recording)
    st.cache_resource.clear()
    try:
        at = run()
        assert not any(b.disabled for b in at.download_button if b.label.startswith("Chart"))
        run(at)  # a rerun (a filter change) does not start it either
        assert started == []
        assert downloads["timeline.png"]().startswith(b"\x89PNG")
        assert downloads["timeline.pdf"]() == b"%PDF-"
        assert len(started) == 1  # one browser, kept for the next downloads
    finally:
        st.cache_resource.clear()


def test_a_merge_is_read_from_disk_after_a_restart(seed_dir, monkeypatch):
    """Merging duplicate reports runs once per content, not on each server's first request."""
    from timeline import view

    st.cache_resource.clear()  # a fresh server: nothing merged in memory yet
    first = run()
    summary = first.caption[0].value
    assert "reports merged into" in summary
    assert list((seed_dir / "cache").glob("merged-*.parquet"))

    def no_merging(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("merged again")

    st.cache_resource.clear()  # as after a restart of the server
    monkeypatch.setattr(view, "deduplicate", no_merging)
    try:
        assert run().caption[0].value == summary
    finally:
        st.cache_resource.clear()


@pytest.fixture
def many_events(tmp_path, monkeypatch, make_events) -> Any:
    """1,200 events in memory (data/events.parquet), above a lowered chart threshold."""
    from timeline import store

    frame = make_events(1_200, seed=4)
    folder = tmp_path / "data"
    write_events(frame, folder / "events.parquet")
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(folder))
    monkeypatch.setattr(store, "MAX_CHART_POINTS", 300)
    return frame


def test_many_events_in_memory_are_drawn_as_aggregates_and_the_tables_capped(many_events):
    """The browser is sent counts, not thousands of marks and rows; a circle narrows the
    dates to its period and the single events come back."""
    from timeline.filters import Filters, apply

    at = run()
    assert "1200 dated event(s) shown of 1200" in at.caption[0].value
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    assert spec["layout"]["title"]["text"].startswith("Aggregate: ")
    assert not chart_ids(at), "aggregate markers are not single events"
    drawn = sum(len(t["customdata"]) for t in spec["data"])
    assert drawn <= 300
    assert len(at.dataframe[0].value) == 1_000  # capped
    assert any("first 1,000 events" in c.value for c in at.caption)
    assert at.tabs[0].label == "Events (1,200)"

    periods = sorted({p for t in spec["data"] for p in t["customdata"]})
    period = periods[len(periods) // 2]  # one inside the dates' bounds
    at.session_state["chart"] = {
        "selection": {
            "points": [{"customdata": period}],
            "point_indices": [0],
            "box": [],
            "lasso": [],
        }
    }
    run(at)
    first, last = (dt.date.fromisoformat(d) for d in period.split("/"))
    assert at.date_input(key="f_dates").value == (first, last)
    wanted = apply(many_events, Filters(start=first, end=last))
    assert 0 < len(wanted) <= 300
    assert set(chart_ids(at)) == set(wanted["event_id"])  # single events again
    assert at.query_params["from"] == first.isoformat()
    assert at.query_params["to"] == last.isoformat()


def test_actor_role_control_filters_and_goes_into_the_url(data_dir):
    # the seed's "rts" event: Aleksandar Vucic told RTS (RTS is its target)
    at = run()
    assert "RTS (1)" in at.multiselect(key="f_actors").options  # targets are choices too
    at.multiselect(key="f_actors").set_value(["RTS"])
    run(at)
    assert chart_ids(at) == ["rts"]
    table = at.dataframe[0].value
    assert (table["acted"].tolist(), table["targeted"].tolist()) == (["Aleksandar Vucic"], ["RTS"])
    at.radio(key="f_role").set_value("acted")
    run(at)
    assert chart_ids(at) == []
    assert at.query_params["role"] == "acted"
    at.radio(key="f_role").set_value("target")
    run(at)
    assert chart_ids(at) == ["rts"] and at.query_params["role"] == "target"


def test_a_link_restores_the_actor_role(data_dir):
    at = new_app()
    at.query_params["actor"] = "Aleksandar Vucic"
    at.query_params["role"] = "target"
    run(at)
    assert at.radio(key="f_role").value == "target"
    assert chart_ids(at) == []


def test_a_link_opens_an_event_and_a_pick_goes_into_the_link(data_dir):
    at = new_app()
    at.query_params["event"] = "demand"
    run(at)
    assert at.subheader[0].value == "DEMAND · 15 Dec 2022"
    assert at.query_params["event"] == "demand"

    # A pick in the table replaces it, in the page and in the link.
    at.session_state["table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    run(at)
    assert at.subheader[0].value == "ASSAULT · 1999 (year)"
    assert at.query_params["event"] == "pushout"
    # Clearing the selection closes it.
    at.session_state["table"] = {"selection": {"rows": [], "columns": [], "cells": []}}
    run(at)
    assert not at.subheader
    assert "event" not in at.query_params


def test_a_link_to_an_unknown_event_opens_the_page(data_dir):
    at = new_app()
    at.query_params["event"] = "no-such-event"
    run(at)
    assert not at.subheader
    assert len(chart_ids(at)) == 6
    assert "event" not in at.query_params


def test_a_pasted_article_far_from_the_rest_is_in_the_first_view(data_dir):
    """The view zooms on where most events are; an article just added is always in it."""
    at = run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    _, hi = spec["layout"]["xaxis"]["range"]
    assert hi < dt.datetime(2023, 1, 15).timestamp() * 1000  # zoomed on December 2022
    at.text_input(key="paste_title").set_value("Talks in Ohrid")
    at.date_input(key="paste_published").set_value("2023-03-20")
    at.text_area(key="paste_text").set_value(
        "Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti on Saturday "
        "agreed in Ohrid on how to implement the EU-backed plan."
    )
    next(b for b in at.button if b.label == "Add pasted article").click()
    run(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    lo, hi = spec["layout"]["xaxis"]["range"]
    assert lo < dt.datetime(2022, 12, 15).timestamp() * 1000  # the story still in view
    assert hi > dt.datetime(2023, 3, 19).timestamp() * 1000  # and the talks of 18 March


def test_the_sidebar_does_not_grow_with_each_upload(data_dir):
    at = run()
    text = SEED.read_bytes()
    at.file_uploader[0].set_value(
        [
            (f"copy{i}.txt", text.replace(b"Serbia", f"Serbia{i}".encode()), "text/plain")
            for i in range(6)
        ]
    )
    run(at)
    added = [c.value for c in at.sidebar.caption if "added" in c.value]
    assert len(added) == 1 and added[0].startswith("6 article\\(s\\) added")


def test_the_loaded_articles_are_listed_and_filter_the_view(data_dir):
    at = run()
    at.text_input(key="paste_title").set_value("Barricades in the north")
    at.date_input(key="paste_published").set_value("2022-12-10")
    at.text_area(key="paste_text").set_value(
        "Serbs erected barricades on the main roads in the north of Kosovo on Saturday."
    )
    next(b for b in at.button if b.label == "Add pasted article").click()
    run(at)
    box = at.multiselect(key="f_articles")
    assert box.label == "Article (2 loaded)"
    # Newest first: title, publication date, number of events.
    assert box.options[0].startswith("Serbia demands return of its troops")
    assert box.options[0].endswith("— 2022-12-15 (6 events)")
    assert box.options[1].startswith("Barricades in the north — 2022-12-10 (")

    pasted = at.session_state["added"][0]["article"].id
    at.multiselect(key="f_articles").set_value([pasted])
    run(at)
    assert at.query_params["article"] == pasted
    new = set(at.session_state["added"][0]["frame"]["event_id"])
    assert chart_ids(at) and set(chart_ids(at)) <= new


def test_a_new_session_reuses_the_facets_counted_before(data_dir, monkeypatch):
    """A reload opens a new session: the same events' facets are not counted again."""
    from timeline import view

    run()
    counted = []
    count = view.facets_of_frame

    def counting(frame: pd.DataFrame) -> view.Facets:
        counted.append(1)
        return count(frame)

    monkeypatch.setattr(view, "facets_of_frame", counting)
    at = run()
    assert counted == []
    assert "Serbia (2)" in at.multiselect(key="f_actors").options
    # Other events (a rewritten file) are counted afresh.
    write_events(read_events(data_dir / "events.parquet").head(3), data_dir / "events.parquet")
    at = run()
    assert counted == [1]
