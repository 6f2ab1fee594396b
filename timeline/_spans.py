"""Character spans of the text and items looked up by span (time expressions, mentions)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from operator import attrgetter
from typing import Any

__all__ = ["Span", "SpanIndex", "within"]

Span = tuple[int, int]

_START_END = attrgetter("start", "end")


class SpanIndex:
    """Items with (start, end) offsets, looked up by span in O(log n)."""

    def __init__(self, items: Sequence[Any]) -> None:
        self.items = sorted(items, key=_START_END)
        self.starts = [item.start for item in self.items]

    def within(self, start: int, end: int) -> list[Any]:
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return [item for item in self.items[i:j] if item.end <= end]

    def last_before(self, position: int) -> Any | None:
        """The last item that starts before `position`."""
        i = bisect.bisect_left(self.starts, position)
        return self.items[i - 1] if i else None


def within(position: int, spans: Sequence[Span]) -> bool:
    """True when `position` lies inside one of `spans`."""
    # a plain loop: any() over a generator costs more than the few spans it reads
    for s, e in spans:  # noqa: SIM110
        if s <= position < e:
            return True
    return False
