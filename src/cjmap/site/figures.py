"""Every figure the site, the print views and the workshop slides show, through one door.

The site never computes a figure itself: it asks this module, and this module asks
:mod:`cjmap.figures` (and :mod:`cjmap.report.context` for the report's step views). When the
figures' definitions change (the lowest step, evidence-aware shares, TSM codes, archived
waves), this is the one module to point at the new ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cjmap.figures import wording
from cjmap.figures.derived import (
    all_actions,
    derived_rag,
    is_open,
    is_overdue,
    moments_of_truth,
)
from cjmap.figures.evidence import JourneyFigures, journey_figures
from cjmap.housing.tsm import lookup
from cjmap.model import JourneyMap, Metric, Step, Survey
from cjmap.report.context import build_context


@dataclass(frozen=True)
class Summary:
    """A journey's line in the site's index."""

    title: str
    customer: str
    period: str | None
    steps: int
    moments: tuple[str, ...]
    lowest: str | None
    lowest_figure: str | None
    open: int
    overdue: int
    archived: bool


@dataclass(frozen=True)
class TsmRow:
    """One figure in a map that carries a Tenant Satisfaction Measure code."""

    code: str
    title: str
    journey: str
    step: str
    value: str


def is_archived(journey: JourneyMap) -> bool:
    """A past wave (``journey.archived: true``), when the model knows the field."""
    return bool(getattr(journey.journey, "archived", False))


def lowest_step(journey: JourneyMap) -> Step | None:
    """The curve's lowest point, by the one definition every view uses
    (:func:`cjmap.figures.evidence.journey_figures`): never a step on thin evidence."""
    lowest = journey_figures(journey).lowest
    return lowest.step if lowest is not None else None


def summary(journey: JourneyMap, today: dt.date) -> Summary:
    """The index line of one map."""
    actions = [action for _, action in all_actions(journey)]
    figures = journey_figures(journey)
    low = figures.lowest
    about = journey.journey
    return Summary(
        title=about.title, customer=about.customer, period=about.period,
        steps=len(journey.steps), moments=tuple(step.name for step in moments_of_truth(journey)),
        lowest=low.step.name if low else None,
        lowest_figure=wording.series_figure(low.curve, figures.curve) if low else None,
        open=sum(is_open(action) for action in actions),
        overdue=sum(is_overdue(action, today) for action in actions),
        archived=is_archived(journey),
    )


def step_views(journey: JourneyMap, today: dt.date) -> list[Any]:
    """The report's step views (figures, balanced quotes, open actions) for the slides."""
    return build_context(journey, today=today).steps


def step_figures(step: Step, figures: JourneyFigures) -> list[tuple[str, str]]:
    """A step's figures as (label, words) pairs, for a slide or a table, each series with its n
    and interval (the report's wording)."""
    rows: list[tuple[str, str]] = []
    item = figures.of(step)
    if item.feedback is not None:
        rows.append(("Customers' comments", wording.feedback_summary(item.feedback)))
    if item.survey is not None:
        rows.append(("Survey", wording.survey_summary(item.survey)))
    for metric in step.metrics:
        value = "no value" if metric.value is None else wording.number(metric.value)
        unit = f" {metric.unit}" if metric.unit else ""
        target = f" (target {wording.number(metric.target)}{unit})" if metric.target is not None else ""
        rag = derived_rag(metric)
        rows.append((metric.name, f"{value}{unit}{target}" + (f", {rag.upper()}" if rag else "")))
    return rows


def open_actions(step: Step) -> int:
    return sum(is_open(action) for action in step.actions)


def curve_value(step: Step, figures: JourneyFigures) -> str:
    """The step's point on the curve, worded with its series ("net −24", "survey net +21")."""
    return wording.series_figure(figures.of(step).curve, figures.curve)


def _tsm_fields() -> tuple[bool, bool]:
    """Whether surveys and metrics have a ``tsm`` field (the housing branch adds it)."""
    return "tsm" in Survey.model_fields, "tsm" in Metric.model_fields


def tsm_rows(journeys: list[JourneyMap]) -> list[TsmRow]:
    """Every figure with a TSM code, by code; empty when the model has no such field."""
    on_survey, on_metric = _tsm_fields()
    if not (on_survey or on_metric):
        return []
    rows = [row for journey in journeys for row in _tsm_rows_of(journey)]
    return sorted(rows, key=lambda row: (row.code, row.journey, row.step))


def _tsm_rows_of(journey: JourneyMap) -> list[TsmRow]:
    rows = []
    for step in journey.steps:
        survey = step.survey
        code = getattr(survey, "tsm", None) if survey is not None else None
        if code and survey is not None:
            rows.append(_tsm_row(str(code), journey, step, f"{survey.satisfied}% satisfied"))
        for metric in step.metrics:
            code = getattr(metric, "tsm", None)
            if code:
                unit = f" {metric.unit}" if metric.unit else ""
                rows.append(_tsm_row(str(code), journey, step, f"{metric.value}{unit}"))
    return rows


def _tsm_row(code: str, journey: JourneyMap, step: Step, value: str) -> TsmRow:
    measure = lookup(code)
    return TsmRow(code, measure.title if measure else "", journey.journey.title, step.name, value)
