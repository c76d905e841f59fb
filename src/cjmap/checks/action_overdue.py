"""An open action is not past its due date.

An action that is proposed, agreed or in progress and whose due date has passed is overdue:
finish it, decline it, or move its date. Today is the system date, or ``--today``. A due quarter
falls due on its last day (2025/26 Q4 on 31 March 2026). A past wave (``journey.archived:
true``) is not checked: its actions are followed up in the current wave.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.figures.derived import is_overdue
from cjmap.dates import DueDate
from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity, step_label
from cjmap.settings import CheckContext

ID = "action-overdue"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    if journey.journey.archived:
        return  # a past wave: its open actions live on in the current wave
    for index, step in enumerate(journey.steps):
        for number, action in enumerate(step.actions):
            if action.due is not None and is_overdue(action, context.today):
                label = f"{step_label(index, step.id)}, action {number + 1}" + (
                    f" (`{action.id}`)" if action.id else "")
                yield Finding(("steps", index, "actions", number, "due"),
                              f"{label} was due {due_words(action.due)} and is still {action.status}")


def due_words(due: DueDate) -> str:
    """"2025/26 Q4 (2026-03-31)" for a quarter; a date alone when the label is the date."""
    day = due.date.isoformat()
    return due.label if due.label == day else f"{due.label} ({day})"
