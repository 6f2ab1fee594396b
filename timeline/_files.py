"""Reading article files safely: regular files only, never blocking, every skip named.

`read_regular` opens without blocking (a FIFO named like an article would otherwise hang the
read until something writes to it) and reads only a regular file. `scan_articles` walks
folders and says why each entry that looks like an article is left out (a dangling link, a
FIFO, a folder that cannot be opened), instead of skipping it in silence.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["NotRegularFile", "file_kind", "read_regular", "scan_articles"]


class NotRegularFile(OSError):
    """The path is a FIFO, a socket, a device or a folder, not a file to read."""


def file_kind(mode: int) -> str:
    """What a file of `mode` is, in words."""
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a regular file; NotRegularFile for anything else, OSError as raised.

    Opened with O_NONBLOCK, so that a FIFO never blocks; a file larger than `limit` bytes
    raises ValueError before it is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(0, f"{file_kind(info.st_mode)}, not a file to read")
        if limit is not None and info.st_size > limit:
            raise ValueError(f"too large ({info.st_size / 1e6:.1f} MB)")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            if limit is not None and sum(map(len, chunks)) > limit:
                raise ValueError(f"too large (over {limit / 1e6:.1f} MB)")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def scan_articles(
    inputs: Iterable[str | os.PathLike[str]], suffixes: Iterable[str]
) -> tuple[list[Path], list[tuple[str, str]]]:
    """The article files named by `inputs` (files, or folders searched recursively, those
    ending in one of `suffixes`), sorted,
    and (path, message) for each entry of a folder left out for a reason the user should
    hear: a folder that cannot be opened, a dangling link, a FIFO or device with an article's
    extension. Hidden files and folders and other extensions are left out quietly.

    A file named directly is kept whatever it is, so that loading it reports a clear error;
    links are not followed into other folders.
    """
    wanted = frozenset(s.lower() for s in suffixes)
    found: dict[str, Path] = {}
    problems: list[tuple[str, str]] = []
    for item in inputs:
        p = Path(item)
        try:
            is_dir = p.is_dir()
        except OSError:
            is_dir = False  # a name too long, a path we may not search: loading says why
        if not is_dir:
            found.setdefault(_key(p), p)
            continue

        for folder, dirs, names in os.walk(p, onerror=_collect(p, problems)):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in names:
                if name.startswith(".") or Path(name).suffix.lower() not in wanted:
                    continue
                child = Path(folder) / name
                message = _problem(child)
                if message is None:
                    found.setdefault(_key(child), child)
                else:
                    problems.append((str(child), f"{child}: {message}"))
    return sorted(found.values(), key=str), problems


def _collect(top: Path, problems: list[tuple[str, str]]) -> Callable[[OSError], None]:
    """os.walk's error handler: a folder that cannot be listed becomes a problem."""

    def unreadable(exc: OSError) -> None:
        where = str(exc.filename or top)
        problems.append((where, f"{where}: folder cannot be read ({_reason(exc)})"))

    return unreadable


def _problem(path: Path) -> str | None:
    """Why a folder entry with an article's extension cannot be read, or None."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "dangling link (its target does not exist), skipped"
    except OSError as exc:
        return f"cannot be read ({_reason(exc)}), skipped"
    if not stat.S_ISREG(info.st_mode):
        return f"{file_kind(info.st_mode)}, not an article file, skipped"
    return None


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())
