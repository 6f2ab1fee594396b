"""The Streamlit app: `make run` (or `streamlit run dashboard.py`).

A thin layer over the library: `timeline.view` decides where the events come from (the
bundled file, or an event store: in memory when small, asked per view when large),
`timeline.filters` picks the events, `timeline.dedupe` merges duplicate reports,
`timeline.chart` draws them, `timeline.export` turns them into files. The filter state
lives in the URL's query parameters, so a copied link reopens the same view.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import weakref
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import dashboard_views as views
import ui_articles
import ui_curation
from timeline import chart
from timeline import filters as flt
from timeline import view as vw
from timeline.article import SUFFIXES as ARTICLE_SUFFIXES
from timeline.article import (
    Article,
    ArticleError,
    load_article,
)
from timeline.config import data_dir
from timeline.export import (
    CHROMIUM_HELP,
    EXTRA_COLUMNS,
    MIME_TYPES,
    ChromiumMissing,
    ImageExporter,
    events_bytes,
    figure_bytes,
    find_chromium,
    read_events,
    report_figure,
    source_titles,
    timelinejs_json,
)
from timeline.schema import NAMES, SchemaError, new_frame
from timeline.screen import fit_narrow
from timeline.store import EventStore, StoreError
from timeline.views import view_title
from ui_browser import narrow_screen, scroll_into_view

# The data folder: TIMELINE_DATA_DIR, else the project's data/ (timeline.config).
DATA = data_dir()
FILES = ui_articles.DataFiles(DATA)
EVENTS_FILE = FILES.events  # the bundled articles' events (`make data`)
USER_EVENTS_FILE = FILES.user_events  # events of articles saved from here
USER_ARTICLES = FILES.articles  # the saved articles' text, as <article_id><suffix>
SEEDS = Path(__file__).resolve().parent / "seeds"  # the bundled articles (`make data`)
# An article id that names a file in those folders and nothing else (no separators).
_SAFE_ID = re.compile(r"[\w-][\w.-]{0,200}")
MERGE_CACHE = DATA / "cache"  # merged views of duplicate reports, by content
TABLE_MAX_ROWS = 1_000  # rows of a store's view listed in the tables
EXPORT_MAX_ROWS = 100_000  # events of a store's view in the CSV/JSON/Parquet downloads

DATE_BASIS_WORDS = {
    "explicit": "The clause names its date itself: {expr}.",
    "relative": "Worked out from {expr}, counted from the article's publication date ({pub}).",
    "context": "The clause has no date of its own; it continues the story of the sentence "
    "before it and takes that date ({expr}).",
    "publication": "No date in the clause: it reports something just done, so it is dated "
    "by the article's publication date ({pub}).",
    "lead": 'No date in the clause: the article opens with it as news just done ("has '
    'won"), so it is dated by the publication date ({pub}).',
    "report": "The clause reports a figure for an earlier period; the report is the news, so "
    "it is dated by the publication date ({pub}), not by the period the figure covers.",
    "present": "No date in the clause: it tells how things stand or what is going on as the "
    'article is published ("is negotiating", "has a new screen"), so it takes the publication '
    "date ({pub}).",
    "none": "No date could be read for this event; it is listed with the undated events.",
}

st.set_page_config(page_title="timeline — who did what, where and when", layout="wide")


# --- data ---------------------------------------------------------------------------------


# cache_resource, not cache_data: one shared copy, not an unpickled copy per rerun (the
# frames are never modified in place).
@st.cache_resource(show_spinner="Loading events…", max_entries=4)
def load_table(path: str, mtime: float) -> tuple[pd.DataFrame, pd.Series]:
    """An events file (read once per file version) and its hover texts, made when drawn."""
    del mtime  # part of the cache key only: a rewritten file is read again
    frame = read_events(path)
    return frame, chart.unmade_hover(frame)


@st.cache_resource(show_spinner="Opening the event store…", max_entries=2)
def event_store(path: str, version: float) -> EventStore:
    """The event store, opened once per dataset version and shared by all sessions."""
    del version  # part of the cache key only: a rewritten dataset is opened again
    return EventStore(path)


@st.cache_resource(show_spinner="Loading events…", max_entries=2)
def store_table(path: str, version: float) -> tuple[pd.DataFrame, pd.Series]:
    """All the events of a small store, and their hover texts (made when drawn)."""
    frame = event_store(path, version).events()
    return frame, chart.unmade_hover(frame)


@st.cache_resource(show_spinner=False, max_entries=2)
def store_facets(path: str, version: float, corrections: str = "") -> vw.Facets:
    del corrections  # part of the cache key only: the store applies the corrections log
    return vw.facets_of_store(event_store(path, version))


@st.cache_resource(show_spinner="Merging duplicate reports…", max_entries=8)
def merged_reports(key: str, _frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """The merged view of a frame, once per content (`key`), kept on disk in data/cache/
    too: the next server start reads it instead of merging again."""
    del key
    return vw.merge_reports(_frame, MERGE_CACHE)


@st.cache_resource(show_spinner=False)
def _facets_memo() -> dict[int, tuple[weakref.ref[pd.DataFrame], vw.Facets]]:
    """Facets by frame (its id, checked against a weak reference), shared by sessions."""
    return {}


def frame_facets(frame: pd.DataFrame) -> vw.Facets:
    """The facets of a frame, counted once per frame for all sessions (the cached frames
    come back as the same object on each run and in each new session, a reload included;
    counting 100,000 events' names takes a few tenths of a second)."""
    memo = _facets_memo()
    seen = memo.get(id(frame))
    if seen is not None and seen[0]() is frame:
        return seen[1]
    facets = vw.facets_of_frame(frame)
    for key in [k for k, (ref, _) in list(memo.items()) if ref() is None]:
        memo.pop(key, None)  # frames gone (a rewritten file, an ended session's upload)
    memo[id(frame)] = (weakref.ref(frame), facets)
    return facets


def open_store() -> tuple[EventStore | None, str, float, str | None]:
    """The configured event store (or None), its path and version, or why it failed."""
    location = vw.store_location(DATA)
    if location is None:
        return None, "", 0.0, None
    version = vw.data_version(location)
    try:
        return event_store(str(location), version), str(location), version, None
    except StoreError as exc:
        return None, "", 0.0, f"The event store could not be opened: {exc}"


@st.cache_resource(show_spinner=False)
def image_exporter() -> ImageExporter | None:
    """The one headless browser of this server process, or None without Chromium."""
    try:
        return ImageExporter()
    except ChromiumMissing:
        return None


@st.cache_resource(show_spinner=False, max_entries=256)
def stored_article(article_id: str, source_path: str, clause: str) -> Article | None:
    """The article an event was read from, looked up by its id among the saved articles
    (data folder's articles/) and the bundled ones (seeds/), or at its absolute source path;
    only a file whose text holds the event's clause counts. Never a path relative to the
    server's working folder: an upload named README.md is not the project's README."""
    candidates: list[Path] = []
    if _SAFE_ID.fullmatch(article_id):
        for folder in (USER_ARTICLES, SEEDS):
            candidates += [folder / f"{article_id}{suffix}" for suffix in ARTICLE_SUFFIXES]
    if Path(source_path).is_absolute():
        candidates.append(Path(source_path))
    for candidate in candidates:
        if not candidate.is_file():
            continue
        try:
            article = load_article(candidate, id=article_id)
        except (ArticleError, OSError):
            continue
        if clause in article.text:
            return article
    return None


def base_events(
    store_path: str = "", version: float = 0.0
) -> tuple[pd.DataFrame, pd.Series, list[str]]:
    """The bundled events (or a small store's) plus the saved user events; messages for
    what went wrong."""
    frames, hovers, problems = [], [], []
    if store_path:
        frame, hover = store_table(store_path, version)
        frames.append(frame)
        hovers.append(hover)
    for path in (USER_EVENTS_FILE,) if store_path else (EVENTS_FILE, USER_EVENTS_FILE):
        if not path.is_file():
            continue
        try:
            frame, hover = load_table(str(path), path.stat().st_mtime)
        except SchemaError as exc:
            problems.append(f"{path.name} could not be read: {exc}")
            continue
        frames.append(frame)
        hovers.append(hover)
    if len(frames) == 1:
        return frames[0], hovers[0], problems
    if not frames:
        empty = new_frame()
        return empty, chart.hover_texts(empty), problems
    return (
        pd.concat(frames, ignore_index=True),
        pd.concat(hovers, ignore_index=True),
        problems,
    )


# --- filters and the URL ------------------------------------------------------------------


WIDGET_KEYS = (
    "f_actors",
    "f_role",
    "f_countries",
    "f_types",
    "f_dates",
    "f_text",
    "f_undated",
    "f_articles",
    "f_by",
)


def current_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def follow_bounds(bounds: tuple[dt.date, dt.date]) -> None:
    """When added articles widen the data's dates, widen an untouched date range too."""
    before = st.session_state.get("_bounds")
    st.session_state["_bounds"] = bounds
    dates = st.session_state.get("f_dates")
    if before is None or before == bounds or not dates:
        return
    lo, hi = bounds
    start = lo if dates[0] == before[0] else min(max(dates[0], lo), hi)
    end = hi if len(dates) < 2 or dates[1] == before[1] else max(min(dates[1], hi), lo)
    st.session_state["f_dates"] = (start, end)


def restore_from_url(bounds: tuple[dt.date, dt.date]) -> None:
    """On a session's first run, set the widgets from the link it was opened with."""
    if st.session_state.get("_restored"):
        follow_bounds(bounds)
        return
    st.session_state["_bounds"] = bounds
    params = current_params()
    wanted = flt.from_query_params(params)
    st.session_state["f_actors"] = list(wanted.actors)
    st.session_state["f_role"] = wanted.actor_role
    st.session_state["f_countries"] = list(wanted.countries)
    st.session_state["f_types"] = list(wanted.event_types)
    st.session_state["f_articles"] = list(wanted.articles)
    lo, hi = bounds
    start = min(max(wanted.start or lo, lo), hi)
    end = max(min(wanted.end or hi, hi), lo)
    st.session_state["f_dates"] = (start, end)
    st.session_state["f_text"] = wanted.text
    st.session_state["f_undated"] = wanted.include_undated
    by = (params.get("by") or ["actor"])[-1]
    st.session_state["f_by"] = by if by in chart.LANE_BY else "actor"
    views.restore_view(params)
    # The event a link points at (?event=ID): its details open.
    st.session_state["_event"] = ((params.get("event") or [""])[-1]).strip() or None
    st.session_state["_restored"] = True


def reset_filters() -> None:
    for key in (*WIDGET_KEYS, "_event"):
        st.session_state.pop(key, None)
    st.session_state["_restored"] = False
    st.query_params.clear()


def keep_known(key: str, options: dict[str, int]) -> list[str]:
    """Drop values the data does not have (say, from an old link); report them."""
    values = st.session_state.get(key) or []
    unknown = [v for v in values if v not in options]
    st.session_state[key] = [v for v in values if v in options]
    return unknown


def sidebar_filters(facets: vw.Facets) -> flt.Filters:
    actors, countries, types = facets.actors, facets.countries, facets.event_types
    bounds = facets.bounds
    if pending := st.session_state.pop("_pending_dates", None):
        # A period picked on the chart (set before the widget exists, as Streamlit wants).
        lo, hi = bounds
        start, end = (min(max(day, lo), hi) for day in pending)
        st.session_state["f_dates"] = (start, end)
    unknown = [*keep_known("f_actors", actors), *keep_known("f_countries", countries)]
    unknown += keep_known("f_types", types)
    if facets.articles:
        unknown += keep_known("f_articles", dict.fromkeys(facets.articles, 1))

    side = st.sidebar
    side.header("Filters")
    side.multiselect(
        "Actor",
        options=list(actors),
        format_func=lambda a: f"{a} ({actors[a]})",
        key="f_actors",
        placeholder="All actors — type to search",
        help="Events naming any of these actors. The number is how many events name each.",
    )
    side.radio(
        "The actor…",
        options=list(flt.ACTOR_ROLES),
        format_func=flt.ACTOR_ROLES.__getitem__,
        key="f_role",
        horizontal=True,
        help="Who acted (the clause's subject or agent), who was targeted (its object or "
        "recipient), or either.",
    )
    side.multiselect(
        "Country",
        options=list(countries),
        format_func=lambda c: f"{c} ({countries[c]})",
        key="f_countries",
        placeholder="All countries",
    )
    side.multiselect(
        "Event type",
        options=list(types),
        format_func=lambda t: f"{t} ({types[t]})",
        key="f_types",
        placeholder="All types",
    )
    if facets.articles:
        labels = facets.articles
        side.multiselect(
            f"Article ({len(labels)} loaded)",
            options=list(labels),
            format_func=lambda a: labels.get(a, a),
            key="f_articles",
            placeholder="All articles — type to search",
            help="The loaded articles, newest first: title, publication date, events. "
            "Pick some to see only their events (your own, say).",
        )
    lo, hi = bounds
    side.date_input(
        "Dates",
        min_value=lo,
        max_value=hi,
        key="f_dates",
        format="YYYY-MM-DD",
        help="Events overlapping this range. A year-long event overlaps every day of its year.",
    )
    side.text_input("Search the sentences", key="f_text", placeholder="e.g. barricades")
    side.checkbox("Include undated events (in the tables)", key="f_undated")
    side.button("Reset filters", on_click=reset_filters, width="stretch")
    if unknown:
        side.caption(_md("Not in the data, ignored: " + ", ".join(unknown)))

    dates: Sequence[dt.date] = st.session_state.get("f_dates") or ()
    start = dates[0] if len(dates) > 0 else None
    end = dates[1] if len(dates) > 1 else None
    return flt.Filters(
        actors=tuple(st.session_state["f_actors"]),
        actor_role=st.session_state.get("f_role") or "either",
        countries=tuple(st.session_state["f_countries"]),
        event_types=tuple(st.session_state["f_types"]),
        start=None if start == lo else start,
        end=None if end == hi else end,
        text=(st.session_state.get("f_text") or "").strip(),
        include_undated=bool(st.session_state.get("f_undated", True)),
        articles=tuple(st.session_state.get("f_articles") or ()) if facets.articles else (),
    )


def write_url(filters: flt.Filters, by: str) -> None:
    params = flt.to_query_params(filters)
    if by != "actor":
        params["by"] = by
    if event := st.session_state.get("_event"):
        params["event"] = event
    view = st.session_state.get("f_view") or "timeline"
    if view != "timeline":
        params["view"] = view
    wanted = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    if wanted != current_params():
        st.query_params.from_dict(params)


# --- details ------------------------------------------------------------------------------


def paragraph_html(row: pd.Series, article: Article | None) -> str:
    """The event's paragraph with its sentence marked and its clause in bold (escaped)."""
    sentence = _text(row["sentence"])
    clause = _text(row["text"])
    if article is None:
        return _mark(sentence, sentence, clause)
    start = int(row["char_start"]) if pd.notna(row["char_start"]) else -1
    para = next(((a, b) for a, b in article.body if a <= start < b), None)
    if para is None:
        return _mark(sentence, sentence, clause)
    return _mark(article.text[para[0] : para[1]], sentence, clause)


def _mark(paragraph: str, sentence: str, clause: str) -> str:
    at = paragraph.find(sentence) if sentence else -1
    if at < 0:
        return html.escape(paragraph)
    inner = html.escape(sentence)
    if clause and clause in sentence:
        c = sentence.find(clause)
        inner = (
            html.escape(sentence[:c])
            + f"<b>{html.escape(clause)}</b>"
            + html.escape(sentence[c + len(clause) :])
        )
    return (
        html.escape(paragraph[:at])
        + f'<mark style="background:#fff3b0">{inner}</mark>'
        + html.escape(paragraph[at + len(sentence) :])
    )


def show_details(event: pd.DataFrame, added: list[dict[str, Any]]) -> None:
    """The one event of `event`: its paragraph, how it was dated, who and where."""
    row = event.iloc[0]
    by_id = {a["article"].id: a["article"] for a in added if "article" in a}
    article_id = str(row["article_id"])
    article = by_id.get(article_id) or stored_article(
        article_id, _text(row["source_path"]), _text(row["text"])
    )
    label = chart.date_labels(event).iloc[0]
    st.subheader(f"{_md(str(row['event_type']))} · {label}", anchor="event-details")
    st.html(
        '<div style="line-height:1.6;border-left:3px solid #ccc;padding-left:0.8em">'
        + paragraph_html(row, article)
        + "</div>"
    )
    published = row["published"].date().isoformat() if pd.notna(row["published"]) else "unknown"
    written = _text(row["time_expression"])
    expr = f"“{written}”" if written else "no time expression"
    basis = _text(row["date_basis"]) or "none"
    explained = DATE_BASIS_WORDS.get(basis, basis).format(expr=expr, pub=published)
    if "date" in str(row.get("corrected") or ""):
        explained = "Set by an analyst's correction (below)."
    left, right = st.columns(2)
    left.markdown(f"**Time expression:** {_md(expr)}  \n**How it was dated:** {_md(explained)}")
    right.markdown(
        f"**Acted:** {_md(', '.join(row['actors']) or '—')}  \n"
        f"**Targeted:** {_md(', '.join(row['targets']) or '—')}  \n"
        f"**Countries:** {_md(', '.join(row['countries']) or '—')}  \n"
        f"**Source:** {_md(_text(row['source']) or '—')} (published {published})"
    )
    sources = row.get("sources")
    if isinstance(sources, list | tuple) and len(sources) > 1:
        st.markdown(
            f"**Reported by {len(sources)} sources:**\n"
            + "\n".join(f"- {_md(str(title))}" for title in sources)
        )
    ui_curation.event_editor(row, article)


def _text(value: Any) -> str:
    """A text cell as a string: "" when missing (None, NaN, pd.NA, whose truth is undefined)."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _md(text: str) -> str:
    """Text we did not write (article text, file names, link parameters) shown through
    markdown: escape what markdown or HTML would act on, so that it renders as written and
    never as a link or a remote image ("https://" and "www." are auto-linked unless broken
    by an escape; ":" also starts Streamlit's icons and colours). Line breaks become spaces:
    a caption is one line."""
    flat = " ".join(str(text).splitlines())
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'/])", r"\\\1", flat)


def picked_id(event: Any, table: pd.DataFrame | None = None) -> str | None:
    """The event id a chart or table selection points at (the last one picked)."""
    if not event:
        return None
    # Item access: the widgets' states are dicts (attribute access is not always offered).
    if table is None:
        points = event["selection"]["points"]
        # An event's marker gives its id, an aggregate's its period (chart.period_of).
        ident = points[-1].get("customdata") if points else None
        return str(ident) if ident is not None else None
    rows = event["selection"]["rows"]
    return str(table.iloc[rows[-1]]["event_id"]) if rows and rows[-1] < len(table) else None


def selected_event(picks: tuple[str | None, ...]) -> str | None:
    """Of the picks on the chart and in the tables, the one that changed last; with none,
    the event the link named (?event=ID) until the user clears a selection."""
    last = st.session_state.get("_picks", (None,) * len(picks))
    st.session_state["_picks"] = picks
    changed = [p for p, before in zip(picks, last, strict=False) if p and p != before]
    if changed:
        return changed[0]
    current = next((p for p in picks if p), None)
    if current is None and any(last):
        st.session_state["_event"] = None  # the selection was cleared
    return current or st.session_state.get("_event")


# --- exports ------------------------------------------------------------------------------


def chart_image(fig: Any, fmt: str) -> bytes:
    """The chart as an image, through the export browser (started on the first download:
    starting it with the page would compete with the page for the CPU)."""
    return figure_bytes(fig, fmt, exporter=image_exporter())


def export_buttons(
    fig: Any, rows: Callable[[], pd.DataFrame], stem: str, title: str = "Timeline"
) -> None:
    """Download buttons; `rows` gives the events to export (called only on a click).

    Images are report-ready (`report_figure`): `title` (what is shown, the filters in
    words) on top, the sources and the date of export below, no screen-only hints.
    """
    # Only look for the browser here; it starts on the first image download.
    has_browser = find_chromium() is not None

    def events() -> pd.DataFrame:
        frame = rows()
        columns = ui_curation.export_columns(frame, NAMES)
        merged = [c for c in EXTRA_COLUMNS if c in frame.columns]  # a merged view's sources
        return frame[[*NAMES, *merged, *columns[len(NAMES) :]]]

    def events_bytes_of(fmt: str) -> bytes:
        return events_bytes(events(), fmt)

    def image(fmt: str) -> bytes:
        printed = report_figure(fig, title=title, sources=source_titles(rows()))
        return chart_image(printed, fmt)

    st.markdown("**Download**")
    cols = st.columns(7)
    for col, fmt in zip(cols[:3], ("png", "svg", "pdf"), strict=True):
        col.download_button(
            f"Chart {fmt.upper()}",
            data=partial(image, fmt) if has_browser else b"",
            file_name=f"{stem}.{fmt}",
            mime=MIME_TYPES[fmt],
            disabled=not has_browser,
            help=CHROMIUM_HELP if not has_browser else f"The chart as {fmt.upper()}",
            on_click="ignore",
            key=f"dl_{fmt}",
            width="stretch",
        )
    for col, fmt in zip(cols[3:6], ("csv", "json", "parquet"), strict=True):
        col.download_button(
            f"Events {fmt.upper() if fmt != 'parquet' else 'Parquet'}",
            data=partial(events_bytes_of, fmt),
            file_name=f"{stem}.{fmt}",
            mime=MIME_TYPES[fmt],
            on_click="ignore",
            key=f"dl_{fmt}",
            width="stretch",
        )
    cols[6].download_button(
        "TimelineJS",
        data=lambda: timelinejs_json(events(), title=title),
        file_name=f"{stem}.timelinejs.json",
        mime=MIME_TYPES["json"],
        on_click="ignore",
        key="dl_timelinejs",
        help="For TimelineJS (timeline.knightlab.com): dated events, one slide each.",
        width="stretch",
    )
    if not has_browser:
        st.caption(
            "Chart images need Chromium on the server: "
            + CHROMIUM_HELP
            + " Meanwhile the camera icon above the chart saves a PNG from your browser."
        )


# --- the page -----------------------------------------------------------------------------


def merge_toggle(n_events: int, in_memory: bool = True) -> bool:
    """The sidebar's "Merge duplicate reports" switch; whether merging is on."""
    allowed = in_memory and vw.can_merge(n_events)
    st.session_state.setdefault("f_merge", True)
    st.sidebar.toggle(
        "Merge duplicate reports",
        key="f_merge",
        disabled=not allowed,
        help="One row per real-world event, with every article that reported it. "
        "Off: every article's report on its own.",
    )
    if not allowed:
        st.sidebar.caption(
            f"Merging is offered up to {vw.DEDUPE_MAX_EVENTS:,} events in memory; "
            f"these {n_events:,} are shown as reported."
        )
    return allowed and bool(st.session_state.get("f_merge"))


def main() -> None:
    st.title("Timeline: who did what, where and when")
    with st.sidebar:
        st.session_state["_narrow"] = narrow_screen()
    store, store_path, version, problem = open_store()
    added = ui_articles.sidebar(FILES)
    if problem:
        st.warning(_md(problem))
    for warning in store.warnings if store is not None else ():
        st.warning(_md(warning))
    if store is not None and not vw.fits_in_memory(store):
        store_page(store, store_path, version, added)
        return
    base, base_hover, problems = base_events(store_path, version)
    frame, hover = ui_articles.merged(base, base_hover, added)
    ui_articles.articles_panel(frame, FILES)
    frame, hover = ui_curation.corrected(frame, hover, DATA)
    for problem in problems:
        st.warning(_md(problem))
    if frame.empty:
        st.info(
            "No events to show yet. Build the events of the bundled articles with "
            "`make data` (or `timeline parse seeds --out data/events.parquet`), "
            "or add your own articles in the sidebar under **Add your own articles**."
        )
    reports, articles = len(frame), frame["article_id"].nunique()
    if merge_toggle(reports) and not frame.empty:
        frame, hover = merged_reports(vw.content_key(frame) + ui_curation.log_key(), frame)
        hover = ui_curation.annotate(frame, hover)
    facets = frame_facets(frame)
    restore_from_url(facets.bounds)
    views.apply_pending(facets.bounds)
    filters = sidebar_filters(facets)
    ui_curation.sidebar(list(facets.actors))
    by = st.session_state.get("f_by", "actor")
    write_url(filters, by)
    if frame.empty:
        return

    shown = flt.apply(frame, filters)
    dated = shown[shown["start"].notna()]
    undated = shown[shown["start"].isna()]
    summary = (
        f"{len(dated)} dated event(s) shown of {len(frame)} from {articles} article(s)"
        + (f", {len(undated)} undated listed below" if len(undated) else "")
        + (f"; {reports} reports merged into {len(frame)} events" if reports > len(frame) else "")
        + (f" — filters: {_md(filters.describe())}" if not filters.is_default() else "")
    )
    view = views.view_control()
    if view != "timeline":
        st.caption(summary)
        views.show_other_view(
            view,
            frame,
            shown,
            filters,
            lambda fig, stem, title: export_buttons(fig, lambda: shown, stem, title),
        )
        ui_curation.corrections_view()
        return
    by = lanes_control(summary)
    # Past a few thousand dated events, their aggregates (the store page draws them too).
    # The articles added in this session are in the first view, wherever their dates fall.
    new_ids = [i for a in added if "frame" in a for i in a["frame"]["event_id"]]
    fig = vw.draw_frame(shown, by=by, hover=hover, in_view=new_ids)
    table = dated.sort_values(["start", "end"], kind="stable").head(TABLE_MAX_ROWS)
    show_view(
        fig,
        table,
        undated.head(TABLE_MAX_ROWS),
        frame,
        lambda: shown,
        filters.slug(),
        added,
        counts=(len(dated), len(undated)),
        title=view_title("timeline", filters.describe(), by),
    )
    ui_curation.corrections_view()


def store_page(store: EventStore, path: str, version: float, added: list[dict[str, Any]]) -> None:
    """A store too large for memory: each view is asked of the store."""
    corrections = ui_curation.on_store(store, DATA)
    total = store.count()
    merge_toggle(total, in_memory=False)
    if any("frame" in a for a in added):
        st.sidebar.caption(
            "Added articles are not drawn over a large event store: parse them into it "
            "with `timeline parse`."
        )
    facets = store_facets(path, version, corrections)
    restore_from_url(facets.bounds)
    views.apply_pending(facets.bounds)
    filters = sidebar_filters(facets)
    ui_curation.sidebar(list(facets.actors), toggle=False)
    by = st.session_state.get("f_by", "actor")
    write_url(filters, by)
    view = views.view_control()
    if view != "timeline":
        # The other views count events themselves: from the store's first EXPORT_MAX_ROWS.
        anytime = store.events(replace(filters, start=None, end=None), limit=EXPORT_MAX_ROWS)
        shown = flt.apply(anytime, filters)
        if len(anytime) >= EXPORT_MAX_ROWS:
            st.caption(f"Drawn from the first {EXPORT_MAX_ROWS:,} events of this view.")
        views.show_other_view(
            view,
            anytime,
            shown,
            filters,
            lambda fig, stem, title: export_buttons(fig, lambda: shown, stem, title),
        )
        return
    by = st.session_state.get("f_by") or "actor"
    fig, drawn = vw.draw(store, filters, by)
    summary = (
        f"{drawn.dated:,} dated event(s) shown of {total:,} in the event store"
        + (
            f", {drawn.total - drawn.dated:,} undated listed below"
            if drawn.total > drawn.dated
            else ""
        )
        + (f" — filters: {_md(filters.describe())}" if not filters.is_default() else "")
    )
    lanes_control(summary)
    if drawn.events is not None:
        table = drawn.events
    else:
        table = store.events(filters, dated=True, limit=TABLE_MAX_ROWS)
    undated = store.events(filters, dated=False, limit=TABLE_MAX_ROWS)
    lookup = pd.concat([table, undated], ignore_index=True)
    show_view(
        fig,
        table.head(TABLE_MAX_ROWS),
        undated,
        lookup,
        lambda: store.events(filters, limit=EXPORT_MAX_ROWS),
        filters.slug(),
        added,
        counts=(drawn.dated, drawn.total - drawn.dated),
        export_max=EXPORT_MAX_ROWS,
        title=view_title("timeline", filters.describe(), by),
    )
    ui_curation.corrections_view()


def lanes_control(summary: str) -> str:
    """The summary line and the lanes switch; the lanes chosen."""
    top_left, top_right = st.columns([4, 1])
    top_left.caption(summary)
    top_right.segmented_control(
        "Lanes", options=list(chart.LANE_BY), key="f_by", format_func=lambda b: f"by {b}"
    )
    return st.session_state.get("f_by") or "actor"


def show_view(
    fig: Any,
    table: pd.DataFrame,
    undated: pd.DataFrame,
    lookup: pd.DataFrame,
    rows: Callable[[], pd.DataFrame],
    stem: str,
    added: list[dict[str, Any]],
    counts: tuple[int, int] | None = None,
    export_max: int | None = None,
    title: str = "Timeline",
) -> None:
    """The chart, its downloads (`title`: the images' title), the tables and the picked
    event's details.

    The tables list at most TABLE_MAX_ROWS rows each; `counts` are the view's dated and
    undated events in all (default: the tables' lengths).
    """
    n_dated, n_undated = counts or (len(table), len(undated))
    if st.session_state.get("_narrow"):
        fig = fit_narrow(fig)
    chart_event = st.plotly_chart(
        fig,
        key="chart",
        on_select="rerun",
        selection_mode="points",
        width="stretch",
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": stem, "scale": 2},
        },
    )
    if str(fig.layout.title.text or "").startswith("Aggregate"):
        st.caption(
            "Too many events to draw one by one: each circle counts the events of one lane, "
            "type and period (hover it). Click a circle to narrow the dates to its period, or "
            "filter by actor, country, type or dates: the single events come back once few "
            "enough remain."
        )
    else:
        st.caption(
            "Dots are events of one day; bars span a date range, pale wide bars a coarse date "
            "(a week, a month, a year): hover the diamond in a bar's middle. Click an event "
            "for its details; drag to zoom, double-click to zoom out, “all” for the whole span."
        )
    details = st.container()
    export_buttons(fig, rows, stem, title)

    tab_events, tab_undated = st.tabs([f"Events ({n_dated:,})", f"Undated ({n_undated:,})"])
    with tab_events:
        table_event = st.dataframe(
            display_table(table),
            key="table",
            on_select="rerun",
            selection_mode="single-row",
            hide_index=True,
            width="stretch",
        )
    undated_event = None
    with tab_undated:
        if undated.empty:
            st.caption("No undated events in this view.")
        else:
            undated_event = st.dataframe(
                display_table(undated),
                key="table_undated",
                on_select="rerun",
                selection_mode="single-row",
                hide_index=True,
                width="stretch",
            )
    if max(n_dated, n_undated) > TABLE_MAX_ROWS:
        st.caption(
            f"The tables list the first {TABLE_MAX_ROWS:,} events of this view"
            + (
                f"; the downloads hold up to {export_max:,}"
                if export_max
                else "; the downloads hold them all"
            )
            + ". Filter to narrow it down."
        )
    picked = selected_event(
        (
            picked_id(chart_event),
            picked_id(table_event, table),
            picked_id(undated_event, undated) if not undated.empty else None,
        )
    )
    if (period := chart.period_of(picked)) is not None:
        # A circle of the aggregates: narrow the dates to its period (once per pick).
        if picked != st.session_state.get("_period_done"):
            st.session_state["_period_done"] = picked
            st.session_state["_pending_dates"] = period
            st.rerun()
        picked = None
    match = lookup[lookup["event_id"] == picked] if picked else lookup.head(0)
    event_id = str(match["event_id"].iloc[0]) if len(match) else None
    if event_id != st.session_state.get("_event"):
        st.session_state["_event"] = event_id
    if (st.query_params.get("event") or None) != event_id:
        if event_id:
            st.query_params["event"] = event_id  # a copied link opens this event
        else:
            st.query_params.pop("event", None)
    with details:
        if event_id:
            show_details(match.head(1), added)
            scroll_into_view("event-details", event_id)
        else:
            st.caption("Select an event on the chart or in the table to read it in its paragraph.")


def display_table(frame: pd.DataFrame) -> pd.DataFrame:
    columns = {
        "date": chart.date_labels(frame),
        "as written": frame["time_expression"].fillna(""),
        "type": frame["event_type"],
        "acted": frame["actors"].map(", ".join),
        "targeted": frame["targets"].map(", ".join),
        "countries": frame["countries"].map(", ".join),
        "what": frame["text"],
        "source": frame["source"],
    }
    if "n_sources" in frame.columns:
        columns["sources"] = frame["n_sources"].map(lambda n: f"{n} sources" if n > 1 else "1")
    columns["event_id"] = frame["event_id"]
    return pd.DataFrame(columns)


main()
