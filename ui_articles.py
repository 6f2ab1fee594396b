"""The dashboard's articles: add your own (upload or paste), list the loaded ones, remove.

Streamlit widgets over the library's article reader and parser. An added article lives in
the session (`st.session_state["added"]`) until it is saved into the data folder
(`user_events.parquet` for its events, `articles/<id><suffix>` for its text) or removed.
The uploader is a drop zone: the files dropped on it are parsed at once, moved into the
list of loaded articles, and the uploader is emptied, so the sidebar never grows with
them. The list (title, date, events, source file, where it comes from) removes added and
saved articles; the events of `events.parquet` (the bundled articles, `make data`) and of an
event store are rebuilt from their own sources and are not removed here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from timeline import chart
from timeline._ids import tagged_id
from timeline._io import atomic_write_bytes
from timeline.article import SUFFIXES as ARTICLE_SUFFIXES
from timeline.article import Article, ArticleError, article_from_bytes, article_from_text
from timeline.export import read_events, write_events
from timeline.pipeline import parse_article
from timeline.schema import NAMES

__all__ = [
    "ADDED",
    "SAVED",
    "UPLOAD_TYPES",
    "DataFiles",
    "article_rows",
    "articles_panel",
    "merged",
    "remove_saved",
    "save_added",
    "sidebar",
]

UPLOAD_TYPES = ["txt", "md", "html", "htm"]
ADDED = "added now"  # where an article comes from: this session, not saved
SAVED = "saved"  # saved from the dashboard into the data folder
_REMOVABLE = (ADDED, SAVED)
# The list's height in the sidebar (px): it scrolls past about ten articles.
_LIST_HEIGHT = 320
# Articles listed at most, the newest: the list is sent to the browser on every run, and an
# archive's 5,000 rows cost 0.4 MB and 0.3 s a run (bench/browser.py).
ARTICLES_LISTED = 500


@dataclass(frozen=True, slots=True)
class DataFiles:
    """Where the dashboard's events and saved articles are, in its data folder."""

    folder: Path

    @property
    def events(self) -> Path:
        """The bundled articles' events (`make data`)."""
        return self.folder / "events.parquet"

    @property
    def user_events(self) -> Path:
        """The events of articles saved from the dashboard."""
        return self.folder / "user_events.parquet"

    @property
    def articles(self) -> Path:
        """The saved articles' text, as <article_id><suffix>."""
        return self.folder / "articles"


# --- adding -------------------------------------------------------------------------------


def _parsed(name: str, article: Article, raw: bytes) -> dict[str, Any]:
    """An added article with its events; `raw` is the file as given, saved as is."""
    frame = parse_article(article)
    return {
        "name": name,
        "article": article,
        "raw": raw,
        "frame": frame,
        "hover": chart.hover_texts(frame),
        "warnings": list(article.warnings),
    }


def parse_upload(name: str, data: bytes, published: dt.date | None) -> dict[str, Any]:
    """One uploaded file parsed: {"name", "article", "frame", "hover", ...} or
    {"name", "error"}."""
    stem = re.sub(r"[^\w.-]+", "-", Path(name).stem).strip("-.") or "upload"
    try:
        # the content hash keeps two uploads of one name (and a bundled article of that
        # name) apart, in the details panel and in the saved articles' folder
        article = article_from_bytes(data, name=name, id=tagged_id(stem, data), published=published)
        return _parsed(name, article, data)
    except ArticleError as exc:
        return {"name": name, "error": str(exc)}
    except Exception as exc:  # a parser bug must not take the other files down
        return {"name": name, "error": f"{name}: could not be parsed ({type(exc).__name__}: {exc})"}


def _added() -> list[dict[str, Any]]:
    return st.session_state.setdefault("added", [])


def _keep(item: dict[str, Any]) -> str:
    """Add a parsed article to the session's list (once: the same text twice is one
    article); a message saying so."""
    added = _added()
    ident = item["article"].id
    for other in added:
        if other["article"].id == ident or other["raw"] == item["raw"]:
            return f"{item['name']}: already loaded (as {other['name']})."
    added.append(item)
    return ""


def uploader_key() -> str:
    """The uploader's current key (a new one empties it after each drop)."""
    return f"uploads_{st.session_state.get('_uploads_gen', 0)}"


def _ingest_uploads() -> None:
    """The uploader's callback: parse the dropped files into the list, empty the uploader."""
    files = st.session_state.get(uploader_key()) or []
    published = st.session_state.get("upload_published")
    errors, ok = [], []
    for upload in files:
        item = parse_upload(upload.name, upload.getvalue(), published)
        if "error" in item:
            errors.append(item["error"])
        elif note := _keep(item):
            errors.append(note)
        else:
            ok.append(item)
    st.session_state["upload_errors"] = errors
    notes = [f"{a['name']}: {w}" for a in ok for w in a["warnings"]]
    more = f" (and {len(notes) - 3} more)" if len(notes) > 3 else ""
    st.session_state["upload_message"] = (
        (
            f"{len(ok)} article(s) added, {sum(len(a['frame']) for a in ok)} event(s)."
            + (" Notes: " + "; ".join(notes[:3]) + more if notes else "")
        )
        if ok
        else ""
    )
    st.session_state["_uploads_gen"] = st.session_state.get("_uploads_gen", 0) + 1


def add_pasted() -> None:
    """The "Add pasted article" button's callback."""
    text = st.session_state.get("paste_text", "")
    title = (st.session_state.get("paste_title") or "").strip() or "Pasted article"
    published = st.session_state.get("paste_published")
    if not text.strip():
        st.session_state["paste_message"] = "Paste the article's text first."
        return
    stem = re.sub(r"[^\w-]+", "-", title.lower()).strip("-")[:40] or "pasted"
    ident = tagged_id(f"pasted-{stem}", f"{title}\n{text}".encode())
    try:
        article = article_from_text(text, id=ident, title=title, published=published, path="")
        item = _parsed(f"{ident}.txt", article, text.encode("utf-8"))
    except ArticleError as exc:
        st.session_state["paste_message"] = f"{title}: {exc}"
        return
    except Exception as exc:  # a parser bug must not lose the session
        st.session_state["paste_message"] = f"{title}: could not be parsed ({exc})"
        return
    if note := _keep(item):
        st.session_state["paste_message"] = note
        return
    st.session_state["paste_message"] = f"Added “{title}”: {len(item['frame'])} event(s)."
    st.session_state["paste_text"] = ""


def merged(
    base: pd.DataFrame, hover: pd.Series, added: list[dict[str, Any]]
) -> tuple[pd.DataFrame, pd.Series]:
    """The base events with the added articles' events (an event id once)."""
    ok = [a for a in added if "frame" in a]
    if not ok:
        return base, hover
    frame = pd.concat([base, *(a["frame"] for a in ok)], ignore_index=True)
    texts = pd.concat([hover, *(a["hover"] for a in ok)], ignore_index=True)
    keep = ~frame["event_id"].duplicated().to_numpy()
    return frame[keep].reset_index(drop=True), texts[keep].reset_index(drop=True)


def save_added(added: list[dict[str, Any]], files: DataFiles) -> str:
    """Write the added articles into the data folder so that they are there next time."""
    ok = [a for a in added if "frame" in a]
    for item in ok:
        article: Article = item["article"]
        suffix = Path(item["name"]).suffix.lower() or ".txt"
        atomic_write_bytes(files.articles / f"{article.id}{suffix}", item["raw"])
    frames = [a["frame"] for a in ok]
    if files.user_events.is_file():
        frames.insert(0, read_events(files.user_events))
    events = pd.concat(frames, ignore_index=True)
    events = events[~events["event_id"].duplicated(keep="last")]
    write_events(events[list(NAMES)], files.user_events)
    return f"Saved {len(ok)} article(s) and {len(events)} event(s) into {files.folder.name}/."


def _md(text: str) -> str:
    """Text we did not write, shown through markdown as written (see dashboard._md)."""
    flat = " ".join(str(text).splitlines())
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'/])", r"\\\1", flat)


def sidebar(files: DataFiles) -> list[dict[str, Any]]:
    """The sidebar's "Add your own articles" section; the articles added in this session."""
    with st.sidebar.expander("Add your own articles", expanded=False):
        st.date_input(
            "Publication date, for files that do not say",
            value=None,
            key="upload_published",
            format="YYYY-MM-DD",
        )
        st.file_uploader(
            "Article files (.txt, .md, .html)",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            key=uploader_key(),
            on_change=_ingest_uploads,
            help="Parsed on the spot and added to the view (listed under Loaded articles).",
        )
        for error in st.session_state.get("upload_errors") or ():
            st.error(_md(error), icon="⚠️")
        if message := st.session_state.get("upload_message"):
            st.caption(_md(message))
        st.divider()
        st.text_input("Title", key="paste_title")
        st.date_input("Published", value=None, key="paste_published", format="YYYY-MM-DD")
        st.text_area("Article text", key="paste_text", height=150)
        st.button("Add pasted article", on_click=add_pasted, width="stretch")
        if message := st.session_state.pop("paste_message", None):
            st.caption(_md(message))
        added = list(_added())
        if added and st.button(
            f"Save the {len(added)} added article(s) into {files.folder.name}/",
            key="save_added",
            width="stretch",
        ):
            try:
                st.success(save_added(added, files))
            except OSError as exc:
                st.error(_md(f"Could not save: {exc}"))
            else:
                # Saved: from now on they are read from the data folder, like the others.
                st.session_state["added"] = []
                added = []
    return added


# --- the list of loaded articles, and removing -------------------------------------------


def _ids_in(path: Path) -> frozenset[str]:
    """The article ids of an events file (empty when it is missing or unreadable), read
    once per version of the file."""
    try:
        mtime = path.stat().st_mtime if path.is_file() else 0.0
    except OSError:
        mtime = 0.0
    return _ids_of_version(str(path), mtime)


@st.cache_resource(show_spinner=False, max_entries=8)
def _ids_of_version(path: str, mtime: float) -> frozenset[str]:
    if not mtime:
        return frozenset()
    try:
        ids = pd.read_parquet(path, columns=["article_id"])["article_id"]
    except (OSError, ValueError):
        return frozenset()
    return frozenset(ids.dropna().astype(str))


@st.cache_resource(show_spinner=False, max_entries=4)
def _rows_of(
    frame_id: int,
    added: tuple[str, ...],
    saved: frozenset[str],
    bundled: frozenset[str],
    _frame: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`article_rows` of a frame (keyed by the frame object, kept in the entry so that its
    id is not reused while the entry lives): all of them, and the ARTICLES_LISTED newest."""
    del frame_id
    rows = article_rows(_frame, added, saved, bundled)
    return rows, rows.head(ARTICLES_LISTED)


def article_rows(
    frame: pd.DataFrame, added: Iterable[str], saved: Iterable[str], bundled: Iterable[str]
) -> pd.DataFrame:
    """One row per article of `frame` (events as reported, before merging duplicates):
    article_id, title, published, events, file, origin; newest first.

    `origin` is ADDED for the ids in `added`, SAVED for those in `saved`, "events.parquet"
    for those in `bundled`, else "event store".
    """
    columns = ["article_id", "title", "published", "events", "file", "origin"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    ids = frame["article_id"].astype("string")
    counts = ids.value_counts()
    first = frame.assign(article_id=ids).drop_duplicates("article_id")
    added, saved, bundled = set(added), set(saved), set(bundled)

    def origin(ident: str) -> str:
        if ident in added:
            return ADDED
        if ident in saved:
            return SAVED
        return "events.parquet" if ident in bundled else "event store"

    def file_of(path: Any, ident: str) -> str:
        name = Path(str(path)).name if isinstance(path, str) and path else ""
        return name or ("pasted" if ident in added else "")

    rows = pd.DataFrame(
        {
            "article_id": first["article_id"].astype(str),
            "title": [
                str(t) if isinstance(t, str) and t else str(i)
                for t, i in zip(first["source"], first["article_id"], strict=True)
            ],
            "published": first["published"].dt.date,
            "events": [int(counts[i]) for i in first["article_id"]],
            "file": [
                file_of(p, str(i))
                for p, i in zip(first["source_path"], first["article_id"], strict=True)
            ],
            "origin": [origin(str(i)) for i in first["article_id"]],
        }
    )
    order = rows.sort_values("published", ascending=False, na_position="last", kind="stable")
    return order.reset_index(drop=True)[columns]


def remove_saved(ids: Iterable[str], files: DataFiles) -> int:
    """Delete saved articles from the data folder: their events from `user_events.parquet`
    (rewritten atomically; deleted when none is left) and their text from `articles/`.
    Returns how many events were removed."""
    wanted = set(ids)
    removed = 0
    if files.user_events.is_file():
        events = read_events(files.user_events)
        gone = events["article_id"].astype(str).isin(wanted)
        removed = int(gone.sum())
        if removed and gone.all():
            files.user_events.unlink()
        elif removed:
            write_events(events[~gone.to_numpy()][list(NAMES)], files.user_events)
    for ident in wanted:
        for suffix in ARTICLE_SUFFIXES:
            path = files.articles / f"{ident}{suffix}"
            # only a file named by the id in that folder (ids are checked by the caller)
            if path.parent == files.articles and path.is_file():
                path.unlink()
    return removed


def _remove(ids: list[str], origins: dict[str, str], files: DataFiles) -> None:
    """The "Remove" button's callback: added ones leave the session, saved ones the disk."""
    session = [a for a in _added() if a["article"].id not in ids]
    dropped = len(_added()) - len(session)
    st.session_state["added"] = session
    saved = [i for i in ids if origins.get(i) == SAVED]
    try:
        events = remove_saved(saved, files) if saved else 0
    except OSError as exc:
        st.session_state["articles_message"] = f"Could not remove the saved articles: {exc}"
        return
    done = dropped + len(saved)
    st.session_state["articles_message"] = f"Removed {done} article(s)" + (
        f"; {events} saved event(s) deleted from {files.user_events.name}." if saved else "."
    )
    # The article filter must not keep ids that are gone.
    kept = [a for a in st.session_state.get("f_articles") or () if a not in ids]
    st.session_state["f_articles"] = kept
    _clear_selection()


def _clear_selection() -> None:
    """A new key for the list: its selection (row numbers) would point at other rows."""
    st.session_state["_articles_gen"] = st.session_state.get("_articles_gen", 0) + 1


def _show_only(ids: list[str]) -> None:
    """The "Show only these" button's callback: the article filter takes the selection."""
    st.session_state["f_articles"] = list(ids)
    _clear_selection()


def articles_panel(frame: pd.DataFrame, files: DataFiles) -> None:
    """The sidebar's "Loaded articles (N)": a list of the articles of `frame` (title,
    date, events, source file, where from), with "Show only these" and "Remove"."""
    added_ids = tuple(a["article"].id for a in _added())
    every, rows = _rows_of(
        id(frame), added_ids, _ids_in(files.user_events), _ids_in(files.events), frame
    )
    message = st.session_state.pop("articles_message", None)
    with st.sidebar.expander(f"Loaded articles ({len(every):,})", expanded=bool(message)):
        if message:
            st.caption(_md(message))
        if rows.empty:
            st.caption("No articles loaded.")
            return
        if len(every) > len(rows):
            st.caption(f"The newest {len(rows):,} are listed.")
        picked = st.dataframe(
            rows.drop(columns="article_id"),
            key=f"articles_list_{st.session_state.get('_articles_gen', 0)}",
            on_select="rerun",
            selection_mode="multi-row",
            hide_index=True,
            height=min(_LIST_HEIGHT, 38 + 35 * len(rows)),
            column_config={
                "title": st.column_config.TextColumn("title", width="medium"),
                "published": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
                "events": st.column_config.NumberColumn("events", width="small"),
                "file": st.column_config.TextColumn("source file"),
                "origin": st.column_config.TextColumn("from"),
            },
            width="stretch",
        )
        chosen = [
            str(rows["article_id"].iloc[i])
            for i in (picked["selection"]["rows"] if picked else [])
            if i < len(rows)
        ]
        origins = dict(zip(rows["article_id"], rows["origin"], strict=True))
        removable = [i for i in chosen if origins[i] in _REMOVABLE]
        left, right = st.columns(2)
        left.button(
            "Show only these",
            key="articles_show",
            on_click=_show_only,
            args=(chosen,),
            disabled=not chosen,
            width="stretch",
            help="Filter the view to the selected articles (the Article filter below).",
        )
        right.button(
            f"Remove ({len(removable)})" if removable else "Remove",
            key="articles_remove",
            on_click=_remove,
            args=(removable, origins, files),
            disabled=not removable,
            width="stretch",
            help="Added articles leave this session; saved ones are deleted from the data "
            "folder (their events and text).",
        )
        if len(removable) < len(chosen):
            st.caption(
                "Articles from events.parquet (the bundled ones, `make data`) or an event "
                "store are not removed here: delete their files and rebuild, or leave them "
                "out with the Article filter."
            )
        else:
            st.caption("Select articles (the boxes at the left) to show only them or remove.")
