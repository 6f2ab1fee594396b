"""Event types beyond politics (data/event_types.csv, data/event_lexicon.csv): disasters,
accidents, the economy, courts, elections and launches, with sentences written for these
tests."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline._event_lexicon import event_lexicon, event_types
from timeline._tables import read_table
from timeline.article import article_from_text
from timeline.events import extract_events

NEW_TYPES = ("DISASTER", "ACCIDENT", "ECONOMIC", "LEGAL", "ELECTION", "LAUNCH")


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        # a quake strikes, a storm makes landfall: never PROTEST nor ASSAULT
        ("A magnitude 6.1 earthquake struck central Chile on Monday.", "DISASTER"),
        ("Storm Babet struck northern Scotland overnight.", "DISASTER"),
        ("Hurricane Otis made landfall near Acapulco.", "DISASTER"),
        ("Tropical Storm Hilary slams southern California", "DISASTER"),
        ("Floods swept through Libya's eastern coast.", "DISASTER"),
        ("Wildfires forced thousands to flee on Rhodes.", "DISASTER"),
        ("A freight train derailed outside Ohio's capital.", "ACCIDENT"),
        ("Two ferries collided off the coast of Greece.", "ACCIDENT"),
        ("A warehouse caught fire in the port on Friday.", "ACCIDENT"),
        ("Nokia shares slipped 3% in Helsinki.", "ECONOMIC"),
        ("The FTSE 100 rose 40 points by the close.", "ECONOMIC"),
        ("Siemens posted a quarterly loss of 1.2 billion euros.", "ECONOMIC"),
        ("The central bank raised interest rates by half a point.", "ECONOMIC"),
        ("Microsoft completed its acquisition of Activision.", "ECONOMIC"),
        ("Prosecutors charged the former minister with fraud.", "LEGAL"),
        ("Epic Games sued Google over its app store.", "LEGAL"),
        ("The jury reached a verdict after three days.", "LEGAL"),
        ("A court in Paris fined the bank 4 million euros.", "LEGAL"),
        ("Polish voters went to the polls on Sunday.", "ELECTION"),
        ("Ireland held a referendum on the amendment.", "ELECTION"),
        ("The coalition won 248 seats in the new parliament.", "ELECTION"),
        ("Samsung unveiled its new folding phone in Seoul.", "LAUNCH"),
        ("Nintendo launches the Switch 2 in June", "LAUNCH"),
        ("The console went on sale in Japan on Friday.", "LAUNCH"),
        # political types stay as they were
        ("Police stormed the parliament building.", "ASSAULT"),
        ("Israeli air strikes hit the city overnight.", "ASSAULT"),
        ("Dock workers went on strike in Antwerp.", "PROTEST"),
        ("The ministry announced new measures.", "STATEMENT"),
    ],
)
def test_lexicon_types(sentence: str, event_type: str) -> None:
    assert event_lexicon().first(sentence) == event_type


def test_every_type_is_documented_with_an_example_that_it_types() -> None:
    rows = {row["event_type"]: row for row in read_table("event_types.csv")}
    assert set(NEW_TYPES) <= set(event_types())
    for name in NEW_TYPES:
        row = rows[name]
        assert row["description"] and row["example"]
        assert event_lexicon().first(row["example"]) == name, row["example"]
    assert list(rows)[-1] == "OTHER"


def test_a_disaster_in_an_article() -> None:
    article = article_from_text(
        "Quake hits Morocco\n\nSeptember 9, 2023\n\n"
        "A powerful earthquake struck Morocco late on Friday, killing more than 800 people.\n",
        id="quake",
    )
    rows = extract_events(article)
    assert [r["event_type"] for r in rows] == ["DISASTER", "DISASTER"]
    assert rows[1]["start"] == dt.date(2023, 9, 8)
    assert "Morocco" in rows[1]["targets"] and "Morocco" in rows[1]["countries"]
