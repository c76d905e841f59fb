"""The experience curve: one declared series of evidence, joined across the whole journey.

The curve plots one series (:func:`cjmap.figures.evidence.declared_curve`): net feedback from
interviews and groups (circles), or the survey net, % satisfied minus % dissatisfied
(diamonds), from -100 to +100. Each point has whiskers for its 95% interval and a tooltip with
its evidence; a point on thin evidence is hollow. The other series, where a step has it, is
drawn beside the point in its own small grey marks, never joined into the line. A ring marks a
moment of truth. The line is dashed into and out of an optional step, and across steps without
data, which are marked "no data" on the zero line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from cjmap.figures import wording
from cjmap.figures.evidence import SURVEY, JourneyFigures, StepEvidence
from cjmap.model import Step
from cjmap.render import svg
from cjmap.render.layout import fmt
from cjmap.render.themes import Theme

HEIGHT = 190.0  # the lane's height in pixels
PAD = 30.0  # room above +100 and below -100 for the value labels
BAND = 0.2  # beyond +/- this a point takes the positive or negative colour
DASH = "7 5"
OTHER_OFFSET = 26.0  # how far right of the point the other series' mark sits


@dataclass(frozen=True)
class CurvePoint:
    x: float
    y: float
    value: float
    item: StepEvidence
    index: int
    top: float  # the lane's top

    @property
    def step(self) -> Step:
        return self.item.step


def value_y(value: float, top: float) -> float:
    """The y of a sentiment value in a curve lane starting at ``top``."""
    middle = top + HEIGHT / 2
    return middle - value * (HEIGHT / 2 - PAD)


def colour(value: float, theme: Theme) -> str:
    if value >= BAND:
        return theme.positive
    if value <= -BAND:
        return theme.negative
    return theme.curve_mid


def curve_points(figures: JourneyFigures, centres: Sequence[float],
                 top: float) -> list[CurvePoint]:
    points = []
    for index, (item, x) in enumerate(zip(figures.steps, centres)):
        if item.curve is not None:
            points.append(CurvePoint(x, value_y(item.curve, top), item.curve, item, index, top))
    return points


def gradient(ids: str, top: float, theme: Theme) -> str:
    """The vertical gradient the line and area share: positive at the top, negative below."""
    return (f'<linearGradient id="{ids}-curve" gradientUnits="userSpaceOnUse" x1="0" '
            f'y1="{fmt(value_y(1, top))}" x2="0" y2="{fmt(value_y(-1, top))}">'
            f'<stop offset="0" stop-color="{theme.positive}"/>'
            f'<stop offset="0.5" stop-color="{theme.curve_mid}"/>'
            f'<stop offset="1" stop-color="{theme.negative}"/></linearGradient>')


def draw_curve(figures: JourneyFigures, centres: Sequence[float], top: float, left: float,
               right: float, theme: Theme, ids: str) -> str:
    """The whole lane between x ``left`` and ``right``: guides, area, line, points, labels."""
    points = curve_points(figures, centres, top)
    out = [_guides(top, left, right, theme)]
    if points:
        out.append(_area(points, top, ids))
        out.extend(_lines(points, theme, ids))
    out.extend(_other(item, x, top, figures.curve, theme)
               for item, x in zip(figures.steps, centres) if item.other is not None)
    known = {point.index for point in points}
    out.extend(_no_data(x, top, theme) for index, x in enumerate(centres) if index not in known)
    out.extend(_marker(point, figures.curve, theme) for point in points)
    return "".join(out)


def _guides(top: float, left: float, right: float, theme: Theme) -> str:
    zero = value_y(0, top)
    out = [svg.line(left, zero, right, zero, theme.faint, theme.line_width, "4 4")]
    for value in (1.0, 0.5, -0.5, -1.0):
        y = value_y(value, top)
        out.append(svg.line(left, y, right, y, theme.grid, 0.75))
    return "".join(out)


def _area(points: list[CurvePoint], top: float, ids: str) -> str:
    zero = value_y(0, top)
    outline = [(p.x, p.y) for p in points]
    outline += [(points[-1].x, zero), (points[0].x, zero)]
    return svg.polygon(outline, f"url(#{ids}-curve)", extra=' fill-opacity="0.14"')


def _dashed(before: CurvePoint, after: CurvePoint) -> bool:
    return after.index - before.index > 1 or before.step.optional or after.step.optional


def _lines(points: list[CurvePoint], theme: Theme, ids: str) -> list[str]:
    """Polylines, one per run of segments that share a style (solid or dashed)."""
    runs: list[tuple[bool, list[CurvePoint]]] = []
    for before, after in zip(points, points[1:]):
        dashed = _dashed(before, after)
        if runs and runs[-1][0] == dashed:
            runs[-1][1].append(after)
        else:
            runs.append((dashed, [before, after]))
    out = []
    for dashed, run in runs:
        style = f' stroke-dasharray="{DASH}"' if dashed else ""
        out.append(f'<polyline points="{svg.points([(p.x, p.y) for p in run])}" fill="none" '
                   f'stroke="url(#{ids}-curve)" stroke-width="{fmt(theme.curve_width)}" '
                   f'stroke-linejoin="round" stroke-linecap="round"{style}/>')
    return out


def _whiskers(point: CurvePoint, top: float, theme: Theme) -> str:
    bounds = point.item.curve_interval
    if bounds is None:
        return ""
    low, high = value_y(bounds[0], top), value_y(bounds[1], top)
    return (svg.line(point.x, high, point.x, low, theme.muted, 1.25)
            + svg.line(point.x - 4, high, point.x + 4, high, theme.muted, 1.25)
            + svg.line(point.x - 4, low, point.x + 4, low, theme.muted, 1.25))


def _shape(x: float, y: float, survey: bool, fill: str, stroke: str, r: float) -> str:
    if survey:
        d = r * 1.25
        return svg.polygon([(x, y - d), (x + d, y), (x, y + d), (x - d, y)], fill,
                           stroke=stroke, stroke_width=2)
    return svg.circle(x, y, r, fill, stroke=stroke, stroke_width=2)


def _marker(point: CurvePoint, series: str, theme: Theme) -> str:
    fill = colour(point.value, theme)
    out = [svg.title(wording.step_summary(point.item)), _whiskers(point, point.top, theme)]
    if point.step.is_moment_of_truth:
        out.append(svg.circle(point.x, point.y, 11, "none", stroke=theme.moment, stroke_width=2))
    if point.item.curve_thin:  # hollow: the point rests on thin evidence
        out.append(_shape(point.x, point.y, series == SURVEY, theme.background, fill, 5.5))
    else:
        out.append(_shape(point.x, point.y, series == SURVEY, fill, theme.background, 6))
    # Left of the point: the whiskers run above and below it, the other series sits right.
    out.append(svg.text(point.x - 16, point.y + 4, wording.point_label(point.item, series), 12,
                        theme.muted if point.item.curve_thin else theme.ink, bold=True,
                        anchor="end"))
    return '<g class="point">' + "".join(out) + "</g>"


def _other(item: StepEvidence, x: float, top: float, series: str, theme: Theme) -> str:
    """The other series' value, in its own small grey mark beside the point, with its figure."""
    assert item.other is not None
    other_series = "feedback" if series == SURVEY else SURVEY
    x += OTHER_OFFSET
    y = value_y(item.other, top)
    if other_series == SURVEY:
        mark = svg.polygon([(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)], theme.background,
                           stroke=theme.muted, stroke_width=1.5)
    else:
        mark = svg.rect(x - 4, y - 4, 8, 8, theme.background, stroke=theme.muted,
                        stroke_width=1.5)
    text = svg.text(x + 8, y + 4, wording.series_figure(item.other, other_series), 10,
                    theme.muted, anchor="start")
    return f'<g class="other">{svg.title(wording.step_summary(item))}{mark}{text}</g>'


def _no_data(x: float, top: float, theme: Theme) -> str:
    zero = value_y(0, top)
    return (svg.circle(x, zero, 5, theme.background, stroke=theme.no_data, stroke_width=1.5)
            + svg.text(x, zero + 20, "no data", 10.5, theme.muted, anchor="middle"))


def axis_labels(top: float, right: float, theme: Theme) -> str:
    """Tick labels at the right edge of the lane's label cell."""
    out = []
    for value, label in ((1.0, "+100"), (0.5, "+50"), (0.0, "0"), (-0.5, "\u221250"),
                         (-1.0, "\u2212100")):
        out.append(svg.text(right, value_y(value, top) + 4, label, 10, theme.muted,
                            anchor="end"))
    return "".join(out)


def has_curve(figures: JourneyFigures) -> bool:
    return any(item.curve is not None or item.other is not None for item in figures.steps)
