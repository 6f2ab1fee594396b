"""Time expressions on unseen news (issue 9): tense from the verb the expression belongs to,
the publication day itself, months without a year, the story's own time, missing families
and words that only look like times. Every sentence here is written for its rule."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.dates import Timex, tag

WED = dt.date(2024, 3, 13)  # a Wednesday
THU = dt.date(2024, 3, 14)
NOV = dt.date(2024, 11, 20)  # a Wednesday in November
DEC28, DEC2, OCT1 = dt.date(2024, 12, 28), dt.date(2024, 12, 2), dt.date(2024, 10, 1)
JAN3, JUL10 = dt.date(2024, 1, 3), dt.date(2024, 7, 10)


def one(text: str, published: dt.date | None, expr: str) -> Timex:
    found = [t for t in tag(text, published) if t.text == expr]
    assert len(found) == 1, (expr, tag(text, published))
    return found[0]


def values(text: str, published: dt.date | None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, published)]


# --- 1. tense from the verb the expression belongs to --------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        # a plan's infinitive points forward inside past-tense reporting
        ("The minister said she planned to leave on Thursday.", "Thursday", "2024-03-14"),
        ("Rescuers were planning to reopen the pass on Monday.", "Monday", "2024-03-18"),
        ("The regulator agreed to publish its findings on Friday.", "Friday", "2024-03-15"),
        # "as early as" looks ahead
        ("Officials said a decision could come as early as Tuesday.", "Tuesday", "2024-03-19"),
        # a noun "plans" does not decide: the announcement was on the past Friday
        ("The bakery chain announced plans Friday to shut four shops.", "Friday", "2024-03-08"),
        # a possessive weekday names something done
        ("The club will appeal Monday's ruling by the league.", "Monday", "2024-03-11"),
        # a present-tense plan ("meet", "begin") looks ahead; its infinitive does not
        ("The two ministers meet separately Monday in Geneva.", "Monday", "2024-03-18"),
        ("Bakers worked late to meet demand on Monday.", "Monday", "2024-03-11"),
        # "not until" and a past "until" are not deadlines ahead
        ("The ferry did not sail until Tuesday.", "Tuesday", "2024-03-12"),
        ("The crew had stayed on board until Monday.", "Monday", "2024-03-11"),
    ],
)
def test_tense_from_the_governing_verb(sentence: str, expr: str, value: str) -> None:
    assert one(sentence, WED, expr).value == value


def test_plan_made_in_the_past_perfect_is_not_ahead() -> None:
    t = one("The vote had been scheduled to take place on Monday.", WED, "Monday")
    assert t.value == "2024-03-11"


def test_month_of_an_agreed_purchase_lies_ahead() -> None:
    t = one("The brewer agreed to buy the distillery in February.", NOV, "February")
    assert t.value == "2025-02"


# --- 2. the publication day itself ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The prime minister will travel to the border on Wednesday.", "2024-03-13"),
        ("Later on Wednesday, the council will vote on the budget.", "2024-03-13"),
        ("The council votes on the budget next Wednesday.", "2024-03-20"),
        ("The council will vote on Thursday.", "2024-03-14"),
    ],
)
def test_publication_weekday_in_a_future_clause_is_that_day(sentence: str, value: str) -> None:
    weekday = [t for t in tag(sentence, WED) if t.value.startswith("2024")]
    assert weekday[0].value == value


# --- 3. months and days without a year -----------------------------------------------------


def test_since_a_month_is_never_ahead() -> None:
    # published in February: "since March" is last March, not next month
    assert one("Prices have risen since March.", dt.date(2024, 2, 10), "March").value == "2023-03"


def test_since_a_day_is_never_ahead() -> None:
    t = one("Rents have climbed since Feb. 20.", dt.date(2024, 2, 10), "Feb. 20")
    assert t.value == "2023-02-20"


def test_present_when_clause_points_forward() -> None:
    text = "The lawyer said he filed the motion, and the judge rules when the case is heard in May."
    assert one(text, NOV, "May").value == "2025-05"


def test_same_month_in_neighbouring_sentences_keeps_its_year() -> None:
    text = (
        "The strike will start in December, the union said. Talks in December could still avert it."
    )
    assert [v for _, v in values(text, NOV)] == ["2024-12", "2024-12"]


def test_month_as_noun_modifier() -> None:
    text = "Officials praised the March accession of the two states."
    assert one(text, NOV, "March").value == "2024-03"


def test_month_day_lists_give_each_day() -> None:
    text = "The summit was held on April 24 and 25."
    assert values(text, NOV) == [("April 24", "2024-04-24"), ("25", "2024-04-25")]


def test_the_week_of_a_day() -> None:
    t = one("Hearings resume the week of March 6, 2023.", NOV, "the week of March 6, 2023")
    assert t.value == "2023-W10"
    assert t.interval is not None and t.interval.precision == "week"


# --- 4. anchored to the story's own time ---------------------------------------------------


def test_clock_time_takes_the_day_of_the_story() -> None:
    text = "On Monday, police sealed the street. Officers arrived at 9 p.m. with dogs."
    assert one(text, THU, "9 p.m.").value == "2024-03-11T21:00"


def test_month_after_last_year_stays_in_that_year() -> None:
    text = "Last year the mill cut 200 jobs. In March, it closed its second plant."
    assert one(text, NOV, "March").value == "2023-03"


def test_later_in_the_day_follows_the_day_in_focus() -> None:
    text = "On Monday the dam burst. Later in the day, the army arrived."
    assert one(text, THU, "the day").value == "2024-03-11"


# --- 5. missing families -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "published", "expr", "value"),
    [
        ("Shops stayed open on Christmas Eve.", DEC28, "Christmas Eve", "2024-12-24"),
        ("The family met at Easter.", dt.date(2024, 5, 2), "Easter", "2024-03-31"),
        ("Turkeys sold out before Thanksgiving.", DEC2, "Thanksgiving", "2024-11-28"),
        ("Voters will go to the polls on Election Day.", OCT1, "Election Day", "2024-11-05"),
        ("The riots began after Easter 2011.", NOV, "Easter 2011", "2011-04-24"),
        ("Crowds gathered on New Year's Day.", JAN3, "New Year's Day", "2024-01-01"),
        ("Fireworks were banned on Independence Day.", JUL10, "Independence Day", "2024-07-04"),
    ],
)
def test_holidays_have_their_dates(
    sentence: str, published: dt.date, expr: str, value: str
) -> None:
    assert one(sentence, published, expr).value == value


def test_lowercase_holiday_word_is_not_a_date() -> None:
    assert values("He spoke of the easter egg in the game.", NOV) == []


def test_midday_and_hours_in_the_morning() -> None:
    text = "On Monday the fire spread at midday; it was out by 4 in the morning."
    found = dict(values(text, THU))
    assert found["midday"] == "2024-03-11T12:00"
    assert found["4 in the morning"] == "2024-03-11T04:00"


def test_decades_long_and_post_year() -> None:
    found = dict(values("The decades-long feud shaped post-1959 politics.", NOV))
    assert found == {"decades-long": "PXDE", "1959": "1959"}


def test_year_lists_give_each_year() -> None:
    found = values("Floods hit the valley in 1994, 1995 and 1997.", NOV)
    assert found == [("1994", "1994"), ("1995", "1995"), ("1997", "1997")]


def test_twenty_four_hour_clock() -> None:
    assert one("The polls closed at 18:30 GMT on Sunday.", THU, "18:30 GMT on Sunday").value == (
        "2024-03-10T18:30"
    )


# --- 6. words that look like times but are not ---------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The daily reported that the mayor had resigned.",
        "According to the daily, the mayor resigned.",
        "She told 60 Minutes that she had no regrets.",
        "Thousands joined the march through the capital.",
        "Police found a 1987 Chevrolet in the river.",
    ],
)
def test_non_times(sentence: str) -> None:
    assert [t for t in tag(sentence, NOV) if t.type in ("DATE", "TIME")] == []
    assert not [t for t in tag(sentence, NOV) if t.interval is not None]


def test_daily_as_a_frequency_stays() -> None:
    assert values("The ferry runs daily.", NOV) == [("daily", "P1D")]


def test_dated_document_keeps_its_year() -> None:
    assert values("The court cited a 1971 Convention on aviation.", NOV) == [("1971", "1971")]


def test_an_age_has_no_interval() -> None:
    ages = tag("A 6-year-old boy was rescued.", NOV)
    assert all(t.interval is None and t.type == "DURATION" for t in ages)


def test_background_quarter_keeps_the_quarter_in_focus() -> None:
    text = (
        "The paper maker posted higher third-quarter profit. After a flat second quarter, "
        "it cut costs. Margins were wider than a year ago."
    )
    assert one(text, dt.date(2023, 11, 1), "a year ago").value == "2022-Q3"


def test_this_quarter_in_a_report_on_the_quarter_just_ended() -> None:
    text = "The lender posted a third-quarter loss. This quarter's loss includes a charge."
    assert one(text, dt.date(2023, 11, 1), "This quarter").value == "2023-Q3"


def test_this_quarter_without_a_report_is_the_current_one() -> None:
    assert one(
        "Sales should recover this quarter.", dt.date(2023, 11, 1), "this quarter"
    ).value == ("2023-Q4")


def test_for_the_fiscal_year_is_the_current_one() -> None:
    found = dict(values("The drop will mean lower earnings for the fiscal year.", NOV))
    assert found == {"the fiscal year": "2024"}
    ended = dict(values("In the fiscal year ended Jan. 31, sales rose.", NOV))
    assert ended["the fiscal year"] == "P1Y"


def test_last_year_compared_in_a_quarterly_report_is_that_quarter() -> None:
    text = (
        "The insurer reported third-quarter earnings of $31 million, "
        "compared with a loss of $3 million last year."
    )
    assert one(text, dt.date(2023, 11, 2), "last year").value == "2022-Q3"


def test_nine_month_figures_end_the_quarter_in_focus() -> None:
    text = (
        "The insurer reported third-quarter earnings of $31 million. "
        "For the first nine months, net was $306 million, up from $200 million a year earlier."
    )
    assert one(text, dt.date(2023, 11, 2), "a year earlier").value == "2022"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        (
            "On Monday the gunman was seen near the school. The day before the shooting, he "
            "bought a rifle.",
            "The day before",
            "2024-03-10",
        ),
        (
            "The singer died on March 2, 2021. The day after his death, fans gathered.",
            "The day after",
            "2021-03-03",
        ),
        (
            "The plant closed in 2019. The year before, it had cut 300 jobs.",
            "The year before",
            "2018",
        ),
        (
            "Rebels seized the town on Monday. The next morning, troops arrived.",
            "The next morning",
            "2024-03-12TMO",
        ),
        (
            "Rebels seized the town on Monday. That night, troops arrived.",
            "That night",
            "2024-03-11TNI",
        ),
        ("The index peaked on Oct. 12, the day before the crash.", "the day", "2023-10-12"),
    ],
)
def test_relative_to_the_date_in_focus(text: str, expr: str, value: str) -> None:
    assert one(text, THU, expr).value == value


# --- more of the same families, each from a sentence written for it -------------------------


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        # the verb after a comma or "and" heads another clause: it does not decide
        ("The envoy, who landed on Monday, will fly home on Friday.", "Monday", "2024-03-11"),
        (
            "Police said the driver had been detained on Saturday and would face a judge on "
            "Monday.",
            "Saturday",
            "2024-03-09",
        ),
        # a forecast and a schedule in the present look ahead
        ("The storm is forecast to make landfall late Thursday.", "late Thursday", "2024-03-14"),
        ("The truce takes effect on Sunday.", "Sunday", "2024-03-17"),
        ("The truce took effect on Sunday.", "Sunday", "2024-03-10"),
    ],
)
def test_tense_of_the_clause_the_expression_is_in(sentence: str, expr: str, value: str) -> None:
    assert one(sentence, WED, expr).value == value


@pytest.mark.parametrize(
    "sentence",
    [
        "USA Today first reported the figures.",
        "She said on the Today programme that prices would fall.",
        "He told NBC's Today show he would run again.",
    ],
)
def test_a_title_named_today_is_not_a_date(sentence: str) -> None:
    assert values(sentence, WED) == []


def test_today_in_a_title_case_headline_stays_a_date() -> None:
    assert values("Parliament Votes Today on Budget", WED) == [("Today", "2024-03-13")]


@pytest.mark.parametrize("word", ["Yesterday", "Today", "Tomorrow"])
def test_a_day_word_opening_a_paragraph_after_a_headline_is_a_date(word: str) -> None:
    # the headline's last word is on another line: "headline Yesterday" is no name
    text = f"Port workers end strike\n\n{word}, at the union's hall, leaders signed the deal."
    assert [t for t, _ in values(text, WED)] == [word]


def test_then_after_a_signal_is_the_date_just_named() -> None:
    text = "The offer expires on March 31. Until then, holders may convert their shares."
    assert one(text, WED, "then").value == "2024-03-31"
    since = one("The mill shut in 1998. Since then, the town has shrunk.", WED, "then")
    assert since.value == "1998" and since.interval is not None
    assert since.interval.end == WED  # "since then": up to publication
    assert values("By then it was too late.", WED) == []  # nothing named: no date


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        ("Prices will keep climbing in the months ahead.", "the months ahead", "PXM"),
        ("The decades-old dispute over the river flared again.", "decades-old", "PXDE"),
    ],
)
def test_vague_stretches(sentence: str, expr: str, value: str) -> None:
    t = one(sentence, WED, expr)
    assert (t.type, t.value, t.interval) == ("DURATION", value, None)


def test_must_and_should_look_ahead() -> None:
    assert one("The budget must be passed by Friday.", WED, "Friday").value == "2024-03-15"
    text = "The engineers said the repairs should be finished by Monday."
    assert one(text, WED, "Monday").value == "2024-03-18"


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        ("The bells rang at midnight on the day of the vote.", "midnight", "2024-03-13T24:00"),
        ("On Monday the heat peaked at noon.", "noon", "2024-03-11T12:00"),
        ("The ultimatum expires at noon Saturday.", "noon Saturday", "2024-03-16T12:00"),
    ],
)
def test_noon_and_midnight_after_a_signal(sentence: str, expr: str, value: str) -> None:
    assert one(sentence, WED, expr).value == value


def test_high_noon_is_a_title() -> None:
    assert values("The cinema showed High Noon again.", WED) == []


def test_the_first_two_quarters_are_the_first_half() -> None:
    text = "Analysts expect losses through the first two quarters of 2025."
    assert one(text, WED, "the first two quarters of 2025").value == "2025-H1"
    # "the last two quarters" stays a stretch of six months
    assert values("Sales fell in the past two quarters.", WED) == [("the past two quarters", "P2Q")]


def test_a_range_of_days_in_one_month() -> None:
    found = tag("The book fair runs from March 20 to 24.", WED)
    assert [(t.text, t.value) for t in found] == [("March 20", "2024-03-20"), ("24", "2024-03-24")]
    iv = found[0].interval
    assert iv is not None and (iv.start, iv.end) == (dt.date(2024, 3, 20), dt.date(2024, 3, 24))
    # a number after "to" that is no later day of the month is not one
    assert values("The panel voted on March 3 to 2 against.", WED) == [("March 3", "2024-03-03")]
    shop = values("The shop is open on March 20 to 5 p.m.", WED)
    assert shop[1] == ("5 p.m.", "2024-03-20T17:00")


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Today is the eighth day of the strike at the port.", "the eighth day", "2024-03-13"),
        ("It's the second day of heavy shelling in the north.", "the second day", "2024-03-13"),
        ("On Monday crowds grew. It was the third day of protests.", "the third day", "2024-03-11"),
    ],
)
def test_the_nth_day_of_a_run_is_the_day_itself(text: str, expr: str, value: str) -> None:
    assert one(text, WED, expr).value == value


def test_the_nth_day_of_an_unnamed_run_is_left_alone() -> None:
    assert values("On the third day of the trial, the witness wept.", WED) == []


@pytest.mark.parametrize(
    ("sentence", "expr"),
    [
        ("The senator lost his bitter 1996 campaign for governor.", "1996"),
        ("Analysts expect 2025 earnings of $3 a share.", "2025"),
    ],
)
def test_a_year_before_a_dated_noun(sentence: str, expr: str) -> None:
    assert one(sentence, WED, expr).value == expr


def test_a_number_before_another_noun_is_no_year() -> None:
    assert values("The union has 2000 members and 1500 votes.", WED) == []


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        # "that" opens the reported clause: its "would" is not the verb of the date
        (
            "The agency said in a statement on Saturday that it would appeal.",
            "Saturday",
            "2024-03-09",
        ),
        # "to last" is an infinitive, not the word of "last week"
        (
            "The walkout, which began on Monday, is expected to last until Friday.",
            "Friday",
            "2024-03-15",
        ),
        # a schedule in the present tense
        ("The tournament starts on Thursday.", "Thursday", "2024-03-14"),
        ("The assembly's session ends on Friday.", "Friday", "2024-03-15"),
    ],
)
def test_tense_of_reported_and_scheduled_clauses(sentence: str, expr: str, value: str) -> None:
    assert one(sentence, WED, expr).value == value


def test_clock_time_on_a_day_with_its_year() -> None:
    t = one("The quake struck at 2:46 p.m. on March 11, 2011.", WED, "2:46 p.m. on March 11, 2011")
    assert (t.value, t.relative) == ("2011-03-11T14:46", False)


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        ("Over the years, the village has lost half its people.", "the years", "PXY"),
        ("Over the decades the river has moved east.", "the decades", "PXDE"),
    ],
)
def test_over_the_years(sentence: str, expr: str, value: str) -> None:
    t = one(sentence, WED, expr)
    assert (t.type, t.value) == ("DURATION", value)


def test_a_programme_title_opening_the_sentence_is_no_duration() -> None:
    assert values("Sixty Minutes aired the interview on Sunday.", WED) == [("Sunday", "2024-03-10")]
    # in a headline in title case the same words are a duration
    assert values("Six Hours That Shook the Market", WED) == [("Six Hours", "PT6H")]


def test_an_indefinite_weekday_is_no_day_of_this_week() -> None:
    t = one("This year the festival fell on a Wednesday.", WED, "Wednesday")
    assert (t.value, t.interval) == ("XXXX-WXX-3", None)


def test_last_years_figure_in_a_quarterly_report_is_that_quarter() -> None:
    text = (
        "The brewer posted higher third-quarter profit. Sales were $2.4 billion, "
        "up from last year's $2.3 billion."
    )
    assert one(text, dt.date(2023, 10, 26), "last year").value == "2022-Q3"
    # without a quarter in focus, last year is the year
    assert one("Sales rose from last year's $2.3 billion.", NOV, "last year").value == "2023"


def test_a_weekday_naming_an_event_is_that_day() -> None:
    t = one("At a Monday news conference, the mayor resigned.", WED, "Monday")
    assert t.value == "2024-03-11"


def test_a_year_opening_a_sentence_as_its_subject() -> None:
    text = "The label sold its first player in 2001. 2007 was the year of the phone."
    assert values(text, WED) == [("2001", "2001"), ("2007", "2007"), ("the year", "2007")]
    assert values("Police counted 2000 and more. Then 1500 was the figure given.", WED) == []


def test_the_verb_last_is_not_the_word_of_last_week() -> None:
    assert one("The talks will last through the weekend.", WED, "the weekend").value == (
        "2024-W11-WE"
    )
    assert one("The storm could last until Friday.", WED, "Friday").value == "2024-03-15"


def test_the_days_before_an_event_of_the_day_in_focus() -> None:
    text = "The gunman opened fire on Monday. In the days before the shooting, he posted threats."
    t = one(text, WED, "the days")
    assert t.value == "PXD" and t.interval is not None
    assert (t.interval.start, t.interval.end) == (dt.date(2024, 3, 4), dt.date(2024, 3, 10))
    after = one(
        "The singer died on March 2. In the weeks after his death, sales soared.", WED, "the weeks"
    )
    assert after.interval is not None
    assert (after.interval.start, after.interval.end) == (dt.date(2024, 3, 3), WED)
    # no day named: a vague stretch, no interval
    assert one("In the days before the vote, he vanished.", WED, "the days").interval is None


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        ("Beer sales were flat in the last half of the '80s.", "the '80s", "198"),
        ("In the second half of the 1990s, the mill doubled output.", "the 1990s", "199"),
    ],
)
def test_half_of_a_decade_is_not_half_a_year(sentence: str, expr: str, value: str) -> None:
    assert values(sentence, WED) == [(expr, value)]


def test_year_end_of_the_year_the_story_is_in() -> None:
    text = "Profit was weak in 2019, when year-end sales were lower than in 2018."
    assert one(text, WED, "year-end").value == "2019-12-31"
    ahead = "Sales in 2022 were weak. The plant will close at year-end."
    assert one(ahead, WED, "year-end").value == "2024-12-31"


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        ("Such rules make no sense in today's world.", "today", "PRESENT_REF"),
        ("Planners sketched the cities of tomorrow.", "tomorrow", "FUTURE_REF"),
        ("Today's vote was close.", "Today", "2024-03-13"),
        ("The result of tomorrow's vote is open.", "tomorrow", "2024-03-14"),
    ],
)
def test_today_and_tomorrow_in_general(sentence: str, expr: str, value: str) -> None:
    assert one(sentence, WED, expr).value == value


def test_later_with_no_date_named_is_only_a_stretch() -> None:
    assert values("Two days later, the colonel died.", WED) == [("Two days later", "P2D")]
    dated = "The storm hit on Monday. Two days later, the colonel died."
    assert one(dated, WED, "Two days later").value == "2024-03-13"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        (
            "Troops entered the city on Monday. That same day, the president resigned.",
            "That same day",
            "2024-03-11",
        ),
        (
            "The mine flooded on March 2. Later that day, rescuers arrived.",
            "Later that day",
            "2024-03-02",
        ),
    ],
)
def test_that_same_day_is_the_day_in_focus(text: str, expr: str, value: str) -> None:
    assert one(text, WED, expr).value == value
