"""The one loader of the package's data: the CSV tables of `timeline/data/` and the trie
regular expressions built from their word lists.

Everything is read through `importlib.resources`, so the tables are found wherever the
package is installed (a wheel, an editable install, a zip), never through the repository's
folders or the current working folder.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["data_file", "read_table", "split_list", "trie_regex"]

_PACKAGE = "timeline"
# character -> the trie of what may follow it ("" marks the end of a word)
_Trie = dict[str, "_Trie"]


def data_file(name: str) -> Traversable:
    """The package data file or folder `name` (a path under `timeline/data/`, "/"-separated)."""
    node = files(_PACKAGE) / "data"
    for part in name.split("/"):
        node = node / part
    return node


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of the table `timeline/data/<name>` as dicts of stripped strings.

    The csv module never reads "NA" as missing (pandas would): "NA" is Namibia's code.
    """
    text = data_file(name).read_text(encoding="utf-8")
    return tuple(
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(io.StringIO(text, newline=""))
    )


def split_list(cell: str) -> list[str]:
    """A ";"-separated cell as a list of its non-empty items."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def trie_regex(words: Iterable[str], spell: Callable[[str], str] = re.escape) -> str:
    """A regex (no outer group) matching any of `words`, longest first, shaped as a trie.

    `spell` gives the regex of one character (by default the character itself). A trie
    ("mar(?:ch)?" rather than "march|mar") lets the regex engine test one branch per
    character instead of every word, and it still prefers the longest word that fits, as a
    longest-first alternation does. No words: the empty regex.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _build(trie, spell)


def _build(node: _Trie, spell: Callable[[str], str]) -> str:
    branches = [spell(ch) + _build(child, spell) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        # the word may end here: try the longer words first, as longest-first would
        return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
    return body
