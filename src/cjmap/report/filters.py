"""Jinja filters for report templates: numbers, dates and labels written the British way.

Every filter returns escaped text (:class:`~markupsafe.Markup`), so its output is never escaped
twice. Numbers are rounded half up, as people do, not to even as Python's ``round`` does.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Optional

from markupsafe import Markup

from cjmap.report.escape import cell, fence, link_target, md, one_line, paragraphs

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
STATUS_LABELS = {"proposed": "Proposed", "agreed": "Agreed", "in-progress": "In progress",
                 "done": "Done", "declined": "Declined"}
CHANNEL_LABELS = {"sms": "SMS", "face-to-face": "Face to face", "home-visit": "Home visit",
                  "social-media": "Social media", "third-party": "Third party", "web": "Website"}
METHOD_LABELS = {"interview": "Interviews", "focus-group": "Focus group", "survey": "Survey",
                 "observation": "Observation", "complaint-data": "Complaint data",
                 "other": "Other"}
DASH = "\u2013"


def _half_up(value: float, places: int = 0, scale: int = 1) -> Decimal:
    """``value x scale`` rounded half up; the decimal is made from the float's shortest repr, so
    0.145 x 100 is 14.5 (and rounds to 15), not 14.499999999999998."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"a number filter was given {value!r}, which is not a number")
    step = Decimal(1).scaleb(-places)
    return (Decimal(repr(value)) * scale).quantize(step, rounding=ROUND_HALF_UP)


def number(value: Optional[float], places: int = 0) -> Markup:
    """1240 -> "1,240"; 6.5 -> "6.5" (decimals kept only when the value has them)."""
    if value is None:
        return Markup(DASH)
    _half_up(value)  # refuses what is not a number, with a clear message
    if isinstance(value, int) or float(value).is_integer():
        return Markup(f"{int(value):,}")
    digits = max(places, 1)
    text = f"{_half_up(value, digits):,.{digits}f}".rstrip("0").rstrip(".")
    return Markup(text)


def percent(share: Optional[float]) -> Markup:
    """A share from 0 to 1 as a whole percentage: 0.125 -> "13%"."""
    if share is None:
        return Markup(DASH)
    return Markup(f"{_half_up(share, scale=100)}%")


def points(value: Optional[float]) -> Markup:
    """A percentage figure as written in a survey (23 -> "23%", 23.5 -> "23.5%")."""
    if value is None:
        return Markup(DASH)
    return Markup(f"{number(value, 1)}%")


def net(value: Optional[float]) -> Markup:
    """Net sentiment from -1 to 1 as a signed score from -100 to +100: 0.65 -> "+65"."""
    if value is None:
        return Markup(DASH)
    whole = int(_half_up(value, scale=100))
    return Markup(f"+{whole}" if whole > 0 else str(whole))


def with_unit(value: Optional[float], unit: Optional[str]) -> Markup:
    """A measure with its unit: (78, "%") -> "78%", (1240, "calls a month") -> "1,240 calls a
    month"."""
    if value is None:
        return Markup(DASH)
    if not unit or not one_line(unit):
        return number(value)
    unit_text = one_line(unit)
    gap = "" if unit_text.startswith("%") else " "
    return number(value) + Markup(gap) + md(unit_text)


def long_date(value: Optional[dt.date]) -> Markup:
    """A date as "31 March 2026"."""
    if value is None:
        return Markup(DASH)
    return Markup(f"{value.day} {MONTHS[value.month - 1]} {value.year}")


def _label(table: dict[str, str]) -> Callable[[Any], Markup]:
    def label(value: Any) -> Markup:
        if value is None:
            return Markup(DASH)
        text = str(value)
        return md(table.get(text, text.replace("-", " ").capitalize()))

    return label


status_label = _label(STATUS_LABELS)
channel_label = _label(CHANNEL_LABELS)
method_label = _label(METHOD_LABELS)


def rag(value: Optional[str]) -> Markup:
    """A RAG rating as a word ("Red"), so the report does not rely on colour alone."""
    return Markup(DASH) if value is None else md(str(value).capitalize())


def plural(count: int, singular: str, many: Optional[str] = None) -> Markup:
    """``3|plural("action")`` -> "3 actions"; ``1|plural("person", "people")`` -> "1 person"."""
    word = singular if count == 1 else (many or singular + "s")
    return Markup(f"{number(count)} ") + md(word)


def sentence_list(items: Any, conjunction: str = "and") -> Markup:
    """["a", "b", "c"] -> "a, b and c", each item escaped."""
    escaped = [md(item) for item in items]
    if len(escaped) <= 1:
        return Markup("".join(escaped))
    return Markup(", ").join(escaped[:-1]) + Markup(f" {one_line(conjunction)} ") + escaped[-1]


FILTERS: dict[str, Callable[..., Markup]] = {
    "md": md,
    "cell": cell,
    "paragraphs": paragraphs,
    "fence": fence,
    "link_target": lambda path: Markup(link_target(str(path))),
    "number": number,
    "percent": percent,
    "points": points,
    "net": net,
    "with_unit": with_unit,
    "long_date": long_date,
    "status_label": status_label,
    "channel_label": channel_label,
    "method_label": method_label,
    "rag": rag,
    "plural": plural,
    "sentence_list": sentence_list,
}
