"""The trend as an SVG chart: one row per step, three panels across the waves.

Each step gets a row: its full name (wrapped, never cut off) on the left, then

* **Interviews**: net sentiment from net −100 (all negative) to net +100 (all positive), with
  the number of people who commented (n) under each wave;
* **Survey**: the share satisfied (solid line) and dissatisfied (dashed line) with each wave's
  95% interval as a whisker and the base under each wave;
* **Segments and metrics**: each survey segment (matched by name) and each metric (matched by
  name) then and now, the metric against its target with its RAG rating written out.

Under the interview and survey panels the latest change is labelled with its test: a change
within chance says so and is drawn in the neutral colour, whatever its direction; only a
significant change is called an improvement or a decline (see :mod:`cjmap.figures.change`).
A dashed segment bridges a wave with no figure; ``n/a`` marks a wave whose map lacks the step.

Built with the map's SVG toolkit: :mod:`cjmap.render.svg` escapes every piece of text,
:mod:`cjmap.render.layout` measures and wraps it and formats coordinates, and
:mod:`cjmap.render.themes` gives the colours (``default`` or ``high-contrast``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from cjmap.figures import change
from cjmap.figures import wording as words
from cjmap.figures.change import ShareChange, StepChange, WaveChange
from cjmap.figures.derived import derived_rag
from cjmap.render import svg
from cjmap.render.layout import line_height, text_width, wrap
from cjmap.render.themes import Theme, get_theme
from cjmap.trend.waves import StepTrend, Trend

MARGIN = 24
NAME_WIDTH = 230
PANEL_WIDTH = 300
TEXT_PANEL_WIDTH = 330
GAP = 14
PLOT_HEIGHT = 120
PLOT_TOP = 30
PLOT_LEFT, PLOT_RIGHT = 44, 24
ROW_GAP = 14
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
SMALL, BODY = 10.5, 12.5
WIDTH = 2 * MARGIN + NAME_WIDTH + 2 * PANEL_WIDTH + TEXT_PANEL_WIDTH + 3 * GAP


@dataclass(frozen=True)
class Plot:
    """Maps a wave index and a value (from ``low`` to ``high``) to panel coordinates."""

    waves: int
    left: float
    top: float
    low: float
    high: float

    @property
    def width(self) -> float:
        return PANEL_WIDTH - PLOT_LEFT - PLOT_RIGHT

    def x(self, index: int) -> float:
        if self.waves == 1:
            return self.left + PLOT_LEFT + self.width / 2
        return self.left + PLOT_LEFT + self.width * index / (self.waves - 1)

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.top + PLOT_TOP + PLOT_HEIGHT * (1 - share)


def render_trend_svg(trend: Trend, theme_name: str = "default") -> str:
    """The whole chart as an SVG document (UTF-8 text ending in a newline)."""
    theme = get_theme(theme_name)
    latest = trend.changes[-1] if trend.changes else None
    by_id = {step.id: step for step in latest.steps} if latest else {}
    top = float(MARGIN + 96)
    rows = []
    for step in trend.steps:
        row, height = _row(step, by_id.get(step.id), trend, theme, top)
        rows.append(row)
        top += height + ROW_GAP
    height = int(top + MARGIN)
    parts = [_open(trend, height), svg.rect(0, 0, WIDTH, height, theme.background),
             *_heading(trend, theme, latest), *rows, "</svg>"]
    return "\n".join(parts) + "\n"


def _open(trend: Trend, height: int) -> str:
    title = f"Trend by step: {trend.title}"
    periods = ", ".join(trend.periods)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" font-family={svg.attr(FONT)} '
            f'aria-labelledby="chart-title chart-desc">'
            f'\n<title id="chart-title">{svg.esc(title)}</title>'
            f'\n<desc id="chart-desc">{svg.esc(_description(periods))}</desc>')


def _description(periods: str) -> str:
    return ("For each step of the journey in each wave (" + periods + "): interview net "
            "sentiment with the number who commented, survey satisfaction and dissatisfaction "
            "with base and 95% interval, and segments and metrics by name, each change "
            "labelled significant or within chance.")


def _heading(trend: Trend, theme: Theme, latest: Optional[WaveChange]) -> list[str]:
    room = WIDTH - 2 * MARGIN
    lines = [(f"Trend by step: {trend.title}", 20.0, theme.ink, True),
             ("Waves: " + ", ".join(trend.periods), BODY, theme.muted, False),
             ("Net sentiment: net +100 all positive, net −100 all negative (n = people who "
              "commented). Survey: solid line satisfied, dashed line dissatisfied, whiskers "
              "the 95% interval.", BODY, theme.muted, False),
             (words.holm_words(latest) if latest else "", BODY, theme.ink, False)]
    parts, y = [], float(MARGIN + 18)
    for content, size, colour, bold in lines:
        for piece in wrap(content, room, size, bold)[:2]:
            parts.append(svg.text(MARGIN, y, piece, size, colour, bold=bold))
            y += line_height(size)
    return parts


# --- one step ---------------------------------------------------------------------------------


def _row(step: StepTrend, change: Optional[StepChange], trend: Trend, theme: Theme,
         top: float) -> tuple[str, float]:
    periods = trend.periods
    name_lines = wrap(step.name, NAME_WIDTH - 20, 13, bold=True)
    notes = _presence_notes(step, periods)
    side = _text_items(step, change, theme)
    text_height = sum(height for _, height in side) + 40
    name_height = line_height(13) * len(name_lines) + line_height(SMALL) * (len(notes) + 1) + 24
    height = max(PLOT_TOP + PLOT_HEIGHT + 70, text_height, name_height)
    left = MARGIN
    parts = ['<g class="step">', svg.title(f"{step.name} ({step.id})"),
             svg.rect(left, top, WIDTH - 2 * MARGIN, height, theme.background,
                      stroke=theme.grid, stroke_width=theme.line_width, radius=6)]
    y = top + 22
    for piece in name_lines:
        parts.append(svg.text(left + 12, y, piece, 13, theme.ink, bold=True))
        y += line_height(13)
    parts.append(svg.text(left + 12, y, step.id, SMALL, theme.muted))
    for note in notes:
        y += line_height(SMALL)
        parts.append(svg.text(left + 12, y, note, SMALL, theme.ink, italic=True))
    x = left + NAME_WIDTH + GAP
    parts += _net_panel(step, change, periods, theme, x, top)
    x += PANEL_WIDTH + GAP
    parts += _survey_panel(step, change, periods, theme, x, top)
    x += PANEL_WIDTH + GAP
    parts += _text_panel(side, theme, x, top)
    parts.append("</g>")
    return "\n".join(parts), height


def _presence_notes(step: StepTrend, periods: Sequence[str]) -> list[str]:
    notes = []
    for index in range(1, len(periods)):
        before, now = step.points[index - 1].present, step.points[index].present
        if before != now:
            notes.append(f"{'added' if now else 'removed'} in {periods[index]}")
    return notes


def _panel_title(x: float, top: float, content: str, theme: Theme) -> str:
    return svg.text(x + 8, top + 18, content, 11.5, theme.muted, bold=True)


def _axes(plot: Plot, ticks: Sequence[tuple[float, str]], periods: Sequence[str],
          theme: Theme) -> list[str]:
    parts = []
    left, right = plot.left + PLOT_LEFT - 8, plot.left + PLOT_LEFT + plot.width + 8
    for value, label in ticks:
        y = plot.y(value)
        strong = label in ("0", "net 0")
        parts.append(svg.line(left, y, right, y, theme.faint if strong else theme.grid,
                              theme.line_width))
        parts.append(svg.text(left - 4, y + 3.5, label, SMALL - 1, theme.muted, anchor="end"))
    for index, period in enumerate(periods):
        label = _fit(period, plot.width / max(1, len(periods) - 1) + 20, SMALL)
        parts.append(svg.text(plot.x(index), plot.y(plot.low) + 16, label, SMALL, theme.muted,
                              anchor="middle"))
    return parts


def _fit(content: str, width: float, size: float) -> str:
    """A wave label that fits its column (the full label is in the chart's description)."""
    if text_width(content, size) <= width:
        return content
    while content and text_width(content + "…", size) > width:
        content = content[:-1]
    return content + "…"


def _series(plot: Plot, values: Sequence[Optional[float]], colour: str, theme: Theme,
            dash: Optional[str] = None) -> list[str]:
    """A line through the known values (dashed across a wave with no figure) and its dots."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    parts = []
    for (i, a), (j, b) in zip(known, known[1:]):
        gap = "5 4" if j - i > 1 else dash
        parts.append(svg.line(plot.x(i), plot.y(a), plot.x(j), plot.y(b), colour,
                              theme.curve_width * 0.75, gap))
    parts += [svg.circle(plot.x(i), plot.y(v), 3.5, colour, stroke=theme.background,
                         stroke_width=1.5) for i, v in known]
    return parts


def _absent_marks(plot: Plot, step: StepTrend, has_value: Sequence[bool],
                  theme: Theme) -> list[str]:
    marks = []
    for index, point in enumerate(step.points):
        if not has_value[index]:
            mark = "–" if point.present else "n/a"
            marks.append(svg.text(plot.x(index), plot.y((plot.low + plot.high) / 2), mark,
                                  SMALL, theme.muted, italic=True, anchor="middle",
                                  extra=' class="absent"'))
    return marks


def _label_colour(share: Optional[ShareChange], theme: Theme) -> str:
    if share is None or not share.significant:
        return theme.muted
    return theme.positive if share.label == "significant improvement" else theme.negative


def _change_note(share: Optional[ShareChange], prefix: str, width: float) -> list[str]:
    if share is None or share.test is None:
        return []
    text = (f"{prefix} {words.points_words(share.points)}: {share.label} "
            f"({words.p_words(share.test.p_value)})")
    return wrap(text, width, SMALL)[:2]


def _net_panel(step: StepTrend, change: Optional[StepChange], periods: Sequence[str],
               theme: Theme, x: float, top: float) -> list[str]:
    plot = Plot(len(periods), x, top, -1.0, 1.0)
    parts = [_panel_title(x, top, "Interviews: net sentiment", theme)]
    parts += _axes(plot, [(1, "+100"), (0, "0"), (-1, "−100")], periods, theme)
    nets = [point.net for point in step.points]
    parts += _series(plot, nets, theme.ink, theme)
    for index, point in enumerate(step.points):
        if point.net is not None:
            above = point.net < 0.6
            y = plot.y(point.net) + (-8 if above else 15)
            # the first label leans right and the last left, clear of the axis and the frame
            anchor, nudge = (("start", -4.0) if index == 0 and plot.waves > 1 else
                             ("end", 4.0) if index == plot.waves - 1 and plot.waves > 1 else
                             ("middle", 0.0))
            parts.append(svg.text(plot.x(index) + nudge, y, words.net_words(point.net), SMALL,
                                  theme.ink, anchor=anchor, extra=' class="value"'))
            parts.append(svg.text(plot.x(index), plot.y(-1) + 29, f"n={point.commented}",
                                  SMALL, theme.muted, anchor="middle"))
    parts += _absent_marks(plot, step, [n is not None for n in nets], theme)
    negative = _find(change, "interview", "negative")
    for i, piece in enumerate(_change_note(negative, "negative comments", PANEL_WIDTH - 16)):
        parts.append(svg.text(x + 8, plot.y(-1) + 46 + i * line_height(SMALL), piece, SMALL,
                              _label_colour(negative, theme)))
    return parts


def _find(change: Optional[StepChange], source: str, measure: str) -> Optional[ShareChange]:
    if change is None:
        return None
    return next((s for s in change.shares if s.source == source and s.measure == measure), None)


def _survey_panel(step: StepTrend, change: Optional[StepChange], periods: Sequence[str],
                  theme: Theme, x: float, top: float) -> list[str]:
    plot = Plot(len(periods), x, top, 0.0, 100.0)
    parts = [_panel_title(x, top, "Survey: satisfied and dissatisfied", theme)]
    parts += _axes(plot, [(100, "100%"), (50, "50%"), (0, "0%")], periods, theme)
    satisfied = [p.satisfied for p in step.points]
    dissatisfied = [p.dissatisfied for p in step.points]
    for values, colour, dash in ((satisfied, theme.positive, None),
                                 (dissatisfied, theme.negative, "6 3")):
        parts += _whiskers(plot, step, values, colour, theme)
        parts += _series(plot, values, colour, theme, dash)
    for index, point in enumerate(step.points):
        if point.survey_base is not None:
            parts.append(svg.text(plot.x(index), plot.y(0) + 29, f"base {point.survey_base}",
                                  SMALL, theme.muted, anchor="middle"))
    known = [a is not None or b is not None for a, b in zip(satisfied, dissatisfied)]
    parts += _absent_marks(plot, step, known, theme)
    share = _find(change, "survey", "dissatisfied")
    for i, piece in enumerate(_change_note(share, "dissatisfied", PANEL_WIDTH - 16)):
        parts.append(svg.text(x + 8, plot.y(0) + 46 + i * line_height(SMALL), piece, SMALL,
                              _label_colour(share, theme)))
    return parts


def _whiskers(plot: Plot, step: StepTrend, values: Sequence[Optional[float]], colour: str,
              theme: Theme) -> list[str]:
    parts = []
    for index, (point, value) in enumerate(zip(step.points, values)):
        share = change.survey_share(value, point.survey_base)
        if share is None:
            continue
        low, high = share.interval
        x = plot.x(index)
        parts.append(svg.line(x, plot.y(low), x, plot.y(high), colour, theme.line_width))
        for end in (low, high):
            parts.append(svg.line(x - 3, plot.y(end), x + 3, plot.y(end), colour,
                                  theme.line_width))
    return parts


# --- segments and metrics, as text --------------------------------------------------------------


def _text_items(step: StepTrend, change: Optional[StepChange],
                theme: Theme) -> list[tuple[list[tuple[str, str, bool]], float]]:
    """Each item as lines (text, colour, bold) and its height."""
    width = TEXT_PANEL_WIDTH - 16
    items = []
    for share in (change.segments if change else ()):
        if share.measure != "dissatisfied" or share.test is None:
            continue
        head = f"{share.segment}, dissatisfied"
        body = words.share_change_words(share)
        items.append(_item(head, body, width, _label_colour(share, theme), theme))
    for name, values, rag, target in _metric_series(step):
        body = " → ".join(values) + (f"; target {target}" if target else "")
        items.append(_item(name, body, width, theme.rag.get(rag or "", theme.ink), theme))
    return items


def _item(head: str, body: str, width: float, colour: str,
          theme: Theme) -> tuple[list[tuple[str, str, bool]], float]:
    lines = [(piece, theme.ink, True) for piece in wrap(head, width, SMALL, bold=True)]
    lines += [(piece, colour, False) for piece in wrap(body, width, SMALL)]
    return lines, line_height(SMALL) * len(lines) + 6


def _metric_series(step: StepTrend) -> list[tuple[str, list[str], Optional[str], str]]:
    """(name, each wave's value with its RAG rating, the latest RAG, target) per metric."""
    names: dict[str, str] = {}
    for point in step.points:
        for metric in point.metrics:
            names[change.name_key(metric.name)] = metric.name
    found = []
    for key, name in names.items():
        values, rag, target = [], None, ""
        for point in step.points:
            found_metric = next((m for m in point.metrics if change.name_key(m.name) == key), None)
            if found_metric is None:
                values.append("–")
                continue
            metric = found_metric
            rag = derived_rag(metric)
            unit = "%" if metric.unit == "%" else None
            shown = words.metric_value_words(metric.value, unit)
            values.append(f"{shown} ({rag})" if rag else shown)
            if metric.target is not None:
                target = words.metric_value_words(metric.target, metric.unit)
        found.append((name, values, rag, target))
    return found


def _text_panel(items: list[tuple[list[tuple[str, str, bool]], float]], theme: Theme,
                x: float, top: float) -> list[str]:
    parts = [_panel_title(x, top, "Segments and metrics", theme)]
    y = top + 38
    if not items:
        parts.append(svg.text(x + 8, y, "none recorded", SMALL, theme.muted, italic=True))
    for lines, height in items:
        for index, (piece, colour, bold) in enumerate(lines):
            parts.append(svg.text(x + 8, y + index * line_height(SMALL), piece, SMALL, colour,
                                  bold=bold))
        y += height
    return parts



