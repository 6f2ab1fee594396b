"""The roles stage: who takes part in a clause, and who of them acted on whom.

The parties of a clause are the people, organisations, groups and products named in it,
outside the quotations it reports ("Barack Obama said " Steve was among the greatest..."" is
Obama's); `timeline.roles` tells who of them acted (`actors`) and at whom (`targets`). Parties
also include:
a subject "he"/"she" opening the clause is the first person named earlier in the sentence, else
in the sentence before, else the last one named ("He left current chief operating officer
Timothy D. Cook in charge"); a sentence opening with "It" or "The company"
goes on about the company or product the sentence before named first ("It is slated for a
U.S. release on June 24" after "The newest zPhone, zPhone 4 was introduced...").
The countries of a clause are those of its mentions, of the people named (from any of their
mentions: "Serbian President Aleksandar Vucic" makes every later "Vucic" Serbian), and of the
country last named for "the region" or "the province".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline._spans import Span
from timeline._spans import SpanIndex as _Index
from timeline._spans import within as _within
from timeline.document import Clause, Participants
from timeline.entities import Mention
from timeline.roles import Party, assign

__all__ = ["Parties"]

# Words that stand for the person last named ("He said that...").
# (\b(?:he|she|him|her)\b case-insensitively, spelt so that it opens with a character class:
# the regex engine then skips to the next h or s instead of trying every position; "ſ", "İ"
# and "ı" are the letters Python's IGNORECASE also matches to s and i)
_PERSON_PRONOUN = re.compile(
    r"[HhSsſ](?<=\b[HhSsſ])(?:(?<=[Hh])(?:[Ee][Rr]?|[Iiİı][Mm])|(?<=[Ssſ])[Hh][Ee])\b"
)
# A subject pronoun opening a clause names its actor even beside other people ("He left
# current chief operating officer Timothy D. Cook in charge"): connectives and an opening
# adverbial phrase may stand before it ("Moving on, he", "and then she").
_SUBJECT_PRONOUN = re.compile(
    r"[\s\"“‘']*(?i:(?:and|but|then|so|yet|also|when|while|as|after|before)\s+)*"
    r"(?:[A-Z][a-z-]*(?:\s+[a-z0-9][\w-]*){0,3},\s+)?(?i:he|she)\b"
)
# A sentence opening with "It" or "The company" goes on about the company or product that
# the sentence before named first.
# Not in a quotation, where "It" is the speaker's ("It is almost certain that this will not be
# granted," Vucic said), nor an "it" that anticipates a clause ("It was announced that").
_THING_ANAPHOR = re.compile(r"\s*(?:It\b(?!\s+(?:is|was)\s+\w+\s+that\b)|(The (?:company|firm)\b))")
# Words that stand for the country last named ("pushed out Serb troops from the region").
# ("the" first, its word boundary checked behind it: the regex engine then skips ahead to
# each "the" instead of trying every position)
_PLACE_ANAPHOR = re.compile(r"the(?<!\wthe)\s+(?:region|province|territory|breakaway\s+region)\b")


class Parties:
    """The participants of one article's clauses, from its mentions."""

    def __init__(self, text: str, mentions: Sequence[Mention]) -> None:
        self.text = text
        self.mentions = _Index(mentions)
        self.people = _Index([m for m in mentions if m.kind == "person"])
        # countries named by their name ("in Kosovo"), not by an adjective ("Serb")
        self.named_countries = _Index(
            [m for m in mentions if m.kind == "country" and m.text == m.name]
        )
        # A person's countries from any of their mentions ("Serbian President Aleksandar Vucic"
        # makes every later "Vucic" Serbian).
        self.person_countries: dict[str, tuple[str, ...]] = {}
        for m in mentions:
            if m.kind == "person" and m.countries:
                known = self.person_countries.get(m.name, ())
                self.person_countries[m.name] = tuple(dict.fromkeys(known + m.countries))

    def of(self, clause: Clause, previous: Span | None) -> Participants:
        """Parties and country codes of a clause (`previous`: the sentence before its own),
        and who of them acted on whom (`timeline.roles`). People and organisations named
        inside a quotation are what the speaker talks about, not parties of the clause (United
        States President Barack Obama said " Steve was among the greatest of American
        innovators"); the countries they involve are kept."""
        spans, quotes = clause.spans, clause.quotes
        sentence_start = clause.sentence.start
        actors: list[str] = []  # every party named (the dating ladder reads them)
        codes: list[str] = []
        parties: list[Party] = []
        if quotes and all(any(s <= a and b <= e for s, e in quotes) for a, b in spans):
            quotes = ()  # a clause all in quotes: its own actors
        for start, end in spans:
            found: list[Mention] = self.mentions.within(start, end)
            for m in found:
                if m.actor and not _within(m.start, quotes):
                    parties.append(Party(m.start, m.end, m.name))
                    if m.name not in actors:
                        actors.append(m.name)
                for code in m.countries + self.person_countries.get(m.name, ()):
                    if code not in codes:
                        codes.append(code)
            text = self.text
            # a pronoun in a quotation is the speaker's ("He is a great man," Obama said)
            subject = _SUBJECT_PRONOUN.match(text, start, end)
            if subject and not _within(subject.end() - 1, quotes):
                person = self._antecedent(start, sentence_start, previous)
                if person:
                    word = 3 if text[subject.end() - 3 : subject.end()].lower() == "she" else 2
                    parties.append(Party(subject.end() - word, subject.end(), person.name))
                if person and person.name not in actors:
                    actors.insert(0, person.name)
                    codes.extend(
                        c for c in self.person_countries.get(person.name, ()) if c not in codes
                    )
            elif not any(m.kind == "person" for m in found):
                pronoun = next(
                    (
                        p
                        for p in _PERSON_PRONOUN.finditer(text, start, end)
                        if not _within(p.start(), quotes)
                    ),
                    None,
                )
                if pronoun:
                    person = self.people.last_before(pronoun.start())
                    if person:
                        parties.append(Party(pronoun.start(), pronoun.end(), person.name))
                    if person and person.name not in actors:
                        actors.append(person.name)
                        codes.extend(
                            c for c in self.person_countries.get(person.name, ()) if c not in codes
                        )
            thing = self._thing(start, end, sentence_start, previous)
            said = _THING_ANAPHOR.match(text, start, end) if thing is not None else None
            if thing is not None and said is not None:
                anaphor = said.group().strip()
                parties.append(Party(said.end() - len(anaphor), said.end(), thing.name))
            if thing is not None and thing.name not in actors:
                actors.insert(0, thing.name)
                codes.extend(c for c in thing.countries if c not in codes)
            for place in _PLACE_ANAPHOR.finditer(text, start, end):
                country = self.named_countries.last_before(place.start())
                if country:
                    codes.extend(c for c in country.countries if c not in codes)
        roles = assign(self.text, spans, parties, quotes)
        return Participants(tuple(actors), tuple(roles.actors), tuple(roles.targets), tuple(codes))

    def _antecedent(
        self, position: int, sentence_start: int, previous: Span | None
    ) -> Mention | None:
        """The person a subject "he"/"she" at `position` stands for: the first person named
        earlier in the sentence, else in the sentence before (its subject, as a rule), else
        the last one named ("Lee Park attributes Dana Reyes' success ... He states" is
        Park)."""
        for span in ((sentence_start, position), previous):
            if span is not None:
                people = self.people.within(*span)
                if people:
                    return people[0]
        return self.people.last_before(position)

    def _thing(
        self, start: int, end: int, sentence_start: int, previous: Span | None
    ) -> Mention | None:
        """The company or product a sentence-opening "It" or "The company" stands for: the
        first one named in the sentence before ("The newest zPhone, zPhone 4 was introduced by
        Hooli CEO Dana Reyes ... It is slated for a U.S. release on June 24")."""
        if start != sentence_start or previous is None:
            return None
        match = _THING_ANAPHOR.match(self.text, start, end)
        if match is None:
            return None
        kinds = ("organisation",) if match.group(1) else ("organisation", "other")
        for m in self.mentions.within(*previous):
            if m.actor and m.kind in kinds:
                return m
        return None
