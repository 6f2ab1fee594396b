"""The document the parser's stages fill in turn, and what each stage adds to it.

`timeline.events` runs its stages over one `Document` per article, as spaCy's `Language`
runs its components over a `Doc`: each stage reads the slots of the stages before it and
fills its own (None until it has run). In order:

======================  ===============  ==================================================
stage                   slot             what it holds
======================  ===============  ==================================================
``sentences``           `title`,         the headline (a line of its own before the body,
                        `sentences`      sentence 0) and the body's sentences (1, 2, ...)
``time expressions``    `timexes`,       every time expression (`timeline.dates`), and the
                        `dater`          dating ladder that reads them (`timeline._dating`)
``entities``            `mentions`       names of people, organisations, countries, ...
                                         (`timeline.entities`)
``clauses``             `clauses`        the headline, each sentence's main clause and the
                                         pieces that carry their own date (`_clauses`)
``roles``               `participants`   per clause: who is named, who acted, at whom, the
                                         countries involved (`timeline.roles`)
``types``               `types`          per clause: its event type (`_event_lexicon`)
``dates``               `dates`          per clause: its date and why (`date_basis`)
``events``              `events`         the clauses that become rows, in text order
======================  ===============  ==================================================

`participants`, `types` and `dates` hold one item per clause, in the order of `clauses`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from timeline._dating import Dater, Dating
from timeline._spans import Span
from timeline.article import Article
from timeline.dates import Timex
from timeline.entities import Mention

__all__ = ["Clause", "ClauseKind", "Document", "Event", "Participants", "Sentence"]

# "headline": the title; "main": a sentence's main clause; "apart": a piece of a sentence
# after its first that carries its own date ("..., when the alliance pushed out Serb troops"),
# or a noun a time expression dates ("its 1990 invasion").
ClauseKind = Literal["headline", "main", "apart"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """text[start:end], the `number`-th sentence of the body (the headline is sentence 0)."""

    start: int
    end: int
    number: int


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause, the unit that becomes an event: text[start:end] (trimmed; empty for a
    main clause whose sentence is all pieces apart, which still moves the dating ladder on),
    its own text `spans` (pieces apart cut out), the quotations of its sentence and the tense
    of its first finite verb. `timed`: its sentence holds a time expression; `own`: for the
    headline and pieces apart, the date of their own time expression (a piece goes apart
    because it has one)."""

    start: int
    end: int
    sentence: Sentence
    kind: ClauseKind
    spans: tuple[Span, ...]
    quotes: tuple[Span, ...]
    tense: str
    timed: bool = True
    own: Dating | None = None


@dataclass(frozen=True, slots=True)
class Participants:
    """Who takes part in a clause: every party named (`named`: the dating ladder reads them),
    who acted (`actors`) and at whom (`targets`), and the countries involved (ISO codes)."""

    named: tuple[str, ...]
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """A clause with all the stages have found about it: a row of the events frame."""

    clause: Clause
    participants: Participants
    type: str
    dating: Dating | None

    @property
    def start(self) -> int:
        return self.clause.start

    @property
    def end(self) -> int:
        return self.clause.end


@dataclass(slots=True, eq=False)
class Document:
    """One article on its way through the stages (see the module's table for the slots).

    `deadline` (a `time.monotonic()` value) bounds the work: `check_time` raises
    TimeoutError past it, and the stages call it between sentences."""

    article: Article
    deadline: float | None = None
    title: Sentence | None = None
    sentences: tuple[Sentence, ...] | None = None
    timexes: tuple[Timex, ...] | None = None
    dater: Dater | None = None
    mentions: tuple[Mention, ...] | None = None
    clauses: tuple[Clause, ...] | None = None
    participants: tuple[Participants, ...] | None = None
    types: tuple[str, ...] | None = None
    dates: tuple[Dating | None, ...] | None = None
    events: tuple[Event, ...] | None = None
    done: list[str] = field(default_factory=list)  # the names of the stages run, in order

    @property
    def text(self) -> str:
        return self.article.text

    def check_time(self) -> None:
        """TimeoutError when the deadline has passed."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TimeoutError
