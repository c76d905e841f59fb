"""The template context: everything a report template can use, built from a map.

A template receives the fields of :class:`ReportContext` as variables (``title``, ``steps``,
``priorities``, ``plan`` ...). The views below are plain frozen dataclasses holding the map's own
text and the figures from :mod:`cjmap.figures.derived`, so every template shows the same numbers as
``cjmap render`` and ``cjmap validate``. docs/report.md documents each field; a test keeps the
two in step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from itertools import zip_longest
from pathlib import Path
from typing import Any, Iterable, Optional

from cjmap.evidence.provenance import EvidenceFile, evidence_files
from cjmap.figures import derived as analysis
from cjmap.figures import wording
from cjmap.figures.derived import Balance
from cjmap.figures.evidence import (
    JourneyFigures,
    Priority,
    SegmentTest,
    StepEvidence,
    journey_figures,
)
from cjmap.fivecs.rule import decide_diagnosis
from cjmap.housing import tsm
from cjmap.model import (
    ACTION_STATUSES,
    FIVE_CS,
    Action,
    JourneyMap,
    Quote,
    Research,
    Scope,
    Segment,
    Step,
    Survey,
)

AUDIENCES = ("influencer", "executive", "front-line")
# The action plan lists work under way first, then what is still to start, then the record.
PLAN_ORDER = ("in-progress", "agreed", "proposed", "done", "declined")
DEFAULT_TOP = 3


@dataclass(frozen=True)
class QuoteView:
    text: str
    sentiment: Optional[str]
    who: Optional[str]


@dataclass(frozen=True)
class TouchpointView:
    channel: str
    who: Optional[str]
    note: Optional[str]


@dataclass(frozen=True)
class TsmLabel:
    """The Tenant Satisfaction Measure a figure reports: code, short title, the regulator's
    wording, and which figure of the step it is (``survey``, or the metric's name)."""

    code: str
    title: str
    wording: str
    figure: str


@dataclass(frozen=True)
class MetricView:
    name: str
    value: Optional[float]
    unit: Optional[str]
    target: Optional[float]
    better: Optional[str]
    rag: Optional[str]
    rag_stated: bool
    tsm: Optional[TsmLabel] = None


@dataclass(frozen=True)
class ActionView:
    ref: str
    id: Optional[str]
    number: int
    recommendation: str
    outcome: Optional[str]
    owner: Optional[str]
    due: Optional[str]
    due_date: Optional[dt.date]
    status: str
    open: bool
    overdue: bool
    days_overdue: Optional[int]
    step_number: int
    step_id: str
    step_name: str


@dataclass(frozen=True)
class StepView:
    number: int
    id: str
    name: str
    stage: Optional[str]
    optional: bool
    summary: Optional[str]
    doing: Optional[str]
    thinking: Optional[str]
    feeling: Optional[str]
    touchpoints: list[TouchpointView]
    feedback: Balance
    net: Optional[float]
    survey: Optional[Survey]
    worst_segment: Optional[Segment]
    metrics: list[MetricView]
    worst_rag: Optional[str]
    red: int
    amber: int
    green: int
    moment_of_truth: Optional[str]
    quotes: list[QuoteView]
    positive_quotes: list[QuoteView]
    negative_quotes: list[QuoteView]
    pain_points: list[str]
    actions: list[ActionView]
    open_actions: list[ActionView]
    rank: Optional[int]
    score: float
    evidence: StepEvidence
    curve: Optional[float]
    curve_figure: str
    indicative: bool
    feedback_words: Optional[str]
    survey_words: Optional[str]
    segment_tests: list[SegmentView]
    yearly_cost: Optional[float]
    #: The TSMs the step's survey and metrics report, survey first.
    tsm: list[TsmLabel] = field(default_factory=list)


@dataclass(frozen=True)
class SegmentView:
    step_name: str
    name: str
    significant: bool
    words: str
    detail: str
    test: SegmentTest


@dataclass(frozen=True)
class PriorityView:
    rank: Optional[int]
    score: float
    step: StepView
    negative_share: Optional[float]
    negative_words: Optional[str]
    dissatisfied: Optional[float]
    dissatisfied_words: Optional[str]
    survey_base: Optional[int]
    evidence: float
    evidence_source: Optional[str]
    reach: float
    red: int
    amber: int
    moment_of_truth: bool
    indicative: bool
    yearly_cost: Optional[float]
    reason: str


@dataclass(frozen=True)
class AnswerView:
    name: str
    label: str
    applies: str
    note: Optional[str]


@dataclass(frozen=True)
class DiagnosisView:
    date: Optional[dt.date]
    decision: str
    stored: Optional[str]
    consistent: bool
    points: int
    threshold: int
    maximum: int
    answers: list[AnswerView]
    drivers: list[str]
    against: list[str]
    unsure: list[str]


@dataclass(frozen=True)
class ActionGroup:
    status: str
    actions: list[ActionView]


@dataclass(frozen=True)
class ActionPlan:
    groups: list[ActionGroup]
    actions: list[ActionView]
    counts: dict[str, int]
    total: int
    open: int
    overdue: list[ActionView]


@dataclass(frozen=True)
class Headline:
    steps: int
    moments_of_truth: list[StepView]
    heard: int
    surveyed: int
    staff: int
    feedback: Balance
    net: Optional[float]
    curve: str
    curve_name: str
    best: Optional[StepView]
    worst: Optional[StepView]
    most_dissatisfied: Optional[StepView]
    significant_segments: list[SegmentView]
    yearly_cost: Optional[float]
    red: int
    amber: int
    quotes: dict[str, int]
    quotes_balanced: bool


@dataclass(frozen=True)
class MapEmbed:
    image: Optional[str]
    mermaid: str
    alt: str


@dataclass(frozen=True)
class ReportContext:
    title: str
    customer: str
    organisation: Optional[str]
    period: Optional[str]
    owner: Optional[str]
    scope: Optional[Scope]
    research: list[Research]
    diagnosis: Optional[DiagnosisView]
    steps: list[StepView]
    priorities: list[PriorityView]
    top: list[PriorityView]
    indicative: list[PriorityView]
    plan: ActionPlan
    headline: Headline
    map: MapEmbed
    today: dt.date
    audience: str
    source: str
    journey: JourneyMap
    figures: JourneyFigures
    evidence: list[EvidenceFile] = field(default_factory=list)
    since: Optional[Any] = None  # a cjmap.report.since.SinceView, with --since

    def variables(self) -> dict[str, Any]:
        """The context as template variables (a shallow mapping of the fields)."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


def balanced(quotes: Iterable[Quote]) -> list[QuoteView]:
    """Quotes with positive and negative ones taking turns (a positive first), then the rest.

    Each sentiment keeps the analyst's order, so the report balances good stories with bad
    ones as the method asks, without choosing quotes for the analyst.
    """
    views = [QuoteView(quote.text, quote.sentiment, quote.who) for quote in quotes]
    positive = [view for view in views if view.sentiment == "positive"]
    negative = [view for view in views if view.sentiment == "negative"]
    rest = [view for view in views if view.sentiment not in ("positive", "negative")]
    paired = [view for pair in zip_longest(positive, negative) for view in pair if view]
    return paired + rest


def action_view(step: Step, number: int, index: int, action: Action,
                today: dt.date) -> ActionView:
    """One action, with its reference ("2.3": step 2's third action, unless it has an id)."""
    due = action.due
    overdue = analysis.is_overdue(action, today)
    return ActionView(
        ref=action.id or f"{number}.{index}", id=action.id, number=index,
        recommendation=action.recommendation, outcome=action.outcome, owner=action.owner,
        due=due.label if due else None, due_date=due.date if due else None,
        status=action.status, open=analysis.is_open(action), overdue=overdue,
        days_overdue=(today - due.date).days if overdue and due else None,
        step_number=number, step_id=step.id, step_name=step.name,
    )


def worst_segment(survey: Optional[Survey]) -> Optional[Segment]:
    """The survey segment with the highest dissatisfaction (the first, on a tie), if any."""
    rated = [s for s in (survey.segments if survey else []) if s.dissatisfied is not None]
    if not rated:
        return None
    highest = max(segment.dissatisfied for segment in rated)  # type: ignore[type-var]
    return next(segment for segment in rated if segment.dissatisfied == highest)


def metric_views(step: Step) -> list[MetricView]:
    return [MetricView(metric.name, metric.value, metric.unit, metric.target, metric.better,
                       analysis.derived_rag(metric), metric.rag is not None,
                       tsm_label(metric.tsm, metric.name))
            for metric in step.metrics]


def tsm_label(code: Optional[str], figure: str) -> Optional[TsmLabel]:
    """The label for a known TSM code; None for no code or an unknown one."""
    if code is None:
        return None

    measure = tsm.lookup(code)
    if measure is None:
        return None
    return TsmLabel(measure.code, measure.title, measure.wording, figure)


def tsm_labels(step: Step, metrics: list[MetricView]) -> list[TsmLabel]:
    survey = tsm_label(step.survey.tsm, "survey") if step.survey is not None else None
    return [label for label in (survey, *(metric.tsm for metric in metrics)) if label is not None]


def segment_view(test: SegmentTest) -> SegmentView:
    return SegmentView(test.step_name, test.name, test.significant, wording.segment_flag(test),
                       wording.segment_test_detail(test), test)


def step_view(step: Step, number: int, stages: dict[str, str], today: dt.date,
              figures: JourneyFigures) -> StepView:
    """Everything the report says about one step."""
    actions = [action_view(step, number, index, action, today)
               for index, action in enumerate(step.actions, start=1)]
    quotes = balanced(step.quotes)
    rags = analysis.rag_counts(step)
    item = figures.of(step)
    ranked = figures.priority_of(step)
    rank, score = ranked.rank, ranked.score
    metrics = metric_views(step)
    return StepView(
        number=number, id=step.id, name=step.name,
        stage=stages.get(step.stage) if step.stage else None, optional=step.optional,
        summary=step.summary, doing=step.doing, thinking=step.thinking, feeling=step.feeling,
        touchpoints=[TouchpointView(t.channel, t.with_, t.note) for t in step.touchpoints],
        feedback=analysis.balance(step), net=analysis.net_sentiment(step), survey=step.survey,
        worst_segment=worst_segment(step.survey), metrics=metrics, worst_rag=analysis.worst_rag(step),
        red=rags["red"], amber=rags["amber"], green=rags["green"],
        moment_of_truth=step.moment_of_truth, quotes=quotes,
        positive_quotes=[q for q in quotes if q.sentiment == "positive"],
        negative_quotes=[q for q in quotes if q.sentiment == "negative"],
        pain_points=list(step.pain_points), actions=actions,
        open_actions=[action for action in actions if action.open], rank=rank, score=score,
        tsm=tsm_labels(step, metrics),
        evidence=item, curve=item.curve,
        curve_figure=wording.series_figure(item.curve, figures.curve), indicative=item.indicative,
        feedback_words=wording.feedback_summary(item.feedback) if item.feedback else None,
        survey_words=wording.survey_summary(item.survey) if item.survey else None,
        segment_tests=[segment_view(test) for test in item.segments],
        yearly_cost=item.yearly_cost,
    )


def priority_view(item: Priority, view: StepView) -> PriorityView:
    feedback, survey = view.evidence.feedback, view.evidence.survey
    negative = None if feedback is None else wording.share_with_interval(
        feedback.negative_share, feedback.total, feedback.negative_interval)
    dissatisfied = None if survey is None or survey.dissatisfied is None else (
        wording.points_of(survey.dissatisfied, survey.base)
        + (f" ({wording.interval(survey.dissatisfied_interval)})"
           if survey.dissatisfied_interval else ""))
    return PriorityView(
        item.rank, item.score, view, feedback.negative_share if feedback else None, negative,
        survey.dissatisfied if survey else None, dissatisfied, survey.base if survey else None,
        item.evidence, item.evidence_source, item.reach, item.red, item.amber,
        item.moment_of_truth, item.indicative, item.yearly_cost, wording.priority_reason(item))


def priority_views(figures: JourneyFigures, steps: list[StepView],
                   indicative: bool = False) -> list[PriorityView]:
    """The ranked steps, highest first (``indicative``: the steps whose only sign of a problem
    rests on thin evidence, in the journey's order)."""
    by_id = {view.id: view for view in steps}
    chosen = figures.indicative if indicative else figures.ranked
    views = [priority_view(item, by_id[item.step.id]) for item in chosen]
    return sorted(views, key=lambda v: v.step.number) if indicative else views


def diagnosis_view(journey: JourneyMap) -> Optional[DiagnosisView]:
    """The 5Cs answers and the decision the rule gives; ``stored`` is the file's own."""
    if journey.diagnosis is None:
        return None

    diagnosis = journey.diagnosis
    decision = decide_diagnosis(diagnosis)
    answers = []
    for name in FIVE_CS:
        answer = getattr(diagnosis.answers, name)
        answers.append(AnswerView(name, name.capitalize(),
                                  answer.applies if answer else "unsure",
                                  answer.note if answer else None))
    return DiagnosisView(
        date=diagnosis.date, decision=decision.decision, stored=diagnosis.decision,
        consistent=diagnosis.decision in (None, decision.decision), points=decision.points,
        threshold=decision.threshold, maximum=decision.maximum, answers=answers,
        drivers=[c.capitalize() for c in decision.drivers],
        against=[c.capitalize() for c in decision.against],
        unsure=[c.capitalize() for c in decision.unsure],
    )


def _plan_key(action: ActionView) -> tuple[dt.date, int, int]:
    # Open work: earliest due first, undated last; ties keep the journey's order.
    return (action.due_date or dt.date.max, action.step_number, action.number)


def _journey_key(action: ActionView) -> tuple[int, int]:
    # The record of closed work reads best in the journey's order.
    return (action.step_number, action.number)


def action_plan(steps: list[StepView]) -> ActionPlan:
    """Every action, grouped by status in :data:`PLAN_ORDER`; empty groups are left out."""
    actions = [action for step in steps for action in step.actions]
    groups = []
    for status in PLAN_ORDER:
        key = _journey_key if status in ("done", "declined") else _plan_key
        members = sorted((a for a in actions if a.status == status), key=key)
        if members:
            groups.append(ActionGroup(status, members))
    counts = {status: sum(1 for a in actions if a.status == status) for status in ACTION_STATUSES}
    overdue = sorted((a for a in actions if a.overdue), key=_plan_key)
    return ActionPlan(groups, actions, counts, len(actions),
                      sum(1 for a in actions if a.open), overdue)


def _participants(research: list[Research], audience: str, survey: bool) -> int:
    return sum(item.participants or 0 for item in research
               if item.audience == audience and (item.method == "survey") == survey)


def _extreme(steps: list[StepView], key: Any, highest: bool) -> Optional[StepView]:
    """The first step with the highest (or lowest) value of ``key``, among steps that have one."""
    rated = [step for step in steps if key(step) is not None]
    if not rated:
        return None
    pick = max if highest else min
    target = pick(key(step) for step in rated)
    return next(step for step in rated if key(step) == target)


def headline(journey: JourneyMap, steps: list[StepView], figures: JourneyFigures) -> Headline:
    """The figures an executive reads first."""
    total = Balance(*(sum(getattr(step.feedback, part) for step in steps)
                      for part in ("positive", "neutral", "negative", "no_comment")))
    quotes = analysis.quote_balance(journey)
    research = journey.journey.research
    return Headline(
        steps=len(steps), moments_of_truth=[s for s in steps if s.moment_of_truth is not None],
        heard=_participants(research, "customers", survey=False),
        surveyed=_participants(research, "customers", survey=True),
        staff=_participants(research, "staff", survey=False)
        + _participants(research, "staff", survey=True),
        feedback=total, net=total.net, curve=figures.curve,
        curve_name=wording.series_name(figures.curve),
        best=_pick(steps, figures.highest), worst=_pick(steps, figures.lowest),
        most_dissatisfied=_extreme([s for s in steps if not _survey_thin(s)], _dissatisfied,
                                   highest=True),
        significant_segments=[segment_view(t) for t in figures.segments if t.significant],
        yearly_cost=figures.yearly_cost,
        red=sum(step.red for step in steps), amber=sum(step.amber for step in steps),
        quotes=quotes, quotes_balanced=_quotes_balanced(quotes),
    )


def _pick(steps: list[StepView], item: Optional[StepEvidence]) -> Optional[StepView]:
    return None if item is None else steps[item.index]


def _survey_thin(step: StepView) -> bool:
    survey = step.evidence.survey
    return survey is None or survey.thin


def _quotes_balanced(counts: dict[str, int]) -> bool:
    # The quote-balance check's rule: two or more quotes, all positive or all negative, is not.
    rated = sum(counts.values())
    return rated < 2 or rated not in (counts["positive"], counts["negative"])


def _dissatisfied(step: StepView) -> Optional[float]:
    return step.survey.dissatisfied if step.survey is not None else None


def build_context(journey: JourneyMap, *, today: dt.date, audience: str = "influencer",
                  source: str = "", map_image: Optional[str] = None, mermaid: str = "",
                  top: int = DEFAULT_TOP, folder: Optional[Path] = None) -> ReportContext:
    """The context for one report. ``map_image`` is the relative link to the map's SVG;
    ``folder`` (the map's) lets the evidence files be fingerprinted."""
    figures = journey_figures(journey)
    stages = journey.stage_names()
    steps = [step_view(step, number, stages, today, figures)
             for number, step in enumerate(journey.steps, start=1)]
    priorities = priority_views(figures, steps)
    about = journey.journey
    return ReportContext(
        title=about.title, customer=about.customer, organisation=about.organisation,
        period=about.period, owner=about.owner, scope=about.scope, research=list(about.research),
        diagnosis=diagnosis_view(journey), steps=steps, priorities=priorities,
        top=priorities[:max(top, 0)], indicative=priority_views(figures, steps, True),
        plan=action_plan(steps), headline=headline(journey, steps, figures),
        map=MapEmbed(map_image, mermaid, f"Journey map: {about.title}"), today=today,
        audience=audience, source=source, journey=journey, figures=figures,
        evidence=evidence_files(journey.evidence, folder),
    )
