"""The jinja2 environments that report templates run in, and their errors as plain messages.

Templates ship inside the package as ``cjmap.templates`` (the top-level ``templates/`` folder of
the repository) and are loaded with :mod:`importlib.resources`, so an installed wheel, an
editable install and a zip import all find them. They are named with the prefix ``cjmap/``:
``cjmap/report-influencer.md.j2``. A user's own template (``--template FILE``) is loaded from its
folder, so it can include its neighbours and also extend or include the packaged ones.

Markdown templates escape every ``{{ value }}`` as Markdown (:func:`cjmap.report.escape.finalize`);
the HTML page template uses jinja2's HTML autoescaping. Both use :class:`~jinja2.StrictUndefined`,
so a misspelt variable is an error rather than an empty gap in a board paper, and both run in
jinja2's sandbox, because a template is often someone else's file.

The sandbox is bounded too (:class:`BoundedSandbox`): a render may take at most
``TEMPLATE_SECONDS`` and write at most ``TEMPLATE_OUTPUT`` characters; ``**`` and ``*`` refuse
results past ``MAX_NUMBER_BITS`` bits or ``TEMPLATE_OUTPUT`` items; ``range`` checks the clock
at every step, so nested loops cannot run for ever; recursion (a macro calling itself, a
template including itself) is an error; and a user template's ``include`` or ``extends`` cannot
leave its folder, through ``..`` or a symbolic link.
"""

from __future__ import annotations

import os
import time
import traceback
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterator, Optional

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError, safe_range

from cjmap.report.escape import finalize
from cjmap.report.filters import FILTERS

PACKAGE = "cjmap.templates"
PREFIX = "cjmap"
# Errors a template can cause while rendering, besides jinja2's own.
_RENDER_ERRORS = (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError,
                  IndexError, ArithmeticError, MemoryError)
# Bounds on one render: far above the packaged reports (a few milliseconds, some kilobytes).
TEMPLATE_SECONDS = 10.0
TEMPLATE_OUTPUT = 10_000_000  # characters
MAX_NUMBER_BITS = 4096  # about 1,200 digits


class TemplateLimit(Exception):
    """A template went past a bound (time, output size, a huge number or string)."""


class BoundedSandbox(SandboxedEnvironment):
    """jinja2's sandbox with bounds on time, sizes and numbers (see the module docstring)."""

    intercepted_binops = frozenset(["**", "*", "+"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = float("inf")
        self.globals["range"] = self.bounded_range

    def start_clock(self) -> None:
        self.deadline = time.monotonic() + TEMPLATE_SECONDS

    def check_clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"the template ran for more than {TEMPLATE_SECONDS:g} seconds "
                                "(a loop that never ends?)")

    def bounded_range(self, *args: int) -> Iterator[int]:
        for number in safe_range(*args):
            self.check_clock()
            yield number

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.check_clock()
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.check_clock()
        return super().call(__context, __obj, *args, **kwargs)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
    if operator == "**" and numbers and abs(left) > 1:
        if right > MAX_NUMBER_BITS or abs(left).bit_length() * max(right, 0) > MAX_NUMBER_BITS:
            raise TemplateLimit(f"{left} ** {right} is too large a number for a report")
    elif operator == "*" and numbers:
        if abs(left).bit_length() + abs(right).bit_length() > MAX_NUMBER_BITS:
            raise TemplateLimit("the product is too large a number for a report")
    elif operator == "*":
        sized, count = (left, right) if isinstance(right, int) else (right, left)
        if isinstance(count, int) and hasattr(sized, "__len__") and \
                len(sized) * max(count, 0) > TEMPLATE_OUTPUT:
            raise TemplateLimit(f"repeating that {count:,} times is too long for a report")
    elif operator == "+" and hasattr(left, "__len__") and hasattr(right, "__len__"):
        if len(left) + len(right) > TEMPLATE_OUTPUT:
            raise TemplateLimit("joining those is too long for a report")


class FolderLoader(jinja2.FileSystemLoader):
    """A user template's folder: a name that resolves outside it (``..``, or a symbolic link
    to /etc/passwd) is not found."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        if not any(_inside(real, os.path.realpath(folder)) for folder in self.searchpath):
            raise jinja2.TemplateNotFound(
                f"{template} (it resolves outside the template's folder, which is not allowed)")
        return source, filename, uptodate


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


class TemplateError(Exception):
    """A template that cannot be used; the message names the file and, if known, the line."""


class PackagedLoader(jinja2.BaseLoader):
    """Templates from the ``cjmap.templates`` package, read through importlib.resources."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Any]:
        resource: Any = files(PACKAGE)
        for part in template.split("/"):
            if part in ("", ".", ".."):
                raise jinja2.TemplateNotFound(template)
            resource = resource.joinpath(part)
        if not resource.is_file():
            raise jinja2.TemplateNotFound(template)
        return resource.read_text(encoding="utf-8"), f"{PREFIX}/{template}", lambda: True

    def list_templates(self) -> list[str]:
        return sorted(_walk(files(PACKAGE), ""))


def _walk(folder: Any, prefix: str) -> Iterator[str]:
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.name.startswith(("_", ".")):
            yield from _walk(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith((".j2", ".css")):
            yield prefix + entry.name


def _loader(search: Optional[Path]) -> jinja2.BaseLoader:
    packaged = jinja2.PrefixLoader({PREFIX: PackagedLoader()})
    if search is None:
        return packaged
    return jinja2.ChoiceLoader([packaged, FolderLoader(str(search))])


def markdown_environment(search: Optional[Path] = None) -> jinja2.Environment:
    """The environment for Markdown templates; ``search`` is a user template's folder.

    The packaged-only environment is made once per process, so its compiled templates are
    reused (compiling them is most of the cost of a small report).
    """
    return _packaged_markdown() if search is None else _markdown(search)


@lru_cache(maxsize=1)
def _packaged_markdown() -> jinja2.Environment:
    return _markdown(None)


class QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """jinja2's cache of compiled templates in a private folder (made by jinja2, mode 0700,
    in the temporary folder), so that a run does not compile the report templates again; an
    entry is used only for the same template source. A cache that cannot be read or written is
    passed over: the template is compiled as without one."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache(kind: str) -> Optional[jinja2.BytecodeCache]:
    """A cache of compiled templates for one kind of environment (each compiles differently),
    or None when there is no private folder for one."""
    from cjmap import __version__

    if os.environ.get("CJMAP_NO_TEMPLATE_CACHE"):
        return None
    try:
        return QuietBytecodeCache(
            pattern=f"cjmap-{__version__}-jinja2-{jinja2.__version__}-{kind}-%s.cache")
    except (OSError, RuntimeError):
        return None


def _markdown(search: Optional[Path]) -> jinja2.Environment:
    environment = BoundedSandbox(
        loader=_loader(search), undefined=jinja2.StrictUndefined, finalize=finalize,
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache("markdown"),
    )
    environment.filters.update(FILTERS)
    return environment


@lru_cache(maxsize=1)
def html_environment() -> jinja2.Environment:
    """The environment for the HTML page around a report (HTML autoescaping on)."""
    return BoundedSandbox(
        loader=_loader(None), undefined=jinja2.StrictUndefined, autoescape=True,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache("html"),
    )


def packaged_text(name: str) -> str:
    """A packaged file's text, such as ``report.css``."""
    return files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


def load(environment: jinja2.Environment, name: str) -> jinja2.Template:
    """The template called ``name``, or a TemplateError saying why it cannot be used."""
    try:
        return environment.get_template(name)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(_syntax_message(error)) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"template not found: {error.name}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(f"cannot read template {name}: {error}") from None


def render(template: jinja2.Template, variables: dict[str, Any]) -> str:
    """Render, turning any error the template causes into a TemplateError with its line."""
    try:
        return _bounded_render(template, variables)
    except TemplateLimit as error:
        raise TemplateError(f"{_where(error, template)}{error}") from None
    except RecursionError as error:
        raise TemplateError(f"{_where(error, template)}the template calls or includes itself "
                            "without end") from None
    except SecurityError as error:
        raise TemplateError(f"{_where(error, template)}not allowed in a template: "
                            f"{error}") from None
    except jinja2.TemplateSyntaxError as error:  # an included template
        raise TemplateError(_syntax_message(error)) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"{_where(error, template)}template not found: {error.name}") from None
    except _RENDER_ERRORS as error:
        raise TemplateError(f"{_where(error, template)}{_describe(error)}") from None


def _bounded_render(template: jinja2.Template, variables: dict[str, Any]) -> str:
    """The template's output, streamed so that its size and time are checked as it grows."""
    environment = template.environment
    sandbox = environment if isinstance(environment, BoundedSandbox) else None
    if sandbox is not None:
        sandbox.start_clock()
    parts: list[str] = []
    size = 0
    for part in template.generate(variables):
        size += len(part)
        if size > TEMPLATE_OUTPUT:
            raise TemplateLimit(f"the report would be longer than {TEMPLATE_OUTPUT:,} characters")
        if sandbox is not None:
            sandbox.check_clock()
        parts.append(part)
    return "".join(parts)


def _syntax_message(error: jinja2.TemplateSyntaxError) -> str:
    name = error.filename or error.name or "template"
    return f"{name}:{error.lineno}: template syntax error: {error.message}"


def _where(error: BaseException, template: jinja2.Template) -> str:
    """``file:line: `` of the innermost template frame of the error, if any."""
    template_files = {template.filename} | _known_files(template.environment)
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if frame.filename in template_files]
    if not frames:
        return f"{template.filename or template.name}: "
    return f"{frames[-1].filename}:{frames[-1].lineno}: "


def _known_files(environment: jinja2.Environment) -> set[str]:
    cache = getattr(environment, "cache", None) or {}
    return {entry.filename for entry in cache.values() if getattr(entry, "filename", None)}


def _describe(error: BaseException) -> str:
    if isinstance(error, jinja2.UndefinedError):
        return f"{error.message} (see docs/report.md for the variables a template receives)"
    if isinstance(error, jinja2.TemplateError):
        return error.message or type(error).__name__
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:200]}"
