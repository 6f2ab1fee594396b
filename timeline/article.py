"""Articles: read .txt, .md and .html files (and folders of them) into `Article` values.

CONTRACT (owned by the article work).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Article", "ArticleError", "article_from_text", "find_articles", "load_article"]


class ArticleError(ValueError):
    """A file cannot be read as an article; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class Article:
    id: str  # the file's stem
    path: str  # as given
    title: str
    published: dt.date | None
    text: str  # the file's text as read (HTML: the extracted text); offsets point into it
    body: tuple[tuple[int, int], ...]  # paragraph spans of body text, boilerplate left out
    warnings: tuple[str, ...] = ()


def load_article(path: str | Path, published: dt.date | None = None) -> Article:
    raise NotImplementedError


def article_from_text(
    text: str,
    *,
    id: str,
    title: str | None = None,
    published: dt.date | None = None,
    path: str = "",
    html: bool = False,
) -> Article:
    raise NotImplementedError


def find_articles(inputs: list[str | Path]) -> list[Path]:
    """The article files named by `inputs` (files, or folders searched recursively), sorted."""
    raise NotImplementedError
