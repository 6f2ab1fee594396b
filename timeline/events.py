"""Events: clauses of an article's sentences, each with its date, actors, countries and type.

CONTRACT (owned by the events work).
"""

from __future__ import annotations

from typing import Any

from timeline.article import Article

__all__ = ["extract_events"]


def extract_events(article: Article) -> list[dict[str, Any]]:
    """One row (schema column -> value) per event of the article."""
    raise NotImplementedError
