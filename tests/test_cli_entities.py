"""`python -m timeline entities`: JSON lines in and out, a table for --text, bad lines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import cli

TEXT = "Lena Dahl, chief executive of Fenwick Motors, flew to Oslo on Tuesday."


def run(args: list[str], stdin: str | None = None):
    return CliRunner().invoke(cli, args, input=stdin)


def test_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [{"id": "a", "text": TEXT}, {"id": 7, "text": ""}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = run(["entities", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    assert out[1]["entities"] == []
    found = {(e["text"], e["type"]) for e in out[0]["entities"]}
    assert found == {("Lena Dahl", "PERSON"), ("Fenwick Motors", "ORG"), ("Oslo", "GPE")}
    for e in out[0]["entities"]:
        assert TEXT[e["start"] : e["end"]] == e["text"]
        assert set(e) == {"start", "end", "text", "type", "canonical"}
    oslo = next(e for e in out[0]["entities"] if e["text"] == "Oslo")
    assert oslo["canonical"] == "Oslo"


def test_standard_input_and_bad_lines() -> None:
    stdin = "\n".join(
        [
            json.dumps({"id": 1, "text": TEXT}),
            "{not json",
            json.dumps({"id": 3}),
            json.dumps({"id": 4, "text": 5}),
            "[1, 2]",
            "",
            json.dumps({"id": 7, "text": "Fenwick Motors fell."}),
        ]
    )
    result = run(["entities", "-"], stdin)
    assert result.exit_code == 1
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == [1, 7]
    assert "line 2: not JSON" in result.stderr
    assert "line 3: missing field(s): text" in result.stderr
    assert 'line 4: "text" is not a string' in result.stderr
    assert "line 5: not a JSON object" in result.stderr
    assert "4 bad line(s) skipped" in result.stderr
    assert "Traceback" not in result.output


def test_text_table() -> None:
    result = run(["entities", "--text", TEXT])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["text", "type", "canonical", "countries", "start", "end"]
    assert any(line.split()[:3] == ["Oslo", "GPE", "Oslo"] for line in lines)
    assert any("Lena Dahl" in line and "PERSON" in line for line in lines)


def test_usage_errors(tmp_path: Path) -> None:
    assert run(["entities"]).exit_code == 2
    path = tmp_path / "in.jsonl"
    path.write_text("", encoding="utf-8")
    both = run(["entities", str(path), "--text", "x"])
    assert both.exit_code == 2 and "not both" in both.output
    missing = run(["entities", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
