"""A survey segment's base is no larger than the survey's base.

A segment is part of the respondents, so it cannot have more of them than the whole survey.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity, step_label
from cjmap.settings import CheckContext

ID = "segment-base"
SEVERITY = Severity.ERROR


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    for index, step in enumerate(journey.steps):
        survey = step.survey
        if survey is None or survey.base is None:
            continue
        for number, segment in enumerate(survey.segments):
            if segment.base is not None and segment.base > survey.base:
                yield Finding(
                    ("steps", index, "survey", "segments", number, "base"),
                    f"{step_label(index, step.id)}: segment `{segment.name}` has a base of {segment.base}, "
                    f"more than the survey's base of {survey.base}",
                )
