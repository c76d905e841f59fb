"""Survey percentages are written as percentages, not as fractions.

``satisfied: 0.64`` is read as 0.64%, not 64%. A survey (or a segment) whose given percentages
are all 1 or less, at least one of them above 0, was almost certainly written as fractions:
write ``64`` (or ``"64%"``) for 64%. A single figure of 1 or less (``dissatisfied: 0.5``) could
be a genuine small percentage, so it is only flagged when no survey figure in the map is above 1,
that is when the whole map is written in fractions.
"""

from __future__ import annotations

from typing import Any, Iterator, Union

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Loc, Severity
from cjmap.settings import CheckContext

ID = "survey-fractions"
SEVERITY = Severity.WARNING

PARTS = ("satisfied", "neutral", "dissatisfied")


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    results: list[tuple[Loc, str, Any]] = []
    for index, step in enumerate(journey.steps):
        if step.survey is None:
            continue
        results.append((("steps", index, "survey"), "survey", step.survey))
        for number, segment in enumerate(step.survey.segments):
            loc: Loc = ("steps", index, "survey", "segments", number)
            results.append((loc, f"segment `{segment.name}`", segment))
    in_percent = any(value > 1 for _, _, result in results for value in given(result).values())
    for loc, what, result in results:
        present = given(result)
        if not looks_like_fractions(present):
            continue
        if len(present) == 1 and in_percent:
            continue  # a lone 0.5 beside figures such as 64 is 0.5%
        name, value = next((name, value) for name, value in present.items() if value > 0)
        percent = round(value * 100, 6)
        yield Finding(
            (*loc, name),
            f"{what} percentages look like fractions ({name} {value:g}): "
            f"write {percent:g} for {percent:g}%",
        )


def given(result: Any) -> dict[str, Union[int, float]]:
    """The percentages a survey or segment gives, by name (a segment has no ``neutral``)."""
    parts = {name: getattr(result, name, None) for name in PARTS}
    return {name: value for name, value in parts.items() if value is not None}


def looks_like_fractions(present: dict[str, Union[int, float]]) -> bool:
    """Every given percentage is 1 or less, and at least one is above 0."""
    values = present.values()
    return bool(present) and all(value <= 1 for value in values) and any(v > 0 for v in values)
