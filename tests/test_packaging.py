"""The package runs wherever it is installed: tables read as package data, the `timeline`
command, the data folder setting, the optional Dask extra."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline import config
from timeline._tables import data_file, read_table, trie_regex
from timeline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "timeline"
SEED = ROOT / "seeds" / "000_20e26df19170620a.txt"
BIN = Path(sys.executable).parent


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", config.DATA_DIR_ENV)}
    env.update(extra)
    return env


def test_tables_are_read_as_package_data() -> None:
    rows = read_table("countries.csv")
    assert any(row["alpha2"] == "NA" for row in rows)  # Namibia: "NA" is not missing
    assert data_file("countries.csv").is_file()
    assert data_file("ner").name == "ner"  # the entity model's folder, when there is one


def test_no_module_reads_its_data_through_its_own_path() -> None:
    # One loader (timeline/_tables.py, through importlib.resources): a module that builds a
    # path from __file__ breaks when the package is zipped or installed elsewhere.
    offenders = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if "__file__" in path.read_text(encoding="utf-8") and path.name != "config.py"
    ]
    assert offenders == []


def test_one_trie_builder_matches_longest_first() -> None:
    import re

    pattern = re.compile(trie_regex(["mar", "march", "may", "m"]) + r"\b")
    assert [m.group() for m in pattern.finditer("march may m mar")] == ["march", "may", "m", "mar"]
    assert trie_regex([]) == ""


def test_the_package_runs_from_a_zip_outside_the_repository(tmp_path: Path) -> None:
    # A zipped package has no folders on disk: only importlib.resources finds its tables.
    archive = tmp_path / "timeline.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in PACKAGE.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(ROOT).as_posix())
    work = tmp_path / "empty"
    work.mkdir()
    code = (
        "import timeline, timeline.pipeline as p\n"
        "assert timeline.__file__.startswith(%r), timeline.__file__\n"
        "f = p.parse_text('Serbia on Thursday demanded the return of its troops to Kosovo.',"
        " title='t', published=__import__('datetime').date(2022, 12, 15)).frame\n"
        "print(f.loc[0, 'event_type'], f.loc[0, 'start'].date(), ';'.join(f.loc[0, 'actors']))\n"
    ).replace("%r", repr(str(archive)))
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=work,
        env=_clean_env(PYTHONPATH=str(archive)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["DEMAND", "2022-12-15", "Serbia"]


@pytest.mark.parametrize("command", [["timeline"], [sys.executable, "-m", "timeline"]])
def test_timeline_is_a_command(command: list[str], tmp_path: Path) -> None:
    if command == ["timeline"]:
        command = [str(BIN / "timeline")]
    helped = subprocess.run(
        [*command, "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("Usage: timeline [OPTIONS] COMMAND")
    tagged = subprocess.run(
        [*command, "dates", "--published", "2022-12-15", "--text", "Serbia on Thursday said"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert tagged.returncode == 0, tagged.stderr
    assert "2022-12-15" in tagged.stdout


def test_data_folder_setting(tmp_path: Path) -> None:
    assert config.data_dir({config.DATA_DIR_ENV: str(tmp_path)}) == tmp_path
    # from the source checkout, the project's data/ folder
    assert config.data_dir({}) == ROOT / "data"
    assert config.dataset_dir({config.DATA_DIR_ENV: str(tmp_path)}) == tmp_path / "events"


def test_data_folder_outside_a_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(config, "_checkout", lambda: None)
    assert config.data_dir({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "timeline"
    assert config.data_dir({}) == Path.home() / ".local" / "share" / "timeline"


def test_parse_without_out_fills_the_data_folders_dataset(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(config.DATA_DIR_ENV, str(tmp_path / "state"))
    result = CliRunner().invoke(cli, ["parse", str(SEED), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "state" / "events" / "_manifest.jsonl").is_file()
    from timeline.corpus import read_dataset

    assert len(read_dataset(tmp_path / "state" / "events")) > 5


def test_library_imports_without_dask(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['dask'] = None; sys.modules['distributed'] = None\n"
        "import timeline, timeline.cli, timeline.corpus, timeline.view, timeline.store\n"
        "print(timeline.parse_corpus.__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "parse_corpus"


def test_dask_engine_without_dask_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "distributed", None)
    out = tmp_path / "ds"
    result = CliRunner().invoke(
        cli, ["parse", str(SEED), "--out", str(out), "--engine", "dask", "-q"]
    )
    assert result.exit_code == 1
    assert "pip install 'timeline[dask]'" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()  # refused before anything was written
