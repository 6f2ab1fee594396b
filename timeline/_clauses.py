"""Clauses of a sentence, quoted material and the tense of a clause's first finite verb.

Clause splitting is deliberately shallow: a sentence is cut before the connectives of
`BOUNDARIES`, and the events stage keeps a piece apart only when it carries its own time
anchor; every other piece stays with the main clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from timeline._lexicon import irregular_past, verb_forms

__all__ = ["Segment", "quoted_spans", "segments", "tense"]

Tense = Literal["past", "perfect", "present", "future", "modal", "none"]

# Where a sentence may be cut: the connective starts the new piece.
# kind "when" marks relative clauses of time, which take the time of the expression before them.
BOUNDARIES: tuple[tuple[str, str], ...] = (
    ("when", r",\s+(?=(?:when|by\s+which\s+time)\b)"),
    ("relative", r",\s+(?=(?:which|who|whose|where)\b)|\s+(?=which\b)"),
    ("subordinate", r",?\s+(?=(?:after|before|while|until|following|whereas)\b)"),
    ("coordinate", r";\s+|,\s+(?=(?:and|but|then|as)\b)|\s+(?=(?:and|but)\s+(?:he|she|they)\b)"),
    ("adverbial", r",\s+(?=(?:in|on|at|by|during|since|from|from|the\s+following)\b)"),
)
_BOUNDARY = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in BOUNDARIES))


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    kind: str  # the boundary that opened it; "main" for the first piece


def segments(text: str, start: int, end: int) -> list[Segment]:
    """Pieces of text[start:end] between clause boundaries (offsets into `text`)."""
    pieces: list[Segment] = []
    cursor, kind = start, "main"
    for match in _BOUNDARY.finditer(text, start, end):
        if match.start() <= cursor:
            continue
        pieces.append(Segment(cursor, match.start(), kind))
        cursor, kind = match.end(), match.lastgroup or "coordinate"
    pieces.append(Segment(cursor, end, kind))
    return [p for p in pieces if p.end > p.start]


_QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


def quoted_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Spans of quoted speech inside text[start:end] (an unclosed quote runs to the end)."""
    return tuple((m.start(), m.end()) for m in _QUOTE.finditer(text, start, end))


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_DETERMINERS = frozenset(
    "the a an its his her their this that these those any no our my your every each".split()
)
_AUX: dict[str, Tense] = {
    **dict.fromkeys(("will", "shall", "'ll", "won't"), "future"),
    **dict.fromkeys(("would", "could", "might", "may", "can", "should", "must"), "modal"),
    **dict.fromkeys(("is", "are", "am", "does", "do"), "present"),
    **dict.fromkeys(("was", "were", "did", "had"), "past"),
    **dict.fromkeys(("has", "have"), "perfect"),
}
_NOT_PAST = frozenset("need speed seed feed indeed proceed exceed succeed red bed shed".split())


def tense(text: str, start: int, end: int, skip: tuple[tuple[int, int], ...] = ()) -> Tense:
    """Tense of the first finite verb of text[start:end], quoted spans skipped."""
    previous = ""
    for match in _WORD.finditer(text, start, end):
        if any(s <= match.start() < e for s, e in skip):
            previous = ""
            continue
        word = match.group().lower()
        if word in _AUX:
            if word in ("has", "have") and _NEXT_IS_NOUN.match(text, match.end()):
                return "present"  # "has a population", not a perfect
            if word == "is" and re.match(r"\s+going\s+to\b", text[match.end() :]):
                return "future"
            return _AUX[word]
        if "-" in word or previous in _DETERMINERS:
            previous = word
            continue
        if word in irregular_past() or (
            word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST
        ):
            return "past"
        if word in verb_forms() and previous not in ("to",):
            return "present"
        previous = word
    return "none"


_NEXT_IS_NOUN = re.compile(r"\s+(?:a|an|the|no|many|much|some|\d)\b")
