"""The parser's pipeline: one document through named stages, in order (an article written
for these tests)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time

import pytest

from timeline import document
from timeline.article import Article, ArticleError, article_from_text
from timeline.document import Document
from timeline.events import STAGES, events, extract_events, run_stages

TEXT = (
    "Norway recalls its ambassador from Iceland\n\nMarch 6, 2024\n\n"
    "Norway on Monday recalled its ambassador from Iceland after a dispute over fishing rights. "
    "Foreign Minister Kari Holm said the talks had failed, when Iceland rejected the offer on "
    "Friday. She will travel to Brussels next week.\n"
)
ORDER = [
    "sentences",
    "time expressions",
    "entities",
    "clauses",
    "roles",
    "types",
    "dates",
    "events",
]


@pytest.fixture(scope="module")
def article() -> Article:
    return article_from_text(TEXT, id="stages")


@pytest.fixture(scope="module")
def doc(article: Article) -> Document:
    return run_stages(article)


def _text(span: object) -> str:
    return TEXT[span.start : span.end]  # type: ignore[attr-defined]


def test_the_stages_run_in_the_documented_order(doc: Document) -> None:
    assert [stage.name for stage in STAGES] == ORDER
    assert doc.done == ORDER
    fields = {f.name for f in dataclasses.fields(Document)}
    assert all(slot in fields for stage in STAGES for slot in stage.slots)


def test_the_documents_table_lists_the_stages_and_their_slots() -> None:
    rows = re.findall(r"^``([a-z ]+)``\s+`(\w+)`", document.__doc__ or "", re.MULTILINE)
    assert [name for name, _ in rows] == ORDER
    assert [slot for _, slot in rows] == [stage.slots[0] for stage in STAGES]


@pytest.mark.parametrize("k", range(len(ORDER)))
def test_each_stage_fills_its_slots_and_no_later_one(article: Article, k: int) -> None:
    doc = run_stages(article, until=ORDER[k])
    assert doc.done == ORDER[: k + 1]
    for i, stage in enumerate(STAGES):
        for slot in stage.slots:
            filled = getattr(doc, slot) is not None
            assert filled == (i <= k), (stage.name, slot)


def test_sentences_and_time_expressions(doc: Document) -> None:
    assert doc.title is not None and doc.title.number == 0
    assert _text(doc.title) == "Norway recalls its ambassador from Iceland"
    assert doc.sentences is not None
    assert [s.number for s in doc.sentences] == [1, 2, 3]
    assert _text(doc.sentences[2]) == "She will travel to Brussels next week."
    assert doc.timexes is not None
    assert {t.text: t.value for t in doc.timexes if t.text != "March 6, 2024"} == {
        "Monday": "2024-03-04",
        "Friday": "2024-03-01",
        "next week": "2024-W11",
    }


def test_clauses_and_what_the_later_stages_say_of_each(doc: Document) -> None:
    assert doc.clauses and doc.participants and doc.types and doc.dates
    assert len(doc.participants) == len(doc.types) == len(doc.dates) == len(doc.clauses)
    by_text = {
        _text(c): (c, p, t, d)
        for c, p, t, d in zip(doc.clauses, doc.participants, doc.types, doc.dates, strict=True)
    }
    assert [c.kind for c in doc.clauses] == ["headline", "main", "main", "apart", "main"]
    # the headline: news of the publication day
    _, _, _, dating = by_text["Norway recalls its ambassador from Iceland"]
    assert dating is not None and dating.basis == "publication"
    assert dating.interval is not None and dating.interval.start == dt.date(2024, 3, 6)
    # its own weekday, the past Monday
    clause, _, _, dating = by_text[
        "Norway on Monday recalled its ambassador from Iceland after a dispute over fishing rights."
    ]
    assert clause.tense == "past" and clause.sentence.number == 1
    assert dating is not None and dating.expression == "on Monday"
    assert dating.interval is not None and dating.interval.start == dt.date(2024, 3, 4)
    # a reporting clause, its speaker named
    said = "Foreign Minister Kari Holm said the talks had failed,"
    _, parties, event_type, _ = by_text[said]
    assert event_type == "STATEMENT" and "Kari Holm" in parties.named
    # a "when" piece with its own date is a clause apart
    clause, _, _, dating = by_text["when Iceland rejected the offer on Friday."]
    assert clause.kind == "apart" and clause.own == dating
    assert dating is not None and dating.interval is not None
    assert dating.interval.start == dt.date(2024, 3, 1)
    # "She" stands for the minister
    _, parties, _, _ = by_text["She will travel to Brussels next week."]
    assert parties.named == ("Kari Holm",)


def test_a_stage_can_be_inspected(article: Article) -> None:
    doc = run_stages(article, until="entities")
    assert doc.mentions is not None
    assert ("Kari Holm", "person") in {(m.name, m.kind) for m in doc.mentions}
    assert doc.clauses is None and doc.events is None
    # a stage whose input is missing says which stage must run first
    with pytest.raises(ValueError, match="'clauses' stage has not run"):
        events(doc)


def test_the_events_are_the_rows(article: Article, doc: Document) -> None:
    rows = extract_events(article)
    assert doc.events is not None
    assert [(r["char_start"], r["char_end"]) for r in rows] == [
        (e.start, e.end) for e in doc.events
    ]
    assert [r["event_type"] for r in rows] == [e.type for e in doc.events]
    assert rows[0]["text"] == rows[0]["sentence"] == article.title


def test_an_unknown_stage_is_named() -> None:
    with pytest.raises(ValueError, match="no stage 'verbs'; the stages are sentences, time"):
        run_stages(article_from_text("A text.", id="x"), until="verbs")


def test_the_time_budget_holds_through_the_stages(
    article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(TimeoutError):
        run_stages(article, deadline=time.monotonic() - 1)
    clock = iter(range(0, 10_000, 10))  # every look at the clock: 10 s later
    monkeypatch.setattr(time, "monotonic", lambda: float(next(clock)))
    with pytest.raises(ArticleError, match="stages: parsing stopped after 5 s"):
        extract_events(article, max_seconds=5)
