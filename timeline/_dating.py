"""The dating ladder: which date each clause of an article takes, and why (`date_basis`).

In this order:

1. **explicit / relative** — its own time expression (an anchor). A sentence is cut into pieces
   at clause boundaries (see `timeline._clauses`); a piece without a verb of its own belongs to
   the piece before it ("but will be free to anyone with a zPhone 4 until September 30"). A
   piece after the first that carries its own anchor becomes an event of its own, so
   "stationed in Kosovo since 1999, when the Western alliance pushed out Serb troops" gives the
   push-out (1999) apart from the main clause, and "Dana announced that Lattice OS 9 would
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
     when they act again ("Reyes then moved on to talk about a very anticipated announcement",
     "He demoed the Wikipedia Dashboard widget"); this wins over the sentence before when
     that one dates other actors ("In April, the technology blog Techwire obtained a
     prototype...", then "Reyes started by hinting at the incident" on the keynote's day);
   - an article whose lead dates its news to an earlier day than publication ("Yesterday, at
     this year's DevCon, Dana Reyes unveiled zPhone 4") tells that day's story: its later
     past-tense clauses take the lead's day.
3. **publication** — a reporting clause in the past, present or present perfect ("Vucic told
   state RTS television", "Serbian officials claim", "Judge Martin Mann has stated that") and a
   past-tense clause of the lead (the first two sentences, which report the news itself) take
   the publication date.
   A present-perfect clause of the lead is the day's news ("Airbus has won an order", basis
   `lead`); a reported figure whose period is over is dated by the report ("posted a
   third-quarter loss", basis `report`).
4. **present** — a clause in the present or present perfect tells how things stand as the
   news is told: the publication date ("The carmaker is negotiating with its suppliers", "The
   new phone has a steel frame", "The rebels have stalled the talks"), unless "be" in the
   present or a perfect passive describes ("The player is 2GB smaller", "has been accepted").
5. **none** — everything else: descriptions, background, modal or future clauses without
   an anchor ("Kosovo's statehood has been accepted by the US", "NATO bombed Serbia" deep in
   the article). Kept, never dropped.

A time expression that qualifies a noun ("the 1991 settlement", "this year's DevCon", "the
company's 2010 Worldwide Developer's Conference") does not date its clause; the noun phrase is
an event of its own with that date (`Dater.nouns`: "its 1990 invasion", "Friday's offerings",
"a third-quarter net loss" reported later, "year-earlier profit" compared with); so does a
date after "due" that follows a noun ("notes due Nov. 1, 2031"). A figure that changed in its
period is dated by the period ("said net income fell 22% in the third quarter"). A source
named at the end of a sentence whose rest has its own date is an event apart, of its own date
or else of publication (`Dater.attribution`: "…kidnapped on Tuesday night, police said").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from timeline import dates
from timeline._event_lexicon import irregular_past
from timeline._spans import Span, SpanIndex, within
from timeline._tables import read_table
from timeline.dates._holidays import HOLIDAYS

__all__ = ["FOCUS_PRECISIONS", "LEAD_SENTENCES", "Dater", "Dating"]

# The lead: how many sentences open an article, and how old its event may be.
LEAD_SENTENCES = 2
LEAD_MAX_AGE = dt.timedelta(days=31)
# Dates fine enough to carry a narrative to the next sentence ("in 1991" is not).
FOCUS_PRECISIONS = frozenset({"day", "week", "month"})
# Only a clause that tells what happened sets the date in focus: a state or a plan keeps it
# ("The Mac market share is up 82% from 9 months ago", "will be free until September 30").
_NARRATIVE_TENSES = frozenset({"past", "perfect"})
# Anchors that are not points in time for an event: speech-time references and sets.
_NOT_ANCHOR_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


@dataclass(frozen=True, slots=True)
class Dating:
    """The date a clause takes: its interval, the expression it came from, and the rule.
    `point`: a completed point in time the next clause may carry on (not the start of a
    span, a stretch, or a date still to come)."""

    interval: dates.Interval | None
    expression: str | None
    basis: str
    point: bool = True


@dataclass(slots=True)
class _Story:
    """What the previous sentences leave for the next: the date in focus and the last names."""

    focus: Dating | None = None
    focus_sentence: int = -10
    lead: Dating | None = None
    focus_actors: set[str] = field(default_factory=set)
    story: Dating | None = None  # the lead's day, publication day included
    story_actors: set[str] = field(default_factory=set)


# A time expression that qualifies a noun dates the noun, not the clause: "a breach of the
# 1991 settlement", "its 2010 Developer Summit", "at this year's DevCon".
_MODIFIER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|this|that)|\w['’]s?)\s+$", re.IGNORECASE
)
_MODIFIER_AFTER = re.compile(r"['’]s\b")


# "notes due 2009", "debentures due Oct. 15, 1999": the date the thing named matures, not
# the clause's ("the report is due on Friday" is the clause's own)
_DUE_AFTER_NOUN = re.compile(
    r"\b(?!(?:is|are|was|were|be|been|being|become|became|it|they)\b)[a-z]+\s+due\s+"
    r"(?:on\s+|in\s+)?$"
)


# a name ("Christmas", "March") between a determiner or adjective and a noun qualifies the
# noun: "successful Christmas sales", "the March accession", "the Christmas and New Year
# sales period"
_WORD_BEFORE = re.compile(r"(?:^|\W)([A-Za-z]+)\s+$")
_NOUN_AFTER = re.compile(r"(?:\s+and(?:\s+[A-Z][\w']*)+)?\s+([a-z]{3,})\b")
_NOT_MODIFIED = frozenset(
    "in on at to for from with by of and or but as after before since until till during"
    " through over into onto about around near across against among between under without"
    " when while if is was were are be been has had have will would could can may might must"
    " should did does do this that these those then than there here it he she they we".split()
)


def _is_name(timex: dates.Timex) -> bool:
    """A month or a holiday named alone ("March", "Christmas"), not "today" or "Friday"."""
    interval = timex.interval
    if interval is None or not timex.text.replace("'", "").replace(" ", "").isalpha():
        return False
    return interval.precision == "month" or timex.text.lower() in HOLIDAYS


def _is_modifier(text: str, timex: dates.Timex) -> bool:
    if _MODIFIER_AFTER.match(text, timex.end):
        return True
    if _DUE_AFTER_NOUN.search(text, max(0, timex.start - 30), timex.start):
        return True  # "$100 million of notes due Nov. 1, 2009, priced at par": the notes
    if timex.text[:1].isdigit():
        return _MODIFIER_BEFORE.search(text, max(0, timex.start - 8), timex.start) is not None
    if not (timex.text[:1].isupper() and _is_name(timex)):
        return False
    before = _WORD_BEFORE.search(text, max(0, timex.start - 24), timex.start)
    after = _NOUN_AFTER.match(text, timex.end)
    return (
        before is not None
        and after is not None
        and before.group(1).lower() not in _NOT_MODIFIED
        and after.group(1) not in _NOT_MODIFIED
    )


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


def _cues(kind: str) -> frozenset[str]:
    return frozenset(
        row["word"].lower() for row in read_table("dating_cues.csv") if row["kind"] == kind
    )


_RECORD_WORDS = _cues("record_word")
_FIGURE_NOUNS = _cues("figure_noun")
_SPAN_SIGNALS = _cues("span_signal")
_REPORT_VERBS = _cues("report_verb")
_CHANGE_VERBS = _cues("change_verb")
_WORDS = re.compile(r"[a-z]+")
# "since records began in 1851", "since the series started in 1950": the start of a record
_SINCE_BEGAN = re.compile(
    r"\bsince\s+(?:[a-z]+\s+){1,4}(?:began|started|begun|opened|were\s+first\s+\w+)\s+(?:in\s+)?$"
)
# "up 15% from 4 pence a year earlier", "compared with a loss of $3 million last year",
# "lower than a year ago": the date of the figure compared with
_COMPARED = re.compile(
    r"(?:\b(?:than|compared\s+(?:with|to)|versus|vs\.?)\s+(?:[^,;.]{0,45}\s)?"
    r"|\b(?:from|over)\s+[^,;.]{0,40}[\d$£€%][^,;.]{0,25}\s"
    r"|[\d$£€%][^,;.]{0,30}\b(?:from|over)\s+)$"
)


def _measures(text: str, low: str, timex: dates.Timex, clause_start: int) -> str:
    """Why `timex` dates something other than its clause's event ("" when it does not):
    "record" (a comparison with the past: "the highest turnout since 1989", "the first
    hurricane since records began in 1851", "up 5% from a year earlier") or "figure" (the
    period a reported figure covers: "posted a third-quarter loss", "profit for the last
    year")."""
    start = max(clause_start, timex.start - 80)
    before = low[start : timex.start]
    signal = _signal(text, timex)
    if signal == "since" and _RECORD_WORDS.intersection(_WORDS.findall(before[-70:])):
        return "record"
    if _SINCE_BEGAN.search(before):
        return "record"
    if _COMPARED.search(before[-70:]):
        return "record"
    interval = timex.interval
    if interval is not None and interval.precision in _FIGURE_PRECISIONS:
        after = _WORDS.findall(low[timex.end : timex.end + 25])[:2]
        near_before = _WORDS.findall(before[-30:])[-3:]
        figure = _FIGURE_NOUNS.intersection(after) or (
            signal in ("for", "in", "during", "over") and _FIGURE_NOUNS.intersection(near_before)
        )
        # "Citadel posted a third-quarter loss": the report is the event ("earned $17 million
        # in fiscal 1988" is dated by its period)
        # ... but a figure that changed in its period dates the change: "said net income fell
        # 22% in the third quarter", "reported third-quarter net income rose 5%"
        changed = _CHANGE_VERBS.intersection(_WORDS.findall(low[timex.end : timex.end + 40])[:4])
        changed = changed or _CHANGE_VERBS.intersection(_WORDS.findall(before[-25:])[-3:])
        if (
            figure
            and not changed
            and _REPORT_VERBS.intersection(_WORDS.findall(low[clause_start : timex.start]))
        ):
            return "figure"
    return ""


# A word of a noun phrase after a qualifying time expression ("Friday's offerings", "a
# third-quarter net loss of $35 million"): one space before it, no punctuation between.
# The source at the end of a sentence: ", police said.", ", according to the ministry."
_ATTRIBUTION = re.compile(
    r",\s+((?:according\s+to\s+[^,;\"“”]{2,80}?)"
    r"|(?:[^,;\"“”]{2,60}?\s(?:said|says|say|reported|reports|added|noted|stated|announced|confirmed"
    r"|estimated|wrote|told\s+reporters))"
    r"(?:\s+(?:on\s+|late\s+|early\s+)?[A-Z]?[a-z]+)?)\s*[.!?]?[\"”’']?\s*$"
)
_NOT_IN_PHRASE = frozenset("which who whose because alone also still now even".split())
# a word followed by its object is a verb ("the 1978 resolution calls for", "gives Libya")
_NEXT_IS_OBJECT = re.compile(r"\s+(?:the|a|an|its|his|her|their|for|to|that|[A-Z]|\d)\b")
_NEXT_WORD = re.compile(r"(?:['’]s)?[ ]([A-Za-z][\w'’-]*)")
# the end of an accounting period: "revenue of $76 million for the year ended March 31"
_PERIOD_END = re.compile(r"\b(?:ended|ending)\s+(?:on\s+)?$")
_PERFECT_PASSIVE = re.compile(r"\b(?:has|have)\s+(?:long\s+|already\s+|not\s+)?been\b")
# The first auxiliary of a clause, and a progressive of the present ("is negotiating", "are
# becoming", "have been falling"): something going on as the article is published.
_FIRST_AUX = re.compile(
    r"\b(?:am|is|are|was|were|has|have|had|will|would|could|might|may|can|should|must|did|does"
    r"|do|isn't|aren't|wasn't|weren't|hasn't|haven't|hadn't|won't)\b|['’]re\b"
)
_PRESENT_BE = frozenset({"am", "is", "are", "isn't", "aren't", "'re", "’re"})
_HAVE = frozenset({"has", "have", "hasn't", "haven't"})
_PROGRESSIVE = re.compile(
    r"(?:am|is|are|isn't|aren't|['’]re|(?:has|have|hasn't|haven't)\s+(?:\w+ly\s+)?been)\s+"
    r"(?:(?:still|now|also|not|already|again|just|only|\w+ly)\s+){0,2}"
    r"(?!(?:going|during|morning|evening|(?:some|no|any|every)thing)\b)[a-z]{3,}ing\b"
)
_FIGURE_PRECISIONS = frozenset({"month", "quarter", "half", "year"})
_RELATIVE_OPEN = re.compile(r",\s+(?:who|whose|which|where)\b[^,;]*$")
_RELATIVE_CLOSE = re.compile(r"[^,;]*,\s+[a-z]")


def _in_relative_clause(low: str, timex: dates.Timex, start: int, end: int) -> bool:
    """`timex` lies in a relative clause set off by commas inside text[start:end], the
    clause it qualifies going on after it."""
    opened = _RELATIVE_OPEN.search(low, max(start, timex.start - 120), timex.start)
    return opened is not None and _RELATIVE_CLOSE.match(low, timex.end, end) is not None


def _signal(text: str, timex: dates.Timex) -> str:
    match = _SIGNAL.search(text, max(0, timex.start - 16), timex.start)
    return match.group(1).lower() if match else ""


def _expression(text: str, timex: dates.Timex) -> str:
    signal = _SIGNAL.search(text, max(0, timex.start - 16), timex.start)
    return text[signal.start() if signal else timex.start : timex.end]


class Dater:
    """The dating ladder of one article, fed its clauses in text order."""

    def __init__(
        self, text: str, published: dt.date | None, places: frozenset[str] = frozenset()
    ) -> None:
        self.text = text
        self.low = text.lower() if len(text.lower()) == len(text) else text
        self.published = published
        self.timexes = SpanIndex(dates.tag(text, published))
        # countries do not carry a story on ("NATO bombed Serbia" is not Serbia's news)
        self.places = places
        self.story = _Story()
        self.past = irregular_past()
        self.publication = (
            Dating(dates.Interval(published, published, "day"), None, "publication")
            if published
            else None
        )

    # -- rule 1: the clause's own time expression ----------------------------------------
    def anchors(self, start: int, end: int, skip: Sequence[Span] = ()) -> list[dates.Timex]:
        """The time expressions in text[start:end] that can date a clause."""
        return self._anchors(start, end, skip)[0]

    def _calendar_timexes(
        self, start: int, end: int, skip: Sequence[Span]
    ) -> Iterator[dates.Timex]:
        """The time expressions in text[start:end], outside `skip`, that name a calendar
        period (no set, no bare past/present/future reference)."""
        for t in self.timexes.within(start, end):
            if not (
                t.interval is None
                or t.type == "SET"
                or t.value in _NOT_ANCHOR_VALUES
                or within(t.start, skip)
            ):
                yield t

    def _anchors(
        self, start: int, end: int, skip: Sequence[Span] = ()
    ) -> tuple[list[dates.Timex], bool]:
        """The anchors of text[start:end], and whether a reported figure's period was left
        out ("posted a third-quarter loss")."""
        text, low = self.text, self.low
        out: list[dates.Timex] = []
        figure = False
        for t in self._calendar_timexes(start, end, skip):
            if _is_modifier(text, t):
                continue
            if _in_relative_clause(low, t, start, end):
                continue  # "The airline, whose jet first flew in April 2005, cancelled..."
            why = _measures(text, low, t, start)
            if why == "figure" and self._before_publication(t):
                figure = True
            elif why != "record":
                out.append(t)
        return out, figure

    def nouns(self, start: int, end: int, skip: Sequence[Span] = ()) -> list[tuple[Span, Dating]]:
        """The noun phrases of text[start:end] that a time expression qualifies without dating
        the clause, each with that expression's date: "its 1990 invasion", "Friday's
        offerings", "a June agreement", "a third-quarter net loss" (reported later),
        "year-earlier profit" (compared with)."""
        text, low = self.text, self.low
        out: list[tuple[Span, Dating]] = []
        for t in self._calendar_timexes(start, end, skip):
            # before a noun: "Friday's offerings", or a one-word expression without a
            # preposition before it ("the 1990 invasion", "a third-quarter loss"; not "In
            # 1989 sales rose")
            before_noun = _MODIFIER_AFTER.match(text, t.end) is not None or (
                " " not in t.text.strip() and not _signal(text, t)
            )
            qualifies = before_noun and (
                _is_modifier(text, t)
                or (not _in_relative_clause(low, t, start, end) and _measures(text, low, t, start))
            )
            if not qualifies:
                continue
            phrase_end = self._noun_end(t.end, end)
            if phrase_end is None:
                continue
            basis = "relative" if t.relative else "explicit"
            out.append(((t.start, phrase_end), Dating(t.interval, t.text, basis, False)))
        return out

    def attribution(
        self, start: int, end: int, skip: Sequence[Span] = ()
    ) -> tuple[Span, Dating] | None:
        """A source named at the end of text[start:end] (", police said", ", according to
        the ministry", ", the agency said on Monday"), when the rest of the sentence has a date
        of its own: the telling is an event apart, of its own date, else of publication."""
        tail = _ATTRIBUTION.search(self.text, start, end)
        if tail is None or within(tail.start(), skip):
            return None
        if not self.anchors(start, tail.start(), skip):
            return None
        span = (tail.start(1), tail.end(1))
        own = self.anchors(*span, skip)
        if own:
            t = own[0]
            basis = "relative" if t.relative else "explicit"
            return span, Dating(t.interval, _expression(self.text, t), basis)
        return (span, self.publication) if self.publication else None

    def _noun_end(self, position: int, end: int) -> int | None:
        """Where the noun phrase after `position` ends: up to four adjectives and nouns, not
        across punctuation, a function word or a past-tense verb; None when there is none."""
        last = None
        for _ in range(4):
            word = _NEXT_WORD.match(self.text, position, end)
            if word is None:
                break
            w = word.group(1).lower()
            if (
                w in _NOT_MODIFIED
                or w in _NOT_IN_PHRASE
                or w in self.past
                or (len(w) > 4 and w.endswith(("ed", "ly")))
                or "'" in w
                or "’" in w
                or _NEXT_IS_OBJECT.match(self.text, word.end(), end)
            ):
                break
            last = position = word.end()
        return last

    def _before_publication(self, timex: dates.Timex) -> bool:
        """A period over by publication (a figure reported once it is known)."""
        return (
            self.published is not None
            and timex.interval is not None
            and timex.interval.end <= self.published
        )

    def own(self, anchors: list[dates.Timex], verb_tense: str) -> Dating | None:
        """The date of a clause from its own anchors, if one can date it."""
        text = self.text
        for timex in anchors:
            if _signal(text, timex) == "since" and verb_tense not in ("perfect", "none"):
                continue  # "peacekeepers stationed in Kosovo since 1999": not the clause's time
            basis = "relative" if timex.relative else "explicit"
            return Dating(timex.interval, _expression(text, timex), basis, self._is_point(timex))
        return None

    def _is_point(self, timex: dates.Timex) -> bool:
        """A date the next clause may carry on: not a stretch ("for the last six days"), not
        the start or end of a span ("since 1999", "by May"), not still to come."""
        interval = timex.interval
        return (
            _signal(self.text, timex) not in _SPAN_SIGNALS
            and not _PERIOD_END.search(self.low, max(0, timex.start - 12), timex.start)
            and interval is not None
            and (self.published is None or interval.start <= self.published)
        )

    def when(self, timex: dates.Timex) -> Dating:
        """The time a "when" clause refers to: the expression just before it."""
        expression = _expression(self.text, timex)
        if _signal(self.text, timex) == "since" and timex.interval is not None:
            # "since 1999, when the Western alliance pushed out Serb troops": 1999 itself
            start = timex.interval.start
            return Dating(_unit(start, timex.interval.precision), timex.text, "explicit")
        return Dating(timex.interval, expression, "relative" if timex.relative else "explicit")

    # -- the main clause: the whole ladder -------------------------------------------------
    def main_clause(
        self,
        sentence_number: int,
        spans: Sequence[Span],
        quotes: Sequence[Span],
        verb_tense: str,
        reporting: bool,
        actors: Sequence[str],
        timed: bool = True,
    ) -> Dating | None:
        """The date of a sentence's main clause (`timed`: the sentence holds a time
        expression; `reporting`: its verb reports speech), updating the story's focus."""
        anchors: list[dates.Timex] = []
        figure = False
        if timed:
            for span in spans:
                found, measured = self._anchors(*span, quotes)
                anchors.extend(found)
                figure = figure or measured
        dating = self.own(anchors, verb_tense)
        story = self.story
        if dating is None and figure and verb_tense in ("past", "perfect", "present"):
            # "Citadel posted a third-quarter net loss": the report is the news
            dating = self._publication("report")
        elif dating is None and verb_tense == "past":
            dating = self._from_context(sentence_number, reporting, actors)
        elif dating is None and verb_tense in ("present", "perfect") and reporting:
            # "Serbian officials claim...", "Presiding Judge Martin Mann has stated that he owns
            # an zPod": said as the news is told
            dating = self.publication
        elif (
            dating is not None and story.lead is None and self._is_lead_day(dating, sentence_number)
        ):
            story.lead = dating  # "Yesterday, at this year's DevCon, Reyes unveiled zPhone 4"
        if (
            dating is None
            and verb_tense == "perfect"
            and sentence_number <= LEAD_SENTENCES
            and not self._perfect_of_state(spans)
        ):
            # "Airbus has won an order for 30 jets": a present-perfect lead is today's news
            dating = self._publication("lead")
        if (
            dating is None
            and verb_tense in ("present", "perfect")
            and not self._state(spans, quotes)
        ):
            # "The company is negotiating with the unions", "The new model has a steel frame",
            # "Rebels have stalled the talks": how things stand as the news is told
            dating = self._publication("present")
        if (
            dating is not None
            and dating.basis not in ("lead", "report")
            and verb_tense in _NARRATIVE_TENSES
        ):
            self._maybe_story(dating, actors, sentence_number)
        if (
            dating is not None
            and dating.basis in ("explicit", "relative", "context")
            and dating.point
            and verb_tense in _NARRATIVE_TENSES
            and dating.interval is not None
            and dating.interval.precision in FOCUS_PRECISIONS
        ):
            story.focus = dating
            story.focus_sentence = sentence_number
            story.focus_actors = set(actors) - self.places
        return dating

    def _state(self, spans: Sequence[Span], quotes: Sequence[Span]) -> bool:
        """The clause's first auxiliary is "be" in the present, or a perfect of "be", not
        making a progressive: a description ("The player is 2GB smaller than the last
        model", "Kosovo's statehood has been accepted by the US"), not news."""
        low = self.low
        for s, e in spans:
            for aux in _FIRST_AUX.finditer(low, s, e):
                if within(aux.start(), quotes):
                    continue
                word = aux.group()
                be = word in _PRESENT_BE or (
                    word in _HAVE and _PERFECT_PASSIVE.match(low, aux.start(), e) is not None
                )
                return be and _PROGRESSIVE.match(low, aux.start(), e) is None
        return False

    def _perfect_of_state(self, spans: Sequence[Span]) -> bool:
        """ "Kosovo's statehood has been accepted by the US": a state reached, not news."""
        return any(_PERFECT_PASSIVE.search(self.low, s, e) for s, e in spans)

    def _publication(self, basis: str) -> Dating | None:
        published = self.published
        if published is None:
            return None
        return Dating(dates.Interval(published, published, "day"), None, basis, False)

    def _is_lead_day(self, dating: Dating, sentence_number: int) -> bool:
        """A day-precise date of the lead's sentences, in the month before publication
        (publication day included)."""
        published = self.published
        interval = dating.interval
        return (
            published is not None
            and interval is not None
            and interval.precision == "day"
            and sentence_number <= LEAD_SENTENCES
            and dt.timedelta(0) <= published - interval.start <= LEAD_MAX_AGE
        )

    def _maybe_story(self, dating: Dating, actors: Sequence[str], sentence_number: int) -> None:
        """The lead's people and organisations: the actors of its past-tense clauses dated
        to the lead's day."""
        if self._is_lead_day(dating, sentence_number) and dating.interval is not None:
            story = self.story
            if story.story is None:
                story.story = Dating(dating.interval, dating.expression, "context")
            if dating.interval == story.story.interval:
                story.story_actors.update(a for a in actors if a not in self.places)

    def _from_context(
        self, sentence_number: int, reporting: bool, actors: Sequence[str]
    ) -> Dating | None:
        """Rules 2 and 3 for a past-tense clause without its own anchor."""
        story = self.story
        in_story = story.story is not None and story.story_actors.intersection(actors)
        if (
            story.focus is not None
            and sentence_number - story.focus_sentence <= 1
            and (not in_story or story.focus_actors.intersection(actors))
        ):
            return Dating(story.focus.interval, story.focus.expression, "context")
        # The lead's people and organisations acting again in the past tense continue its
        # story ("Reyes then moved on to talk about a very anticipated announcement"), unless
        # the date in focus is their own ("On August 24, Reyes resigned...").
        if in_story:
            return story.story
        lead = story.lead
        # An article about an earlier day tells that day's story: its narrative and its
        # reported speech belong to the lead's day, not to the publication day.
        published = self.published
        if (
            lead is not None
            and lead.interval is not None
            and published is not None
            and lead.interval.start < published
        ):
            return Dating(lead.interval, lead.expression, "context")
        # The lead reports the news itself: its past tense is the publication's news.
        return self.publication if reporting or sentence_number <= LEAD_SENTENCES else None
