"""A step with negative feedback names a pain point or an action.

If customers complained about a step, the map should record what hurt (``pain_points``) or what
will be done (``actions``); otherwise the feedback is counted and then forgotten.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity, step_label
from cjmap.settings import CheckContext

ID = "negative-without-response"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    for index, step in enumerate(journey.steps):
        feedback = step.feedback
        if feedback and feedback.negative > 0 and not step.actions and not step.pain_points:
            yield Finding(("steps", index, "feedback", "negative"),
                          f"{feedback.negative} negative at {step_label(index, step.id)} but no pain point "
                          "and no action")
