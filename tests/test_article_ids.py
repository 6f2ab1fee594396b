"""One article, one id: unique and stable ids, and stored articles looked up by id."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from timeline._ids import assign_ids, content_tag, tagged_id
from timeline.article import article_from_bytes
from timeline.cli import cli
from timeline.export import read_events, write_events
from timeline.pipeline import parse_article, parse_paths

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")

TEXT_A = (
    "Serbia demands troops\n\n15 December, 2022\n\n"
    "Serbia on Thursday formally demanded that its security forces return to Kosovo.\n"
)
TEXT_B = (
    "Kosovo rejects the demand\n\n16 December, 2022\n\n"
    "Kosovo on Friday rejected the demand of Serbia.\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_unique_stems_stay_plain() -> None:
    paths = [Path("a/idalia.txt"), Path("b/kosovo.html")]
    assert assign_ids(paths) == {paths[0]: "idalia", paths[1]: "kosovo"}


def test_colliding_stems_get_a_content_hash(tmp_path: Path) -> None:
    one = write(tmp_path / "x" / "article.txt", TEXT_A)
    two = write(tmp_path / "y" / "article.txt", TEXT_B)
    html = write(tmp_path / "idalia.html", "<p>Kosovo rejected it.</p>")
    txt = write(tmp_path / "idalia.txt", TEXT_B)
    ids = assign_ids([one, two, html, txt])
    assert ids[one] == f"article-{content_tag(one.read_bytes())}"
    assert ids[two] == f"article-{content_tag(two.read_bytes())}"
    assert ids[html] != ids[txt] and ids[html].startswith("idalia-")
    assert len(set(ids.values())) == 4
    # the same whatever the order, in any process
    assert assign_ids([txt, html, two, one]) == ids


def test_identical_copies_are_still_two_ids(tmp_path: Path) -> None:
    one = write(tmp_path / "x" / "article.txt", TEXT_A)
    two = write(tmp_path / "y" / "article.txt", TEXT_A)
    ids = assign_ids([two, one])
    assert ids[one] == f"article-{content_tag(one.read_bytes())}"
    assert ids[two] == ids[one] + "-2"


def test_a_taken_stem_is_not_reused(tmp_path: Path) -> None:
    one = write(tmp_path / "article.txt", TEXT_A)
    assert assign_ids([one], taken={"article"}) == {one: tagged_id("article", one.read_bytes())}


def test_parse_keeps_the_articles_apart(tmp_path: Path) -> None:
    write(tmp_path / "x" / "article.txt", TEXT_A)
    write(tmp_path / "y" / "article.txt", TEXT_B)
    result = parse_paths([tmp_path])
    frame = result.frame
    assert frame["article_id"].nunique() == 2
    assert frame.groupby("article_id")["source"].nunique().max() == 1  # one id, one article
    assert frame["event_id"].is_unique
    # stable: the same ids on the next run
    again = parse_paths([tmp_path]).frame
    assert again["article_id"].tolist() == frame["article_id"].tolist()
    assert again["event_id"].tolist() == frame["event_id"].tolist()


def test_cli_parse_two_articles_of_one_name(tmp_path: Path) -> None:
    write(tmp_path / "x" / "article.txt", TEXT_A)
    write(tmp_path / "y" / "article.txt", TEXT_B)
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(
        cli, ["parse", str(tmp_path / "x"), str(tmp_path / "y"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    frame = read_events(out)
    assert sorted(frame.groupby("article_id")["source"].first()) == [
        "Kosovo rejects the demand",
        "Serbia demands troops",
    ]


def test_a_single_file_keeps_its_stem(tmp_path: Path) -> None:
    path = write(tmp_path / "idalia.txt", TEXT_A)
    assert set(parse_paths([path]).frame["article_id"]) == {"idalia"}


# -- the dashboard's details panel ------------------------------------------------------------


@pytest.fixture
def saved_readme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder holding one saved upload named README.md, the server running in the
    project's folder (where another README.md lies)."""
    folder = tmp_path / "data"
    raw = TEXT_A.encode()
    article = article_from_bytes(raw, name="README.md", id="README")
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "README.md").write_bytes(raw)
    write_events(parse_article(article), folder / "user_events.parquet")
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(folder))
    monkeypatch.chdir(ROOT)
    assert (ROOT / "README.md").is_file()
    return folder


def test_details_of_an_upload_named_readme_show_the_upload(saved_readme: Path) -> None:
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        # row 0 is the headline, row 1 the report's sentence (same day, in text order)
        at.session_state["table"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert at.title and at.title[0].value.startswith("Timeline")
        (paragraph,) = at.get("html")
        body = paragraph.proto.body
        # row 0 is the headline event or the body's: either way the upload's own text
        assert "security forces return to Kosovo" in body or "Serbia demands troops" in body
        assert "turns news articles" not in body  # the project's README
        # the headline's event has no time expression (missing, not ""): details still shown
        at.session_state["table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert any("no time expression" in m.value for m in at.markdown)
    finally:
        st.cache_resource.clear()


def test_uploads_of_one_name_get_two_ids() -> None:
    first = article_from_bytes(TEXT_A.encode(), name="article.txt")
    assert first.id == "article"  # a file on its own keeps its stem
    ids = {tagged_id("article", text.encode()) for text in (TEXT_A, TEXT_B)}
    assert len(ids) == 2


# -- the corpus engine ----------------------------------------------------------------------


def _ids_of(out: Path) -> dict[str, str]:
    from timeline.corpus import read_dataset

    frame = read_dataset(out)
    assert frame["event_id"].is_unique
    return dict(zip(frame["source_path"], frame["article_id"], strict=False))


def test_corpus_ids_are_unique_and_never_change(tmp_path: Path) -> None:
    from timeline.corpus import parse_corpus

    root = tmp_path / "in"
    one = write(root / "x" / "article.txt", TEXT_A)
    write(root / "y" / "article.txt", TEXT_B)
    out = tmp_path / "ds"
    parse_corpus([root], out, workers=1)
    first = _ids_of(out)
    assert first == {
        str(root / "x" / "article.txt"): tagged_id("article", TEXT_A.encode()),
        str(root / "y" / "article.txt"): tagged_id("article", TEXT_B.encode()),
    }
    # a third file of that name: a new id; the others keep theirs
    text_c = TEXT_B.replace("Kosovo rejects the demand", "Belgrade repeats the demand")
    write(root / "z" / "article.txt", text_c)
    parse_corpus([root], out, workers=1)
    second = _ids_of(out)
    assert {k: second[k] for k in first} == first
    assert second[str(root / "z" / "article.txt")] == tagged_id("article", text_c.encode())
    # a changed file keeps its id
    one.write_text(TEXT_A.replace("formally demanded", "demanded again"), encoding="utf-8")
    result = parse_corpus([root], out, workers=1)
    assert result.replaced == 1
    assert _ids_of(out) == second


def test_corpus_ids_are_the_same_with_two_workers(tmp_path: Path) -> None:
    from timeline.corpus import parse_corpus

    root = tmp_path / "in"
    for i, folder in enumerate("abcd"):
        write(root / folder / "article.txt", TEXT_A.replace("Thursday", f"Thursday ({i})"))
    write(root / "idalia.txt", TEXT_B)
    parse_corpus([root], tmp_path / "one", workers=1)
    parse_corpus([root], tmp_path / "two", workers=2, chunk_size=1)
    assert _ids_of(tmp_path / "one") == _ids_of(tmp_path / "two")
    ids = _ids_of(tmp_path / "one")
    assert ids[str(root / "idalia.txt")] == "idalia"
    assert len(set(ids.values())) == 5
