"""Dates as analysts write them: ISO dates and UK financial quarters.

A UK financial year runs from 1 April to 31 March, so "2025/26 Q1" is April to June 2025 and
"2025/26 Q4" is January to March 2026. The case studies also write "Quarter Four of 2025/26";
both spellings are understood. A due date given as a quarter falls due on the quarter's last day.
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
    raise ValueError(
        f"{value!r} is not a date: write an ISO date such as 2026-03-31 "
        "or a UK financial quarter such as 2025/26 Q4"
    )


def parse_iso_date(text: str) -> dt.date:
    """Parse a command-line date (ISO, or a quarter meaning its last day)."""
    return parse_due(text).date
