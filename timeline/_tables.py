"""Read the CSV tables of data/ used by the article, sentence and entity stages."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

__all__ = ["DATA", "read_table", "split_list"]


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of data/`name` as dicts of strings (the csv module never reads "NA" as missing)."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return tuple(
            {k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)
        )


def split_list(cell: str) -> list[str]:
    """A ";"-separated cell as a list of its non-empty items."""
    return [part.strip() for part in cell.split(";") if part.strip()]
