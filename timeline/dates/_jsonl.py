"""The `dates` command's work: JSON lines in, time expressions out (no click here)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from timeline.dates import Timex, tag


@dataclass(frozen=True, slots=True)
class LineError:
    """A bad input line: its number (from 1) and what is wrong with it."""

    line: int
    message: str


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
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    missing = [k for k in ("id", "text", "published") if k not in obj]
    if missing:
        raise ValueError("missing field(s): " + ", ".join(missing))
    text = obj["text"]
    if not isinstance(text, str):
        raise ValueError('"text" is not a string')
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
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            doc_id, text, published = parse_line(raw)
        except ValueError as exc:
            yield LineError(number, str(exc))
            continue
        timexes = [timex_record(t) for t in tag(text, published)]
        yield json.dumps({"id": doc_id, "timexes": timexes}, ensure_ascii=False)


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
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
