"""The public API: every name of `timeline.__all__` resolves; heavy modules load lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

import timeline


@pytest.mark.parametrize("name", timeline.__all__)
def test_public_name_resolves(name: str) -> None:
    assert getattr(timeline, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = timeline.no_such_name


def test_import_does_not_load_plotly_or_duckdb() -> None:
    code = "import sys, timeline; print(sorted({'plotly', 'duckdb', 'dask'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
