"""The rules table: each rule's example is matched by that rule, from its first character."""

from __future__ import annotations

import pytest

from timeline.dates import _engine
from timeline.dates._context import lowered
from timeline.dates._rules import RULES, Rule


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_each_rule_matches_its_example(rule: Rule) -> None:
    low = lowered(rule.example)
    found = [(m.start(), m.lastgroup) for m, _ in _engine._candidates(low)]
    assert found, f"nothing matched {rule.example!r}"
    assert found[0] == (0, rule.name), f"{rule.example!r} matched {found[0]}"


def test_rule_names_are_unique_and_examples_given() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.example.strip() for r in RULES)
