"""Actors and countries on news sentences (the seed article and invented ones)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.article import load_article
from timeline.entities import Mention, country_name, extract

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_20e26df19170620a.txt"


def by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


def names(mentions: list[Mention]) -> set[str]:
    return {m.name for m in mentions}


@pytest.fixture(scope="module")
def seed() -> list[Mention]:
    article = load_article(SEED)
    return extract(article.text, article.body)


def test_seed_people_with_countries(seed: list[Mention]) -> None:
    people = {m.name: m.countries for m in seed if m.kind == "person"}
    assert people == {
        "Aleksandar Vucic": ("SRB",),
        "Maria Zakharova": ("RUS",),
        "Albin Kurti": ("XKX",),
        "Mikulas Bek": ("CZE",),
    }


def test_seed_aliases(seed: list[Mention]) -> None:
    # "Vucic said", "Under Vucic's populist leadership"
    vucic = [m for m in seed if m.text == "Vucic"]
    assert len(vucic) == 2
    assert all(m.name == "Aleksandar Vucic" and m.countries == ("SRB",) for m in vucic)
    # "Kosovo’s prime minister on Thursday formally tabled..." + "Prime Minister Albin Kurti"
    role = by_text(seed)["Kosovo’s prime minister"]
    assert (role.name, role.kind, role.countries) == ("Albin Kurti", "person", ("XKX",))
    # "when the Western alliance pushed out Serb troops"
    assert by_text(seed)["Western alliance"].name == "NATO"


def test_seed_organisations_and_capitals(seed: list[Mention]) -> None:
    assert {"NATO", "European Union", "United Nations", "RTS"} <= names(seed)
    assert {m.name for m in seed if m.text in ("EU", "UN")} == {"European Union", "United Nations"}
    moscow = [m for m in seed if m.text == "Moscow"]
    assert moscow and all(m.name == "Russia" and m.countries == ("RUS",) for m in moscow)
    assert by_text(seed)["RTS"].countries == ("SRB",)


def test_seed_never_albania_or_junk(seed: list[Mention]) -> None:
    assert all("ALB" not in m.countries for m in seed)
    assert "Albania" not in names(seed)
    junk = {"Tensions", "Meanwhile", "Getty", "Thursday", "He", "Shots", "The", "There", "Under"}
    assert not junk & names(seed)
    assert not junk & {m.text for m in seed if not m.reference}
    # "He" is a reference to a person named before, never a name
    assert all(m.kind == "person" for m in seed if m.text == "He")


def test_seed_countries_and_actor_flags(seed: list[Mention]) -> None:
    text = SEED.read_text(encoding="utf-8")
    at = {(m.start, m.text): m for m in seed}

    def mention(phrase: str, word: str) -> Mention:
        pos = text.index(phrase) + phrase.index(word)
        return at[(pos, word)]

    # "Serbia on Thursday formally demanded...": the country acts
    subject = mention("Serbia on Thursday formally demanded", "Serbia")
    assert (subject.kind, subject.countries, subject.actor) == ("country", ("SRB",), True)
    # "German and US officials have vehemently rejected..."
    assert mention("German and US officials", "German").actor
    assert mention("German and US officials", "German").countries == ("DEU",)
    assert mention("German and US officials", "US").name == "United States"
    # "The return of Serbian troops": involved, not acting
    troops = mention("The return of Serbian troops", "Serbian")
    assert (troops.name, troops.actor) == ("Serbia", False)
    # "to the Serb-populated north of the country"
    populated = mention("the Serb-populated north", "Serb")
    assert (populated.countries, populated.actor) == (("SRB",), False)
    # "return to Kosovo": a place
    assert not mention("up to 1,000, return to Kosovo", "Kosovo").actor
    # "NATO bombed Serbia to stop the war"
    assert mention("NATO bombed Serbia", "NATO").actor


def test_ethnic_adjectives_are_not_the_country() -> None:
    text = (
        "Tensions are rising between ethnic Serbs and the ethnic Albanian-led government in "
        "Kosovo. Serbian officials claim that the missions are unable to protect the minority "
        "Serbs in Kosovo from harassment by majority Kosovo Albanians."
    )
    found = extract(text)
    assert all("ALB" not in m.countries for m in found)
    serbs = [m for m in found if m.text == "Serbs"]
    assert [(m.name, m.countries) for m in serbs] == [("ethnic Serbs", ()), ("Serbs", ("SRB",))]
    group = by_text(found)["Kosovo Albanians"]
    assert (group.kind, group.countries) == ("group", ("XKX",))
    assert not any(m.text == "Albanian" for m in found)


def test_kosovo_serb_is_kosovo() -> None:
    text = "Serbs erected barricades to protest the arrest of a former Kosovo Serb police officer."
    found = by_text(extract(text))
    assert found["Kosovo Serb"].countries == ("XKX",)
    assert found["Serbs"].countries == ("SRB",)


def test_title_phrase_gives_person_and_country() -> None:
    text = (
        "Prime Minister Albin Kurti submitted the application to Czech Minister for European "
        "Affairs Mikulas Bek, whose country currently holds the rotating EU presidency."
    )
    found = by_text(extract(text))
    bek = found["Czech Minister for European Affairs Mikulas Bek"]
    assert (bek.name, bek.kind, bek.countries) == ("Mikulas Bek", "person", ("CZE",))
    assert found["Prime Minister Albin Kurti"].name == "Albin Kurti"
    assert found["EU"].name == "European Union"


def test_russian_foreign_ministry_is_russia() -> None:
    found = by_text(extract("The Russian Foreign Ministry said on Thursday it would help."))
    ministry = found["Russian Foreign Ministry"]
    assert (ministry.kind, ministry.countries) == ("organisation", ("RUS",))


def test_acronyms_and_long_forms() -> None:
    text = (
        "The North Atlantic Treaty Organization said the United Nations and the U.N. agreed, "
        "as did the European Union and the EU."
    )
    found = extract(text)
    assert [m.name for m in found] == [
        "NATO",
        "United Nations",
        "United Nations",
        "European Union",
        "European Union",
    ]


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Czech officials agreed.", "Czechia", "CZE"),
        ("The U.S. rejected it.", "United States", "USA"),
        ("United States officials rejected it.", "United States", "USA"),
        ("Moscow rejected it.", "Russia", "RUS"),
        ("Belgrade rejected it.", "Serbia", "SRB"),
        ("Pristina rejected it.", "Kosovo", "XKX"),
        ("Namibian officials agreed.", "Namibia", "NAM"),
        ("The Kremlin rejected it.", "Russia", "RUS"),
    ],
)
def test_country_forms(text: str, name: str, code: str) -> None:
    found = extract(text)
    assert [(m.name, m.countries) for m in found] == [(name, (code,))]


def test_washington_only_alone() -> None:
    assert [m.name for m in extract("Washington rejected the plan.")] == ["United States"]
    post = extract("According to the Washington Post, the plan failed.")
    assert [(m.name, m.countries) for m in post] == [("Washington Post", ())]


def test_generic_names_products_and_aliases() -> None:
    # a company under several names, camel-case products with versions, a store renamed, and
    # a band's label sharing the company's first word
    text = (
        "The Trade Commission has made Hooli Inc. cut its prices for songs in its "
        "United Kingdom zTunes store, Hooli's online music shop. Hooli is the maker of the "
        "world's best-selling MP3 Player, the zPod and opened the zTunes Music Store. The store "
        "was renamed to zTunes Store in 2007. Dana Reyes announced the new zPhone 3G. Reyes said "
        "the zPhone 4 would follow. The Lanterns ' Hooli Corps has sued Hooli Computer."
    )
    found = extract(text)
    got = names(found)
    # one actor however the company is called ("Hooli Inc.", "Hooli Computer": Hooli)
    assert {"Dana Reyes", "Hooli", "zPod", "zPhone 3G", "zPhone 4", "zTunes Store"} <= got
    assert "Hooli Inc." not in got
    assert {"Hooli Corps", "Trade Commission", "United Kingdom"} <= got
    assert by_text(found)["Reyes"].name == "Dana Reyes"
    assert by_text(found)["Dana Reyes"].kind == "person"
    assert "MP3" not in got


def test_sentence_initial_common_words_are_not_names() -> None:
    text = "Shots were fired from the barricades. However, Serbia raised combat readiness."
    assert [m.name for m in extract(text)] == ["Serbia"]


def test_spans_limit_the_mentions() -> None:
    text = "Serbia demanded it. Kosovo refused. Russia agreed."
    start = text.index("Kosovo")
    found = extract(text, [(start, start + len("Kosovo refused."))])
    assert [m.name for m in found] == ["Kosovo"]


def test_results_are_stable(seed: list[Mention]) -> None:
    article = load_article(SEED)
    assert extract(article.text, article.body) == seed


def test_countries_table_is_complete() -> None:
    path = ROOT / "timeline" / "data" / "countries.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    codes = [r["alpha3"] for r in rows]
    # 193 UN members, Kosovo, Taiwan, Palestine, Vatican City
    assert len(codes) == len(set(codes)) == 197
    assert {"XKX", "TWN", "PSE", "NAM", "SRB"} <= set(codes)
    assert next(r for r in rows if r["alpha3"] == "NAM")["alpha2"] == "NA"
    assert country_name("XKX") == "Kosovo"
    assert country_name("cze") == "Czechia"
    with pytest.raises(KeyError):
        country_name("ZZZ")


PIECES = (
    "Serbia|Serbian|President|Aleksandar|Vucic|Vucic's|Kosovo’s|prime minister|NATO-led|ethnic|"
    "Albanian|of|for|the|The|U.S.|Inc.|zPhone|3G|4|.|,|“|”|'s|\n|Mr.|J.|Minister|Affairs|-|and|"
    "Moscow|Gen.|Kosovo Albanians|Washington|Hooli|Reyes|EU|Czech|Minister for European Affairs"
).split("|")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(PIECES) | st.text(max_size=8),
        max_size=40,
    ),
    st.sampled_from([" ", "", "  "]),
)
def test_never_raises_and_offsets_match(words: list[str], sep: str) -> None:
    text = sep.join(words)
    for spans in (None, [(0, len(text) // 2), (len(text) // 2 + 1, len(text))]):
        found = extract(text, spans)
        for m in found:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text
            assert m.name
            assert all(len(c) == 3 for c in m.countries)
        assert found == sorted(found, key=lambda m: (m.start, m.end))


def test_role_without_named_person_is_the_country() -> None:
    # seed: Zakharova quoting the ministry
    text = (
        "“the Russian Ambassador to Serbia, who is in close contact with the Serbian leadership, "
        "has received instructions from the center (Moscow) to take concrete steps”"
    )
    found = by_text(extract(text))
    ambassador = found["Russian Ambassador"]
    assert (ambassador.name, ambassador.kind, ambassador.actor) == ("Russia", "country", True)
    assert not found["Serbia"].actor  # "to Serbia"
    assert found["Serbian"].actor  # "the Serbian leadership"
    assert found["Moscow"].name == "Russia"


def test_country_name_before_an_organisation_is_kept_as_written() -> None:
    found = by_text(extract("Kosovo Police said three officers were injured."))
    assert (found["Kosovo Police"].name, found["Kosovo Police"].countries) == (
        "Kosovo Police",
        ("XKX",),
    )


def test_places_are_not_actors() -> None:
    found = extract("The United Nations Security Council met in New York on Monday.")
    assert [m.name for m in found] == ["UN Security Council"]


def test_product_versions_and_plurals() -> None:
    # a product named with its version, then bare; a plural of a camel-case product
    text = (
        "Hooli unveils zPhone 4. The new zPhone was praised by Reyes. zPods sold in Spain "
        "already have the sound capped, unlike the zPod mini."
    )
    found = by_text(extract(text))
    assert found["zPhone"].name == "zPhone 4"
    assert found["zPods"].name == "zPod"


def test_a_word_used_alone_in_the_possessive_is_no_given_name() -> None:
    # "Hooli" is a company, so "Hooli Lattice" is no person and "Hooli" does not stand for it
    text = (
        "He announced that future Hooli Lattice laptops will run on Vireo chips. "
        "This is said to come from Hooli's growing impatience with Initech's failure to "
        "ship faster and cooler chips. He said that Hooli is getting ready."
    )
    found = extract(text)
    assert not [m for m in found if m.kind == "person"]
    assert all(m.name != "Hooli Lattice" for m in found if m.text == "Hooli")


def test_a_given_name_stands_for_the_person_named_most() -> None:
    # Mark Halden is named again and again, Mark Dunmore once
    text = (
        "The co-founder of Hooli Inc. Mark Halden has died yesterday. On August 24, Halden "
        "stepped down from his post as CEO. Mark leaves behind a firm that only he could have "
        "built. The current Initech CEO Mark Dunmore also sent condolences for Halden."
    )
    mark = by_text(extract(text))["Mark"]
    assert (mark.name, mark.kind) == ("Mark Halden", "person")


def test_a_given_name_of_two_people_named_alike_stays_unresolved() -> None:
    # each Dana is named once
    text = "Hooli Computer was founded by Dana Reyes and Dana Whitfield in 1979, Dana recalled."
    assert by_text(extract(text))["Dana"].name == "Dana"


def test_words_before_a_persons_title_name_the_employer() -> None:
    # "X Computer CEO and co-founder Y"; a holiday named after a person is no actor
    text = (
        "Hooli Computer CEO and co-founder Dana Reyes gave his yearly opening speech. "
        "Banks were shut in honor of Martin Luther King."
    )
    found = extract(text)
    assert by_text(found)["Hooli Computer"].kind == "organisation"
    assert "Martin Luther" not in names(found)
    found = extract(
        "The handset was shown by Hooli CEO Dana Reyes. Hooli has chosen a different path."
    )
    assert [(m.text, m.name, m.kind) for m in found] == [
        ("Hooli", "Hooli", "organisation"),
        ("CEO Dana Reyes", "Dana Reyes", "person"),
        ("Hooli", "Hooli", "organisation"),
    ]


def test_an_organisation_named_after_a_person_leaves_them_a_person() -> None:
    # a person named after an employer, then a foundation named after the same man
    text = (
        "Former Initech CEO Paul Marsh responded to Rivers ' death with a note on his "
        "blog. The Paul Marsh Foundation said nothing."
    )
    found = extract(text)
    assert by_text(found)["Initech"].kind == "organisation"
    assert [m.kind for m in found if m.name == "Paul Marsh"] == ["person"]


# -- names news uses, references and places (issue 8); sentences written for these tests --


def test_references_stand_for_the_most_recent_compatible_name() -> None:
    text = (
        "Fenwick Motors cut 900 jobs on Monday. The company said it would close two plants. "
        "Norway protested. The government said it would act."
    )
    refs = {(m.text, m.name) for m in extract(text) if m.reference}
    assert ("The company", "Fenwick Motors") in refs
    assert ("it", "Fenwick Motors") in refs
    assert ("The government", "Norway") in refs


def test_a_reference_after_a_preposition_or_a_possessive_is_no_actor() -> None:
    text = "Fenwick Motors hired Ann Ruiz. She is the new head of the company. Its shares rose."
    refs = [m for m in extract(text) if m.reference and m.kind != "person"]
    assert refs and all(m.name == "Fenwick Motors" and not m.actor for m in refs)


def test_an_organisation_head_is_never_a_person() -> None:
    found = extract("The Canadian Auto Workers said the strike would go on.")
    workers = [m for m in found if "Workers" in m.text]
    assert workers and all(m.kind == "organisation" for m in workers)
    assert not [m for m in found if m.kind == "person"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shares of Wal-Mart fell on Tuesday.", "Wal-Mart"),
        ("Analysts said Ursula von der Leyen would visit Rome.", "Ursula von der Leyen"),
        ("Traders said the Standard & Poor's 500 index fell.", "Standard & Poor's 500"),
        ("Traders said the S&P 500 index fell sharply.", "S&P 500"),
    ],
)
def test_name_shapes(text: str, name: str) -> None:
    assert name in {m.text for m in extract(text)}


def test_an_acronym_defined_in_brackets_names_the_same_actor() -> None:
    text = "Fenwick Air Lines (FAL) ordered ten jets. Later FAL said the order was firm."
    fal = [m for m in extract(text) if m.text == "FAL"]
    assert len(fal) == 2 and {m.name for m in fal} == {"Fenwick Air Lines"}


def test_company_names_merge_into_one_actor() -> None:
    text = "Halvorsen Inc. posted a profit. Halvorsen said sales rose."
    assert {m.name for m in extract(text) if m.kind == "organisation"} == {"Halvorsen"}


def test_a_us_state_is_no_country() -> None:
    found = extract("The storm flooded Atlanta, Georgia, on Monday.")
    georgia = [m for m in found if m.text == "Georgia"]
    assert georgia and all(m.countries == ("USA",) and m.kind == "place" for m in georgia)
    assert all("GEO" not in m.countries for m in found)


def test_towns_and_places_are_not_actors_but_carry_their_country() -> None:
    found = extract("The earthquake struck near Frankfurt and hit Munich hardest.")
    places = [m for m in found if m.text in ("Frankfurt", "Munich")]
    assert places and all(not m.actor and m.countries == ("DEU",) for m in places)


def test_a_lone_name_never_written_in_full_nor_titled_is_an_organisation() -> None:
    # the recogniser may read an unseen company name as a person; news names people in full
    # (or after a title) before it uses one of their names alone
    text = (
        "Hooli launched the Nimbus phone on Monday. Dana Reyes said Reyes was pleased. "
        "Mr. Okafor said sales rose. Okafor smiled."
    )
    kinds = {m.text: m.kind for m in extract(text)}
    assert kinds["Hooli"] == "organisation"
    assert kinds["Reyes"] == kinds["Dana Reyes"] == "person"
    assert kinds["Mr. Okafor"] == kinds["Okafor"] == "person"


def test_a_reference_noun_prefers_a_name_that_holds_it() -> None:
    text = (
        "The Hooli Music Store opened in 2003, and Hooli grew fast. "
        "Since its launch the store has sold a billion songs. "
        "Hooli launched the zPhone on Monday. Its rival Nordbank cut prices. The phone sold out."
    )
    refs = {(m.text, m.name) for m in extract(text) if m.reference}
    # "the store": the name holding the word, not the last company named
    assert ("the store", "Hooli Music Store") in refs
    # "the phone": a camel-case product name ending in the word
    assert ("The phone", "zPhone") in refs


def test_a_named_storm_is_one_event_and_its_references() -> None:
    text = (
        "Hurricane Zelda made landfall in Florida on Tuesday. The storm knocked out power to "
        "300,000 homes. Zelda weakened on Wednesday. Typhoon Bora hit the coast."
    )
    found = {(m.text, m.name, m.kind, m.type) for m in extract(text)}
    assert ("Hurricane Zelda", "Hurricane Zelda", "other", "EVENT") in found
    assert ("The storm", "Hurricane Zelda", "other", "EVENT") in found
    assert ("Zelda", "Hurricane Zelda", "other", "EVENT") in found
    assert ("Typhoon Bora", "Typhoon Bora", "other", "EVENT") in found


def test_a_lower_camel_case_word_is_a_product_never_a_place() -> None:
    found = {m.text: m for m in extract("Hooli sold the zPhone in Lagos.")}
    assert found["zPhone"].kind == "other" and found["zPhone"].actor


def test_countries_listed_after_a_place_preposition_do_not_act() -> None:
    text = "The zPhone goes on sale in Canada, Peru, Chile, and Japan. It comes in two colours."
    found = extract(text)
    assert all(not m.actor for m in found if m.kind == "country")
    # "It" is the product, not the last country of the list
    assert ("It", "zPhone") in {(m.text, m.name) for m in found if m.reference}


def test_a_product_noun_looks_further_back_for_a_name_that_holds_it() -> None:
    text = (
        "Hooli released Nimbus Software 2.1 on Monday. It works with the zPod Mini. "
        "Analysts at Nordbank and Quinto Partners praised the update, calling the zPod Mini "
        "the best player of its class by a wide margin, ahead of every rival on the market "
        "this year and the last, and they expect strong sales of the zPod Mini over the "
        "coming holiday season in the United States, in Europe and in much of Asia as well. "
        "The software also limits the volume."
    )
    refs = {(m.text, m.name) for m in extract(text) if m.reference}
    assert ("The software", "Nimbus Software") in refs


def test_a_model_number_after_a_name_is_part_of_the_product() -> None:
    text = "Hooli unveiled the Nimbus 5 on Monday. It calls other Nimbus 5s over Wi-Fi."
    found = [m for m in extract(text) if m.text.startswith("Nimbus")]
    assert [m.text for m in found] == ["Nimbus 5", "Nimbus 5s"]
    # the plural of a versioned product is the product
    assert {(m.name, m.kind) for m in found} == {("Nimbus 5", "other")}


def test_he_and_she_stand_for_the_person_the_sentence_or_the_one_before_names() -> None:
    text = (
        "Hooli hired Dana Reyes in May. When Reyes first showed the zPhone, she praised its "
        "screen. Lee Park said he liked it. Analysts praised him."
    )
    refs = [(m.text, m.name, m.actor) for m in extract(text) if m.kind == "person" and m.reference]
    assert refs == [
        ("she", "Dana Reyes", True),
        ("he", "Lee Park", True),
        ("him", "Lee Park", True),
    ]


def test_an_age_or_who_after_a_lone_name_makes_it_a_person() -> None:
    for text in (
        "The water rose fast, said Okafor, 34, who lives by the river.",
        "The water rose fast, said Okafor, who lives by the river.",
    ):
        assert {m.text: m.kind for m in extract(text)}["Okafor"] == "person"


def test_a_holding_company_is_its_short_name() -> None:
    text = "Nordbank Holdings cut 900 jobs on Monday. Profits rose, Nordbank said."
    assert {m.name for m in extract(text) if m.kind == "organisation"} == {"Nordbank"}
