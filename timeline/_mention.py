"""The record of one name in an article (`Mention`) and country names by ISO code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from timeline._gazetteer import gazetteer

__all__ = ["Kind", "Mention", "country_name"]

Kind = Literal["person", "organisation", "country", "group", "place", "other"]


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str  # text[start:end] as written ("Serbian President Aleksandar Vucic", "Moscow")
    name: str  # canonical actor name ("Aleksandar Vucic", "Russia")
    kind: Kind
    countries: tuple[str, ...] = ()  # ISO 3166 alpha-3 codes the mention involves
    actor: bool = True  # False for mentions that only involve a country ("Serbian troops")
    type: str = ""  # the recogniser's type (timeline.ner.TYPES), "" where only the rules found it
    reference: bool = False  # a reference to a name named before ("the company", "it")


def country_name(code: str) -> str:
    """English short name of an ISO alpha-3 code ("XKX" -> "Kosovo")."""
    country = gazetteer().countries.get(code.upper())
    if country is None:
        raise KeyError(f"unknown country code {code!r}")
    return country.name
