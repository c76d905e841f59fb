"""The steps of a stage are consecutive.

Stages are columns over the steps; a stage whose steps are split by another stage's would be
drawn as two columns with the same name. Reorder the steps or split the stage.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity, step_label
from cjmap.settings import CheckContext

ID = "stage-order"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    finished: set[str] = set()
    current = None
    for index, step in enumerate(journey.steps):
        if step.stage == current:
            continue
        if current is not None:
            finished.add(current)
        current = step.stage
        if current is not None and current in finished:
            yield Finding(("steps", index, "stage"),
                          f"{step_label(index, step.id)} returns to stage `{current}` after other steps; "
                          "a stage's steps should be consecutive")
