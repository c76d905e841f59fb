"""Derived figures, each defined once (the evidence-aware step figures, the curve and the
priorities are in :mod:`cjmap.figures.evidence`; their wording in :mod:`cjmap.figures.wording`).

Render, report, diff, trend and the checks all call these, so a "net sentiment" or a "red
metric" means the same thing everywhere. Every function takes model objects and returns plain
values; none prints.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Iterable, Optional

from cjmap.dates import parse_quarter
from cjmap.model import OPEN_STATUSES, Action, JourneyMap, Metric, Step

RAG_ORDER = {"green": 0, "amber": 1, "red": 2}

# A metric worse than its target by no more than this share of the target is amber, not red.
AMBER_TOLERANCE = 0.10


@dataclass(frozen=True)
class Balance:
    """A step's feedback counts; ``total`` leaves out customers who could not comment."""

    positive: int = 0
    neutral: int = 0
    negative: int = 0
    no_comment: int = 0

    @property
    def total(self) -> int:
        return self.positive + self.neutral + self.negative

    @property
    def net(self) -> Optional[float]:
        """(positive - negative) / total, from -1 to 1; None with no feedback."""
        if self.total == 0:
            return None
        return (self.positive - self.negative) / self.total

    @property
    def negative_share(self) -> Optional[float]:
        return None if self.total == 0 else self.negative / self.total


def balance(step: Step) -> Balance:
    """The feedback balance of a step (all zero when it has no counts)."""
    feedback = step.feedback
    if feedback is None:
        return Balance()
    return Balance(feedback.positive, feedback.neutral, feedback.negative, feedback.no_comment)


def net_sentiment(step: Step) -> Optional[float]:
    """Net feedback of a step from -1 (all negative) to 1 (all positive), or None."""
    return balance(step).net


def sentiment_score(sentiment: Optional[float]) -> int:
    """Sentiment as a 1-5 score (Mermaid's journey scale); 3 when unknown."""
    if sentiment is None:
        return 3
    return max(1, min(5, int(math.floor(3 + 2 * sentiment + 0.5))))


def derived_rag(metric: Metric) -> Optional[str]:
    """The metric's RAG rating: the stated one, else derived from value, target and ``better``.

    Meeting the target is green; missing it by up to 10% of the target is amber; worse is red.
    """
    if metric.rag is not None:
        return metric.rag
    if metric.value is None or metric.target is None or metric.better is None:
        return None
    shortfall = metric.target - metric.value if metric.better == "higher" else (
        metric.value - metric.target)
    if shortfall <= 0:
        return "green"
    if shortfall <= abs(metric.target) * AMBER_TOLERANCE:
        return "amber"
    return "red"


def worst_rag(step: Step) -> Optional[str]:
    """The worst RAG rating among a step's metrics, or None when none is rated."""
    ratings = [r for r in (derived_rag(m) for m in step.metrics) if r is not None]
    return max(ratings, key=RAG_ORDER.__getitem__) if ratings else None


def rag_counts(step: Step) -> dict[str, int]:
    counts = {"red": 0, "amber": 0, "green": 0}
    for metric in step.metrics:
        rating = derived_rag(metric)
        if rating is not None:
            counts[rating] += 1
    return counts


def is_open(action: Action) -> bool:
    return action.status in OPEN_STATUSES


def is_overdue(action: Action, today: dt.date) -> bool:
    """Past its due date and neither done nor declined."""
    return is_open(action) and action.due is not None and action.due.date < today


def all_actions(journey: JourneyMap) -> Iterable[tuple[Step, Action]]:
    for step in journey.steps:
        for action in step.actions:
            yield step, action


def moments_of_truth(journey: JourneyMap) -> list[Step]:
    return [step for step in journey.steps if step.is_moment_of_truth]


def moments_of_truth_limit(step_count: int, most: int = 3, share: float = 1 / 3) -> int:
    """How many moments of truth count as "a few": at most ``most``, and no more than
    ``share`` of the steps rounded up (so 7 steps may have 3, and 4 steps 2)."""
    return max(1, min(most, math.ceil(step_count * share - 1e-9)))


def quote_balance(journey: JourneyMap) -> dict[str, int]:
    counts = {"positive": 0, "neutral": 0, "negative": 0}
    for step in journey.steps:
        for quote in step.quotes:
            if quote.sentiment is not None:
                counts[quote.sentiment] += 1
    return counts


def period_sort_key(period: Optional[str]) -> tuple[int, str]:
    """Order periods in time: financial quarters and ISO dates by date, other text after."""
    if period:
        quarter = parse_quarter(period)
        if quarter is not None:
            return (quarter.start.toordinal(), period)
        try:
            return (dt.date.fromisoformat(period.strip()).toordinal(), period)
        except ValueError:
            pass
    return (10**7, period or "")
