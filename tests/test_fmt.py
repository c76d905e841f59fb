"""``cjmap fmt``'s core: the canonical layout, comments that stay with their keys, the guards."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from cjmap.fmt import comments as fmt_comments
from cjmap.fmt import formatter as fmt
from cjmap.fmt.formatter import FormatError, format_file, format_text, same_data
from cjmap.load import safe_yaml

CASES = ROOT / "tests" / "cases" / "fmt"
STARTERS = ROOT / "src" / "cjmap" / "starters"
MAPS = sorted(EXAMPLES.glob("*.yaml")) + sorted(STARTERS.glob("*.yaml"))


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_messy_map_golden(golden) -> None:
    source = (CASES / "messy.yaml").read_text(encoding="utf-8")
    result = format_text(source)
    golden("fmt/messy.yaml", result)
    assert same_data(safe_yaml().load(result), safe_yaml().load(source))


@pytest.mark.parametrize("path", MAPS, ids=lambda path: path.name)
def test_maps_format_to_a_fixed_point_with_the_same_data(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    once = format_text(source)
    assert format_text(once) == once
    assert same_data(safe_yaml().load(once), safe_yaml().load(source))


@pytest.mark.parametrize("path", sorted(STARTERS.glob("*.yaml")), ids=lambda path: path.name)
def test_starters_are_already_in_canonical_layout(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert format_text(source) == source


def test_keys_follow_the_spec_order_at_every_level() -> None:
    source = (
        "diagnosis: {answers: {costly: {note: n, applies: no}}, decision: no-go}\n"
        "steps:\n- touchpoints:\n  - with: Officer\n    note: x\n    channel: phone\n"
        "  name: Step\n  id: step\n"
        "stages: []\njourney: {customer: C, title: T}\ncjmap: 1\n")
    assert format_text(source) == (
        "cjmap: 1\njourney: {title: T, customer: C}\nstages: []\nsteps:\n"
        "  - id: step\n    name: Step\n    touchpoints:\n"
        "      - channel: phone\n        with: Officer\n        note: x\n"
        "diagnosis: {answers: {costly: {applies: no, note: n}}, decision: no-go}\n")


def test_unknown_keys_keep_their_order_after_the_known_ones() -> None:
    result = format_text("zebra: 1\njourney: {title: T, customer: C}\napple: 2\ncjmap: 1\n")
    assert lines(result) == ["cjmap: 1", "journey: {title: T, customer: C}", "zebra: 1",
                             "apple: 2"]


def test_a_comment_above_a_moved_key_moves_with_it() -> None:
    source = ("cjmap: 1\nsteps:\n  - id: a\n    name: A\n"
              "# About the journey.\n# Two lines.\njourney:\n  title: T\n  customer: C\n")
    assert lines(format_text(source))[1:4] == ["# About the journey.", "# Two lines.",
                                               "journey:"]


def test_comments_before_nested_keys_move_with_them() -> None:
    source = ("cjmap: 1\njourney:\n  # who is mapped\n  customer: C\n"
              "  # the title\n  title: T\nsteps: []\n")
    assert lines(format_text(source))[2:6] == ["  # the title", "  title: T",
                                               "  # who is mapped", "  customer: C"]


def test_end_of_line_comments_stay_on_their_key_line() -> None:
    source = ("cjmap: 1  # version\njourney:   # the journey\n  customer: C # who\n"
              "  title: 'T: x'    # title\nsteps:\n  - name: A  # name\n    id: a   # slug\n")
    result = lines(format_text(source))
    assert "cjmap: 1  # version" in result
    assert "journey:   # the journey" in result
    assert "  title: 'T: x'    # title" in result
    assert "  customer: C  # who" in result  # one space becomes two, as yamllint wants
    assert "  - id: a   # slug" in result
    assert "    name: A  # name" in result


def test_header_stays_at_the_top_when_the_first_key_moves() -> None:
    source = "# yaml-language-server: $schema=s.json\n# Header.\nsteps: []\ncjmap: 1\n"
    assert lines(format_text(source)) == ["# yaml-language-server: $schema=s.json",
                                          "# Header.", "cjmap: 1", "steps: []"]


def test_comments_at_the_end_of_the_file_stay_there() -> None:
    source = "steps: []\ncjmap: 1\n\n# The end.\n#   indented\n\n\n"
    assert format_text(source) == "cjmap: 1\nsteps: []\n\n# The end.\n#   indented\n"


def test_comments_between_steps_belong_to_the_next_step() -> None:
    source = ("cjmap: 1\nsteps:\n- id: a\n  name: A\n# about b\n- name: B\n  id: b\n")
    assert lines(format_text(source))[2:] == ["  - id: a", "    name: A", "  # about b",
                                              "  - id: b", "    name: B"]


def test_a_comment_indented_inside_a_step_stays_at_its_end() -> None:
    source = ("cjmap: 1\nsteps:\n  - name: A\n    id: a\n    # feedback:\n    #   positive: 3\n"
              "  - id: b\n    name: B\n")
    assert lines(format_text(source))[2:6] == ["  - id: a", "    name: A", "    # feedback:",
                                               "    #   positive: 3"]


def test_a_comment_above_the_first_key_of_an_item_goes_above_its_dash() -> None:
    source = "cjmap: 1\nsteps:\n  - name: A\n    # the id\n    id: a\n"
    assert lines(format_text(source))[2:] == ["  # the id", "  - id: a", "    name: A"]


def test_aligned_continuation_of_an_end_of_line_comment_stays_aligned() -> None:
    source = ("cjmap: 1\nsteps:\n  - id: a\n    touchpoints:\n"
              "      - channel: phone      # phone | email | letter |\n"
              "                            #   sms | web\n    name: A\n")
    result = lines(format_text(source))
    assert result[5:7] == ["      - channel: phone      # phone | email | letter |",
                           "                            #   sms | web"]


def test_comments_in_a_flow_collection_over_several_lines_are_kept() -> None:
    source = "cjmap: 1\nd: {a: 1,   # first\n   b: 2}   # second\n"
    result = format_text(source)
    assert lines(result)[1] == "d: {a: 1, b: 2}  # first  # second"


def test_blank_lines_are_kept_but_never_two_in_a_row() -> None:
    source = "\n\ncjmap: 1\n\n\n\njourney: {title: T, customer: C}\n\n\n"
    assert format_text(source) == "cjmap: 1\n\njourney: {title: T, customer: C}\n"


def test_blank_lines_inside_a_block_scalar_are_its_text() -> None:
    source = "cjmap: 1\nnote: |\n  one\n\n\n  two\nkeep: |+\n  x\n\n\nlast: 1\n"
    result = format_text(source)
    assert safe_yaml().load(result)["note"] == "one\n\n\ntwo\n"
    assert safe_yaml().load(result)["keep"] == "x\n\n\n"


def test_long_strings_are_not_rewrapped_and_folded_ones_keep_their_breaks() -> None:
    long = "word " * 60
    source = (f"cjmap: 1\nsummary: {long.strip()}\n"
              "folded: >-\n  a first line that is kept\n  and a second\n")
    result = lines(format_text(source))
    assert result[1] == f"summary: {long.strip()}"
    assert result[3:5] == ["  a first line that is kept", "  and a second"]


def test_quotes_only_where_yaml_needs_them() -> None:
    source = ("cjmap: 1\na: 'plain'\nb: \"%\"\nc: 'yes'\nd: '2024'\ne: 'a: b'\nf: \"it's\"\n"
              "g: '#x'\n")
    assert lines(format_text(source))[1:] == [
        "a: plain", "b: '%'", "c: yes", "d: '2024'", "e: 'a: b'", "f: it's", "g: '#x'"]


def test_line_endings_and_byte_order_mark_are_normalised() -> None:
    assert format_text("\ufeffcjmap: 1\r\nsteps: []  # s\r\n") == "cjmap: 1\nsteps: []  # s\n"
    assert format_text("cjmap: 1") == "cjmap: 1\n"


def test_a_leading_document_marker_is_kept() -> None:
    assert format_text("# head\n---\nsteps: []\ncjmap: 1\n") == "# head\n---\ncjmap: 1\nsteps: []\n"


def test_anchors_and_aliases_survive_reordering() -> None:
    source = "steps: [&s {name: N, id: x}]\nstages: [*s]\ncjmap: 1\n"
    result = format_text(source)
    assert result == "cjmap: 1\nstages: [&s {id: x, name: N}]\nsteps: [*s]\n"
    assert same_data(safe_yaml().load(result), safe_yaml().load(source))


def test_a_float_ruamel_would_round_is_written_exactly() -> None:
    result = format_text("cjmap: 1\nvalue: 5.960464477539063e-08\nkept: 1.0e+10\n")
    assert result == "cjmap: 1\nvalue: 5.960464477539063e-08\nkept: 1.0e+10\n"


def test_line_separators_in_text_are_escaped() -> None:
    result = format_text("cjmap: 1\na: 'x\u2028y'\nb: \"x\\Ny\"  # c\n")
    assert safe_yaml().load(result) == {"cjmap": 1, "a": "x\u2028y", "b": "x\x85y"}
    assert '"x\\Ly"' in result and "# c" in result


def test_an_invalid_map_is_still_formatted() -> None:
    result = format_text("steps: 3\ntypo_key: x\ncjmap: 99\n")
    assert result == "cjmap: 99\nsteps: 3\ntypo_key: x\n"


@pytest.mark.parametrize("source, rule, line", [
    ("cjmap: 1\njourney: [unclosed\n", "syntax", 3),
    ("cjmap: 1\ncjmap: 2\n", "duplicate-key", 2),
    ("- a\n- b\n", "not-a-mapping", 1),
    ("", "not-a-mapping", 1),
    ("# only a comment\n", "not-a-mapping", 1),
    ("%YAML 1.1\n---\ncjmap: 1\n", "fmt-directive", 1),
    ("a: 1\n---\nb: 2\n", "syntax", 2),
])
def test_text_that_cannot_be_formatted_is_refused(source: str, rule: str, line: int) -> None:
    with pytest.raises(FormatError) as caught:
        format_text(source)
    assert (caught.value.rule, caught.value.line) == (rule, line)


def test_the_guard_refuses_a_result_that_loses_a_comment(monkeypatch) -> None:
    real = fmt_comments.emit

    def lossy(*args, **kwargs):
        return "\n".join(line for line in real(*args, **kwargs).split("\n")
                         if "# keep me" not in line)

    monkeypatch.setattr(fmt, "emit", lossy)
    with pytest.raises(FormatError, match="lose or change a comment"):
        format_text("cjmap: 1\n# keep me\nsteps: []\n")


def test_the_guard_refuses_a_result_that_changes_the_data(monkeypatch) -> None:
    real = fmt_comments.emit
    monkeypatch.setattr(fmt, "emit",
                        lambda *args, **kwargs: real(*args, **kwargs).replace("1", "2"))
    with pytest.raises(FormatError, match="change the data"):
        format_text("cjmap: 1\n")


def test_same_data_tells_types_apart() -> None:
    assert not same_data({"a": 1}, {"a": 1.0})
    assert not same_data([True], [1])
    assert same_data({"a": [float("nan")]}, {"a": [float("nan")]})
    assert not same_data({"a": 1}, {"a": 1, "b": 2})


def test_format_file_reports_problems_instead_of_raising(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("cjmap: 1\n  bad: indent\n", encoding="utf-8")
    (tmp_path / "latin.yaml").write_bytes(b"cjmap: 1\ntitle: caf\xe9\n")
    bad = format_file(tmp_path / "bad.yaml")
    latin = format_file(tmp_path / "latin.yaml")
    missing = format_file(tmp_path / "missing.yaml")
    assert bad.problem is not None and bad.problem.rule == "syntax" and bad.text is None
    assert latin.problem is not None and latin.problem.rule == "encoding"
    assert missing.problem is not None and missing.problem.rule == "io"
    assert str(bad.problem).startswith(f"{tmp_path / 'bad.yaml'}:2:")


def test_diff_of_a_formatted_file(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("steps: []\ncjmap: 1", encoding="utf-8")
    result = format_file(path)
    assert result.changed
    assert result.diff().splitlines() == [
        f"--- {path}", f"+++ {path} (formatted)", "@@ -1,2 +1,2 @@", "+cjmap: 1", " steps: []",
        "-cjmap: 1", "\\ No newline at end of file"]
    fmt.write_formatted(result)
    assert path.read_text(encoding="utf-8") == "cjmap: 1\nsteps: []\n"
    assert not format_file(path).changed and format_file(path).diff() == ""


def test_deep_nesting_is_refused_not_a_crash() -> None:
    source = "cjmap: 1\n" + "".join(" " * i + f"k{i}:\n" for i in range(400)) + " " * 400 + "v: 1\n"
    with pytest.raises(FormatError, match="nests too deeply"):
        format_text(source)


def test_writing_through_a_symbolic_link_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("steps: []\ncjmap: 1\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    fmt.write_formatted(format_file(link))
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "cjmap: 1\nsteps: []\n"


def test_text_ruamel_writes_unparseably_in_flow_collections_is_double_quoted() -> None:
    source = "cjmap: 1\nd: {'0:0': [':0', 'x:y', plain]}\n"
    result = format_text(source)
    assert result == 'cjmap: 1\nd: {"0:0": [":0", "x:y", "plain"]}\n'
    assert format_text(result) == result


def test_a_key_with_a_line_separator_is_double_quoted_in_place() -> None:
    result = format_text("cjmap: 1\n\"a\\Lb\": 1  # c\nz: 2\n")
    assert result == 'cjmap: 1\n? "a\\Lb"     # c\n: 1\nz: 2\n'  # an explicit key
    assert safe_yaml().load(result) == {"cjmap": 1, "a\u2028b": 1, "z": 2}
    assert format_text(result) == result
