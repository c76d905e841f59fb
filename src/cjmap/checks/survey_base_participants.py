"""A survey's base is no larger than the customers surveyed in ``journey.research``.

A step's survey ``base`` (and a segment's ``base``) counts respondents, so it cannot be more
than the ``participants`` of the research entries with ``method: survey`` and customers as
their audience (added up when there are several). Checked only when every such entry gives its
participants. Correct the base, or the participants in the research.
"""

from __future__ import annotations

from typing import Iterator, Optional

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity
from cjmap.settings import CheckContext

ID = "survey-base-participants"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    surveyed = _surveyed(journey)
    if surveyed is None:
        return
    fix = f"more than the {surveyed} customers journey.research lists as surveyed: " \
          "correct the base or the research"
    for index, step in enumerate(journey.steps):
        survey = step.survey
        if survey is None:
            continue
        if survey.base is not None:
            if survey.base > surveyed:
                yield Finding(("steps", index, "survey", "base"),
                              f"survey base of {survey.base} is {fix}")
            continue  # its segments are held to this base by segment-base
        for number, segment in enumerate(survey.segments):
            if segment.base is not None and segment.base > surveyed:
                yield Finding(("steps", index, "survey", "segments", number, "base"),
                              f"segment `{segment.name}` has a base of {segment.base}, {fix}")


def _surveyed(journey: JourneyMap) -> Optional[int]:
    """Customers surveyed, by the research; None when no entry says or one leaves it out."""
    counts = [item.participants for item in journey.journey.research
              if item.method == "survey" and item.audience == "customers"]
    if not counts or any(count is None for count in counts):
        return None
    return sum(count for count in counts if count is not None)
