"""Holidays and their dates, read from `data/holidays.csv` (name, rule).

Rules: `MM-DD` (a fixed day), `easter+N` / `easter-N` (days from Western Easter Sunday),
`MM-<weekday>-N` (the N-th weekday of the month; `last` for the last one) and
`MM-<weekday>-after-<weekday>-N` (the first such weekday after the N-th other one: US
Election Day is the Tuesday after the first Monday of November).
"""

from __future__ import annotations

import datetime as dt

from timeline._tables import read_table

__all__ = ["HOLIDAYS", "easter", "holiday_date"]

_WEEKDAY = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}


HOLIDAYS: dict[str, str] = {row["name"].lower(): row["rule"] for row in read_table("holidays.csv")}


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    if n < 0:  # the last one
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        last = nxt - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def holiday_date(rule: str, year: int) -> dt.date | None:
    """The day `rule` gives in `year`; None for a rule it cannot read."""
    try:
        if rule.startswith("easter"):
            return easter(year) + dt.timedelta(days=int(rule[6:] or 0))
        parts = rule.split("-")
        month = int(parts[0])
        if len(parts) == 2:
            return dt.date(year, month, int(parts[1]))
        weekday = _WEEKDAY[parts[1]]
        if len(parts) == 3:
            return _nth_weekday(year, month, weekday, -1 if parts[2] == "last" else int(parts[2]))
        if len(parts) == 5 and parts[2] == "after":
            other = _nth_weekday(year, month, _WEEKDAY[parts[3]], int(parts[4]))
            return other + dt.timedelta(days=(weekday - other.isoweekday()) % 7 or 7)
    except (ValueError, KeyError):
        return None
    return None
