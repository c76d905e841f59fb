"""The interactive 5Cs questionnaire, behind an injectable :class:`Prompter`.

The questionnaire decides what to show and what each key means; a prompter only shows screens
and reads lines. ``cjmap diagnose`` passes one built on rich; tests pass a scripted one, so every
path (going back, changing an answer from the summary, quitting) is tested without a terminal.

Keys: on a question, ``y`` yes, ``p`` partly, ``n`` no, ``u`` unsure, ``b`` back to the previous
question (Enter keeps the answer already given, when there is one). On a note, Enter skips it (or
keeps the note already there) and ``-`` removes it. On the summary, Enter finishes, ``1``-``5``
changes that answer, ``b`` goes back to the last question and ``q`` quits without saving.

A prompter may raise KeyboardInterrupt or EOFError from :meth:`Prompter.ask`; they pass through
untouched, and nothing has been written by then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Protocol

from cjmap.fivecs.rule import (
    DEFAULT_THRESHOLD,
    QUESTIONS,
    Diagnosed,
    Question,
    diagnose,
    parse_applies,
    reasons,
)
from cjmap.model import Answer, Applies

Keys = tuple[tuple[str, str], ...]
ANSWER_KEYS: Keys = (("y", "yes"), ("p", "partly"), ("n", "no"), ("u", "unsure"), ("b", "back"))


class Cancelled(Exception):
    """The user chose to quit the questionnaire; nothing is to be saved."""


@dataclass(frozen=True)
class Prompt:
    """A line to read: its label and the keys it understands (for display)."""

    label: str
    keys: Keys = ()


@dataclass(frozen=True)
class QuestionScreen:
    """One C to explain and ask, with the answer already given if the user came back to it."""

    question: Question
    number: int
    total: int
    current: Optional[Answer]


@dataclass(frozen=True)
class ReviewScreen:
    """The summary before anything is saved: answers, decision and reasons."""

    diagnosed: Diagnosed
    reasons: tuple[str, ...]
    finish: str


class Prompter(Protocol):
    """How the questionnaire talks to a person."""

    def show_question(self, screen: QuestionScreen) -> None: ...

    def show_review(self, screen: ReviewScreen) -> None: ...

    def ask(self, prompt: Prompt) -> str:
        """Read one line (without its newline)."""
        ...

    def tell(self, message: str) -> None:
        """Say why the last input was not understood."""
        ...


def run_questionnaire(prompter: Prompter, start: Optional[Mapping[str, Answer]] = None,
                      threshold: int = DEFAULT_THRESHOLD, finish: str = "finish") -> Diagnosed:
    """Ask the five questions (``start`` answers are offered as defaults) until the user finishes.

    Raises :class:`Cancelled` when the user quits from the summary.
    """
    answers: dict[str, Answer] = dict(start or {})
    index, reviewing = 0, False
    while True:
        if index >= len(QUESTIONS):
            reviewing = True
            diagnosed = diagnose(answers, threshold)
            change = _review(prompter, diagnosed, finish)
            if change is None:
                return diagnosed
            index = change
            continue
        question = QUESTIONS[index]
        answer = _ask_question(prompter, question, index, answers.get(question.name))
        if answer is None:
            index -= 1
            continue
        answers[question.name] = answer
        # Once the summary has been seen, a changed answer goes straight back to it.
        index = len(QUESTIONS) if reviewing else index + 1


def _ask_question(prompter: Prompter, question: Question, index: int,
                  current: Optional[Answer]) -> Optional[Answer]:
    """The answer to one C, or None to go back to the previous one."""
    prompter.show_question(QuestionScreen(question, index + 1, len(QUESTIONS), current))
    applies = _ask_applies(prompter, current, first=index == 0)
    if applies is None:
        return None
    note = _ask_note(prompter, current.note if current else None)
    return Answer(applies=applies, note=note)


def _ask_applies(prompter: Prompter, current: Optional[Answer], first: bool) -> Optional[Applies]:
    label = f"Answer (Enter keeps {current.applies})" if current else "Answer"
    keys = ANSWER_KEYS[:-1] if first else ANSWER_KEYS
    while True:
        raw = prompter.ask(Prompt(label, keys)).strip()
        if not raw and current is not None:
            return current.applies
        if raw.lower() in ("b", "back"):
            if not first:
                return None
            prompter.tell("This is the first question: there is nothing to go back to.")
            continue
        try:
            return parse_applies(raw)
        except ValueError:
            prompter.tell("Type y, p, n or u" + ("." if first else " (or b to go back)."))


def _ask_note(prompter: Prompter, current: Optional[str]) -> Optional[str]:
    if current:
        label = "Note (Enter keeps it, - removes it)"
    else:
        label = "Note (optional, Enter to skip)"
    raw = prompter.ask(Prompt(label)).strip()
    if not raw:
        return current or None
    return None if raw == "-" else raw


def _review(prompter: Prompter, diagnosed: Diagnosed, finish: str) -> Optional[int]:
    """None to finish, or the index of the question to go back to."""
    prompter.show_review(ReviewScreen(diagnosed, reasons(diagnosed), finish))
    keys = (("Enter", finish), ("1-5", "change"), ("b", "back"), ("q", "quit"))
    names = {question.name: i for i, question in enumerate(QUESTIONS)}
    while True:
        raw = prompter.ask(Prompt("Your choice", keys)).strip().lower()
        if raw in ("", "s", "save", "ok", "y", "yes"):
            return None
        if raw in ("q", "quit"):
            raise Cancelled()
        if raw in ("b", "back"):
            return len(QUESTIONS) - 1
        if raw.isdigit() and 1 <= int(raw) <= len(QUESTIONS):
            return int(raw) - 1
        if raw in names:
            return names[raw]
        prompter.tell(f"Press Enter to {finish}, a number from 1 to {len(QUESTIONS)} to "
                      "change that answer, b to go back or q to quit.")


def ask_text(prompter: Prompter, label: str) -> str:
    """A line of text that may not be empty (asked again until it is given)."""
    while True:
        raw = " ".join(prompter.ask(Prompt(label)).split())
        if raw:
            return raw
        prompter.tell("This cannot be empty.")
