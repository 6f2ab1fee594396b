"""The `entities` command's work: JSON lines in, named entities out (no click here)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from timeline._jsonl import LineError, map_lines, read_object, text_table
from timeline.ner import Entity, find_many

__all__ = ["entity_lines", "entity_record", "table"]

# Texts handed to the recogniser at once: batches make it faster, and a batch is small
# enough that output starts at once on a stream.
_BATCH = 64


def entity_record(e: Entity) -> dict[str, object]:
    return {
        "start": e.start,
        "end": e.end,
        "text": e.text,
        "type": e.type,
        "canonical": e.canonical,
    }


def _parse(raw: str) -> tuple[object, str]:
    obj = read_object(raw, ("id", "text"))
    return obj["id"], obj["text"]


def _work(batch: list[tuple[object, str]]) -> list[dict[str, Any]]:
    found = find_many(text for _, text in batch)
    return [
        {"id": doc_id, "entities": [entity_record(e) for e in entities]}
        for (doc_id, _), entities in zip(batch, found, strict=True)
    ]


def entity_lines(lines: Iterable[str]) -> Iterator[str | LineError]:
    """One output JSON line per good input line {"id", "text"}, a LineError per bad one."""
    return map_lines(lines, _parse, _work, batch=_BATCH)


def table(entities: list[Entity]) -> str:
    """A plain-text table of entities for a person to read."""
    header = ("text", "type", "canonical", "countries", "start", "end")
    rows = [
        (
            e.text.replace("\n", " "),
            e.type,
            e.canonical,
            " ".join(e.countries) or "-",
            str(e.start),
            str(e.end),
        )
        for e in entities
    ]
    return text_table(header, rows)
