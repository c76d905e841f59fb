"""Where the comments and blank lines of a YAML text are, found from the scanner's tokens.

ruamel.yaml keeps comments on its round-trip tree, but attaches each one to whatever happened to
come before it: a comment above a top-level key can sit on the last scalar of the previous
section, several levels down. Moving a key with its comments through that structure is fragile,
so :mod:`cjmap.fmt.formatter` finds comments in the text instead. The rule is YAML's own: a ``#`` at the
start of a line or after a space or tab, outside every token (scalars, anchors, aliases, tags),
starts a comment that runs to the end of the line.

Lines and columns are 0-based and count characters, as ruamel.yaml's marks do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# ruamel.yaml's scanner counts these as line breaks (as YAML 1.1 did), so its marks do too.
LINE_BREAKS = "\n\x85\u2028\u2029"
_BREAK = re.compile("[" + LINE_BREAKS + "]")
BLANKS = " \t"  # YAML's white space; a no-break space is text
# Tokens whose text could contain a "#" that is not a comment.
_TEXT_TOKENS = ("ScalarToken", "AnchorToken", "AliasToken", "TagToken", "DirectiveToken")


@dataclass(frozen=True)
class CommentLine:
    """One comment: from its ``#`` to the end of the line, trailing spaces removed."""

    line: int
    column: int
    text: str
    trailing: bool  # True when content comes before it on its line (an end-of-line comment)


@dataclass
class Coverage:
    """Which characters of the text belong to tokens: ``line -> [(start, end or None), ...]``."""

    spans: dict[int, list[tuple[int, Any]]] = field(default_factory=dict)

    def add(self, line: int, start: int, end: Any) -> None:
        self.spans.setdefault(line, []).append((start, end))

    def covers(self, line: int, column: int) -> bool:
        """Is the character at ``line``, ``column`` inside a token?"""
        for start, end in self.spans.get(line, ()):
            if start <= column and (end is None or column < end):
                return True
        return False


@dataclass(frozen=True)
class Layout:
    """What the scanner tells about a text, besides its data."""

    lines: tuple[str, ...]
    comments: tuple[CommentLine, ...]
    blank_lines: frozenset[int]  # empty lines that are layout, not part of a scalar
    coverage: Coverage
    explicit_start: bool  # the document starts with "---"
    directives: bool  # %YAML or %TAG lines

    def line_end_is_free(self, line: int) -> bool:
        """Can a comment go at the end of ``line`` without landing inside a scalar?"""
        return not self.coverage.covers(line, len(self.lines[line]))


def scan_layout(text: str) -> Layout:
    """The comments, blank lines and token coverage of ``text`` (which must be valid YAML)."""
    from ruamel.yaml import YAML

    lines = split_lines(text)
    coverage = Coverage()
    blank_in_scalars: set[int] = set()
    explicit_start = directives = False
    for token in YAML(typ="safe", pure=False).scan(text):
        kind = type(token).__name__
        if kind == "DocumentStartToken" and token.start_mark.index != token.end_mark.index:
            explicit_start = True
        directives = directives or kind == "DirectiveToken"
        if kind in _TEXT_TOKENS:
            _cover(token, lines, coverage, blank_in_scalars)
    comments = tuple(_comments(lines, coverage))
    blanks = frozenset(
        number for number, line in enumerate(lines)
        if not line.strip(BLANKS) and (number in blank_in_scalars or not coverage.covers(number, 0))
    )
    return Layout(lines, comments, blanks, coverage, explicit_start, directives)


def split_lines(text: str) -> tuple[str, ...]:
    """The lines of ``text`` as the scanner numbers them (its marks count U+2028 as a break)."""
    return tuple(_BREAK.split(text))


def _cover(token: Any, lines: tuple[str, ...], coverage: Coverage, blank: set[int]) -> None:
    """Mark the characters of one token as covered."""
    start, end = token.start_mark, token.end_mark
    first_line, first_column = start.line, start.column
    if getattr(token, "style", None) in ("|", ">"):
        # A block scalar's header line ("key: >-  # note") may end with a comment; its text
        # starts on the next line. Trailing blank lines are layout unless it keeps them ("+").
        header = lines[start.line][start.column:].split("#")[0]
        first_line, first_column = start.line + 1, 0
        if "+" not in header:
            blank.update(_trailing_blank_lines(lines, first_line, end.line))
    if end.line == first_line:
        coverage.add(first_line, first_column, end.column)
        return
    coverage.add(first_line, first_column, None)
    for number in range(first_line + 1, end.line):
        coverage.add(number, 0, None)
    coverage.add(end.line, 0, end.column)


def _trailing_blank_lines(lines: tuple[str, ...], first: int, end: int) -> list[int]:
    """The whitespace-only lines at the end of lines[first:end]."""
    found = []
    for number in range(min(end, len(lines)) - 1, first - 1, -1):
        if lines[number].strip(BLANKS):
            break
        found.append(number)
    return found


def _comments(lines: tuple[str, ...], coverage: Coverage) -> list[CommentLine]:
    found = []
    for number, line in enumerate(lines):
        column = line.find("#")
        while column != -1:
            after_space = column == 0 or line[column - 1] in " \t"
            if after_space and not coverage.covers(number, column):
                trailing = bool(line[:column].strip(BLANKS))
                found.append(CommentLine(number, column, line[column:].rstrip(BLANKS), trailing))
                break
            column = line.find("#", column + 1)
    return found


def comment_words(text: str) -> list[str]:
    """Every comment's words, sorted: two texts keep the same comments if these are equal.

    Compared word by word rather than line by line because two end-of-line comments that land
    on one line (a flow collection written over several lines) are joined into one.
    """
    layout = scan_layout(text)
    return sorted(word for comment in layout.comments
                  for word in comment.text.replace("#", " ").split())
