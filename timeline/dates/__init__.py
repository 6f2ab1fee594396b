"""Time expressions: find them in English text and normalise them against a publication date.

CONTRACT (owned by the dates work; implementation goes in _-prefixed modules of this package).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

__all__ = ["Interval", "Timex", "tag"]

Precision = Literal[
    "day", "week", "month", "quarter", "season", "half", "year", "decade", "century"
]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Interval:
    """The calendar days an expression denotes: start..end, both inclusive."""

    start: dt.date
    end: dt.date
    precision: Precision


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: text[start:end] == text; TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    interval: Interval | None = None  # None when not anchorable (durations, SET, unresolved)
    relative: bool = False  # True when resolved against the publication date or the focus date


def tag(text: str, published: dt.date | None = None) -> list[Timex]:
    """All time expressions of `text`, in order, normalised against `published`.

    The rules are in `timeline.dates._rules` (one pattern and example per family), their
    normalisation in `_handlers`, tense and the date in focus in `_context`, the scan in
    `_engine`. Never raises: anything that is not a non-empty str gives [].
    """
    from timeline.dates._engine import tag_text

    return tag_text(text, published)
