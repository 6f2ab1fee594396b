"""Word lists of the events stage, read from data/: event-type lexicon and verb forms."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

__all__ = ["DATA", "EventLexicon", "event_lexicon", "event_types", "irregular_past"]


def _read_csv(name: str) -> list[dict[str, str]]:
    # keep_default_na-like behaviour: the csv module never turns "NA" into a missing value
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _inflections(word: str) -> set[str]:
    """Regular English verb and noun forms of `word` (irregular ones are listed in the data)."""
    forms = {word}
    if word.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(word + "es")
    elif word.endswith("y") and word[-2:-1] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    elif not word.endswith("y") or word[-2:-1] in "aeiou":
        forms |= {word + "ed", word + "ing"}
    else:
        forms.add(word + "ing")
    return forms


def _term_pattern(term: str, forms: str) -> str:
    variants = [f.strip() for f in forms.split("|") if f.strip()] if forms else []
    words = term.split()
    if not variants:
        heads = sorted(_inflections(words[0]), key=len, reverse=True)
        variants = [" ".join([head, *words[1:]]) for head in heads]
    else:
        variants = [term, *variants]
    # Up to three words may stand between the words of a phrase
    # ("tabled his country's application", "raised the combat readiness").
    gap = r"(?:\s+[\w'’-]+){0,3}?\s+"
    alts = [gap.join(re.escape(w) for w in v.split()) for v in variants]
    return r"\b(?:" + "|".join(sorted(set(alts), key=len, reverse=True)) + r")\b"


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """One compiled alternation: group `t<i>` names event type number i."""

    types: tuple[str, ...]
    pattern: re.Pattern[str]

    def first(self, text: str, skip: tuple[tuple[int, int], ...] = ()) -> str | None:
        """The event type of the first lexicon term in `text` outside the `skip` spans."""
        for match in self.pattern.finditer(text):
            if any(s <= match.start() < e for s, e in skip):
                continue
            return self.types[int(match.lastgroup[1:])]  # type: ignore[index]
        return None


@cache
def event_types() -> dict[str, str]:
    """Event type -> its description (data/event_types.csv)."""
    return {row["event_type"]: row["description"] for row in _read_csv("event_types.csv")}


@cache
def event_lexicon() -> EventLexicon:
    known = event_types()
    by_type: dict[str, list[str]] = {}
    for row in _read_csv("event_lexicon.csv"):
        if row["event_type"] not in known:
            raise ValueError(f"event_lexicon.csv: unknown event type {row['event_type']!r}")
        by_type.setdefault(row["event_type"], []).append(_term_pattern(row["term"], row["forms"]))
    types = tuple(by_type)
    groups = [f"(?P<t{i}>{'|'.join(by_type[t])})" for i, t in enumerate(types)]
    return EventLexicon(types, re.compile("|".join(groups), re.IGNORECASE))


@cache
def irregular_past() -> frozenset[str]:
    return frozenset(row["form"].lower() for row in _read_csv("irregular_past.csv"))


@cache
def verb_forms() -> frozenset[str]:
    """Base and third-person forms of the lexicon's single-word verbs (finite present)."""
    forms: set[str] = set()
    for row in _read_csv("event_lexicon.csv"):
        if " " not in row["term"]:
            forms |= {row["term"], row["term"] + "s", row["term"] + "es"}
    return frozenset(forms)
