"""Each step's figures with the evidence they rest on, computed once for every view.

A map holds two kinds of evidence, and they are never blended:

* the **feedback** series: interviews and focus groups, counts of people who spoke well,
  neutrally or badly of a step; its figure is net sentiment, (positive - negative) / total;
* the **survey** series: percentages of a base of respondents; its figure is the survey net,
  (% satisfied - % dissatisfied) / 100.

The experience curve plots one declared series (``journey.curve``, or by default feedback when
any step has feedback counts, else survey). The highest and lowest points, the priorities and
the segment tests are computed here once (:func:`journey_figures`) and every view (map, flow,
Mermaid, reports, export) reads them, so they all tell the same story.

Thin evidence. A series is *thin* when it rests on too few people to weigh: feedback from fewer
than :data:`MIN_COMMENTS` customers, or a survey with no base or a base under
:data:`MIN_SURVEY_BASE`. A step is *indicative* when all its evidence is thin. A thin point is
still drawn, but is never named the highest or lowest point, and thin evidence adds nothing to a
priority score (docs/priorities.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Sequence

from cjmap.figures.derived import balance, rag_counts
from cjmap.figures.stats import compare_proportions, counts_from_percentage, holm
from cjmap.figures.stats import wilson_interval as _wilson_interval
from cjmap.model import JourneyMap, Metric, Segment, Step, Survey

FEEDBACK = "feedback"
SURVEY = "survey"
SERIES = (FEEDBACK, SURVEY)

MIN_COMMENTS = 5  # feedback from fewer customers than this is thin
MIN_SURVEY_BASE = 30  # a survey base under this (or none) is thin
ALPHA = 0.05  # segment tests: significant when Holm-adjusted p <= ALPHA

# Priority score weights (docs/priorities.md has the rule and a worked example).
WEIGHT_EVIDENCE = 100.0  # per unit of the lower bound of the unhappy share
WEIGHT_RED = 10.0
WEIGHT_AMBER = 4.0
MOMENT_FACTOR = 1.5
REACH_OPTIONAL = 0.5  # an optional step touches only some customers
MONTHS_A_YEAR = 12


Interval = tuple[float, float]


@lru_cache(maxsize=4096)
def wilson_interval(successes: int, n: int) -> Interval:
    """The 95% Wilson interval of successes / n (cached: maps repeat the same counts)."""
    return _wilson_interval(successes, n)


@dataclass(frozen=True)
class FeedbackSeries:
    """A step's feedback counts and the figures drawn from them."""

    positive: int
    neutral: int
    negative: int
    no_comment: int
    total: int
    net: float
    negative_share: float
    negative_interval: Interval
    net_interval: Interval
    thin: bool


@dataclass(frozen=True)
class SurveySeries:
    """A step's survey result: shares of a base, with Wilson intervals when the base is known."""

    base: Optional[int]
    satisfied: Optional[float]  # percentages, as written in the map
    dissatisfied: Optional[float]
    net: Optional[float]  # (satisfied - dissatisfied) / 100
    satisfied_interval: Optional[Interval]
    dissatisfied_interval: Optional[Interval]
    net_interval: Optional[Interval]
    thin: bool


@dataclass(frozen=True)
class SegmentTest:
    """One survey segment against the other respondents of the same question."""

    step_id: str
    step_name: str
    name: str
    measure: str  # "dissatisfied" or "satisfied"
    base: int
    share: float  # the segment's share, 0 to 1
    interval: Interval
    others_base: int
    others_share: float
    p_value: float
    p_adjusted: float
    method: str
    significant: bool
    higher: bool


@dataclass(frozen=True)
class StepEvidence:
    """Everything the views say about one step's figures."""

    step: Step
    index: int
    feedback: Optional[FeedbackSeries]
    survey: Optional[SurveySeries]
    curve: Optional[float]  # the value in the declared curve series
    other: Optional[float]  # the value in the other series, drawn beside it
    curve_interval: Optional[Interval]  # the plotted value's interval, when known
    curve_thin: bool  # the plotted value rests on thin evidence
    indicative: bool  # every series the step has is thin
    yearly_cost: Optional[float]  # failure demand, pounds a year
    segments: tuple[SegmentTest, ...]

    @property
    def id(self) -> str:
        return self.step.id


@dataclass(frozen=True)
class Priority:
    """Why a step ranks where it does: the score and each part of it."""

    step: Step
    rank: Optional[int]  # None when not ranked (no sign of a problem, or indicative only)
    score: float
    evidence: float  # the lower bound of the unhappy share that counts, 0 to 1
    evidence_source: Optional[str]  # "feedback", "survey" or None
    reach: float
    red: int
    amber: int
    moment_of_truth: bool
    indicative: bool  # its only sign of a problem rests on thin evidence
    yearly_cost: Optional[float]


@dataclass(frozen=True)
class JourneyFigures:
    """The figures of a whole map, computed once."""

    curve: str
    steps: tuple[StepEvidence, ...]
    highest: Optional[StepEvidence]
    lowest: Optional[StepEvidence]
    priorities: tuple[Priority, ...]  # every step, ranked ones first
    segments: tuple[SegmentTest, ...]
    yearly_cost: Optional[float]
    _by_step: dict[int, StepEvidence] = field(default_factory=dict, repr=False, compare=False)
    _priority_by_step: dict[int, Priority] = field(default_factory=dict, repr=False,
                                                   compare=False)

    def __post_init__(self) -> None:
        self._by_step.update({id(item.step): item for item in self.steps})
        self._priority_by_step.update({id(item.step): item for item in self.priorities})

    def of(self, step: Step) -> StepEvidence:
        """The evidence of ``step`` (one of this map's steps)."""
        return self._by_step[id(step)]

    def priority_of(self, step: Step) -> Priority:
        """The priority of ``step`` (one of this map's steps)."""
        return self._priority_by_step[id(step)]

    @property
    def ranked(self) -> list[Priority]:
        return [item for item in self.priorities if item.rank is not None]

    @property
    def indicative(self) -> list[Priority]:
        return [item for item in self.priorities if item.indicative]


# --- the two series ---------------------------------------------------------------------------


def feedback_series(step: Step) -> Optional[FeedbackSeries]:
    """The step's feedback figures, or None when nobody commented."""
    counts = balance(step)
    if counts.total == 0:
        return None
    negative = wilson_interval(counts.negative, counts.total)
    positive = wilson_interval(counts.positive, counts.total)
    return FeedbackSeries(
        counts.positive, counts.neutral, counts.negative, counts.no_comment, counts.total,
        (counts.positive - counts.negative) / counts.total, counts.negative / counts.total,
        negative, net_interval(positive, negative), counts.total < MIN_COMMENTS)


def net_interval(good: Interval, bad: Interval) -> Interval:
    """A conservative interval for a net figure (good share minus bad share): the lowest good
    bound minus the highest bad one, up to the highest good minus the lowest bad."""
    return max(-1.0, good[0] - bad[1]), min(1.0, good[1] - bad[0])


def _share_interval(percent: Optional[float], base: Optional[int]) -> Optional[Interval]:
    if percent is None or not base:
        return None
    return wilson_interval(counts_from_percentage(float(percent), base), base)


def survey_series(step: Step) -> Optional[SurveySeries]:
    """The step's survey figures, or None without a satisfied or dissatisfied share."""
    survey = step.survey
    if survey is None or (survey.satisfied is None and survey.dissatisfied is None):
        return None
    net = None
    if survey.satisfied is not None and survey.dissatisfied is not None:
        net = (survey.satisfied - survey.dissatisfied) / 100
    good = _share_interval(survey.satisfied, survey.base)
    bad = _share_interval(survey.dissatisfied, survey.base)
    both = net_interval(good, bad) if good is not None and bad is not None else None
    return SurveySeries(
        survey.base, survey.satisfied, survey.dissatisfied, net, good, bad, both,
        survey.base is None or survey.base < MIN_SURVEY_BASE)


def declared_curve(journey: JourneyMap) -> str:
    """The series the curve plots: ``journey.curve``, else feedback when any step has counts."""
    if journey.journey.curve is not None:
        return journey.journey.curve
    if any(balance(step).total for step in journey.steps):
        return FEEDBACK
    if any(step.survey is not None for step in journey.steps):
        return SURVEY
    return FEEDBACK


def _values(feedback: Optional[FeedbackSeries], survey: Optional[SurveySeries], curve: str
            ) -> tuple[Optional[float], Optional[float], Optional[Interval], bool]:
    """(curve value, other value, curve interval, curve value thin)."""
    fb = feedback.net if feedback else None
    sv = survey.net if survey else None
    if curve == SURVEY:
        return (sv, fb, survey.net_interval if survey else None,
                survey is None or survey.thin)
    return fb, sv, feedback.net_interval if feedback else None, feedback is None or feedback.thin


# --- failure demand ---------------------------------------------------------------------------


def metric_yearly_cost(metric: Metric) -> Optional[float]:
    """per_month x 12 x cost_per_item, in pounds; None without both figures."""
    volume = metric.volume
    if volume is None or volume.per_month is None or volume.cost_per_item is None:
        return None
    return volume.per_month * MONTHS_A_YEAR * volume.cost_per_item


def step_yearly_cost(step: Step) -> Optional[float]:
    costs = [c for c in (metric_yearly_cost(m) for m in step.metrics) if c is not None]
    return sum(costs) if costs else None


# --- segments ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _RawTest:
    step: Step
    segment: Segment
    measure: str
    x: int
    n: int
    x_others: int
    n_others: int


def _raw_test(step: Step, survey: Survey, segment: Segment) -> Optional[_RawTest]:
    """The counts for one segment against the rest, or None when they cannot be recovered."""
    if survey.base is None or segment.base is None or not 0 < segment.base < survey.base:
        return None
    for measure in ("dissatisfied", "satisfied"):
        whole, part = getattr(survey, measure), getattr(segment, measure)
        if whole is None or part is None:
            continue
        x_all = counts_from_percentage(float(whole), survey.base)
        x = counts_from_percentage(float(part), segment.base)
        n_others = survey.base - segment.base
        if 0 <= x_all - x <= n_others:
            return _RawTest(step, segment, measure, x, segment.base, x_all - x, n_others)
        return None
    return None


def segment_tests(steps: Sequence[Step]) -> tuple[SegmentTest, ...]:
    """Every testable segment of the map, with Holm's correction across all of them."""
    raws = [raw for step in steps if step.survey is not None
            for segment in step.survey.segments
            if (raw := _raw_test(step, step.survey, segment)) is not None]
    results = [compare_proportions(r.x, r.n, r.x_others, r.n_others) for r in raws]
    adjusted = holm([result.p_value for result in results])
    tests = []
    for raw, result, p_adj in zip(raws, results, adjusted):
        share, others = raw.x / raw.n, raw.x_others / raw.n_others
        tests.append(SegmentTest(
            raw.step.id, raw.step.name, raw.segment.name, raw.measure, raw.n, share,
            wilson_interval(raw.x, raw.n), raw.n_others, others, result.p_value, p_adj,
            result.method, p_adj <= ALPHA, share > others))
    return tuple(tests)


# --- priorities -------------------------------------------------------------------------------


def _evidence(item: StepEvidence) -> tuple[float, Optional[str]]:
    """The larger Wilson lower bound of the unhappy shares, from solid series only."""
    candidates: list[tuple[float, str]] = []
    if item.feedback is not None and not item.feedback.thin:
        candidates.append((item.feedback.negative_interval[0], FEEDBACK))
    survey = item.survey
    if survey is not None and not survey.thin and survey.dissatisfied_interval is not None:
        candidates.append((survey.dissatisfied_interval[0], SURVEY))
    best = max(candidates, default=(0.0, ""))
    return (best[0], best[1]) if best[0] > 0 else (0.0, None)


def _thin_unhappy(item: StepEvidence) -> bool:
    """Some customers were unhappy, but only in thin series."""
    feedback, survey = item.feedback, item.survey
    return bool((feedback is not None and feedback.thin and feedback.negative)
                or (survey is not None and survey.thin and survey.dissatisfied))


def priority_of(item: StepEvidence, rank: Optional[int] = None) -> Priority:
    """score = (100 x evidence x reach + 10 x red + 4 x amber) x 1.5 at a moment of truth."""
    step = item.step
    evidence, source = _evidence(item)
    reach = REACH_OPTIONAL if step.optional else 1.0
    rags = rag_counts(step)
    score = WEIGHT_EVIDENCE * evidence * reach + WEIGHT_RED * rags["red"] + (
        WEIGHT_AMBER * rags["amber"])
    score *= MOMENT_FACTOR if step.is_moment_of_truth else 1.0
    score = round(score, 2)
    return Priority(step, rank, score, evidence, source, reach, rags["red"], rags["amber"],
                    step.is_moment_of_truth, score <= 0 and _thin_unhappy(item),
                    item.yearly_cost)


def rank_priorities(items: Sequence[StepEvidence]) -> tuple[Priority, ...]:
    """Steps by score, highest first (ties keep the journey's order); a step scoring 0 has no
    rank, and one whose only unhappy evidence is thin is marked indicative."""
    scored = sorted(((priority_of(item).score, item) for item in items), key=lambda p: -p[0])
    ranked = [priority_of(item, rank) for rank, (score, item) in enumerate(scored, 1)
              if score > 0]
    return tuple(ranked + [priority_of(item) for score, item in scored if score <= 0])


# --- the whole map ----------------------------------------------------------------------------


def step_evidence(step: Step, index: int, curve: str,
                  tests: Sequence[SegmentTest] = ()) -> StepEvidence:
    feedback, survey = feedback_series(step), survey_series(step)
    value, other, bounds, thin = _values(feedback, survey, curve)
    indicative = (feedback is None or feedback.thin) and (survey is None or survey.thin)
    return StepEvidence(step, index, feedback, survey, value, other, bounds, thin,
                        indicative and (feedback is not None or survey is not None),
                        step_yearly_cost(step), tuple(t for t in tests if t.step_id == step.id))


def extremes(items: Sequence[StepEvidence]) -> tuple[Optional[StepEvidence],
                                                     Optional[StepEvidence]]:
    """The highest and lowest points of the curve, among points on solid evidence; the first
    in the journey on a tie; (None, None) with fewer than two such points."""
    solid = [item for item in items if item.curve is not None and not item.curve_thin]
    if len(solid) < 2:
        return None, None
    best = max(solid, key=lambda item: (item.curve, -item.index))
    worst = min(solid, key=lambda item: (item.curve, item.index))
    return best, worst


def curve_values(journey: JourneyMap) -> list[Optional[float]]:
    """Each step's value in the declared curve series (what :func:`journey_figures` plots),
    without the intervals, tests and priorities: for views that need only the value."""
    curve = declared_curve(journey)
    values: list[Optional[float]] = []
    for step in journey.steps:
        survey = step.survey
        if curve != SURVEY:
            values.append(balance(step).net)
        elif survey is None or survey.satisfied is None or survey.dissatisfied is None:
            values.append(None)
        else:
            values.append((survey.satisfied - survey.dissatisfied) / 100)
    return values


def step_figures(journey: JourneyMap) -> tuple[str, tuple[StepEvidence, ...]]:
    """The curve's series and each step's evidence, without segment tests or priorities."""
    curve = declared_curve(journey)
    return curve, tuple(step_evidence(step, index, curve)
                        for index, step in enumerate(journey.steps))


def journey_figures(journey: JourneyMap) -> JourneyFigures:
    """Every step's evidence, the curve's extremes, the priorities and the segment tests."""
    curve = declared_curve(journey)
    tests = segment_tests(journey.steps)
    items = tuple(step_evidence(step, index, curve, tests)
                  for index, step in enumerate(journey.steps))
    highest, lowest = extremes(items)
    costs = [item.yearly_cost for item in items if item.yearly_cost is not None]
    return JourneyFigures(curve, items, highest, lowest, rank_priorities(items), tests,
                          sum(costs) if costs else None)
