"""What a metric that names a statutory standard means when it leaves out its own figures.

``standard: chc-stage1-respond`` on a metric sets, unless the metric says otherwise, its unit
(``working days``), its direction (``better: lower``) and its target (10): the law is the target
to meet. Units are written as an analyst would (``working days``, not ``working-days``); the
standards catalogue reads both.
"""

from __future__ import annotations

from typing import Any

from cjmap.housing import standards

#: The catalogue's unit -> how a map writes it.
UNIT_WORDS = {
    "hours": "hours",
    "working-days": "working days",
    "calendar-days": "days",
    "weeks": "weeks",
}
_BETTER = {"lower-is-better": "lower", "higher-is-better": "higher"}


def metric_defaults(standard_id: str, unit: Any = None) -> dict[str, Any]:
    """The unit, better and target a metric takes from a standard; empty for an unknown id.

    A metric with a unit of its own that is not the standard's (a percentage, calendar days
    against working days) takes nothing: its figure is not the timescale, and a target of "10"
    borrowed from the law would be wrong in its unit. The ``standard-target`` check says so.
    """
    standard = standards.lookup(standard_id)
    if standard is None:
        return {}
    if unit is not None and (not isinstance(unit, str)
                             or standards.normalise_unit(unit) != standard.unit):
        return {}
    defaults: dict[str, Any] = {"unit": UNIT_WORDS.get(standard.unit, standard.unit),
                                "target": _number(standard.timescale)}
    if standard.direction in _BETTER:
        defaults["better"] = _BETTER[standard.direction]
    return defaults


def _number(value: float) -> int | float:
    """10.0 as 10, so a defaulted target reads like one written by hand."""
    return int(value) if float(value).is_integer() else value
