"""Name shapes: how one chunk of words reads as people, organisations, countries or groups.

A chunk is read left to right as [country qualifier] [title] [name]:

- "Serbian President Aleksandar Vucic" -> person Aleksandar Vucic, countries (SRB,);
  "Russian Foreign Ministry spokeswoman Maria Zakharova" -> Maria Zakharova (RUS,);
- "Russian Foreign Ministry" -> organisation "Russian Foreign Ministry" (RUS,);
- a title without a name ("Kosovo's prime minister", "the Serbian president") is a role,
  resolved article-wide (`timeline._aliases`); a bare title ("the president") is left out;
- generic words before a person's title name their employer ("Hooli CEO Dana Reyes" ->
  organisation Hooli);
- "Kosovo Albanians", "Kosovo Serb": a group of the first country (XKX), never Albania/Serbia;
  after "ethnic" an adjective involves no country, and "ethnic Serbs" is a group without one.

Words of one recogniser entity form one name ("Ursula von der Leyen", "Standard & Poor's
500", "New York Stock Exchange", "Wal-Mart"); the entity's type gives the kind: a person
(never under an organisation's head word: "Canadian Auto Workers"), an organisation, a place
(towns, regions, US states beside a US place, "Atlanta, Georgia"; never an actor, its country
kept), a group (nationalities) or other.

`actor` on what is read here:
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
from dataclasses import dataclass, field

from timeline._chunks import LowerWords, Token, is_initial
from timeline._gazetteer import LO, UP, gazetteer
from timeline._recognised import Recognised
from timeline.ner import Entity

__all__ = ["ChunkReader", "RawMention"]


@dataclass(slots=True)
class RawMention:
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
    titled: bool = False  # a person named after a title or honorific ("Mr. Reyes")


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
_LOWER_CAMEL = re.compile(rf"{LO}{{1,3}}{UP}")
_LIST_GAP = re.compile(r",? (?:and |or )?|, ")
_MORE_TITLES = re.compile(r",?\s+and\s+[a-z-]+\s+[A-Z]")
_CAPITAL_WORD = re.compile(rf"(?<![\w'’]){UP}")


class ChunkReader:
    def __init__(self, text: str, lower_words: LowerWords, floor: int, model: Recognised) -> None:
        self.text = text
        self.model = model
        self.gaz = gazetteer()
        self.lower_words = lower_words
        self.floor = floor
        self.cues = self.gaz.cues
        self.raws: list[RawMention] = []

    # words around a chunk
    def _head_noun_is_agent(self, end: int) -> bool:
        m = _NEXT_WORD.match(self.text, end)
        if m is None:
            return False
        agents = self.cues["agent"]
        two = f"{m.group(1)} {m.group(2)}" if m.group(2) else ""
        return m.group(1) in agents or two in agents

    def _after_place_word(self, start: int) -> bool:
        """Whether a place preposition stands before `start` ("in Japan"), or before the list
        it ends ("in the United States, France, and Japan")."""
        last = self.raws[-1] if self.raws else None
        if (
            last is not None
            and last.kind in ("country", "place")
            and not last.actor
            and _LIST_GAP.fullmatch(self.text, last.end, start)
        ):
            return True
        m = _PREV_WORD_REVERSED.match(self.text[max(0, start - 30) : start][::-1])
        return m is not None and m.group(1)[::-1].lower() in self.cues["locative"]

    def _hyphen_modifier(self, end: int) -> bool:
        return end + 1 < len(self.text) and self.text[end] == "-" and self.text[end + 1].islower()

    def _ethnic(self, start: int) -> bool:
        before = self.text[max(0, start - 8) : start]
        return before.rstrip().split(" ")[-1] in self.cues["ethnic"] if before.strip() else False

    def _emit(self, raw: RawMention) -> None:
        self.raws.append(raw)

    # the chunk
    def read(self, chunk: list[Token]) -> None:
        if len(chunk) == 1:  # the common case, read directly
            tok = chunk[0]
            if tok.entry is None:
                self._read_generic(chunk, is_initial(self.text, tok.start, self.floor))
            elif tok.entry.kind not in ("title", "mask"):
                self._read_one(tok)
            return
        # stop words split a chunk; masked multi-word forms ("Latin America") hide their inside
        part: list[Token] = []
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

    def _read_part(self, toks: list[Token]) -> None:
        text = self.text
        initial = is_initial(text, toks[0].start, self.floor)
        # a sentence-initial common word ("Yesterday Hooli...") is not part of the name
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

    def _qualifier_codes(self, toks: list[Token]) -> set[str]:
        return {
            t.entry.code
            for t in toks
            if t.entry
            and t.entry.code
            and t.kind in ("adjective", "country", "org", "capital")
            and not self._ethnic(t.start)
        }

    def _employer(self, toks: list[Token], initial: bool) -> int:
        """Generic words before a person's title name their employer: "Hooli CEO Dana Reyes",
        "Hooli Systems CEO and co-founder Dana Reyes". Returns how many words it took."""
        employer: list[Token] = []
        for t in toks:
            if t.entry is not None:
                break
            employer.append(t)
        if employer and not (initial and self.lower_words.has(employer[0].text.lower())):
            self._emit(
                RawMention(
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

    def _read_titled(self, toks: list[Token], titles: list[int], initial: bool) -> None:
        last = titles[-1]
        rest = toks[last + 1 :]
        tail: list[Token] = []
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
                # no person: "chief executive officer of Hooli Inc."
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
                    RawMention(
                        start,
                        end,
                        name,
                        "person",
                        codes,
                        roles=roles,
                        alias=len(rest) == 1,
                        titled=True,
                    )
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
            self._emit(RawMention(start, end, "", "role", codes, role=role))

    def _read_known(self, toks: list[Token]) -> None:
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
                    RawMention(
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

    def _read_one(self, tok: Token) -> None:
        entry = tok.entry
        if entry is None:
            self._read_generic([tok], is_initial(self.text, tok.start, self.floor))
            return
        s, e = tok.start, tok.end
        modifier = self._hyphen_modifier(e)
        if entry.kind == "org":
            codes = {entry.code} if entry.code else set()
            kind = "group" if entry.org_kind == "group" else "organisation"
            self._emit(RawMention(s, e, entry.name, kind, codes, actor=not modifier))
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
                self._emit(
                    RawMention(s, e, ent.canonical, "place", codes, actor=False, type=ent.type)
                )
                return
            possessive = self.text.startswith(("’s", "'s"), e)
            if possessive:
                actor = self._head_noun_is_agent(e + 2)
            else:
                actor = not modifier and not self._after_place_word(s)
            self._emit(RawMention(s, e, entry.name, "country", {entry.code}, actor=actor))
        elif entry.kind == "people":
            if self._ethnic(s):
                self._emit(RawMention(s, e, f"ethnic {tok.text}", "group", set()))
            else:
                people = self.gaz.countries[entry.code].people
                self._emit(RawMention(s, e, people, "group", {entry.code}, actor=not modifier))
        elif entry.kind == "adjective":
            if self._ethnic(s):
                return
            actor = not modifier and self._head_noun_is_agent(e)
            self._emit(RawMention(s, e, entry.name, "country", {entry.code}, actor=actor))

    def _read_qualified(self, lead: list[Token], rest: list[Token], initial: bool) -> None:
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
                    RawMention(
                        lead[0].start, rest[-1].end, name, "organisation", codes, actor=not modifier
                    )
                )
                return
        # "Serbia's Vucic", "Russian Gazprom": the country as a modifier, then the name
        for tok in lead:
            if tok.entry and not self._ethnic(tok.start):
                self._emit(
                    RawMention(
                        tok.start, tok.end, tok.entry.name, "country", {tok.entry.code}, actor=False
                    )
                )
        rest[0].joined = ""
        self._read_generic(rest, False)

    def _read_recognised(self, toks: list[Token], ent: Entity, initial: bool) -> None:
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
        model = None
        if ent.label in ("ORG", "MISC") and end == ent.end and not _DIGIT.search(name):
            # a model number after the name: "the zPhone 5", "a Hooli 770"
            model = _TRAILING_NUMBER.match(text, end)
            if model:
                end = model.end()
                name = text[start:end]
        modifier = self._hyphen_modifier(end)
        codes: set[str] = set(ent.countries)
        alias = False
        typ = ent.type
        if model:
            kind, typ = "other", "PRODUCT"
        elif words[0] in self.cues.get("event_head", ()) and len(words) > 1:
            kind, typ = "other", "EVENT"  # "Hurricane Zelda", whatever the recogniser read
        elif _LOWER_CAMEL.match(words[0]) and ent.type in ("PERSON", "GPE", "LOC"):
            # a word opening in lower case, then a capital, is a product ("the zPhone
            # launched"), never a person or a place
            kind, typ = "other", "PRODUCT"
        elif ent.label == "PER":
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
            RawMention(
                start,
                end,
                name,
                kind,
                codes,
                actor=not modifier,
                alias=alias,
                initial=initial,
                type=typ,
            )
        )

    def _read_generic(self, toks: list[Token], initial: bool) -> None:
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
        groups: list[list[Token]] = []
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
                self._emit(RawMention(start, end, name, "other", codes, actor=not modifier))
                return
            if word.isupper() and len(word) > 1:
                kind = "organisation"
            elif not word[0].isupper() or _DIGIT.search(word):
                kind = "other"  # zPod, zTunes, G7
            else:
                kind = ""  # to be resolved: a surname, a short company name, or other
            self._emit(
                RawMention(
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
            kind = "other"  # zPhone 3G, Lattice OS X
        elif len(toks) <= 4 and all(_PERSONISH.fullmatch(w) for w in words):
            kind = "person"
        else:
            kind = "other"
        self._emit(RawMention(start, end, name, kind, codes, actor=not modifier))
