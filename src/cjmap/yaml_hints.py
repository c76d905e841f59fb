"""The YAML parser's errors, explained in plain English for people new to YAML.

The parser says what it expected ("mapping values are not allowed in this context"); an analyst
needs to know what to change. :func:`explain` looks at the parser's problem, its context and the
source lines around the marks, recognises the mistakes analysts make (a colon or a quotation mark
inside text, a tab, a line indented too little or too much, a stray ``-``, a missing space after a
colon, an unclosed quote or bracket) and says what is wrong and how to fix it. What it does not
recognise keeps the parser's own words, with a pointer to what to look at.

Line and column stay the parser's: this module only words the message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

# `key: value` or `- key: value` at the start of a line; the key is a plain word
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s:#'\"\[\]{}-][^:#]*?):(?P<rest>.*)$")


@dataclass(frozen=True)
class Parsed:
    """What the parser said, and the source it said it about."""

    problem: str
    context: str
    line: int  # 0-based, the problem's line
    column: int
    context_line: Optional[int]
    context_column: Optional[int]
    lines: list[str]

    def text(self, index: Optional[int]) -> str:
        if index is None or not 0 <= index < len(self.lines):
            return ""
        return self.lines[index]

    @property
    def here(self) -> str:
        return self.text(self.line)

    @property
    def char(self) -> str:
        here = self.here
        return here[self.column] if 0 <= self.column < len(here) else ""


def explain(error: Any, text: str) -> str:
    """A plain-English message for a ruamel.yaml ``MarkedYAMLError`` raised on ``text``."""
    parsed = _parsed(error, text)
    for hint in _HINTS:
        message = hint(parsed)
        if message:
            return message
    return _fallback(parsed)


def _parsed(error: Any, text: str) -> Parsed:
    mark = error.problem_mark or error.context_mark
    context_mark = error.context_mark
    return Parsed(
        problem=(error.problem or "").strip(),
        context=(error.context or "").strip(),
        line=mark.line if mark else 0,
        column=mark.column if mark else 0,
        context_line=context_mark.line if context_mark else None,
        context_column=context_mark.column if context_mark else None,
        lines=text.split("\n"),
    )


def _fallback(parsed: Parsed) -> str:
    words = parsed.problem or parsed.context or "invalid YAML"
    context = f" ({parsed.context})" if parsed.context and parsed.problem else ""
    return (f"YAML syntax error: {words}{context}: check the indentation and the quotes on "
            f"line {parsed.line + 1} and the line above it")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(count: int) -> str:
    return f"{count} space" if count == 1 else f"{count} spaces"


def quoted(value: str) -> str:
    """``value`` as a YAML quoted scalar an analyst can paste: double quotes, unless the text
    holds double quotes and no single ones."""
    value = value.strip()
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _previous(parsed: Parsed, index: int) -> Optional[int]:
    """The nearest line above ``index`` with content (not blank, not a comment)."""
    for above in range(index - 1, -1, -1):
        stripped = parsed.lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


def _key_of(line: str) -> Optional[re.Match[str]]:
    return _KEY_LINE.match(line)


# --- the hints, tried in order ----------------------------------------------------------------

def _tab(parsed: Parsed) -> Optional[str]:
    if "tab" not in parsed.problem and parsed.char != "\t" and "\t" not in parsed.here:
        return None
    where = next((index for index in range(parsed.line, -1, -1)
                  if "\t" in parsed.lines[index]), None)
    if where is None:
        return None
    return f"YAML indents with spaces, not tabs: replace the tab on line {where + 1} with spaces"


def _unclosed_quote(parsed: Parsed) -> Optional[str]:
    if "quoted scalar" not in parsed.context or "end of stream" not in parsed.problem:
        return None
    opened = parsed.text(parsed.context_line)
    column = parsed.context_column or 0
    mark = opened[column] if column < len(opened) else '"'
    return (f"the opening {mark} on line {(parsed.context_line or 0) + 1} is never closed: "
            f"add a closing {mark} at the end of that text")


def _unclosed_bracket(parsed: Parsed) -> Optional[str]:
    match = re.search(r"expected ',' or '([\]}])'", parsed.problem)
    if not match or parsed.context_line is None:
        return None
    close = match.group(1)
    open_ = "[" if close == "]" else "{"
    opened = parsed.text(parsed.context_line)
    column = parsed.context_column or 0
    start = f"the {open_} on line {parsed.context_line + 1}"
    if close not in opened[column:]:
        key = _key_of(opened)
        if key and open_ == "[":
            value = opened[column:].strip()
            return (f"{start} is never closed: end the list with {close} on the same line, "
                    f"or, if the value is text, put it in quotes: "
                    f"{key.group('key').strip()}: {quoted(value)}")
        return f"{start} is never closed: end it with {close} on the same line"
    return (f"{start} holds something that is not a list item: inside {open_} {close} separate the "
            f"items with commas, and put any item that contains a comma, a colon or a bracket "
            f"in quotes")


def _colon_in_value(parsed: Parsed) -> Optional[str]:
    if "mapping values are not allowed" not in parsed.problem:
        return None
    key = _key_of(parsed.here)
    if key is None:
        return None
    rest = key.group("rest").strip()
    if rest and (": " in rest or rest.endswith(":")) and rest[0] not in "\"'":
        name = key.group("key").strip()
        return (f"text that contains ': ' must be in quotes: write "
                f"{name}: {quoted(rest)}")
    return _deeper_than_text_above(parsed, key)


def _deeper_than_text_above(parsed: Parsed, key: re.Match[str]) -> Optional[str]:
    """A key indented further than the `key: text` line above reads as more of that text."""
    above = _previous(parsed, parsed.line)
    above_key = _key_of(parsed.text(above)) if above is not None else None
    if above is None or above_key is None:
        return None
    name, other = key.group("key").strip(), above_key.group("key").strip()
    here, there = _key_column(key), _key_column(above_key)
    if here <= there:
        return None
    return (f"`{name}:` is indented {_spaces(here)}, more than `{other}:` on line {above + 1} "
            f"({there}), so it reads as part of that value: line `{name}:` up with `{other}:`, "
            f"with {_spaces(there)} before it")


def _key_column(match: re.Match[str]) -> int:
    return len(match.group("indent")) + len(match.group("dash") or "")


def _quote_then_more(parsed: Parsed) -> Optional[str]:
    """``text: "Never again" she said.``: a closing quote followed by more text."""
    if "expected key" not in parsed.problem and "expected '-'" not in parsed.problem:
        return None
    key = _key_of(parsed.here)
    if key is None:
        return None
    rest = key.group("rest").strip()
    value_column = len(parsed.here) - len(key.group("rest")) + (
        len(key.group("rest")) - len(key.group("rest").lstrip()))
    if not rest or rest[0] not in "\"'" or parsed.column <= value_column:
        return None
    return (f"text that starts with {rest[0]} must end with it, but here more text follows the "
            f"closing {rest[0]}: put the whole text in quotes: "
            f"{key.group('key').strip()}: {_requote(rest)}")


def _requote(value: str) -> str:
    """The whole value in the other kind of quote, inner quotes kept."""
    if value[0] == '"' and "'" not in value:
        return f"'{value}'"
    if value[0] == "'" and '"' not in value:
        return f'"{value}"'
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _list_item_out_of_place(parsed: Parsed) -> Optional[str]:
    if "expected key" not in parsed.problem or not parsed.here.lstrip().startswith("-"):
        return None
    column = _indent(parsed.here)
    for above in range(parsed.line - 1, -1, -1):
        line = parsed.lines[above]
        if not line.strip() or line.strip().startswith("#"):
            continue
        is_item = line.lstrip().startswith("-")
        if _indent(line) < column or (_indent(line) == column and not is_item):
            break
        if is_item and _indent(line) > column:
            return (f"this list item is indented {_spaces(column)}, but the items above it "
                    f"(line {above + 1}) are indented {_indent(line)}: put "
                    f"{_spaces(_indent(line))} before the `-`")
    neighbour = _previous(parsed, parsed.line)
    key = _key_of(parsed.text(neighbour)) if neighbour is not None else None
    among = f" (such as `{key.group('key').strip()}:` on line {neighbour + 1})" if (
        key and neighbour is not None) else ""
    return (f"a stray `-`: a `-` starts a list item, but this line sits among keys{among}: "
            f"remove the `-`, or put the item under a key that holds a list, indented further "
            f"than that key")


def _misaligned_key(parsed: Parsed) -> Optional[str]:
    """A key indented less than its neighbours above but more than their parent."""
    if "expected key" not in parsed.problem and "expected '-'" not in parsed.problem:
        return None
    key = _key_of(parsed.here)
    if key is None or key.group("dash"):
        return None
    name, column = key.group("key").strip(), _key_column(key)
    for above in range(parsed.line - 1, -1, -1):
        line = parsed.lines[above]
        if not line.strip() or line.strip().startswith("#"):
            continue
        other = _key_of(line)
        if other is None:
            continue
        there = _key_column(other)
        if there > column:
            belongs = _item_start(parsed, above, there)
            owner = f"the keys of the list item that starts on line {belongs + 1} are" \
                if belongs is not None else \
                f"`{other.group('key').strip()}:` above it (line {above + 1}) is"
            return (f"`{name}:` is indented {_spaces(column)}, but {owner} indented {there}: "
                    f"add {_spaces(there - column)} before `{name}:` to line it up")
        if there <= column:
            return None
    return None


def _item_start(parsed: Parsed, index: int, column: int) -> Optional[int]:
    """The line of the `- ` that opens the list item whose keys sit at ``column``."""
    for above in range(index, -1, -1):
        key = _key_of(parsed.lines[above])
        if key and key.group("dash") and _key_column(key) == column:
            return above
        if parsed.lines[above].strip() and _indent(parsed.lines[above]) < column - 2:
            return None
    return None


def _missing_space(parsed: Parsed) -> Optional[str]:
    if "expected ':'" not in parsed.problem or parsed.context_line is None:
        return None
    started = parsed.text(parsed.context_line)
    match = re.match(r"^(\s*(?:- +)?)([\w-]+):(\S.*)$", started)
    if match:
        return (f"put a space after the colon on line {parsed.context_line + 1}: "
                f"{match.group(2)}: {match.group(3)}")
    return (f"line {parsed.context_line + 1} is neither `key: value` nor a list item: if it "
            f"continues the text above, indent it further than that text's key, or join the two "
            f"lines")


def _cannot_start(parsed: Parsed) -> Optional[str]:
    alias = "scanning an alias" in parsed.context or "undefined alias" in parsed.problem
    if "cannot start any token" not in parsed.problem and not alias:
        return None
    key = _key_of(parsed.here)
    start = "*" if alias else parsed.char
    if key is None or not start:
        return None
    value = key.group("rest").strip()
    return (f"a value cannot start with {start}: put the text in quotes: "
            f"{key.group('key').strip()}: {quoted(value)}")


_HINTS: list[Callable[[Parsed], Optional[str]]] = [
    _tab,
    _unclosed_quote,
    _unclosed_bracket,
    _colon_in_value,
    _quote_then_more,
    _list_item_out_of_place,
    _misaligned_key,
    _missing_space,
    _cannot_start,
]

__all__ = ["explain", "quoted"]


# --- values YAML read differently from what was written ------------------------------------

# `key: #text`: a `#` straight after `: ` starts a comment, so the value is empty. A comment
# written as such has a space after the `#` (`key:  # why`), so only `#` followed by a visible
# character is taken for lost text.
_LOST_TO_COMMENT = re.compile(r"^(?P<lead> *(?:- +)?)(?P<key>[A-Za-z_][A-Za-z0-9_-]*):[ \t]+"
                              r"(?P<text>#\S.*?)\s*$")
_BLOCK_START = re.compile(r":[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")


@dataclass(frozen=True)
class LostValue:
    """A value that YAML read as a comment: where, the key, and the text that was lost."""

    line: int  # 1-based
    column: int  # 1-based, the `#`
    key: str
    text: str

    @property
    def message(self) -> str:
        shown = self.text if len(self.text) <= 40 else self.text[:39] + "\u2026"
        quoted = self.text.replace("\\", "\\\\").replace('"', '\\"')
        return (f"`{self.key}:` is empty: `#` starts a comment in YAML, so `{shown}` is not "
                f"read; if it is the text, put it in quotes: {self.key}: \"{quoted}\"")


def values_lost_to_comments(text: str) -> list[LostValue]:
    """Every ``key: #text`` outside block scalars (``|`` and ``>`` text, which keeps ``#``)."""
    lost: list[LostValue] = []
    block_indent: Optional[int] = None
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        match = _LOST_TO_COMMENT.match(line)
        if match:
            lost.append(LostValue(number, match.start("text") + 1, match.group("key"),
                                  match.group("text")))
        elif _BLOCK_START.search(line):
            block_indent = indent
    return lost
