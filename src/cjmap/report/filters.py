"""Jinja filters for report templates: numbers, dates and labels written the British way.

Every filter returns escaped text (:class:`~markupsafe.Markup`), so its output is never escaped
twice. Numbers are rounded half up, as people do, not to even as Python's ``round`` does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Optional

from markupsafe import Markup

from cjmap.figures import wording
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


def _checked(value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"a number filter was given {value!r}, which is not a number")


def number(value: Optional[float], places: int = 0) -> Markup:
    """1240 -> "1,240"; 6.5 -> "6.5" (decimals kept only when the value has them)."""
    if value is None:
        return Markup(DASH)
    _checked(value)  # refuses what is not a number, with a clear message
    return Markup(wording.number(value, places))


def percent(share: Optional[float]) -> Markup:
    """A share from 0 to 1 as a whole percentage: 0.125 -> "13%"."""
    if share is not None:
        _checked(share)
    return Markup(wording.percent(share))


def points(value: Optional[float]) -> Markup:
    """A percentage figure as written in a survey (23 -> "23%", 23.5 -> "23.5%")."""
    if value is not None:
        _checked(value)
    return Markup(wording.points(value))


def net(value: Optional[float]) -> Markup:
    """Net sentiment from -1 to 1 as "net +65" or "net −20" (wording.net)."""
    if value is not None:
        _checked(value)
    return Markup(wording.net(value))


def money(value: Optional[float]) -> Markup:
    """Pounds: 12400 -> "£12,400"."""
    return Markup(wording.money(value))


def yearly(value: Optional[float]) -> Markup:
    """A yearly cost: 12400 -> "£12,400 a year"."""
    return Markup(wording.yearly(value))


def score(value: Optional[float]) -> Markup:
    """A priority score to one decimal: "36.0"."""
    return Markup(wording.score(value))


def interval(bounds: Optional[tuple[float, float]]) -> Markup:
    """A 95% interval of a share: "95% CI 27–44%"."""
    return Markup(wording.interval(bounds))


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
    "money": money,
    "yearly": yearly,
    "score": score,
    "interval": interval,
    "with_unit": with_unit,
    "long_date": long_date,
    "status_label": status_label,
    "channel_label": channel_label,
    "method_label": method_label,
    "rag": rag,
    "plural": plural,
    "sentence_list": sentence_list,
}
