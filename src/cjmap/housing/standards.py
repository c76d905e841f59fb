"""Statutory timescales for social landlords: Awaab's Law and the Complaint Handling Code.

A map's metric can name a standard (``steps[].metrics[].standard: awaabs-law-investigate``), and
its timescale is then the target to meet. The catalogue is data (``standards.yaml`` beside this
module, shipped as package data), read once and cached; its comments and ``note`` fields cite the
sources and say what is ambiguous in them.

:func:`is_laxer` answers the question an analyst most needs answered: is the target my service
set itself looser than the law? It converts units only where the conversion is exact, and says
"cannot tell" (None) otherwise, because a wrong "no" here would hide a breach.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import Any

from ruamel.yaml import YAML

UNITS = ("hours", "working-days", "calendar-days", "weeks")

# Spellings a map's metric may use for a unit -> the catalogue's unit. A bare "days" is read as
# calendar days: that is what a count of days means unless it says "working".
_UNIT_ALIASES = {
    "hour": "hours", "hours": "hours", "hrs": "hours", "h": "hours",
    "working-day": "working-days", "working-days": "working-days", "working day": "working-days",
    "working days": "working-days", "wd": "working-days",
    "business day": "working-days", "business days": "working-days",
    "day": "calendar-days", "days": "calendar-days", "calendar-day": "calendar-days",
    "calendar-days": "calendar-days", "calendar day": "calendar-days",
    "calendar days": "calendar-days",
    "week": "weeks", "weeks": "weeks",
}

# Units that convert exactly into calendar days.
_CALENDAR_DAYS = {"calendar-days": 1, "weeks": 7}


@dataclass(frozen=True)
class Extension:
    """What a rule allows beyond its timescale, and on what condition."""

    timescale: float
    unit: str
    condition: str


@dataclass(frozen=True)
class StandardSource:
    """The document a timescale comes from, where in it, who publishes it, and since when."""

    document: str
    section: str
    publisher: str
    in_force: date


@dataclass(frozen=True)
class Standard:
    """One statutory timescale: the clock runs from ``start`` to ``finish``."""

    id: str
    title: str
    timescale: float
    unit: str
    direction: str
    start: str
    finish: str
    source: StandardSource
    extension: Extension | None = None
    note: str | None = None


@lru_cache(maxsize=1)
def load_standards() -> dict[str, Standard]:
    """Every standard by id, in catalogue order; read from package data once."""
    text = files(__package__).joinpath("standards.yaml").read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    return {entry["id"]: _standard(entry) for entry in data["standards"]}


def lookup(standard_id: str) -> Standard | None:
    """The standard with exactly this id, or None; see :func:`suggest`."""
    return load_standards().get(standard_id)


def suggest(standard_id: str) -> str | None:
    """The id ``standard_id`` most likely means (case and spacing forgiven), or None.

    ``"CHC stage1 respond"`` gives ``chc-stage1-respond``; a real id gives itself; ratios below
    0.6 (difflib's default) suggest nothing.
    """
    standards = load_standards()
    normal = "-".join(standard_id.strip().lower().replace("_", " ").split())
    if normal in standards:
        return normal
    close = difflib.get_close_matches(normal, list(standards), n=1)
    return close[0] if close else None


def normalise_unit(unit: str) -> str | None:
    """The catalogue unit for a map's spelling (``"working days"`` -> ``working-days``), or None."""
    return _UNIT_ALIASES.get(" ".join(unit.strip().lower().split()))


def is_laxer(standard: Standard | str, target: float, unit: str) -> bool | None:
    """Whether a target of ``target`` ``unit`` is laxer than the standard; None if unknowable.

    Exact conversions only: weeks and calendar days convert (7 days a week); hours convert to
    nothing else, since "1 day" means by the end of a day, not 24 hours; working days and
    calendar days do not convert, because the number of weekends and bank holidays in between
    depends on the dates. One inference between those two is still exact, since N working days
    always span at least N calendar days: a target of C calendar days is never laxer than W
    working days when C <= W, and W working days are always laxer than C calendar days when
    W > C. An unknown unit, or a standard given by an unknown id, raises ValueError.
    """
    rule = _resolve(standard)
    target_unit = normalise_unit(unit)
    if target_unit is None:
        raise ValueError(f"unknown unit {unit!r}: use one of {', '.join(UNITS)}")
    if rule.direction == "higher-is-better":
        return _compare(rule.timescale, rule.unit, target, target_unit)
    return _compare(target, target_unit, rule.timescale, rule.unit)


def _compare(value: float, unit: str, limit: float, limit_unit: str) -> bool | None:
    """Whether ``value unit`` is later than ``limit limit_unit``, when that can be known exactly."""
    if unit == limit_unit:
        return value > limit
    if unit in _CALENDAR_DAYS and limit_unit in _CALENDAR_DAYS:
        return value * _CALENDAR_DAYS[unit] > limit * _CALENDAR_DAYS[limit_unit]
    if unit in _CALENDAR_DAYS and limit_unit == "working-days":
        return False if value * _CALENDAR_DAYS[unit] <= limit else None
    if unit == "working-days" and limit_unit in _CALENDAR_DAYS:
        return True if value > limit * _CALENDAR_DAYS[limit_unit] else None
    return None


def _resolve(standard: Standard | str) -> Standard:
    """A Standard from itself or its id, with a did-you-mean when the id is unknown."""
    if isinstance(standard, Standard):
        return standard
    found = lookup(standard)
    if found is None:
        hint = suggest(standard)
        extra = f" (did you mean {hint!r}?)" if hint else ""
        raise ValueError(f"unknown standard {standard!r}{extra}")
    return found


def _standard(entry: dict[str, Any]) -> Standard:
    """A Standard from its YAML mapping."""
    extension = entry.get("extension")
    return Standard(
        id=entry["id"],
        title=entry["title"],
        timescale=entry["timescale"],
        unit=entry["unit"],
        direction=entry["direction"],
        start=entry["from"],
        finish=entry["to"],
        source=StandardSource(**entry["source"]),
        extension=Extension(**extension) if extension else None,
        note=entry.get("note"),
    )
