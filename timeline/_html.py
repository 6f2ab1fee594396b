"""HTML articles: title, publication date and body paragraphs, parsed with beautifulsoup4 + lxml."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass

from bs4 import BeautifulSoup, CData, MarkupResemblesLocatorWarning, NavigableString, Tag

from timeline._dateline import parse_date, parse_iso_date

__all__ = ["HtmlDoc", "extract_html"]

# Never article text: code, navigation, page furniture, captions.
_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "figure",
    "figcaption",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "textarea",
)
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "dd")
_DATE_META = (
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("property", "og:published_time"),
    ("itemprop", "datePublished"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "publish-date"),
    ("name", "date"),
    ("name", "dc.date.issued"),
    ("name", "DC.date.issued"),
    ("name", "dcterms.created"),
    ("name", "parsely-pub-date"),
    ("name", "sailthru.date"),
)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
# A date is written in a few words: the text of a date element is read this far, so that
# date elements nested in each other cost no more than the page.
_DATE_CHARS = 200
# How many <time> or datePublished elements are tried before giving up.
_DATE_TAGS = 50


@dataclass(frozen=True, slots=True)
class HtmlDoc:
    text: str
    title: str | None
    published: dt.date | None
    body: list[tuple[int, int]]


def _clean(text: str) -> str:
    return " ".join(text.split())


def _title(soup: BeautifulSoup) -> str | None:
    og = soup.find("meta", attrs={"property": "og:title"})
    if isinstance(og, Tag) and _clean(str(og.get("content") or "")):
        return _clean(str(og.get("content")))
    for name in ("h1", "title"):
        tag = soup.find(name)
        if isinstance(tag, Tag) and _clean(tag.get_text()):
            return _clean(tag.get_text())
    return None


def _published(soup: BeautifulSoup, raw: str) -> dt.date | None:
    for attr, value in _DATE_META:
        tag = soup.find("meta", attrs={attr: value})
        if isinstance(tag, Tag):
            date = parse_iso_date(str(tag.get("content") or "")) or _loose(tag.get("content"))
            if date:
                return date
    for match in _LD_DATE.finditer(raw):
        date = parse_iso_date(match.group(1))
        if date:
            return date
    for tag in soup.find_all(itemprop="datePublished", limit=_DATE_TAGS):
        value = str(tag.get("datetime") or tag.get("content") or _text_start(tag))
        date = parse_iso_date(value) or _loose(value)
        if date:
            return date
    for tag in soup.find_all("time", limit=_DATE_TAGS):
        date = parse_iso_date(str(tag.get("datetime") or "")) or _loose(_text_start(tag))
        if date:
            return date
    return None


def _text_start(tag: Tag) -> str:
    """The first `_DATE_CHARS` characters of a tag's text (not the whole subtree's)."""
    pieces: list[str] = []
    size = 0
    for piece in tag.strings:
        pieces.append(piece)
        size += len(piece)
        if size >= _DATE_CHARS:
            break
    return "".join(pieces)[:_DATE_CHARS]


def _loose(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    found = parse_date(_clean(value))
    return found[0] if found else None


def _postorder(root: Tag | BeautifulSoup) -> list[Tag]:
    """The tags under `root` (itself included), each after all of its descendants: one
    iterative walk, as deep as the markup is (recursion would stop at Python's limit)."""
    order: list[Tag] = []
    stack: list[Tag] = [root]
    while stack:
        tag = stack.pop()
        order.append(tag)
        stack.extend(child for child in tag.contents if isinstance(child, Tag))
    order.reverse()
    return order


def _own_text(tag: Tag) -> int:
    """Characters of the text directly inside `tag` (as get_text counts them)."""
    return sum(
        len(child)
        for child in tag.contents
        if type(child) is NavigableString or type(child) is CData
    )


def _root(soup: BeautifulSoup) -> Tag | BeautifulSoup:
    articles = soup.find_all("article")
    if articles:
        # The article with the most paragraph text. Computed bottom-up in one walk: summing
        # each article's paragraphs apart costs the square of the depth of nested articles.
        text: dict[int, int] = {}  # id(tag) -> characters of its whole text
        paragraphs: dict[int, int] = {}  # id(tag) -> text of the <p> strictly inside it
        for tag in _postorder(soup):
            children = [c for c in tag.contents if isinstance(c, Tag)]
            text[id(tag)] = _own_text(tag) + sum(text[id(c)] for c in children)
            paragraphs[id(tag)] = sum(
                paragraphs[id(c)] + (text[id(c)] if c.name == "p" else 0) for c in children
            )
        return max(articles, key=lambda a: paragraphs[id(a)])
    for found in (soup.find("main"), soup.find(role="main"), soup.body):
        if isinstance(found, Tag):
            return found
    return soup


def _paragraphs(root: Tag | BeautifulSoup) -> list[str]:
    # The innermost blocks (no block inside them), found in one bottom-up walk: asking each
    # block whether it holds another costs the square of the nesting depth.
    holds_block: dict[int, bool] = {}
    innermost: set[int] = set()
    for tag in _postorder(root):
        inner = False
        for child in tag.contents:
            if isinstance(child, Tag) and (child.name in _BLOCKS or holds_block[id(child)]):
                inner = True
                break
        holds_block[id(tag)] = inner
        if tag.name in _BLOCKS and not inner and tag is not root:
            innermost.add(id(tag))
    blocks = [b for b in root.find_all(_BLOCKS) if id(b) in innermost]
    out: list[str] = []
    if blocks:
        for block in blocks:
            for br in block.find_all("br"):
                br.replace_with("\n")
            for part in block.get_text().split("\n"):
                if _clean(part):
                    out.append(_clean(part))
        if out:
            return out
    return [_clean(line) for line in root.get_text("\n").split("\n") if _clean(line)]


def extract_html(raw: str) -> HtmlDoc:
    """Title, date, and the body paragraphs joined by blank lines (with their offsets)."""
    from timeline.article import _is_boilerplate, _norm

    with warnings.catch_warnings():
        # a short upload that looks like a file name or URL is still markup to parse
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(raw, "lxml")
    title = _title(soup)
    published = _published(soup, raw)
    for tag in soup.find_all(_DROP):
        if not tag.decomposed:
            tag.decompose()
    paragraphs = [
        p
        for p in _paragraphs(_root(soup))
        if not _is_boilerplate(p) and _norm(p) != _norm(title or "") and parse_date(p) is None
    ]
    pieces: list[str] = []
    body: list[tuple[int, int]] = []
    pos = 0
    if title:
        pieces.append(title)
        pos = len(title) + 2
    for p in paragraphs:
        body.append((pos, pos + len(p)))
        pieces.append(p)
        pos += len(p) + 2
    return HtmlDoc("\n\n".join(pieces), title, published, body)
