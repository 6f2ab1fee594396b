"""Sentence splitting on news sentences (the seed and invented ones), invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.sentences import split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_20e26df19170620a.txt"


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_quote_then_attribution_stays_one_sentence() -> None:
    text = (
        "“The request says that a certain number of (Serbian troops), from one hundred to up "
        "to 1,000, return to Kosovo,” Vucic said. He said that the request will be put on "
        "the record."
    )
    assert sentences(text) == [
        "“The request says that a certain number of (Serbian troops), from one hundred to up "
        "to 1,000, return to Kosovo,” Vucic said.",
        "He said that the request will be put on the record.",
    ]


def test_sentence_ending_inside_closing_quote() -> None:
    text = (
        "Maria Zakharova said the ambassador has received instructions “to normalize the "
        "situation.” Meanwhile, Kosovo’s prime minister tabled the application."
    )
    assert sentences(text) == [
        "Maria Zakharova said the ambassador has received instructions “to normalize the "
        "situation.”",
        "Meanwhile, Kosovo’s prime minister tabled the application.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hooli's zTunes overtakes Kwik - Mart as No. 1 U.S. games retailer.",
        "The Trade Commission has made Hooli Inc. cut its fees.",
        "The zPhone was shown on Feb. 3, 2009 by Dana Reyes.",
        "Gen. Wesley Clark met Mr. Vucic at St. Sava.",
        "J. K. Rowling lives in the U.K. with her family.",
        "Prices rose 3.5 percent to £ 0.79 per song.",
        "He lives at No. 10 Downing Street.",
    ],
)
def test_abbreviations_numbers_and_initials_do_not_split(text: str) -> None:
    assert sentences(text) == [text]


def test_dotted_acronym_ends_a_sentence_before_a_sentence_starter() -> None:
    text = "Kosovo's statehood has been accepted by the U.S. The West backs it."
    assert sentences(text) == [
        "Kosovo's statehood has been accepted by the U.S.",
        "The West backs it.",
    ]


def test_camel_case_word_starts_a_sentence() -> None:
    # a lower-case-first name ("zPhone 4") opens the next sentence after a date
    text = (
        "zOS will carry Hooli's new in-app payment service, zPay, which starts working on "
        "May 3. zPhone 4 will be sold from May 20 in Canada."
    )
    assert len(sentences(text)) == 2


def test_year_starts_a_sentence() -> None:
    # a year as the subject opening the next sentence
    text = (
        "In 1995 Hooli launched the zDesk home computer. 2004 was the year of the zPhone handset."
    )
    assert len(sentences(text)) == 2


def test_spaced_straight_quotes_of_detokenised_text() -> None:
    # a quotation runs over two sentences; its closing quote stays with it
    text = (
        'Reyes wrote " I knew this moment would arrive. Sadly, the moment has arrived. '
        '" In the same note, Reyes named her successor.'
    )
    got = sentences(text)
    assert got[-2].endswith('has arrived. "')
    assert got[-1].startswith("In the same note")


def test_ellipsis_inside_quote_followed_by_comma() -> None:
    # an ellipsis closing a quotation that a comma continues
    text = 'The flyer says, " Wait for it... ", the favourite catchphrase of Dana Reyes.'
    assert sentences(text) == [text]


def test_paragraph_break_always_splits_and_offsets_are_into_text() -> None:
    text = "Title without stop\n\nSerbia demanded it. Kosovo refused!"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Title without stop",
        "Serbia demanded it.",
        "Kosovo refused!",
    ]


def test_start_and_end_limit_the_range() -> None:
    text = "Ignore this. Serbia demanded it. Kosovo refused. Ignore too."
    s = text.index("Serbia")
    e = text.index(" Ignore too")
    assert [text[a:b] for a, b in split_sentences(text, s, e)] == [
        "Serbia demanded it.",
        "Kosovo refused.",
    ]


def test_seed_article_sentences() -> None:
    text = SEED.read_text(encoding="utf-8")
    got = sentences(text)
    assert "Shots were fired from the barricades." in got
    assert "Kosovo’s statehood has been accepted by the US and much of the West." in got
    assert any(s.startswith("Russian Foreign Ministry spokeswoman") for s in got)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab AB.,!?…\"'“”’()\n\t0123Mr")) | st.characters(),
        max_size=200,
    ),
    st.integers(min_value=-5, max_value=220),
    st.one_of(st.none(), st.integers(min_value=-5, max_value=220)),
)
def test_spans_are_ordered_non_overlapping_and_trimmed(
    text: str, start: int, end: int | None
) -> None:
    spans = split_sentences(text, max(start, 0), end)
    lo = max(start, 0)
    hi = len(text) if end is None else min(max(end, lo), len(text))
    prev = lo
    for s, e in spans:
        assert prev <= s < e <= hi
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev = e
