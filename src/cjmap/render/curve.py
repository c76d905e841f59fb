"""The experience curve: each step's sentiment, joined across the whole journey.

A step's value is ``analysis.step_sentiment`` (survey satisfaction where the step has a survey,
otherwise net feedback), from -1 to 1, drawn as a percentage. Circles are net feedback and
diamonds survey results; a ring marks a moment of truth. The line is dashed into and out of an
optional step, and across steps without data, which are marked "no data" on the zero line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from cjmap.figures.derived import step_sentiment, survey_sentiment
from cjmap.model import Step
from cjmap.render import svg
from cjmap.render.layout import fmt
from cjmap.render.themes import Theme

HEIGHT = 190.0  # the lane's height in pixels
PAD = 30.0  # room above +100% and below -100% for the value labels
BAND = 0.2  # beyond +/- this a point takes the positive or negative colour
DASH = "7 5"


@dataclass(frozen=True)
class CurvePoint:
    x: float
    y: float
    value: float
    survey: bool
    step: Step
    index: int


def percent(value: float) -> str:
    """-0.45 -> "-45%" with a true minus sign; 0 -> "0%"."""
    rounded = int(round(value * 100))
    if rounded == 0:
        return "0%"
    return ("+" if rounded > 0 else "\u2212") + f"{abs(rounded)}%"


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


def curve_points(steps: Sequence[Step], centres: Sequence[float], top: float) -> list[CurvePoint]:
    points = []
    for index, (step, x) in enumerate(zip(steps, centres)):
        value = step_sentiment(step)
        if value is not None:
            points.append(CurvePoint(x, value_y(value, top), value,
                                survey_sentiment(step) is not None, step, index))
    return points


def gradient(ids: str, top: float, theme: Theme) -> str:
    """The vertical gradient the line and area share: positive at the top, negative below."""
    return (f'<linearGradient id="{ids}-curve" gradientUnits="userSpaceOnUse" x1="0" '
            f'y1="{fmt(value_y(1, top))}" x2="0" y2="{fmt(value_y(-1, top))}">'
            f'<stop offset="0" stop-color="{theme.positive}"/>'
            f'<stop offset="0.5" stop-color="{theme.curve_mid}"/>'
            f'<stop offset="1" stop-color="{theme.negative}"/></linearGradient>')


def draw_curve(steps: Sequence[Step], centres: Sequence[float], top: float, left: float,
               right: float, theme: Theme, ids: str) -> str:
    """The whole lane between x ``left`` and ``right``: guides, area, line, points, labels."""
    points = curve_points(steps, centres, top)
    out = [_guides(top, left, right, theme)]
    if points:
        out.append(_area(points, top, ids))
        out.extend(_lines(points, theme, ids))
    known = {point.index for point in points}
    out.extend(_no_data(x, top, theme) for index, x in enumerate(centres) if index not in known)
    out.extend(_marker(point, theme) for point in points)
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


def _marker(point: CurvePoint, theme: Theme) -> str:
    fill = colour(point.value, theme)
    out = []
    if point.step.is_moment_of_truth:
        out.append(svg.circle(point.x, point.y, 11, "none", stroke=theme.moment, stroke_width=2))
    if point.survey:
        r = 7.5
        out.append(svg.polygon([(point.x, point.y - r), (point.x + r, point.y),
                                (point.x, point.y + r), (point.x - r, point.y)], fill,
                               stroke=theme.background, stroke_width=2))
    else:
        out.append(svg.circle(point.x, point.y, 6, fill, stroke=theme.background,
                              stroke_width=2))
    label_y = point.y - 16 if point.value >= 0 else point.y + 25
    out.append(svg.text(point.x, label_y, percent(point.value), 12, theme.ink, bold=True,
                        anchor="middle"))
    return "".join(out)


def _no_data(x: float, top: float, theme: Theme) -> str:
    zero = value_y(0, top)
    return (svg.circle(x, zero, 5, theme.background, stroke=theme.no_data, stroke_width=1.5)
            + svg.text(x, zero + 20, "no data", 10.5, theme.muted, anchor="middle"))


def axis_labels(top: float, right: float, theme: Theme) -> str:
    """Tick labels at the right edge of the lane's label cell."""
    out = []
    for value, label in ((1.0, "+100%"), (0.5, "+50%"), (0.0, "0"), (-0.5, "\u221250%"),
                         (-1.0, "\u2212100%")):
        out.append(svg.text(right, value_y(value, top) + 4, label, 10, theme.muted,
                            anchor="end"))
    return "".join(out)


def has_curve(steps: Sequence[Step]) -> bool:
    return any(step_sentiment(step) is not None for step in steps)
