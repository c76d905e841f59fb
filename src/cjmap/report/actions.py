"""The action plan across many maps: a team's folder of maps as one list (``cjmap actions``).

Callable from Python::

    from cjmap.report.actions import Filters, collect, select, to_csv
    plan = collect(["maps/"], today=date(2026, 4, 1))
    print(to_csv(select(plan.rows, Filters(overdue=True))))

Each row is one action with the map and step it belongs to, using the same
:class:`~cjmap.report.context.ActionView` as the report, so "overdue" and the references
("2.3", or the action's id) mean the same everywhere. Rows come earliest due date first (undated
last), then by file and journey order.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from cjmap.export import csv_text
from cjmap.report.context import ActionView, action_view
from cjmap.report.escape import cell as md_cell
from cjmap.report.filters import long_date, plural, status_label
from cjmap.validate import (
    PARALLEL_FROM,
    MapError,
    discover,
    in_parallel,
    load_map,
    worker_count,
)

COLUMNS = ("map", "journey", "period", "step", "step_id", "step_name", "ref", "action_id",
           "recommendation", "outcome", "owner", "due", "due_date", "status", "overdue",
           "days_overdue")


@dataclass(frozen=True)
class PlanRow:
    """One action of one map."""

    path: str
    journey: str
    period: Optional[str]
    action: ActionView


@dataclass(frozen=True)
class Invalid:
    """A file that is not a valid map, with the errors that say why."""

    path: str
    problems: list[Any]  # cjmap.problems.Problem


@dataclass
class Plan:
    """The rows of every valid map, and the files that are not valid maps."""

    rows: list[PlanRow] = field(default_factory=list)
    invalid: list[Invalid] = field(default_factory=list)
    files: int = 0
    archived: list[str] = field(default_factory=list)  # past waves whose actions were left out


@dataclass(frozen=True)
class Filters:
    """Which rows to keep. Owners match case-insensitively, as part of the owner's name."""

    owners: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    overdue: bool = False
    open: bool = False

    def keep(self, action: ActionView) -> bool:
        if self.overdue and not action.overdue:
            return False
        if self.open and not action.open:
            return False
        if self.statuses and action.status not in self.statuses:
            return False
        owner = (action.owner or "").casefold()
        return not self.owners or any(want.casefold() in owner for want in self.owners)


def map_rows(path: str, journey: Any, today: dt.date) -> list[PlanRow]:
    """Every action of one map, in the journey's order."""
    about = journey.journey
    return [PlanRow(path, about.title, about.period, action_view(step, number, index, action,
                                                                 today))
            for number, step in enumerate(journey.steps, start=1)
            for index, action in enumerate(step.actions, start=1)]


def collect(paths: Sequence[str | Path], today: dt.date, include_archived: bool = False) -> Plan:
    """Load every map under ``paths`` (files, or folders searched for *.yaml and *.yml).

    A past wave (``journey.archived: true``) is listed in ``plan.archived`` and its actions are
    left out, unless ``include_archived``: they are followed up in the current wave.

    A map is valid as ``cjmap validate`` means it (the format and the error-level checks), so
    a file with, say, two actions sharing an id is listed as invalid rather than half-read.
    Raises :class:`cjmap.validate.PathError` for a path that does not exist.
    """
    plan = Plan()
    work = [(str(path), today, include_archived) for path in discover(paths)]
    workers = worker_count(None, len(work))
    if workers > 1 and len(work) >= PARALLEL_FROM:
        outcomes = in_parallel(_file_outcome, work, workers)
    else:
        outcomes = [_file_outcome(item) for item in work]
    for outcome in outcomes:
        plan.files += 1
        if isinstance(outcome, Invalid):
            plan.invalid.append(outcome)
        elif isinstance(outcome, str):
            plan.archived.append(outcome)
        else:
            plan.rows.extend(outcome)
    return plan


def _file_outcome(item: tuple[str, dt.date, bool]) -> Invalid | str | list[PlanRow]:
    """One file's part of the plan: why it is invalid, its path if it is a past wave left out,
    or its rows."""
    path, today, include_archived = item
    try:
        journey = load_map(path)
    except MapError as error:
        return Invalid(path, list(error.problems))
    if journey.journey.archived and not include_archived:
        return path
    return map_rows(path, journey, today)


def _order(row: PlanRow) -> tuple[dt.date, str, int, int]:
    action = row.action
    return (action.due_date or dt.date.max, row.path, action.step_number, action.number)


def select(rows: Iterable[PlanRow], filters: Filters) -> list[PlanRow]:
    """The rows the filters keep, earliest due first."""
    return sorted((row for row in rows if filters.keep(row.action)), key=_order)


def record(row: PlanRow) -> dict[str, Any]:
    """A row as plain values, keyed by :data:`COLUMNS`."""
    action = row.action
    return {
        "map": row.path, "journey": row.journey, "period": row.period,
        "step": action.step_number, "step_id": action.step_id, "step_name": action.step_name,
        "ref": action.ref, "action_id": action.id, "recommendation": action.recommendation,
        "outcome": action.outcome, "owner": action.owner, "due": action.due,
        "due_date": action.due_date.isoformat() if action.due_date else None,
        "status": action.status, "overdue": action.overdue, "days_overdue": action.days_overdue,
    }


def to_csv(rows: Iterable[PlanRow]) -> str:
    """CSV with a header row; text that a spreadsheet would run as a formula is defused."""
    return csv_text(COLUMNS, ([record(row)[name] for name in COLUMNS] for row in rows))


def to_json(rows: Iterable[PlanRow], today: dt.date) -> str:
    """``{"today": ..., "actions": [...]}``, keys in :data:`COLUMNS` order."""
    document = {"today": today.isoformat(), "actions": [record(row) for row in rows]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_markdown(rows: Sequence[PlanRow], today: dt.date) -> str:
    """A Markdown table, every cell escaped, for a wiki page or an issue."""
    lines = [f"Actions as at {long_date(today)}: {len(rows)}.", "",
             "| Due | Status | Owner | Action | Step | Map |", "|---|---|---|---|---|---|"]
    for row in rows:
        action = row.action
        status = str(status_label(action.status))
        if action.overdue:
            status += f", **overdue** by {plural(action.days_overdue or 0, 'day')}"
        lines.append(f"| {md_cell(action.due)} | {status} | {md_cell(action.owner)} | "
                     f"{md_cell(action.recommendation)} | {action.step_number}. "
                     f"{md_cell(action.step_name)} | {md_cell(row.journey)} "
                     f"({md_cell(row.path)}) |")
    return "\n".join(lines) + "\n"
