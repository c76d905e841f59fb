"""Reading a map file: bytes -> YAML data -> :class:`~cjmap.model.JourneyMap`, or problems.

Validation is built for CI over many files, so the common case is fast: the text is parsed once
with ruamel.yaml's C-backed safe loader and validated by pydantic. The slower round-trip parse,
which knows every line and column, runs only when there is a problem to point at.

Every failure a user can cause (bad bytes, bad YAML, a duplicate key, an alias bomb, a wrong
version, a wrong shape) comes back as a :class:`~cjmap.problems.Problem`, never an exception.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import (
    ConstructorError,
    DuplicateKeyError,
    RoundTripConstructor,
    SafeConstructor,
)
from ruamel.yaml.error import MarkedYAMLError, StreamMark, YAMLError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import _DEFAULT_YAML_VERSION
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from ruamel.yaml.main import CParser  # None when ruamel's C extension is missing

from cjmap.model import SUPPORTED_VERSIONS, JourneyMap, parse_map
from cjmap.model_errors import problems_from_validation
from cjmap.problems import Finding, Problem, Severity, locate, locate_in_text
from cjmap.writing import WriteRefused, read_limited
from cjmap.yaml_hints import explain as explain_yaml_error

# An anchored node may be repeated by aliases; past this many nodes in the expanded document the
# file is refused. The largest real maps have a few thousand nodes.
MAX_EXPANDED_NODES = 100_000
# Deeper than this is refused before parsing. A map nests about 6 levels (steps > step > feedback
# > ...); a hundred leaves room for any hand-written file and stays far below the depth at which
# the recursive composers fail.
MAX_DEPTH = 100
# A map file larger than this is refused unread (``max_file_size`` in .cjmap.yaml changes it for
# ``cjmap validate``). The largest real maps are a few hundred kilobytes; the limit only stops a
# device such as /dev/zero, or a wrong file, from filling the memory.
MAX_FILE_SIZE = 16 * 1024 * 1024
# Texts this long (about 500 steps) load with the garbage collector paused (see gc_paused).
GC_PAUSE_FROM = 256 * 1024


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
        """The file's data with the line and column of every key, value and list item (as
        ruamel's round-trip parse gives them), made on first use: what a problem points into."""
        if self._document is None:
            self._document = positioned_document(self.text)
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


class ValueProblem(ConstructorError):
    """A scalar or key that YAML's constructors cannot turn into a value (a date-shaped scalar
    that is no date, an integer past Python's digit limit, a list used as a key), at its place."""


def _value_problem(error: Exception, node: Any) -> ValueProblem:
    value = getattr(node, "value", "")
    shown = value if isinstance(value, str) and len(value) <= 40 else None
    if isinstance(error, ValueError) and "digits" in str(error):
        text = "a number with more than 4,300 digits cannot be read; quote it if it is text"
    elif node.tag.endswith(":timestamp"):
        text = (f"`{shown}` looks like a date but is not a real one ({error}); "
                "write a real date such as 2024-09-30, or quote it if it is text")
    else:
        text = f"this value cannot be read ({error}); quote it if it is text"
    return ValueProblem(None, None, text, node.start_mark)


class _GuardedConstructor:
    """Mixin: a constructor's ValueError or TypeError becomes a located :class:`ValueProblem`."""

    def construct_non_recursive_object(self, node: Any, tag: Optional[str] = None) -> Any:
        try:
            return super().construct_non_recursive_object(node, tag)  # type: ignore[misc]
        except (ValueError, TypeError, OverflowError) as error:
            raise _value_problem(error, node) from None

    def check_mapping_key(self, node: Any, key_node: Any, mapping: Any, key: Any,
                          value: Any) -> bool:
        try:
            if type(key) is not str:  # a str always hashes; most keys are one
                hash(key)
        except TypeError:
            raise ValueProblem(None, None, "a list or mapping is used as a key: a key must be "
                               "a plain name such as `title`", key_node.start_mark) from None
        return bool(super().check_mapping_key(node, key_node, mapping, key, value))  # type: ignore[misc]


class GuardedSafeConstructor(_GuardedConstructor, SafeConstructor):
    pass


class GuardedRoundTripConstructor(_GuardedConstructor, RoundTripConstructor):
    pass


class GuardedYAML(YAML):
    """ruamel's YAML with every failure a file can cause raised as a YAMLError: nesting past
    MAX_DEPTH (before parsing), a constructor's ValueError or TypeError (located), and the
    internal errors some odd but valid layouts trip (``overlap in comment``). Every reader of
    YAML in cjmap (maps, configuration, answers files, fmt) goes through it."""

    def load(self, stream: Any) -> Any:
        return self._guarded(super().load, stream)

    def load_checked(self, text: str) -> Any:
        """``load`` of text whose depth :func:`parse_yaml` has already checked."""
        return self._guarded(super().load, text, depth_checked=True)

    def get_constructor_parser(self, stream: Any) -> Any:
        """ruamel's C-backed loader, from a class built once per process: ruamel builds a new
        loader class on every load, which costs more than parsing a small map."""
        if (CParser is None or self.Parser is not CParser or self.Reader is not None
                or self.Scanner is not None or self.Constructor is None):
            return super().get_constructor_parser(stream)
        loader = _c_loader_class(self.Constructor, self.Resolver)(
            stream, self.version, self.allow_duplicate_keys)
        self._stream = stream
        self._scanner = loader
        return loader, loader

    def compose(self, stream: Any) -> Any:
        return self._guarded(super().compose, stream)

    def _guarded(self, method: Any, stream: Any, depth_checked: bool = False) -> Any:
        if isinstance(stream, str) and not depth_checked:
            deep = _too_deep_at(stream)
            if deep is not None:
                raise NestingError(None, None, nesting_message(),
                                   StreamMark("<text>", 0, deep[0] - 1, deep[1] - 1))
        try:
            return method(stream)
        except YAMLError:
            raise
        except RecursionError:
            raise YAMLError("the file nests too deeply") from None
        except (ValueError, TypeError, NotImplementedError, AssertionError, AttributeError,
                IndexError, KeyError) as error:
            raise YAMLError(f"this layout cannot be read ({type(error).__name__}: "
                            f"{str(error).splitlines()[0] if str(error) else ''})") from None


class NestingError(MarkedYAMLError):
    """Lists and mappings nested deeper than MAX_DEPTH."""


def nesting_message() -> str:
    return (f"the file nests too deeply: lists and mappings more than {MAX_DEPTH} levels deep "
            "here; a map needs fewer than 10: check the brackets and the indentation")


class CoreSchemaResolver(VersionedResolver):
    """ruamel's resolver for its C-backed safe loader, with the YAML version settled once.

    Under the C parser ruamel cannot see a ``%YAML`` directive, so every scalar resolves with
    the loader's version or the default, YAML 1.2 (the core schema: ``yes`` and ``no`` are
    strings). ruamel works that out again for every scalar, raising and catching an
    AttributeError each time (a sixth of a validate run); this gives the same answer directly,
    and shares the version's table of patterns between loads.
    """

    _tables: dict[Any, Any] = {}
    _shared_tags: dict[str, Tag] = {}

    @property
    def processing_version(self) -> Any:
        return self._loader_version or _DEFAULT_YAML_VERSION

    @property
    def versioned_resolver(self) -> Any:
        version = self.processing_version
        table = self._tables.get(version)
        if table is None:
            table = self._tables[version] = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
        return table

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """ruamel's ``resolve``, with the plain scalar (most of a map) taken first: the same
        patterns in the same order, looked up once."""
        if kind is ScalarNode and implicit[0] and not self.yaml_path_resolvers:
            for tag, regexp in self.versioned_resolver.get(value[0] if value else "", ()):
                if regexp.match(value):
                    # One Tag per tag, shared as ruamel shares DEFAULT_SCALAR_TAG: a Tag works
                    # out (and keeps) its text on first use.
                    found = self._shared_tags.get(tag)
                    if found is None:
                        found = self._shared_tags[tag] = Tag(suffix=tag)
                    return found
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


_loader_classes: dict[tuple[Any, Any], Any] = {}


def _c_loader_class(constructor: Any, resolver: Any) -> Any:
    """ruamel's loader class for the C parser (as ``YAML.get_constructor_parser`` builds it),
    made once per constructor and resolver."""
    key = (constructor, resolver)
    made = _loader_classes.get(key)
    if made is None:
        class CLoader(CParser, constructor, resolver):
            def __init__(self, stream: Any, version: Any, allow_duplicate_keys: bool) -> None:
                CParser.__init__(self, stream)
                self._parser = self._composer = self
                constructor.__init__(self, loader=self)
                self.allow_duplicate_keys = allow_duplicate_keys
                resolver.__init__(self, version=version, loadumper=self)

        made = _loader_classes[key] = CLoader
    return made


class PositionedConstructor(GuardedSafeConstructor):
    """The safe constructor with ruamel's round-trip containers: each mapping and list knows
    where it starts and where each of its keys, values and items starts (``.lc``), and whether
    it was written in flow style (``.fa``), taken from the same node marks the round-trip
    constructor reads. Under the C parser this costs about a safe load, where the round-trip
    parse (pure Python) costs some forty times that."""

    def construct_yaml_map(self, node: Any) -> Any:
        data = CommentedMap()
        data._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        yield data
        self.flatten_mapping(node)  # merge keys (``<<: *base``) point where the value is written
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            data._yaml_set_kv_line_col(key, [key_node.start_mark.line, key_node.start_mark.column,
                                             value_node.start_mark.line,
                                             value_node.start_mark.column])
            data[key] = self.construct_object(value_node)
        _set_collection_style(data, node)

    def construct_yaml_seq(self, node: Any) -> Any:
        data = CommentedSeq()
        data._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        yield data
        for index, child in enumerate(node.value):
            data.append(self.construct_object(child))
            data._yaml_set_idx_line_col(index, [child.start_mark.line, child.start_mark.column])
        _set_collection_style(data, node)


def _set_collection_style(data: Any, node: Any) -> None:
    """Flow or block style, as the round-trip constructor records it (not for an empty one)."""
    if len(data) and node.flow_style is True:
        data.fa.set_flow_style()
    elif len(data) and node.flow_style is False:
        data.fa.set_block_style()


PositionedConstructor.add_constructor("tag:yaml.org,2002:map",
                                      PositionedConstructor.construct_yaml_map)
PositionedConstructor.add_constructor("tag:yaml.org,2002:seq",
                                      PositionedConstructor.construct_yaml_seq)


_OTHER_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def positioned_document(text: str) -> Any:
    """``text`` (which has loaded cleanly) as data whose mappings and lists carry positions.

    The positions are the C parser's node marks, which agree with the round-trip parser's
    everywhere but at an empty value (``stage:`` with nothing after it): the C parser puts it
    right after its colon, on its key's line, where the round-trip parser puts it at whatever
    comes next (the next key, lines below after blank lines and comments, or past the end of
    the file). The round-trip parse serves without ruamel's C extension, and for a text with
    a character that libyaml counts as a line break and the round-trip parser and editors do
    not (U+0085, U+2028, U+2029, as text pasted from a word processor may hold)."""
    if CParser is not None and not _OTHER_LINE_BREAKS.search(text):
        yaml = GuardedYAML(typ="safe", pure=False)
        if yaml.Parser is CParser:
            yaml.Constructor = PositionedConstructor
            yaml.Resolver = CoreSchemaResolver
            try:
                return yaml.load_checked(text)
            except (RecursionError, YAMLError):
                pass
    try:
        return round_trip_yaml().load(text)
    except (RecursionError, YAMLError):
        # The fast parse accepted what the pure-Python one cannot (a comment layout the
        # round-trip parser cannot place, say): point at the top rather than fail.
        return {}


def value_position(text: str, keys: tuple[str, ...]) -> Optional[tuple[int, int]]:
    """1-based position of the value under the mapping ``keys`` from the top (``("journey",
    "title")``), as :func:`positioned_document` would place it, or None when it is not there.

    Only the parser's events are read, and only as far as the value: a journey's title, near
    the top, costs a few lines however long the map is. For a text that loaded cleanly."""
    if CParser is None or _OTHER_LINE_BREAKS.search(text):
        return None
    # One frame per open collection: [is a mapping, the next node is a key, the current key].
    frames: list[list[Any]] = []
    try:
        for event in safe_yaml().parse(text):
            kind = type(event).__name__
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                frames.pop()
                continue
            if kind not in ("ScalarEvent", "AliasEvent", "MappingStartEvent",
                            "SequenceStartEvent"):
                continue
            if frames and frames[-1][0] and frames[-1][1]:  # a key
                frames[-1][1:] = [False, event.value if kind == "ScalarEvent" else None]
            elif frames and frames[-1][0]:  # a value
                frames[-1][1] = True
                if len(frames) == len(keys) and all(
                        frame[0] and frame[2] == key for frame, key in zip(frames, keys)):
                    return event.start_mark.line + 1, event.start_mark.column + 1
            if kind == "MappingStartEvent":
                frames.append([True, True, None])
            elif kind == "SequenceStartEvent":
                frames.append([False, False, None])
    except YAMLError:
        return None
    return None


def safe_yaml() -> Any:
    yaml = GuardedYAML(typ="safe", pure=False)
    yaml.Constructor = GuardedSafeConstructor
    if CParser is not None and yaml.Parser is CParser:
        yaml.Resolver = CoreSchemaResolver
    yaml.allow_duplicate_keys = False
    return yaml


def round_trip_yaml() -> Any:
    yaml = GuardedYAML(typ="rt")
    yaml.Constructor = GuardedRoundTripConstructor
    yaml.allow_duplicate_keys = False
    return yaml


def yaml_error_place(error: YAMLError, text: str = "") -> tuple[int, int, str]:
    """1-based line and column of a YAML error in ``text``, and its message on one line."""
    if isinstance(error, ReaderError):
        return (*_position(error, text), f"the file holds a character YAML does not allow "
                f"({_codepoint(error.character)}); remove it")
    if isinstance(error, MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or error.context or "invalid YAML").strip()
        context = f" ({error.context.strip()})" if error.context and error.problem else ""
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return line, column, " ".join(f"{problem}{context}".split())
    return 1, 1, " ".join(str(error).split()) or "invalid YAML"


def _codepoint(character: Any) -> str:
    if isinstance(character, int):
        return f"U+{character:04X}"
    if isinstance(character, (str, bytes)) and character:
        return f"U+{ord(character):04X}"
    return "a control character"


def _position(error: ReaderError, text: str) -> tuple[int, int]:
    """Line and column of a reader error's position (ruamel gives only the index)."""
    index = max(0, int(error.position or 0))
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


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
    """YAML data from text, or None with a ``syntax``, ``duplicate-key``, ``nesting-limit``,
    ``alias-limit`` or ``invalid-value`` problem."""
    deep = _too_deep_at(text)
    if deep is not None:
        loaded.add(deep[0], deep[1], "nesting-limit", nesting_message())
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
        with gc_paused(len(text) >= GC_PAUSE_FROM):
            return fast_loader().load_checked(text)
    except DuplicateKeyError as error:
        mark = error.problem_mark
        key = _key_named_in(error)
        loaded.add(mark.line + 1, mark.column + 1, "duplicate-key",
                   f"duplicate key {key}: the earlier value would be lost; keep one")
    except ValueProblem as error:
        line, column, message = yaml_error_place(error, text)
        loaded.add(line, column, "invalid-value", message)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        loaded.add(line, column, "syntax", explain_yaml_error(error, text))
    except YAMLError as error:
        line, column, message = yaml_error_place(error, text)
        loaded.add(line, column, "syntax", f"YAML syntax error: {message}")
    finally:
        _reset_fast_loader_after_error()
    return None


@contextmanager
def gc_paused(pause: bool = True) -> Iterator[None]:
    """The garbage collector paused (when ``pause``) for one big burst of new objects, such as
    a big map's load: its passes over the growing heap would make the work grow faster than
    the size. Only around single big pieces of work, never a whole run of many files, whose
    memory the collector must keep in check."""
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _reset_fast_loader_after_error() -> None:
    """Drop the shared loader if a load stopped half-way: it may hold the broken document."""
    global _fast_loader
    import sys

    if sys.exc_info()[0] is not None:
        _fast_loader = None


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


def load_file(path: str | Path, max_size: int = MAX_FILE_SIZE) -> Loaded:
    """Load a map file from disk. An unreadable file (missing, a folder, a device or FIFO, or
    larger than ``max_size`` bytes) is an ``io`` problem."""
    name = str(path)
    try:
        raw = read_limited(path, max_size)
    except WriteRefused as error:
        loaded = Loaded(path=name)
        loaded.add(1, 1, "io", f"cannot read the file: {error}")
        return loaded
    except OSError as error:
        loaded = Loaded(path=name)
        loaded.add(1, 1, "io", f"cannot read the file: {error.strerror or error}")
        return loaded
    return load_text(raw, name)


def read_stdin(stream: Any, max_size: int = MAX_FILE_SIZE) -> bytes:
    """Standard input's bytes, at most ``max_size`` (ValueError past that)."""
    source = getattr(stream, "buffer", stream)
    data = source.read(max_size + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > max_size:
        raise ValueError(f"standard input is larger than {max_size:,} bytes, far more than any map")
    return bytes(data)
