"""Events: the parser's pipeline, article -> events, one named stage after the other.

`STAGES` lists the stages in the order they run over one `timeline.document.Document`, as
spaCy's `Language` runs its components over a `Doc`; each reads the slots of the stages
before it and fills its own, so `run_stages(article, until="entities")` shows the document
as far as that stage:

1. **sentences** — the headline (the article's title when it stands on a line of its own
   before the body, as read from a file or a page; a title given apart from the text has no
   offsets) and the body's sentences (`timeline.sentences`);
2. **time expressions** — every time expression, normalised against the publication date
   (`timeline.dates`), read by the dating ladder (`timeline._dating`);
3. **entities** — people, organisations, countries, groups and products named
   (`timeline.entities`);
4. **clauses** — the headline, each sentence's main clause, and the pieces after a
   sentence's first that carry their own time expression and the nouns a time expression
   qualifies ("its 1990 invasion"), which become events of their own (`timeline._clauses`);
5. **roles** — the parties of each clause, who acted (`actors`) and at whom (`targets`), and
   the countries involved (`timeline._participants`, `timeline.roles`);
6. **types** — the event type of each clause (`timeline._event_lexicon`);
7. **dates** — the date each clause takes and why (`date_basis`), by the dating ladder of
   `timeline._dating`: its own time expression, else the story around it, else the
   publication date for reporting clauses and the lead, else none. It comes after the types
   because a reporting clause ("Vucic told state RTS television") takes the publication
   date, and after the roles because the lead's actors carry its day on. The headline is an
   event of the publication day ("Hurricane Idalia slams Florida", `date_basis` publication)
   unless it names its own date ("Poland votes on October 15");
8. **events** — the clauses with text, in text order (`extract_events` makes them rows of
   the frame, `timeline.schema`).

A time expression that qualifies a noun ("the 1991 settlement", "this year's DevCon", "the
company's 2010 Developer Summit") does not date its clause.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from timeline._clauses import Clauses
from timeline._dating import Dater, Dating
from timeline._event_lexicon import event_lexicon
from timeline._participants import Parties
from timeline.article import Article, ArticleError
from timeline.document import Clause, Document, Event, Participants, Sentence
from timeline.entities import country_name, extract
from timeline.sentences import split_sentences

__all__ = ["MAX_SECONDS", "STAGES", "Stage", "extract_events", "run_stages"]

# The default budget of one article's parse (a 5 MB article, the largest read, parses in
# well under a minute; hostile text that would take longer is stopped with an error).
MAX_SECONDS = 60.0

# Reporting clauses take the publication date (rule 3 of the ladder): the STATEMENT verbs.
_REPORTING = "STATEMENT"


_T = TypeVar("_T")


def _need(value: _T | None, stage: str) -> _T:
    """A slot a stage reads: the stage that fills it must have run."""
    if value is None:
        raise ValueError(f"the {stage!r} stage has not run on this document")
    return value


# -- 1. sentences ---------------------------------------------------------------------------
def sentences(doc: Document) -> None:
    """The headline (sentence 0) and the body's sentences, numbered from 1."""
    article = doc.article
    title = _title_span(article)
    doc.title = Sentence(title[0], title[1], 0) if title else None
    found: list[Sentence] = []
    for body_start, body_end in article.body:
        doc.check_time()
        for start, end in split_sentences(article.text, body_start, body_end):
            found.append(Sentence(start, end, len(found) + 1))
    doc.sentences = tuple(found)


def _title_span(article: Article) -> tuple[int, int] | None:
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


# -- 2. time expressions --------------------------------------------------------------------
def time_expressions(doc: Document) -> None:
    """Every time expression of the text, in the dating ladder that will read them."""
    doc.dater = Dater(doc.text, doc.article.published)
    doc.timexes = tuple(doc.dater.timexes.items)


# -- 3. entities ----------------------------------------------------------------------------
def entities(doc: Document) -> None:
    """The names in the headline and the body, aliases resolved article-wide."""
    title = doc.title
    read = (((title.start, title.end),) if title else ()) + doc.article.body
    doc.mentions = tuple(extract(doc.text, read, deadline=doc.deadline))


# -- 4. clauses -----------------------------------------------------------------------------
def clauses(doc: Document) -> None:
    """The headline's clause, then each sentence's main clause and its pieces apart."""
    reader = Clauses(doc.text, _need(doc.dater, "time expressions"))
    found: list[Clause] = reader.headline(doc.title) if doc.title else []
    for sentence in _need(doc.sentences, "sentences"):
        doc.check_time()
        found.extend(reader.sentence(sentence))
    doc.clauses = tuple(found)


# -- 5. roles -------------------------------------------------------------------------------
def roles(doc: Document) -> None:
    """Each clause's parties: who is named, who acted, at whom, the countries involved."""
    parties = Parties(doc.text, _need(doc.mentions, "entities"))
    body = _need(doc.sentences, "sentences")
    found: list[Participants] = []
    for clause in _need(doc.clauses, "clauses"):
        doc.check_time()
        number = clause.sentence.number
        before = body[number - 2] if number >= 2 else None
        found.append(parties.of(clause, (before.start, before.end) if before else None))
    doc.participants = tuple(found)


# -- 6. types -------------------------------------------------------------------------------
def types(doc: Document) -> None:
    """Each clause's event type: of the first lexicon term outside its quotations."""
    lexicon, text = event_lexicon(), doc.text
    found: list[str] = []
    for clause in _need(doc.clauses, "clauses"):
        event_type = "OTHER"
        for start, end in clause.spans:
            first = lexicon.first(text, clause.quotes, start, end)
            if first:
                event_type = first
                break
        found.append(event_type)
    doc.types = tuple(found)


# -- 7. dates -------------------------------------------------------------------------------
def dates(doc: Document) -> None:
    """Each clause's date, in text order: the ladder keeps the story's date in focus."""
    dater = _need(doc.dater, "time expressions")
    mentions = _need(doc.mentions, "entities")
    # countries do not carry a story on ("NATO bombed Serbia" is not Serbia's news)
    dater.places = frozenset(m.name for m in mentions if m.kind == "country")
    clauses = _need(doc.clauses, "clauses")
    participants = _need(doc.participants, "roles")
    found: list[Dating | None] = []
    for clause, parties, event_type in zip(
        clauses, participants, _need(doc.types, "types"), strict=True
    ):
        doc.check_time()
        if clause.kind == "main":
            dating = dater.main_clause(
                clause.sentence.number,
                clause.spans,
                clause.quotes,
                clause.tense,
                reporting=event_type == _REPORTING,
                actors=parties.named,
                timed=clause.timed,
            )
        elif clause.kind == "headline":
            # news of the publication day unless it names its own date; it leaves the story
            # of the body (lead, focus) as it is
            dating = clause.own or dater.publication
        else:
            dating = clause.own
        found.append(dating)
    doc.dates = tuple(found)


# -- 8. events ------------------------------------------------------------------------------
def events(doc: Document) -> None:
    """The clauses with text, as events in text order."""
    found = [
        Event(clause, parties, event_type, dating)
        for clause, parties, event_type, dating in zip(
            _need(doc.clauses, "clauses"),
            _need(doc.participants, "roles"),
            _need(doc.types, "types"),
            _need(doc.dates, "dates"),
            strict=True,
        )
        if clause.end > clause.start
    ]
    found.sort(key=lambda e: (e.clause.start, e.clause.end))
    doc.events = tuple(found)


# -- the pipeline ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Stage:
    """A named step of the pipeline: `run` fills the document's `slots`."""

    name: str
    run: Callable[[Document], None]
    slots: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("sentences", sentences, ("title", "sentences")),
    Stage("time expressions", time_expressions, ("timexes", "dater")),
    Stage("entities", entities, ("mentions",)),
    Stage("clauses", clauses, ("clauses",)),
    Stage("roles", roles, ("participants",)),
    Stage("types", types, ("types",)),
    Stage("dates", dates, ("dates",)),
    Stage("events", events, ("events",)),
)


def run_stages(
    article: Article, *, until: str | None = None, deadline: float | None = None
) -> Document:
    """The document of `article` after every stage, or after the stage named `until`.

    `deadline` (a `time.monotonic()` value) bounds the work: past it, TimeoutError."""
    names = [stage.name for stage in STAGES]
    if until is not None and until not in names:
        raise ValueError(f"no stage {until!r}; the stages are {', '.join(names)}")
    doc = Document(article, deadline)
    for stage in STAGES:
        doc.check_time()
        stage.run(doc)
        doc.done.append(stage.name)
        if stage.name == until:
            break
    return doc


def extract_events(article: Article, *, max_seconds: float | None = None) -> list[dict[str, Any]]:
    """One row (schema column -> value) per event of the article, in text order.

    `max_seconds` bounds the work: past it, ArticleError (checked between stages and between
    sentences; every stage is linear in the text, and sentences are bounded, so none runs
    long)."""
    deadline = None if max_seconds is None else time.monotonic() + max_seconds
    try:
        doc = run_stages(article, deadline=deadline)
    except TimeoutError:
        raise ArticleError(
            f"{article.path or article.id}: parsing stopped after {max_seconds or 0:g} s, "
            "the limit per article (hostile or unusual text?)"
        ) from None
    return [_row(article, event) for event in _need(doc.events, "events")]


def _row(article: Article, event: Event) -> dict[str, Any]:
    text = article.text
    clause, parties, dating = event.clause, event.participants, event.dating
    interval = dating.interval if dating else None
    words = text[clause.start : clause.end]
    return {
        "event_id": _event_id(article.id, clause.start, clause.end, words),
        "article_id": article.id,
        "source": article.title,
        "source_path": article.path,
        "published": article.published,
        "sentence": text[clause.sentence.start : clause.sentence.end],
        "text": words,
        "char_start": clause.start,
        "char_end": clause.end,
        "start": interval.start if interval else None,
        "end": interval.end if interval else None,
        "precision": interval.precision if interval else None,
        "time_expression": dating.expression if dating else None,
        "date_basis": dating.basis if dating and interval else "none",
        "actors": list(parties.actors),
        "targets": list(parties.targets),
        "countries": [country_name(c) for c in parties.codes],
        "country_codes": list(parties.codes),
        "event_type": event.type,
    }


def _event_id(article_id: str, start: int, end: int, text: str) -> str:
    digest = hashlib.blake2b(f"{article_id}\0{start}\0{end}\0{text}".encode(), digest_size=8)
    return digest.hexdigest()
