"""The bundled seed article end to end: the events issue's acceptance list."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from timeline.pipeline import parse_paths

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_20e26df19170620a.txt"
THURSDAY = pd.Timestamp("2022-12-15")


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    result = parse_paths([SEED])
    assert result.articles == 1 and not result.errors
    return result.frame


def event(frame: pd.DataFrame, needle: str) -> pd.Series:
    found = frame[frame["text"].str.contains(needle, regex=False)]
    assert len(found), f"no event with {needle!r}"
    return found.iloc[0]


def test_article_header(events: pd.DataFrame) -> None:
    assert events["source"].iloc[0].startswith("Serbia demands return of its troops to Kosovo")
    assert events["published"].iloc[0] == THURSDAY


def test_demand_on_thursday(events: pd.DataFrame) -> None:
    row = event(events, "Serbia on Thursday formally demanded")
    assert (row["start"], row["end"], row["precision"]) == (THURSDAY, THURSDAY, "day")
    assert "Serbia" in row["actors"]
    assert {"Serbia", "Kosovo"} <= set(row["countries"])
    assert row["event_type"] == "DEMAND"


def test_vucic_statement(events: pd.DataFrame) -> None:
    row = event(events, "Aleksandar Vucic told state RTS television")
    assert row["start"] == THURSDAY
    assert "Aleksandar Vucic" in row["actors"]
    assert row["event_type"] == "STATEMENT"


def test_push_out_in_1999(events: pd.DataFrame) -> None:
    row = event(events, "pushed out Serb troops")
    assert (row["start"], row["end"]) == (pd.Timestamp("1999-01-01"), pd.Timestamp("1999-12-31"))
    assert row["precision"] == "year"
    assert "NATO" in row["actors"]
    assert {"Serbia", "Kosovo"} <= set(row["countries"])


def test_flare_up_during_the_past_week(events: pd.DataFrame) -> None:
    row = event(events, "flared anew during the past week")
    assert (row["start"], row["end"]) == (pd.Timestamp("2022-12-08"), THURSDAY)
    assert row["precision"] == "week"
    assert {"Serbia", "Kosovo"} <= set(row["countries"])


def test_combat_readiness_within_that_week(events: pd.DataFrame) -> None:
    row = event(events, "raised combat readiness")
    assert pd.Timestamp("2022-12-08") <= row["start"] <= row["end"] <= THURSDAY
    assert row["date_basis"] == "context"
    assert "Serbia" in row["actors"]
    assert row["event_type"] == "MOBILIZE"


def test_zakharova_statement(events: pd.DataFrame) -> None:
    row = event(events, "Maria Zakharova said on Thursday")
    assert row["start"] == THURSDAY
    assert "Maria Zakharova" in row["actors"]
    assert {"Russia", "Serbia"} <= set(row["countries"])


def test_eu_application(events: pd.DataFrame) -> None:
    row = event(events, "Albin Kurti submitted the application")
    assert row["start"] == THURSDAY
    # roles: Kurti submitted the application to Bek (the recipient, after "to")
    assert row["actors"] == ["Albin Kurti"] and row["targets"] == ["Mikulas Bek"]
    assert {"Kosovo", "Czechia"} <= set(row["countries"])
    assert row["event_type"] == "REQUEST"


def test_german_and_us_rejection(events: pd.DataFrame) -> None:
    row = event(events, "German and US officials have vehemently rejected")
    assert {"Germany", "United States"} <= set(row["countries"])
    assert row["event_type"] == "REJECT"


def test_nato_bombing(events: pd.DataFrame) -> None:
    row = event(events, "NATO bombed Serbia")
    assert "NATO" in row["actors"]
    assert "Serbia" in row["countries"]
    assert row["event_type"] == "ASSAULT"


def test_never_albania_nor_junk_dates(events: pd.DataFrame) -> None:
    assert not events["countries"].map(lambda c: "Albania" in c).any()
    expressions = set(events["time_expression"].dropna())
    assert not expressions & {"3 min read", "1,000", "one hundred", "3 min"}
    assert "3 min read" not in " ".join(events["text"])


def test_undated_events_are_kept(events: pd.DataFrame) -> None:
    undated = events[events["start"].isna()]
    assert (undated["date_basis"] == "none").all()
    assert undated["text"].str.contains("statehood has been accepted").any()


def test_offsets_point_at_the_clause(events: pd.DataFrame) -> None:
    text = SEED.read_text(encoding="utf-8")
    for row in events.itertuples():
        assert text[row.char_start : row.char_end] == row.text
    assert events["event_id"].is_unique


def test_dates_are_real_days(events: pd.DataFrame) -> None:
    dated = events.dropna(subset=["start"])
    assert (dated["start"] <= dated["end"]).all()
