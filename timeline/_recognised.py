"""The trained recogniser's entities of an article, and the names it missed found by shape.

`Recognised` looks the recogniser's entities up by position. `names_missed` adds the names a
news-trained recogniser does not know: camel-case products ("zPod", "zPhone 3G"), the words
before a company title ("Hooli Systems CEO"), and a name found once wherever the article
writes it again ("Vucic" after "Aleksandar Vucic", "Hooli" after "Hooli Inc."). A new shape
the recogniser misses goes here; how words combine into one name is `timeline._name_shapes`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from operator import attrgetter

from timeline._gazetteer import LO, UP, gazetteer
from timeline.ner import Entity

__all__ = ["Recognised", "names_missed"]

_CAMEL = re.compile(rf"(?<![\w-]){LO}{{1,3}}{UP}\w*(?: {UP}\w*)*")
_NUMBER_AFTER = re.compile(r" \d{1,4}(?:-\d{1,4})?[A-Za-z]?(?![\w%]|[.,]\d)")


class Recognised:
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


@cache
def _event_pattern() -> re.Pattern[str]:
    """A head word of named events (data/entity_cues.csv, event_head) and a capitalised name:
    "Hurricane Zelda", "Typhoon Bora"."""
    heads = sorted(gazetteer().cues.get("event_head", ()), key=len, reverse=True)
    alt = "|".join(map(re.escape, heads)) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:{alt}) {UP}{LO}+(?![\w-])")


def names_missed(text: str, spans: list[tuple[int, int]], recognised: list[Entity]) -> list[Entity]:
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
        # a named storm or other event: its head word and the name ("Hurricane Zelda")
        for m in _event_pattern().finditer(text, s, e):
            if free(m.start()):
                out.append(Entity(m.start(), m.end(), m.group(), "EVENT", m.group(), (), "MISC"))
    events = [(x.start, x.end) for x in out if x.type == "EVENT"]
    known: dict[str, Entity] = {}
    for x in [*recognised, *out]:
        if x.type == "EVENT":
            # "Zelda" alone after "Hurricane Zelda" is the storm
            known.setdefault(x.text.rsplit(" ", 1)[-1], x)
            continue
        if any(a <= x.start and x.end <= b for a, b in events):
            continue  # the recogniser's piece of an event's name ("Zelda" as a person)
        words = x.text.split()
        if x.label == "PER":
            for word in words:
                if len(word) > 2 and word[0].isupper() and word[-1].isalpha():
                    known.setdefault(word, x)
        elif x.label in ("ORG", "MISC") and len(x.text) > 1:
            if len(words) == 1:
                known.setdefault(x.text, x)
            elif all(w.rstrip(",") in corporate for w in words[1:]):
                known.setdefault(words[0], x)  # "Hooli" after "Hooli Inc."
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
