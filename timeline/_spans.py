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


_END = 1 << 62  # past any offset: (position, _END) sorts after every span starting at position


def within(position: int, spans: Sequence[Span]) -> bool:
    """True when `position` lies inside one of `spans` (sorted and disjoint, as quotations
    in text order are)."""
    # A binary search: a sentence may hold thousands of quotations and every word asks.
    i = bisect.bisect_right(spans, (position, _END)) - 1
    return i >= 0 and position < spans[i][1]
