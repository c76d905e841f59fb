"""The semantic diff core: step matching, moves, actions, figures; and its formatters' escaping."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.diff.compare import diff_maps, longest_increasing
from cjmap.diff.formats import as_json, markdown, text
from cjmap.model import JourneyMap
from cjmap.safe_text import one_line, terminal
from cjmap.validate import load_map

CASES = ROOT / "tests" / "cases" / "diff"


def journey(*steps: dict[str, Any], **fields: Any) -> JourneyMap:
    data = {"cjmap": 1, "journey": {"title": "T", "customer": "C", **fields},
            "steps": [dict(step) for step in steps]}
    return JourneyMap.model_validate(data)


def step(step_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": step_id, "name": fields.pop("name", step_id.title()), **fields}


def ids(steps: list[str]) -> JourneyMap:
    return journey(*(step(i) for i in steps))


@pytest.fixture(scope="module")
def pair():
    old = load_map(CASES / "new-tenants-2023.yaml")
    new = load_map(CASES / "new-tenants-2024.yaml")
    return diff_maps(old, new, "2023.yaml", "2024.yaml")


def test_same_map_has_no_changes():
    old = load_map(CASES / "new-tenants-2023.yaml")
    result = diff_maps(old, old)
    assert not result.has_changes
    assert "No differences." in text(result)
    assert json.loads(as_json(result))["has_changes"] is False


def test_steps_added_removed_renamed(pair):
    assert [(r.id, r.position) for r in pair.added] == [("welcome-call", 4)]
    assert [(r.id, r.position) for r in pair.removed] == [("signing-up", 3)]
    assert [(r.id, r.old_name, r.new_name) for r in pair.renamed] == [
        ("post-move-visit", "Visiting the customer", "Settling-in visit")]


def test_a_step_moved_past_another_is_the_only_move(pair):
    # Removing signing-up and adding welcome-call shift every later index; only repairs moved.
    assert [(m.id, m.old_position, m.new_position, m.after) for m in pair.moved] == [
        ("repairs", 7, 6, "post-move-visit")]


def test_insertions_and_removals_move_nothing():
    result = diff_maps(ids(["a", "b", "c", "d"]), ids(["new", "a", "c", "d", "e"]))
    assert result.moved == ()
    assert [r.id for r in result.added] == ["new", "e"]
    assert [r.id for r in result.removed] == ["b"]


def test_moving_the_first_step_to_the_end_is_one_move():
    result = diff_maps(ids(["a", "b", "c", "d"]), ids(["b", "c", "d", "a"]))
    assert [(m.id, m.old_position, m.new_position, m.after) for m in result.moved] == [
        ("a", 1, 4, "d")]


def test_reversal_moves_all_but_one():
    result = diff_maps(ids(["a", "b", "c"]), ids(["c", "b", "a"]))
    assert len(result.moved) == 2


def test_counts_survey_and_net_sentiment(pair):
    viewing = next(s for s in pair.steps if s.id == "viewing")
    assert viewing.net_before == pytest.approx(13 / 20)
    assert viewing.net_after == pytest.approx(18 / 24)
    assert viewing.field("feedback.positive").old == 16
    assert viewing.field("feedback.positive").new == 20
    assert viewing.field("survey.dissatisfied").old == 11
    assert viewing.field("survey.dissatisfied").new == 8
    assert viewing.field("feedback.no_comment") is None
    assert viewing.moment.prose and viewing.moment.old and viewing.moment.new


def test_moments_of_truth_gained_and_lost(pair):
    assert [r.id for r in pair.moments_gained] == ["welcome-call", "tenancy-support"]
    assert [r.id for r in pair.moments_lost] == ["moving-in", "post-move-visit"]


def test_metric_rag_change(pair):
    visit = next(s for s in pair.steps if s.id == "post-move-visit")
    (metric,) = visit.metrics
    assert (metric.old_value, metric.new_value, metric.old_rag, metric.new_rag) == (
        55, 82, "red", "amber")


def test_actions(pair):
    found = {(a.kind, a.step_id, a.action_id or a.recommendation): a for a in pair.actions}
    tracker = found[("changed", "viewing", "live-repair-tracker")]
    assert tracker.change("status").old == "in-progress" and tracker.became_done
    moved = found[("changed", "moving-in", "paper-sign-up")]
    assert [(c.field, c.old, c.new) for c in moved.changes] == [
        ("step", "signing-up", "moving-in")]
    paint = found[("changed", "tenancy-support", "Improve the paint pack.")]  # no id: by text
    assert [(c.field, c.old, c.new) for c in paint.changes] == [
        ("owner", "Neighbourhood Services", "Central Support")]
    assert ("added", "welcome-call", "welcome-call-timing") in found
    assert ("removed", "signing-up", "vulnerable-sign-up") in found
    due = found[("changed", "repairs", "repair-responsibilities")].change("due")
    assert (due.old, due.new) == (None, "2026/27 Q4")
    assert pair.summary().actions_done == 2


def test_action_without_id_reworded_is_removed_and_added():
    old = journey(step("a", actions=[{"recommendation": "Call back within a day."}]))
    new = journey(step("a", actions=[{"recommendation": "Call back within two days."}]))
    assert [a.kind for a in diff_maps(old, new).actions] == ["added", "removed"]


def test_action_text_matching_ignores_spacing_but_not_step():
    old = journey(step("a", actions=[{"recommendation": "Call  back\nsoon."}]), step("b"))
    same = journey(step("a", actions=[{"recommendation": "Call back soon.", "status": "done"}]),
                   step("b"))
    other = journey(step("a"), step("b", actions=[{"recommendation": "Call back soon."}]))
    assert [(a.kind, a.change("status").new) for a in diff_maps(old, same).actions] == [
        ("changed", "done")]
    assert [a.kind for a in diff_maps(old, other).actions] == ["added", "removed"]


def test_action_gaining_an_id_is_matched_by_text():
    old = journey(step("a", actions=[{"recommendation": "Fix it."}]))
    new = journey(step("a", actions=[{"id": "fix", "recommendation": "Fix it."}]))
    (action,) = diff_maps(old, new).actions
    assert action.kind == "changed" and action.change("id").new == "fix"


def test_actions_with_different_ids_are_not_matched_by_text():
    old = journey(step("a", actions=[{"id": "one", "recommendation": "Fix it."}]))
    new = journey(step("a", actions=[{"id": "two", "recommendation": "Fix it."}]))
    assert [a.kind for a in diff_maps(old, new).actions] == ["added", "removed"]


def test_rewrapped_prose_is_not_a_change():
    old = journey(step("a", summary="One two\nthree."))
    new = journey(step("a", summary="One  two three."))
    assert not diff_maps(old, new).has_changes


def test_feedback_appearing_counts_from_none():
    result = diff_maps(journey(step("a")), journey(step("a", feedback={"negative": 2})))
    (changed,) = result.steps
    assert (changed.net_before, changed.net_after) == (None, -1.0)
    assert [(c.field, c.old, c.new) for c in changed.fields] == [
        ("feedback.positive", None, 0), ("feedback.neutral", None, 0),
        ("feedback.negative", None, 2), ("feedback.no_comment", None, 0)]


def test_journey_stage_and_diagnosis_changes():
    old = journey(step("a"), title="Old", period="2023/24 Q3")
    data = {"cjmap": 1, "journey": {"title": "New", "customer": "C", "period": "2024/25 Q3"},
            "stages": [{"id": "s", "name": "Stage"}], "steps": [step("a", stage="s")],
            "diagnosis": {"answers": {"costly": {"applies": "no"}}, "decision": "go"}}
    result = diff_maps(old, JourneyMap.model_validate(data))
    assert [(c.field, c.old, c.new) for c in result.journey] == [
        ("title", "Old", "New"), ("period", "2023/24 Q3", "2024/25 Q3"),
        ("stages.s", None, "Stage"), ("diagnosis.decision", None, "go"),
        ("diagnosis.costly", None, "no")]
    assert [(c.field, c.old, c.new) for c in result.steps[0].fields] == [("stage", None, "s")]


def test_duplicate_quotes_count_as_a_multiset():
    old = journey(step("a", pain_points=["x", "x", "y"]))
    new = journey(step("a", pain_points=["x", "y", "y"]))
    (lists,) = diff_maps(old, new).steps[0].lists
    assert (lists.added, lists.removed) == (("y",), ("x",))


# --- moves, as a property -----------------------------------------------------------------------

def _lcs(a: list[str], b: list[str]) -> int:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


step_ids = st.lists(st.sampled_from([f"s{i}" for i in range(12)]), min_size=1, max_size=12,
                    unique=True)


@settings(max_examples=examples(200), deadline=None)
@given(step_ids, step_ids)
def test_moves_are_the_fewest_that_explain_the_new_order(old_ids, new_ids):
    result = diff_maps(ids(old_ids), ids(new_ids))
    common_old = [i for i in old_ids if i in new_ids]
    common_new = [i for i in new_ids if i in old_ids]
    moved = {m.id for m in result.moved}
    assert len(moved) == len(common_old) - _lcs(common_old, common_new)
    assert [i for i in common_old if i not in moved] == [i for i in common_new if i not in moved]
    assert {r.id for r in result.added} == set(new_ids) - set(old_ids)
    assert {r.id for r in result.removed} == set(old_ids) - set(new_ids)


@given(st.lists(st.integers(0, 50), max_size=30, unique=True))
def test_longest_increasing_is_increasing_and_longest(values):
    kept = longest_increasing(values)
    run = [v for v in values if v in kept]
    assert run == sorted(run)
    assert len(run) == _lcs([str(v) for v in values], [str(v) for v in sorted(values)])


# --- formatters ---------------------------------------------------------------------------------

HOSTILE = ("Pipe | <script>alert(1)</script> [click](javascript:alert(1)) ![i](x.png) "
           "@housing-team `code` *bold* $x$ ]]> & \"quoted\" \x1b[31mred\x1b[0m "
           + "W" * 120 + " ünïcødé ☃")


def hostile_pair() -> tuple[JourneyMap, JourneyMap]:
    old = journey(step("a", name="Plain"), step("gone", name=HOSTILE,
                                                    actions=[{"recommendation": HOSTILE}]))
    new = journey(step("a", name=HOSTILE, pain_points=[HOSTILE]),
                  step("b", name=HOSTILE, actions=[{"recommendation": HOSTILE,
                                                    "owner": "@team | x"}]),
                  title=HOSTILE)
    return old, new


def test_markdown_escapes_user_text():
    output = markdown(diff_maps(*hostile_pair(), "old|<b>.yaml", "new.yaml"))
    assert not re.search(r"(?<!\\)<", output)  # every < is escaped: no HTML, no autolink
    assert not re.search(r"(?<!\\)\]\(", output) and "![" not in output  # no link or image
    assert "@housing-team" not in output and "@team" not in output
    assert "\x1b" not in output
    assert "ünïcødé ☃" in output


def test_markdown_table_rows_keep_their_columns():
    output = markdown(diff_maps(*hostile_pair()))
    tables = [block.splitlines() for block in output.split("\n\n") if block.startswith("|")]
    assert len(tables) == 4  # journey, steps, changed steps, actions
    for table in tables:
        widths = {row.replace("\\|", "").count("|") for row in table}
        assert len(widths) == 1, table


def test_text_output_has_no_control_characters():
    output = text(diff_maps(*hostile_pair()))
    assert "\x1b" not in output
    assert "\ufffd[31mred" in output


def test_json_keeps_user_text_exactly():
    document = json.loads(as_json(diff_maps(*hostile_pair())))
    assert document["title"] == HOSTILE
    assert document["steps"]["added"][0]["name"] == HOSTILE


def test_json_keys_are_always_present():
    empty = json.loads(as_json(diff_maps(ids(["a"]), ids(["a"]))))
    full = json.loads(as_json(diff_maps(*hostile_pair())))
    assert list(empty) == list(full)
    assert list(empty["steps"]) == ["added", "removed", "moved", "renamed", "changed"]
    assert list(empty["summary"]) == list(full["summary"])


def test_markdown_renders_user_text_literally():
    import html

    markdown_it = pytest.importorskip("markdown_it")
    renderer = markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough")
    rendered = renderer.render(markdown(diff_maps(*hostile_pair())))
    for tag in ("<a ", "<img", "<script", "<em>", "<strong>Pipe", "<code>code", "<s>", "<b>"):
        assert tag not in rendered
    title = re.search(r"<h3>Journey map changes: (.*)</h3>", rendered).group(1)
    assert html.unescape(title) == one_line(HOSTILE).replace("@", "@\u200b")
    cells = re.findall(r"<td>pain point added: (.*?)</td>", rendered)
    assert [html.unescape(cell) for cell in cells] == [html.unescape(title)]


@st.composite
def maps(draw) -> JourneyMap:
    """Small random maps: steps from a shared pool, random counts, moments and actions."""
    chosen = draw(st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), min_size=1,
                           max_size=6, unique=True))
    steps = []
    for step_id in chosen:
        texts = draw(st.lists(st.sampled_from(["r1", "r2", "r3"]), max_size=3, unique=True))
        actions = [{"id": f"{step_id}-{text}" if draw(st.booleans()) else None,
                    "recommendation": text,
                    "status": draw(st.sampled_from(["proposed", "agreed", "done"]))}
                   for text in texts]
        steps.append(step(step_id, name=draw(st.sampled_from(["One", "Two"])),
                          feedback={"positive": draw(st.integers(0, 5)),
                                    "negative": draw(st.integers(0, 5))},
                          moment_of_truth=draw(st.sampled_from([None, "why", "because"])),
                          actions=[{k: v for k, v in a.items() if v is not None}
                                   for a in actions]))
    return journey(*steps)


@settings(max_examples=examples(150), deadline=None)
@given(maps(), maps())
def test_diff_is_symmetric(old, new):
    forward, backward = diff_maps(old, new).summary(), diff_maps(new, old).summary()
    assert (forward.steps_added, forward.steps_removed) == (
        backward.steps_removed, backward.steps_added)
    assert (forward.moments_gained, forward.moments_lost) == (
        backward.moments_lost, backward.moments_gained)
    assert (forward.net_up, forward.net_down) == (backward.net_down, backward.net_up)
    assert (forward.actions_added, forward.actions_removed, forward.actions_changed) == (
        backward.actions_removed, backward.actions_added, backward.actions_changed)
    assert forward.steps_moved == backward.steps_moved
    assert forward.steps_changed == backward.steps_changed


@settings(max_examples=examples(50), deadline=None)
@given(maps())
def test_a_map_equals_itself(same):
    assert not diff_maps(same, same).has_changes
