"""The dating ladder on news it was not built from (issue 9, items 7-9): a date that
measures something else does not date the event, carry-over only of what continues, and the
publication day where news means it. Every sentence here is written for its rule."""

from __future__ import annotations

import datetime as dt

from timeline.article import article_from_text
from timeline.events import extract_events
from timeline.schema import DATE_BASES

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday
FILLER = (
    "The weather in the region was mild. Markets were quiet. Local schools stayed open as usual. "
)


def events_of(body: str, published: dt.date | None = PUBLISHED) -> list[dict]:
    text = f"A test article\n\n{body}\n"
    return extract_events(
        article_from_text(text, id="t", title="A test article", published=published)
    )


def one(rows: list[dict], needle: str) -> dict:
    found = [r for r in rows if needle in r["text"]]
    assert found, f"no event with {needle!r} in {[r['text'] for r in rows]}"
    return found[0]


# --- 7. a date that measures something else ------------------------------------------------


def test_record_since_a_year_does_not_date_the_event() -> None:
    row = one(events_of(FILLER + "Turnout was the highest since 1989."), "highest")
    assert row["start"] is None or row["start"].year != 1989


def test_since_records_began_does_not_date_the_storm() -> None:
    body = FILLER + "It became the first major storm to hit the island since records began in 1851."
    row = one(events_of(body), "first major storm")
    assert row["start"] is None or row["start"].year != 1851


def test_first_loss_since_a_year() -> None:
    body = FILLER + "The carmaker posted its first annual loss since 1992."
    row = one(events_of(body), "annual loss")
    assert row["start"] is None or row["start"].year != 1992


def test_comparison_with_a_year_earlier_does_not_date_the_event() -> None:
    body = FILLER + "Exports rose 5% from a year earlier, the agency said on Monday."
    row = one(events_of(body), "Exports rose")
    assert row["start"] == dt.date(2024, 3, 11)  # the Monday, not 2023


def test_reported_figure_is_dated_by_the_report_not_its_period() -> None:
    body = FILLER + "The airline posted an annual profit for the last year."
    row = one(events_of(body), "annual profit")
    assert row["start"] == PUBLISHED
    assert row["date_basis"] == "report"


def test_quarter_figure_reported_is_news_of_the_day() -> None:
    body = FILLER + "The chipmaker reported a fourth-quarter net loss of $20 million."
    row = one(events_of(body), "net loss")
    assert (row["start"], row["date_basis"]) == (PUBLISHED, "report")


def test_money_earned_in_a_year_keeps_that_year() -> None:
    # no report verb: the earning happened in its period
    row = one(events_of(FILLER + "In 2021, the brewer earned $17 million."), "earned")
    assert row["start"] == dt.date(2021, 1, 1)


def test_noun_modifier_dates_only_its_noun() -> None:
    body = FILLER + "The union accused the firm of breaking the 2019 settlement."
    row = one(events_of(body), "2019 settlement")
    assert row["start"] is None or row["start"].year != 2019


def test_month_name_modifying_a_noun_does_not_date_the_clause() -> None:
    body = FILLER + "Retailers blamed weak Christmas sales for the losses."
    row = one(events_of(body), "Christmas sales")
    assert row["start"] is None or row["start"].month != 12


def test_relative_clause_date_dates_its_own_clause() -> None:
    body = (
        FILLER
        + "The airline, whose new jet first flew in April 2005, cancelled an order on Monday."
    )
    rows = events_of(body)
    assert one(rows, "cancelled")["start"] == dt.date(2024, 3, 11)


# --- 8. carry-over only of what continues --------------------------------------------------


def test_start_of_a_span_is_not_carried_to_the_next_sentence() -> None:
    body = (
        FILLER
        + "Protesters have camped outside the ministry since March 2. Police arrested two men."
    )
    row = one(events_of(body), "Police arrested")
    assert row["start"] != dt.date(2024, 3, 2)


def test_future_deadline_is_not_carried() -> None:
    body = FILLER + "The talks must end by March 30. The mediators left the capital."
    row = one(events_of(body), "mediators left")
    assert row["start"] != dt.date(2024, 3, 30)


def test_completed_point_event_is_carried() -> None:
    body = FILLER + "Rebels attacked the town on Monday. They burned the market."
    row = one(events_of(body), "burned the market")
    assert (row["start"], row["date_basis"]) == (dt.date(2024, 3, 11), "context")


# --- 9. the publication day where news means it --------------------------------------------


def test_present_perfect_lead_is_news_of_the_day() -> None:
    rows = events_of("The airline has won an order for 30 jets. Analysts were surprised.")
    row = one(rows, "has won")
    assert (row["start"], row["date_basis"]) == (PUBLISHED, "lead")


def test_present_perfect_deep_in_the_article_is_how_things_stand() -> None:
    body = FILLER + "Critics were unconvinced. The rebels have stalled the ceasefire talks."
    row = one(events_of(body), "have stalled")
    assert (row["start"], row["date_basis"]) == (PUBLISHED, "present")


def test_present_progressive_is_going_on_at_publication() -> None:
    body = FILLER + "The carmaker is negotiating with its suppliers over the new plant."
    row = one(events_of(body), "is negotiating")
    assert (row["start"], row["date_basis"]) == (PUBLISHED, "present")


def test_perfect_progressive_is_going_on_at_publication() -> None:
    body = FILLER + "Fuel prices have been rising across the north."
    row = one(events_of(body), "have been rising")
    assert (row["start"], row["date_basis"]) == (PUBLISHED, "present")


def test_present_tense_statement_of_fact_takes_the_publication_day() -> None:
    body = FILLER + "The new tablet has a larger screen and a faster chip."
    row = one(events_of(body), "larger screen")
    assert (row["start"], row["date_basis"]) == (PUBLISHED, "present")


def test_a_present_description_with_be_stays_undated() -> None:
    body = FILLER + "The new tablet is 40 grams lighter than the old one."
    assert one(events_of(body), "lighter")["date_basis"] == "none"


def test_be_to_is_no_present_event() -> None:
    body = FILLER + "The summit is to be held in a former palace outside the capital."
    assert one(events_of(body), "to be held")["date_basis"] == "none"


def test_a_perfect_passive_state_stays_undated() -> None:
    body = FILLER + "The treaty has been ratified by most of its signatories."
    assert one(events_of(body), "ratified")["date_basis"] == "none"


def test_present_without_a_publication_date_stays_undated() -> None:
    body = FILLER + "The carmaker is negotiating with its suppliers."
    row = one(events_of(body, published=None), "is negotiating")
    assert row["start"] is None and row["date_basis"] == "none"


def test_new_bases_are_in_the_schema() -> None:
    assert {"lead", "report", "present"} <= set(DATE_BASES)


def test_relative_clause_with_its_own_date_is_an_event_of_its_own() -> None:
    body = FILLER + "The brewer, whose shares began trading in August, closed the plant on Monday."
    rows = events_of(body)
    assert one(rows, "began trading")["start"] == dt.date(2023, 8, 1)
    assert one(rows, "closed the plant")["start"] == dt.date(2024, 3, 11)


# --- 7. a time expression qualifying a noun dates that noun, as an event of its own ---------


def test_reported_quarter_figure_is_an_event_of_its_period() -> None:
    body = FILLER + "The chipmaker reported a fourth-quarter net loss of $20 million."
    rows = events_of(body)
    report = one(rows, "The chipmaker reported")
    assert (report["start"], report["date_basis"]) == (PUBLISHED, "report")
    loss = [r for r in rows if r["text"] == "fourth-quarter net loss"]
    assert loss and loss[0]["start"] == dt.date(2023, 10, 1)
    assert loss[0]["precision"] == "quarter"


def test_a_year_before_a_noun_dates_the_noun_only() -> None:
    body = FILLER + "The council still cites the 2015 flood in its planning rules."
    rows = events_of(body)
    flood = [r for r in rows if r["text"] == "2015 flood"]
    assert flood and flood[0]["start"] == dt.date(2015, 1, 1)
    assert one(rows, "The council still cites")["start"] != dt.date(2015, 1, 1)


def test_a_possessive_day_dates_its_noun() -> None:
    body = FILLER + "Shareholders responded coolly to Monday's announcement."
    rows = events_of(body)
    noun = [r for r in rows if r["text"] == "Monday's announcement"]
    assert noun and (noun[0]["start"], noun[0]["date_basis"]) == (dt.date(2024, 3, 11), "relative")


def test_the_noun_stops_before_its_verb_and_complement() -> None:
    body = FILLER + "The 1978 treaty gives the islanders fishing rights."
    texts = [r["text"] for r in events_of(body)]
    assert "1978 treaty" in texts


def test_a_year_after_a_preposition_is_no_noun_modifier() -> None:
    body = FILLER + "In 2019 sales of the drink doubled."
    rows = events_of(body)
    assert not [r for r in rows if r["text"].startswith("2019 sales")]
    assert one(rows, "sales of the drink")["start"] == dt.date(2019, 1, 1)


def test_a_figure_that_changed_in_its_period_dates_the_change() -> None:
    body = FILLER + "The chipmaker said net income fell 22% in the fourth quarter."
    row = one(events_of(body), "net income fell")
    assert (row["start"], row["precision"]) == (dt.date(2023, 10, 1), "quarter")


def test_a_reported_period_figure_that_rose_dates_the_rise() -> None:
    body = FILLER + "The brewer reported fourth-quarter net income rose 5% to $2 million."
    row = one(events_of(body), "rose 5%")
    assert (row["start"], row["precision"]) == (dt.date(2023, 10, 1), "quarter")


def test_a_noun_read_as_a_verb_before_its_past_verb_is_no_present() -> None:
    body = FILLER + "Rebels attacked the town on Monday. Sales rose sharply."
    row = one(events_of(body), "Sales rose")
    assert row["date_basis"] != "present"


# --- which event a clause holds: the source named at the end tells apart ------------------


def test_a_source_named_at_the_end_is_an_event_of_the_publication_day() -> None:
    body = FILLER + "The shopkeeper was kidnapped from his store on Tuesday night, police said."
    rows = events_of(body)
    kidnap = one(rows, "was kidnapped")
    assert kidnap["start"] == dt.date(2024, 3, 12)
    said = [r for r in rows if r["text"] == "police said"]
    assert said and (said[0]["start"], said[0]["date_basis"]) == (PUBLISHED, "publication")


def test_a_source_with_its_own_day_takes_that_day() -> None:
    body = FILLER + "Exports grew strongly in February, the statistics office reported on Monday."
    rows = events_of(body)
    assert one(rows, "Exports grew")["start"] == dt.date(2024, 2, 1)
    told = [r for r in rows if r["text"].startswith("the statistics office reported")]
    assert told and told[0]["start"] == dt.date(2024, 3, 11)


def test_according_to_at_the_end_is_apart() -> None:
    body = FILLER + "The company sold its plant last week, according to two people at the firm."
    rows = events_of(body)
    told = [r for r in rows if r["text"].startswith("according to")]
    assert told and told[0]["start"] == PUBLISHED


def test_a_source_without_another_date_stays_with_its_clause() -> None:
    body = FILLER + "Terms of the deal were not disclosed, the company said."
    rows = events_of(body)
    assert not [r for r in rows if r["text"] == "the company said"]
    assert "the company said" in one(rows, "Terms of the deal")["text"]


def test_a_due_date_after_a_noun_dates_the_noun_not_the_clause() -> None:
    body = FILLER + "The bank sold $100 million of notes due Nov. 1, 2031, at par."
    row = one(events_of(body), "The bank sold")
    assert row["start"] is None or row["start"].year != 2031


def test_a_clause_that_is_due_keeps_its_date() -> None:
    body = FILLER + "The final report is due on Friday."
    assert one(events_of(body), "final report")["start"] == dt.date(2024, 3, 15)


def test_the_end_of_an_accounting_period_is_not_carried() -> None:
    body = (
        FILLER
        + "The unit had revenue of $76 million in the year ended March 2. "
        + "The board approved a buyback of its shares."
    )
    row = one(events_of(body), "The board approved")
    assert row["start"] != dt.date(2024, 3, 2)
