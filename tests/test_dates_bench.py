"""bench/timex.py groups our value errors into families read off the two values alone."""

from __future__ import annotations

import importlib.util
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_timex", ROOT / "bench" / "timex.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("gold", "ours", "family"),
    [
        ("1989-WXX", "1989-W43", "gold leaves part unspecified"),
        ("1988", "1988-Q3", "granularity"),
        ("1990-08-07", "1990-08-14", "same granularity"),
        ("PXY", "PAST_REF", "vague reference"),
        ("PXE", "PXCE", "duration unit"),
        ("P2Y", "1996", "duration vs point"),
    ],
)
def test_value_families(gold: str, ours: str, family: str) -> None:
    assert bench().value_family(gold, ours).startswith(family)


def test_families_are_printed_with_counts(capsys: pytest.CaptureFixture[str]) -> None:
    fp_vals: defaultdict[str, Counter[str]] = defaultdict(Counter)
    fp_vals["now"]["PRESENT_REF"] = 2
    errors = {
        "val_err": Counter({("last week", "1989-WXX", "last week", "1989-W43"): 3}),
        "fp": Counter({"now": 2}),
        "fp_vals": fp_vals,
        "fn": Counter(),
        "fn_vals": defaultdict(Counter),
    }
    bench().print_families(errors)
    out = capsys.readouterr().out
    assert "3 value: gold leaves part unspecified" in out
    assert "2 false positive: ref" in out
