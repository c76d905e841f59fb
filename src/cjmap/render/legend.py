"""The legend under the map: every mark the map uses, explained in words.

Only marks that appear in this map are listed (no survey diamond on a map without surveys),
and items flow left to right, wrapping onto new rows within the map's width.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from cjmap.figures import wording
from cjmap.figures.derived import balance
from cjmap.figures.evidence import SURVEY, JourneyFigures
from cjmap.model import ACTION_STATUSES, JourneyMap
from cjmap.render import svg
from cjmap.render.blocks import Pill
from cjmap.render.layout import line_height, text_width, wrap
from cjmap.render.themes import DEFAULT, Theme

SIZE = 11.5
ICON = 34.0  # width of the drawing before each label
ROW = 24.0
GAP = 26.0
MAX_LABEL = 300.0
HEADING = 22.0  # the legend's heading line, above the entries

Icon = Callable[[float, float, Theme, str], str]  # (x, middle y, theme, ids) -> svg


def _curve_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    return (svg.line(x, y + 5, x + 14, y - 4, theme.positive, 3)
            + svg.line(x + 14, y - 4, x + 28, y + 3, theme.curve_mid, 3)
            + svg.circle(x + 14, y - 4, 5, theme.positive, stroke=theme.background,
                         stroke_width=1.5))


def _curve_diamond_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    return (svg.line(x, y + 5, x + 14, y - 4, theme.positive, 3)
            + svg.line(x + 14, y - 4, x + 28, y + 3, theme.curve_mid, 3)
            + svg.polygon([(x + 14, y - 11), (x + 21, y - 4), (x + 14, y + 3), (x + 7, y - 4)],
                          theme.positive, stroke=theme.background, stroke_width=1.5))


def _other_diamond_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    return svg.polygon([(x + 14, y - 5), (x + 19, y), (x + 14, y + 5), (x + 9, y)],
                       theme.background, stroke=theme.muted, stroke_width=1.5)


def _other_square_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    return svg.rect(x + 10, y - 4, 8, 8, theme.background, stroke=theme.muted, stroke_width=1.5)


def _thin_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    return svg.circle(x + 14, y, 5.5, theme.background, stroke=theme.negative, stroke_width=2)


def _whisker_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    return (svg.line(x + 14, y - 9, x + 14, y + 9, theme.muted, 1.25)
            + svg.line(x + 10, y - 9, x + 18, y - 9, theme.muted, 1.25)
            + svg.line(x + 10, y + 9, x + 18, y + 9, theme.muted, 1.25)
            + svg.circle(x + 14, y, 4, theme.positive))


def _bar_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    negative = svg.rect(x + 20, y - 7, 8, 14, theme.negative)
    if theme.hatch_negative:
        negative += svg.rect(x + 20, y - 7, 8, 14, f"url(#{ids}-hatch)")
    return (svg.rect(x, y - 7, 12, 14, theme.positive) + svg.rect(x + 12, y - 7, 8, 14,
                                                                  theme.neutral) + negative)


def _star_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    return (svg.circle(x + 14, y, 10, "none", stroke=theme.moment, stroke_width=2)
            + svg.star(x + 14, y, 6.5, theme.moment))


def _optional_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    return svg.rect(x + 2, y - 8, 24, 16, theme.background, stroke=theme.optional,
                    stroke_width=1.5, dash="4 3")


def _pain_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    return svg.circle(x + 14, y, 4, theme.pain)


def _rag_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    return "".join(svg.circle(x + 5 + 9 * i, y, 4, theme.rag[name])
                   for i, name in enumerate(("red", "amber", "green")))


def _no_data_icon(x: float, y: float, theme: Theme, ids: str) -> str:
    return svg.circle(x + 14, y, 5, theme.background, stroke=theme.no_data, stroke_width=1.5)


def _status_pills(statuses: frozenset[str], theme: Theme) -> list[Pill]:
    return [Pill(status.replace("-", " "), 10.5, theme.status[status], theme.status_ink)
            for status in ACTION_STATUSES if status in statuses]


def _status_icon(statuses: frozenset[str]) -> Icon:
    def draw(x: float, y: float, theme: Theme, ids: str) -> str:
        out = []
        for pill in _status_pills(statuses, theme):
            out.append(pill.draw(x, y - pill.height / 2))
            x += pill.width + 4
        return "".join(out)

    return draw


def _status_width(statuses: frozenset[str]) -> float:
    # Pill widths do not depend on colour, so any theme measures them.

    return sum(pill.width + 4 for pill in _status_pills(statuses, DEFAULT)) + 6


@dataclass(frozen=True)
class Marks:
    """Which kinds of mark a map shows, so the legend explains those and no others."""

    curve: bool
    series: str  # the curve's series: "feedback" or "survey"
    other: bool  # the other series is drawn beside the curve
    intervals: bool
    thin: bool
    no_data: bool
    feedback: bool
    moments: bool
    optional: bool
    pain: bool
    measures: bool
    statuses: frozenset[str]


def marks_of(journey: JourneyMap, figures: JourneyFigures) -> Marks:
    steps = journey.steps
    values = [item.curve for item in figures.steps]
    curve = any(value is not None for value in values)
    return Marks(
        curve=curve,
        series=figures.curve,
        other=any(item.other is not None for item in figures.steps),
        intervals=any(item.curve_interval is not None for item in figures.steps),
        thin=any(item.curve is not None and item.curve_thin for item in figures.steps),
        no_data=curve and any(value is None for value in values),
        feedback=any(balance(step).total for step in steps),
        moments=any(step.is_moment_of_truth for step in steps),
        optional=any(step.optional for step in steps),
        pain=any(step.pain_points for step in steps),
        measures=any(step.metrics for step in steps),
        statuses=frozenset(a.status for step in steps for a in step.actions),
    )


@dataclass(frozen=True)
class Item:
    icon: Icon
    label: str
    icon_width: float = ICON


def items(marks: Marks) -> list[Item]:
    """The legend entries this map needs, in a fixed order."""
    out: list[Item] = []
    survey = marks.series == SURVEY
    if marks.curve:
        out.append(Item(_curve_diamond_icon if survey else _curve_icon,
                        f"Experience curve: {wording.series_name(marks.series)}, "
                        f"{'diamond' if survey else 'circle'}"))
    if marks.intervals:
        out.append(Item(_whisker_icon, "Whiskers: the 95% interval of the point"))
    if marks.thin:
        out.append(Item(_thin_icon, "Hollow point: indicative, fewer than 5 comments"
                        if not survey else "Hollow point: indicative, survey base under 30"))
    if marks.other:
        other = "feedback" if survey else SURVEY
        out.append(Item(_other_square_icon if survey else _other_diamond_icon,
                        f"Grey mark beside a point: {wording.series_name(other)}, "
                        "other evidence, not part of the curve"))
    if marks.no_data:
        out.append(Item(_no_data_icon, "No figure in the curve's series for this step"))
    if marks.feedback:
        out.append(Item(_bar_icon, "Feedback: positive, neutral, negative (counts)"))
    if marks.moments:
        out.append(Item(_star_icon, "Moment of truth: makes or breaks the experience"))
    if marks.optional:
        out.append(Item(_optional_icon, "Optional step: only some customers go through it"))
    if marks.pain:
        out.append(Item(_pain_icon, "Pain point"))
    if marks.measures:
        out.append(Item(_rag_icon, "Measure against target: red, amber, green"))
    if marks.statuses:
        out.append(Item(_status_icon(marks.statuses), "Action status",
                        _status_width(marks.statuses)))
    return out


def legend_height(entries: list[Item], width: float) -> float:
    """The legend's height including its heading."""
    return HEADING + _layout(entries, width)[1]


def _layout(entries: list[Item], width: float) -> tuple[list[tuple[float, float, list[str]]],
                                                         float]:
    """Where each entry goes: (x, row top, label lines), and the total height."""
    placed = []
    x, top, row_height = 0.0, 0.0, ROW
    for entry in entries:
        lines = wrap(entry.label, MAX_LABEL, SIZE)
        span = entry.icon_width + max(text_width(line, SIZE) for line in lines)
        if x and x + span > width:
            x, top, row_height = 0.0, top + row_height + 6, ROW
        placed.append((x, top, lines))
        row_height = max(row_height, len(lines) * line_height(SIZE) + 6)
        x += span + GAP
    return placed, top + row_height


def draw_legend(entries: list[Item], x: float, y: float, width: float, theme: Theme,
                ids: str) -> str:
    heading = svg.text(x, y + 12, "How to read this map", 12.5, theme.ink, bold=True)
    out = [heading]
    placed, _ = _layout(entries, width)
    for entry, (dx, dy, lines) in zip(entries, placed):
        middle = y + HEADING + dy + ROW / 2
        out.append(entry.icon(x + dx, middle, theme, ids))
        left = x + dx + entry.icon_width
        for index, line in enumerate(lines):
            out.append(svg.text(left, middle + 4 + index * line_height(SIZE), line, SIZE,
                                theme.ink))
    return "".join(out)

