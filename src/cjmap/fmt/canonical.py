"""The canonical spelling of values that the format accepts in more than one form.

An action's ``status`` may be written as people write it ("In Progress", "in_progress") and a
``due`` date day first as UK staff write it (30/06/2026); ``cjmap fmt`` writes them as the spec
does: ``in-progress`` and the ISO date ``2026-06-30``. Values that do not parse are left alone
(``cjmap validate`` reports them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cjmap.dates import parse_uk_date
from cjmap.model import canonical_status


def canonical_forms(data: Any) -> None:
    """Rewrite, in place, each action's status and UK-style due date in its canonical form.

    Works on the round-trip tree and on the plain data alike, so both stay equal.
    """
    steps = data.get("steps") if isinstance(data, dict) else None
    for step in steps if isinstance(steps, list) else []:
        actions = step.get("actions") if isinstance(step, dict) else None
        for action in actions if isinstance(actions, list) else []:
            if isinstance(action, dict):
                _canonical_action(action)


def _canonical_action(action: Any) -> None:
    status = action.get("status")
    if isinstance(status, str) and canonical_status(status) != status:
        action["status"] = canonical_status(status)
    due = action.get("due")
    if isinstance(due, str):
        day = _uk_date(due)
        if day is not None:
            action["due"] = day


def _uk_date(text: str) -> dt.date | None:
    try:
        return parse_uk_date(text)
    except ValueError:
        return None
