"""The `dates` command's work: JSON lines in, time expressions out (no click here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from timeline._jsonl import LineError, map_lines, read_object, text_table
from timeline.dates import Timex, tag

__all__ = ["LineError", "parse_line", "table", "tag_lines", "timex_record"]


def timex_record(t: Timex) -> dict[str, object]:
    iv = t.interval
    return {
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "type": t.type,
        "value": t.value,
        "interval_start": iv.start.isoformat() if iv else None,
        "interval_end": iv.end.isoformat() if iv else None,
        "precision": iv.precision if iv else None,
    }


def parse_line(raw: str) -> tuple[object, str, dt.date | None]:
    """(id, text, published) of one input line; ValueError says what is wrong."""
    obj = read_object(raw, ("id", "text", "published"))
    text = obj["text"]
    published = obj["published"]
    if published is None:
        return obj["id"], text, None
    if not isinstance(published, str):
        raise ValueError('"published" is not a YYYY-MM-DD string')
    try:
        day = dt.date.fromisoformat(published)
    except ValueError:
        raise ValueError(f'"published" {published!r} is not a date (YYYY-MM-DD)') from None
    return obj["id"], text, day


def tag_lines(lines: Iterable[str]) -> Iterator[str | LineError]:
    """One output JSON line per good input line, a LineError per bad one; blank lines skipped."""

    def work(batch: list[tuple[object, str, dt.date | None]]) -> list[dict[str, object]]:
        return [
            {"id": doc_id, "timexes": [timex_record(t) for t in tag(text, published)]}
            for doc_id, text, published in batch
        ]

    return map_lines(lines, parse_line, work)


def table(timexes: list[Timex]) -> str:
    """A plain-text table of time expressions for a person to read."""
    header = ("text", "type", "value", "interval", "precision", "relative")
    rows = [
        (
            t.text.replace("\n", " "),
            t.type,
            t.value,
            f"{t.interval.start} .. {t.interval.end}" if t.interval else "-",
            t.interval.precision if t.interval else "-",
            "yes" if t.relative else "no",
        )
        for t in timexes
    ]
    return text_table(header, rows)
