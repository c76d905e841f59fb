"""A stored 5Cs decision follows from its answers.

``cjmap diagnose`` scores the answers (yes 2, partly 1, no or unsure 0) and decides *go* at the
threshold (5 by default, or the diagnosis's ``threshold``). A decision edited by hand that the
answers do not support is flagged, so the map does not claim a mandate it lacks.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.fivecs.rule import decide_diagnosis
from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity
from cjmap.settings import CheckContext

ID = "diagnosis-decision"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    diagnosis = journey.diagnosis
    if diagnosis is None or diagnosis.decision is None:
        return
    result = decide_diagnosis(diagnosis)
    if result.decision != diagnosis.decision:
        yield Finding(("diagnosis", "decision"),
                      f"decision is `{diagnosis.decision}` but the answers score "
                      f"{result.points} of {result.maximum} points, which is "
                      f"`{result.decision}` (threshold {result.threshold})")
