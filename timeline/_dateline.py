"""Publication dates in article headers: "15 December, 2022", "June 9, 2008", "2022-12-15"."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["DATE_LINE", "parse_date", "parse_iso_date"]

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:[a-z]*day)?\.?,?\s+"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>{_DAY}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})[-/.](?P<m3>[01]?\d)[-/.](?P<d3>[0-3]?\d))"
)
_PREFIX = r"(?:(?P<label>(?:first\s+)?published|posted|date|dated)(?:\s+on)?\s*[:\-–—]?\s*)?"
_TIME = (
    r"(?:\s*[,|·•–—-]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,5}|UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)?)?"
)
# A whole line that is only a date (with an optional label, weekday and time of day).
DATE_LINE = re.compile(
    rf"^\s*{_PREFIX}(?:{_WEEKDAY})?{_DATE}{_TIME}\s*(?:[|·•]\s*\d+\s*min\s+read)?\s*$",
    re.IGNORECASE,
)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(line: str) -> tuple[dt.date, bool] | None:
    """The date of a date line and whether it carried a "Published:"-like label, else None."""
    match = DATE_LINE.match(line)
    if match is None:
        return None
    g = match.groupdict()
    try:
        if g["y1"]:
            day, month, year = int(g["d1"].rstrip("stndrh")), g["m1"], int(g["y1"])
        elif g["y2"]:
            day, month, year = int(g["d2"].rstrip("stndrh")), g["m2"], int(g["y2"])
        else:
            return (dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"])), bool(g["label"]))
        return (dt.date(year, _MONTHS[month[:3].lower()], day), bool(g["label"]))
    except ValueError:
        return None


def parse_iso_date(value: str) -> dt.date | None:
    """The date at the start of an ISO 8601 timestamp ("2022-12-15T09:30:00Z"), else None."""
    match = _ISO.search(value or "")
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
