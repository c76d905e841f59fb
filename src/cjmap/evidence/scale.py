"""A survey's answer scale: which answers count, and which are satisfied or dissatisfied.

The scale is listed best first. Satisfied is the top two points and dissatisfied the bottom
two; the points between are neutral (one on the usual five-point scale, none on a four-point
one). A three-point scale is top one, middle one, bottom one. Labels match ignoring case,
spacing and curly apostrophes; a scale of numbers matches 5, "5" and "5.0" alike.

Blank cells, and "Don't know", "Dont know" and "N/A" in any case, are not answers on the scale:
they are counted apart and left out of the base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .errors import EvidenceError
from .specs import ScalePoint
from .tables import Cell, cell_text, text_key

BLANK = -1
DONT_KNOW = -2
OFF_SCALE = -3
DONT_KNOW_WORDS = frozenset({"don't know", "dont know", "n/a"})


@dataclass(frozen=True)
class Scale:
    """The points of a scale, best first, and how to sort a cell onto one of them."""

    labels: tuple[str, ...]
    numeric: bool
    _lookup: dict[object, int] = field(repr=False, compare=False)

    @classmethod
    def of(cls, points: Sequence[ScalePoint]) -> Scale:
        """A scale from the map's list; an error unless it has 3 or more distinct points."""
        if len(points) < 3:
            raise EvidenceError(
                f"evidence.survey.scale has {len(points)} point(s); list at least 3, best first."
            )
        numeric = all(_number(point) is not None for point in points)
        keys = [_number(p) if numeric else text_key(p) for p in points]
        if len(set(keys)) < len(keys):
            raise EvidenceError("evidence.survey.scale lists a point twice; list each once.")
        labels = tuple(cell_text(point).strip() for point in points)
        return cls(labels, numeric, {key: index for index, key in enumerate(keys)})

    @property
    def top(self) -> int:
        """How many points count as satisfied (and, the same, as dissatisfied)."""
        return 1 if len(self.labels) == 3 else 2

    def classify(self, value: Cell) -> int:
        """The point's index (0 is best), or BLANK, DONT_KNOW or OFF_SCALE."""
        key: object = _number(value) if self.numeric else text_key(value)
        found = self._lookup.get(key)
        if found is not None:
            return found
        text = text_key(value)
        if not text:
            return BLANK
        return DONT_KNOW if text in DONT_KNOW_WORDS else OFF_SCALE

    def groups(self, points: Sequence[int]) -> tuple[int, int, int]:
        """(satisfied, neutral, dissatisfied) from the respondents at each point."""
        top = self.top
        satisfied, dissatisfied = sum(points[:top]), sum(points[-top:])
        return satisfied, sum(points) - satisfied - dissatisfied, dissatisfied


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None
