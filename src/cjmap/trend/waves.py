"""The same journey mapped in several waves, over time.

Analysts repeat a journey mapping exercise (the same journey a year later) to see whether their
actions worked. :func:`build_trend` takes the maps of each wave, orders them by
``journey.period`` (financial quarters and ISO dates in time order, other text after them), and
follows every step by its ``id``: its net sentiment and survey dissatisfaction in each wave, and
the actions whose status became ``done`` between one wave and the next.

Rules: at least two maps; every map has a period, and no two share one (two spellings of the
same quarter are the same period); every map shares at least one step id with the others. A
title that differs from the latest wave's, or a period that is not a date or a quarter, is a
warning in the result, not a failure: journeys get renamed.

Nothing here prints; :mod:`cjmap.trend.formats` and :mod:`cjmap.render.trend_chart` present the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from cjmap.dates import parse_quarter
from cjmap.diff.compare import diff_actions
from cjmap.figures.change import WaveChange, compare_waves
from cjmap.figures.derived import Balance, balance, net_sentiment, period_sort_key
from cjmap.model import JourneyMap, Metric, Segment, Step

UNDATED = 10**7  # period_sort_key's first element for a period that is not a date


class TrendError(Exception):
    """The maps cannot form a trend; the message says why."""


@dataclass(frozen=True)
class Wave:
    """One map in the trend: where it came from and when it was mapped."""

    label: str
    period: str
    journey: JourneyMap


@dataclass(frozen=True)
class WavePoint:
    """A step in one wave; ``present`` is False when that wave's map has no such step."""

    present: bool
    balance: Balance
    net: Optional[float]
    survey_base: Optional[int]
    dissatisfied: Optional[float]
    satisfied: Optional[float] = None
    segments: tuple[Segment, ...] = ()
    metrics: tuple[Metric, ...] = ()

    @property
    def commented(self) -> int:
        """How many people the net sentiment rests on (who commented, of those asked)."""
        return self.balance.total


@dataclass(frozen=True)
class StepTrend:
    """One step across the waves (a point per wave, in wave order)."""

    id: str
    name: str
    points: tuple[WavePoint, ...]

    @property
    def net_change(self) -> Optional[float]:
        return _change([point.net for point in self.points])

    @property
    def dissatisfied_change(self) -> Optional[float]:
        return _change([point.dissatisfied for point in self.points])


def _change(values: Sequence[Optional[float]]) -> Optional[float]:
    """The last known value minus the first, or None with fewer than two known values."""
    known = [value for value in values if value is not None]
    return known[-1] - known[0] if len(known) >= 2 else None


@dataclass(frozen=True)
class Completion:
    """An action whose status became ``done`` between two consecutive waves.

    ``previous_status`` is None when the action first appears, already done, in the later wave.
    """

    from_period: str
    to_period: str
    step_id: str
    action_id: Optional[str]
    recommendation: str
    previous_status: Optional[str]
    outcome: Optional[str] = None


@dataclass(frozen=True)
class Trend:
    title: str
    waves: tuple[Wave, ...]
    steps: tuple[StepTrend, ...]
    completed: tuple[Completion, ...]
    warnings: tuple[str, ...]
    changes: tuple[WaveChange, ...] = ()  # each pair of consecutive waves, tested

    def added_removed(self) -> list[tuple[str, str, str, str]]:
        """(period, kind, step id, name): each step added or removed since the wave before."""
        found = []
        for index in range(1, len(self.waves)):
            for step in self.steps:
                before, now = step.points[index - 1].present, step.points[index].present
                if before != now:
                    kind = "added" if now else "removed"
                    found.append((self.waves[index].period, kind, step.id, step.name))
        return found

    @property
    def periods(self) -> tuple[str, ...]:
        return tuple(wave.period for wave in self.waves)

    @property
    def has_survey(self) -> bool:
        return any(p.dissatisfied is not None for step in self.steps for p in step.points)


def build_trend(maps: Sequence[tuple[str, JourneyMap]]) -> Trend:
    """The trend of ``maps`` (label, map) pairs, in any order; raises TrendError."""
    waves = order_waves(maps)
    _check_overlap(waves)
    latest = waves[-1].journey
    by_id = [{step.id: step for step in wave.journey.steps} for wave in waves]
    return Trend(
        title=latest.journey.title,
        waves=waves,
        steps=tuple(_step_trend(step_id, by_id) for step_id in merged_step_order(waves)),
        completed=tuple(completions(waves)),
        warnings=tuple(_warnings(waves)),
        changes=tuple(compare_waves(earlier.journey, later.journey)
                      for earlier, later in zip(waves, waves[1:])),
    )


def order_waves(maps: Sequence[tuple[str, JourneyMap]]) -> tuple[Wave, ...]:
    """The maps as waves in time order; raises TrendError for too few, undated or same-period maps."""
    if len(maps) < 2:
        raise TrendError("a trend needs at least two maps of the same journey (one per wave)")
    waves = []
    for label, journey in maps:
        period = (journey.journey.period or "").strip()
        if not period:
            raise TrendError(f"{label}: journey.period is missing; trend orders the waves by it")
        waves.append(Wave(label, period, journey))
    waves.sort(key=lambda wave: period_sort_key(wave.period))
    for earlier, later in zip(waves, waves[1:]):
        if _same_period(earlier.period, later.period):
            raise TrendError(f"{earlier.label} and {later.label} are both for period "
                             f"{earlier.period!r}; give one map per period")
    return tuple(waves)


def _same_period(first: str, second: str) -> bool:
    return _period_identity(first) == _period_identity(second)


def _period_identity(period: str) -> tuple[str, str]:
    """What a period means: a quarter, a day, or text (case ignored). "2023/24 Q1" and
    "Quarter One of 2023/24" are one period; "2023/24 Q1" and "2023-04-01" are not."""
    quarter = parse_quarter(period)
    if quarter is not None:
        return ("quarter", quarter.label)
    if period_sort_key(period)[0] != UNDATED:
        return ("day", period.strip())
    return ("text", period.casefold())


def _check_overlap(waves: Sequence[Wave]) -> None:
    ids = [{step.id for step in wave.journey.steps} for wave in waves]
    for index, wave in enumerate(waves):
        others = set().union(*(ids[:index] + ids[index + 1:]))
        if not ids[index] & others:
            raise TrendError(f"{wave.label} shares no step id with the other maps; "
                             "a trend follows one journey, matching steps by id")


def _warnings(waves: Sequence[Wave]) -> list[str]:
    latest = waves[-1].journey.journey.title
    warnings = [
        f"{wave.label}: the title {wave.journey.journey.title!r} differs from the latest "
        f"wave's {latest!r}; steps are matched by id (check that the maps are one journey)" for wave in waves[:-1]
        if wave.journey.journey.title != latest
    ]
    warnings += [
        f"{wave.label}: period {wave.period!r} is not a financial quarter (2024/25 Q3) or an "
        f"ISO date, so it is ordered as text after the dated waves" for wave in waves
        if period_sort_key(wave.period)[0] == UNDATED
    ]
    return warnings


def merged_step_order(waves: Sequence[Wave]) -> list[str]:
    """Step ids in the latest wave's order; a step missing from it goes after the step it
    followed in the latest wave that has it (or first, if it led that wave)."""
    order = [step.id for step in waves[-1].journey.steps]
    for wave in reversed(waves[:-1]):
        previous: Optional[str] = None
        for step in wave.journey.steps:
            if step.id not in order:
                order.insert(order.index(previous) + 1 if previous else 0, step.id)
            previous = step.id
    return order


def _step_trend(step_id: str, waves: Sequence[dict[str, Step]]) -> StepTrend:
    """A step across the waves (each wave's steps by id); named as in the latest wave."""
    steps = [wave.get(step_id) for wave in waves]
    name = next(step.name for step in reversed(steps) if step is not None)
    return StepTrend(step_id, name, tuple(_point(step) for step in steps))


def _point(step: Optional[Step]) -> WavePoint:
    if step is None:
        return WavePoint(False, Balance(), None, None, None)
    survey = step.survey
    return WavePoint(True, balance(step), net_sentiment(step),
                     survey.base if survey is not None else None,
                     survey.dissatisfied if survey is not None else None,
                     survey.satisfied if survey is not None else None,
                     tuple(survey.segments) if survey is not None else (),
                     tuple(step.metrics))


def completions(waves: Sequence[Wave]) -> list[Completion]:
    """Actions done in each wave that were not done in the one before (matched as diff does)."""
    found = []
    for earlier, later in zip(waves, waves[1:]):
        for action in diff_actions(earlier.journey, later.journey):
            if not action.became_done:
                continue
            status = action.change("status")
            found.append(Completion(earlier.period, later.period, action.step_id,
                                    action.action_id, action.recommendation,
                                    str(status.old) if status is not None else None,
                                    _outcome(later.journey, action.step_id, action.recommendation)))
    return found


def _outcome(journey: JourneyMap, step_id: str, recommendation: str) -> Optional[str]:
    """The recorded outcome of the action with this recommendation at this step, if any."""
    for step in journey.steps:
        if step.id == step_id:
            for action in step.actions:
                if " ".join(action.recommendation.split()) == " ".join(recommendation.split()):
                    return action.outcome
    return None
