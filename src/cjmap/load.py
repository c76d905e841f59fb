"""Reading a map file: bytes -> YAML data -> :class:`~cjmap.model.JourneyMap`, or problems.

Validation is built for CI over many files, so the common case is fast: the text is parsed once
with ruamel.yaml's C-backed safe loader and validated by pydantic. The slower round-trip parse,
which knows every line and column, runs only when there is a problem to point at.

Every failure a user can cause (bad bytes, bad YAML, a duplicate key, an alias bomb, a wrong
version, a wrong shape) comes back as a :class:`~cjmap.problems.Problem`, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from cjmap.model import SUPPORTED_VERSIONS, JourneyMap, parse_map
from cjmap.model_errors import problems_from_validation
from cjmap.problems import Finding, Problem, Severity, locate, locate_in_text
from cjmap.yaml_hints import explain as explain_yaml_error

# An anchored node may be repeated by aliases; past this many nodes in the expanded document the
# file is refused. The largest real maps have a few thousand nodes.
MAX_EXPANDED_NODES = 100_000
# Deeper than this is refused before parsing. A map nests about 6 levels (steps > step > feedback
# > ...); a hundred leaves room for any hand-written file and stays far below the depth at which
# the recursive composers fail.
MAX_DEPTH = 100


@dataclass
class Loaded:
    """The outcome of loading one file. ``journey`` is None when the file is invalid."""

    path: str
    text: str = ""
    data: Any = None
    journey: Optional[JourneyMap] = None
    problems: list[Problem] = field(default_factory=list)
    _document: Any = None

    @property
    def document(self) -> Any:
        """The round-trip parse (with positions and comments), made on first use."""
        if self._document is None:
            try:
                self._document = round_trip_yaml().load(self.text)
            except (RecursionError, YAMLError):
                # The fast parse accepted what the pure-Python one cannot (nesting deeper than
                # Python's recursion limit): point at the top rather than fail.
                self._document = {}
        return self._document

    def problem_at(self, finding: Finding, severity: Severity, rule: str) -> Problem:
        """Turn a located finding into a problem of this file."""
        if finding.offset is None:
            line, column = locate(self.document, finding.loc, finding.anchor)
        else:
            line, column = locate_in_text(self.document, self.text, finding.loc, finding.offset)
        return Problem(self.path, line, column, severity, rule, finding.message)

    def add(self, line: int, column: int, rule: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, column, Severity.ERROR, rule, message))


_fast_loader: Any = None


def fast_loader() -> Any:
    """One safe loader for the whole process: ``load_text`` runs once per map file, and making a
    loader costs about 6% of parsing a typical map. Used for whole ``load`` calls only, which
    leave it clean; an event scan that may stop early takes a fresh :func:`safe_yaml`."""
    global _fast_loader
    if _fast_loader is None:
        _fast_loader = safe_yaml()
    return _fast_loader


def safe_yaml() -> Any:
    yaml = YAML(typ="safe", pure=False)
    yaml.allow_duplicate_keys = False
    return yaml


def round_trip_yaml() -> Any:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def decode(raw: bytes, loaded: Loaded) -> Optional[str]:
    """UTF-8 text (a BOM is allowed), or None with an ``encoding`` problem at the bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        loaded.add(line, column, "encoding",
                   f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8")
        return None
    return text.replace("\r\n", "\n")


def _alias_bomb_at(text: str) -> Optional[tuple[int, int, int]]:
    """Position of the alias that makes the expanded document too big, and its size, or None.

    Counts nodes as the events stream by, so memory stays bounded whatever the file does.
    """
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = [[0, None]]
    total = 0
    try:
        events = safe_yaml().parse(text)
        for event in events:
            kind = type(event).__name__
            if kind in ("MappingStartEvent", "SequenceStartEvent"):
                stack.append([1, event.anchor])
                continue
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                size, anchor = stack.pop()
            elif kind == "ScalarEvent":
                size, anchor = 1, event.anchor
            elif kind == "AliasEvent":
                size, anchor = sizes.get(event.anchor, 1), None
                total += size
                if total > MAX_EXPANDED_NODES:
                    mark = event.start_mark
                    return mark.line + 1, mark.column + 1, total
            else:
                continue
            if anchor:
                sizes[anchor] = size
            stack[-1][0] += size
            if stack[-1][0] > MAX_EXPANDED_NODES:
                return 1, 1, stack[-1][0]
    except Exception:  # noqa: BLE001 - a syntax error here is reported by the real parse
        return None
    return None


def _depth_bound(text: str) -> int:
    """A cheap upper bound on how deeply ``text`` can nest: the widest run of indentation and
    dashes that starts a line (each block level needs a column), plus the deepest run of open
    brackets (counted without regard to quotes, so it may overestimate but never under)."""
    widest = max((len(line) - len(line.lstrip(" -?:")) for line in text.split("\n")), default=0)
    deepest = depth = 0
    for bracket in _BRACKETS.sub("", text):
        depth = depth + 1 if bracket in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return widest + deepest + 1


_BRACKETS = re.compile(r"[^\[\]{}]+")


def _too_deep_at(text: str) -> Optional[tuple[int, int]]:
    """Where the document first nests deeper than MAX_DEPTH, or None.

    libyaml's event parser keeps its own stack (it does not recurse), so it can walk any depth;
    the composers after it recurse, and crash or exhaust Python's stack past a few thousand
    levels. The event walk runs only when the cheap bound says the file might be that deep.
    """
    if _depth_bound(text) <= MAX_DEPTH:
        return None
    depth = 0
    try:
        for event in safe_yaml().parse(text):
            kind = type(event).__name__
            if kind in ("MappingStartEvent", "SequenceStartEvent"):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                depth -= 1
    except YAMLError:
        return None  # reported by the real parse
    return None


def parse_yaml(text: str, loaded: Loaded) -> Any:
    """YAML data from text, or None with a ``syntax``, ``duplicate-key`` or ``alias-limit`` problem."""
    deep = _too_deep_at(text)
    if deep is not None:
        loaded.add(deep[0], deep[1], "nesting-limit",
                   f"the file nests too deeply: lists and mappings more than {MAX_DEPTH} levels deep here; "
                   "a map needs fewer than 10: check the brackets and the indentation")
        return None
    if "&" in text and "*" in text:
        bomb = _alias_bomb_at(text)
        if bomb is not None:
            line, column, size = bomb
            loaded.add(line, column, "alias-limit",
                       f"aliases expand this file past {MAX_EXPANDED_NODES:,} nodes "
                       "(an alias bomb?); write the values out instead")
            return None
    try:
        return fast_loader().load(text)
    except DuplicateKeyError as error:
        mark = error.problem_mark
        key = _key_named_in(error)
        loaded.add(mark.line + 1, mark.column + 1, "duplicate-key",
                   f"duplicate key {key}: the earlier value would be lost; keep one")
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        loaded.add(line, column, "syntax", explain_yaml_error(error, text))
    except YAMLError as error:
        loaded.add(1, 1, "syntax", f"YAML syntax error: {str(error).strip()}")
    except RecursionError:
        loaded.add(1, 1, "syntax", "YAML syntax error: the file nests too deeply")
    return None


def _key_named_in(error: Any) -> str:
    """The key from ruamel's message ``found duplicate key "title" with value ...``."""
    match = re.search(r'duplicate key ("[^"]*"|\S+)', str(getattr(error, "problem", "") or ""))
    return match.group(1) if match else "(unnamed)"


def check_shape(data: Any, loaded: Loaded) -> bool:
    """The top level is a mapping with a supported ``cjmap:`` version."""
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__} value"
        loaded.add(1, 1, "not-a-mapping",
                   f"a map file must be a YAML mapping (keys such as cjmap:, journey:, steps:), "
                   f"not {kind}")
        return False
    version = data.get("cjmap")
    if "cjmap" not in data:
        line, column = locate(loaded.document, (), "parent")
        loaded.add(line, column, "version", "missing `cjmap: 1` (the format version) at the top")
        return False
    if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        line, column = locate(loaded.document, ("cjmap",), "value")
        supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
        loaded.add(line, column, "version",
                   f"unsupported format version {version!r}: this cjmap reads version {supported}")
        return False
    return True


def load_text(text_or_bytes: bytes | str, path: str = "<string>") -> Loaded:
    """Load a map from bytes or text; never raises for bad input."""
    loaded = Loaded(path=path)
    if isinstance(text_or_bytes, bytes):
        text = decode(text_or_bytes, loaded)
        if text is None:
            return loaded
    else:
        text = text_or_bytes
    loaded.text = text
    if not _has_content(text):
        loaded.add(1, 1, "empty", "the file is empty: a map needs cjmap:, journey: and steps:")
        return loaded
    data = parse_yaml(text, loaded)
    if loaded.problems or not check_shape(data, loaded):
        return loaded
    loaded.data = data
    validate_model(loaded)
    return loaded


def _has_content(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return True
    return False


def validate_model(loaded: Loaded) -> None:
    """Validate the data with pydantic; each error becomes a located problem."""
    try:
        loaded.journey = parse_map(loaded.data)
    except ValidationError as error:
        loaded.problems.extend(problems_from_validation(error, loaded))


def load_file(path: str | Path) -> Loaded:
    """Load a map file from disk. An unreadable file is an ``io`` problem."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        loaded = Loaded(path=name)
        loaded.add(1, 1, "io", f"cannot read the file: {error.strerror or error}")
        return loaded
    return load_text(raw, name)
