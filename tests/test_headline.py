"""The headline as an event of the publication day (articles written for these tests)."""

from __future__ import annotations

import datetime as dt

from timeline.article import article_from_text
from timeline.events import extract_events


def rows_of(text: str, **kwargs: object) -> list[dict]:
    return extract_events(article_from_text(text, id="h", **kwargs))  # type: ignore[arg-type]


def test_the_headline_is_an_event_of_the_publication_day() -> None:
    text = (
        "Chile recalls its ambassador from Peru\n\nMarch 3, 2024\n\n"
        "Chile on Sunday recalled its ambassador from Peru after a row over trade.\n"
    )
    rows = rows_of(text)
    head = rows[0]
    assert (
        head["text"]
        == head["sentence"]
        == head["source"]
        == "Chile recalls its ambassador from Peru"
    )
    assert (head["char_start"], head["char_end"]) == (0, len(head["text"]))
    assert text[head["char_start"] : head["char_end"]] == head["text"]
    assert head["start"] == head["end"] == dt.date(2024, 3, 3)
    assert head["date_basis"] == "publication" and head["time_expression"] is None
    assert head["actors"] == ["Chile"]
    # the body's events follow, with their own ids
    assert len({r["event_id"] for r in rows}) == len(rows) == 2


def test_a_headline_naming_its_date_takes_that_date() -> None:
    rows = rows_of(
        "Poland votes on October 15\n\nOctober 10, 2023\n\nPoland will hold an election.\n"
    )
    assert rows[0]["text"] == "Poland votes on October 15"
    assert rows[0]["start"] == dt.date(2023, 10, 15)
    assert rows[0]["date_basis"] in ("explicit", "relative")
    assert rows[0]["event_type"] == "ELECTION"


def test_a_headline_of_a_disaster_is_typed_and_targets_the_place() -> None:
    rows = rows_of(
        "Quake hits Morocco\n\nSeptember 9, 2023\n\nA powerful earthquake struck Morocco late on "
        "Friday, killing more than 800 people.\n"
    )
    head = rows[0]
    assert head["event_type"] == "DISASTER" and head["targets"] == ["Morocco"]
    assert head["start"] == dt.date(2023, 9, 9)


def test_without_a_publication_date_the_headline_is_undated() -> None:
    rows = rows_of("Chile recalls its ambassador from Peru\n\nChile recalled its envoy.\n")
    assert rows[0]["text"] == "Chile recalls its ambassador from Peru"
    assert rows[0]["start"] is None and rows[0]["date_basis"] == "none"


def test_a_title_given_apart_from_the_text_is_no_event() -> None:
    rows = rows_of(
        "Chile on Sunday recalled its ambassador from Peru.\n",
        title="Chile recalls envoy",
        published=dt.date(2024, 3, 3),
    )
    assert [r["text"] for r in rows] == ["Chile on Sunday recalled its ambassador from Peru."]


def test_a_title_inside_a_body_line_is_not_taken_for_the_headline() -> None:
    rows = rows_of(
        "Chile on Sunday recalled its ambassador.\n",
        title="Chile",
        published=dt.date(2024, 3, 3),
    )
    assert [r["text"] for r in rows] == ["Chile on Sunday recalled its ambassador."]


def test_headline_ids_are_stable() -> None:
    text = "Quake hits Morocco\n\nSeptember 9, 2023\n\nAn earthquake struck Morocco.\n"
    assert [r["event_id"] for r in rows_of(text)] == [r["event_id"] for r in rows_of(text)]


def test_an_html_page_title_is_the_headline() -> None:
    page = (
        "<html><head><title>Hurricane Idalia slams Florida</title></head><body><article>"
        "<p>Hurricane Idalia made landfall in Florida on Wednesday.</p></article></body></html>"
    )
    rows = rows_of(page, html=True, published=dt.date(2023, 8, 30))
    assert rows[0]["text"] == "Hurricane Idalia slams Florida"
    assert rows[0]["event_type"] == "DISASTER" and rows[0]["start"] == dt.date(2023, 8, 30)
