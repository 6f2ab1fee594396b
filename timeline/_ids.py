"""Article ids: one article, one id, the same on every run.

An article's id is its file's stem ("idalia" for `news/idalia.html`). When several files of
one run share a stem (two `article.txt` in different folders, `idalia.html` beside
`idalia.txt`), or the stem is already taken by another article (a dataset's earlier runs),
each of them gets the stem plus the first 8 hex digits of the SHA-256 of its bytes
("article-3f9c2a1b"): unique, and the same whichever order the files are read in and
whichever process reads them. Two files with the same bytes are one article twice; the
second (in path order) then takes "-2".
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from pathlib import Path

from timeline._files import read_regular

__all__ = ["HASH_DIGITS", "assign_ids", "content_tag", "tagged_id"]

HASH_DIGITS = 8


def content_tag(data: bytes) -> str:
    """The short content hash that tells articles of one name apart."""
    return hashlib.sha256(data).hexdigest()[:HASH_DIGITS]


def tagged_id(stem: str, data: bytes) -> str:
    """`stem` with the short hash of `data`: "article-3f9c2a1b"."""
    return f"{stem}-{content_tag(data)}"


def _tag_of(path: Path) -> str:
    try:
        # a regular file only: reading a FIFO named like an article would block
        return content_tag(read_regular(path))
    except OSError:
        # unreadable: loading it fails anyway; the path still gives a stable, unique tag
        return content_tag(str(path).encode("utf-8", "surrogateescape"))


def assign_ids(paths: Sequence[Path], taken: Collection[str] = ()) -> dict[Path, str]:
    """The article id of each of `paths` (as given), unique among them and not in `taken`.

    Only files whose stem collides are read (for their hash)."""
    by_stem: dict[str, list[Path]] = {}
    for path in paths:
        by_stem.setdefault(path.stem, []).append(path)
    ids: dict[Path, str] = {}
    used = set(taken)
    for stem, group in by_stem.items():
        if len(group) == 1 and stem not in used:
            ids[group[0]] = stem
            used.add(stem)
    for stem, group in by_stem.items():
        if group[0] in ids:
            continue
        for path in sorted(group, key=str):
            ident = base = f"{stem}-{_tag_of(path)}"
            n = 1
            while ident in used:
                n += 1
                ident = f"{base}-{n}"
            ids[path] = ident
            used.add(ident)
    return ids
