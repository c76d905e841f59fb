"""Every derived figure, defined once: net sentiment, balances, RAG, overdue, priorities.

Render, report, diff, trend, export and the checks all call :mod:`.derived`, so a "net
sentiment" or a "red metric" means the same thing everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap import lazy_exports

if TYPE_CHECKING:
    from cjmap.figures.derived import (
        Balance,
        Priority,
        balance,
        derived_rag,
        is_open,
        is_overdue,
        net_sentiment,
        priorities,
        step_sentiment,
        survey_sentiment,
    )

_EXPORTS = {
    "Balance": "cjmap.figures.derived",
    "Priority": "cjmap.figures.derived",
    "balance": "cjmap.figures.derived",
    "derived_rag": "cjmap.figures.derived",
    "is_open": "cjmap.figures.derived",
    "is_overdue": "cjmap.figures.derived",
    "net_sentiment": "cjmap.figures.derived",
    "priorities": "cjmap.figures.derived",
    "step_sentiment": "cjmap.figures.derived",
    "survey_sentiment": "cjmap.figures.derived",
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
