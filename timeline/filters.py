"""Filters of the events frame, and their round trip through a URL's query parameters.

Within a facet the choices are alternatives (actor Serbia OR Kosovo); facets combine
(actor AND country AND type AND dates AND text AND article). The actor facet has a role: the
chosen actors "acted" (column `actors`), "were targeted" (column `targets`) or either (the
default). The date range keeps dated events that overlap it; undated events are kept or
dropped by `include_undated` alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

__all__ = [
    "ACTOR_ROLES",
    "Filters",
    "apply",
    "from_query_params",
    "role_columns",
    "to_query_params",
]

# The actor filter's roles (URL values) and how a user reads them.
ACTOR_ROLES: dict[str, str] = {
    "either": "acted or was targeted",
    "acted": "acted",
    "target": "was targeted",
}

# URL key of each field; short so that a shared link stays readable.
_KEYS: dict[str, str] = {
    "actors": "actor",
    "actor_role": "role",
    "countries": "country",
    "event_types": "type",
    "start": "from",
    "end": "to",
    "text": "q",
    "include_undated": "undated",
    "articles": "article",
}


@dataclass(frozen=True, slots=True)
class Filters:
    """What to show. The default (all empty) shows everything."""

    actors: tuple[str, ...] = ()
    actor_role: str = "either"  # a key of ACTOR_ROLES
    countries: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = ""
    include_undated: bool = True
    articles: tuple[str, ...] = ()  # article ids (`article_id`)

    def __post_init__(self) -> None:
        if self.actor_role not in ACTOR_ROLES:
            choices = ", ".join(ACTOR_ROLES)
            raise ValueError(f"unknown actor role {self.actor_role!r} (choose {choices})")

    def is_default(self) -> bool:
        return self == Filters()

    def describe(self) -> str:
        """The active filters in words ("" when none)."""
        parts = []
        if self.actors:
            role = "" if self.actor_role == "either" else f" ({ACTOR_ROLES[self.actor_role]})"
            parts.append("actor: " + ", ".join(self.actors) + role)
        if self.countries:
            parts.append("country: " + ", ".join(self.countries))
        if self.event_types:
            parts.append("type: " + ", ".join(self.event_types))
        if self.start or self.end:
            parts.append(f"dates: {self.start or '…'} to {self.end or '…'}")
        if self.text:
            parts.append(f'text: "{self.text}"')
        if not self.include_undated:
            parts.append("dated only")
        if self.articles:
            parts.append(f"{len(self.articles)} article(s)")
        return "; ".join(parts)

    def slug(self, prefix: str = "timeline") -> str:
        """A file name stem naming the active filters, e.g. timeline_serbia_2022-12-01."""
        words = [
            *self.actors,
            *([] if self.actor_role == "either" or not self.actors else [self.actor_role]),
            *self.countries,
            *self.event_types,
            *(str(d) for d in (self.start, self.end) if d),
            self.text,
        ]
        stem = "_".join(w for w in (re.sub(r"[^\w.-]+", "-", w).strip("-") for w in words) if w)
        stem = f"{prefix}_{stem}".lower() if stem else prefix
        return stem[:80].rstrip("_-")


def role_columns(role: str) -> tuple[str, ...]:
    """The columns an actor filter of `role` reads ("either": both)."""
    if role not in ACTOR_ROLES:
        raise ValueError(f"unknown actor role {role!r} (choose {', '.join(ACTOR_ROLES)})")
    return {"acted": ("actors",), "target": ("targets",)}.get(role, ("actors", "targets"))


def _contains_any(column: pd.Series, wanted: Sequence[str]) -> np.ndarray:
    choice = set(wanted)
    return np.fromiter((not choice.isdisjoint(v) for v in column), dtype=bool, count=len(column))


def apply(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of `frame` that pass `filters` (same columns, original index).

    When every row passes, `frame` itself is returned (no copy): do not modify the result.
    """
    keep = np.ones(len(frame), dtype=bool)
    if filters.actors:
        named = np.zeros(len(frame), dtype=bool)
        for column in role_columns(filters.actor_role):
            named |= _contains_any(frame[column], filters.actors)
        keep &= named
    if filters.countries:
        keep &= _contains_any(frame["countries"], filters.countries)
    if filters.event_types:
        keep &= frame["event_type"].isin(filters.event_types).to_numpy(dtype=bool)
    undated = frame["start"].isna().to_numpy()
    if filters.start or filters.end:
        end = frame["end"].fillna(frame["start"])
        in_range = ~undated
        if filters.start:
            in_range &= (end >= pd.Timestamp(filters.start)).to_numpy(dtype=bool, na_value=False)
        if filters.end:
            in_range &= (frame["start"] <= pd.Timestamp(filters.end)).to_numpy(
                dtype=bool, na_value=False
            )
        keep &= in_range | undated
    if not filters.include_undated:
        keep &= ~undated
    if filters.articles:
        keep &= frame["article_id"].isin(filters.articles).to_numpy(dtype=bool)
    if filters.text.strip():
        found = (
            frame["sentence"]
            .astype("string")
            .str.contains(filters.text.strip(), case=False, regex=False)
        )
        keep &= found.to_numpy(dtype=bool, na_value=False)
    return frame if keep.all() else frame[keep]


def to_query_params(filters: Filters) -> dict[str, str | list[str]]:
    """The non-default fields as query parameters (lists for the multi-valued ones)."""
    params: dict[str, str | list[str]] = {}
    default = Filters()
    for field in fields(Filters):
        value = getattr(filters, field.name)
        if value == getattr(default, field.name):
            continue
        key = _KEYS[field.name]
        if isinstance(value, tuple):
            params[key] = list(value)
        elif isinstance(value, bool):
            params[key] = "1" if value else "0"
        else:
            params[key] = str(value)
    return params


def _one(value: str | Sequence[str] | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value[-1] if value else ""


def _many(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else list(value)
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None  # a mistyped link shows everything rather than failing


def from_query_params(params: Mapping[str, str | Sequence[str]]) -> Filters:
    """Filters from query parameters; unknown keys and malformed values are ignored."""
    start, end = _date(_one(params.get("from"))), _date(_one(params.get("to")))
    if start and end and start > end:
        start, end = end, start
    role = _one(params.get("role")).strip().lower()
    return Filters(
        actors=_many(params.get("actor")),
        actor_role=role if role in ACTOR_ROLES else "either",
        countries=_many(params.get("country")),
        event_types=_many(params.get("type")),
        start=start,
        end=end,
        text=_one(params.get("q")).strip(),
        include_undated=_one(params.get("undated")).strip().lower() not in ("0", "false", "no"),
        articles=_many(params.get("article")),
    )
