"""Sentences: split text into sentence spans; abbreviations, quotes and numbers survive.

CONTRACT (owned by the article work).
"""

from __future__ import annotations

__all__ = ["split_sentences"]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (offsets into `text`) of text[start:end], whitespace trimmed."""
    raise NotImplementedError
