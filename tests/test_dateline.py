"""Publication dates in any language: the date line under the title and the dateline that
opens the first paragraph (dateparser reads the month names)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline._dateline import parse_date, parse_dateline
from timeline.article import NO_DATE_WARNING, article_from_bytes, article_from_text
from timeline.pipeline import parse_article

DAY = dt.date(2022, 12, 15)


@pytest.mark.parametrize(
    "line",
    [
        "15. Dezember 2022",
        "Donnerstag, 15. Dezember 2022",
        "15 décembre 2022",
        "jeudi 15 décembre 2022",
        "Publié le 15 décembre 2022",
        "15 de diciembre de 2022",
        "15 dicembre 2022, 10:32",
        "15 декабря 2022 г.",
        "2022年12月15日",
        "2022년 12월 15일",
        "Veröffentlicht am 15.12.2022",
        "Stand: 15.12.2022 10:32 Uhr",
    ],
)
def test_a_date_line_in_any_language(line: str) -> None:
    text = (
        f"Die Regierung erhöht die Gebühren\n\n{line}\n\nDie Regierung hat die Gebühren erhöht.\n"
    )
    article = article_from_text(text, id="a")
    assert article.published == DAY
    assert NO_DATE_WARNING not in article.warnings
    # the date line is header, not body
    assert [article.text[s:e] for s, e in article.body] == [
        "Die Regierung hat die Gebühren erhöht."
    ]


@pytest.mark.parametrize(
    "line",
    [
        "yesterday",  # relative: no publication date
        "Gestern",
        "Im Jahr 2022 stieg die Zahl der Proteste deutlich an.",  # a sentence with a year
        "Die Regierung hat am 15. Dezember 2022 die Gebühren erhöht.",
        "31.02.2022",  # no such day
        "12/11/2022",  # day or month first? not guessed
        "15 Foo 2022",  # no month
    ],
)
def test_lines_that_are_not_date_lines(line: str) -> None:
    assert parse_date(line) is None


@pytest.mark.parametrize(
    ("paragraph", "day"),
    [
        (
            "BERLIN, 15. Dezember 2022 (dpa) – Die Bundesregierung hat am Donnerstag beschlossen.",
            DAY,
        ),
        (
            "PARIS, 15 décembre 2022 (AFP) - Le gouvernement a annoncé jeudi de nouvelles règles.",
            DAY,
        ),
        ("WASHINGTON, Dec. 15, 2022 (Reuters) - The Senate on Thursday passed the bill.", DAY),
        (
            "KYIV, Ukraine, June 9, 2008 — Officials said the talks would resume.",
            dt.date(2008, 6, 9),
        ),
        ("TOKYO, 2022年12月15日 – The government raised the fees.", DAY),
    ],
)
def test_a_dateline_dates_the_article(paragraph: str, day: dt.date) -> None:
    found = parse_dateline(paragraph)
    assert found is not None and found[0] == day
    article = article_from_text(
        f"Fees rise again\n\n{paragraph}\n\nMore text follows here.\n", id="a"
    )
    assert article.published == day
    # the dateline is not the report's text
    s, e = article.body[0]
    assert article.text[s:e] == paragraph[found[1] :]
    assert article.text[s] not in " -–—"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Serbia, on the other hand, said on Thursday - quietly - that it would wait.",
        "KYIV, Dec 15 (Reuters) - Officials gave no year.",  # no year: not guessed
        "the capital, 15 December 2022 - lower case is no dateline.",
    ],
)
def test_no_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_a_date_line_wins_over_the_dateline() -> None:
    text = (
        "Senate passes bill\n\nJune 9, 2008\n\nWASHINGTON, Dec. 15, 2022 (Reuters) - It passed.\n"
    )
    assert article_from_text(text, id="a").published == dt.date(2008, 6, 9)


def test_relative_dates_count_from_the_dateline() -> None:
    text = (
        "Senate passes the budget\n\n"
        "WASHINGTON, Dec. 15, 2022 (Reuters) - The Senate on Tuesday passed the budget bill.\n"
    )
    frame = parse_article(article_from_text(text, id="a"))
    (row,) = frame[frame["text"].str.contains("Tuesday")].itertuples()
    assert row.text.startswith("The Senate on Tuesday passed")  # the dateline left out
    assert row.start.date() == dt.date(2022, 12, 13)
    assert row.date_basis == "relative"
    assert "WASHINGTON" not in frame["actors"].explode().tolist()


def test_html_time_element_in_another_language() -> None:
    page = (
        "<html><body><article><h1>Die Gebühren steigen</h1>"
        "<time>15. Dezember 2022</time>"
        "<p>Die Regierung hat die Gebühren erhöht.</p></article></body></html>"
    )
    article = article_from_bytes(page.encode(), name="gebuehren.html")
    assert article.published == DAY
