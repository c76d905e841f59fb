"""Working days in the UK's three bank-holiday regions, counted fast enough for bulk work.

Statutory timescales for social landlords (Awaab's Law, the Housing Ombudsman's Complaint
Handling Code) are mostly set in *working days*, and a journey map's case data can hold hundreds
of thousands of date pairs. So the count is arithmetic, not a walk over the days: weekdays come
from a closed formula, and bank holidays from a bisect over a sorted table of the ordinals of the
holidays that fall on a weekday, built once per region from the ``holidays`` package.

A *working day* here is a day that is not a Saturday, a Sunday or a bank holiday of the region.
``working_days_between(start, end)`` counts the working days *after* ``start`` up to and
*including* ``end``: a report on a Monday inspected on the Tuesday took 1 working day, which is
how "within N working days of" is read in the codes and regulations this package catalogues.

Bank holidays come from ``holidays.UnitedKingdom`` with the subdivisions ENG (England and Wales
share one list), SCT and NIR. One-off holidays (jubilees, a state funeral, a coronation) are in
that package as they are announced, so a count across future years can change when a new holiday
is proclaimed: keep the package current.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date

#: Region name -> the ``holidays`` subdivision code for its bank holidays.
REGIONS: dict[str, str] = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}
DEFAULT_REGION = "england-and-wales"

# The table first built for a region spans these years; a date outside them widens it once.
_FIRST_YEAR = 1950
_LAST_YEAR = 2100

# region -> (first year, last year, sorted ordinals of its bank holidays that fall on weekdays).
_TABLES: dict[str, tuple[int, int, list[int]]] = {}


def working_days_between(start: date, end: date, region: str = DEFAULT_REGION) -> int:
    """The working days after ``start`` up to and including ``end``.

    When ``end`` is before ``start`` the answer is the negative of the reverse count, so that
    ``working_days_between(a, b) == -working_days_between(b, a)`` always holds and a late date
    entered before an early one shows up as a negative duration rather than an exception in the
    middle of a batch.
    """
    if end < start:
        return -working_days_between(end, start, region)
    holidays = _holiday_ordinals(region, start.year, end.year)
    first, last = start.toordinal(), end.toordinal()
    weekdays = _weekdays_through(last) - _weekdays_through(first)
    return weekdays - (bisect_right(holidays, last) - bisect_right(holidays, first))


def is_working_day(day: date, region: str = DEFAULT_REGION) -> bool:
    """Whether ``day`` is neither a weekend day nor a bank holiday of ``region``."""
    holidays = _holiday_ordinals(region, day.year, day.year)
    if day.weekday() >= 5:
        return False
    ordinal = day.toordinal()
    index = bisect_left(holidays, ordinal)
    return index == len(holidays) or holidays[index] != ordinal


def add_working_days(start: date, n: int, region: str = DEFAULT_REGION) -> date:
    """The ``n``-th working day after ``start`` (before it, for a negative ``n``).

    The inverse of :func:`working_days_between`: for ``n >= 0``,
    ``working_days_between(start, add_working_days(start, n)) == n`` and the result is a working
    day when ``n > 0``; ``n == 0`` gives ``start`` itself, working day or not. For ``n < 0`` the
    answer is the ``-n``-th working day strictly before ``start`` (a Saturday minus 1 is the
    Friday), which is the mirror image and matches the round trip whenever ``start`` is itself a
    working day.
    """
    if n == 0:
        return start
    origin = start.toordinal()
    span = 2 * abs(n) + 21  # calendar days that always hold abs(n) working days (see below)
    low, high = (origin + 1, origin + span) if n > 0 else (origin - span, origin - 1)
    low, high = max(low, 1), min(high, date.max.toordinal())
    holidays = _holiday_ordinals(region, date.fromordinal(low).year, date.fromordinal(high).year)
    anchor = origin if n > 0 else origin - 1
    target = _working_through(anchor, holidays) + (n if n > 0 else n + 1)
    return date.fromordinal(_first_reaching(target, low, high, holidays))


def _first_reaching(target: int, low: int, high: int, holidays: list[int]) -> int:
    """The smallest ordinal in [low, high] through which ``target`` working days have passed.

    The running count rises by one exactly on working days, so that ordinal is the working day
    numbered ``target``. The span allowed by the caller is safe: a year has at most a dozen
    weekday bank holidays in any region, so ``2n + 21`` calendar days always hold ``n`` working
    days (``n`` working days need about ``1.47 n``, and the worst Christmas needs 5 for 1).
    """
    if _working_through(high, holidays) < target:
        raise OverflowError("the working day asked for is outside the supported date range")
    while low < high:
        middle = (low + high) // 2
        if _working_through(middle, holidays) >= target:
            high = middle
        else:
            low = middle + 1
    return low


def _weekdays_through(ordinal: int) -> int:
    """Mondays to Fridays from 0001-01-01 (ordinal 1, a Monday) up to ``ordinal`` inclusive."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _working_through(ordinal: int, holidays: list[int]) -> int:
    """A running count of working days up to ``ordinal``; only its differences mean anything."""
    return _weekdays_through(ordinal) - bisect_right(holidays, ordinal)


def _holiday_ordinals(region: str, first_year: int, last_year: int) -> list[int]:
    """The region's table, covering at least ``first_year`` to ``last_year``.

    Checked on every call, so it is one dictionary look-up and two comparisons; the region name
    is validated only when a table is built, which an unknown name always needs.
    """
    table = _TABLES.get(region)
    if table is not None and table[0] <= first_year and last_year <= table[1]:
        return table[2]
    subdivision = _subdivision(region)
    low = min(first_year, _FIRST_YEAR if table is None else table[0])
    high = max(last_year, _LAST_YEAR if table is None else table[1])
    ordinals = _build_table(subdivision, low, high)
    _TABLES[region] = (low, high, ordinals)
    return ordinals


def _subdivision(region: str) -> str:
    """The ``holidays`` subdivision for a region name, or a ValueError naming the valid ones."""
    try:
        return REGIONS[region]
    except KeyError:
        valid = ", ".join(REGIONS)
        raise ValueError(f"unknown region {region!r}: use one of {valid}") from None


def _build_table(subdivision: str, first_year: int, last_year: int) -> list[int]:
    """Sorted ordinals of the bank holidays from ``first_year`` to ``last_year`` on weekdays.

    Holidays on a weekend are left out because the weekday formula already excludes those days;
    their substitute days (Boxing Day on a Saturday -> the Monday after) are separate entries in
    the ``holidays`` data and stay in. Imported here so that importing this module stays cheap.
    """
    import holidays

    years = range(first_year, last_year + 1)
    calendar = holidays.country_holidays("GB", subdiv=subdivision, years=years)
    return sorted({day.toordinal() for day in calendar if day.weekday() < 5})
