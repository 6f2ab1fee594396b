"""Analysts' corrections as data: an append-only log, applied to any events frame.

A correction is one line of a JSON Lines file (`corrections.jsonl` in the user's data
folder): its id, time (UTC), author, an optional note, its kind and the kind's fields.

- Actor-level kinds name actors and apply to every article, present and future:
  `merge_actors` (`name` is an alias of `into`), `rename_actor` (`name` becomes `to`) and
  `not_actor` (`name` is dropped from actors and targets: a place or a mention).
- Event-level kinds carry the event's anchor (`event`: article id and content hash, the
  clause's character span and text, the event id when it was made): `set_date` (start, end,
  precision; all empty = undated), `set_type`, `set_actors`, `set_targets`, `set_countries`,
  `delete` and `restore`.
- `undo` cancels an earlier correction (an undone undo brings it back).

The log is never rewritten: an undo is a new line. `apply(frame, log)` is a pure function of
the extraction and the log. An event-level correction attaches to the event with the same
event id and clause text, else to the event of the same article whose clause covers the
anchor's span with the same text at the same offsets (the narrowest if several); when none
does (the article changed, or a parser no longer reads that clause), it is *orphaned*:
reported by `resolve`, never applied elsewhere. Actor-level corrections apply to names set by
hand too. Later corrections of the same field win.

The corrected view gets one more column, `corrected` (see `CORRECTED`), a string: the fields
an analyst changed on that event, joined with "; " in the order of `FIELDS` (date,
event_type, actors, targets, countries), as CSV joins lists; "" when the event is as
extracted. It is not part of the parser's schema (`timeline.schema`): parse
outputs are the extraction; exports of the corrected view carry it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import getpass
import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from itertools import chain
from pathlib import Path
from typing import Any, ClassVar, Final, NamedTuple, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa

from timeline.schema import PRECISIONS

try:  # POSIX; elsewhere the log is written without a lock
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "ACTOR_KINDS",
    "CORRECTED",
    "EVENT_KINDS",
    "FIELDS",
    "KINDS",
    "LOG_NAME",
    "Anchor",
    "Applied",
    "Correction",
    "CorrectionError",
    "CorrectionLog",
    "Delete",
    "LogError",
    "MergeActors",
    "NotActor",
    "Note",
    "Orphan",
    "RenameActor",
    "Restore",
    "SetDate",
    "SetNames",
    "SetType",
    "Undo",
    "actor_renames",
    "anchor_of",
    "apply",
    "article_hash",
    "default_author",
    "describe",
    "hover_of",
    "log_bytes",
    "log_path",
    "log_table",
    "new_correction",
    "notes_words",
    "resolve",
    "status_of",
]

LOG_NAME: Final = "corrections.jsonl"
CORRECTED: Final = "corrected"
# The fields a correction can change, as named in the `corrected` column.
FIELDS: Final = ("date", "event_type", "actors", "targets", "countries")
ACTOR_KINDS: Final = ("merge_actors", "rename_actor", "not_actor")
EVENT_KINDS: Final = (
    "set_date",
    "set_type",
    "set_actors",
    "set_targets",
    "set_countries",
    "delete",
    "restore",
)
KINDS: Final = (*ACTOR_KINDS, *EVENT_KINDS, "undo")


class CorrectionError(ValueError):
    """A correction that cannot be made (unknown type, empty name, end before start...)."""


class LogError(ValueError):
    """The corrections log cannot be read: the message names the file and the line."""


# -- operations ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MergeActors:
    """`name` is another name of `into`: every `name` becomes `into`."""

    kind: ClassVar[str] = "merge_actors"
    name: str
    into: str


@dataclass(frozen=True, slots=True)
class RenameActor:
    """The actor `name` is called `to` from now on."""

    kind: ClassVar[str] = "rename_actor"
    name: str
    to: str


@dataclass(frozen=True, slots=True)
class NotActor:
    """`name` is not an actor (a place, a mention): dropped from actors and targets."""

    kind: ClassVar[str] = "not_actor"
    name: str


@dataclass(frozen=True, slots=True)
class SetDate:
    """The event's date: first and last day and precision; all None makes it undated."""

    kind: ClassVar[str] = "set_date"
    start: dt.date | None
    end: dt.date | None
    precision: str | None


@dataclass(frozen=True, slots=True)
class SetType:
    kind: ClassVar[str] = "set_type"
    event_type: str


@dataclass(frozen=True, slots=True)
class SetNames:
    """The event's actors, targets or countries (`column`), replaced by `names`."""

    column: str
    names: tuple[str, ...]

    @property
    def kind(self) -> str:
        return f"set_{self.column}"


@dataclass(frozen=True, slots=True)
class Delete:
    """Hide the event from every view (it stays in the log; `Restore` brings it back)."""

    kind: ClassVar[str] = "delete"


@dataclass(frozen=True, slots=True)
class Restore:
    kind: ClassVar[str] = "restore"


@dataclass(frozen=True, slots=True)
class Undo:
    """Cancel the correction `target` (an id of this log)."""

    kind: ClassVar[str] = "undo"
    target: str


Operation = (
    MergeActors | RenameActor | NotActor | SetDate | SetType | SetNames | Delete | Restore | Undo
)


# Kind -> operation, for the kinds whose fields are read as they are.
_OPERATIONS: Final[dict[str, Any]] = {
    cls.kind: cls for cls in (MergeActors, RenameActor, NotActor, SetType, Delete, Restore, Undo)
}


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an event-level correction belongs, in terms that survive a re-parse."""

    article_id: str
    article_sha256: str  # of the article's text as read; "" when it was not at hand
    char_start: int | None
    char_end: int | None
    text: str  # the clause, article text [char_start, char_end)
    event_id: str  # the event's id when the correction was made


@dataclass(frozen=True, slots=True)
class Correction:
    id: str
    time: str  # ISO 8601, UTC: 2026-12-02T07:30:12Z
    author: str
    note: str
    op: Operation
    event: Anchor | None = None  # event-level kinds only

    @property
    def kind(self) -> str:
        return self.op.kind


# -- making corrections -------------------------------------------------------------------


def default_author() -> str:
    """The OS user name (the dashboard lets the analyst change it)."""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):  # no login name (some containers)
        return "unknown"


def article_hash(text: str) -> str:
    """The content hash recorded in anchors: sha256 of the article's text as read."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def anchor_of(row: Mapping[str, Any], article_text: str | None = None) -> Anchor:
    """The anchor of an events-frame row (`article_text`, when at hand, gives its hash)."""

    def offset(value: Any) -> int | None:
        return None if value is None or pd.isna(value) else int(value)

    return Anchor(
        article_id=str(row["article_id"]),
        article_sha256=article_hash(article_text) if article_text is not None else "",
        char_start=offset(row.get("char_start")),
        char_end=offset(row.get("char_end")),
        text=str(row.get("text") or ""),
        event_id=str(row["event_id"]),
    )


def _name(value: Any, what: str) -> str:
    name = " ".join(str(value if value is not None else "").split())
    if not name:
        raise CorrectionError(f"{what}: give a name")
    return name


def _names(values: Iterable[Any]) -> tuple[str, ...]:
    names: list[str] = []
    for value in values:
        name = " ".join(str(value).split())
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _event_types() -> dict[str, str]:
    from timeline._event_lexicon import event_types

    return event_types()


@functools.cache
def _country_codes() -> dict[str, str]:
    """Country name (any case) or alpha-3 code -> (name, code)."""
    from timeline._gazetteer import gazetteer

    out: dict[str, str] = {}
    for code, country in gazetteer().countries.items():
        out[country.name.casefold()] = code
        out[code.casefold()] = code
    return out


def _country_name(code: str) -> str:
    from timeline._gazetteer import gazetteer

    return gazetteer().countries[code].name


def _check(op: Operation) -> Operation:
    """`op` with its values normalised; CorrectionError when it makes no sense."""
    if isinstance(op, MergeActors):
        name, into = _name(op.name, "merge"), _name(op.into, "merge into")
        if name == into:
            raise CorrectionError(f"cannot merge {name!r} into itself")
        return MergeActors(name, into)
    if isinstance(op, RenameActor):
        name, to = _name(op.name, "rename"), _name(op.to, "new name")
        if name == to:
            raise CorrectionError(f"{name!r} already has that name")
        return RenameActor(name, to)
    if isinstance(op, NotActor):
        return NotActor(_name(op.name, "not an actor"))
    if isinstance(op, SetDate):
        start, end, precision = op.start, op.end, op.precision
        if start is None:
            if end is not None or precision:
                raise CorrectionError("an undated event has no end or precision: give a start")
            return SetDate(None, None, None)
        end = end or start
        if end < start:
            raise CorrectionError(f"the end {end} is before the start {start}")
        precision = precision or "day"
        if precision not in PRECISIONS:
            raise CorrectionError(
                f"unknown precision {precision!r}; use one of {', '.join(PRECISIONS)}"
            )
        return SetDate(start, end, precision)
    if isinstance(op, SetType):
        kind = str(op.event_type or "").strip().upper()
        if kind not in _event_types():
            raise CorrectionError(
                f"unknown event type {op.event_type!r}; use one of {', '.join(_event_types())}"
            )
        return SetType(kind)
    if isinstance(op, SetNames):
        if op.column not in ("actors", "targets", "countries"):
            raise CorrectionError(f"cannot set {op.column!r}")
        names = _names(op.names)
        if op.column == "countries":
            codes = _country_codes()
            unknown = [n for n in names if n.casefold() not in codes]
            if unknown:
                raise CorrectionError(f"unknown country: {', '.join(unknown)}")
            names = _names(_country_name(codes[n.casefold()]) for n in names)
        return SetNames(op.column, names)
    if isinstance(op, Undo):
        return Undo(_name(op.target, "undo"))
    return op


def new_correction(
    op: Operation,
    *,
    event: Anchor | None = None,
    author: str | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> Correction:
    """A checked correction with a fresh id, stamped now (UTC) by `author`."""
    op = _check(op)
    if op.kind in EVENT_KINDS and event is None:
        raise CorrectionError(f"{op.kind} needs the event it corrects")
    if op.kind not in EVENT_KINDS and event is not None:
        raise CorrectionError(f"{op.kind} is not about one event")
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    return Correction(
        id=uuid.uuid4().hex[:12],
        time=moment.isoformat().replace("+00:00", "Z"),
        author=" ".join((author or default_author()).split()) or "unknown",
        note=str(note or "").strip(),
        op=op,
        event=event,
    )


def describe(c: Correction) -> str:
    """The correction in words, for lists: "merge “Acme” into “Acme Corp.”"."""
    op = c.op
    if isinstance(op, MergeActors):
        return f"merge “{op.name}” into “{op.into}”"
    if isinstance(op, RenameActor):
        return f"rename “{op.name}” to “{op.to}”"
    if isinstance(op, NotActor):
        return f"“{op.name}” is not an actor"
    if isinstance(op, Undo):
        return f"undo {op.target}"
    what = f"“{_clip(c.event.text)}”" if c.event else "an event"
    if isinstance(op, SetDate):
        when = (
            "undated"
            if op.start is None
            else (
                f"{op.start}"
                + (f" – {op.end}" if op.end and op.end != op.start else "")
                + f" ({op.precision})"
            )
        )
        return f"date of {what}: {when}"
    if isinstance(op, SetType):
        return f"type of {what}: {op.event_type}"
    if isinstance(op, SetNames):
        return f"{op.column} of {what}: {', '.join(op.names) or '(none)'}"
    if isinstance(op, Delete):
        return f"delete {what}"
    return f"restore {what}"


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# -- JSON lines ---------------------------------------------------------------------------


def _to_json(c: Correction) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id,
        "time": c.time,
        "author": c.author,
        "note": c.note,
        "kind": c.kind,
    }
    for f in fields(c.op):  # the operation's fields, in order (a SetNames' column is in its kind)
        value = getattr(c.op, f.name)
        if not (isinstance(c.op, SetNames) and f.name == "column"):
            out[f.name] = (
                value.isoformat()
                if isinstance(value, dt.date)
                else list(value)
                if isinstance(value, tuple)
                else value
            )
    if c.event is not None:
        a = c.event
        out["event"] = {
            "article_id": a.article_id,
            "article_sha256": a.article_sha256,
            "char_start": a.char_start,
            "char_end": a.char_end,
            "text": a.text,
            "event_id": a.event_id,
        }
    return out


def _line(c: Correction) -> str:
    return json.dumps(_to_json(c), ensure_ascii=False, separators=(",", ":")) + "\n"


def _date(value: Any, key: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CorrectionError(f"{key}: {value!r} is not a date (YYYY-MM-DD)") from None


def _from_json(obj: Any) -> Correction:
    if not isinstance(obj, dict):
        raise CorrectionError("not a JSON object")
    missing = [k for k in ("id", "time", "author", "kind") if not obj.get(k)]
    if missing:
        raise CorrectionError(f"missing {', '.join(missing)}")
    kind = obj["kind"]

    def get(key: str) -> Any:
        if key not in obj:
            raise CorrectionError(f"{kind} without {key!r}")
        return obj[key]

    op: Operation
    if kind == "set_date":  # its fields may be missing (undated)
        op = SetDate(
            _date(obj.get("start"), "start"),
            _date(obj.get("end"), "end"),
            obj.get("precision") or None,
        )
    elif kind in ("set_actors", "set_targets", "set_countries"):
        names = get("names")
        if not isinstance(names, list):
            raise CorrectionError(f"{kind}: names must be a list")
        op = SetNames(kind.removeprefix("set_"), tuple(str(n) for n in names))
    elif kind in _OPERATIONS:
        cls = _OPERATIONS[kind]
        op = cls(*(get(f.name) for f in fields(cls)))
    else:
        raise CorrectionError(f"unknown kind {kind!r}")
    op = _check(op)
    anchor = None
    if kind in EVENT_KINDS:
        ev = get("event")
        if not isinstance(ev, dict) or not ev.get("article_id") or not ev.get("event_id"):
            raise CorrectionError(f"{kind}: 'event' needs article_id and event_id")

        def offset(key: str) -> int | None:
            value = ev.get(key)
            if value is None:
                return None
            if not isinstance(value, int) or isinstance(value, bool):
                raise CorrectionError(f"event {key} must be a whole number")
            return value

        anchor = Anchor(
            str(ev["article_id"]),
            str(ev.get("article_sha256") or ""),
            offset("char_start"),
            offset("char_end"),
            str(ev.get("text") or ""),
            str(ev["event_id"]),
        )
    return Correction(
        str(obj["id"]),
        str(obj["time"]),
        str(obj["author"]),
        str(obj.get("note") or ""),
        op,
        anchor,
    )


def _parse_lines(
    lines: Iterable[str],
    where: str,
    known: Sequence[Correction] = (),
    first_line: int = 1,
) -> tuple[Correction, ...]:
    """The corrections of `lines`, which follow `known` (for the checks of ids and undos)."""
    out: list[Correction] = []
    seen: set[str] = {c.id for c in known}
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            c = _from_json(json.loads(line))
        except json.JSONDecodeError as exc:
            raise LogError(f"{where}, line {number}: not valid JSON ({exc.msg})") from None
        except CorrectionError as exc:
            raise LogError(f"{where}, line {number}: {exc}") from None
        if c.id in seen:
            raise LogError(f"{where}, line {number}: correction id {c.id} appears twice")
        if isinstance(c.op, Undo) and c.op.target not in seen:
            raise LogError(
                f"{where}, line {number}: undoes {c.op.target}, which no earlier line holds"
            )
        seen.add(c.id)
        out.append(c)
    return tuple(out)


def log_path(folder: str | os.PathLike[str] | None = None) -> Path:
    """`folder`/corrections.jsonl; by default in the data folder (`timeline.config`)."""
    from timeline.config import data_dir

    return Path(folder if folder is not None else data_dir()) / LOG_NAME


class CorrectionLog:
    """The corrections file: read whole, appended to under a file lock, never rewritten.

    Appends from several processes (two dashboard sessions, the CLI) are serialised by an
    exclusive `flock` on the file; each append is one `write` of whole lines, and a failed
    write is cut back to the file's previous length, so a reader never sees half a line.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        # What was read so far: (inode, bytes, newlines, corrections). The file only grows, so
        # the next read parses the new lines only.
        self._known: tuple[int, int, int, tuple[Correction, ...]] = (0, 0, 0, ())
        self._tail = b""  # the last bytes read, checked before trusting the rest

    def __repr__(self) -> str:
        return f"CorrectionLog({str(self.path)!r})"

    def version(self) -> tuple[int, int]:
        """Changes whenever the file does (mtime, size); (0, 0) when there is none."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return (0, 0)
        return (st.st_mtime_ns, st.st_size)

    def read(self) -> tuple[Correction, ...]:
        """Every correction, in order. LogError names the first bad line."""
        try:
            with self._locked("rb", shared=True) as handle:
                return self._read_locked(handle)
        except FileNotFoundError:
            return ()

    def _read_locked(self, handle: Any) -> tuple[Correction, ...]:
        stat = os.fstat(handle.fileno())
        inode, size, newlines, known = self._known
        tail = self._tail
        if (
            stat.st_ino != inode
            or stat.st_size < size
            or os.pread(handle.fileno(), len(tail), size - len(tail)) != tail
        ):  # replaced, cut or edited: read it all
            size, newlines, known = 0, 0, ()
        if stat.st_size == size:
            return known
        handle.seek(size)
        data = handle.read(stat.st_size - size)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = newlines + data[: exc.start].count(b"\n") + 1
            raise LogError(f"{self.path}, line {line}: not UTF-8 text") from None
        parsed = _parse_lines(text.splitlines(), str(self.path), known, newlines + 1)
        result = known + parsed
        self._known = (stat.st_ino, stat.st_size, newlines + data.count(b"\n"), result)
        self._tail = os.pread(
            handle.fileno(), min(256, stat.st_size), stat.st_size - min(256, stat.st_size)
        )
        return result

    def append(self, *corrections: Correction) -> None:
        """Add corrections at the end of the file, all or none."""
        if not corrections:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked("ab+", shared=False) as handle:
            # Checked against the file as it is now (another session may have written).
            existing = self._read_locked(handle)
            _parse_lines([_line(c) for c in corrections], "new corrections", known=existing)
            data = "".join(_line(c) for c in corrections).encode("utf-8")
            size = os.fstat(handle.fileno()).st_size
            prefix = b"" if size == 0 or self._ends_with_newline(handle.fileno(), size) else b"\n"
            try:
                os.write(handle.fileno(), prefix + data)
                os.fsync(handle.fileno())
            except BaseException:
                os.ftruncate(handle.fileno(), size)
                raise

    def record(
        self,
        op: Operation,
        *,
        event: Anchor | None = None,
        author: str | None = None,
        note: str = "",
    ) -> Correction:
        """Make a correction and append it; the correction made."""
        c = new_correction(op, event=event, author=author, note=note)
        self.append(c)
        return c

    @staticmethod
    def _ends_with_newline(fd: int, size: int) -> bool:
        return os.pread(fd, 1, size - 1) == b"\n"

    @contextlib.contextmanager
    def _locked(self, mode: str, *, shared: bool) -> Iterator[Any]:
        with self.path.open(mode) as handle:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
            try:
                yield handle
            finally:
                if fcntl is not None:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# -- applying -----------------------------------------------------------------------------


class Note(NamedTuple):
    """One correction's mark on one event: what field, by whom, when, and what was extracted.

    A named tuple rather than a dataclass: `resolve` makes one per corrected field, by the
    ten thousand, and tuples are several times quicker to build.
    """

    field: str
    author: str
    time: str
    extracted: str
    note: str
    correction_id: str


@dataclass(frozen=True, slots=True)
class Orphan:
    """An event-level correction that matches no event of the frame."""

    correction: Correction
    reason: str


class _Notes(Mapping[str, tuple[Note, ...]]):
    """Event id -> notes, built on first use: `apply` and the stores never read them."""

    __slots__ = ("_build", "_data")

    def __init__(self, build: Callable[[], dict[str, tuple[Note, ...]]]) -> None:
        self._build = build
        self._data: dict[str, tuple[Note, ...]] | None = None

    def _get(self) -> dict[str, tuple[Note, ...]]:
        if self._data is None:
            self._data = _without_gc(self._build)
        return self._data

    def __getitem__(self, key: str) -> tuple[Note, ...]:
        return self._get()[key]

    def get(self, key: str, default: Any = None) -> Any:  # the dict's, without a try
        return self._get().get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return f"_Notes({self._get()!r})"


@dataclass(frozen=True, slots=True)
class Applied:
    """The outcome of applying a log to a frame (see `resolve`)."""

    frame: pd.DataFrame  # the corrected view: deleted events dropped, `corrected` added
    positions: np.ndarray  # for each row of `frame`, its row position in the input frame
    notes: Mapping[str, tuple[Note, ...]]  # event id -> what was corrected on it
    orphans: tuple[Orphan, ...]
    attached: Mapping[str, str]  # correction id -> event id it applies to
    active: tuple[Correction, ...]  # the corrections in force (not undone), in order
    undone: frozenset[str] = field(default_factory=frozenset)
    # What `resolve(..., previous=)` starts from: the input frame, the log, the row
    # position each attached correction applies to, the positions of the deleted rows.
    source: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    log: tuple[Correction, ...] = field(default=(), repr=False, compare=False)
    rows: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)
    hidden: np.ndarray = field(
        default_factory=lambda: np.empty(0, dtype=np.int64), repr=False, compare=False
    )

    @property
    def deleted(self) -> pd.DataFrame:
        """The input rows hidden by `delete` (worked out when asked: `apply` never needs them)."""
        if self.source is None:
            return self.frame.iloc[:0]
        return self.source.iloc[self.hidden].reset_index(drop=True)


def _cancelled(log: Iterable[Correction]) -> frozenset[str]:
    """The ids of the corrections undone (by an undo not itself undone)."""
    cancelled: set[str] = set()
    # From the end: whether an undo is itself undone is known before it is reached.
    for c in reversed([c for c in log if isinstance(c.op, Undo)]):
        if c.id not in cancelled and isinstance(c.op, Undo):
            cancelled.add(c.op.target)
    return frozenset(cancelled)


def _in_force(log: Sequence[Correction]) -> tuple[list[Correction], frozenset[str]]:
    """The corrections not undone (undo entries excluded) and the ids undone."""
    cancelled = _cancelled(log)
    return [c for c in log if c.id not in cancelled and not isinstance(c.op, Undo)], cancelled


def _alias_map(active: Sequence[Correction]) -> tuple[dict[str, str], set[str]]:
    """Name -> final name (merges and renames, in order), and the names that are not actors."""
    links: dict[str, str] = {}
    not_actors: set[str] = set()
    for c in active:
        op = c.op
        if isinstance(op, MergeActors | RenameActor):
            old, new = op.name, op.into if isinstance(op, MergeActors) else op.to
            # "B is A" after "A is B": the newer word wins, the old link would make a loop.
            seen = {new}
            node = new
            while node in links:
                nxt = links[node]
                if nxt == old:
                    del links[node]
                    break
                if nxt in seen:
                    break
                seen.add(nxt)
                node = nxt
            links[old] = new
            not_actors.discard(old)
        elif isinstance(op, NotActor):
            not_actors.add(op.name)
    final: dict[str, str] = {}
    for name in links:
        node, seen = name, {name}
        while node in links and links[node] not in seen:
            node = links[node]
            seen.add(node)
        final[name] = node
    return final, not_actors


def actor_renames(log: Sequence[Correction]) -> tuple[dict[str, str], frozenset[str]]:
    """The actor-level corrections in force: name -> final name, and the not-actors."""
    aliases, dropped = _alias_map(_in_force(log)[0])
    return aliases, frozenset(dropped)


def _rename(names: Any, aliases: Mapping[str, str], drop: set[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        m = aliases.get(n, n)
        if m in drop or n in drop or m in out:
            continue
        out.append(m)
    return out


def _positions_in(column: pd.Series, values: set[str]) -> np.ndarray:
    """Row positions of `column` whose value is one of `values`."""
    if not values:
        return np.empty(0, dtype=np.int64)
    array = column.array
    data = getattr(array, "_pa_array", None)  # Arrow-backed strings: one C pass
    if data is not None:
        import pyarrow as pa
        import pyarrow.compute as pc

        mask = pc.is_in(data, value_set=pa.array(sorted(values), type=data.type))
        return np.flatnonzero(mask.to_numpy(zero_copy_only=False))
    return np.flatnonzero(column.isin(values).to_numpy())


def _take(column: pd.Series, rows: np.ndarray) -> np.ndarray:
    """The values of `column` at row positions `rows`, as objects (only those converted)."""
    return column.array.take(rows).to_numpy(dtype=object)


def _codes_in(column: pd.Series, values: list[str]) -> np.ndarray:
    """For each row of `column`, the index of its value in `values`, or -1."""
    data = getattr(column.array, "_pa_array", None)
    if data is not None:  # Arrow strings: one C pass
        import pyarrow.compute as pc

        found = pc.index_in(data, value_set=pa.array(values, type=data.type))
        return np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
    return pd.Index(values, dtype=object).get_indexer(column.to_numpy(dtype=object))


def _matches(
    frame: pd.DataFrame, anchored: Sequence[Correction]
) -> tuple[dict[str, int], list[Orphan]]:
    """Correction id -> row position of the event it attaches to; the others, orphaned."""
    if not anchored:
        return {}, []
    anchors = [c.event for c in anchored if c.event is not None]
    hits = _positions_in(frame["event_id"], {a.event_id for a in anchors})
    hit_ids = _take(frame["event_id"], hits)
    hit_texts = _take(frame["text"], hits)
    index: dict[str, tuple[int, str]] = {}
    for k in range(len(hits) - 1, -1, -1):  # the first row of a repeated id wins
        index[hit_ids[k]] = (int(hits[k]), hit_texts[k])
    found: dict[str, int] = {}
    rest: list[Correction] = []
    for c in anchored:
        a = c.event
        assert a is not None
        got = index.get(a.event_id)
        if got is not None and got[1] == a.text:
            found[c.id] = got[0]
        else:
            rest.append(c)
    orphans: list[Orphan] = []
    if not rest:
        return found, orphans
    # By span: events of the same article whose clause covers the anchor's span.
    wanted_articles = [c.event.article_id for c in rest if c.event]
    articles = list(dict.fromkeys(wanted_articles))
    code_of = {a: k for k, a in enumerate(articles)}
    # Each row's article as its index in `articles` (-1: none of them).
    row_codes = _codes_in(frame["article_id"], articles)
    rows = np.flatnonzero(row_codes >= 0)
    known_articles = {articles[k] for k in np.unique(row_codes[rows]).tolist()}
    wanted = pd.DataFrame(
        {
            "k": np.arange(len(rest)),
            "code": np.array([code_of[a] for a in wanted_articles], dtype=np.int64),
            "a_start": np.array(
                [
                    np.nan if c.event.char_start is None else c.event.char_start
                    for c in rest
                    if c.event
                ],
                dtype="float64",
            ),
            "a_end": np.array(
                [np.nan if c.event.char_end is None else c.event.char_end for c in rest if c.event],
                dtype="float64",
            ),
        }
    )
    have = pd.DataFrame(
        {
            "code": row_codes[rows].astype(np.int64),
            "pos": rows,
            "start": frame["char_start"].array.take(rows).to_numpy("float64", na_value=np.nan),
            "end": frame["char_end"].array.take(rows).to_numpy("float64", na_value=np.nan),
        }
    )
    pairs = wanted.merge(have, on="code")
    covering = (pairs["start"] <= pairs["a_start"]).to_numpy() & (
        pairs["end"] >= pairs["a_end"]
    ).to_numpy()
    pairs = pairs[covering]
    width = (pairs["end"] - pairs["start"]).to_numpy()
    # For each correction, its candidates from the narrowest clause (then the first, then
    # the smallest id: deterministic).
    order = np.lexsort((pairs["start"].to_numpy(), width, pairs["k"].to_numpy()))
    ks = pairs["k"].to_numpy()[order].tolist()
    positions = pairs["pos"].to_numpy()[order]
    starts = pairs["start"].to_numpy()[order].tolist()
    texts = _take(frame["text"], positions)
    chosen: dict[int, int] = {}
    for k, pos, s, text in zip(ks, positions.tolist(), starts, texts, strict=True):
        if k in chosen:
            continue
        a = rest[k].event
        assert a is not None and a.char_start is not None and a.char_end is not None
        s_i = int(s)
        if text[a.char_start - s_i : a.char_end - s_i] == a.text:
            chosen[k] = pos
    for k, c in enumerate(rest):
        a = c.event
        assert a is not None
        if k in chosen:
            found[c.id] = chosen[k]
        elif a.article_id not in known_articles:
            orphans.append(Orphan(c, f"article {a.article_id} is not among the events"))
        else:
            orphans.append(
                Orphan(c, f"no clause of article {a.article_id} holds “{_clip(a.text)}” any more")
            )
    return found, orphans


def _date_words(start: Any, end: Any, precision: Any) -> str:
    if start is None or pd.isna(start):
        return "undated"
    s = str(np.datetime64(start, "D"))
    e = str(np.datetime64(end, "D")) if end is not None and not pd.isna(end) else s
    return (
        s if e == s else f"{s} – {e}"
    ) + f" ({precision if isinstance(precision, str) else '?'})"


def _list_words(values: Any) -> str:
    return ", ".join(values) if len(values) else "(none)"


_T = TypeVar("_T")


def _without_gc(fn: Callable[[], _T]) -> _T:
    """`fn()` with the cyclic garbage collector paused: it would walk the frame's lists on
    every few thousand allocations (notes, lists), and nothing here makes cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return fn()
    finally:
        if was_enabled:
            gc.enable()


def resolve(
    frame: pd.DataFrame, log: Sequence[Correction], previous: Applied | None = None
) -> Applied:
    """Apply `log` to the extraction `frame`; the corrected view and how it was reached.

    Pure and deterministic: `frame` is not modified; the same inputs give the same output,
    and applying again to the output changes nothing.

    `previous`, the result of `resolve` on the same frame object and an earlier state of
    the same log (the log only grows), makes it quicker: when the corrections that came into
    force or left it since are all about single events, only those events are worked out
    again. The result is the same as without it.
    """
    if (
        previous is not None
        and previous.source is frame
        and len(log) >= len(previous.log)
        # The same objects when read by the same `CorrectionLog`: compared by identity first.
        and tuple(log[: len(previous.log)]) == previous.log
    ):
        done = _without_gc(lambda: _update(frame, log, previous))
        if done is not None:
            return done
    return _without_gc(lambda: _resolve(frame, log))


# The `corrected` words of each set of fields, as bits in the order of FIELDS.
_FLAG_WORDS: Final = np.array(
    ["; ".join(f for i, f in enumerate(FIELDS) if bits >> i & 1) for bits in range(32)],
    dtype=object,
)
_BIT: Final = {f: 1 << i for i, f in enumerate(FIELDS)}


def _flags(frame: pd.DataFrame, bits: np.ndarray) -> pd.Series:
    """The `corrected` column: the fields set in `bits` (as in `_BIT`), with those the input
    frame marks already when it is itself a corrected view."""
    marked = np.flatnonzero(bits)
    if CORRECTED in frame.columns:  # applied again: keep the marks of the first time
        flags = frame[CORRECTED].astype(object).fillna("").to_numpy(dtype=object, copy=True)
        if len(marked):
            codes, uniques = pd.factorize(flags[marked])
            had = np.array(
                [sum(_BIT.get(w, 0) for w in set(str(u).split("; "))) for u in uniques],
                dtype=np.int64,
            )
            flags[marked] = _FLAG_WORDS[bits[marked] | had[codes]]
    else:  # one Arrow take: no Python string per row
        words = pa.array(_FLAG_WORDS.tolist(), pa.large_string()).take(pa.array(bits))
        array = pd.arrays.ArrowStringArray(pa.chunked_array([words]))
        return pd.Series(array, index=frame.index, name=CORRECTED, dtype="string")
    return pd.Series(pd.array(flags, dtype="string"), index=frame.index, name=CORRECTED)


def _resolve(frame: pd.DataFrame, log: Sequence[Correction]) -> Applied:
    active, undone = _in_force(log)
    aliases, not_actors = _alias_map(active)
    anchored = [c for c in active if c.event is not None]
    found, orphans = _matches(frame, anchored)
    n = len(frame)

    # Event-level corrections, the last of each field winning.
    dates: dict[int, Correction] = {}
    types: dict[int, Correction] = {}
    names: dict[tuple[int, str], Correction] = {}
    deleted: dict[int, bool] = {}
    for c in anchored:
        pos = found.get(c.id)
        if pos is None:
            continue
        op = c.op
        if isinstance(op, SetDate):
            dates[pos] = c
        elif isinstance(op, SetType):
            types[pos] = c
        elif isinstance(op, SetNames):
            names[pos, op.column] = c
        elif isinstance(op, Delete):
            deleted[pos] = True
        elif isinstance(op, Restore):
            deleted[pos] = False

    bits = np.zeros(n, dtype=np.int64)  # the fields corrected on each row (`_BIT`)
    out = frame.copy(deep=False)
    if dates:
        rows = np.fromiter(dates, dtype=np.int64, count=len(dates))
        set_dates = [c.op for c in dates.values() if isinstance(c.op, SetDate)]
        for bound, days in (
            ("start", [d.start for d in set_dates]),
            ("end", [d.end for d in set_dates]),
        ):
            array = out[bound].to_numpy(copy=True)
            array[rows] = np.array(days, dtype="datetime64[D]")  # None: NaT
            out[bound] = pd.array(array, dtype=frame[bound].dtype)
        out["precision"] = _set_at(frame["precision"], rows, [d.precision for d in set_dates])
        bits[rows] |= _BIT["date"]
    if types:
        rows = np.fromiter(types, dtype=np.int64, count=len(types))
        kinds = [c.op.event_type for c in types.values() if isinstance(c.op, SetType)]
        out["event_type"] = _set_at(frame["event_type"], rows, kinds)
        bits[rows] |= _BIT["event_type"]

    lists: dict[str, np.ndarray] = {}

    def column(name: str) -> np.ndarray:
        if name not in lists:
            lists[name] = out[name].to_numpy(dtype=object, copy=True)
        return lists[name]

    for (pos, col), c in names.items():
        assert isinstance(c.op, SetNames)
        column(col)[pos] = list(c.op.names)
        bits[pos] |= _BIT[col]
        if col == "countries":
            codes = _country_codes()
            column("country_codes")[pos] = [codes[n.casefold()] for n in c.op.names]

    # Actor-level corrections: every actor and target, names set by hand included.
    renamed: dict[str, list[tuple[int, list[str]]]] = {}  # column -> (row, names before)
    affected = set(aliases) | not_actors
    if affected:
        for col in ("actors", "targets"):
            # Names set by hand above are in `lists` already.
            values = lists[col] if col in lists else out[col].to_numpy(dtype=object)
            rows = _rows_naming(values, affected)
            if not len(rows):
                continue
            values = column(col)
            changed = renamed[col] = []
            for pos in rows.tolist():
                current = values[pos]
                new = _rename(current, aliases, not_actors)
                if new != list(current):
                    changed.append((pos, current))
                    values[pos] = new
            bits[[pos for pos, _ in changed]] |= _BIT[col]
    for name, values in lists.items():
        out[name] = pd.Series(values, index=out.index, dtype=object)
    out[CORRECTED] = _flags(frame, bits)

    hidden = np.array(sorted(p for p, d in deleted.items() if d), dtype=np.int64)
    keep = np.ones(n, dtype=bool)
    keep[hidden] = False
    positions = np.flatnonzero(keep)
    result = out.iloc[positions].reset_index(drop=True) if len(hidden) else out
    found_rows = np.fromiter(found.values(), dtype=np.int64, count=len(found))
    found_ids = _take(frame["event_id"], found_rows)

    def notes() -> dict[str, tuple[Note, ...]]:
        marks: dict[int, list[Note]] = {}

        def mark(pos: int, fld: str, c: Correction, extracted: str) -> None:
            marks.setdefault(pos, []).append(Note(fld, c.author, c.time, extracted, c.note, c.id))

        if dates:
            rows = np.fromiter(dates, dtype=np.int64, count=len(dates))
            starts, ends = (frame[k].to_numpy()[rows] for k in ("start", "end"))
            precisions = _take(frame["precision"], rows)
            for k, (pos, c) in enumerate(dates.items()):
                mark(pos, "date", c, _date_words(starts[k], ends[k], precisions[k]))
        if types:
            rows = np.fromiter(types, dtype=np.int64, count=len(types))
            extracted = _take(frame["event_type"], rows)
            for k, (pos, c) in enumerate(types.items()):
                mark(pos, "event_type", c, str(extracted[k]))
        given = {col: frame[col].to_numpy(dtype=object) for _, col in names}
        for (pos, col), c in names.items():
            mark(pos, col, c, _list_words(given[col][pos]))
        if renamed:
            actor_notes = _actor_notes(active)
            for col, changed in renamed.items():
                for pos, current in changed:
                    for name in current:
                        why = actor_notes.get(name)
                        if why is not None and (name in aliases or name in not_actors):
                            mark(pos, col, why, name)
        rows = np.fromiter(marks, dtype=np.int64, count=len(marks))
        ids = _take(frame["event_id"], rows)
        return {str(ids[k]): tuple(v) for k, v in enumerate(marks.values())}

    return Applied(
        frame=result,
        positions=positions,
        notes=_Notes(notes),
        orphans=tuple(orphans),
        attached={cid: str(found_ids[k]) for k, cid in enumerate(found)},
        active=tuple(active),
        undone=frozenset(undone),
        source=frame,
        log=tuple(log),
        rows=found,
        hidden=hidden,
    )


# The columns an event-level correction can change (with `corrected`).
_EDITED: Final = (
    "start",
    "end",
    "precision",
    "event_type",
    "actors",
    "targets",
    "countries",
    "country_codes",
    CORRECTED,
)


def _update(frame: pd.DataFrame, log: Sequence[Correction], prev: Applied) -> Applied | None:
    """`resolve(frame, log)` from `prev`, its result on an earlier state of the log: only
    the events that corrections coming into force or leaving it attach to are resolved
    again. None when that cannot give the same result (an actor-level correction changed,
    or an event id is shared by several rows): resolve it all."""
    new = log[len(prev.log) :]
    undone = (
        _cancelled(chain(prev.log, new))
        if any(isinstance(c.op, Undo) for c in new)
        else prev.undone
    )
    fresh = [c for c in new if not isinstance(c.op, Undo) and c.id not in undone]
    if undone == prev.undone:  # corrections added, none undone or redone: the usual case
        active = [*prev.active, *fresh]
        entering, leaving = fresh, []
    else:
        active = [c for c in log if c.id not in undone and not isinstance(c.op, Undo)]
        redone = prev.undone - undone
        entering = [*(c for c in prev.log if c.id in redone and not isinstance(c.op, Undo)), *fresh]
        leaving = [c for c in prev.active if c.id in undone]
    if any(c.event is None for c in chain(entering, leaving)):
        return None
    gone = {c.id for c in leaving}
    found, new_orphans = _matches(frame, entering)
    rows = dict(prev.rows)
    for c in leaving:
        rows.pop(c.id, None)
    rows |= found
    touched = np.array(
        sorted({prev.rows[c.id] for c in leaving if c.id in prev.rows} | set(found.values())),
        dtype=np.int64,
    )
    result, positions, hidden = prev.frame, prev.positions, prev.hidden
    notes: Mapping[str, tuple[Note, ...]] = prev.notes
    attached = {cid: e for cid, e in prev.attached.items() if cid not in gone}
    if len(touched):
        ids = _take(frame["event_id"], touched)
        id_set = {str(i) for i in ids}
        if len(_positions_in(frame["event_id"], id_set)) != len(touched):
            return None
        at = {int(pos): k for k, pos in enumerate(touched)}
        part = _resolve(
            frame.iloc[touched],
            [c for c in active if c.event is None or rows.get(c.id, -1) in at],
        )
        # The same attachments in the part as in the whole frame, else resolve it all.
        if part.orphans or {cid: int(touched[k]) for cid, k in part.rows.items()} != {
            cid: pos for cid, pos in rows.items() if pos in at
        }:
            return None
        shown_before = ~np.isin(touched, prev.hidden)
        shown = np.zeros(len(touched), dtype=bool)
        shown[part.positions] = True
        if (shown == shown_before).all():
            if len(part.positions):
                where = np.searchsorted(prev.positions, touched[shown])
                result = prev.frame.copy(deep=False)
                for col in _EDITED:
                    if col in result.columns:
                        result[col] = _put(prev.frame[col], where, part.frame[col])
        else:
            hidden = np.union1d(np.setdiff1d(prev.hidden, touched), touched[~shown])
            keep = np.ones(len(frame), dtype=bool)
            keep[hidden] = False
            positions = np.flatnonzero(keep)
            # Each row from the previous view, or from the part for the events resolved again.
            source = np.searchsorted(prev.positions, positions)
            again = np.isin(positions, touched[shown])
            source[again] = len(prev.frame) + np.searchsorted(touched[shown], positions[again])
            both = pd.concat([prev.frame, part.frame.reset_index(drop=True)], ignore_index=True)
            result = both.iloc[source].reset_index(drop=True)
            if not len(hidden):
                result.index = frame.index
        old_notes, new_notes = prev.notes, part.notes

        def merged() -> dict[str, tuple[Note, ...]]:
            out = {k: v for k, v in old_notes.items() if k not in id_set}
            out.update(new_notes)
            return out

        notes = _Notes(merged)
        attached |= {cid: str(ids[at[pos]]) for cid, pos in found.items()}
    orphans = [o for o in prev.orphans if o.correction.id not in gone]
    if new_orphans:  # in the order of the log, as `_resolve` lists them
        order = {c.id: k for k, c in enumerate(log)}
        orphans = sorted([*orphans, *new_orphans], key=lambda o: order[o.correction.id])
    return Applied(
        frame=result,
        positions=positions,
        notes=notes,
        orphans=tuple(orphans),
        attached=attached,
        active=tuple(active),
        undone=frozenset(undone),
        source=frame,
        log=tuple(log),
        rows=rows,
        hidden=hidden,
    )


def _put(column: pd.Series, rows: np.ndarray, values: pd.Series) -> pd.Series:
    """A copy of `column` with `values` at the row positions `rows` (ascending)."""
    array = column.array
    data = getattr(array, "_pa_array", None)
    if data is not None and len(rows) <= 16:
        # Arrow strings: the old chunks around the new values, nothing copied (a copy with
        # values replaced is a pass over all rows). Few chunks are kept: each costs later.
        new = values.array._pa_array
        pieces, last = [], 0
        for k, row in enumerate(rows.tolist()):
            pieces += [data.slice(last, row - last), new.slice(k, 1)]
            last = row + 1
        pieces.append(data.slice(last))
        chunks = [c for piece in pieces for c in piece.chunks if len(c)]
        spliced = pa.chunked_array(chunks, type=data.type)
        if spliced.num_chunks > 64:
            spliced = pa.chunked_array([spliced.combine_chunks()])
        return pd.Series(
            type(array)(spliced, dtype=array.dtype), index=column.index, name=column.name
        )
    if column.dtype == object:
        objects = column.to_numpy(dtype=object, copy=True)
        objects[rows] = values.to_numpy(dtype=object)
        return pd.Series(objects, index=column.index, name=column.name, dtype=object)
    copy = array.copy()
    copy[rows] = values.array
    return pd.Series(copy, index=column.index, name=column.name)


def _set_at(column: pd.Series, rows: np.ndarray, values: list[Any]) -> pd.Series:
    """A copy of `column` with `values` at row positions `rows` (same dtype; set in place on
    the copy's array, which for Arrow strings is one C pass instead of a Python one)."""
    array = column.array.copy()
    array[rows] = pd.array(values, dtype=column.dtype)
    return pd.Series(array, index=column.index, name=column.name)


def _rows_naming(values: np.ndarray, names: set[str]) -> np.ndarray:
    """Positions of the lists in `values` holding any of `names`."""
    disjoint = names.isdisjoint
    return np.array([i for i, v in enumerate(values) if not disjoint(v)], dtype=np.int64)


def _actor_notes(active: Sequence[Correction]) -> dict[str, Correction]:
    """The last merge, rename or not-an-actor naming each name."""
    out: dict[str, Correction] = {}
    for c in active:
        if isinstance(c.op, MergeActors | RenameActor | NotActor):
            out[c.op.name] = c
    return out


def apply(frame: pd.DataFrame, log: Sequence[Correction]) -> pd.DataFrame:
    """The corrected view of `frame` under `log` (see `resolve`)."""
    return resolve(frame, log).frame


def notes_words(notes: Sequence[Note]) -> list[str]:
    """One line per corrected field: "date corrected by ana on 2026-12-02 (note); extracted:
    …"."""
    last: dict[str, Note] = {}
    first: dict[str, Note] = {}
    for n in notes:  # in log order: the last correction speaks, the first knows the extraction
        first.setdefault(n.field, n)
        last[n.field] = n
    return [
        f"{f.replace('_', ' ')} corrected by {n.author} on {n.time[:10]}"
        + (f" ({n.note})" if n.note else "")
        + f"; extracted: {first[f].extracted}"
        for f, n in last.items()
    ]


def hover_of(
    applied: Applied, hover: pd.Series, memo: dict[str, tuple[tuple[Note, ...], str]] | None = None
) -> pd.Series:
    """Hover texts of the corrected view, from the extraction's (`hover`, aligned with the
    input frame): the corrected events' texts are rebuilt and say what was corrected.

    `memo` (event id -> notes and text, kept by the caller between calls on the same
    extraction) spares rebuilding the texts of events whose corrections did not change.
    """
    import html

    from timeline.chart import hover_texts

    texts = hover.to_numpy(dtype=object)[applied.positions]
    frame = applied.frame
    changed = np.flatnonzero((frame[CORRECTED].array != "").to_numpy(dtype=bool, na_value=False))
    if not len(changed):
        return pd.Series(texts, index=frame.index, dtype=object)
    memo = {} if memo is None else memo
    ids = [str(i) for i in _take(frame["event_id"], changed)]
    notes_of, known_of = applied.notes.get, memo.get
    todo: list[int] = []
    for pos, ident in zip(changed.tolist(), ids, strict=True):
        known = known_of(ident)
        # The same tuple when the notes of the event did not change (`resolve(previous=)`).
        if known is not None and known[0] == notes_of(ident, ()):
            texts[pos] = known[1]
        else:
            todo.append(pos)
    if todo:
        fresh = hover_texts(frame.iloc[todo]).to_numpy(dtype=object)
        for k, pos in enumerate(todo):
            ident = str(frame["event_id"].iat[pos])
            notes = notes_of(ident, ())
            words = notes_words(notes)
            marks = "".join(f"<br><b>✎</b> {html.escape(w)}" for w in words)
            texts[pos] = fresh[k] + (marks or "<br><b>✎</b> corrected")
            memo[ident] = (notes, texts[pos])
    return pd.Series(texts, index=frame.index, dtype=object)


def status_of(c: Correction, applied: Applied | None) -> str:
    """In words: whether `c` is in force, undone, or (against a frame) applied or orphaned."""
    if applied is None:
        return "recorded"
    if c.id in applied.undone:
        return "undone"
    if isinstance(c.op, Undo):
        return "in force"
    if c.event is None:
        return "in force"
    if c.id in applied.attached:
        return f"applied to {applied.attached[c.id]}"
    orphan = next((o for o in applied.orphans if o.correction.id == c.id), None)
    return f"orphaned: {orphan.reason}" if orphan else "in force"


def log_table(log: Sequence[Correction], applied: Applied | None = None) -> pd.DataFrame:
    """The log as a table, newest first: id, time, author, kind, what, note, status (against
    `applied`, the result of `resolve` on the events at hand), article_id, event_id."""
    rows = [
        {
            "id": c.id,
            "time": c.time,
            "author": c.author,
            "kind": c.kind,
            "what": describe(c),
            "note": c.note,
            "status": status_of(c, applied),
            "article_id": c.event.article_id if c.event else "",
            "event_id": c.event.event_id if c.event else "",
        }
        for c in reversed(log)
    ]
    columns = ["id", "time", "author", "kind", "what", "note", "status", "article_id", "event_id"]
    return pd.DataFrame(rows, columns=columns).astype("string")


def log_bytes(log: Sequence[Correction], fmt: str, applied: Applied | None = None) -> bytes:
    """The log exported: "jsonl" (the file's own format, oldest first) or "csv" (`log_table`)."""
    if fmt == "jsonl":
        return "".join(_line(c) for c in log).encode("utf-8")
    if fmt == "csv":
        return log_table(log, applied).to_csv(index=False).encode("utf-8")
    raise ValueError(f"unknown log format {fmt!r}; use jsonl or csv")
