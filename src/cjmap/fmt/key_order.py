"""The spec's key order, read from the model, and putting a map's keys in it.

The models in :mod:`cjmap.model` declare their fields in the order of the format spec, so the
order is defined once, there. Keys the model does not know (a validation error, but ``cjmap fmt``
still formats such a file) keep their relative order after the known ones.
"""

from __future__ import annotations

import typing
from functools import lru_cache
from typing import Any, Optional

from pydantic import BaseModel

from cjmap.model import JourneyMap


@lru_cache(maxsize=None)
def field_keys(model: type[BaseModel]) -> tuple[str, ...]:
    """The keys of ``model`` as written in a file (aliases such as ``with``), in order."""
    return tuple(info.alias or name for name, info in model.model_fields.items())


@lru_cache(maxsize=None)
def child_models(model: type[BaseModel]) -> dict[str, tuple[str, type[BaseModel]]]:
    """For each key holding a nested model: ("one" or "list", that model)."""
    found = {}
    for name, info in model.model_fields.items():
        nested = _nested(info.annotation)
        if nested is not None:
            found[info.alias or name] = nested
    return found


def _nested(annotation: Any) -> Optional[tuple[str, type[BaseModel]]]:
    """("one", M) for M or Optional[M]; ("list", M) for list[M]; None otherwise."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "one", annotation
    origin = typing.get_origin(annotation)
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (list, tuple) and len(arguments) >= 1:
        inner = _nested(arguments[0])
        return ("list", inner[1]) if inner and inner[0] == "one" else None
    if origin is typing.Union and len(arguments) == 1:
        return _nested(arguments[0])
    return None


def sorted_keys(keys: list[Any], model: type[BaseModel]) -> list[Any]:
    """``keys`` in the model's order, unknown keys last in their original order."""
    known = field_keys(model)
    rank = {key: index for index, key in enumerate(known)}
    return sorted(keys, key=lambda key: (0, rank[key]) if _is_known(key, rank) else (1, 0))


def _is_known(key: Any, rank: dict[str, int]) -> bool:
    return isinstance(key, str) and key in rank


def reorder(node: Any, model: Optional[type[BaseModel]] = None) -> None:
    """Put the keys of ``node`` (a ruamel round-trip tree) and its children in spec order.

    Works in place with ``move_to_end``, so ruamel's per-key information stays with each key.
    A mapping that merges another (``<<: *base``) is left as written.
    """
    model = model or JourneyMap
    if not _is_mapping(node) or getattr(node, "merge", None):
        return
    own = list(node.keys())
    for key in sorted_keys(own, model):
        node.move_to_end(key)
    children = child_models(model)
    for key in own:
        if key in children:
            _reorder_child(node[key], *children[key])


def _reorder_child(value: Any, kind: str, model: type[BaseModel]) -> None:
    if kind == "one":
        reorder(value, model)
    elif isinstance(value, list):
        for item in value:
            reorder(item, model)


def _is_mapping(node: Any) -> bool:
    return isinstance(node, dict) and hasattr(node, "move_to_end")
