"""Derived figures: net sentiment, the curve, RAG, overdue, moments-of-truth limit, priorities."""

from __future__ import annotations

import datetime as dt

import pytest

from cjmap.figures import derived as analysis
from cjmap.model import Action, Metric, Step


def step(**fields) -> Step:
    return Step.model_validate({"id": "s", "name": "S", **fields})


def test_net_sentiment_leaves_out_no_comment() -> None:
    viewing = step(feedback={"positive": 16, "neutral": 1, "negative": 3, "no_comment": 2})
    assert analysis.balance(viewing).total == 20
    assert analysis.net_sentiment(viewing) == pytest.approx(0.65)
    assert analysis.net_sentiment(step()) is None


@pytest.mark.parametrize("sentiment, score", [(None, 3), (-1, 1), (-0.5, 2), (0, 3), (0.24, 3),
                                              (0.25, 4), (0.74, 4), (0.75, 5), (1, 5)])
def test_sentiment_score(sentiment, score) -> None:
    assert analysis.sentiment_score(sentiment) == score


@pytest.mark.parametrize("value, target, better, rag", [
    (5, 5, "lower", "green"), (5.5, 5, "lower", "amber"), (6, 5, "lower", "red"),
    (90, 90, "higher", "green"), (81, 90, "higher", "amber"), (80, 90, "higher", "red"),
])
def test_derived_rag(value, target, better, rag) -> None:
    metric = Metric(name="m", value=value, target=target, better=better)
    assert analysis.derived_rag(metric) == rag


def test_stated_rag_overrides_and_missing_figures_give_none() -> None:
    assert analysis.derived_rag(Metric(name="m", value=1, target=9, better="higher", rag="green")) == "green"
    assert analysis.derived_rag(Metric(name="m", value=1)) is None
    assert analysis.worst_rag(step(metrics=[{"name": "a", "rag": "amber"}, {"name": "b", "rag": "red"}])) == "red"


def test_overdue_only_for_open_actions() -> None:
    today = dt.date(2026, 4, 1)
    late = Action(recommendation="r", due="2025/26 Q4", status="agreed")
    assert analysis.is_overdue(late, today)
    assert not analysis.is_overdue(late, dt.date(2026, 3, 31))
    assert not analysis.is_overdue(Action(recommendation="r", due="2025/26 Q4", status="done"), today)
    assert not analysis.is_overdue(Action(recommendation="r", status="agreed"), today)


@pytest.mark.parametrize("steps, limit", [(1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (9, 3), (30, 3)])
def test_moments_of_truth_limit(steps: int, limit: int) -> None:
    assert analysis.moments_of_truth_limit(steps) == limit


def test_period_order() -> None:
    periods = ["2025/26 Q1", "not a period", "2023/24 Q3", "2024-06-01", None]
    ordered = sorted(periods, key=analysis.period_sort_key)
    assert ordered == ["2023/24 Q3", "2024-06-01", "2025/26 Q1", None, "not a period"]
