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
from cjmap.figures import change, wording
from cjmap.figures import wording as words
from cjmap.figures.change import ShareChange, WaveChange
from cjmap.figures.derived import derived_rag
from cjmap.model import Metric, Segment
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
    """What was done, in the action's words: "you said, we did"."""
    name = f" [{completion.action_id}]" if completion.action_id else ""
    was = (f"was {completion.previous_status}" if completion.previous_status
           else "new, already done")
    done = f" Done: {completion.outcome}" if completion.outcome else ""
    return f"{completion.step_id}{name}: {completion.recommendation} ({was}).{done}"


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
    for title, (header, rows) in extra_tables(trend):
        lines += ["", title, *_aligned(header, rows)]
    lines += ["", LEGEND, "", *_action_lines(trend)]
    lines += ["", *(terminal(line) for line in change_lines(trend))]
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
    for caption, (header, rows) in extra_tables(trend):
        lines += ["", f"#### {markdown_inline(caption)}", "", _md_row(header),
                  _md_row(["---"] + ["---:"] * (len(header) - 1))]
        lines += [_md_row(row) for row in rows]
    lines += ["", f"_{markdown_inline(LEGEND)}_", "", "#### Actions done between waves"]
    for first, second, done in intervals(trend):
        lines += ["", f"**{markdown_inline(first)} → {markdown_inline(second)}**", ""]
        lines += [f"- {markdown_inline(completion_phrase(c))}" for c in done] or ["- none"]
    lines += ["", *_md_change_lines(trend)]
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
        "changes": [change_dict(change) for change in trend.changes],
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
        "satisfied": point.satisfied, "commented": point.commented if point.present else None,
        "segments": [segment.model_dump() for segment in point.segments],
        "metrics": [{**metric.model_dump(), "rag": derived_rag(metric)}
                    for metric in point.metrics],
    }


# CSV: a row per step per wave as before (record "step"), then a row per segment and per
# metric of that step in that wave (record "segment" or "metric", named in "item").
CSV_EXTRA = ("survey_satisfied", "commented", "record", "item", "base", "satisfied",
             "dissatisfied", "value", "unit", "target", "better", "rag")

CSV_COLUMNS = ("period", "wave", "step_id", "step_name", "in_map", "positive", "neutral",
               "negative", "no_comment", "net_sentiment", "survey_base", "survey_dissatisfied",
               *CSV_EXTRA)


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
                       point.dissatisfied, *step_extra(point)]
                yield from extra_records(period, wave, step, point)

    return csv_text(CSV_COLUMNS, records())


# --- everything that matters over time: survey, segments, metrics, tested changes -------------
# Added for waves over time; every figure is worded through cjmap.figures.change's wording
# helpers (the ``words`` functions), so the wording can be swapped in one place.


def step_extra(point: WavePoint) -> list[Any]:
    present = point.present
    return [point.satisfied, point.commented if present else None, "step",
            None, None, None, None, None, None, None, None, None]


def extra_records(period: str, wave: int, step: StepTrend,
                  point: WavePoint) -> Iterable[list[Any]]:
    lead = [period, wave, step.id, step.name, point.present, *([None] * 9)]
    for segment in point.segments:
        yield [*lead, None, "segment", segment.name, segment.base, segment.satisfied,
               segment.dissatisfied, None, None, None, None, None]
    for metric in point.metrics:
        yield [*lead, None, "metric", metric.name, None, None, None, metric.value, metric.unit,
               metric.target, metric.better, derived_rag(metric)]


def _survey_cell(point: WavePoint, measure: str) -> str:
    if not point.present:
        return ABSENT
    value = point.satisfied if measure == "satisfied" else point.dissatisfied
    if value is None:
        return NO_FIGURE
    base = f" of {point.survey_base}" if point.survey_base is not None else ""
    return f"{words.percent_words(value)}{base}"


def _net_n_cell(point: WavePoint) -> str:
    if not point.present:
        return ABSENT
    return f"{words.net_words(point.net)} (n={point.commented})"


def _segment_cell(segments: tuple[Segment, ...], name: str, measure: str) -> str:
    for segment in segments:
        if change.name_key(segment.name) == name:
            value = getattr(segment, measure)
            if value is None:
                return NO_FIGURE
            base = f" of {segment.base}" if segment.base is not None else ""
            return f"{words.percent_words(value)}{base}"
    return NO_FIGURE


def _metric_cell(metrics: tuple[Metric, ...], name: str) -> str:
    for metric in metrics:
        if change.name_key(metric.name) == name:
            rag = derived_rag(metric)
            value = words.metric_value_words(metric.value, "%" if metric.unit == "%" else None)
            return f"{value} ({rag})" if rag else value
    return NO_FIGURE


def _names(trend: Trend, step: StepTrend, kind: str) -> dict[str, str]:
    """Segment or metric names of a step across the waves (key -> name as last written)."""
    found: dict[str, str] = {}
    for point in step.points:
        for item in (point.segments if kind == "segment" else point.metrics):
            found[change.name_key(item.name)] = item.name
    return found


def extra_tables(trend: Trend) -> list[tuple[str, tuple[list[str], list[list[str]]]]]:
    """The tables added for waves over time: interviews with n, survey satisfied with base,
    segments (matched by name) and metrics (matched by name, with target and RAG)."""
    periods = list(trend.periods)
    tables = [("Interviews: net sentiment with the number who commented (net +100 all "
               "positive, net −100 all negative)",
               (["Step", *periods], [[s.name, *(_net_n_cell(p) for p in s.points)]
                                     for s in trend.steps]))]
    if trend.has_survey or any(p.satisfied is not None for s in trend.steps for p in s.points):
        rows = [[s.name, *(_survey_cell(p, "satisfied") for p in s.points)] for s in trend.steps]
        tables.append(("Survey satisfied by step, with the base (respondents)",
                       (["Step", *periods], rows)))
    segment_rows = [[f"{name} ({s.id})", measure,
                     *(_segment_cell(p.segments, key, measure) if p.present else ABSENT
                       for p in s.points)]
                    for s in trend.steps for key, name in _names(trend, s, "segment").items()
                    for measure in ("satisfied", "dissatisfied")]
    if segment_rows:
        tables.append(("Survey segments, matched by name", (["Segment (step)", "Share", *periods],
                                                            segment_rows)))
    metric_rows = [[f"{name} ({s.id})", *(_metric_cell(p.metrics, key) if p.present else ABSENT
                                          for p in s.points), _target(s, key)]
                   for s in trend.steps for key, name in _names(trend, s, "metric").items()]
    if metric_rows:
        tables.append(("Metrics, matched by name (value and RAG rating)",
                       (["Metric", *periods, "Target"], metric_rows)))
    return tables


def _target(step: StepTrend, key: str) -> str:
    for point in reversed(step.points):
        for metric in point.metrics:
            if change.name_key(metric.name) == key and metric.target is not None:
                better = {"lower": " or less", "higher": " or more"}.get(metric.better or "", "")
                unit = "%" if metric.unit == "%" else (f" {metric.unit}" if metric.unit else "")
                return f"{metric.target:g}{unit}{better}"
    return NO_FIGURE


def change_lines(trend: Trend) -> list[str]:
    """Each wave-to-wave change, step by step, with its significance label."""
    lines = ["Changes between waves, told from chance (p < 0.05 is significant)"]
    for change in trend.changes:
        lines += ["", f"  {change.before_period} → {change.after_period}",
                  f"    {words.holm_words(change)}"]
        for step in change.steps:
            lines += [f"    {line}" for line in step_change_lines(step)]
    added = trend.added_removed()
    if added:
        lines += ["", "Steps added and removed"]
        lines += [f"  {period}: {kind} {step_id} ({name})" for period, kind, step_id, name in added]
    return lines


def step_change_lines(step: Any) -> list[str]:
    """A step's changes between two waves: net sentiment with n, each share, each metric."""
    if step.presence != "both":
        where = "added in the later wave" if step.presence == "added" else "removed"
        return [f"{step.name}: step {where}"]
    lines = [f"{step.name}: {words.net_with_n(step.net_before)} → "
             f"{words.net_with_n(step.net_after)}"]
    lines += [f"  {share_line(share)}" for share in step.shares]
    lines += [f"  metric {shift.name}: {words.metric_words(shift)}" for shift in step.metrics]
    return lines


def share_line(share: ShareChange) -> str:
    return f"{words.measure_words(share)}: {words.share_change_words(share)}"


def _md_change_lines(trend: Trend) -> list[str]:
    md = markdown_inline
    lines = ["#### Changes between waves, told from chance", ""]
    for change in trend.changes:
        lines += [f"**{md(change.before_period)} → {md(change.after_period)}**", "",
                  md(words.holm_words(change)), ""]
        for step in change.steps:
            first, *rest = step_change_lines(step)
            lines.append(f"- {md(first)}")
            lines += [f"  - {md(line.strip())}" for line in rest]
        lines.append("")
    added = trend.added_removed()
    if added:
        lines += ["#### Steps added and removed", ""]
        lines += [f"- {md(period)}: {kind} `{step_id}` ({md(name)})"
                  for period, kind, step_id, name in added]
    return lines


def _share_dict(share: Optional[Any]) -> Optional[dict[str, Any]]:
    if share is None:
        return None
    low, high = share.interval
    return {"count": share.count, "base": share.base, "percent": _round(share.percent),
            "ci_low": _round(low), "ci_high": _round(high)}


def change_dict(change: WaveChange) -> dict[str, Any]:
    """A wave pair's tested changes for JSON."""
    return {
        "from": change.before_period, "to": change.after_period, "tested": change.tested,
        "steps": [{
            "id": step.id, "name": step.name, "presence": step.presence,
            "net_before": asdict(step.net_before) if step.net_before else None,
            "net_after": asdict(step.net_after) if step.net_after else None,
            "shares": [{
                "source": share.source, "measure": share.measure, "segment": share.segment,
                "before": _share_dict(share.before), "after": _share_dict(share.after),
                "points": _round(share.points), "label": share.label,
                "test": share.test.method if share.test else None,
                "p_value": _round(share.test.p_value) if share.test else None,
                "p_holm": _round(share.p_adjusted)} for share in step.shares],
            "metrics": [asdict(shift) | {"kind": shift.kind} for shift in step.metrics],
        } for step in change.steps],
    }


FORMATTERS: dict[str, Callable[[Trend], str]] = {
    "text": text,
    "markdown": markdown,
    "json": as_json,
    "csv": as_csv,
}
