"""Atomic file output: write to a temporary file beside the target, then rename.

The temporary file is named `.<target>.<pid>.<random>.tmp`: a write killed before its rename
leaves one behind, and the next write to the same folder deletes those whose process is gone.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_write_bytes", "atomic_writer", "remove_stale_temps"]


def _default_mode() -> int:
    # mkstemp creates files readable by the owner only; a written file should get the
    # permissions any new file gets here (0o666 less the umask).
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_MODE = _default_mode()
_TEMP = re.compile(r"\.(?P<token>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]{8}\.tmp")
# File names are at most 255 bytes; a long target's temporary name uses a digest instead.
_LONGEST_TOKEN = 200


def _token(name: str) -> str:
    if len(os.fsencode(name)) <= _LONGEST_TOKEN:
        return name
    return hashlib.sha256(os.fsencode(name)).hexdigest()[:32]


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, or the check is not allowed: keep its file
    return True


def remove_stale_temps(
    folder: str | os.PathLike[str], *, name: str | None = None, recursive: bool = False
) -> list[Path]:
    """Delete the temporary files of atomic writes killed before their rename, in `folder`
    (and below it if `recursive`; for the target `name` only, if given): only files named
    as `atomic_writer` names them whose writing process has ended. The paths deleted."""
    root = Path(folder)
    token = _token(name) if name is not None else None
    removed = []
    candidates = root.rglob(".*.tmp") if recursive else root.glob(".*.tmp")
    try:
        for path in candidates:
            match = _TEMP.fullmatch(path.name)
            if match is None or (token is not None and match["token"] != token):
                continue
            if not _alive(int(match["pid"])) and path.is_file() and not path.is_symlink():
                try:
                    path.unlink()
                    removed.append(path)
                except OSError:
                    pass  # another writer's cleanup got there first, or not ours to delete
    except OSError:
        pass  # a folder that cannot be listed: nothing to clean there
    return removed


def atomic_writer(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> Path:
    """Call `write(fileobj)` on a temporary file, then move it onto `path`.

    A failure at any point leaves `path` as it was (absent or the old content).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target.parent, name=target.name)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{_token(target.name)}.{os.getpid()}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else _MODE
        Path(tmp).chmod(mode)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `path` atomically."""
    return atomic_writer(path, lambda handle: handle.write(data))
