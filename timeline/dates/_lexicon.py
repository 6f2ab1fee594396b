"""Word lists of the time-expression tagger, read once from the table `timex_lexicon.csv`.

Each row is `kind,word,value`; the kinds are the families the patterns are built from
(month, weekday, number, ordinal, unit, season, part_of_day, ref, set, modifier, approx,
year_signal, tense_future, tense_past, tense_before_only, may_subject, may_modal_next,
intent_to, noun_before, dated_noun).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from timeline._tables import read_table, trie_regex


def _load() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = defaultdict(dict)
    for row in read_table("timex_lexicon.csv"):
        table[row["kind"]][row["word"].lower()] = row.get("value") or ""
    return dict(table)


LEXICON = _load()

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
# Future markers that only count before the expression ("until Friday", "Friday's deadline"
# says nothing about a clause that follows).
TENSE_BEFORE_ONLY: frozenset[str] = frozenset(LEXICON["tense_before_only"])
# "agreed to buy the unit in February": a plan, so the infinitive's date lies ahead.
INTENT_TO: list[str] = list(LEXICON["intent_to"])
# "a 1971 Convention" is dated; "a 1987 Chevrolet" is a model year.
DATED_NOUNS: frozenset[str] = frozenset(LEXICON["dated_noun"])
# Words that make the next one a noun ("announced its plans Friday": no plan marker).
NOUN_BEFORE: frozenset[str] = frozenset(LEXICON["noun_before"])
# "this may have": a subject, or a bare verb after it, makes "may" the modal.
MAY_SUBJECTS: frozenset[str] = frozenset(LEXICON["may_subject"])
MAY_MODAL_NEXT: frozenset[str] = frozenset(LEXICON["may_modal_next"])

UNIT_PLURALS = {"century": "centuries", "millennium": "millennia"}


def alt(words: Iterable[str], plural: bool = False) -> str:
    """A regex alternation of `words`, spaces matching any run of blanks; with `plural`, each
    word may also take its plural.

    The words are merged into a trie ("mar(?:ch)?" rather than "march|mar"): the regex
    engine then tests one branch per letter instead of every word, and still prefers the
    longest word that fits, as a longest-first alternation does.
    """
    variants: set[str] = set()
    for w in words:
        variants.add(w)
        if plural:
            variants.add(w + "s")
            if w in UNIT_PLURALS:
                variants.add(UNIT_PLURALS[w])
    return "(?:" + trie_regex(variants, _spell) + ")"


def _spell(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)
