"""The dashboard's corrections: edit an event, fix an actor's name, list and undo corrections.

Streamlit widgets over `timeline.curation` (which holds the log, its format and `apply`).
The log is `corrections.jsonl` in the dashboard's data folder; every correction is appended
to it at once, so a reload (or another session) sees it.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from timeline import curation as cu
from timeline.article import Article
from timeline.schema import PRECISIONS
from timeline.store import EventStore

__all__ = [
    "annotate",
    "corrected",
    "corrections_view",
    "event_editor",
    "export_columns",
    "log_key",
    "on_store",
    "sidebar",
]

_NO_NAME = "—"


@st.cache_resource(show_spinner=False, max_entries=4)
def _log(path: str) -> cu.CorrectionLog:
    """One log object per file and server process: it reads only the lines added since."""
    return cu.CorrectionLog(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def _applied(
    frame_id: int, version: tuple[int, int], _frame: pd.DataFrame, _hover: pd.Series, path: str
) -> tuple[cu.Applied, pd.Series, pd.DataFrame]:
    """The corrected view of a frame (keyed by the frame object and the log's version); the
    frame is kept in the entry so that its id cannot be reused while the entry lives. The
    last view of the frame is where the next one starts: a correction added to the log
    reworks only the events it touches."""
    del version
    last = _last_applied(frame_id)
    applied = cu.resolve(_frame, _log(path).read(), previous=last.get(path))
    last[path] = applied
    return applied, cu.hover_of(applied, _hover, _hover_memo(frame_id)), _frame


@st.cache_resource(show_spinner=False, max_entries=4)
def _last_applied(frame_id: int) -> dict[str, cu.Applied]:
    """Log path -> the latest corrected view of the frame (`resolve` checks that it is of
    the same frame object and an earlier state of the log before starting from it)."""
    del frame_id
    return {}


@st.cache_resource(show_spinner=False, max_entries=4)
def _hover_memo(frame_id: int) -> dict[str, tuple[tuple[cu.Note, ...], str]]:
    """Hover texts of corrected events, kept between corrections of the same events."""
    del frame_id
    return {}


def _state() -> dict[str, Any]:
    return st.session_state.setdefault("_curation", {})


def log_key() -> str:
    """Part of cache keys of views built on the corrected frame: changes with the log."""
    state = _state()
    return f"{state.get('version')}|{state.get('on')}"


def corrected(
    frame: pd.DataFrame, hover: pd.Series, data_dir: Path
) -> tuple[pd.DataFrame, pd.Series]:
    """The events with the log applied (or as extracted, when the sidebar's toggle is off),
    and their hover texts. A log that cannot be read is shown as an error, not applied."""
    state = _state()
    path = str(data_dir / cu.LOG_NAME)
    state["path"] = path
    state["extracted"] = frame
    st.session_state.setdefault("cur_on", True)
    state["on"] = bool(st.session_state.get("cur_on"))
    log = _log(path)
    try:
        version = log.version()
        applied, texts, _ = _applied(id(frame), version, frame, hover, path)
    except cu.LogError as exc:
        st.error(
            f"The corrections could not be read, so none are applied: {exc}. Fix or remove "
            "that line (the file is plain text, one correction a line).",
            icon="⚠️",
        )
        state.update(applied=None, error=str(exc), version=None)
        return frame, hover
    state.update(applied=applied, error=None, version=version)
    if not state["on"]:
        return frame, hover
    return applied.frame, texts


@st.cache_resource(show_spinner=False)
def _store_versions() -> dict[int, tuple[int, int]]:
    """Event store (by id) -> the version of the log it applies (shared by sessions)."""
    return {}


def on_store(store: EventStore, data_dir: Path) -> str:
    """Make a large event store apply the log at query time (`EventStore.apply_corrections`);
    a key of the corrections it applies, for the caches of what is read from it."""
    state = _state()
    path = str(data_dir / cu.LOG_NAME)
    state.update(path=path, extracted=None, on=True)
    log = _log(path)
    try:
        version = log.version()
        done = _store_versions()
        if done.get(id(store)) != version or state.get("store") != id(store):
            state["applied"] = store.apply_corrections(log.read())
            state["store"] = id(store)
            done[id(store)] = version
    except cu.LogError as exc:
        st.error(f"The corrections could not be read, so none are applied: {exc}.", icon="⚠️")
        state.update(applied=None, error=str(exc), version=None)
        return "error"
    state.update(error=None, version=version)
    return f"{version}"


def annotate(frame: pd.DataFrame, hover: pd.Series) -> pd.Series:
    """Hover texts of merged reports (`timeline.dedupe`) with the corrections' marks."""
    applied: cu.Applied | None = _state().get("applied")
    if applied is None or cu.CORRECTED not in frame.columns or not _state().get("on"):
        return hover
    changed = frame[cu.CORRECTED].fillna("") != ""
    if not changed.any():
        return hover
    out = hover.copy()
    for index in frame.index[changed.to_numpy()]:
        ids = frame.at[index, "event_ids"] if "event_ids" in frame.columns else None
        notes = [
            n
            for ident in (ids if isinstance(ids, list | tuple) else [frame.at[index, "event_id"]])
            for n in applied.notes.get(str(ident), ())
        ]
        words = cu.notes_words(notes) or ["corrected"]
        out[index] = str(out[index]) + "".join(f"<br><b>✎</b> {html.escape(w)}" for w in words)
    return out


def export_columns(frame: pd.DataFrame, names: tuple[str, ...]) -> list[str]:
    """The columns of an events download: the schema's, then `corrected` when present."""
    return [*names, *([cu.CORRECTED] if cu.CORRECTED in frame.columns else [])]


# -- recording -----------------------------------------------------------------------------


def _author() -> str:
    return str(st.session_state.get("cur_author") or "").strip() or cu.default_author()


def _record(ops: list[tuple[cu.Operation, cu.Anchor | None]], note: str) -> None:
    """Append corrections; the outcome is shown on the next run."""
    path = _state().get("path")
    if not path:
        return
    try:
        made = [
            cu.new_correction(op, event=anchor, author=_author(), note=note) for op, anchor in ops
        ]
        _log(path).append(*made)
    except (cu.CorrectionError, cu.LogError) as exc:
        st.session_state["cur_message"] = ("error", str(exc))
        return
    except OSError as exc:
        st.session_state["cur_message"] = ("error", f"Could not write {path}: {exc}")
        return
    words = "; ".join(cu.describe(c) for c in made)
    st.session_state["cur_message"] = ("success", f"Saved: {words}")


def _message() -> None:
    kind, text = st.session_state.pop("cur_message", (None, None))
    if kind == "error":
        st.error(text, icon="⚠️")
    elif kind == "success":
        st.success(text, icon="✅")


# -- sidebar -------------------------------------------------------------------------------


def sidebar(actors: list[str], toggle: bool = True) -> None:
    """The sidebar's corrections section: the toggle (not over a large event store, which
    always applies them), the author, and fixing an actor."""
    _state()["actors"] = actors
    side = st.sidebar
    side.header("Corrections")
    if toggle:
        side.toggle(
            "Apply corrections",
            key="cur_on",
            help="Off: the events as the parser extracted them, without anyone's corrections.",
        )
    st.session_state.setdefault("cur_author", cu.default_author())
    side.text_input("Your name (recorded with each correction)", key="cur_author")
    with side.expander("Fix an actor's name"):
        _actor_fixer(actors, "side")
    state = _state()
    applied: cu.Applied | None = state.get("applied")
    if state.get("error"):
        side.caption("Corrections not applied: the log has a bad line (see above).")
    elif applied is not None and applied.active:
        side.caption(
            f"{len(applied.active)} correction(s) in force"
            + (f", {len(applied.orphans)} orphaned" if applied.orphans else "")
            + " — see *Corrections* below the tables."
        )


def _actor_fixer(actors: list[str], key: str, preset: str | None = None) -> None:
    """Merge, rename or drop one actor name everywhere."""
    if not actors:
        st.caption("No actors to fix.")
        return
    index = actors.index(preset) if preset in actors else 0
    name = st.selectbox("Actor", actors, index=index, key=f"cur_{key}_actor")
    action = st.radio(
        "Correction",
        ["merge into another actor", "rename", "not an actor"],
        key=f"cur_{key}_action",
        help="Merge: the two names are the same actor (an alias). Rename: call it otherwise. "
        "Not an actor: a place or a mention; it is dropped from actors and targets.",
    )
    other: str | None = ""  # the selectbox gives None until something is picked
    if action == "merge into another actor":
        others = [a for a in actors if a != name]
        other = st.selectbox(
            "Into",
            others,
            index=None,
            key=f"cur_{key}_into",
            accept_new_options=True,
            placeholder="Pick or type the actor's name",
        )
    elif action == "rename":
        other = st.text_input("New name", key=f"cur_{key}_to")
    note = st.text_input("Note (optional)", key=f"cur_{key}_note")
    if st.button("Apply to every event", key=f"cur_{key}_apply", width="stretch"):
        op: cu.Operation
        if action == "not an actor":
            op = cu.NotActor(name)
        elif action == "rename":
            op = cu.RenameActor(name, other or "")
        else:
            op = cu.MergeActors(name, other or "")
        _record([(op, None)], note)
        st.rerun()


# -- one event ------------------------------------------------------------------------------


def _rows_of(row: pd.Series) -> list[pd.Series]:
    """The reports an event stands for: itself, or every report merged into it."""
    extracted: pd.DataFrame | None = _state().get("extracted")
    ids = row.get("event_ids")
    if extracted is None or not isinstance(ids, list | tuple) or len(ids) < 2:
        return [row]
    found = extracted[extracted["event_id"].isin([str(i) for i in ids])]
    return [found.iloc[i] for i in range(len(found))] or [row]


def _anchor(row: pd.Series, article: Article | None) -> cu.Anchor:
    text = article.text if article is not None and article.id == str(row["article_id"]) else None
    return cu.anchor_of(row, text)


def event_editor(row: pd.Series, article: Article | None) -> None:
    """Under an event's details: what was corrected, and the form to correct it."""
    _message()
    actors: list[str] = _state().get("actors", [])
    applied: cu.Applied | None = _state().get("applied")
    ids = row.get("event_ids")
    idents = [str(i) for i in ids] if isinstance(ids, list | tuple) else [str(row["event_id"])]
    notes = [n for ident in idents for n in (applied.notes.get(ident, ()) if applied else ())]
    if notes and _state().get("on"):
        st.caption("\n\n".join("✎ " + w for w in cu.notes_words(notes)))
    if not _state().get("on") or _state().get("error"):
        return
    reports = _rows_of(row)
    with st.expander("Correct this event"):
        if len(reports) > 1:
            st.caption(f"A correction here applies to the {len(reports)} reports merged into it.")
        _event_form(row, reports, article, actors)
        st.divider()
        left, right = st.columns(2)
        event_actors = [*row["actors"], *[t for t in row.get("targets", []) if t]]
        with left:
            st.markdown("**Fix one of its actors everywhere**")
            _actor_fixer(
                list(dict.fromkeys([*event_actors, *actors])),
                f"event_{row['event_id']}",
                preset=event_actors[0] if event_actors else None,
            )
        with right:
            st.markdown("**Delete**")
            note = st.text_input("Why (optional)", key=f"cur_delete_note_{row['event_id']}")
            if st.button("Delete this event", key=f"cur_delete_{row['event_id']}", width="stretch"):
                _record([(cu.Delete(), _anchor(r, article)) for r in reports], note)
                st.rerun()


def _countries() -> list[str]:
    from timeline._gazetteer import gazetteer

    return sorted(c.name for c in gazetteer().countries.values())


def _event_types() -> list[str]:
    from timeline._event_lexicon import event_types

    return list(event_types())


def _event_form(
    row: pd.Series, reports: list[pd.Series], article: Article | None, actors: list[str]
) -> None:
    # Keys carry the event's id: a widget keeps its value across reruns, and the form of
    # another event must start from that event's values.
    tag = str(row["event_id"])
    start = row["start"].date() if pd.notna(row["start"]) else None
    end = row["end"].date() if pd.notna(row["end"]) else start
    precision = row["precision"] if isinstance(row["precision"], str) else "day"
    types = _event_types()
    countries = _countries()
    with st.form(key=f"cur_event_form_{tag}", border=False):
        st.markdown("**Date, type, who and where**")
        undated = st.checkbox("Undated", value=start is None, key=f"cur_undated_{tag}")
        c1, c2, c3 = st.columns(3)
        today = dt.date.today()
        new_start = c1.date_input(
            "Start",
            value=start or today,
            min_value=dt.date(1, 1, 1),
            max_value=dt.date(9999, 12, 31),
            format="YYYY-MM-DD",
            key=f"cur_start_{tag}",
        )
        new_end = c2.date_input(
            "End",
            value=end or today,
            min_value=dt.date(1, 1, 1),
            max_value=dt.date(9999, 12, 31),
            format="YYYY-MM-DD",
            key=f"cur_end_{tag}",
        )
        new_precision = c3.selectbox(
            "Precision", PRECISIONS, index=PRECISIONS.index(precision), key=f"cur_precision_{tag}"
        )
        event_type = str(row["event_type"])
        new_type = st.selectbox(
            "Type",
            types,
            index=types.index(event_type) if event_type in types else 0,
            key=f"cur_type_{tag}",
        )
        names = list(dict.fromkeys([*actors, *row["actors"], *row.get("targets", [])]))
        new_actors = st.multiselect(
            "Actors (who acted)",
            names,
            default=list(row["actors"]),
            accept_new_options=True,
            key=f"cur_actors_{tag}",
        )
        new_targets = st.multiselect(
            "Targets (at whom)",
            names,
            default=[t for t in row.get("targets", []) if t in names],
            accept_new_options=True,
            key=f"cur_targets_{tag}",
        )
        new_countries = st.multiselect(
            "Countries",
            countries,
            default=[c for c in row["countries"] if c in countries],
            key=f"cur_countries_{tag}",
        )
        note = st.text_input("Note (optional): why, or your source", key=f"cur_note_{tag}")
        saved = st.form_submit_button("Save corrections", width="stretch")
    if not saved:
        return
    if new_start != start and new_end == end:  # a new start alone: a new day, not a range
        new_end = new_start
    ops: list[cu.Operation] = []
    if undated and start is not None:
        ops.append(cu.SetDate(None, None, None))
    elif not undated and (new_start, new_end, new_precision) != (start, end, precision):
        ops.append(cu.SetDate(new_start, new_end, new_precision))
    if new_type != event_type:
        ops.append(cu.SetType(new_type))
    for column, values in (
        ("actors", new_actors),
        ("targets", new_targets),
        ("countries", new_countries),
    ):
        if list(values) != list(row.get(column, [])):
            ops.append(cu.SetNames(column, tuple(values)))
    if not ops:
        st.session_state["cur_message"] = ("error", "Nothing changed: no correction saved.")
        st.rerun()
    _record([(op, _anchor(r, article)) for op in ops for r in reports], note)
    st.rerun()


# -- the corrections view --------------------------------------------------------------------


def corrections_view() -> None:
    """Every correction, newest first, filtered by kind; undo one; restore deleted events;
    the orphans; the log as a download."""
    state = _state()
    path = state.get("path")
    if not path:
        return
    try:
        log = _log(path).read()
    except cu.LogError:
        return
    applied: cu.Applied | None = state.get("applied")
    title = f"Corrections ({len(log)})" + (
        f" — {len(applied.orphans)} orphaned" if applied and applied.orphans else ""
    )
    with st.expander(title, expanded=bool(st.session_state.get("cur_open"))):
        st.session_state["cur_open"] = True
        if not log:
            st.caption(
                "No corrections yet. Select an event and open *Correct this event*, or fix an "
                "actor's name in the sidebar. Corrections are kept in "
                f"`{Path(path).name}` in the data folder and survive re-parsing."
            )
            return
        kinds = st.multiselect(
            "Kinds",
            cu.KINDS,
            key="cur_kinds",
            placeholder="All kinds",
            format_func=lambda k: k.replace("_", " "),
        )
        shown = [c for c in log if not kinds or c.kind in kinds]
        table = cu.log_table(shown, applied)
        picked = st.dataframe(
            table[["time", "author", "kind", "what", "note", "status", "id"]],
            key="cur_table",
            on_select="rerun",
            selection_mode="single-row",
            hide_index=True,
            width="stretch",
        )
        rows = picked.selection.rows if picked else []
        chosen = table.iloc[rows[-1]] if rows and rows[-1] < len(table) else None
        left, middle, right = st.columns(3)
        if left.button(
            "Undo the selected correction",
            disabled=chosen is None,
            key="cur_undo",
            width="stretch",
            help="Adds an undo to the log (nothing is erased); undoing an undo redoes.",
        ):
            assert chosen is not None
            _record([(cu.Undo(str(chosen["id"])), None)], "")
            st.rerun()
        middle.download_button(
            "Download the log (JSONL)",
            data=lambda: cu.log_bytes(log, "jsonl"),
            file_name="corrections.jsonl",
            mime="application/jsonl",
            on_click="ignore",
            key="cur_dl_jsonl",
            width="stretch",
        )
        right.download_button(
            "Download the log (CSV)",
            data=lambda: cu.log_bytes(log, "csv", applied),
            file_name="corrections.csv",
            mime="text/csv",
            on_click="ignore",
            key="cur_dl_csv",
            width="stretch",
        )
        _message()
        if applied is not None and applied.orphans:
            st.warning(
                f"{len(applied.orphans)} correction(s) match no event of these articles and are "
                "applied nowhere (the article changed, or the parser no longer reads that "
                "clause):\n\n"
                + "\n".join(
                    f"- {cu.describe(o.correction)} — {o.reason}" for o in applied.orphans[:20]
                ),
                icon="🔗",
            )
        if applied is not None and len(applied.deleted):
            _deleted(applied.deleted)


def _deleted(deleted: pd.DataFrame) -> None:
    st.markdown(f"**Deleted events ({len(deleted)})**")
    labels = {
        str(r["event_id"]): f"{r['event_type']}: {str(r['text'])[:90]}"
        for _, r in deleted.iterrows()
    }
    ident = st.selectbox(
        "Deleted event",
        list(labels),
        format_func=lambda i: labels[i],
        key="cur_deleted",
        label_visibility="collapsed",
    )
    if st.button("Restore it", key="cur_restore"):
        row = deleted[deleted["event_id"] == ident].iloc[0]
        _record([(cu.Restore(), cu.anchor_of(row))], "")
        st.rerun()
