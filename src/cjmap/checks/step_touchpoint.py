"""Every step has at least one touchpoint.

A step is an interaction between the customer and the organisation; without a touchpoint the map
does not say where it happens (phone, letter, a visit...).
"""

from __future__ import annotations

from typing import Iterator

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity, step_label
from cjmap.settings import CheckContext

ID = "step-touchpoint"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    for index, step in enumerate(journey.steps):
        if not step.touchpoints:
            yield Finding(("steps", index, "touchpoints"), f"{step_label(index, step.id)} has no touchpoint",
                          anchor="parent")
