"""Synthetic events frames of any size, for the dashboard benchmark."""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline.schema import new_frame

ACTORS = (
    "Serbia",
    "Kosovo",
    "Aleksandar Vucic",
    "Albin Kurti",
    "NATO",
    "European Union",
    "Russia",
    "United States",
    "Germany",
    "Maria Zakharova",
    "KFOR",
    "United Nations",
)
COUNTRIES = ("Serbia", "Kosovo", "Russia", "United States", "Germany", "China", "Czechia")
CODES = {
    "Serbia": "SRB",
    "Kosovo": "XKX",
    "Russia": "RUS",
    "United States": "USA",
    "Germany": "DEU",
    "China": "CHN",
    "Czechia": "CZE",
}
TYPES = ("DEMAND", "REJECT", "STATEMENT", "PROTEST", "MOBILIZE", "AGREE", "ACCUSE", "OTHER")
PRECISIONS = ("day", "day", "day", "day", "week", "month", "year")


def synthetic_events(n: int, seed: int = 0, undated_share: float = 0.1) -> pd.DataFrame:
    """`n` plausible events over 2020-2023: 1-2 actors, a target for about half of them,
    1-2 countries, mixed precisions."""
    rng = np.random.default_rng(seed)
    day0 = np.datetime64("2020-01-01")
    offsets = rng.integers(0, 4 * 365, n)
    precision = rng.choice(PRECISIONS, n)
    start = day0 + offsets.astype("timedelta64[D]")
    length = np.select(
        [precision == "week", precision == "month", precision == "year"], [6, 30, 364], 0
    )
    end = start + length.astype("timedelta64[D]")
    undated = rng.random(n) < undated_share
    actor_idx = rng.integers(0, len(ACTORS), (n, 2))
    country_idx = rng.integers(0, len(COUNTRIES), (n, 2))
    two = rng.random(n) < 0.3
    types = rng.choice(TYPES, n)
    # Targets from a generator of their own, so that the other columns stay as they were.
    aims = np.random.default_rng(seed + 1)
    target_idx = aims.integers(0, len(ACTORS), n)
    has_target = aims.random(n) < 0.5
    rows = []
    for i in range(n):
        actors = [ACTORS[actor_idx[i, 0]]] + ([ACTORS[actor_idx[i, 1]]] if two[i] else [])
        countries = [COUNTRIES[country_idx[i, 0]]] + (
            [COUNTRIES[country_idx[i, 1]]] if two[i] else []
        )
        actors, countries = list(dict.fromkeys(actors)), list(dict.fromkeys(countries))
        target = ACTORS[target_idx[i]]
        targets = [target] if has_target[i] and target not in actors else []
        rows.append(
            {
                "event_id": f"ev{i:07d}",
                "article_id": f"art{i // 20:05d}",
                "source": f"Synthetic article {i // 20}",
                "source_path": "",
                "published": start[i],
                "sentence": f"{actors[0]} issued statement number {i} about {countries[0]}.",
                "text": f"{actors[0]} issued statement number {i}",
                "char_start": 0,
                "char_end": 10,
                "start": None if undated[i] else start[i],
                "end": None if undated[i] else end[i],
                "precision": None if undated[i] else precision[i],
                "time_expression": "" if undated[i] else "on Thursday",
                "date_basis": "none" if undated[i] else "explicit",
                "actors": actors,
                "targets": targets,
                "countries": countries,
                "country_codes": [CODES[c] for c in countries],
                "event_type": types[i],
            }
        )
    return new_frame(rows)
