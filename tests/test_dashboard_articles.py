"""The loaded articles: listed with title, date, events and source file; shown alone; removed."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
from conftest import new_app, run_app
from streamlit.testing.v1 import AppTest

from timeline.export import read_events, write_events
from ui_articles import ADDED, SAVED, DataFiles, article_rows, remove_saved

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_20e26df19170620a.txt"
TALKS = (
    "Talks in Ohrid\n18 March 2023\n\n"
    "Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti on Saturday "
    "agreed in Ohrid on how to implement the EU-backed plan.\n"
)


def shown(markdown: str) -> str:
    """The text a markdown string shows (backslash escapes resolved)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def chart_ids(at: AppTest) -> set[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {str(i) for t in spec["data"] for i in (t.get("customdata") or [])}


def listed(at: AppTest) -> pd.DataFrame:
    """The sidebar's list of loaded articles, as shown."""
    (table,) = at.sidebar.dataframe
    return table.value


def pick(at: AppTest, rows: list[int]) -> None:
    """Tick rows of the list, as a click in its left column does."""
    key = f"articles_list_{at.session_state.get('_articles_gen', 0)}"
    at.session_state[key] = {"selection": {"rows": rows, "columns": [], "cells": []}}


def paste(at: AppTest, title: str, text: str, published: str) -> None:
    at.text_input(key="paste_title").set_value(title)
    at.date_input(key="paste_published").set_value(dt.date.fromisoformat(published))
    at.text_area(key="paste_text").set_value(text)
    next(b for b in at.button if b.label == "Add pasted article").click()
    run_app(at)


def test_the_list_names_title_date_events_file_and_origin(data_dir):
    at = run_app()
    at.file_uploader[0].set_value([("talks.txt", TALKS.encode(), "text/plain")])
    run_app(at)
    paste(at, "Barricades in the north", "Serbs put up barricades on Saturday.", "2022-12-10")
    table = listed(at)
    assert list(table.columns) == ["title", "published", "events", "file", "origin"]
    assert list(table["title"]) == [
        "Talks in Ohrid",
        "Serbia demands return of its troops to Kosovo as tensions in breakaway province soar",
        "Barricades in the north",
    ]  # newest first
    assert [str(d) for d in table["published"]] == ["2023-03-18", "2022-12-15", "2022-12-10"]
    assert table["events"].iloc[1] == 6
    assert list(table["file"]) == ["talks.txt", "000_20e26df19170620a.txt", "pasted"]
    assert list(table["origin"]) == [ADDED, "events.parquet", ADDED]
    assert any(e.label.startswith("Loaded articles (3)") for e in at.sidebar.expander)


def test_the_uploader_is_emptied_and_a_second_drop_of_the_same_file_is_one_article(data_dir):
    at = run_app()
    at.file_uploader[0].set_value([("talks.txt", TALKS.encode(), "text/plain")])
    run_app(at)
    assert not at.file_uploader[0].value  # moved into the list: the sidebar stays short
    at.file_uploader[0].set_value([("again.txt", TALKS.encode(), "text/plain")])
    run_app(at)
    assert len(listed(at)) == 2
    assert any("already loaded" in shown(e.value) for e in at.error)


def test_removing_an_added_article_takes_its_events_out(data_dir):
    at = run_app()
    paste(at, "Talks in Ohrid", TALKS.split("\n\n", 1)[1], "2023-03-18")
    added = set(at.session_state["added"][0]["frame"]["event_id"])
    assert added <= chart_ids(at)
    pick(at, [0])
    run_app(at)
    remove = at.button(key="articles_remove")
    assert remove.label == "Remove (1)" and not remove.disabled
    remove.click()
    run_app(at)
    assert not added & chart_ids(at)
    assert list(listed(at)["origin"]) == ["events.parquet"]
    assert any("Removed 1 article(s)" in shown(c.value) for c in at.sidebar.caption)


def test_a_bundled_article_is_not_removed_here(data_dir):
    at = run_app()
    pick(at, [0])
    run_app(at)
    assert at.button(key="articles_remove").disabled
    assert any("are not removed here" in shown(c.value) for c in at.sidebar.caption)
    assert not at.button(key="articles_show").disabled


def test_show_only_the_selected_articles(data_dir):
    at = run_app()
    paste(at, "Talks in Ohrid", TALKS.split("\n\n", 1)[1], "2023-03-18")
    ident = at.session_state["added"][0]["article"].id
    pick(at, [0])  # the newest: the talks
    run_app(at)
    at.button(key="articles_show").click()
    run_app(at)
    assert at.multiselect(key="f_articles").value == [ident]
    assert at.query_params["article"] == ident
    assert chart_ids(at) <= set(at.session_state["added"][0]["frame"]["event_id"])


def test_a_saved_article_is_listed_as_saved_and_removed_from_the_data_folder(data_dir):
    at = run_app()
    at.file_uploader[0].set_value([("second.txt", SEED.read_bytes(), "text/plain")])
    run_app(at)
    next(b for b in at.button if b.label.startswith("Save the 1 added")).click()
    run_app(at)
    saved = set(read_events(data_dir / "user_events.parquet")["article_id"])
    (ident,) = saved
    assert (data_dir / "articles" / f"{ident}.txt").is_file()

    later = run_app()  # a new session reads it from the data folder
    table = listed(later)
    assert list(table["origin"]).count(SAVED) == 1
    pick(later, [list(table["origin"]).index(SAVED)])
    run_app(later)
    later.button(key="articles_remove").click()
    run_app(later)
    assert not (data_dir / "user_events.parquet").exists()
    assert not (data_dir / "articles" / f"{ident}.txt").exists()
    assert (data_dir / "events.parquet").is_file()  # the bundled events are untouched
    assert list(listed(later)["origin"]) == ["events.parquet"]
    assert len(chart_ids(later)) == 5  # the seed events' markers (the week bar counts once)


# --- the pure parts -----------------------------------------------------------------------


def test_article_rows_count_events_per_article(seed_events):
    two = pd.concat(
        [seed_events, seed_events.head(2).assign(article_id="mine", source="Mine", event_id="x")],
        ignore_index=True,
    )
    rows = article_rows(two, added=["mine"], saved=[], bundled=["000_20e26df19170620a"])
    assert list(rows["events"]) == [6, 2]
    assert list(rows["origin"]) == ["events.parquet", ADDED]
    assert article_rows(seed_events.head(0), [], [], []).empty


def test_remove_saved_keeps_the_other_articles(tmp_path, seed_events):
    files = DataFiles(tmp_path)
    two = pd.concat(
        [seed_events, seed_events.head(2).assign(article_id="mine", event_id=["m1", "m2"])],
        ignore_index=True,
    )
    write_events(two, files.user_events)
    files.articles.mkdir()
    (files.articles / "mine.txt").write_text("text")
    (files.articles / "other.txt").write_text("text")
    assert remove_saved(["mine"], files) == 2
    assert set(read_events(files.user_events)["article_id"]) == {"000_20e26df19170620a"}
    assert not (files.articles / "mine.txt").exists()
    assert (files.articles / "other.txt").exists()
    assert remove_saved(["../other"], files) == 0  # an id never names a path elsewhere
    assert (files.articles / "other.txt").exists()


def test_an_empty_data_folder_lists_no_articles(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(tmp_path / "empty"))
    at = new_app()
    run_app(at)
    assert any(e.label.startswith("Loaded articles (0)") for e in at.sidebar.expander)


def test_an_archive_lists_its_newest_articles(data_dir, seed_events, monkeypatch):
    """Past ARTICLES_LISTED articles the list holds the newest (it is sent on every run)."""
    import ui_articles

    events = seed_events.copy()
    events["article_id"] = [f"art{i % 3}" for i in range(len(events))]
    events["source"] = [f"Report {i % 3}" for i in range(len(events))]
    events["published"] = pd.to_datetime([f"2022-12-1{i % 3}" for i in range(len(events))])
    write_events(events, data_dir / "events.parquet")
    monkeypatch.setattr(ui_articles, "ARTICLES_LISTED", 2)
    at = run_app()
    assert list(listed(at)["title"]) == ["Report 2", "Report 1"]
    assert any(e.label.startswith("Loaded articles (3)") for e in at.sidebar.expander)
    assert any(shown(c.value) == "The newest 2 are listed." for c in at.sidebar.caption)
