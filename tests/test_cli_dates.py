"""`timeline dates`: JSON lines in and out, a table for --text, bad lines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import cli

SEED_SENTENCE = (
    "Serbia on Thursday formally demanded that its security forces return to Kosovo, "
    "where NATO-led peacekeepers have been stationed since 1999."
)


def run(args: list[str], stdin: str | None = None):
    return CliRunner().invoke(cli, args, input=stdin)


def test_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        {"id": "seed", "text": SEED_SENTENCE, "published": "2022-12-15"},
        {
            "id": 2,
            "text": "3 min read. From one hundred to 1,000 officers.",
            "published": "2022-12-15",
        },
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = run(["dates", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["seed", 2]
    first, second = out[0]["timexes"]
    assert first == {
        "start": 10,
        "end": 18,
        "text": "Thursday",
        "type": "DATE",
        "value": "2022-12-15",
        "interval_start": "2022-12-15",
        "interval_end": "2022-12-15",
        "precision": "day",
    }
    assert SEED_SENTENCE[second["start"] : second["end"]] == "1999"
    assert (second["interval_start"], second["interval_end"]) == ("1999-01-01", "2022-12-15")
    assert out[1]["timexes"] == []


def test_stdin_and_bad_lines() -> None:
    stdin = "\n".join(
        [
            json.dumps({"id": "a", "text": "Talks resumed last week.", "published": "2022-12-15"}),
            "this is not json",
            json.dumps({"id": "b", "text": "no date here"}),
            json.dumps({"id": "c", "text": "on Monday", "published": "2022-02-30"}),
            "",
            json.dumps({"id": "d", "text": "Fighting began in 1999.", "published": "2022-12-15"}),
        ]
    )
    result = run(["dates", "-"], stdin)
    assert result.exit_code == 1
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "d"]
    assert out[0]["timexes"][0]["value"] == "2022-W49"
    assert "line 2: not JSON" in result.stderr
    assert "line 3: missing field(s): published" in result.stderr
    assert "line 4:" in result.stderr and "not a date" in result.stderr
    assert "Traceback" not in result.output


def test_null_publication_date_is_allowed() -> None:
    stdin = json.dumps({"id": 1, "text": "Serbia on Thursday demanded it.", "published": None})
    result = run(["dates", "-"], stdin)
    assert result.exit_code == 0
    (timex,) = json.loads(result.stdout)["timexes"]
    assert (timex["value"], timex["interval_start"], timex["precision"]) == (
        "XXXX-WXX-4",
        None,
        None,
    )


def test_text_table() -> None:
    text = "Tensions flared during the past week; Kosovo will apply on Monday. 3 min read"
    result = run(["dates", "--published", "2022-12-15", "--text", text])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["text", "type", "value", "interval", "precision", "relative"]
    assert any("the past week" in x and "2022-12-08 .. 2022-12-15" in x for x in lines)
    assert any(x.startswith("Monday") and "2022-12-19" in x for x in lines)
    assert not any("min" in x for x in lines)


def test_usage_errors_and_help() -> None:
    assert run(["dates"]).exit_code == 2
    assert run(["dates", "--published", "2022-13-01", "--text", "x"]).exit_code == 2
    result = run(["dates", "--help"])
    assert result.exit_code == 0 and "Example" in result.output
