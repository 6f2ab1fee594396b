"""The clauses stage: a sentence cut into clauses, quoted material and the tense of a clause's
first finite verb.

Clause splitting is deliberately shallow: a sentence is cut before the connectives of
`BOUNDARIES`, and a piece after the first becomes a clause of its own (an event) only when it
carries its own date; every other piece stays with the main clause. A piece without a verb of
its own is a phrase of the piece before it ("but will be free to anyone with a zPhone 4 | until
September 30" is one clause). The tense of a main clause is that of its first piece with a
verb, never of a relative clause ("...the animation studio Nimbus, which was founded by current
Hooli CEO Dana Reyes" is no past event). A noun that a time expression qualifies is a clause
of its own, of that date ("its 1990 invasion"). `Clauses` reads one article's sentences
(`timeline.document.Clause`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from timeline._dating import Dater, Dating
from timeline._event_lexicon import event_lexicon, irregular_past, verb_forms
from timeline._spans import Span
from timeline.document import Clause, ClauseKind, Sentence

__all__ = [
    "Boundaries",
    "Clauses",
    "Quotes",
    "Segment",
    "Words",
    "quoted_spans",
    "segments",
    "tense",
]

Tense = Literal["past", "perfect", "present", "future", "modal", "none"]

# Where a sentence may be cut: before a connective, with the punctuation it needs before it
# ("," required, "" none, "?" either); a ";" always cuts. The connective starts the new piece.
# kind "when" marks relative clauses of time, which take the time of the expression before them;
# kind "complement" ("that" after a verb of saying) opens the reported clause, whose own time
# expression does not date the saying ("Dana announced that Lattice OS 9 would be released
# in 2007").
BOUNDARIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("when", ",", ("when", "by which time")),
    ("relative", ",", ("who", "whose", "where")),
    ("relative", "?", ("which",)),
    ("subordinate", "?", ("after", "before", "while", "until", "following", "whereas")),
    ("coordinate", ",", ("and", "but", "then", "as")),
    ("coordinate", "", ("and he", "and she", "and they", "but he", "but she", "but they")),
    ("adverbial", ",", ("in", "on", "at", "by", "during", "since", "from", "the following")),
    ("complement", "", ("that",)),
)


@cache
def _boundary() -> tuple[re.Pattern[str], dict[tuple[str, str], str], re.Pattern[str]]:
    """The boundary pattern (one pass over a text), the kind of each (punctuation, connective)
    and the verbs of saying that a complement "that" must follow."""
    kinds: dict[tuple[str, str], str] = {}
    for kind, punctuation, words in BOUNDARIES:
        for word in words:
            for p in {",": (",",), "": ("",), "?": ("", ",")}[punctuation]:
                kinds[(p, word)] = kind

    def alternatives(p: str) -> str:
        words = sorted({w for q, w in kinds if q == p}, key=len, reverse=True)
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)

    # The connectives after a comma and those without one are apart, so that the frequent
    # "in", "on", "and" match only after a comma.
    # Every alternative opens with a literal character (the empty group "semi" marks a ";"
    # after it), so the regex engine skips ahead to the next "," ";" space or line break
    # instead of trying each position.
    without = alternatives("")
    pattern = re.compile(
        rf",\s+(?=(?P<w>{alternatives(',')})\b)"
        rf"| \s*(?=(?P<v>{without})\b)"
        rf"|\n\s*(?=(?P<n>{without})\b)"
        rf"|;(?P<semi>)\s+"
    )
    saying = sorted(
        {w for w, t in event_lexicon().single.items() if t == "STATEMENT" and not w.endswith("ing")}
    )
    verb_before = re.compile(rf"\b(?:{'|'.join(map(re.escape, saying))})$")
    return pattern, kinds, verb_before


_RESUME = re.compile(r",\s+([a-z]+)\b")


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    kind: str  # the boundary that opened it; "main" for the first piece


class Boundaries:
    """The clause boundaries of a whole text, found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.past = irregular_past()
        pattern, kinds, verb_before = _boundary()
        self.matches: list[tuple[int, int, str]] = []
        for m in pattern.finditer(text):
            if m.group("semi") is not None:
                self.matches.append((m.start(), m.end(), "coordinate"))
                continue
            if m.group("w"):
                kind = kinds[(",", " ".join(m.group("w").split()))]
            else:
                kind = kinds[("", " ".join((m.group("v") or m.group("n")).split()))]
            if kind == "complement" and not verb_before.search(
                text, max(0, m.start() - 12), m.start()
            ):
                continue
            self.matches.append((m.start(), m.end(), kind))
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
        return [q for p in pieces if p.end > p.start for q in self._close_relative(p)]

    def _close_relative(self, piece: Segment) -> list[Segment]:
        """A relative clause set off by commas ends where the clause it qualifies goes on
        with its verb: "The airline, whose jet first flew in 2005, | cancelled an order"."""
        if piece.kind != "relative":
            return [piece]
        for m in _RESUME.finditer(self.text, piece.start, piece.end):
            word = m.group(1)
            if word in self.past or (
                word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST
            ):
                return [
                    Segment(piece.start, m.start(), "relative"),
                    Segment(m.start(1), piece.end, "resume"),
                ]
        return [piece]


def segments(text: str, start: int, end: int) -> list[Segment]:
    """Pieces of text[start:end] between clause boundaries (offsets into `text`)."""
    return Boundaries(text).segments(start, end)


_QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


_CLOSE_QUOTE = re.compile(r"[”\"]")


def quoted_spans(
    text: str, start: int, end: int, inside: bool = False
) -> tuple[tuple[int, int], ...]:
    """Spans of quoted speech inside text[start:end] (an unclosed quote runs to the end).

    `inside`: the sentence starts within a quotation opened before it, which its first closing
    quote ends ("We are going to move the digital hub ... into the cloud, " said Dana Reyes).
    """
    spans: list[tuple[int, int]] = []
    if inside:
        close = _CLOSE_QUOTE.search(text, start, end)
        if close is None:
            return ((start, end),)
        spans.append((start, close.end()))
        start = close.end()
    spans.extend([m.span() for m in _QUOTE.finditer(text, start, end)])
    return tuple(spans)


_QUOTE_MARK = re.compile(r"[“”\"\n]")


class Quotes:
    """Where quotation marks stand in a text, to tell whether a position lies inside a
    quotation opened earlier in its paragraph (news runs a quote over several sentences)."""

    def __init__(self, text: str) -> None:
        # For each mark: whether a quotation is open right after it (straight quotes toggle,
        # the last curly quote decides, a line break closes everything).
        self.marks: list[int] = []
        self.open: list[bool] = []
        straight, curly = False, False
        for m in _QUOTE_MARK.finditer(text):
            ch = m.group()
            if ch == "\n":
                straight, curly = False, False
            elif ch == '"':
                straight = not straight
            else:
                curly = ch == "“"
            self.marks.append(m.start())
            self.open.append(straight or curly)

    def inside(self, position: int) -> bool:
        i = bisect.bisect_left(self.marks, position) - 1
        return i >= 0 and self.open[i]

    def marked(self, start: int, end: int) -> bool:
        """Whether text[start:end] holds a quotation mark (or a line break)."""
        i = bisect.bisect_left(self.marks, start)
        return i < len(self.marks) and self.marks[i] < end


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
    # negated: "Iraq hasn't unleashed its stockpile" is no past event
    **dict.fromkeys(("wouldn't", "couldn't", "shouldn't", "can't", "mustn't"), "modal"),
    **dict.fromkeys(("isn't", "aren't", "doesn't", "don't"), "present"),
    **dict.fromkeys(("wasn't", "weren't", "didn't", "hadn't"), "past"),
    **dict.fromkeys(("hasn't", "haven't"), "perfect"),
}
_NOT_PAST = frozenset("need speed seed feed indeed proceed exceed succeed red bed shed".split())


_NEXT_IS_NOUN = re.compile(r"\s+(?:a|an|the|no|many|much|some|\d)\b")
_GOING_TO = re.compile(r"\s+going\s+to\b")
# the next word, an adverb ("also", "sharply") skipped
_NEXT_WORD = re.compile(r"\s+(?:(?:also|still|just|then|[a-z]+ly)\s+)?([A-Za-z]+)\b")


class Words:
    """Reads the words of a text span by span, up to the first finite verb (a clause's tense
    is decided by its first few words, so the text is never tokenised whole)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.past = irregular_past()
        self.present = verb_forms()

    def tense(self, start: int, end: int, skip: tuple[tuple[int, int], ...] = ()) -> Tense:
        """Tense of the first finite verb of text[start:end], quoted spans skipped."""
        previous = ""
        previous_capital = False
        title_case: bool | None = None  # worked out only when a capitalised verb form is met
        past, present, text = self.past, self.present, self.text
        for match in _WORD.finditer(text, start, end):
            if skip and _inside(match.start(), skip):
                previous = ""
                previous_capital = False
                continue
            capital = match.group()[0].isupper()
            after_capital, previous_capital = previous_capital, capital
            word = match.group().lower().replace("’", "'")
            if word in _AUX:
                if word in ("has", "have") and _NEXT_IS_NOUN.match(text, match.end()):
                    return "present"  # "has a population", not a perfect
                if word == "is" and _GOING_TO.match(text, match.end()):
                    return "future"
                return _AUX[word]
            if "-" in word or previous in _DETERMINERS:
                previous = word
                continue
            if word in past or (word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST):
                return "past"
            if word in present and previous != "to":
                if capital and after_capital and word.upper() != match.group():
                    # a capitalised word after another inside running text continues a name
                    # ("the Hooli Builders Summit", "the Open Arms Fund"); in a title-case
                    # headline ("Kosovo Serbs Erect Barricades") it is the verb
                    if title_case is None:
                        title_case = _title_case(text, start, end)
                    if not title_case:
                        previous = word
                        continue
                after = _NEXT_WORD.match(text, match.end(), end)
                following = after.group(1).lower() if after else ""
                if following in past or (
                    following.endswith("ed") and len(following) > 4 and following not in _NOT_PAST
                ):
                    # a noun that could be a verb, its verb next: "Sales rose", "LIN shares
                    # soared", "Profit also fell"
                    previous = word
                    continue
                return "present"
            previous = word
        return "none"


def _title_case(text: str, start: int, end: int) -> bool:
    """text[start:end] is a title-case headline: no word of four letters or more is all in
    lower case ("Kosovo Serbs Erect Barricades on Roads", "Hooli Unveils zPhone")."""
    words = [m.group() for m in _WORD.finditer(text, start, end)]
    return len(words) >= 3 and not any(len(w) >= 4 and w.islower() for w in words)


_END = 1 << 62  # past any offset: (position, _END) sorts after every span starting at position


def _inside(position: int, spans: tuple[tuple[int, int], ...]) -> bool:
    # Spans are sorted and disjoint (quotations in text order): a binary search, since a
    # sentence may hold thousands of quotations and every word asks.
    i = bisect.bisect_right(spans, (position, _END)) - 1
    return i >= 0 and position < spans[i][1]


def tense(text: str, start: int, end: int, skip: tuple[tuple[int, int], ...] = ()) -> Tense:
    """Tense of the first finite verb of text[start:end], quoted spans skipped."""
    return Words(text).tense(start, end, skip)


# -- the clauses of an article -------------------------------------------------------------


class Clauses:
    """The clauses of one article's headline and sentences. The text's clause boundaries and
    quotation marks are found once; `dater` tells which pieces carry their own date."""

    def __init__(self, text: str, dater: Dater) -> None:
        self.text = text
        self.dater = dater
        self.words = Words(text)
        self.boundaries = Boundaries(text)
        self.quotes = Quotes(text)

    def headline(self, title: Sentence) -> list[Clause]:
        """The title as one clause, with the date of its own time expression if it names
        one (the dates stage gives it the publication day otherwise)."""
        start, end = title.start, title.end
        quotes = quoted_spans(self.text, start, end) if self.quotes.marked(start, end) else ()
        verb_tense = self.words.tense(start, end, quotes)
        anchors = self.dater.anchors(start, end, quotes)
        own = self.dater.own(anchors, verb_tense)
        clause = self._clause(
            title, "headline", start, end, [(start, end)], quotes, verb_tense, own
        )
        return [clause] if clause else []

    def sentence(self, sentence: Sentence) -> list[Clause]:
        """The main clause of a sentence, then its pieces apart (those after the first that
        carry their own date: "stationed in Kosovo since 1999, | when the Western alliance
        pushed out Serb troops")."""
        start, end = sentence.start, sentence.end
        inside = self.quotes.inside(start)
        # most sentences hold no quotation mark: no quotation to look for
        marked = inside or self.quotes.marked(start, end)
        quotes = quoted_spans(self.text, start, end, inside) if marked else ()
        if not self.dater.timexes.within(start, end):
            # No time expression: no piece goes apart, only the main clause's tense matters
            # (read piece by piece until it is known).
            main_tense = "none"
            for piece in self.boundaries.segments(start, end):
                if piece.kind != "relative":
                    main_tense = self.words.tense(piece.start, piece.end, quotes)
                    if main_tense != "none":
                        break
            spans = self._main_spans(start, end, [])
            main_end = spans[-1][1] if spans else start
            main = self._clause(
                sentence, "main", start, main_end, spans, quotes, main_tense, timed=False
            )
            return [main] if main else []
        pieces = self._pieces(start, end, quotes)
        # Pieces after the first that carry their own anchor become events of their own.
        apart: list[tuple[Segment, str, Dating]] = []
        for k, (piece, verb_tense) in enumerate(pieces[1:], start=1):
            anchors = self.dater.anchors(piece.start, piece.end, quotes)
            if verb_tense == "none":
                continue  # no verb of its own: the first piece, a phrase ("Yesterday, at DevCon")
            dating = self.dater.own(anchors, verb_tense)
            if dating is None and piece.kind == "when":
                previous = pieces[k - 1][0]
                before = self.dater.anchors(previous.start, previous.end)
                if before and self.text[before[-1].end : piece.start].strip(" ,") == "":
                    dating = self.dater.when(before[-1])
            if dating is not None:
                apart.append((piece, verb_tense, dating))
        main_tense = _main_tense(pieces, {p for p, _, _ in apart})
        if apart and main_tense == "none":
            # The main clause would keep no verb ("Yesterday, at this year's DevCon, Reyes
            # unveiled zPhone 4"): the first piece apart stays with it.
            apart = apart[1:]
            main_tense = _main_tense(pieces, {p for p, _, _ in apart})
        holes = [(p.start, p.end) for p, _, _ in apart]
        # a source named at the end, when the rest has its own date, is an event apart
        # ("Hernandez was kidnapped at 10 p.m. Wednesday, police said")
        told = self.dater.attribution(start, end, quotes)
        if told is not None and not any(s <= told[0][0] < e for s, e in holes):
            holes.append(told[0])
        main_spans = self._main_spans(start, end, holes)
        # The main clause runs from the sentence's start to its last own piece, so a piece
        # apart in the middle of a sentence lies inside it (offsets stay contiguous).
        main_end = main_spans[-1][1] if main_spans else start
        out = [self._clause(sentence, "main", start, main_end, main_spans, quotes, main_tense)]
        for piece, verb_tense, dating in apart:
            span = [(piece.start, piece.end)]
            out.append(
                self._clause(
                    sentence, "apart", piece.start, piece.end, span, quotes, verb_tense, dating
                )
            )
        if told is not None and told[0] in holes:
            (t_start, t_end), dating = told
            out.append(
                self._clause(
                    sentence, "apart", t_start, t_end, [(t_start, t_end)], quotes, "past", dating
                )
            )
        # A noun a time expression qualifies is an event of its own, of that date ("its 1990
        # invasion", "a third-quarter net loss" reported later).
        for (n_start, n_end), dating in self.dater.nouns(start, end, quotes):
            span = [(n_start, n_end)]
            out.append(
                self._clause(sentence, "apart", n_start, n_end, span, quotes, "none", dating)
            )
        return [c for c in out if c is not None]

    def _clause(
        self,
        sentence: Sentence,
        kind: ClauseKind,
        start: int,
        end: int,
        spans: Sequence[Span],
        quotes: tuple[Span, ...],
        verb_tense: str,
        own: Dating | None = None,
        timed: bool = True,
    ) -> Clause | None:
        """The clause text[start:end], trimmed; None for an empty one, except a main clause,
        which moves the dating ladder on all the same."""
        start, end = _trim(self.text, start, end)
        if end <= start and kind != "main":
            return None
        return Clause(start, end, sentence, kind, tuple(spans), quotes, verb_tense, timed, own)

    def _pieces(self, start: int, end: int, quotes: tuple[Span, ...]) -> list[tuple[Segment, str]]:
        """The pieces of a sentence with their tense; a piece without a verb of its own is a
        phrase of the piece before it ("but will be free to anyone with a zPhone 4 | until
        September 30" is one clause)."""
        out: list[tuple[Segment, str]] = []
        for piece in self.boundaries.segments(start, end):
            verb_tense = self.words.tense(piece.start, piece.end, quotes)
            if out and verb_tense == "none" and out[-1][1] != "none":
                before = out[-1][0]
                out[-1] = (Segment(before.start, piece.end, before.kind), out[-1][1])
            else:
                out.append((piece, verb_tense))
        return out

    def _main_spans(self, start: int, end: int, holes: list[Span]) -> list[Span]:
        return [
            span
            for span in _subtract((start, end), holes)
            if self.text[span[0] : span[1]].strip(" ,;.")
        ]


def _main_tense(pieces: Sequence[tuple[Segment, str]], apart: set[Segment]) -> str:
    """The tense of the main clause: of its first piece with a verb, never of a relative
    clause ("Other plans for the video section involve the animation studio Nimbus, which was
    founded by current Hooli CEO Dana Reyes" is no past event)."""
    for piece, tense in pieces:
        if piece not in apart and tense != "none" and piece.kind != "relative":
            return tense
    return "none"


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _subtract(span: Span, holes: Sequence[Span]) -> list[Span]:
    out: list[Span] = []
    cursor = span[0]
    for s, e in sorted(holes):
        if s > cursor:
            out.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < span[1]:
        out.append((cursor, span[1]))
    return out
