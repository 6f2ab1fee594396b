"""Articles: read .txt, .md and .html files (and folders of them) into `Article` values.

Plain text: the title is the first non-empty line (when it reads as a headline: at most 200
characters, no final full stop); the publication date is a date line among the first lines
("15 December, 2022", "June 9, 2008", "Published: 2022-12-15", and in other languages
"15. Dezember 2022", "15 décembre 2022", "2022年12月15日"), else the dateline that opens the
first paragraph ("BERLIN, 15. Dezember 2022 (dpa) – ..."). Each remaining line is a body
paragraph, except in hard-wrapped text, where a paragraph runs to the next blank line.
Boilerplate lines (data/boilerplate.csv: "3 min read", "... [source: Getty]", "Share"), the
title repeated, the date line and the header lines between the title and a date line near
the top (standfirst, byline) are left out of `body`.

HTML (beautifulsoup4 + lxml): the title from `og:title`, `<h1>` or `<title>`; the date from
`article:published_time` and similar meta tags, JSON-LD `datePublished` or `<time datetime>`;
the body from the paragraphs of `<article>` (else `<main>`, else `<body>`) without scripts,
styles, navigation, header, footer, asides and figure captions. `Article.text` is then the
title and the paragraphs, separated by blank lines.

Offsets (`body`) point into `Article.text`, the file's text as read: decoded from UTF-8
(a byte-order mark dropped; UTF-16 and, with a warning naming the guess, Windows-1252,
Latin-1 and other encodings: `timeline._encoding`) with line ends normalised to "\\n", as
Python's text mode does.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from timeline._dateline import parse_date, parse_dateline
from timeline._encoding import DecodeError, decode
from timeline._files import file_kind, read_regular, scan_articles
from timeline._tables import read_table

__all__ = [
    "Article",
    "ArticleError",
    "article_from_bytes",
    "article_from_text",
    "find_articles",
    "load_article",
]

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MAX_BYTES = 5 * 1024 * 1024
NO_DATE_WARNING = "no publication date found; relative dates left unresolved; use --published"
# How far down a header date line may be: the title, a standfirst, a byline, a caption...
_HEADER_LINES = 12
# Lines between the title and a date line this close to the top are the header (repeated
# title, standfirst, byline, reading time), not body: the seed's standfirst restates its lead.
_STANDFIRST_LINES = 6
_LABELLED_LINES = 40


class ArticleError(ValueError):
    """A file cannot be read as an article; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class Article:
    id: str  # the file's stem, with a short content hash when stems collide (timeline._ids)
    path: str  # as given
    title: str
    published: dt.date | None
    text: str  # the file's text as read (HTML: the extracted text); offsets point into it
    body: tuple[tuple[int, int], ...]  # paragraph spans of body text, boilerplate left out
    warnings: tuple[str, ...] = ()


@cache
def _boilerplate() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(row["pattern"], re.IGNORECASE) for row in read_table("boilerplate.csv"))


def _is_boilerplate(line: str) -> bool:
    return any(p.search(line) for p in _boilerplate())


def _norm(line: str) -> str:
    return " ".join(line.split()).casefold()


def load_article(
    path: str | Path, published: dt.date | None = None, id: str | None = None
) -> Article:
    """Read one article file; raise ArticleError (naming the file) when it cannot be read.

    `id` defaults to the file's stem (`timeline._ids` makes ids unique across files)."""
    p = Path(path)
    suffix = p.suffix.lower()
    # A name that is not valid text (undecodable bytes) is shown and stored readably.
    name = _printable(str(path))
    try:
        if not p.exists():
            raise ArticleError(f"{name}: no such file")
        if not p.is_file():
            info = p.stat()
            raise ArticleError(f"{name}: {file_kind(info.st_mode)}, not an article file")
    except OSError as exc:  # a name too long, a folder that may not be searched
        raise ArticleError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    if suffix not in SUFFIXES:
        raise ArticleError(
            f"{name}: unsupported file type {p.suffix or '(none)'!r}; use {', '.join(SUFFIXES)}"
        )
    try:
        # the size is checked before reading, so a huge file is never loaded
        raw = read_regular(p, MAX_BYTES)
    except ValueError as exc:
        raise ArticleError(f"{name}: {exc}; the limit is 5 MB") from exc
    except OSError as exc:
        raise ArticleError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    ident = _printable(id if id is not None else p.stem)
    return article_from_bytes(raw, name=name, id=ident, published=published)


def _printable(text: str) -> str:
    """`text` (a file name) with undecodable bytes shown as U+FFFD, so that it can be
    printed and written to CSV, JSON or Parquet."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def article_from_bytes(
    data: bytes, *, name: str, id: str | None = None, published: dt.date | None = None
) -> Article:
    """An article from a file's bytes (read from disk or uploaded); `name` is the file name.

    The same checks as for a file on disk: supported type, size, binary content, encoding.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ArticleError(
            f"{name}: unsupported file type {suffix or '(none)'!r}; use {', '.join(SUFFIXES)}"
        )
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{name}: too large ({len(data) / 1e6:.1f} MB; the limit is 5 MB)")
    text, warning = _decode(data, name)
    return _build(
        text,
        id=id if id is not None else Path(name).stem,
        path=name,
        title=None,
        published=published,
        html=suffix in HTML_SUFFIXES,
        warnings=(warning,) if warning else (),
    )


def article_from_text(
    text: str,
    *,
    id: str,
    title: str | None = None,
    published: dt.date | None = None,
    path: str = "",
    html: bool = False,
) -> Article:
    """An article from text in memory (pasted or uploaded); `html=True` for HTML content."""
    if "\x00" in text:
        raise ArticleError(f"{path or id}: binary content (NUL characters)")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ArticleError(f"{path or id}: too large (the limit is 5 MB)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _build(text, id=id, path=path, title=title, published=published, html=html)


def find_articles(inputs: Iterable[str | Path]) -> list[Path]:
    """The article files named by `inputs` (files, or folders searched recursively), sorted.

    Folders contribute the files with a supported extension (hidden ones skipped); a file
    named directly is kept whatever it is, so that loading it reports a clear error. Entries
    left out for a reason (dangling links, FIFOs, unreadable folders) are listed by
    `timeline._files.scan_articles`.
    """
    return scan_articles(inputs, SUFFIXES)[0]


def _decode(raw: bytes, where: str) -> tuple[str, str | None]:
    """The file's text and, when its encoding was guessed, a warning naming it."""
    if not raw.strip():
        raise ArticleError(f"{where}: empty file")
    try:
        decoded = decode(raw)
    except DecodeError as exc:
        raise ArticleError(f"{where}: {exc}") from exc
    return _newlines(decoded.text), decoded.warning


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _build(
    text: str,
    *,
    id: str,
    path: str,
    title: str | None,
    published: dt.date | None,
    html: bool,
    warnings: tuple[str, ...] = (),
) -> Article:
    where = path or id
    if not text.strip():
        raise ArticleError(f"{where}: empty file")
    if html:
        from timeline._html import extract_html

        doc = extract_html(text)
        text, found_title, found_date, body = doc.text, doc.title, doc.published, doc.body
        if not text.strip():
            raise ArticleError(f"{where}: no article text found in the HTML")
        title = title or found_title
    else:
        found_title, found_date, body = _plain(text, title)
        title = title or found_title
    notes = list(warnings)
    dateline = parse_dateline(text[body[0][0] : body[0][1]]) if body else None
    if dateline is not None:
        # "BERLIN, 15. Dezember 2022 (dpa) – ...": a date for the article, not the report's
        # first words (nor its first event's date or actor)
        found_date = found_date or dateline[0]
        start = body[0][0] + dateline[1]
        body = [(start, body[0][1]), *body[1:]] if start < body[0][1] else body[1:]
    date = published or found_date
    if date is None:
        notes.append(NO_DATE_WARNING)
    if not body:
        notes.append("no body text found")
    return Article(
        id=id,
        path=path,
        title=title or id,
        published=date,
        text=text,
        body=tuple(body),
        warnings=tuple(notes),
    )


_HEADING_MARKS = re.compile(r"^(?:#{1,6}\s+|>\s*)")
_MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$|^!\[[^\]]*\]\([^)]*\)$")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line, surrounding white space trimmed."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _looks_like_title(line: str) -> bool:
    return len(line) <= 200 and not line.rstrip().endswith(".")


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether lines are wrapped inside paragraphs (most lines run on into the next one)."""
    joined = 0
    for (s, e), (s2, _) in itertools.pairwise(lines):
        if text.count("\n", e, s2) == 1 and text[e - 1] not in '.!?:"”’)' and e - s > 40:
            joined += 1
    return len(lines) > 3 and joined >= 0.5 * (len(lines) - 1)


def _plain(
    text: str, given_title: str | None
) -> tuple[str | None, dt.date | None, list[tuple[int, int]]]:
    lines = _lines(text)
    title: str | None = None
    first = 0
    if lines:
        s, e = lines[0]
        head = _HEADING_MARKS.sub("", text[s:e]).strip()
        if given_title is not None:
            if _norm(head) == _norm(given_title):
                first = 1
        elif _looks_like_title(head) and (len(lines) > 1):
            title, first = head, 1
    titles = {_norm(t) for t in (title, given_title) if t}

    date: dt.date | None = None
    date_index: int | None = None
    for i, (s, e) in enumerate(lines[:_LABELLED_LINES]):
        found = parse_date(text[s:e])
        if found and (found[1] or i < _HEADER_LINES):
            date, date_index = found[0], i
            break

    wrapped = _hard_wrapped(text, lines)
    body: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(lines):
        if i < first or i == date_index:
            continue
        if first and date_index is not None and date_index <= _STANDFIRST_LINES and i < date_index:
            continue
        line = text[s:e]
        mark = _HEADING_MARKS.match(line)
        if mark:
            s += mark.end()
            line = text[s:e]
            if not line.strip():
                continue
        if (
            _norm(line) in titles
            or _is_boilerplate(line)
            or _MD_RULE.match(line)
            or (i < _HEADER_LINES and parse_date(line))
        ):
            continue
        if (
            wrapped
            and body
            and text.count("\n", body[-1][1], s) == 1
            and _prev_kept(body, lines, i)
        ):
            body[-1] = (body[-1][0], e)
        else:
            body.append((s, e))
    return title, date, body


def _prev_kept(body: list[tuple[int, int]], lines: list[tuple[int, int]], i: int) -> bool:
    return i > 0 and body[-1][1] == lines[i - 1][1]
