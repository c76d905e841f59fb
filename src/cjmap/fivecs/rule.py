"""The 5Cs go/no-go diagnostic: its five questions and its decision rule.

Journey mapping pays off most where the experience is Changeable, Challenged, Complex, Climactic
and Costly. Each C is answered yes, partly, no or unsure. The rule:

- yes scores 2 points, partly 1, no 0, unsure 0 (an unsure answer is something to find out);
- the decision is **go** when the points reach the threshold (5 of 10 by default), else **no-go**;
- the Cs answered yes or partly are the reasons for a go; those answered no are the reasons
  against; the unsure ones are what to find out next.

This module is the core of ``cjmap diagnose``: it never prints or asks. The interactive
questionnaire built on it is in :mod:`cjmap.fivecs.questionnaire`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from cjmap.model import FIVE_CS, Answer, Answers, Applies, Diagnosis, Verdict

POINTS = {"yes": 2, "partly": 1, "no": 0, "unsure": 0}
DEFAULT_THRESHOLD = 5
MAXIMUM = 2 * len(FIVE_CS)

# What a user may type for each answer, on a prompt or in an option; case does not matter.
APPLIES_WORDS: dict[str, Applies] = {
    "y": "yes", "yes": "yes", "true": "yes",
    "p": "partly", "partly": "partly", "part": "partly",
    "n": "no", "no": "no", "false": "no",
    "u": "unsure", "unsure": "unsure", "?": "unsure", "don't know": "unsure",
}  # fmt: skip


@dataclass(frozen=True)
class Question:
    """One C: its name in the file, its title, the question and what it means."""

    name: str
    title: str
    question: str
    explanation: str
    examples: tuple[str, ...]


QUESTIONS: tuple[Question, ...] = (
    Question(
        "changeable", "Changeable", "Is the experience changing, or about to?",
        "The service, the rules around it or the relationship with customers is shifting, so "
        "the way things work today will not hold for long. A map shows what to keep and what "
        "to fix while things are in motion.",
        ("A new housing system, contact centre or contractor is coming in",
         "A policy or eligibility rule changed this year",
         "Customers stay for years and what they need shifts over time"),
    ),
    Question(
        "challenged", "Challenged", "Are customers dissatisfied where they expect a lot?",
        "Complaints, low satisfaction or poor survey scores about something customers care "
        "about and expect to work. The gap between what they expect and what they get is what "
        "a map explains.",
        ("Complaints about the service are rising",
         "Satisfaction is below target, or below that of similar landlords",
         "Customers say they have to chase to find out what is happening"),
    ),
    Question(
        "complex", "Complex", "Are many customer groups, contacts, channels or teams involved?",
        "Several kinds of customer, many contacts over weeks or months, a mix of channels, or a "
        "journey that crosses departments and contractors. Nobody sees the whole of it, and "
        "that is where hand-offs fail.",
        ("A request passes from the contact centre to a contractor and back",
         "Customers phone, email and use the portal about the same thing",
         "Families, older tenants and people with support needs all go through it"),
    ),
    Question(
        "climactic", "Climactic", "Do emotions run high, or are people vulnerable or at risk?",
        "Moments that matter deeply in people's lives: safety, health, gaining or losing a "
        "home, money worries. Getting these wrong does lasting harm; a map shows how they "
        "feel, not only what happens.",
        ("Damp and mould affecting a child's health",
         "Someone moving in after leaving care, hospital or a refuge",
         "Rent arrears and the threat of losing the home"),
    ),
    Question(
        "costly", "Costly", "Is it expensive to deliver, or to get wrong?",
        "A high cost of serving customers, many repeat contacts, rework and waste, or a high "
        "price when it fails: compensation, legal costs, homes standing empty.",
        ("Second visits because the first could not fix the problem",
         "Calls chasing progress fill the contact centre",
         "Empty homes losing rent while work waits"),
    ),
)
QUESTION_BY_NAME = {question.name: question for question in QUESTIONS}


@dataclass(frozen=True)
class Decision:
    """The outcome of the rule, with the Cs behind it."""

    decision: Verdict
    points: int
    threshold: int
    maximum: int
    drivers: tuple[str, ...]  # Cs answered yes or partly
    against: tuple[str, ...]  # Cs answered no
    unsure: tuple[str, ...]  # Cs answered unsure or not at all: what to find out next

    @property
    def could_change(self) -> bool:
        """A no-go that the unsure Cs, if they turned out to apply, could still make a go."""
        return self.decision == "no-go" and self.points + 2 * len(self.unsure) >= self.threshold


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
    decision: Verdict = "go" if points >= threshold else "no-go"
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


def parse_applies(value: object) -> Applies:
    """``yes``, ``partly``, ``no`` or ``unsure`` from what a user wrote (y, P, true, ...).

    Raises ValueError with a message that lists what is accepted.
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        word = APPLIES_WORDS.get(" ".join(value.split()).lower())
        if word is not None:
            return word
    raise ValueError(f"{_shown(value)} is not an answer: use yes, partly, no or unsure "
                     "(or y, p, n, u)")


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, str) else f"`{value}`"
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True)
class Diagnosed:
    """A completed diagnosis: all five answers (missing ones as unsure) and the decision."""

    answers: Mapping[str, Answer]
    decision: Decision

    def to_diagnosis(self, date: Optional[dt.date]) -> Diagnosis:
        """The ``diagnosis`` block of the map; the threshold only when it is not the default."""
        threshold = self.decision.threshold
        return Diagnosis(
            date=date, answers=Answers(**dict(self.answers)), decision=self.decision.decision,
            threshold=None if threshold == DEFAULT_THRESHOLD else threshold)

    def as_data(self, date: Optional[dt.date] = None) -> dict[str, Any]:
        """Plain data for ``--format json``; keys in a fixed order."""
        result = self.decision
        return {
            "decision": result.decision, "points": result.points,
            "threshold": result.threshold, "maximum": result.maximum,
            "date": date.isoformat() if date else None,
            "answers": {name: {"applies": answer.applies, "points": POINTS[answer.applies],
                               "note": answer.note}
                        for name, answer in self.answers.items()},
            "drivers": list(result.drivers), "against": list(result.against),
            "find_out_next": [{"c": name, "question": QUESTION_BY_NAME[name].question}
                              for name in result.unsure],
            "reasons": list(reasons(self)),
        }


def diagnose(answers: Mapping[str, Optional[Answer]],
             threshold: int = DEFAULT_THRESHOLD) -> Diagnosed:
    """Complete the answers (a missing C is unsure) and apply the rule."""
    full = {name: answers.get(name) or Answer(applies="unsure") for name in FIVE_CS}
    decision = decide({name: answer.applies for name, answer in full.items()}, threshold)
    return Diagnosed(full, decision)


def answers_of(diagnosis: Optional[Diagnosis]) -> dict[str, Answer]:
    """The answers stored in a diagnosis block, keyed by C (unanswered Cs left out)."""
    if diagnosis is None:
        return {}
    stored = {name: getattr(diagnosis.answers, name) for name in FIVE_CS}
    return {name: answer for name, answer in stored.items() if answer is not None}


def reasons(diagnosed: Diagnosed) -> tuple[str, ...]:
    """The decision in sentences: the score and the Cs that drove it.

    The unsure Cs are not repeated here: they are listed, with their questions, as what to find
    out next (``Decision.unsure``).
    """
    result = diagnosed.decision
    if result.decision == "go":
        lines = [f"Go: {result.points} of {result.maximum} points reaches the threshold of "
                 f"{result.threshold}."]
        lines += _listed("Driven by", result.drivers, diagnosed)
        lines += _listed("Against", result.against, diagnosed)
    else:
        lines = [f"No-go: {result.points} of {result.maximum} points is below the threshold "
                 f"of {result.threshold}."]
        lines += _listed("Held back by", result.against + result.unsure, diagnosed)
        lines += _listed("In favour", result.drivers, diagnosed)
    if result.could_change:
        lines.append(f"If the unsure Cs apply, the score could reach "
                     f"{result.points + 2 * len(result.unsure)}: find out before deciding.")
    return tuple(lines)


def _listed(label: str, names: tuple[str, ...], diagnosed: Diagnosed) -> list[str]:
    if not names:
        return []
    parts = [f"{QUESTION_BY_NAME[name].title} ({diagnosed.answers[name].applies})"
             for name in names]
    return [f"{label}: " + ", ".join(parts) + "."]
