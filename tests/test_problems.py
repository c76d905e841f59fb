"""Positions: locate() finds the line and column of any key or value in a YAML document."""

from __future__ import annotations

import io
from typing import Any, Iterator

from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.load import round_trip_yaml
from cjmap.problems import Problem, Severity, dotted, locate

keys = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
leaves = st.integers(-999, 999)
trees = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=4),
        st.dictionaries(keys, children, min_size=1, max_size=4),
    ),
    max_leaves=25,
)


def leaves_of(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves_of(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves_of(value, (*path, index))
    else:
        yield path, node


def dump(data: Any) -> str:
    stream = io.StringIO()
    yaml = round_trip_yaml()
    yaml.default_flow_style = False
    yaml.dump(data, stream)
    return stream.getvalue()


@settings(max_examples=examples(150), deadline=None)
@given(st.dictionaries(keys, trees, min_size=1, max_size=5))
def test_every_value_and_key_is_located_exactly(data: dict) -> None:
    text = dump(data)
    lines = text.splitlines()
    document = round_trip_yaml().load(text)
    for path, value in leaves_of(data):
        line, column = locate(document, path, "value")
        assert lines[line - 1][column - 1:].startswith(str(value)), (path, text)
        if isinstance(path[-1], str):
            line, column = locate(document, path, "key")
            assert lines[line - 1][column - 1:].startswith(f"{path[-1]}:"), (path, text)


def test_missing_key_points_at_the_mapping_that_should_hold_it() -> None:
    document = round_trip_yaml().load("cjmap: 1\njourney:\n  title: T\nsteps:\n  - id: a\n")
    assert locate(document, ("journey", "customer"), "parent") == (2, 1)
    assert locate(document, ("steps", 0, "name"), "parent") == (5, 5)
    assert locate(document, ("diagnosis", "answers"), "parent") == (1, 1)


def test_problem_line_and_order() -> None:
    late = Problem("a.yaml", 9, 1, Severity.WARNING, "r", "m")
    early = Problem("a.yaml", 2, 5, Severity.ERROR, "x", "y")
    assert sorted([late, early]) == [early, late]
    assert str(early) == "a.yaml:2:5: error: y [x]"


def test_dotted() -> None:
    assert dotted(("steps", 2, "actions", 0, "owner")) == "step 3, action 1, owner"
    data = {"steps": [{"id": "a"}, {"id": "b"}, {"id": "works", "actions": [{}]}]}
    assert dotted(("steps", 2, "actions", 0, "owner"), data) == "step `works` (3rd), action 1, owner"
    assert dotted(("steps", 2, "survey", "segments", 0, "base"), data) == (
        "step `works` (3rd), survey segment 1, base")
    assert dotted(("steps", 0), {"steps": [{"id": "Not A Slug"}]}) == "step 1"
    assert dotted(("diagnosis", "answers", "complex")) == "diagnosis.answers.complex"
    assert dotted(()) == "(top level)"
