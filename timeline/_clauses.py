"""Clauses of a sentence, quoted material and the tense of a clause's first finite verb.

Clause splitting is deliberately shallow: a sentence is cut before the connectives of
`BOUNDARIES`, and the events stage keeps a piece apart only when it carries its own time
anchor; every other piece stays with the main clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from timeline._lexicon import irregular_past, verb_forms

__all__ = ["Boundaries", "Segment", "Words", "quoted_spans", "segments", "tense"]

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


class Boundaries:
    """The clause boundaries of a whole text, found once."""

    def __init__(self, text: str) -> None:
        self.matches = [
            (m.start(), m.end(), m.lastgroup or "coordinate") for m in _BOUNDARY.finditer(text)
        ]
        self.starts = [m[0] for m in self.matches]

    def segments(self, start: int, end: int) -> list[Segment]:
        """Pieces of text[start:end] between clause boundaries (offsets into the text)."""
        pieces: list[Segment] = []
        cursor, kind = start, "main"
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.matches) and self.matches[i][0] < end:
            m_start, m_end, m_kind = self.matches[i]
            i += 1
            if m_start <= cursor or m_end > end:
                continue
            pieces.append(Segment(cursor, m_start, kind))
            cursor, kind = m_end, m_kind
        pieces.append(Segment(cursor, end, kind))
        return [p for p in pieces if p.end > p.start]


def segments(text: str, start: int, end: int) -> list[Segment]:
    """Pieces of text[start:end] between clause boundaries (offsets into `text`)."""
    return Boundaries(text).segments(start, end)


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


_NEXT_IS_NOUN = re.compile(r"\s+(?:a|an|the|no|many|much|some|\d)\b")
_GOING_TO = re.compile(r"\s+going\s+to\b")


class Words:
    """The words of a text, tokenised once and looked up by span."""

    def __init__(self, text: str) -> None:
        self.text = text
        matches = list(_WORD.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.lower = [m.group().lower() for m in matches]

    def tense(self, start: int, end: int, skip: tuple[tuple[int, int], ...] = ()) -> Tense:
        """Tense of the first finite verb of text[start:end], quoted spans skipped."""
        previous = ""
        past, present = irregular_past(), verb_forms()
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        for i in range(first, last):
            if self.ends[i] > end:
                break
            if skip and any(s <= self.starts[i] < e for s, e in skip):
                previous = ""
                continue
            word = self.lower[i]
            if word in _AUX:
                if word in ("has", "have") and _NEXT_IS_NOUN.match(self.text, self.ends[i]):
                    return "present"  # "has a population", not a perfect
                if word == "is" and _GOING_TO.match(self.text, self.ends[i]):
                    return "future"
                return _AUX[word]
            if "-" in word or previous in _DETERMINERS:
                previous = word
                continue
            if word in past or (word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST):
                return "past"
            if word in present and previous != "to":
                return "present"
            previous = word
        return "none"


def tense(text: str, start: int, end: int, skip: tuple[tuple[int, int], ...] = ()) -> Tense:
    """Tense of the first finite verb of text[start:end], quoted spans skipped."""
    return Words(text).tense(start, end, skip)
