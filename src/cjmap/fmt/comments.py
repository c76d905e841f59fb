"""Keeping comments with their keys while ``cjmap fmt`` moves the keys.

Every key of a block mapping and every item of a block sequence is a *slot*, named by its path
(``("steps", 2, "name")``), which does not change when keys are reordered. Each comment and
blank line of the source is given an owner:

- before the first key of the file: the file's *header*, which stays at the top;
- on the same line as content: the *end-of-line* comment of the last slot that starts on or
  before that line; a comment on the next line at exactly the same column continues it;
- on a line of its own, indented no deeper than the next slot: *before* that slot (it moves with
  it). Indented deeper than the next slot, it closes a block that ends there (the commented-out
  ``# feedback:`` at the end of a step): the *end* of the deepest such block, or of the file.

The document is dumped again without comments, and each owner's lines are put back beside its
slot, wherever the slot now is, indented like it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import Any, Iterator, Optional

from cjmap.fmt.comment_tokens import CommentLine, Layout

Path = tuple[Any, ...]
BLANK = ""
_MERGE_TAG = "tag:yaml.org,2002:merge"


class StructureError(Exception):
    """The round-trip tree and the composed nodes disagree: the file is left alone."""


@dataclass(frozen=True)
class Slot:
    """A key of a block mapping or an item of a block sequence, and where it starts."""

    path: Path
    line: int
    column: int  # of the key, or of the "-" of a sequence item


@dataclass
class Owners:
    """Each comment and blank line of a document, by the slot it belongs to."""

    header: list[str] = field(default_factory=list)
    before: dict[Path, list[str]] = field(default_factory=dict)
    eol: dict[Path, list[CommentLine]] = field(default_factory=dict)  # columns from the key
    eol_more: dict[Path, list[str]] = field(default_factory=dict)  # aligned continuation lines
    end: dict[Path, list[str]] = field(default_factory=dict)  # () is the end of the file


def slots(tree: Any, node: Any, lines: tuple[str, ...]) -> list[Slot]:
    """The slots of a document in order: ``tree`` gives the keys, ``node`` (composed) the places."""
    found: list[Slot] = []
    _walk(tree, node, (), lines, found, set())
    return found


def _walk(tree: Any, node: Any, path: Path, lines: tuple[str, ...], found: list[Slot],
          seen: set[int]) -> None:
    kind = type(node).__name__
    if kind not in ("MappingNode", "SequenceNode") or node.flow_style or id(node) in seen:
        return
    seen.add(id(node))  # an alias repeats a node: its slots belong to the anchored copy
    for key, place, child_tree, child_node in _children(tree, node, kind):
        line, column = place.start_mark.line, place.start_mark.column
        if kind == "SequenceNode":
            line, column = _dash(lines, line, column)
        found.append(Slot(path + (key,), line, column))
        _walk(child_tree, child_node, path + (key,), lines, found, seen)


def _children(tree: Any, node: Any, kind: str) -> Iterator[tuple[Any, Any, Any, Any]]:
    """(key, node to place the slot at, child tree, child node) for each child, in order."""
    if kind == "SequenceNode":
        if not isinstance(tree, list) or len(tree) != len(node.value):
            raise StructureError("a sequence does not match its parse")
        for index, (item, item_node) in enumerate(zip(tree, node.value)):
            yield index, item_node, item, item_node
        return
    pairs = [(k, v) for k, v in node.value if str(k.tag) != _MERGE_TAG]
    keys = list(tree.keys()) if not getattr(tree, "merge", None) else list(_own_keys(tree))
    if not isinstance(tree, dict) or len(keys) != len(pairs):
        raise StructureError("a mapping does not match its parse")
    for key, (key_node, value_node) in zip(keys, pairs):
        yield key, key_node, tree[key], value_node


def _own_keys(tree: Any) -> Iterator[Any]:
    for key, _ in tree.non_merged_items():
        yield key


def _dash(lines: tuple[str, ...], line: int, column: int) -> tuple[int, int]:
    """Where the "-" of the sequence item whose content starts at line, column is."""
    text = lines[line] if line < len(lines) else ""
    index = column - 1
    while index >= 0 and text[index] == " ":
        index -= 1
    if index >= 0 and text[index] == "-":
        return line, index
    return line, max(column - 2, 0)


def assign(found: list[Slot], layout: Layout) -> Owners:
    """Give every comment and blank line of ``layout`` an owner among the slots ``found``."""
    assigner = _Assigner(found)
    for number, comment in _layout_lines(layout):
        if comment is not None and comment.trailing:
            assigner.end_of_line(number, comment)
        elif comment is not None and assigner.continues(number, comment):
            continue
        else:
            assigner.own_line(number, comment)
    assigner.flush_blank()
    return assigner.owners


class _Assigner:
    """The state of :func:`assign` as it walks the comments and blank lines in order."""

    def __init__(self, found: list[Slot]) -> None:
        self.found, self.owners = found, Owners()
        self.starts = [slot.line for slot in found]
        self.columns = _child_columns(found)
        self.pending: Optional[int] = None  # a blank line before found[pending], not yet owned
        self.last_eol: Optional[tuple[int, int, Path]] = None  # its line, column and owner

    def end_of_line(self, number: int, comment: CommentLine) -> None:
        index = bisect_right(self.starts, number)
        if index == 0:
            self.owners.header.append(comment.text)
            return
        slot = self.found[index - 1]  # its column is kept relative to its key's
        relative = replace(comment, column=comment.column - slot.column)
        self.owners.eol.setdefault(slot.path, []).append(relative)
        self.last_eol = (number, comment.column, slot.path)

    def continues(self, number: int, comment: CommentLine) -> bool:
        """Is this comment the next line of an end-of-line comment, aligned with it?"""
        if not self.last_eol or self.last_eol[:2] != (number - 1, comment.column):
            return False
        self.owners.eol_more.setdefault(self.last_eol[2], []).append(comment.text)
        self.last_eol = (number, comment.column, self.last_eol[2])
        return True

    def own_line(self, number: int, comment: Optional[CommentLine]) -> None:
        """A comment on a line of its own, or a blank line (``comment`` None)."""
        index = bisect_left(self.starts, number)
        if index == 0:
            self.owners.header.append(comment.text if comment else BLANK)
            return
        if self.pending is not None and self.pending != index:
            self.flush_blank()
        if comment is None:
            self.pending = index
            return
        entries = ([BLANK] if self.pending is not None else []) + [comment.text]
        self.pending = None
        following = self.found[index] if index < len(self.found) else None
        block = _closing_block(self.found[index - 1], following, comment.column, self.columns)
        if block is None:
            self.before(index, entries)
        else:
            self.owners.end.setdefault(block, []).extend(entries)

    def flush_blank(self) -> None:
        if self.pending is not None:
            self.before(self.pending, [BLANK])
            self.pending = None

    def before(self, index: int, entries: list[str]) -> None:
        if index < len(self.found):  # blank lines after the last slot are dropped
            self.owners.before.setdefault(self.found[index].path, []).extend(entries)


def _layout_lines(layout: Layout) -> list[tuple[int, Optional[CommentLine]]]:
    """Blank lines (with None) and comments, in the order of the text."""
    lines: list[tuple[int, Optional[CommentLine]]] = [(n, None) for n in layout.blank_lines]
    lines.extend((comment.line, comment) for comment in layout.comments)
    return sorted(lines, key=lambda item: item[0])


def _child_columns(found: list[Slot]) -> dict[Path, int]:
    """The column of the children of each block collection."""
    columns: dict[Path, int] = {}
    for slot in found:
        columns.setdefault(slot.path[:-1], slot.column)
    return columns


def _closing_block(previous: Slot, following: Optional[Slot], column: int,
                   columns: dict[Path, int]) -> Optional[Path]:
    """The deepest block that ends between the two slots and is indented no deeper than
    ``column``; None when the comment belongs before ``following``."""
    if following is not None and column <= following.column:
        return None  # level with the next key or item, or further out: it introduces it
    for depth in range(len(previous.path) - 1, -1, -1):
        block = previous.path[:depth]
        if following is not None and following.path[:depth] == block:
            return None  # this block and all outer ones go on after the comment
        inside = columns.get(block, 0)
        # a sequence whose dashes line up with its key ("key:\n- item") is not indented
        # from its parent, so a comment at that column ends the parent instead
        indented = not block or inside > columns.get(block[:-1], 0)
        if indented and inside <= column:
            return block
    return None


def emit(body: str, found: list[Slot], owners: Owners, layout: Layout,
         explicit_start: bool = False) -> str:
    """Put the owners' comments and blank lines back into ``body``, a dump without comments
    whose slots are ``found`` and whose layout is ``layout``."""
    lines = body[:-1].split("\n") if body.endswith("\n") else body.split("\n")
    if len(lines) + body.endswith("\n") != len(layout.lines):
        raise StructureError("a key holds a line separator (U+0085, U+2028 or U+2029)")
    places = _place(found, owners, layout)
    out = _Lines()
    out.layout(owners.header)
    if explicit_start:
        out.content(["---"])
    for number, line in enumerate(lines):
        out.layout(places.inserts.get(number, []))
        text, column = _with_comments(line, places.appends.get(number, []))
        out.content([text])
        out.layout(_indent(places.more.get(number, []), column))
    out.layout(places.tail)
    return out.text()


@dataclass
class _Places:
    """Where the comments go in the body: by its line number."""

    inserts: dict[int, list[str]] = field(default_factory=dict)  # lines to put before it
    appends: dict[int, list[CommentLine]] = field(default_factory=dict)  # at its end
    more: dict[int, list[str]] = field(default_factory=dict)  # continuation lines after it
    tail: list[str] = field(default_factory=list)


def _place(found: list[Slot], owners: Owners, layout: Layout) -> _Places:
    places = _Places()
    columns = _child_columns(found)
    first_on_line: dict[int, int] = {}
    for index, slot in enumerate(found):
        first_on_line.setdefault(slot.line, slot.column)
        gap = places.inserts.setdefault(slot.line, [])
        if index > 0:
            gap.extend(_ends(found[index - 1], slot, owners, columns))
        # a key that starts its item's line ("- id: x") has its comments above the "-"
        gap.extend(_indent(owners.before.get(slot.path, []), first_on_line[slot.line]))
        if slot.path in owners.eol:
            target = _free_line(layout, slot.line)
            places.appends.setdefault(target, []).extend(
                replace(comment, column=comment.column + slot.column)
                for comment in owners.eol[slot.path])
            places.more.setdefault(target, []).extend(owners.eol_more.get(slot.path, []))
    places.tail = _ends(found[-1], None, owners, columns) if found else owners.end.get((), [])
    return places


class _Lines:
    """The output, where only layout blank lines (never a scalar's own) are tidied: none at
    the start or the end, never two in a row."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.trailing_layout = 0  # blank layout lines at the end, dropped if nothing follows

    def layout(self, lines: list[str]) -> None:
        for line in lines:
            if line == BLANK and (not self.lines or self.lines[-1] == BLANK):
                continue
            self.lines.append(line)
            self.trailing_layout = self.trailing_layout + 1 if line == BLANK else 0

    def content(self, lines: list[str]) -> None:
        self.lines.extend(lines)
        self.trailing_layout = 0

    def text(self) -> str:
        kept = self.lines[:len(self.lines) - self.trailing_layout]
        return "\n".join(kept) + "\n"


def _ends(previous: Slot, following: Optional[Slot], owners: Owners,
          columns: dict[Path, int]) -> list[str]:
    """The end comments of the blocks that close between two slots, innermost first."""
    out: list[str] = []
    for depth in range(len(previous.path) - 1, -1, -1):
        block = previous.path[:depth]
        if following is not None and following.path[:depth] == block:
            break
        out.extend(_indent(owners.end.get(block, []), columns.get(block, 0)))
    return out


def _indent(entries: list[str], column: int) -> list[str]:
    return [" " * column + entry if entry else BLANK for entry in entries]


def _free_line(layout: Layout, line: int) -> int:
    """The first line from ``line`` whose end is outside every scalar."""
    number = line
    while number < len(layout.lines) - 1 and not layout.line_end_is_free(number):
        number += 1
    return number


def _with_comments(line: str, comments: list[CommentLine]) -> tuple[str, int]:
    """``line`` with end-of-line comments, at their old column if there is room, else two
    spaces after the content; and the column of the last comment."""
    if not comments:
        return line, 0  # as dumped: trailing blanks may belong to a scalar
    text, column = line.rstrip(" \t"), 0
    for comment in comments:
        column = max(comment.column, len(text) + 2)
        text = text + " " * (column - len(text)) + comment.text
    return text, column
