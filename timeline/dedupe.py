"""Duplicate reports merged: the same event told by several articles becomes one row.

**The rule.** Two events are reports of the same real-world event when all of these hold:

1. they come from different articles (`article_id`);
2. their dates are compatible at their precision: both dated and their intervals
   [start, end] overlap (a day inside a week, the same day, a 2022-12 month and a day in it),
   or both undated and their articles published within a week of each other (background
   repeated by the week's reports; an archive's years of undated clauses are not compared);
3. their parties overlap (at least one canonical name in common among actors and targets,
   or neither names any: one outlet's "Serbia asked KFOR" is another's "KFOR was asked");
4. their countries overlap, or one of them names none;
5. their event types are the same or listed as compatible in `data/dedupe_types.csv`
   (one outlet's "demanded" is another's "asked");
6. their clauses say similar things: the Dice coefficient of their content-word stems is at
   least `SIMILARITY` (0.25). Content words are the clause's words less the function words
   of `data/dedupe_stopwords.csv` and less the names of the event's own actors and countries
   (rules 3 and 4 compare those); a word is reduced to its synonym group of
   `data/dedupe_synonyms.csv` ("demanded" and "asked" -> ask, "barricades" and "roadblocks"
   -> barricade) or else to its first five letters ("normalize" and "normalise" meet).
   0.25 separates, on the two seed articles (two outlets' reports of 15 December 2022),
   the reports of one event (0.27-0.78) from different events that pass rules 1-5
   (0.00-0.21: two different quotes of Vucic the same day score 0.21).

Matches are joined transitively (union-find) into clusters. A cluster's row in the merged
view is its most precisely dated report (then the earliest published), with the actors and
countries of all its reports, and the extra columns `sources` (titles), `source_ids`
(article ids), `n_sources` (distinct articles), `event_ids` and `cluster`. The raw view keeps
every report with its `cluster`, `duplicate_of` (the merged row's event_id; empty on that row
itself) and `n_sources`.

**Cost.** Only events that share an actor and may share a date are compared: short
intervals (under six weeks) meet in blocks of one actor and one calendar week they touch;
intervals up to 13 months are compared with the actor's events of each month they touch;
longer ones with all of the actor's dated events; undated events with the actor's undated
ones published in the same or the next calendar week. The work grows with the number of
events times the size of a block, not with the square of the number of events
(`bench/corpus.py` prints the time for 1,000 to 30,000 parsed events).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Any

import pandas as pd

from timeline._tables import read_table, split_list
from timeline.schema import conform

__all__ = ["SIMILARITY", "Deduplicated", "deduplicate", "same_event", "similarity", "stems"]

SIMILARITY = 0.25
# Columns the merged view adds after the schema's own.
_EXTRA = ("sources", "source_ids", "n_sources", "event_ids", "cluster")
_STEM = 5
_MAX_MONTHS = 13
_SHORT_DAYS = 42  # intervals shorter than six weeks are blocked by week
_WORD = re.compile(r"[^\W\d_]+|\d+")
# Inflections undone before a synonym look-up: (suffix, replacement).
_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
)


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(row["word"].lower() for row in read_table("dedupe_stopwords.csv"))


@cache
def _compatible_types() -> frozenset[frozenset[str]]:
    return frozenset(
        frozenset((row["type"], row["compatible_with"])) for row in read_table("dedupe_types.csv")
    )


@cache
def _synonyms() -> tuple[dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    """Word -> concept, and phrase patterns -> concept, from data/dedupe_synonyms.csv."""
    by_word: dict[str, str] = {}
    phrases = []
    for row in read_table("dedupe_synonyms.csv"):
        concept = row["concept"]
        for word in split_list(row["words"]):
            word = word.lower()
            if " " in word:
                phrases.append((re.compile(rf"\b{re.escape(word)}\b"), concept))
            else:
                by_word[word] = concept
    return by_word, tuple(phrases)


def _base_forms(word: str) -> tuple[str, ...]:
    """The word and what it may be inflected from (asked -> ask, tabled -> table)."""
    forms = [word]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: len(word) - len(suffix)] + replacement)
    return tuple(forms)


def _stem(word: str, by_word: dict[str, str]) -> str:
    for form in _base_forms(word):
        if form in by_word:
            return by_word[form]
    return word[:_STEM]


def stems(text: str, names: Iterable[str] = ()) -> frozenset[str]:
    """The content-word stems of `text`: lower case, function words out, five letters kept,
    synonyms of data/dedupe_synonyms.csv replaced by their concept; the words of `names`
    (the events' actors and countries, compared apart) left out."""
    stop = _stopwords()
    by_word, phrases = _synonyms()
    text = (text or "").lower()
    for pattern, concept in phrases:
        text = pattern.sub(concept, text)
    skip = {_stem(w, by_word) for name in names for w in _WORD.findall(name.lower())}
    found = (_stem(w, by_word) for w in _WORD.findall(text) if w not in stop)
    return frozenset(s for s in found if s not in skip and (len(s) > 1 or s.isdigit()))


def similarity(a: str | frozenset[str], b: str | frozenset[str]) -> float:
    """Dice coefficient of the content-word stems of two texts (0 to 1)."""
    sa = a if isinstance(a, frozenset) else stems(a)
    sb = b if isinstance(b, frozenset) else stems(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def _types_compatible(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in _compatible_types()


@dataclass(frozen=True, slots=True)
class _Report:
    """What the rule reads of one event row."""

    article: str
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    actors: frozenset[str]
    countries: frozenset[str]
    event_type: str
    stems: frozenset[str]
    published: int | None  # days since 1970, for undated reports


def _targets(row: Any) -> list[str]:
    """A row's targets (rows written before the roles stage have none)."""
    targets = row.get("targets")
    return list(targets) if isinstance(targets, list | tuple) else []


def _report(row: Any) -> _Report:
    start = None if pd.isna(row["start"]) else pd.Timestamp(row["start"])
    end = start if pd.isna(row["end"]) else pd.Timestamp(row["end"])
    return _Report(
        article=str(row["article_id"]),
        start=start,
        end=end,
        actors=frozenset(row["actors"]) | frozenset(_targets(row)),
        countries=frozenset(row["countries"]),
        event_type=str(row["event_type"]) if not pd.isna(row["event_type"]) else "OTHER",
        published=None if pd.isna(row["published"]) else _days(pd.Timestamp(row["published"])),
        stems=stems(
            str(row["text"]) if not pd.isna(row["text"]) else "",
            [*row["actors"], *_targets(row), *row["countries"]],
        ),
    )


def _match(a: _Report, b: _Report, threshold: float) -> bool:
    if a.article == b.article:
        return False
    if (a.start is None) != (b.start is None):
        return False
    if a.start is None and (
        a.published is None or b.published is None or abs(a.published - b.published) > 7
    ):
        return False
    if a.start is not None and b.start is not None:
        assert a.end is not None and b.end is not None
        if a.start > b.end or b.start > a.end:
            return False
    if (a.actors or b.actors) and not (a.actors & b.actors):
        return False
    if a.countries and b.countries and not (a.countries & b.countries):
        return False
    if not _types_compatible(a.event_type, b.event_type):
        return False
    return similarity(a.stems, b.stems) >= threshold


def same_event(a: Any, b: Any, threshold: float = SIMILARITY) -> bool:
    """Whether two event rows (mappings with the schema's fields) report the same event."""
    return _match(_report(a), _report(b), threshold)


def _days(t: pd.Timestamp) -> int:
    return int(t.value // 86_400_000_000_000)


def _candidate_pairs(reports: list[_Report]) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) that share an actor and could share a date; each pair once."""
    short: dict[tuple[str, int], list[int]] = defaultdict(list)  # by week touched
    medium: dict[tuple[str, int], list[int]] = defaultdict(list)  # by month touched
    by_month: dict[tuple[str, int], list[int]] = defaultdict(list)  # every dated, by month
    long: dict[str, list[int]] = defaultdict(list)
    dated: dict[str, list[int]] = defaultdict(list)
    undated: dict[tuple[str, int], list[int]] = defaultdict(list)  # by publication week
    for i, r in enumerate(reports):
        for actor in r.actors or {""}:
            if r.start is None or r.end is None:
                if r.published is not None:
                    week = r.published // 7
                    undated[(actor, week)].append(i)
                    undated[(actor, week + 1)].append(i)  # meets the next week's reports too
                continue
            dated[actor].append(i)
            first = r.start.year * 12 + r.start.month - 1
            last = r.end.year * 12 + r.end.month - 1
            if last - first >= _MAX_MONTHS:
                long[actor].append(i)
                continue
            for month in range(first, last + 1):
                by_month[(actor, month)].append(i)
            if _days(r.end) - _days(r.start) < _SHORT_DAYS:
                for week in range(_days(r.start) // 7, _days(r.end) // 7 + 1):
                    short[(actor, week)].append(i)
            else:
                for month in range(first, last + 1):
                    medium[(actor, month)].append(i)
    seen: set[tuple[int, int]] = set()

    def emit(i: int, j: int) -> Iterator[tuple[int, int]]:
        pair = (i, j) if i < j else (j, i)
        if i != j and pair not in seen:
            seen.add(pair)
            yield pair

    for members in (*short.values(), *undated.values()):
        for i, j in combinations(members, 2):
            yield from emit(i, j)
    for key, members in medium.items():
        for i in members:
            for j in by_month[key]:
                yield from emit(i, j)
    for actor, members in long.items():
        for i in members:
            for j in dated[actor]:
                yield from emit(i, j)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


@dataclass(frozen=True, slots=True)
class Deduplicated:
    """Both views: `merged` (one row per real-world event) and `raw` (every report)."""

    merged: pd.DataFrame
    raw: pd.DataFrame


def _union(lists: Iterable[list[str]]) -> list[str]:
    return list(dict.fromkeys(item for values in lists for item in values))


def deduplicate(frame: pd.DataFrame, threshold: float = SIMILARITY) -> Deduplicated:
    """Cluster the reports of `frame` by the module's rule; the merged and the raw views."""
    frame = conform(frame).reset_index(drop=True)
    frame = frame.drop(columns=[c for c in (*_EXTRA, "duplicate_of") if c in frame.columns])
    records = frame.to_dict(orient="records")
    reports = [_report(row) for row in records]
    uf = _UnionFind(len(reports))
    for i, j in _candidate_pairs(reports):
        if uf.find(i) != uf.find(j) and _match(reports[i], reports[j], threshold):
            uf.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(reports)):
        groups[uf.find(i)].append(i)

    # The representative: the narrowest date, then the earliest published, then file order.
    width = (frame["end"].fillna(frame["start"]) - frame["start"]).dt.days
    width = width.fillna(1e9).to_numpy()
    published = frame["published"].fillna(pd.Timestamp.max.floor("s")).to_numpy()
    rep_of: dict[int, int] = {}
    for members in groups.values():
        rep = min(members, key=lambda i: (width[i], published[i], i))
        for i in members:
            rep_of[i] = rep

    ids = frame["event_id"].astype(str).tolist()
    articles = frame["article_id"].astype(str).tolist()
    titles = frame["source"].astype("string").fillna("").tolist()
    raw = frame.copy()
    raw["cluster"] = pd.Series([ids[rep_of[i]] for i in range(len(frame))], dtype="string")
    raw["duplicate_of"] = pd.Series(
        [ids[rep_of[i]] if rep_of[i] != i else pd.NA for i in range(len(frame))], dtype="string"
    )
    n_sources = {rep_of[ms[0]]: len({articles[i] for i in ms}) for ms in groups.values()}
    raw["n_sources"] = pd.Series([n_sources[rep_of[i]] for i in range(len(frame))], dtype="Int64")

    rows = []
    for members in sorted(groups.values(), key=lambda ms: rep_of[ms[0]]):
        rep = rep_of[members[0]]
        ordered = [rep, *sorted((m for m in members if m != rep), key=lambda i: (published[i], i))]
        row = dict(records[rep])
        for column in ("actors", "targets", "countries", "country_codes"):
            row[column] = _union(records[i][column] for i in ordered)
        # a name one report has acting and another targeted stays an actor
        row["targets"] = [t for t in row["targets"] if t not in row["actors"]]
        row["sources"] = _union([titles[i]] for i in ordered)
        row["source_ids"] = _union([articles[i]] for i in ordered)
        row["n_sources"] = len(row["source_ids"])
        row["event_ids"] = [ids[i] for i in ordered]
        row["cluster"] = ids[rep]
        rows.append(row)
    merged = pd.DataFrame(rows, columns=[*frame.columns, *_EXTRA]) if rows else None
    if merged is None:
        merged = frame.assign(**{c: pd.Series([], dtype=object) for c in _EXTRA})
    merged = conform(merged)
    merged["n_sources"] = merged["n_sources"].astype("Int64")
    merged["cluster"] = merged["cluster"].astype("string")
    return Deduplicated(merged=merged.reset_index(drop=True), raw=conform(raw))
