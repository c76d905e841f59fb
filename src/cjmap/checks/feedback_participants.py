"""A step's feedback counts no more people than ``journey.research`` says were heard.

A step's ``feedback`` counts customers: ``positive``, ``neutral``, ``negative`` and
``no_comment`` (asked, but could not comment) together are the people asked about the step. They
come from interviews, focus groups or survey comments, so together they cannot be more than the
``participants`` of the research entries with ``method: interview``, ``focus-group`` or
``survey`` and customers as their audience. Checked only when the research lists at least one
such entry and every one gives its participants. Correct the counts, or the research.
"""

from __future__ import annotations

from typing import Iterator, Optional

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity
from cjmap.settings import CheckContext

ID = "feedback-participants"
SEVERITY = Severity.WARNING

SOURCES = ("interview", "focus-group", "survey")  # where a step's feedback may come from


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    heard = _heard(journey)
    if heard is None:
        return
    limit = sum(heard.values())
    lists = f"{heard['interview']} interviewed and {heard['focus-group']} in focus groups"
    if "survey" in heard:
        lists = (f"{heard['interview']} interviewed, {heard['focus-group']} in focus groups "
                 f"and {heard['survey']} surveyed")
    for index, step in enumerate(journey.steps):
        feedback = step.feedback
        if feedback is None:
            continue
        total = feedback.positive + feedback.neutral + feedback.negative + feedback.no_comment
        if total > limit:
            people = "person" if total == 1 else "people"
            yield Finding(
                ("steps", index, "feedback"),
                f"{total} {people} gave feedback here but journey.research lists {lists}: "
                "correct the counts or the research",
                anchor="key",
            )


def _heard(journey: JourneyMap) -> Optional[dict[str, int]]:
    """Customers heard by each method; None when no entry says or one leaves its number out."""
    entries = [item for item in journey.journey.research
               if item.method in SOURCES and item.audience == "customers"]
    if not entries or any(item.participants is None for item in entries):
        return None
    heard = {"interview": 0, "focus-group": 0}
    for item in entries:
        heard[item.method] = heard.get(item.method, 0) + (item.participants or 0)
    return heard
