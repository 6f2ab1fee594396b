"""Duplicate reports: pairs of real sentences as two outlets reported the same events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from timeline.dedupe import SIMILARITY, deduplicate, same_event, similarity, stems
from timeline.schema import new_frame

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
THURSDAY = dt.date(2022, 12, 15)


def event(
    article: str,
    text: str,
    actors: list[str],
    countries: list[str],
    event_type: str,
    start: dt.date | None = THURSDAY,
    end: dt.date | None = None,
    precision: str = "day",
) -> dict[str, Any]:
    return {
        "event_id": f"{article}-{abs(hash(text)) % 10**8}",
        "article_id": article,
        "source": f"Report of {article}",
        "source_path": f"{article}.txt",
        "published": THURSDAY,
        "sentence": text,
        "text": text,
        "char_start": 0,
        "char_end": len(text),
        "start": start,
        "end": end or start,
        "precision": precision if start else None,
        "time_expression": "on Thursday" if start else None,
        "date_basis": "explicit" if start else "none",
        "actors": actors,
        "countries": countries,
        "country_codes": [],
        "event_type": event_type,
    }


SRB_XKX = ["Serbia", "Kosovo"]

# The seed (article A) and the second seed (article B): the same events in other words.
SAME = [
    (
        event(
            "A",
            "Serbia on Thursday formally demanded that its security forces return to the "
            "breakaway former Serbian province of Kosovo, despite warnings from the West that "
            "such calls are unlikely to be accepted",
            ["Serbia"],
            SRB_XKX,
            "DEMAND",
        ),
        event(
            "B",
            "Serbia on Thursday formally asked the NATO-led peacekeeping force in Kosovo "
            "to allow the return of Serbian army and police units, a request that Western "
            "capitals have signalled they will turn down.",
            ["Serbia"],
            SRB_XKX,
            "REQUEST",
        ),
    ),
    (
        event(
            "A",
            "Serbian President Aleksandar Vucic told state RTS television that the "
            "government asked the commander of NATO-led peacekeepers",
            ["Aleksandar Vucic", "RTS"],
            SRB_XKX,
            "STATEMENT",
        ),
        event(
            "B",
            "President Aleksandar Vucic told state broadcaster RTS that the government "
            "had asked the commander of the peacekeepers,",
            ["Aleksandar Vucic", "RTS"],
            ["Serbia"],
            "STATEMENT",
        ),
    ),
    (
        event(
            "A",
            "Prime Minister Albin Kurti submitted the application to Czech Minister for "
            "European Affairs Mikulas Bek, whose country currently holds the rotating EU "
            "presidency.",
            ["Albin Kurti", "Mikulas Bek"],
            ["Kosovo", "Czechia"],
            "REQUEST",
        ),
        event(
            "B",
            "Also on Thursday, Kosovo Prime Minister Albin Kurti submitted his country's "
            "application for candidate status in the European Union to Czech Minister for "
            "European Affairs Mikulas Bek",
            ["Albin Kurti", "Mikulas Bek"],
            ["Kosovo", "Czechia"],
            "REQUEST",
        ),
    ),
    (
        event(
            "A",
            "Russian Foreign Ministry spokeswoman Maria Zakharova said on Thursday that "
            "the Russian Ambassador to Serbia has received instructions from the center "
            "(Moscow) to take concrete steps of support",
            ["Maria Zakharova", "Russia"],
            ["Russia", "Serbia"],
            "STATEMENT",
        ),
        event(
            "B",
            "In Moscow, Russian Foreign Ministry spokeswoman Maria Zakharova said on "
            "Thursday that the Russian ambassador in Belgrade had received instructions to "
            "take concrete steps to support Serbia",
            ["Maria Zakharova", "Russia"],
            ["Russia", "Serbia", "Kosovo"],
            "STATEMENT",
        ),
    ),
    (
        # A week-long interval and a day inside it are compatible dates.
        event(
            "A",
            "Tensions between Serbia and Kosovo flared anew during the past week after "
            "Serbs erected barricades on the main roads in the north of the province",
            ["Serbs"],
            SRB_XKX,
            "PROTEST",
            dt.date(2022, 12, 8),
            THURSDAY,
            "week",
        ),
        event(
            "B",
            "Serbs put up roadblocks on the main roads in northern Kosovo to protest the "
            "arrest of a former Kosovo Serb police officer",
            ["Serbs"],
            SRB_XKX,
            "PROTEST",
            dt.date(2022, 12, 10),
        ),
    ),
]

DIFFERENT = [
    # Same actor, same day, same type: another demand.
    (
        SAME[0][0],
        event(
            "B",
            "Serbia on Thursday demanded that Kosovo release the arrested former police officer",
            ["Serbia"],
            SRB_XKX,
            "DEMAND",
        ),
    ),
    # Same actor and dates overlapping, another event.
    (
        event(
            "A",
            "Serbia raised combat readiness of its troops on the border with Kosovo",
            ["Serbia"],
            SRB_XKX,
            "MOBILIZE",
            dt.date(2022, 12, 8),
            THURSDAY,
            "week",
        ),
        SAME[0][1],
    ),
    # Same day, same verb, different people.
    (SAME[3][0], SAME[1][1]),
    # Same words, different dates: the 1999 bombing is not a 2022 event.
    (
        event(
            "A",
            "NATO bombed Serbia to stop the war",
            ["NATO"],
            ["Serbia"],
            "ASSAULT",
            dt.date(1999, 1, 1),
            dt.date(1999, 12, 31),
            "year",
        ),
        event("B", "NATO bombed Serbia to stop the war", ["NATO"], ["Serbia"], "ASSAULT"),
    ),
    # One article cannot be its own second source.
    (SAME[2][0], {**SAME[2][1], "article_id": "A"}),
]


@pytest.mark.parametrize(
    ("a", "b"), SAME, ids=["demand", "rts", "application", "zakharova", "barricades"]
)
def test_reports_of_the_same_event_match(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert same_event(a, b), similarity(a["text"], b["text"])
    assert same_event(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    DIFFERENT,
    ids=["other-demand", "other-event", "other-people", "other-date", "same-article"],
)
def test_different_events_do_not_match(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert not same_event(a, b)


def test_undated_background_merges_only_within_a_week_of_publication() -> None:
    a = event(
        "A",
        "Kosovo's statehood has been accepted by the US and much of the West.",
        ["United States"],
        ["Kosovo", "United States"],
        "AGREE",
        start=None,
    )
    b = event(
        "B",
        "The United States and most of the West have accepted Kosovo's statehood.",
        ["United States"],
        ["Kosovo", "United States"],
        "AGREE",
        start=None,
    )
    assert same_event(a, b)
    month_later = {**b, "published": THURSDAY + dt.timedelta(days=30)}
    assert not same_event(a, month_later)
    assert len(deduplicate(new_frame([a, b])).merged) == 1
    assert len(deduplicate(new_frame([a, month_later])).merged) == 2
    assert not same_event(a, {**b, "start": THURSDAY, "end": THURSDAY})


def test_similarity_reads_synonyms_and_stems() -> None:
    assert similarity("Serbs erected barricades", "Serbs put up roadblocks") == 1.0
    assert similarity("the troops demanded", "soldiers asked") == 1.0
    assert similarity("Serbia said", "") == 0.0
    # Names are compared by the actor and country rules, not counted again as shared words.
    demand, other = SAME[0][0]["text"], DIFFERENT[0][1]["text"]
    assert similarity(demand, other) >= SIMILARITY
    assert similarity(stems(demand, SRB_XKX), stems(other, SRB_XKX)) < SIMILARITY


def test_merged_view_lists_sources_and_raw_view_keeps_every_report() -> None:
    rows = [r for pair in SAME for r in pair] + [DIFFERENT[1][0]]
    frame = new_frame(rows)
    result = deduplicate(frame)
    assert len(result.raw) == len(frame)
    assert len(result.merged) == len(SAME) + 1
    merged = result.merged.set_index("cluster")
    for a, b in SAME:
        row = result.raw.loc[result.raw["event_id"] == a["event_id"]].iloc[0]
        other = result.raw.loc[result.raw["event_id"] == b["event_id"]].iloc[0]
        assert row["cluster"] == other["cluster"]
        assert merged.loc[row["cluster"], "n_sources"] == 2
        assert sorted(merged.loc[row["cluster"], "source_ids"]) == ["A", "B"]
        assert sorted(merged.loc[row["cluster"], "event_ids"]) == sorted(
            [a["event_id"], b["event_id"]]
        )
    # The merged row is the more precisely dated report, with all reports' countries.
    barricades = merged.loc[
        result.raw.loc[result.raw["event_id"] == SAME[4][1]["event_id"], "cluster"].iloc[0]
    ]
    assert barricades["precision"] == "day"
    zakharova = merged[merged["text"].str.contains("Zakharova")].iloc[0]
    assert zakharova["countries"] == ["Russia", "Serbia", "Kosovo"]
    # Exactly one report per cluster points nowhere (the merged row itself).
    assert result.raw["duplicate_of"].isna().sum() == len(result.merged)
    assert list(result.merged.columns[: len(frame.columns)]) == list(frame.columns)


def test_deduplicating_twice_changes_nothing() -> None:
    frame = new_frame([r for pair in SAME for r in pair])
    once = deduplicate(frame)
    twice = deduplicate(once.raw)
    assert len(twice.merged) == len(once.merged)
    assert twice.raw["cluster"].tolist() == once.raw["cluster"].tolist()


def test_empty_frame() -> None:
    result = deduplicate(new_frame())
    assert result.merged.empty and result.raw.empty
    assert "n_sources" in result.merged.columns


def test_the_two_seeds_show_each_shared_event_once_with_both_sources() -> None:
    from timeline.pipeline import parse_paths

    frame = parse_paths([SEEDS]).frame
    assert set(frame["article_id"].str[:3]) == {"000", "001"}
    result = deduplicate(frame)
    merged = result.merged

    def clusters(words: str, actor: str) -> set[str]:
        hit = result.raw["text"].str.contains(words, case=False) & result.raw["actors"].map(
            lambda actors: actor in actors
        )
        assert set(result.raw.loc[hit, "article_id"]) == articles, f"{words} not in both"
        return set(result.raw.loc[hit, "cluster"])

    articles = set(frame["article_id"])
    shared = {
        "demand": (r"formally (?:demanded|asked)", "Serbia"),
        "rts": (r"RTS", "Aleksandar Vucic"),
        "application": (r"application", "Albin Kurti"),
        "zakharova": (r"Zakharova", "Maria Zakharova"),
        "barricades": (r"barricades", "Serbs"),
    }
    for name, (words, actor) in shared.items():
        found = clusters(words, actor)
        assert len(found) == 1, f"{name}: reports in {len(found)} rows"
        row = merged.set_index("cluster").loc[found.pop()]
        assert row["n_sources"] == 2 and set(row["source_ids"]) == articles, name
    # Only the second article tells of the 2008 declaration of independence.
    independence = merged[merged["text"].str.contains("declared independence")]
    assert independence["n_sources"].tolist() == [1]


def test_an_active_and_a_passive_report_merge_and_keep_their_roles() -> None:
    active = event(
        "A",
        "The EU fined Google 2.4 billion euros on Thursday.",
        ["European Union"],
        [],
        "SANCTION",
    )
    passive = event(
        "B", "Google was fined 2.4 billion euros by the EU on Thursday.", [], [], "SANCTION"
    )
    passive["targets"] = ["Google"]
    active["targets"] = ["Google"]
    third = event("C", "Google fined 2.4 billion euros on Thursday.", ["Google"], [], "SANCTION")
    result = deduplicate(new_frame([active, passive, third]))
    assert len(result.merged) == 1
    row = result.merged.iloc[0]
    # the parties meet across roles; a name acting in one report stays an actor
    assert row["actors"] == ["European Union", "Google"] and row["targets"] == []
