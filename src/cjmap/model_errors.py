"""pydantic validation errors as problems an analyst can act on.

Each error's ``loc`` is walked through the round-trip document to its line and column: an unknown
key points at the key (with a "did you mean" suggestion), a wrong value at the value, a missing
field at the mapping that should hold it.
"""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from cjmap.model import JourneyMap
from cjmap.problems import Anchor, Finding, Loc, Problem, Severity, dotted

# pydantic error types that concern a slug id, a missing field or an unknown key
_RULE_BY_TYPE = {
    "extra_forbidden": "unknown-key",
    "missing": "missing-field",
    "string_pattern_mismatch": "id-format",
}


def problems_from_validation(error: ValidationError, loaded: Any) -> list[Problem]:
    """One problem per pydantic error, located in ``loaded``'s document."""
    problems = []
    seen: set[tuple[Loc, str]] = set()
    for detail in error.errors(include_url=False):
        loc = _clean_loc(detail["loc"], getattr(loaded, "data", None))
        rule = _RULE_BY_TYPE.get(detail["type"], "invalid-value")
        if (loc, rule) in seen:
            continue  # a union reports one value several times
        seen.add((loc, rule))
        finding = Finding(loc, describe(detail, loc), _anchor_for(detail["type"]))
        problems.append(loaded.problem_at(finding, Severity.ERROR, rule))
    return problems


def _clean_loc(loc: tuple[Any, ...], data: Any = None) -> Loc:
    """Drop the names pydantic adds for union members and validators (they are not keys).

    A part is kept when it is a key of the data at that point, so a user's key that contains
    brackets (``a[0]``, ``f(x)``) is named and located as written; without the data, names with
    brackets are taken to be pydantic's.
    """
    kept: list[Any] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            kept.append(part)
            node = node[part]
        elif isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            kept.append(part)
            node = node[part]
        elif isinstance(part, int) or not any(c in str(part) for c in "[]()"):
            kept.append(part)
            node = None
    return tuple(kept)


def _anchor_for(error_type: str) -> Anchor:
    if error_type == "extra_forbidden":
        return "key"
    if error_type == "missing":
        return "parent"
    return "value"


def describe(detail: ErrorDetails, loc: Loc) -> str:
    """A one-line message in the analyst's terms."""
    kind = detail["type"]
    where = dotted(loc[:-1]) if len(loc) > 1 else "the top level"
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        return _unknown_key_message(loc, where)
    if kind == "missing":
        return f"{where} needs `{name}:` (required)"
    if kind == "string_pattern_mismatch":
        return (f"{dotted(loc)}: {detail['input']!r} is not a slug id: use lower-case letters, "
                "digits and single hyphens, such as `moving-in`")
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"{dotted(loc)}: {detail['input']!r} is not allowed; expected {expected}"
    if kind == "too_short":
        return f"{dotted(loc)}: needs at least {detail.get('ctx', {}).get('min_length', 1)} item(s)"
    message = detail["msg"]
    message = message.removeprefix("Value error, ")
    message = message[0].lower() + message[1:] if message else message
    return f"{dotted(loc)}: {message} (got {_short(detail.get('input'))})"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _unknown_key_message(loc: Loc, where: str) -> str:
    key = str(loc[-1]) if loc else ""
    allowed = allowed_keys(loc[:-1])
    message = f"unknown key `{key}` in {where}"
    close = difflib.get_close_matches(key.lower().replace("_", "-").replace("-", "_"), allowed,
                                      n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"{message}: did you mean `{close[0]}`?"
    if allowed:
        return f"{message} (allowed: {', '.join(allowed)})"
    return message


def allowed_keys(loc: Loc) -> list[str]:
    """The keys a mapping at ``loc`` may hold, by walking the model's field types."""
    model = _model_at(JourneyMap, loc)
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = _field_named(current, part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field_named(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    return None


def _inner_model(annotation: Any) -> Any:
    """The model inside Optional[...], list[...] or Annotated[...], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


__all__ = ["problems_from_validation", "allowed_keys", "describe"]
