"""A metric's `standard:` names a statutory timescale cjmap knows.

The standards are Awaab's Law (``awaabs-law-emergency``, ``-investigate``, ``-summary``,
``-safety-work``, ``-further-works``) and the Housing Ombudsman's Complaint Handling Code
(``chc-stage1-acknowledge``, ``chc-stage1-respond``, ``chc-stage2-acknowledge``,
``chc-stage2-respond``). An unknown id is an error with the closest one suggested: a metric
that names no real standard is not held to any.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.housing import standards
from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity
from cjmap.settings import CheckContext

ID = "standard-id"
SEVERITY = Severity.ERROR


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    for index, step in enumerate(journey.steps):
        for number, metric in enumerate(step.metrics):
            if metric.standard is None or standards.lookup(metric.standard) is not None:
                continue
            close = standards.suggest(metric.standard)
            hint = (f": did you mean `{close}`?" if close
                    else f" (known: {', '.join(standards.load_standards())})")
            yield Finding(("steps", index, "metrics", number, "standard"),
                          f"`{metric.standard}` is not a statutory standard cjmap knows{hint}")
