"""The loader: bad input becomes one clear problem with a position, never an exception."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.load import MAX_EXPANDED_NODES, load_file, load_text
from cjmap.problems import Severity
from cjmap.validate import MapError, load_map

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = "cjmap: 1\njourney:\n  title: T\n  customer: C\nsteps:\n  - id: a\n    name: A\n"


def rules(loaded) -> list[tuple[str, int, int]]:
    return [(p.rule, p.line, p.column) for p in loaded.problems]


def test_minimal_map_loads() -> None:
    loaded = load_text(MINIMAL)
    assert loaded.problems == []
    assert loaded.journey.steps[0].id == "a"


def test_bom_and_crlf_are_accepted() -> None:
    loaded = load_text(("\ufeff" + MINIMAL).replace("\n", "\r\n").encode("utf-8"))
    assert loaded.problems == []


def test_bad_byte_position_counts_lines_and_columns() -> None:
    loaded = load_text(b"cjmap: 1\njourney:\n  title: Caf\xe9\n")
    assert rules(loaded) == [("encoding", 3, 13)]


def test_several_documents_are_a_syntax_error() -> None:
    loaded = load_text(MINIMAL + "---\n" + MINIMAL)
    assert [p.rule for p in loaded.problems] == ["syntax"]
    assert loaded.problems[0].line == 8


def test_tab_indentation_is_a_syntax_error_with_position() -> None:
    loaded = load_text("cjmap: 1\njourney:\n\ttitle: T\n")
    assert rules(loaded)[0][:2] == ("syntax", 3)


def test_duplicate_key_points_at_the_second_key() -> None:
    loaded = load_text(MINIMAL + "  - id: b\n    name: B\n    name: Again\n")
    assert rules(loaded) == [("duplicate-key", 10, 5)]
    assert '"name"' in loaded.problems[0].message


def test_small_anchors_and_aliases_are_fine() -> None:
    text = MINIMAL + "    touchpoints:\n      - &phone {channel: phone}\n  - id: b\n    name: B\n" \
                     "    touchpoints: [*phone]\n"
    loaded = load_text(text)
    assert loaded.problems == []
    assert loaded.journey.steps[1].touchpoints[0].channel == "phone"


def billion_laughs(levels: int = 9) -> str:
    text = "cjmap: 1\nlol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in range(1, levels + 1):
        text += f"lol{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]\n"
    return text


def test_billion_laughs_is_refused_at_the_alias_that_crosses_the_limit() -> None:
    loaded = load_text(billion_laughs())
    assert [p.rule for p in loaded.problems] == ["alias-limit"]
    assert loaded.problems[0].line == 7  # 9**6 > 100,000 nodes on the line of lol6
    assert f"{MAX_EXPANDED_NODES:,}" in loaded.problems[0].message


def test_deeply_nested_flow_is_a_problem_not_a_crash() -> None:
    loaded = load_text("cjmap: 1\nx: " + "[" * 5000 + "]" * 5000 + "\n")
    assert loaded.journey is None
    assert loaded.problems and loaded.problems[0].severity is Severity.ERROR


def test_unreadable_file_is_an_io_problem(tmp_path) -> None:
    loaded = load_file(tmp_path / "missing.yaml")
    assert [p.rule for p in loaded.problems] == ["io"]
    folder = load_file(tmp_path)
    assert [p.rule for p in folder.problems] == ["io"]


def test_load_map_raises_with_problems(tmp_path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("cjmap: 1\njourney: {}\n", encoding="utf-8")
    try:
        load_map(path)
    except MapError as error:
        assert {p.rule for p in error.problems} == {"missing-field"}
    else:
        raise AssertionError("load_map accepted an invalid map")


def test_comment_only_and_blank_files_are_empty() -> None:
    for text in ["", "\n\n", "# a\n# b\n", "---\n", "...\n"]:
        assert [p.rule for p in load_text(text).problems] == ["empty"], repr(text)


def test_null_document_is_not_a_mapping() -> None:
    assert [p.rule for p in load_text("~\n").problems] == ["not-a-mapping"]


yaml_ish = st.text(alphabet=string.printable + "äé€\u2028\ufeff", max_size=300)


@settings(max_examples=examples(300), deadline=None)
@given(yaml_ish)
def test_any_text_gives_problems_or_a_map_never_an_exception(text: str) -> None:
    loaded = load_text(text)
    assert loaded.journey is not None or loaded.problems
    for problem in loaded.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_never_raise(raw: bytes) -> None:
    loaded = load_text(raw)
    assert loaded.journey is not None or loaded.problems


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.sampled_from(
    ["cjmap: 1\n", "journey:\n", "  title: T\n", "  customer: C\n", "steps:\n", "  - id: a\n",
     "    name: A\n", "    feedback: {positive: 1}\n", "  bogus: 1\n", "    - x\n", "  - [\n",
     "key: &a [1]\n", "other: *a\n", "title: T\n", "    status: done\n"]), max_size=12))
def test_yaml_shaped_fragments_never_raise(lines: list[str]) -> None:
    loaded = load_text("".join(lines))
    assert loaded.journey is not None or loaded.problems


def test_load_map_refuses_what_validate_calls_invalid(tmp_path) -> None:
    """A well-shaped map that fails an error-level check (duplicate ids) is not handed out."""
    path = tmp_path / "dup.yaml"
    path.write_text(MINIMAL + "  - id: a\n    name: Again\n", encoding="utf-8")
    try:
        load_map(path)
    except MapError as error:
        assert [(p.rule, p.line, p.column) for p in error.problems] == [("unique-ids", 8, 9)]
    else:
        raise AssertionError("load_map accepted duplicate step ids")


def test_the_shared_loader_is_clean_after_every_kind_of_failure() -> None:
    """load_text reuses one loader per process; a failure must not leak into the next file."""
    for bad in ["a: [\n", "a: 1\na: 2\n", "- x\n", MINIMAL + "---\n" + MINIMAL, "\t:\n"]:
        assert load_text(bad).problems
        loaded = load_text(MINIMAL)
        assert loaded.problems == [] and loaded.journey.steps[0].name == "A"


# --- the safe loader's resolver: the same values as ruamel's own ------------------------------

RESOLVER_TEXTS = [
    "a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: Yes\nh: NO\n",
    "a: 010\nb: 0o10\nc: 0x1F\nd: 0b101\ne: 1_000\nf: 1:30\ng: 190:20:30\n",
    "a: 1.5\nb: .5\nc: 1e3\nd: .inf\ne: -.Inf\nf: .nan\ng: 1.\n",
    "a: ~\nb: null\nc: Null\nd:\ne: ''\nf: true\ng: False\nh: TRUE\n",
    "a: 2024-01-31\nb: 2024-01-31 10:20:30\nc: 2024-1-3T1:02:03Z\nd: '2024-01-31'\n",
    "%YAML 1.1\n---\na: yes\nb: 010\nc: 1:30\nd: on\n",
    "%YAML 1.2\n---\na: yes\nb: 010\n",
    "a: !!str 1\nb: !!int '7'\nc: =\nd: <<\n",
    "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
]


def _ruamel_safe() -> Any:
    from ruamel.yaml import YAML

    from cjmap.load import GuardedSafeConstructor

    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = GuardedSafeConstructor
    yaml.allow_duplicate_keys = False
    return yaml


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        return [(_typed(key), _typed(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return type(value).__name__, repr(value)


def _outcome(yaml: Any, text: str) -> Any:
    try:
        return _typed(yaml.load(text))
    except Exception as error:  # noqa: BLE001 - the same error is part of the same outcome
        return type(error).__name__, str(error)


@pytest.mark.parametrize("text", RESOLVER_TEXTS + [
    path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*.yaml"))])
def test_safe_loader_resolves_as_ruamel_does(text: str) -> None:
    """The cached resolver and the loader class built once give ruamel's own values (YAML 1.2
    core schema: yes and no are text, 010 is ten), and stay right when one loader is reused."""
    from cjmap.load import fast_loader, safe_yaml

    expected = _outcome(_ruamel_safe(), text)
    assert _outcome(safe_yaml(), text) == expected
    assert _outcome(fast_loader(), text) == expected
    assert _outcome(fast_loader(), text) == expected
