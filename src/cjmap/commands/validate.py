"""``cjmap validate``: check map files, for people and for CI."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from cjmap.commands.common import (
    EXIT_CANCELLED,
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_OK,
    TODAY_HELP,
    check_jobs,
    choice_value,
    choices,
    emit,
    fail,
    parse_today,
)
from cjmap.config import ConfigError
from cjmap.load import read_stdin
from cjmap.output import FORMATTERS, choose_problem_format
from cjmap.problems import Severity
from cjmap.validate import PathError, Report, validate_paths, validate_text

if TYPE_CHECKING:
    Format = str
else:
    Format = choices("Format", ("auto", *FORMATTERS))


def validate(
    paths: List[Path] = typer.Argument(
        ..., metavar="PATH", help="Map files, or folders to search for *.yaml and *.yml; - reads standard input."),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors (exit 1)."),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP, metavar="DATE"),
    output_format: Format = typer.Option(
        "auto", "--format", "-f",
        help="text, parsable, json, github or sarif; auto is github under GitHub Actions, else text.",
    ),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", callback=check_jobs,
                                       help="Processes to use (default, and at most: one per "
                                            "core)."),
    stdin_name: str = typer.Option(
        "<stdin>", "--stdin-filename", metavar="PATH",
        help="With -, the name to report problems under (and to find the configuration from)."),
) -> None:
    """Check journey maps for mistakes, each at its exact line and column.

    Every problem is printed as [bold]path:line:column: severity: message \\[rule-id][/].

    Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.
    """
    day = parse_today(today)
    try:
        if [str(path) for path in paths] == ["-"]:
            report = Report([validate_text(read_stdin(sys.stdin), stdin_name, day)])
        else:
            report = validate_paths(paths, day, jobs)
    except (PathError, ConfigError, ValueError) as error:
        fail(str(error))
    except KeyboardInterrupt:
        fail("cancelled", EXIT_CANCELLED)
    if not report.files:
        fail("no map files (*.yaml, *.yml) found in " + ", ".join(map(str, paths)))
    name = choose_problem_format(choice_value(output_format))
    emit(FORMATTERS[name](report), _styled if name == "text" else None)
    if any(problem.rule == "io" for problem in report.problems):
        raise typer.Exit(EXIT_ERROR)
    failing = report.count(Severity.ERROR) + (report.count(Severity.WARNING) if strict else 0)
    raise typer.Exit(EXIT_INVALID if failing else EXIT_OK)


def _styled(line: str) -> Any:
    """A problem line with its position bold, severity coloured and rule id dim."""
    from rich.text import Text

    for severity, style in ((": error: ", "bold red"), (": warning: ", "yellow")):
        where, found, rest = line.partition(severity)
        if found:
            message, bracket, rule = rest.rpartition(" [")
            text = Text()
            text.append(where, style="bold")
            text.append(": ").append(severity.strip(": "), style=style).append(": ")
            text.append(message if bracket else rest)
            if bracket:
                text.append(f" [{rule}", style="dim")
            return text
    return Text(line)
