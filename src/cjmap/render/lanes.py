"""The text lanes of the map: what each one shows for a step, as measured blocks.

A lane is a row under the steps. Its builder turns one step into blocks for a column of a given
width; the map shows a lane only when some step has something in it, and makes it as tall as
its fullest cell. The experience curve is drawn separately (:mod:`cjmap.render.curve`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from cjmap.figures import wording
from cjmap.figures.derived import balance, derived_rag
from cjmap.figures.evidence import JourneyFigures, SegmentTest, StepEvidence, metric_yearly_cost
from cjmap.model import Action, Metric, Quote, Step, Survey
from cjmap.model import Segment as SurveySegment
from cjmap.render.blocks import (
    Block,
    Card,
    Indented,
    Pill,
    Segment,
    Stack,
    StackedBar,
    beside,
    bullet,
    card_width,
    paragraph,
    pill_row,
)
from cjmap.render.themes import Theme

BODY = 12.0  # body text size in pixels
SMALL = 10.5


@dataclass(frozen=True)
class Context:
    """What every builder needs besides the step: the theme and the document's id prefix."""

    theme: Theme
    ids: str
    figures: Optional[JourneyFigures] = None

    def evidence(self, step: Step) -> Optional[StepEvidence]:
        return self.figures.of(step) if self.figures is not None else None

    @property
    def hatch(self) -> str:
        return f"{self.ids}-hatch"


Builder = Callable[[Step, float, Context], list[Block]]


@dataclass(frozen=True)
class Lane:
    """A row of the map: its label, a hint saying what it holds, and its builder."""

    key: str
    label: str
    hint: str
    build: Builder


def number(value: float) -> str:
    """A figure as people write it: 6, 2.5, 1240 (no trailing zeros, no float noise)."""
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def with_unit(value: float, unit: Optional[str]) -> str:
    if not unit:
        return number(value)
    return number(value) + ("" if unit.startswith("%") else " ") + unit


def _touchpoints(step: Step, width: float, ctx: Context) -> list[Block]:
    theme = ctx.theme
    blocks: list[Block] = []
    for touchpoint in step.touchpoints:
        pill = Pill(touchpoint.channel, SMALL, theme.lane_label, theme.ink, stroke=theme.faint,
                    max_width=width)
        blocks.append(beside(pill, touchpoint.with_ or "", width, BODY, theme.ink))
        if touchpoint.note:
            blocks.append(paragraph(touchpoint.note, width, SMALL, theme.muted, italic=True))
    return blocks


def _field(name: str, italic: bool = False) -> Builder:
    def build(step: Step, width: float, ctx: Context) -> list[Block]:
        content = getattr(step, name)
        if not content:
            return []
        return [paragraph(content, width, BODY, ctx.theme.ink, italic=italic)]

    return build


def _quote(quote: Quote, width: float, ctx: Context) -> Block:
    theme = ctx.theme
    accent = {"positive": theme.positive, "negative": theme.negative}.get(
        quote.sentiment or "", theme.neutral)
    inner = card_width(width, True)
    blocks: list[Block] = [paragraph(f"\u201c{quote.text.strip()}\u201d", inner, BODY, theme.ink,
                                     italic=True)]
    if quote.who:
        blocks.append(paragraph(f"\u2014 {quote.who}", inner, SMALL, theme.muted))
    return Card(Stack(tuple(blocks), 3), width, theme.background, theme.grid, accent)


def _voice(step: Step, width: float, ctx: Context) -> list[Block]:
    return [_quote(quote, width, ctx) for quote in step.quotes]


def _feedback(step: Step, width: float, ctx: Context) -> list[Block]:
    theme = ctx.theme
    counts = balance(step)
    blocks: list[Block] = []
    if counts.total:
        hatch = ctx.hatch if theme.hatch_negative else None
        blocks.append(StackedBar((
            Segment(counts.positive, theme.positive, str(counts.positive), theme.background),
            Segment(counts.neutral, theme.neutral, str(counts.neutral), theme.ink),
            Segment(counts.negative, theme.negative, str(counts.negative), theme.background,
                    hatch),
        ), width))
        words = (f"{counts.positive} positive \u00b7 {counts.neutral} neutral \u00b7 "
                 f"{counts.negative} negative")
        blocks.append(paragraph(words, width, SMALL, theme.ink))
    if counts.no_comment:
        blocks.append(paragraph(f"{counts.no_comment} could not comment", width, SMALL,
                                theme.muted))
    if step.survey is not None:
        blocks.extend(_survey(step, step.survey, width, ctx))
    return blocks


def _survey(step: Step, survey: Survey, width: float, ctx: Context) -> list[Block]:
    theme = ctx.theme
    blocks: list[Block] = []
    head = "Survey" + (f" (base {number(survey.base)})" if survey.base is not None else "")
    if survey.question:
        head += f": {survey.question}"
    blocks.append(paragraph(head, width, SMALL, theme.muted, bold=True))
    figures = [f"{number(value)}% {label}" for value, label in (
        (survey.satisfied, "satisfied"), (survey.neutral, "neither"),
        (survey.dissatisfied, "dissatisfied")) if value is not None]
    if survey.satisfied is not None and survey.dissatisfied is not None:
        blocks.append(_survey_bar(survey, width, ctx))
    if figures:
        blocks.append(paragraph(" \u00b7 ".join(figures), width, SMALL, theme.ink))
    item = ctx.evidence(step)
    bounds = item.survey.dissatisfied_interval if item and item.survey else None
    if bounds is not None:
        blocks.append(paragraph(f"dissatisfied {wording.interval(bounds)}", width, SMALL,
                                theme.muted))
    tests = {test.name: test for test in item.segments} if item is not None else {}
    for segment in survey.segments:
        blocks.append(_segment_block(segment, tests.get(segment.name), width, theme))
    return blocks


def _segment_block(segment: SurveySegment, test: Optional[SegmentTest], width: float,
                   theme: Theme) -> Block:
    """A segment in plain words, or flagged when it differs significantly from the rest."""
    if test is not None and test.significant:
        return bullet(wording.segment_flag(test), width, SMALL, theme.ink, theme.negative
                      if test.higher == (test.measure == "dissatisfied") else theme.positive)
    return paragraph(_segment_text(segment), width, SMALL, theme.muted)


def _survey_bar(survey: Survey, width: float, ctx: Context) -> Block:
    theme = ctx.theme
    satisfied = float(survey.satisfied or 0)
    dissatisfied = float(survey.dissatisfied or 0)
    neither = survey.neutral if survey.neutral is not None else max(
        0.0, 100 - satisfied - dissatisfied)
    hatch = ctx.hatch if theme.hatch_negative else None
    return StackedBar((
        Segment(satisfied, theme.positive, f"{number(satisfied)}%", theme.background),
        Segment(float(neither), theme.neutral, "", theme.ink),
        Segment(dissatisfied, theme.negative, f"{number(dissatisfied)}%", theme.background,
                hatch),
    ), width, bar_height=14.0, size=10.0)


def _segment_text(segment: SurveySegment) -> str:
    figures = [f"{number(value)}% {label}" for value, label in (
        (segment.satisfied, "satisfied"), (segment.dissatisfied, "dissatisfied"))
        if value is not None]
    base = f" (base {number(segment.base)})" if segment.base is not None else ""
    return f"{segment.name}{base}: " + (", ".join(figures) if figures else "no figures")


def _moment(step: Step, width: float, ctx: Context) -> list[Block]:
    if step.moment_of_truth is None:
        return []
    theme = ctx.theme
    inner = card_width(width, True)
    tag = Pill("Moment of truth", SMALL, theme.moment, theme.background, icon="star")
    blocks: list[Block] = [tag]
    if step.moment_of_truth.strip():
        blocks.append(paragraph(step.moment_of_truth, inner, BODY, theme.ink))
    return [Card(Stack(tuple(blocks), 5), width, theme.moment_tint, theme.moment, theme.moment)]


def _pains(step: Step, width: float, ctx: Context) -> list[Block]:
    return [bullet(pain, width, BODY, ctx.theme.ink, ctx.theme.pain) for pain in step.pain_points]


def _metric(metric: Metric, width: float, ctx: Context) -> Block:
    theme = ctx.theme
    rating = derived_rag(metric)
    head = metric.name + (f": {with_unit(metric.value, metric.unit)}"
                          if metric.value is not None else "")
    detail = []
    if metric.target is not None:
        detail.append(f"target {with_unit(metric.target, metric.unit)}")
    if rating is not None:
        detail.append(rating)
    cost = metric_yearly_cost(metric)
    if cost is not None:
        detail.append(f"failure demand {wording.yearly(cost)}")
    marker = theme.rag[rating] if rating else theme.no_data
    blocks: list[Block] = [bullet(head, width, BODY, theme.ink, marker)]
    if detail:
        blocks.append(Indented(paragraph(" \u00b7 ".join(detail), width - 12, SMALL,
                                         theme.muted), 12.0))
    return Stack(tuple(blocks), 1)


def _measures(step: Step, width: float, ctx: Context) -> list[Block]:
    return [_metric(metric, width, ctx) for metric in step.metrics]


def _action(action: Action, width: float, ctx: Context) -> Block:
    theme = ctx.theme
    inner = card_width(width, True)
    colour = theme.status[action.status]
    tags = [Pill(action.status.replace("-", " "), SMALL, colour, theme.status_ink)]
    if action.due is not None:
        tags.append(Pill(f"due {action.due.label}", SMALL, theme.background, theme.ink,
                         stroke=theme.faint, bold=False, max_width=inner))
    blocks: list[Block] = [pill_row(tags, inner),
                           paragraph(action.recommendation, inner, BODY, theme.ink)]
    if action.owner:
        blocks.append(paragraph(f"Owner: {action.owner}", inner, SMALL, theme.muted))
    return Card(Stack(tuple(blocks), 5), width, theme.background, theme.grid, colour)


def _actions(step: Step, width: float, ctx: Context) -> list[Block]:
    return [_action(action, width, ctx) for action in step.actions]


# The curve and balance come first: where the journey goes well and where it hurts is what a
# reader looks for before the detail.
FEEDBACK = Lane("feedback", "Feedback", "customers' comments, by tone", _feedback)
MOMENTS = Lane("moments", "Moments of truth", "steps that make or break the experience", _moment)
LANES_AFTER_CURVE: tuple[Lane, ...] = (
    FEEDBACK,
    MOMENTS,
    Lane("touchpoints", "Touchpoints", "channel, and who the customer deals with", _touchpoints),
    Lane("doing", "Doing", "what the customer does", _field("doing")),
    Lane("thinking", "Thinking", "what is on their mind", _field("thinking", italic=True)),
    Lane("feeling", "Feeling", "how they feel", _field("feeling")),
    Lane("voice", "Customer voice", "in their own words", _voice),
    Lane("pain", "Pain points", "where it hurts", _pains),
    Lane("measures", "Measures", "operational figures against target", _measures),
    Lane("actions", "Actions", "recommendations and their status", _actions),
)
