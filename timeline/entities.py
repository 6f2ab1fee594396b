"""Actors and countries: named people, organisations, countries and groups in article text.

`extract` runs the stages in order, each in its own module:

1. `timeline.ner` — the trained recogniser says where names are and what they are;
   `timeline._recognised` adds the names it misses by shape (camel-case products, the
   employer before a company title, a name written again);
2. `timeline._chunks` — gazetteer forms and capitalised words, joined into chunks;
3. `timeline._name_shapes` — each chunk read as people, organisations, countries, groups,
   places or roles, and whether it acts (a new entity shape goes here);
4. `timeline._aliases` — article-wide: surnames, short company names, acronyms and role
   phrases merged into one canonical name (a new alias rule goes here);
5. `timeline._references` — "the company", "it", "they" as the name they stand for
   (a new reference word goes into data/references.csv).
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from timeline._aliases import resolve_aliases
from timeline._chunks import LowerWords, connectors, find_tokens, group_chunks
from timeline._gazetteer import gazetteer
from timeline._mention import Kind, Mention, country_name
from timeline._name_shapes import ChunkReader, RawMention
from timeline._recognised import Recognised, names_missed
from timeline._references import find_references
from timeline.ner import Entity, find_many

__all__ = ["Kind", "Mention", "country_name", "extract"]


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
    raws: list[RawMention] = []
    clean: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = max(0, s), min(len(text), e)
        if e > s:
            clean.append((s, e))
    lower_words = LowerWords(text, clean)
    joiners = connectors()
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
    extra = names_missed(text, clean, recognised)
    # a longer name found by shape holds the recogniser's pieces of it ("zTunes Store")
    wide = [(x.start, x.end) for x in extra if x.end - x.start > len(x.text.split()[0])]
    recognised = [
        r
        for r in recognised
        if not any(a <= r.start and r.end <= b and (a, b) != (r.start, r.end) for a, b in wide)
    ]
    model = Recognised(recognised + extra)
    for s, e in clean:
        reader = ChunkReader(text, lower_words, s, model)
        for chunk in group_chunks(find_tokens(text, s, e, joiners, model)):
            reader.read(chunk)
        raws.extend(reader.raws)
    mentions = resolve_aliases(text, raws, gaz.cues["corporate"], gaz.cues["org_word"])
    mentions += find_references(text, clean, mentions)
    mentions.sort(key=attrgetter("start", "end"))
    return mentions
