"""The 5Cs rule (a table of cases), answer parsing, reasons, and the questionnaire's logic."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from cjmap.fivecs.questionnaire import Cancelled, Prompt, ask_text, run_questionnaire
from cjmap.fivecs.rule import (
    DEFAULT_THRESHOLD,
    MAXIMUM,
    POINTS,
    QUESTIONS,
    decide,
    decide_diagnosis,
    diagnose,
    parse_applies,
    reasons,
)
from cjmap.load import safe_yaml
from cjmap.model import FIVE_CS, Answer, Answers, Diagnosis

CASES = safe_yaml().load((ROOT / "tests" / "cases" / "fivecs" / "rule.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_rule_table(case: dict[str, Any]) -> None:
    answers = dict(zip(FIVE_CS, case["answers"]))
    result = decide(answers, case.get("threshold", DEFAULT_THRESHOLD))
    assert result.points == case["points"]
    assert result.decision == case["decision"]
    assert result.drivers == tuple(case.get("drivers", []))
    assert result.against == tuple(case.get("against", []))
    assert result.unsure == tuple(case.get("unsure", []))
    assert result.maximum == 10


def test_the_table_covers_every_answer_and_both_decisions() -> None:
    seen = {answer for case in CASES for answer in case["answers"]}
    assert seen == {"yes", "partly", "no", "unsure", None}
    assert {case["decision"] for case in CASES} == {"go", "no-go"}


answers_strategy = st.fixed_dictionaries(
    {name: st.sampled_from(["yes", "partly", "no", "unsure", None]) for name in FIVE_CS})


@given(answers_strategy, st.integers(min_value=1, max_value=10))
def test_rule_properties(answers: dict[str, Any], threshold: int) -> None:
    result = decide(answers, threshold)
    assert result.points == sum(POINTS[value or "unsure"] for value in answers.values())
    assert (result.decision == "go") == (result.points >= threshold)
    # every C is in exactly one of the three lists, in the questionnaire's order
    listed = result.drivers + result.against + result.unsure
    assert sorted(listed) == sorted(FIVE_CS)
    for group in (result.drivers, result.against, result.unsure):
        assert list(group) == [name for name in FIVE_CS if name in group]


@given(answers_strategy, st.integers(min_value=1, max_value=10))
def test_stored_diagnosis_is_decided_by_the_same_rule(answers: dict[str, Any],
                                                        threshold: int) -> None:
    stored = Answers(**{name: Answer(applies=value) for name, value in answers.items()
                        if value is not None})
    diagnosis = Diagnosis(answers=stored, threshold=threshold)
    assert decide_diagnosis(diagnosis) == decide(answers, threshold)


@given(answers_strategy, st.integers(min_value=1, max_value=10))
def test_a_diagnosis_written_by_diagnose_agrees_with_the_check(answers: dict[str, Any],
                                                              threshold: int) -> None:
    given_answers = {name: Answer(applies=value) for name, value in answers.items() if value}
    diagnosed = diagnose(given_answers, threshold)
    stored = diagnosed.to_diagnosis(dt.date(2024, 1, 1))
    assert decide_diagnosis(stored).decision == stored.decision == diagnosed.decision.decision
    assert (stored.threshold is None) == (threshold == DEFAULT_THRESHOLD)


def test_diagnose_fills_missing_answers_as_unsure() -> None:
    diagnosed = diagnose({"costly": Answer(applies="yes", note="Repeat visits")})
    assert list(diagnosed.answers) == list(FIVE_CS)
    assert diagnosed.answers["changeable"] == Answer(applies="unsure")
    assert diagnosed.answers["costly"].note == "Repeat visits"


@pytest.mark.parametrize("text, expected", [
    ("y", "yes"), ("YES", "yes"), (" Yes ", "yes"), (True, "yes"), ("true", "yes"),
    ("p", "partly"), ("Partly", "partly"), ("part", "partly"),
    ("n", "no"), ("No", "no"), (False, "no"), ("false", "no"),
    ("u", "unsure"), ("unsure", "unsure"), ("?", "unsure"), ("Don't  know", "unsure"),
])
def test_parse_applies_accepts(text: object, expected: str) -> None:
    assert parse_applies(text) == expected


@pytest.mark.parametrize("text", ["maybe", "", "b", "yess", 2, None, ["yes"], "x" * 100])
def test_parse_applies_refuses_with_the_accepted_words(text: object) -> None:
    with pytest.raises(ValueError) as error:
        parse_applies(text)
    assert "use yes, partly, no or unsure (or y, p, n, u)" in str(error.value)
    assert len(str(error.value)) < 120


def _diagnosed(*values: str, threshold: int = DEFAULT_THRESHOLD) -> Any:
    return diagnose({name: Answer(applies=value) for name, value in zip(FIVE_CS, values)},
                    threshold)


def test_reasons_for_a_go_name_the_drivers_and_what_is_against() -> None:
    assert reasons(_diagnosed("yes", "yes", "partly", "no", "unsure")) == (
        "Go: 5 of 10 points reaches the threshold of 5.",
        "Driven by: Changeable (yes), Challenged (yes), Complex (partly).",
        "Against: Climactic (no).",
    )


def test_reasons_for_a_no_go_name_what_held_it_back_and_what_could_change_it() -> None:
    assert reasons(_diagnosed("yes", "no", "no", "unsure", "partly")) == (
        "No-go: 3 of 10 points is below the threshold of 5.",
        "Held back by: Challenged (no), Complex (no), Climactic (unsure).",
        "In favour: Changeable (yes), Costly (partly).",
        "If the unsure Cs apply, the score could reach 5: find out before deciding.",
    )


def test_a_no_go_the_unsure_cs_cannot_rescue_says_nothing_about_them() -> None:
    diagnosed = _diagnosed("no", "no", "no", "unsure", "partly", threshold=6)
    assert not diagnosed.decision.could_change
    assert not any("could reach" in line for line in reasons(diagnosed))


def test_as_data_lists_what_to_find_out_next() -> None:
    data = _diagnosed("yes", "yes", "yes", "unsure", "no").as_data(dt.date(2024, 5, 1))
    assert data["decision"] == "go" and data["points"] == 6 and data["maximum"] == MAXIMUM
    assert data["date"] == "2024-05-01"
    assert data["find_out_next"] == [
        {"c": "climactic", "question": "Do emotions run high, or are people vulnerable or at risk?"}]
    assert data["answers"]["costly"] == {"applies": "no", "points": 0, "note": None}


def test_every_c_has_a_question_an_explanation_and_examples() -> None:
    assert tuple(question.name for question in QUESTIONS) == FIVE_CS
    for question in QUESTIONS:
        assert question.title.lower() == question.name
        assert question.question.endswith("?")
        assert len(question.explanation) > 80
        assert len(question.examples) >= 2


# --- the questionnaire, through a scripted prompter -------------------------------------------


class Script:
    """A prompter that answers from a list of lines and records what it was shown."""

    def __init__(self, *lines: str) -> None:
        self.lines = list(lines)
        self.events: list[tuple[str, ...]] = []
        self.prompts: list[Prompt] = []

    def show_question(self, screen: Any) -> None:
        current = screen.current.applies if screen.current else "-"
        self.events.append(("question", screen.question.name, f"{screen.number}/{screen.total}",
                            current))

    def show_review(self, screen: Any) -> None:
        self.events.append(("review", screen.diagnosed.decision.decision, screen.finish))

    def ask(self, prompt: Prompt) -> str:
        self.prompts.append(prompt)
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    def tell(self, message: str) -> None:
        self.events.append(("told", message))


def _questions(script: Script) -> list[str]:
    return [event[1] for event in script.events if event[0] == "question"]


def test_five_answers_then_finish() -> None:
    script = Script("y", "Rules changed", "p", "", "n", "", "u", "", "Y", "  ", "")
    diagnosed = run_questionnaire(script)
    assert {name: answer.applies for name, answer in diagnosed.answers.items()} == {
        "changeable": "yes", "challenged": "partly", "complex": "no", "climactic": "unsure",
        "costly": "yes"}
    assert diagnosed.answers["changeable"].note == "Rules changed"
    assert diagnosed.answers["challenged"].note is None
    assert diagnosed.decision.points == 5 and diagnosed.decision.decision == "go"
    assert _questions(script) == list(FIVE_CS)
    assert script.events[-1] == ("review", "go", "finish")
    assert not script.lines


def test_back_goes_to_the_previous_question_and_shows_its_answer() -> None:
    script = Script("y", "", "p", "", "b", "n", "", "n", "", "n", "", "n", "", "")
    diagnosed = run_questionnaire(script)
    assert _questions(script) == ["changeable", "challenged", "complex", "challenged",
                                  "complex", "climactic", "costly"]
    assert ("question", "challenged", "2/5", "partly") in script.events
    assert diagnosed.answers["challenged"].applies == "no"


def test_back_on_the_first_question_explains_and_asks_again() -> None:
    script = Script("b", "y", "", "y", "", "y", "", "y", "", "y", "", "")
    run_questionnaire(script)
    assert ("told", "This is the first question: there is nothing to go back to.") in script.events
    assert script.prompts[0].keys == (("y", "yes"), ("p", "partly"), ("n", "no"),
                                      ("u", "unsure"))
    assert ("b", "back") in script.prompts[3].keys  # the second question


def test_an_unknown_key_is_explained_and_asked_again() -> None:
    script = Script("maybe", "y", "", "y", "", "y", "", "y", "", "y", "", "")
    run_questionnaire(script)
    assert script.events[1] == ("told", "Type y, p, n or u.")


def test_the_summary_changes_one_answer_and_returns_to_the_summary() -> None:
    script = Script("n", "", "n", "", "n", "", "n", "", "n", "",
                    "3", "y", "Many teams", "",)
    diagnosed = run_questionnaire(script, finish="save to map.yaml")
    assert _questions(script) == list(FIVE_CS) + ["complex"]
    reviews = [event for event in script.events if event[0] == "review"]
    assert reviews == [("review", "no-go", "save to map.yaml")] * 2
    assert diagnosed.answers["complex"] == Answer(applies="yes", note="Many teams")


def test_the_summary_understands_names_back_and_explains_other_keys() -> None:
    script = Script("y", "", "y", "", "y", "", "y", "", "y", "",
                    "9", "costly", "n", "", "b", "", "", "")
    diagnosed = run_questionnaire(script)
    assert any(event[0] == "told" and "a number from 1 to 5" in event[1]
               for event in script.events)
    assert _questions(script)[5:] == ["costly", "costly"]
    assert diagnosed.answers["costly"].applies == "no"


def test_quit_on_the_summary_cancels() -> None:
    script = Script("y", "", "y", "", "y", "", "y", "", "y", "", "q")
    with pytest.raises(Cancelled):
        run_questionnaire(script)


def test_end_of_input_and_ctrl_c_pass_through() -> None:
    with pytest.raises(EOFError):
        run_questionnaire(Script("y", ""))

    class Interrupted(Script):
        def ask(self, prompt: Prompt) -> str:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_questionnaire(Interrupted())


def test_starting_answers_are_defaults_kept_by_enter() -> None:
    start = {"changeable": Answer(applies="yes", note="Kept note"),
             "costly": Answer(applies="no", note="Old note")}
    script = Script("", "", "p", "", "n", "", "u", "", "", "-", "")
    diagnosed = run_questionnaire(script, start)
    assert diagnosed.answers["changeable"] == Answer(applies="yes", note="Kept note")
    assert diagnosed.answers["costly"] == Answer(applies="no")  # "-" removed the note
    assert script.prompts[0].label == "Answer (Enter keeps yes)"
    assert script.prompts[1].label == "Note (Enter keeps it, - removes it)"
    assert script.prompts[3].label == "Note (optional, Enter to skip)"


def test_enter_without_an_answer_to_keep_asks_again() -> None:
    script = Script("", "y", "", "y", "", "y", "", "y", "", "y", "", "")
    run_questionnaire(script)
    assert script.events[1] == ("told", "Type y, p, n or u.")


def test_the_threshold_reaches_the_decision() -> None:
    lines = ("y", "", "y", "", "y", "", "n", "", "n", "", "")
    assert run_questionnaire(Script(*lines)).decision.decision == "go"
    assert run_questionnaire(Script(*lines), threshold=7).decision.decision == "no-go"


def test_ask_text_insists_on_some_text() -> None:
    script = Script("", "   ", "  New   tenants ")
    assert ask_text(script, "Who?") == "New tenants"
    assert script.events == [("told", "This cannot be empty.")] * 2


def test_the_documentation_shows_the_questions_as_asked() -> None:
    docs = (ROOT / "docs" / "diagnose.md").read_text(encoding="utf-8")
    for question in QUESTIONS:
        assert f"| **{question.title}** | {question.question} |" in docs
    for applies, points in POINTS.items():
        assert f"| {applies}" in docs and f"| {points} |" in docs
