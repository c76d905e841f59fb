"""``cjmap fmt``: put map files in the canonical layout, keeping every comment."""

from __future__ import annotations

import sys
from typing import Any, List

import typer

from cjmap.commands.common import EXIT_ERROR, EXIT_INVALID, EXIT_OK, fail
from cjmap.fmt.formatter import FormatError, Formatted, format_paths, format_text, write_formatted
from cjmap.load import read_stdin
from cjmap.safe_text import terminal
from cjmap.validate import PathError
from cjmap.writing import WriteRefused


def fmt(
    paths: List[str] = typer.Argument(
        ..., metavar="PATH",
        help="Map files, or folders to search for *.yaml and *.yml; - for standard input."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; list the files that would change, exit 1 if any."),
    diff: bool = typer.Option(False, "--diff",
                              help="Write nothing; print a unified diff of each change."),
    quiet: bool = typer.Option(False, "--quiet", "-q",
                               help="Print only problems, and the files --check lists."),
) -> None:
    """Format journey maps in one layout, keeping every comment.

    Keys in the spec's order, two-space indentation, quotes only where YAML needs them; long
    lines are never re-wrapped. Formatting twice changes nothing, and a file is written only
    if its data is unchanged. Exit codes: 0 formatted (or nothing to change), 1 with
    [bold]--check[/]: files would change, 2 a file could not be formatted (not YAML,
    unreadable) and was left alone.
    """
    if "-" in paths:
        if len(paths) > 1:
            fail("- (standard input) cannot be combined with other paths")
        _standard_input(check, diff)
        return
    try:
        results = format_paths(paths)
    except PathError as error:
        fail(str(error))
    if not results:
        fail("no map files (*.yaml, *.yml) found in " + ", ".join(paths))
    failed = sum(_one(result, check, diff, quiet) for result in results)
    if not quiet:
        typer.echo(_summary(results, failed, write=not (check or diff)), err=True)
    changed = any(result.changed for result in results)
    raise typer.Exit(EXIT_ERROR if failed else EXIT_INVALID if check and changed else EXIT_OK)


def _one(result: Any, check: bool, diff: bool, quiet: bool) -> int:
    """Report (or write) one file; 1 if it could not be formatted or written, else 0."""
    if result.problem is not None:
        typer.echo(terminal(str(result.problem)), err=True)
        return 1
    if not result.changed:
        return 0
    if check:
        typer.echo(f"would reformat {result.path}")
    if diff:
        sys.stdout.write(result.diff())
    if check or diff:
        return 0
    try:
        write_formatted(result)
    except OSError as error:
        reason = str(error) if isinstance(error, WriteRefused) else (error.strerror or error)
        typer.echo(terminal(f"{result.path}:1:1: error: cannot write the file: {reason} [io]"),
                   err=True)
        return 1
    if not quiet:
        typer.echo(f"reformatted {result.path}", err=True)
    return 0


def _summary(results: list[Any], failed: int, write: bool) -> str:
    # A file that changed but could not be written counts as failed, not as reformatted.
    unreadable = sum(1 for result in results if result.problem is not None)
    changed = sum(1 for result in results if result.changed) - (failed - unreadable)
    unchanged = len(results) - changed - failed
    verb = "reformatted" if write else "would be reformatted"
    parts = [f"{_files(changed)} {verb}", f"{_files(unchanged)} already formatted"]
    if failed:
        parts.append(f"{_files(failed)} could not be formatted")
    return ", ".join(parts) + "."


def _files(count: int) -> str:
    return f"{count} file" + ("" if count == 1 else "s")


def _standard_input(check: bool, diff: bool) -> None:
    """Format standard input to standard output (or check or diff it)."""
    try:
        raw = read_stdin(sys.stdin)
    except ValueError as error:
        fail(str(error))
    try:
        original = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        result = Formatted("-", original, text=format_text(original))
    except UnicodeDecodeError:
        fail("standard input is not UTF-8 text")
    except FormatError as error:
        typer.echo(str(error.problem("<stdin>")), err=True)
        raise typer.Exit(EXIT_ERROR) from None
    if check or diff:
        if check and result.changed:
            typer.echo("would reformat -")
        sys.stdout.write(result.diff() if diff else "")
        raise typer.Exit(EXIT_INVALID if check and result.changed else EXIT_OK)
    sys.stdout.write(result.text or "")
