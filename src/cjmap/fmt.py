"""Formatting map files in one canonical layout, keeping every comment. The core of ``cjmap fmt``.

Callable from Python::

    from cjmap.fmt import format_file, format_text
    text = format_text(Path("repairs.yaml").read_text())
    result = format_file("repairs.yaml")  # result.changed, result.diff(), result.problem

The layout:

- keys in the spec's order (``cjmap``, ``journey``, ``stages``, ``steps``, ``diagnosis`` at the
  top, and each mapping in its model's field order); unknown keys keep their order at the end;
- two spaces per level; sequence items as ``  - `` under their key;
- strings quoted only where YAML needs it, with single quotes unless an escape needs double
  ones; block scalars (``>-``, ``|``) and their line breaks are kept; long lines are never
  re-wrapped; flow collections (``{applies: yes}``) stay flow;
- every comment is kept with the key or item it sits above or beside, re-indented to match it;
  blank lines are kept, at most one in a row; LF line endings, no byte-order mark, one newline
  at the end; a leading ``---`` is kept.

Formatting never changes data: the result is parsed again and compared with the source, value
by value and type by type, and its comments with the source's, before anything is returned.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from cjmap.problems import Problem, Severity

WIDTH = 1_000_000  # never re-wrap a long line
Edit = Callable[[Any], None]


class FormatError(Exception):
    """A text that cannot be formatted; ``problem`` says why and where."""

    def __init__(self, message: str, line: int = 1, column: int = 1, rule: str = "fmt") -> None:
        super().__init__(message)
        self.message, self.line, self.column, self.rule = message, line, column, rule

    def problem(self, path: str) -> Problem:
        return Problem(path, self.line, self.column, Severity.ERROR, self.rule, self.message)


@dataclass(frozen=True)
class Formatted:
    """The outcome of formatting one file: its text before and after, or the problem."""

    path: str
    original: str
    text: Optional[str] = None
    problem: Optional[Problem] = None

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.original

    def diff(self) -> str:
        """A unified diff from the file to its formatted text ("" when unchanged)."""
        import difflib

        if not self.changed:
            return ""
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True), (self.text or "").splitlines(keepends=True),
            fromfile=self.path, tofile=f"{self.path} (formatted)")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                       for line in lines)


def canonical_yaml() -> Any:
    """A ruamel round-trip YAML that writes the canonical layout (without moving keys)."""
    from cjmap.load import round_trip_yaml

    yaml = round_trip_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    return yaml


def format_text(text: str, edit: Optional[Edit] = None) -> str:
    """``text`` in the canonical layout; raises :class:`FormatError` if it cannot be formatted.

    ``edit``, if given, changes the data on the way (it is called on the round-trip tree and on
    the plain data, which must stay equal): ``cjmap new`` fills a starter in this way.
    """
    from cjmap.fmt_comments import StructureError
    from cjmap.yaml_comments import scan_layout

    source = normalise(text)
    data = _parse(source)
    layout = scan_layout(source)
    if layout.directives:
        raise FormatError("%YAML and %TAG directives are not supported (maps are YAML 1.2): "
                          "remove them", rule="fmt-directive")
    try:
        result = _rebuild(source, data, layout, edit)
    except StructureError as error:
        raise FormatError(f"cannot format this file: {error}", rule="fmt-guard") from None
    _check(result, data, source)
    return result


def _rebuild(source: str, data: Any, layout: Any, edit: Optional[Edit]) -> str:
    """Reorder the keys, dump without comments, and put the comments back."""
    from cjmap.fmt_comments import assign, emit, slots
    from cjmap.key_order import reorder
    from cjmap.yaml_comments import scan_layout

    tree = _round_trip(source)
    owners = assign(slots(tree, _compose(source), layout.lines), layout)
    if edit is not None:
        edit(tree)
        edit(data)
    reorder(tree)
    body = _dump_exact(tree, data)
    body_layout = scan_layout(body)
    return emit(body, slots(tree, _compose(body), body_layout.lines), owners, body_layout,
                layout.explicit_start)


def _round_trip(source: str) -> Any:
    """The round-trip tree; its pure-Python parser refuses a few texts the C one reads."""
    from ruamel.yaml.error import YAMLError

    try:
        return canonical_yaml().load(source)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise FormatError(f"cannot format this file: the round-trip parser refuses it "
                          f"({str(getattr(error, 'problem', '') or error).strip()})",
                          line, column, rule="fmt-guard") from None


def normalise(text: str) -> str:
    """LF line endings and no byte-order mark."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _parse(text: str) -> dict[Any, Any]:
    """The data of ``text`` (safe loader), or FormatError with the loader's own problem."""
    from cjmap.load import Loaded, parse_yaml

    loaded = Loaded(path="<text>")
    data = parse_yaml(text, loaded)
    if loaded.problems:
        problem = loaded.problems[0]
        raise FormatError(problem.message, problem.line, problem.column, problem.rule)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}, not a mapping"
        raise FormatError(f"nothing to format: the document is {kind} (a map is a mapping "
                          "with cjmap:, journey: and steps:)", rule="not-a-mapping")
    return data


def _compose(text: str) -> Any:
    from cjmap.load import safe_yaml

    return safe_yaml().compose(text)


def _dump(tree: Any) -> str:
    """The tree in the canonical layout, without any of its comments."""
    _forget_comments(tree, set())
    _escape_line_breaks(tree, set())
    stream = io.StringIO()
    canonical_yaml().dump(tree, stream)
    return stream.getvalue()


def _dump_exact(tree: Any, data: Any) -> str:
    """The dump, after making exact any scalar that ruamel writes so that it reads back
    differently (a float such as 5.960464477539063e-08 loses its last digit; some characters
    do not survive single quotes): such floats are written by Python's repr, such strings
    double-quoted, where every character has an escape."""
    body = _dump(tree)
    for _ in range(3):
        differences = _differences(_load_or_none(body), data, ())
        if not differences or not all(_make_exact(tree, path) for path in differences):
            break
        body = _dump(tree)
    return body


def _load_or_none(text: str) -> Any:
    from cjmap.load import safe_yaml

    try:
        return safe_yaml().load(text)
    except Exception:  # noqa: BLE001 - unreadable: nothing can be pointed at
        return _Unreadable()


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
        parent[path[-1]] = DoubleQuotedScalarString(str.__str__(value))
    else:
        return False
    return True


def _escape_line_breaks(node: Any, seen: set[int]) -> None:
    """Double-quote strings holding U+0085, U+2028 or U+2029: ruamel writes them raw inside
    single quotes, where they read back as spaces, and counts them as line breaks."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if id(node) in seen or not isinstance(node, (dict, list)):
        return
    seen.add(id(node))
    places = node.keys() if isinstance(node, dict) else range(len(node))
    for place in list(places):
        value = node[place]
        if isinstance(value, str) and any(ch in value for ch in "\x85\u2028\u2029"):
            node[place] = DoubleQuotedScalarString(str.__str__(value))
        else:
            _escape_line_breaks(value, seen)


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


def _check(result: str, data: Any, source: str) -> None:
    """Refuse a result that would change the data or lose a comment (the last safeguard)."""
    from cjmap.load import safe_yaml
    from cjmap.yaml_comments import comment_words

    try:
        again = safe_yaml().load(result)
    except Exception:  # noqa: BLE001 - any failure to read it back is a refusal
        again = _Unreadable()
    if not same_data(again, data):
        raise FormatError("formatting would change the data, so the file is left as it is "
                          "(please report this as a bug)", rule="fmt-guard")
    if comment_words(result) != comment_words(source):
        raise FormatError("formatting would lose or change a comment, so the file is left as "
                          "it is (please report this as a bug)", rule="fmt-guard")


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


def format_file(path: str | Path) -> Formatted:
    """Read and format one file; never raises for a bad file (see ``Formatted.problem``)."""
    from cjmap.load import Loaded, decode

    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        problem = Problem(name, 1, 1, Severity.ERROR, "io",
                          f"cannot read the file: {error.strerror or error}")
        return Formatted(name, "", problem=problem)
    loaded = Loaded(path=name)
    if decode(raw, loaded) is None:
        return Formatted(name, "", problem=loaded.problems[0])
    original = raw.decode("utf-8")
    try:
        return Formatted(name, original, text=format_text(original))
    except FormatError as error:
        return Formatted(name, original, problem=error.problem(name))


def write_formatted(result: Formatted) -> None:
    """Write a changed result over its file, atomically (raises OSError)."""
    from cjmap.writing import write_atomic

    if result.changed and result.text is not None:
        write_atomic(result.path, result.text)


def format_paths(paths: list[str | Path]) -> list[Formatted]:
    """Format every map file named or found under ``paths`` (nothing is written).

    Raises :class:`cjmap.validate.PathError` for a path that does not exist.
    """
    from cjmap.validate import discover

    return [format_file(path) for path in discover(paths)]
