"""Publication dates in article headers and datelines, in any language.

English date lines ("15 December, 2022", "June 9, 2008", "Published: 2022-12-15") are read
by one regular expression. A line in another language is read by dateparser when it has the
shape of a date ("15. Dezember 2022", "15 décembre 2022", "15 de diciembre de 2022",
"2022年12月15日", "15.12.2022"), with at most a few words around it (a weekday, a label, a
time of day): dateparser knows the month names of some 200 locales, and is asked only about
the date itself, so a sentence that merely contains a year never reaches it. Relative
dates ("yesterday") are never read: a publication date must be absolute.

A dateline opens a report's first paragraph: "BERLIN, 15. Dezember 2022 (dpa) – ...",
"WASHINGTON, Dec. 15, 2022 (Reuters) - ...".
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

__all__ = ["DATE_LINE", "parse_date", "parse_dateline", "parse_iso_date"]

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
    """The date of a date line and whether it carried a "Published:"-like label, else None.

    A line in another language than English counts as unlabelled."""
    match = DATE_LINE.match(line)
    if match is None:
        found = _any_language(line)
        return (found, False) if found is not None else None
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


# The shapes of a date in other languages: day, month word, year ("15. Dezember 2022",
# "15 de diciembre de 2022", "15 декабря 2022 г."); month word, day, year; year, month, day
# with CJK markers ("2022年12月15日", "2022년 12월 15일"); day.month.year in digits.
_WORD = r"[^\W\d_]{3,15}\.?"
_SHAPES = re.compile(
    rf"(?P<dmy>\d{{1,2}}\.?\s+(?:de\s+)?{_WORD}\s+(?:de\s+)?\d{{4}})"
    rf"|(?P<mdy>{_WORD}\s+\d{{1,2}},?\s+\d{{4}})"
    r"|(?P<cjk>\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일])"
    r"|(?P<dotted>(?P<dd>\d{1,2})\.(?P<mm>\d{1,2})\.(?P<yy>\d{4}))"
)
# What may stand around the date on its line: a few words (a weekday, a label such as
# "Veröffentlicht am" or "Publié le") before it, a time of day and a few words after it.
_AROUND = re.compile(r"[\W\d_]*(?:[^\W\d_]+(?![^\W\d_])[\W\d_]*){0,3}")
_LONGEST_LINE = 80
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    # absolute dates only: "yesterday" or "2 hours ago" is no publication date
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def _any_language(line: str) -> dt.date | None:
    """The date of a short line that is a date in any language, else None."""
    line = line.strip()
    if len(line) > _LONGEST_LINE or not any(c.isdigit() for c in line):
        return None
    match = _SHAPES.search(line)
    if match is None:
        return None
    if not (_AROUND.fullmatch(line[: match.start()]) and _AROUND.fullmatch(line[match.end() :])):
        return None
    if match["dotted"]:  # digits only: day.month.year, the order wherever dots are used
        try:
            return dt.date(int(match["yy"]), int(match["mm"]), int(match["dd"]))
        except ValueError:
            return None
    return _dateparser(match.group())


@cache
def _dateparser(text: str) -> dt.date | None:
    parse: Any = _dateparser_parse()
    found = parse(text, settings=_DATEPARSER_SETTINGS)
    return found.date() if found is not None else None


@cache
def _dateparser_parse() -> Any:
    import dateparser  # a second to load; only articles whose header is not in English pay it

    return dateparser.parse


# A dateline: the place in capitals or as a name, a comma, the date (possibly after a
# region: "KYIV, Ukraine, Dec. 15, 2022"), perhaps the agency in brackets, then a dash.
_DATELINE = re.compile(
    r"\s*(?P<place>[^\W\d_][^,\n]{0,40}),(?P<date>[^()\n–—]{4,60}?)"
    r"\s*(?:\([^()\n]{1,40}\))?\s*(?:[–—]|--?)\s"
)


def parse_dateline(paragraph: str) -> tuple[dt.date, int] | None:
    """The date of the dateline that opens `paragraph` and where the report's text starts
    after it, else None."""
    match = _DATELINE.match(paragraph)
    if match is None or not match["place"][0].isupper():
        return None
    parts = match["date"].split(",")
    # "Ukraine, Dec. 15, 2022": the date is the last one or two comma-separated parts
    for k in range(1, min(3, len(parts)) + 1):
        found = parse_date(",".join(parts[-k:]).strip())
        if found is not None:
            return found[0], match.end()
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
