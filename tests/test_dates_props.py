"""Property tests of the tagger: it never raises, spans are faithful, intervals ordered."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import _engine as T
from timeline.dates import tag
from timeline.dates._context import lowered

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


# --- the fast paths of the scanner give what the plain scan gives


def _plain_candidates(text: str) -> list[tuple[int, int, str | None]]:
    """The scan without its shortcuts: every anchor, every starter token of the look-back,
    the whole alternation of rules, digit anchors found by a scan of every character."""
    import re
    from bisect import bisect_right

    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    tokens = [(m.start(), m.group()) for m in re.finditer(r"[a-z]+|\d+", low)]
    starts = [s for s, _ in tokens]
    anchors = {s for s, t in tokens if t in T._ANCHORS}
    anchors |= {m.start() for m in T._DIGIT_ANCHOR.finditer(low)}
    out, done = [], 0
    for a in sorted(anchors):
        if a < done:
            continue
        j = bisect_right(starts, a) - 1
        for k in range(max(0, j - T._LOOKBACK), j + 1):
            pos, tok = tokens[k]
            if pos < done or (k < j and tok not in T._STARTERS and not tok[0].isdigit()):
                continue
            m = T.MASTER.match(low, pos)
            if m is not None and m.end() > a:
                out.append((m.start(), m.end(), m.lastgroup))
                done = m.end()
                break
    return out


@settings(max_examples=400, deadline=None)
@given(texts)
def test_shortcuts_of_the_scan_change_nothing(text: str) -> None:
    fast = [(m.start(), m.end(), m.lastgroup) for m, _ in T._candidates(lowered(text))]
    assert fast == _plain_candidates(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "s", "ma", "marc", "weekends", "centuries"]), max_size=8))
def test_word_trie_prefers_the_longest_word_like_an_alternation(words: list[str]) -> None:
    import re

    from timeline.dates._lexicon import MONTHS, UNIT_PLURALS, UNITS, alt

    text = " ".join(words).lower()
    for table, plural in ((MONTHS, False), (UNITS, True), (MONTHS, True)):
        plain = []  # the longest-first alternation the trie replaced
        for w in sorted(table, key=len, reverse=True):
            p = re.escape(w).replace(r"\ ", r"\s+")
            if plural:
                irregular = UNIT_PLURALS.get(w)
                p = f"(?:{re.escape(irregular)}|{p}s?)" if irregular else p + "s?"
            plain.append(p)
        reference = re.compile("(?:" + "|".join(plain) + r")(?!\w)", re.I)
        trie = re.compile(alt(table, plural=plural) + r"(?!\w)", re.I)
        for pos in range(len(text)):
            a, b = reference.match(text, pos), trie.match(text, pos)
            assert (a and a.group()) == (b and b.group()), (text, pos)
