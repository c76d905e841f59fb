"""A perception measure (TP) sits on a survey, a management measure (RP, BS, CH, NM) on a metric.

Tenant perception measures come from the landlord's tenant survey, so their figure is a survey
result (a share satisfied, with its base); the management information measures come from the
landlord's own records, so theirs is a metric (a percentage or a rate per 1,000 homes). A TSM
code in the other place usually means the figure beside it is not the measure: move the code,
or the figure.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.checks.tsm_code import tsm_codes
from cjmap.housing import tsm
from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity
from cjmap.settings import CheckContext

ID = "tsm-kind"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    for loc, code in tsm_codes(journey):
        measure = tsm.lookup(code)
        if measure is None:
            continue  # tsm-code reports it
        on_survey = "survey" in loc
        if measure.kind == "perception" and not on_survey:
            yield Finding(loc, f"{code} ({measure.title}) is a tenant perception measure, from the"
                          " tenant survey: name it on the step's `survey:`, not on a metric")
        elif measure.kind == "management" and on_survey:
            yield Finding(loc, f"{code} ({measure.title}) is a management information measure,"
                          " from the landlord's records: name it on a metric, not on a survey")
