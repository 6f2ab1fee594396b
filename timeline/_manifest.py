"""The manifest of a corpus dataset: an append-only log of what the folder holds, validated.

One JSON object a line (see `timeline.corpus` for the life of a batch). A record may hold:

- "pending": parts about to be written (logged first, so that a part a killed run leaves
  behind is known to be ours and may be deleted);
- "drop": parts whose articles are all gone (their files are deleted after the commit);
- "forget": article keys whose events are gone;
- "articles": committed articles, each {"key", "sha256", "fp", "id", "part", "offset",
  "rows"}: the article's events are rows offset .. offset + rows of its part;
- "sizes": {part: bytes} of the parts the record commits, to find a part truncated later.

Every line is checked before it is believed: a part must be a file name this module makes
(`published_year=<year>/part-<32 hex>.parquet`) and resolve inside the dataset folder, keys
and counts must have their types. Only a torn last line (no line end: the write of a killed
run) is skipped; any other bad line stops a writer with `ManifestError`, naming the line and
how to repair, so that nothing is deleted on the strength of a damaged log.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline._io import atomic_writer

__all__ = ["MANIFEST", "PART_NAME", "Entry", "Manifest", "ManifestError", "check_part"]

MANIFEST = "_manifest.jsonl"
# The only part names a dataset holds: the partition folder and a random hex name.
PART_NAME = re.compile(r"published_year=(?:\d{1,4}|unknown)/part-[0-9a-f]{32}\.parquet")
_RECORD_KEYS = frozenset({"pending", "drop", "forget", "articles", "sizes"})
_HEX64 = re.compile(r"[0-9a-f]{64}")
REPAIR_HINT = (
    "nothing was changed. To repair it, run the same parse again with --repair "
    "(`parse_corpus(..., repair=True)`): the damaged lines are dropped and the articles "
    "they listed are parsed again"
)


class ManifestError(ValueError):
    """The dataset's manifest is damaged or was not written by timeline; says how to repair."""


class _BadRecord(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Entry:
    """One committed article: where its events are."""

    key: str
    sha256: str
    fingerprint: str
    article_id: str
    part: str | None  # None: the article has no events
    offset: int
    rows: int

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "sha256": self.sha256,
            "fp": self.fingerprint,
            "id": self.article_id,
            "part": self.part,
            "offset": self.offset,
            "rows": self.rows,
        }

    @classmethod
    def from_json(cls, obj: object) -> Entry:
        if isinstance(obj, Entry):
            return obj
        if not isinstance(obj, dict):
            raise _BadRecord("an article is not a JSON object")
        try:
            key, sha, fp, art, part = obj["key"], obj["sha256"], obj["fp"], obj["id"], obj["part"]
            offset, rows = obj["offset"], obj["rows"]
        except KeyError as exc:
            raise _BadRecord(f"an article has no {exc.args[0]!r}") from None
        for name, value in (("key", key), ("fp", fp), ("id", art)):
            if not isinstance(value, str) or (not value and name == "key"):
                raise _BadRecord(f"an article's {name!r} is not a string")
        if not isinstance(sha, str) or not _HEX64.fullmatch(sha):
            raise _BadRecord(f"article {key!r}: 'sha256' is not a SHA-256 digest")
        if part is not None:
            check_part(part)
        for name, value in (("offset", offset), ("rows", rows)):
            if type(value) is not int or value < 0:
                raise _BadRecord(f"article {key!r}: {name!r} is not a count")
        return cls(key, sha, fp, art, part, offset, rows)


def check_part(part: object) -> str:
    """`part` if it is a part name of ours (so it stays inside the dataset), else an error."""
    if not isinstance(part, str) or not PART_NAME.fullmatch(part):
        raise _BadRecord(f"{str(part)[:80]!r} is not a part file of a dataset")
    return part


def _strings(record: dict[str, Any], name: str) -> list[str]:
    values = record.get(name, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise _BadRecord(f"{name!r} is not a list of strings")
    return values


def _validate(record: object) -> dict[str, Any]:
    """The record if it has the manifest's shape (every part name checked), else an error."""
    if not isinstance(record, dict):
        raise _BadRecord("not a JSON object")
    unknown = set(record) - _RECORD_KEYS
    if unknown:
        raise _BadRecord(f"unknown field {sorted(unknown)[0]!r}")
    for name in ("pending", "drop"):
        for part in _strings(record, name):
            check_part(part)
    _strings(record, "forget")
    if "articles" in record:
        if not isinstance(record["articles"], list):
            raise _BadRecord("'articles' is not a list")
        record["articles"] = [Entry.from_json(obj) for obj in record["articles"]]
    sizes = record.get("sizes", {})
    if not isinstance(sizes, dict):
        raise _BadRecord("'sizes' is not an object")
    for part, size in sizes.items():
        check_part(part)
        if type(size) is not int or size < 0:
            raise _BadRecord(f"the size of {part!r} is not a count")
    return record


def _line(record: dict[str, Any]) -> bytes:
    plain = dict(record)
    if "articles" in plain:
        plain["articles"] = [e.as_json() if isinstance(e, Entry) else e for e in plain["articles"]]
    text = json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
    try:
        return (text + "\n").encode()
    except UnicodeEncodeError:
        # a path with bytes that are not UTF-8 (kept by Python as surrogates): as \u escapes
        return (json.dumps(plain, separators=(",", ":")) + "\n").encode()


class Manifest:
    """The committed state of a dataset folder, replayed from its append-only log.

    `strict` (writers): a damaged line raises ManifestError. Not strict (readers, repair):
    damaged lines are skipped and described in `problems`.
    """

    def __init__(self, root: str | os.PathLike[str], *, strict: bool = True) -> None:
        self.root = Path(root)
        self.path = self.root / MANIFEST
        self.entries: dict[str, Entry] = {}
        self.parts: dict[str, list[str]] = {}  # part -> keys of its articles, in row order
        self.sizes: dict[str, int] = {}  # part -> its size in bytes when committed
        self.pending: set[str] = set()  # parts logged as about to be written
        self.dropped: set[str] = set()  # parts whose articles are all gone
        self.problems: list[str] = []
        self.torn = False
        self._valid_bytes = 0
        self._rewrite = False  # damaged lines were skipped: the next commit rewrites the log
        if self.path.is_file():
            self._replay(self.path.read_bytes(), strict)

    def _replay(self, data: bytes, strict: bool) -> None:
        position = 0
        lines = data.split(b"\n")
        for number, line in enumerate(lines, start=1):
            last = number == len(lines)
            if last:
                if line.strip(b"\x00 \t\r"):
                    self.torn = True  # a torn last line: that batch was never committed
                break
            try:
                if not line.strip():
                    raise _BadRecord("empty line")
                record = _validate(json.loads(line))
            except (ValueError, RecursionError) as exc:
                why = str(exc) if isinstance(exc, _BadRecord) else "not valid JSON"
                message = f"{self.path}, line {number}: damaged ({why})"
                if strict:
                    raise ManifestError(f"{message}; {REPAIR_HINT}") from None
                self.problems.append(f"{message}; skipped")
                self._rewrite = True
                continue
            self._apply(record)
            position += len(line) + 1
        self._valid_bytes = position

    def _unlink(self, key: str) -> None:
        old = self.entries.pop(key, None)
        if old is not None and old.part is not None and old.part in self.parts:
            self.parts[old.part] = [k for k in self.parts[old.part] if k != key]

    def _apply(self, record: dict[str, Any]) -> None:
        self.pending.update(record.get("pending", []))
        for part in record.get("drop", []):
            for key in self.parts.pop(part, []):
                if key in self.entries and self.entries[key].part == part:
                    del self.entries[key]
            self.dropped.add(part)
            self.sizes.pop(part, None)
        for key in record.get("forget", []):
            self._unlink(key)
        for entry in record.get("articles", []):
            self._unlink(entry.key)
            self.entries[entry.key] = entry
            if entry.part is not None:
                self.parts.setdefault(entry.part, []).append(entry.key)
                self.dropped.discard(entry.part)
        self.sizes.update(record.get("sizes", {}))

    def commit(self, record: dict[str, Any]) -> None:
        """Append one record and fsync it: the batch it describes is then committed."""
        record = _validate(dict(record))
        if self._rewrite:
            self.snapshot()
        self.root.mkdir(parents=True, exist_ok=True)
        line = _line(record)
        with self.path.open("r+b" if self.path.exists() else "wb") as handle:
            handle.truncate(self._valid_bytes)  # drop a torn line left by a killed run
            handle.seek(self._valid_bytes)
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        self._valid_bytes += len(line)
        self.torn = False
        self._apply(record)

    def snapshot(self) -> None:
        """Rewrite the log as one record per live part (atomically), dropping history.

        Parts logged as pending or dropped whose files are still there stay named, so that
        the next run may still delete them.
        """
        records: list[dict[str, Any]] = []
        leftovers = sorted(
            p for p in (self.pending | self.dropped) - set(self.live_parts()) if self.exists(p)
        )
        if leftovers:
            records.append({"pending": leftovers})
        by_part: dict[str | None, list[Entry]] = {}
        for entry in self.entries.values():
            by_part.setdefault(entry.part, []).append(entry)
        for part, entries in by_part.items():
            record: dict[str, Any] = {"articles": entries}
            if part is not None and part in self.sizes:
                record["sizes"] = {part: self.sizes[part]}
            records.append(record)
        data = b"".join(_line(r) for r in records)
        atomic_writer(self.path, lambda handle: handle.write(data))
        self._valid_bytes = len(data)
        self._rewrite = False
        self.torn = False
        self.pending = set(leftovers)
        self.dropped = set()

    def live_parts(self) -> list[str]:
        return [part for part in sorted(self.parts) if self.parts[part]]

    def live_files(self) -> list[Path]:
        return [self.root / part for part in self.live_parts()]

    def exists(self, part: str) -> bool:
        return (self.root / part).is_file()

    def inside(self, part: str) -> Path:
        """The file of `part`, checked to resolve inside the dataset folder (no link out)."""
        path = self.root / part
        if not path.resolve().is_relative_to(self.root.resolve()):
            raise ManifestError(f"{path} leads outside the dataset folder {self.root}")
        return path
