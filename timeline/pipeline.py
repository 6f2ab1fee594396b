"""The whole parse: article files -> events frame, one clear error per unreadable file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from timeline._ids import assign_ids
from timeline.article import Article, ArticleError, article_from_text, find_articles, load_article
from timeline.events import extract_events
from timeline.schema import new_frame

__all__ = ["FileError", "ParseResult", "parse_article", "parse_paths", "parse_text"]


@dataclass(frozen=True, slots=True)
class FileError:
    path: str
    message: str


@dataclass(slots=True)
class ParseResult:
    frame: pd.DataFrame
    articles: int = 0
    errors: list[FileError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def undated(self) -> int:
        return int(self.frame["start"].isna().sum())


def parse_article(article: Article) -> pd.DataFrame:
    """The events of one article, as a schema frame."""
    return new_frame(extract_events(article))


def parse_text(
    text: str, *, title: str, published: dt.date | None, id: str = "pasted"
) -> ParseResult:
    """Parse pasted text as one article."""
    article = article_from_text(text, id=id, title=title, published=published)
    return ParseResult(parse_article(article), 1, [], list(article.warnings))


def parse_paths(
    inputs: Iterable[str | Path],
    published: dt.date | None = None,
    progress: Callable[[Sequence[Path]], Iterable[Path]] | None = None,
) -> ParseResult:
    """Parse every article file under `inputs`; unreadable files become `errors`.

    Each article's id is its file's stem, with a short content hash when stems collide
    (`timeline._ids`)."""
    paths = find_articles(list(inputs))
    ids = assign_ids(paths)
    rows: list[dict[str, Any]] = []
    result = ParseResult(new_frame())
    for path in progress(paths) if progress else paths:
        try:
            article = load_article(path, published=published, id=ids[path])
        except ArticleError as exc:
            result.errors.append(FileError(str(path), str(exc)))
            continue
        result.articles += 1
        result.warnings.extend(f"{path}: {w}" for w in article.warnings)
        rows.extend(extract_events(article))
    result.frame = new_frame(rows)
    return result
