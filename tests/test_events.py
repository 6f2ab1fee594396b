"""Events stage: clauses, dating rules, participants and types, on real sentences."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline._clauses import Quotes, quoted_spans, segments, tense
from timeline._event_lexicon import event_lexicon, event_types
from timeline.article import article_from_text
from timeline.events import extract_events
from timeline.pipeline import parse_article

PUBLISHED = dt.date(2022, 12, 15)  # a Thursday


def events_of(body: str, published: dt.date | None = PUBLISHED) -> list[dict]:
    text = f"A test article\n\n{body}\n"
    rows = extract_events(
        article_from_text(text, id="t", title="A test article", published=published)
    )
    # the placeholder title is an event of its own (headlines: tests/test_headline.py)
    return [r for r in rows if r["text"] != "A test article"]


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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "Summit" is a verb form of the lexicon, but here it ends a name
        (
            "Yesterday, at this year's Hooli Open Builders Summit (HOBS), company CEO Dana "
            "Reyes unveiled zPhone 4.",
            "past",
        ),
        ("The Open Arms Fund Summit ended on Monday.", "past"),
        # in a title-case headline the capitalised verb is the verb
        ("Kosovo Serbs Erect Barricades", "present"),
        ("NATO Summit Opens in Madrid", "present"),
    ],
)
def test_a_capitalised_verb_form_inside_a_name_is_no_verb(sentence: str, expected: str) -> None:
    assert tense(sentence, 0, len(sentence)) == expected


def test_the_lead_day_holds_when_the_event_name_ends_in_a_verb_form() -> None:
    rows = events_of(
        "Yesterday, at this year's Hooli Open Builders Summit (HOBS), company CEO "
        "Dana Reyes unveiled zPhone 4. In April, the gadget blog Gadgetly obtained a "
        "test unit of the new phone. At the summit, Reyes joked about the leak.",
        published=dt.date(2010, 6, 8),
    )
    assert one(rows, "unveiled")["start"] == dt.date(2010, 6, 7)
    assert one(rows, "Reyes joked")["start"] == dt.date(2010, 6, 7)


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
        "He started Hooli in 1979, and in 1986 the first Lattice home "
        "computer was sold to the public.",
        published=dt.date(2011, 10, 6),
    )
    years = sorted(r["start"].year for r in rows if r["start"] is not None)
    assert years == [1979, 1986]


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
        "Yesterday, at this year's Hooli Open Builders Conference (HOBC), company CEO "
        "Dana Reyes unveiled zPhone 4. The phone has a larger battery. The device costs $249. "
        "During the keynote, Reyes demoed the device's new rear camera as well.",
        published=dt.date(2010, 6, 8),
    )
    lead = one(rows, "unveiled zPhone 4")
    assert lead["start"] == dt.date(2010, 6, 7) and lead["date_basis"] == "relative"
    demo = one(rows, "demoed")
    assert demo["start"] == dt.date(2010, 6, 7) and demo["date_basis"] == "context"


def test_noun_modifier_year_does_not_date_the_clause() -> None:
    rows = events_of(
        LEAD + "Orchard Corps argued that the zTunes Music Store was a violation of the 1991 "
        "accord."
    )
    assert one(rows, "Orchard Corps argued")["start"] is None


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
    # the title "T" is the headline event; the body's clause is undated
    assert frame["text"].tolist() == ["T", "There are fears that Russia could push Serbia."]
    assert pd.isna(frame.loc[1, "start"])


# -- a company's story: actors and dating rules ---------------------------------------------
# a lead naming a conference day by weekday, then a past-tense announcement with a future
# "that" clause (published 6 June 2005, a Monday)
KEYNOTE = (
    "Hooli Computer CEO and co-founder Dana Reyes gave his yearly opening speech to the Open "
    "Builders Conference (OBC) at Harbor Hall in Portland, Oregon on "
    "Monday. He announced a tight pairing of livestreaming with zTunes, and, to the "
    "surprise of many, that future Hooli Lattice laptops will run on Vireo chips. "
)
KEYNOTE_DAY = dt.date(2005, 6, 6)


def test_subject_pronoun_names_the_person_beside_others() -> None:
    # a person, an appositive naming a company with "Inc.", then "He" and a name with an initial
    rows = events_of(
        "Mark Halden, the chief executive officer of Hooli Inc., announced Monday in a staff "
        "email that he would take a leave of absence. He left current finance chief "
        "Martin J. Okafor in charge of the daily business.",
        published=dt.date(2011, 1, 17),
    )
    row = one(rows, "He left")
    # roles: Halden acted, Okafor is the object ("left Okafor in charge")
    assert row["actors"] == ["Mark Halden"] and row["targets"] == ["Martin J. Okafor"]


def test_a_state_does_not_set_the_date_in_focus() -> None:
    rows = events_of(
        KEYNOTE + "The Lattice share of sales is up 64% from 8 months ago. "
        "Reyes then moved on to talk about a long awaited feature - Livestreaming.",
        published=KEYNOTE_DAY,
    )
    row = one(rows, "Reyes then moved on")
    assert row["start"] == KEYNOTE_DAY and row["date_basis"] == "context"


def test_the_leads_people_continue_its_story() -> None:
    rows = events_of(
        KEYNOTE + "Reyes greeted the crowd at the event and announced that there were 4,200 "
        "guests. There are over 300,000 makers of Hooli programs (apps). "
        "There are over 6,000 livestreams. He demoed the Weather Dashboard widget.",
        published=KEYNOTE_DAY,
    )
    row = one(rows, "He demoed")
    assert row["start"] == KEYNOTE_DAY and row["date_basis"] == "context"
    assert row["actors"][0] == "Dana Reyes"


def test_the_story_wins_over_a_digression_of_other_actors() -> None:
    # a digression by another actor in April is not the keynote's day
    rows = events_of(
        "Yesterday, at this year's Hooli Open Builders Conference (HOBC), company CEO "
        "Dana Reyes unveiled zPhone 4. In April, the gadget blog Gadgetly obtained a "
        "test unit of the new phone and printed photos of it online. While presenting "
        "zPhone 4, at the yearly conference, Reyes started by joking about the leak.",
        published=dt.date(2010, 6, 8),
    )
    assert one(rows, "Gadgetly obtained")["start"] == dt.date(2010, 4, 1)
    assert one(rows, "Reyes started")["start"] == dt.date(2010, 6, 7)


def test_a_phrase_without_a_verb_belongs_to_the_clause_before() -> None:
    # "until September 30" dates the free cases only
    rows = events_of(
        "Hooli's covers were sold at US $35 before the media event, but will be free "
        "to anyone with a zPhone 4 until September 30. Reyes also said that those who had "
        "already bought a cover will receive their money back for it.",
        published=dt.date(2010, 7, 17),
    )
    free = one(rows, "but will be free")
    assert free["text"].endswith("until September 30.")
    assert free["start"] == dt.date(2010, 9, 30)
    assert one(rows, "sold at")["start"] != dt.date(2010, 9, 30)
    assert one(rows, "Reyes also said")["start"] != dt.date(2010, 9, 30)


def test_the_time_of_a_reported_clause_does_not_date_the_saying() -> None:
    rows = events_of(
        KEYNOTE + "Dana announced that Lattice OS 9 Cedar would be released in 2007, the same "
        "year as Initech's Bramble.",
        published=KEYNOTE_DAY,
    )
    said = one(rows, "Dana announced")
    assert said["start"] == KEYNOTE_DAY and "Dana Reyes" in said["actors"]
    release = one(rows, "that Lattice OS 9 Cedar would be released")
    assert release["start"] == dt.date(2007, 1, 1) and release["precision"] == "year"
    assert "Dana Reyes" not in release["actors"]


def test_a_relative_clause_does_not_give_the_main_clause_its_tense() -> None:
    # a present main clause whose relative clause is a past passive
    rows = events_of(
        "On Wednesday, Hooli introduced a zPod able to play films. Other plans for "
        "the film store involve the cartoon studio Lumenworks, which was founded by current "
        "Hooli CEO Dana Reyes.",
        published=dt.date(2005, 10, 12),
    )
    assert one(rows, "Other plans")["date_basis"] == "none"


def test_a_year_after_a_possessive_qualifies_the_noun() -> None:
    # "the company's 2010 Open Developer's Conference"
    rows = events_of(
        LEAD + "The newest zPhone, zPhone 4 was introduced by Hooli CEO Dana Reyes at the "
        "company's 2010 Open Developer's Conference."
    )
    assert one(rows, "was introduced")["time_expression"] != "2010"


def test_a_quotation_running_over_sentences_hides_its_verbs() -> None:
    # the second sentence starts inside the quotation
    text = (
        '" We are going to turn the laptop into just a screen. We are going to move the whole '
        'desk, the heart of your working day, onto the network, " said Dana Reyes.'
    )
    second = text.index("We are going to move")
    assert Quotes(text).inside(second) and not Quotes(text).inside(0)
    quotes = quoted_spans(text, second, len(text), inside=True)
    assert quotes[0] == (second, text.index('" said') + 1)
    assert tense(text, second, len(text), quotes) == "past"


def test_it_opening_a_sentence_is_the_thing_named_before() -> None:
    # a product named in a passive lead, then "It is slated" (published 14 June 2010)
    rows = events_of(
        "The newest zPhone, zPhone 4 was introduced by Hooli CEO Dana Reyes at the company's "
        "2010 Open Developer's Conference. It is slated for a U.S. launch on June 24, "
        "priced from US $249.",
        published=dt.date(2010, 6, 14),
    )
    row = one(rows, "It is slated")
    # roles: "It is slated" is a passive, so the phone is what is acted on (no agent named)
    assert row["targets"] == ["zPhone 4"] and row["start"] == dt.date(2010, 6, 24)


def test_present_perfect_reporting_takes_the_publication_date() -> None:
    # a present-perfect saying with a title before the name
    rows = events_of(
        "Presiding Judge Karl Weber has stated that he uses a zPod pocket music player, "
        "which is built by Hooli Computer.",
        published=dt.date(2006, 3, 28),
    )
    row = one(rows, "has stated")
    assert row["date_basis"] == "publication" and row["start"] == dt.date(2006, 3, 28)
    assert row["actors"][0] == "Karl Weber"


def test_people_named_in_a_quotation_are_not_its_actors() -> None:
    # a first name inside the quotation stands for a person named before
    rows = events_of(
        "The co-founder and former chief executive officer of Hooli Inc. Mark Halden has died "
        'yesterday at the age of 61. United States President Helen Marsh said " Mark was '
        'one of the finest American builders - bold enough to try what others would not. "',
        published=dt.date(2011, 10, 6),
    )
    assert one(rows, "Helen Marsh said")["actors"] == ["Helen Marsh"]


_WORDS = [
    "Serbia",
    "Kosovo",
    "Vucic",
    "Dana",
    "Reyes",
    "Hooli",
    "zPhone 4",
    "He",
    "he",
    "It",
    "The",
    "company",
    "said",
    "announced",
    "that",
    "which",
    "when",
    "and",
    "but",
    "until",
    "in",
    "on",
    "1999",
    "Monday",
    "yesterday",
    "last",
    "week",
    "has",
    "been",
    "was",
    "will",
    "demoed",
    ",",
    ".",
    ";",
    '"',
    "“",
    "”",
    "'s",
    "\n\n",
    "since",
    "CEO",
    "President",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join),
    st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
)
def test_never_raises_and_offsets_point_at_the_clause(body: str, published: dt.date | None) -> None:
    article = article_from_text(f"T\n\n{body}\n", id="p", title="T", published=published)
    for row in extract_events(article):
        assert article.text[row["char_start"] : row["char_end"]] == row["text"]
        assert row["text"] and row["text"] in row["sentence"]
        assert (row["start"] is None) == (row["date_basis"] == "none")


def test_it_in_a_quotation_is_the_speakers() -> None:
    # seeds/001_belgrade_asks_kfor.txt
    rows = events_of(
        "President Aleksandar Vucic told state broadcaster RTS that the government had asked "
        'the commander of the peacekeepers. "It is almost certain that this will not be '
        'granted," Vucic said.'
    )
    assert one(rows, "Vucic said")["actors"] == ["Aleksandar Vucic"]


def test_subject_pronoun_prefers_the_subject_of_the_sentence_before() -> None:
    # "He" is Brennan, not Rivers named after him, and the "he" inside the quotation is not
    # an actor of the clause; "Rivers ' success" is a possessive of a name in -s, split apart
    rows = events_of(
        "Paul Brennan credits Tom Rivers ' rise to the skill of holding back a "
        'product until it is ready. He states " Many things could have shipped '
        'sooner, but he wanted them right. "',
        published=dt.date(2011, 8, 25),
    )
    assert one(rows, "He states")["actors"] == ["Paul Brennan"]
