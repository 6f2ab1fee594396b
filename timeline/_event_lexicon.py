"""Word lists of the events stage (package data): event-type lexicon and verb forms."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from timeline._tables import read_table, trie_regex

__all__ = ["EventLexicon", "event_lexicon", "event_types", "irregular_past", "verb_forms"]


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


# Case-insensitive matching spelt out as character classes: the letters that Python's
# re.IGNORECASE matches to each ASCII letter ("ſ" to s, "İ" and "ı" to i, the Kelvin sign to k).
# The regex engine tests a class at the head of each alternative of the trie before entering
# it, but enters every alternative of a case-insensitive literal.
_EXTRA_CASES = {"i": "İı", "k": "\u212a", "s": "ſ"}
_LETTERS = "A-Za-z" + "".join(_EXTRA_CASES.values())


def _any_case(ch: str) -> str:
    """The regex of `ch` (a lexicon character) in any case."""
    if ch.isascii() and ch.isalpha():
        return f"[{ch.lower()}{ch.upper()}{_EXTRA_CASES.get(ch.lower(), '')}]"
    return re.escape(ch)


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Lexicon terms indexed by their first word, so a clause is read in one pass over its words.

    `single` maps a one-word form to its type; `phrases` maps a phrase's first word to the
    patterns of the phrase's remaining words, each with its type.
    """

    types: tuple[str, ...]
    single: dict[str, str]
    phrases: dict[str, tuple[tuple[re.Pattern[str], str], ...]]
    heads: re.Pattern[str]  # any first word of a term, as a whole word (group "w")
    # The same after the character before it, which must not be a letter or an apostrophe:
    # opening with a character class, the regex engine skips through the words to the next
    # candidate character instead of trying every position.
    later: re.Pattern[str]

    def first(
        self, text: str, skip: tuple[tuple[int, int], ...] = (), start: int = 0, end: int = -1
    ) -> str | None:
        """The event type of the first lexicon term in text[start:end] outside the `skip`
        spans (offsets into `text`)."""
        end = len(text) if end < 0 else end
        # `heads` at `start` (it looks behind at the text before the span), then `later`
        match = self.heads.match(text, start, end)
        if match is not None:
            found = self._read(text, skip, end, match)
            if found is not None:
                return found
        for match in self.later.finditer(text, start, end):
            found = self._read(text, skip, end, match)
            if found is not None:
                return found
        return None

    def _read(
        self, text: str, skip: tuple[tuple[int, int], ...], end: int, match: re.Match[str]
    ) -> str | None:
        """The event type of the term whose first word `match` found, if any."""
        if skip and _inside(match.start("w"), skip):
            return None
        word = match.group("w").lower()
        for pattern, event_type in self.phrases.get(word, ()):
            if pattern.match(text, match.end("w"), end):
                return event_type
        return self.single.get(word)


_END = 1 << 62  # past any offset: (position, _END) sorts after every span starting at position


def _inside(position: int, spans: tuple[tuple[int, int], ...]) -> bool:
    # Spans are sorted and disjoint (quotations in text order): a binary search, since a
    # sentence may hold thousands of quotations and every word asks.
    i = bisect.bisect_right(spans, (position, _END)) - 1
    return i >= 0 and position < spans[i][1]


@cache
def event_types() -> dict[str, str]:
    """Event type -> its description (data/event_types.csv)."""
    return {row["event_type"]: row["description"] for row in read_table("event_types.csv")}


@cache
def event_lexicon() -> EventLexicon:
    known = event_types()
    single: dict[str, str] = {}
    phrases: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for row in read_table("event_lexicon.csv"):
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
    trie = trie_regex(sorted(set(single) | set(phrases)), _any_case)
    word = rf"(?P<w>{trie})(?![{_LETTERS}]|['’][{_LETTERS}])"
    heads = re.compile(rf"(?<![{_LETTERS}'’]){word}")
    later = re.compile(rf"[^{_LETTERS}'’]{word}")
    return EventLexicon(
        tuple(known), single, {head: tuple(items) for head, items in phrases.items()}, heads, later
    )


@cache
def irregular_past() -> frozenset[str]:
    return frozenset(row["form"].lower() for row in read_table("irregular_past.csv"))


@cache
def verb_forms() -> frozenset[str]:
    """Base and third-person forms of the lexicon's single-word verbs (finite present)."""
    forms: set[str] = set()
    for row in read_table("event_lexicon.csv"):
        if " " not in row["term"]:
            forms |= {row["term"], row["term"] + "s", row["term"] + "es"}
    return frozenset(forms)
