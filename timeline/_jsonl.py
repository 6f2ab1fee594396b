"""JSON-lines commands (`dates`, `entities`): read objects line by line, report bad lines by
number, keep going; and the plain-text table their `--text` option prints (no click here)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

__all__ = ["LineError", "map_lines", "read_object", "text_table"]


@dataclass(frozen=True, slots=True)
class LineError:
    """A bad input line: its number (from 1) and what is wrong with it."""

    line: int
    message: str


def read_object(raw: str, required: Sequence[str]) -> dict[str, Any]:
    """The JSON object of one line, with its `required` fields and a string "text" if
    required; ValueError says what is wrong."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    missing = [k for k in required if k not in obj]
    if missing:
        raise ValueError("missing field(s): " + ", ".join(missing))
    if "text" in required and not isinstance(obj["text"], str):
        raise ValueError('"text" is not a string')
    return obj


def map_lines(
    lines: Iterable[str],
    parse: Callable[[str], Any],
    work: Callable[[list[Any]], list[dict[str, Any]]],
    batch: int = 1,
) -> Iterator[str | LineError]:
    """One output JSON line per good input line, a LineError per bad one, in input order;
    blank lines skipped. `parse` reads a line (ValueError: bad line); `work` turns a batch of
    parsed lines into their output objects (batches let a model run over many texts at once).
    """
    numbered = ((n, raw) for n, raw in enumerate(lines, start=1) if raw.strip())
    while chunk := list(islice(numbered, batch)):
        results: list[tuple[int, Any]] = []
        for number, raw in chunk:
            try:
                results.append((number, parse(raw)))
            except ValueError as exc:
                results.append((number, LineError(number, str(exc))))
        good = [r for _, r in results if not isinstance(r, LineError)]
        done = iter(work(good)) if good else iter(())
        for _, r in results:
            if isinstance(r, LineError):
                yield r
            else:
                yield json.dumps(next(done), ensure_ascii=False)


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell, a rule under the header."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
