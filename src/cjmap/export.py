"""Exporting a map for spreadsheets (CSV) and scripts (JSON).

CSV: one sheet, a long table: one row per step followed by one row per action of that step, then
one per metric, survey segment, quote and pain point of the step, told apart by the ``record``
column (``step``, ``action``, ``metric``, ``segment``, ``quote``, ``pain_point``; a detail row
names its metric, segment, quote or pain point in ``item``, with its figures beside it). Every row carries the step's position, id, name and
stage, so a spreadsheet user can filter on ``record`` and still see which step an action
belongs to; figures that do not apply to a row are left empty. Yes/no columns say ``yes`` or
``no``. Numbers are plain numbers (net sentiment to 4 decimal places).

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) get a leading apostrophe (see :func:`cjmap.safe_text.spreadsheet_cell`):
a map shared by email must not be able to run a formula on the reader's machine.

JSON: the validated map, as the model holds it (spec key order, every key present, ``null`` for
an absent value, percentages as numbers and due dates as written). JSON is YAML, so the output
is itself a valid map file. With ``derived=True`` the document becomes
``{"cjmap_export": 1, "map": ..., "derived": ...}``, where ``derived`` holds the figures cjmap
computes for each step and action (the same definitions as everywhere else, from
:mod:`cjmap.figures.derived`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any, Iterable, Optional, Sequence

from cjmap.figures.derived import (
    balance,
    derived_rag,
    is_overdue,
    net_sentiment,
    priority,
    step_sentiment,
    survey_sentiment,
    worst_rag,
)
from cjmap.model import Action, JourneyMap, Step
from cjmap.safe_text import spreadsheet_cell

EXPORT_VERSION = 1
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
    """One CSV cell: empty for None, yes/no for booleans, rounded floats, defused text with
    LF line breaks."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        rounded = round(value, 4)
        return str(int(rounded)) if rounded.is_integer() else repr(rounded)
    if isinstance(value, int):
        return str(value)
    # Line breaks become LF: the file's own line ending, which the csv module quotes (a lone CR
    # would be left unquoted and split the row for readers). NUL goes: no spreadsheet shows it,
    # and Python 3.10's csv module cannot write it.
    text = spreadsheet_cell(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """CSV with a header row, every cell through :func:`cell`, quoted where needed, LF endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([cell(value) for value in row] for row in rows)
    return buffer.getvalue()


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
    """The figures cjmap derives, keyed by step id, and each action's overdue flag."""
    return {
        "today": today.isoformat(),
        "steps": {step.id: _step_figures(step) for step in journey.steps},
        "actions": [
            {"step_id": step.id, "action_id": action.id, "index": index,
             "due_date": action.due.date.isoformat() if action.due else None,
             "overdue": is_overdue(action, today)}
            for step in journey.steps for index, action in enumerate(step.actions)
        ],
    }


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 4)


def _step_figures(step: Step) -> dict[str, Any]:
    counts = balance(step)
    return {
        "feedback_total": counts.total,
        "net_sentiment": _round(counts.net),
        "negative_share": _round(counts.negative_share),
        "survey_sentiment": _round(survey_sentiment(step)),
        "sentiment": _round(step_sentiment(step)),
        "worst_rag": worst_rag(step),
        "priority": priority(step).score,
        "moment_of_truth": step.is_moment_of_truth,
    }
