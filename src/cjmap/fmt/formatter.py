"""Formatting map files in one canonical layout, keeping every comment. The core of ``cjmap fmt``.

Callable from Python::

    from cjmap.fmt.formatter import format_file, format_text
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
  at the end; a leading ``---`` is kept;
- values the format accepts in several forms are written in the spec's: an action's status
  ``In Progress`` as ``in-progress``, a due date ``30/06/2026`` as ``2026-06-30``
  (:mod:`cjmap.fmt.canonical`).

Apart from those spellings, formatting never changes data: the result is parsed again and compared with the source, value
by value and type by type, and its comments with the source's, before anything is returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from cjmap.fmt.canonical import canonical_forms
from cjmap.fmt.comment_tokens import comment_words, scan_layout
from cjmap.fmt.comments import StructureError, assign, emit, slots
from cjmap.fmt.dump import canonical_yaml, dump_exact, same_data
from cjmap.fmt.key_order import reorder
from cjmap.load import MAX_FILE_SIZE, Loaded, decode, parse_yaml, safe_yaml
from cjmap.problems import Problem, Severity
from cjmap.validate import PARALLEL_FROM, discover, in_parallel, worker_count
from cjmap.writing import Fingerprint, WriteRefused, read_with_fingerprint, write_atomic

__all__ = ["Formatted", "FormatError", "canonical_yaml", "format_file", "format_paths",
           "format_text", "normalise", "same_data", "write_formatted"]

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
    # The file as read: it is written only if it is still so (an edit saved meanwhile wins).
    fingerprint: Optional[Fingerprint] = None

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


def format_text(text: str, edit: Optional[Edit] = None) -> str:
    """``text`` in the canonical layout; raises :class:`FormatError` if it cannot be formatted.

    ``edit``, if given, changes the data on the way (it is called on the round-trip tree and on
    the plain data, which must stay equal): ``cjmap new`` fills a starter in this way.
    """
    source = normalise(text)
    data = _parse(source)
    layout = scan_layout(source)
    if layout.directives:
        raise FormatError("%YAML and %TAG directives are not supported (maps are YAML 1.2): "
                          "remove them", rule="fmt-directive")
    try:
        result = _rebuild(source, data, layout, edit)
        if edit is not None or result != source:
            # An unchanged text holds the same data and comments: nothing to prove then.
            _check(result, data, source)
    except StructureError as error:
        raise FormatError(f"cannot format this file: {error}", rule="fmt-guard") from None
    except RecursionError:
        raise FormatError("the file nests too deeply to format", rule="fmt-guard") from None
    return result


def _rebuild(source: str, data: Any, layout: Any, edit: Optional[Edit]) -> str:
    """Reorder the keys, dump without comments, and put the comments back."""
    tree = _round_trip(source)
    owners = assign(slots(tree, _compose(source), layout.lines), layout)
    for change in (canonical_forms, edit):
        if change is not None:
            change(tree)
            change(data)
    reorder(tree)
    body = dump_exact(tree, data)
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
    return safe_yaml().compose(text)


def _check(result: str, data: Any, source: str) -> None:
    """Refuse a result that would change the data or lose a comment (the last safeguard)."""
    try:
        again = safe_yaml().load(result)
    except Exception:  # noqa: BLE001 - any failure to read it back is a refusal
        again = _UNREADABLE
    if not same_data(again, data):
        raise FormatError("formatting would change the data, so the file is left as it is "
                          "(please report this as a bug)", rule="fmt-guard")
    if comment_words(result) != comment_words(source):
        raise FormatError("formatting would lose or change a comment, so the file is left as "
                          "it is (please report this as a bug)", rule="fmt-guard")


_UNREADABLE = object()  # equal to no data


def format_file(path: str | Path) -> Formatted:
    """Read and format one file; never raises for a bad file (see ``Formatted.problem``)."""
    name = str(path)
    try:
        raw, fingerprint = read_with_fingerprint(path, MAX_FILE_SIZE)
    except WriteRefused as error:
        return Formatted(name, "", problem=Problem(name, 1, 1, Severity.ERROR, "io",
                                                   f"cannot read the file: {error}"))
    except OSError as error:
        problem = Problem(name, 1, 1, Severity.ERROR, "io",
                          f"cannot read the file: {error.strerror or error}")
        return Formatted(name, "", problem=problem)
    loaded = Loaded(path=name)
    if decode(raw, loaded) is None:
        return Formatted(name, "", problem=loaded.problems[0])
    original = raw.decode("utf-8")
    try:
        return Formatted(name, original, text=format_text(original), fingerprint=fingerprint)
    except FormatError as error:
        return Formatted(name, original, problem=error.problem(name))


def write_formatted(result: Formatted) -> None:
    """Write a changed result over its file, atomically (raises OSError)."""
    if result.changed and result.text is not None:
        # through a symbolic link to its target, so that the link stays a link
        write_atomic(result.path, result.text, expect=result.fingerprint)


def format_paths(paths: Sequence[str | Path]) -> list[Formatted]:
    """Format every map file named or found under ``paths`` (nothing is written).

    Raises :class:`cjmap.validate.PathError` for a path that does not exist.
    """
    files = [str(path) for path in discover(paths)]
    workers = worker_count(None, len(files))
    if workers > 1 and len(files) >= PARALLEL_FROM:
        return in_parallel(format_file, files, workers)
    return [format_file(path) for path in files]
