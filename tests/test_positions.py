"""Where a problem points: the fast positioned parse against ruamel's round-trip parse.

Problems are located in :func:`cjmap.load.positioned_document`, which reads the C parser's node
marks. It must give the line and column the round-trip parse gives (what cjmap used before) for
every key, value and list item, except at an empty value, where it is on the key's own line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, assume, given, settings
from typer.testing import CliRunner

import cjmap.load
from cjmap.cli import app
from cjmap.load import positioned_document, round_trip_yaml, safe_yaml, value_position
from cjmap.problems import locate
from support import examples
from test_fmt_properties import documents

ROOT = Path(__file__).resolve().parent.parent
ANCHORS = ("key", "value", "parent")
FILES = sorted([*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("src/cjmap/starters/*.yaml"),
                    *ROOT.glob("tests/cases/**/*.yaml"), *ROOT.glob("tests/golden/**/*.yaml")])


def loads(text: str) -> bool:
    try:
        safe_yaml().load(text)
        round_trip_yaml().load(text)
    except Exception:  # noqa: BLE001 - a file that is meant not to load
        return False
    return True


def text_of(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return ""


MAP_FILES = [path for path in FILES if "alias-bomb" not in path.name and loads(text_of(path))]


def places(document: Any, prefix: tuple = ()) -> Iterator[tuple]:
    """Every loc in ``document`` whose value is not empty, and one missing key or item under
    each mapping and list (a problem about a missing field points at what holds it)."""
    if isinstance(document, dict):
        for key, value in document.items():
            if value is not None:
                yield prefix + (key,)
                yield from places(value, prefix + (key,))
        yield prefix + ("no-such-key",)
    elif isinstance(document, list):
        for index, value in enumerate(document):
            if value is not None:
                yield prefix + (index,)
                yield from places(value, prefix + (index,))
        yield prefix + (len(document),)


def differences(text: str) -> list[tuple]:
    round_trip, fast = round_trip_yaml().load(text), positioned_document(text)
    return [(loc, anchor, locate(round_trip, loc, anchor), locate(fast, loc, anchor))
            for loc in places(round_trip) for anchor in ANCHORS
            if locate(round_trip, loc, anchor) != locate(fast, loc, anchor)]


@pytest.mark.parametrize("path", MAP_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_position_in_the_bundled_and_test_maps_is_the_round_trip_one(path: Path) -> None:
    assert differences(text_of(path)) == []


@settings(max_examples=examples(80), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents())
def test_every_position_in_a_generated_map_is_the_round_trip_one(document: Any) -> None:
    source = document[0]
    assume(loads(source))
    assert differences(source) == []


def test_flow_style_is_kept_for_the_comma_hint() -> None:
    document = positioned_document("a: {note: Police, council and us}\nb: []\nc: [1]\n")
    assert document["a"].fa.flow_style() is True
    assert document["c"].fa.flow_style() is True


def test_merge_keys_point_where_the_merged_value_is_written() -> None:
    text = "base: &base\n  stage: intro\nstep:\n  <<: *base\n  name: Call\n"
    document = positioned_document(text)
    assert locate(document, ("step", "stage")) == (2, 10)
    assert locate(document, ("step", "name")) == (5, 9)


@pytest.mark.parametrize("text, where", [
    ("a:\nb: 1\n", (1, 3)),
    ("a:\n\n\n   # a comment\n\nb: 1\n", (1, 3)),
    ("m:\n  a: 1\n  b:\n", (3, 5)),
    ("s:\n  - a:\n    b: 1\n", (2, 7)),
])
def test_an_empty_value_is_placed_on_its_own_line_after_the_colon(text: str,
                                                                  where: tuple) -> None:
    document = positioned_document(text)
    loc = ("s", 0, "a") if text.startswith("s:") else ("m", "b") if text.startswith("m:") else ("a",)
    assert locate(document, loc) == where


EMPTY_NAME = """cjmap: 1
journey:
  title: Reporting a repair
  customer: Tenants
steps:
  - id: call
    name:

    # to be filled in after the workshop
    doing: Rings the contact centre
"""


def test_a_problem_at_an_empty_value_points_at_its_key(tmp_path: Path) -> None:
    """The round-trip parser put this at line 10 (``doing:``), three lines below the key."""
    target = tmp_path / "map.yaml"
    target.write_text(EMPTY_NAME, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(target)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"{target}:7:10: error: step `call` (1st), name is empty" in result.output


def test_validate_locates_warnings_without_the_round_trip_parser(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The round-trip parse is pure Python and some forty times slower than the C parse: a
    folder of maps with warnings must not pay it (it made 100 such maps take 25 s)."""
    def refuse() -> Any:
        raise AssertionError("the round-trip parser was used to locate a problem")

    monkeypatch.setattr(cjmap.load, "round_trip_yaml", refuse)
    text = (ROOT / "examples" / "new-tenants.yaml").read_text(encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):  # the same title twice: a wave warning at the title
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path), "-j", "1"],
                                catch_exceptions=False)
    assert "[wave-not-archived]" in result.output


@pytest.mark.parametrize("path", MAP_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_title_found_from_the_top_is_where_the_document_puts_it(path: Path) -> None:
    text = text_of(path)
    document = positioned_document(text)
    title = document.get("journey", {}).get("title") if isinstance(document, dict) else None
    expected = locate(document, ("journey", "title")) if title is not None else None
    assert value_position(text, ("journey", "title")) == expected


@pytest.mark.parametrize("text, where", [
    ("steps:\n  - title: no\n    journey: {title: no}\njourney:\n  title: Yes\n", (5, 10)),
    ("journey: {customer: c, title: 'Moving in'}\n", (1, 31)),
    ("? journey\n: title: T\n", (2, 10)),
    ("journey:\n  [title]: not this\n  title: >-\n    Folded\n", (3, 10)),
    ("journey:\n  customer: c\n", None),
    ("title: T\n", None),
    ("- journey:\n    title: T\n", None),
])
def test_the_title_found_from_the_top(text: str, where: Any) -> None:
    assert value_position(text, ("journey", "title")) == where
    if where is not None:
        assert locate(positioned_document(text), ("journey", "title")) == where
