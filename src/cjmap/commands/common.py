"""What every command shares: exit codes, the error console, date options, loading a valid map
(or printing its problems and failing), and writing output (or failing with a clear message).

A map is refused when ``cjmap validate`` would call it invalid: commands match steps and actions
by id, so a duplicate id must not get through.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterable, NoReturn, Optional

import typer

from cjmap.dates import parse_iso_date
from cjmap.load import load_file
from cjmap.model import JourneyMap
from cjmap.safe_text import terminal
from cjmap.validate import MapError, valid_journey
from cjmap.writing import WriteRefused, refuse_inputs, write_atomic

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_ERROR = 2
EXIT_NO_GO = 3
EXIT_CANCELLED = 130  # as a shell reports a command stopped by Ctrl-C


def error_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """Print ``cjmap: error: message`` to stderr and exit with ``code``."""
    from rich.markup import escape

    error_console().print(f"[bold red]cjmap: error:[/] {escape(terminal(message))}")
    raise typer.Exit(code)


def emit(output: str, style_line: Optional[Callable[[str], Any]] = None) -> None:
    """Write a command's output to stdout; on a terminal, print each line through
    ``style_line`` (which returns rich markup or a rich Text). Pipes and files get plain text."""
    if style_line is None or not sys.stdout.isatty():
        sys.stdout.write(output)
        return
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    for line in output.splitlines():
        console.print(style_line(line))


def parse_today(value: Optional[str]) -> Optional[dt.date]:
    """Callback for ``--today``: an ISO date or a financial quarter (its last day)."""
    if value is None:
        return None

    try:
        return parse_iso_date(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def today_or_now(value: Optional[str]) -> dt.date:
    return parse_today(value) or dt.date.today()


def choices(name: str, values: Iterable[str]) -> type[Enum]:
    """A ``str`` Enum of ``values`` for a typer option, so that a command's choices come from the
    model's types and the tables (formatters, themes, statuses), never from a copy.

    Commands name it under ``if TYPE_CHECKING: X = str``: a member is a ``str`` equal to its
    value, which is all a command needs, and mypy cannot follow a functional Enum.
    """
    return Enum(name, [(value.replace("-", "_"), value) for value in values], type=str)  # type: ignore[return-value]


def choice_value(value: str) -> str:
    """The plain string of a choice (an Enum member from :func:`choices`)."""
    return str(getattr(value, "value", value))


TODAY_HELP = "Date to check due dates against (ISO date, or a quarter such as 2025/26 Q4)."


def load_or_fail(path: Path) -> JourneyMap:
    """A valid JourneyMap, or print the file's problems and exit 1 (2 if unreadable)."""
    return load_valid(path)


def require_valid(loaded: Any, hint: bool = True) -> Any:
    """The JourneyMap of ``loaded`` (a :class:`cjmap.load.Loaded`), or print its problems and
    exit 1 (2 when the file could not be read)."""
    from rich.markup import escape

    try:
        return valid_journey(loaded)
    except MapError as error:
        console = error_console()
        for problem in error.problems:
            console.print(escape(terminal(str(problem))))
        unreadable = any(problem.rule == "io" for problem in error.problems)
    advice = f"; run `cjmap validate {loaded.path}`" if hint else ""
    fail(f"{loaded.path} is not a valid map{advice}", EXIT_ERROR if unreadable else EXIT_INVALID)


def load_valid(path: Path) -> Any:
    """The JourneyMap in ``path``, or print its problems and exit 1 (2 if unreadable)."""
    return require_valid(load_file(path))


def write_output(text: str | bytes, path: Optional[Path], inputs: Iterable[Any] = ()) -> None:
    """Write ``text`` to ``path`` atomically, or to stdout when ``path`` is None; exit 2 when
    the file cannot be written, or would replace one of ``inputs`` (the command's own files)."""
    if path is None:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.flush()
        else:
            sys.stdout.write(text)
        return
    try:
        write_atomic(path, text, inputs=inputs)
    except WriteRefused as error:
        fail(f"cannot write: {error}", EXIT_ERROR)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}", EXIT_ERROR)


def refuse_inputs_or_fail(target: Optional[Path], inputs: Iterable[Any]) -> None:
    """Exit 2 before any work when ``target`` is one of the command's input files."""
    if target is None:
        return
    try:
        refuse_inputs(target, inputs)
    except WriteRefused as error:
        fail(f"cannot write: {error}")


def check_jobs(jobs: Optional[int]) -> Optional[int]:
    """Callback for ``--jobs``: at least 1 (the cap is applied where the files are known)."""
    if jobs is not None and jobs < 1:
        raise typer.BadParameter(f"{jobs} is not a number of processes: give 1 or more")
    return jobs
