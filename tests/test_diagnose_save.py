"""``--save``: the diagnosis block goes in, and every other byte of the map stays as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.fivecs.rule import diagnose
from cjmap.fivecs.saving import (
    SaveError,
    block_span,
    check_map,
    diagnosed_map_text,
    diagnosis_block,
    indent_of,
    newline_of,
    save_into,
)
from cjmap.load import load_text
from cjmap.model import Answer, Diagnosis
from cjmap.starters.create import slug

CASES = ROOT / "tests" / "cases" / "diagnose"
COMMENTED = (CASES / "commented.yaml").read_text(encoding="utf-8")
WITH_DIAGNOSIS = (CASES / "with-diagnosis.yaml").read_text(encoding="utf-8")

DIAGNOSIS = diagnose({
    "changeable": Answer(applies="yes", note="Rules changed: see {policy}, #12"),
    "challenged": Answer(applies="partly"),
    "complex": Answer(applies="yes"),
    "costly": Answer(applies="no", note="yes"),
}).to_diagnosis(dt.date(2024, 5, 1))

BLOCK_2 = """\
diagnosis:
  date: 2024-05-01
  answers:
    changeable: {applies: yes, note: 'Rules changed: see {policy}, #12'}
    challenged: {applies: partly}
    complex: {applies: yes}
    climactic: {applies: unsure}
    costly: {applies: no, note: yes}
  decision: go
"""
BLOCK_4 = """\
diagnosis:
    date: 2024-05-01
    answers:
        changeable: {applies: yes, note: 'Rules changed: see {policy}, #12'}
        challenged: {applies: partly}
        complex: {applies: yes}
        climactic: {applies: unsure}
        costly: {applies: no, note: yes}
    decision: go
"""


def test_a_new_block_is_appended_after_one_blank_line() -> None:
    assert save_into(COMMENTED, DIAGNOSIS) == COMMENTED + "\n" + BLOCK_4


def test_an_existing_block_is_replaced_and_nothing_else_changes() -> None:
    result = save_into(WITH_DIAGNOSIS, DIAGNOSIS)
    before, after = WITH_DIAGNOSIS.split("diagnosis:   #", 1)
    after = after[after.index("\n\n# This comment belongs"):]
    assert result == before + BLOCK_2 + after[1:]
    assert "# The 5Cs, asked in September.\ndiagnosis:" in result
    assert "go\n\n# This comment belongs to the steps below and must stay.\nsteps:" in result
    assert "inside the block" not in result


def test_saving_again_changes_nothing() -> None:
    once = save_into(COMMENTED, DIAGNOSIS)
    assert save_into(once, DIAGNOSIS) == once
    twice = save_into(WITH_DIAGNOSIS, DIAGNOSIS)
    assert save_into(twice, DIAGNOSIS) == twice


def test_crlf_files_stay_crlf() -> None:
    crlf = COMMENTED.replace("\n", "\r\n")
    assert save_into(crlf, DIAGNOSIS) == crlf + "\r\n" + BLOCK_4.replace("\n", "\r\n")
    middle = WITH_DIAGNOSIS.replace("\n", "\r\n")
    result = save_into(middle, DIAGNOSIS)
    assert "\n" not in result.replace("\r\n", "")
    assert result == save_into(WITH_DIAGNOSIS, DIAGNOSIS).replace("\n", "\r\n")


def test_mixed_line_endings_are_kept_where_they_are() -> None:
    mixed = COMMENTED.replace("title:", "title:", 1).replace(
        "    period: 2024/25 Q1\n", "    period: 2024/25 Q1\r\n")
    result = save_into(mixed, DIAGNOSIS)
    assert result == mixed + "\n" + BLOCK_4
    assert result.count("\r\n") == 1


def test_a_file_without_a_final_newline_still_has_none() -> None:
    bare = COMMENTED.rstrip("\n")
    assert save_into(bare, DIAGNOSIS) == bare + "\n\n" + BLOCK_4.rstrip("\n")
    last = save_into(bare, DIAGNOSIS)
    assert save_into(last, DIAGNOSIS) == last
    assert not save_into(last, diagnose({}).to_diagnosis(None)).endswith("\n")


def test_a_byte_order_mark_stays() -> None:
    result = save_into("\ufeff" + COMMENTED, DIAGNOSIS)
    assert result == "\ufeff" + COMMENTED + "\n" + BLOCK_4


def test_trailing_blank_lines_are_not_doubled() -> None:
    text = COMMENTED + "\n\n"
    assert save_into(text, DIAGNOSIS) == text + BLOCK_4


def test_the_block_goes_before_a_document_end_marker() -> None:
    text = "---\n" + COMMENTED + "...\n# after the end\n"
    assert save_into(text, DIAGNOSIS) == "---\n" + COMMENTED + "\n" + BLOCK_4 + "...\n# after the end\n"


def test_check_map_gives_the_stored_diagnosis_or_refuses() -> None:
    assert check_map(COMMENTED) is None
    stored = check_map(WITH_DIAGNOSIS)
    assert stored.answers.changeable == Answer(applies="yes", note="Tenancy rules changed")
    assert stored.decision == "go"
    with pytest.raises(SaveError):
        check_map("cjmap: 1\n")


def test_the_new_block_reads_back_as_the_diagnosis() -> None:
    loaded = load_text(save_into(COMMENTED, DIAGNOSIS).encode())
    assert loaded.journey is not None and loaded.journey.diagnosis == DIAGNOSIS


def test_a_non_default_threshold_is_stored() -> None:
    diagnosis = diagnose({"complex": Answer(applies="yes")}, threshold=2).to_diagnosis(None)
    block = diagnosis_block(diagnosis)
    assert block.endswith("  decision: go\n  threshold: 2\n")
    assert "date:" not in block


def test_a_stored_diagnosis_with_a_wrong_answer_can_be_replaced() -> None:
    broken = WITH_DIAGNOSIS.replace("{applies: partly}", "{applies: maybe}")
    assert load_text(broken.encode()).journey is None
    result = save_into(broken, DIAGNOSIS)
    assert load_text(result.encode()).journey.diagnosis == DIAGNOSIS


def test_a_long_note_is_written_in_block_style() -> None:
    note = "A long note " * 10
    diagnosis = diagnose({"costly": Answer(applies="yes", note=note.strip())}).to_diagnosis(None)
    block = diagnosis_block(diagnosis)
    assert "    costly:\n      applies: yes\n      note: A long note A long note" in block
    assert "    complex: {applies: unsure}\n" in block


@pytest.mark.parametrize("text, message", [
    ("cjmap: 1\njourney: {title: T, customer: C}\n", "is not a valid map: fix it first"),
    ("cjmap: [1\n", "is not a map: fix it first"),
    ("- just\n- a list\n", "is not a map: fix it first"),
    ("cjmap: 1\ndiagnosis: {answers: {}}\ndiagnosis: {answers: {}}\n", "is not a map"),
])
def test_an_invalid_map_is_refused_with_its_problems(text: str, message: str) -> None:
    with pytest.raises(SaveError) as error:
        save_into(text, DIAGNOSIS, "map.yaml")
    assert message in str(error.value)
    assert error.value.problems and all(p.path == "map.yaml" for p in error.value.problems)


def test_a_flow_style_map_is_refused_not_damaged() -> None:
    flow = "{cjmap: 1, journey: {title: T, customer: C}, steps: [{id: a, name: A}]}\n"
    with pytest.raises(SaveError, match="cannot add the diagnosis block"):
        save_into(flow, DIAGNOSIS)
    with_block = flow.replace("}]}", "}], diagnosis: {answers: {}}}")
    with pytest.raises(SaveError, match="cannot find the `diagnosis:` block"):
        save_into(with_block, DIAGNOSIS)


def test_block_span_stops_before_column_zero_comments_that_follow() -> None:
    lines = WITH_DIAGNOSIS.split("\n")
    start, end = block_span(WITH_DIAGNOSIS)
    assert lines[start].startswith("diagnosis:")
    assert lines[end - 1] == "  decision: go"
    assert block_span(COMMENTED) is None


def test_indent_and_newline_detection() -> None:
    assert indent_of(COMMENTED) == 4
    assert indent_of(WITH_DIAGNOSIS) == 2
    assert indent_of("cjmap: 1\n") == 2
    assert newline_of("a\r\nb\r\n") == "\r\n"
    assert newline_of("a\nb\r\nc\n") == "\n"


# --- property tests -----------------------------------------------------------------------------

HEAD = ["cjmap: 1\n", "journey:\n", "  title: T\n", "  customer: C\n"]
STEPS = ["steps:\n", "  - id: a\n", "    name: A\n"]
OLD_BLOCK = ["diagnosis:\n", "  answers:\n", "    costly: {applies: yes}\n", "  decision: go\n"]
decoration = st.lists(st.sampled_from(["\n", "# note: diagnosis:\n", "#\n", "  # indented\n"]),
                      max_size=2)


def _decorated(draw: st.DrawFn, lines: list[str], inside: bool) -> str:
    """Lines with comments and blank lines drawn between them."""
    out = []
    for number, line in enumerate(lines):
        out.append(line)
        if number < len(lines) - 1 or not inside:
            extra = draw(decoration)
            out += [x for x in extra if not (inside and number == len(lines) - 1)]
    return "".join(out)


@st.composite
def maps(draw: st.DrawFn) -> tuple[str, str, str]:
    """(prefix, old block or "", suffix): a map with an optional block in the middle or at the end."""
    head = _decorated(draw, HEAD, inside=False)
    steps = _decorated(draw, STEPS, inside=False)
    if not draw(st.booleans()):
        return head + steps, "", ""
    old = _decorated(draw, OLD_BLOCK, inside=True)
    if draw(st.booleans()):
        return head, old, "# about the steps\n" + steps
    return head + steps, old, ""


@settings(max_examples=examples(150), deadline=None)
@given(maps(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_only_the_block_changes(parts: tuple[str, str, str], newline: str,
                                final_newline: bool) -> None:
    prefix, old, suffix = (part.replace("\n", newline) for part in parts)
    text = prefix + old + suffix
    if not final_newline:
        text = text.rstrip("\r\n")
    result = save_into(text, DIAGNOSIS)
    block = BLOCK_2.replace("\n", newline)
    if not old:
        assert result.startswith(text)
        assert result.endswith(block if final_newline else block.rstrip("\r\n"))
    else:
        assert result.startswith(prefix + block.rstrip("\r\n"))
        assert result[len(prefix) + len(block):] == text[len(prefix) + len(old):]
    assert load_text(result.encode()).journey.diagnosis == DIAGNOSIS


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=60))
def test_any_note_reads_back_as_written(note: str) -> None:
    diagnosis = diagnose({"costly": Answer(applies="yes", note=note or None)}).to_diagnosis(None)
    result = save_into(COMMENTED, diagnosis)
    assert load_text(result.encode()).journey.diagnosis == diagnosis


@pytest.mark.parametrize("note", [
    "<script>alert(1)</script>", "a & b | c", "]]>", "[x](javascript:alert(1))",
    "it's \"quoted\"", "x" * 300, "émoji 🏠 and ünïcode", ":0", "\x85", "- dash", "#hash",
    "key: value", "null", "~", "2024-01-01", "[red]markup[/]",
])
def test_hostile_notes_read_back_as_written(note: str) -> None:
    diagnosis = diagnose({"climactic": Answer(applies="partly", note=note)}).to_diagnosis(None)
    result = save_into(WITH_DIAGNOSIS, diagnosis)
    assert load_text(result.encode()).journey.diagnosis.answers.climactic.note == note


# --- a new map ----------------------------------------------------------------------------------


def test_a_new_map_is_valid_and_starts_with_the_schema_line() -> None:
    text = diagnosed_map_text("Reporting a repair: the 'fast' way #1", "Tenants", DIAGNOSIS,
                        "../cjmap.schema.json")
    assert text.startswith("# yaml-language-server: $schema=../cjmap.schema.json\n")
    assert "\ncjmap: 1\n" in text  # the blank starter, as `cjmap new` writes it
    loaded = load_text(text.encode())
    assert loaded.journey.journey.title == "Reporting a repair: the 'fast' way #1"
    assert loaded.journey.steps[0].id == "first-step"
    assert text.endswith("\n\n" + BLOCK_2)


def test_a_new_map_golden(golden) -> None:
    golden("diagnose/new-map.yaml", diagnosed_map_text("Reporting a repair", "Tenants who report a "
                                                 "repair", DIAGNOSIS))


@pytest.mark.parametrize("title, expected", [
    ("Reporting a repair", "reporting-a-repair"),
    ("  Über: café & déjà vu!  ", "uber-cafe-deja-vu"),
    ("<script>", "script"),
    ("!!!", "journey"),
    ("日本語", "journey"),
    ("a" * 100, "a" * 60),
])
def test_slug(title: str, expected: str) -> None:
    assert slug(title) == expected


def test_diagnosis_model_round_trip_keeps_the_spec_key_order() -> None:
    block = diagnosis_block(Diagnosis.model_validate(
        {"date": "2023-09-01", "answers": {"costly": {"applies": "no"}}, "decision": "no-go",
         "threshold": 6}))
    assert [line.split(":")[0].strip() for line in block.splitlines() if line.startswith("  ")
            and not line.startswith("    ")] == ["date", "answers", "decision", "threshold"]
