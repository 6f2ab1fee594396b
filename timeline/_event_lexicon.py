"""Word lists of the events stage, read from data/: event-type lexicon and verb forms."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from timeline._gazetteer import _trie_pattern

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


def _variants(term: str, forms: str) -> list[str]:
    """The surface forms of a lexicon term: listed forms, else regular inflections of its head."""
    listed = [f.strip() for f in forms.split("|") if f.strip()] if forms else []
    if listed:
        return [term, *listed]
    head, *rest = term.split()
    return [" ".join([form, *rest]) for form in sorted(_inflections(head))]


# Up to three words may stand between the words of a phrase
# ("tabled his country's application", "raised the combat readiness").
_GAP = r"(?:\s+[\w'’-]+){0,3}?\s+"


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Lexicon terms indexed by their first word, so a clause is read in one pass over its words.

    `single` maps a one-word form to its type; `phrases` maps a phrase's first word to the
    patterns of the phrase's remaining words, each with its type.
    """

    types: tuple[str, ...]
    single: dict[str, str]
    phrases: dict[str, tuple[tuple[re.Pattern[str], str], ...]]
    heads: re.Pattern[str]  # any first word of a term, as a whole word

    def first(
        self, text: str, skip: tuple[tuple[int, int], ...] = (), start: int = 0, end: int = -1
    ) -> str | None:
        """The event type of the first lexicon term in text[start:end] outside the `skip`
        spans (offsets into `text`)."""
        end = len(text) if end < 0 else end
        for match in self.heads.finditer(text, start, end):
            word = match.group().lower()
            if skip and any(s <= match.start() < e for s, e in skip):
                continue
            for pattern, event_type in self.phrases.get(word, ()):
                if pattern.match(text, match.end(), end):
                    return event_type
            if word in self.single:
                return self.single[word]
        return None


@cache
def event_types() -> dict[str, str]:
    """Event type -> its description (data/event_types.csv)."""
    return {row["event_type"]: row["description"] for row in _read_csv("event_types.csv")}


@cache
def event_lexicon() -> EventLexicon:
    known = event_types()
    single: dict[str, str] = {}
    phrases: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for row in _read_csv("event_lexicon.csv"):
        event_type = row["event_type"]
        if event_type not in known:
            raise ValueError(f"event_lexicon.csv: unknown event type {event_type!r}")
        for variant in _variants(row["term"].lower(), row["forms"].lower()):
            head, *rest = variant.split()
            if not rest:
                single.setdefault(head, event_type)  # the first row naming a form wins
                continue
            tail = _GAP + _GAP.join(re.escape(w) for w in rest) + r"\b"
            phrases.setdefault(head, []).append((re.compile(tail, re.IGNORECASE), event_type))
    # one pass of the regex engine over a clause finds the candidate words (whole words:
    # letters, perhaps with an apostrophe suffix: "Serbia's" is no "serbia")
    trie = _trie_pattern(sorted(set(single) | set(phrases)))
    heads = re.compile(rf"(?<![A-Za-z'’])(?:{trie})(?![A-Za-z]|['’][a-z])", re.IGNORECASE)
    return EventLexicon(
        tuple(known), single, {head: tuple(items) for head, items in phrases.items()}, heads
    )


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
