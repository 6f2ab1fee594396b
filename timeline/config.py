"""Where the user's runtime state lives: the data folder.

The data folder holds what the tool writes and reads back, never what ships with the
package: the dashboard's default events (`events.parquet`), the event dataset that
`timeline parse` writes when given no `--out` and that the dashboard then shows
(`events/`), the articles and events saved from the dashboard (`articles/`,
`user_events.parquet`) and the analysts' corrections (`corrections.jsonl`).

It is the folder named by the TIMELINE_DATA_DIR environment variable; without it, the
project's `data/` folder when timeline runs from its source checkout, else the user's data
folder (`$XDG_DATA_HOME/timeline`, by default `~/.local/share/timeline`; on Windows
`%LOCALAPPDATA%\\timeline`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = ["DATA_DIR_ENV", "data_dir", "dataset_dir"]

DATA_DIR_ENV = "TIMELINE_DATA_DIR"


def _checkout() -> Path | None:
    """The source checkout this package runs from (an editable install), else None."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "dashboard.py").is_file():
        return root
    return None


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The data folder (it may not exist yet; writers create it)."""
    env = os.environ if env is None else env
    named = (env.get(DATA_DIR_ENV) or "").strip()
    if named:
        return Path(named).expanduser()
    checkout = _checkout()
    if checkout is not None:
        return checkout / "data"
    if sys.platform == "win32" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "timeline"
    base = (env.get("XDG_DATA_HOME") or "").strip()
    return (Path(base) if base else Path.home() / ".local" / "share") / "timeline"


def dataset_dir(env: Mapping[str, str] | None = None) -> Path:
    """The event dataset `timeline parse` writes by default and the dashboard reads."""
    return data_dir(env) / "events"
