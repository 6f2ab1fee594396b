"""Events stage: clauses, dating rules, participants and types, on real sentences."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from timeline._clauses import quoted_spans, segments, tense
from timeline._lexicon import event_lexicon, event_types
from timeline.article import article_from_text
from timeline.events import extract_events
from timeline.pipeline import parse_article

PUBLISHED = dt.date(2022, 12, 15)  # a Thursday


def events_of(body: str, published: dt.date | None = PUBLISHED) -> list[dict]:
    text = f"A test article\n\n{body}\n"
    return extract_events(
        article_from_text(text, id="t", title="A test article", published=published)
    )


def one(rows: list[dict], needle: str) -> dict:
    found = [r for r in rows if needle in r["text"]]
    assert found, f"no event with {needle!r} in {[r['text'] for r in rows]}"
    return found[0]


# -- tense ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Serbia on Thursday formally demanded that its security forces return.", "past"),
        ("Shots were fired from the barricades.", "past"),
        ("Kosovo's statehood has been accepted by the US and much of the West.", "perfect"),
        ("Serbian officials claim a United Nations resolution allows it.", "present"),
        ("The return of Serbian troops is unlikely to be granted.", "present"),
        ("The two leaders will meet on Monday in Brussels.", "future"),
        ("There are fears that Russia could push Serbia into another intervention.", "present"),
        ("NATO bombed Serbia to stop the war.", "past"),
    ],
)
def test_tense_of_first_finite_verb(sentence: str, expected: str) -> None:
    assert tense(sentence, 0, len(sentence)) == expected


def test_tense_skips_quoted_speech() -> None:
    s = "“The request says that a certain number of troops return to Kosovo,” Vucic said."
    assert tense(s, 0, len(s), quoted_spans(s, 0, len(s))) == "past"


def test_segments_cut_before_when_clause() -> None:
    s = (
        "peacekeepers stationed in Kosovo since 1999, when the Western alliance pushed out "
        "Serb troops from the region"
    )
    pieces = segments(s, 0, len(s))
    assert [p.kind for p in pieces] == ["main", "when"]
    assert s[pieces[1].start : pieces[1].end].startswith("when the Western alliance")


# -- lexicon -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Serbia on Thursday formally demanded that its security forces return", "DEMAND"),
        ("German and US officials have vehemently rejected any idea of the return", "REJECT"),
        ("NATO bombed Serbia to stop the war", "ASSAULT"),
        ("Serbia raised combat readiness of its troops on the border with Kosovo", "MOBILIZE"),
        (
            "Kosovo's prime minister on Thursday formally tabled his country's application",
            "REQUEST",
        ),
        ("Prime Minister Albin Kurti submitted the application to Mikulas Bek", "REQUEST"),
        ("Serbian President Aleksandar Vucic told state RTS television that", "STATEMENT"),
        ("Serbs erected barricades on the main roads in the north of the province", "PROTEST"),
        ("The sun rose over the hills", None),
    ],
)
def test_event_type_lexicon(clause: str, expected: str | None) -> None:
    assert event_lexicon().first(clause) == expected


def test_every_lexicon_type_is_documented() -> None:
    assert set(event_lexicon().types) <= set(event_types())


# -- dating rules --------------------------------------------------------------------------
def test_own_anchor_dates_the_clause() -> None:
    rows = events_of(
        "Serbia on Thursday formally demanded that its security forces return "
        "to the breakaway former Serbian province of Kosovo."
    )
    row = one(rows, "demanded")
    assert (row["start"], row["end"], row["precision"]) == (PUBLISHED, PUBLISHED, "day")
    assert row["date_basis"] == "relative"
    assert row["time_expression"] == "on Thursday" or "Thursday" in row["time_expression"]


def test_when_clause_takes_the_year_of_since() -> None:
    rows = events_of(
        "Serbian President Aleksandar Vucic told state RTS television that the government asked "
        "the commander of NATO-led peacekeepers stationed in Kosovo since 1999, when the Western "
        "alliance pushed out Serb troops from the region, to allow the return of up to 1,000 "
        "Serbian army and police officers to the Serb-populated north of the country."
    )
    push = one(rows, "when the Western alliance pushed out")
    assert push["start"] == dt.date(1999, 1, 1)
    assert push["end"] == dt.date(1999, 12, 31)
    assert push["precision"] == "year"
    told = one(rows, "told state RTS television")
    assert told["start"] == PUBLISHED and told["date_basis"] == "publication"
    assert "Aleksandar Vucic" in told["actors"]
    assert not any(r["start"] is not None and r["time_expression"] == "1,000" for r in rows)


def test_two_anchored_clauses_give_two_events() -> None:
    rows = events_of(
        "He started Apple in 1976, and in 1984 the first Macintosh personal "
        "computer was released to the public.",
        published=dt.date(2011, 10, 6),
    )
    years = sorted(r["start"].year for r in rows if r["start"] is not None)
    assert years == [1976, 1984]


def test_narrative_continues_with_context_date() -> None:
    rows = events_of(
        "Meanwhile, Kosovo's prime minister on Thursday formally tabled his country's "
        "application to be granted candidacy status for membership in the European Union.\n\n"
        "Prime Minister Albin Kurti submitted the application to Czech Minister for European "
        "Affairs Mikulas Bek, whose country currently holds the rotating EU presidency."
    )
    row = one(rows, "submitted the application")
    assert row["start"] == PUBLISHED
    assert row["date_basis"] == "context"


def test_background_and_states_stay_undated() -> None:
    rows = events_of("Kosovo's statehood has been accepted by the US and much of the West.")
    assert [r["date_basis"] for r in rows] == ["none"]
    assert rows[0]["start"] is None


LEAD = (
    "Serbia on Thursday formally demanded that its security forces return to Kosovo. "
    "Kosovo's statehood has been accepted by the US and much of the West. "
    "Serbian officials say a United Nations resolution allows it. "
)


def test_past_background_without_context_stays_undated() -> None:
    # Nothing in the text dates the bombing: it must not take the publication date.
    rows = events_of(LEAD + "NATO bombed Serbia to stop the war.")
    row = one(rows, "NATO bombed")
    assert row["date_basis"] == "none"
    assert "NATO" in row["actors"]


def test_past_tense_lead_takes_the_publication_date() -> None:
    rows = events_of(
        "Serbia officially demanded that its forces return to Kosovo, a move which "
        "is likely to inflame tensions in the breakaway region."
    )
    assert rows[0]["date_basis"] == "publication" and rows[0]["start"] == PUBLISHED


def test_present_reporting_takes_the_publication_date() -> None:
    row = one(events_of(LEAD), "Serbian officials say")
    assert row["date_basis"] == "publication"


def test_an_earlier_lead_day_dates_the_narrative() -> None:
    rows = events_of(
        "Yesterday, at this year's Apple Worldwide Developers Conference (WWDC), company CEO "
        "Steve Jobs unveiled iPhone 4. The phone has a new screen. The device costs $199. "
        "During the keynote, Jobs demoed the device's new internal gyroscope as well.",
        published=dt.date(2010, 6, 8),
    )
    lead = one(rows, "unveiled iPhone 4")
    assert lead["start"] == dt.date(2010, 6, 7) and lead["date_basis"] == "relative"
    demo = one(rows, "demoed")
    assert demo["start"] == dt.date(2010, 6, 7) and demo["date_basis"] == "context"


def test_noun_modifier_year_does_not_date_the_clause() -> None:
    rows = events_of(
        LEAD + "Apple Corps argued that the iTunes Music Store was a breach of the 1991 settlement."
    )
    assert one(rows, "Apple Corps argued")["start"] is None


def test_no_publication_date_leaves_relative_dates_unresolved() -> None:
    rows = events_of(
        "Vucic told state RTS television on Thursday that the request was made.", published=None
    )
    assert all(r["start"] is None for r in rows)
    assert all(r["date_basis"] == "none" for r in rows)


def test_pronoun_takes_the_person_last_named() -> None:
    rows = events_of(
        "Serbian President Aleksandar Vucic spoke to RTS television.\n\n"
        "He said that the request will be put on the record."
    )
    assert "Aleksandar Vucic" in one(rows, "He said")["actors"]


def test_event_ids_are_stable_and_offsets_point_at_the_clause() -> None:
    body = "NATO bombed Serbia to stop the war. Serbia raised combat readiness of its troops."
    article = article_from_text(f"T\n\n{body}\n", id="t", title="T", published=PUBLISHED)
    first, second = extract_events(article), extract_events(article)
    assert [r["event_id"] for r in first] == [r["event_id"] for r in second]
    assert len({r["event_id"] for r in first}) == len(first)
    for row in first:
        assert article.text[row["char_start"] : row["char_end"]] == row["text"]
        assert row["text"] in row["sentence"]


def test_frame_follows_the_schema() -> None:
    article = article_from_text(
        "T\n\nThere are fears that Russia could push Serbia.\n",
        id="t",
        title="T",
        published=PUBLISHED,
    )
    frame = parse_article(article)
    assert str(frame["start"].dtype).startswith("datetime64")
    assert frame["actors"].map(type).eq(list).all()
    assert pd.isna(frame.loc[0, "start"])
