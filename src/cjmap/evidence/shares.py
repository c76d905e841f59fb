"""Whole-number percentages from exact counts: half rounds up, and the three shares of a
question never add up to more than 100.

Rounding each share half up can make satisfied, neutral and dissatisfied add up to 101 (50.5%,
49.5% and 0% give 51, 50 and 0). The share that rounding raised the most then gives back one
point; on a tie, neutral gives it back first (the map does not record it), then satisfied
(rather than understate dissatisfaction), then dissatisfied. The total may still be 99.
"""

from __future__ import annotations

from dataclasses import dataclass

from .survey import Tally


@dataclass(frozen=True)
class Percentages:
    """A tally's groups as whole percentages of its base."""

    satisfied: int
    neutral: int
    dissatisfied: int


def percent(count: int, base: int) -> int | None:
    """``count`` as a whole percentage of ``base``, half up; None when the base is 0."""
    if base <= 0:
        return None
    return (200 * count + base) // (2 * base)


def percentages(tally: Tally) -> Percentages | None:
    """The tally's satisfied, neutral and dissatisfied shares; None when its base is 0."""
    base = tally.base
    if base <= 0:
        return None
    counts = {"neutral": tally.neutral, "satisfied": tally.satisfied,
              "dissatisfied": tally.dissatisfied}
    shares = {name: (200 * count + base) // (2 * base) for name, count in counts.items()}
    if sum(shares.values()) > 100:
        # gain = how far rounding raised the share, in hundredths of a respondent
        gained = max(counts, key=lambda name: shares[name] * base - 100 * counts[name])
        shares[gained] -= 1
    return Percentages(shares["satisfied"], shares["neutral"], shares["dissatisfied"])
