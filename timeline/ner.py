"""Named entities: a statistical recogniser trained on news, typed and named by the gazetteer.

The recogniser (timeline/data/ner/, spaCy, trained on CoNLL-2003 by `make model`) finds
people, organisations, places and other names (PER, ORG, LOC, MISC) wherever news writes
them: names with "&" or "and", numbers, particles, hyphens, names never seen before. The
gazetteer (timeline/data/*.csv) then knows what only a table can: canonical names, ISO codes,
organisations and their acronyms, and finer types:

- LOC -> GPE for countries, capitals, states and large cities (places.csv), LOC otherwise
  (regions, mountains, rivers, beaches); a place's country rides along ("Florida" -> USA);
- MISC -> NORP for nationalities and groups ("Serbian", "Kurds"), EVENT ("the World Cup",
  "Hurricane Delta"), PRODUCT (a name with a number: "A380-800"), MISC otherwise
  (entity_types.csv);
- a name both a US state and a country ("Georgia") is the state beside a US place
  ("Atlanta, Georgia", "Georgia and South Carolina").

`ruler` chooses where the gazetteer's own matches go (measured in bench/entities.py):
"after" (default) adds the gazetteer's countries, nationalities and organisations where the
recogniser found nothing and retypes its exact matches; "before" presets them so the
recogniser works around them (spaCy's entity ruler before `ner`); "none" uses the recogniser
alone.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from timeline._gazetteer import Entry, gazetteer
from timeline._tables import read_table, split_list

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["TYPES", "Entity", "Place", "find", "find_many", "model", "places"]

TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "PRODUCT", "EVENT", "MISC")
Ruler = Literal["after", "before", "none"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: text[start:end], its type (one of TYPES) and canonical name."""

    start: int
    end: int
    text: str
    type: str
    canonical: str
    countries: tuple[str, ...] = ()  # ISO alpha-3 codes it names or lies in
    label: str = ""  # the recogniser's own label (PER, ORG, LOC, MISC); "" if gazetteer only


@dataclass(frozen=True, slots=True)
class Place:
    """A state, province or city of places.csv (countries and capitals: countries.csv)."""

    name: str
    kind: str  # state, city
    country: str  # ISO alpha-3


@cache
def places() -> dict[str, Place]:
    """Surface form -> place, from places.csv."""
    out: dict[str, Place] = {}
    for row in read_table("places.csv"):
        place = Place(row["name"], row["kind"], row["country"])
        for surface in [row["name"], *split_list(row["aliases"])]:
            out.setdefault(surface, place)
    return out


@dataclass(frozen=True, slots=True)
class _Cues:
    first: dict[str, str]
    last: dict[str, str]
    words: dict[str, str]
    suffixes: tuple[tuple[str, str], ...]  # longest first


@cache
def _cues() -> _Cues:
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    words: dict[str, str] = {}
    suffixes: list[tuple[str, str]] = []
    for row in read_table("entity_types.csv"):
        word, typ, pos = row["word"], row["type"], row["position"]
        if pos == "first":
            first[word] = typ
        elif pos == "last":
            last[word] = typ
        elif pos == "word":
            words[word] = typ
        else:
            suffixes.append((word, typ))
    suffixes.sort(key=lambda s: -len(s[0]))
    return _Cues(first, last, words, tuple(suffixes))


def _model_folder() -> Path:
    """The model's folder on disk: the package's own, or a copy of it when the package is
    not on disk (a zip), made once per process."""
    root = files("timeline") / "data" / "ner"
    if isinstance(root, Path):
        return root
    dest = Path(tempfile.mkdtemp(prefix="timeline-ner-"))

    def copy(src: Traversable, to: Path) -> None:
        for item in src.iterdir():
            if item.is_dir():
                (to / item.name).mkdir()
                copy(item, to / item.name)
            else:
                (to / item.name).write_bytes(item.read_bytes())

    copy(root, dest)
    return dest


def model(ruler: Ruler = "after") -> Language:
    """The trained pipeline, loaded once from the package (never from the network); with
    ruler="before", a second copy with the gazetteer's entity ruler before `ner`."""
    return _load(ruler == "before")


@cache
def _load(ruler_before: bool) -> Language:
    import spacy

    path = _model_folder()
    if not (path / "ner" / "model").is_file():
        raise FileNotFoundError(f"no trained entity model in {path} (run `make model`)")
    nlp = spacy.load(path)
    if ruler_before:
        patterns = [
            {"label": _RULER_LABELS[e.kind], "pattern": surface}
            for surface, e in gazetteer().entries.items()
            if e.kind in _RULER_LABELS and surface[:1].isupper()
        ]
        patterns += [{"label": "LOC", "pattern": s} for s in places()]
        from spacy.pipeline import EntityRuler

        pipe = nlp.add_pipe("entity_ruler", before="ner")
        assert isinstance(pipe, EntityRuler)
        pipe.add_patterns(patterns)  # type: ignore[arg-type]
    return nlp


_RULER_LABELS = {
    "country": "LOC",
    "capital": "LOC",
    "org": "ORG",
    "adjective": "MISC",
    "people": "MISC",
}
_POSSESSIVE_END = re.compile(r"[’']s?$")
_STATE_NEIGHBOUR = re.compile(r"\s*(?:,|and|or|&)\s*$")
_STATE_NEIGHBOUR_AFTER = re.compile(r"^\s*(?:,|and|or|&)\s*")
_DIGIT = re.compile(r"\d")


def _lookup(text: str) -> Entry | None:
    entries = gazetteer().entries
    entry = entries.get(text)
    if entry is None and text.startswith(("the ", "The ")):
        entry = entries.get(text[4:])
    return entry


def _typed(label: str, text: str) -> tuple[str, str, tuple[str, ...]]:
    """(type, canonical name, countries) of a recognised name."""
    gaz = gazetteer()
    entry = _lookup(text)
    place = places().get(text)
    if entry is not None and entry.kind != "title" and entry.kind != "mask":
        codes = (entry.code,) if entry.code else ()
        if entry.kind == "org":
            return "ORG", entry.name, codes
        # a place's name may name its team or government: the recogniser's ORG stands
        # ("Japan beat Syria 2-1" in sports results)
        if entry.kind == "country" and label in ("LOC", ""):
            return "GPE", entry.name, codes
        if entry.kind == "capital" and label in ("LOC", ""):
            return "GPE", text, codes
        if entry.kind in ("adjective", "people") and label in ("MISC", ""):
            return "NORP", gaz.countries[entry.code].people, codes
    if place is not None and label in ("LOC", ""):
        return "GPE", place.name, (place.country,)
    if label == "PER":
        return "PERSON", text, ()
    if label == "ORG":
        return "ORG", text, ()
    if label == "LOC":
        return "LOC", text, ()
    cues = _cues()
    words = text.split()
    if words:
        if words[0] in cues.first:
            return cues.first[words[0]], text, ()
        for n in (2, 1):
            tail = " ".join(words[-n:])
            if len(words) >= n and tail in cues.last:
                return cues.last[tail], text, ()
        if len(words) == 1:
            if text in cues.words:
                return cues.words[text], text, ()
            for suffix, typ in cues.suffixes:
                if text.endswith(suffix):
                    return typ, text, ()
    if _DIGIT.search(text):
        return "PRODUCT", text, ()  # "A380-800", "zPhone 4"
    return "MISC", text, ()


def _states_beside_us(text: str, found: list[Entity]) -> list[Entity]:
    """Retype a country that is also a US state ("Georgia") when a US place stands beside it
    ("Atlanta, Georgia", "Georgia and South Carolina")."""
    table = places()
    out = list(found)
    states: set[str] = set()
    for i, e in enumerate(found):
        place = table.get(e.text)
        if (
            place is None
            or place.kind != "state"
            or e.type != "GPE"
            or place.country in e.countries
        ):
            continue
        neighbours = []
        if i > 0 and _STATE_NEIGHBOUR.fullmatch(text[found[i - 1].end : e.start]):
            neighbours.append(found[i - 1])
        if i + 1 < len(found) and _STATE_NEIGHBOUR_AFTER.fullmatch(
            text[e.end : found[i + 1].start]
        ):
            neighbours.append(found[i + 1])
        if any(place.country in n.countries and n.canonical != e.canonical for n in neighbours):
            states.add(e.text)
    # one reading a text: "Georgia" is the state all along once it was beside a US place
    for i, e in enumerate(out):
        if e.text in states and e.type == "GPE":
            place = table[e.text]
            out[i] = Entity(e.start, e.end, e.text, "GPE", place.name, (place.country,), e.label)
    return out


def _gazetteer_matches(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, label) of the gazetteer's countries, nationalities and organisations."""
    for m in gazetteer().pattern.finditer(text):
        if m.lastgroup == "g":
            entry = gazetteer().entries[m.group()]
            if entry.kind in _RULER_LABELS and m.group()[:1].isupper():
                yield m.start(), m.end(), _RULER_LABELS[entry.kind]


# A number right after a name is part of it: "S&P 500", "FTSE 100", "Boeing 777" (not "500%",
# "100,000", "2.5").
_NUMBER_AFTER = re.compile(r"(?:[’']s)? \d{2,4}[A-Za-z]?(?![\w%-]|[.,]\d)")
_WORD = re.compile(r"\S+")
_NUMBER_NAME_NEXT = re.compile(
    r"[’']s\b|\s+(?:index|indices|fell|rose|gained|lost|slipped|climbed|dropped|closed|ended"
    r"|jets?|aircraft|planes?|airliners?|engines?|model|series)\b"
)


@cache
def _particle_before(particles: tuple[str, ...]) -> re.Pattern[str]:
    """A capitalised word and the particles after it, right before a name ("Ursula von der")."""
    alt = "|".join(map(re.escape, particles))
    return re.compile(rf"(?<![\w-])([A-Z][\w'’-]*) ((?:(?:{alt}) )*)$")


def _shapes(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Name shapes the recogniser tends to cut: particles ("Ursula von der Leyen", "Mohammed
    bin Salman": the pieces around "von der" are one person), numbers after a name ("the
    S&P 500"); and place-first names of organisations ("New York Stock Exchange" is an
    organisation: its last word is an organisation's)."""
    particles = gazetteer().cues.get("connector", frozenset()) - {"of", "for"}
    org_words = gazetteer().cues.get("org_word", frozenset())
    place_first = gazetteer().cues.get("place_first_org", frozenset())
    before = _particle_before(tuple(sorted(particles)))
    out: list[tuple[int, int, str]] = []
    for s, e, label in spans:
        words = _WORD.findall(text[s:e])
        lead = 0
        while lead < len(words) and words[lead] in particles:
            lead += 1
        m = before.search(text, max(0, s - 60), s)
        if m and (lead or m.group(2)) and words[lead:] and words[lead][:1].isupper():
            s = m.start(1)
            while out and out[-1][1] > s - 1 and out[-1][0] <= s:
                s = out.pop()[0]
            last = text[s:e].rsplit(" ", 1)[-1]
            label = "ORG" if last in org_words else "PER"
        m = _NUMBER_AFTER.match(text, e)
        if (
            m
            and label in ("ORG", "MISC")
            and (
                text[max(0, s - 4) : s].lower() == "the " or _NUMBER_NAME_NEXT.match(text, m.end())
            )
        ):
            e = m.end()  # "the S&P 500", "FTSE 100 fell" (not the score "Ajax 2 PSV 1")
        last = text[s:e].rsplit(" ", 1)[-1]
        if label == "LOC" and " " in text[s:e] and last in place_first:
            label = "ORG"
        elif label == "PER" and last.rstrip(".") in org_words:
            label = "ORG"  # an organisation's head is no person: "Canadian Auto Workers"
        out.append((s, e, label))
    return out


def _entities(text: str, spans: list[tuple[int, int, str]], ruler: Ruler) -> list[Entity]:
    spans = _shapes(text, spans)
    if ruler == "after":
        taken = sorted(spans)
        extra = []
        for s, e, label in _gazetteer_matches(text):
            if not any(a < e and s < b for a, b, _ in taken):
                extra.append((s, e, label))
        spans = sorted(taken + extra)
    found = []
    for s, e, label in spans:
        name = text[s:e]
        typ, canonical, codes = _typed(label, name)
        found.append(Entity(s, e, name, typ, canonical, codes, label))
    return _states_beside_us(text, found)


# Characters per recogniser call at most. spaCy refuses texts over 1,000,000 characters and
# its memory grows with the text; the CNN looks only a few words around each word, so a cut at
# a line or sentence end loses nothing.
_PIECE = 20_000
# Pieces per batch: the recogniser sorts a batch by length and steps through a quarter of it
# at a time.
_BATCH = 1024
# A sentence end: ".", "?" or "!" (and a closing quote), spaces, then an upper-case letter, a
# quote or a digit; kept only after a word that starts in lower case or a number ("said.",
# "in 2022."), never after a capitalised one, where a full stop may end an abbreviation
# ("Mr. Smith", "Apple Inc. said", "the U.S. Army").
_SENTENCE_END = re.compile(r"[.!?][”\"’']?(\s+)(?=[A-Z0-9“\"‘'])")
_WORD_BEFORE = re.compile(r"[\s(“\"‘']([a-z0-9][\w.,%-]*)$")


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets in text[start:end] where a sentence ends (see `_SENTENCE_END`)."""
    return [
        m.start(1)
        for m in _SENTENCE_END.finditer(text, start, end)
        if _WORD_BEFORE.search(text, max(start, m.start() - 40), m.start())
    ]


def _pieces(text: str) -> list[tuple[int, int]]:
    """`text` as (start, end) pieces, in order: its lines and sentences (the recogniser steps
    through a batch of short pieces together, far faster than through one long text), none
    longer than `_PIECE` characters (else cut at a space); no piece starts or ends with
    whitespace, and none is empty."""
    pieces: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        cuts = _sentence_ends(text, start, line.end())
        for cut in [*cuts, line.end()]:
            while cut - start > _PIECE:
                space = text.rfind(" ", start + _PIECE // 2, start + _PIECE)
                split = space if space > start else start + _PIECE
                pieces.append((start, split))
                start = split
            pieces.append((start, cut))
            start = cut
    out = []
    for s, e in pieces:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            out.append((s + lead, s + trail))
    return out


def _consistent(texts: list[str], spans: list[list[tuple[int, int, str]]]) -> None:
    """One reading per name within a document, as news names a thing the same way throughout
    (the recogniser judges each mention from a few words around it, so "Kowalski" may come out
    a person in one sentence and an organisation in the next): every mention of a name takes
    the label most of its mentions got (a tie keeps each), and a lone word that ends a person's
    longer name ("Maria Kowalski" ... "Kowalski") is that person. In place."""
    votes: dict[str, Counter[str]] = {}
    surnames: set[str] = set()
    for text, found in zip(texts, spans, strict=True):
        for s, e, label in found:
            name = text[s:e]
            votes.setdefault(name, Counter())[label] += 1
            if label == "PER" and " " in name:
                surnames.add(name.rsplit(" ", 1)[1])
    reading: dict[str, str] = {}
    for name, count in votes.items():
        (top, n), (_, second) = [*count.most_common(2), ("", 0)][:2]
        if n > second:
            reading[name] = top
    for name in surnames:
        if name[:1].isupper() and name in votes:
            reading[name] = "PER"
    for text, found in zip(texts, spans, strict=True):
        found[:] = [(s, e, reading.get(text[s:e], label)) for s, e, label in found]


def find_many(
    texts: Iterable[str],
    ruler: Ruler = "after",
    deadline: float | None = None,
    *,
    one_document: bool = False,
) -> Iterator[list[Entity]]:
    """The entities of each text (the recogniser runs over texts in batches of pieces), each
    name read one way within a text, or within all `texts` together with `one_document`
    (the parts of one article).

    `deadline` (a `time.monotonic()` value): past it, TimeoutError (checked between pieces)."""
    nlp = model(ruler)
    items = list(texts)
    pieces = [(i, s, e) for i, text in enumerate(items) for s, e in _pieces(text)]
    spans: list[list[tuple[int, int, str]]] = [[] for _ in items]
    docs = nlp.pipe((items[i][s:e] for i, s, e in pieces), batch_size=_BATCH)
    for (i, s, _), doc in zip(pieces, docs, strict=True):
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError("the entity recogniser ran past the deadline")
        spans[i].extend((ent.start_char + s, ent.end_char + s, ent.label_) for ent in doc.ents)
    if one_document:
        _consistent(items, spans)
    else:
        for i, text in enumerate(items):
            _consistent([text], spans[i : i + 1])
    for text, found in zip(items, spans, strict=True):
        yield _entities(text, found, ruler)


def find(text: str, ruler: Ruler = "after") -> list[Entity]:
    """The entities of one text, in order."""
    return next(find_many([text], ruler))
