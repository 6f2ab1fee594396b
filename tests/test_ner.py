"""The trained entity recogniser: loaded from the package, typed and named by the gazetteer."""

from __future__ import annotations

import itertools
import socket
from importlib.resources import files

import pytest
from spacy.pipeline import EntityRecognizer

from timeline.ner import Entity, _load, find, find_many, model


def typed(entities: list[Entity]) -> dict[str, str]:
    return {e.text: e.type for e in entities}


def test_model_loads_from_the_package_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the model must not touch the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    folder = files("timeline") / "data" / "ner"
    assert (folder / "ner" / "model").is_file()
    assert (folder / "config.cfg").is_file()
    _load.cache_clear()
    nlp = model()
    assert nlp.pipe_names == ["ner"]
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, EntityRecognizer)
    assert set(ner.labels) == {"PER", "ORG", "LOC", "MISC"}
    assert model() is nlp  # loaded once


def test_people_organisations_and_places() -> None:
    found = typed(
        find("Maria Kowalski, a spokeswoman for Fenwick Motors, said in Frankfurt on Monday.")
    )
    assert found == {"Maria Kowalski": "PERSON", "Fenwick Motors": "ORG", "Frankfurt": "GPE"}


def test_countries_get_their_canonical_name_and_code() -> None:
    (usa,) = find("The U.S. imposed tariffs.")
    assert (usa.text, usa.type, usa.canonical, usa.countries) == (
        "U.S.",
        "GPE",
        "United States",
        ("USA",),
    )


def test_nationalities_are_norp() -> None:
    found = find("French and Italian farmers protested.")
    assert [(e.text, e.type) for e in found] == [("French", "NORP"), ("Italian", "NORP")]


def test_a_us_state_beside_a_us_place_is_no_country() -> None:
    found = find("The storm hit Atlanta, Georgia, and then Georgia and South Carolina.")
    georgia = [e for e in found if e.text == "Georgia"]
    assert georgia and all(e.countries == ("USA",) for e in georgia)
    assert all(e.canonical == "Georgia" and e.type == "GPE" for e in georgia)
    (tbilisi,) = [e for e in find("Georgia recalled its ambassador.") if e.text == "Georgia"]
    assert tbilisi.countries == ("GEO",)


def test_offsets_match_and_batches_agree() -> None:
    texts = ["Rolls-Royce supplies engines to Airbus.", "", "Wal-Mart opened a store in Texas."]
    batched = list(find_many(texts))
    assert batched == [find(t) for t in texts]
    for text, found in zip(texts, batched, strict=True):
        assert all(text[e.start : e.end] == e.text for e in found)


def test_a_text_longer_than_spacy_accepts_is_read_in_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # spaCy refuses texts over 1,000,000 characters; an article may hold 5 MB.
    from timeline import ner

    long = "word " * 250_000 + "x" * 30_000 + "\nend"
    pieces = ner._pieces(long)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(long)
    # in order, apart only by whitespace, never empty, none too long
    assert all(not long[a[1] : b[0]].strip() for a, b in itertools.pairwise(pieces))
    assert all(0 < e - s <= ner._PIECE for s, e in pieces)
    # Names come out at the same offsets when a text is read in pieces (a type may change at a
    # cut, where the recogniser loses the previous sentence's words as context).
    sentence = "Aleksandar Vucic met officials of the European Union in Brussels on Monday. "
    text = sentence * 40
    (whole,) = find_many([text], ruler="none")
    monkeypatch.setattr(ner, "_PIECE", 500)
    (cut,) = find_many([text], ruler="none")
    assert len(ner._pieces(text)) > 5
    assert [(e.start, e.end) for e in cut] == [(e.start, e.end) for e in whole]


def test_the_recogniser_stops_at_its_deadline() -> None:
    import time

    text = "Hooli opened a store in Paris. " * 5_000
    with pytest.raises(TimeoutError):
        list(find_many([text], deadline=time.monotonic() - 1))


def test_a_text_is_read_sentence_by_sentence() -> None:
    from timeline import ner

    text = (
        "Mr. Novak of Fenwick Inc. said on Monday. He left.\n\n"
        '"We won," she said. 3 men died in the U.S. Army camp. It was 5 p.m. Then J. Doe came?  '
        "Yes! "
    )
    assert [text[s:e] for s, e in ner._pieces(text)] == [
        # no cut after a capitalised word: "Mr.", "Inc.", "Monday."
        "Mr. Novak of Fenwick Inc. said on Monday. He left.",
        '"We won," she said.',
        "3 men died in the U.S. Army camp.",
        "It was 5 p.m.",
        "Then J. Doe came?",
        "Yes!",
    ]
    # offsets into the whole text, whatever the pieces
    found = find(text)
    assert all(text[e.start : e.end] == e.text for e in found)
    assert {("Fenwick Inc.", "ORG"), ("J. Doe", "PERSON")} <= {(e.text, e.type) for e in found}


def test_a_name_is_read_one_way_within_a_document() -> None:
    from timeline import ner

    text = "Maria Kowalski spoke first. Later Kowalski left. Rival Kowalski answered."
    spans = [[(0, 14, "PER"), (34, 42, "ORG"), (55, 63, "ORG")]]
    ner._consistent([text], spans)
    # the person's surname is the person; otherwise most mentions decide
    assert [label for _, _, label in spans[0]] == ["PER", "PER", "PER"]
    text = "Fenwick rose. Fenwick fell. Fenwick spoke."
    spans = [[(0, 7, "ORG"), (14, 21, "ORG"), (28, 35, "PER")]]
    ner._consistent([text], spans)
    assert [label for _, _, label in spans[0]] == ["ORG", "ORG", "ORG"]
    # a tie keeps each reading
    spans = [[(0, 7, "ORG"), (14, 21, "PER")]]
    ner._consistent([text], spans)
    assert [label for _, _, label in spans[0]] == ["ORG", "PER"]
    # the parts of one article are one document; separate texts are not
    parts = ["Fenwick rose.", "Fenwick fell.", "Fenwick spoke."]
    spans = [[(0, 7, "ORG")], [(0, 7, "ORG")], [(0, 7, "PER")]]
    ner._consistent(parts, spans)
    assert [found[0][2] for found in spans] == ["ORG", "ORG", "ORG"]


def test_the_array_decoder_chooses_what_spacy_chooses() -> None:
    from timeline import ner

    nlp = model("none")
    texts = [
        "Maria Kowalski, a spokeswoman for Fenwick Motors, said in Frankfurt on Monday.",
        "The New York Stock Exchange and the Bank of Upper Volta fell.",
        "Ursula von der Leyen met Mohammed bin Salman in Riyadh.",
        "  Shares of Hooli Systems rose.\n",
        "Oslo",
        "",
        "EUROPEAN CUP : ARSENAL 2 MADRID 1 , says Reuters ' Jan de Vries .",
    ]
    docs = list(nlp.pipe(texts))
    expected = [[(x.start_char, x.end_char, x.label_) for x in doc.ents] for doc in docs]
    decoder = ner._Decoder.of(nlp)
    got = decoder.spans([nlp.make_doc(t) for t in texts])
    assert got == expected
    assert any(expected)
    # the token vectors too, to the bit, with empty texts among them
    made = [nlp.make_doc(t) for t in texts]
    assert decoder.parts is not None
    assert (decoder.vectors(made) == decoder.tok2vec.predict(made)).all()


def test_the_ruler_before_the_recogniser_keeps_its_names() -> None:
    found = find("Serbia and Kosovo met in Brussels.", ruler="before")
    assert {(e.text, e.type) for e in found} >= {("Serbia", "GPE"), ("Kosovo", "GPE")}
