"""Writing a 5Cs diagnosis into a map file, or starting a new map with one.

:func:`save_into` replaces the text of the map's top-level ``diagnosis:`` block, or appends a new
block after one blank line when there is none. Every other byte of the file stays as it was:
comments, key order, quoting, blank lines, line endings (CRLF files stay CRLF), a byte-order mark
and whether the file ends with a newline. Comments *inside* an old diagnosis block are replaced
with it. The block's extent is found from the text (the key at column 0 and the indented lines
after it), and the result is loaded again and compared with the original before it is returned,
so a layout this module does not understand is refused instead of damaged.

These functions work on text and return text; the caller writes it with
:func:`cjmap.writing.write_atomic`.
"""

from __future__ import annotations

import io
import re
from typing import Any, Optional

from cjmap.fivecs.rule import diagnose
from cjmap.json_schema import SCHEMA_ID
from cjmap.load import load_text, safe_yaml
from cjmap.model import Diagnosis
from cjmap.problems import Problem, Severity
from cjmap.starters.create import NewMapError, find_starter, starter_map_text

BLOCK_KEY = re.compile(r"""^(?:diagnosis|"diagnosis"|'diagnosis')[ \t]*:(?:[ \t]|\r?\n|$)""")
JOURNEY_KEY = re.compile(r"^journey[ \t]*:[ \t]*(?:#.*)?\r?\n?$")
# An answer is written in flow style, {applies: yes, note: ...}, when its line fits this width.
FLOW_WIDTH = 100


class SaveError(Exception):
    """The diagnosis cannot be written; ``problems`` holds the map's problems, if that is why."""

    def __init__(self, message: str, problems: Optional[list[Problem]] = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def _lines(text: str) -> list[str]:
    """Lines with their endings; only ``\\n`` ends a line, as in YAML files from any editor."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def newline_of(text: str) -> str:
    """The file's line ending: CRLF when most lines end that way."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def indent_of(text: str) -> int:
    """The file's mapping indent, read under ``journey:`` (2 when it cannot be told)."""
    lines = _lines(text)
    for number, line in enumerate(lines):
        if JOURNEY_KEY.match(line):
            for child in lines[number + 1:]:
                stripped = child.strip()
                if stripped and not stripped.startswith("#"):
                    width = len(child) - len(child.lstrip(" "))
                    return width if 1 <= width <= 8 and not stripped.startswith("-") else 2
    return 2


def diagnosis_block(diagnosis: Diagnosis, indent: int = 2, newline: str = "\n") -> str:
    """The ``diagnosis:`` block as YAML text, ending with a newline."""
    answers = {name: answer for name, answer in _answers(diagnosis).items() if answer is not None}
    quoted = {name for name, answer in answers.items()
              if answer.note is not None and not _plain_is_safe(answer.note)}
    text = _dump(diagnosis, indent, set(answers), quoted)
    too_long = {name for name in answers
                if any(line.lstrip().startswith(f"{name}: {{") and len(line) > FLOW_WIDTH
                       for line in text.splitlines())}
    if too_long:
        text = _dump(diagnosis, indent, set(answers) - too_long, quoted)
    return text.replace("\n", newline)


def _plain_is_safe(note: str) -> bool:
    """Whether ruamel's own choice of style reads back as the same note.

    It does not always: ``:0`` comes out plain inside ``{...}``, where it does not parse, and
    a NEL character (U+0085) inside single quotes reads back as a space. Such notes are written
    double-quoted, where every character has an escape.
    """
    from ruamel.yaml.error import YAMLError

    flow = Diagnosis.model_validate({"answers": {"costly": {"applies": "yes", "note": note}}})
    text = _dump(flow, 2, {"costly"}, set()) + _dump(flow, 2, set(), set()).replace(
        "diagnosis:", "block:", 1)
    try:
        data = safe_yaml().load(text)
    except YAMLError:
        return False
    return all(data[key]["answers"]["costly"].get("note") == note
               for key in ("diagnosis", "block"))


def _answers(diagnosis: Diagnosis) -> dict[str, Any]:
    return {name: getattr(diagnosis.answers, name)
            for name in type(diagnosis.answers).model_fields}


def _dump(diagnosis: Diagnosis, indent: int, flow: set[str], quoted: set[str]) -> str:
    """The block through ruamel; answers in ``flow`` as {...}, notes in ``quoted`` in "..."."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    answers = CommentedMap()
    for name, answer in _answers(diagnosis).items():
        if answer is None:
            continue
        answers[name] = CommentedMap(answer.model_dump(exclude_none=True))
        if name in quoted:
            answers[name]["note"] = DoubleQuotedScalarString(answer.note)
        if name in flow:
            answers[name].fa.set_flow_style()
    block = CommentedMap()
    for key, value in (("date", diagnosis.date), ("answers", answers),
                       ("decision", diagnosis.decision), ("threshold", diagnosis.threshold)):
        if value is not None:
            block[key] = value
    yaml = YAML(typ="rt")
    yaml.width = 4096  # a note stays on its line rather than being folded
    yaml.indent(mapping=indent, sequence=indent + 2, offset=indent)
    stream = io.StringIO()
    yaml.dump({"diagnosis": block}, stream)
    return stream.getvalue()


def block_span(text: str) -> Optional[tuple[int, int]]:
    """Line indexes [start, end) of the top-level ``diagnosis:`` block, or None if absent.

    The block runs from its key to its last indented line; comment lines at column 0 after that
    belong to whatever follows, and stay.
    """
    lines = _lines(text)
    starts = [number for number, line in enumerate(lines) if BLOCK_KEY.match(line)]
    if len(starts) != 1:
        if len(starts) > 1:
            raise SaveError("the map has more than one line starting `diagnosis:`; "
                            "keep one and save again")
        return None
    start = last = starts[0]
    for number in range(start + 1, len(lines)):
        stripped = lines[number].strip()
        if not stripped or (stripped.startswith("#") and not lines[number][0].isspace()):
            continue
        if not lines[number][0].isspace():
            break
        last = number
    return start, last + 1


def save_into(text: str, diagnosis: Diagnosis, name: str = "<map>") -> str:
    """The map's text with ``diagnosis`` written into it; raises :class:`SaveError`."""
    return _save(text, diagnosis, name)[0]


def check_map(text: str, name: str = "<map>", trial: bool = True) -> Optional[Diagnosis]:
    """Raise :class:`SaveError` unless a diagnosis can be saved into this map; else its stored one.

    Run before the questions are asked, so that a map that cannot take the answers is refused
    before anyone spends time on them. It tries a real save of an all-unsure diagnosis; with
    ``trial=False`` (the answers are given, and the real save follows at once, with the same
    checks) it only reads the stored diagnosis.
    """
    if not trial:
        original = _loaded(text, name)
        return original.journey.diagnosis if original.journey is not None else None
    original = _save(text, diagnose({}).to_diagnosis(None), name)[1]
    return original.journey.diagnosis if original.journey is not None else None


def _save(text: str, diagnosis: Diagnosis, name: str) -> tuple[str, Any]:
    """The new text, and the original as loaded."""
    original = _loaded(text, name)
    if not isinstance(original.data, dict):
        raise SaveError(f"{name} is not a map: fix it first (`cjmap validate {name}`)",
                        _errors(original))
    block = diagnosis_block(diagnosis, indent_of(text), newline_of(text))
    span = block_span(text) if "diagnosis" in original.data else None
    if "diagnosis" in original.data and span is None:
        raise SaveError(f"cannot find the `diagnosis:` block of {name} at the start of a line; "
                        "move it there (or delete it) and save again")
    result = _splice(text, block, span)
    _check(original, result, diagnosis, name)
    return result, original


def _splice(text: str, block: str, span: Optional[tuple[int, int]]) -> str:
    """Replace lines ``span`` with ``block``, or append it after one blank line."""
    lines = _lines(text)
    if span is None:
        return _append(lines, block, newline_of(text))
    start, end = span
    replaced = "".join(lines[start:end])
    if not replaced.endswith("\n"):
        block = block.rstrip("\r\n")
    return "".join(lines[:start]) + block + "".join(lines[end:])


def _append(lines: list[str], block: str, newline: str) -> str:
    """The block after the last line (and one blank line), but before a closing ``...``."""
    end = _document_end(lines)
    if end is not None:
        before, after = lines[:end], lines[end:]
        separator = newline if before and before[-1].strip() else ""
        return "".join(before) + separator + block + "".join(after)
    if not lines:
        return block
    ends_with_newline = lines[-1].endswith("\n")
    head = "".join(lines) + ("" if ends_with_newline else newline)
    separator = "" if not lines[-1].strip() else newline
    return head + separator + (block if ends_with_newline else block.rstrip("\r\n"))


def _document_end(lines: list[str]) -> Optional[int]:
    """The index of a final ``...`` (document end) line, followed only by blanks and comments."""
    for number in range(len(lines) - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped == "..." or stripped.startswith("... #"):
            return number
        if stripped and not stripped.startswith("#"):
            return None
    return None


_last_loaded: dict[tuple[str, str], Any] = {}


def _loaded(text: str, name: str) -> Any:
    """The map loaded from ``text``; the last one is kept, since a save loads the original
    that the check before it loaded (a big map takes seconds to load)."""
    key = (text, name)
    loaded = _last_loaded.get(key)
    if loaded is None:
        loaded = load_text(text.encode("utf-8"), name)
        _last_loaded.clear()
        _last_loaded[key] = loaded
    return loaded


def _errors(loaded: Any) -> list[Problem]:
    return [problem for problem in loaded.problems if problem.severity is Severity.ERROR]


def _check(original: Any, result: str, diagnosis: Diagnosis, name: str) -> None:
    """The new text is a valid map that differs from the original only in its diagnosis."""
    saved = _loaded(result, name)
    if _errors(saved) or saved.journey is None:
        if _errors(original):
            raise SaveError(f"{name} is not a valid map: fix it first (`cjmap validate {name}`)",
                            _errors(original))
        raise SaveError(f"cannot add the diagnosis block to {name} without touching the rest "
                        "of the file (an unusual layout?); add it by hand")
    before = {key: value for key, value in original.data.items() if key != "diagnosis"}
    after = {key: value for key, value in saved.data.items() if key != "diagnosis"}
    order = [key for key in original.data if key != "diagnosis"]
    if (before != after or [key for key in saved.data if key != "diagnosis"] != order
            or saved.journey.diagnosis != diagnosis):
        raise SaveError(f"cannot replace the diagnosis block of {name} without touching the "
                        "rest of the file (an unusual layout?); edit the block by hand")


def diagnosed_map_text(title: str, customer: str, diagnosis: Diagnosis,
                       schema: Optional[str] = None, starter: str = "blank") -> str:
    """A new, valid map: one of ``cjmap new``'s starters (the blank one by default) with this
    title and customer, and the diagnosis block after it.

    ``schema`` is the ``$schema=`` reference for editors (see
    :func:`cjmap.json_schema.schema_reference`); by default the schema file beside the map.
    """
    try:
        text = starter_map_text(find_starter(starter), {"title": title, "customer": customer},
                                schema or SCHEMA_ID)
    except NewMapError as error:
        raise SaveError(str(error), []) from None
    return save_into(text, diagnosis, "<new map>")
