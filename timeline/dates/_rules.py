"""The rules table: one regex per family of time expression, its handler and an example.

To add a rule: write its pattern here (literals in lower case: patterns see the lower-cased
text; build it from `_patterns`), its handler in `_handlers`, an example phrase it must
match (tests check each one), and a test sentence of its own in tests/test_dates.py. Order
matters: when two rules match at the same place, the earlier one wins.

Span conventions (TimeML): signals ("on", "in", "since", "between") stay outside the span,
determiners and modifiers inside ("the past week", "early 1990", "nearly two years");
adjectival durations drop the determiner ("the two-year deal" -> "two-year"). Signals shape
intervals, not spans: "since 1999" -> span "1999", interval 1999-01-01 .. publication date;
"between 2008 and 2012", "from March to May", "1999-2008" -> two expressions whose
intervals both cover the whole range (see `_engine`).
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.dates._handlers import (
    Handler,
    h_ago,
    h_bare_plural,
    h_century,
    h_day_rel,
    h_dayword,
    h_decade,
    h_dmy,
    h_duration,
    h_fiscal,
    h_holiday,
    h_iso,
    h_mdy,
    h_month,
    h_month_rel_year,
    h_month_year,
    h_nth_day,
    h_ordinal_day,
    h_pod,
    h_quarter,
    h_ref,
    h_rel_month,
    h_rel_unit,
    h_season,
    h_set,
    h_slash,
    h_then,
    h_this_pod,
    h_time,
    h_unit_before,
    h_units_around,
    h_week_of,
    h_weekday,
    h_weekend,
    h_year,
    h_year_adj,
    h_year_end,
    h_year_list,
    h_year_range,
    h_year_subject,
    h_year_words,
)
from timeline.dates._holidays import HOLIDAYS
from timeline.dates._lexicon import DATED_NOUNS, alt
from timeline.dates._patterns import (
    APPROX_P,
    DAY,
    DECADE_WORD,
    FRACTION,
    MOD,
    MON,
    MONTH_FULL,
    NUM,
    ORD_QUARTER,
    ORD_WORD,
    POD,
    REF,
    REL,
    SEASON,
    SET_WORD,
    SPELLED_YEAR,
    UNITS_PL,
    WD,
    YEAR,
    YEAR_SIGNAL,
)

__all__ = ["RULES", "Rule"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One family of expressions: its pattern (named groups read by `handler`) and a phrase
    it matches from the start."""

    name: str
    pattern: str
    handler: Handler
    example: str


_DAYREF_P = (
    rf"(?:(?P<dwd>{WD})|(?P<ddw>yesterday|today|tomorrow)"
    rf"|(?P<dmon>{MON})\s+(?P<dday>{DAY})(?:,?\s+(?P<dy>{YEAR}))?)"
)
_TZ = r"(?:est|edt|cst|cdt|mst|mdt|pst|pdt|gmt|utc|bst|cet|cest|eet|msk|local\s+time)"

# Earlier rules win when two start at the same place. Patterns see the lower-cased text
# (literals in lower case); handlers read the original text through `RuleMatch`.
RULES: list[Rule] = [
    Rule(
        "time",
        rf"(?:(?:around|about|approximately|shortly\s+after|shortly\s+before|just\s+after|just\s+before)\s+)?"
        rf"(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)"
        rf"|(?P<noon>noon|midnight)(?=\s*[,.]?\s*(?:{WD}|yesterday|today|tomorrow|{MON}\s+{DAY}|on\b))"
        rf"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?=\s*{_TZ})"
        rf"|(?P<nsig>at|by|until|till|before|after|from|since|past|around|about)\s+"
        rf"(?P<noon2>noon|midnight)(?![\w-])"
        rf"|(?P<midday>midday)"
        rf"|(?P<hpod>1[0-2]|0?[1-9])\s+(?:o'clock\s+)?in\s+the\s+(?P<tpod>morning|afternoon|evening))"
        rf"(?:\s+{_TZ})?(?:,?\s+(?:on\s+)?{_DAYREF_P})?",
        h_time,
        "9:30 a.m. Monday",
    ),
    Rule(
        "iso",
        r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])",
        h_iso,
        "2019-04-02",
    ),
    Rule(
        "slash",
        r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d)(?![\d/])",
        h_slash,
        "4/2/2019",
    ),
    Rule(
        "month_year",
        rf"(?:(?P<mod>{MOD})[-\s]+)?(?P<mon>{MON})(?:\s+of)?,?\s+(?:(?P<y>{YEAR})|(?P<yw>{SPELLED_YEAR}))",
        h_month_year,
        "late March 2019",
    ),
    Rule(
        "mdy",
        rf"(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MON})\s+(?P<d>{DAY})"
        rf"(?:(?:\s+(?:and|or|&|to|through|until|till)\s+|\s*[-–]\s*)(?P<d2>{DAY})"
        rf"(?!\s*(?:[ap]\.?m\b|o'clock|%|percent)))?(?:,?\s+(?P<y>{YEAR}))?(?!\s*(?:%|percent))",
        h_mdy,
        "Tuesday, March 4, 2019",
    ),
    Rule(
        "week_of",
        rf"the\s+week\s+of\s+(?P<mon>{MON})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?",
        h_week_of,
        "the week of March 6",
    ),
    Rule(
        "holiday",
        rf"(?:(?P<rel>last|next|this)\s+)?(?P<hol>{alt(HOLIDAYS)})(?![\w-])(?:\s+(?P<y>{YEAR}))?",
        h_holiday,
        "last Thanksgiving",
    ),
    Rule(
        "dmy",
        rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MON})(?:,?\s+(?P<y>{YEAR}))?",
        h_dmy,
        "4 March 2019",
    ),
    Rule(
        "month_rel_year",
        rf"(?P<mon>{MONTH_FULL})\s+(?P<rel>this|last|next)\s+year",
        h_month_rel_year,
        "June last year",
    ),
    Rule(
        "quarter",
        rf"(?!(?:recent|coming|future|past)\s+quarters)"
        rf"(?:(?P<det>the\s+latest|the|this|last|next|that)\s+(?!\w+-quarter))?"
        rf"(?P<quals>(?:(?:fiscal|calendar|year-ago|year-earlier|year-before|prior-year|comparable"
        rf"|corresponding|same|latest|current|previous|recent|flat|{YEAR}|(?:this|last|next)\s+year's"
        rf"|{YEAR}'s|fiscal-)[\s-]*){{0,3}})"
        rf"(?:(?P<ord>{ORD_QUARTER})[\s-]+(?P<two>(?<=first\s)two\s+(?=quarters))?)?(?P<unit>quarters?|half"
        rf"|period)(?![\w-])"
        rf"(?P<post>\s+of\s+(?:fiscal\s+)?(?:{YEAR}|(?:this|last|next|the)\s+year)|\s+a\s+year\s+ago"
        rf"|\s+(?:last|this|next)\s+year)?",
        h_quarter,
        "the third quarter",
    ),
    Rule(
        "fiscal",
        rf"(?:fiscal(?:\s+year)?\s+(?P<y>{YEAR})|(?:(?P<rel>the\s+current|the\s+latest|the\s+previous"
        rf"|the\s+next|this|last|next|the)\s+)fiscal\s+year)",
        h_fiscal,
        "fiscal 2019",
    ),
    Rule(
        "decade",
        rf"(?:(?P<the>the)\s+)?(?:(?P<mod>{MOD})[-\s]*)?"
        rf"(?:(?P<dec>1[0-9]\d0|20\d0)'?s|['’](?P<dec2>\d0)['’]?s|(?P<decw>(?:nineteen[\s-]+)?{DECADE_WORD}))",
        h_decade,
        "the early 1980s",
    ),
    Rule(
        "century",
        rf"(?:the\s+)?(?:(?P<mod>{MOD})[-\s]*)?(?:(?P<c>\d{{1,2}}(?:st|nd|rd|th))|(?P<cw>{ORD_WORD}))"
        rf"[\s-]+century",
        h_century,
        "the 19th century",
    ),
    Rule(
        "ago",
        rf"(?:(?P<approx>{APPROX_P})\s+)?(?:(?P<num>{NUM})(?:\s+more)?[\s-]+)?(?P<unit>{UNITS_PL})"
        rf"(?:\s+or\s+(?:so|more|two|three))?\s+(?P<dir>ago|earlier|later|from\s+now|hence)(?![\w-])",
        h_ago,
        "nearly three years ago",
    ),
    Rule(
        "year_adj",
        r"year[-\s](?:ago|earlier|before)(?![\w-])",
        h_year_adj,
        "year-ago",
    ),
    Rule(
        "year_end",
        r"year[-\s]end|year's\s+end",
        h_year_end,
        "year-end",
    ),
    Rule(
        "set",
        rf"(?:(?P<setw>{SET_WORD})"
        rf"|(?:every|each|per)\s+(?:(?P<num>{NUM}|other)\s+)?(?:(?P<wd>{WD})s?|(?P<mon>{MONTH_FULL})"
        rf"|(?P<season>{SEASON})|(?P<unit>{UNITS_PL})))",
        h_set,
        "every Tuesday",
    ),
    Rule(
        "weekend",
        rf"(?P<rel>{REL})\s+weekend",
        h_weekend,
        "this weekend",
    ),
    Rule(
        "day_rel",
        r"(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        r"|the\s+(?:previous|preceding|next|following|same)\s+day|that\s+(?:same\s+)?day"
        r"|the\s+day\s+(?:before|after)"
        r"|(?:the\s+(?:previous|preceding|next|following)|that)\s+(?P<pod>morning|afternoon|evening"
        r"|night))(?![\w-])",
        h_day_rel,
        "the next day",
    ),
    Rule(
        "unit_before",
        r"the\s+(?P<unit>year|month|week)\s+(?P<ba>before|after)(?![\w-])(?!\s+(?:last|next)\b)",
        h_unit_before,
        "the year before",
    ),
    Rule(
        "units_around",
        r"the\s+(?P<unit>days|weeks)(?=\s+(?P<ba>before|after|leading\s+up\s+to|following"
        r"|preceding)\s+(?!(?:last|next|this)\b))",
        h_units_around,
        "the days before the vote",
    ),
    Rule(
        "rel_month",
        rf"(?:(?P<mod>{MOD}|earlier|later)\s+)?(?P<rel>this\s+past|this\s+coming|this|last|next)\s+"
        rf"(?P<mon>{MONTH_FULL})",
        h_rel_month,
        "last March",
    ),
    Rule(
        "weekday",
        rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?:(?P<rel>this\s+past|this\s+coming|this|last|next"
        rf"|the\s+previous|the\s+preceding|the\s+following)\s+)?(?P<wd>{WD})(?P<plural>s(?!\w))?"
        rf"(?:\s+(?P<pod>{POD}s?))?(?![\w-])",
        h_weekday,
        "Tuesday morning",
    ),
    Rule(
        "dayword",
        rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<dw>yesterday|today|tomorrow|tonight)"
        rf"(?:\s+(?P<pod>{POD}))?",
        h_dayword,
        "late yesterday",
    ),
    Rule(
        "this_pod",
        rf"(?:(?:early|late|earlier|later)\s+)?(?P<rel>this|last)\s+(?P<pod>{POD})",
        h_this_pod,
        "this morning",
    ),
    Rule(
        "pod",
        r"(?P<prep>in|by|at|during|until|after|before)\s+(?:(?P<mod>early|late|mid)[-\s]*)?"
        r"(?:the\s+)?(?P<pod>morning|afternoon|evening)(?:\s+(?P<dw>yesterday|today|tomorrow))?"
        r"(?![\w-])",
        h_pod,
        "by early afternoon",
    ),
    Rule(
        "year_words",
        rf"(?:the\s+year\s+)?(?P<yw>{SPELLED_YEAR})(?![\s-]+{UNITS_PL}(?![\w-]))",
        h_year_words,
        "nineteen ninety-five",
    ),
    Rule(
        "rel_unit",
        rf"(?:(?P<mod>{MOD}|earlier|later)(?:\s+in)?\s+)?(?P<rel>{REL})\s+(?P<fiscal>fiscal\s+)?"
        rf"(?P<unit>week|month|year|decade|century|day)(?![\w-])(?P<ended>(?=\s+end(?:ed|ing)))?",
        h_rel_unit,
        "later this month",
    ),
    Rule(
        "season",
        rf"(?:(?P<prep>in|during|by|since|until|through)\s+)?(?:(?P<rel>this\s+past|this\s+coming|this|last"
        rf"|next|the\s+past|the\s+coming|the)\s+)?(?:(?P<mod>{MOD})[-\s]+)?(?P<s>{SEASON})"
        rf"(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<yw>{SPELLED_YEAR}))|\s+(?P<y3>{YEAR}))?(?![\w-])",
        h_season,
        "last summer",
    ),
    Rule(
        "year_range",
        rf"(?:(?P<sig>{YEAR_SIGNAL})\s+)?(?P<y>{YEAR})\s*[-–—]\s*"
        rf"(?P<y2>{YEAR}|\d\d(?![\d%]))(?!\s*(?:%|percent))",
        h_year_range,
        "from 2008-2012",
    ),
    Rule(
        "year_list",
        rf"(?P<y>{YEAR})(?=(?:,\s*{YEAR})*,?\s+(?:and|or)\s+{YEAR}(?![\d%]))",
        h_year_list,
        "1994, 1995 and 1997",
    ),
    Rule(
        "year",
        rf"(?:(?P<mod>{MOD})[-\s]+|(?P<sig>{YEAR_SIGNAL}|(?<=['’])s)[\s-]+)(?P<y>{YEAR})"
        rf"(?!\s*(?:%|percent|per\s+cent|people|troops|soldiers|votes|times|km|miles|meters|metres|feet))",
        h_year,
        "in 1998",
    ),
    Rule(
        "year_poss",
        rf"(?P<y>{YEAR})(?='s\s)",
        h_year,
        "2019's election",
    ),
    Rule(
        "year_noun",
        rf"(?P<y>{YEAR})(?=\s+(?:{alt(DATED_NOUNS)}|earnings|results|season|elections|campaigns)"
        r"(?![\w-]))",
        h_year,
        "2019 campaign",
    ),
    Rule(
        "year_subject",
        rf"(?P<y>{YEAR})(?=\s+(?:was|is|will|saw|brought|marked|proved|became|began|ended)\b)",
        h_year_subject,
        "2007 was",
    ),
    Rule(
        "duration",
        rf"(?:(?P<anchor>the\s+(?:past|last|next|first|previous|coming|following|latest"
        rf"|final|initial|remaining)|the|another|an?\s+additional|an?\s+extra)\s+)?"
        rf"(?:(?P<approx>{APPROX_P})\s+)?(?:(?P<num0>{NUM})\s+(?:to|or|-)\s+)?(?P<num>{NUM})"
        rf"(?P<frac>{FRACTION})?[\s-]+"
        rf"(?:(?:more|additional|full|straight|consecutive|trading|business|calendar|long)\s+)?"
        rf"(?P<unit>{UNITS_PL})(?P<frac2>\s+and\s+a\s+half)?(?:-(?:old|long))?"
        rf"(?:\s+or\s+(?:so|two|three|more))?(?![\w-])(?!\s+old\b)",
        h_duration,
        "the past two years",
    ),
    Rule(
        "bare_plural",
        r"(?:(?P<pre>recent|coming|the\s+coming|future|past)\s+(?P<unit2>years|months|weeks|days|decades"
        r"|quarters)|(?P<unit3>years|months|weeks|days|decades|centuries|hours)-(?:long|old)"
        r"|the\s+(?P<unit4>years|months|weeks|days|decades)\s+ahead(?![\w-])"
        r"|(?P<over>over|through)\s+the\s+(?P<unit5>years|decades|centuries)(?![\w-])"
        r"(?!\s+(?:ahead|of|to\s+come)\b)"
        r"|(?:(?P<prep>for|over|in|within)\s+)?"
        r"(?P<unit>years|months|weeks|decades|centuries)(?=\s*(?:[,.;]|and|or|of\b|to\s+come)))",
        h_bare_plural,
        "recent years",
    ),
    Rule(
        "month",
        rf"(?:(?P<prep>in|since|by|until|till|from|to|through|during|of|before|after|between|and"
        rf"|the(?=\s+{MONTH_FULL}\s+[a-z]))\s+)?(?:(?P<mod>{MOD})[-\s]+)?(?:(?P<rel>this)\s+)?(?P<mon>{MONTH_FULL})(?![\w-])"
        r"(?!\.?\s*(?:\d|(?:this|last|next)\s+year))",
        h_month,
        "in March",
    ),
    Rule(
        "ref",
        rf"(?P<ref>{REF})(?![\w-])",
        h_ref,
        "recently",
    ),
    Rule(
        "nth_day",
        rf"the\s+(?:{ORD_WORD}|\d{{1,3}}(?:st|nd|rd|th))\s+(?:straight\s+|consecutive\s+)?day"
        r"(?=\s+(?:of|in\s+a\s+row)\b)",
        h_nth_day,
        "the second day of",
    ),
    Rule(
        "then",
        r"(?P<sig>until|till|by|since|before|after)\s+then(?![\w-])",
        h_then,
        "until then",
    ),
    Rule(
        "ordinal_day",
        r"(?:(?P<on>on|by|until|since|from|before|after|to)\s+)?the\s+"
        r"(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?![\w])(?!\s+[A-Za-z])",
        h_ordinal_day,
        "on the 15th",
    ),
]
