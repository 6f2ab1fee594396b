"""The tagger: anchors found token by token, one master regex tried around each anchor.

Speed: the rules are tried only at a few tokens before each anchor, only from the first
token a match could cross to reach it, and only those rules that can start with the
character there (see `_candidates`); all three shortcuts give the result of the plain
scan, which a property test checks.

How an expression is resolved (English news conventions, none keyed on a corpus):

- Spans follow TimeML: signals ("on", "in", "since", "between") stay outside the span,
  determiners and modifiers inside ("the past week", "early 1990", "nearly two years");
  adjectival durations drop the determiner ("the two-year deal" -> "two-year").
- Tense rule for weekdays: in a past-tense (or tenseless) clause "on Thursday" is the
  nearest Thursday not after the publication date, the publication day itself included;
  in a future-tense clause ("will meet on Monday") it is the nearest one after it.
  The clause's tense is the nearest tense marker (will, 'll, would, is to, scheduled,
  said, was, -ed verbs, ...) in the same sentence; a participle after an auxiliary ("will
  be named", "would be paid"), an adjective in un-...-ed ("a still unspecified date"), a
  plan in the past perfect ("had been scheduled to", "had been due to expire") do not
  count, nor do "until" and "deadline" after the expression.
  Bare months follow the same rule (future: not before the publication month; past: not
  after it, except the next month, still to come; no marker: the last one, unless it is
  one of the next two months). A month after a deadline preposition ("by May", "until
  March") is ahead; after "this year through" it is of this year.
- "May" is the modal, not the month, before a bare verb or "have/be/not" ("this may have
  a large impact") and after a subject ("which may", "it may") before a lower-case word.
- A month and day without a year ("Dec. 15") takes the year that puts it nearest to the
  publication date, at most two months ahead in a past-tense clause (and behind in a
  future one); with a weekday ("Saturday, April 25") the year where the two agree.
- "The previous day", "the following month", "that year", "a year earlier" count from the
  date in focus: the last date, named month or period the text named, else the
  publication date ("In March, ... The following month" is April); "the month" and "the
  week" only from a day, week or month in focus, else from the publication date.
  "A year ago" right after a quarter was named ("third-quarter profit fell from $5
  million a year ago") is that quarter a year before; "a few days later" (no count) is a
  stretch of days, not a date.
- A month and day without a year ("Dec. 15") takes the year that puts it nearest to the
  publication date, at most two months ahead in a past-tense clause (and behind in a
  future one); with a weekday ("Saturday, April 25") the year where the two agree.
- "The previous day", "the following month", "that year", "a year earlier" count from the
  date in focus: the last date or period the text named, else the publication date.
  "A year ago" right after a quarter was named ("third-quarter profit fell from $5
  million a year ago") is that quarter a year before.
- "The quarter", "the year-ago period": the quarter in focus, else the last one completed
  before publication; "the third quarter" without a year: of the publication year (the
  year before if that quarter has not begun and the clause is not future). A quarter
  named in a future clause ("losses through the third quarter of 1990") is not the one in
  focus. "The quarter ended Sept. 30" is the calendar quarter holding most of the three
  months up to that day, unless a fiscal quarter is in focus (the company's numbering).
- "In five years" in a future clause is a date (that long after publication); elsewhere
  "five years" is a duration. "Midnight Friday" ends Friday: T24:00 of that day.
- Signals shape intervals, not spans: "since 1999" -> span "1999", interval 1999-01-01 ..
  publication date (relative=True); "between 2008 and 2012", "from March to May",
  "1999-2008" -> two timexes whose intervals both cover the whole range.
- "Early/mid/late" and "the beginning/middle/end of" narrow the interval to its first,
  middle or last third; the value stays that of the whole period (TIMEX3 keeps the
  modifier apart).
- PRESENT_REF/PAST_REF/FUTURE_REF ("now", "recently", "in the future") have no interval
  and relative=False: nothing was computed from a date.
- Without a publication date, relative expressions get an underspecified value
  (XXXX-WXX-4, PAST_REF, ...) and no interval; explicit dates still resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import partial
from itertools import accumulate, compress
from typing import Any, NamedTuple

from timeline.dates import Interval, Precision, Timex, TimexType
from timeline.dates import _calendar as cal
from timeline.dates._lexicon import (
    DECADE_WORDS,
    LEXICON,
    MAY_MODAL_NEXT,
    MAY_SUBJECTS,
    MODIFIERS,
    MONTH_ABBR,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    REFS,
    SEASONS,
    SETS,
    TENSE_BEFORE_ONLY,
    UNIT_PLURALS,
    UNITS,
    WEEKDAYS,
    YEAR_SIGNALS,
)
from timeline.dates._patterns import (
    APPROX_P,
    DAY,
    DECADE_WORD,
    END,
    FRACTION,
    MOD,
    MON,
    MONTH_FULL,
    NUM,
    ORD_QUARTER,
    ORD_WORD,
    POD,
    REF,
    REL,
    SEASON,
    SET_WORD,
    SPELLED_YEAR,
    START,
    TENSE_RE,
    UNITS_PL,
    WD,
    YEAR,
    YEAR_SIGNAL,
)

D = dt.date


class Piece(NamedTuple):
    start: int
    end: int
    type: TimexType
    value: str
    interval: Interval | None
    relative: bool


_BLANKS = re.compile(r"\s+")
_NON_DIGITS = re.compile(r"\D")
_BLANKS_DASHES = re.compile(r"[\s-]+")
_FOUR_DIGITS = re.compile(r"\d{4}")


class G:
    """A match (on the lower-cased text) seen through one rule's group names; the groups
    read the original text, capitals included."""

    __slots__ = ("index", "m", "text")

    def __init__(self, m: re.Match[str], index: dict[str, int], text: str) -> None:
        self.m = m
        self.index = index
        self.text = text

    def __getitem__(self, name: str) -> str | None:
        i = self.index.get(name)
        if i is None:
            return None
        s, e = self.m.span(i)
        return None if s < 0 else self.text[s:e]

    def low(self, name: str) -> str:
        """The group in lower case, blanks made single spaces ("" when it did not match)."""
        i = self.index.get(name)
        v = None if i is None else self.m.group(i)  # the match is on the lower-cased text
        return "" if v is None else _BLANKS.sub(" ", v)

    def span(self, name: str) -> tuple[int, int]:
        return self.m.span(self.index[name])


QUARTER_FOCUS_CHARS = 600


class Ctx:
    """What the handlers know: the text, the publication date, the date in focus."""

    __slots__ = (
        "focus_day",
        "focus_iv",
        "focus_q",
        "focus_q_at",
        "focus_q_fiscal",
        "low",
        "pub",
        "text",
    )

    def __init__(self, text: str, pub: D | None) -> None:
        self.text = text
        self.low = _lowered(text)
        self.pub = pub
        self.focus_day: D | None = None
        self.focus_iv: Interval | None = None  # the last calendar date or period named
        self.focus_q: tuple[int, int] | None = None
        self.focus_q_at = -(10**9)  # where the quarter in focus was last named
        self.focus_q_fiscal = False  # named in the company's own numbering ("fiscal first")

    def recent_quarter(self, at: int) -> tuple[int, int] | None:
        """The quarter in focus if it was named in the last few sentences."""
        return self.focus_q if at - self.focus_q_at <= QUARTER_FOCUS_CHARS else None

    def base(self) -> D | None:
        """The start of the date in focus (the last date or period named), else publication."""
        return self.focus_iv.start if self.focus_iv is not None else self.pub

    def base_day(self) -> D | None:
        """The day in focus if the last date named was a day, else the publication date."""
        iv = self.focus_iv
        return iv.start if iv is not None and iv.precision == "day" else self.pub

    def tense(self, s: int, e: int) -> int:
        return clause_tense(self.low, s, e)


# ----------------------------------------------------------------------------- helpers

_TENSE = re.compile(TENSE_RE)  # on lower-cased text
# (one character class first, the alternatives looking behind at it: the regex engine then
# skips ahead to the next candidate character instead of trying every position)
_BOUNDARY = re.compile(r"[.!?;:\"“”\n`'](?:(?<=[.!?;:\"“”])(?=\s)|(?<=\n)|(?<=`)`|(?<=')')")
# "had been scheduled to expire", "had been due to expire": a plan made in the past
_PAST_PERFECT = re.compile(
    r"\b(?:had|had\s+been|was|were)\s+(?:(?:due|scheduled|set|expected|supposed|planned)"
    r"\s+to\s+)?$",
    re.I,
)
# an -ed word after an auxiliary is a participle, after a determiner an adjective
_AUX_BEFORE = re.compile(
    r"(?:\b(?:be|been|being|is|are|am|has|have|to|a|an|the|its|his|her|their|still)\s+)$", re.I
)
_UNIT_CODE = {**UNITS, **{p: UNITS[w] for w, p in UNIT_PLURALS.items()}}


_AUXILIARIES = frozenset(("was", "were", "had", "did", "ago", "last"))


def clause_tense(text: str, s: int, e: int) -> int:
    """+1 future, -1 past, 0 unknown: the nearest tense marker in the same sentence
    (`text` lower-cased)."""
    lo = max(0, s - 150)
    before_start = lo
    for b in _BOUNDARY.finditer(text, lo, s):
        before_start = b.end()
    m = _BOUNDARY.search(text, e, e + 100)
    after_end = m.start() if m else min(len(text), e + 100)
    best, dist = 0, 10**9
    # the nearest marker before: the last one that is not a participle
    for t in reversed(list(_TENSE.finditer(text, before_start, s))):
        if not _passive(text, t):
            best, dist = (1 if t.group("fut") else -1), s - t.end()
            break
    for t in _TENSE.finditer(text, e, after_end):
        if _passive(text, t) or t.group().lower() in TENSE_BEFORE_ONLY:
            continue
        d = t.start() - e
        if d < dist:
            best, dist = (1 if t.group("fut") else -1), d
        break
    return best


def _passive(text: str, t: re.Match[str]) -> bool:
    """An -ed participle after an auxiliary ("will be named") says nothing about tense, and
    a plan in the past perfect ("had been scheduled to") is not a future."""
    word = t.group("past")
    if word:
        low = word.lower()
        if low in _AUXILIARIES:
            return False
        if low.startswith("un") and low.endswith("ed"):
            return True  # "a still unspecified date", "undisclosed": adjectives
        # "would be paid", "will be named": participles
        return _AUX_BEFORE.search(text, max(0, t.start() - 8), t.start()) is not None
    return _PAST_PERFECT.search(text, max(0, t.start() - 30), t.start()) is not None


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


def month_no(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBR.get(w, 0)


def day_no(word: str) -> int:
    return int(_NON_DIGITS.sub("", word))


_WORD_NUM = {
    w: int(v) for w, v in NUMBERS.items() if v.isdigit() and " " not in w and w not in ("a", "an")
}


_MULTIPLIERS = {"hundred": 100, "thousand": 1000}


def num_value(word: str | None) -> float | None:
    """A count in digits or words; None for vague quantities ("several")."""
    if not word:
        return None
    w = _BLANKS.sub(" ", word.lower().strip())
    if w in ("a", "an"):
        return 1
    v = NUMBERS.get(w)
    if v is not None:
        return float(v) if v.isdigit() else None
    if w[0].isdigit():
        try:
            return float(w.replace(",", ""))
        except ValueError:
            return None
    total = 0
    for part in _BLANKS_DASHES.split(w):
        if part in _MULTIPLIERS:
            total = (total or 1) * _MULTIPLIERS[part]  # "two thousand years"
        elif part in _WORD_NUM:
            total += _WORD_NUM[part]
        else:
            return None
    return float(total)


def spelled_year(words: str) -> int | None:
    w = _BLANKS_DASHES.sub(" ", words.lower()).strip()
    if w.startswith("two thousand"):
        rest = w[len("two thousand") :].replace("and", "").strip()
        n = num_value(rest) if rest else 0
        return None if n is None else 2000 + int(n)
    head, _, rest = w.partition(" ")
    cent = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[head]
    rest = rest.replace("o ", "")
    n = num_value(rest)
    return None if n is None or n >= 100 else cent + int(n)


def text_between(g: G, a: str, b: str) -> str:
    return g.m.string[g.span(a)[1] : g.span(b)[0]]


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def trim_prefix(g: G, name: str, s: int) -> int:
    """Start of the span once the signal group `name` (if matched) is left out."""
    if g[name] is None:
        return s
    _, e = g.span(name)
    text = g.m.string
    while e < len(text) and text[e].isspace():
        e += 1
    return e


def mod_code(word: str) -> str:
    w = _BLANKS_DASHES.sub(" ", word.lower()).strip()
    w = w.removesuffix(" in").strip()
    return MODIFIERS.get(w, "")


def nearest_year(pub: D, m: int, d: int, tense: int = 0) -> int | None:
    """The year putting month `m`, day `d` nearest to `pub`; in a past-tense clause not more
    than two months after it, in a future-tense clause not more than two months before."""
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cand = D(y, m, d)
        except ValueError:
            continue
        delta = (cand - pub).days
        if (tense < 0 and 60 < delta < 300) or (tense > 0 and -300 < delta < -60):
            continue
        if best is None or abs((cand - pub).days) < abs((best - pub).days):
            best = cand
    return best.year if best else None


def month_year(pub: D, m: int, tense: int, rel: str = "") -> int:
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


def weekday_date(pub: D, wd: int, tense: int, rel: str = "") -> D:
    iso = pub.isoweekday()
    if rel in ("last", "this past", "the previous", "the preceding", "the past"):
        return cal.add_days(pub, -((iso - wd) % 7 or 7))
    if rel in ("next", "this coming", "the following", "the next", "the coming"):
        return cal.add_days(pub, (wd - iso) % 7 or 7)
    if tense > 0:
        return cal.add_days(pub, (wd - iso) % 7 or 7)
    if rel == "this" and wd > iso:
        return cal.add_days(pub, wd - iso)
    return cal.add_days(pub, -((iso - wd) % 7))


def safe_date(y: int, m: int, d: int) -> D | None:
    try:
        return D(y, m, d)
    except ValueError:
        return None


def piece(
    s: int, e: int, typ: TimexType, val: str, iv: Interval | None = None, rel: bool = False
) -> list[Piece]:
    return [Piece(s, e, typ, val, iv, rel)]


# ----------------------------------------------------------------------------- handlers
# Each takes the match and the context and returns the pieces it found (maybe none).

Handler = Callable[[G, Ctx], list[Piece] | None]


def h_iso(g: G, c: Ctx) -> list[Piece] | None:
    d = safe_date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
    if d is None or not cal.ok_year(d.year):
        return None
    v, iv = cal.day(d)
    return piece(g.m.start(), g.m.end(), "DATE", v, iv)


def h_slash(g: G, c: Ctx) -> list[Piece] | None:
    a, b, ys = int(g["a"] or 0), int(g["b"] or 0), g["y"] or ""
    y = int(ys)
    if len(ys) == 2:
        y += 1900 if y > 30 else 2000
    m, d = (a, b) if a <= 12 else (b, a)
    dd = safe_date(y, m, d)
    if dd is None:
        return None
    v, iv = cal.day(dd)
    return piece(g.m.start(), g.m.end(), "DATE", v, iv)


def _month_day(g: G, c: Ctx, m: int, d: int) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    if g["y"]:
        dd = safe_date(int(g["y"]), m, d)
        if dd is None:
            return None
        v, iv = cal.day(dd)
        return piece(s, e, "DATE", v, iv)
    if safe_date(2000, m, d) is None:
        return None
    if c.pub is None:
        return piece(s, e, "DATE", f"XXXX-{m:02d}-{d:02d}", None, True)
    y = nearest_year(c.pub, m, d, c.tense(s, e))
    if g["wd"]:
        # "Saturday, April 25": the nearby year in which that day is a Saturday
        wd = WEEKDAYS[g.low("wd")]
        fits = [
            yy
            for yy in (c.pub.year, c.pub.year - 1, c.pub.year + 1)
            if (x := safe_date(yy, m, d)) is not None and x.isoweekday() == wd
        ]
        y = fits[0] if fits else y
    dd = safe_date(y, m, d) if y else None
    if dd is None:
        return None
    v, iv = cal.day(dd)
    return piece(s, e, "DATE", v, iv, True)


def h_mdy(g: G, c: Ctx) -> list[Piece] | None:
    mon = g["mon"] or ""
    if mon.lower() in ("may", "march") and not is_capitalised(mon):
        return None
    return _month_day(g, c, month_no(mon), day_no(g["d"] or "0"))


def h_dmy(g: G, c: Ctx) -> list[Piece] | None:
    mon = g["mon"] or ""
    if mon.lower().rstrip(".") in ("may", "march", "mar") and not is_capitalised(mon):
        return None
    return _month_day(g, c, month_no(mon), day_no(g["d"] or "0"))


def h_month_year(g: G, c: Ctx) -> list[Piece] | None:
    mon = g["mon"] or ""
    if mon.lower() in ("may", "march") and not is_capitalised(mon):
        return None
    s = g.m.start()
    y = int(g["y"]) if g["y"] else spelled_year(g["yw"] or "")
    if y is None:
        return None
    v, iv = cal.month(y, month_no(mon))
    if g["mod"]:
        iv = cal.narrow(iv, mod_code(g["mod"]))
    return piece(s, g.m.end(), "DATE", v, iv)


def h_month_rel_year(g: G, c: Ctx) -> list[Piece] | None:
    m = month_no(g["mon"] or "")
    rel = g.low("rel")
    if c.pub is None:
        return piece(g.m.start(), g.m.end(), "DATE", f"XXXX-{m:02d}", None, True)
    y = c.pub.year + {"last": -1, "next": 1}.get(rel, 0)
    v, iv = cal.month(y, m)
    return piece(g.m.start(), g.m.end(), "DATE", v, iv, True)


_THIS_YEAR_BEFORE = re.compile(r"\bthis\s+year\s+(?:through|to|until|till|in)\s+$", re.I)


def h_month(g: G, c: Ctx) -> list[Piece] | None:
    mon = g["mon"] or ""
    if not is_capitalised(mon) or modal_may(c.text, *g.span("mon")):
        return None
    if mon.lower() in ("may", "march") and not (g["prep"] or g["mod"] or g["rel"]):
        return None
    s = trim_prefix(g, "prep", g.m.start())
    m = month_no(mon)
    rel = g.low("rel")
    if c.pub is None:
        return piece(s, g.m.end(), "DATE", f"XXXX-{m:02d}", None, True)
    tense = c.tense(s, g.m.end())
    if g.low("prep") in ("by", "until", "till", "through") and tense <= 0:
        tense = 1  # "talks are supposed to conclude by May": a deadline ahead
    if _THIS_YEAR_BEFORE.search(c.text, max(0, s - 24), s):
        rel = "this"  # "little change in the fund's sales this year through August"
    y = month_year(c.pub, m, tense, rel)
    v, iv = cal.month(y, m)
    if g["mod"]:
        iv = cal.narrow(iv, mod_code(g["mod"]))
    return piece(s, g.m.end(), "DATE", v, iv, True)


def h_fiscal(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    if g["y"]:
        v, iv = cal.year(int(g["y"]))
        return piece(s, e, "DATE", v, iv)
    rel = g.low("rel")
    if rel in ("", "the"):
        return piece(s, e, "DURATION", "P1Y")
    if c.pub is None:
        return piece(s, e, "DATE", "PRESENT_REF", None, True)
    y = c.pub.year + {"last": -1, "next": 1, "the previous": -1, "the next": 1}.get(rel, 0)
    v, iv = cal.year(y)
    return piece(s, e, "DATE", v, iv, True)


def h_decade(g: G, c: Ctx) -> list[Piece] | None:
    if g["dec"]:
        d3 = int(g["dec"]) // 10
    elif g["dec2"]:
        d3 = 190 + int(g["dec2"]) // 10
    else:
        w = g.low("decw")
        if not g["the"]:
            return None
        d3 = 190 + DECADE_WORDS[w.split()[-1]]
    v, iv = cal.decade(d3)
    if g["mod"]:
        iv = cal.narrow(iv, mod_code(g["mod"]))
    return piece(g.m.start(), g.m.end(), "DATE", v, iv)


def h_century(g: G, c: Ctx) -> list[Piece] | None:
    n = day_no(g["c"]) if g["c"] else ORDINALS.get(g.low("cw"), 0)
    if not 1 <= n <= 30:
        return None
    v, iv = cal.century(n - 1)
    if g["mod"]:
        iv = cal.narrow(iv, mod_code(g["mod"]))
    return piece(g.m.start(), g.m.end(), "DATE", v, iv)


_QUALIFIER_SHIFT = {"year-ago": -1, "year-earlier": -1, "year-before": -1, "prior-year": -1}


_QUARTER_ENDED = re.compile(
    rf"\s+end(ed|ing)\s+(?:on\s+)?({MON})\s+({DAY})(?:,?\s+({YEAR}))?", re.I
)


def h_quarter(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    unit = g.low("unit")
    quals = g.low("quals")
    det = g.low("det")
    ordw = g.low("ord")
    q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}.get(
        ordw, 0
    )
    if ordw == "4th":
        q = 4
    shift = sum(v for k, v in _QUALIFIER_SHIFT.items() if k in quals.replace(" ", "-"))
    if "last year's" in quals or "a year ago" in g.low("post"):
        shift -= 1
    if "next year's" in quals:
        shift += 1
    year = None
    iv: Interval | None
    ym = _FOUR_DIGITS.search(quals + " " + g.low("post"))
    if ym:
        year = int(ym.group())
    elif "last year" in g.low("post"):
        shift -= 1
    elif "next year" in g.low("post"):
        shift += 1
    plural = unit.endswith("s")
    unit = unit.rstrip("s")
    if not (det or ordw or quals.strip() or g["post"]):
        return None  # "such quarters", "half of them"
    if unit == "period" and not (quals or det in ("the latest", "that")):
        return None
    if unit == "half":
        if ordw in ("first", "1st"):
            h = 1
        elif ordw in ("second", "2nd", "last", "final"):
            h = 2
        else:
            return None
        if year is None:
            if c.pub is None:
                return piece(s, e, "DATE", f"XXXX-H{h}", None, True)
            year = c.pub.year + shift
            if h == 2 and c.pub.month <= 6 and c.tense(s, e) <= 0 and not quals:
                year -= 1
        v, iv = cal.half(year, h)
        return piece(s, e, "DATE", v, iv, not ym)
    if plural and q and det not in ("the",):
        return piece(s, e, "SET", f"XXXX-Q{q}")
    if not q:
        if ordw in ("last", "final") and det == "the":
            q = 4
        elif det in ("last",) and not quals:
            if c.pub is None:
                return piece(s, e, "DATE", "PAST_REF", None, True)
            v, iv = cal.unit_interval("Q", c.pub, -1) or ("", None)
            return piece(s, e, "DATE", v, iv, True)
        elif det in ("next",) and not quals:
            if c.pub is None:
                return piece(s, e, "DATE", "FUTURE_REF", None, True)
            v, iv = cal.unit_interval("Q", c.pub, 1) or ("", None)
            return piece(s, e, "DATE", v, iv, True)
        elif det in ("this",) or "current" in quals:
            if c.pub is None:
                return piece(s, e, "DATE", "PRESENT_REF", None, True)
            v, iv = cal.unit_interval("Q", c.pub, 0) or ("", None)
            c.focus_q = (iv.start.year, (iv.start.month - 1) // 3 + 1) if iv else c.focus_q
            return piece(s, e, "DATE", v, iv, True)
    if q:
        if year is None:
            if c.pub is None:
                return piece(s, e, "DATE", f"XXXX-Q{q}", None, True)
            year = c.pub.year + shift
            if not shift and cal.D(year, 3 * q - 2, 1) > c.pub and c.tense(s, e) <= 0:
                year -= 1
        elif shift:
            year += shift
        if not cal.ok_year(year):
            return None
        v, iv = cal.quarter(year, q)
        if not shift and (c.pub is None or (iv.start <= c.pub and c.tense(s, e) <= 0)):
            # a forecast ("losses through the third quarter of 1990") is not the quarter
            # the report is about, which "the year-ago period" compares with
            c.focus_q = (year, q)
            c.focus_q_fiscal = "fiscal" in quals
        return piece(s, e, "DATE", v, iv, not ym)
    fiscal_focus = c.focus_q_fiscal and c.recent_quarter(s) is not None
    if unit == "quarter" and year is None and not shift and c.pub and not fiscal_focus:
        ended = _QUARTER_ENDED.match(c.text, e)
        if ended is not None:
            # "for the quarter ended Sept. 30": the three months up to that day, named by
            # the calendar quarter holding most of them (fiscal quarters have no number here)
            mo, dd = month_no(ended.group(2)), day_no(ended.group(3))
            y_end = int(ended.group(4)) if ended.group(4) else None
            if y_end is None:
                y_end = nearest_year(c.pub, mo, dd, -1 if ended.group(1) == "ed" else 0)
            end_day = safe_date(y_end, mo, dd) if y_end else None
            if end_day is not None:
                mid = cal.add_days(end_day, -45)
                qq = (mid.year, (mid.month - 1) // 3 + 1)
                c.focus_q, c.focus_q_fiscal = qq, False
                v, iv = cal.quarter(*qq)
                return piece(s, e, "DATE", v, iv, True)
    # "the quarter", "the year-ago period": the quarter in focus; "the latest quarter": the
    # last one completed before publication
    latest = det == "the latest" or "latest" in quals or "recent" in quals
    if c.focus_q and not (latest and c.pub is not None):
        y, q = c.focus_q
    elif c.pub is not None:
        last = cal.add_months(D(c.pub.year, c.pub.month, 1), -3)
        y, q = last.year, (last.month - 1) // 3 + 1
    else:
        return piece(s, e, "DATE", "XXXX-QX", None, True)
    if year is not None:
        y = year
    y += shift
    if not cal.ok_year(y):
        return None
    v, iv = cal.quarter(y, q)
    if not shift and year is None:
        c.focus_q = (y, q)
    return piece(s, e, "DATE", v, iv, True)


def h_weekend(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    rel = g.low("rel")
    if c.pub is None:
        return piece(s, e, "DATE", "XXXX-WXX-WE", None, True)
    tense = c.tense(s, e)
    pub = c.pub
    if rel in ("next", "this coming", "the coming") or (rel != "last" and tense > 0):
        sat = cal.add_days(pub, (6 - pub.isoweekday()) % 7 or 7)
        if rel == "next" and pub.isoweekday() < 6:
            sat = cal.add_days(sat, 7)
    elif rel == "this":
        sat = cal.add_days(pub, 6 - pub.isoweekday())
    else:
        sat = cal.add_days(pub, -((pub.isoweekday() - 6) % 7))
        if rel in ("last", "this past", "the past") and pub.isoweekday() >= 6:
            sat = cal.add_days(sat, -7)
    v, iv = cal.weekend(sat)
    return piece(s, e, "DATE", v, iv, True)


_COARSE = frozenset(("quarter", "season", "half", "year", "decade", "century"))


def _relative_unit(c: Ctx, s: int, e: int, rel: str, unit: str, mod: str) -> list[Piece] | None:
    """ "last year", "the past week", "the following month", "earlier this month"."""
    if unit in ("TH", "TM", "TS", "ML", "2W"):
        return None
    if rel in ("the past", "the last"):
        # "the past week": the seven days up to the publication date
        if unit in ("Q", "WE"):
            return None
        val = f"P1{unit}"
        if c.pub is None:
            return piece(s, e, "DURATION", val)
        start = cal.shift_value(unit, c.pub, -1)
        precisions: dict[str, Precision] = {
            "D": "day",
            "W": "week",
            "M": "month",
            "Y": "year",
            "DE": "decade",
            "CE": "century",
        }
        prec = precisions[unit]
        return piece(s, e, "DURATION", val, Interval(start, c.pub, prec), True)
    focus_rel = rel in (
        "the previous",
        "the preceding",
        "the following",
        "the next",
        "that",
        "the same",
        "the",
    )
    base = c.pub
    if focus_rel:
        base = c.base_day() if unit == "D" else c.base()
        focus = c.focus_iv
        if unit in ("W", "M") and focus is not None and focus.precision in _COARSE:
            # "the end of the month" after "late 2006": no month is in focus, the
            # publication's is meant ("Cisco has promised a release before the end of the
            # month")
            base = c.pub
    n = {
        "last": -1,
        "this past": -1,
        "the previous": -1,
        "the preceding": -1,
        "next": 1,
        "this coming": 1,
        "the coming": 1,
        "the following": 1,
        "the next": 1,
    }.get(rel, 0)
    if rel == "the" and unit not in ("Y", "W", "M"):
        return None
    if base is None:
        ref = {-1: "PAST_REF", 1: "FUTURE_REF", 0: "PRESENT_REF"}[n]
        return piece(s, e, "DATE", ref, None, True)
    if unit == "D" and rel in ("the", "the current", "the full", "the entire", "the whole"):
        return None
    r = cal.unit_interval(unit, base, n)
    if r is None:
        return None
    v, iv = r
    if mod:
        code = mod_code(mod)
        if code == "START" and mod.lower().startswith("earlier") and n == 0 and c.pub:
            iv = Interval(iv.start, max(iv.start, c.pub), iv.precision)
        elif code == "END" and mod.lower().startswith("later") and n == 0 and c.pub:
            iv = Interval(min(iv.end, c.pub), iv.end, iv.precision)
        else:
            iv = cal.narrow(iv, code)
    if unit == "D":
        c.focus_day = iv.start
    return piece(s, e, "DATE", v, iv, True)


_TITLE_BEFORE = re.compile(r"(?:[\"“]|'s\s+)$")


def h_rel_unit(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    rel = g.low("rel")
    word = g.low("unit")
    if g["fiscal"] and word != "year":
        return None
    unit = UNITS.get(word, "")
    if (
        g["mod"] is None
        and is_capitalised(g["rel"] or "")
        and is_capitalised(g["unit"] or "")
        and _TITLE_BEFORE.search(c.text, max(0, s - 4), s)
    ):
        return None  # ABC News' "This Week": a programme's title
    if (
        unit == "D"
        and rel == "the"
        and g.low("mod") in ("earlier", "later")
        and text_between(g, "mod", "rel").strip().lower() == "in"
    ):
        # "as he arrived in Philadelphia later in the day": the day in focus
        base = c.base_day()
        s = g.span("rel")[0]
        if base is None:
            return piece(s, e, "DATE", "XXXX-XX-XX", None, True)
        v, iv = cal.day(base)
        return piece(s, e, "DATE", v, iv, True)
    if rel == "the" and g["mod"] is None and unit == "Y" and g["ended"] is not None:
        return piece(s, e, "DURATION", "P1Y")
    return _relative_unit(c, s, e, rel, unit, g["mod"] or "")


def h_rel_month(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    if modal_may(c.text, *g.span("mon")):
        return None  # "Steve Jobs believes that this may have a large impact"
    m = month_no(g["mon"] or "")
    if c.pub is None:
        return piece(s, e, "DATE", f"XXXX-{m:02d}", None, True)
    y = month_year(c.pub, m, 0, g.low("rel"))
    v, iv = cal.month(y, m)
    if g["mod"]:
        iv = cal.narrow(iv, mod_code(g["mod"]))
    return piece(s, e, "DATE", v, iv, True)


def h_weekday(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    wdw = g.low("wd")
    if not is_capitalised(g["wd"] or ""):
        return None
    wd = WEEKDAYS[wdw]
    rel = g.low("rel")
    pod = g.low("pod")
    if g["plural"] or (pod and pod.endswith("s")):
        v = f"XXXX-WXX-{wd}" + (f"T{PARTS_OF_DAY[pod.rstrip('s')]}" if pod else "")
        return piece(s, e, "SET", v)
    typ: TimexType = "TIME" if pod else "DATE"
    suffix = f"T{PARTS_OF_DAY[pod]}" if pod else ""
    focus_rel = rel in ("the previous", "the preceding", "the following")
    base = c.base_day() if focus_rel else c.pub
    if base is None:
        return piece(s, e, typ, f"XXXX-WXX-{wd}{suffix}", None, True)
    d = weekday_date(base, wd, c.tense(s, e), rel)
    c.focus_day = d
    v, iv = cal.day(d)
    return piece(s, e, typ, v + suffix, iv, True)


_DAYWORD = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}
_DAYREF = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}


def h_dayword(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    dw = g.low("dw")
    pod = g.low("pod")
    if dw == "tonight":
        pod = "night"
    n = _DAYWORD[dw]
    typ: TimexType = "TIME" if pod else "DATE"
    suffix = f"T{PARTS_OF_DAY[pod]}" if pod else ""
    if c.pub is None:
        return piece(s, e, typ, _DAYREF[n], None, True)
    d = cal.add_days(c.pub, n)
    c.focus_day = d
    v, iv = cal.day(d)
    return piece(s, e, typ, v + suffix, iv, True)


def h_this_pod(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    rel = g.low("rel")
    pod = g.low("pod")
    n = -1 if rel == "last" else 0
    if c.pub is None:
        return piece(s, e, "TIME", _DAYREF[n], None, True)
    d = cal.add_days(c.pub, n)
    v, iv = cal.day(d)
    return piece(s, e, "TIME", f"{v}T{PARTS_OF_DAY[pod]}", iv, True)


def h_pod(g: G, c: Ctx) -> list[Piece] | None:
    """ "By mid afternoon", "in the morning": that part of the day in focus."""
    s, e = trim_prefix(g, "prep", g.m.start()), g.m.end()
    pod = PARTS_OF_DAY[g.low("pod")]
    dw = g.low("dw")
    d = (cal.add_days(c.pub, _DAYWORD[dw]) if dw else c.base_day()) if c.pub else None
    if d is None:
        return piece(s, e, "TIME", f"XXXX-XX-XXT{pod}", None, True)
    v, iv = cal.day(d)
    return piece(s, e, "TIME", f"{v}T{pod}", iv, True)


def h_day_rel(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    w = g.low("w")
    n = -1 if ("previous" in w or "before" in w or "preceding" in w) else 0
    if "next" in w or "following" in w or "after" in w:
        n = 1
    base = c.base_day()
    if base is None:
        return piece(s, e, "DATE", _DAYREF[n], None, True)
    d = cal.add_days(base, n)
    c.focus_day = d
    v, iv = cal.day(d)
    return piece(s, e, "DATE", v, iv, True)


def _unit_of(word: str) -> str:
    w = word.lower()
    if w in _UNIT_CODE:
        return _UNIT_CODE[w]
    return UNITS.get(w.rstrip("s"), "")


def h_ago(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    unit = _unit_of(g.low("unit"))
    direction = g.low("dir")
    n = num_value(g["num"]) if g["num"] else None
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if unit in ("TH", "TM", "TS", "WE", "ML") or not unit:
        if n is None:
            return None
        val = duration_value(n, unit, False)
        return piece(s, e, "DURATION", val) if val else None
    if unit == "2W":
        unit, n = "W", (n or 1) * 2
    from_focus = direction in ("earlier", "later", "before", "after")
    if n is None and from_focus:
        # "A few days later, American Medical announced...": some days after the date in
        # focus, which may itself be past; only the stretch is known
        return piece(s, e, "DURATION", duration_value(None, unit, False))
    if n is None or n != int(n):
        return piece(s, e, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, True)
    k = int(n) * sign
    base = c.base() if from_focus else c.pub
    if base is None:
        return piece(s, e, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, True)
    fq = c.recent_quarter(s)
    if unit == "Y" and fq and abs(k) == 1:
        # "a year ago" in a report about a quarter: the same quarter a year before
        v, iv = cal.quarter(fq[0] + k, fq[1])
        return piece(s, e, "DATE", v, iv, True)
    if unit == "Q":
        base = D(c.focus_q[0], 3 * c.focus_q[1] - 1, 1) if c.focus_q else base
    d = cal.shift_value(unit, base, k)
    r = cal.unit_interval(unit, d, 0)
    if r is None:
        return None
    v, iv = r
    if unit == "D":
        c.focus_day = d
    return piece(s, e, "DATE", v, iv, True)


def h_year_adj(g: G, c: Ctx) -> list[Piece] | None:
    """ "year-ago", "year-earlier": the period in focus a year before."""
    s, e = g.m.start(), g.m.end()
    base = c.base()
    fq = c.recent_quarter(s)
    if fq:
        v, iv = cal.quarter(fq[0] - 1, fq[1])
        return piece(s, e, "DATE", v, iv, True)
    if base is None:
        return piece(s, e, "DATE", "PAST_REF", None, True)
    r = cal.unit_interval("Y", base, -1)
    return piece(s, e, "DATE", r[0], r[1], True) if r else None


_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.I)


def h_year_end(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    if c.pub is None:
        return piece(s, e, "DATE", "XXXX-12-31", None, True)
    y = c.pub.year
    if _SINCE_BEFORE.search(c.text, max(0, s - 7), s) and c.pub < D(y, 12, 31):
        y -= 1  # "the percentage change is since year-end": the last one passed
    v, iv = cal.day(D(y, 12, 31))
    return piece(s, e, "DATE", v, iv, True)


def duration_value(n: float | None, unit: str, half: bool) -> str:
    if unit == "2W":
        unit, n = "W", None if n is None else n * 2
    if unit == "WE":
        unit = "WE"
    if n is None:
        return f"PT X{unit[1]}".replace(" ", "") if unit.startswith("T") else f"PX{unit}"
    if half:
        n += 0.5
    whole = int(n)
    frac = n - whole
    if unit.startswith("T"):
        letter = unit[1]
        if frac == 0.5 and letter in "HM":
            sub = "30M" if letter == "H" else "30S"
            return f"PT{whole}{letter}{sub}" if whole else f"PT{sub}"
        return f"PT{whole}{letter}" if frac == 0 else f"PT{n:g}{letter}"
    if frac == 0:
        return f"P{whole}{unit}"
    if frac == 0.5 and unit in ("Y", "D"):
        sub = "6M" if unit == "Y" else "T12H"
        return f"P{whole}{unit}{sub}" if whole else f"P{sub}"
    return f"P{n:g}{unit}"


_PRECISION: dict[str, Precision] = {"D": "day", "W": "week", "M": "month", "Y": "year"}
_PRICE_BEFORE = re.compile(
    r"(?:\d|%|percent|cents?|dollars?|million|billion|times|twice|once)\s*$", re.I
)
_ANCHOR_BACK = ("the past", "the last", "over the past", "the previous")
_ANCHOR_FWD = ("the next", "the coming")


_SOMEDAY_BEFORE = re.compile(
    r"\b(?:will|would|could|might|may|can|should|must|shall|he|she|they|we|i|you|it)\s+$", re.I
)


_IN_BEFORE = re.compile(r"\bin\s+$", re.I)
# "a quarter of" a thing is a share; "a quarter of a century" is a time
_SHARE_OF = re.compile(
    r"\s+of\s+(?!(?:an?|the|this|last|next|fiscal)?\s*(?:centur|year|decade|hour|month|day"
    r"|week|season|millenni|\d))"
)


def h_duration(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    unit = _unit_of(g.low("unit"))
    if not unit:
        return None
    numw = g.low("num0") or g.low("num")
    if unit == "Q" and "-" in text_between(g, "num", "unit") and g.low("unit").endswith("s"):
        return None  # "three-quarters of its food"
    if unit == "Q" and g.low("unit") == "quarter" and _SHARE_OF.match(c.low, e):
        return None  # "accounting for more than a quarter of the entire high-yield market"
    if unit == "TS" and numw in ("a", "an"):
        return None  # "a second" is almost always the ordinal
    countable = numw and (numw[0].isdigit() or numw in _WORD_NUM or numw == "a")
    if unit == "Q" and not countable and numw not in ("several", "a few", "few", "many"):
        return None
    n = num_value(numw)
    half = bool(g["frac"] or g["frac2"])
    val = duration_value(n, unit, half)
    anchor = g.low("anchor")
    text = c.text
    # "$50 a year", "twice a day": a frequency, not a duration
    if (
        numw in ("a", "an")
        and not anchor
        and not g["approx"]
        and _PRICE_BEFORE.search(text[max(0, s - 25) : s])
    ):
        return piece(s, e, "SET", f"P1{unit}" if not unit.startswith("T") else f"PT1{unit[1]}")
    if (
        numw == "one"
        and unit == "D"
        and not (anchor or g["approx"])
        and _SOMEDAY_BEFORE.search(text, max(0, s - 12), s)
    ):
        # "Islam will one day be the second largest religion": some day in the future
        return piece(s, e, "DATE", "FUTURE_REF")
    unit_word = g.low("unit")
    adjectival = "-" in text_between(g, "num", "unit") or (
        n is not None and n != 1 and not unit_word.endswith("s")
    )
    if adjectival and anchor == "the":
        s, anchor = trim_prefix(g, "anchor", s), ""
    if (
        not anchor
        and not g["approx"]
        and not g["num0"]
        and c.pub is not None
        and n is not None
        and n == int(n)
        and unit in _PRECISION
        and _IN_BEFORE.search(text, max(0, s - 4), s)
        and c.tense(s, e) > 0
    ):
        # "The stock would be redeemed in five years": that long after publication
        r = cal.unit_interval(unit, cal.shift_value(unit, c.pub, int(n)), 0)
        if r is not None:
            return piece(s, e, "DATE", r[0], r[1], True)
    iv = None
    rel = False
    if anchor and c.pub is not None and n is not None and n == int(n) and unit in _PRECISION:
        # "the past two months": the stretch up to publication; "the next two weeks": after it
        if anchor in _ANCHOR_BACK:
            iv = Interval(cal.shift_value(unit, c.pub, -int(n)), c.pub, _PRECISION[unit])
            rel = True
        elif anchor in _ANCHOR_FWD:
            iv = Interval(c.pub, cal.shift_value(unit, c.pub, int(n)), _PRECISION[unit])
            rel = True
    return piece(s, e, "DURATION", val, iv, rel)


def h_bare_plural(g: G, c: Ctx) -> list[Piece] | None:
    s = trim_prefix(g, "prep", g.m.start())
    unit = _unit_of(g.low("unit") or g.low("unit2"))
    if not unit or unit in ("WE",):
        return None
    if g["unit2"]:
        # "in recent years", "in coming months": a vague stretch of the past or future
        # "in past years"; "cut tax payments in future quarters"
        ref = "FUTURE_REF" if g.low("pre") in ("coming", "the coming", "future") else "PAST_REF"
        return piece(s, g.m.end(), "DATE", ref)
    return piece(s, g.m.end(), "DURATION", duration_value(None, unit, False))


_SENTENCE_END = re.compile(r"[.!?\n]\s*$")


def h_set(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    if g["setw"]:
        w = g["setw"]
        if is_capitalised(w) and s > 0 and not _SENTENCE_END.search(c.text[max(0, s - 3) : s]):
            return None  # "Daily Mail"
        return piece(s, e, "SET", SETS[w.lower()])
    if g["wd"]:
        return piece(s, e, "SET", f"XXXX-WXX-{WEEKDAYS[g.low('wd').rstrip('s')]}")
    if g["mon"]:
        return piece(s, e, "SET", f"XXXX-{month_no(g['mon']):02d}")
    if g["season"]:
        return piece(s, e, "SET", f"XXXX-{SEASONS[g.low('season')]}")
    unit = _unit_of(g.low("unit"))
    if not unit or (unit.startswith("T") and g.m.group().lower().startswith("per")):
        return None  # "per second", "km per hour": rates, not times
    n = num_value(g["num"]) if g["num"] else 1
    if g.low("num") == "other":
        n = 2
    v = duration_value(n, unit, False)
    return piece(s, e, "SET", v)


def h_season(g: G, c: Ctx) -> list[Piece] | None:
    s = trim_prefix(g, "prep", g.m.start())
    e = g.m.end()
    sw = g.low("s")
    code = SEASONS[sw]
    rel = g.low("rel")
    mod = g["mod"] or g["rel_mod"]
    if g["y"] or g["yw"]:
        y = int(g["y"]) if g["y"] else spelled_year(g["yw"] or "")
        if y is None:
            return None
        v, iv = cal.season(y, code)
        if mod:
            iv = cal.narrow(iv, mod_code(mod))
        return piece(s, e, "DATE", v, iv)
    if not (rel or g["prep"] or mod):
        return None
    if sw in ("fall", "spring") and not (rel or mod):
        return None
    if c.pub is None:
        return piece(s, e, "DATE", f"XXXX-{code}", None, True)
    cands = [
        cal.season(y, code) for y in (c.pub.year - 2, c.pub.year - 1, c.pub.year, c.pub.year + 1)
    ]
    if rel in ("this",):
        pick = next((x for x in cands if x[1].start <= c.pub <= x[1].end), None) or cal.season(
            c.pub.year if code != "WI" or c.pub.month > 2 else c.pub.year - 1, code
        )
    elif rel in ("last", "this past", "the past"):
        pick = [x for x in cands if x[1].end < c.pub][-1]
    elif rel in ("next", "this coming", "the coming"):
        pick = next(x for x in cands if x[1].start > c.pub)
    elif c.tense(s, e) > 0:
        pick = next(x for x in cands if x[1].end >= c.pub)
    else:
        pick = [x for x in cands if x[1].start <= c.pub][-1]
    v, iv = pick
    if mod:
        iv = cal.narrow(iv, mod_code(mod))
    return piece(s, e, "DATE", v, iv, True)


def h_year(g: G, c: Ctx) -> list[Piece] | None:
    sig = g.low("sig")
    y = int(g["y"] or 0)
    if not 1000 <= y <= 2099:
        return None
    if sig in ("the", "than", "for", "year", "of", "to", "and", "or") and not 1800 <= y <= 2099:
        return None
    if sig in ("and", "or", "to") and not _YEAR_BEFORE.search(
        c.text, max(0, g.span("sig")[0] - 12), g.span("sig")[0]
    ):
        return None  # "between 2008 and 2012" yes, "1999 votes and 2022 ballots" no
    mod = g["mod"]
    s = g.span("mod")[0] if mod else trim_prefix(g, "sig", g.m.start())
    v, iv = cal.year(y)
    if mod:
        iv = cal.narrow(iv, mod_code(mod))
    return piece(s, g.m.end(), "DATE", v, iv)


def h_year_range(g: G, c: Ctx) -> list[Piece] | None:
    """ "2008-2012", "1988-89": two years, each with the interval of the whole range."""
    y1 = int(g["y"] or 0)
    raw2 = g["y2"] or ""
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2 or 0)
    if not 1000 <= y1 < y2 <= 2099:
        return None
    if not g["sig"] and (y1 < 1900 or y2 - y1 > 30):
        return None  # "1500-2000 dollars"
    iv = Interval(D(y1, 1, 1), D(y2, 12, 31), "year")
    s1, e1 = g.span("y")
    s2, e2 = g.span("y2")
    return [
        Piece(s1, e1, "DATE", f"{y1:04d}", iv, False),
        Piece(s2, e2, "DATE", f"{y2:04d}", iv, False),
    ]


_YEAR_BEFORE = re.compile(r"(?:\b(?:1\d{3}|20\d\d)|between|both|from)\s*$", re.I)


def h_year_words(g: G, c: Ctx) -> list[Piece] | None:
    y = spelled_year(g["yw"] or "")
    if y is None:
        return None
    v, iv = cal.year(y)
    return piece(g.m.start(), g.m.end(), "DATE", v, iv)


_AS_BEFORE = re.compile(r"\bas\s+$", re.I)
_AFTER_AS = re.compile(r"\s+(?:after|as)\b", re.I)
_CURRENT_NOUN = re.compile(r"\s+(?:account|affairs|events|assets|liabilities)\b", re.I)
_CURRENT_UNIT = re.compile(r"\s+(?:quarter|year|week|month)", re.I)


def h_ref(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    w = g.low("ref")
    val = REFS.get(w)
    if val is None:
        return None
    if w == "soon" and (
        _AS_BEFORE.search(c.text[max(0, s - 4) : s]) or _AFTER_AS.match(c.text, e, e + 7)
    ):
        return None  # "as soon as", "soon after": conjunctions, not a time
    if w == "current" and (
        _CURRENT_NOUN.match(c.text, e, e + 20) or _CURRENT_UNIT.match(c.text, e, e + 10)
    ):
        return None
    return piece(s, e, "DATE", val, None, False)


def h_time(g: G, c: Ctx) -> list[Piece] | None:
    s, e = g.m.start(), g.m.end()
    if g["noon"]:
        w = g.low("noon")
        # "midnight Friday" ends Friday: T24:00 of that day (ISO 8601)
        hh, mm = (24, 0) if w == "midnight" else (12, 0)
    else:
        hh = int(g["h"] or 0)
        mm = int(g["mi"] or 0)
        ap = g.low("ap")
        if ap:
            if not 1 <= hh <= 12:
                return None
            hh = hh % 12 + (12 if ap.startswith("p") else 0)
        elif hh > 23:
            return None
    d: D | None = None
    rel = True
    if g["dwd"]:
        wd = WEEKDAYS[g.low("dwd")]
        if c.pub is not None:
            d = weekday_date(c.pub, wd, c.tense(s, e))
    elif g["ddw"]:
        if c.pub is not None:
            d = cal.add_days(c.pub, _DAYWORD[g.low("ddw")])
    elif g["dmon"]:
        m, dd = month_no(g["dmon"]), day_no(g["dday"] or "0")
        if safe_date(2000, m, dd) is None:
            return None
        if c.pub is not None:
            y = nearest_year(c.pub, m, dd)
            d = safe_date(y, m, dd) if y else None
    else:
        d = c.base_day()
    t = f"T{hh:02d}:{mm:02d}"
    if d is None:
        return piece(s, e, "TIME", "XXXX-XX-XX" + t, None, rel)
    v, iv = cal.day(d)
    return piece(s, e, "TIME", v + t, iv, rel)


def h_ordinal_day(g: G, c: Ctx) -> list[Piece] | None:
    s = trim_prefix(g, "on", g.m.start())
    e = g.m.end()
    d = day_no(g["d"] or "0")
    base = c.base()
    if base is None:
        return piece(s, e, "DATE", f"XXXX-XX-{d:02d}", None, True)
    dd = safe_date(base.year, base.month, d)
    if dd is None:
        return None
    v, iv = cal.day(dd)
    return piece(s, e, "DATE", v, iv, True)


# ----------------------------------------------------------------------------- rules

_DAYREF_P = (
    rf"(?:(?P<dwd>{WD})|(?P<ddw>yesterday|today|tomorrow)|(?P<dmon>{MON})\s+(?P<dday>{DAY}))"
)
_TZ = r"(?:est|edt|cst|cdt|mst|mdt|pst|pdt|gmt|utc|bst|cet|cest|eet|msk|local\s+time)"

# (name, pattern, handler): earlier rules win when two start at the same place. Patterns see
# the lower-cased text (literals in lower case); handlers read the original through G.
RULES: list[tuple[str, str, Handler]] = [
    (
        "time",
        rf"(?:(?:around|about|approximately|shortly\s+after|shortly\s+before|just\s+after|just\s+before)\s+)?"
        rf"(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)"
        rf"|(?P<noon>noon|midnight)(?=\s*[,.]?\s*(?:{WD}|yesterday|today|tomorrow|{MON}\s+{DAY}|on\b))"
        rf"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?=\s*{_TZ}))"
        rf"(?:\s+{_TZ})?(?:,?\s+(?:on\s+)?{_DAYREF_P})?",
        h_time,
    ),
    ("iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])", h_iso),
    ("slash", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d)(?![\d/])", h_slash),
    (
        "month_year",
        rf"(?:(?P<mod>{MOD})[-\s]+)?(?P<mon>{MON})(?:\s+of)?,?\s+(?:(?P<y>{YEAR})|(?P<yw>{SPELLED_YEAR}))",
        h_month_year,
    ),
    (
        "mdy",
        rf"(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MON})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?(?!\s*(?:%|percent))",
        h_mdy,
    ),
    (
        "dmy",
        rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MON})(?:,?\s+(?P<y>{YEAR}))?",
        h_dmy,
    ),
    (
        "month_rel_year",
        rf"(?P<mon>{MONTH_FULL})\s+(?P<rel>this|last|next)\s+year",
        h_month_rel_year,
    ),
    (
        "quarter",
        rf"(?!(?:recent|coming|future|past)\s+quarters)"
        rf"(?:(?P<det>the\s+latest|the|this|last|next|that)\s+(?!\w+-quarter))?"
        rf"(?P<quals>(?:(?:fiscal|calendar|year-ago|year-earlier|year-before|prior-year|comparable"
        rf"|corresponding|same|latest|current|previous|recent|flat|{YEAR}|(?:this|last|next)\s+year's"
        rf"|{YEAR}'s|fiscal-)[\s-]*){{0,3}})"
        rf"(?:(?P<ord>{ORD_QUARTER})[\s-]+)?(?P<unit>quarters?|half|period)(?![\w-])"
        rf"(?P<post>\s+of\s+(?:fiscal\s+)?(?:{YEAR}|(?:this|last|next|the)\s+year)|\s+a\s+year\s+ago"
        rf"|\s+(?:last|this|next)\s+year)?",
        h_quarter,
    ),
    (
        "fiscal",
        rf"(?:fiscal(?:\s+year)?\s+(?P<y>{YEAR})|(?:(?P<rel>the\s+current|the\s+latest|the\s+previous"
        rf"|the\s+next|this|last|next|the)\s+)fiscal\s+year)",
        h_fiscal,
    ),
    (
        "decade",
        rf"(?:(?P<the>the)\s+)?(?:(?P<mod>{MOD})[-\s]*)?"
        rf"(?:(?P<dec>1[0-9]\d0|20\d0)'?s|['’](?P<dec2>\d0)['’]?s|(?P<decw>(?:nineteen[\s-]+)?{DECADE_WORD}))",
        h_decade,
    ),
    (
        "century",
        rf"(?:the\s+)?(?:(?P<mod>{MOD})[-\s]*)?(?:(?P<c>\d{{1,2}}(?:st|nd|rd|th))|(?P<cw>{ORD_WORD}))"
        rf"[\s-]+century",
        h_century,
    ),
    (
        "ago",
        rf"(?:(?P<approx>{APPROX_P})\s+)?(?:(?P<num>{NUM})(?:\s+more)?[\s-]+)?(?P<unit>{UNITS_PL})"
        rf"(?:\s+or\s+(?:so|more|two|three))?\s+(?P<dir>ago|earlier|later|from\s+now|hence)(?![\w-])",
        h_ago,
    ),
    ("year_adj", r"year[-\s](?:ago|earlier|before)(?![\w-])", h_year_adj),
    ("year_end", r"year[-\s]end|year's\s+end", h_year_end),
    (
        "set",
        rf"(?:(?P<setw>{SET_WORD})"
        rf"|(?:every|each|per)\s+(?:(?P<num>{NUM}|other)\s+)?(?:(?P<wd>{WD})s?|(?P<mon>{MONTH_FULL})"
        rf"|(?P<season>{SEASON})|(?P<unit>{UNITS_PL})))",
        h_set,
    ),
    ("weekend", rf"(?P<rel>{REL})\s+weekend", h_weekend),
    (
        "day_rel",
        r"(?P<w>the\s+(?:previous|preceding|next|following|same)\s+day|that\s+(?:same\s+)?day"
        r"|the\s+day\s+before(?!\s+(?:the|a|an|his|her|their|its)\b)"
        r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)",
        h_day_rel,
    ),
    (
        "rel_month",
        rf"(?:(?P<mod>{MOD}|earlier|later)\s+)?(?P<rel>this\s+past|this\s+coming|this|last|next)\s+"
        rf"(?P<mon>{MONTH_FULL})",
        h_rel_month,
    ),
    (
        "weekday",
        rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?:(?P<rel>this\s+past|this\s+coming|this|last|next"
        rf"|the\s+previous|the\s+preceding|the\s+following)\s+)?(?P<wd>{WD})(?P<plural>s(?!\w))?"
        rf"(?:\s+(?P<pod>{POD}s?))?(?![\w-])",
        h_weekday,
    ),
    (
        "dayword",
        rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<dw>yesterday|today|tomorrow|tonight)"
        rf"(?:\s+(?P<pod>{POD}))?",
        h_dayword,
    ),
    (
        "this_pod",
        rf"(?:(?:early|late|earlier|later)\s+)?(?P<rel>this|last)\s+(?P<pod>{POD})",
        h_this_pod,
    ),
    (
        "pod",
        r"(?P<prep>in|by|at|during|until|after|before)\s+(?:(?P<mod>early|late|mid)[-\s]*)?"
        r"(?:the\s+)?(?P<pod>morning|afternoon|evening)(?:\s+(?P<dw>yesterday|today|tomorrow))?"
        r"(?![\w-])",
        h_pod,
    ),
    (
        "year_words",
        rf"(?:the\s+year\s+)?(?P<yw>{SPELLED_YEAR})(?![\s-]+{UNITS_PL}(?![\w-]))",
        h_year_words,
    ),
    (
        "rel_unit",
        rf"(?:(?P<mod>{MOD}|earlier|later)(?:\s+in)?\s+)?(?P<rel>{REL})\s+(?P<fiscal>fiscal\s+)?"
        rf"(?P<unit>week|month|year|decade|century|day)(?![\w-])(?P<ended>(?=\s+end(?:ed|ing)))?",
        h_rel_unit,
    ),
    (
        "season",
        rf"(?:(?P<prep>in|during|by|since|until|through)\s+)?(?:(?P<rel>this\s+past|this\s+coming|this|last"
        rf"|next|the\s+past|the\s+coming|the)\s+)?(?:(?P<mod>{MOD})[-\s]+)?(?P<s>{SEASON})"
        rf"(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<yw>{SPELLED_YEAR}))|\s+(?P<y3>{YEAR}))?(?![\w-])",
        h_season,
    ),
    (
        "year_range",
        rf"(?:(?P<sig>{YEAR_SIGNAL})\s+)?(?P<y>{YEAR})\s*[-–—]\s*"
        rf"(?P<y2>{YEAR}|\d\d(?![\d%]))(?!\s*(?:%|percent))",
        h_year_range,
    ),
    (
        "year",
        rf"(?:(?P<mod>{MOD})[-\s]+|(?P<sig>{YEAR_SIGNAL}|(?<=['’])s)[\s-]+)(?P<y>{YEAR})"
        rf"(?!\s*(?:%|percent|per\s+cent|people|troops|soldiers|votes|times|km|miles|meters|metres|feet))",
        h_year,
    ),
    (
        "year_poss",
        rf"(?P<y>{YEAR})(?='s\s)",
        h_year,
    ),
    (
        "duration",
        rf"(?:(?P<anchor>the\s+(?:past|last|next|first|previous|coming|following|latest"
        rf"|final|initial|remaining)|the|another|an?\s+additional|an?\s+extra)\s+)?"
        rf"(?:(?P<approx>{APPROX_P})\s+)?(?:(?P<num0>{NUM})\s+(?:to|or|-)\s+)?(?P<num>{NUM})"
        rf"(?P<frac>{FRACTION})?[\s-]+"
        rf"(?:(?:more|additional|full|straight|consecutive|trading|business|calendar|long)\s+)?"
        rf"(?P<unit>{UNITS_PL})(?P<frac2>\s+and\s+a\s+half)?(?:-(?:old|long))?"
        rf"(?:\s+or\s+(?:so|two|three|more))?(?![\w-])(?!\s+old\b)",
        h_duration,
    ),
    (
        "bare_plural",
        r"(?:(?P<pre>recent|coming|the\s+coming|future|past)\s+(?P<unit2>years|months|weeks|days|decades"
        r"|quarters)"
        r"|(?:(?P<prep>for|over|in|within)\s+)?"
        r"(?P<unit>years|months|weeks|decades|centuries)(?=\s*(?:[,.;]|and|or|of\b|to\s+come)))",
        h_bare_plural,
    ),
    (
        "month",
        rf"(?:(?P<prep>in|since|by|until|till|from|to|through|during|of|before|after|between|and)\s+)?"
        rf"(?:(?P<mod>{MOD})[-\s]+)?(?:(?P<rel>this)\s+)?(?P<mon>{MONTH_FULL})(?![\w-])"
        r"(?!\.?\s*(?:\d|(?:this|last|next)\s+year))",
        h_month,
    ),
    ("ref", rf"(?P<ref>{REF})(?![\w-])", h_ref),
    (
        "ordinal_day",
        r"(?:(?P<on>on|by|until|since|from|before|after|to)\s+)?the\s+"
        r"(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?![\w])(?!\s+[A-Za-z])",
        h_ordinal_day,
    ),
]


Table = dict[str, tuple[Handler, dict[str, int]]]


def _prefixed_group(rule: str, m: re.Match[str]) -> str:
    """The named group `m` renamed `<rule>__<name>` (group names are unique in the union)."""
    return f"(?P<{rule}__{m.group(1)}>"


def _compile(names: frozenset[str] | None = None) -> tuple[re.Pattern[str], Table]:
    """The alternation of the rules (of those in `names`, in the same order) and, for each
    rule, its handler and the group numbers of its named groups."""
    parts = []
    for name, pat, _ in RULES:
        if names is None or name in names:
            renamed = re.sub(r"\(\?P<(\w+)>", partial(_prefixed_group, name), pat)
            parts.append(f"(?P<{name}>{renamed})")
    # matched against the lower-cased text: case-sensitive matching is twice as fast
    big = re.compile(START + "(?:" + "|".join(parts) + ")" + END)
    table: Table = {}
    for name, _, handler in RULES:
        prefix = name + "__"
        index = {k[len(prefix) :]: i for k, i in big.groupindex.items() if k.startswith(prefix)}
        table[name] = (handler, index)
    return big, table


# ----------------------------------------------------------------------------- dispatch
# Trying the whole alternation at a position costs one attempt per rule. Most rules can only
# start with a few characters ("the", digits, a month's initial), so each position is tried
# with the rules that can start with its character, in the same order: the same first match,
# for about half the work. The first characters are read off the parsed patterns; an
# unknown construct (or a parser that changed) makes a rule a candidate everywhere.


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The lower-cased characters a match of `pattern` can start with; None if unknown."""
    try:  # the regex parser is CPython's internal one: any surprise means "unknown"
        from re import _constants as sre_c  # type: ignore[attr-defined]
        from re import _parser as sre_p  # type: ignore[attr-defined]

        chars, nullable = _first_seq(sre_p.parse(pattern), sre_c)
    except Exception:
        return None
    return None if chars is None or nullable else frozenset(chars)


def _first_seq(items: Any, k: Any) -> tuple[set[str] | None, bool]:
    """(first characters, may match empty) of a parsed sequence; None: any character."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_op(op, av, k)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_op(op: Any, av: Any, k: Any) -> tuple[set[str] | None, bool]:
    """The same for one parsed item (`k`: the parser's constants)."""
    if op is k.LITERAL:
        return {chr(av).lower()}, False
    if op is k.IN:
        out: set[str] = set()
        for o, a in av:
            if o is k.LITERAL:
                out.add(chr(a).lower())
            elif o is k.RANGE and a[1] - a[0] < 256:
                out.update(chr(x).lower() for x in range(a[0], a[1] + 1))
            elif o is k.CATEGORY and a is k.CATEGORY_DIGIT:
                out.update("0123456789")
            elif o is k.CATEGORY and a is k.CATEGORY_SPACE:
                out.update(" \t\n\r\f\v")
            else:
                return None, False
        return out, False
    if op is k.BRANCH:
        out, empty = set(), False
        for seq in av[1]:
            chars, nullable = _first_seq(seq, k)
            if chars is None:
                return None, False
            out |= chars
            empty = empty or nullable
        return out, empty
    if op is k.SUBPATTERN:
        return _first_seq(av[3], k)
    if op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT):
        chars, nullable = _first_seq(av[2], k)
        return chars, nullable or av[0] == 0
    if op in (k.AT, k.ASSERT, k.ASSERT_NOT):
        return set(), True  # zero width: what follows decides
    return None, False


def _dispatch() -> dict[str, frozenset[str]]:
    """For each ASCII character, the rules that can start with it."""
    firsts = {name: _first_chars(pat) for name, pat, _ in RULES}
    return {
        ch: frozenset(n for n, f in firsts.items() if f is None or ch in f)
        for ch in map(chr, range(128))
    }


_DISPATCH = _dispatch()
_SUBMASTERS: dict[frozenset[str], tuple[re.Pattern[str], Table]] = {}
Matcher = tuple[Callable[[str, int], re.Match[str] | None] | None, Table]
_BY_CHAR: dict[str, Matcher] = {}


def _matcher_for(ch: str) -> Matcher:
    """The match function of the rules that can start with `ch` (None: no rule can) and their
    group table; compiled on first use. Other than ASCII: every rule."""
    rules = _DISPATCH.get(ch)
    if rules is None:
        return MASTER.match, TABLE
    if not rules:
        entry: Matcher = (None, TABLE)
    else:
        if rules not in _SUBMASTERS:
            _SUBMASTERS[rules] = _compile(rules)
        pattern, table = _SUBMASTERS[rules]
        entry = (pattern.match, table)
    _BY_CHAR[ch] = entry
    return entry


MASTER, TABLE = _compile()

# ----------------------------------------------------------------------------- scanning
# Running the master alternation at every position is slow; instead the text is cut into
# tokens, and the master pattern is tried only around "anchor" tokens (a month, a unit, a
# year-like number, ...), starting from a few tokens before the anchor so that determiners
# and modifiers ("the past", "nearly", "early") are included.

_TOKEN_SPLIT = re.compile(r"([a-z]+|\d+)")
_DIGIT_ANCHOR = re.compile(
    r"(?<![\w.,])(?:(?:1\d{3}|20\d\d)s?(?![\w,.]\d)|\d+[/-]\d+[/-]\d+|\d{1,2}(?:st|nd|rd|th)"
    r"|\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|\d{1,2}:\d\d|(?<=['’])\d0s\b)"
)
_LOOKBACK = 5


def _anchor_words() -> frozenset[str]:
    words: set[str] = set()
    tables = (MONTHS, MONTH_ABBR, WEEKDAYS, SEASONS, PARTS_OF_DAY, SETS, DECADE_WORDS)
    for table in tables:
        words.update(table)
    words.update(f"{w}s" for w in WEEKDAYS)
    for w in UNITS:
        words.update((w, w + "s", UNIT_PLURALS.get(w, w)))
    stop = {"the", "in", "as", "at", "this", "a", "of", "near", "just", "right", "long", "short"}
    for phrase in REFS:
        words.update(x for x in phrase.split() if x not in stop)
    words.update(
        "yesterday today tomorrow tonight weekend quarter quarters half period fiscal"
        " nineteen eighteen thousand noon midnight gmt utc est edt cst cdt pst"
        " pdt bst cet cest eet msk".split()
    )
    return frozenset(words)


_ANCHORS = _anchor_words()
# Words an expression may start with (besides anchors and numbers).
_STARTERS = (
    _ANCHORS
    | frozenset(
        (
            "the this that last next early mid late earlier later in since by until till from to"
            " through during of before after between and or around about approximately nearly"
            " almost some over more less fewer at up no just under roughly within for recent coming"
            " past previous preceding following each every per another an a twice shortly right as"
            " these year its their several few many couple dozen hundred hundreds dozens thousands"
            " number on s future"
        ).split()
    )
    | frozenset(w for w in NUMBERS if " " not in w)
    | frozenset(ORDINALS)
    | frozenset(w for w in YEAR_SIGNALS if w.isalpha())
)


# Every letter a master match consumes comes from a literal word of the patterns or of the
# lexicon (their \\w classes are all look-arounds), so a match that starts before its anchor
# can only cross tokens of this vocabulary (or their plural in -s), digits and punctuation.
_VOCAB = frozenset(
    re.findall(
        r"[a-z]+",
        " ".join(
            [MASTER.pattern.lower(), *UNIT_PLURALS.values()]
            + [w for table in LEXICON.values() for w in table]
        ),
    )
)


def _crossable(tok: str) -> bool:
    return tok in _VOCAB or tok[0].isdigit() or (tok[-1] == "s" and tok[:-1] in _VOCAB)


def _lowered(text: str) -> str:
    """`text` in lower case, character for character (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return low


def _candidates(low: str) -> Iterator[tuple[re.Match[str], Table]]:
    """Master-pattern matches in the lower-cased text `low` that contain an anchor token,
    left to right, not overlapping, each with the group table of the pattern that matched."""
    parts = _TOKEN_SPLIT.split(low)
    offsets = list(accumulate(map(len, parts)))
    tokens = parts[1::2]
    starts = offsets[0::2][: len(tokens)]
    anchor_pos = list(compress(starts, map(_ANCHORS.__contains__, tokens)))
    # the digit anchors start at a digit token; testing only those is finditer without its
    # scan of every character
    digit_pos = []
    digit_match = _DIGIT_ANCHOR.match
    last_end = 0
    for pos in compress(starts, map(str.isdigit, tokens)):
        if pos >= last_end and (dm := digit_match(low, pos)) is not None:
            digit_pos.append(pos)
            last_end = dm.end()
    if digit_pos:
        anchor_pos = sorted(set(anchor_pos).union(digit_pos))
    by_char = _BY_CHAR
    starters = _STARTERS
    done = 0  # nothing before this offset may be matched again
    for a in anchor_pos:
        if a < done:
            continue
        j = bisect_right(starts, a) - 1
        # a match starting k tokens back must cross tokens k..j-1: stop at the first that
        # no pattern can cross ("in the company's third quarter" starts at "third")
        first = j
        lo = max(0, j - _LOOKBACK)
        while first > lo and _crossable(tokens[first - 1]):
            first -= 1
        for k in range(first, j + 1):
            pos = starts[k]
            if pos < done:
                continue
            if k < j:
                tok = tokens[k]
                if tok not in starters and not tok[0].isdigit():
                    continue
            ch = low[pos]
            match, table = by_char[ch] if ch in by_char else _matcher_for(ch)
            if match is None:
                continue  # no rule starts with this character
            m = match(low, pos)
            if m is not None and m.end() > a:
                yield m, table
                done = m.end()
                break


# ----------------------------------------------------------------------------- passes

_RANGE_OPEN = re.compile(r"(?:between|from)\s+$", re.I)
_RANGE_MID = re.compile(r"^\s*(?:and|to|until|till|through|-|–|—)\s*$", re.I)


def _signals(text: str, pieces: list[Piece], pub: D | None) -> list[Piece]:
    """Widen intervals by the signals around them: "since X", "between X and Y"."""
    out = list(pieces)
    i = 0
    while i < len(out):
        p = out[i]
        before = text[max(0, p.start - 9) : p.start]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if (
            nxt is not None
            and p.interval is not None
            and nxt.interval is not None
            and _RANGE_MID.match(text[p.end : nxt.start])
            and (_RANGE_OPEN.search(before) or text[p.end : nxt.start].strip() in "-–—")
            and p.interval.start <= nxt.interval.end
        ):
            iv = Interval(p.interval.start, nxt.interval.end, p.interval.precision)
            out[i] = p._replace(interval=iv)
            out[i + 1] = nxt._replace(interval=Interval(iv.start, iv.end, nxt.interval.precision))
            i += 2
            continue
        if (
            p.interval is not None
            and pub is not None
            and _SINCE_BEFORE.search(before)
            and p.interval.start <= pub
        ):
            out[i] = p._replace(
                interval=Interval(
                    p.interval.start, max(pub, p.interval.start), p.interval.precision
                ),
                relative=True,
            )
        i += 1
    return out


def tag_text(text: str, published: D | None) -> list[Timex]:
    """All time expressions of `text` (see the module docstring for the rules)."""
    if not isinstance(text, str) or not text:
        return []
    ctx = Ctx(text, published)
    pieces: list[Piece] = []
    for m, table in _candidates(ctx.low):
        name = m.lastgroup
        if name is None:
            continue
        handler, index = table[name]
        try:
            got = handler(G(m, index, text), ctx)
        except Exception:  # a rule that trips on odd input drops its match, never the article
            got = None
        if not got:
            continue
        for p in got:
            if p.start >= p.end:
                continue
            if p.interval is not None and p.interval.precision == "quarter":
                ctx.focus_q_at = p.end
            if p.interval is not None and p.type == "DATE":
                if p.interval.precision == "day":
                    ctx.focus_day = p.interval.start
                # relative periods ("last year") do not move the focus: "a year earlier"
                # after them compares with the period the story is about; a month named
                # does ("In March, ... The following month, the company put itself up")
                if p.interval.precision not in ("decade", "century") and (
                    not p.relative or p.interval.precision in ("day", "month")
                ):
                    ctx.focus_iv = p.interval
            pieces.append(p)
    pieces = _signals(text, pieces, published)
    out = []
    for p in pieces:
        iv = p.interval
        if iv is not None and iv.start > iv.end:
            iv = Interval(iv.end, iv.start, iv.precision)
        out.append(Timex(p.start, p.end, text[p.start : p.end], p.type, p.value, iv, p.relative))
    return out
