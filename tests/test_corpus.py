"""Corpus parsing: engines, content-hash skip, replaced articles, interrupted runs, errors."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest

from timeline.corpus import MANIFEST, Manifest, dataset_files, parse_corpus, read_dataset
from timeline.schema import new_frame

ROOT = Path(__file__).resolve().parent.parent

# Lines of real reports; each article file is a title, a date line and one event per line.
LINES = (
    "Serbia on Thursday formally demanded that its security forces return to Kosovo.",
    "Vucic told state RTS television that the government asked the commander of KFOR.",
    "Russian Foreign Ministry spokeswoman Maria Zakharova said on Thursday that Russia would help.",
    "Prime Minister Albin Kurti submitted the application to Czech minister Mikulas Bek.",
    "Serbs erected barricades on the main roads in the north of the province.",
)


def fake_work(path: Path, published: dt.date | None) -> tuple[pd.DataFrame, Sequence[str]]:
    """A stand-in parser: one event per body line, dated by the article's date line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0] == "BROKEN":
        raise ValueError("cannot read this article")
    day = published or dt.date.fromisoformat(lines[1])
    rows = [
        {
            "event_id": f"{path.stem}-{i}",
            "article_id": path.stem,
            "source": lines[0],
            "source_path": str(path),
            "published": day,
            "sentence": line,
            "text": line,
            "char_start": 0,
            "char_end": len(line),
            "start": day,
            "end": day,
            "precision": "day",
            "time_expression": "on Thursday",
            "date_basis": "explicit",
            "actors": ["Serbia"],
            "countries": ["Serbia", "Kosovo"],
            "country_codes": ["SRB", "XKX"],
            "event_type": "STATEMENT",
        }
        for i, line in enumerate(lines[2:])
        if line.strip()
    ]
    return new_frame(rows), ()


_CALLS = {"n": 0}


def interrupting_work(path: Path, published: dt.date | None) -> tuple[pd.DataFrame, Sequence[str]]:
    """Parses like fake_work, then behaves like Ctrl-C on the fifth file."""
    _CALLS["n"] += 1
    if _CALLS["n"] == 5:
        raise KeyboardInterrupt
    return fake_work(path, published)


def make_corpus(folder: Path, n: int = 8) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        year = 2021 + k % 2
        body = "\n".join(LINES[: 1 + k % len(LINES)])
        path = folder / f"a{k:03d}.txt"
        path.write_text(f"Report {k}\n{year}-12-{1 + k % 28:02d}\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def expected(paths: Sequence[Path]) -> pd.DataFrame:
    frames = [fake_work(p, None)[0] for p in paths]
    return pd.concat(frames, ignore_index=True).sort_values("event_id", ignore_index=True)


def stored(out: Path) -> pd.DataFrame:
    return read_dataset(out).sort_values("event_id", ignore_index=True)


def assert_same_events(out: Path, paths: Sequence[Path]) -> None:
    got, want = stored(out), expected(paths)
    assert got["event_id"].is_unique, "an article's events are stored twice"
    pd.testing.assert_frame_equal(got, want)


def test_parse_writes_a_dataset_partitioned_by_publication_year(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in")
    out = tmp_path / "ds"
    result = parse_corpus([], out, workers=1, paths=paths, work=fake_work, flush_every=3)
    assert (result.found, result.parsed, result.skipped, result.errors) == (8, 8, 0, [])
    assert result.events == sum(1 + k % len(LINES) for k in range(8))
    assert_same_events(out, paths)
    years = {f.parent.name for f in dataset_files(out)}
    assert years == {"published_year=2021", "published_year=2022"}
    assert not list(out.rglob("*.tmp"))


def test_rerun_skips_unchanged_and_replaces_changed_articles(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in")
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths, work=fake_work, flush_every=3)
    again = parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert (again.parsed, again.skipped, again.replaced) == (0, 8, 0)
    assert_same_events(out, paths)

    # One article rewritten (an update by the outlet): its events are replaced, not added.
    paths[2].write_text("Report 2, updated\n2022-12-15\n" + LINES[4] + "\n", encoding="utf-8")
    third = parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert (third.parsed, third.skipped, third.replaced) == (1, 7, 1)
    assert_same_events(out, paths)
    frame = stored(out)
    assert frame.loc[frame["article_id"] == "a002", "text"].tolist() == [LINES[4]]


def test_a_different_published_override_reparses(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 2)
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    day = dt.date(2020, 1, 2)
    result = parse_corpus([], out, workers=1, paths=paths, work=fake_work, published=day)
    assert result.replaced == 2
    assert set(stored(out)["published"]) == {pd.Timestamp(day)}


def test_errors_are_collected_and_retried_next_time(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 4)
    paths[1].write_text("BROKEN\n2022-12-15\nx\n", encoding="utf-8")
    out = tmp_path / "ds"
    result = parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert result.parsed == 3
    assert [e.path for e in result.errors] == [str(paths[1])]
    assert "cannot read this article" in result.errors[0].message
    paths[1].write_text("Fixed\n2022-12-15\n" + LINES[0] + "\n", encoding="utf-8")
    again = parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert (again.parsed, again.skipped, again.errors) == (1, 3, [])
    assert_same_events(out, paths)


def test_ctrl_c_keeps_committed_batches_and_a_rerun_completes(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 10)
    out = tmp_path / "ds"
    _CALLS["n"] = 0
    with pytest.raises(KeyboardInterrupt):
        parse_corpus(
            [], out, workers=1, paths=paths, work=interrupting_work, chunk_size=1, flush_every=2
        )
    # Four files finished before the interrupt: all four are committed.
    assert len(Manifest(out).entries) == 4
    assert_same_events(out, paths[:4])
    result = parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert (result.parsed, result.skipped) == (6, 4)
    assert_same_events(out, paths)


_KILLED_RUN = """
import sys, time
sys.path[:0] = [{root!r}, {tests!r}]
from pathlib import Path
from test_corpus import fake_work
from timeline.corpus import parse_corpus

def slow(path, published):
    time.sleep(0.15)
    return fake_work(path, published)

paths = sorted(Path({folder!r}).glob("*.txt"))
parse_corpus([], {out!r}, workers=1, paths=paths, work=slow, chunk_size=1, flush_every=1)
"""


def test_sigkill_midway_loses_nothing_committed(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 30)
    out = tmp_path / "ds"
    script = _KILLED_RUN.format(
        root=str(ROOT), tests=str(ROOT / "tests"), folder=str(tmp_path / "in"), out=str(out)
    )
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)])
    manifest = out / MANIFEST
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        # whole lines only (the last may be half written), batches only (not "pending")
        lines = manifest.read_bytes().split(b"\n")[:-1] if manifest.exists() else []
        if sum(b'"articles"' in line for line in lines) >= 3:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    committed = Manifest(out).entries
    assert 3 <= len(committed) < 30, "the run was not killed midway"
    done = [p for p in paths if str(p.resolve()) in committed]
    assert_same_events(out, done)
    result = parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert result.skipped == len(done) and result.parsed == 30 - len(done)
    assert_same_events(out, paths)


def test_torn_manifest_line_and_orphan_part_are_ignored_then_cleaned(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 4)
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths[:2], work=fake_work)
    # What a kill leaves: a part logged as pending and written but never committed, and a
    # half-written log line.
    name = "published_year=2022/part-" + "ab" * 16 + ".parquet"
    orphan = out / name
    orphan.write_bytes(dataset_files(out)[0].read_bytes())
    with (out / MANIFEST).open("ab") as handle:
        handle.write(json.dumps({"pending": [name]}).encode() + b"\n")
        handle.write(b'{"articles":[{"key":"x","sha')
    # A file the manifest never named is not ours to delete.
    foreign = out / "published_year=2022" / "part-mine.parquet"
    foreign.write_bytes(orphan.read_bytes())
    assert orphan not in dataset_files(out)
    assert_same_events(out, paths[:2])
    result = parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert (result.parsed, result.skipped) == (2, 2)
    assert not orphan.exists()
    assert foreign.exists()
    assert_same_events(out, paths)
    for line in (out / MANIFEST).read_bytes().splitlines():
        json.loads(line)


def test_two_local_workers_give_the_same_dataset(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 12)
    out = tmp_path / "ds"
    result = parse_corpus([], out, workers=2, paths=paths, work=fake_work, chunk_size=2)
    assert result.parsed == 12
    assert_same_events(out, paths)


def test_dask_local_cluster_gives_the_same_dataset(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    paths = make_corpus(tmp_path / "in", 12)
    out = tmp_path / "ds"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = parse_corpus(
            [],
            out,
            engine="dask",
            scheduler=cluster.scheduler_address,
            paths=paths,
            work=fake_work,
            chunk_size=2,
        )
    assert (result.parsed, result.errors) == (12, [])
    assert_same_events(out, paths)


def test_unknown_engine_and_file_output_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        parse_corpus([], tmp_path / "ds", engine="spark", paths=[])
    target = tmp_path / "events.csv"
    target.write_text("x")
    with pytest.raises(ValueError, match="is a file"):
        parse_corpus([], target, paths=[])


def _by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("event_id", ignore_index=True)


def test_the_real_parser_on_two_workers_gives_what_parse_paths_gives(tmp_path: Path) -> None:
    from timeline.pipeline import parse_paths

    seeds = ROOT / "seeds"
    result = parse_corpus([seeds], tmp_path / "ds", workers=2)
    assert result.errors == [] and result.parsed == len(list(seeds.glob("*.txt")))
    pd.testing.assert_frame_equal(
        _by_id(read_dataset(tmp_path / "ds")), _by_id(parse_paths([seeds]).frame)
    )


def test_cli_parse_into_a_dataset_folder_then_skip(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from timeline.cli import cli

    seeds = ROOT / "seeds"
    n = len(list(seeds.glob("*.txt")))
    out = tmp_path / "events_ds"
    runner = CliRunner()
    first = runner.invoke(cli, ["parse", str(seeds), "--out", str(out), "--workers", "1", "-q"])
    assert first.exit_code == 0, first.output
    assert f"{n} article(s) parsed, 0 unchanged skipped" in first.output
    assert (out / MANIFEST).exists()
    again = runner.invoke(cli, ["parse", str(seeds), "--out", str(out), "-q"])
    assert again.exit_code == 0, again.output
    assert f"0 article(s) parsed, {n} unchanged skipped" in again.output
    # A file output with --workers is refused with a message, not a traceback.
    refused = runner.invoke(
        cli, ["parse", str(seeds), "--out", str(tmp_path / "x.csv"), "--workers", "2"]
    )
    assert refused.exit_code == 2 and "give a folder" in refused.output
    missing = runner.invoke(cli, ["parse", str(tmp_path / "nope"), "--out", str(out), "-q"])
    assert missing.exit_code == 1 and "no such file or folder" in missing.output


def test_a_folder_of_other_files_is_never_taken_over(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "events.parquet").write_bytes(b"not ours")
    with pytest.raises(ValueError, match="not a dataset folder"):
        parse_corpus([], folder, paths=make_corpus(tmp_path / "in", 1), work=fake_work)
    assert (folder / "events.parquet").read_bytes() == b"not ours"


def test_two_runs_cannot_write_one_dataset_at_once(tmp_path: Path) -> None:
    from timeline.corpus import _exclusive

    out = tmp_path / "ds"
    out.mkdir()
    paths = make_corpus(tmp_path / "in", 2)
    with _exclusive(out), pytest.raises(ValueError, match="another parse"):
        parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert_same_events(out, paths)


def test_dask_engine_starts_and_stops_its_own_local_cluster(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 6)
    out = tmp_path / "ds"
    result = parse_corpus([], out, engine="dask", workers=2, paths=paths, work=fake_work)
    assert (result.parsed, result.errors) == (6, [])
    assert_same_events(out, paths)


def test_rows_to_table_matches_the_frame_conversion() -> None:
    from timeline.article import load_article
    from timeline.corpus import rows_to_table, to_table
    from timeline.events import extract_events
    from timeline.pipeline import parse_article

    article = load_article(
        Path(__file__).resolve().parent.parent / "seeds" / "000_20e26df19170620a.txt"
    )
    assert rows_to_table(extract_events(article)).equals(to_table(parse_article(article)))
