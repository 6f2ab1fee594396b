"""Corrections: apply time, and correct -> redraw as the dashboard does it.

    .venv/bin/python bench/curation.py [--events 100000] [--corrections 10000]

A synthetic events frame (bench/_synthetic.py; clause offsets made distinct per article)
gets a log of `--corrections` corrections: 2% actor-level (merges, renames, not-an-actor),
the rest event-level (dates, types, actors, countries, deletions, restores, undos), and a
third of the event-level ones anchored to ids that no longer exist, so that they attach by
the clause's span and text (as after a parser upgrade). Timed:

- `timeline.curation.apply(frame, log)` (target <= 0.2 s at 10,000 corrections on 100,000
  events);
- correct -> redraw: append one correction to the log file, read the log back, apply it
  (from the view shown before, `resolve(..., previous=)`, as the dashboard does), rebuild
  the hover texts of the corrected events, filter and build the figure (target < 0.5 s at
  100,000 events), the figure of one actor's events and of all events; with the whole log
  and with a log of about a hundred corrections; next to the same redraw without a
  correction (a filter change, bench/dashboard.py).

Times are the best of --repeat runs, wall clock and that run's CPU time (on a shared,
loaded machine the CPU time is the steadier figure).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._synthetic import ACTORS, COUNTRIES, synthetic_events
from timeline import curation as cu
from timeline.chart import build_figure, hover_texts
from timeline.filters import Filters, apply


def timed(fn: Callable[[], object], repeat: int) -> str:
    """Best wall time of `fn()` over `repeat` runs (shared machine: the least disturbed),
    and the CPU time of that run."""
    best, cpu = float("inf"), 0.0
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall = time.perf_counter() - start
        if wall < best:
            best, cpu = wall, time.process_time() - start_cpu
    return f"{best:.3f} s (CPU {cpu:.3f} s)"


def events(n: int) -> pd.DataFrame:
    frame = synthetic_events(n)
    # Distinct clauses at distinct offsets, as a parse gives them (20 events per article).
    position = np.arange(n) % 20
    frame["char_start"] = (position * 100).astype("int64")
    frame["char_end"] = frame["char_start"] + frame["text"].str.len()
    return frame.astype({"char_start": "Int64", "char_end": "Int64"})


def corrections(frame: pd.DataFrame, n: int, seed: int = 1) -> list[cu.Correction]:
    rng = np.random.default_rng(seed)
    now = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC)
    log: list[cu.Correction] = []
    n_actor = max(1, n // 50)
    for i in range(n_actor):
        name = f"{ACTORS[i % len(ACTORS)]}"
        op: cu.Operation
        if i % 3 == 0:
            op = cu.MergeActors(f"Alias {i}", name)
        elif i % 3 == 1:
            op = cu.RenameActor(f"Alias {i - 1}", f"Name {i}")
        else:
            op = cu.NotActor(f"Mention {i}")
        log.append(cu.new_correction(op, author="bench", now=now))
    log.append(cu.new_correction(cu.MergeActors("KFOR", "NATO"), author="bench", now=now))
    rows = rng.choice(len(frame), n - len(log), replace=True)
    sample = frame.iloc[rows].to_dict("records")
    for k, row in enumerate(sample):
        anchor = cu.anchor_of(row)
        if k % 3 == 0:  # the parser changed: the id is gone, the clause is still there
            anchor = cu.Anchor(
                anchor.article_id,
                "",
                anchor.char_start,
                anchor.char_end,
                anchor.text,
                f"old-{k}",
            )
        kind = k % 8
        if kind == 0:
            op = cu.SetDate(dt.date(2021, 1, 1 + k % 28), None, "day")
        elif kind == 1:
            op = cu.SetType("PROTEST")
        elif kind == 2:
            op = cu.SetNames("actors", (ACTORS[k % len(ACTORS)], "Someone Else"))
        elif kind == 3:
            op = cu.SetNames("countries", (COUNTRIES[k % len(COUNTRIES)],))
        elif kind == 4:
            op = cu.Delete()
        elif kind == 5:
            op = cu.Restore()
        elif kind == 6:
            op = cu.SetNames("targets", ("Someone",))
        else:
            log.append(cu.new_correction(cu.Undo(log[-1].id), author="bench", now=now))
            continue
        log.append(cu.new_correction(op, event=anchor, author="bench", now=now))
    return log


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--corrections", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    frame = events(args.events)
    log = corrections(frame, args.corrections)
    applied = cu.resolve(frame, log)
    print(
        f"{len(frame):,} events, {len(log):,} corrections: {len(applied.attached):,} attached "
        f"({sum(1 for c in log if c.event and c.event.event_id.startswith('old-')):,} by span), "
        f"{len(applied.orphans):,} orphaned, {len(applied.deleted):,} events deleted, "
        f"{int((applied.frame['corrected'] != '').sum()):,} events corrected"
    )
    best = timed(lambda: cu.apply(frame, log), args.repeat)
    print(f"apply(frame, log): {best} (target <= 0.2 s)")
    no_log = timed(lambda: cu.apply(frame, []), args.repeat)
    print(f"apply(frame, []) (no corrections): {no_log}")

    hover = hover_texts(frame)
    with tempfile.TemporaryDirectory() as tmp:
        store = cu.CorrectionLog(Path(tmp) / "corrections.jsonl")
        start = time.perf_counter()
        store.append(*log)
        print(f"write the {len(log):,}-line log: {time.perf_counter() - start:.3f} s")
        read = timed(lambda: cu.CorrectionLog(store.path).read(), args.repeat)
        print(f"read the whole log (a new session): {read}")
        target = frame.iloc[len(frame) // 2]
        redraws(frame, hover, store, target, args.repeat, f"{len(log):,} corrections")
    with tempfile.TemporaryDirectory() as tmp:
        small = cu.CorrectionLog(Path(tmp) / "corrections.jsonl")
        small.append(*[c for c in log if c.kind != "undo"][:: max(1, len(log) // 100)])
        redraws(frame, hover, small, target, args.repeat, f"{len(small.read()):,} corrections")


def redraws(
    frame: pd.DataFrame,
    hover: pd.Series,
    store: cu.CorrectionLog,
    target: pd.Series,
    repeat: int,
    label: str,
) -> None:
    """Time one correction made and the chart redrawn, as the dashboard does it (which keeps
    the hover texts of corrected events between corrections)."""
    memo: dict[str, tuple[tuple[cu.Note, ...], str]] = {}
    last = [cu.resolve(frame, store.read())]  # the view shown before the correction
    cu.hover_of(last[0], hover, memo)

    def redraw(filters: Filters) -> None:
        store.record(
            cu.SetDate(dt.date(2022, 5, 1), None, "day"), event=cu.anchor_of(target), author="b"
        )
        done = cu.resolve(frame, store.read(), previous=last[0])
        last[0] = done
        texts = cu.hover_of(done, hover, memo)
        shown = apply(done.frame, filters)
        build_figure(shown, hover=texts.loc[shown.index])

    def plain(filters: Filters) -> None:  # the same redraw with no correction made
        shown = apply(frame, filters)
        build_figure(shown, hover=hover.loc[shown.index])

    for what, filters in (("one actor", Filters(actors=("Serbia",))), ("all", Filters())):
        best = timed(partial(redraw, filters), repeat)
        base = timed(partial(plain, filters), repeat)
        print(
            f"correct -> redraw, {label}, {what} events: {best} (target < 0.5 s); "
            f"the same redraw without correcting: {base}"
        )


if __name__ == "__main__":
    main()
