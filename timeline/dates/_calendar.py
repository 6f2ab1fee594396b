"""Calendar arithmetic: TIMEX3 values and inclusive day intervals of calendar units."""

from __future__ import annotations

import calendar
import datetime as dt

from timeline.dates import Interval

Date = dt.date
MIN_YEAR, MAX_YEAR = 1, 9998
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month; each lasts three


def ok_year(y: int) -> bool:
    return MIN_YEAR <= y <= MAX_YEAR


def add_months(d: Date, n: int) -> Date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    y = min(max(y, MIN_YEAR), MAX_YEAR)
    return Date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def add_days(d: Date, n: int) -> Date:
    try:
        return d + dt.timedelta(days=n)
    except OverflowError:
        return Date(MAX_YEAR, 12, 31) if n > 0 else Date(MIN_YEAR, 1, 1)


def day(d: Date) -> tuple[str, Interval]:
    return d.isoformat(), Interval(d, d, "day")


def week(d: Date) -> tuple[str, Interval]:
    y, w, wd = d.isocalendar()
    start = add_days(d, 1 - wd)
    return f"{y:04d}-W{w:02d}", Interval(start, add_days(start, 6), "week")


def weekend(d: Date) -> tuple[str, Interval]:
    """The weekend of the ISO week of `d`."""
    y, w, wd = d.isocalendar()
    sat = add_days(d, 6 - wd)
    return f"{y:04d}-W{w:02d}-WE", Interval(sat, add_days(sat, 1), "day")


def month(y: int, m: int) -> tuple[str, Interval]:
    return f"{y:04d}-{m:02d}", Interval(
        Date(y, m, 1), Date(y, m, calendar.monthrange(y, m)[1]), "month"
    )


def quarter(y: int, q: int) -> tuple[str, Interval]:
    start = Date(y, 3 * q - 2, 1)
    end_m = 3 * q
    return f"{y:04d}-Q{q}", Interval(
        start, Date(y, end_m, calendar.monthrange(y, end_m)[1]), "quarter"
    )


def half(y: int, h: int) -> tuple[str, Interval]:
    return f"{y:04d}-H{h}", Interval(
        Date(y, 1 if h == 1 else 7, 1), Date(y, 6, 30) if h == 1 else Date(y, 12, 31), "half"
    )


def season(y: int, code: str) -> tuple[str, Interval]:
    first = Date(y, SEASON_MONTHS[code], 1)
    last = add_months(first, 2)
    last = Date(last.year, last.month, calendar.monthrange(last.year, last.month)[1])
    return f"{y:04d}-{code}", Interval(first, last, "season")


def year(y: int) -> tuple[str, Interval]:
    return f"{y:04d}", Interval(Date(y, 1, 1), Date(y, 12, 31), "year")


def decade(d3: int) -> tuple[str, Interval]:
    """d3 = the first three digits of the years (199 for the 1990s)."""
    return f"{d3:03d}", Interval(Date(max(d3 * 10, 1), 1, 1), Date(d3 * 10 + 9, 12, 31), "decade")


def century(c: int) -> tuple[str, Interval]:
    """c = the first two digits of the years (19 for the 20th century, 1900-1999)."""
    return f"{c:02d}", Interval(Date(max(c * 100, 1), 1, 1), Date(c * 100 + 99, 12, 31), "century")


def unit_interval(unit: str, d: Date, n: int = 0) -> tuple[str, Interval] | None:
    """The calendar `unit` containing `d`, shifted by `n` units."""
    if unit == "D":
        return day(add_days(d, n))
    if unit == "W":
        return week(add_days(d, 7 * n))
    if unit == "WE":
        return weekend(add_days(d, 7 * n))
    if unit == "M":
        s = add_months(d, n)
        return month(s.year, s.month)
    if unit == "Q":
        s = add_months(d, 3 * n)
        return quarter(s.year, (s.month - 1) // 3 + 1)
    if unit == "Y":
        return year(d.year + n) if ok_year(d.year + n) else None
    if unit == "DE":
        return decade(d.year // 10 + n)
    if unit == "CE":
        return century(d.year // 100 + n)
    return None


def narrow(iv: Interval, mod: str) -> Interval:
    """The first, middle or last third of an interval (early/mid/late)."""
    if mod not in ("START", "MID", "END"):
        return iv
    n = (iv.end - iv.start).days + 1
    third = max(n // 3, 1)
    if mod == "START":
        return Interval(iv.start, add_days(iv.start, third - 1), iv.precision)
    if mod == "END":
        return Interval(add_days(iv.end, 1 - third), iv.end, iv.precision)
    return Interval(add_days(iv.start, third), add_days(iv.end, -third), iv.precision)


def shift_value(unit: str, d: Date, n: int) -> Date:
    """`d` moved by `n` units (calendar months for M/Q/Y)."""
    if unit == "D":
        return add_days(d, n)
    if unit == "W":
        return add_days(d, 7 * n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Q":
        return add_months(d, 3 * n)
    if unit == "Y":
        return add_months(d, 12 * n)
    if unit == "DE":
        return add_months(d, 120 * n)
    if unit == "CE":
        return add_months(d, 1200 * n)
    return d
