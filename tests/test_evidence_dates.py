"""Dates in case logs: the forms cjmap reads, and the ones it refuses to guess."""

from __future__ import annotations

import datetime as dt

import pytest

from cjmap.evidence import parse_date

JUNE_30 = dt.date(2026, 6, 30)


@pytest.mark.parametrize("text", [
    "2026-06-30", " 2026-06-30 ", "2026-06-30T14:05:00", "2026-06-30 14:05",
    "30/06/2026", "30/06/26", "30-06-2026", "30.06.2026", "30/06/2026 14:05", "30/06/2026 2:05 pm",
    "30 Jun 2026", "30 June 2026", "30 JUNE 2026", "30-Jun-26", "30 jun 26",
])
def test_accepted_forms(text: str) -> None:
    assert parse_date(text) == JUNE_30


def test_single_digit_days_and_months() -> None:
    assert parse_date("1/7/2026") == dt.date(2026, 7, 1)
    assert parse_date("2026-7-1") == dt.date(2026, 7, 1)


def test_two_digit_years_pivot_like_excel() -> None:
    assert parse_date("01/01/68") == dt.date(2068, 1, 1)
    assert parse_date("01/01/69") == dt.date(1969, 1, 1)


def test_cells_that_are_already_dates() -> None:
    assert parse_date(JUNE_30) == JUNE_30
    assert parse_date(dt.datetime(2026, 6, 30, 9, 15)) == JUNE_30


@pytest.mark.parametrize("value", [
    "06/30/2026", "31/02/2026", "2026-13-01", "30 Juno 2026", "June 2026", "2026/06/30",
    "30/06-2026", "tomorrow", "", "46203", 46203, 46203.0, None, True,
])
def test_refused(value: object) -> None:
    assert parse_date(value) is None
