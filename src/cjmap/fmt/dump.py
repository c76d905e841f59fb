"""Dumping a round-trip tree in the canonical layout, so that it reads back exactly.

ruamel.yaml writes a few values so that they read back differently: a float such as
5.960464477539063e-08 loses its last digit, and U+0085, U+2028 and U+2029 inside single quotes
read back as spaces (its scanner also counts them as line breaks, which would shift every line
number after them). :func:`dump_exact` dumps, reads the result back, and rewrites each value that
came back different (floats by Python's ``repr``, strings double-quoted, where every character
has an escape) until it reads back as the data.
"""

from __future__ import annotations

import io
import math
from typing import Any

from cjmap.load import round_trip_yaml, safe_yaml

WIDTH = 1_000_000  # never re-wrap a long line


def canonical_yaml() -> Any:
    """A ruamel round-trip YAML that writes the canonical layout (without moving keys)."""
    yaml = round_trip_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    return yaml


def _dump(tree: Any) -> str:
    """The tree in the canonical layout, without any of its comments."""
    _forget_comments(tree, set())
    _escape_line_breaks(tree, set())
    stream = io.StringIO()
    canonical_yaml().dump(tree, stream)
    return stream.getvalue()


def dump_exact(tree: Any, data: Any) -> str:
    """The tree in the canonical layout, without comments, reading back as ``data``
    (as nearly as ruamel allows: the caller checks the result)."""
    body = _dump(tree)
    for _ in range(3):
        back = _read_back(body)
        if isinstance(back, _Unreadable):
            # ruamel writes some text plain inside {...} or [...] where it does not parse
            # (":0", "a:b"); double-quote the text in flow collections and try again
            if not _quote_flow_text(tree, False, set()):
                break
        else:
            differences = _differences(back, data, ())
            if not differences or not all(_make_exact(tree, path) for path in differences):
                break
        body = _dump(tree)
    return body


def _read_back(text: str) -> Any:
    try:
        return safe_yaml().load(text)
    except Exception:  # noqa: BLE001 - unreadable: nothing can be pointed at
        return _Unreadable()  # equal to no data


def _differences(left: Any, right: Any, path: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """The paths of the scalars that differ; () when the shapes themselves differ."""
    if isinstance(left, dict) and isinstance(right, dict):
        if left.keys() != right.keys():
            return [()]
        return [p for key in left for p in _differences(left[key], right[key], path + (key,))]
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return [()]
        return [p for index, (a, b) in enumerate(zip(left, right))
                for p in _differences(a, b, path + (index,))]
    if isinstance(left, (dict, list, _Unreadable)) or isinstance(right, (dict, list)):
        return [()]
    return [] if same_data(left, right) else [path]


def _make_exact(tree: Any, path: tuple[Any, ...]) -> bool:
    """Rewrite the scalar at ``path`` in a form that reads back exactly; False if it cannot."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if not path:
        return False
    parent = tree
    for key in path[:-1]:
        parent = parent[key]
    value = parent[path[-1]]
    if isinstance(value, float):
        parent[path[-1]] = float(value)
    elif isinstance(value, str) and not isinstance(value, DoubleQuotedScalarString):
        parent[path[-1]] = _double_quoted(value)
    else:
        return False
    return True


def _escape_line_breaks(node: Any, seen: set[int]) -> None:
    """Double-quote keys and strings holding U+0085, U+2028 or U+2029: ruamel writes them raw
    inside single quotes, where they read back as spaces, and counts them as line breaks."""
    if id(node) in seen or not isinstance(node, (dict, list)):
        return
    seen.add(id(node))
    if isinstance(node, dict):
        for key in [key for key in node if _has_line_break(key)]:
            _double_quote_key(node, key)
    for place in list(node.keys() if isinstance(node, dict) else range(len(node))):
        value = node[place]
        if _has_line_break(value):
            node[place] = _double_quoted(value)
        else:
            _escape_line_breaks(value, seen)


def _has_line_break(value: Any) -> bool:
    return isinstance(value, str) and any(ch in value for ch in "\x85\u2028\u2029")


def _quote_flow_text(node: Any, flow: bool, seen: set[int]) -> bool:
    """Double-quote every key and string inside flow collections; True if any changed."""
    if id(node) in seen or not isinstance(node, (dict, list)):
        return False
    seen.add(id(node))
    fa = getattr(node, "fa", None)
    flow = flow or bool(fa is not None and fa.flow_style())
    changed = False
    if flow and isinstance(node, dict):
        for key in [key for key in node if _quotable(key)]:
            changed = _double_quote_key(node, key) or changed
    for place in list(node.keys() if isinstance(node, dict) else range(len(node))):
        value = node[place]
        if flow and _quotable(value):
            node[place], changed = _double_quoted(value), True
        else:
            changed = _quote_flow_text(value, flow, seen) or changed
    return changed


def _quotable(value: Any) -> bool:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return isinstance(value, str) and not isinstance(value, DoubleQuotedScalarString)


def _double_quoted(value: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(str.__str__(value))


def _double_quote_key(mapping: Any, key: Any) -> bool:
    """Write ``key`` double-quoted, in its place; False for a mapping that merges another."""
    if getattr(mapping, "merge", None) or not hasattr(mapping, "move_to_end"):
        return False
    items = list(mapping.items())
    mapping.clear()
    for old, value in items:
        mapping[_double_quoted(old) if old is key else old] = value
    return True


def _forget_comments(node: Any, seen: set[int]) -> None:
    from ruamel.yaml.comments import Comment, CommentedBase

    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, CommentedBase):
        setattr(node, Comment.attrib, Comment())
    if getattr(node, "comment", None) is not None:  # after the | or > of a block scalar
        node.comment = None
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        _forget_comments(child, seen)


class _Unreadable:
    """Stands for a result that does not parse; equal to nothing."""


def same_data(left: Any, right: Any) -> bool:
    """Equal values of the same types, all the way down (``1``, ``1.0`` and ``true`` differ)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same_data(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same_data, left, right))
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right)
