"""Filters of the events frame and their round trip through the URL."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.filters import ACTOR_ROLES, Filters, apply, from_query_params, to_query_params


def ids(frame) -> set[str]:
    return set(frame["event_id"])


def test_default_keeps_everything(seed_events):
    assert len(apply(seed_events, Filters())) == len(seed_events)


def test_actor_is_any_of(seed_events):
    assert ids(apply(seed_events, Filters(actors=("Serbia",)))) == {"demand", "flared"}
    both = apply(seed_events, Filters(actors=("Serbia", "NATO")))
    assert ids(both) == {"demand", "flared", "pushout"}


def test_actor_role_acted_targeted_or_either(seed_events):
    frame = seed_events.copy()
    frame.loc[frame["event_id"] == "pushout", "targets"] = pd.Series([["Serbia"]], index=[2])
    either = Filters(actors=("Serbia",))
    assert ids(apply(frame, either)) == {"demand", "flared", "pushout"}
    acted = Filters(actors=("Serbia",), actor_role="acted")
    assert ids(apply(frame, acted)) == {"demand", "flared"}
    targeted = Filters(actors=("Serbia", "RTS"), actor_role="target")
    assert ids(apply(frame, targeted)) == {"pushout", "rts"}
    assert ids(apply(frame, Filters(actor_role="target"))) == ids(frame)  # no actor chosen


def test_actor_role_is_checked_and_survives_the_url():
    with pytest.raises(ValueError, match="unknown actor role"):
        Filters(actor_role="victim")
    filters = Filters(actors=("NATO",), actor_role="target")
    params = to_query_params(filters)
    assert params == {"actor": ["NATO"], "role": "target"}
    assert from_query_params(params) == filters
    assert from_query_params({"actor": "NATO", "role": "bogus"}).actor_role == "either"
    assert filters.describe() == "actor: NATO (was targeted)"
    assert filters.slug() == "timeline_nato_target"
    assert set(ACTOR_ROLES) == {"either", "acted", "target"}


def test_facets_combine(seed_events):
    picked = apply(seed_events, Filters(countries=("Serbia",), event_types=("STATEMENT",)))
    assert ids(picked) == {"rts", "zakharova"}


def test_date_range_keeps_overlapping_events(seed_events):
    """The week 8-15 Dec overlaps 10 Dec; the year 1999 does not."""
    picked = apply(
        seed_events,
        Filters(start=dt.date(2022, 12, 10), end=dt.date(2022, 12, 10), include_undated=False),
    )
    assert ids(picked) == {"flared"}
    century = apply(seed_events, Filters(end=dt.date(2000, 1, 1), include_undated=False))
    assert ids(century) == {"pushout"}  # all of 1999 lies before 2000


def test_undated_kept_unless_excluded(seed_events):
    assert "rejected" in ids(apply(seed_events, Filters(start=dt.date(2022, 12, 1))))
    assert "rejected" not in ids(apply(seed_events, Filters(include_undated=False)))


def test_text_search_is_case_insensitive_and_literal(seed_events):
    assert ids(apply(seed_events, Filters(text="BARRICADES"))) == {"flared"}
    assert ids(apply(seed_events, Filters(text="1,000 Serbian"))) == {"rts", "pushout"}
    assert ids(apply(seed_events, Filters(text="(Serbian"))) == set()  # no regex error


def test_apply_keeps_index(seed_events):
    picked = apply(seed_events, Filters(actors=("NATO",)))
    assert list(picked.index) == [2]


def test_query_params_round_trip():
    filters = Filters(
        actors=("Aleksandar Vucic", "NATO"),
        countries=("Kosovo",),
        event_types=("DEMAND",),
        start=dt.date(2022, 12, 1),
        end=dt.date(2022, 12, 31),
        text="barricades",
        include_undated=False,
    )
    params = to_query_params(filters)
    assert params["actor"] == ["Aleksandar Vucic", "NATO"]
    assert params["from"] == "2022-12-01"
    assert params["undated"] == "0"
    assert from_query_params(params) == filters
    assert to_query_params(Filters()) == {}


def test_bad_query_params_are_ignored():
    filters = from_query_params({"from": "yesterday", "to": "2022-13-45", "x": "1", "actor": ""})
    assert filters == Filters()
    swapped = from_query_params({"from": "2022-12-31", "to": "2022-12-01"})
    assert (swapped.start, swapped.end) == (dt.date(2022, 12, 1), dt.date(2022, 12, 31))
    assert from_query_params({"actor": "Serbia"}).actors == ("Serbia",)


def test_describe_and_slug():
    filters = Filters(actors=("Aleksandar Vucic",), start=dt.date(2022, 12, 1))
    assert filters.describe() == "actor: Aleksandar Vucic; dates: 2022-12-01 to …"
    assert filters.slug() == "timeline_aleksandar-vucic_2022-12-01"
    assert Filters().slug() == "timeline"
    assert "/" not in Filters(text="../../etc/passwd").slug()


texts = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)


@given(
    actors=st.lists(texts.filter(str.strip), max_size=3, unique=True),
    text=texts,
    undated=st.booleans(),
    start=st.none() | st.dates(),
)
def test_any_filters_survive_the_url(actors, text, undated, start):
    filters = Filters(
        actors=tuple(a.strip() for a in actors),
        text=text.strip(),
        include_undated=undated,
        start=start,
    )
    if len(set(filters.actors)) == len(filters.actors):
        assert from_query_params(to_query_params(filters)) == filters


def test_fast_enough_shape(make_events):
    """Filtering a large frame gives a frame of the same columns (speed is in bench/)."""
    frame = make_events(2_000)
    picked = apply(frame, Filters(actors=("NATO",), text="number"))
    assert list(picked.columns) == list(frame.columns)
    assert all("NATO" in a for a in picked["actors"])


def test_article_filter_and_its_link(seed_events) -> None:
    import pandas as pd

    from timeline.filters import Filters, apply, from_query_params, to_query_params

    other = seed_events.head(2).assign(event_id=["o1", "o2"], article_id="other")
    frame = pd.concat([seed_events, other], ignore_index=True)
    wanted = Filters(articles=("other",))
    assert list(apply(frame, wanted)["event_id"]) == ["o1", "o2"]
    assert to_query_params(wanted) == {"article": ["other"]}
    assert from_query_params({"article": ["other"]}) == wanted
    assert "1 article(s)" in wanted.describe()
