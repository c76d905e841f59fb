"""A journey has only a few moments of truth.

Moments of truth are where customers decide whether the service is good; a map that marks most
steps as one no longer says where to look. The limit is 3 and no more than a third of the steps,
rounded up (so 3 of 7 steps is fine, 3 of 4 is not). Set ``moments_of_truth: {max, share}`` in
the configuration to change it.
"""

from __future__ import annotations

from typing import Iterator

from cjmap.figures.derived import moments_of_truth_limit
from cjmap.model import JourneyMap
from cjmap.problems import Finding, Severity
from cjmap.settings import CheckContext

ID = "moments-of-truth-count"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    marked = [i for i, step in enumerate(journey.steps) if step.is_moment_of_truth]
    limit = moments_of_truth_limit(len(journey.steps), context.config.moments_most,
                                   context.config.moments_share)
    if len(marked) > limit:
        yield Finding(
            ("steps", marked[limit], "moment_of_truth"),
            f"{len(marked)} moments of truth in {len(journey.steps)} steps; "
            f"keep the few that matter most (at most {limit} here)",
            anchor="key",
        )
