"""Sentences: split text into sentence spans; abbreviations, quotes and numbers survive.

A regex finds the candidate ends (".", "!", "?", "…" or "..." with any closing quotes and
brackets, followed by white space); a few table-driven rules then decide:

- the next word starts in lower case, with a digit or with ",;:" -> no split
  ("from one hundred to up to 1,000, return", "No. 10", "Dec. 15");
- a single capital letter before "." is an initial -> no split ("J. K. Rowling");
- abbreviations of kind `title` in data/abbreviations.csv never end a sentence ("Mr.", "Gen.",
  "St."); those of kind `end`, dotted acronyms ("U.S.", "U.N.") and ellipses end one only when
  the next word usually starts a sentence (data/sentence_starters.csv: "The", "He", "But"...);
- a blank line always ends a sentence; a single line break is white space.

A "sentence" longer than MAX_SENTENCE characters (a page without a full stop, a list run
together) is cut at its last clause punctuation or space before the limit, so that no stage
downstream ever works on an unbounded span.

Straight double quotes that are spaced on both sides (detokenised text: `downloads. " The`)
close the sentence when it holds an odd number of them. Decimals ("3.5") and "1,000" never
match, as no white space follows the point.
"""

from __future__ import annotations

import re
from functools import cache

from timeline._tables import read_table

__all__ = ["MAX_SENTENCE", "split_sentences"]

# The longest sentence kept whole (news sentences run to a few hundred characters; the
# longest in the bundled and benchmark articles is under 1,000). Each event row repeats its
# sentence, so an unbounded one makes the output grow with the square of the input.
MAX_SENTENCE = 2_000

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
# A terminator run with its closing quotes/brackets, then the white space after it.
# The pattern opens with a character class (the alternatives then look behind at it), so the
# regex engine skips ahead to the next candidate character instead of trying every position.
_CANDIDATE = re.compile(
    r"[.!?…\n](?:(?:(?<=[.!?])[.!?]*|(?<=…))[" + re.escape(_CLOSERS) + r"]*(?=\s)"
    r"|(?<=\n)[ \t]*\n)"
)
_SPACED_QUOTE = re.compile(r'[ \t]+"(?=\s|$)')
_WORD_CHARS = frozenset(".'’-_")
_NEXT_WORD = re.compile(r"\s*[" + re.escape(_OPENERS) + r"]*(\w+|\S)?")
_CONTINUERS = frozenset(",;:-–—")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_LOOKBACK = 40


@cache
def _tables() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    titles = {r["abbreviation"] for r in read_table("abbreviations.csv") if r["kind"] == "title"}
    ends = {r["abbreviation"] for r in read_table("abbreviations.csv") if r["kind"] == "end"}
    starters = {r["word"] for r in read_table("sentence_starters.csv")}
    return frozenset(titles), frozenset(ends), frozenset(starters)


def _word_before(text: str, dot: int) -> str | None:
    """The run of word characters, points, apostrophes and hyphens that ends at the point
    text[dot] (at most `_LOOKBACK` characters back); None if there is none or text[dot] is no
    point ("?."). A backward walk: a regex search tried every position of the window."""
    if text[dot] != ".":
        return None
    floor = max(0, dot - _LOOKBACK)
    i = dot
    while i > floor and ((ch := text[i - 1]).isalnum() or ch in _WORD_CHARS):
        i -= 1
    return text[i:dot] if i < dot else None


def _ends_sentence(text: str, dot: int, after: int, stop: int) -> bool:
    """Whether the terminator run text[dot:after] (white space follows) ends a sentence."""
    titles, ends, starters = _tables()
    first = _NEXT_WORD.match(text, after, stop).group(1)  # type: ignore[union-attr]
    if first is None:
        return True  # end of the span
    if first in _CONTINUERS:
        return False  # '" One more thing... ", the tagline' / "Acme Inc. - and"
    if _YEAR.fullmatch(first) and text[dot:after] == ".":
        # "...was released. 2007 was the year of the zPhone": a year after a plain word
        word = _word_before(text, dot) or ""
        return not (word in titles or word in ends or "." in word or len(word) == 1)
    if not (first[0].isupper() or (first[0].isalpha() and not first.islower())):
        return False  # lower case or a digit; camel case ("zPhone 4 will") starts a sentence
    run = text[dot:after].rstrip(_CLOSERS)
    if run in ("!", "?") or run.endswith(("!", "?")) or run.endswith("?!"):
        return True
    if run in ("...", "…") or (len(run) > 1 and set(run) == {"."}):
        return first in starters
    # a single "." : look at the word before it
    before = _word_before(text, dot)
    if before is None:
        return True
    word = before.lstrip("'’-")
    if after - dot > len(run):  # closing quotes after the point: the quote ended the sentence
        return True
    if len(word) == 1 and word.isupper():
        return first in starters  # an initial ("J. K. Rowling"), unless "AT&T. Many"...
    if word in titles:
        return False
    if word in ends or "." in word:
        return first in starters
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (offsets into `text`) of text[start:end], whitespace trimmed."""
    stop = len(text) if end is None else max(start, min(end, len(text)))
    start = max(0, min(start, stop))
    spans: list[tuple[int, int]] = []
    begin = start
    counted, open_quote = start, False
    for match in _CANDIDATE.finditer(text, start, stop):
        if match.group().startswith("\n"):
            cut, resume = match.start(), match.end()
            counted, open_quote = resume, False
        else:
            after = match.end()
            if not _ends_sentence(text, match.start(), after, stop):
                continue
            cut = after
            # a spaced straight quote closing an open quotation belongs to this sentence
            open_quote ^= text.count('"', counted, after) % 2 == 1
            counted = after
            if open_quote:
                closing = _SPACED_QUOTE.match(text, after, stop)
                if closing:
                    cut = closing.end()
                    counted, open_quote = cut, False
            resume = cut
        _add(text, begin, cut, spans)
        begin = resume
    _add(text, begin, stop, spans)
    return spans


def _add(text: str, begin: int, cut: int, spans: list[tuple[int, int]]) -> None:
    s, e = begin, cut
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    while e - s > MAX_SENTENCE:
        piece = _cut(text, s, s + MAX_SENTENCE)
        spans.append((s, piece))
        s = piece
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        spans.append((s, e))


_CLAUSE_MARKS = (", ", "; ", ": ", " - ", " – ", " — ")


def _cut(text: str, start: int, limit: int) -> int:
    """Where to cut text[start:limit] (too long for a sentence): after its last clause
    punctuation in the second half, else at its last space, else at the limit."""
    floor = start + MAX_SENTENCE // 2
    best = max(text.rfind(mark, floor, limit) for mark in _CLAUSE_MARKS)
    if best > floor:
        return best + 1
    space = max(text.rfind(" ", floor, limit), text.rfind("\n", floor, limit))
    return space if space > floor else limit
