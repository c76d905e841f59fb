"""Problems as data, and finding the line and column that a problem concerns.

A :class:`Problem` is what every layer (loader, model, checks) produces and every formatter
consumes. Checks do not know about lines: they name a *location* in the data, a tuple of keys and
indexes such as ``("steps", 2, "actions", 0, "owner")``, and :func:`locate` finds it in the
round-trip YAML tree, which is parsed only when there is something to point at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, Union

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


def dotted(loc: Loc) -> str:
    """A location as an analyst reads it: ``steps[2].actions[0].owner``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


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
