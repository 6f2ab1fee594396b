"""timeline: news articles -> a filterable timeline of who did what, where and when.

The pipeline, one module a stage: `article` (files -> text, title, publication date),
`sentences`, `dates` (time expressions), `entities` (actors and countries), `events`
(dated clauses), `schema` (the events frame), `chart` (frame -> figure), `export`.
"""

__version__ = "0.1.0"

from timeline.article import Article, ArticleError, load_article
from timeline.dates import Interval, Timex, tag
from timeline.entities import Mention
from timeline.export import read_events, write_events
from timeline.pipeline import ParseResult, parse_article, parse_paths, parse_text
from timeline.schema import COLUMNS, SchemaError, conform, new_frame

__all__ = [
    "COLUMNS",
    "Article",
    "ArticleError",
    "Interval",
    "Mention",
    "ParseResult",
    "SchemaError",
    "Timex",
    "conform",
    "load_article",
    "new_frame",
    "parse_article",
    "parse_paths",
    "parse_text",
    "read_events",
    "tag",
    "write_events",
]
