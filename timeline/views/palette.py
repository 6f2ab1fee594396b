"""Colours: one per event type, distinct in normal and colour-blind vision.

The colours come from Okabe & Ito's palette ("Color Universal Design", 2008) and Paul Tol's
"muted", "bright", "vibrant" and "light" schemes (personal.sron.nl/~pault), picked in order
so that each added colour stays as far as possible (CIELAB distance) from those before it,
in normal vision and in simulated protanopia, deuteranopia and tritanopia (Machado,
Oliveira & Fernandes 2009), leaving out colours too pale to see on white. The first 15 are
at least 12 units apart in all four (the types of `data/event_types.csv` today), all 24 at
least 7.9 (`tests/test_palette.py` checks both).

The types known today keep a fixed colour; a type added to `data/event_types.csv` later gets
the first colour not yet taken, in the table's order, so that no two types share a colour;
a type outside the table (an old events file) gets one of the remaining colours by a stable
hash of its name.
"""

from __future__ import annotations

import zlib
from functools import cache

from timeline._tables import read_table

__all__ = [
    "OTHER_COLOUR",
    "PALETTE",
    "SCORE_COLOURSCALE",
    "TYPE_COLOURS",
    "series_colour",
    "type_colour",
    "type_colours",
]

PALETTE: tuple[str, ...] = (
    "#E69F00",  # Okabe-Ito orange
    "#56B4E9",  # Okabe-Ito sky blue
    "#009E73",  # Okabe-Ito bluish green
    "#0072B2",  # Okabe-Ito blue
    "#D55E00",  # Okabe-Ito vermillion
    "#CC79A7",  # Okabe-Ito reddish purple
    "#000000",  # Okabe-Ito black
    "#332288",  # Tol muted indigo
    "#DDCC77",  # Tol muted sand
    "#882255",  # Tol muted wine
    "#225522",  # Tol dark green
    "#FFAABB",  # Tol light pink
    "#99DDFF",  # Tol light cyan
    "#999933",  # Tol muted olive
    "#117733",  # Tol muted green
    "#AA3377",  # Tol bright purple
    "#222255",  # Tol dark blue
    "#EE6677",  # Tol bright red
    "#EE8866",  # Tol light orange
    "#CC3311",  # Tol vibrant red
    "#BBCC33",  # Tol light pear
    "#663333",  # Tol dark red
    "#44BB99",  # Tol light mint
    "#AA4499",  # Tol muted purple
)

# Conflict in warm colours where the palette allows, cooperation in greens and blues.
TYPE_COLOURS: dict[str, str] = {
    "ASSAULT": "#D55E00",
    "PROTEST": "#E69F00",
    "THREATEN": "#CC79A7",
    "MOBILIZE": "#225522",
    "ARREST": "#882255",
    "SANCTION": "#999933",
    "ACCUSE": "#FFAABB",
    "REJECT": "#332288",
    "DEMAND": "#0072B2",
    "REQUEST": "#99DDFF",
    "AGREE": "#009E73",
    "SUPPORT": "#117733",
    "MEET": "#56B4E9",
    "STATEMENT": "#000000",
    "OTHER": "#DDCC77",
}

# "Other actors" and similar remainders: a grey outside the palette.
OTHER_COLOUR = "#BBBBBB"

# Conflict (-10) red to cooperation (+10) blue through a pale middle: Tol's diverging
# "BuRd" end points, readable in the three kinds of colour blindness.
SCORE_COLOURSCALE: list[list[float | str]] = [
    [0.0, "#B2182B"],
    [0.25, "#F4A582"],
    [0.5, "#F7F7F7"],
    [0.75, "#92C5DE"],
    [1.0, "#2166AC"],
]


@cache
def type_colours() -> dict[str, str]:
    """The colour of every type of `data/event_types.csv` (fixed ones, then the free ones)."""
    colours = dict(TYPE_COLOURS)
    free = [c for c in PALETTE if c not in colours.values()]
    for row in read_table("event_types.csv"):
        name = row["event_type"].upper()
        if name and name not in colours and free:
            colours[name] = free.pop(0)
    return colours


def type_colour(event_type: str | None) -> str:
    """The fixed colour of an event type (unknown types get a stable colour of their own)."""
    key = (event_type or "OTHER").upper()
    colours = type_colours()
    if key in colours:
        return colours[key]
    spare = [c for c in PALETTE if c not in colours.values()] or list(PALETTE)
    return spare[zlib.crc32(key.encode()) % len(spare)]


def series_colour(index: int) -> str:
    """The colour of the `index`-th series of a chart that is not about types (actors...)."""
    return PALETTE[index % len(PALETTE)]
