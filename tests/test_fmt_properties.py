"""Property tests for ``cjmap fmt``: idempotent, never changes data, comments stay with their keys.

The generator builds map-shaped documents (keys from the model in random order, unknown keys,
hostile text, numbers, booleans, dates, multi-line strings in every quoting style) and writes
them itself, in varied indentation, with comments at known places: the file's header, before a
key or item, at the end of a line, at the end of a block, at the end of the file. Each comment
carries a unique token, so the test can find where it went. FMT_EXAMPLES=1000 searches longer.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.fmt.comments import slots
from cjmap.fmt.formatter import format_text, same_data
from cjmap.fmt.key_order import child_models, field_keys
from cjmap.load import round_trip_yaml, safe_yaml
from cjmap.model import JourneyMap

TRICKY = [
    "yes", "no", "on", "null", "~", "true", "2024", "0012", "1.50", "1e3", "2023-09-01",
    "a: b", "#not a comment", "a #b", "a# b", "*star", "&anchor", "!tag", "- dash", "? q",
    "'single'", '"double"', "it's", "multi\nline", "two\n\nparagraphs", "ends\n", " lead",
    "trail ", "@at", "`tick`", "%pc", "{x: 1}", "[y]", "|", ">", "é€😀", "tab\tin", "---",
    "...", "a\u0085b", "line\u2028sep", ":0", "- ", "x" * 150, "<script>&amp;</script>",
]
TEXT = st.one_of(st.sampled_from(TRICKY),
                 st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=24))
SCALARS = st.one_of(
    TEXT, TEXT, st.integers(-10**6, 10**6), st.floats(allow_nan=False, width=32),
    st.booleans(), st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))
STYLES = ("auto", "auto", "single", "double", "literal", "folded")
EXAMPLES = int(os.environ.get("FMT_EXAMPLES", "60"))
COMMENT_WORDS = st.text(st.sampled_from("abc xyz:#'\"-é"), max_size=12)


@dataclass
class Entry:
    """A key (or, with key None, an item) with its value and the comments around it."""

    key: Any
    value: Any
    before: list[str] = field(default_factory=list)  # comment texts; "" is a blank line
    eol: Optional[str] = None


@dataclass
class Block:
    """A block mapping (``items`` False) or sequence, or a flow mapping."""

    entries: list[Entry]
    items: bool = False
    flow: bool = False
    end: list[str] = field(default_factory=list)


@dataclass
class Scalar:
    value: Any
    style: str = "auto"


class Tokens:
    """Unique comment tokens, and where each was meant to be."""

    def __init__(self, draw: Any, offset: int) -> None:
        self.draw, self.count, self.expected = draw, 0, {}
        self.offset = offset  # at 0 a sequence's dashes line up with the next key

    def comments(self, kind: str, path: tuple, most: int = 2) -> list[str]:
        texts = []
        for _ in range(self.draw(st.integers(0, most))):
            if self.draw(st.booleans()):
                texts.append("")
            texts.append(self.one(kind, path))
        return texts

    def one(self, kind: str, path: tuple) -> str:
        self.count += 1
        token = f"k{self.count}x"
        self.expected[token] = (kind, path)
        return f"# {token} {self.draw(COMMENT_WORDS)}".rstrip()

    def repoint(self, texts: list[str], place: tuple) -> None:
        for text in texts:
            for token in re.findall(r"# (k\d+x)\b", text):
                self.expected[token] = place

    def maybe_eol(self, path: tuple) -> Optional[str]:
        return self.one("eol", path) if self.draw(st.booleans()) else None


def _value(draw: Any, tokens: Tokens, key: Any, model: Any, path: tuple, depth: int) -> Any:
    children = child_models(model) if model is not None else {}
    if key in children and depth < 4 and draw(st.integers(0, 3)):
        kind, sub = children[key]
        if kind == "one":
            return _mapping(draw, tokens, sub, path, depth + 1)
        count = draw(st.integers(0, 3))
        items = [Entry(None, _mapping(draw, tokens, sub, path + (i,), depth + 1))
                 for i in range(count)]
        return _sequence(draw, tokens, items, path)
    if key == "pain_points" and draw(st.booleans()):
        items = [Entry(None, Scalar(draw(TEXT), draw(st.sampled_from(STYLES))))
                 for _ in range(draw(st.integers(1, 3)))]
        return _sequence(draw, tokens, items, path)
    return Scalar(draw(SCALARS), draw(st.sampled_from(STYLES)))


def _sequence(draw: Any, tokens: Tokens, items: list[Entry], path: tuple) -> Block:
    for index, item in enumerate(items):
        item.before = tokens.comments("before", path + (index,))
        if isinstance(item.value, Scalar):
            item.eol = tokens.maybe_eol(path + (index,))
        elif item.value.entries and not item.value.flow:
            # the first key shares the line of "- ": comments above it are above the item
            first = item.value.entries[0]
            tokens.repoint(first.before, ("before", path + (index,)))
            item.before, first.before = item.before + first.before, []
    block = Block(items, items=True)
    if items and tokens.offset and draw(st.booleans()):
        block.end = tokens.comments("end", path, most=1)
    return block


def _mapping(draw: Any, tokens: Tokens, model: Any, path: tuple, depth: int) -> Block:
    keys = list(field_keys(model))
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, min_size=1,
                           max_size=min(len(keys), 5)))
    if draw(st.integers(0, 9)) == 0:
        chosen.append(draw(st.sampled_from(["extra", "zz-top", "Notes"])))
    chosen = draw(st.permutations(chosen))
    entries = [Entry(key, _value(draw, tokens, key, model, path + (key,), depth))
               for key in chosen]
    simple = all(isinstance(e.value, Scalar) and e.value.style == "auto" for e in entries)
    if simple and path and draw(st.integers(0, 3)) == 0:
        return Block(entries, flow=True)
    for entry in entries:
        entry.before = tokens.comments("before", path + (entry.key,))
        entry.eol = tokens.maybe_eol(path + (entry.key,))
    block = Block(entries)
    if path and draw(st.booleans()):
        block.end = tokens.comments("end", path, most=1)
    return block


@st.composite
def documents(draw: Any) -> tuple[str, Any, dict]:
    """(source text, its data, {token: (kind, path)})."""
    writer = Writer(draw(st.sampled_from([2, 4])), draw(st.sampled_from([0, 2])))
    tokens = Tokens(draw, writer.offset)
    root = _mapping(draw, tokens, JourneyMap, (), 0)
    header = tokens.comments("header", (), most=2)
    # comments above the first key are the file's header, which stays at the top
    tokens.repoint(root.entries[0].before, ("header", ()))
    root.end = tokens.comments("end", (), most=2)
    lines = [line for line in header if line] + ([""] if header and draw(st.booleans()) else [])
    writer.mapping(root, 0, lines, None)
    return "\n".join(lines) + "\n", writer.data(root), tokens.expected


class Writer:
    """Writes a generated document as YAML text, with ``indent`` spaces per mapping level and
    sequence dashes ``offset`` spaces in from their key."""

    def __init__(self, indent: int, offset: int) -> None:
        self.indent, self.offset = indent, offset

    def mapping(self, block: Block, column: int, lines: list[str], dash: Optional[str]) -> None:
        for number, entry in enumerate(block.entries):
            if dash is not None and number == 0:
                prefix = dash  # the first key shares the line of its "- "
            else:
                lines.extend(_at(entry.before, column))
                prefix = " " * column
            self.entry(f"{prefix}{scalar_text(entry.key, 'auto')}:", entry, column, lines)
        lines.extend(_at(block.end, column))

    def entry(self, head: str, entry: Entry, column: int, lines: list[str]) -> None:
        value = entry.value
        if isinstance(value, Block) and value.flow:
            lines.append(_eol(f"{head} {flow_text(value)}", entry.eol))
        elif isinstance(value, Block) and not value.entries:
            lines.append(_eol(f"{head} {'[]' if value.items else '{}'}", entry.eol))
        elif isinstance(value, Block) and value.items:
            lines.append(_eol(head, entry.eol))
            self.sequence(value, column + self.offset, lines)
        elif isinstance(value, Block):
            lines.append(_eol(head, entry.eol))
            self.mapping(value, column + self.indent, lines, None)
        else:
            self.scalar(head, value, column, entry.eol, lines)

    def sequence(self, block: Block, column: int, lines: list[str]) -> None:
        for item in block.entries:
            lines.extend(_at(item.before, column))
            if isinstance(item.value, Block):
                self.mapping(item.value, column + 2, lines, " " * column + "- ")
            else:
                self.scalar(" " * column + "-", item.value, column, item.eol, lines)
        lines.extend(_at(block.end, column))

    def scalar(self, head: str, value: Scalar, column: int, eol: Optional[str],
               lines: list[str]) -> None:
        text = scalar_text(value.value, value.style)
        first, *rest = text.split("\n")
        block = first[:1] in ("|", ">")
        lines.append(_eol(f"{head} {first}", eol if block or not rest else None))
        lines.extend((" " * (column + 2) + line) if line else "" for line in rest)
        if rest and not block:  # a quoted scalar over several lines: after its closing quote
            lines[-1] = _eol(lines[-1], eol)

    def data(self, node: Any) -> Any:
        if isinstance(node, Scalar):
            return node.value
        if node.items:
            return [self.data(item.value) for item in node.entries]
        return {entry.key: self.data(entry.value) for entry in node.entries}


def scalar_text(value: Any, style: str) -> str:
    """``value`` as ruamel writes it in ``style`` (block scalars: header, then lines)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    kinds = {"single": SingleQuotedScalarString, "double": DoubleQuotedScalarString,
             "literal": LiteralScalarString, "folded": FoldedScalarString}
    if isinstance(value, str) and style in kinds:
        value = kinds[style](value)
    yaml = YAML(typ="rt")
    yaml.width = 10**6
    stream = io.StringIO()
    try:
        yaml.dump({"k": value}, stream)
    except Exception:  # noqa: BLE001 - the style cannot hold this text: let ruamel choose
        return scalar_text(str.__str__(value), "auto")
    text = stream.getvalue()[len("k:"):].rstrip("\n")
    text = text[1:] if text.startswith(" ") else text
    return "\n".join(line[2:] if index else line for index, line in enumerate(text.split("\n")))


def flow_text(block: Block) -> str:
    parts = [f"{scalar_text(e.key, 'auto')}: {scalar_text(e.value.value, 'auto')}"
             for e in block.entries]
    return "{" + ", ".join(parts) + "}"


def _at(texts: list[str], column: int) -> list[str]:
    return [" " * column + text if text else "" for text in texts]


def _eol(line: str, comment: Optional[str]) -> str:
    return f"{line}  {comment}" if comment else line


def _lines_of(text: str) -> dict[str, int]:
    found = {}
    for number, line in enumerate(text.split("\n")):
        for token in re.findall(r"# (k\d+x)\b", line):
            found[token] = number
    return found


def _where(text: str) -> list[Any]:
    """The slots of ``text``: where each key and item starts."""
    return slots(safe_yaml().load(text), safe_yaml().compose(text), tuple(text.split("\n")))


def _check_place(token: str, line: int, kind: str, path: tuple, found: list[Any]) -> None:
    """The comment ``token`` at ``line`` is where its kind and path say it belongs."""
    start = {slot.path: slot.line for slot in found}
    after = [slot for slot in found if slot.line > line]
    before = [slot for slot in found if slot.line < line]
    if kind == "eol":
        assert start[path] == line, (token, kind, path)
    elif kind == "before":
        assert after and after[0].line == start[path], (token, kind, path)
    elif kind == "header":
        assert not before, token
    elif kind == "end":
        assert before and before[-1].path[:len(path)] == path, (token, kind, path)
        assert not after or after[0].path[:len(path)] != path, (token, kind, path)


@settings(max_examples=examples(EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.filter_too_much])
@given(documents())
def test_fmt_keeps_data_and_comments_and_is_idempotent(document: tuple[str, Any, dict]) -> None:
    source, data, expected = document
    try:
        parsed = safe_yaml().load(source)
    except Exception:  # noqa: BLE001 - the generator wrote something ruamel cannot read
        parsed = None
    assume(same_data(parsed, data))
    try:  # ruamel's pure-Python parser refuses a raw U+2028 in a block scalar that C reads
        round_trip_yaml().load(source)
    except Exception:  # noqa: BLE001
        assume(False)
    assert _lines_of(source).keys() == expected.keys()  # the generator placed every comment
    result = format_text(source)
    assert same_data(safe_yaml().load(result), data)
    assert format_text(result) == result
    places = _lines_of(result)
    assert places.keys() == expected.keys()
    found = _where(result)
    for token, (kind, path) in expected.items():
        _check_place(token, places[token], kind, path, found)


KEYS = st.one_of(TEXT, st.integers(-5, 5), st.booleans(), st.dates(dt.date(2020, 1, 1),
                                                                   dt.date(2020, 12, 31)))
ANY_DATA = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(KEYS, children, max_size=4)),
    max_leaves=25)


@settings(max_examples=examples(EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, ANY_DATA, min_size=1, max_size=5), st.booleans())
def test_any_mapping_keeps_its_data_and_formats_once(data: dict, flow: bool) -> None:
    """Not only maps: whatever YAML mapping ruamel writes, in block or flow style."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    stream = io.StringIO()
    yaml.dump(data, stream)
    source = stream.getvalue()
    try:  # ruamel's own dumper writes ":0" plain in a flow list, where it does not parse
        assume(same_data(safe_yaml().load(source), data))
    except Exception:  # noqa: BLE001
        assume(False)
    result = format_text(source)
    assert same_data(safe_yaml().load(result), data)
    assert format_text(result) == result
