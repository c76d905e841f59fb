"""Comparing a map's text with its owned figures, and writing them into it byte by byte.

:func:`stale_figures` says which owned figures (:mod:`cjmap.evidence.owned`) differ from the
map, each at its line and column. :func:`apply_figures` returns the map's text with those
figures written in, and every other byte as it was: a number is replaced where it stands (its
token, found from ruamel's round-trip positions), a missing key gets one line in its mapping
(or ``, key: value`` in a ``{...}`` mapping), and a missing or restructured block (a step's
``feedback:``, ``survey:``, ``quotes:``, ``segments:``) is written whole at its mapping's
indentation, in the style the file uses. Hand-written quotes are kept as they are.

The result is then loaded again and refused (:class:`ApplyError`) unless it is a valid map,
every value cjmap does not own is equal to before (in the same key order), every comment
outside the replaced lines is still there, and no owned figure is stale any more.

Text in, text out: the caller strips a byte-order mark first and writes the file.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Optional

from cjmap import model
from cjmap.load import load_text, round_trip_yaml
from cjmap.validate import MapError, valid_journey

from .owned import QUOTES, RESEARCH, SCALAR, SEGMENTS, DataPath, Figure, Owned


class ApplyError(Exception):
    """The figures cannot be written without touching the rest of the file."""


@dataclass(frozen=True)
class Stale:
    """An owned figure that differs from its evidence: ``was`` in the map, ``now`` computed.

    ``line`` and ``column`` (1-based) point at the value, or at the mapping that lacks it.
    """

    line: int
    column: int
    figure: Figure
    was: Any
    now: Any


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def stale_figures(text: str, owned: Owned) -> list[Stale]:
    """Every owned figure that the map's text does not already hold, in file order."""
    doc = _load(text)
    found = []
    for figure in owned.figures:
        was, now = _current(doc, figure), _wanted(figure)
        if not _same(was, now, figure):
            line, column = _position(doc, figure)
            found.append(Stale(line + 1, column + 1, figure, was, now))
    return sorted(found, key=lambda stale: (stale.line, stale.column))


def apply_figures(text: str, owned: Owned, name: str = "<map>") -> str:
    """``text`` with every stale owned figure written in; raises :class:`ApplyError`."""
    stale = {id(item.figure) for item in stale_figures(text, owned)}
    if not stale:
        return text
    doc = _load(text)
    writer = _Writer(text, doc)
    done: set[DataPath] = set()
    # In the map's order: an insertion at the end of a mapping comes before one after it.
    for figure in owned.figures:
        if id(figure) in stale:
            writer.figure(figure, owned, done)
    result = writer.result()
    _verify(text, result, owned, writer.replaced, name)
    return result


# -- reading the map ---------------------------------------------------------------------------

def _load(text: str) -> Any:
    from ruamel.yaml.error import YAMLError

    try:
        return round_trip_yaml().load(text)
    except YAMLError as error:
        raise ApplyError(f"the map is not valid YAML: {error}") from None


def _get(doc: Any, path: DataPath) -> tuple[bool, Any]:
    node = doc
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return False, None
        elif not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _interview(doc: Any) -> Optional[int]:
    """The index of the ``journey.research`` entry for customer interviews, if any."""
    found, research = _get(doc, ("journey", "research"))
    for number, entry in enumerate(research if found and isinstance(research, list) else []):
        if (isinstance(entry, dict) and entry.get("method") == "interview"
                and entry.get("audience", "customers") == "customers"):
            return number
    return None


def _current(doc: Any, figure: Figure) -> Any:
    if figure.kind == RESEARCH:
        number = _interview(doc)
        return None if number is None else _get(doc, figure.path + (number, "participants"))[1]
    found, value = _get(doc, figure.path)
    if figure.kind == QUOTES:
        return [_quote(q) for q in (value if found and isinstance(value, list) else [])
                if isinstance(q, dict) and _owned_quote(q, figure)]
    if figure.kind == SEGMENTS:
        return [_segment(s) for s in value] if found and isinstance(value, list) else None
    return value if found else None


def _owned_quote(quote: Any, figure: Figure) -> bool:
    return str(quote.get("who") or "").casefold() in figure.owners


def _quote(quote: Any) -> dict[str, Any]:
    return {key: quote.get(key) for key in ("text", "sentiment", "who")}


def _segment(segment: Any) -> Any:
    if not isinstance(segment, dict):
        return segment
    return {key: _number(value) for key, value in segment.items() if value is not None}


def _number(value: Any) -> Any:
    """A map's percentage as a number (``"81%"`` is 81), other values as they are."""
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            return float(value.strip()[:-1])
        except ValueError:
            return value
    return value


def _wanted(figure: Figure) -> Any:
    if figure.kind == SEGMENTS:
        return [_segment(segment) for segment in figure.value]
    return figure.value


def _same(was: Any, now: Any, figure: Figure) -> bool:
    if figure.kind == SCALAR and "feedback" in figure.path and was is None:
        was = 0  # an absent feedback count is 0
    if isinstance(was, bool) or isinstance(now, bool):
        return False
    if isinstance(_number(was), (int, float)) and isinstance(now, (int, float)):
        return float(_number(was)) == float(now)
    if was is None and now == []:
        return True  # no segments, and none computed
    return bool(was == now)


def _position(doc: Any, figure: Figure) -> tuple[int, int]:
    """0-based line and column of the figure's value, or of the nearest mapping holding it."""
    path = figure.path
    if figure.kind == RESEARCH:
        number = _interview(doc)
        path = path + ((number, "participants") if number is not None else ())
    node, where = doc, (doc.lc.line, doc.lc.col)
    for part in path:
        found, _ = _get(node, (part,))
        if not found:
            break
        block = figure.kind in (QUOTES, SEGMENTS) and part == path[-1]
        where = _key_at(node, part) if block else _value_at(node, part)
        node = node[part]
    return where


def _key_at(node: Any, part: Any) -> tuple[int, int]:
    return tuple(node.lc.item(part) if isinstance(part, int) else node.lc.key(part))


def _value_at(node: Any, part: Any) -> tuple[int, int]:
    return tuple(node.lc.item(part) if isinstance(part, int) else node.lc.value(part))


# -- writing -----------------------------------------------------------------------------------

class _Writer:
    """Collects edits on the original text and splices them in, in one pass."""

    def __init__(self, text: str, doc: Any) -> None:
        self.text, self.doc = text, doc
        self.lines = re.findall(r"[^\n]*\n|[^\n]+\Z", text)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        crlf = text.count("\r\n")
        self.newline = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
        self.edits: list[_Edit] = []
        self.replaced: list[tuple[int, int]] = []  # line ranges written whole

    # figures ---------------------------------------------------------------------------------

    def figure(self, figure: Figure, owned: Owned, done: set[DataPath]) -> None:
        if figure.kind == QUOTES:
            self.quotes(figure)
        elif figure.kind == RESEARCH:
            self.research(figure)
        elif figure.kind == SEGMENTS:
            self.segments(figure, owned, done)
        else:
            self.scalar(figure, owned, done)

    def scalar(self, figure: Figure, owned: Owned, done: set[DataPath]) -> None:
        parent, key = figure.path[:-1], figure.path[-1]
        found, mapping = _get(self.doc, parent)
        if not found:
            self.new_block(parent, owned, done)
            return
        if key in mapping:
            if figure.value is None:
                self.delete_key(parent, mapping, key)
            else:
                self.replace_scalar(mapping, key, figure.value)
        elif figure.value is not None:
            self.insert_key(parent, mapping, str(key), figure.value)

    def segments(self, figure: Figure, owned: Owned, done: set[DataPath]) -> None:
        parent, key = figure.path[:-1], figure.path[-1]
        found, mapping = _get(self.doc, parent)
        if not found:
            self.new_block(parent, owned, done)
            return
        current = mapping.get(key)
        names = [s.get("name") if isinstance(s, dict) else None for s in current or []]
        if names and names == [s["name"] for s in figure.value] and not _is_flow(current):
            for number, segment in enumerate(figure.value):
                self.update_mapping(figure.path + (number,), current[number], segment)
            return
        self.set_key_block(parent, mapping, str(key), figure.value)

    def update_mapping(self, path: DataPath, mapping: Any, wanted: dict[str, Any]) -> None:
        for key in ("base", "satisfied", "dissatisfied"):
            value = wanted.get(key)
            if key in mapping and value is None:
                self.delete_key(path, mapping, key)
            elif key in mapping and not _same(mapping[key], value, Figure((), value, "")):
                self.replace_scalar(mapping, key, value)
            elif key not in mapping and value is not None:
                self.insert_key(path, mapping, key, value)

    def new_block(self, parent: DataPath, owned: Owned, done: set[DataPath]) -> None:
        """A step's whole ``survey:`` or ``feedback:`` block, from every figure under it."""
        if parent in done:
            return
        done.add(parent)
        found, holder = _get(self.doc, parent[:-1])
        if not found:
            raise ApplyError(f"cannot find {'.'.join(map(str, parent[:-1]))} in the map")
        value: dict[str, Any] = {}
        for figure in owned.figures:
            if figure.path[:-1] == parent and figure.value is not None:
                if not (parent[-1] == "feedback" and figure.path[-1] == "no_comment"
                        and figure.value == 0):
                    value[str(figure.path[-1])] = figure.value
        self.insert_key(parent[:-1], holder, str(parent[-1]), value)

    def quotes(self, figure: Figure) -> None:
        parent = figure.path[:-1]
        _, step = _get(self.doc, parent)
        current: Any = step.get("quotes")
        if not isinstance(current, list) or not current or _is_flow(current):
            kept = [q for q in current or [] if not _owned_quote(q, figure)]
            self.set_key_block(parent, step, "quotes", kept + list(figure.value))
            return
        owned = [n for n, q in enumerate(current) if isinstance(q, dict) and _owned_quote(q, figure)]
        if len(owned) == len(current) and not figure.value:
            self.delete_key(parent, step, "quotes")
            return
        items = self.items(current, figure.value) if figure.value else ""
        if not owned:
            self.insert_lines(self.item_end(figure.path, len(current) - 1), items)
            return
        for position, number in enumerate(owned):
            start, end = _lc(current).item(number)[0], self.item_end(figure.path, number)
            self.replace_lines(start, end, items if position == 0 else "")

    def research(self, figure: Figure) -> None:
        path = figure.path
        found, research = _get(self.doc, path)
        number = _interview(self.doc)
        if number is not None:
            self.replace_scalar_or_insert(path + (number,), research[number], "participants",
                                          figure.value)
            return
        entry = {"method": "interview", "participants": figure.value}
        _, journey = _get(self.doc, ("journey",))
        if not found or not isinstance(research, list) or not research or _is_flow(research):
            kept = list(research) if found and isinstance(research, list) else []
            self.set_key_block(("journey",), journey, "research", kept + [entry])
            return
        self.insert_lines(self.item_end(path, len(research) - 1), self.items(research, [entry]))

    def replace_scalar_or_insert(self, path: DataPath, mapping: Any, key: str, value: Any) -> None:
        if key in mapping:
            self.replace_scalar(mapping, key, value)
        else:
            self.insert_key(path, mapping, key, value)

    # text operations -------------------------------------------------------------------------

    def offset(self, line: int, column: int) -> int:
        return self.starts[line] + column

    def replace_scalar(self, mapping: Any, key: Any, value: Any) -> None:
        line, column = mapping.lc.value(key)
        start = self.offset(line, column)
        end = _token_end(self.text, start)
        old = self.text[start:end]
        self.edits.append(_Edit(start, end, _scalar_text(value, old)))

    def insert_key(self, path: DataPath, mapping: Any, key: str, value: Any) -> None:
        """``key: value`` into ``mapping`` (at ``path``), after the keys before it in order."""
        order = _key_order(path)
        before = [k for k in order[: order.index(key)] if k in mapping] if key in order else list(mapping)
        if _is_flow(mapping):
            self.insert_flow_key(mapping, before, key, value)
            return
        if not before:
            raise ApplyError(f"cannot add `{key}` as the first key of {_dotted(path)}; "
                             "add it by hand and run again")
        column = mapping.lc.key(next(iter(mapping)))[1]
        text = self.block({key: value}, column, self.flow_for(key))
        self.insert_lines(self.key_end(path, mapping, before[-1]), text)

    def insert_flow_key(self, mapping: Any, before: list[Any], key: str, value: Any) -> None:
        if not isinstance(value, (int, float)) or not before:
            raise ApplyError(f"cannot add `{key}` to a {{...}} mapping at line "
                             f"{mapping.lc.line + 1}; write it in block style and run again")
        line, column = mapping.lc.value(before[-1])
        end = _token_end(self.text, self.offset(line, column))
        self.edits.append(_Edit(end, end, f", {key}: {_scalar_text(value, '')}"))

    def delete_key(self, path: DataPath, mapping: Any, key: Any) -> None:
        if _is_flow(mapping):
            raise ApplyError(f"cannot remove `{key}` from a {{...}} mapping at line "
                             f"{mapping.lc.line + 1}; remove it by hand")
        start = mapping.lc.key(key)[0]
        self.replace_lines(start, self.key_end(path, mapping, key), "")

    def set_key_block(self, path: DataPath, mapping: Any, key: str, value: Any) -> None:
        """Write ``key:`` whole: over its old lines, or inserted in key order."""
        if key not in mapping:
            self.insert_key(path, mapping, key, value)
            return
        if _is_flow(mapping):
            raise ApplyError(f"cannot rewrite `{key}` inside a {{...}} mapping at line "
                             f"{mapping.lc.line + 1}; write it in block style and run again")
        line, column = mapping.lc.key(key)
        if self.lines[line][:column].strip():
            raise ApplyError(f"cannot rewrite `{key}` at line {line + 1}: it shares its line")
        text = self.block({key: value}, column, self.flow_for(key)) if value else ""
        self.replace_lines(line, self.key_end(path, mapping, key), text)

    def insert_lines(self, line: int, text: str) -> None:
        self.replace_lines(line, line, text)

    def replace_lines(self, start: int, end: int, text: str) -> None:
        begin = self.starts[start]
        if text and begin == len(self.text) and self.text and not self.text.endswith("\n"):
            text = self.newline + text  # after a last line with no line ending
        self.edits.append(_Edit(begin, self.starts[end], text))
        self.replaced.append((start, end))

    # extents ---------------------------------------------------------------------------------

    def key_end(self, path: DataPath, mapping: Any, key: Any) -> int:
        return self.trimmed(mapping.lc.key(key)[0], self.end_of(path + (key,)))

    def item_end(self, path: DataPath, number: int) -> int:
        _, sequence = _get(self.doc, path)
        return self.trimmed(sequence.lc.item(number)[0], self.end_of(path + (number,)))

    def end_of(self, path: DataPath) -> int:
        """The line after the node at ``path``: where its next sibling (or an ancestor's) starts."""
        node, end = self.doc, len(self.lines)
        for part in path:
            if isinstance(part, int):
                if part + 1 < len(node):
                    end = node.lc.item(part + 1)[0]
            else:
                keys = list(node)
                following = keys.index(part) + 1
                if following < len(keys):
                    end = node.lc.key(keys[following])[0]
            node = node[part]
        return end

    def trimmed(self, start: int, end: int) -> int:
        """``end`` moved back over blank and comment lines, which belong to what follows."""
        while end - 1 > start:
            stripped = self.lines[end - 1].strip()
            if stripped and not stripped.startswith("#"):
                break
            end -= 1
        return end

    # generated text --------------------------------------------------------------------------

    def flow_for(self, key: str) -> bool:
        """Whether the file writes ``key``'s mappings (or list items) as ``{...}``."""
        styles = []
        for step in self.doc.get("steps") or []:
            value = step.get(key) if isinstance(step, dict) else None
            if isinstance(value, dict):
                styles.append(_is_flow(value))
            elif isinstance(value, list):
                styles += [_is_flow(item) for item in value if isinstance(item, dict)]
        return bool(styles) and sum(styles) * 2 > len(styles)

    def indents(self) -> tuple[int, int]:
        """The file's mapping indent and the dash offset of its lists (from ``steps:``)."""
        steps: Any = self.doc.get("steps")
        journey: Any = self.doc.get("journey")
        mapping = 2
        if isinstance(journey, dict) and journey and not _is_flow(journey):
            mapping = max(1, _lc(journey).key(next(iter(journey)))[1])
        offset = 0
        if isinstance(steps, list) and steps and not _is_flow(steps):
            offset = max(0, _lc(steps).item(0)[1] - 2)
        return mapping, offset

    def block(self, value: dict[str, Any], column: int, flow: bool) -> str:
        return self.dumped(value, column, flow)

    def items(self, sequence: Any, values: list[Any]) -> str:
        """List items in the column of ``sequence``'s own items."""
        line, column = sequence.lc.item(0)
        dash = self.lines[line].rfind("-", 0, column)
        if dash < 0:
            raise ApplyError(f"cannot add to the list at line {line + 1}; add it by hand")
        flow = any(_is_flow(item) for item in sequence if isinstance(item, dict))
        return self.dumped(values, dash, flow)

    def dumped(self, value: Any, column: int, flow: bool) -> str:
        from ruamel.yaml import YAML
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        def styled(node: Any, depth: int) -> Any:
            if isinstance(node, dict):
                mapping = CommentedMap((k, styled(v, depth + 1)) for k, v in node.items())
                if flow and depth > 0 and all(not isinstance(v, (dict, list)) for v in node.values()):
                    mapping.fa.set_flow_style()
                return mapping
            if isinstance(node, list):
                return CommentedSeq(styled(item, depth + 1) for item in node)
            return node

        mapping_indent, offset = self.indents()
        yaml = YAML(typ="rt")
        yaml.width = 4096
        yaml.indent(mapping=mapping_indent, sequence=mapping_indent + offset, offset=offset)
        if isinstance(value, list):
            yaml.indent(mapping=2, sequence=2, offset=0)
        stream = io.StringIO()
        yaml.dump(styled(value, 0 if isinstance(value, dict) else 1), stream)
        pad = " " * column
        return "".join(pad + line + self.newline for line in stream.getvalue().splitlines())

    def result(self) -> str:
        edits = sorted(enumerate(self.edits), key=lambda pair: (pair[1].start, pair[0]))
        out, at = [], 0
        for _, edit in edits:
            if edit.start < at:
                raise ApplyError("two figures overlap in the file; edit the map by hand")
            out.append(self.text[at:edit.start])
            out.append(edit.text)
            at = edit.end
        out.append(self.text[at:])
        return "".join(out)


def _lc(node: Any) -> Any:
    """A round-trip node's positions (ruamel's ``lc``), past mypy's narrowing to list/dict."""
    return node.lc


def _is_flow(node: Any) -> bool:
    return bool(getattr(getattr(node, "fa", None), "flow_style", lambda: False)())


def _dotted(path: DataPath) -> str:
    return ".".join(str(part) for part in path) or "the map"


def _key_order(path: DataPath) -> list[str]:
    kinds: dict[Any, Any] = {
        ("journey",): model.Journey, ("steps", 0): model.Step,
        ("journey", "research", 0): model.Research, ("steps", 0, "survey"): model.Survey,
        ("steps", 0, "feedback"): model.Feedback, ("steps", 0, "metrics", 0): model.Metric,
        ("steps", 0, "survey", "segments", 0): model.Segment,
    }
    shape = tuple(0 if isinstance(part, int) else part for part in path)
    kind = kinds.get(shape)
    if kind is None:
        return []
    return [info.alias or name for name, info in kind.model_fields.items()]


_PLAIN_END = re.compile(r"[^\r\n,\]}]*?(?=\s+#|[ \t]*[,\]}]|[ \t]*\r?\n|[ \t]*\Z)")


def _token_end(text: str, start: int) -> int:
    """Where the scalar starting at ``start`` ends (quoted or plain, on one line)."""
    quote = text[start:start + 1]
    if quote in ("'", '"'):
        position = start + 1
        while position < len(text):
            if text[position] == quote:
                if quote == "'" and text[position + 1:position + 2] == "'":
                    position += 2
                    continue
                return position + 1
            position += 2 if quote == '"' and text[position] == "\\" else 1
        raise ApplyError("a quoted value has no closing quote")
    match = _PLAIN_END.match(text, start)
    return match.end() if match else start


def _scalar_text(value: Any, old: str) -> str:
    """The value as YAML, keeping a percentage's ``%`` and quotes when the map used them."""
    text = str(value) if isinstance(value, int) else repr(float(value))
    unquoted = old[1:-1] if old[:1] in ("'", '"') and len(old) > 1 else old
    if unquoted.strip().endswith("%"):
        return f"{old[0]}{text}%{old[0]}" if unquoted is not old else f"{text}%"
    return text


# -- the safety check --------------------------------------------------------------------------

def _verify(before: str, after: str, owned: Owned, replaced: list[tuple[int, int]],
            name: str) -> None:
    loaded = load_text(after, name)
    try:
        valid_journey(loaded)
    except MapError as error:
        first = error.problems[0] if error.problems else "not a valid map"
        raise ApplyError(f"writing the figures would make the map invalid ({first}); "
                         "nothing was written") from None
    old, new = _load(before), _load(after)
    if _unowned(old, owned) != _unowned(new, owned) or list(old) != list(new):
        raise ApplyError("cannot write the figures without changing other values of the map "
                         "(an unusual layout?); nothing was written")
    missing = _comments(before, replaced) - Counter(_all_comments(after))
    if missing:
        line = next(iter(missing))
        raise ApplyError(f"writing the figures would lose the comment {line!r}; "
                         "nothing was written")
    if stale_figures(after, owned):
        raise ApplyError("the figures could not all be written (an unusual layout?); "
                         "nothing was written")


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    return node


def _unowned(doc: Any, owned: Owned) -> Any:
    """The map's data with every owned figure taken out."""
    data = _plain(doc)
    for figure in owned.figures:
        if figure.kind == RESEARCH:
            _drop_interviews(data)
            continue
        found, parent = _get(data, figure.path[:-1])
        key = figure.path[-1]
        if not found or not isinstance(parent, dict):
            continue
        if figure.kind == QUOTES:
            quotes = [q for q in parent.get(key) or [] if not _owned_quote(q, figure)]
            parent.pop(key, None)
            if quotes:
                parent[key] = quotes
        else:
            parent.pop(key, None)
    for step in data.get("steps") or []:
        for key in ("feedback", "survey"):
            if isinstance(step, dict) and step.get(key) == {}:
                step.pop(key)
    return data


def _drop_interviews(data: Any) -> None:
    journey = data.get("journey") if isinstance(data, dict) else None
    if not isinstance(journey, dict):
        return
    research = [entry for entry in journey.get("research") or []
                if not (isinstance(entry, dict) and entry.get("method") == "interview"
                        and entry.get("audience", "customers") == "customers"
                        and set(entry) <= {"method", "participants", "audience"})]
    for entry in research:
        if isinstance(entry, dict) and entry.get("method") == "interview":
            entry.pop("participants", None)
    journey.pop("research", None)
    if research:
        journey["research"] = research


_COMMENT = re.compile(r"(?:^|\s)(#.*?)\s*$")


def _all_comments(text: str) -> list[str]:
    found = []
    for line in text.split("\n"):
        match = _COMMENT.search(line)
        if match:
            found.append(match.group(1))
    return found


def _comments(text: str, replaced: list[tuple[int, int]]) -> Counter[str]:
    """The comments on lines outside the replaced ranges (a scalar's line keeps its comment)."""
    gone = {number for start, end in replaced for number in range(start, end)}
    lines = text.split("\n")
    return Counter(match.group(1) for number, line in enumerate(lines)
                   if number not in gone and (match := _COMMENT.search(line)))
