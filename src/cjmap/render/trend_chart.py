"""The trend as an SVG chart: small multiples of net sentiment, one panel per step.

One line per step in a single chart turns into a tangle past four or five steps, so each step
gets its own small panel with the same scales: x is the waves in time order, y is net sentiment
from net −100 (all negative) to net +100 (all positive), with a stronger line at 0. The line is green when
the step ended better than it started (by more than ``FLAT``), red when worse and grey
otherwise; the change is also printed in the panel's corner, so colour is never the only cue.
A dashed segment bridges a wave with no figure; ``n/a`` marks a wave whose map lacks the step.

The output is deterministic (fixed layout, coordinates to one decimal place), every piece of
user text is XML-escaped, and long step names are shortened with the full name in a tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from cjmap.figures import wording
from cjmap.safe_text import xml_text
from cjmap.trend.waves import StepTrend, Trend

COLUMNS = 3
PANEL_WIDTH, PANEL_HEIGHT = 320, 210
GAP = 16
MARGIN = 24
HEADER_HEIGHT = 108
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 62, 36, 42, 40
FLAT = 0.05  # a change this small or smaller is drawn as "little change"
COLOURS = {"better": "#1a7f3c", "worse": "#c0392b", "flat": "#6b7280"}
CHAR_WIDTH = 0.56  # average glyph width as a share of the font size, to fit text in a panel
BOLD_WIDTH = 0.64  # the same for bold text
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

STYLE = f"""<style>
  text {{ font-family: {FONT}; fill: #1f2937; }}
  .title {{ font-size: 20px; font-weight: 600; }}
  .subtitle, .legend {{ font-size: 12.5px; fill: #4b5563; }}
  .name {{ font-size: 13px; font-weight: 600; }}
  .change {{ font-size: 13px; font-weight: 600; }}
  .tick, .value, .absent {{ font-size: 10.5px; fill: #4b5563; }}
  .value {{ fill: #111827; }}
  .absent {{ font-style: italic; fill: #9ca3af; }}
  .frame {{ fill: #ffffff; stroke: #d1d5db; }}
  .grid {{ stroke: #eef0f3; }}
  .zero {{ stroke: #9ca3af; }}
</style>"""


@dataclass(frozen=True)
class Plot:
    """Where a panel draws: maps a wave index and a sentiment to panel coordinates."""

    waves: int

    @property
    def width(self) -> float:
        return PANEL_WIDTH - PLOT_LEFT - PLOT_RIGHT

    @property
    def height(self) -> float:
        return PANEL_HEIGHT - PLOT_TOP - PLOT_BOTTOM

    def x(self, index: int) -> float:
        if self.waves == 1:
            return PLOT_LEFT + self.width / 2
        return PLOT_LEFT + self.width * index / (self.waves - 1)

    def y(self, value: float) -> float:
        return PLOT_TOP + self.height * (1 - value) / 2


def _n(value: float) -> str:
    """A coordinate, to one decimal place, without a trailing ``.0``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def fit(text: str, width: float, font_size: float, char_width: float = CHAR_WIDTH) -> str:
    """``text`` shortened with an ellipsis to about ``width`` pixels."""
    most = max(4, int(width / (font_size * char_width)))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def signed(value: float) -> str:
    """``net +45``, ``net −20`` or ``net 0`` (:func:`cjmap.figures.wording.net`)."""
    return wording.net(value)


def trend_kind(change: Optional[float]) -> str:
    if change is None or abs(change) <= FLAT:
        return "flat"
    return "better" if change > 0 else "worse"


def render_trend_svg(trend: Trend) -> str:
    """The whole chart as an SVG document (UTF-8 text ending in a newline)."""
    rows = max(1, -(-len(trend.steps) // COLUMNS))
    columns = min(COLUMNS, max(1, len(trend.steps)))
    width = 2 * MARGIN + columns * PANEL_WIDTH + (columns - 1) * GAP
    height = MARGIN + HEADER_HEIGHT + rows * PANEL_HEIGHT + (rows - 1) * GAP + MARGIN
    parts = [_open(trend, width, height), STYLE,
             f'<rect width="{width}" height="{height}" fill="#f9fafb"/>',
             *_heading(trend, width), *_legend()]
    for index, step in enumerate(trend.steps):
        left = MARGIN + (index % COLUMNS) * (PANEL_WIDTH + GAP)
        top = MARGIN + HEADER_HEIGHT + (index // COLUMNS) * (PANEL_HEIGHT + GAP)
        parts.append(_panel(step, trend.periods, left, top))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _open(trend: Trend, width: int, height: int) -> str:
    title = xml_text(f"Net sentiment by step: {trend.title}")
    periods = xml_text(", ".join(trend.periods))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title chart-desc">'
            f'\n<title id="chart-title">{title}</title>'
            f'\n<desc id="chart-desc">Net sentiment from -1 to +1 for each step of the journey '
            f"in each wave: {periods}.</desc>")


def _heading(trend: Trend, width: int) -> list[str]:
    room = width - 2 * MARGIN
    title = fit(f"Net sentiment by step: {trend.title}", room, 20, BOLD_WIDTH)
    waves = fit("Waves: " + ", ".join(trend.periods), room, 12.5)
    meaning = fit("Net sentiment = (positive − negative) ÷ customers who commented, from −1 "
                  "(all negative) to +1 (all positive).", room, 12.5)
    return [f'<text class="title" x="{MARGIN}" y="{MARGIN + 20}">{xml_text(title)}</text>',
            f'<text class="subtitle" x="{MARGIN}" y="{MARGIN + 42}">{xml_text(waves)}</text>',
            f'<text class="subtitle" x="{MARGIN}" y="{MARGIN + 60}">{xml_text(meaning)}</text>']


def _legend() -> list[str]:
    y = MARGIN + 84
    items = [("better", "ended better"), ("worse", "ended worse"),
             ("flat", f"little change (±{FLAT:g} or less)")]
    parts, x = [], MARGIN
    for kind, label in items:
        parts.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 22}" y2="{y - 4}" '
                     f'stroke="{COLOURS[kind]}" stroke-width="3"/>')
        parts.append(f'<text class="legend" x="{x + 28}" y="{y}">{label}</text>')
        x += 40 + int(len(label) * 12.5 * CHAR_WIDTH)
    parts.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 22}" y2="{y - 4}" stroke="#6b7280" '
                 f'stroke-width="2" stroke-dasharray="4 3"/>')
    parts.append(f'<text class="legend" x="{x + 28}" y="{y}">no figure in a wave between</text>')
    return parts


def _panel(step: StepTrend, periods: Sequence[str], left: int, top: int) -> str:
    plot = Plot(len(periods))
    kind = trend_kind(step.net_change)
    change = "no change" if step.net_change is None else wording.change(step.net_change)
    change_width = len(change) * 13 * BOLD_WIDTH
    name = fit(step.name, PANEL_WIDTH - 24 - change_width - 12, 13, BOLD_WIDTH)
    parts = [f'<g class="panel" transform="translate({left} {top})">',
             f"<title>{xml_text(step.name)} ({xml_text(step.id)})</title>",
             f'<rect class="frame" width="{PANEL_WIDTH}" height="{PANEL_HEIGHT}" rx="6"/>',
             f'<text class="name" x="12" y="22">{xml_text(name)}</text>',
             f'<text class="change" x="{PANEL_WIDTH - 12}" y="22" text-anchor="end" '
             f'fill="{COLOURS[kind]}">{change}</text>',
             *_axes(plot, periods), *_line(step, plot, COLOURS[kind]), "</g>"]
    return "\n".join(parts)


def _axes(plot: Plot, periods: Sequence[str]) -> list[str]:
    right = PLOT_LEFT + plot.width
    parts = []
    for value, label in ((1, "+100"), (0.5, ""), (0, "0"), (-0.5, ""), (-1, "−100")):
        y = _n(plot.y(value))
        css = "zero" if value == 0 else "grid"
        parts.append(f'<line class="{css}" x1="{PLOT_LEFT - 24}" y1="{y}" x2="{_n(right + 12)}" '
                     f'y2="{y}"/>')
        if label:
            parts.append(f'<text class="tick" x="{PLOT_LEFT - 30}" y="{y}" dy="3.5" '
                         f'text-anchor="end">{label}</text>')
    for index in _labelled_waves(len(periods), plot.width):
        x = _n(plot.x(index))
        label = fit(periods[index], 70, 10.5)
        parts.append(f'<text class="tick" x="{x}" y="{PANEL_HEIGHT - 14}" text-anchor="middle">'
                     f"{xml_text(label)}</text>")
    return parts


def _labelled_waves(count: int, width: float) -> list[int]:
    """Which waves get a period label: all when they fit, else evenly spaced with the last."""
    room = 70.0
    if count <= 1 or width / (count - 1) >= room:
        return list(range(count))
    every = -(-room // (width / (count - 1)))
    chosen = [i for i in range(count) if i % int(every) == 0]
    if chosen[-1] != count - 1:
        chosen[-1] = count - 1
    return chosen


def _line(step: StepTrend, plot: Plot, colour: str) -> list[str]:
    known = [(i, p.net) for i, p in enumerate(step.points) if p.net is not None]
    parts = []
    for (i, a), (j, b) in zip(known, known[1:]):
        dash = ' stroke-dasharray="5 4"' if j - i > 1 else ""
        parts.append(f'<line x1="{_n(plot.x(i))}" y1="{_n(plot.y(a))}" x2="{_n(plot.x(j))}" '
                     f'y2="{_n(plot.y(b))}" stroke="{colour}" stroke-width="2.5"{dash}/>')
    crowded = plot.waves > 1 and plot.width / (plot.waves - 1) < 36
    labelled = {known[0][0], known[-1][0]} if crowded and known else {i for i, _ in known}
    for i, value in known:
        x, y = _n(plot.x(i)), plot.y(value)
        parts.append(f'<circle cx="{x}" cy="{_n(y)}" r="4" fill="{colour}" stroke="#ffffff" '
                     f'stroke-width="1.5"/>')
        if i not in labelled:
            continue
        above = 0 <= value < 0.75 or value < -0.75
        label_y = y - 9 if above else y + 17
        parts.append(f'<text class="value" x="{x}" y="{_n(label_y)}" text-anchor="middle">'
                     f"{signed(value)}</text>")
    for i, point in enumerate(step.points):
        if point.net is None:
            mark = "–" if point.present else "n/a"
            parts.append(f'<text class="absent" x="{_n(plot.x(i))}" y="{PANEL_HEIGHT - 28}" '
                         f'text-anchor="middle">{mark}</text>')
    return parts
