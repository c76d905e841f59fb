"""The 5Cs go/no-go diagnostic and its decision rule.

Journey mapping pays off most where the experience is Changeable, Challenged, Complex, Climactic
and Costly. Each C is answered yes, partly, no or unsure. The rule:

- yes scores 2 points, partly 1, no 0, unsure 0 (an unsure answer is something to find out);
- the decision is **go** when the points reach the threshold (5 of 10 by default), else **no-go**;
- the Cs answered yes or partly are the reasons for a go; those answered no are the reasons
  against.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from cjmap.model import FIVE_CS, Diagnosis

POINTS = {"yes": 2, "partly": 1, "no": 0, "unsure": 0}
DEFAULT_THRESHOLD = 5
MAXIMUM = 2 * len(FIVE_CS)


@dataclass(frozen=True)
class Decision:
    """The outcome of the rule, with the Cs behind it."""

    decision: str  # "go" or "no-go"
    points: int
    threshold: int
    maximum: int
    drivers: tuple[str, ...]  # Cs answered yes or partly
    against: tuple[str, ...]  # Cs answered no
    unsure: tuple[str, ...]  # Cs answered unsure or not at all: what to find out next


def decide(answers: Mapping[str, Optional[str]], threshold: int = DEFAULT_THRESHOLD) -> Decision:
    """Apply the rule to answers keyed by C (missing or None counts as unsure)."""
    points = 0
    drivers, against, unsure = [], [], []
    for name in FIVE_CS:
        applies = answers.get(name) or "unsure"
        points += POINTS[applies]
        if applies in ("yes", "partly"):
            drivers.append(name)
        elif applies == "no":
            against.append(name)
        else:
            unsure.append(name)
    decision = "go" if points >= threshold else "no-go"
    return Decision(decision, points, threshold, MAXIMUM, tuple(drivers), tuple(against),
                    tuple(unsure))


def decide_diagnosis(diagnosis: Diagnosis) -> Decision:
    """The rule applied to a stored diagnosis (with its own threshold, if it has one)."""
    answers = {
        name: (answer.applies if answer is not None else None)
        for name in FIVE_CS
        for answer in [getattr(diagnosis.answers, name)]
    }
    threshold = diagnosis.threshold if diagnosis.threshold is not None else DEFAULT_THRESHOLD
    return decide(answers, threshold)
