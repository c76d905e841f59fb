"""Problems as data, and finding the line and column that a problem concerns.

A :class:`Problem` is what every layer (loader, model, checks) produces and every formatter
consumes. Checks do not know about lines: they name a *location* in the data, a tuple of keys and
indexes such as ``("steps", 2, "actions", 0, "owner")``, and :func:`locate` finds it in the
round-trip YAML tree, which is parsed only when there is something to point at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, Optional, Union

from cjmap.safe_text import terminal

Loc = tuple[Union[str, int], ...]
Anchor = Literal["key", "value", "parent"]


class Severity(str, Enum):
    """How bad a problem is. Errors make a map invalid; warnings do not (unless ``--strict``)."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    rule: str = field(compare=False)
    message: str = field(compare=False)

    def __post_init__(self) -> None:
        # Map text reaches messages (a channel, a key, a reference): one line, no control
        # characters or bidirectional overrides, whatever prints it (terminal, CI log, SARIF).
        object.__setattr__(self, "message", terminal(self.message))
        object.__setattr__(self, "path", terminal(self.path))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class Finding:
    """What a check reports: a message and where in the data it applies.

    ``anchor`` says what to point at: the ``key`` (an unknown or misplaced key), its ``value``
    (a wrong value), or the ``parent`` mapping or item (something missing from it).
    """

    loc: Loc
    message: str
    anchor: Anchor = "value"
    #: Where in the text value at ``loc`` the problem starts (a character offset), for a
    #: problem inside free text: the problem then points at that character, not the value.
    offset: Optional[int] = None


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # an id worth naming (the model's slug)
# How an item of each list is named: "action 1", "survey segment 2"
_ITEM_NAMES = {
    "steps": "step", "stages": "stage", "actions": "action", "touchpoints": "touchpoint",
    "quotes": "quote", "metrics": "metric", "segments": "segment", "research": "research item",
    "pain_points": "pain point",
}


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def step_label(index: int, step_id: Any) -> str:
    """A step as an analyst finds it: by id and by position counted from one."""
    if isinstance(step_id, str) and _SLUG.match(step_id):
        return f"step `{step_id}` ({ordinal(index + 1)})"
    return f"step {index + 1}"


def dotted(loc: Loc, data: Any = None) -> str:
    """A location as an analyst reads it, counted from one, never a zero-based path.

    ``("steps", 2, "actions", 0, "owner")`` reads "step `works` (3rd), action 1, owner" when
    ``data`` (the loaded file) gives the step's id, and "step 3, action 1, owner" without it.
    Steps and stages are named by id; other list items by their kind and number.
    """
    phrases: list[str] = []
    keys: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            kind = keys.pop() if keys else ""
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            label = _item_label(kind, part, item)
            phrases.append(f"{'.'.join(keys)} {label}" if keys else label)
            keys = []
        else:
            keys.append(str(part))
            item = node.get(part) if isinstance(node, dict) else None
        node = item
    if keys:
        phrases.append(".".join(keys))
    return ", ".join(phrases) or "(top level)"


def _item_label(kind: str, index: int, item: Any) -> str:
    ident = item.get("id") if isinstance(item, dict) else None
    if kind == "steps":
        return step_label(index, ident)
    name = _ITEM_NAMES.get(kind, f"{kind} item" if kind else "item")
    if kind == "stages" and isinstance(ident, str) and _SLUG.match(ident):
        return f"stage `{ident}` ({ordinal(index + 1)})"
    return f"{name} {index + 1}"


def _child(node: Any, part: Union[str, int]) -> Any:
    try:
        return node[part]
    except (KeyError, IndexError, TypeError):
        raise LookupError(part) from None


def _position_in(container: Any, part: Union[str, int], anchor: Anchor) -> tuple[int, int] | None:
    """0-based position of ``part`` inside ``container`` (a round-trip map or sequence)."""
    lc = getattr(container, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(part, int):
            return lc.item(part)
        if anchor == "key":
            return lc.key(part)
        return lc.value(part)
    except (KeyError, IndexError, TypeError, AttributeError):
        return None


def _own_position(node: Any) -> tuple[int, int] | None:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return None
    return lc.line, lc.col


def locate(document: Any, loc: Loc, anchor: Anchor = "value") -> tuple[int, int]:
    """1-based (line, column) of ``loc`` in a round-trip loaded document.

    Walks as far as the data goes; when a key is missing (a required field, say) the nearest
    existing ancestor is pointed at: the key that holds it, or the list item it is.
    """
    best: tuple[int, int] = _own_position(document) or (0, 0)
    node = document
    parents: list[tuple[Any, Union[str, int]]] = []
    for part in loc:
        try:
            child = _child(node, part)
        except LookupError:
            break  # a missing field or a key not there any more: point at what holds it
        parents.append((node, part))
        node = child
    else:
        if parents:
            container, part = parents[-1]
            position = _position_in(container, part, anchor if anchor != "parent" else "key")
            if position is not None:
                return position[0] + 1, position[1] + 1
        return best[0] + 1, best[1] + 1
    # The walk stopped early: point at what holds the missing piece.
    if parents:
        container, part = parents[-1]
        position = _position_in(container, part, "key")
        if position is not None:
            return position[0] + 1, position[1] + 1
    return best[0] + 1, best[1] + 1


def locate_in_text(document: Any, text: str, loc: Loc, offset: int) -> tuple[int, int]:
    """1-based (line, column) of character ``offset`` of the text value at ``loc``.

    The value's first character is found by :func:`locate`; from there the source is walked
    alongside the value. A scalar's source differs from its value by quotes, escapes, folding
    and indentation only, so each non-blank character of the value is the next occurrence of
    that character in the source, and whitespace in the value may stand for any run of
    whitespace (a folded line break and the next line's indent). When the walk cannot follow
    (an escape such as ``\\u00e9``), the value's start is the answer.
    """
    line, column = locate(document, loc)
    value = _value_at(document, loc)
    if not isinstance(value, str) or not 0 <= offset < len(value):
        return line, column
    lines = text.splitlines(keepends=True)
    if not 0 < line <= len(lines):
        return line, column
    start = sum(len(part) for part in lines[: line - 1]) + column - 1
    position = start
    for character in value[: offset + 1]:
        if character.isspace():
            continue
        found = text.find(character, position)
        if found < 0:
            return line, column
        position = found + 1
    return _line_and_column(text, position - 1)


def _value_at(document: Any, loc: Loc) -> Any:
    node = document
    for part in loc:
        try:
            node = _child(node, part)
        except LookupError:
            return None
    return node


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index into ``text``."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1
