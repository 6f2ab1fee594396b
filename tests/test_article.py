"""Article loading: titles, publication dates, body paragraphs, boilerplate and bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.article import (
    NO_DATE_WARNING,
    ArticleError,
    article_from_text,
    find_articles,
    load_article,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_20e26df19170620a.txt"
WIKINEWS = ROOT.parent / "shared" / "bench" / "wikinews-trial" / "articles"

# An invented article in the wiki layout: title, blank line, date line, blank line, body.
WIKI_LAYOUT = (
    "Hooli ships 5G zPhone\n\nJune 9, 2008\n\nHooli Computer today shipped a 5G edition "
    "of its zPhone handset. Dana Reyes, the Hooli Chief Executive Officer, presented the "
    "handset at a builders ' summit.\n"
)


def body_texts(article) -> list[str]:
    return [article.text[s:e] for s, e in article.body]


def test_seed_title_date_and_boilerplate() -> None:
    a = load_article(SEED)
    assert a.id == "000_20e26df19170620a"
    assert a.path == str(SEED)
    assert (
        a.title
        == "Serbia demands return of its troops to Kosovo as tensions in breakaway province soar"
    )
    assert a.published == dt.date(2022, 12, 15)
    assert a.warnings == ()
    body = body_texts(a)
    joined = "\n".join(body)
    # "3 min read", the date line, the repeated title and the Getty caption are left out
    assert "3 min read" not in joined
    assert "15 December, 2022" not in joined
    assert "[source: Getty]" not in joined
    assert a.title not in body
    # the standfirst between the title and the date line restates the lead: header, not body
    assert not any(b.startswith("Serbia officially demanded") for b in body)
    assert body[0].startswith("Serbia on Thursday formally demanded")
    assert body[-1].startswith("Prime Minister Albin Kurti submitted the application")
    # offsets point into the file's text as read
    assert a.text == SEED.read_text(encoding="utf-8")


def test_wiki_layout_from_text() -> None:
    a = article_from_text(WIKI_LAYOUT, id="layout")
    assert a.title == "Hooli ships 5G zPhone"
    assert a.published == dt.date(2008, 6, 9)
    assert body_texts(a)[0].startswith("Hooli Computer today shipped a 5G edition")
    assert len(a.body) == 1


@pytest.mark.skipif(not WIKINEWS.is_dir(), reason="benchmark data not present")
def test_all_wikinews_trial_articles_load_with_title_and_date() -> None:
    files = find_articles([WIKINEWS])
    assert len(files) == 30
    for path in files:
        a = load_article(path)
        lines = path.read_text(encoding="utf-8").split("\n")
        assert a.title == lines[0].strip()
        assert a.published is not None, path
        assert a.published.strftime("%Y") in lines[2]
        assert a.body and a.text[a.body[0][0] :].startswith(lines[4].strip()[:30])


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("15 December, 2022", dt.date(2022, 12, 15)),
        ("June 9, 2008", dt.date(2008, 6, 9)),
        ("January 09, 2008", dt.date(2008, 1, 9)),
        ("2022-12-15", dt.date(2022, 12, 15)),
        ("Published: 15 Dec 2022 10:32 GMT", dt.date(2022, 12, 15)),
        ("Thursday, December 15, 2022", dt.date(2022, 12, 15)),
    ],
)
def test_date_lines(line: str, date: dt.date) -> None:
    a = article_from_text(
        f"Serbia demands return of its troops\n{line}\n\nSerbia demanded it.", id="x"
    )
    assert a.published == date
    assert body_texts(a) == ["Serbia demanded it."]


def test_published_line_further_down() -> None:
    text = "Title\n\n" + "By A. Reporter\n" * 15 + "Published: 2022-12-15\n\nSerbia demanded it."
    assert article_from_text(text, id="x").published == dt.date(2022, 12, 15)


def test_no_date_warns_and_never_uses_today() -> None:
    a = article_from_text("Serbia demands return\n\nSerbia on Thursday demanded it.", id="x")
    assert a.published is None
    assert a.warnings == (NO_DATE_WARNING,)


def test_published_argument_overrides(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nJune 9, 2008\n\nHooli launched it.", encoding="utf-8")
    assert load_article(path, published=dt.date(2020, 1, 2)).published == dt.date(2020, 1, 2)


def test_given_title_is_not_body_and_pasted_text_without_title() -> None:
    a = article_from_text("Serbia demanded that its forces return to Kosovo.", id="paste")
    assert a.title == "paste"
    assert body_texts(a) == ["Serbia demanded that its forces return to Kosovo."]
    b = article_from_text("My title\nSerbia demanded it.", id="p", title="My title")
    assert body_texts(b) == ["Serbia demanded it."]


def test_markdown_heading_title(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "# Serbia demands return\n\n2022-12-15\n\n## Background\n\nNATO bombed Serbia.\n"
    )
    a = load_article(path)
    assert a.title == "Serbia demands return"
    assert body_texts(a) == ["Background", "NATO bombed Serbia."]


def test_hard_wrapped_text_keeps_paragraphs_whole() -> None:
    para = (
        "Serbian President Aleksandar Vucic told state RTS television that the government\n"
        "asked the commander of NATO-led peacekeepers stationed in Kosovo since 1999, when\n"
        "the Western alliance pushed out Serb troops from the region, to allow the return\n"
        "of up to 1,000 Serbian army and police officers to the north of the country.\n"
    )
    a = article_from_text("Title\n\n2022-12-15\n\n" + para + "\n" + para, id="x")
    assert len(a.body) == 2
    assert body_texts(a)[0] == para.strip()


HTML = """<!doctype html><html><head><title>Serbia demands return | News site</title>
<meta property="og:title" content="Serbia demands return of its troops to Kosovo">
<meta property="article:published_time" content="2022-12-15T10:32:00Z">
<style>p { color: red }</style><script>var leak = "Script text";</script></head>
<body><nav><a href="/">Home</a> Navigation text</nav>
<header><h1>Serbia demands return of its troops to Kosovo</h1></header>
<article><h1>Serbia demands return of its troops to Kosovo</h1><p>3 min read</p>
<figure><img src="x.jpg"><figcaption>Tensions are rising [source: Getty]</figcaption></figure>
<p>Serbia on Thursday formally demanded that its security forces return to Kosovo.</p>
<p>“The request says that a certain number of (Serbian troops) return to Kosovo,” Vucic said.</p>
<aside>Read also: aside text</aside><ul><li>Share</li></ul></article>
<footer>Footer text</footer></body></html>"""


def test_html_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    a = load_article(path)
    assert a.title == "Serbia demands return of its troops to Kosovo"
    assert a.published == dt.date(2022, 12, 15)
    assert body_texts(a) == [
        "Serbia on Thursday formally demanded that its security forces return to Kosovo.",
        "“The request says that a certain number of (Serbian troops) return to Kosovo,” "
        "Vucic said.",
    ]
    for leak in ("Script text", "Navigation text", "aside text", "Footer text", "color", "Getty"):
        assert leak not in a.text
    assert "\n\n" in a.text


def test_html_time_element_and_no_article_tag() -> None:
    html = (
        "<html><body><main><h1>Kurti applies</h1><time datetime='2022-12-15'>Thursday</time>"
        "<p>Prime Minister Albin Kurti submitted the application.</p></main></body></html>"
    )
    a = article_from_text(html, id="x", html=True)
    assert a.title == "Kurti applies"
    assert a.published == dt.date(2022, 12, 15)
    assert body_texts(a) == ["Prime Minister Albin Kurti submitted the application."]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"  \n\n", "empty"),
        ("binary.txt", b"Serbia\x00\x01\x02", "binary"),
        ("junk.txt", b"\x81\x8d\x8f\x90\x9d\xff\xfe\x01\x02\x03" * 10, "not UTF-8"),
        ("image.pdf", b"%PDF-1.4", "unsupported"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleError) as info:
        load_article(path)
    assert str(path) in str(info.value)
    assert reason in str(info.value)


def test_missing_and_too_large(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "missing.txt")
    big = tmp_path / "big.txt"
    big.write_bytes(b"Serbia demanded it. " * 300_000)
    with pytest.raises(ArticleError, match="too large"):
        load_article(big)


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle\r\n\r\n15 December, 2022\r\n\r\nVučić said it.\r\n".encode())
    a = load_article(path)
    assert a.title == "Title"
    assert a.published == dt.date(2022, 12, 15)
    assert body_texts(a) == ["Vučić said it."]


def test_find_articles(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.md", "sub/c.html", "sub/d.htm", "e.pdf", ".hidden/f.txt"):
        (tmp_path / name).write_text("x")
    found = find_articles([tmp_path, tmp_path / "a.md", tmp_path / "e.pdf"])
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    assert names == sorted(names)
    assert set(names) == {"a.md", "b.txt", "sub/c.html", "sub/d.htm", "e.pdf"}
    assert len(names) == len(set(names))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.booleans())
def test_from_text_never_fails_unexpectedly(text: str, html: bool) -> None:
    try:
        a = article_from_text(text, id="x", html=html)
    except ArticleError:
        return
    prev = 0
    for s, e in a.body:
        assert prev <= s < e <= len(a.text)
        prev = e


def test_bytes_get_the_same_checks_as_a_file(tmp_path: Path) -> None:
    from timeline.article import article_from_bytes

    for data, name, reason in [
        (b"", "empty.txt", "empty"),
        (b"\x00\x01PNG\x00", "image.txt", "binary"),
        (b"\x81\x8d\x8f\x90\x9d\xff\xfe\x01\x02\x03" * 10, "junk.txt", "UTF-8"),
        (b"Title\n\nBody.", "notes.docx", "unsupported"),
    ]:
        with pytest.raises(ArticleError, match=reason) as info:
            article_from_bytes(data, name=name)
        assert str(info.value).startswith(name)
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ArticleError, match=reason):
            load_article(path)
    assert article_from_bytes(SEED.read_bytes(), name=str(SEED)) == load_article(SEED)
