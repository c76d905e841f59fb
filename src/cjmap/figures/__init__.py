"""Every derived figure, defined once: net sentiment, the two evidence series with their n and
intervals, segment tests, RAG, overdue, priorities, failure demand, and how each is worded.

Render, report, diff, trend, export and the checks all call :mod:`.derived`, so a "net
sentiment" or a "red metric" means the same thing everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap import lazy_exports

if TYPE_CHECKING:
    from cjmap.figures.derived import (
        Balance,
        balance,
        derived_rag,
        is_open,
        is_overdue,
        net_sentiment,
    )
    from cjmap.figures.evidence import (
        JourneyFigures,
        Priority,
        StepEvidence,
        journey_figures,
    )

_EXPORTS = {
    "Balance": "cjmap.figures.derived",
    "Priority": "cjmap.figures.evidence",
    "JourneyFigures": "cjmap.figures.evidence",
    "StepEvidence": "cjmap.figures.evidence",
    "journey_figures": "cjmap.figures.evidence",
    "balance": "cjmap.figures.derived",
    "derived_rag": "cjmap.figures.derived",
    "is_open": "cjmap.figures.derived",
    "is_overdue": "cjmap.figures.derived",
    "net_sentiment": "cjmap.figures.derived",
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
