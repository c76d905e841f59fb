"""Ids are unique: step ids, stage ids and action ids.

Step and stage ids name things across versions of a map (``cjmap diff`` matches steps by id), and
action ids are tracked in action plans, so each must name one thing. Step ids and stage ids must
each be unique; action ids must be unique across the whole file.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from cjmap.model import JourneyMap
from cjmap.problems import Finding, Loc, Severity, dotted
from cjmap.settings import CheckContext

ID = "unique-ids"
SEVERITY = Severity.ERROR


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    yield from _duplicates("stage", [(("stages", i, "id"), s.id) for i, s in enumerate(journey.stages)])
    yield from _duplicates("step", [(("steps", i, "id"), s.id) for i, s in enumerate(journey.steps)])
    actions = [
        (("steps", i, "actions", j, "id"), action.id)
        for i, step in enumerate(journey.steps)
        for j, action in enumerate(step.actions)
        if action.id is not None
    ]
    yield from _duplicates("action", actions)


def _duplicates(kind: str, ids: Sequence[tuple[Loc, str]]) -> Iterator[Finding]:
    first: dict[str, Loc] = {}
    for loc, value in ids:
        if value in first:
            yield Finding(loc, f"duplicate {kind} id `{value}` (first used by "
                               f"{dotted(first[value][:-1])})")
        else:
            first[value] = loc

