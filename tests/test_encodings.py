"""Articles in the encodings newsrooms have: Windows-1252, Latin-1, UTF-16 without a BOM.

The bytes are generated here from text written for the tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.article import ArticleError, article_from_bytes, load_article
from timeline.cli import cli
from timeline.export import read_events

ARTICLE = (
    "Café owners protest the “new” rules\n"
    "\n"
    "15 December, 2022\n"
    "\n"
    "The mayor’s office in Besançon said on Thursday that the fees would rise – a blow to the "
    "cafés of the old town.\n"
    "Owners in München and Málaga rejected the plan.\n"
)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_single_byte_western_files_are_read_with_a_warning(encoding: str) -> None:
    text = ARTICLE if encoding == "cp1252" else ARTICLE.replace("“", '"').replace("”", '"')
    text = text.replace("’", "'").replace("–", "-") if encoding == "latin-1" else text
    article = article_from_bytes(text.encode(encoding), name="cafes.txt")
    assert article.text == text
    assert article.title.startswith("Café owners protest")
    assert article.published == dt.date(2022, 12, 15)
    assert any("read as Windows-1252" in w for w in article.warnings), article.warnings


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Bürger in München protestierten am Donnerstag gegen die Gebühren.",
        "El presidente de España dijo el jueves que el año será difícil.",
        "Le maire a déclaré jeudi que la réunion était reportée à l'été.",
        "Café",
    ],
)
def test_short_latin_1_texts_keep_their_letters(sentence: str) -> None:
    # charset-normalizer alone reads some of these as Baltic or DOS code pages ("ü" -> "Ł")
    article = article_from_bytes(sentence.encode("latin-1"), name="short.txt")
    assert article.text == sentence


def test_utf8_files_carry_no_encoding_warning() -> None:
    article = article_from_bytes(ARTICLE.encode("utf-8"), name="cafes.txt")
    assert not any("UTF-8" in w or "read as" in w for w in article.warnings)


@pytest.mark.parametrize(("codec", "label"), [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_utf16_without_bom_is_text_not_binary(codec: str, label: str, tmp_path: Path) -> None:
    path = tmp_path / "cafes.txt"
    path.write_bytes(ARTICLE.encode(codec))  # no byte-order mark
    article = load_article(path)
    assert article.text == ARTICLE
    assert article.published == dt.date(2022, 12, 15)
    assert any(label in w for w in article.warnings)


def test_utf16_without_bom_in_a_non_latin_script() -> None:
    text = "東京の知事は木曜日に新しい規則を発表した。\n市民は反対した。\n"
    article = article_from_bytes(text.encode("utf-16-le"), name="tokyo.txt")
    assert article.text == text


def test_binary_files_are_still_refused() -> None:
    for data in (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", b"Serbia\x00\x01\x02"):
        with pytest.raises(ArticleError, match="binary"):
            article_from_bytes(data, name="image.txt")


def test_undecodable_bytes_are_a_clear_error() -> None:
    with pytest.raises(ArticleError, match="not UTF-8") as info:
        article_from_bytes(b"\x81\x8d\x8f\x90\x9d\xff\xfe\x01\x02\x03\x04" * 10, name="junk.txt")
    assert str(info.value).startswith("junk.txt:")


def test_cli_names_the_guessed_encoding(tmp_path: Path) -> None:
    path = tmp_path / "cafes.txt"
    path.write_bytes(ARTICLE.encode("cp1252"))
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(cli, ["parse", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"warning: {path}: not UTF-8: read as Windows-1252" in result.output
    frame = read_events(out)
    assert any("Besançon" in s for s in frame["sentence"])
