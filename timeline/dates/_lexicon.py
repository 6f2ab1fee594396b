"""Word lists of the time-expression tagger, read once from `data/timex_lexicon.csv`.

Each row is `kind,word,value`; the kinds are the families the patterns are built from
(month, weekday, number, ordinal, unit, season, part_of_day, ref, set, modifier, approx,
year_signal, tense_future, tense_past).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

LEXICON_PATH = Path(__file__).resolve().parents[2] / "data" / "timex_lexicon.csv"


def _load(path: Path) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = defaultdict(dict)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            table[row["kind"].strip()][row["word"].strip().lower()] = (
                row.get("value") or ""
            ).strip()
    return dict(table)


LEXICON = _load(LEXICON_PATH)

MONTHS: dict[str, int] = {w: int(v) for w, v in LEXICON["month"].items()}
MONTH_ABBR: dict[str, int] = {w: int(v) for w, v in LEXICON["month_abbr"].items()}
WEEKDAYS: dict[str, int] = {w: int(v) for w, v in LEXICON["weekday"].items()}
NUMBERS: dict[str, str] = LEXICON["number"]
ORDINALS: dict[str, int] = {w: int(v) for w, v in LEXICON["ordinal"].items()}
UNITS: dict[str, str] = LEXICON["unit"]
SEASONS: dict[str, str] = LEXICON["season"]
PARTS_OF_DAY: dict[str, str] = LEXICON["part_of_day"]
DECADE_WORDS: dict[str, int] = {w: int(v) for w, v in LEXICON["decade_word"].items()}
REFS: dict[str, str] = LEXICON["ref"]
SETS: dict[str, str] = LEXICON["set"]
MODIFIERS: dict[str, str] = LEXICON["modifier"]
APPROX: list[str] = list(LEXICON["approx"])
YEAR_SIGNALS: list[str] = list(LEXICON["year_signal"])
TENSE_FUTURE: list[str] = list(LEXICON["tense_future"])
TENSE_PAST: list[str] = list(LEXICON["tense_past"])

UNIT_PLURALS = {"century": "centuries", "millennium": "millennia"}


def alt(words: list[str] | dict[str, object], plural: bool = False) -> str:
    """A regex alternation of `words`, longest first, spaces matching any run of blanks."""
    items = sorted(words, key=len, reverse=True)
    parts = []
    for w in items:
        p = re.escape(w).replace(r"\ ", r"\s+")
        if plural:
            p = f"(?:{re.escape(UNIT_PLURALS[w])}|{p}s?)" if w in UNIT_PLURALS else p + "s?"
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"
