"""Formatters for a :class:`~cjmap.trend.waves.Trend`: text tables, Markdown, JSON and CSV.

Two tables, one row per step and one column per wave: net sentiment from the feedback counts
(net −100 all negative, net +100 all positive) and survey dissatisfaction (% of respondents), each with a
``Change`` column (the last known figure minus the first). Then the actions done between each
pair of waves. A dash marks a wave where the step has no figure; ``n/a`` a wave whose map does
not have the step.

CSV is "tidy" for pivot tables and charts: one row per step per wave.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Callable, Iterable, Optional

from cjmap.export import csv_text
from cjmap.figures import wording
from cjmap.safe_text import markdown_inline, terminal
from cjmap.trend.waves import Completion, StepTrend, Trend, WavePoint

JSON_VERSION = 1
NO_FIGURE = "–"
ABSENT = "n/a"
LEGEND = f"{NO_FIGURE} no figure in that wave; {ABSENT} the step is not in that wave's map"
NAME_WIDTH = 48  # the text table shortens longer step names


def net_cell(value: Optional[float]) -> str:
    """``net +45``, ``net −20`` or ``net 0`` (:func:`cjmap.figures.wording.net`); a dash when
    unknown."""
    return NO_FIGURE if value is None else wording.net(value)


def percent_cell(value: Optional[float]) -> str:
    return NO_FIGURE if value is None else wording.points(value)


def points_change(value: Optional[float], percent: bool) -> str:
    if value is None:
        return NO_FIGURE
    return wording.points_change(value) if percent else wording.change(value)


def table(trend: Trend, percent: bool) -> tuple[list[str], list[list[str]]]:
    """Header and rows (cells as text) of the net sentiment or the dissatisfaction table."""
    header = ["Step", *trend.periods, "Change"]
    rows = []
    for step in trend.steps:
        cells = [_cell(point, percent) for point in step.points]
        change = step.dissatisfied_change if percent else step.net_change
        rows.append([step.name, *cells, points_change(change, percent)])
    return header, rows


def _cell(point: WavePoint, percent: bool) -> str:
    if not point.present:
        return ABSENT
    return percent_cell(point.dissatisfied) if percent else net_cell(point.net)


def completion_phrase(completion: Completion) -> str:
    name = completion.action_id or f'"{completion.recommendation}"'
    was = (f"was {completion.previous_status}" if completion.previous_status
           else "new, already done")
    return f"{completion.step_id}: {name} ({was})"


def intervals(trend: Trend) -> list[tuple[str, str, list[Completion]]]:
    """Each pair of consecutive periods with the actions done between them."""
    periods = trend.periods
    return [(first, second, [c for c in trend.completed
                             if (c.from_period, c.to_period) == (first, second)])
            for first, second in zip(periods, periods[1:])]


def heading(trend: Trend) -> tuple[str, str]:
    waves = ", ".join(f"{wave.period} ({wave.label})" for wave in trend.waves)
    return f"Trend: {trend.title}", f"Waves: {waves}"


# --- text -------------------------------------------------------------------------------------

def text(trend: Trend) -> str:
    """Plain-text tables, aligned in columns, for a terminal or a log."""
    lines = [terminal(line) for line in heading(trend)]
    lines += [f"warning: {terminal(warning)}" for warning in trend.warnings]
    for title, percent in _tables(trend):
        lines += ["", title, *_aligned(*table(trend, percent))]
    lines += ["", LEGEND, "", *_action_lines(trend)]
    return "\n".join(lines) + "\n"


def _action_lines(trend: Trend) -> list[str]:
    lines = ["Actions done between waves"]
    for first, second, done in intervals(trend):
        lines.append(f"  {terminal(first)} → {terminal(second)}")
        lines += [f"    {terminal(completion_phrase(c))}" for c in done] or ["    none"]
    return lines


def _tables(trend: Trend) -> list[tuple[str, bool]]:
    tables = [("Net sentiment by step, from feedback (net \u2212100 all negative, net +100 all positive)",
               False)]
    if trend.has_survey:
        tables.append(("Survey dissatisfied by step (% of respondents)", True))
    return tables


def _shorten(name: str) -> str:
    name = terminal(name)
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"


def _aligned(header: list[str], rows: list[list[str]]) -> list[str]:
    body = [[_shorten(row[0]), *(terminal(c) for c in row[1:])] for row in rows]
    header = [terminal(name) for name in header]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:])]
        return "  ".join([first, *rest]).rstrip()

    return [line(header), *(line(row) for row in body)]


def rich_tables(trend: Trend) -> list[Any]:
    """The same content as :func:`text` as rich renderables, for a terminal: changes coloured
    (green better, red worse: up for sentiment, down for dissatisfaction)."""
    from rich.table import Table
    from rich.text import Text

    renderables: list[Any] = [Text(terminal(line), style="bold" if i == 0 else "")
                              for i, line in enumerate(heading(trend))]
    renderables += [Text(f"warning: {terminal(w)}", style="yellow") for w in trend.warnings]
    for title, percent in _tables(trend):
        header, rows = table(trend, percent)
        grid = Table(title=title, title_justify="left", header_style="bold")
        for index, name in enumerate(header):
            grid.add_column(Text(terminal(name)), justify="left" if index == 0 else "right")
        for step, row in zip(trend.steps, rows):
            colour = _colour(step, percent)
            grid.add_row(*(Text(terminal(c)) for c in row[:-1]), Text(row[-1], style=colour))
        renderables.append(grid)
    renderables.append(Text(LEGEND, style="dim"))
    actions = _action_lines(trend)
    renderables.append(Text(""))
    renderables.append(Text(actions[0], style="bold"))
    renderables += [Text(line) for line in actions[1:]]
    return renderables


def _colour(step: StepTrend, percent: bool) -> str:
    change = step.dissatisfied_change if percent else step.net_change
    if not change:
        return ""
    better = change < 0 if percent else change > 0
    return "green" if better else "red"


# --- markdown ---------------------------------------------------------------------------------

def markdown(trend: Trend) -> str:
    """Markdown tables with every piece of user text escaped."""
    title, waves = heading(trend)
    lines = [f"### {markdown_inline(title)}", "", markdown_inline(waves)]
    lines += [f"> **Warning:** {markdown_inline(warning)}" for warning in trend.warnings]
    for caption, percent in _tables(trend):
        header, rows = table(trend, percent)
        lines += ["", f"#### {caption}", "", _md_row(header),
                  _md_row(["---"] + ["---:"] * (len(header) - 1))]
        lines += [_md_row(row) for row in rows]
    lines += ["", f"_{markdown_inline(LEGEND)}_", "", "#### Actions done between waves"]
    for first, second, done in intervals(trend):
        lines += ["", f"**{markdown_inline(first)} → {markdown_inline(second)}**", ""]
        lines += [f"- {markdown_inline(completion_phrase(c))}" for c in done] or ["- none"]
    return "\n".join(lines) + "\n"


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(markdown_inline(c, line_start=False) if c not in ("---", "---:")
                             else c for c in cells) + " |"


# --- json and csv -----------------------------------------------------------------------------

def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 4)


def as_json(trend: Trend) -> str:
    """A JSON document with stable keys: waves, warnings, steps with a point per wave, actions."""
    document = {
        "cjmap_trend": JSON_VERSION,
        "title": trend.title,
        "waves": [{"period": w.period, "label": w.label, "title": w.journey.journey.title}
                  for w in trend.waves],
        "warnings": list(trend.warnings),
        "steps": [_step_dict(step, trend.periods) for step in trend.steps],
        "completed": [asdict(completion) for completion in trend.completed],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _step_dict(step: StepTrend, periods: tuple[str, ...]) -> dict[str, Any]:
    return {
        "id": step.id,
        "name": step.name,
        "net_change": _round(step.net_change),
        "dissatisfied_change": _round(step.dissatisfied_change),
        "points": [_point_dict(point, period) for point, period in zip(step.points, periods)],
    }


def _point_dict(point: WavePoint, period: str) -> dict[str, Any]:
    counts = point.balance
    return {
        "period": period, "present": point.present, "positive": counts.positive,
        "neutral": counts.neutral, "negative": counts.negative,
        "no_comment": counts.no_comment, "net": _round(point.net),
        "survey_base": point.survey_base, "dissatisfied": point.dissatisfied,
    }


CSV_COLUMNS = ("period", "wave", "step_id", "step_name", "in_map", "positive", "neutral",
               "negative", "no_comment", "net_sentiment", "survey_base", "survey_dissatisfied")


def as_csv(trend: Trend) -> str:
    """One row per step per wave, in step order then wave order (formula-safe text cells)."""
    def records() -> Iterable[list[Any]]:
        for step in trend.steps:
            for wave, (period, point) in enumerate(zip(trend.periods, step.points), 1):
                counts = point.balance
                present = point.present
                yield [period, wave, step.id, step.name, present,
                       counts.positive if present else None, counts.neutral if present else None,
                       counts.negative if present else None,
                       counts.no_comment if present else None, point.net, point.survey_base,
                       point.dissatisfied]

    return csv_text(CSV_COLUMNS, records())


FORMATTERS: dict[str, Callable[[Trend], str]] = {
    "text": text,
    "markdown": markdown,
    "json": as_json,
    "csv": as_csv,
}
