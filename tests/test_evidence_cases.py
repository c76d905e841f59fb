"""Case-log measures: working and calendar days, the statistics, open cases, date errors."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from cjmap.evidence import (
    CasesSpec,
    EvidenceError,
    MeasureSpec,
    duration,
    summarise_cases,
)

HEADER = ["Case", "reported", "inspected", "closed"]


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def measure(statistic: str = "median", days: str = "working", within: int | None = None,
            to: str = "inspected") -> MeasureSpec:
    return MeasureSpec("inspection", "Days to inspection", "reported", to, statistic, days,
                       within)


def figures(tmp_path: Path, rows: list[list[object]], *measures: MeasureSpec):
    write_csv(tmp_path / "cases.csv", [HEADER, *rows])
    return summarise_cases(CasesSpec("cases.csv", measures or (measure(),)), tmp_path)


def error(tmp_path: Path, rows: list[list[object]], *measures: MeasureSpec) -> EvidenceError:
    with pytest.raises(EvidenceError) as caught:
        figures(tmp_path, rows, *measures)
    return caught.value


# Thursday 2 April 2026 to Tuesday 7 April 2026 spans Good Friday and Easter Monday.
EASTER = ["C1", "2026-04-02", "07/04/2026", ""]
ROWS = [
    EASTER,                                   # 1 working day, 5 calendar days
    ["C2", "29/06/2026", "30 Jun 2026", ""],  # Mon to Tue: 1 and 1
    ["C3", "26/06/26", "2026-07-03", ""],     # Fri to next Fri: 5 and 7
    ["C4", "2026-06-01", "", ""],             # open
    ["C5", "2026-06-01", "2026-06-15", ""],   # 10 and 14
]


def test_working_and_calendar_days() -> None:
    start, end = dt.date(2026, 4, 2), dt.date(2026, 4, 7)
    assert duration(start, end, "working") == 1
    assert duration(start, end, "calendar") == 5
    assert duration(start, start, "working") == 0


@pytest.mark.parametrize(("spec", "value", "within"), [
    (measure("median"), 3.0, None),
    (measure("mean"), 17 / 4, None),
    (measure("share-within", within=1), 50.0, 2),
    (measure("median", "calendar"), 6.0, None),
    (measure("share-within", "calendar", within=7), 75.0, 3),
])
def test_statistics(tmp_path: Path, spec: MeasureSpec, value: float, within: int | None) -> None:
    (figure,) = figures(tmp_path, ROWS, spec)
    assert (figure.value, figure.n, figure.open, figure.within) == (value, 4, 1, within)
    assert (figure.step, figure.metric) == ("inspection", "Days to inspection")


def test_several_measures_from_one_pass(tmp_path: Path) -> None:
    rows = [["C1", "2026-06-29", "2026-06-30", "2026-07-06"], ["C2", "2026-06-29", "", ""]]
    inspect, close = figures(tmp_path, rows, measure(), measure("mean", "calendar", to="closed"))
    assert (inspect.value, inspect.n, inspect.open) == (1.0, 1, 1)
    assert (close.value, close.n, close.open) == (7.0, 1, 1)


def test_no_closed_case_gives_no_value(tmp_path: Path) -> None:
    (figure,) = figures(tmp_path, [["C1", "2026-06-29", "", ""]])
    assert (figure.value, figure.n, figure.open) == (None, 0, 1)


def test_no_measures_reads_nothing(tmp_path: Path) -> None:
    assert summarise_cases(CasesSpec("missing.csv"), tmp_path) == []


def test_xlsx_date_cells(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="XLSX evidence needs openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(["C1", dt.datetime(2026, 6, 29, 9, 30), dt.date(2026, 7, 3), None])
    workbook.active.append(["C2", dt.date(2026, 6, 29), "30/06/2026", None])
    workbook.save(tmp_path / "cases.xlsx")
    (figure,) = summarise_cases(CasesSpec("cases.xlsx", (measure("mean"),)), tmp_path)
    assert (figure.value, figure.n) == (2.5, 2)


def test_a_date_that_does_not_parse(tmp_path: Path) -> None:
    caught = error(tmp_path, [EASTER, ["C2", "06/30/2026", "2026-07-01", ""]])
    assert (caught.row, caught.column) == (3, "reported")
    assert str(caught) == (
        'cases.csv, row 3, column "reported": "06/30/2026" is not a date cjmap can read. Write '
        "dates as 2026-06-30, 30/06/2026 or 30 Jun 2026 (day before month), or format the "
        "column as dates in the spreadsheet."
    )


def test_an_open_case_with_an_unreadable_start_date(tmp_path: Path) -> None:
    caught = error(tmp_path, [["C1", "soon", "", ""]])
    assert (caught.row, caught.column) == (2, "reported")


def test_an_end_with_no_start(tmp_path: Path) -> None:
    caught = error(tmp_path, [["C1", "", "2026-07-01", ""]])
    assert str(caught) == (
        'cases.csv, row 2, column "reported": the case has an end date in "inspected" but no '
        "start date. Fill in the start date, or clear the end date if the case is still open."
    )


def test_an_end_before_its_start(tmp_path: Path) -> None:
    caught = error(tmp_path, [["C1", "2026-07-02", "2026-07-01", ""]])
    assert str(caught) == (
        'cases.csv, row 2, column "inspected": the end date (01/07/2026) is before the start '
        'date in "reported" (02/07/2026). Correct whichever is wrong.'
    )


def test_a_log_with_no_cases(tmp_path: Path) -> None:
    assert str(error(tmp_path, [])) == (
        "cases.csv: the file has a header row but no cases under it. Add a row for each case."
    )


def test_a_missing_date_column(tmp_path: Path) -> None:
    caught = error(tmp_path, [EASTER], measure(to="Inspected on"))
    assert (caught.row, caught.column) == (1, "Inspected on")


@pytest.mark.parametrize(("options", "message"), [
    ({"statistic": "mode"}, ("the measure 'Days' has `statistic: mode`; use one of: median, "
     "mean, share-within.")),
    ({"days": "school"}, ("the measure 'Days' has `days: school`; use one of: working, "
     "calendar.")),
    ({"statistic": "share-within"}, ("the measure 'Days' needs `within: N` (days) with "
     "`statistic: share-within`, and `within` only then. Add or remove `within`.")),
    ({"within": 5}, ("the measure 'Days' needs `within: N` (days) with `statistic: "
     "share-within`, and `within` only then. Add or remove `within`.")),
    ({"statistic": "share-within", "within": -1}, ("the measure 'Days' has `within: -1`; give "
     "a whole number of days, 0 or more.")),
])
def test_a_measure_is_checked_when_built(options: dict[str, object], message: str) -> None:
    with pytest.raises(EvidenceError) as caught:
        MeasureSpec("s", "Days", "a", "b", **options)  # type: ignore[arg-type]
    assert caught.value.message == message and caught.value.file is None


def test_from_dict_reads_from_and_to() -> None:
    spec = CasesSpec.from_dict({"file": "e/cases.csv", "measures": [
        {"step": "inspection", "metric": "Days", "from": "reported", "to": "inspected",
         "statistic": "share-within", "within": 20, "days": "calendar"}]})
    assert spec.measures == (
        MeasureSpec("inspection", "Days", "reported", "inspected", "share-within", "calendar",
                    20),)
