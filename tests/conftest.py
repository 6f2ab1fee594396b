"""Shared fixtures: events frames built with the schema, from the seed article's sentences;
the dashboard run headless (AppTest) on a data folder of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from timeline.export import write_events
from timeline.schema import new_frame

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")  # the Streamlit app

SEED = "seeds/000_20e26df19170620a.txt"
TITLE = "Serbia demands return of its troops to Kosovo as tensions in breakaway province soar"


def event(**fields: Any) -> dict[str, Any]:
    """One schema row with plausible defaults; `fields` override them."""
    row: dict[str, Any] = {
        "event_id": "e0",
        "article_id": "000_20e26df19170620a",
        "source": TITLE,
        "source_path": SEED,
        "published": "2022-12-15",
        "sentence": "",
        "text": "",
        "char_start": 0,
        "char_end": 0,
        "start": "2022-12-15",
        "end": "2022-12-15",
        "precision": "day",
        "time_expression": "",
        "date_basis": "publication",
        "actors": [],
        "countries": [],
        "country_codes": [],
        "event_type": "STATEMENT",
    }
    row.update(fields)
    return row


SEED_EVENTS: list[dict[str, Any]] = [
    event(
        event_id="demand",
        sentence="Serbia on Thursday formally demanded that its security forces return to the "
        "breakaway former Serbian province of Kosovo, despite warnings from the West that such "
        "calls are unlikely to be accepted and only add to tensions in that part of the Balkans.",
        text="Serbia on Thursday formally demanded that its security forces return",
        time_expression="on Thursday",
        date_basis="relative",
        actors=["Serbia"],
        countries=["Serbia", "Kosovo"],
        country_codes=["SRB", "XKX"],
        event_type="DEMAND",
    ),
    event(
        event_id="rts",
        sentence="Serbian President Aleksandar Vucic told state RTS television that the "
        "government asked the commander of NATO-led peacekeepers stationed in Kosovo since "
        "1999, when the Western alliance pushed out Serb troops from the region, to allow the "
        "return of up to 1,000 Serbian army and police officers to the Serb-populated north of "
        "the country.",
        text="Serbian President Aleksandar Vucic told state RTS television",
        actors=["Aleksandar Vucic"],
        targets=["RTS"],
        countries=["Serbia"],
        country_codes=["SRB"],
        event_type="STATEMENT",
    ),
    event(
        event_id="pushout",
        sentence="Serbian President Aleksandar Vucic told state RTS television that the "
        "government asked the commander of NATO-led peacekeepers stationed in Kosovo since "
        "1999, when the Western alliance pushed out Serb troops from the region, to allow the "
        "return of up to 1,000 Serbian army and police officers to the Serb-populated north of "
        "the country.",
        text="when the Western alliance pushed out Serb troops from the region",
        start="1999-01-01",
        end="1999-12-31",
        precision="year",
        time_expression="1999",
        date_basis="explicit",
        actors=["NATO"],
        countries=["Serbia", "Kosovo"],
        country_codes=["SRB", "XKX"],
        event_type="ASSAULT",
    ),
    event(
        event_id="flared",
        sentence="Tensions between Serbia and Kosovo flared anew during the past week after "
        "Serbs erected barricades on the main roads in the north of the province to protest "
        "the arrest of a former Kosovo Serb police officer.",
        text="Tensions between Serbia and Kosovo flared anew during the past week",
        start="2022-12-08",
        end="2022-12-15",
        precision="week",
        time_expression="during the past week",
        date_basis="relative",
        actors=["Serbia", "Kosovo"],
        countries=["Serbia", "Kosovo"],
        country_codes=["SRB", "XKX"],
        event_type="PROTEST",
    ),
    event(
        event_id="rejected",
        sentence="German and US officials have vehemently rejected any idea of the return of "
        "Serbian security forces to the region.",
        text="German and US officials have vehemently rejected any idea",
        start=None,
        end=None,
        precision=None,
        date_basis="none",
        actors=["Germany", "United States"],
        countries=["Germany", "United States"],
        country_codes=["DEU", "USA"],
        event_type="REJECT",
    ),
    event(
        event_id="zakharova",
        sentence="Russian Foreign Ministry spokeswoman Maria Zakharova said that Moscow "
        "supports Belgrade.",
        text="Maria Zakharova said that Moscow supports Belgrade",
        actors=["Maria Zakharova"],
        countries=["Russia", "Serbia"],
        country_codes=["RUS", "SRB"],
        event_type="STATEMENT",
    ),
]


@pytest.fixture
def seed_events() -> pd.DataFrame:
    """Six events of the seed article, as the parser is meant to find them."""
    return new_frame(SEED_EVENTS)


def synthetic(n: int, seed: int = 0) -> pd.DataFrame:
    """`n` dated one-day events in 2022, 1-2 actors each, for size and speed checks."""
    rng = np.random.default_rng(seed)
    actors = ["Serbia", "Kosovo", "NATO", "Russia", "European Union", "Albin Kurti"]
    days = pd.to_datetime("2022-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D")
    picks = rng.integers(0, len(actors), (n, 2))
    return new_frame(
        event(
            event_id=f"s{i}",
            start=days[i],
            end=days[i],
            sentence=f"Event number {i}.",
            actors=sorted({actors[picks[i, 0]], actors[picks[i, 1]]}),
            countries=["Serbia"],
            event_type=("DEMAND", "REJECT", "STATEMENT")[i % 3],
        )
        for i in range(n)
    )


@pytest.fixture
def make_events():
    """Factory: make_events(n) gives `n` synthetic one-day events."""
    return synthetic


# --- the dashboard, headless --------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path, monkeypatch, seed_events) -> Path:
    """A data folder holding the six seed events as events.parquet, made the dashboard's
    (TIMELINE_DATA_DIR)."""
    folder = tmp_path / "data"
    write_events(seed_events, folder / "events.parquet")
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(folder))
    return folder


def new_app() -> Any:
    """A new session of the dashboard, not run yet (set its query parameters first)."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(APP, default_timeout=120)


def run_app(at: Any = None) -> Any:
    """Run the dashboard (a new session, or `at` again) and check that the page is there:
    no exception, and its title (a script that fails to compile leaves no exception)."""
    if at is None:  # not `at or ...`: an AppTest that has not run yet is falsy
        at = new_app()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title and at.title[0].value.startswith("Timeline")
    return at


# --- the dashboard in a real browser (tests/test_browser*.py) -----------------------------

CHROMIUM = Path("/usr/bin/chromium")
# The marks of a real-browser test module: `pytestmark = BROWSER_TESTS`.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (install it: make chromium)"
    ),
]


@pytest.fixture
def dashboard_url(data_dir):
    """The dashboard served on `data_dir` (`streamlit run` in a subprocess): its URL."""
    from scripts.browser_helpers import serve

    with serve(data_dir) as url:
        yield url


@pytest.fixture
def browser():
    """The system Chromium, headless, through playwright (closed after the test)."""
    from playwright.sync_api import sync_playwright

    from scripts.browser_helpers import launch

    with sync_playwright() as p:
        chromium = launch(p)
        try:
            yield chromium
        finally:
            chromium.close()
