"""Mermaid ``journey`` export: golden files, scores, sections, and hostile text."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.figures.derived import sentiment_score
from cjmap.figures.evidence import journey_figures
from cjmap.model import JourneyMap
from cjmap.render.mermaid import clean, to_mermaid
from cjmap.validate import load_map

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))

# Mermaid's journey lexer (journey.jison), case-insensitive, tried in order: a line that one of
# these would take is not a task.
KEYWORD_START = re.compile(r"^(journey|title\s|section\s|acctitle\s*:|accdescr\s*[:{])", re.I)


def make_map(**step: object) -> JourneyMap:
    base = {"id": "s", "name": "Step"}
    base.update(step)
    return JourneyMap.model_validate(
        {"cjmap": 1, "journey": {"title": "T", "customer": "C"}, "steps": [base]})


def parse_tasks(text: str) -> list[tuple[str, str, list[str]]]:
    """Read the diagram as Mermaid's lexer would: (section, task name, actors) per task."""
    lines = text.splitlines()
    assert lines[0] == "journey"
    tasks, section = [], ""
    for line in lines[1:]:
        body = line.strip()
        assert "#" not in body and ";" not in body and "%%" not in body, line
        if body.startswith("title "):
            continue
        if body.startswith("section "):
            section = body[len("section "):]
            assert ":" not in section
            continue
        assert not KEYWORD_START.match(body), line
        name, data = body.split(":", 1)
        fields = data.split(":")
        assert fields[0].strip().isdigit(), line
        people = [p.strip() for p in fields[1].split(",")] if len(fields) > 1 else []
        tasks.append((section, name.strip(), people))
    return tasks


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_match_golden(path, golden):
    golden(f"render/{path.stem}.mmd", to_mermaid(load_map(path)))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_step_is_a_task_with_its_sentiment_score(path):
    journey = load_map(path)
    text = to_mermaid(journey)
    tasks = parse_tasks(text)
    assert len(tasks) == len(journey.steps)
    scores = [int(line.split(":")[1]) for line in text.splitlines() if line.startswith("    ")]
    assert scores == [sentiment_score(item.curve) for item in journey_figures(journey).steps]


def test_sections_follow_stages_and_unstaged_steps_get_their_own():
    journey = JourneyMap.model_validate({
        "cjmap": 1, "journey": {"title": "T", "customer": "C"},
        "stages": [{"id": "a", "name": "Stage A"}],
        "steps": [{"id": "x", "name": "First"}, {"id": "y", "name": "Second", "stage": "a"},
                  {"id": "z", "name": "Third"}],
    })
    assert parse_tasks(to_mermaid(journey)) == [
        ("", "First", []), ("Stage A", "Second", []), ("Other steps", "Third", [])]


def test_marks_for_optional_steps_and_moments_of_truth():
    text = to_mermaid(make_map(optional=True, moment_of_truth="Why"))
    assert "    Step (optional) \u2605: 3\n" in text


def test_actors_are_the_people_met_deduplicated():
    journey = make_map(touchpoints=[
        {"channel": "phone", "with": "Officer"}, {"channel": "letter", "with": "Officer"},
        {"channel": "web"}, {"channel": "email", "with": "Team A, Team B"}])
    assert parse_tasks(to_mermaid(journey))[0][2] == ["Officer", "Team A / Team B"]


def test_hostile_text_cannot_change_the_diagram():
    hostile = 'x: 1: Evil\n  section Injected; title #1 %%{init: {"theme":"dark"}}%% <script>'
    journey = JourneyMap.model_validate({
        "cjmap": 1, "journey": {"title": hostile, "customer": "C"},
        "stages": [{"id": "a", "name": hostile}],
        "steps": [{"id": "s", "name": hostile, "stage": "a",
                   "touchpoints": [{"channel": "web", "with": hostile}]}],
    })
    text = to_mermaid(journey)
    assert text.count("\n") == 4  # journey, title, section, one task
    assert "<" not in text and "%%" not in text
    (section, name, people), = parse_tasks(text)
    assert "Injected, title no. 1" in name and "Evil" in name
    assert len(people) == 1


@pytest.mark.parametrize("name", ["journey home", "Title deeds", "SECTION 21 notice",
                                  "accTitle", "accDescr {x}"])
def test_task_names_that_look_like_keywords_stay_tasks(name):
    (_, task, _), = parse_tasks(to_mermaid(make_map(name=name)))
    assert task.strip("\u200b") == name


def test_colons_read_naturally():
    assert clean("Repairs: first visit at 10:30") == "Repairs - first visit at 10.30"
    assert clean("Flat #3; block B") == "Flat no. 3, block B"


def test_empty_names_fall_back_to_the_id():
    (_, task, _), = parse_tasks(to_mermaid(make_map(name="###")))
    assert task == "s"


@settings(max_examples=examples(200), deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_any_step_name_is_one_task(name):
    tasks = parse_tasks(to_mermaid(make_map(name=name, touchpoints=[
        {"channel": "web", "with": name}])))
    assert len(tasks) == 1


def test_bidirectional_overrides_are_dropped():
    assert clean("a\u202eb\u2069c") == "abc"
