"""ISO dates and UK financial quarters."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjmap.dates import FinancialQuarter, parse_due, parse_quarter


@pytest.mark.parametrize("text, end", [
    ("2025/26 Q4", dt.date(2026, 3, 31)),
    ("2025/26 Q1", dt.date(2025, 6, 30)),
    ("2023/24 Q3", dt.date(2023, 12, 31)),
    ("2024/25 Q2", dt.date(2024, 9, 30)),
    ("2025/2026 q4", dt.date(2026, 3, 31)),
    ("Quarter Four of 2025/26", dt.date(2026, 3, 31)),
    ("quarter 2 2026/27", dt.date(2026, 9, 30)),
    ("1999/00 Q4", dt.date(2000, 3, 31)),
])
def test_quarters_end_on_their_last_day(text: str, end: dt.date) -> None:
    assert parse_due(text).date == end


@pytest.mark.parametrize("text", ["2025/27 Q1", "2025/26 Q5", "2025 Q1", "Q4", "2025/2027 Q1",
                                  "next week", "2026-02-30", ""])
def test_not_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_due(text)


def test_iso_dates_and_yaml_dates() -> None:
    assert parse_due("2026-03-31").label == "2026-03-31"
    assert parse_due(dt.date(2026, 3, 31)).date == dt.date(2026, 3, 31)
    assert parse_due(dt.datetime(2026, 3, 31, 12, 0)).date == dt.date(2026, 3, 31)
    assert parse_due("Quarter Four of 2025/26").label == "2025/26 Q4"


@given(st.integers(1900, 2200), st.integers(1, 4))
def test_quarter_label_round_trips_and_spans_three_months(year: int, quarter: int) -> None:
    fq = FinancialQuarter(year, quarter)
    assert parse_quarter(fq.label) == fq
    assert fq.start <= fq.end
    assert (fq.end - fq.start).days in range(89, 92)
    assert fq.end + dt.timedelta(days=1) == (
        FinancialQuarter(year + (quarter == 4), quarter % 4 + 1).start)


@pytest.mark.parametrize(("text", "day"), [
    ("30/06/2026", dt.date(2026, 6, 30)),
    ("1/4/2026", dt.date(2026, 4, 1)),
    (" 31 / 03 / 2027 ", dt.date(2027, 3, 31)),
])
def test_uk_day_first_dates_are_understood(text: str, day: dt.date) -> None:
    due = parse_due(text)
    assert due.date == day and due.label == day.isoformat()


@pytest.mark.parametrize(("text", "message"), [
    ("06/30/2026", "'06/30/2026' is not a UK date (day/month/year): "
                   "if you mean 30 June 2026, write 2026-06-30"),
    ("30/06/26", "'30/06/26': write the year in full, as the ISO date 2026-06-30"),
    ("31/02/2026", "'31/02/2026' is not a real date: write a date that exists, "
                   "such as 30/06/2026 or 2026-06-30"),
])
def test_unclear_slash_dates_name_the_form_to_write(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_due(text)
    assert str(raised.value) == message
