"""Events: the clauses of an article, each with its date, actors, countries and event type.

How a clause is dated (`date_basis`) is the dating ladder of `timeline._dating`: its own
time expression, else the story around it, else the publication date for reporting clauses
and the lead, else none. A piece of a sentence after the first that carries its own time
expression becomes an event of its own.

The headline is an event too, of the publication day ("Hurricane Idalia slams Florida",
`date_basis` publication) unless it names its own date ("Poland votes on October 15"): when
the article's title stands on a line of its own in the text before the body, as read from a
file or a page (a title given apart from the text has no offsets, so no event).

The tense of a clause is that of its first piece with a verb, never of a relative clause
("...the animation studio Nimbus, which was founded by current Hooli CEO Dana Reyes" is no
past event). A time expression that qualifies a noun ("the 1991 settlement", "this year's
DevCon", "the company's 2010 Developer Summit") does not date its clause.

The parties of a clause are the people, organisations, groups and products named in it,
outside the quotations it reports ("Barack Obama said " Steve was among the greatest..."" is
Obama's); `timeline.roles` tells who of them acted (`actors`) and at whom (`targets`). Parties
also include:
a subject "he"/"she" opening the clause is the first person named earlier in the sentence, else
in the sentence before, else the last one named ("He left current chief operating officer
Timothy D. Cook in charge"); a sentence opening with "It" or "The company"
goes on about the company or product the sentence before named first ("It is slated for a
U.S. release on June 24" after "The newest zPhone, zPhone 4 was introduced...").
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from timeline._clauses import Boundaries, Quotes, Segment, Words, quoted_spans
from timeline._dating import Dater, Dating
from timeline._event_lexicon import event_lexicon
from timeline._spans import Span
from timeline._spans import SpanIndex as _Index
from timeline._spans import within as _within
from timeline.article import Article, ArticleError
from timeline.entities import Mention, country_name, extract
from timeline.roles import Party, assign
from timeline.sentences import split_sentences

__all__ = ["MAX_SECONDS", "extract_events"]

# The default budget of one article's parse (a 5 MB article, the largest read, parses in
# well under a minute; hostile text that would take longer is stopped with an error).
MAX_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class _Parties:
    """The parties of a clause: all named (`named`: the dating ladder reads them), who acted
    and at whom (`timeline.roles`), and the countries involved."""

    named: list[str]
    actors: list[str]
    targets: list[str]
    codes: list[str]


# Reporting clauses take the publication date (rule 2): the STATEMENT verbs of the lexicon.
_REPORTING = "STATEMENT"
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


def _event_id(article_id: str, start: int, end: int, text: str) -> str:
    digest = hashlib.blake2b(f"{article_id}\0{start}\0{end}\0{text}".encode(), digest_size=8)
    return digest.hexdigest()


class _ArticleEvents:
    """Builds the event rows of one article."""

    def __init__(self, article: Article, deadline: float | None = None) -> None:
        self.article = article
        self.text = article.text
        self.title = _title_span(article)
        read = ((self.title,) if self.title else ()) + article.body
        mentions = extract(article.text, read, deadline=deadline)
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
        places = frozenset(m.name for m in mentions if m.kind == "country")
        self.dater = Dater(article.text, article.published, places)
        self.lexicon = event_lexicon()
        self.words = Words(article.text)
        self.boundaries = Boundaries(article.text)
        self.quotes = Quotes(article.text)
        self.rows: list[dict[str, Any]] = []
        self.sentence_number = 0
        self.sentence_start = self.sentence_end = 0
        self.previous: Span | None = None

    # -- participants -------------------------------------------------------------------
    def _participants(self, spans: Sequence[Span], quotes: tuple[Span, ...] = ()) -> _Parties:
        """Parties and country codes of a clause, and who of them acted on whom
        (`timeline.roles`). People and organisations named inside a quotation are what the
        speaker talks about, not parties of the clause (United States President Barack Obama
        said " Steve was among the greatest of American innovators"); the countries they
        involve are kept."""
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
                person = self._antecedent(start)
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
            thing = self._thing(start, end)
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
        return _Parties(actors, list(roles.actors), list(roles.targets), codes)

    def _antecedent(self, position: int) -> Mention | None:
        """The person a subject "he"/"she" at `position` stands for: the first person named
        earlier in the sentence, else in the sentence before (its subject, as a rule), else
        the last one named ("Lee Park attributes Dana Reyes' success ... He states" is
        Park)."""
        for span in ((self.sentence_start, position), self.previous):
            if span is not None:
                people = self.people.within(*span)
                if people:
                    return people[0]
        return self.people.last_before(position)

    def _thing(self, start: int, end: int) -> Mention | None:
        """The company or product a sentence-opening "It" or "The company" stands for: the
        first one named in the sentence before ("The newest zPhone, zPhone 4 was introduced by
        Hooli CEO Dana Reyes ... It is slated for a U.S. release on June 24")."""
        if start != self.sentence_start or self.previous is None:
            return None
        match = _THING_ANAPHOR.match(self.text, start, end)
        if match is None:
            return None
        kinds = ("organisation",) if match.group(1) else ("organisation", "other")
        for m in self.mentions.within(*self.previous):
            if m.actor and m.kind in kinds:
                return m
        return None

    # -- one sentence ---------------------------------------------------------------------
    def headline(self) -> None:
        """The title as an event of the publication day, unless it names its own date; it
        leaves the story of the body (lead, focus) as it is."""
        if self.title is None:
            return
        start, end = self.title
        quotes = quoted_spans(self.text, start, end) if self.quotes.marked(start, end) else ()
        spans = [(start, end)]
        verb_tense = self.words.tense(start, end, quotes)
        anchors = self.dater.anchors(start, end, quotes)
        dating = self.dater.own(anchors, verb_tense) or self.dater.publication
        self._emit(start, end, start, end, spans, quotes, dating, self._type(spans, quotes))

    def sentence(self, start: int, end: int) -> None:
        self.sentence_number += 1
        self.previous = (self.sentence_start, self.sentence_end) if self.sentence_end else None
        self.sentence_start, self.sentence_end = start, end
        inside = self.quotes.inside(start)
        # most sentences hold no quotation mark: no quotation to look for
        marked = inside or self.quotes.marked(start, end)
        quotes = quoted_spans(self.text, start, end, inside) if marked else ()
        if not self.dater.timexes.within(start, end):
            # No time expression: no piece goes apart, only the main clause's tense matters
            # (read piece by piece until it is known).
            main_tense = "none"
            for piece in self.boundaries.segments(start, end):
                if piece.kind != "relative":
                    main_tense = self.words.tense(piece.start, piece.end, quotes)
                    if main_tense != "none":
                        break
            spans = self._main_spans(start, end, [])
            main_end = spans[-1][1] if spans else start
            self._main(start, end, main_end, spans, quotes, main_tense, timed=False)
            return
        pieces = self._clauses(start, end, quotes)
        # Pieces after the first that carry their own anchor become events of their own.
        apart: list[tuple[Segment, Dating]] = []
        for k, (piece, verb_tense) in enumerate(pieces[1:], start=1):
            anchors = self.dater.anchors(piece.start, piece.end, quotes)
            if verb_tense == "none":
                continue  # no verb of its own: the first piece, a phrase ("Yesterday, at DevCon")
            dating = self.dater.own(anchors, verb_tense)
            if dating is None and piece.kind == "when":
                previous = pieces[k - 1][0]
                before = self.dater.anchors(previous.start, previous.end)
                if before and self.text[before[-1].end : piece.start].strip(" ,") == "":
                    dating = self.dater.when(before[-1])
            if dating is not None:
                apart.append((piece, dating))
        main_tense = _main_tense(pieces, {p for p, _ in apart})
        if apart and main_tense == "none":
            # The main clause would keep no verb ("Yesterday, at this year's DevCon, Reyes
            # unveiled zPhone 4"): the first piece apart stays with it.
            apart = apart[1:]
            main_tense = _main_tense(pieces, {p for p, _ in apart})
        main_spans = self._main_spans(start, end, [(p.start, p.end) for p, _ in apart])
        # The main clause runs from the sentence's start to its last own piece, so a piece
        # apart in the middle of a sentence lies inside it (offsets stay contiguous).
        main_end = main_spans[-1][1] if main_spans else start
        self._main(start, end, main_end, main_spans, quotes, main_tense)
        for piece, dating in apart:
            self._emit(
                start, end, piece.start, piece.end, [(piece.start, piece.end)], quotes, dating
            )
        # A noun a time expression qualifies is an event of its own ("its 1990 invasion",
        # "a third-quarter net loss" reported later): dated by that expression.
        for (n_start, n_end), dating in self.dater.nouns(start, end, quotes):
            self._emit(start, end, n_start, n_end, [(n_start, n_end)], quotes, dating)

    def _clauses(self, start: int, end: int, quotes: tuple[Span, ...]) -> list[tuple[Segment, str]]:
        """The pieces of a sentence with their tense; a piece without a verb of its own is a
        phrase of the piece before it ("but will be free to anyone with a zPhone 4 | until
        September 30" is one clause)."""
        out: list[tuple[Segment, str]] = []
        for piece in self.boundaries.segments(start, end):
            verb_tense = self.words.tense(piece.start, piece.end, quotes)
            if out and verb_tense == "none" and out[-1][1] != "none":
                before = out[-1][0]
                out[-1] = (Segment(before.start, piece.end, before.kind), out[-1][1])
            else:
                out.append((piece, verb_tense))
        return out

    def _main_spans(self, start: int, end: int, holes: list[Span]) -> list[Span]:
        return [
            span
            for span in _subtract((start, end), holes)
            if self.text[span[0] : span[1]].strip(" ,;.")
        ]

    def _main(
        self,
        s_start: int,
        s_end: int,
        main_end: int,
        spans: list[Span],
        quotes: tuple[Span, ...],
        verb_tense: str,
        timed: bool = True,
    ) -> None:
        """The main clause (`timed`: the sentence holds a time expression)."""
        event_type = self._type(spans, quotes)
        participants = self._participants(spans, quotes)
        dating = self.dater.main_clause(
            self.sentence_number,
            spans,
            quotes,
            verb_tense,
            reporting=event_type == _REPORTING,
            actors=participants.named,
            timed=timed,
        )
        self._emit(
            s_start, s_end, s_start, main_end, spans, quotes, dating, event_type, participants
        )

    def _type(self, spans: Sequence[Span], quotes: tuple[Span, ...]) -> str:
        for start, end in spans:
            found = self.lexicon.first(self.text, quotes, start, end)
            if found:
                return found
        return "OTHER"

    def _emit(
        self,
        s_start: int,
        s_end: int,
        start: int,
        end: int,
        spans: list[Span],
        quotes: tuple[Span, ...],
        dating: Dating | None,
        event_type: str | None = None,
        participants: _Parties | None = None,
    ) -> None:
        start, end = _trim(self.text, start, end)
        if end <= start:
            return
        parties = participants or self._participants(spans, quotes)
        codes = parties.codes
        interval = dating.interval if dating else None
        clause = self.text[start:end]
        self.rows.append(
            {
                "event_id": _event_id(self.article.id, start, end, clause),
                "article_id": self.article.id,
                "source": self.article.title,
                "source_path": self.article.path,
                "published": self.article.published,
                "sentence": self.text[s_start:s_end],
                "text": clause,
                "char_start": start,
                "char_end": end,
                "start": interval.start if interval else None,
                "end": interval.end if interval else None,
                "precision": interval.precision if interval else None,
                "time_expression": dating.expression if dating else None,
                "date_basis": dating.basis if dating and interval else "none",
                "actors": parties.actors,
                "targets": parties.targets,
                "countries": [country_name(c) for c in codes],
                "country_codes": codes,
                "event_type": event_type or self._type(spans, quotes),
            }
        )


def _main_tense(pieces: Sequence[tuple[Segment, str]], apart: set[Segment]) -> str:
    """The tense of the main clause: of its first piece with a verb, never of a relative
    clause ("Other plans for the video section involve the animation studio Nimbus, which was
    founded by current Hooli CEO Dana Reyes" is no past event)."""
    for piece, tense in pieces:
        if piece not in apart and tense != "none" and piece.kind != "relative":
            return tense
    return "none"


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _subtract(span: Span, holes: Sequence[Span]) -> list[Span]:
    out: list[Span] = []
    cursor = span[0]
    for s, e in sorted(holes):
        if s > cursor:
            out.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < span[1]:
        out.append((cursor, span[1]))
    return out


def _title_span(article: Article) -> Span | None:
    """Where the title stands in the text: a line of its own before the body, else None."""
    title = article.title.strip()
    text = article.text
    limit = article.body[0][0] if article.body else len(text)
    at = text.find(title, 0, limit) if title else -1
    if at < 0 or (at > 0 and text[at - 1] != "\n"):
        return None
    after = at + len(title)
    if after < len(text) and text[after] not in "\r\n":
        return None
    return at, after


def extract_events(article: Article, *, max_seconds: float | None = None) -> list[dict[str, Any]]:
    """One row (schema column -> value) per event of the article, in text order.

    `max_seconds` bounds the work: past it, ArticleError (checked between sentences; every
    stage is linear in the text, and sentences are bounded, so none runs long)."""
    started = time.monotonic()
    deadline = None if max_seconds is None else started + max_seconds
    stopped = ArticleError(
        f"{article.path or article.id}: parsing stopped after {max_seconds or 0:g} s, "
        "the limit per article (hostile or unusual text?)"
    )
    try:
        builder = _ArticleEvents(article, deadline)
    except TimeoutError:
        raise stopped from None
    builder.headline()
    for body_start, body_end in article.body:
        for start, end in split_sentences(article.text, body_start, body_end):
            if deadline is not None and time.monotonic() > deadline:
                raise stopped
            builder.sentence(start, end)
    builder.rows.sort(key=itemgetter("char_start", "char_end"))
    return builder.rows
