"""A step's ``stage`` names a stage defined under ``stages:``.

A misspelt stage would silently put the step in no column of the rendered map.
"""

from __future__ import annotations

import difflib
from typing import Iterator

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity, step_label
from cjmap.settings import CheckContext

ID = "stage-reference"
SEVERITY = Severity.ERROR


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    known = [stage.id for stage in journey.stages]
    for index, step in enumerate(journey.steps):
        if step.stage is None or step.stage in known:
            continue
        close = difflib.get_close_matches(step.stage, known, n=1)
        hint = f"; did you mean `{close[0]}`?" if close else (
            f" (stages: {', '.join(known)})" if known else " (the map defines no stages)")
        yield Finding(("steps", index, "stage"), f"{step_label(index, step.id)}: stage `{step.stage}` is not defined{hint}")
