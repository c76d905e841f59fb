"""pydantic validation errors as problems an analyst can act on.

Each error's ``loc`` is walked through the round-trip document to its line and column: an unknown
key points at the key (with a "did you mean" suggestion), a wrong value at the value, a missing
field at the mapping that should hold it.
"""

from __future__ import annotations

import difflib
import math
import re
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
        message = describe(detail, loc, loaded.data, loaded.document if rule == "unknown-key" else None)
        finding = Finding(loc, message, _anchor_for(detail["type"]))
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


def describe(detail: ErrorDetails, loc: Loc, data: Any = None, document: Any = None) -> str:
    """A one-line message in the analyst's terms: what is wrong and what to write instead.

    ``data`` (the loaded file) lets steps be named by id; ``document`` (the round-trip parse)
    lets an unknown key made by a comma inside ``{ }`` be explained.
    """
    kind = detail["type"]
    here = dotted(loc, data)
    where = dotted(loc[:-1], data) if len(loc) > 1 else "the top level"
    name = loc[-1] if loc else ""
    value = detail.get("input")
    if kind == "extra_forbidden":
        flow = _flow_comma_message(loc, document)
        return f"{where}: {flow}" if flow else _unknown_key_message(loc, where)
    if kind == "missing":
        return f"{where} needs `{name}:` (required)"
    if kind == "string_pattern_mismatch":
        return (f"{here}: {value!r} is not a slug id: use lower-case letters, "
                "digits and single hyphens, such as `moving-in`")
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"{here}: {value!r} is not allowed; expected {expected}"
    if kind == "too_short":
        return f"{here}: needs at least {detail.get('ctx', {}).get('min_length', 1)} item(s)"
    plain = _plain_message(kind, str(name), value)
    if plain:
        return f"{here} {plain}" if plain.startswith("is empty") else f"{here}: {plain}"
    message = detail["msg"]
    message = message.removeprefix("Value error, ")
    message = message[0].lower() + message[1:] if message else message
    got = _short(value)
    return f"{here}: {message}" if got in message else f"{here}: {message} (got {got})"


_THOUSANDS = re.compile(r"^\s*\d{1,3}(,\d{3})+\s*$")


def _plain_message(kind: str, name: str, value: Any) -> str | None:
    """The fix for the wrong types analysts write most, or None to keep pydantic's words."""
    if kind == "list_type":
        return _list_message(name, value)
    if kind in ("int_parsing", "int_type", "int_from_float"):
        if isinstance(value, str) and _THOUSANDS.match(value):
            return f"write the number without a comma: {value.strip().replace(',', '')}"
        if isinstance(value, str) and value.strip().endswith("%"):
            return f"write a whole number without the % sign: {value.strip().rstrip('%').strip()}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"write a finite whole number, such as 140, not {_short(value)}"
        return f"write a whole number, such as 140 (got {_short(value)})"
    if kind == "greater_than_equal" and _is_negative(value):
        return f"cannot be negative (got {_short(value)})"
    if kind == "bool_parsing":
        return f"write true or false (got {_short(value)})"
    if kind in ("string_type",) and value is None:
        return f"is empty: write the text after `{name}:`, or remove the line"
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"write text here; a value that looks like a number needs quotes: {name}: \"{value}\""
    if kind in ("model_type", "dict_type", "model_attributes_type") and value is None:
        return ("is empty: write its keys under it, indented further "
                "(or, for a `-` with nothing after it, remove the `-`)")
    return None


def _is_negative(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0


def _list_message(name: str, value: Any) -> str:
    if isinstance(value, dict) and value:
        first = next(iter(value))
        return (f"this holds a list: start each item with `- `, as in `- {first}: ...`, "
                "and indent the item's other keys to line up with the first")
    example = value if isinstance(value, str) and value.strip() else "..."
    return (f"this holds a list, one item per line: put `{name}:` on a line of its own, then "
            f"`- {example}` on the next line, indented 2 more spaces")


def _flow_comma_message(loc: Loc, document: Any) -> str | None:
    """``note: Police, council and us`` inside ``{ }``: the comma made ``council and us`` a key."""
    if document is None or not loc:
        return None
    try:
        node: Any = document
        for part in loc[:-1]:
            node = node[part]
    except (KeyError, IndexError, TypeError):
        return None
    flow = getattr(getattr(node, "fa", None), "flow_style", lambda: False)()
    if not flow or not isinstance(node, dict):
        return None
    keys = list(node)
    at = keys.index(loc[-1]) if loc[-1] in keys else -1
    if at < 1 or node[loc[-1]] is not None:
        return None
    before = keys[at - 1]
    pieces = [str(node[before])] + [str(key) for key in keys[at:] if node[key] is None]
    text = ", ".join(pieces).replace('"', '\\"')
    return (f"a comma inside {{ }} starts a new key: put the {before} in quotes: "
            f"{before}: \"{text}\"")


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
    holder = _child_holding(loc[:-1], key)
    if holder:
        return (f"{message}: `{key}:` belongs to an item of `{holder}:`; if it is meant for "
                f"the item above, indent it to line up with that item's keys")
    if allowed:
        return f"{message} (allowed: {', '.join(allowed)})"
    return message


def _child_holding(loc: Loc, key: str) -> str | None:
    """The list field of the mapping at ``loc`` whose items may hold ``key`` (a key indented too
    little lands in the mapping above its item)."""
    model = _model_at(JourneyMap, loc)
    if model is None:
        return None
    for name, info in model.model_fields.items():
        inner = _inner_model(info.annotation)
        is_list = typing.get_origin(info.annotation) is list
        if is_list and inner is not None and key in allowed_keys_of(inner):
            return info.alias or name
    return None


def allowed_keys_of(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


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
