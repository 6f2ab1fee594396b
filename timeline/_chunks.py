"""Tokens and chunks: gazetteer forms and capitalised words, joined into candidate names.

One regex pass (see `timeline._gazetteer`) finds gazetteer forms (countries, adjectives,
demonyms, capitals, organisations, titles) and capitalised words. A capitalised word is kept
inside one of the recogniser's entities, mid-sentence, or after a country as an organisation
word ("Kosovo Police"); "Tensions are rising" is none. Tokens separated by one space, or
joined by "of"/"for" (data/entity_cues.csv, connector), or by a possessive after a country
("Kosovo's"), form a chunk; words of one recognised entity always do ("Law and Justice").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from timeline._gazetteer import LO, UP, Entry, gazetteer
from timeline._recognised import Recognised

__all__ = ["LowerWords", "Token", "connectors", "find_tokens", "group_chunks", "is_initial"]

_POSSESSIVE = re.compile(r"[’']s ")
_SENT_END = ".!?:;\n"
_OPENING = " \t\"'“‘([«—–-"
_INITIAL_OR_ABBR = re.compile(rf"{UP}|Inc|Corp|Co|Ltd|Jr|Sr|St|Bros")
_LOWER_WORD = re.compile(rf"(?<![\w-]){LO}+(?![\w-])")
_ALL_LOWER = re.compile(rf"{LO}+")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    entry: Entry | None  # None: a generic capitalised word
    kind: str  # the entry's kind; "c" for a generic word (read often: a field, not a property)
    joined: str = ""  # how it joins the token before: "", " ", "of", "'s"


@cache
def connectors() -> dict[str, str]:
    return {f" {w} ": w for w in gazetteer().cues["connector"]}


def find_tokens(
    text: str, start: int, end: int, connectors: dict[str, str], model: Recognised
) -> list[Token]:
    """Gazetteer forms and the capitalised words the recogniser holds to be (part of) names:
    a capitalised word outside its entities ("Tensions are rising", "However") is none."""
    gaz = gazetteer()
    org_words = gaz.cues["org_word"]
    out: list[Token] = []
    for m in gaz.pattern.finditer(text, start, end):
        s, e = m.span()
        entry = gaz.entries[m.group()] if m.lastgroup == "g" else None
        if entry is None and e < end and text[e] == "." and _INITIAL_OR_ABBR.fullmatch(text[s:e]):
            e += 1  # "J." in "J. K. Rowling", "Inc." in "Hooli Inc."
        ent = model.covering(s, e) or model.covering(s, m.end())
        if (
            entry is None
            and ent is None
            and not (
                # "Kosovo Police", "Serbian Army": an organisation named by its country
                out
                and out[-1].kind in ("country", "adjective", "capital")
                and text[out[-1].end : s] == " "
                and text[s:e] in org_words
            )
            # a capitalised word mid-sentence the recogniser missed is still a name
            # ("the technology blog Techwire obtained"): read by its shape
            and is_initial(text, s, start)
        ):
            continue
        tok = Token(s, e, text[s:e], entry, entry.kind if entry else "c")
        if out:
            gap = text[out[-1].end : s]
            prev = out[-1]
            prev_ent = model.covering(prev.start, prev.end)
            if ent is not None and prev_ent is ent:
                # one name to the recogniser: "Ursula von der Leyen", "Law and Justice"
                tok.joined = gap.strip() or " "
            elif tok.kind == "c" and prev.kind == "c" and ent and prev_ent:
                pass  # two names side by side ("On Monday Nordbank said")
            elif gap == " " or gap == "\u00a0":
                tok.joined = " "
            elif gap in connectors and prev.kind in ("c", "title") and tok.kind != "title":
                tok.joined = connectors[gap]
            elif prev.kind in ("country", "capital") and _POSSESSIVE.fullmatch(gap):
                tok.joined = "'s"
        out.append(tok)
    return out


def group_chunks(tokens: list[Token]) -> list[list[Token]]:
    chunks: list[list[Token]] = []
    for tok in tokens:
        if tok.joined and chunks:
            chunks[-1].append(tok)
        else:
            chunks.append([tok])
    return chunks


def is_initial(text: str, pos: int, floor: int) -> bool:
    """Whether text[pos] starts a sentence (or a quotation, a line, a span)."""
    i = pos - 1
    while i >= floor and text[i] in _OPENING:
        i -= 1
    if i < floor or text[i] in _SENT_END:
        return True
    return text[i] in "”’\"'" and i > floor and text[i - 1] in ".!?"


def _word_char(ch: str) -> bool:
    """Whether `ch` is matched by [\\w-] (\\w: letters, digits of any script, "_")."""
    return ch.isalnum() or ch == "_" or ch == "-"


class LowerWords:
    """Whether an article writes a word in lower case: a whole word (`_LOWER_WORD`) inside its
    spans. Each word asked about is looked up once with str.find: an article asks about a few
    words, and tokenising it whole cost more."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans
        self.known: dict[str, bool] = {}

    def has(self, word: str) -> bool:
        found = self.known.get(word)
        if found is None:
            found = self.known[word] = self._find(word)
        return found

    def _find(self, word: str) -> bool:
        if not _ALL_LOWER.fullmatch(word):
            return False
        text, n = self.text, len(word)
        for s, e in self.spans:
            i = text.find(word, s, e)
            while i >= 0:
                # the look-behind of _LOWER_WORD sees the text before the span, its
                # look-ahead stops at the span's end
                if (i == 0 or not _word_char(text[i - 1])) and (
                    i + n == e or not _word_char(text[i + n])
                ):
                    return True
                i = text.find(word, i + 1, e)
        return False
