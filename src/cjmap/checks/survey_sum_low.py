"""The percentages of one survey question add up to 90 or more.

When ``satisfied``, ``neutral`` and ``dissatisfied`` are all given, they should account for
nearly all respondents. Rounding three figures loses at most 1.5 points, and a few "don't know"
answers may be left out, so a total from 90 to 100 is fine; below 90, more than a tenth of the
respondents are missing, which usually means a figure was mistyped (23 written as 3) or copied
from another question. Surveys that give only some of the three figures are not checked.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity
from cjmap.settings import CheckContext

ID = "survey-sum-low"
SEVERITY = Severity.WARNING

LEAST = 90  # percent: below this, the three figures leave out more than a tenth of respondents


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    for index, step in enumerate(journey.steps):
        survey = step.survey
        if survey is None:
            continue
        parts = {"satisfied": survey.satisfied, "neutral": survey.neutral,
                 "dissatisfied": survey.dissatisfied}
        present = {name: value for name, value in parts.items() if value is not None}
        if len(present) < len(parts):
            continue
        values = present.values()
        if all(value <= 1 for value in values) and any(value > 0 for value in values):
            continue  # fractions (0.64, 0.13, 0.23): survey-fractions says so
        total = round(sum(values), 6)  # 40.1 + 29.9 + 20 is not exactly 90 in floating point
        if total < LEAST:
            sums = " + ".join(f"{name} {value:g}" for name, value in present.items())
            yield Finding(
                ("steps", index, "survey", "dissatisfied"),
                f"survey percentages add up to only {total:g}% ({sums}): "
                f"check for a mistyped figure",
            )
