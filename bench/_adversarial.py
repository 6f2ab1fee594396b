"""Adversarial article families: hostile shapes of input, generated at any size.

Each family is a function `size -> (file name, bytes)` giving an article of about `size`
bytes whose shape stresses one part of the parser: deep nesting, quotes, long sentences,
runs of capitals, digits and dates, brackets, deep lists. `bench/adversarial.py` times the
whole parse of each at several sizes; `tests/test_adversarial.py` checks the same shapes stay
near linear and end with a result or a clear error.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["FAMILIES", "generate"]

_HEAD = "Hostile input test\n\n15 December 2022\n\n"


def _repeat(unit: str, size: int, head: str = _HEAD, tail: str = "") -> bytes:
    room = max(1, size - len(head) - len(tail))
    count = max(1, room // len(unit))
    return (head + unit * count + tail).encode("utf-8")


def nested_html(size: int) -> tuple[str, bytes]:
    """Block elements nested inside each other, as deep as the file is long (unclosed)."""
    unit = "<article><blockquote><dd>"
    depth = max(1, (size - 200) // len(unit))
    page = (
        "<html><head><title>Deep</title></head><body>"
        + unit * depth
        + "<p>Serbia demanded the return of its troops on Thursday.</p>"
        + "</body></html>"
    )
    return "deep.html", page.encode("utf-8")


def nested_inline(size: int) -> tuple[str, bytes]:
    """Inline and date elements nested (<time>, <span>, <b>), closed at the end."""
    unit = "<span><time>x<b>"
    depth = max(1, (size - 200) // (len(unit) + 20))
    page = (
        "<html><body><p>"
        + unit * depth
        + "Serbia demanded the return of its troops on Thursday."
        + "</b></time></span>" * depth
        + "</p></body></html>"
    )
    return "inline.html", page.encode("utf-8")


def many_quotes(size: int) -> tuple[str, bytes]:
    """One sentence holding thousands of short quotations."""
    unit = 'He said "no" and '
    return "quotes.txt", _repeat(unit, size, tail="they left on Monday.\n")


def bare_quotes(size: int) -> tuple[str, bytes]:
    """One sentence of quoted names and nothing else: no verb ends the search for one."""
    unit = '"Serbia" '
    return "barequotes.txt", _repeat(unit, size, tail=".\n")


def curly_quotes(size: int) -> tuple[str, bytes]:
    """Unbalanced curly quotes: every one opens, none closes."""
    unit = "“Kurti said Serbia rejected it on Monday "
    return "curly.txt", _repeat(unit, size, tail=".\n")


def long_line(size: int) -> tuple[str, bytes]:
    """One line of words without a sentence end."""
    unit = "the minister said that the army and the police would return to the border "
    return "longline.txt", _repeat(unit, size, tail="\n")


def capitals(size: int) -> tuple[str, bytes]:
    """Runs of capitalised words (names everywhere, never a verb)."""
    unit = "Aleksandar Vucic Albin Kurti European Union United Nations North Atlantic Council "
    return "capitals.txt", _repeat(unit, size, tail=".\n")


def digits(size: int) -> tuple[str, bytes]:
    """Numbers and dates back to back, no words between them."""
    unit = "12 December 2022 2023-01-05 15/12/2022 1999 42 3.5 10,000 Monday "
    return "digits.txt", _repeat(unit, size, tail=".\n")


def dated_sentences(size: int) -> tuple[str, bytes]:
    """Many short dated sentences in one paragraph (the ordinary shape, at length)."""
    unit = "On 12 December 2022 Serbia demanded that Kosovo withdraw its police. "
    return "dated.txt", _repeat(unit, size, tail="\n")


def brackets(size: int) -> tuple[str, bytes]:
    """Nested and unbalanced brackets."""
    unit = "(Serbia [said (on Monday [that "
    return "brackets.txt", _repeat(unit, size, tail=".\n")


def deep_list(size: int) -> tuple[str, bytes]:
    """HTML lists nested inside each other, each item with a sentence."""
    unit = "<ul><li>Serbia said on Monday it would return. "
    depth = max(1, (size - 200) // len(unit))
    page = "<html><body>" + unit * depth + "</li></ul>" * depth + "</body></html>"
    return "lists.html", page.encode("utf-8")


def abbreviations(size: int) -> tuple[str, bytes]:
    """Dots that never end a sentence: initials and abbreviations, no sentence end."""
    unit = "Mr. J. K. Smith of the U.S. Dept. met Gen. A. B. Jones on Dec. 15 in St. Louis "
    return "abbrev.txt", _repeat(unit, size, tail=".\n")


def many_lines(size: int) -> tuple[str, bytes]:
    """Thousands of one-word lines (header and wrapped-paragraph detection)."""
    unit = "Serbia\n"
    return "lines.txt", _repeat(unit, size)


def clause_chain(size: int) -> tuple[str, bytes]:
    """One sentence of clause after clause, each with its own date."""
    unit = ", and on Monday Serbia said that Kosovo had rejected it in 2021, which "
    return "clauses.txt", _repeat(unit, size, head=_HEAD + "Serbia said", tail=".\n")


FAMILIES: dict[str, Callable[[int], tuple[str, bytes]]] = {
    "nested_html": nested_html,
    "nested_inline": nested_inline,
    "many_quotes": many_quotes,
    "bare_quotes": bare_quotes,
    "curly_quotes": curly_quotes,
    "long_line": long_line,
    "capitals": capitals,
    "digits": digits,
    "dated_sentences": dated_sentences,
    "brackets": brackets,
    "deep_list": deep_list,
    "abbreviations": abbreviations,
    "many_lines": many_lines,
    "clause_chain": clause_chain,
}


def generate(family: str, size: int) -> tuple[str, bytes]:
    """The article (file name, bytes) of `family` at about `size` bytes."""
    return FAMILIES[family](size)
