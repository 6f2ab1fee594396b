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

A text is read sentence by sentence (`_pieces`, offsets into the text kept), all of an
article's sentences in one run of the network, and decoded with array operations
(`_Decoder`: spaCy's greedy choices, computed faster); then each name is read one way
within a document (`_consistent`: the label most of its mentions got).

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
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from timeline._gazetteer import Entry, gazetteer
from timeline._tables import read_table, split_list

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from thinc.types import Floats2d

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
# Pieces per run of the network (an article's pieces usually fit in one; memory grows with it).
_BATCH = 1024
# A sentence end: ".", "?" or "!" (and a closing quote), spaces, then an upper-case letter, a
# quote or a digit; kept only after a word that starts in lower case or a number ("said.",
# "in 2022."), never after a capitalised one, where a full stop may end an abbreviation
# ("Mr. Smith", "Acme Inc. said", "the U.S. Army").
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


class _Decoder:
    """spaCy's greedy entity parser (BILUO moves over each text's tokens), computed with array
    operations, with the same weights and the same choices.

    spaCy steps every text of a batch a token at a time, scoring each state's next move with the
    network; that loop is most of the recogniser's time on short texts. Here, where no name is
    open, a move depends on the current token alone (the state's other two features are
    padding), so those scores come out of one matrix product over all tokens; the few tokens
    inside a name (I or L of its label) are scored one at a time."""

    def __init__(self, nlp: Language) -> None:
        ner = nlp.get_pipe("ner")
        self.tok2vec, self.lower, self.upper = ner.model.layers  # type: ignore[attr-defined]
        moves = ner.moves  # type: ignore[attr-defined]
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        self.labels = [name.partition("-")[2] for name in names]
        self.begin = np.array([n.startswith("B-") and len(n) > 2 for n in names])
        self.unit = np.array([n.startswith("U-") and len(n) > 2 for n in names])
        self.out = np.array([n == "O" for n in names])
        self.inside = {n[2:]: i for i, n in enumerate(names) if n.startswith("I-")}
        self.last = {n[2:]: i for i, n in enumerate(names) if n.startswith("L-")}
        begun = {self.labels[i] for i in np.flatnonzero(self.begin)}
        # features: the current token, the open name's first word, the token before
        if not (
            self.lower.get_dim("nF") == 3
            and self.out.sum() == 1
            and set(self.inside) == set(self.last) == begun
        ):
            raise ValueError("unexpected entity recogniser: retrain it with `make model`")

        self.parts = self._parts()

    def _parts(self) -> tuple[Any, ...] | None:
        """The token-vector network's layers, when it has the shape `make model` trains
        (spaCy's MultiHashEmbed and MaxoutWindowEncoder, then a linear layer), else None."""
        try:
            embed_encode, to_array, linear = self.tok2vec.layers
            embed, encode = embed_encode.layers
            features, _, hashes, mixer, _ = embed.layers
            names = [x.name for x in (to_array, linear, features, *embed.layers[1::3])]
            blocks = [r.layers[0].layers for r in encode.layers[0].layers]
            if names != ["list2array", "linear", "extract_features", "list2ragged", "ragged2list"]:
                return None
            if not all(b[0].name == "expand_window" for b in blocks):
                return None
            return (
                features.attrs["columns"],
                hashes.layers[0].layers,  # a column's ints-getitem>>hashembed each
                mixer.layers[0].layers[0],  # maxout>>layernorm (dropout off)
                encode.attrs["pad"],
                [(b[0], b[1].layers[0]) for b in blocks],  # expand_window, maxout>>layernorm
                linear,
            )
        except (AttributeError, KeyError, ValueError, IndexError):
            return None

    def vectors(self, docs: list[Doc]) -> Floats2d:
        """Each token's vector, as the network's own `predict` gives them (the same layers in
        the same order), without its conversions between lists, ragged and flat arrays."""
        if self.parts is None:
            return self.tok2vec.predict(docs)
        columns, hashes, mixer, pad, blocks, linear = self.parts
        sizes = np.array([len(doc) for doc in docs])
        ids = np.concatenate([doc.to_array(columns).astype("uint64") for doc in docs])
        embedded = mixer.predict(np.hstack([layer.predict(ids) for layer in hashes]))
        # `pad` zero rows before each non-empty doc and after the last, as the encoder's
        # with_array(pad=) lays them out, so its windows never reach into the next doc
        sizes = sizes[sizes > 0]
        rows = np.arange(len(embedded)) + pad * (np.repeat(np.arange(len(sizes)), sizes) + 1)
        flat = np.zeros((len(embedded) + pad * (len(sizes) + 1), embedded.shape[1]), "f")
        flat[rows] = embedded
        for window, layer in blocks:
            flat = flat + layer.predict(window.predict(flat))
        return linear.predict(flat[rows])

    @staticmethod
    @cache
    def of(nlp: Language) -> _Decoder:
        return _Decoder(nlp)

    def spans(self, docs: list[Doc]) -> list[list[tuple[int, int, str]]]:
        """(start, end, label) of each doc's names, character offsets into its text."""
        out: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        sizes = [len(doc) for doc in docs]
        if not sum(sizes):
            return out
        from spacy.attrs import IS_SPACE

        # precomputed features: row 0 padding, row 1 + t token t; (F, hidden, pieces) each
        feats = self.lower.predict(self.vectors(docs))
        pad, cached = feats[0], feats[1:]
        bias = self.lower.get_param("b")
        weights, bias_up = self.upper.get_param("W"), self.upper.get_param("b")
        # every token's move scores with no name open (spaCy's order of sums)
        hidden = _maxout(((cached[:, 0] + pad[1]) + pad[2]) + bias)
        scores = self.upper.ops.gemm(hidden, weights, trans2=True) + bias_up
        # whitespace tokens (spaces beyond one, line ends) neither begin nor are a name
        space = np.concatenate(
            [
                doc.to_array([IS_SPACE]).reshape(-1).astype(bool)
                if _EXTRA_SPACE.search(doc.text)
                else np.zeros(len(doc), dtype=bool)
                for doc in docs
            ]
        )
        ends = np.cumsum(sizes)
        last = np.zeros(len(space), dtype=bool)
        last[ends[np.asarray(sizes) > 0] - 1] = True
        # valid with no name open: B (not on the last token nor a space), U (not on a space), O
        valid = (self.begin & ~(last | space)[:, None]) | (self.unit & ~space[:, None]) | self.out
        best = np.where(valid, scores, -np.inf).argmax(axis=1)
        chosen = np.flatnonzero(~self.out[best])
        which = np.searchsorted(ends, chosen, side="right")
        upto = -1
        for t, d in zip(chosen.tolist(), which.tolist(), strict=True):
            if t < upto:
                continue  # inside the name just read
            move = int(best[t])
            label = self.labels[move]
            end = t + 1
            if self.begin[move]:
                # I or L of the label until L; the doc's last token takes L
                pair = [self.inside[label], self.last[label]]
                w, b = weights[pair], bias_up[pair]
                while end < ends[d] - 1:
                    h = _maxout(((cached[end, 0] + cached[t, 1]) + cached[end - 1, 2]) + bias)
                    s_in, s_last = w @ h + b
                    end += 1
                    if s_last > s_in:  # a tie keeps I, the first of the two (as spaCy)
                        break
                else:
                    end += 1
            upto = end
            doc, base = docs[d], int(ends[d]) - sizes[d]
            first, final = doc[t - base], doc[end - 1 - base]
            out[d].append((first.idx, final.idx + len(final), label))
        return out


def _maxout(x: np.ndarray) -> np.ndarray:
    """The largest of the pieces (the last axis): elementwise maxima, far faster than a
    reduction over a short axis."""
    out = x[..., 0]
    for i in range(1, x.shape[-1]):
        out = np.maximum(out, x[..., i])
    return out


# A whitespace token: spaces beyond one, or any other whitespace.
_EXTRA_SPACE = re.compile(r"\s\s|[^\S ]")


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
    for at in range(0, len(pieces), _BATCH):
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError("the entity recogniser ran past the deadline")
        batch = pieces[at : at + _BATCH]
        strings = [items[i][s:e] for i, s, e in batch]
        if nlp.pipe_names == ["ner"]:
            names_of = _Decoder.of(nlp).spans([nlp.make_doc(t) for t in strings])
        else:  # the entity ruler presets names: spaCy's own parser respects them
            names_of = [
                [(x.start_char, x.end_char, x.label_) for x in doc.ents]
                for doc in nlp.pipe(strings, batch_size=_BATCH)
            ]
        for (i, s, _), names in zip(batch, names_of, strict=True):
            spans[i].extend((a + s, b + s, label) for a, b, label in names)
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
