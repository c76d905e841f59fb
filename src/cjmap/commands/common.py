"""What every command shares: exit codes, the error console, date options and map loading."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any, Callable, NoReturn, Optional

import typer

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_ERROR = 2
EXIT_NO_GO = 3


def error_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """Print ``cjmap: error: message`` to stderr and exit with ``code``."""
    from rich.markup import escape

    error_console().print(f"[bold red]cjmap: error:[/] {escape(message)}")
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
    from cjmap.dates import parse_iso_date

    try:
        return parse_iso_date(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def today_or_now(value: Optional[str]) -> dt.date:
    return parse_today(value) or dt.date.today()


TODAY_HELP = "Date to check due dates against (ISO date, or a quarter such as 2025/26 Q4)."


def load_or_fail(path: Path) -> Any:
    """A valid JourneyMap, or print the file's problems and exit 1 (2 if unreadable)."""
    from cjmap.commands.maps import load_valid

    return load_valid(path)
