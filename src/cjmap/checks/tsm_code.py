"""A `tsm:` code on a survey or a metric is one of the regulator's 22 Tenant Satisfaction Measures.

Codes are written as the Regulator of Social Housing writes them: TP01 to TP12 (tenant
perception measures), RP01-RP02, BS01-BS05, CH01-CH02 and NM01 (management information). One
spelling keeps diffs, trends and ``cjmap tsm`` lined up, so ``tp3`` is an error with the
suggestion ``TP03``, and a code that does not exist gets the closest one. ``cjmap tsm`` lists
the measures a set of maps evidences.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.housing import tsm
from cjmap.model import JourneyMap
from cjmap.problems import Finding, Loc, Severity
from cjmap.settings import CheckContext

ID = "tsm-code"
SEVERITY = Severity.ERROR


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    for loc, code in tsm_codes(journey):
        if tsm.lookup(code) is not None:
            continue
        close = tsm.suggest(code)
        hint = f": did you mean `{close}`?" if close else " (TP01-TP12, RP01-RP02, BS01-BS05, " \
            "CH01-CH02 or NM01)"
        yield Finding(loc, f"`{code}` is not a Tenant Satisfaction Measure code{hint}")


def tsm_codes(journey: JourneyMap) -> Iterator[tuple[Loc, str]]:
    """Every `tsm:` in the map with its location: surveys' first, then metrics', step by step."""
    for index, step in enumerate(journey.steps):
        if step.survey is not None and step.survey.tsm is not None:
            yield ("steps", index, "survey", "tsm"), step.survey.tsm
        for number, metric in enumerate(step.metrics):
            if metric.tsm is not None:
                yield ("steps", index, "metrics", number, "tsm"), metric.tsm
