"""Working days: hand-worked cases per region, and the fast count against a day-by-day loop."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.housing.calendar import (
    REGIONS,
    add_working_days,
    is_working_day,
    working_days_between,
)


EW, SCOTLAND, NI = "england-and-wales", "scotland", "northern-ireland"


def test_a_report_on_monday_inspected_on_tuesday_took_one_working_day() -> None:
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 2)) == 1


def test_christmas_2026_in_england_and_wales() -> None:
    # Mon 21 Dec 2026 to Tue 5 Jan 2027, counting the days after the 21st:
    #   weekdays: Dec 22 23 24 25 | 28 29 30 31 | Jan 1 | 4 5         = 11
    #   bank holidays on those weekdays: 25 Dec (Christmas Day, Fri),
    #     28 Dec (Boxing Day falls on Sat 26th, so the substitute is Mon 28th),
    #     1 Jan (New Year's Day, Fri)                                   = 3
    #   working days: 11 - 3                                            = 8
    assert working_days_between(date(2026, 12, 21), date(2027, 1, 5), EW) == 8


def test_christmas_2026_in_scotland_also_loses_the_2_january_substitute() -> None:
    # As above, and 2 January 2027 is a Saturday, so Scotland's holiday moves to Mon 4 Jan: 7.
    assert working_days_between(date(2026, 12, 21), date(2027, 1, 5), SCOTLAND) == 7


@pytest.mark.parametrize(("day", "region", "working"), [
    (date(2026, 1, 2), SCOTLAND, False),   # 2 January, a Friday: Scotland only
    (date(2026, 1, 2), EW, True),
    (date(2025, 12, 1), SCOTLAND, False),  # St Andrew's Day (Sun 30 Nov 2025) moves to Monday
    (date(2025, 12, 1), EW, True),
    (date(2026, 11, 30), SCOTLAND, False),  # St Andrew's Day on a Monday
    (date(2026, 3, 17), NI, False),        # St Patrick's Day, a Tuesday
    (date(2026, 3, 17), EW, True),
    (date(2027, 7, 12), NI, False),        # Battle of the Boyne on a Monday
    (date(2026, 7, 13), NI, False),        # 12 July 2026 is a Sunday: Monday 13th instead
    (date(2026, 7, 13), EW, True),
    (date(2026, 4, 6), EW, False),         # Easter Monday
    (date(2026, 4, 6), SCOTLAND, True),    # not a bank holiday in Scotland
    (date(2026, 6, 6), EW, False),         # a Saturday
    (date(2026, 6, 5), EW, True),          # a Friday
])
def test_is_working_day(day: date, region: str, working: bool) -> None:
    assert is_working_day(day, region) is working


def test_northern_ireland_counts_the_twelfth() -> None:
    # Fri 10 Jul 2026 to Tue 14 Jul: Mon 13th is the Twelfth's substitute, so only Tue counts.
    assert working_days_between(date(2026, 7, 10), date(2026, 7, 14), NI) == 1
    assert working_days_between(date(2026, 7, 10), date(2026, 7, 14), EW) == 2


@pytest.mark.parametrize(("start", "end", "count"), [
    (date(2026, 6, 1), date(2026, 6, 1), 0),    # same day
    (date(2026, 6, 6), date(2026, 6, 7), 0),    # Saturday to Sunday
    (date(2026, 6, 5), date(2026, 6, 8), 1),    # Friday to Monday
    (date(2026, 6, 1), date(2026, 6, 15), 10),  # two full weeks
])
def test_simple_spans(start: date, end: date, count: int) -> None:
    assert working_days_between(start, end) == count


def test_end_before_start_is_the_negative_of_the_reverse_count() -> None:
    assert working_days_between(date(2027, 1, 5), date(2026, 12, 21)) == -8


def test_add_working_days() -> None:
    assert add_working_days(date(2026, 6, 5), 1) == date(2026, 6, 8)        # Fri + 1 = Mon
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)    # over Christmas
    assert add_working_days(date(2026, 12, 31), 1, SCOTLAND) == date(2027, 1, 5)
    assert add_working_days(date(2026, 6, 6), 0) == date(2026, 6, 6)        # n=0: start itself
    assert add_working_days(date(2026, 6, 8), -1) == date(2026, 6, 5)       # Mon - 1 = Fri
    assert add_working_days(date(2026, 6, 6), -1) == date(2026, 6, 5)       # Sat - 1 = Fri
    assert add_working_days(date(2026, 6, 1), 10) == date(2026, 6, 15)


def test_unknown_region_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="england-and-wales, scotland, northern-ireland"):
        working_days_between(date(2026, 1, 1), date(2026, 2, 1), "wales")
    with pytest.raises(ValueError, match="unknown region"):
        is_working_day(date(2026, 6, 6), "England")


def test_dates_outside_the_first_table_widen_it() -> None:
    # 1930 is before the span built first. Wed 24 Dec to Mon 29 Dec 1930: Thu 25 and Fri 26 are
    # Christmas and Boxing Day, Sat and Sun are the weekend, so only Mon 29 counts.
    assert working_days_between(date(1930, 12, 24), date(1930, 12, 29)) == 1
    assert is_working_day(date(1930, 12, 26)) is False


_DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
_REGION = st.sampled_from(sorted(REGIONS))
_ORACLE = {
    region: holidays.country_holidays("GB", subdiv=code, years=range(2000, 2042))
    for region, code in REGIONS.items()
}


def _naive(start: date, end: date, region: str) -> int:
    """The slow, obvious count: walk every day after ``start`` up to ``end``."""
    sign, (low, high) = (1, (start, end)) if start <= end else (-1, (end, start))
    count, day = 0, low + timedelta(days=1)
    while day <= high:
        count += day.weekday() < 5 and day not in _ORACLE[region]
        day += timedelta(days=1)
    return sign * count


@settings(max_examples=examples(200), deadline=None)
@given(start=_DAYS, end=_DAYS, region=_REGION)
def test_fast_count_matches_a_day_by_day_loop(start: date, end: date, region: str) -> None:
    assert working_days_between(start, end, region) == _naive(start, end, region)


@settings(max_examples=examples(200), deadline=None)
@given(start=_DAYS, n=st.integers(min_value=0, max_value=400), region=_REGION)
def test_add_working_days_inverts_the_count(start: date, n: int, region: str) -> None:
    later = add_working_days(start, n, region)
    assert working_days_between(start, later, region) == n
    if n > 0:
        assert is_working_day(later, region)
        assert working_days_between(start, later - timedelta(days=1), region) == n - 1


@settings(max_examples=examples(200), deadline=None)
@given(start=_DAYS, n=st.integers(min_value=1, max_value=400), region=_REGION)
def test_going_back_finds_the_nth_working_day_before(start: date, n: int, region: str) -> None:
    earlier = add_working_days(start, -n, region)
    assert is_working_day(earlier, region)
    assert working_days_between(earlier, start - timedelta(days=1), region) == n - 1
