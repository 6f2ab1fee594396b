"""The engine: anchors found token by token, the rules' master regex tried around each anchor,
the handlers run left to right over one `Context`, then the signals pass ("since X",
"between X and Y") widens intervals.

Speed: the rules are tried only at a few tokens before each anchor, only from the first
token a match could cross to reach it, and only those rules that can start with the
character there (see `_candidates`); all three shortcuts give the result of the plain
scan, which a property test checks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import accumulate, compress
from typing import Any

from timeline.dates import Interval, Timex
from timeline.dates._context import Context, Date, Piece, RuleMatch
from timeline.dates._handlers import SINCE_BEFORE, Handler
from timeline.dates._holidays import HOLIDAYS
from timeline.dates._lexicon import (
    DECADE_WORDS,
    LEXICON,
    MONTH_ABBR,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    REFS,
    SEASONS,
    SETS,
    UNIT_PLURALS,
    UNITS,
    WEEKDAYS,
    YEAR_SIGNALS,
)
from timeline.dates._patterns import END, START
from timeline.dates._rules import RULES

__all__ = ["tag_text"]

_PART_YEAR_SPANS = frozenset(("P6M", "P9M"))


Table = dict[str, tuple[Handler, dict[str, int]]]
_GROUP = re.compile(r"\(\?P<(\w+)>")


def _compile(names: frozenset[str] | None = None) -> tuple[re.Pattern[str], Table]:
    """The alternation of the rules (of those in `names`, in the same order) and, for each
    rule, its handler and the group numbers of its named groups."""
    parts = []
    for rule in RULES:
        if names is None or rule.name in names:
            # group names are prefixed with the rule's: the rules reuse names ("mon", "y")
            renamed = _GROUP.sub(rf"(?P<{rule.name}__\1>", rule.pattern)
            parts.append(f"(?P<{rule.name}>{renamed})")
    # matched against the lower-cased text: case-sensitive matching is twice as fast
    big = re.compile(START + "(?:" + "|".join(parts) + ")" + END)
    table: Table = {}
    for rule in RULES:
        prefix = rule.name + "__"
        index = {k[len(prefix) :]: i for k, i in big.groupindex.items() if k.startswith(prefix)}
        table[rule.name] = (rule.handler, index)
    return big, table


# ----------------------------------------------------------------------------- dispatch
# Trying the whole alternation at a position costs one attempt per rule. Most rules can only
# start with a few characters ("the", digits, a month's initial), so each position is tried
# with the rules that can start with its character, in the same order: the same first match,
# for about half the work. The first characters are read off the parsed patterns; an
# unknown construct (or a parser that changed) makes a rule a candidate everywhere.


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The lower-cased characters a match of `pattern` can start with; None if unknown."""
    try:  # the regex parser is CPython's internal one: any surprise means "unknown"
        from re import _constants as sre_c  # type: ignore[attr-defined]
        from re import _parser as sre_p  # type: ignore[attr-defined]

        chars, nullable = _first_seq(sre_p.parse(pattern), sre_c)
    except Exception:
        return None
    return None if chars is None or nullable else frozenset(chars)


def _first_seq(items: Any, k: Any) -> tuple[set[str] | None, bool]:
    """(first characters, may match empty) of a parsed sequence; None: any character."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_op(op, av, k)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_op(op: Any, av: Any, k: Any) -> tuple[set[str] | None, bool]:
    """The same for one parsed item (`k`: the parser's constants)."""
    if op is k.LITERAL:
        return {chr(av).lower()}, False
    if op is k.IN:
        out: set[str] = set()
        for o, a in av:
            if o is k.LITERAL:
                out.add(chr(a).lower())
            elif o is k.RANGE and a[1] - a[0] < 256:
                out.update(chr(x).lower() for x in range(a[0], a[1] + 1))
            elif o is k.CATEGORY and a is k.CATEGORY_DIGIT:
                out.update("0123456789")
            elif o is k.CATEGORY and a is k.CATEGORY_SPACE:
                out.update(" \t\n\r\f\v")
            else:
                return None, False
        return out, False
    if op is k.BRANCH:
        out, empty = set(), False
        for seq in av[1]:
            chars, nullable = _first_seq(seq, k)
            if chars is None:
                return None, False
            out |= chars
            empty = empty or nullable
        return out, empty
    if op is k.SUBPATTERN:
        return _first_seq(av[3], k)
    if op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT):
        chars, nullable = _first_seq(av[2], k)
        return chars, nullable or av[0] == 0
    if op in (k.AT, k.ASSERT, k.ASSERT_NOT):
        return set(), True  # zero width: what follows decides
    return None, False


def _dispatch() -> dict[str, frozenset[str]]:
    """For each ASCII character, the rules that can start with it."""
    firsts = {rule.name: _first_chars(rule.pattern) for rule in RULES}
    return {
        ch: frozenset(n for n, f in firsts.items() if f is None or ch in f)
        for ch in map(chr, range(128))
    }


_DISPATCH = _dispatch()
_SUBMASTERS: dict[frozenset[str], tuple[re.Pattern[str], Table]] = {}
Matcher = tuple[Callable[[str, int], re.Match[str] | None] | None, Table]
_BY_CHAR: dict[str, Matcher] = {}


def _matcher_for(ch: str) -> Matcher:
    """The match function of the rules that can start with `ch` (None: no rule can) and their
    group table; compiled on first use. Other than ASCII: every rule."""
    rules = _DISPATCH.get(ch)
    if rules is None:
        return MASTER.match, TABLE
    if not rules:
        entry: Matcher = (None, TABLE)
    else:
        if rules not in _SUBMASTERS:
            _SUBMASTERS[rules] = _compile(rules)
        pattern, table = _SUBMASTERS[rules]
        entry = (pattern.match, table)
    _BY_CHAR[ch] = entry
    return entry


MASTER, TABLE = _compile()

# ----------------------------------------------------------------------------- scanning
# Running the master alternation at every position is slow; instead the text is cut into
# tokens, and the master pattern is tried only around "anchor" tokens (a month, a unit, a
# year-like number, ...), starting from a few tokens before the anchor so that determiners
# and modifiers ("the past", "nearly", "early") are included.

_TOKEN_SPLIT = re.compile(r"([a-z]+|\d+)")
_DIGIT_ANCHOR = re.compile(
    r"(?<![\w.,])(?:(?:1\d{3}|20\d\d)s?(?![\w,.]\d)|\d+[/-]\d+[/-]\d+|\d{1,2}(?:st|nd|rd|th)"
    r"|\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|\d{1,2}:\d\d|(?<=['’])\d0s\b)"
)
_LOOKBACK = 5


def _anchor_words() -> frozenset[str]:
    words: set[str] = set()
    tables = (MONTHS, MONTH_ABBR, WEEKDAYS, SEASONS, PARTS_OF_DAY, SETS, DECADE_WORDS)
    for table in tables:
        words.update(table)
    words.update(f"{w}s" for w in WEEKDAYS)
    for w in UNITS:
        words.update((w, w + "s", UNIT_PLURALS.get(w, w)))
    stop = {"the", "in", "as", "at", "this", "a", "of", "near", "just", "right", "long", "short"}
    for phrase in REFS:
        words.update(x for x in phrase.split() if x not in stop)
    # a holiday's last word ("christmas", "thanksgiving", the "day" of "labor day"): its
    # first words ("labor", "new") are common, so they are starters, not anchors
    words.update(re.findall(r"[a-z]+", phrase)[-1] for phrase in HOLIDAYS)
    words.update(
        "then yesterday today tomorrow tonight weekend quarter quarters half period fiscal midday"
        " nineteen eighteen thousand noon midnight gmt utc est edt cst cdt pst"
        " pdt bst cet cest eet msk".split()
    )
    return frozenset(words)


_ANCHORS = _anchor_words()
# Words an expression may start with (besides anchors and numbers).
_STARTERS = (
    _ANCHORS
    | frozenset(
        (
            "the this that last next early mid late earlier later in since by until till from to"
            " through during of before after between and or around about approximately nearly"
            " almost some over more less fewer at up no just under roughly within for recent coming"
            " past previous preceding following each every per another an a twice shortly right as"
            " these year its their several few many couple dozen hundred hundreds dozens thousands"
            " number on s future"
        ).split()
    )
    | frozenset(w for w in NUMBERS if " " not in w)
    | frozenset(ORDINALS)
    | frozenset(w for w in YEAR_SIGNALS if w.isalpha())
    | frozenset(re.findall(r"[a-z]+", phrase)[0] for phrase in HOLIDAYS)
)


# Every letter a master match consumes comes from a literal word of the patterns or of the
# lexicon (their \\w classes are all look-arounds), so a match that starts before its anchor
# can only cross tokens of this vocabulary (or their plural in -s), digits and punctuation.
_VOCAB = frozenset(
    re.findall(
        r"[a-z]+",
        " ".join(
            [MASTER.pattern.lower(), *UNIT_PLURALS.values()]
            + [w for table in LEXICON.values() for w in table]
        ),
    )
)


def _crossable(tok: str) -> bool:
    return tok in _VOCAB or tok[0].isdigit() or (tok[-1] == "s" and tok[:-1] in _VOCAB)


def _candidates(low: str) -> Iterator[tuple[re.Match[str], Table]]:
    """Master-pattern matches in the lower-cased text `low` that contain an anchor token,
    left to right, not overlapping, each with the group table of the pattern that matched."""
    parts = _TOKEN_SPLIT.split(low)
    offsets = list(accumulate(map(len, parts)))
    tokens = parts[1::2]
    starts = offsets[0::2][: len(tokens)]
    anchor_pos = list(compress(starts, map(_ANCHORS.__contains__, tokens)))
    # the digit anchors start at a digit token; testing only those is finditer without its
    # scan of every character
    digit_pos = []
    digit_match = _DIGIT_ANCHOR.match
    last_end = 0
    for pos in compress(starts, map(str.isdigit, tokens)):
        if pos >= last_end and (dm := digit_match(low, pos)) is not None:
            digit_pos.append(pos)
            last_end = dm.end()
    if digit_pos:
        anchor_pos = sorted(set(anchor_pos).union(digit_pos))
    by_char = _BY_CHAR
    starters = _STARTERS
    done = 0  # nothing before this offset may be matched again
    for a in anchor_pos:
        if a < done:
            continue
        j = bisect_right(starts, a) - 1
        # a match starting k tokens back must cross tokens k..j-1: stop at the first that
        # no pattern can cross ("in the company's third quarter" starts at "third")
        first = j
        lo = max(0, j - _LOOKBACK)
        while first > lo and _crossable(tokens[first - 1]):
            first -= 1
        for k in range(first, j + 1):
            pos = starts[k]
            if pos < done:
                continue
            if k < j:
                tok = tokens[k]
                if tok not in starters and not tok[0].isdigit():
                    continue
            ch = low[pos]
            match, table = by_char[ch] if ch in by_char else _matcher_for(ch)
            if match is None:
                continue  # no rule starts with this character
            m = match(low, pos)
            if m is not None and m.end() > a:
                yield m, table
                done = m.end()
                break


# ----------------------------------------------------------------------------- passes

_RANGE_OPEN = re.compile(r"(?:between|from)\s+$", re.I)
_RANGE_MID = re.compile(r"^\s*(?:and|to|until|till|through|-|–|—)\s*$", re.I)


def _signals(text: str, pieces: list[Piece], pub: Date | None) -> list[Piece]:
    """Widen intervals by the signals around them: "since X", "between X and Y"."""
    out = list(pieces)
    i = 0
    while i < len(out):
        p = out[i]
        before = text[max(0, p.start - 9) : p.start]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if (
            nxt is not None
            and p.interval is not None
            and nxt.interval is not None
            and _RANGE_MID.match(text[p.end : nxt.start])
            and (_RANGE_OPEN.search(before) or text[p.end : nxt.start].strip() in "-–—")
            and p.interval.start <= nxt.interval.end
        ):
            iv = Interval(p.interval.start, nxt.interval.end, p.interval.precision)
            out[i] = p._replace(interval=iv)
            out[i + 1] = nxt._replace(interval=Interval(iv.start, iv.end, nxt.interval.precision))
            i += 2
            continue
        if (
            p.interval is not None
            and pub is not None
            and SINCE_BEFORE.search(before)
            and p.interval.start <= pub
        ):
            out[i] = p._replace(
                interval=Interval(
                    p.interval.start, max(pub, p.interval.start), p.interval.precision
                ),
                relative=True,
            )
        i += 1
    return out


def tag_text(text: str, published: Date | None) -> list[Timex]:
    """All time expressions of `text` (see the module docstring for the rules)."""
    if not isinstance(text, str) or not text:
        return []
    ctx = Context(text, published)
    pieces: list[Piece] = []
    for m, table in _candidates(ctx.low):
        name = m.lastgroup
        if name is None:
            continue
        handler, index = table[name]
        try:
            got = handler(RuleMatch(m, index, text), ctx)
        except Exception:  # a rule that trips on odd input drops its match, never the article
            got = None
        if not got:
            continue
        for p in got:
            if p.start >= p.end:
                continue
            if p.interval is not None and p.interval.precision == "quarter":
                ctx.focus_q_at = p.end
            elif p.value in _PART_YEAR_SPANS:
                # "In the first nine months, net was...": the report moved on from the quarter
                ctx.focus_q_at = -(10**9)
            if p.interval is not None and p.type == "DATE":
                precision = p.interval.precision
                if precision == "year" and not SINCE_BEFORE.search(
                    text, max(0, p.start - 7), p.start
                ):
                    ctx.year_named = (p.interval.start.year, p.end)  # not "since 1980"
                elif precision == "month":
                    ctx.month_years[p.interval.start.month] = (
                        p.interval.start.year,
                        p.end,
                        1 if published is not None and p.interval.start > published else -1,
                    )
                if p.interval.precision == "day":
                    ctx.focus_day = p.interval.start
                # relative periods ("last year") do not move the focus: "a year earlier"
                # after them compares with the period the story is about; a month named
                # does ("In March, ... The following month, the company put itself up")
                if p.interval.precision not in ("decade", "century") and (
                    not p.relative or p.interval.precision in ("day", "month")
                ):
                    ctx.focus_iv = p.interval
                    ctx.focus_value, ctx.focus_at = p.value, p.end
            pieces.append(p)
    pieces = _signals(text, pieces, published)
    out = []
    for p in pieces:
        iv = p.interval
        if iv is not None and iv.start > iv.end:
            iv = Interval(iv.end, iv.start, iv.precision)
        out.append(Timex(p.start, p.end, text[p.start : p.end], p.type, p.value, iv, p.relative))
    return out
