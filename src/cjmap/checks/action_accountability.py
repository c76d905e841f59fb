"""An agreed or in-progress action has an owner and a due date.

Once an action is agreed, someone must own it and it must fall due, or it cannot be tracked.
Proposed, done and declined actions may leave them out. A past wave (``journey.archived:
true``) is not checked.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity, step_label
from cjmap.settings import CheckContext

ID = "action-accountability"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    if journey.journey.archived:
        return  # a past wave: its open actions live on in the current wave
    for index, step in enumerate(journey.steps):
        for number, action in enumerate(step.actions):
            if action.status not in ("agreed", "in-progress"):
                continue
            missing = [name for name in ("owner", "due") if getattr(action, name) is None]
            if missing:
                what = " and ".join(f"`{name}`" for name in missing)
                label = f"{step_label(index, step.id)}, action {number + 1}" + (
                    f" (`{action.id}`)" if action.id else "")
                yield Finding(("steps", index, "actions", number, "status"),
                              f"{label} is {action.status} but has no {what}")
