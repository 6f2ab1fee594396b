"""Events: the clauses of an article, each with its date, actors, countries and event type.

How a clause is dated (`date_basis`), in this order:

1. **explicit / relative** — its own time expression (an anchor). A sentence is cut into pieces
   at clause boundaries (see `timeline._clauses`); a piece without a verb of its own belongs to
   the piece before it ("but will be free to anyone with an iPhone 4 until September 30"). A
   piece after the first that carries its own anchor becomes an event of its own, so
   "stationed in Kosovo since 1999, when the Western alliance pushed out Serb troops" gives the
   push-out (1999) apart from the main clause, and "Steve announced that Mac OS X Leopard would
   be released in 2007" gives the release (2007) apart from the announcement. A "when" clause
   right after a time expression takes that time ("since 1999, when" -> 1999). "since X"
   anchors only a clause in the perfect or progressive ("has been fighting cancer since
   2004"); elsewhere it qualifies a noun ("peacekeepers stationed there since 1999").
2. **context** — a past-tense clause without an anchor continues a story:
   - the narrative of the sentence before it: the date of the last past or perfect clause
     dated to the day, week or month ("Prime Minister Albin Kurti submitted the
     application..." after "...on Thursday formally tabled..."); a state or a plan does not
     set that date ("The Mac market share is up 82% from 9 months ago");
   - the lead's story: the people, organisations and products acting in the lead's
     past-tense clauses dated to a day of the month before publication carry that day on
     when they act again ("Jobs then moved on to talk about a very anticipated announcement",
     "He demoed the Wikipedia Dashboard widget"); this wins over the sentence before when
     that one dates other actors ("In April, the technology blog Gizmodo obtained a
     prototype...", then "Jobs started by hinting at the incident" on the keynote's day);
   - an article whose lead dates its news to an earlier day than publication ("Yesterday, at
     this year's WWDC, Steve Jobs unveiled iPhone 4") tells that day's story: its later
     past-tense clauses take the lead's day.
3. **publication** — a reporting clause in the past, present or present perfect ("Vucic told
   state RTS television", "Serbian officials claim", "Judge Martin Mann has stated that") and a
   past-tense clause of the lead (the first two sentences, which report the news itself) take
   the publication date.
4. **none** — everything else: states, background, perfect, modal or future clauses without
   an anchor ("Kosovo's statehood has been accepted by the US", "NATO bombed Serbia" deep in
   the article). Kept, never dropped.

The tense of a clause is that of its first piece with a verb, never of a relative clause
("...the animation company Pixar, which was founded by current Apple CEO Steve Jobs" is no
past event). A time expression that qualifies a noun ("the 1991 settlement", "this year's
WWDC", "the company's 2010 Worldwide Developer's Conference") does not date its clause.

Actors are the people, organisations, groups and products named in the clause, outside the
quotations it reports ("Barack Obama said " Steve was among the greatest..."" is Obama's), and:
a subject "he"/"she" opening the clause is the first person named earlier in the sentence, else
in the sentence before, else the last one named ("He left current chief operating officer
Timothy D. Cook in charge"); a sentence opening with "It" or "The company"
goes on about the company or product the sentence before named first ("It is slated for a
U.S. release on June 24" after "The newest iPhone, iPhone 4 was introduced...").
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any

from timeline import dates
from timeline._clauses import Boundaries, Quotes, Segment, Words, quoted_spans
from timeline._event_lexicon import event_lexicon
from timeline.article import Article, ArticleError
from timeline.entities import Mention, country_name, extract
from timeline.sentences import split_sentences

__all__ = ["MAX_SECONDS", "extract_events"]

# The default budget of one article's parse (a 5 MB article, the largest read, parses in
# well under a minute; hostile text that would take longer is stopped with an error).
MAX_SECONDS = 60.0

Span = tuple[int, int]

# The lead: how many sentences open an article, and how old its event may be.
LEAD_SENTENCES = 2
LEAD_MAX_AGE = dt.timedelta(days=31)
# Dates fine enough to carry a narrative to the next sentence ("in 1991" is not).
FOCUS_PRECISIONS = frozenset({"day", "week", "month"})
# Only a clause that tells what happened sets the date in focus: a state or a plan keeps it
# ("The Mac market share is up 82% from 9 months ago", "will be free until September 30").
_NARRATIVE_TENSES = frozenset({"past", "perfect"})
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
# Anchors that are not points in time for an event: speech-time references and sets.
_NOT_ANCHOR_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


@dataclass(frozen=True, slots=True)
class _Dating:
    interval: dates.Interval | None
    expression: str | None
    basis: str


@dataclass(slots=True)
class _Context:
    """What the previous sentences leave for the next: the date in focus and the last names."""

    focus: _Dating | None = None
    focus_sentence: int = -10
    lead: _Dating | None = None
    focus_actors: set[str] = field(default_factory=set)
    story: _Dating | None = None  # the lead's day, publication day included
    story_actors: set[str] = field(default_factory=set)


_START_END = attrgetter("start", "end")


class _Index:
    """Items with (start, end) offsets, looked up by span in O(log n)."""

    def __init__(self, items: Sequence[Any]) -> None:
        self.items = sorted(items, key=_START_END)
        self.starts = [item.start for item in self.items]

    def within(self, start: int, end: int) -> list[Any]:
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return [item for item in self.items[i:j] if item.end <= end]

    def last_before(self, position: int) -> Any | None:
        """The last item that starts before `position`."""
        i = bisect.bisect_left(self.starts, position)
        return self.items[i - 1] if i else None


# A time expression that qualifies a noun dates the noun, not the clause: "a breach of the
# 1991 settlement", "its 2010 Worldwide Developers Conference", "at this year's WWDC".
_MODIFIER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|this|that)|\w['’]s?)\s+$", re.IGNORECASE
)
_MODIFIER_AFTER = re.compile(r"['’]s\b")


def _is_modifier(text: str, timex: dates.Timex) -> bool:
    if _MODIFIER_AFTER.match(text, timex.end):
        return True
    bare_number = timex.text[:1].isdigit()
    return bare_number and _MODIFIER_BEFORE.search(text, max(0, timex.start - 8), timex.start)


def _anchors(
    text: str, timexes: _Index, start: int, end: int, skip: Sequence[Span] = ()
) -> list[dates.Timex]:
    """The time expressions in text[start:end] that can date a clause."""
    return [
        t
        for t in timexes.within(start, end)
        if t.interval is not None
        and t.type != "SET"
        and t.value not in _NOT_ANCHOR_VALUES
        and not _within(t.start, skip)
        and not _is_modifier(text, t)
    ]


def _unit(day: dt.date, precision: str) -> dates.Interval:
    """The calendar unit of `precision` that starts on `day` (the start of a "since" interval)."""
    if precision == "year":
        return dates.Interval(day, dt.date(day.year, 12, 31), "year")
    if precision == "month":
        nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return dates.Interval(day, nxt - dt.timedelta(days=1), "month")
    if precision == "decade":
        return dates.Interval(day, dt.date(day.year + 9, 12, 31), "decade")
    return dates.Interval(day, day, "day")


# The preposition before a time expression belongs to the expression as users read it
# ("since 1999", "during the past week"), though TIMEX3 spans leave it out.
_SIGNAL = re.compile(
    r"(?:\b(since|during|on|in|at|by|until|till|from|before|after|through|throughout|over|"
    r"for|within|around|between|of)\s+)$",
    re.IGNORECASE,
)


def _signal(text: str, timex: dates.Timex) -> str:
    match = _SIGNAL.search(text, max(0, timex.start - 16), timex.start)
    return match.group(1).lower() if match else ""


def _expression(text: str, timex: dates.Timex) -> str:
    signal = _SIGNAL.search(text, max(0, timex.start - 16), timex.start)
    return text[signal.start() if signal else timex.start : timex.end]


def _own_dating(text: str, anchors: list[dates.Timex], verb_tense: str) -> _Dating | None:
    for timex in anchors:
        if _signal(text, timex) == "since" and verb_tense not in ("perfect", "none"):
            continue  # "peacekeepers stationed in Kosovo since 1999": not the clause's time
        basis = "relative" if timex.relative else "explicit"
        return _Dating(timex.interval, _expression(text, timex), basis)
    return None


def _event_id(article_id: str, start: int, end: int, text: str) -> str:
    digest = hashlib.blake2b(f"{article_id}\0{start}\0{end}\0{text}".encode(), digest_size=8)
    return digest.hexdigest()


class _ArticleEvents:
    """Builds the event rows of one article."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.timexes = _Index(dates.tag(article.text, article.published))
        mentions = extract(article.text, article.body)
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
        # Countries do not carry a story on ("NATO bombed Serbia" is not Serbia's news).
        self.places = frozenset(m.name for m in mentions if m.kind == "country")
        self.lexicon = event_lexicon()
        self.words = Words(article.text)
        self.boundaries = Boundaries(article.text)
        self.quotes = Quotes(article.text)
        self.context = _Context()
        self.rows: list[dict[str, Any]] = []
        self.sentence_number = 0
        self.sentence_start = self.sentence_end = 0
        self.previous: Span | None = None
        self.publication = (
            _Dating(
                dates.Interval(article.published, article.published, "day"), None, "publication"
            )
            if article.published
            else None
        )

    # -- participants -------------------------------------------------------------------
    def _participants(
        self, spans: Sequence[Span], quotes: tuple[Span, ...] = ()
    ) -> tuple[list[str], list[str]]:
        """Actors and country codes of a clause. People and organisations named inside a
        quotation are what the speaker talks about, not actors of the clause (United States
        President Barack Obama said " Steve was among the greatest of American innovators");
        the countries they involve are kept."""
        actors: list[str] = []
        codes: list[str] = []
        if quotes and all(any(s <= a and b <= e for s, e in quotes) for a, b in spans):
            quotes = ()  # a clause all in quotes: its own actors
        for start, end in spans:
            found: list[Mention] = self.mentions.within(start, end)
            for m in found:
                if m.actor and m.name not in actors and not _within(m.start, quotes):
                    actors.append(m.name)
                for code in m.countries + self.person_countries.get(m.name, ()):
                    if code not in codes:
                        codes.append(code)
            text = self.text
            # a pronoun in a quotation is the speaker's ("He is a great man," Obama said)
            subject = _SUBJECT_PRONOUN.match(text, start, end)
            if subject and not _within(subject.end() - 1, quotes):
                person = self._antecedent(start)
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
                    if person and person.name not in actors:
                        actors.append(person.name)
                        codes.extend(
                            c for c in self.person_countries.get(person.name, ()) if c not in codes
                        )
            thing = self._thing(start, end)
            if thing is not None and thing.name not in actors:
                actors.insert(0, thing.name)
                codes.extend(c for c in thing.countries if c not in codes)
            for place in _PLACE_ANAPHOR.finditer(text, start, end):
                country = self.named_countries.last_before(place.start())
                if country:
                    codes.extend(c for c in country.countries if c not in codes)
        return actors, codes

    def _antecedent(self, position: int) -> Mention | None:
        """The person a subject "he"/"she" at `position` stands for: the first person named
        earlier in the sentence, else in the sentence before (its subject, as a rule), else
        the last one named ("Richard Doherty attributes Steve Jobs' success ... He states" is
        Doherty)."""
        for span in ((self.sentence_start, position), self.previous):
            if span is not None:
                people = self.people.within(*span)
                if people:
                    return people[0]
        return self.people.last_before(position)

    def _thing(self, start: int, end: int) -> Mention | None:
        """The company or product a sentence-opening "It" or "The company" stands for: the
        first one named in the sentence before ("The newest iPhone, iPhone 4 was introduced by
        Apple CEO Steve Jobs ... It is slated for a U.S. release on June 24")."""
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
    def sentence(self, start: int, end: int) -> None:
        self.sentence_number += 1
        self.previous = (self.sentence_start, self.sentence_end) if self.sentence_end else None
        self.sentence_start, self.sentence_end = start, end
        inside = self.quotes.inside(start)
        # most sentences hold no quotation mark: no quotation to look for
        marked = inside or self.quotes.marked(start, end)
        quotes = quoted_spans(self.text, start, end, inside) if marked else ()
        if not self.timexes.within(start, end):
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
        apart: list[tuple[Segment, _Dating]] = []
        for k, (piece, verb_tense) in enumerate(pieces[1:], start=1):
            anchors = _anchors(self.text, self.timexes, piece.start, piece.end, quotes)
            if verb_tense == "none":
                continue  # no verb of its own: the first piece, a phrase ("Yesterday, at WWDC")
            dating = _own_dating(self.text, anchors, verb_tense)
            if dating is None and piece.kind == "when":
                previous = pieces[k - 1][0]
                before = _anchors(self.text, self.timexes, previous.start, previous.end)
                if before and self.text[before[-1].end : piece.start].strip(" ,") == "":
                    dating = self._when(before[-1])
            if dating is not None:
                apart.append((piece, dating))
        main_tense = _main_tense(pieces, {p for p, _ in apart})
        if apart and main_tense == "none":
            # The main clause would keep no verb ("Yesterday, at this year's WWDC, Jobs
            # unveiled iPhone 4"): the first piece apart stays with it.
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

    def _clauses(self, start: int, end: int, quotes: tuple[Span, ...]) -> list[tuple[Segment, str]]:
        """The pieces of a sentence with their tense; a piece without a verb of its own is a
        phrase of the piece before it ("but will be free to anyone with an iPhone 4 | until
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

    def _when(self, timex: dates.Timex) -> _Dating:
        """The time a "when" clause refers to: the expression just before it."""
        expression = _expression(self.text, timex)
        if _signal(self.text, timex) == "since" and timex.interval is not None:
            # "since 1999, when the Western alliance pushed out Serb troops": 1999 itself
            start = timex.interval.start
            return _Dating(_unit(start, timex.interval.precision), timex.text, "explicit")
        return _Dating(timex.interval, expression, "relative" if timex.relative else "explicit")

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
        anchors = (
            [a for span in spans for a in _anchors(self.text, self.timexes, *span, quotes)]
            if timed
            else []
        )
        dating = _own_dating(self.text, anchors, verb_tense)
        event_type = self._type(spans, quotes)
        participants = self._participants(spans, quotes)
        if dating is None and verb_tense == "past":
            dating = self._from_context(event_type == _REPORTING, participants[0])
        elif dating is None and verb_tense in ("present", "perfect") and event_type == _REPORTING:
            # "Serbian officials claim...", "Presiding Judge Martin Mann has stated that he owns
            # an iPod": said as the news is told
            dating = self.publication
        elif dating is not None and self.context.lead is None:
            self._maybe_lead(dating)
        if dating is not None and verb_tense in _NARRATIVE_TENSES:
            self._maybe_story(dating, participants[0])
        if (
            dating is not None
            and dating.basis != "publication"
            and verb_tense in _NARRATIVE_TENSES
            and dating.interval is not None
            and dating.interval.precision in FOCUS_PRECISIONS
        ):
            self.context.focus = dating
            self.context.focus_sentence = self.sentence_number
            self.context.focus_actors = set(participants[0]) - self.places
        self._emit(
            s_start, s_end, s_start, main_end, spans, quotes, dating, event_type, participants
        )

    def _is_lead_day(self, dating: _Dating) -> bool:
        """A day-precise date of the lead's sentences, in the month before publication
        (publication day included)."""
        published = self.article.published
        interval = dating.interval
        return (
            published is not None
            and interval is not None
            and interval.precision == "day"
            and self.sentence_number <= LEAD_SENTENCES
            and dt.timedelta(0) <= published - interval.start <= LEAD_MAX_AGE
        )

    def _maybe_story(self, dating: _Dating, actors: list[str]) -> None:
        """The lead's people and organisations: the actors of its past-tense clauses dated
        to the lead's day."""
        if self._is_lead_day(dating) and dating.interval is not None:
            if self.context.story is None:
                self.context.story = _Dating(dating.interval, dating.expression, "context")
            if dating.interval == self.context.story.interval:
                self.context.story_actors.update(a for a in actors if a not in self.places)

    def _maybe_lead(self, dating: _Dating) -> None:
        """The lead's day ("Yesterday, at this year's WWDC, Steve Jobs unveiled iPhone 4")."""
        if self._is_lead_day(dating):
            self.context.lead = dating

    def _from_context(self, reporting: bool, actors: Sequence[str]) -> _Dating | None:
        """Rules 2 and 3 for a past-tense clause without its own anchor."""
        context = self.context
        in_story = context.story is not None and context.story_actors.intersection(actors)
        if (
            context.focus is not None
            and self.sentence_number - context.focus_sentence <= 1
            and (not in_story or context.focus_actors.intersection(actors))
        ):
            return _Dating(context.focus.interval, context.focus.expression, "context")
        # The lead's people and organisations acting again in the past tense continue its
        # story ("Jobs then moved on to talk about a very anticipated announcement"), unless
        # the date in focus is their own ("On August 24, Jobs resigned...").
        if in_story:
            return context.story
        lead = context.lead
        # An article about an earlier day tells that day's story: its narrative and its
        # reported speech belong to the lead's day, not to the publication day.
        published = self.article.published
        if (
            lead is not None
            and lead.interval is not None
            and published is not None
            and lead.interval.start < published
        ):
            return _Dating(lead.interval, lead.expression, "context")
        # The lead reports the news itself: its past tense is the publication's news.
        return self.publication if reporting or self.sentence_number <= LEAD_SENTENCES else None

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
        dating: _Dating | None,
        event_type: str | None = None,
        participants: tuple[list[str], list[str]] | None = None,
    ) -> None:
        start, end = _trim(self.text, start, end)
        if end <= start:
            return
        actors, codes = participants or self._participants(spans, quotes)
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
                "actors": actors,
                "targets": [],  # roles: filled by the roles stage
                "countries": [country_name(c) for c in codes],
                "country_codes": codes,
                "event_type": event_type or self._type(spans, quotes),
            }
        )


def _main_tense(pieces: Sequence[tuple[Segment, str]], apart: set[Segment]) -> str:
    """The tense of the main clause: of its first piece with a verb, never of a relative
    clause ("Other plans for the video section involve the animation company Pixar, which was
    founded by current Apple CEO Steve Jobs" is no past event)."""
    for piece, tense in pieces:
        if piece not in apart and tense != "none" and piece.kind != "relative":
            return tense
    return "none"


_END = 1 << 62  # past any offset: (position, _END) sorts after every span starting at position


def _within(position: int, spans: Sequence[Span]) -> bool:
    # Spans are sorted and disjoint (quotations in text order): a binary search, since a
    # sentence may hold thousands of quotations and every word asks.
    i = bisect.bisect_right(spans, (position, _END)) - 1
    return i >= 0 and position < spans[i][1]


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


def extract_events(article: Article, *, max_seconds: float | None = None) -> list[dict[str, Any]]:
    """One row (schema column -> value) per event of the article, in text order.

    `max_seconds` bounds the work: past it, ArticleError (checked between sentences; every
    stage is linear in the text, and sentences are bounded, so none runs long)."""
    started = time.monotonic()
    builder = _ArticleEvents(article)
    for body_start, body_end in article.body:
        for start, end in split_sentences(article.text, body_start, body_end):
            if max_seconds is not None and time.monotonic() - started > max_seconds:
                raise ArticleError(
                    f"{article.path or article.id}: parsing stopped after {max_seconds:g} s, "
                    "the limit per article (hostile or unusual text?)"
                )
            builder.sentence(start, end)
    builder.rows.sort(key=itemgetter("char_start", "char_end"))
    return builder.rows
