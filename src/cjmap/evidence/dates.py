"""Dates as case logs hold them: ISO, UK day-first, and "30 Jun 2026".

Accepted, with or without a time of day after them (which is ignored):

- ``2026-06-30`` (ISO);
- ``30/06/2026`` and ``30/06/26``, day first as in the UK; ``-`` or ``.`` may stand for ``/``;
  a two-digit year is 2000-2068 for 00-68 and 1969-1999 for 69-99, as Excel and POSIX read it;
- ``30 Jun 2026``, ``30 June 2026`` and Excel's ``30-Jun-26``, month names in any case;
- date and datetime cells from an XLSX file, as they are.

Anything else (a month-first US date such as ``06/30/2026`` included) is not a date: the caller
reports it with its row and column rather than guess.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]m)?)?"
_ISO = re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"(\d{{1,2}})([/.-])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}", re.IGNORECASE)
_NAMED = re.compile(rf"(\d{{1,2}})[ -]([a-z]+)\.?[ -](\d{{4}}|\d{{2}}){_TIME}", re.IGNORECASE)


def parse_date(value: object) -> dt.date | None:
    """The date in a cell, or None when it is not a date in a form listed above."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    for reader in (_iso, _day_first, _named):
        found = reader(text)
        if found is not None:
            return found
    return None


def _iso(text: str) -> dt.date | None:
    match = _ISO.fullmatch(text)
    return _date(match.group(1), match.group(2), match.group(3)) if match else None


def _day_first(text: str) -> dt.date | None:
    match = _DAY_FIRST.fullmatch(text)
    return _date(_year(match.group(4)), match.group(3), match.group(1)) if match else None


def _named(text: str) -> dt.date | None:
    match = _NAMED.fullmatch(text)
    if not match or match.group(2).lower() not in _MONTHS:
        return None
    return _date(_year(match.group(3)), _MONTHS[match.group(2).lower()], match.group(1))


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 69 else 1900
    return year


def _date(year: int | str, month: int | str, day: int | str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:  # 31/02/2026, month 13
        return None
