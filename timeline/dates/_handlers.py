"""Normalisation handlers: one per rule, from a match to the expressions it denotes.

Each handler takes the match and the context and returns the pieces it found (maybe none);
the rules table (`_rules`) says which handler serves which pattern.

- A month and day without a year ("Dec. 15") takes the year that puts it nearest to the
  publication date, at most two months ahead in a past-tense clause (and behind in a
  future one); with a weekday ("Saturday, April 25") the year where the two agree.
- Bare months follow the clause's tense (future: not before the publication month; past:
  not after it, except the next month, still to come; no marker: the last one, unless it
  is one of the next two months). A month after a deadline preposition ("by May", "until
  March") is ahead; after "this year through" it is of this year.
- Weekdays: in a past-tense (or tenseless) clause "on Thursday" is the nearest Thursday
  not after the publication date, the publication day itself included; in a future-tense
  clause ("will meet on Monday") the nearest one after it.
- "A year ago" right after a quarter was named ("third-quarter profit fell from $5
  million a year ago") is that quarter a year before; "a few days later" (no count) is a
  stretch of days, not a date.
- "The quarter", "the year-ago period": the quarter in focus, else the last one completed
  before publication; "the third quarter" without a year: of the publication year (the
  year before if that quarter has not begun and the clause is not future). A quarter
  named in a future clause ("losses through the third quarter of 1990") is not the one in
  focus. "The quarter ended Sept. 30" is the calendar quarter holding most of the three
  months up to that day, unless a fiscal quarter is in focus (the company's numbering).
- "In five years" in a future clause is a date (that long after publication); elsewhere
  "five years" is a duration. "Midnight Friday" ends Friday: T24:00 of that day.
- "Early/mid/late" and "the beginning/middle/end of" narrow the interval to its first,
  middle or last third; the value stays that of the whole period (TIMEX3 keeps the
  modifier apart).
- PRESENT_REF/PAST_REF/FUTURE_REF ("now", "recently", "in the future") have no interval
  and relative=False: nothing was computed from a date.
- Without a publication date, relative expressions get an underspecified value
  (XXXX-WXX-4, PAST_REF, ...) and no interval; explicit dates still resolve.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from timeline.dates import Interval, Precision, TimexType
from timeline.dates import _calendar as cal
from timeline.dates._context import (
    BLANKS,
    Context,
    Date,
    Piece,
    RuleMatch,
    modal_may,
    month_year,
    nearest_year,
    weekday_date,
)
from timeline.dates._holidays import HOLIDAYS, holiday_date
from timeline.dates._lexicon import (
    DATED_NOUNS,
    DECADE_WORDS,
    MODIFIERS,
    MONTH_ABBR,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    REFS,
    SEASONS,
    SETS,
    UNIT_PLURALS,
    UNITS,
    WEEKDAYS,
)
from timeline.dates._patterns import DAY, MON, YEAR

__all__ = [
    "SINCE_BEFORE",
    "Handler",
    "h_ago",
    "h_bare_plural",
    "h_century",
    "h_day_rel",
    "h_dayword",
    "h_decade",
    "h_dmy",
    "h_duration",
    "h_fiscal",
    "h_holiday",
    "h_iso",
    "h_mdy",
    "h_month",
    "h_month_rel_year",
    "h_month_year",
    "h_ordinal_day",
    "h_pod",
    "h_quarter",
    "h_ref",
    "h_rel_month",
    "h_rel_unit",
    "h_season",
    "h_set",
    "h_slash",
    "h_this_pod",
    "h_time",
    "h_unit_before",
    "h_week_of",
    "h_weekday",
    "h_weekend",
    "h_year",
    "h_year_adj",
    "h_year_end",
    "h_year_list",
    "h_year_range",
    "h_year_words",
]


_NON_DIGITS = re.compile(r"\D")
_BLANKS_DASHES = re.compile(r"[\s-]+")
_FOUR_DIGITS = re.compile(r"\d{4}")


_UNIT_CODE = {**UNITS, **{p: UNITS[w] for w, p in UNIT_PLURALS.items()}}


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
    w = BLANKS.sub(" ", word.lower().strip())
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


def text_between(match: RuleMatch, a: str, b: str) -> str:
    return match.raw.string[match.span(a)[1] : match.span(b)[0]]


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def trim_prefix(match: RuleMatch, name: str, s: int) -> int:
    """Start of the span once the signal group `name` (if matched) is left out."""
    if match[name] is None:
        return s
    _, e = match.span(name)
    text = match.raw.string
    while e < len(text) and (text[e].isspace() or text[e] == "-"):
        e += 1
    return e


def mod_code(word: str) -> str:
    w = _BLANKS_DASHES.sub(" ", word.lower()).strip()
    w = w.removesuffix(" in").strip()
    return MODIFIERS.get(w, "")


def safe_date(y: int, m: int, d: int) -> Date | None:
    try:
        return Date(y, m, d)
    except ValueError:
        return None


def piece(
    s: int, e: int, typ: TimexType, val: str, iv: Interval | None = None, rel: bool = False
) -> list[Piece]:
    return [Piece(s, e, typ, val, iv, rel)]


# Each takes the match and the context and returns the pieces it found (maybe none).

Handler = Callable[[RuleMatch, Context], list[Piece] | None]


def h_iso(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    d = safe_date(int(match["y"] or 0), int(match["m"] or 0), int(match["d"] or 0))
    if d is None or not cal.ok_year(d.year):
        return None
    v, iv = cal.day(d)
    return piece(match.raw.start(), match.raw.end(), "DATE", v, iv)


def h_slash(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    a, b, ys = int(match["a"] or 0), int(match["b"] or 0), match["y"] or ""
    y = int(ys)
    if len(ys) == 2:
        y += 1900 if y > 30 else 2000
    m, d = (a, b) if a <= 12 else (b, a)
    dd = safe_date(y, m, d)
    if dd is None:
        return None
    v, iv = cal.day(dd)
    return piece(match.raw.start(), match.raw.end(), "DATE", v, iv)


def _month_day_value(
    match: RuleMatch, ctx: Context, m: int, d: int, s: int, e: int
) -> tuple[str, Interval | None, bool] | None:
    """Value, interval and relative flag of month `m`, day `d` (year from the match, else
    from the publication date and the clause's tense)."""
    if match["y"]:
        dd = safe_date(int(match["y"]), m, d)
        if dd is None:
            return None
        v, iv = cal.day(dd)
        return v, iv, False
    if safe_date(2000, m, d) is None:
        return None
    if ctx.pub is None:
        return f"XXXX-{m:02d}-{d:02d}", None, True
    y = nearest_year(ctx.pub, m, d, ctx.tense(s, e))
    if match["wd"]:
        # "Saturday, April 25": the nearby year in which that day is a Saturday
        wd = WEEKDAYS[match.low("wd")]
        fits = [
            yy
            for yy in (ctx.pub.year, ctx.pub.year - 1, ctx.pub.year + 1)
            if (x := safe_date(yy, m, d)) is not None and x.isoweekday() == wd
        ]
        y = fits[0] if fits else y
    elif (
        y is not None
        and SINCE_BEFORE.search(ctx.text, max(0, s - 7), s)
        and (x := safe_date(y, m, d)) is not None
        and x > ctx.pub
    ):
        y -= 1  # "since Dec. 15": never a day still to come
    dd = safe_date(y, m, d) if y else None
    if dd is None:
        return None
    v, iv = cal.day(dd)
    return v, iv, True


def _month_day(match: RuleMatch, ctx: Context, m: int, d: int) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    if match["d2"] is None:
        got = _month_day_value(match, ctx, m, d, s, e)
        return None if got is None else piece(s, e, "DATE", *got)
    # "April 24 and 25", "March 20 to 24": two days of the same month
    first_end = match.span("d")[1]
    if day_no(match["d2"] or "0") <= d:
        # "on March 3 to 2 votes": not a second day of that month
        got = _month_day_value(match, ctx, m, d, s, first_end)
        return None if got is None else piece(s, first_end, "DATE", *got)
    second_start = match.span("d2")[0]
    one = _month_day_value(match, ctx, m, d, s, e)
    two = _month_day_value(match, ctx, m, day_no(match["d2"] or "0"), s, e)
    if one is None or two is None:
        return None
    return [Piece(s, first_end, "DATE", *one), Piece(second_start, e, "DATE", *two)]


def h_mdy(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    mon = match["mon"] or ""
    if mon.lower() in ("may", "march") and not is_capitalised(mon):
        return None
    return _month_day(match, ctx, month_no(mon), day_no(match["d"] or "0"))


def h_dmy(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    mon = match["mon"] or ""
    if mon.lower().rstrip(".") in ("may", "march", "mar") and not is_capitalised(mon):
        return None
    return _month_day(match, ctx, month_no(mon), day_no(match["d"] or "0"))


def h_week_of(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    """ "the week of March 6": the week holding that day."""
    s, e = match.raw.start(), match.raw.end()
    mon = match["mon"] or ""
    got = _month_day_value(match, ctx, month_no(mon), day_no(match["d"] or "0"), s, e)
    if got is None:
        return None
    if got[1] is None:
        return piece(s, e, "DATE", "XXXX-WXX", None, True)
    v, iv = cal.week(got[1].start)
    return piece(s, e, "DATE", v, iv, got[2])


def h_month_year(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    mon = match["mon"] or ""
    if mon.lower() in ("may", "march") and not is_capitalised(mon):
        return None
    s = match.raw.start()
    y = int(match["y"]) if match["y"] else spelled_year(match["yw"] or "")
    if y is None:
        return None
    v, iv = cal.month(y, month_no(mon))
    if match["mod"]:
        iv = cal.narrow(iv, mod_code(match["mod"]))
    return piece(s, match.raw.end(), "DATE", v, iv)


def h_month_rel_year(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    m = month_no(match["mon"] or "")
    rel = match.low("rel")
    if ctx.pub is None:
        return piece(match.raw.start(), match.raw.end(), "DATE", f"XXXX-{m:02d}", None, True)
    y = ctx.pub.year + {"last": -1, "next": 1}.get(rel, 0)
    v, iv = cal.month(y, m)
    return piece(match.raw.start(), match.raw.end(), "DATE", v, iv, True)


_THIS_YEAR_BEFORE = re.compile(r"\bthis\s+year\s+(?:through|to|until|till|in)\s+$", re.I)


_NOUN_AFTER = re.compile(r"\s+[a-z]{3,}")


def h_month(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    mon = match["mon"] or ""
    if not is_capitalised(mon) or modal_may(ctx.text, *match.span("mon")):
        return None
    if mon.lower() in ("may", "march") and not (match["prep"] or match["mod"] or match["rel"]):
        return None
    if match.low("prep") == "the" and not _NOUN_AFTER.match(ctx.text, match.raw.end()):
        return None  # "the March accession" yes, "The March of Dimes" no
    s = trim_prefix(match, "prep", match.raw.start())
    m = month_no(mon)
    rel = match.low("rel")
    if ctx.pub is None:
        return piece(s, match.raw.end(), "DATE", f"XXXX-{m:02d}", None, True)
    tense = ctx.tense(s, match.raw.end())
    if match.low("prep") in ("by", "until", "till", "through") and tense <= 0:
        tense = 1  # "talks are supposed to conclude by May": a deadline ahead
    if _THIS_YEAR_BEFORE.search(ctx.text, max(0, s - 24), s):
        rel = "this"  # "little change in the fund's sales this year through August"
    prep = match.low("prep")
    y = month_year(ctx.pub, m, tense, rel)
    if prep == "since":
        # "prices have risen since March": never a month still to come
        y = ctx.pub.year if m <= ctx.pub.month else ctx.pub.year - 1
    elif not rel and (same := ctx.recent_month_year(m, s, tense)) is not None:
        y = same  # the same month named a few sentences before: the same year
    elif not rel and tense <= 0 and (story := ctx.recent_year(s)) is not None:
        y = story if story < ctx.pub.year else y  # "Last year, ... In March, ...": that year
    v, iv = cal.month(y, m)
    if match["mod"]:
        iv = cal.narrow(iv, mod_code(match["mod"]))
    return piece(s, match.raw.end(), "DATE", v, iv, True)


_FOR_THE_BEFORE = re.compile(r"\b(?:for|in|during)\s+$")
_ENDED_AFTER = re.compile(r"\s+end(?:ed|ing)\b")


def h_fiscal(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    if match["y"]:
        v, iv = cal.year(int(match["y"]))
        return piece(s, e, "DATE", v, iv)
    rel = match.low("rel")
    if rel == "" or (
        rel == "the"
        and (
            not _FOR_THE_BEFORE.search(ctx.low, max(0, s - 8), s) or _ENDED_AFTER.match(ctx.low, e)
        )
    ):
        return piece(s, e, "DURATION", "P1Y")
    if ctx.pub is None:
        return piece(s, e, "DATE", "PRESENT_REF", None, True)
    # "lower earnings for the fiscal year": the current one
    y = ctx.pub.year + {"last": -1, "next": 1, "the previous": -1, "the next": 1}.get(rel, 0)
    v, iv = cal.year(y)
    return piece(s, e, "DATE", v, iv, True)


def h_decade(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    if match["dec"]:
        d3 = int(match["dec"]) // 10
    elif match["dec2"]:
        d3 = 190 + int(match["dec2"]) // 10
    else:
        w = match.low("decw")
        if not match["the"]:
            return None
        d3 = 190 + DECADE_WORDS[w.split()[-1]]
    v, iv = cal.decade(d3)
    if match["mod"]:
        iv = cal.narrow(iv, mod_code(match["mod"]))
    return piece(match.raw.start(), match.raw.end(), "DATE", v, iv)


def h_century(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    n = day_no(match["c"]) if match["c"] else ORDINALS.get(match.low("cw"), 0)
    if not 1 <= n <= 30:
        return None
    v, iv = cal.century(n - 1)
    if match["mod"]:
        iv = cal.narrow(iv, mod_code(match["mod"]))
    return piece(match.raw.start(), match.raw.end(), "DATE", v, iv)


_QUALIFIER_SHIFT = {"year-ago": -1, "year-earlier": -1, "year-before": -1, "prior-year": -1}


_QUARTER_ENDED = re.compile(
    rf"\s+end(ed|ing)\s+(?:on\s+)?({MON})\s+({DAY})(?:,?\s+({YEAR}))?", re.I
)


# "after a flat second quarter": a quarter told as background keeps the one in focus
_BACKGROUND_Q = re.compile(r"\b(?:after|before|following|since)\s+(?:a|an|the|its)\s+(?:\w+\s+)?$")


_OF_A_LONGER_SPAN = re.compile(
    r"\s+of\s+(?:the\s+)?(?:['’]?\d0['’]?s|\d{3}0['’]?s|\w+(?:\s+|-)century|(?:this|last|next|the)"
    r"\s+(?:decade|century))"
)


def h_quarter(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    # "the first two quarters of 2025": the first half
    unit = "half" if match["two"] else match.low("unit")
    quals = match.low("quals")
    det = match.low("det")
    ordw = match.low("ord")
    q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}.get(
        ordw, 0
    )
    if ordw == "4th":
        q = 4
    shift = sum(v for k, v in _QUALIFIER_SHIFT.items() if k in quals.replace(" ", "-"))
    if "last year's" in quals or "a year ago" in match.low("post"):
        shift -= 1
    if "next year's" in quals:
        shift += 1
    year = None
    ym = _FOUR_DIGITS.search(quals + " " + match.low("post"))
    if ym:
        year = int(ym.group())
    elif "last year" in match.low("post"):
        shift -= 1
    elif "next year" in match.low("post"):
        shift += 1
    plural = unit.endswith("s")
    unit = unit.rstrip("s")
    if not (det or ordw or quals.strip() or match["post"]):
        return None  # "such quarters", "half of them"
    if unit == "period" and not (quals or det in ("the latest", "that")):
        return None
    iv: Interval | None
    if unit == "half" and _OF_A_LONGER_SPAN.match(ctx.low, e):
        return None  # "the last half of the '80s": a part of the decade, tagged as it
    if unit == "half":
        if ordw in ("first", "1st"):
            h = 1
        elif ordw in ("second", "2nd", "last", "final"):
            h = 2
        else:
            return None
        if year is None:
            if ctx.pub is None:
                return piece(s, e, "DATE", f"XXXX-H{h}", None, True)
            year = ctx.pub.year + shift
            if h == 2 and ctx.pub.month <= 6 and ctx.tense(s, e) <= 0 and not quals:
                year -= 1
        v, iv = cal.half(year, h)
        return piece(s, e, "DATE", v, iv, not ym)
    if plural and q and det not in ("the",):
        return piece(s, e, "SET", f"XXXX-Q{q}")
    if not q:
        if ordw in ("last", "final") and det == "the":
            q = 4
        elif det in ("last",) and not quals:
            if ctx.pub is None:
                return piece(s, e, "DATE", "PAST_REF", None, True)
            v, iv = cal.unit_interval("Q", ctx.pub, -1) or ("", None)
            return piece(s, e, "DATE", v, iv, True)
        elif det in ("next",) and not quals:
            if ctx.pub is None:
                return piece(s, e, "DATE", "FUTURE_REF", None, True)
            v, iv = cal.unit_interval("Q", ctx.pub, 1) or ("", None)
            return piece(s, e, "DATE", v, iv, True)
        elif det in ("this",) or "current" in quals:
            if ctx.pub is None:
                return piece(s, e, "DATE", "PRESENT_REF", None, True)
            v, iv = cal.unit_interval("Q", ctx.pub, 0) or ("", None)
            focus = ctx.recent_quarter(s)
            last = cal.unit_interval("Q", ctx.pub, -1)
            if (
                det == "this"
                and focus is not None
                and last is not None
                and last[0] == f"{focus[0]:04d}-Q{focus[1]}"
            ):
                # a report on the quarter just ended: "This quarter's loss includes..."
                v, iv = last
            ctx.focus_q = (iv.start.year, (iv.start.month - 1) // 3 + 1) if iv else ctx.focus_q
            return piece(s, e, "DATE", v, iv, True)
    if q:
        if year is None:
            if ctx.pub is None:
                return piece(s, e, "DATE", f"XXXX-Q{q}", None, True)
            year = ctx.pub.year + shift
            if not shift and Date(year, 3 * q - 2, 1) > ctx.pub and ctx.tense(s, e) <= 0:
                year -= 1
        elif shift:
            year += shift
        if not cal.ok_year(year):
            return None
        v, iv = cal.quarter(year, q)
        if (
            not shift
            and (ctx.pub is None or (iv.start <= ctx.pub and ctx.tense(s, e) <= 0))
            and (
                ctx.focus_q is None
                or ctx.recent_quarter(s) is None
                or not _BACKGROUND_Q.search(ctx.low, max(0, s - 30), s)
            )
        ):
            # a forecast ("losses through the third quarter of 1990") is not the quarter
            # the report is about, which "the year-ago period" compares with
            ctx.focus_q = (year, q)
            ctx.focus_q_fiscal = "fiscal" in quals
        return piece(s, e, "DATE", v, iv, not ym)
    fiscal_focus = ctx.focus_q_fiscal and ctx.recent_quarter(s) is not None
    if unit == "quarter" and year is None and not shift and ctx.pub and not fiscal_focus:
        ended = _QUARTER_ENDED.match(ctx.text, e)
        if ended is not None:
            # "for the quarter ended Sept. 30": the three months up to that day, named by
            # the calendar quarter holding most of them (fiscal quarters have no number here)
            mo, dd = month_no(ended.group(2)), day_no(ended.group(3))
            y_end = int(ended.group(4)) if ended.group(4) else None
            if y_end is None:
                y_end = nearest_year(ctx.pub, mo, dd, -1 if ended.group(1) == "ed" else 0)
            end_day = safe_date(y_end, mo, dd) if y_end else None
            if end_day is not None:
                mid = cal.add_days(end_day, -45)
                qq = (mid.year, (mid.month - 1) // 3 + 1)
                ctx.focus_q, ctx.focus_q_fiscal = qq, False
                v, iv = cal.quarter(*qq)
                return piece(s, e, "DATE", v, iv, True)
    # "the quarter", "the year-ago period": the quarter in focus; "the latest quarter": the
    # last one completed before publication
    latest = det == "the latest" or "latest" in quals or "recent" in quals
    if ctx.focus_q and not (latest and ctx.pub is not None):
        y, q = ctx.focus_q
    elif ctx.pub is not None:
        before = cal.add_months(Date(ctx.pub.year, ctx.pub.month, 1), -3)
        y, q = before.year, (before.month - 1) // 3 + 1
    else:
        return piece(s, e, "DATE", "XXXX-QX", None, True)
    if year is not None:
        y = year
    y += shift
    if not cal.ok_year(y):
        return None
    v, iv = cal.quarter(y, q)
    if not shift and year is None:
        ctx.focus_q = (y, q)
    return piece(s, e, "DATE", v, iv, True)


def h_weekend(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    rel = match.low("rel")
    if ctx.pub is None:
        return piece(s, e, "DATE", "XXXX-WXX-WE", None, True)
    tense = ctx.tense(s, e)
    pub = ctx.pub
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


_COMPARED_BEFORE = re.compile(r"\b(?:compared\s+(?:with|to)|versus|from)\b[^.;]*[\d$%][^.;]*$")


_FROM_BEFORE = re.compile(r"\b(?:from|compared\s+(?:with|to)|versus|against)\s+$")
_FIGURE_OF_AFTER = re.compile(r"['’]s\s+(?:[$£€¥]|[a-z]{0,3}\$|\d)")


def _relative_unit(
    ctx: Context, s: int, e: int, rel: str, unit: str, mod: str
) -> list[Piece] | None:
    """ "last year", "the past week", "the following month", "earlier this month"."""
    if unit in ("TH", "TM", "TS", "ML", "2W"):
        return None
    if rel in ("the past", "the last"):
        # "the past week": the seven days up to the publication date
        if unit in ("Q", "WE"):
            return None
        val = f"P1{unit}"
        if ctx.pub is None:
            return piece(s, e, "DURATION", val)
        start = cal.shift_value(unit, ctx.pub, -1)
        prec = {**_PRECISION, "DE": "decade", "CE": "century"}[unit]
        return piece(s, e, "DURATION", val, Interval(start, ctx.pub, prec), True)
    focus_rel = rel in (
        "the previous",
        "the preceding",
        "the following",
        "the next",
        "that",
        "the same",
        "the",
    )
    base = ctx.pub
    if focus_rel:
        base = ctx.base_day() if unit == "D" else ctx.base()
        focus = ctx.focus_iv
        if unit in ("W", "M") and focus is not None and focus.precision in _COARSE:
            # "the end of the month" after "late 2006": no month is in focus, the
            # publication's is meant ("Cisco has promised a release before the end of the
            # month")
            base = ctx.pub
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
    fq = ctx.recent_quarter(s)
    if (
        unit == "Y"
        and rel == "last"
        and not mod
        and fq is not None
        and (
            _COMPARED_BEFORE.search(ctx.low, max(0, s - 60), s)
            or (
                _FROM_BEFORE.search(ctx.low, max(0, s - 16), s)
                and _FIGURE_OF_AFTER.match(ctx.low, e)
            )
        )
    ):
        # "a loss of $3 million, compared with a profit of $5 million last year", "sales rose
        # 13% from last year's $1.55 billion" in a report on a quarter: that quarter a year
        # before
        v, iv = cal.quarter(fq[0] - 1, fq[1])
        return piece(s, e, "DATE", v, iv, True)
    r = cal.unit_interval(unit, base, n)
    if r is None:
        return None
    v, iv = r
    if mod:
        code = mod_code(mod)
        if code == "START" and mod.lower().startswith("earlier") and n == 0 and ctx.pub:
            iv = Interval(iv.start, max(iv.start, ctx.pub), iv.precision)
        elif code == "END" and mod.lower().startswith("later") and n == 0 and ctx.pub:
            iv = Interval(min(iv.end, ctx.pub), iv.end, iv.precision)
        else:
            iv = cal.narrow(iv, code)
    if unit == "D":
        ctx.focus_day = iv.start
    return piece(s, e, "DATE", v, iv, True)


_TITLE_BEFORE = re.compile(r"(?:[\"“]|'s\s+)$")


def h_rel_unit(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    rel = match.low("rel")
    word = match.low("unit")
    if match["fiscal"] and word != "year":
        return None
    unit = UNITS.get(word, "")
    if (
        match["mod"] is None
        and is_capitalised(match["rel"] or "")
        and is_capitalised(match["unit"] or "")
        and _TITLE_BEFORE.search(ctx.text, max(0, s - 4), s)
    ):
        return None  # ABC News' "This Week": a programme's title
    if (
        unit == "D"
        and rel == "the"
        and match.low("mod") in ("earlier", "later")
        and text_between(match, "mod", "rel").strip().lower() == "in"
    ):
        # "as he arrived in Philadelphia later in the day": the day in focus
        base = ctx.base_day()
        s = match.span("rel")[0]
        if base is None:
            return piece(s, e, "DATE", "XXXX-XX-XX", None, True)
        v, iv = cal.day(base)
        return piece(s, e, "DATE", v, iv, True)
    if rel == "the" and match["mod"] is None and unit == "Y" and match["ended"] is not None:
        return piece(s, e, "DURATION", "P1Y")
    return _relative_unit(ctx, s, e, rel, unit, match["mod"] or "")


def h_rel_month(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    if modal_may(ctx.text, *match.span("mon")):
        return None  # "Dana Reyes believes that this may have a large impact"
    m = month_no(match["mon"] or "")
    if ctx.pub is None:
        return piece(s, e, "DATE", f"XXXX-{m:02d}", None, True)
    y = month_year(ctx.pub, m, 0, match.low("rel"))
    v, iv = cal.month(y, m)
    if match["mod"]:
        iv = cal.narrow(iv, mod_code(match["mod"]))
    return piece(s, e, "DATE", v, iv, True)


_POSSESSIVE_AFTER = re.compile(r"['’]s\s")
_DEADLINE_AFTER = re.compile(r"['’]s\s+(?:deadline|scheduled|planned|expected)\b")


_INDEFINITE_BEFORE = re.compile(r"\ban?\s+$")
# "fell on a Wednesday." but not "a Wednesday media event" (a day named by its event)
_NO_NOUN_AFTER = re.compile(
    r"\s*(?:[.,;:!?)\"”]|$)|\s+(?:in|of|at|on|and|or|when|while|before|after|that|this|last)\b"
)


def h_weekday(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    wdw = match.low("wd")
    if not is_capitalised(match["wd"] or ""):
        return None
    wd = WEEKDAYS[wdw]
    rel = match.low("rel")
    pod = match.low("pod")
    if match["plural"] or (pod and pod.endswith("s")):
        v = f"XXXX-WXX-{wd}" + (f"T{PARTS_OF_DAY[pod.rstrip('s')]}" if pod else "")
        return piece(s, e, "SET", v)
    typ: TimexType = "TIME" if pod else "DATE"
    suffix = f"T{PARTS_OF_DAY[pod]}" if pod else ""
    focus_rel = rel in ("the previous", "the preceding", "the following")
    base = ctx.base_day() if focus_rel else ctx.pub
    if base is None:
        return piece(s, e, typ, f"XXXX-WXX-{wd}{suffix}", None, True)
    if (
        not rel
        and _INDEFINITE_BEFORE.search(ctx.low, max(0, s - 4), s)
        and _NO_NOUN_AFTER.match(ctx.low, e)
    ):
        # "Christmas fell on a Wednesday": some Wednesday, not one of this week
        return piece(s, e, typ, f"XXXX-WXX-{wd}{suffix}")
    tense = ctx.tense(s, e)
    if not rel and _POSSESSIVE_AFTER.match(ctx.low, e) and not _DEADLINE_AFTER.match(ctx.low, e):
        tense = -1  # "will appeal Wednesday's ruling": the ruling is done
    d = weekday_date(base, wd, tense, rel)
    ctx.focus_day = d
    v, iv = cal.day(d)
    return piece(s, e, typ, v + suffix, iv, True)


_DAYWORD = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}
_DAYREF = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}


# a capitalised "Today" after a word on the same line is a name: "USA Today", "the Today
# programme"; after a line break it opens a paragraph ("...headline\n\nYesterday, ...")
_TITLE_WORD_BEFORE = re.compile(r"[A-Za-z][’']?s?[^\S\n]+$")


_GENERIC_AFTER = re.compile(
    r"['’]s\s+(?:world|society|economy|markets?|youth|young|children|generation|standards"
    r"|technology|politics|media|culture|consumers?|teenagers|workplace|workforce)\b"
)
_OF_BEFORE = re.compile(r"\bof\s+$")
_MORE_TIME_AFTER = re.compile(r"['’]s|\s+(?:morning|afternoon|evening|night|at|until)\b")


def _title_case_line(text: str, at: int) -> bool:
    """The line around `at` is a headline in title case ("Parliament Votes Today on Budget")."""
    a = text.rfind("\n", 0, at) + 1
    b = text.find("\n", at)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[a : b if b >= 0 else len(text)])
    big = sum(w[0].isupper() for w in words)
    return len(words) >= 3 and big >= 0.6 * len(words)


def h_dayword(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    dw = match.low("dw")
    word = match["dw"] or ""
    if (
        word[:1].isupper()
        and not word.isupper()
        and match.span("dw")[0] == s
        and _TITLE_WORD_BEFORE.search(ctx.text, max(0, s - 8), s)
        and not _title_case_line(ctx.text, s)
    ):
        return None
    pod = match.low("pod")
    if dw == "tonight":
        pod = "night"
    n = _DAYWORD[dw]
    if (
        not pod
        and dw in ("today", "tomorrow")
        and (
            _GENERIC_AFTER.match(ctx.low, e)
            or (
                dw == "tomorrow"
                and _OF_BEFORE.search(ctx.low, max(0, s - 4), s)
                and not _MORE_TIME_AFTER.match(ctx.low, e)
            )
        )
    ):
        # "in today's world", "the cities of tomorrow": the present or future in general
        return piece(s, e, "DATE", _DAYREF[n])
    typ: TimexType = "TIME" if pod else "DATE"
    suffix = f"T{PARTS_OF_DAY[pod]}" if pod else ""
    if ctx.pub is None:
        return piece(s, e, typ, _DAYREF[n], None, True)
    d = cal.add_days(ctx.pub, n)
    ctx.focus_day = d
    v, iv = cal.day(d)
    return piece(s, e, typ, v + suffix, iv, True)


def h_this_pod(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    rel = match.low("rel")
    pod = match.low("pod")
    n = -1 if rel == "last" else 0
    if ctx.pub is None:
        return piece(s, e, "TIME", _DAYREF[n], None, True)
    d = cal.add_days(ctx.pub, n)
    v, iv = cal.day(d)
    return piece(s, e, "TIME", f"{v}T{PARTS_OF_DAY[pod]}", iv, True)


def h_pod(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    """ "By mid afternoon", "in the morning": that part of the day in focus."""
    s, e = trim_prefix(match, "prep", match.raw.start()), match.raw.end()
    pod = PARTS_OF_DAY[match.low("pod")]
    dw = match.low("dw")
    d = (cal.add_days(ctx.pub, _DAYWORD[dw]) if dw else ctx.base_day()) if ctx.pub else None
    if d is None:
        return piece(s, e, "TIME", f"XXXX-XX-XXT{pod}", None, True)
    v, iv = cal.day(d)
    return piece(s, e, "TIME", f"{v}T{pod}", iv, True)


_APPOSITION = re.compile(r"\d,\s*$")


def h_day_rel(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    w = match.low("w")
    n = -1 if ("previous" in w or "before" in w or "preceding" in w) else 0
    if "next" in w or "following" in w or "after" in w:
        n = 1
    base = ctx.base_day()
    if w.startswith("the day ") and _APPOSITION.search(ctx.text, max(0, s - 4), s):
        n = 0  # "Oct. 12, the day before the crash": the date just named, restated
        e = s + len("the day")
    if w.endswith(("yesterday", "tomorrow")):
        # "the day before yesterday": two days from publication
        base, n = ctx.pub, (-2 if w.endswith("yesterday") else 2)
    if base is None:
        return piece(s, e, "DATE", _DAYREF[n], None, True)
    d = cal.add_days(base, n)
    ctx.focus_day = d
    pod = match.low("pod")
    if pod:
        # "the next morning", "that night": that part of the day in focus
        v, iv = cal.day(d)
        return piece(s, e, "TIME", f"{v}T{PARTS_OF_DAY[pod]}", iv, True)
    v, iv = cal.day(d)
    return piece(s, e, "DATE", v, iv, True)


def h_unit_before(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    """ "the year before", "the month after": a unit from the date in focus."""
    s, e = match.raw.start(), match.raw.end()
    unit = UNITS.get(match.low("unit"), "")
    n = -1 if match.low("ba") == "before" else 1
    base = ctx.base()
    if base is None or not unit:
        return piece(s, e, "DATE", _DAYREF[n], None, True)
    r = cal.unit_interval(unit, base, n)
    return piece(s, e, "DATE", r[0], r[1], True) if r else None


_AROUND_SPAN = {"days": 7, "weeks": 42}
_AROUND_PRECISION: dict[str, Precision] = {"days": "week", "weeks": "month"}


def h_units_around(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    """ "the days before the shooting", "the weeks after his death": some days or weeks on
    one side of the day in focus (when the story named one)."""
    s, e = match.raw.start(), match.raw.end()
    unit = match.low("unit")
    val = "PXD" if unit == "days" else "PXW"
    focus = ctx.focus_iv
    if focus is None or focus.precision != "day" or s - ctx.focus_at > THEN_CHARS:
        return piece(s, e, "DURATION", val)
    span = _AROUND_SPAN[unit]
    day = focus.start
    if match.low("ba") in ("after", "following"):
        end = cal.add_days(day, span)
        if ctx.pub is not None and day < ctx.pub < end:
            end = ctx.pub  # told afterwards: not past the publication
        iv = Interval(cal.add_days(day, 1), max(end, cal.add_days(day, 1)), _AROUND_PRECISION[unit])
    else:
        iv = Interval(cal.add_days(day, -span), cal.add_days(day, -1), _AROUND_PRECISION[unit])
    return piece(s, e, "DURATION", val, iv, True)


def _unit_of(word: str) -> str:
    w = word.lower()
    if w in _UNIT_CODE:
        return _UNIT_CODE[w]
    return UNITS.get(w.rstrip("s"), "")


def h_ago(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    unit = _unit_of(match.low("unit"))
    direction = match.low("dir")
    n = num_value(match["num"]) if match["num"] else None
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
        # "A few days later, Northfield Health announced...": some days after the date in
        # focus, which may itself be past; only the stretch is known
        return piece(s, e, "DURATION", duration_value(None, unit, False))
    if n is None or n != int(n):
        return piece(s, e, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, True)
    k = int(n) * sign
    base = ctx.base() if from_focus else ctx.pub
    if from_focus and sign > 0 and ctx.focus_iv is None and ctx.tense(s, e) < 0:
        # "Two days later, he died." with no date named: after some past event, not after
        # the publication; only the stretch is known
        return piece(s, e, "DURATION", duration_value(n, unit, False))
    if base is None:
        return piece(s, e, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, True)
    fq = ctx.recent_quarter(s)
    if unit == "Y" and fq and abs(k) == 1:
        # "a year ago" in a report about a quarter: the same quarter a year before
        v, iv = cal.quarter(fq[0] + k, fq[1])
        return piece(s, e, "DATE", v, iv, True)
    if unit == "Q":
        base = Date(ctx.focus_q[0], 3 * ctx.focus_q[1] - 1, 1) if ctx.focus_q else base
    d = cal.shift_value(unit, base, k)
    r = cal.unit_interval(unit, d, 0)
    if r is None:
        return None
    v, iv = r
    if unit == "D":
        ctx.focus_day = d
    return piece(s, e, "DATE", v, iv, True)


def h_year_adj(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    """ "year-ago", "year-earlier": the period in focus a year before."""
    s, e = match.raw.start(), match.raw.end()
    base = ctx.base()
    fq = ctx.recent_quarter(s)
    if fq:
        v, iv = cal.quarter(fq[0] - 1, fq[1])
        return piece(s, e, "DATE", v, iv, True)
    if base is None:
        return piece(s, e, "DATE", "PAST_REF", None, True)
    r = cal.unit_interval("Y", base, -1)
    return piece(s, e, "DATE", r[0], r[1], True) if r else None


SINCE_BEFORE = re.compile(r"\bsince\s+$", re.I)


def h_year_end(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    if ctx.pub is None:
        return piece(s, e, "DATE", "XXXX-12-31", None, True)
    y = ctx.pub.year
    named = ctx.recent_year(s)
    if SINCE_BEFORE.search(ctx.text, max(0, s - 7), s) and ctx.pub < Date(y, 12, 31):
        y -= 1  # "the percentage change is since year-end": the last one passed
    elif named is not None and named < y and ctx.tense(s, e) < 0:
        y = named  # "in 2019, when year-end sales were lower": that year's end
    v, iv = cal.day(Date(y, 12, 31))
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


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W+$")


_SENTENCE_START = re.compile(r"(?:^|[.!?\n][\"'”’]?)\s*$")


def h_duration(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    unit = _unit_of(match.low("unit"))
    if not unit:
        return None
    unit_text = match["unit"] or ""
    if (
        unit_text[:1].isupper()
        and not unit_text.isupper()
        and (before := _WORD_BEFORE.search(ctx.text, max(0, s - 20), s)) is not None
        and before.group(1).islower()
    ):
        return None  # "on 60 Minutes", "the 48 Hours crew": a programme's title
    if (
        unit_text[:1].isupper()
        and not unit_text.isupper()
        and (match["num"] or "")[:1].isupper()
        and _SENTENCE_START.search(ctx.text, max(0, s - 3), s)
        and not _title_case_line(ctx.text, s)
    ):
        return None  # "Sixty Minutes aired the interview": the title opens the sentence
    numw = match.low("num0") or match.low("num")
    if (
        unit == "Q"
        and "-" in text_between(match, "num", "unit")
        and match.low("unit").endswith("s")
    ):
        return None  # "three-quarters of its food"
    if unit == "Q" and match.low("unit") == "quarter" and _SHARE_OF.match(ctx.low, e):
        return None  # "accounting for more than a quarter of the entire high-yield market"
    if unit == "TS" and numw in ("a", "an"):
        return None  # "a second" is almost always the ordinal
    countable = numw and (numw[0].isdigit() or numw in _WORD_NUM or numw == "a")
    if unit == "Q" and not countable and numw not in ("several", "a few", "few", "many"):
        return None
    n = num_value(numw)
    half = bool(match["frac"] or match["frac2"])
    val = duration_value(n, unit, half)
    anchor = match.low("anchor")
    text = ctx.text
    # "$50 a year", "twice a day": a frequency, not a duration
    if (
        numw in ("a", "an")
        and not anchor
        and not match["approx"]
        and _PRICE_BEFORE.search(text[max(0, s - 25) : s])
    ):
        return piece(s, e, "SET", f"P1{unit}" if not unit.startswith("T") else f"PT1{unit[1]}")
    if (
        numw == "one"
        and unit == "D"
        and not (anchor or match["approx"])
        and _SOMEDAY_BEFORE.search(text, max(0, s - 12), s)
    ):
        # "Islam will one day be the second largest religion": some day in the future
        return piece(s, e, "DATE", "FUTURE_REF")
    unit_word = match.low("unit")
    adjectival = "-" in text_between(match, "num", "unit") or (
        n is not None and n != 1 and not unit_word.endswith("s")
    )
    if adjectival and anchor == "the":
        s, anchor = trim_prefix(match, "anchor", s), ""
    if (
        not anchor
        and not match["approx"]
        and not match["num0"]
        and ctx.pub is not None
        and n is not None
        and n == int(n)
        and unit in _PRECISION
        and _IN_BEFORE.search(text, max(0, s - 4), s)
        and ctx.tense(s, e) > 0
    ):
        # "The stock would be redeemed in five years": that long after publication
        r = cal.unit_interval(unit, cal.shift_value(unit, ctx.pub, int(n)), 0)
        if r is not None:
            return piece(s, e, "DATE", r[0], r[1], True)
    iv = None
    rel = False
    if anchor and ctx.pub is not None and n is not None and n == int(n) and unit in _PRECISION:
        # "the past two months": the stretch up to publication; "the next two weeks": after it
        if anchor in _ANCHOR_BACK:
            iv = Interval(cal.shift_value(unit, ctx.pub, -int(n)), ctx.pub, _PRECISION[unit])
            rel = True
        elif anchor in _ANCHOR_FWD:
            iv = Interval(ctx.pub, cal.shift_value(unit, ctx.pub, int(n)), _PRECISION[unit])
            rel = True
    return piece(s, e, "DURATION", val, iv, rel)


def h_bare_plural(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s = trim_prefix(match, "over", trim_prefix(match, "prep", match.raw.start()))
    vague = match.low("unit3") or match.low("unit4") or match.low("unit5")
    unit = _unit_of(match.low("unit") or match.low("unit2") or vague)
    if not unit or unit in ("WE",):
        return None
    if vague:
        # "a decades-long dispute", "a decades-old feud", "in the weeks ahead", "over the
        # years": a stretch of unknown length
        return piece(s, match.raw.end(), "DURATION", duration_value(None, _unit_of(vague), False))
    if match["unit2"]:
        # "in recent years", "in coming months": a vague stretch of the past or future
        # "in past years"; "cut tax payments in future quarters"
        ref = "FUTURE_REF" if match.low("pre") in ("coming", "the coming", "future") else "PAST_REF"
        return piece(s, match.raw.end(), "DATE", ref)
    return piece(s, match.raw.end(), "DURATION", duration_value(None, unit, False))


_SENTENCE_END = re.compile(r"[.!?\n]\s*$")


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|this|that)\s+$")
# what can follow a noun "daily" (a newspaper) but not the adverb or adjective
_NOUN_END = re.compile(
    r"\s*(?:[,.;:)'\"”]|$|(?:said|says|reported|reports|wrote|writes|quoted|quotes|cited|added"
    r"|published|publishes|ran|has|had|was|is)\b)"
)


def h_set(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    if match["setw"]:
        w = match["setw"]
        if is_capitalised(w) and s > 0 and not _SENTENCE_END.search(ctx.text[max(0, s - 3) : s]):
            return None  # "Daily Mail"
        if _DETERMINER_BEFORE.search(ctx.low, max(0, s - 6), s) and _NOUN_END.match(ctx.low, e):
            return None  # "the daily reported": a newspaper
        return piece(s, e, "SET", SETS[w.lower()])
    if match["wd"]:
        return piece(s, e, "SET", f"XXXX-WXX-{WEEKDAYS[match.low('wd').rstrip('s')]}")
    if match["mon"]:
        return piece(s, e, "SET", f"XXXX-{month_no(match['mon']):02d}")
    if match["season"]:
        return piece(s, e, "SET", f"XXXX-{SEASONS[match.low('season')]}")
    unit = _unit_of(match.low("unit"))
    if not unit or (unit.startswith("T") and match.raw.group().lower().startswith("per")):
        return None  # "per second", "km per hour": rates, not times
    n = num_value(match["num"]) if match["num"] else 1
    if match.low("num") == "other":
        n = 2
    v = duration_value(n, unit, False)
    return piece(s, e, "SET", v)


def h_season(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s = trim_prefix(match, "prep", match.raw.start())
    e = match.raw.end()
    sw = match.low("s")
    code = SEASONS[sw]
    rel = match.low("rel")
    mod = match["mod"] or match["rel_mod"]
    if match["y"] or match["yw"]:
        y = int(match["y"]) if match["y"] else spelled_year(match["yw"] or "")
        if y is None:
            return None
        v, iv = cal.season(y, code)
        if mod:
            iv = cal.narrow(iv, mod_code(mod))
        return piece(s, e, "DATE", v, iv)
    if not (rel or match["prep"] or mod):
        return None
    if sw in ("fall", "spring") and not (rel or mod):
        return None
    if ctx.pub is None:
        return piece(s, e, "DATE", f"XXXX-{code}", None, True)
    cands = [
        cal.season(y, code)
        for y in (ctx.pub.year - 2, ctx.pub.year - 1, ctx.pub.year, ctx.pub.year + 1)
    ]
    if rel in ("this",):
        pick = next((x for x in cands if x[1].start <= ctx.pub <= x[1].end), None) or cal.season(
            ctx.pub.year if code != "WI" or ctx.pub.month > 2 else ctx.pub.year - 1, code
        )
    elif rel in ("last", "this past", "the past"):
        pick = [x for x in cands if x[1].end < ctx.pub][-1]
    elif rel in ("next", "this coming", "the coming"):
        pick = next(x for x in cands if x[1].start > ctx.pub)
    elif ctx.tense(s, e) > 0:
        pick = next(x for x in cands if x[1].end >= ctx.pub)
    else:
        pick = [x for x in cands if x[1].start <= ctx.pub][-1]
    v, iv = pick
    if mod:
        iv = cal.narrow(iv, mod_code(mod))
    return piece(s, e, "DATE", v, iv, True)


_CAPITALISED_AFTER = re.compile(r"\s+([A-Z][a-z]+)")


def h_year(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    sig = match.low("sig")
    y = int(match["y"] or 0)
    if not 1000 <= y <= 2099:
        return None
    if sig in ("the", "than", "for", "year", "of", "to", "and", "or") and not 1800 <= y <= 2099:
        return None
    if sig in ("and", "or", "to") and not _YEAR_BEFORE.search(
        ctx.text, max(0, match.span("sig")[0] - 12), match.span("sig")[0]
    ):
        return None  # "between 2008 and 2012" yes, "1999 votes and 2022 ballots" no
    if (
        sig in ("a", "an")
        and (after := _CAPITALISED_AFTER.match(ctx.text, match.raw.end())) is not None
        and after.group(1).lower() not in DATED_NOUNS
    ):
        return None  # "a 1987 Chevrolet": a model year ("a 1971 Convention" is dated)
    mod = match["mod"]
    s = match.span("mod")[0] if mod else trim_prefix(match, "sig", match.raw.start())
    v, iv = cal.year(y)
    if mod:
        iv = cal.narrow(iv, mod_code(mod))
    return piece(s, match.raw.end(), "DATE", v, iv)


def h_year_subject(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    """ "2007 was the year of the smartphone": a year opening a sentence as its subject."""
    if not _SENTENCE_START.search(ctx.text, max(0, match.raw.start() - 3), match.raw.start()):
        return None  # "a turnout of 2000 was expected": a number
    return h_year(match, ctx)


def h_year_range(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    """ "2008-2012", "1988-89": two years, each with the interval of the whole range."""
    y1 = int(match["y"] or 0)
    raw2 = match["y2"] or ""
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2 or 0)
    if not 1000 <= y1 < y2 <= 2099:
        return None
    if not match["sig"] and (y1 < 1900 or y2 - y1 > 30):
        return None  # "1500-2000 dollars"
    iv = Interval(Date(y1, 1, 1), Date(y2, 12, 31), "year")
    s1, e1 = match.span("y")
    s2, e2 = match.span("y2")
    return [
        Piece(s1, e1, "DATE", f"{y1:04d}", iv, False),
        Piece(s2, e2, "DATE", f"{y2:04d}", iv, False),
    ]


_YEAR_BEFORE = re.compile(r"(?:\b(?:1\d{3}|20\d\d)|between|both|from)\s*$", re.I)


def h_year_words(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    y = spelled_year(match["yw"] or "")
    if y is None:
        return None
    v, iv = cal.year(y)
    return piece(match.raw.start(), match.raw.end(), "DATE", v, iv)


_AS_BEFORE = re.compile(r"\bas\s+$", re.I)
_AFTER_AS = re.compile(r"\s+(?:after|as)\b", re.I)
_CURRENT_NOUN = re.compile(r"\s+(?:account|affairs|events|assets|liabilities)\b", re.I)
_CURRENT_UNIT = re.compile(r"\s+(?:quarter|year|week|month)", re.I)


def h_ref(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    w = match.low("ref")
    val = REFS.get(w)
    if val is None:
        return None
    if w == "soon" and (
        _AS_BEFORE.search(ctx.text[max(0, s - 4) : s]) or _AFTER_AS.match(ctx.text, e, e + 7)
    ):
        return None  # "as soon as", "soon after": conjunctions, not a time
    if w == "current" and (
        _CURRENT_NOUN.match(ctx.text, e, e + 20) or _CURRENT_UNIT.match(ctx.text, e, e + 10)
    ):
        return None
    return piece(s, e, "DATE", val, None, False)


# "Today is the eighth day of the strike", "It was the third day of protests": the day
# itself, named by its place in a run of days
_DAY_IS_BEFORE = re.compile(
    r"\b(?P<subj>it|today|this|that|tuesday|monday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?P<pres>is|marks)|\s*['’]s|\s+(?P<past>was|marked))\s+$",
    re.I,
)


def h_nth_day(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = match.raw.start(), match.raw.end()
    said = _DAY_IS_BEFORE.search(ctx.text, max(0, s - 20), s)
    if said is None:
        return None  # "on the third day of the trial": which day is not said
    subj = said.group("subj").lower()
    if subj in WEEKDAYS:
        return None  # the weekday itself is tagged; this restates it
    d = ctx.base_day() if said.group("past") else ctx.pub
    if d is None:
        return piece(s, e, "DATE", "PRESENT_REF" if not said.group("past") else "PAST_REF")
    v, iv = cal.day(d)
    return piece(s, e, "DATE", v, iv, True)


THEN_CHARS = 400  # "then" points back to a date of the last sentence or two


def h_then(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    """ "terminate on Nov. 30. Until then, ...": the date in focus, if one was just named."""
    s, e = trim_prefix(match, "sig", match.raw.start()), match.raw.end()
    iv = ctx.focus_iv
    if iv is None or not ctx.focus_value or s - ctx.focus_at > THEN_CHARS:
        return None
    typ: TimexType = "TIME" if "T" in ctx.focus_value else "DATE"
    return piece(s, e, typ, ctx.focus_value, iv, True)


def h_time(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s, e = trim_prefix(match, "nsig", match.raw.start()), match.raw.end()
    if match["noon"] or match["noon2"]:
        # "at midnight", "by noon": the day in focus
        w = match.low("noon") or match.low("noon2")
        # "midnight Friday" ends Friday: T24:00 of that day (ISO 8601)
        hh, mm = (24, 0) if w == "midnight" else (12, 0)
    elif match["midday"]:
        hh, mm = 12, 0
    elif match["hpod"]:
        # "4 in the morning", "at 9 in the evening"
        hh, mm = int(match["hpod"] or 0), 0
        if not 1 <= hh <= 12:
            return None
        hh = hh % 12 + (12 if match.low("tpod") in ("afternoon", "evening", "night") else 0)
    elif match["h24"]:
        hh, mm = int(match["h24"] or 0), int(match["mi24"] or 0)
    else:
        hh = int(match["h"] or 0)
        mm = int(match["mi"] or 0)
        ap = match.low("ap")
        if ap:
            if not 1 <= hh <= 12:
                return None
            hh = hh % 12 + (12 if ap.startswith("p") else 0)
        elif hh > 23:
            return None
    d: Date | None = None
    rel = True
    if match["dwd"]:
        wd = WEEKDAYS[match.low("dwd")]
        if ctx.pub is not None:
            d = weekday_date(ctx.pub, wd, ctx.tense(s, e))
    elif match["ddw"]:
        if ctx.pub is not None:
            d = cal.add_days(ctx.pub, _DAYWORD[match.low("ddw")])
    elif match["dmon"]:
        m, dd = month_no(match["dmon"]), day_no(match["dday"] or "0")
        if safe_date(2000, m, dd) is None:
            return None
        if match["dy"]:  # "2:46 p.m. on March 11, 2011"
            d, rel = safe_date(int(match["dy"] or 0), m, dd), False
        elif ctx.pub is not None:
            y = nearest_year(ctx.pub, m, dd)
            d = safe_date(y, m, dd) if y else None
    else:
        d = ctx.base_day()
    t = f"T{hh:02d}:{mm:02d}"
    if d is None:
        return piece(s, e, "TIME", "XXXX-XX-XX" + t, None, rel)
    v, iv = cal.day(d)
    return piece(s, e, "TIME", v + t, iv, rel)


def h_holiday(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    """ "Christmas", "Easter 2024", "last Thanksgiving": the holiday's day; without a year,
    the one the clause's tense points to (a past clause: the last one, publication day
    included; a future one: the next; no tense: the last, unless it is in the next 60 days)."""
    s, e = trim_prefix(match, "prep", match.raw.start()), match.raw.end()
    name = match["hol"] or ""
    if not is_capitalised(name):
        return None
    rule = HOLIDAYS[_BLANKS_DASHES.sub(" ", name.lower()).replace("’", "'")]
    if match["y"]:
        d = holiday_date(rule, int(match["y"]))
        if d is None:
            return None
        v, iv = cal.day(d)
        return piece(s, e, "DATE", v, iv)
    if ctx.pub is None:
        return piece(s, e, "DATE", "XXXX-XX-XX", None, True)
    pub = ctx.pub
    days = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := holiday_date(rule, y))]
    past = [d for d in days if d <= pub]
    ahead = [d for d in days if d > pub]
    rel = match.low("rel")
    tense = ctx.tense(s, e)
    if rel == "last":
        pick = [d for d in days if d < pub][-1]
    elif rel == "next" or tense > 0:
        pick = ahead[0] if rel == "next" or not past or past[-1] != pub else pub
    elif tense == 0 and ahead and (ahead[0] - pub).days <= 60:
        pick = ahead[0]
    else:
        pick = past[-1]
    v, iv = cal.day(pick)
    return piece(s, e, "DATE", v, iv, True)


def h_year_list(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    """ "1994, 1995 and 1997": each year of a list is a year."""
    v, iv = cal.year(int(match["y"] or 0))
    return piece(match.raw.start(), match.raw.end(), "DATE", v, iv)


def h_ordinal_day(match: RuleMatch, ctx: Context) -> list[Piece] | None:
    s = trim_prefix(match, "on", match.raw.start())
    e = match.raw.end()
    d = day_no(match["d"] or "0")
    base = ctx.base()
    if base is None:
        return piece(s, e, "DATE", f"XXXX-XX-{d:02d}", None, True)
    dd = safe_date(base.year, base.month, d)
    if dd is None:
        return None
    v, iv = cal.day(dd)
    return piece(s, e, "DATE", v, iv, True)
