"""``cjmap new``'s core: the starters, and filling them in with the analyst's answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.fmt.comment_tokens import comment_words
from cjmap.fmt.formatter import format_text
from cjmap.load import load_text, safe_yaml
from cjmap.starters.create import (
    ANSWER_KEYS,
    JOURNEY_KEYS,
    SCOPE_KEYS,
    STARTERS,
    MissingAnswers,
    NewMapError,
    ScopingQuestion,
    clean,
    complete,
    default_file_name,
    find_starter,
    starter_map_text,
    starter_text,
    suggestions,
)
from cjmap.validate import validate_file

STARTER_FILES = ROOT / "src" / "cjmap" / "starters"
NAMES = [starter.name for starter in STARTERS]
ANSWERS = {"title": "Getting a repair done", "customer": "Tenants with a repair"}
HOSTILE = [
    "Repairs: the sequel", "# not a comment", "a #hash", "'single' and \"double\"", "*star",
    "&anchor", "!tag", "yes", "no", "null", "~", "2024", "1.5", "2023-09-01", "- dash",
    "? question", "{flow}", "[list]", "| pipe", "> fold", "%percent", "@at", "`tick`",
    "line one\nline two", "para one\n\npara two", "trailing space \nnext", "tab\there",
    "é€😀 unicode", "<script>alert(1)</script> & ]]>", "[x](javascript:alert(1))",
    "x" * 300, "nel\x85sep\u2028par\u2029end", "bell\x07",
]


def test_every_starter_file_is_registered_and_every_starter_has_a_file() -> None:
    files = sorted(path.stem for path in STARTER_FILES.glob("*.yaml"))
    assert files == sorted(NAMES)
    assert NAMES[0] == "blank"


@pytest.mark.parametrize("name", NAMES)
def test_starter_validates_with_no_errors_and_no_warnings(name: str) -> None:
    result = validate_file(STARTER_FILES / f"{name}.yaml", dt.date(2030, 1, 1))
    assert result.problems == []


@pytest.mark.parametrize("name", NAMES)
def test_starter_has_every_journey_slot_for_the_answers(name: str) -> None:
    """The answers replace values in place, so the guidance comments beside them stay."""
    journey = safe_yaml().load(starter_text(find_starter(name)))["journey"]
    assert list(journey)[:5] == list(JOURNEY_KEYS)
    assert list(journey["scope"]) == list(SCOPE_KEYS)


@pytest.mark.parametrize("name", NAMES[1:])
def test_journey_starters_are_real_skeletons(name: str) -> None:
    text = starter_text(find_starter(name))
    journey = load_text(text).journey
    assert 5 <= len(journey.steps) <= 8
    assert journey.stages and all(step.stage for step in journey.steps)
    assert all(step.touchpoints and step.doing for step in journey.steps)
    assert any(step.optional for step in journey.steps)  # escalation, case review, aftercare
    for guidance in ("# feedback:", "# quotes:", "# survey:", "# metrics:",
                     "# moment_of_truth:", "# pain_points:", "# actions:", "cjmap diagnose"):
        assert guidance in text
    assert "moment of truth candidate" in text.lower() or "often one" in text


def test_blank_starter_is_minimal() -> None:
    journey = load_text(starter_text(find_starter("blank"))).journey
    assert [step.id for step in journey.steps] == ["first-step"]
    assert suggestions(find_starter("blank")) == {}


def test_repairs_starter_follows_a_repair() -> None:
    journey = load_text(starter_text(find_starter("repairs"))).journey
    assert [step.id for step in journey.steps] == [
        "report-repair", "book-appointment", "visit", "fix", "follow-up", "escalation"]
    assert [step.id for step in journey.steps if step.optional] == ["escalation"]


@pytest.mark.parametrize("given_name, expected", [
    ("repairs", "repairs"), ("Repairs", "repairs"), ("new tenancy", "new-tenancy"),
    ("NEW_TENANCY", "new-tenancy"), ("asb", "anti-social-behaviour"),
    ("anti social behaviour", "anti-social-behaviour"), ("planned-works", "planned-improvements"),
])
def test_find_starter_forgives_spelling(given_name: str, expected: str) -> None:
    assert find_starter(given_name).name == expected


def test_find_starter_suggests_a_close_name() -> None:
    with pytest.raises(NewMapError, match="did you mean complaints\\?"):
        find_starter("complants")
    with pytest.raises(NewMapError, match="the starters are blank, repairs"):
        find_starter("zzz")


@pytest.mark.parametrize("name", NAMES)
def test_new_map_is_valid_canonical_and_keeps_the_starters_comments(name: str) -> None:
    answers = dict(ANSWERS, why="Raise satisfaction", organisation="Example Homes",
                   period="2025/26 Q3", owner="Insight team")
    text = starter_map_text(find_starter(name), answers, "cjmap.schema.json")
    assert text.startswith("# yaml-language-server: $schema=cjmap.schema.json\n")
    loaded = load_text(text)
    assert loaded.problems == []
    journey = loaded.journey.journey
    assert (journey.title, journey.customer, journey.organisation, journey.period,
            journey.owner, journey.scope.why) == (
        "Getting a repair done", "Tenants with a repair", "Example Homes", "2025/26 Q3",
        "Insight team", "Raise satisfaction")
    assert journey.scope.who is None
    assert format_text(text) == text
    starter_words = comment_words(starter_text(find_starter(name)))
    assert sorted(starter_words + ["yaml-language-server:", "$schema=cjmap.schema.json"]) == \
        comment_words(text)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_answers_are_quoted_so_they_read_back_exactly(hostile: str) -> None:
    answers = {key: hostile for key in ANSWER_KEYS}
    text = starter_map_text(find_starter("repairs"), answers, "s.json")
    journey = load_text(text).journey.journey
    expected = clean(hostile)
    assert journey.title == journey.customer == journey.period == expected
    assert journey.scope.how == expected


def test_multi_line_answers_are_literal_blocks() -> None:
    text = starter_map_text(find_starter("blank"), dict(ANSWERS, why="First.\nSecond."), "s.json")
    assert "    why: |-" in text
    assert "      First.\n      Second.\n" in text


@settings(max_examples=examples(40), deadline=None)
@given(st.text(st.characters(codec="utf-8"), min_size=1, max_size=40),
       st.sampled_from(NAMES))
def test_any_answer_reads_back_as_cleaned(answer: str, name: str) -> None:
    expected = clean(answer)
    answers = dict(ANSWERS, customer=expected or "x", who=answer)
    text = starter_map_text(find_starter(name), answers, "s.json")
    journey = load_text(text).journey.journey
    assert journey.customer == (expected or "x")
    assert journey.scope.who == expected
    assert format_text(text) == text


def test_clean_answers() -> None:
    assert clean(None) is None
    assert clean("  \n\t ") is None
    assert clean("  a\r\nb\rc  ") == "a\nb\nc"
    assert clean("bad \udcff byte") == "bad ? byte"


def test_complete_asks_only_what_is_missing() -> None:
    asked: list[tuple[str, Optional[str]]] = []

    def ask(question: ScopingQuestion, suggested: Optional[str]) -> str:
        asked.append((question.key, suggested))
        return {"customer": " Tenants ", "how": "Review"}.get(question.key, "")

    answers = complete({"title": "T", "why": "W"}, find_starter("repairs"), ask)
    assert answers == {"title": "T", "customer": "Tenants", "why": "W", "how": "Review"}
    assert asked == [("customer", "Tenants reporting a responsive repair, from reporting it "
                                  "to the job being closed"),
                     ("who", None), ("what", None), ("how", None)]


def test_complete_without_asking_needs_title_and_customer() -> None:
    with pytest.raises(MissingAnswers) as caught:
        complete({"why": "W"}, find_starter("blank"))
    assert caught.value.keys == ["title", "customer"]
    with pytest.raises(MissingAnswers):
        complete({"title": "T"}, find_starter("blank"), lambda question, suggested: "  ")


def test_new_map_text_refuses_bad_arguments() -> None:
    with pytest.raises(MissingAnswers):
        starter_map_text(find_starter("blank"), {"title": "T"}, "s.json")
    with pytest.raises(NewMapError, match="unknown answer"):
        starter_map_text(find_starter("blank"), dict(ANSWERS, colour="red"), "s.json")
    with pytest.raises(NewMapError, match="one line"):
        starter_map_text(find_starter("blank"), ANSWERS, "a\nb")


def test_default_file_name() -> None:
    assert default_file_name("Getting a repair done!") == "getting-a-repair-done.yaml"
    assert default_file_name("Étude: réparations") == "etude-reparations.yaml"
    assert default_file_name("???") == "journey.yaml"


def test_starters_ship_as_package_data() -> None:
    text = Path(ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"cjmap.starters"' in text and '"cjmap.starters" = ["*.yaml"]' in text
