"""The dashboard's corrections (ui_curation), run headless with AppTest."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_app as run
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from timeline import curation as cu
from timeline.export import write_events


def chart_ids(at: AppTest) -> list[str]:
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    return sorted(str(i) for t in spec["data"] for i in (t.get("customdata") or []))


def hovers(at: AppTest) -> str:
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    return " ".join(str(h) for t in spec["data"] for h in (t.get("text") or []))


def pick_row(at: AppTest, row: int) -> AppTest:
    at.session_state["table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return run(at)


def log_of(folder: Path) -> tuple[cu.Correction, ...]:
    return cu.CorrectionLog(folder / "corrections.jsonl").read()


def test_correct_a_date_from_the_details(data_dir):
    at = pick_row(run(), 0)  # sorted by date: row 0 is the 1999 push-out
    assert at.subheader[0].value == "ASSAULT · 1999 (year)"
    at.text_input(key="cur_author").set_value("ana")
    at.date_input(key="cur_start_pushout").set_value(dt.date(1999, 3, 24))
    at.selectbox(key="cur_precision_pushout").set_value("day")
    at.text_input(key="cur_note_pushout").set_value("the bombing began on 24 March")
    at.button(key="FormSubmitter:cur_event_form_pushout-Save corrections").click()
    run(at)
    (c,) = log_of(data_dir)
    assert isinstance(c.op, cu.SetDate)
    assert (c.op.start, c.op.end, c.op.precision) == (dt.date(1999, 3, 24),) * 2 + ("day",)
    assert c.author == "ana" and c.note == "the bombing began on 24 March"
    assert c.event is not None and c.event.event_id == "pushout"
    assert any("Saved: date of" in s.value for s in at.success)
    pick_row(at, 0)
    assert at.subheader[0].value == "ASSAULT · 24 Mar 1999"
    captions = " ".join(x.value for x in at.caption)
    assert "date corrected by ana on" in captions and "extracted: 1999-01-01 – 1999-12-31" in (
        captions
    )
    assert "date corrected by ana" in hovers(at)
    # The toggle shows the extraction.
    at.toggle(key="cur_on").set_value(False)
    run(at)
    pick_row(at, 0)
    assert at.subheader[0].value == "ASSAULT · 1999 (year)"


def test_merge_two_actors_from_the_sidebar_and_undo(data_dir):
    at = run()
    assert "Maria Zakharova (1)" in at.multiselect(key="f_actors").options
    at.selectbox(key="cur_side_actor").set_value("Maria Zakharova")
    at.radio(key="cur_side_action").set_value("merge into another actor")
    run(at)
    at.selectbox(key="cur_side_into").set_value("Aleksandar Vucic")
    at.button(key="cur_side_apply").click()
    run(at)
    options = at.multiselect(key="f_actors").options
    assert "Aleksandar Vucic (2)" in options
    assert not any(o.startswith("Maria Zakharova") for o in options)
    (merge,) = log_of(data_dir)
    assert merge.op == cu.MergeActors("Maria Zakharova", "Aleksandar Vucic")
    # The corrections view lists it; undo it from there.
    labels = [e.label for e in at.expander]
    assert "Corrections (1)" in labels
    at.session_state["cur_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    run(at)
    at.button(key="cur_undo").click()
    run(at)
    assert any(o.startswith("Maria Zakharova") for o in at.multiselect(key="f_actors").options)
    assert [c.kind for c in log_of(data_dir)] == ["merge_actors", "undo"]


def test_not_an_actor_and_rename(data_dir):
    at = run()
    at.selectbox(key="cur_side_actor").set_value("NATO")
    at.radio(key="cur_side_action").set_value("not an actor")
    run(at)
    at.button(key="cur_side_apply").click()
    run(at)
    assert not any(o.startswith("NATO") for o in at.multiselect(key="f_actors").options)
    at.selectbox(key="cur_side_actor").set_value("Serbia")
    at.radio(key="cur_side_action").set_value("rename")
    run(at)
    at.text_input(key="cur_side_to").set_value("Republic of Serbia")
    at.button(key="cur_side_apply").click()
    run(at)
    assert "Republic of Serbia (2)" in at.multiselect(key="f_actors").options


def test_delete_and_restore(data_dir):
    at = pick_row(run(), 0)
    at.button(key="cur_delete_pushout").click()
    run(at)
    assert "pushout" not in chart_ids(at)
    assert [c.kind for c in log_of(data_dir)] == ["delete"]
    at.button(key="cur_restore").click()
    run(at)
    assert "pushout" in chart_ids(at)


def test_edit_type_actors_targets_countries(data_dir):
    at = pick_row(run(), 0)
    at.selectbox(key="cur_type_pushout").set_value("MOBILIZE")
    at.multiselect(key="cur_actors_pushout").set_value(["NATO", "Western alliance"])
    at.multiselect(key="cur_targets_pushout").set_value(["Serbia"])
    at.multiselect(key="cur_countries_pushout").set_value(["Serbia"])
    at.button(key="FormSubmitter:cur_event_form_pushout-Save corrections").click()
    run(at)
    kinds = sorted(c.kind for c in log_of(data_dir))
    assert kinds == ["set_actors", "set_countries", "set_targets", "set_type"]
    assert "Western alliance (1)" in at.multiselect(key="f_actors").options
    pick_row(at, 0)
    assert at.subheader[0].value.startswith("MOBILIZE")


@pytest.fixture
def downloads(monkeypatch) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        seen[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen


def test_exports_carry_the_corrected_column_and_the_log(data_dir, downloads):
    log = cu.CorrectionLog(data_dir / "corrections.jsonl")
    log.record(cu.MergeActors("Maria Zakharova", "Aleksandar Vucic"), author="ana")
    at = run()
    csv = downloads["timeline.csv"]().decode()
    from io import StringIO

    import pandas as pd

    table = pd.read_csv(StringIO(csv), dtype=str, keep_default_na=False)
    assert "corrected" in table.columns
    assert set(table["corrected"]) == {"", "actors"}
    assert downloads["corrections.jsonl"]() == log.path.read_bytes()
    assert downloads["corrections.csv"]().decode().startswith("id,time,author,kind,what")
    assert at  # the page ran


def test_a_corrupted_log_is_named_and_nothing_applied(data_dir):
    log = cu.CorrectionLog(data_dir / "corrections.jsonl")
    log.record(cu.NotActor("NATO"))
    with log.path.open("a") as handle:
        handle.write("{oops\n")
    at = run()
    assert any("corrections.jsonl, line 2: not valid JSON" in e.value for e in at.error)
    assert any(o.startswith("NATO") for o in at.multiselect(key="f_actors").options)
    assert log.path.read_text().endswith("{oops\n")  # nothing rewritten


def test_orphans_are_listed(data_dir, seed_events):
    row = seed_events.iloc[0].to_dict()
    gone = cu.Anchor("another-article", "", 0, 5, "Gone.", "gone-id")
    log = cu.CorrectionLog(data_dir / "corrections.jsonl")
    log.record(cu.Delete(), event=gone)
    log.record(cu.SetType("PROTEST"), event=cu.anchor_of(row))
    at = run()
    assert "Corrections (2) — 1 orphaned" in [e.label for e in at.expander]
    assert any("match no event" in w.value and "another-article" in w.value for w in at.warning)


def test_a_large_store_applies_corrections_at_query_time(tmp_path, monkeypatch, make_events):
    from timeline import store
    from timeline.corpus import write_dataset

    frame = make_events(400, seed=3)
    folder = tmp_path / "data"
    write_dataset(frame, folder / "events")
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(folder))
    monkeypatch.setattr(store, "IN_MEMORY_MAX_EVENTS", 100)
    at = run()
    assert "400 in the event store" in at.caption[0].value
    nato = next(o for o in at.multiselect(key="f_actors").options if o.startswith("NATO"))
    at.selectbox(key="cur_side_actor").set_value("NATO")
    at.radio(key="cur_side_action").set_value("rename")
    run(at)
    at.text_input(key="cur_side_to").set_value("North Atlantic Treaty Organization")
    at.button(key="cur_side_apply").click()
    run(at)
    options = at.multiselect(key="f_actors").options
    assert not any(o.startswith("NATO") for o in options)
    assert nato.replace("NATO", "North Atlantic Treaty Organization") in options
    # Deleting one event: the store leaves it out of every query.
    first = str(at.dataframe[0].value.iloc[0]["event_id"])
    at.session_state["table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    run(at)
    at.button(key=f"cur_delete_{first}").click()
    run(at)
    assert "399 in the event store" in at.caption[0].value
    assert [c.kind for c in log_of(folder)] == ["rename_actor", "delete"]


def test_an_undated_event_dated_by_hand_shows_its_details(data_dir, seed_events):
    # A parse leaves an undated event's time expression empty (NA), not "".
    frame = seed_events.copy()
    frame.loc[frame["event_id"] == "rejected", "time_expression"] = None
    write_events(frame, data_dir / "events.parquet")
    rejected = frame[frame["event_id"] == "rejected"].iloc[0]
    cu.CorrectionLog(data_dir / "corrections.jsonl").record(
        cu.SetDate(dt.date(2022, 12, 14), None, "day"), event=cu.anchor_of(rejected)
    )
    at = run()
    assert "rejected" in chart_ids(at)
    table = at.dataframe[0].value
    row = int(table.index[table["event_id"] == "rejected"][0])
    at = pick_row(at, list(table.index).index(row))
    assert at.subheader[0].value == "REJECT · 14 Dec 2022"
    assert "no time expression" in " ".join(m.value for m in at.markdown)


def test_the_form_starts_from_the_selected_event(data_dir):
    at = pick_row(run(), 0)  # the 1999 push-out
    assert at.date_input(key="cur_start_pushout").value == dt.date(1999, 1, 1)
    table = at.dataframe[0].value
    second = str(table.iloc[1]["event_id"])
    at = pick_row(at, 1)
    assert at.date_input(key=f"cur_start_{second}").value != dt.date(1999, 1, 1)
    assert at.selectbox(key=f"cur_precision_{second}").value != "year"
