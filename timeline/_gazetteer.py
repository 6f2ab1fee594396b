"""The entity gazetteer: countries, organisations, titles and word lists, compiled once.

Every surface form (country names and aliases, adjectives, demonyms, capitals, organisation
names and acronyms, titles, multi-word non-entities) goes into one trie-shaped regular
expression, tried before the generic capitalised-word pattern, so a whole article is scanned
in one pass of the regex engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from timeline._tables import read_table, split_list, trie_regex

__all__ = ["Country", "Entry", "Gazetteer", "gazetteer"]


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    alpha2: str
    name: str
    adjective: str  # the first adjective listed: "Serbian" (names "Russian Foreign Ministry")
    people: str  # the first plural demonym: "Serbs"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a surface form stands for."""

    kind: str  # country, capital, adjective, people, org, title, mask
    name: str  # canonical: country or organisation name, title role
    code: str = ""  # ISO alpha-3 of the country (organisations: their home country, if any)
    org_kind: str = ""  # organisation or group (kind org)
    honorific: bool = False  # kind title: "Mr.", "Gen." (no role)


# When one surface form has several readings, the first kind here wins.
_PRIORITY = ("org", "country", "people", "adjective", "capital", "title", "mask")

_UPPER = "".join(
    c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha() and c.lower() != c
)
_LOWER = "".join(c for c in map(chr, range(0x61, 0x530)) if c.islower() and c.isalpha())
UP = "[" + re.escape(_UPPER) + "]"
LO = "[" + re.escape(_LOWER) + "]"


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, Country]
    entries: dict[str, Entry]  # surface form -> reading
    stop_always: frozenset[str]  # lower case; never (part of) a name
    stop_alone: frozenset[str]  # lower case; not a name on its own
    cues: dict[str, frozenset[str]]  # category -> words
    pattern: re.Pattern[str]


def _surface_variants(title: str, lowercase: bool) -> set[str]:
    out = {title}
    if lowercase:
        out.add(title.lower())
    return out


@cache
def gazetteer() -> Gazetteer:
    """The compiled gazetteer (built on first use, then shared)."""
    readings: dict[str, list[Entry]] = {}

    def add(surface: str, entry: Entry) -> None:
        if surface:
            readings.setdefault(surface, []).append(entry)

    countries: dict[str, Country] = {}
    for row in read_table("countries.csv"):
        code = row["alpha3"]
        adjectives = split_list(row["adjectives"])
        people = split_list(row["people"])
        countries[code] = Country(
            code,
            row["alpha2"],
            row["name"],
            adjectives[0] if adjectives else row["name"],
            people[0] if people else (adjectives[0] if adjectives else row["name"]),
        )
        for surface in [row["name"], *split_list(row["aliases"])]:
            add(surface, Entry("country", row["name"], code))
        for surface in adjectives:
            add(surface, Entry("adjective", row["name"], code))
        for surface in people:
            add(surface, Entry("people", row["name"], code))
        for surface in split_list(row["capitals"]):
            add(surface, Entry("capital", row["name"], code))
    for row in read_table("organisations.csv"):
        entry = Entry("org", row["name"], row["country"], org_kind=row["kind"])
        for surface in [row["name"], *split_list(row["aliases"])]:
            add(surface, entry)
    for row in read_table("titles.csv"):
        entry = Entry("title", row["role"], honorific=row["kind"] == "honorific")
        for surface in _surface_variants(row["title"], row["lowercase"] == "yes"):
            add(surface, entry)
    stop_always: set[str] = set()
    stop_alone: set[str] = set()
    for row in read_table("entity_stopwords.csv"):
        word = row["word"]
        if " " in word or "-" in word:
            add(word, Entry("mask", word))
        elif row["category"] in ("pronoun", "function", "discourse", "weekday", "month"):
            stop_always.add(word.lower())
        else:
            stop_alone.add(word.lower())
    cues: dict[str, set[str]] = {}
    for row in read_table("entity_cues.csv"):
        cues.setdefault(row["category"], set()).add(row["word"])

    entries = {
        surface: min(options, key=lambda e: _PRIORITY.index(e.kind))
        for surface, options in readings.items()
    }
    # Left: not inside a word or a hyphenated word ("pro-Russian" is not Russia).
    # Right: not followed by a letter or digit.
    gaz = rf"(?P<g>{trie_regex(sorted(entries))})(?![\w])"
    # Pronouns, function words, weekdays and months are never names: not even tokens, so
    # they also end a chunk ("On Thursday Serbia...").
    stops = sorted({w.capitalize() for w in stop_always} | {w.upper() for w in stop_always})
    cap = (
        rf"(?P<c>(?:{UP}\.){{2,}}"  # dotted acronyms: U.S., U.N.
        rf"|(?={UP})(?!{trie_regex(stops)}(?![\w]))"
        rf"{UP}[\w]*(?:[-'’](?:{UP}|\d)[\w]*)*"  # Vucic, Wal-Mart, O'Brien, G7
        # camel case: zPod, zTunes, eBay, macOS (possessive: no backtracking into the
        # lower-case letters, which could never be followed by an upper-case one)
        rf"|{LO}{{1,3}}+{UP}[\w]*)"
    )
    pattern = re.compile(rf"(?<![\w\-])(?:{gaz}|{cap})")
    return Gazetteer(
        countries=countries,
        entries=entries,
        stop_always=frozenset(stop_always),
        stop_alone=frozenset(stop_alone),
        cues={k: frozenset(v) for k, v in cues.items()},
        pattern=pattern,
    )
