"""Quotes are balanced: not all negative, not all positive.

The method guides warn that a map of only complaints (or only praise) misleads its audience;
negative stories should be set beside positive ones. Raised when a map has at least two quotes
with a sentiment and all of them share the same one.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity, step_label
from cjmap.settings import CheckContext

ID = "quote-balance"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    rated = [
        (index, number, quote.sentiment)
        for index, step in enumerate(journey.steps)
        for number, quote in enumerate(step.quotes)
        if quote.sentiment is not None
    ]
    sentiments = {sentiment for _, _, sentiment in rated}
    if len(rated) >= 2 and sentiments in ({"positive"}, {"negative"}):
        index, number, only = rated[0]
        other = "negative" if only == "positive" else "positive"
        yield Finding(("steps", index, "quotes", number, "sentiment"),
                      f"all {len(rated)} quotes are {only} (the first in "
                      f"{step_label(index, journey.steps[index].id)}): add {other} ones for balance")
