"""Regex building blocks of the tagger, assembled from the lexicon tables.

Every rule of `_rules` is one pattern of the master alternation `_engine` compiles; these
fragments keep the rules short and let one change reach every family (a new month
spelling, a new unit word).
The patterns are matched case-sensitively against the lower-cased text (twice as fast as
re.IGNORECASE): write their literals in lower case.
"""

from __future__ import annotations

from timeline.dates._lexicon import (
    APPROX,
    DECADE_WORDS,
    MONTH_ABBR,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    REFS,
    SEASONS,
    SETS,
    TENSE_FUTURE,
    TENSE_PAST,
    UNITS,
    WEEKDAYS,
    YEAR_SIGNALS,
    alt,
)

# Start of a token: not inside a word, not after a currency sign, not after "3." or "1,".
START = r"(?<![\w$£€¥#@/])(?<!\d[.,])"
END = r"(?![\w])"

MONTH_FULL = alt(MONTHS)
MON = rf"(?:{MONTH_FULL}|{alt(MONTH_ABBR)}\.?)(?![a-z])"
WD = rf"{alt(WEEKDAYS)}"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d])(?!,\d)(?!\.\d)"
SEASON = alt(SEASONS)
POD = alt(PARTS_OF_DAY)

UNITS_PL = alt(UNITS, plural=True)

_TEENS = "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUM_WORD = (
    rf"(?:(?:{_TENS})(?:[\s-]+(?:{_ONES}))?|{_TEENS}|{_ONES})(?:[\s-]+(?:hundred|thousand))?(?!\w)"
)
NUM_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
NUM_VAGUE = alt([w for w, v in NUMBERS.items() if not v.isdigit() or " " in w])
NUM = rf"(?:{NUM_VAGUE}|{NUM_DIGITS}|{NUM_WORD}|an?)"
FRACTION = r"(?:\s+1/2|\s+and\s+a\s+half|-and-a-half|\s+½|½)"

ORD_WORD = alt(ORDINALS)
ORD_QUARTER = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
APPROX_P = alt(APPROX)
REF = alt(REFS)
SET_WORD = alt(SETS)
DECADE_WORD = alt(DECADE_WORDS)
YEAR_SIGNAL = alt(YEAR_SIGNALS)

MOD = r"(?:the\s+(?:beginning|start|end|middle|close)\s+of|(?:early|mid|late)(?:[-\s]+in)?)"
REL = (
    r"(?:the\s+full|the\s+entire|the\s+whole|this\s+past|this\s+coming|this|last|next"
    r"|the\s+past|the\s+last|the\s+previous|the\s+preceding|the\s+following|the\s+next"
    r"|the\s+coming|the\s+current|the\s+same|that|the\s+latest|the)"
)

SPELLED_YEAR = (
    rf"(?:nineteen|eighteen|twenty)[\s-]+(?:(?:{_TENS})(?:[\s-]+(?:{_ONES}))?|{_TEENS}|o[\s-]+(?:{_ONES}))(?![\w-])"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_TEENS}|{_ONES}|twenty(?:[\s-]+(?:{_ONES}))?))?(?![\w-])"
)

_FUTURE_WORDS = alt([w for w in TENSE_FUTURE if w != "'ll"])
TENSE_RE = (
    rf"(?P<fut>'ll(?!\w)|(?<![\w']){_FUTURE_WORDS}(?![\w']))"
    rf"|(?<![\w'])(?P<past>{alt(TENSE_PAST)}|[a-z]{{2,}}ed)(?![\w'])"
)
