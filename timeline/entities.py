"""Actors and countries: named people, organisations, countries and groups in article text.

The trained recogniser (`timeline.ner`) says where names are and what they are; one regex
pass (see `timeline._gazetteer`) finds gazetteer forms (countries, adjectives, demonyms,
capitals, organisations, titles) and capitalised words. A capitalised word is (part of) a
name inside one of the recogniser's entities, or mid-sentence, or as a camel-case product
("zPod", "zPhone 3G"), the words before a company title ("Hooli Systems CEO"), or a name the
article wrote before ("Vucic" after "Aleksandar Vucic"); "Tensions are rising" is none.
Words of one entity form one name ("Ursula von der Leyen", "Standard & Poor's 500", "New York
Stock Exchange", "Wal-Mart"); the entity's type gives the kind: a person (never under an
organisation's head word: "Canadian Auto Workers"), an organisation, a place (`place`: towns,
regions, US states beside a US place, "Atlanta, Georgia"; never an actor, its country kept),
a group (nationalities) or other. An acronym defined in brackets is the name it defines
("Singapore Airlines (SIA)", later "SIA"); a company is one actor whatever its suffix ("Hooli
Inc.", "Hooli Systems", "Hooli" -> Hooli). References ("the company", "the jet", "the
government", "it", "its", "they"; data/references.csv) become mentions with reference=True
of the most recent compatible name a few sentences back; after a preposition or as "its" they
are no actor.

Tokens separated by one space, or joined by "of"/"for", or by a possessive after a country
("Kosovo's"), form a chunk, read left to right as [country qualifier] [title] [name]:

- "Serbian President Aleksandar Vucic" -> person Aleksandar Vucic, countries (SRB,);
  "Russian Foreign Ministry spokeswoman Maria Zakharova" -> Maria Zakharova (RUS,);
- "Russian Foreign Ministry" -> organisation "Russian Foreign Ministry" (RUS,);
- a title without a name ("Kosovo's prime minister", "the Serbian president") is a role:
  it names the one person of the article with that title and a compatible country, else the
  country (actor); a bare title ("the president") is left out;
- "Kosovo Albanians", "Kosovo Serb": a group of the first country (XKX), never Albania/Serbia;
  after "ethnic" an adjective involves no country, and "ethnic Serbs" is a group without one.

Article-wide: a surname or part of a name stands for the one full name of the article that
holds it (Vucic, Vucic's -> Aleksandar Vucic; Reyes -> Dana Reyes), or, when several hold it,
for the one the article names clearly more often ("Dana" -> Dana Reyes beside a single Dana
Okafor); "Apple" for "Apple Inc." when the article names it so; a person's countries are
those of all their mentions. Generic words before a person's title name their employer
("Hooli CEO Dana Reyes" -> organisation Hooli). A two-word "name" whose first word the article
uses alone in the possessive or as an organisation is no person ("Apple's increasing
frustration" -> "future Apple Macintosh computers" is not someone).

Canonical names: people as first introduced ("Aleksandar Vucic"); countries by their short
name in data/countries.csv ("Serbia", "United States", "Czechia"); organisations by the name
of data/organisations.csv, where acronyms and long forms meet ("NATO", "European Union",
"United Nations", and "RTS" for Radio Television of Serbia, as news writes it).

`actor` (the lead's events use it to tell actors from mere countries involved):
- people, organisations, groups, products: True, except as a hyphenated modifier
  ("NATO-led peacekeepers", "Serb-populated north": False);
- a country named (name or capital) is True, except right after a place preposition
  ("return to Kosovo", "in Moscow": False);
- a country adjective or possessive is True before an acting noun ("German and US officials",
  "Serbia's government"; data/entity_cues.csv, category agent), else False ("Serbian troops").

Sentence-initial capitalised words are names only when the article also writes them
capitalised mid-sentence or never in lower case ("Tensions are rising" is left out); pronouns,
weekdays, months and connectives never are (data/entity_stopwords.csv).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from operator import attrgetter
from typing import Literal

from timeline._gazetteer import LO, UP, Entry, gazetteer
from timeline._tables import read_table, split_list
from timeline.ner import Entity, find_many

__all__ = ["Mention", "country_name", "extract"]

Kind = Literal["person", "organisation", "country", "group", "place", "other"]


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str  # text[start:end] as written ("Serbian President Aleksandar Vucic", "Moscow")
    name: str  # canonical actor name ("Aleksandar Vucic", "Russia")
    kind: Kind
    countries: tuple[str, ...] = ()  # ISO 3166 alpha-3 codes the mention involves
    actor: bool = True  # False for mentions that only involve a country ("Serbian troops")
    type: str = ""  # the recogniser's type (timeline.ner.TYPES), "" where only the rules found it
    reference: bool = False  # a reference to a name named before ("the company", "it")


def country_name(code: str) -> str:
    """English short name of an ISO alpha-3 code ("XKX" -> "Kosovo")."""
    country = gazetteer().countries.get(code.upper())
    if country is None:
        raise KeyError(f"unknown country code {code!r}")
    return country.name


# -- tokens and chunks --------------------------------------------------------------------


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    entry: Entry | None  # None: a generic capitalised word
    kind: str  # the entry's kind; "c" for a generic word (read often: a field, not a property)
    joined: str = ""  # how it joins the token before: "", " ", "of", "'s"


@dataclass(slots=True)
class _Raw:
    """A mention before article-wide resolution."""

    start: int
    end: int
    name: str
    kind: str
    countries: set[str] = field(default_factory=set)
    actor: bool = True
    alias: bool = False  # a single or partial name to resolve against full names
    role: str = ""  # a role phrase to resolve ("prime minister")
    roles: set[str] = field(default_factory=set)  # titles a person is given here
    initial: bool = False
    type: str = ""


_POSSESSIVE = re.compile(r"[’']s ")
_SENT_END = ".!?:;\n"
_OPENING = " \t\"'“‘([«—–-"
_INITIAL_OR_ABBR = re.compile(rf"{UP}|Inc|Corp|Co|Ltd|Jr|Sr|St|Bros")
_TRAILING_NUMBER = re.compile(r" (\d{1,2}(?:[A-Z]{1,3}|[a-z])?)(?![\w%]|[.,]\d)")
_NEXT_WORD = re.compile(
    rf"(?:\s*(?:,|and|or)\s+(?:{UP}[\w.]*|US|U\.S\.))*\s+({LO}[\w-]*)(?:\s+({LO}[\w-]*))?"
)
# The word before a position (perhaps before "the"): (\w+)\s+(?:the\s+)?$ searched in the
# 30 characters before it, read here backwards on the reversed window, where a match anchored
# at its start replaces a search that tried every position of the window.
_PREV_WORD_REVERSED = re.compile(r"\s+(?:eht\s+)?(\w+)")
_PERSONISH = re.compile(rf"{UP}{LO}+(?:[-'’]{UP}?{LO}+)*\.?|{UP}\.")
_DIGIT = re.compile(r"\d")
_MORE_TITLES = re.compile(r",?\s+and\s+[a-z-]+\s+[A-Z]")
_CAMEL = re.compile(rf"(?<![\w-]){LO}{{1,3}}{UP}\w*(?: {UP}\w*)*")
_NUMBER_AFTER = re.compile(r" \d{1,4}(?:-\d{1,4})?[A-Za-z]?(?![\w%]|[.,]\d)")
_CAPITAL_WORD = re.compile(rf"(?<![\w'’]){UP}")
_LOWER_WORD = re.compile(rf"(?<![\w-]){LO}+(?![\w-])")
_ALL_LOWER = re.compile(rf"{LO}+")


class _Model:
    """The recogniser's entities of an article, looked up by position."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = sorted(entities, key=attrgetter("start"))
        self.starts = [e.start for e in self.entities]

    def covering(self, start: int, end: int) -> Entity | None:
        """The entity whose span holds [start, end), if any."""
        i = bisect_right(self.starts, start) - 1
        if i >= 0:
            e = self.entities[i]
            if e.start <= start and end <= e.end:
                return e
        return None


# Titles held in companies: the capitalised words before them name the employer.
_COMPANY_ROLES = frozenset(
    {
        "chair",
        "chief executive",
        "chief operating officer",
        "chief financial officer",
        "chief technology officer",
        "founder",
        "executive",
        "director",
    }
)


@cache
def _employer_pattern() -> re.Pattern[str]:
    titles = sorted(
        (
            w
            for w, e in gazetteer().entries.items()
            if e.kind == "title" and e.name in _COMPANY_ROLES
        ),
        key=len,
        reverse=True,
    )
    alt = "|".join(map(re.escape, titles))
    return re.compile(rf"(?<![\w-])((?:{UP}[\w&'’.-]* )+)(?:{alt})(?![\w-])")


def _named_again(text: str, spans: list[tuple[int, int]], recognised: list[Entity]) -> list[Entity]:
    """Names the recogniser missed: camel-case products ("zPod"), the employer before a
    company title ("Hooli Systems CEO"), and names it found once wherever the article writes
    them again and it did not: a surname alone ("Vucic said") after the full name, an
    organisation's name, a company's short name ("Hooli" after "Hooli Inc.")."""
    gaz = gazetteer()
    stops = gaz.stop_always | gaz.stop_alone
    corporate = gaz.cues.get("corporate", frozenset())
    taken = sorted((e.start, e.end) for e in recognised)
    starts = [a for a, _ in taken]

    def free(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return not (i >= 0 and taken[i][1] > pos)

    out: list[Entity] = []
    for s, e in spans:
        # camel-case product names the news recogniser never saw: "zPod", "eBay", "zPhone 3G"
        for m in _CAMEL.finditer(text, s, e):
            if free(m.start()):
                end = m.end()
                num = _NUMBER_AFTER.match(text, end, e)
                if num:
                    end = num.end()
                out.append(Entity(m.start(), end, text[m.start() : end], "PRODUCT", "", (), "MISC"))
        # the words before a company title name the company: "Hooli Systems CEO Dana Reyes"
        for m in _employer_pattern().finditer(text, s, e):
            words = m.group(1).split()
            if (
                free(m.start())
                and not any(w.lower() in stops for w in words)
                and all(gaz.entries.get(w) is None for w in words)
            ):
                end = m.start() + len(m.group(1).rstrip())
                name = text[m.start() : end]
                out.append(Entity(m.start(), end, name, "ORG", name, (), "ORG"))
    known: dict[str, Entity] = {}
    for x in [*recognised, *out]:
        words = x.text.split()
        if x.label == "PER":
            for word in words:
                if len(word) > 2 and word[0].isupper() and word[-1].isalpha():
                    known.setdefault(word, x)
        elif x.label in ("ORG", "MISC") and len(x.text) > 1:
            if len(words) == 1:
                known.setdefault(x.text, x)
            elif all(w.rstrip(",") in corporate for w in words[1:]):
                known.setdefault(words[0], x)  # "Apple" after "Apple Inc."
    if not known:
        return out
    taken = sorted([*taken, *((x.start, x.end) for x in out)])
    starts = [a for a, _ in taken]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, known)) + r")(?![\w-])")
    for s, e in spans:
        for m in pattern.finditer(text, s, e):
            if not free(m.start()):
                continue
            src = known[m.group()]
            label = src.label
            typ = "PERSON" if label == "PER" else src.type
            out.append(Entity(m.start(), m.end(), m.group(), typ, m.group(), (), label))
    return out


@cache
def _connectors() -> dict[str, str]:
    return {f" {w} ": w for w in gazetteer().cues["connector"]}


def _tokens(
    text: str, start: int, end: int, connectors: dict[str, str], model: _Model
) -> list[_Tok]:
    """Gazetteer forms and the capitalised words the recogniser holds to be (part of) names:
    a capitalised word outside its entities ("Tensions are rising", "However") is none."""
    gaz = gazetteer()
    org_words = gaz.cues["org_word"]
    out: list[_Tok] = []
    for m in gaz.pattern.finditer(text, start, end):
        s, e = m.span()
        entry = gaz.entries[m.group()] if m.lastgroup == "g" else None
        if entry is None and e < end and text[e] == "." and _INITIAL_OR_ABBR.fullmatch(text[s:e]):
            e += 1  # "J." in "J. K. Rowling", "Inc." in "Apple Inc."
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
            and _is_initial(text, s, start)
        ):
            continue
        tok = _Tok(s, e, text[s:e], entry, entry.kind if entry else "c")
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


def _chunks(tokens: list[_Tok]) -> list[list[_Tok]]:
    chunks: list[list[_Tok]] = []
    for tok in tokens:
        if tok.joined and chunks:
            chunks[-1].append(tok)
        else:
            chunks.append([tok])
    return chunks


def _is_initial(text: str, pos: int, floor: int) -> bool:
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


class _LowerWords:
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


# -- reading a chunk ----------------------------------------------------------------------


class _Reader:
    def __init__(self, text: str, lower_words: _LowerWords, floor: int, model: _Model) -> None:
        self.text = text
        self.model = model
        self.gaz = gazetteer()
        self.lower_words = lower_words
        self.floor = floor
        self.cues = self.gaz.cues
        self.raws: list[_Raw] = []

    # words around a chunk
    def _head_noun_is_agent(self, end: int) -> bool:
        m = _NEXT_WORD.match(self.text, end)
        if m is None:
            return False
        agents = self.cues["agent"]
        two = f"{m.group(1)} {m.group(2)}" if m.group(2) else ""
        return m.group(1) in agents or two in agents

    def _after_place_word(self, start: int) -> bool:
        m = _PREV_WORD_REVERSED.match(self.text[max(0, start - 30) : start][::-1])
        return m is not None and m.group(1)[::-1].lower() in self.cues["locative"]

    def _hyphen_modifier(self, end: int) -> bool:
        return end + 1 < len(self.text) and self.text[end] == "-" and self.text[end + 1].islower()

    def _ethnic(self, start: int) -> bool:
        before = self.text[max(0, start - 8) : start]
        return before.rstrip().split(" ")[-1] in self.cues["ethnic"] if before.strip() else False

    def _emit(self, raw: _Raw) -> None:
        self.raws.append(raw)

    # the chunk
    def read(self, chunk: list[_Tok]) -> None:
        if len(chunk) == 1:  # the common case, read directly
            tok = chunk[0]
            if tok.entry is None:
                self._read_generic(chunk, _is_initial(self.text, tok.start, self.floor))
            elif tok.entry.kind not in ("title", "mask"):
                self._read_one(tok)
            return
        # stop words split a chunk; masked multi-word forms ("Latin America") hide their inside
        part: list[_Tok] = []
        for tok in chunk:
            if tok.kind == "mask":
                inside = self.model.covering(tok.start, tok.end)
                if inside and (inside.start < tok.start or inside.end > tok.end):
                    # part of a longer name: "New York Stock Exchange"
                    tok.entry, tok.kind = None, "c"
            is_stop = tok.entry is None and tok.text.lower().rstrip(".") in self.gaz.stop_always
            if is_stop or tok.kind == "mask":
                if part:
                    self._read_part(part)
                part = []
            else:
                part.append(tok)
        if part:
            self._read_part(part)

    def _read_part(self, toks: list[_Tok]) -> None:
        text = self.text
        initial = _is_initial(text, toks[0].start, self.floor)
        # a sentence-initial common word ("Yesterday Apple...") is not part of the name
        if (
            initial
            and toks[0].entry is None
            and len(toks) > 1
            and self.lower_words.has(toks[0].text.lower())
        ):
            toks = toks[1:]
            initial = False
        if toks[0].joined not in ("", " ", "'s"):
            toks[0].joined = ""  # a connector before a stop word
        titles = [i for i, t in enumerate(toks) if t.kind == "title"]
        if titles:
            self._read_titled(toks, titles, initial)
            return
        kinds = [t.kind for t in toks]
        if all(k != "c" for k in kinds):
            self._read_known(toks)
            return
        # generic words, perhaps after a country qualifier ("Russian Foreign Ministry")
        lead = 0
        while (
            lead < len(toks)
            and toks[lead].kind in ("adjective", "country")
            and (lead + 1 < len(toks) and toks[lead + 1].joined in (" ", "'s"))
        ):
            lead += 1
        if lead:
            self._read_qualified(toks[:lead], toks[lead:], initial)
            return
        self._read_generic(toks, initial)

    def _qualifier_codes(self, toks: list[_Tok]) -> set[str]:
        return {
            t.entry.code
            for t in toks
            if t.entry
            and t.entry.code
            and t.kind in ("adjective", "country", "org", "capital")
            and not self._ethnic(t.start)
        }

    def _employer(self, toks: list[_Tok], initial: bool) -> int:
        """Generic words before a person's title name their employer: "Hooli CEO Dana Reyes",
        "Hooli Systems CEO and co-founder Dana Reyes". Returns how many words it took."""
        employer: list[_Tok] = []
        for t in toks:
            if t.entry is not None:
                break
            employer.append(t)
        if employer and not (initial and self.lower_words.has(employer[0].text.lower())):
            self._emit(
                _Raw(
                    employer[0].start,
                    employer[-1].end,
                    " ".join(t.text for t in employer),
                    "organisation",
                    alias=len(employer) == 1,
                    initial=initial,
                )
            )
            return len(employer)
        return 0

    def _read_titled(self, toks: list[_Tok], titles: list[int], initial: bool) -> None:
        last = titles[-1]
        rest = toks[last + 1 :]
        tail: list[_Tok] = []
        if rest and rest[0].joined not in ("", " ", "'s"):
            # "Prime Minister of Kosovo Albin Kurti": the last two words are the name
            tail, rest = (rest[:-2], rest[-2:]) if len(rest) >= 3 else (rest, [])
        org_words = self.cues["org_word"]
        if rest and any(t.text.rstrip(".") in org_words for t in rest):
            self._read_generic(toks, initial)  # "General Motors"
            return
        after = toks[last + 1 :]
        if after and all(t.entry is None for t in after):
            ent = self.model.covering(after[0].start, after[-1].end)
            if ent is not None and ent.label not in ("PER", ""):
                # no person: "chief executive officer of Apple Inc."
                after[0].joined = ""
                self._read_generic(after, False)
                return
        prefix = toks[: last + 1] + tail
        codes = self._qualifier_codes(prefix)
        roles = {t.entry.name for t in toks[: last + 1] if t.entry and t.entry.name}
        start, end = toks[0].start, toks[-1].end
        if rest and all(t.entry is None for t in rest):
            name_toks = [t for t in rest if _PERSONISH.fullmatch(t.text)]
            if len(name_toks) == len(rest) and len(rest) <= 4:
                start = toks[self._employer(toks[: titles[0]], initial)].start
                name = " ".join(t.text for t in rest)
                self._emit(
                    _Raw(start, end, name, "person", codes, roles=roles, alias=len(rest) == 1)
                )
                return
            self._read_generic(rest, False)
            return
        # a title without a name: a role phrase
        entry = toks[last].entry
        if entry and entry.honorific:
            return
        if not rest and _MORE_TITLES.match(self.text, end):
            self._employer(toks[: titles[0]], initial)  # "Hooli Systems CEO and co-founder"
        if codes:
            role = entry.name if entry else ""
            self._emit(_Raw(start, end, "", "role", codes, role=role))

    def _read_known(self, toks: list[_Tok]) -> None:
        """Chunks of gazetteer forms only: countries, adjectives, demonyms, organisations."""
        first = toks[0]
        pair = len(toks) >= 2 and toks[1].kind in ("people", "adjective")
        if pair and first.kind in ("country", "capital", "adjective"):
            # "Kosovo Albanians", "Kosovo Serb police officer": a group of the first country
            second = toks[1]
            if first.entry and second.entry and first.entry.code != second.entry.code:
                country = self.gaz.countries[first.entry.code]
                people = self.gaz.countries[second.entry.code].people
                actor = second.kind == "people" and not self._hyphen_modifier(second.end)
                self._emit(
                    _Raw(
                        first.start,
                        second.end,
                        f"{country.name} {people}",
                        "group",
                        {country.code},
                        actor=actor,
                    )
                )
                for tok in toks[2:]:
                    self._read_one(tok)
                return
        for tok in toks:
            self._read_one(tok)

    def _read_one(self, tok: _Tok) -> None:
        entry = tok.entry
        if entry is None:
            self._read_generic([tok], _is_initial(self.text, tok.start, self.floor))
            return
        s, e = tok.start, tok.end
        modifier = self._hyphen_modifier(e)
        if entry.kind == "org":
            codes = {entry.code} if entry.code else set()
            kind = "group" if entry.org_kind == "group" else "organisation"
            self._emit(_Raw(s, e, entry.name, kind, codes, actor=not modifier))
        elif entry.kind in ("country", "capital"):
            ent = self.model.covering(s, e)
            if (
                ent is not None
                and ent.text == tok.text
                and ent.countries
                and entry.code not in ent.countries
            ):
                # a US state beside a US place, not the country: "Atlanta, Georgia"
                codes = set(ent.countries)
                self._emit(_Raw(s, e, ent.canonical, "place", codes, actor=False, type=ent.type))
                return
            possessive = self.text.startswith(("’s", "'s"), e)
            if possessive:
                actor = self._head_noun_is_agent(e + 2)
            else:
                actor = not modifier and not self._after_place_word(s)
            self._emit(_Raw(s, e, entry.name, "country", {entry.code}, actor=actor))
        elif entry.kind == "people":
            if self._ethnic(s):
                self._emit(_Raw(s, e, f"ethnic {tok.text}", "group", set()))
            else:
                people = self.gaz.countries[entry.code].people
                self._emit(_Raw(s, e, people, "group", {entry.code}, actor=not modifier))
        elif entry.kind == "adjective":
            if self._ethnic(s):
                return
            actor = not modifier and self._head_noun_is_agent(e)
            self._emit(_Raw(s, e, entry.name, "country", {entry.code}, actor=actor))

    def _read_qualified(self, lead: list[_Tok], rest: list[_Tok], initial: bool) -> None:
        org_words = self.cues["org_word"]
        if any(t.text.rstrip(".") in org_words for t in rest):
            codes = self._qualifier_codes(lead)
            if codes:
                # "Russian"/"Russia's Foreign Ministry" -> "Russian Foreign Ministry";
                # a country name as written: "Kosovo Police"
                qualifier = " ".join(
                    t.text
                    if t.kind == "country" and rest[0].joined == " " and t is lead[-1]
                    else self.gaz.countries[t.entry.code].adjective
                    for t in lead
                    if t.entry
                )
                name = qualifier + " " + " ".join(t.text for t in rest)
                modifier = self._hyphen_modifier(rest[-1].end)
                self._emit(
                    _Raw(
                        lead[0].start, rest[-1].end, name, "organisation", codes, actor=not modifier
                    )
                )
                return
        # "Serbia's Vucic", "Russian Gazprom": the country as a modifier, then the name
        for tok in lead:
            if tok.entry and not self._ethnic(tok.start):
                self._emit(
                    _Raw(
                        tok.start, tok.end, tok.entry.name, "country", {tok.entry.code}, actor=False
                    )
                )
        rest[0].joined = ""
        self._read_generic(rest, False)

    def _read_recognised(self, toks: list[_Tok], ent: Entity, initial: bool) -> None:
        """Words inside one of the recogniser's entities: its type gives the kind, its span
        the name where only punctuation, numbers and lower-case words lie beyond the words
        ("Standard & Poor's 500", "A380-800", "Wal-Mart")."""
        text = self.text
        start, end = toks[0].start, toks[-1].end
        before, after = text[ent.start : start], text[end : ent.end]
        if not _CAPITAL_WORD.search(before) and not _CAPITAL_WORD.search(after):
            start, end = ent.start, ent.end
        name = text[start:end]
        if name.startswith(("the ", "The ")):
            start, name = start + 4, name[4:]
        words = name.split()
        if not words:
            return
        low = name.lower().rstrip(".")
        if len(words) == 1 and (low in self.gaz.stop_alone or low in self.gaz.stop_always):
            return
        if len(name.rstrip(".")) == 1:
            return  # a stray initial
        org_words = self.cues["org_word"]
        modifier = self._hyphen_modifier(end)
        codes: set[str] = set(ent.countries)
        alias = False
        if ent.label == "PER":
            # an organisation's head word is never a person: "Canadian Auto Workers"
            if words[-1].rstrip(".") in org_words:
                kind = "organisation"
            else:
                kind, alias = "person", len(words) == 1
        elif ent.label == "ORG" or ent.type == "ORG":
            kind, alias = "organisation", len(words) == 1
        elif ent.type in ("GPE", "LOC"):
            kind = "place"
            modifier = True  # a place is no actor: "in Marrakesh", "MARRAKESH -"
        elif ent.type == "NORP":
            kind = "group"
        else:
            kind = "other"
        self._emit(
            _Raw(
                start,
                end,
                name,
                kind,
                codes,
                actor=not modifier,
                alias=alias,
                initial=initial,
                type=ent.type,
            )
        )

    def _read_generic(self, toks: list[_Tok], initial: bool) -> None:
        text = self.text
        # a gazetteer form in front of generic words is read on its own ("NATO Secretary")
        # (a capital in front is part of the name: "Washington Post", "Paris Hilton")
        while toks and toks[0].entry is not None and toks[0].kind not in ("title", "capital"):
            if toks[0].kind != "mask":
                self._read_one(toks[0])
            toks = toks[1:]
            initial = False
        if not toks:
            return
        start, end = toks[0].start, toks[-1].end
        ent = self.model.covering(start, end)
        if ent is not None:
            self._read_recognised(toks, ent, initial)
            return
        # words the recogniser reads as several names ("London's FTSE 100"): one at a time
        groups: list[list[_Tok]] = []
        last: Entity | None = None
        for t in toks:
            covering = self.model.covering(t.start, t.end)
            if groups and (covering is last or (covering is None and last is None)):
                groups[-1].append(t)
            else:
                groups.append([t])
            last = covering
        if len(groups) > 1:
            for group in groups:
                if len(group) == 1 and group[0].entry is not None:
                    self._read_one(group[0])
                else:
                    group[0].joined = ""
                    self._read_generic(group, initial and group is groups[0])
            return
        if toks[-1].entry is None:
            num = _TRAILING_NUMBER.match(text, end)
            if num:
                end = num.end()
        words = [t.text for t in toks]
        name = text[start:end]
        org_words = self.cues["org_word"]
        codes = (
            {
                t.entry.code
                for t in toks[1:]
                if t.entry
                and t.entry.code
                and t.joined not in ("", " ", "'s")
                and t.kind == "country"
            }
            if len(toks) > 1
            else set()
        )
        modifier = self._hyphen_modifier(end)
        if len(toks) == 1:
            word = toks[0].text
            low = word.lower().rstrip(".")
            if low in self.gaz.stop_alone or low in self.gaz.stop_always:
                return
            if len(word.rstrip(".")) == 1:
                return  # a stray initial
            if end > toks[0].end:
                self._emit(_Raw(start, end, name, "other", codes, actor=not modifier))
                return
            if word.isupper() and len(word) > 1:
                kind = "organisation"
            elif not word[0].isupper() or _DIGIT.search(word):
                kind = "other"  # zPod, zTunes, G7
            else:
                kind = ""  # to be resolved: a surname, a short company name, or other
            self._emit(
                _Raw(
                    start,
                    end,
                    name,
                    kind or "other",
                    codes,
                    actor=not modifier,
                    alias=not kind,
                    initial=initial,
                )
            )
            return
        if any(w.rstrip(".") in org_words for w in words):
            kind = "organisation"
        elif end > toks[-1].end or any(not w[0].isupper() for w in words):
            kind = "other"  # zPhone 3G, Mac OS X
        elif len(toks) <= 4 and all(_PERSONISH.fullmatch(w) for w in words):
            kind = "person"
        else:
            kind = "other"
        self._emit(_Raw(start, end, name, kind, codes, actor=not modifier))


# -- the article --------------------------------------------------------------------------


# The type of a mention the rules found (the recogniser's finer type wins where it has one).
_KIND_TYPES = {
    "person": "PERSON",
    "organisation": "ORG",
    "country": "GPE",
    "group": "NORP",
    "place": "LOC",
    "other": "MISC",
    "role": "PERSON",
}


def _corporate_base(name: str, corporate: frozenset[str]) -> str | None:
    """The short name of a company named with a corporate suffix ("Apple Inc." -> "Apple")."""
    parts = name.split(" ")
    if len(parts) >= 2 and all(p.rstrip(",") in corporate for p in parts[1:]):
        return parts[0]
    return None


def extract(
    text: str, spans: Sequence[tuple[int, int]] | None = None, deadline: float | None = None
) -> list[Mention]:
    """Mentions in `text` (only inside `spans` when given), aliases resolved article-wide.

    `deadline` (a `time.monotonic()` value) bounds the recogniser: past it, TimeoutError."""
    if not text:
        return []
    if spans is None:
        spans = [(0, len(text))]
    gaz = gazetteer()
    raws: list[_Raw] = []
    clean: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = max(0, s), min(len(text), e)
        if e > s:
            clean.append((s, e))
    lower_words = _LowerWords(text, clean)
    connectors = _connectors()
    recognised: list[Entity] = []
    # the reader finds the gazetteer's forms itself: the recogniser alone here
    found_all = find_many(
        (text[s:e] for s, e in clean), ruler="none", deadline=deadline, one_document=True
    )
    for (s, _), found in zip(clean, found_all, strict=True):
        recognised.extend(
            Entity(x.start + s, x.end + s, x.text, x.type, x.canonical, x.countries, x.label)
            for x in found
        )
    extra = _named_again(text, clean, recognised)
    # a longer name found by shape holds the recogniser's pieces of it ("zTunes Store")
    wide = [(x.start, x.end) for x in extra if x.end - x.start > len(x.text.split()[0])]
    recognised = [
        r
        for r in recognised
        if not any(a <= r.start and r.end <= b and (a, b) != (r.start, r.end) for a, b in wide)
    ]
    model = _Model(recognised + extra)
    for s, e in clean:
        reader = _Reader(text, lower_words, s, model)
        for chunk in _chunks(_tokens(text, s, e, connectors, model)):
            reader.read(chunk)
        raws.extend(reader.raws)
    mentions = _resolve(text, raws, gaz.cues["corporate"], gaz.cues["org_word"])
    mentions += _references(text, clean, mentions)
    mentions.sort(key=attrgetter("start", "end"))
    return mentions


@cache
def _reference_words() -> dict[str, tuple[str, ...]]:
    """Reference word -> the kinds of mention it can stand for (data/references.csv)."""
    return {row["word"]: tuple(split_list(row["kinds"])) for row in read_table("references.csv")}


_REFERENCE = re.compile(
    r"(?<![\w-])(?:(?P<the>[Tt]he) (?P<noun>[a-z]+)|(?P<pron>[Ii]ts?|[Tt]hey))(?![\w-])"
)
# "it is expected", "it was unclear": no reference; nor "the company of ...", "the company
# Nordbank" (named right there)
# A subject pronoun stands before its verb ("it said", "they agreed"); "rejected it.", "it is
# expected", "gave it to" are no reference to an actor.
_PRONOUN_VERB = re.compile(
    r"\s+(?:also\s+|then\s+|now\s+)?(?!(?:is|was|has|seems|appears|remains|plus|news|less)\b)"
    r"(?:[a-z]+(?:ed|es|s)|will|would|can|could|may|might|must|should|had|did|does|hopes|"
    r"plans|wants|expects|made|said|told|sold|bought|won|lost|took|gave|began|became|cut|set|put)\b"
)
_NOT_AFTER_NOUN = re.compile(rf"\s+(?:of\b|{UP})")
_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w-])(?:of|at|in|for|from|with|to|on|about|into|over|inside|within)\s+$"
)
# How far back a reference looks for what it stands for (a few sentences).
_REFERENCE_REACH = 400


def _references(
    text: str, spans: Sequence[tuple[int, int]], mentions: list[Mention]
) -> list[Mention]:
    """Mentions for "the company", "the jet", "the government", "it", "its", "they": the most
    recent earlier mention of a compatible kind, within a few sentences."""
    words = _reference_words()
    named = [m for m in mentions if not m.reference]
    starts = [m.start for m in named]
    out: list[Mention] = []
    for s, e in spans:
        for m in _REFERENCE.finditer(text, s, e):
            word = (m.group("noun") or m.group("pron") or "").lower()
            kinds = words.get(word)
            if kinds is None:
                continue
            after = m.end()
            if m.group("noun"):
                if _NOT_AFTER_NOUN.match(text, after):
                    continue
            elif word != "its" and not _PRONOUN_VERB.match(text, after):
                continue
            i = bisect_right(starts, m.start()) - 1
            while i >= 0 and named[i].end > m.start():
                i -= 1  # inside a name
            found = None
            while i >= 0 and m.start() - named[i].end <= _REFERENCE_REACH:
                cand = named[i]
                if cand.kind in kinds:
                    found = cand
                    break
                i -= 1
            if found is None:
                continue
            out.append(
                Mention(
                    m.start(),
                    m.end(),
                    m.group(),
                    found.name,
                    found.kind,
                    found.countries,
                    # "its shares": a possessor, no actor (as "Nordbank's shares"); nor
                    # "CEO of the company", "at the firm"
                    found.kind != "place"
                    and word != "its"
                    and not _PREPOSITION_BEFORE.search(text, max(0, m.start() - 12), m.start()),
                    found.type,
                    True,
                )
            )
    return out


def _most_named(names: set[str], raws: list[_Raw]) -> set[str]:
    """Of several people a part of a name may stand for, the one the article names most often
    by full name or surname ("Dana" where Dana Reyes is named eight times and Dana Okafor
    once); all of them when no one stands out."""
    surnames: dict[str, list[str]] = {}
    for n in names:
        surnames.setdefault(n.rsplit(" ", 1)[-1], []).append(n)
    counts = dict.fromkeys(names, 0)
    for r in raws:
        if r.name in counts:
            counts[r.name] += 1
        elif r.alias and len(surnames.get(r.name, ())) == 1:
            counts[surnames[r.name][0]] += 1
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] > ranked[1]:
        return {max(counts, key=counts.__getitem__)}
    return names


def _resolve(
    text: str, raws: list[_Raw], corporate: frozenset[str], org_words: frozenset[str]
) -> list[Mention]:
    # A word the article uses alone in the possessive is a company or a place, not a given
    # name: "Apple's increasing frustration" makes "future Apple Macintosh computers" no person
    # (news calls people by their surname: "Reyes's email").
    # The same for a company's short name ("Hooli Systems CEO", "Hooli CEO Dana Reyes"), but
    # not for the first word of any organisation ("Bill Gates Foundation").
    # acronyms defined in brackets: "Singapore Airlines (SIA)", then "SIA" alone; what an
    # acronym is defined for is no person ("Fenwick Air Lines (FAL)")
    defined: dict[str, tuple[str, str]] = {}
    for a, b in pairwise(raws):
        if (
            text[a.end : b.start] in (" (", "(")
            and text.startswith(")", b.end)
            and b.name.replace(".", "").isupper()
            and b.name[:1] == a.name[:1]
            and a.kind in ("organisation", "other", "group", "place", "person")
        ):
            if a.kind == "person":
                a.kind = "organisation"
            defined[b.name] = (a.name, a.kind)
    possessive = {r.name for r in raws if r.alias and text.startswith(("'s", "’s"), r.end)}
    for r in raws:
        if r.kind == "organisation":
            short = r.name if " " not in r.name else _corporate_base(r.name, corporate)
            if short:
                possessive.add(short)
    for r in raws:
        if r.kind == "person" and not r.alias and r.name.split(" ", 1)[0] in possessive:
            r.kind = "other"
    # people with a full name, their countries and titles, over the whole article
    people: dict[str, tuple[set[str], set[str]]] = {}
    for r in raws:
        if r.kind == "person" and not r.alias:
            countries, roles = people.setdefault(r.name, (set(), set()))
            countries |= r.countries
            roles |= r.roles
    # role phrases: the one person with that title and a compatible country
    role_of: dict[int, str] = {}
    for i, r in enumerate(raws):
        if r.kind != "role":
            continue
        candidates = [
            n
            for n, (countries, roles) in people.items()
            if r.role in roles and (not countries or countries & r.countries)
        ]
        if len(candidates) == 1:
            role_of[i] = candidates[0]
            people[candidates[0]][0].update(r.countries)
    by_token: dict[str, set[str]] = {}
    for n in people:
        for part in n.split(" "):
            by_token.setdefault(part, set()).add(n)
    # "Apple" for "Apple Inc.", "the Commission" for "European Commission"
    short_orgs: dict[str, set[str]] = {}
    for r in raws:
        if r.kind == "organisation" and not r.alias:
            base = _corporate_base(r.name, corporate)
            if base:
                short_orgs.setdefault(base, set()).add(r.name)
            elif " " in r.name and r.name.rsplit(" ", 1)[1] in org_words:
                short_orgs.setdefault(r.name.rsplit(" ", 1)[1], set()).add(r.name)
    seen_mid = {r.name for r in raws if r.alias and not r.initial}
    org_names = {r.name for r in raws if r.kind == "organisation"}
    # products: "zPhone" for "zPhone 4" when the article names one version only; plurals
    all_names = {r.name for r in raws}
    versions: dict[str, set[str]] = {}
    for r in raws:
        if r.kind == "other" and " " in r.name and r.name.rsplit(" ", 1)[1][:1].isdigit():
            versions.setdefault(r.name.rsplit(" ", 1)[0], set()).add(r.name)

    most_named: dict[str, set[str]] = {}
    out: list[Mention] = []
    for i, r in enumerate(raws):
        name, kind, countries = r.name, r.kind, set(r.countries)
        if name in defined and name not in people:
            name, kind = defined[name]
        elif kind == "role":
            if i in role_of:
                name, kind = role_of[i], "person"
                countries = people[name][0] | countries
            else:
                code = sorted(r.countries)[0]
                name, kind = country_name(code), "country"
        elif r.alias:
            parts = set(name.split(" "))
            full = set.intersection(*(by_token.get(p, set()) for p in parts)) if parts else set()
            full = {n for n in full if n != name}
            if len(full) > 1:
                if name not in most_named:
                    most_named[name] = _most_named(full, raws)
                full = set(most_named[name])
            if len(full) == 1:
                name = full.pop()
                kind = "person"
                countries = people[name][0] | countries
            elif name in people:
                countries = people[name][0] | countries
                kind = "person"
            elif name in short_orgs and len(short_orgs[name]) == 1:
                name, kind = next(iter(short_orgs[name])), "organisation"
            elif kind != "person" and r.initial and not r.type and name not in seen_mid:
                continue  # "Tensions are rising...": a capitalised common word
            elif name in org_names:
                kind = "organisation"  # "Hooli" after "Hooli CEO Dana Reyes"
        elif kind == "person" and name in people:
            countries = people[name][0] | countries
        if kind == "organisation":
            # one actor however the company is called: "Hooli Inc.", "Hooli Systems", "Hooli"
            name = _corporate_base(name, corporate) or name
        if kind == "other" and " " not in name:
            if name.endswith("s") and name[:-1] in all_names:
                name = name[:-1]  # "zPods" -> "zPod"
            if len(versions.get(name, ())) == 1:
                name = next(iter(versions[name]))
        out.append(
            Mention(
                r.start,
                r.end,
                text[r.start : r.end],
                name,
                kind,  # type: ignore[arg-type]
                tuple(sorted(filter(None, countries))) if countries else (),
                r.actor,
                r.type if kind in ("place", "other") and r.type else _KIND_TYPES[kind],
            )
        )
    out.sort(key=attrgetter("start", "end"))
    return out
