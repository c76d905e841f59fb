"""The template context: everything a report template can use, built from a map.

A template receives the fields of :class:`ReportContext` as variables (``title``, ``steps``,
``priorities``, ``plan`` ...). The views below are plain frozen dataclasses holding the map's own
text and the figures from :mod:`cjmap.figures.derived`, so every template shows the same numbers as
``cjmap render`` and ``cjmap validate``. docs/report.md documents each field; a test keeps the
two in step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from itertools import zip_longest
from typing import Any, Iterable, Optional

from cjmap.figures import derived as analysis
from cjmap.figures.derived import Balance
from cjmap.fivecs.rule import decide_diagnosis
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
class MetricView:
    name: str
    value: Optional[float]
    unit: Optional[str]
    target: Optional[float]
    better: Optional[str]
    rag: Optional[str]
    rag_stated: bool


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
    rank: int
    score: float


@dataclass(frozen=True)
class PriorityView:
    rank: int
    score: float
    step: StepView
    negative_share: Optional[float]
    dissatisfied: Optional[float]
    survey_base: Optional[int]
    red: int
    amber: int
    moment_of_truth: bool


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
    best: Optional[StepView]
    worst: Optional[StepView]
    most_dissatisfied: Optional[StepView]
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
    plan: ActionPlan
    headline: Headline
    map: MapEmbed
    today: dt.date
    audience: str
    source: str
    journey: JourneyMap
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
                       analysis.derived_rag(metric), metric.rag is not None)
            for metric in step.metrics]


def step_view(step: Step, number: int, stages: dict[str, str], today: dt.date,
              ranks: dict[str, tuple[int, float]]) -> StepView:
    """Everything the report says about one step."""
    actions = [action_view(step, number, index, action, today)
               for index, action in enumerate(step.actions, start=1)]
    quotes = balanced(step.quotes)
    rags = analysis.rag_counts(step)
    rank, score = ranks[step.id]
    return StepView(
        number=number, id=step.id, name=step.name,
        stage=stages.get(step.stage) if step.stage else None, optional=step.optional,
        summary=step.summary, doing=step.doing, thinking=step.thinking, feeling=step.feeling,
        touchpoints=[TouchpointView(t.channel, t.with_, t.note) for t in step.touchpoints],
        feedback=analysis.balance(step), net=analysis.net_sentiment(step), survey=step.survey,
        worst_segment=worst_segment(step.survey), metrics=metric_views(step), worst_rag=analysis.worst_rag(step),
        red=rags["red"], amber=rags["amber"], green=rags["green"],
        moment_of_truth=step.moment_of_truth, quotes=quotes,
        positive_quotes=[q for q in quotes if q.sentiment == "positive"],
        negative_quotes=[q for q in quotes if q.sentiment == "negative"],
        pain_points=list(step.pain_points), actions=actions,
        open_actions=[action for action in actions if action.open], rank=rank, score=score,
    )


def priority_views(journey: JourneyMap, steps: list[StepView]) -> list[PriorityView]:
    """Steps with a score above zero, highest first (the score is ``analysis.priority``)."""
    by_id = {view.id: view for view in steps}
    views = []
    for item in analysis.priorities(journey):
        if item.score <= 0:
            continue
        view = by_id[item.step.id]
        views.append(PriorityView(view.rank, item.score, view, item.negative_share,
                                  item.dissatisfied, item.survey_base, item.red, item.amber,
                                  item.moment_of_truth))
    return views


def ranks_of(journey: JourneyMap) -> dict[str, tuple[int, float]]:
    """Each step's place in the priority order (1 = first) and its score."""
    return {item.step.id: (rank, item.score)
            for rank, item in enumerate(analysis.priorities(journey), start=1)}


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


def headline(journey: JourneyMap, steps: list[StepView]) -> Headline:
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
        feedback=total, net=total.net,
        best=_extreme(steps, lambda s: s.net, highest=True),
        worst=_extreme(steps, lambda s: s.net, highest=False),
        most_dissatisfied=_extreme(steps, _dissatisfied, highest=True),
        red=sum(step.red for step in steps), amber=sum(step.amber for step in steps),
        quotes=quotes, quotes_balanced=_quotes_balanced(quotes),
    )


def _quotes_balanced(counts: dict[str, int]) -> bool:
    # The quote-balance check's rule: two or more quotes, all positive or all negative, is not.
    rated = sum(counts.values())
    return rated < 2 or rated not in (counts["positive"], counts["negative"])


def _dissatisfied(step: StepView) -> Optional[float]:
    return step.survey.dissatisfied if step.survey is not None else None


def build_context(journey: JourneyMap, *, today: dt.date, audience: str = "influencer",
                  source: str = "", map_image: Optional[str] = None, mermaid: str = "",
                  top: int = DEFAULT_TOP) -> ReportContext:
    """The context for one report. ``map_image`` is the relative link to the map's SVG."""
    ranks = ranks_of(journey)
    stages = journey.stage_names()
    steps = [step_view(step, number, stages, today, ranks)
             for number, step in enumerate(journey.steps, start=1)]
    priorities = priority_views(journey, steps)
    about = journey.journey
    return ReportContext(
        title=about.title, customer=about.customer, organisation=about.organisation,
        period=about.period, owner=about.owner, scope=about.scope, research=list(about.research),
        diagnosis=diagnosis_view(journey), steps=steps, priorities=priorities,
        top=priorities[:max(top, 0)], plan=action_plan(steps), headline=headline(journey, steps),
        map=MapEmbed(map_image, mermaid, f"Journey map: {about.title}"), today=today,
        audience=audience, source=source, journey=journey,
    )
