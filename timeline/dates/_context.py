"""What the rule handlers see: the match, the document context, and the tense of a clause.

- `RuleMatch`: a match of one rule, its groups read by name from the original text.
- `Context`: the text, the publication date and the date in focus, updated as the engine
  walks the text left to right ("The previous day", "the following month", "that year", "a
  year earlier" count from the date in focus: the last date, named month or period the text
  named, else the publication date; "the month" and "the week" only from a day, week or
  month in focus, else from the publication date).
- `clause_tense`: the tense of the clause an expression sits in. The nearest tense marker
  (will, 'll, would, is to, scheduled, said, was, -ed verbs, ...) in the same sentence; a
  participle after an auxiliary ("will be named", "would be paid"), an adjective in
  un-...-ed ("a still unspecified date"), a plan in the past perfect ("had been scheduled
  to", "had been due to expire") do not count, nor do "until" and "deadline" after the
  expression.
- Calendar choices that depend on tense: the weekday, the month and the year of a month
  and day without a year (`weekday_date`, `month_year`, `nearest_year`).
- "May" is the modal, not the month, before a bare verb or "have/be/not" ("this may have
  a large impact") and after a subject ("which may", "it may") before a lower-case word
  (`modal_may`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from timeline.dates import Interval, TimexType
from timeline.dates import _calendar as cal
from timeline.dates._lexicon import (
    INTENT_TO,
    MAY_MODAL_NEXT,
    MAY_SUBJECTS,
    NOUN_BEFORE,
    TENSE_BEFORE_ONLY,
)
from timeline.dates._patterns import TENSE_RE

__all__ = [
    "BLANKS",
    "Context",
    "Date",
    "Piece",
    "RuleMatch",
    "clause_tense",
    "lowered",
    "modal_may",
    "month_year",
    "nearest_year",
    "weekday_date",
]


Date = dt.date


class Piece(NamedTuple):
    """One expression a handler found, before it becomes a `Timex`."""

    start: int
    end: int
    type: TimexType
    value: str
    interval: Interval | None
    relative: bool


BLANKS = re.compile(r"\s+")


class RuleMatch:
    """A match (on the lower-cased text) seen through one rule's group names; the groups
    read the original text, capitals included."""

    __slots__ = ("index", "raw", "text")

    def __init__(self, raw: re.Match[str], index: dict[str, int], text: str) -> None:
        self.raw = raw
        self.index = index
        self.text = text

    def __getitem__(self, name: str) -> str | None:
        i = self.index.get(name)
        if i is None:
            return None
        s, e = self.raw.span(i)
        return None if s < 0 else self.text[s:e]

    def low(self, name: str) -> str:
        """The group in lower case, blanks made single spaces ("" when it did not match)."""
        i = self.index.get(name)
        v = None if i is None else self.raw.group(i)  # the match is on the lower-cased text
        return "" if v is None else BLANKS.sub(" ", v)

    def span(self, name: str) -> tuple[int, int]:
        return self.raw.span(self.index[name])


QUARTER_FOCUS_CHARS = 600
RECENT_CHARS = 600  # "a few sentences"
YEAR_FOCUS_CHARS = 300  # the sentence before, about


class Context:
    """What the handlers know: the text, the publication date, the date in focus."""

    __slots__ = (
        "focus_at",
        "focus_day",
        "focus_iv",
        "focus_q",
        "focus_q_at",
        "focus_q_fiscal",
        "focus_value",
        "low",
        "month_years",
        "pub",
        "text",
        "year_named",
    )

    def __init__(self, text: str, pub: Date | None) -> None:
        self.text = text
        self.low = lowered(text)
        self.pub = pub
        self.focus_day: Date | None = None
        self.focus_iv: Interval | None = None  # the last calendar date or period named
        self.focus_value = ""  # its TIMEX3 value
        self.focus_at = -(10**9)  # and where it ends
        self.focus_q: tuple[int, int] | None = None
        self.focus_q_at = -(10**9)  # where the quarter in focus was last named
        self.focus_q_fiscal = False  # named in the company's own numbering ("fiscal first")
        # month -> (year, where named, +1 if after publication else -1)
        self.month_years: dict[int, tuple[int, int, int]] = {}
        self.year_named: tuple[int, int] | None = None  # the last year named, and where

    def recent_month_year(self, month: int, at: int, tense: int) -> int | None:
        """The year of `month` if the text named that month in the last few sentences, on
        the side of publication `tense` points to (either, without tense)."""
        seen = self.month_years.get(month)
        if seen is None or at - seen[1] > RECENT_CHARS or (tense and seen[2] != tense):
            return None
        return seen[0]

    def recent_year(self, at: int) -> int | None:
        """The year the story is in, if a year ("in 2019", "last year") was named just
        before `at`."""
        named = self.year_named
        return named[0] if named is not None and at - named[1] <= YEAR_FOCUS_CHARS else None

    def recent_quarter(self, at: int) -> tuple[int, int] | None:
        """The quarter in focus if it was named in the last few sentences."""
        return self.focus_q if at - self.focus_q_at <= QUARTER_FOCUS_CHARS else None

    def base(self) -> Date | None:
        """The start of the date in focus (the last date or period named), else publication."""
        return self.focus_iv.start if self.focus_iv is not None else self.pub

    def base_day(self) -> Date | None:
        """The day in focus if the last date named was a day, else the publication date."""
        iv = self.focus_iv
        return iv.start if iv is not None and iv.precision == "day" else self.pub

    def tense(self, s: int, e: int) -> int:
        return clause_tense(self.low, s, e)


def lowered(text: str) -> str:
    """`text` in lower case, character for character (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return low


_TENSE = re.compile(TENSE_RE)  # on lower-cased text
# (one character class first, the alternatives looking behind at it: the regex engine then
# skips ahead to the next candidate character instead of trying every position)
_BOUNDARY = re.compile(r"[.!?;:\"“”\n`'](?:(?<=[.!?;:\"“”])(?=\s)|(?<=\n)|(?<=`)`|(?<=')')")
# an adverb inside a past perfect: "had earlier been", "had previously been"
_ADVERB_IN_PERFECT = r"(?:[a-z]+ly\s+|earlier\s+|already\s+|once\s+|long\s+)?"
# "had been scheduled to expire", "had been due to expire": a plan made in the past
_PAST_PERFECT = re.compile(
    r"\b(?:had|had\s+" + _ADVERB_IN_PERFECT + r"been|was|were)\s+"
    r"(?:(?:due|scheduled|set|expected|supposed|planned)"
    r"\s+to\s+)?$",
    re.I,
)
# an -ed word after an auxiliary is a participle, after a determiner an adjective
_AUX_BEFORE = re.compile(
    r"(?:\b(?:be|been|being|is|are|am|has|have|to|a|an|the|its|his|her|their|still)\s+)$", re.I
)


_TO_BEFORE = re.compile(r"\bto\s+$")
_MODAL_BEFORE = re.compile(r"(?:\b(?:will|would|could|can|may|might|should|must|not)|'ll)\s+$")
_PLAN_NOUNS = frozenset(("plans", "plan"))
_AUXILIARIES = frozenset(("was", "were", "had", "did", "ago", "last"))


def clause_tense(text: str, s: int, e: int) -> int:
    """+1 future, -1 past, 0 unknown: the tense of the verb the expression at text[s:e]
    belongs to (`text` lower-cased).

    The nearest tense marker in the same sentence, except that a plan's infinitive ("agreed
    to buy the unit in February", "were planning to leave on Monday") or a present-tense
    "when/if" clause ("when the case is heard in May") between that marker and the
    expression points forward, and "until" after a negation or a past verb ("did not
    resume until Thursday", "had stayed until March") is past.
    """
    lo = max(0, s - 150)
    before_start = lo
    for b in _BOUNDARY.finditer(text, lo, s):
        before_start = b.end()
    m = _BOUNDARY.search(text, e, e + 100)
    after_end = m.start() if m else min(len(text), e + 100)
    best, dist = 0, 10**9
    marker_end = before_start
    # the nearest marker before: the last one that is not a participle
    found = list(_TENSE.finditer(text, before_start, s))
    for i in range(len(found) - 1, -1, -1):
        t = found[i]
        if _passive(text, t):
            continue
        best, dist, marker_end = (1 if t.group("fut") else -1), s - t.end(), t.end()
        if t.group() in _UNTIL and _past_until(text, found[:i], t, before_start):
            best = -1
        break
    # a plan's infinitive or a present "when" clause nearer than that marker: ahead
    if best <= 0 and _planned_ahead(text, before_start, marker_end, s):
        return 1
    for t in _TENSE.finditer(text, e, after_end):
        if _passive(text, t) or t.group().lower() in TENSE_BEFORE_ONLY:
            continue
        if best and _CLAUSE_BREAK.search(text, e, t.start()):
            # "who arrived on Monday, will leave", "had been arrested on Saturday and would
            # appear": the verb after the break heads another clause
            break
        d = t.start() - e
        if d < dist:
            best, dist = (1 if t.group("fut") else -1), d
        break
    return best


_CLAUSE_BREAK = re.compile(r"[,(—–]|\s-\s|\b(?:and|but|while|whereas|who|which|that)\b")
_UNTIL = frozenset(("until", "till"))
_NEGATION_BEFORE = re.compile(r"(?:\bnot|n't)\s+(?:[a-z]+\s+)?$")


def _past_until(text: str, earlier: list[re.Match[str]], until: re.Match[str], start: int) -> bool:
    """ "did not resume until Thursday", "had stayed until March": no deadline ahead."""
    if _NEGATION_BEFORE.search(text, max(start, until.start() - 16), until.start()):
        return True
    for t in reversed(earlier):
        if not _passive(text, t):
            return t.group("past") is not None
    return False


def _planned_ahead(text: str, start: int, marker_end: int, s: int) -> bool:
    """A plan's infinitive ("agreed to buy") or a present "when" clause ("when the case is
    heard") in text[start:s] after the nearest tense marker."""
    # the infinitive follows the marker or a noun after it ("agreed to", "an agreement to")
    for f in _TO_VERB.finditer(text, max(start, marker_end - 1), s):
        words = _WORDS_BEFORE.search(text, max(0, f.start() - 24), f.start())
        if words is None:
            continue
        last, two = words.group(2), f"{words.group(1)} {words.group(2)}"
        if (last in _INTENT_WORDS or two in _INTENT_WORDS) and not _PLAN_IN_PAST.search(
            text, max(0, words.start(2) - 28), words.start(2)
        ):
            return True
    if "when" not in text[start:s] and not _CONDITION.search(text, start, s):
        return False
    return any(f.end() > marker_end for f in _WHEN_PRESENT.finditer(text, start, s))


# "agreed to buy the unit in February": the infinitive of a plan, intent or agreement
_INTENT_WORDS = frozenset(INTENT_TO)
_TO_VERB = re.compile(
    r" to\s+(?!(?:the|a|an|his|her|its|their|this|that|these|those|\d)\b)[a-z]+\b"
)
_WORDS_BEFORE = re.compile(r"(?:([a-z]+)\s+)?([a-z]+)$")
_CONDITION = re.compile(r"\b(?:if|once|unless)\b")
# "when the case is heard in May": a present-tense condition or time clause
_WHEN_PRESENT = re.compile(
    r"[wiou](?<=\b[wiou])(?:hen|f|nce|nless)\s+(?:[a-z'-]+\s+){0,6}?(?:is|are|gets|get)\s+[a-z]+\b"
)
# "had been scheduled to expire": a plan made in the past is not ahead
_PLAN_IN_PAST = re.compile(r"\bhad\s+" + _ADVERB_IN_PERFECT + r"(?:been\s+)?$")


def _passive(text: str, t: re.Match[str]) -> bool:
    """An -ed participle after an auxiliary ("will be named") says nothing about tense, and
    a plan in the past perfect ("had been scheduled to") is not a future."""
    word = t.group("past")
    if (
        not word
        and " " not in t.group()
        and _TO_BEFORE.search(text, max(0, t.start() - 4), t.start())
    ):
        return True  # "to meet demand well into the summer": an infinitive, no tense
    if not word and t.group() in _PLAN_NOUNS:
        # "announced its plans Friday": a noun, no plan of the clause
        prev = _WORD_BEFORE.search(text, max(0, t.start() - 16), t.start())
        return prev is not None and (prev.group(1) in NOUN_BEFORE or prev.group(1).endswith("ed"))
    if word:
        if _TO_BEFORE.search(text, max(0, t.start() - 4), t.start()):
            return True  # "expected to last until Friday", "to proceed": an infinitive
        low = word.lower()
        if low == "last" and _MODAL_BEFORE.search(text, max(0, t.start() - 8), t.start()):
            return True  # "the talks will last through the weekend": the verb
        if low in _AUXILIARIES:
            return False
        if low.startswith("un") and low.endswith("ed"):
            return True  # "a still unspecified date", "undisclosed": adjectives
        # "would be paid", "will be named": participles
        return _AUX_BEFORE.search(text, max(0, t.start() - 8), t.start()) is not None
    return _PAST_PERFECT.search(text, max(0, t.start() - 46), t.start()) is not None


_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")
# after a modal "may" a lower-case word is a verb unless it can go on a month name
_NOT_VERB_AFTER_MONTH = frozenset(
    "of and or to in at on for from with when where while after before during as the a an"
    " this that his her their its".split()
)


def modal_may(text: str, s: int, e: int) -> bool:
    """True when the word "may" at text[s:e] is the modal verb, not the month: before a bare
    verb or "have/be/not" ("this may have a large impact"), or after a subject ("it may",
    "which may") when a lower-case word that cannot follow a month comes next."""
    if text[s:e].lower() != "may":
        return False
    after = _WORD_AFTER.match(text, e)
    if after is None:
        return False
    nxt = after.group(1)
    if nxt.lower() in MAY_MODAL_NEXT:
        return True
    before = _WORD_BEFORE.search(text, max(0, s - 12), s)
    return (
        before is not None
        and before.group(1).lower() in MAY_SUBJECTS
        and nxt.islower()
        and nxt not in _NOT_VERB_AFTER_MONTH
    )


def nearest_year(pub: Date, m: int, d: int, tense: int = 0) -> int | None:
    """The year putting month `m`, day `d` nearest to `pub`; in a past-tense clause not more
    than two months after it, in a future-tense clause not more than two months before."""
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cand = Date(y, m, d)
        except ValueError:
            continue
        delta = (cand - pub).days
        if (tense < 0 and 60 < delta < 300) or (tense > 0 and -300 < delta < -60):
            continue
        if best is None or abs((cand - pub).days) < abs((best - pub).days):
            best = cand
    return best.year if best else None


def month_year(pub: Date, m: int, tense: int, rel: str = "") -> int:
    y = pub.year
    if rel in ("last", "this past", "the past"):
        return y if m < pub.month else y - 1
    if rel in ("next", "this coming", "the coming"):
        return y if m > pub.month else y + 1
    if rel == "this":
        return y
    if tense > 0:
        return y if m >= pub.month else y + 1
    if tense < 0:
        # the next month is still the coming one ("told oil companies of a cutback in its
        # oil supply in September", in August): a month 11 months back would be "last ..."
        return y if m <= pub.month or m == pub.month + 1 else y - 1
    # no tense marker: the last such month, unless it is one of the next two
    ahead = (m - pub.month) % 12
    if 0 < ahead <= 2:
        return y if m > pub.month else y + 1
    return y if m <= pub.month else y - 1


def weekday_date(pub: Date, wd: int, tense: int, rel: str = "") -> Date:
    iso = pub.isoweekday()
    if rel in ("last", "this past", "the previous", "the preceding", "the past"):
        return cal.add_days(pub, -((iso - wd) % 7 or 7))
    if rel in ("next", "this coming", "the following", "the next", "the coming"):
        return cal.add_days(pub, (wd - iso) % 7 or 7)
    if tense > 0:
        # "will travel on Thursday" in a Thursday article: that day; only "next" jumps
        return cal.add_days(pub, (wd - iso) % 7)
    if rel == "this" and wd > iso:
        return cal.add_days(pub, wd - iso)
    return cal.add_days(pub, -((iso - wd) % 7))
