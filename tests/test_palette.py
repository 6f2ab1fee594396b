"""The event types' colours: distinct in normal vision and in simulated colour blindness."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from timeline.views import palette
from timeline.views.palette import PALETTE, TYPE_COLOURS, type_colour

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
CVD = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}


def lab(colour: str, vision: str) -> np.ndarray:
    """CIELAB (D65) of a hex colour as seen with `vision`."""
    rgb = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(CVD[vision] @ linear, 0, 1)
    xyz = (
        np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
        @ linear
        / np.array([0.95047, 1.0, 1.08883])
    )
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def closest(colours: list[str]) -> float:
    """The smallest CIELAB distance between two of `colours`, over the four visions."""
    return min(
        float(np.linalg.norm(lab(a, v) - lab(b, v)))
        for v in CVD
        for a, b in combinations(colours, 2)
    )


def test_todays_types_are_far_apart_in_every_vision():
    assert len(set(TYPE_COLOURS.values())) == len(TYPE_COLOURS)
    assert closest(list(TYPE_COLOURS.values())) >= 12


def test_the_whole_palette_stays_apart_and_visible_on_white():
    assert len(set(PALETTE)) == len(PALETTE) == 24
    assert closest(list(PALETTE)) >= 7.9
    assert all(lab(c, "normal")[0] < 88 for c in PALETTE)  # none too pale on white


def test_the_old_complaints_are_gone():
    # STATEMENT and OTHER were two greys, DEMAND and REQUEST two blues.
    assert closest([type_colour("STATEMENT"), type_colour("OTHER")]) >= 12
    assert closest([type_colour("DEMAND"), type_colour("REQUEST")]) >= 12


def test_a_type_added_to_the_table_gets_a_free_colour(monkeypatch: pytest.MonkeyPatch):
    table = pd.read_csv("timeline/data/event_types.csv", keep_default_na=False)
    # (two types that are not in the table: DISASTER and ELECTION have joined it)
    rows = [*table.to_dict("records"), {"event_type": "SPORT"}, {"event_type": "HEALTH"}]
    monkeypatch.setattr(palette, "read_table", lambda name: tuple(rows))
    palette.type_colours.cache_clear()
    try:
        colours = palette.type_colours()
        n = len(table)  # the table's types take the first n colours
        assert colours["SPORT"] == PALETTE[n] and colours["HEALTH"] == PALETTE[n + 1]
        assert len(set(colours.values())) == len(colours)
        assert type_colour("NOT_IN_THE_TABLE") not in colours.values()
    finally:
        palette.type_colours.cache_clear()
