"""Dates as analysts write them: ISO dates and UK financial quarters.

A UK financial year runs from 1 April to 31 March, so "2025/26 Q1" is April to June 2025 and
"2025/26 Q4" is January to March 2026. The case studies also write "Quarter Four of 2025/26";
both spellings are understood. A due date given as a quarter falls due on the quarter's last day.

UK staff write dates day first: "30/06/2026" is 30 June 2026 (``cjmap fmt`` rewrites it as the
ISO date 2026-06-30). A slash date that only makes sense month first ("06/30/2026"), or has a
two-digit year, is refused with the ISO date to write instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_QUARTER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_SHORT = re.compile(r"^\s*(\d{4})\s*/\s*(\d{2}|\d{4})\s+Q([1-4])\s*$", re.IGNORECASE)
_LONG = re.compile(
    r"^\s*(?:quarter|q)\s*(one|two|three|four|[1-4])\s+(?:of\s+)?(\d{4})\s*/\s*(\d{2}|\d{4})\s*$",
    re.IGNORECASE,
)
# (first month, last month, last day, year offset from the financial year's first year)
_QUARTER_SPAN = {1: (4, 6, 30, 0), 2: (7, 9, 30, 0), 3: (10, 12, 31, 0), 4: (1, 3, 31, 1)}

_SLASHED = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}|\d{2})\s*$")
UK_DATE_PATTERN = r"^\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}\s*$"

QUARTER_PATTERN = r"^\s*\d{4}\s*/\s*(\d{2}|\d{4})\s+[Qq][1-4]\s*$"


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    """A UK financial quarter: ``year`` is the first calendar year of the financial year."""

    year: int
    quarter: int

    @property
    def label(self) -> str:
        """The canonical spelling, such as ``2025/26 Q4``."""
        return f"{self.year}/{(self.year + 1) % 100:02d} Q{self.quarter}"

    @property
    def start(self) -> dt.date:
        first, _, _, offset = _QUARTER_SPAN[self.quarter]
        return dt.date(self.year + offset, first, 1)

    @property
    def end(self) -> dt.date:
        _, last, day, offset = _QUARTER_SPAN[self.quarter]
        return dt.date(self.year + offset, last, day)


def parse_quarter(text: str) -> FinancialQuarter | None:
    """Read "2025/26 Q4" or "Quarter Four of 2025/26"; None when the text is neither.

    The second year must follow the first ("2025/27 Q1" is not a financial year).
    """
    match = _SHORT.match(text)
    if match:
        first, second, quarter = match.group(1), match.group(2), match.group(3)
    else:
        match = _LONG.match(text)
        if not match:
            return None
        quarter, first, second = match.group(1), match.group(2), match.group(3)
    year = int(first)
    if int(second) % 100 != (year + 1) % 100 or (len(second) == 4 and int(second) != year + 1):
        return None
    return FinancialQuarter(year, _QUARTER_WORDS[quarter.lower()])


@dataclass(frozen=True)
class DueDate:
    """A due date as written (``label``) and the calendar day it falls due (``date``)."""

    label: str
    date: dt.date

    def __str__(self) -> str:
        return self.label


def parse_due(value: object) -> DueDate:
    """Turn an ISO date (a YAML date or a string) or a financial quarter into a DueDate.

    Raises ValueError with a message meant for the analyst.
    """
    if isinstance(value, dt.datetime):
        return DueDate(value.date().isoformat(), value.date())
    if isinstance(value, dt.date):
        return DueDate(value.isoformat(), value)
    if isinstance(value, str):
        quarter = parse_quarter(value)
        if quarter is not None:
            return DueDate(quarter.label, quarter.end)
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return DueDate(day.isoformat(), day)
        uk = parse_uk_date(value)
        if uk is not None:
            return DueDate(uk.isoformat(), uk)
    raise ValueError(
        f"{value!r} is not a date: write an ISO date "
        "(2026-03-31), a UK date (31/03/2026) or a UK financial quarter (2025/26 Q4)"
    )


def parse_uk_date(text: str) -> dt.date | None:
    """30/06/2026 (day first) as a date; None when the text is not a slash date.

    Raises ValueError, naming the ISO date to write, for a slash date that is not a day-first
    date with a four-digit year.
    """
    match = _SLASHED.match(text)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    if len(match.group(3)) == 2:
        year += 2000
        fix = _iso_or_none(year, month, day) or _iso_or_none(year, day, month)
        raise ValueError(f"{text.strip()!r}: write the year in full"
                         + (f", as the ISO date {fix}" if fix else ""))
    try:
        return dt.date(year, month, day)
    except ValueError:
        pass
    swapped = _iso_or_none(year, day, month)
    if swapped:
        raise ValueError(f"{text.strip()!r} is not a UK date (day/month/year): "
                         f"if you mean {_spoken(swapped)}, write {swapped}")
    raise ValueError(f"{text.strip()!r} is not a real date: write a date that exists, "
                     "such as 30/06/2026 or 2026-06-30")


def _iso_or_none(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _spoken(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def parse_iso_date(text: str) -> dt.date:
    """Parse a command-line date (ISO, or a quarter meaning its last day)."""
    return parse_due(text).date
