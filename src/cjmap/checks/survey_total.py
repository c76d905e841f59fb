"""The percentages of one survey question add up to 100 at most.

``satisfied``, ``neutral`` and ``dissatisfied`` are shares of the same respondents, for the step
and for each segment; more than 100 in all means a figure was mistyped.
"""

from __future__ import annotations

from typing import Any, Iterator

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Loc, Severity, step_label
from cjmap.settings import CheckContext

ID = "survey-total"
SEVERITY = Severity.ERROR


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    for index, step in enumerate(journey.steps):
        if step.survey is None:
            continue
        where = step_label(index, step.id)
        yield from _over_100(("steps", index, "survey"), step.survey, where)
        for number, segment in enumerate(step.survey.segments):
            yield from _over_100(("steps", index, "survey", "segments", number), segment,
                                 f"{where}, segment `{segment.name}`")


def _over_100(loc: Loc, result: Any, where: str) -> Iterator[Finding]:
    parts = {name: getattr(result, name, None) for name in ("satisfied", "neutral", "dissatisfied")}
    present = {name: value for name, value in parts.items() if value is not None}
    total = sum(present.values())
    if round(total, 6) > 100:  # 40.1 + 32.2 + 27.7 is 100.00000000000001 in floating point
        last = list(present)[-1]
        sums = " + ".join(f"{name} {value:g}" for name, value in present.items())
        yield Finding((*loc, last), f"{where}: survey percentages add up to {total:g}% ({sums}), past 100%")
