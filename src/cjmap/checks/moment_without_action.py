"""Every moment of truth has at least one action.

A moment of truth is where the experience is won or lost; the map should say what will be done
about it, even if the action is to keep doing what works.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity, step_label
from cjmap.settings import CheckContext

ID = "moment-without-action"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    for index, step in enumerate(journey.steps):
        if step.is_moment_of_truth and not step.actions:
            yield Finding(("steps", index, "moment_of_truth"),
                          f"{step_label(index, step.id)} is a moment of truth but has no action", anchor="key")
