"""Property tests of the tagger: it never raises, spans are faithful, intervals ordered."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import tag

# Text built from time-ish words and punctuation finds far more matches than random text.
WORDS = [
    "the",
    "past",
    "week",
    "last",
    "next",
    "year",
    "years",
    "ago",
    "since",
    "between",
    "and",
    "from",
    "to",
    "on",
    "Thursday",
    "Monday",
    "May",
    "March",
    "Dec.",
    "15",
    "30",
    "1999",
    "2012",
    "1990s",
    "'80s",
    "third-quarter",
    "quarter",
    "early",
    "late",
    "mid-",
    "a",
    "two",
    "three",
    "48",
    "hours",
    "every",
    "each",
    "now",
    "recently",
    "yesterday",
    "today",
    "3",
    "p.m.",
    "noon",
    "summer",
    "weekend",
    "century",
    "20th",
    "earlier",
    "this",
    "month",
    ",",
    ".",
    "will",
    "said",
    "fiscal",
    "1/2",
    "12/15/2022",
    "2022-02-30",
    "Feb.",
    "29",
    "0",
    "31",
    "\n",
    "–",
    "’",
    "İ",
    "ß",
    "ﬁ",
]

dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(texts, st.one_of(st.none(), dates))
def test_never_raises_and_spans_are_faithful(text: str, published: dt.date | None) -> None:
    found = tag(text, published)
    last_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.start >= last_end  # in order, not overlapping
        last_end = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value
        if t.interval is not None:
            assert t.interval.start <= t.interval.end


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join))
def test_without_publication_date_relative_ones_have_no_interval(text: str) -> None:
    found = tag(text, None)
    if not any(t.interval is not None and not t.relative for t in found):
        # no explicit date to count from: nothing relative can be placed on the calendar
        assert all(t.interval is None for t in found if t.relative)


def test_non_str_input_gives_nothing() -> None:
    assert tag("", dt.date(2022, 12, 15)) == []
    assert tag(None, None) == []  # type: ignore[arg-type]
