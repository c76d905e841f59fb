"""Case-log measures: how long cases took at a step, from two date columns of the case log.

For each measure, a case's duration runs from its ``from`` date to its ``to`` date: working
days are the days after the start up to and including the end, leaving out weekends and
England and Wales bank holidays (a Monday report inspected on Tuesday took 1); calendar days
are the plain difference. A case with no end date is still open: it is left out and counted.
The statistic is the median or mean duration of the closed cases, or the share of them that
took no more than ``within`` days (as a percentage, unrounded).

The whole file is read once for all its measures; it is checked as it is read, so a date that
cannot be read, a missing start date or an end before the start is an error with its row.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cjmap.housing.calendar import DEFAULT_REGION, working_days_between

from .dates import parse_date
from .errors import EvidenceError, quote
from .specs import CasesSpec, MeasureSpec
from .tables import Cell, cell_text, read_table, text_key


@dataclass(frozen=True)
class MeasureFigure:
    """One measure's result: ``value`` is None when no case is closed.

    ``n`` counts the closed cases the value is computed from, ``open`` the cases with no end
    date, and ``within`` (share-within only) the closed cases that took ``spec.within`` days
    or fewer.
    """

    spec: MeasureSpec
    value: float | None
    n: int
    open: int
    within: int | None = None

    @property
    def step(self) -> str:
        return self.spec.step

    @property
    def metric(self) -> str:
        return self.spec.metric


def summarise_cases(
    spec: CasesSpec, base_dir: Path, region: str = DEFAULT_REGION
) -> list[MeasureFigure]:
    """Read the case log once and compute every measure, in the map's order.

    ``region`` picks the bank holidays left out of working days (``england-and-wales``,
    ``scotland`` or ``northern-ireland``; see :mod:`cjmap.housing.calendar`).
    """
    if not spec.measures:
        return []
    columns = _columns(spec.measures)
    rows = read_table(Path(base_dir) / spec.file, columns, sheet=spec.sheet, label=spec.file)
    durations, open_cases, cases = _durations(rows, columns, spec, region)
    if cases == 0:
        raise EvidenceError(
            "the file has a header row but no cases under it. Add a row for each case.",
            file=spec.file,
        )
    return [_figure(m, d, o) for m, d, o in zip(spec.measures, durations, open_cases)]


def duration(start: date, end: date, days: str, region: str = DEFAULT_REGION) -> int:
    """Working or calendar days from ``start`` to ``end``."""
    if days == "working":
        return working_days_between(start, end, region)
    return (end - start).days


def _columns(measures: Sequence[MeasureSpec]) -> list[str]:
    seen: dict[str, str] = {}
    for measure in measures:
        for name in (measure.from_column, measure.to_column):
            seen.setdefault(text_key(name), name)
    return list(seen.values())


def _durations(
    rows: Iterable[tuple[int, tuple[Cell, ...]]], columns: list[str], spec: CasesSpec,
    region: str = DEFAULT_REGION,
) -> tuple[list[list[int]], list[int], int]:
    """Each measure's closed-case durations and open-case count, and the number of cases."""
    index = {text_key(name): i for i, name in enumerate(columns)}
    durations: list[list[int]] = [[] for _ in spec.measures]
    open_cases = [0] * len(spec.measures)
    cases = 0
    for number, cells in rows:
        cases += 1
        dates = [_cell_date(cell, number, name, spec.file) for cell, name in zip(cells, columns)]
        for i, measure in enumerate(spec.measures):
            start = dates[index[text_key(measure.from_column)]]
            end = dates[index[text_key(measure.to_column)]]
            if end is None:
                open_cases[i] += 1
            else:
                durations[i].append(
                    _checked_duration(start, end, measure, number, spec.file, region))
    return durations, open_cases, cases


def _cell_date(cell: Cell, number: int, column: str, file: str) -> date | None:
    """The cell's date, None when it is blank, or an error saying how to write it."""
    if isinstance(cell, str) and not cell.strip():
        return None
    found = parse_date(cell)
    if found is None:
        raise EvidenceError(
            f"{quote(cell_text(cell))} is not a date cjmap can read. Write dates as "
            "2026-06-30, 30/06/2026 or 30 Jun 2026 (day before month), or format the column "
            "as dates in the spreadsheet.",
            file=file, row=number, column=column,
        )
    return found


def _checked_duration(
    start: date | None, end: date, measure: MeasureSpec, number: int, file: str,
    region: str = DEFAULT_REGION,
) -> int:
    if start is None:
        raise EvidenceError(
            f"the case has an end date in {quote(measure.to_column)} but no start date. Fill "
            "in the start date, or clear the end date if the case is still open.",
            file=file, row=number, column=measure.from_column,
        )
    if end < start:
        raise EvidenceError(
            f"the end date ({end:%d/%m/%Y}) is before the start date in "
            f"{quote(measure.from_column)} ({start:%d/%m/%Y}). Correct whichever is wrong.",
            file=file, row=number, column=measure.to_column,
        )
    return duration(start, end, measure.days, region)


def _figure(measure: MeasureSpec, durations: list[int], open_cases: int) -> MeasureFigure:
    n = len(durations)
    if n == 0:
        return MeasureFigure(measure, None, 0, open_cases)
    if measure.statistic == "median":
        return MeasureFigure(measure, float(statistics.median(durations)), n, open_cases)
    if measure.statistic == "mean":
        return MeasureFigure(measure, statistics.fmean(durations), n, open_cases)
    within = sum(1 for days in durations if days <= (measure.within or 0))
    return MeasureFigure(measure, 100 * within / n, n, open_cases, within)
