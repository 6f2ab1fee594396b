"""timeline: news articles -> a filterable timeline of who did what, where and when.

The pipeline, one module a stage: `article` (files -> text, title, publication date),
`sentences`, `dates` (time expressions), `entities` (actors and countries), `events`
(its `STAGES` in order over one `document.Document`: sentences, time expressions,
entities, clauses, roles, types, dates -> dated clauses), `schema` (the events frame),
`pipeline` (files -> frame), `chart` (frame -> figure), `filters`, `export`; for large
collections `corpus` (parallel parsing into a Parquet dataset), `store` (DuckDB over it) and
`dedupe` (duplicate reports merged).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

from timeline.article import Article, ArticleError, load_article
from timeline.dates import Interval, Timex, tag
from timeline.document import Document
from timeline.entities import Mention
from timeline.events import STAGES, run_stages
from timeline.export import read_events, write_events
from timeline.pipeline import ParseResult, parse_article, parse_paths, parse_text
from timeline.schema import COLUMNS, SchemaError, conform, new_frame

# Names whose modules pull in heavy dependencies (plotly, duckdb, dask) load on first use,
# so that `timeline dates` starts quickly.
_LAZY = {
    "build_figure": "timeline.chart",
    "build_aggregate_figure": "timeline.chart",
    "Filters": "timeline.filters",
    "EventStore": "timeline.store",
    "deduplicate": "timeline.dedupe",
    "parse_corpus": "timeline.corpus",
}

__all__ = [
    "COLUMNS",
    "STAGES",
    "Article",
    "ArticleError",
    "Document",
    "EventStore",
    "Filters",
    "Interval",
    "Mention",
    "ParseResult",
    "SchemaError",
    "Timex",
    "build_aggregate_figure",
    "build_figure",
    "conform",
    "deduplicate",
    "load_article",
    "new_frame",
    "parse_article",
    "parse_corpus",
    "parse_paths",
    "parse_text",
    "read_events",
    "run_stages",
    "tag",
    "write_events",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
