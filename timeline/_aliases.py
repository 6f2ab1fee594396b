"""Aliases: the names of one actor merged within an article.

A surname or part of a name stands for the one full name of the article that holds it
(Vucic, Vucic's -> Aleksandar Vucic; Reyes -> Dana Reyes), or, when several hold it, for the
one the article names clearly more often ("Dana" -> Dana Reyes beside a single Dana Okafor);
a person's countries are those of all their mentions. A role phrase ("Kosovo's prime
minister") names the one person of the article with that title and a compatible country,
else the country. An acronym defined in brackets is the name it defines ("Singapore Airlines
(SIA)", later "SIA"); a company is one actor whatever its suffix ("Hooli Inc.", "Hooli
Systems", "Hooli" -> Hooli). A two-word "name" whose first word the article uses alone in
the possessive or as an organisation is no person ("Hooli's increasing frustration" ->
"future Hooli Nimbus computers" is not someone).

Canonical names: people as first introduced ("Aleksandar Vucic"); countries by their short
name in data/countries.csv ("Serbia", "United States", "Czechia"); organisations by the name
of data/organisations.csv, where acronyms and long forms meet ("NATO", "European Union").
"""

from __future__ import annotations

import re
from itertools import pairwise
from operator import attrgetter

from timeline._mention import Mention, country_name
from timeline._name_shapes import RawMention

__all__ = ["corporate_base", "resolve_aliases"]

_PERSON_AFTER = re.compile(r", (?:aged )?\d{1,3},|,? who\b")

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


def corporate_base(name: str, corporate: frozenset[str]) -> str | None:
    """The short name of a company named with a corporate suffix ("Hooli Inc." -> "Hooli")."""
    parts = name.split(" ")
    if len(parts) >= 2 and all(p.rstrip(",") in corporate for p in parts[1:]):
        return parts[0]
    return None


def _most_named(names: set[str], raws: list[RawMention]) -> set[str]:
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


def resolve_aliases(
    text: str, raws: list[RawMention], corporate: frozenset[str], org_words: frozenset[str]
) -> list[Mention]:
    # A word the article uses alone in the possessive is a company or a place, not a given
    # name: "Hooli's increasing frustration" makes "future Hooli Nimbus computers" no person
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
            short = r.name if " " not in r.name else corporate_base(r.name, corporate)
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
    # "Hooli" for "Hooli Inc.", "the Commission" for "European Commission"
    short_orgs: dict[str, set[str]] = {}
    for r in raws:
        if r.kind == "organisation" and not r.alias:
            base = corporate_base(r.name, corporate)
            if base:
                short_orgs.setdefault(base, set()).add(r.name)
            elif " " in r.name and r.name.rsplit(" ", 1)[1] in org_words:
                short_orgs.setdefault(r.name.rsplit(" ", 1)[1], set()).add(r.name)
    seen_mid = {r.name for r in raws if r.alias and not r.initial}
    # named after a title, or with an age or "who" after the name ("Okafor, 34, said",
    # "Okafor, who lives"): a person
    titled = {r.name for r in raws if r.titled or _PERSON_AFTER.match(text, r.end)}
    short_events: dict[str, set[str]] = {}
    for r in raws:
        if r.type == "EVENT" and " " in r.name:
            short_events.setdefault(r.name.rsplit(" ", 1)[1], set()).add(r.name)
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
        name, kind, countries, typ = r.name, r.kind, set(r.countries), r.type
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
            elif name in short_events and len(short_events[name]) == 1:
                # "Zelda" after "Hurricane Zelda"
                name, kind, typ = next(iter(short_events[name])), "other", "EVENT"
            elif kind == "person" and name not in titled and " " not in name:
                # news names a person in full before it uses one name alone: a lone name the
                # article never writes in full nor after a title is an organisation the
                # recogniser took for a person ("Hooli launched the Nimbus phone")
                kind = "organisation"
        elif kind == "person" and name in people:
            countries = people[name][0] | countries
        if kind == "organisation":
            # one actor however the company is called: "Hooli Inc.", "Hooli Systems", "Hooli"
            name = corporate_base(name, corporate) or name
        if kind == "other" and name.endswith("s") and name[:-1] in all_names:
            name = name[:-1]  # "zPods" -> "zPod", "other zPhone 4s" -> "zPhone 4"
        if kind == "other" and " " not in name:
            if name in short_events and len(short_events[name]) == 1:
                name = next(iter(short_events[name]))  # "Zelda" -> "Hurricane Zelda"
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
                typ if kind in ("place", "other") and typ else _KIND_TYPES[kind],
            )
        )
    out.sort(key=attrgetter("start", "end"))
    return out
