"""Actors and countries: named people, organisations, countries and groups in article text.

CONTRACT (owned by the entities work).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["Mention", "country_name", "extract"]

Kind = Literal["person", "organisation", "country", "group", "other"]


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str  # text[start:end] as written ("Serbian President Aleksandar Vucic", "Moscow")
    name: str  # canonical actor name ("Aleksandar Vucic", "Russia")
    kind: Kind
    countries: tuple[str, ...] = ()  # ISO 3166 alpha-3 codes the mention involves
    actor: bool = True  # False for mentions that only involve a country ("Serbian troops")


def extract(text: str, spans: Sequence[tuple[int, int]] | None = None) -> list[Mention]:
    """Mentions in `text` (only inside `spans` when given), aliases resolved article-wide."""
    raise NotImplementedError


def country_name(code: str) -> str:
    """English short name of an ISO alpha-3 code ("XKX" -> "Kosovo")."""
    raise NotImplementedError
