"""A metric held to a statutory standard sets no target laxer than the law, in a comparable unit.

With ``standard:`` a metric's unit, direction and target default to the standard's. A target of
its own is compared with the law: 15 working days against Awaab's Law's 10 is a warning that
says what the law requires and where it comes from. Units convert only where the conversion is
exact (weeks and days); working days against calendar days, or hours against days, cannot be
compared without the dates, and that is a warning too, since a wrong "fine" would hide a breach.
A metric whose unit is not a time (a percentage, a count) is not the timescale itself: record the
time taken, or report the share on time as a TSM (``tsm: CH02``) without ``standard:``.
"""

from __future__ import annotations

import re
from typing import Iterator

from cjmap.housing import standards
from cjmap.housing.standard_defaults import UNIT_WORDS
from cjmap.model import JourneyMap, Metric
from cjmap.problems import Finding, Loc, Severity
from cjmap.settings import CheckContext

ID = "standard-target"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    for index, step in enumerate(journey.steps):
        for number, metric in enumerate(step.metrics):
            rule = standards.lookup(metric.standard) if metric.standard else None
            if rule is not None:
                yield from _against(("steps", index, "metrics", number), metric, rule)


def _against(at: Loc, metric: Metric, rule: standards.Standard) -> Iterator[Finding]:
    law = f"\"{rule.title}\" within {_timescale(rule)} ({citation(rule)})"
    unit = metric.unit or UNIT_WORDS[rule.unit]
    if standards.normalise_unit(unit) is None:
        yield Finding((*at, "unit"), f"`{unit}` is not a unit of time, so the figure cannot be held"
                      f" to the law: {law}; record the time taken in {UNIT_WORDS[rule.unit]},"
                      " or drop `standard:`")
        return
    if metric.better == "higher" and rule.direction == "lower-is-better":
        yield Finding((*at, "better"), f"`better: higher` contradicts the law, where a shorter time"
                      f" is better: {law}; remove `better` or set it to lower")
    if metric.target is None:
        return
    laxer = standards.is_laxer(rule, metric.target, unit)
    target = f"{metric.target:g} {unit}"
    if laxer:
        yield Finding((*at, "target"), f"a target of {target} is laxer than the law: {law};"
                      f" set the target to {_timescale(rule)} or less")
    elif laxer is None:
        yield Finding((*at, "target"), f"cannot tell whether a target of {target} meets the law,"
                      f" since the days between depend on the dates: {law}; set the target in"
                      f" {UNIT_WORDS[rule.unit]}")


def _timescale(rule: standards.Standard) -> str:
    return f"{rule.timescale:g} {UNIT_WORDS[rule.unit]}"


def citation(rule: standards.Standard) -> str:
    """The document a standard comes from, named briefly, and the part of it.

    The catalogue's own doubts ("(regulation numbers not confirmed)") stay in the catalogue and
    docs/housing.md: a message names the source, it does not argue about it.
    """
    document = " ".join(rule.source.document.split(", made under")[0].split())
    section = re.sub(r"\s*\([^)]*not confirmed\)", "", rule.source.section)
    return f"{document}, {section}"
