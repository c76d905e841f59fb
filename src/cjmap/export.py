"""Exporting a map for spreadsheets (CSV) and scripts (JSON).

CSV: one sheet, a long table: one row per step followed by one row per action of that step, then
one per metric, survey segment, quote and pain point of the step, told apart by the ``record``
column (``step``, ``action``, ``metric``, ``segment``, ``quote``, ``pain_point``; a detail row
names its metric, segment, quote or pain point in ``item``, with its figures beside it). Every row carries the step's position, id, name and
stage, so a spreadsheet user can filter on ``record`` and still see which step an action
belongs to; figures that do not apply to a row are left empty. Yes/no columns say ``yes`` or
``no``. Numbers are plain numbers, exact (net sentiment 0.3333333333333333, not rounded).

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) get a leading apostrophe (see :func:`cjmap.safe_text.spreadsheet_cell`):
a map shared by email must not be able to run a formula on the reader's machine.

JSON: the validated map, as the model holds it (spec key order, every key present, ``null`` for
an absent value, percentages as numbers and due dates as written). JSON is YAML, so the output
is itself a valid map file. With ``derived=True`` the document becomes
``{"cjmap_export": 2, "map": ..., "derived": ...}``, where ``derived`` holds the figures cjmap
computes for each step and action (the same definitions as everywhere else, from
:mod:`cjmap.figures.evidence`): each series with its n, exact shares and 95% Wilson bounds.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable, Optional, Sequence

from cjmap.figures.derived import balance, derived_rag, is_overdue, net_sentiment, worst_rag
from cjmap.figures.evidence import JourneyFigures, Priority, StepEvidence, journey_figures
from cjmap.model import Action, JourneyMap, Step
from cjmap.safe_text import spreadsheet_cell

EXPORT_VERSION = 2  # 2: derived figures per series, with n and intervals
Cell = Any  # str, int, float, bool or None

# Columns of the detail records (metric, segment, quote, pain_point): what the item is, and its
# figures. A step's detail rows follow its actions; filter on ``record`` to pick one kind.
DETAIL_COLUMNS = ("item", "value", "unit", "target", "better", "rag", "base", "satisfied",
                  "dissatisfied", "sentiment", "who")

COLUMNS = (
    "record", "period", "position", "step_id", "step_name", "stage", "optional",
    "moment_of_truth", "positive", "neutral", "negative", "no_comment", "net_sentiment",
    "survey_base", "survey_satisfied", "survey_dissatisfied", "worst_rag", "actions",
    "action_id", "recommendation", "outcome", "owner", "due", "due_date", "status", "overdue",
    *DETAIL_COLUMNS,
)  # fmt: skip


def cell(value: Cell) -> str:
    """One CSV cell: empty for None, yes/no for booleans, exact floats, defused text with
    LF line breaks."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):  # exact: a spreadsheet rounds for display, not the file
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    # Line breaks become LF: the file's own line ending, which the csv module quotes (a lone CR
    # would be left unquoted and split the row for readers). NUL goes: no spreadsheet shows it,
    # and Python 3.10's csv module cannot write it.
    text = spreadsheet_cell(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """CSV with a header row, every cell through :func:`cell`, LF endings.

    A cell is quoted when it holds a comma, a semicolon, a quote or a line break: a spreadsheet
    set to split on ``;`` (common in Europe) must see ``a;=cmd()`` as one cell, never as a
    second one starting with ``=`` (OWASP's CSV-injection guidance).
    """
    lines = [",".join(_csv_field(name) for name in header)]
    lines.extend(",".join(_csv_field(cell(value)) for value in row) for row in rows)
    return "".join(line + "\n" for line in lines)


def _csv_field(text: str) -> str:
    if any(mark in text for mark in _CSV_QUOTE_WHEN):
        return '"' + text.replace('"', '""') + '"'
    return text


_CSV_QUOTE_WHEN = (",", ";", '"', "\n", "\r")


def step_row(journey: JourneyMap, position: int, step: Step) -> dict[str, Cell]:
    counts = balance(step)
    survey = step.survey
    return {
        "record": "step", "period": journey.journey.period, "position": position,
        "step_id": step.id, "step_name": step.name, "stage": step.stage,
        "optional": step.optional, "moment_of_truth": step.is_moment_of_truth,
        "positive": counts.positive, "neutral": counts.neutral, "negative": counts.negative,
        "no_comment": counts.no_comment, "net_sentiment": net_sentiment(step),
        "survey_base": survey.base if survey else None,
        "survey_satisfied": survey.satisfied if survey else None,
        "survey_dissatisfied": survey.dissatisfied if survey else None,
        "worst_rag": worst_rag(step), "actions": len(step.actions),
    }


def action_row(journey: JourneyMap, position: int, step: Step, action: Action,
               today: dt.date) -> dict[str, Cell]:
    return {
        "record": "action", "period": journey.journey.period, "position": position,
        "step_id": step.id, "step_name": step.name, "stage": step.stage,
        "action_id": action.id, "recommendation": action.recommendation,
        "outcome": action.outcome, "owner": action.owner,
        "due": action.due.label if action.due else None,
        "due_date": action.due.date.isoformat() if action.due else None,
        "status": action.status, "overdue": is_overdue(action, today),
    }


def rows(journey: JourneyMap, today: dt.date) -> list[dict[str, Cell]]:
    """The CSV records: each step, then its actions, in the map's order."""
    records = []
    for position, step in enumerate(journey.steps, 1):
        records.append(step_row(journey, position, step))
        records += [action_row(journey, position, step, action, today) for action in step.actions]
        records += detail_rows(journey, position, step)
    return records


def detail_rows(journey: JourneyMap, position: int, step: Step) -> list[dict[str, Cell]]:
    """The step's metrics, survey segments, quotes and pain points, one record each."""
    lead = {"period": journey.journey.period, "position": position, "step_id": step.id,
            "step_name": step.name, "stage": step.stage}
    out: list[dict[str, Cell]] = []
    for metric in step.metrics:
        out.append({**lead, "record": "metric", "item": metric.name, "value": metric.value,
                    "unit": metric.unit, "target": metric.target, "better": metric.better,
                    "rag": derived_rag(metric)})
    for segment in (step.survey.segments if step.survey else []):
        out.append({**lead, "record": "segment", "item": segment.name, "base": segment.base,
                    "satisfied": segment.satisfied, "dissatisfied": segment.dissatisfied})
    for quote in step.quotes:
        out.append({**lead, "record": "quote", "item": quote.text, "sentiment": quote.sentiment,
                    "who": quote.who})
    out += [{**lead, "record": "pain_point", "item": pain} for pain in step.pain_points]
    return out


def to_csv(journey: JourneyMap, today: dt.date) -> str:
    """The map as CSV; ``overdue`` is judged against ``today``."""
    return csv_text(COLUMNS, ([record.get(name) for name in COLUMNS]
                              for record in rows(journey, today)))


def to_json(journey: JourneyMap, today: Optional[dt.date] = None, derived: bool = False) -> str:
    """The validated map as JSON; with ``derived``, wrapped with the computed figures."""
    document: Any = journey.model_dump(mode="json", by_alias=True)
    if derived:
        document = {"cjmap_export": EXPORT_VERSION, "map": document,
                    "derived": derived_figures(journey, today or dt.date.today())}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def derived_figures(journey: JourneyMap, today: dt.date) -> dict[str, Any]:
    """The figures cjmap derives, keyed by step id, and each action's overdue flag.

    Exact values (floats unrounded), with each share's n and interval bounds as separate
    fields; ``curve`` names the series the curve plots, ``highest`` and ``lowest`` its extremes.
    """
    figures = journey_figures(journey)
    return {
        "today": today.isoformat(),
        "curve": figures.curve,
        "highest": figures.highest.id if figures.highest else None,
        "lowest": figures.lowest.id if figures.lowest else None,
        "yearly_cost": figures.yearly_cost,
        "steps": {item.id: _step_figures(item, figures) for item in figures.steps},
        "actions": [
            {"step_id": step.id, "action_id": action.id, "index": index,
             "due_date": action.due.date.isoformat() if action.due else None,
             "overdue": is_overdue(action, today)}
            for step in journey.steps for index, action in enumerate(step.actions)
        ],
    }


def _bounds(bounds: Optional[tuple[float, float]]) -> Optional[list[float]]:
    return None if bounds is None else [bounds[0], bounds[1]]


def _feedback(item: StepEvidence) -> Optional[dict[str, Any]]:
    fb = item.feedback
    if fb is None:
        return None
    return {"n": fb.total, "net": fb.net, "net_interval": _bounds(fb.net_interval),
            "negative_share": fb.negative_share,
            "negative_interval": _bounds(fb.negative_interval), "indicative": fb.thin}


def _survey(item: StepEvidence) -> Optional[dict[str, Any]]:
    sv = item.survey
    if sv is None:
        return None
    return {"base": sv.base, "net": sv.net, "net_interval": _bounds(sv.net_interval),
            "satisfied": sv.satisfied, "satisfied_interval": _bounds(sv.satisfied_interval),
            "dissatisfied": sv.dissatisfied,
            "dissatisfied_interval": _bounds(sv.dissatisfied_interval), "indicative": sv.thin}


def _priority(item: Priority) -> dict[str, Any]:
    return {"rank": item.rank, "score": item.score, "evidence": item.evidence,
            "evidence_source": item.evidence_source, "reach": item.reach, "red": item.red,
            "amber": item.amber, "indicative": item.indicative}


def _segments(item: StepEvidence) -> list[dict[str, Any]]:
    return [{"name": t.name, "measure": t.measure, "base": t.base, "share": t.share,
             "interval": _bounds(t.interval), "others_base": t.others_base,
             "others_share": t.others_share, "method": t.method, "p_value": t.p_value,
             "p_adjusted": t.p_adjusted, "significant": t.significant, "higher": t.higher}
            for t in item.segments]


def _step_figures(item: StepEvidence, figures: JourneyFigures) -> dict[str, Any]:
    step = item.step
    return {
        "feedback": _feedback(item),
        "survey": _survey(item),
        "curve": item.curve,
        "curve_interval": _bounds(item.curve_interval),
        "indicative": item.indicative,
        "segments": _segments(item),
        "yearly_cost": item.yearly_cost,
        "worst_rag": worst_rag(step),
        "priority": _priority(figures.priority_of(step)),
        "moment_of_truth": step.is_moment_of_truth,
    }
