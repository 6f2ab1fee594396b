"""HTML articles: title, publication date and body paragraphs, parsed with beautifulsoup4 + lxml."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag

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
    for tag in soup.find_all(itemprop="datePublished"):
        value = str(tag.get("datetime") or tag.get("content") or tag.get_text())
        date = parse_iso_date(value) or _loose(value)
        if date:
            return date
    for tag in soup.find_all("time"):
        date = parse_iso_date(str(tag.get("datetime") or "")) or _loose(tag.get_text())
        if date:
            return date
    return None


def _loose(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    found = parse_date(_clean(value))
    return found[0] if found else None


def _root(soup: BeautifulSoup) -> Tag | BeautifulSoup:
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: sum(len(p.get_text()) for p in a.find_all("p")))
    for found in (soup.find("main"), soup.find(role="main"), soup.body):
        if isinstance(found, Tag):
            return found
    return soup


def _paragraphs(root: Tag | BeautifulSoup) -> list[str]:
    blocks = root.find_all(_BLOCKS)
    out: list[str] = []
    if blocks:
        for block in blocks:
            if block.find(_BLOCKS) is not None:
                continue  # the inner blocks are taken one by one
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
