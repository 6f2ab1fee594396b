"""The conflict–cooperation score of each event type, from `data/event_types.csv`.

Each type carries a `goldstein` value on the −10 (most conflictual) … +10 (most
cooperative) scale of Goldstein (1992), "A Conflict-Cooperation Scale for WEIS Events
Data", Journal of Conflict Resolution 36(2), as the CAMEO codebook (Schrodt 2012) assigns
it to its categories. Our types are broader than CAMEO's, so the values are our judgement
mapped from the CAMEO categories each type covers (column `goldstein_basis` names them).
Types that are not political interactions (OTHER, and the non-political types such as
disasters, markets or elections) score 0: neutral, neither conflict nor cooperation.
A type missing from the table, or without a value, scores 0 too.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from timeline._tables import read_table

__all__ = ["SCORE_RANGE", "event_scores", "goldstein"]

SCORE_RANGE: tuple[float, float] = (-10.0, 10.0)


@cache
def goldstein() -> dict[str, float]:
    """Event type -> its score on the Goldstein scale (−10 … +10)."""
    scores = {}
    for row in read_table("event_types.csv"):
        value = (row.get("goldstein") or "").strip()
        scores[row["event_type"].upper()] = float(value) if value else 0.0
    return scores


def event_scores(event_types: pd.Series) -> np.ndarray:
    """The score of each event (by its type) as floats; unknown types give 0."""
    table = goldstein()
    codes, names = pd.factorize(event_types.astype("string").fillna("OTHER").str.upper())
    values = np.array([table.get(str(n), 0.0) for n in names], dtype=np.float64)
    return values[codes] if len(codes) else np.zeros(0)
