"""References: "the company", "the jet", "the government", "it", "its", "they".

Each reference word (data/references.csv) becomes a mention (reference=True) of the most
recent earlier name of a compatible kind a few sentences back; after a preposition or as
"its" it is no actor. A new reference word goes into data/references.csv; when a reference
counts (a subject pronoun before its verb) is decided here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache

from timeline._gazetteer import UP
from timeline._mention import Mention
from timeline._tables import read_table, split_list

__all__ = ["find_references"]


@cache
def _reference_words() -> dict[str, tuple[str, ...]]:
    """Reference word -> the kinds of mention (or recogniser types: "EVENT") it can stand for
    (data/references.csv)."""
    return {row["word"]: tuple(split_list(row["kinds"])) for row in read_table("references.csv")}


_REFERENCE = re.compile(
    r"(?<![\w-])(?:(?P<the>[Tt]he) (?P<noun>[a-z]+)|(?P<pron>[Ii]ts?|[Tt]hey))(?![\w-])"
)
# "it is expected", "it was unclear": no reference; nor "the company of ...", "the company
# Nordbank" (named right there)
# A subject pronoun stands before its verb ("it said", "they agreed"); "rejected it.", "it is
# expected", "gave it to" are no reference to an actor.
_PRONOUN_VERB = re.compile(
    r"\s+(?:also\s+|then\s+|now\s+)?(?!(?:is|was|has|seems|appears|remains|plus|news|less)\b)"
    r"(?:[a-z]+(?:ed|es|s)|will|would|can|could|may|might|must|should|had|did|does|hopes|"
    r"plans|wants|expects|made|said|told|sold|bought|won|lost|took|gave|began|became|cut|set|put)\b"
)
_NOT_AFTER_NOUN = re.compile(rf"\s+(?:of\b|{UP})")
_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w-])(?:of|at|in|for|from|with|to|on|about|into|over|inside|within)\s+$"
)
# How far back a reference looks for what it stands for (a few sentences).
_REFERENCE_REACH = 400
# How far back "the store" looks for a name with that word ("the Hooli Music Store") when no
# compatible name is near: a few paragraphs.
_HEAD_REACH = 3000
# What "the store" may stand for when a name holds the word: never a person, place or group.
_HEAD_KINDS = frozenset(("organisation", "other"))


def _holds(name: str, noun: str) -> bool:
    """Whether `name` holds `noun` as a word ("Hooli Music Store": store) or as the end of a
    camel-case word ("zPhone 4": phone)."""
    cap = noun.capitalize()
    return any(w.lower() == noun or (w.endswith(cap) and w[:1].islower()) for w in name.split())


def _named_with(noun: str, named: list[Mention], i: int, at: int, reach: int) -> Mention | None:
    """The most recent name before `at` (from index `i` back, within `reach` characters) that
    holds `noun` as a word: "the store" after "Hooli Music Store", "the exchange" after
    "Lagos Stock Exchange"."""
    while i >= 0 and at - named[i].end <= reach:
        cand = named[i]
        if cand.kind in _HEAD_KINDS and _holds(cand.name, noun):
            return cand
        i -= 1
    return None


def find_references(
    text: str, spans: Sequence[tuple[int, int]], mentions: list[Mention]
) -> list[Mention]:
    """Mentions for "the company", "the jet", "the government", "it", "its", "they": the most
    recent earlier name that holds the noun ("the store" -> "Hooli Music Store"), else the
    most recent earlier mention of a compatible kind, within a few sentences."""
    words = _reference_words()
    named = [m for m in mentions if not m.reference]
    starts = [m.start for m in named]
    out: list[Mention] = []
    for s, e in spans:
        for m in _REFERENCE.finditer(text, s, e):
            word = (m.group("noun") or m.group("pron") or "").lower()
            kinds = words.get(word)
            if kinds is None:
                continue
            after = m.end()
            if m.group("noun"):
                if _NOT_AFTER_NOUN.match(text, after):
                    continue
            elif word != "its" and not _PRONOUN_VERB.match(text, after):
                continue
            i = bisect_right(starts, m.start()) - 1
            while i >= 0 and named[i].end > m.start():
                i -= 1  # inside a name
            noun = m.group("noun")
            # a name holding the noun nearby, else the last compatible name nearby, else a
            # name holding the noun a few paragraphs back
            # (an organisation word looks for a name that holds it nearby only: "the company"
            # is the company last named, not an older "Hooli Holding Company")
            first = _REFERENCE_REACH if "organisation" in kinds else _HEAD_REACH
            found = _named_with(word, named, i, m.start(), first) if noun else None
            while found is None and i >= 0 and m.start() - named[i].end <= _REFERENCE_REACH:
                cand = named[i]
                # a name that does not act where it stands ("available in Japan") is no
                # antecedent of a subject pronoun: "It comes in two colours" is the product
                if (cand.kind in kinds or cand.type in kinds) and (cand.actor or noun):
                    found = cand
                    break
                i -= 1
            if found is None and noun:
                found = _named_with(word, named, i, m.start(), _HEAD_REACH)
            if found is None:
                continue
            out.append(
                Mention(
                    m.start(),
                    m.end(),
                    m.group(),
                    found.name,
                    found.kind,
                    found.countries,
                    # "its shares": a possessor, no actor (as "Nordbank's shares"); nor
                    # "CEO of the company", "at the firm"
                    found.kind != "place"
                    and word != "its"
                    and not _PREPOSITION_BEFORE.search(text, max(0, m.start() - 12), m.start()),
                    found.type,
                    True,
                )
            )
    out += _people(text, spans, named)
    return out


_PERSON_PRONOUN = re.compile(r"(?<![\w-])(?:[Hh]e|[Ss]he|him)(?![\w'’-])")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘']?[A-Z])")


def _people(text: str, spans: Sequence[tuple[int, int]], named: list[Mention]) -> list[Mention]:
    """Mentions for "he", "she", "him": the first person named earlier in the sentence, else
    in the sentence before (its subject, as a rule), else the last person named a few
    sentences back ("When Dana Reyes first showed the zPhone, she praised its screen")."""
    people = [m for m in named if m.kind == "person"]
    if not people:
        return []
    starts = [m.start for m in named]
    person_starts = [m.start for m in people]
    out: list[Mention] = []
    for s, e in spans:
        breaks = [s] + [b.end() for b in _SENTENCE_BREAK.finditer(text, s, e)]
        for m in _PERSON_PRONOUN.finditer(text, s, e):
            at = m.start()
            i = bisect_right(starts, at) - 1
            if i >= 0 and named[i].end > at:
                continue  # inside a name ("He Jun")
            k = bisect_right(breaks, at) - 1
            sentence = breaks[k]
            before = breaks[k - 1] if k > 0 else None
            # (people are in text order: bisect to the first of a sentence, so a hostile
            # article with thousands of pronouns and names stays fast)
            found = None
            j = bisect_left(person_starts, sentence)
            if j < len(people) and people[j].end <= at:
                found = people[j]
            if found is None and before is not None:
                j = bisect_left(person_starts, before)
                if j < len(people) and people[j].start < sentence:
                    found = people[j]
            if found is None:
                j = bisect_right(person_starts, at) - 1
                while j >= 0 and people[j].end > at:
                    j -= 1
                if j >= 0 and at - people[j].end <= _REFERENCE_REACH:
                    found = people[j]
            if found is None:
                continue
            out.append(
                Mention(
                    at,
                    m.end(),
                    m.group(),
                    found.name,
                    "person",
                    found.countries,
                    not _PREPOSITION_BEFORE.search(text, max(0, at - 12), at),
                    found.type,
                    True,
                )
            )
    return out
