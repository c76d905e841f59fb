"""Every semantic check has a passing case that sits right on the passing side of its boundary.

``tests/cases/passing/CHECK-ID.yaml`` is the near miss of the check's failing case (in
``invalid/`` or ``warnings/``): the closest map that does not trigger the check. Each must be a
clean map (no problem at all, today fixed at 2026-11-23, default configuration), and a one-line
edit of it must trigger the check, which proves that the passing and the failing case bracket
the rule rather than sitting somewhere far from it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from cjmap.checks import CHECK_BY_ID
from cjmap.config import DEFAULT
from cjmap.validate import validate_file, validate_text

PASSING = Path(__file__).parent / "cases" / "passing"
TODAY = dt.date(2026, 11, 23)
FILES = sorted(PASSING.glob("*.yaml"))

# check id -> (old, new): a one-line edit of the passing case that crosses the check's boundary.
MUTATIONS: dict[str, tuple[str, str]] = {
    # a second `fix` anywhere in the file is a duplicate action id
    "unique-ids": ("      - id: fix-again\n", "      - id: fix\n"),
    # one letter short of a defined stage
    "stage-reference": ("    stage: reporting\n", "    stage: reportng\n"),
    # 70 + 20 + 11 = 101
    "survey-total": ("      dissatisfied: 10\n", "      dissatisfied: 11\n"),
    # a segment one respondent larger than its survey
    "segment-base": ("        - name: Everyone who replied\n          base: 100\n",
                     "        - name: Everyone who replied\n          base: 101\n"),
    # the survey's largest figure drops from 1.5 to 1: both its figures are 1 or less
    "survey-fractions": ("      dissatisfied: 1.5\n", "      dissatisfied: 1\n"),
    # 60 + 20 + 9 = 89, below 90
    "survey-sum-low": ("      dissatisfied: 10\n", "      dissatisfied: 9\n"),
    # a survey base one more than the 412 customers surveyed
    "survey-base-participants": ("    survey:\n      base: 412\n", "    survey:\n      base: 413\n"),
    # one more who could not comment: 17 people, where the research lists 16
    "feedback-participants": ("      no_comment: 2\n", "      no_comment: 3\n"),
    # drop a step: 3 moments of truth in 6 steps, where a third allows only 2
    "moments-of-truth-count": ("  - {id: t3, name: T3, touchpoints: [{channel: phone}]}\n", ""),
    # the moment of truth loses its only action
    "moment-without-action": (
        "    actions: [{recommendation: Keep sending the same operative back to finish the job.}]\n",
        ""),
    # one negative comment at the step that has no pain point and no action
    "negative-without-response": ("neutral: 1, negative: 0,", "neutral: 1, negative: 1,"),
    # the proposed action, with no owner and no due date, is agreed
    "action-accountability": ("        status: proposed\n", "        status: agreed\n"),
    # due yesterday instead of today
    "action-overdue": ("        due: 2026-11-23\n", "        due: 2026-11-22\n"),
    # the first step loses its only touchpoint
    "step-touchpoint": ("    touchpoints: [{channel: home-visit}]\n", ""),
    # one built-in channel misspelt
    "unknown-channel": ("      - channel: phone\n", "      - channel: phon\n"),
    # the positive quote turns negative: both rated quotes are negative
    "quote-balance": ("        sentiment: positive\n", "        sentiment: negative\n"),
    # the last staged step goes back to `before` after `after`
    "stage-order": ("    name: Three\n    stage: after\n", "    name: Three\n    stage: before\n"),
    # one partly becomes no: 4 points, below the threshold of 5, yet the decision says go
    "diagnosis-decision": ("    costly: {applies: partly}\n", "    costly: {applies: no}\n"),
    # the phone number one digit short gets its last digit
    "personal-data": ("      - Nobody rang back on 07700 90012.\n",
                      "      - Nobody rang back on 07700 900123.\n"),
    # the survey's code written in lower case, without its leading zero
    "tsm-code": ("      tsm: TP09\n", "      tsm: tp9\n"),
    # the metric names the perception measure instead of the management one
    "tsm-kind": ("        tsm: CH02\n", "        tsm: TP09\n"),
    # the standard's id as the analyst might remember it
    "standard-id": ("        standard: awaabs-law-investigate\n",
                    "        standard: awaabs-law-investigation\n"),
    # one working day past the law's 10
    "standard-target": ("        target: 10\n", "        target: 11\n"),
}

# Further edits for checks with more than one boundary: (check id, old, new).
MORE_MUTATIONS: list[tuple[str, str, str]] = [
    # a fourth moment of truth in the same 7 steps: past the maximum of 3
    ("moments-of-truth-count", "  - {id: t3, name: T3, touchpoints: [{channel: phone}]}\n",
     ("  - {id: t3, name: T3, touchpoints: [{channel: phone}], moment_of_truth: Matters.,"
      " actions: [{recommendation: Keep it up.}]}\n")),
    # a segment's two figures: 60 + 41 = 101
    ("survey-total", "          dissatisfied: 40\n", "          dissatisfied: 41\n"),
    # the action done after its due date passed is reopened
    ("action-overdue", "        due: 2024-01-01\n        status: done\n",
     "        due: 2024-01-01\n        status: in-progress\n"),
    # the agreed action loses its owner
    ("action-accountability", "        owner: Repairs\n", ""),
    # the segment's lone 0.5 gains a second figure of 1 or less: fractions, whatever the map
    ("survey-fractions", "        - {name: Retired, base: 200, dissatisfied: 0.5}\n",
     "        - {name: Retired, base: 200, satisfied: 0.9, dissatisfied: 0.5}\n"),
    # decimals: 40.1 + 29.9 + 19.9 = 89.9
    ("survey-sum-low", "      dissatisfied: 20\n", "      dissatisfied: 19.9\n"),
    # the segment of the survey with no base: one more than the customers surveyed
    ("survey-base-participants", "          base: 412\n", "          base: 413\n"),
    # one customer fewer surveyed: the survey base of 412 is then one too many
    ("survey-base-participants", "      participants: 112\n", "      participants: 111\n"),
    # the customers' focus group is no longer a focus group: only the 10 interviewed count
    ("feedback-participants", "    - method: focus-group\n      participants: 6\n",
     "    - method: observation\n      participants: 6\n"),
    # the answers still score 5, but the diagnosis sets its own threshold of 6
    ("diagnosis-decision", "  decision: go\n", "  threshold: 6\n  decision: go\n"),
    # a name after the titles with none: "Mr and Mrs Khan"
    ("personal-data", "      - text: Mr and Mrs both rang,", "      - text: Mr and Mrs Khan rang,"),
    # 85 days is a day past the 12 weeks
    ("standard-target", "        target: 84\n", "        target: 85\n"),
    # the emergency standard's metric says more hours are better
    ("standard-target", "        better: lower\n", "        better: higher\n"),
]


def problems_of(path: Path) -> list[str]:
    return [str(problem) for problem in validate_file(path, TODAY, DEFAULT).problems]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_passing_case_has_no_problem(path: Path) -> None:
    assert problems_of(path) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_passing_case_says_where_its_boundary_is(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("# "), path.name


def test_every_check_has_a_passing_case() -> None:
    """A check added without a passing case (or a case for no check) fails here."""
    assert {path.stem for path in FILES} == set(CHECK_BY_ID)


def test_every_check_has_a_mutation() -> None:
    assert set(MUTATIONS) == set(CHECK_BY_ID)


def _mutated(check_id: str, old: str, new: str) -> list[str]:
    """The rules raised by the passing case of ``check_id`` with ``old`` replaced by ``new``."""
    path = PASSING / f"{check_id}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    edited = text.replace(old, new)
    matcher = difflib.SequenceMatcher(a=text.splitlines(), b=edited.splitlines())
    changed = sum(max(i2 - i1, j2 - j1)
                  for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    assert changed == 1, "a mutation edits exactly one line"
    result = validate_text(edited, str(path), TODAY, DEFAULT)
    return [problem.rule for problem in result.problems]


@pytest.mark.parametrize("check_id", sorted(MUTATIONS))
def test_one_line_edit_crosses_the_boundary(check_id: str) -> None:
    old, new = MUTATIONS[check_id]
    assert check_id in _mutated(check_id, old, new)


@pytest.mark.parametrize("check_id, old, new", MORE_MUTATIONS,
                         ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(MORE_MUTATIONS)])
def test_another_one_line_edit_crosses_the_boundary(check_id: str, old: str, new: str) -> None:
    assert check_id in _mutated(check_id, old, new)


DECIMAL_SURVEY = """\
cjmap: 1
journey:
  title: Reporting a repair
  customer: Tenants reporting a repair
steps:
  - id: report
    name: Report
    touchpoints: [{channel: phone}]
    survey:
      base: 1000
      satisfied: 40.1
      neutral: 32.2
      dissatisfied: 27.7
"""


def test_decimal_percentages_adding_up_to_100_pass() -> None:
    result = validate_text(DECIMAL_SURVEY, "decimal.yaml", TODAY, DEFAULT)
    assert [str(problem) for problem in result.problems] == []
