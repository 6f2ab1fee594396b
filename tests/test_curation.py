"""Corrections: the log's file format and locking, and `apply` on frames of real parses."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import curation as cu
from timeline.article import article_from_text, load_article
from timeline.pipeline import parse_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_20e26df19170620a.txt"

# A company under its name and its ticker, a place read as an actor, a year misread as a date.
ARTICLE = """Hooli opens a store in Marrakesh

Published: 2024-03-05

Hooli Inc. opened its first store in Morocco on Monday. MARRAKESH officials welcomed the \
move. Investors said HLI would hire 200 people. A hurricane hit the coast in 1851.
"""


def parsed(text: str = ARTICLE, id: str = "hooli") -> pd.DataFrame:
    return parse_article(article_from_text(text, id=id, title=None, published=None))


def row_with(frame: pd.DataFrame, words: str) -> pd.Series:
    hits = frame[frame["text"].str.contains(words, regex=False)]
    assert len(hits) == 1, (words, frame["text"].tolist())
    return hits.iloc[0]


def with_actors(frame: pd.DataFrame, actors: dict[str, list[str]]) -> pd.DataFrame:
    """`frame` with the actors of the rows holding each text set as given: the parser's
    mistakes an analyst corrects, fixed here so the tests do not depend on them."""
    out = frame.copy()
    for words, names in actors.items():
        index = row_with(out, words).name
        out.at[index, "actors"] = list(names)
    return out


# The extraction mistakes the actor corrections below repair.
MISTAKES = {
    "opened its first store": ["Hooli Inc."],
    "officials welcomed": ["MARRAKESH"],
    "would hire": ["HLI"],
}


def event_correction(frame: pd.DataFrame, words: str, op: cu.Operation, **kw) -> cu.Correction:
    return cu.new_correction(op, event=cu.anchor_of(row_with(frame, words)), **kw)


# -- the operations -----------------------------------------------------------------------


def test_merge_rename_and_not_an_actor_apply_to_every_event():
    frame = with_actors(parsed(), MISTAKES)
    assert "MARRAKESH" in {a for lst in frame["actors"] for a in lst}
    log = [
        cu.new_correction(cu.MergeActors("HLI", "Hooli Inc."), author="ana"),
        cu.new_correction(cu.NotActor("MARRAKESH"), author="ana"),
    ]
    out = cu.apply(frame, log)
    names = {a for lst in out["actors"] for a in lst}
    assert "HLI" not in names and "MARRAKESH" not in names and "Hooli Inc." in names
    said = row_with(out, "would hire")
    assert list(said["actors"]) == ["Hooli Inc."] and said["corrected"] == "actors"
    assert row_with(out, "opened its first store")["corrected"] == ""
    # The input frame is not touched.
    assert "HLI" in {a for lst in frame["actors"] for a in lst}

    renamed = cu.apply(frame, [*log, cu.new_correction(cu.RenameActor("Hooli Inc.", "HLI"))])
    assert list(row_with(renamed, "would hire")["actors"]) == ["HLI"]
    assert list(row_with(renamed, "opened its first store")["actors"]) == ["HLI"]


def test_a_merge_the_other_way_round_wins_without_a_loop():
    frame = with_actors(parsed(), MISTAKES)
    log = [
        cu.new_correction(cu.MergeActors("HLI", "Hooli Inc.")),
        cu.new_correction(cu.MergeActors("Hooli Inc.", "HLI")),
    ]
    out = cu.apply(frame, log)
    assert list(row_with(out, "opened its first store")["actors"]) == ["HLI"]
    assert list(row_with(out, "would hire")["actors"]) == ["HLI"]


def test_event_level_corrections_and_their_notes():
    frame = parsed()
    hurricane = row_with(frame, "hurricane")
    assert hurricane["start"].year == 1851
    log = [
        event_correction(
            frame,
            "hurricane",
            cu.SetDate(dt.date(2024, 3, 1), dt.date(2024, 3, 3), "day"),
            author="ana",
            note="the article's 1851 is a record, not the date",
        ),
        event_correction(frame, "hurricane", cu.SetType("assault")),
        event_correction(frame, "hurricane", cu.SetNames("countries", ("morocco", "ESP"))),
        event_correction(frame, "would hire", cu.SetNames("targets", ("Moroccan workers",))),
    ]
    applied = cu.resolve(frame, log)
    out = applied.frame
    fixed = row_with(out, "hurricane")
    assert fixed["start"] == pd.Timestamp("2024-03-01") and fixed["end"] == pd.Timestamp(
        "2024-03-03"
    )
    assert fixed["precision"] == "day" and fixed["event_type"] == "ASSAULT"
    assert list(fixed["countries"]) == ["Morocco", "Spain"]
    assert list(fixed["country_codes"]) == ["MAR", "ESP"]
    assert fixed["corrected"] == "date; event_type; countries"
    assert list(row_with(out, "would hire")["targets"]) == ["Moroccan workers"]
    notes = applied.notes[fixed["event_id"]]
    date_note = next(n for n in notes if n.field == "date")
    assert date_note.author == "ana" and date_note.extracted == "1851-01-01 – 1851-12-31 (year)"
    assert out["start"].dtype == frame["start"].dtype
    assert out["precision"].dtype == frame["precision"].dtype
    assert not applied.orphans


def test_a_later_correction_of_the_same_field_wins_and_undo_brings_back_the_one_before():
    frame = parsed()
    first = event_correction(frame, "hurricane", cu.SetType("PROTEST"))
    second = event_correction(frame, "hurricane", cu.SetType("ASSAULT"))
    assert row_with(cu.apply(frame, [first, second]), "hurricane")["event_type"] == "ASSAULT"
    undo = cu.new_correction(cu.Undo(second.id))
    assert row_with(cu.apply(frame, [first, second, undo]), "hurricane")["event_type"] == "PROTEST"
    # Undoing the undo restores the second correction.
    redo = cu.new_correction(cu.Undo(undo.id))
    out = cu.apply(frame, [first, second, undo, redo])
    assert row_with(out, "hurricane")["event_type"] == "ASSAULT"


def test_delete_hides_the_event_and_restore_brings_it_back():
    frame = parsed()
    delete = event_correction(frame, "MARRAKESH officials", cu.Delete())
    applied = cu.resolve(frame, [delete])
    assert len(applied.frame) == len(frame) - 1
    assert not applied.frame["text"].str.contains("MARRAKESH").any()
    assert applied.deleted["text"].str.contains("MARRAKESH").all()
    assert list(applied.positions) == [
        i for i in range(len(frame)) if "MARRAKESH" not in frame["text"].iloc[i]
    ]
    restore = event_correction(frame, "MARRAKESH officials", cu.Restore())
    assert len(cu.apply(frame, [delete, restore])) == len(frame)
    assert len(cu.apply(frame, [delete, restore, cu.new_correction(cu.Undo(restore.id))])) == (
        len(frame) - 1
    )


def test_set_date_undated_and_bad_values_are_refused():
    frame = parsed()
    undated = event_correction(frame, "hurricane", cu.SetDate(None, None, None))
    assert pd.isna(row_with(cu.apply(frame, [undated]), "hurricane")["start"])
    with pytest.raises(cu.CorrectionError, match="before the start"):
        cu.new_correction(cu.SetDate(dt.date(2024, 3, 2), dt.date(2024, 3, 1), "day"))
    with pytest.raises(cu.CorrectionError, match="unknown precision"):
        cu.new_correction(cu.SetDate(dt.date(2024, 3, 2), None, "fortnight"))
    with pytest.raises(cu.CorrectionError, match="unknown event type"):
        cu.new_correction(cu.SetType("PARTY"))
    with pytest.raises(cu.CorrectionError, match="unknown country: Atlantis"):
        cu.new_correction(cu.SetNames("countries", ("Atlantis",)))
    with pytest.raises(cu.CorrectionError, match="into itself"):
        cu.new_correction(cu.MergeActors("HLI", " HLI "))
    with pytest.raises(cu.CorrectionError, match="needs the event"):
        cu.new_correction(cu.Delete())


# -- surviving re-parses ------------------------------------------------------------------


def test_corrections_follow_the_clause_when_the_parser_splits_it_differently():
    frame = parsed()
    hurricane = row_with(frame, "hurricane")
    c = event_correction(frame, "hurricane", cu.SetType("ASSAULT"))
    # A later parser reads a wider clause with another id: same article, same text.
    wider = frame.copy()
    i = wider.index[wider["event_id"] == hurricane["event_id"]][0]
    wider.loc[i, "event_id"] = "new-id"
    wider.loc[i, "char_start"] = int(hurricane["char_start"]) - 10
    wider.loc[i, "text"] = "ABCDEFGHIJ" + hurricane["text"]
    applied = cu.resolve(wider, [c])
    assert applied.attached == {c.id: "new-id"}
    assert applied.frame.loc[i, "event_type"] == "ASSAULT"
    # The article changed: the clause is no longer at its place -> orphaned, applied nowhere.
    moved = frame.copy()
    moved.loc[i, "event_id"] = "moved"
    moved["char_start"] += 5
    moved["char_end"] += 5
    orphaned = cu.resolve(moved, [c])
    assert not orphaned.attached and len(orphaned.orphans) == 1
    assert "any more" in orphaned.orphans[0].reason
    assert (orphaned.frame["event_type"] == moved["event_type"]).all()
    gone = cu.resolve(frame[frame["article_id"] != "hooli"], [c])
    assert "not among the events" in gone.orphans[0].reason


def test_the_seed_article_reparsed_gives_the_same_corrected_frame():
    first = parse_article(load_article(SEED))
    log = [
        cu.new_correction(cu.MergeActors("Vucic", "Aleksandar Vucic")),
        cu.new_correction(cu.NotActor("RTS")),
        event_correction(first, "NATO bombed Serbia", cu.SetDate(dt.date(1999, 3, 24), None, None)),
        event_correction(first, "Shots were fired", cu.SetType("ASSAULT")),
        event_correction(first, "German and US officials", cu.SetNames("targets", ("Serbia",))),
        event_correction(first, "The return of Serbian troops is unlikely", cu.Delete()),
    ]
    before = cu.resolve(first, log)
    assert not before.orphans
    again = parse_article(load_article(SEED))  # `make data` re-parses the same file
    after = cu.resolve(again, log)
    pd.testing.assert_frame_equal(before.frame, after.frame)
    assert not after.orphans and len(after.frame) == len(first) - 1


def test_apply_is_idempotent_and_deterministic():
    frame = parsed()
    log = [
        cu.new_correction(cu.MergeActors("HLI", "Hooli Inc.")),
        cu.new_correction(cu.NotActor("MARRAKESH")),
        event_correction(frame, "hurricane", cu.SetDate(dt.date(2024, 3, 1), None, "day")),
    ]
    once = cu.apply(frame, log)
    pd.testing.assert_frame_equal(cu.apply(once, log), once)
    pd.testing.assert_frame_equal(cu.apply(frame, log), once)
    empty = cu.apply(frame, [])
    pd.testing.assert_frame_equal(empty.drop(columns="corrected"), frame)
    assert (empty["corrected"] == "").all()


names = st.sampled_from(["A", "B", "C", "D"])
ops = st.one_of(
    st.builds(cu.MergeActors, names, names),
    st.builds(cu.RenameActor, names, names),
    st.builds(cu.NotActor, names),
)


@given(
    st.lists(st.tuples(ops), max_size=8),
    st.lists(st.lists(names, max_size=3, unique=True), max_size=6),
)
@settings(max_examples=150, deadline=None)
def test_actor_corrections_never_loop_and_apply_twice_the_same(pairs, actor_lists):
    from timeline.schema import new_frame

    frame = new_frame(
        {"event_id": f"e{i}", "article_id": "x", "actors": a, "targets": a[::-1]}
        for i, a in enumerate(actor_lists)
    )
    log = []
    for (op,) in pairs:
        try:
            log.append(cu.new_correction(op))
        except cu.CorrectionError:
            continue
    once = cu.apply(frame, log)
    pd.testing.assert_frame_equal(cu.apply(once, log), once)
    for lst in once["actors"]:
        assert len(set(lst)) == len(lst)


def assert_same(got: cu.Applied, want: cu.Applied) -> None:
    pd.testing.assert_frame_equal(got.frame, want.frame)
    assert got.positions.tolist() == want.positions.tolist()
    assert dict(got.notes) == dict(want.notes)
    pd.testing.assert_frame_equal(got.deleted, want.deleted)
    assert [(o.correction.id, o.reason) for o in got.orphans] == [
        (o.correction.id, o.reason) for o in want.orphans
    ]
    assert dict(got.attached) == dict(want.attached)
    assert got.active == want.active and got.undone == want.undone


# Six clauses of two articles, one id used twice (a parser can repeat one), and clauses an
# analyst corrected that a newer parse no longer has (`gone`: an old id, a moved span).
CLAUSES = [
    ("e0", "a", 0, "Ana met Bo"),
    ("e1", "a", 20, "Bo thanked Ana"),
    ("e2", "a", 40, "Cy left"),
    ("e3", "b", 0, "Bo met Cy in town"),
    ("e3", "b", 30, "Di wrote"),
    ("e5", "b", 50, "Ana and Di talked"),
]


def clause_frame() -> pd.DataFrame:
    from timeline.schema import new_frame

    return new_frame(
        {
            "event_id": ident,
            "article_id": article,
            "text": text,
            "char_start": start,
            "char_end": start + len(text),
            "actors": text.split()[:1],
            "targets": text.split()[-1:],
            "countries": ["Serbia"] if k % 2 else [],
        }
        for k, (ident, article, start, text) in enumerate(CLAUSES)
    )


def anchors(k: int) -> cu.Anchor:
    if k >= len(CLAUSES):  # vanished: a clause no parse of these articles has
        return cu.Anchor("b", "", 70, 75, "Ed ran", "old")
    ident, article, start, text = CLAUSES[k]
    # Every other anchor by span and text only, as after a parser upgrade.
    return cu.Anchor(article, "", start, start + len(text), text, ident if k % 2 else "old")


people = st.sampled_from(["Ana", "Bo", "Cy", "Di"])
steps = st.one_of(
    st.tuples(
        st.just("event"),
        st.integers(0, len(CLAUSES)),
        st.sampled_from(
            [
                cu.SetDate(dt.date(2024, 1, 2), None, "day"),
                cu.SetDate(None, None, None),
                cu.SetType("PROTEST"),
                cu.SetNames("actors", ("Di", "Ana")),
                cu.SetNames("targets", ("Cy",)),
                cu.SetNames("countries", ("Kosovo",)),
                cu.Delete(),
                cu.Restore(),
            ]
        ),
    ),
    st.tuples(st.just("actor"), st.just(0), st.builds(cu.MergeActors, people, people)),
    st.tuples(st.just("actor"), st.just(0), st.builds(cu.NotActor, people)),
    st.tuples(st.just("undo"), st.integers(0, 30), st.just(None)),
)


@given(st.lists(steps, max_size=10))
@settings(max_examples=60, deadline=None)
def test_resolving_step_by_step_gives_what_resolving_the_whole_log_gives(plan):
    frame = clause_frame()
    log: list[cu.Correction] = []
    previous = cu.resolve(frame, [])
    for what, k, op in plan:
        try:
            if what == "event":
                log.append(cu.new_correction(op, event=anchors(k)))
            elif what == "actor":
                log.append(cu.new_correction(op))
            elif log:
                log.append(cu.new_correction(cu.Undo(log[k % len(log)].id)))
        except cu.CorrectionError:
            continue
        whole = cu.resolve(frame, log)
        step = cu.resolve(frame, log, previous=previous)
        assert_same(step, whole)
        once = cu.apply(frame, log)
        pd.testing.assert_frame_equal(cu.apply(once, log), once)
        previous = step
    # A previous result of another frame, or of a log that is not an earlier state of this
    # one, is not used.
    other = cu.resolve(frame.copy(), log)
    assert_same(cu.resolve(frame, log, previous=other), cu.resolve(frame, log))
    if log:
        assert_same(cu.resolve(frame, log[1:], previous=previous), cu.resolve(frame, log[1:]))


# -- the log file -------------------------------------------------------------------------


def test_the_log_round_trips_and_is_only_ever_appended(tmp_path):
    frame = parsed()
    log = cu.CorrectionLog(tmp_path / "corrections.jsonl")
    assert log.read() == ()
    merge = log.record(cu.MergeActors("HLI", "Hooli Inc."), author="ana", note="same company")
    date = log.record(
        cu.SetDate(dt.date(2024, 3, 1), None, "day"),
        event=cu.anchor_of(row_with(frame, "hurricane"), "the article text"),
    )
    text_before = log.path.read_text()
    undo = log.record(cu.Undo(merge.id))
    assert log.path.read_text().startswith(text_before)
    assert log.read() == (merge, date, undo)
    lines = [json.loads(line) for line in log.path.read_text().splitlines()]
    assert lines[0] == {
        "id": merge.id,
        "time": merge.time,
        "author": "ana",
        "note": "same company",
        "kind": "merge_actors",
        "name": "HLI",
        "into": "Hooli Inc.",
    }
    assert lines[1]["event"]["article_sha256"] == cu.article_hash("the article text")
    assert lines[1]["start"] == "2024-03-01" and lines[1]["end"] == "2024-03-01"
    assert merge.time.endswith("Z") and merge.author == "ana"
    assert cu.new_correction(cu.NotActor("X")).author == cu.default_author()


def test_a_corrupted_line_stops_with_its_number(tmp_path):
    log = cu.CorrectionLog(tmp_path / "corrections.jsonl")
    log.record(cu.NotActor("MARRAKESH"))
    log.record(cu.NotActor("Reuters"))
    lines = log.path.read_text().splitlines()
    log.path.write_text(lines[0] + "\n" + lines[1][:30] + "\n")
    with pytest.raises(cu.LogError, match=r"corrections.jsonl, line 2: not valid JSON"):
        log.read()
    # Nothing is appended to a log that cannot be read.
    with pytest.raises(cu.LogError, match="line 2"):
        log.record(cu.NotActor("AP"))
    assert log.path.read_text().count("\n") == 2
    log.path.write_text(lines[0] + "\n" + json.dumps({**json.loads(lines[1]), "kind": "x"}))
    with pytest.raises(cu.LogError, match="line 2: unknown kind 'x'"):
        log.read()
    log.path.write_text(lines[0] + "\n" + json.dumps({**json.loads(lines[1]), "id": "nope"}))
    log.path.write_text(log.path.read_text() + "\n" + lines[0].replace("not_actor", "undo"))
    with pytest.raises(cu.LogError, match="line 3"):
        log.read()


def test_an_undo_of_an_unknown_correction_is_refused(tmp_path):
    log = cu.CorrectionLog(tmp_path / "corrections.jsonl")
    with pytest.raises(cu.LogError, match="undoes nothere"):
        log.record(cu.Undo("nothere"))
    assert not log.path.exists() or log.path.read_text() == ""


def _write_many(path: str, who: str, n: int) -> None:
    log = cu.CorrectionLog(path)
    for i in range(n):
        log.record(cu.NotActor(f"{who}-{i}"), author=who)


def test_two_writers_at_once_lose_no_line(tmp_path):
    path = str(tmp_path / "corrections.jsonl")
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_write_many, args=(path, who, 40)) for who in ("a", "b")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    read = cu.CorrectionLog(path).read()
    assert len(read) == 80
    assert {c.op.name for c in read} == {f"{w}-{i}" for w in "ab" for i in range(40)}  # type: ignore[union-attr]


def test_log_path_follows_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(tmp_path))
    assert cu.log_path() == tmp_path / "corrections.jsonl"
    assert cu.log_path(tmp_path / "x") == tmp_path / "x" / "corrections.jsonl"


# -- the event store applies them at query time ----------------------------------------------


def test_the_store_applies_corrections_as_pandas_does(tmp_path):
    from timeline.export import write_events
    from timeline.store import EventStore

    frame = pd.concat([parsed(), parse_article(load_article(SEED))], ignore_index=True)
    log = [
        cu.new_correction(cu.MergeActors("HLI", "Hooli Inc.")),
        cu.new_correction(cu.NotActor("MARRAKESH")),
        cu.new_correction(cu.RenameActor("NATO", "North Atlantic Treaty Organization")),
        event_correction(frame, "hurricane", cu.SetDate(dt.date(2024, 3, 1), None, "day")),
        event_correction(frame, "hurricane", cu.SetNames("actors", ("HLI", "Weather Service"))),
        event_correction(frame, "NATO bombed Serbia", cu.SetType("SANCTION")),
        event_correction(frame, "Shots were fired", cu.Delete()),
        event_correction(frame, "Shots were fired", cu.SetNames("countries", ("Kosovo",))),
    ]
    expected = cu.apply(frame, log).sort_values("event_id").reset_index(drop=True)
    write_events(frame, tmp_path / "events.parquet")
    for store in (
        EventStore(tmp_path / "events.parquet", materialize=True),
        EventStore(frame=frame),
    ):
        with store:
            assert "corrected" not in store.events().columns
            applied = store.apply_corrections(log)
            assert not applied.orphans
            got = store.events().sort_values("event_id").reset_index(drop=True)
            columns = ["event_id", "start", "end", "precision", "event_type", "actors", "targets"]
            columns += ["countries", "country_codes", "corrected"]
            for column in columns:
                assert got[column].tolist() == expected[column].tolist(), column
            assert store.count({"actors": ["Hooli Inc."]}) == sum(
                "Hooli Inc." in a for a in expected["actors"]
            )
            lanes = store.lanes("actor")
            assert "MARRAKESH" not in set(lanes["lane"]) and "HLI" not in set(lanes["lane"])
            store.apply_corrections([])
            assert len(store.events()) == len(frame)


def test_actor_corrections_apply_to_names_set_by_hand():
    frame = parsed()
    log = [
        cu.new_correction(cu.MergeActors("HLI", "Hooli Inc.")),
        event_correction(frame, "hurricane", cu.SetNames("actors", ("HLI", "Weather Service"))),
        event_correction(frame, "hurricane", cu.SetNames("targets", ("MARRAKESH",))),
        cu.new_correction(cu.NotActor("MARRAKESH")),
    ]
    fixed = row_with(cu.apply(frame, log), "hurricane")
    assert list(fixed["actors"]) == ["Hooli Inc.", "Weather Service"]
    assert list(fixed["targets"]) == []
