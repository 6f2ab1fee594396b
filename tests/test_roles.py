"""The roles stage: who acted (actors) and at whom (targets), one test per clause-position rule
(sentences written for these tests, in the shapes of company, market, disaster, election and
political news)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.article import article_from_text
from timeline.events import extract_events
from timeline.roles import Party, Roles, assign, role_words


def roles(sentence: str, *names: str, quotes: tuple[tuple[int, int], ...] = ()) -> Roles:
    """Roles of `sentence` with the parties `names` (each found at its first occurrence)."""
    parties = []
    for name in names:
        start = sentence.index(name)
        parties.append(Party(start, start + len(name), name))
    return assign(sentence, [(0, len(sentence))], parties, quotes)


def check(result: Roles, actors: list[str], targets: list[str]) -> None:
    assert (list(result.actors), list(result.targets)) == (actors, targets)


# -- rule 2: the subject acts ------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "names", "actors", "targets"),
    [
        # a subject before its verb, an adverbial between them
        ("Ford on Tuesday formally recalled its trucks.", ("Ford",), ["Ford"], []),
        ("Nintendo also announced a new console.", ("Nintendo",), ["Nintendo"], []),
        ("Siemens today reported a loss.", ("Siemens",), ["Siemens"], []),
        # coordinated subjects and an apposition
        (
            "Chile and its neighbours Peru and Bolivia have signed the treaty.",
            ("Chile", "Peru", "Bolivia"),
            ["Chile", "Peru", "Bolivia"],
            [],
        ),
        # a present form in -s after the subject (a headline)
        (
            "Hurricane Maria slams Puerto Rico",
            ("Hurricane Maria", "Puerto Rico"),
            ["Hurricane Maria"],
            ["Puerto Rico"],
        ),
    ],
)
def test_subject_acts(
    sentence: str, names: tuple[str, ...], actors: list[str], targets: list[str]
) -> None:
    check(roles(sentence, *names), actors, targets)


def test_parties_in_a_prepositional_phrase_are_neither() -> None:
    check(roles("Tensions between Chile and Peru rose sharply.", "Chile", "Peru"), [], [])
    check(
        roles("After talks with Japan, Korea agreed to a swap line.", "Japan", "Korea"),
        ["Korea"],
        [],
    )
    # a fronted adverbial without a comma ends where the subject begins
    check(roles("In 2004 Google bought Keyhole.", "Google", "Keyhole"), ["Google"], ["Keyhole"])
    check(
        roles("During the third quarter of the year Nokia sold 20 million phones.", "Nokia"),
        ["Nokia"],
        [],
    )


def test_a_preposition_after_an_agent_noun_names_who_acts() -> None:
    check(roles("Officials from UNICEF said the camps were full.", "UNICEF"), ["UNICEF"], [])
    check(roles("Voters in Ireland rejected the treaty.", "Ireland"), ["Ireland"], [])


def test_possessors_and_modifiers_are_neither_unless_of_an_agent() -> None:
    # "Boeing's rival" is not Boeing; the named head acts
    check(roles("Volvo's rival Scania won the order.", "Volvo", "Scania"), ["Scania"], [])
    # shares, not the company, moved
    check(roles("Nokia shares slipped 3% in Helsinki.", "Nokia", "Helsinki"), [], [])
    check(roles("Shares of Nokia fell 5%.", "Nokia"), [], [])
    # the officials' organisation, the government's country, the CEO's company act
    check(roles("FAA officials said the jet was safe.", "FAA"), ["FAA"], [])
    check(roles("Peru's government rejected the offer.", "Peru"), ["Peru"], [])
    check(
        roles("Tesla CEO Elon Musk unveiled the Cybertruck.", "Tesla", "Elon Musk", "Cybertruck"),
        ["Tesla", "Elon Musk"],
        ["Cybertruck"],
    )


def test_an_alias_in_brackets_is_neither() -> None:
    check(
        roles(
            "At the Consumer Electronics Show (CES), Sony unveiled a camera.",
            "Consumer Electronics Show",
            "CES",
            "Sony",
        ),
        ["Sony"],
        [],
    )


# -- rule 3: passives ----------------------------------------------------------------------
def test_passive_subject_is_the_target_and_by_names_the_actor() -> None:
    check(
        roles(
            "Uber was fined by the European Commission for breaching rules.",
            "Uber",
            "European Commission",
        ),
        ["European Commission"],
        ["Uber"],
    )
    # the company acts and is acted on through its executives
    check(roles("Three Enron executives were charged on Monday.", "Enron"), [], ["Enron"])
    check(roles("Morocco's capital has been shaken by aftershocks.", "Morocco"), [], [])
    # "by" in an active clause is a mere mention
    check(roles("Chile condemned attacks by militias in Peru.", "Chile", "Peru"), ["Chile"], [])


# -- rule 4: objects -----------------------------------------------------------------------
def test_object_and_to_against_with_on_are_targets() -> None:
    check(
        roles("Initech sued Globex for patent infringement.", "Initech", "Globex"),
        ["Initech"],
        ["Globex"],
    )
    check(roles("Toyota overtook GM as the largest carmaker.", "Toyota", "GM"), ["Toyota"], ["GM"])
    check(roles("The EU imposed sanctions on Belarus.", "EU", "Belarus"), ["EU"], ["Belarus"])
    check(
        roles("Fiat signed a deal with Chrysler in Detroit.", "Fiat", "Chrysler", "Detroit"),
        ["Fiat"],
        ["Chrysler"],
    )
    check(roles("The court ruled against Amazon.", "Amazon"), [], ["Amazon"])
    check(roles("A strong earthquake struck Turkey on Monday.", "Turkey"), [], ["Turkey"])


def test_places_after_a_preposition_are_neither() -> None:
    check(roles("Pfizer opened a plant in Ireland.", "Pfizer", "Ireland"), ["Pfizer"], [])
    check(roles("The ministers met in Marrakesh on Friday.", "Marrakesh"), [], [])


def test_a_clause_opener_ends_the_object_region() -> None:
    check(
        roles("Greece demanded that Germany pay reparations.", "Greece", "Germany"), ["Greece"], []
    )
    check(roles("Italy raised rates as Spain cut them.", "Italy", "Spain"), ["Italy"], [])


def test_the_object_of_a_possessive_is_its_head() -> None:
    check(roles("Airbus topped Boeing's rival bid.", "Airbus", "Boeing"), ["Airbus"], [])


# -- rule 5: reported claims --------------------------------------------------------------
def test_parties_of_a_claim_are_neither() -> None:
    check(
        roles(
            "Serbian officials claim that NATO is unable to protect Serbs from Kosovo Albanians.",
            "Serbian",
            "NATO",
            "Serbs",
            "Kosovo Albanians",
        ),
        ["Serbian"],
        [],
    )
    check(
        roles("Analysts at Moody's said Italy would miss its target.", "Moody's", "Italy"),
        ["Moody's"],
        [],
    )


def test_telling_keeps_its_recipient() -> None:
    check(
        roles(
            "Premier Li told state CCTV television that growth would slow.", "Premier Li", "CCTV"
        ),
        ["Premier Li"],
        ["CCTV"],
    )


def test_an_inverted_report_names_its_speaker() -> None:
    text = '"We will rebuild," said Pacific Gas CEO Jane Doe.'
    quote = (0, text.index(" said"))
    check(roles(text, "Pacific Gas", "Jane Doe", quotes=(quote,)), ["Pacific Gas", "Jane Doe"], [])


def test_quoted_parties_are_neither() -> None:
    text = '"Canada will never accept this," Trudeau said.'
    check(roles(text, "Canada", "Trudeau", quotes=((0, text.index(" Trudeau")),)), ["Trudeau"], [])


# -- rule 6 and the whole ---------------------------------------------------------------------
def test_without_a_verb_the_heads_act() -> None:
    check(roles("Protests in Lima", "Lima"), [], [])
    check(roles("Samsung and LG, rivals", "Samsung", "LG"), ["Samsung", "LG"], [])


def test_a_name_that_acts_is_no_target() -> None:
    check(roles("Peru sued Peru's former president.", "Peru"), ["Peru"], [])


def test_no_parties_no_roles() -> None:
    assert assign("It rained.", [(0, 11)], []) == Roles()


def test_word_classes_are_data() -> None:
    words = role_words()
    assert {"to", "against", "with", "on"} <= words.target_prepositions
    assert "officials" in words.agent_nouns and "claim" in words.say_verbs
    assert words.target_prepositions <= words.prepositions


def test_events_carry_targets() -> None:
    article = article_from_text(
        "The Dutch government on Monday imposed sanctions on Belarus over the crackdown.",
        id="roles",
        published=dt.date(2021, 6, 1),
    )
    rows = extract_events(article)
    row = next(r for r in rows if "sanctions" in r["text"])
    assert "Belarus" in row["targets"] and "Belarus" not in row["actors"]
    assert "Netherlands" in row["actors"]


def test_an_adverbial_clause_gives_the_roles_when_the_main_clause_names_nobody() -> None:
    check(
        roles("Prices jumped after OPEC cut output.", "OPEC"),
        ["OPEC"],
        [],
    )
    check(roles("Italy raised rates as Spain cut them.", "Italy", "Spain"), ["Italy"], [])


def test_a_fronted_clause_without_a_comma_ends_at_the_named_subject() -> None:
    check(
        roles(
            "After the talks collapsed Airbus CEO Guillaume Faury warned suppliers.",
            "Airbus",
            "Guillaume Faury",
        ),
        ["Airbus", "Guillaume Faury"],
        [],
    )


def test_a_comma_before_a_quotation_closes_no_fronted_clause() -> None:
    # the comma after "label" opens a quotation, not the main clause
    sentence = (
        'After the hearing ended Hooli CEO Dana Reyes wrote to the label, "we can work together".'
    )
    quote = (sentence.index('"'), len(sentence) - 1)
    check(roles(sentence, "Hooli", "Dana Reyes", quotes=(quote,)), ["Hooli", "Dana Reyes"], [])
    # a comma followed by the main clause still closes it
    check(roles("After the hearing ended, Nordbank appealed.", "Nordbank"), ["Nordbank"], [])


def test_a_person_after_a_title_of_an_employer_acts() -> None:
    check(
        roles(
            "The co-founder and former chief operating officer of Hooli Inc. Dana Reyes has died.",
            "Hooli Inc.",
            "Dana Reyes",
        ),
        ["Hooli Inc.", "Dana Reyes"],
        [],
    )


def test_a_passive_agent_with_its_employer_acts_whole() -> None:
    check(
        roles(
            "The Model Y was unveiled by Tesla CEO Elon Musk in California.",
            "Model Y",
            "Tesla",
            "Elon Musk",
            "California",
        ),
        ["Tesla", "Elon Musk"],
        ["Model Y"],
    )


def test_an_apposition_of_the_subject_names_no_actor() -> None:
    sentence = "Dana Reyes, formerly an engineer overseeing work on the zPhone, is stepping down."
    check(roles(sentence, "Dana Reyes", "zPhone"), ["Dana Reyes"], [])
    # the employer in a title acts through its holder; a list of names is no apposition
    check(
        roles("Dana Reyes, the chief executive of Hooli, said sales rose.", "Dana Reyes", "Hooli"),
        ["Dana Reyes", "Hooli"],
        [],
    )
    check(
        roles("Chile, Peru, and Bolivia have signed the treaty.", "Chile", "Peru", "Bolivia"),
        ["Chile", "Peru", "Bolivia"],
        [],
    )


def test_a_name_before_a_class_noun_acts_as_the_thing_it_names() -> None:
    # the head noun is what the name names ("service", "players"), not a part of it ("shares")
    check(
        roles("The Hooli Music service passed Nordbank in May.", "Hooli Music", "Nordbank"),
        ["Hooli Music"],
        ["Nordbank"],
    )
    check(roles("Nimbus players sold well.", "Nimbus"), ["Nimbus"], [])
    check(roles("Hooli shares slipped.", "Hooli"), [], [])
    # a possessor stays a possessor
    check(roles("Hooli's Nimbus players sold well.", "Hooli", "Nimbus"), ["Nimbus"], [])


def test_an_adverbial_clause_closed_by_a_comma_leaves_the_main_clause_its_subject() -> None:
    check(
        roles(
            "When Dana Reyes first showed the zPhone, she praised its screen.",
            "Dana Reyes",
            "zPhone",
            "she",
        ),
        ["she"],
        [],
    )
    # a clause piece that opens with its connective keeps its own subject
    check(
        roles("when the alliance pushed out the troops, to allow their return.", "alliance"),
        ["alliance"],
        [],
    )


def test_a_source_after_according_to_is_no_target() -> None:
    check(
        roles(
            "Nordbank will close two branches, according to Dana Reyes.", "Nordbank", "Dana Reyes"
        ),
        ["Nordbank"],
        [],
    )


def test_an_irregular_past_of_market_news_is_the_verb() -> None:
    # "slid" is the main verb: the adverbial clause then names who acted
    check(
        roles("Shares in Nordbank slid 8% after the lender warned.", "Nordbank", "the lender"),
        ["the lender"],
        [],
    )
