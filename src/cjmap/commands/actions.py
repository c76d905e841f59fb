"""``cjmap actions``: the action plan across many maps, filtered, as a table, CSV, JSON or
Markdown."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from cjmap.commands.common import (
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_OK,
    TODAY_HELP,
    choice_value,
    choices,
    error_console,
    fail,
    refuse_inputs_or_fail,
    today_or_now,
    write_output,
)
from cjmap.commands.table_text import plain_table
from cjmap.model import ACTION_STATUSES
from cjmap.report.actions import Filters, collect, select, to_csv, to_json, to_markdown
from cjmap.report.filters import long_date, status_label
from cjmap.safe_text import terminal
from cjmap.validate import PathError, discover


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


if TYPE_CHECKING:
    Status = str
else:
    Status = choices("Status", ACTION_STATUSES)


def actions(
    paths: List[Path] = typer.Argument(..., metavar="PATH",
                                       help="Map files, or folders to search for *.yaml and *.yml."),
    owner: List[str] = typer.Option([], "--owner", metavar="TEXT",
                                    help="Only actions whose owner contains TEXT (any case); repeatable."),
    status: List[Status] = typer.Option([], "--status", help="Only actions with this status; repeatable."),
    open_only: bool = typer.Option(False, "--open", help="Only open actions (proposed, agreed, in progress)."),
    overdue: bool = typer.Option(False, "--overdue", help="Only overdue actions."),
    output_format: Format = typer.Option(Format.table, "--format", "-f",
                                         help="table (for people), csv, json or markdown."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to FILE instead of stdout."),
    today: Optional[str] = typer.Option(None, "--today", metavar="DATE",
                                        help=TODAY_HELP + " Decides which actions are overdue."),
    include_archived: bool = typer.Option(
        False, "--include-archived",
        help="Also list the actions of past waves (maps with journey.archived: true)."),
) -> None:
    """List the actions of many maps, earliest due first: a team's whole action plan.

    Exit 0, 1 when a file is not a valid map (the others are still listed), 2 a usage or file
    error (a map that cannot be read, as validate says).
    """
    day = today_or_now(today)
    try:
        refuse_inputs_or_fail(output, discover(paths))
        plan = collect(paths, day, include_archived)
    except PathError as error:
        fail(str(error))
    if not plan.files:
        fail("no map files (*.yaml, *.yml) found in " + ", ".join(map(str, paths)))
    _report_invalid(plan.invalid)
    _report_archived(plan)
    filters = Filters(tuple(owner), tuple(choice_value(s) for s in status), overdue, open_only)
    rows = select(plan.rows, filters)
    _emit(rows, output_format, output, day)
    unreadable = any(problem.rule == "io" for file in plan.invalid for problem in file.problems)
    raise typer.Exit(EXIT_ERROR if unreadable else EXIT_INVALID if plan.invalid else EXIT_OK)


def _report_invalid(invalid: List[Any]) -> None:
    """Print the problems of files that are not valid maps; their actions are left out."""
    if not invalid:
        return
    from rich.markup import escape

    console = error_console()
    for file in invalid:
        for problem in file.problems:
            console.print(escape(str(problem)))
        console.print(f"[bold red]cjmap: error:[/] {escape(terminal(file.path))} is not a valid map; "
                      "its actions are not listed")


def _report_archived(plan: Any) -> None:
    """Say which past waves were left out, so an empty list is never a mystery."""
    if not plan.archived:
        return
    from rich.markup import escape

    left_out = ", ".join(plan.archived)
    if not plan.rows and not plan.invalid:
        message = (f"every map given is a past wave (journey.archived: true), so no action is "
                   f"listed: {left_out}; add --include-archived to list their actions")
    else:
        message = (f"left out the actions of {len(plan.archived)} past "
                   f"{'wave' if len(plan.archived) == 1 else 'waves'} (journey.archived: true): "
                   f"{left_out}; add --include-archived to list them")
    error_console().print(f"[cyan]cjmap: note:[/] {escape(message)}")


def _emit(rows: List[Any], output_format: Format, output: Optional[Path], day: Any) -> None:
    if output_format is Format.table and output is None:
        console = _console()
        table = _table(rows, day)
        text = plain_table(table, console)  # the same text, drawn faster, when not in colour
        if text is None:
            console.print(table)
        else:
            console.file.write(text)
        return
    makers = {Format.csv: lambda: to_csv(rows), Format.json: lambda: to_json(rows, day),
              Format.markdown: lambda: to_markdown(rows, day),
              Format.table: lambda: _plain_table(rows, day)}
    write_output(makers[output_format](), output)


def _console(**options: Any) -> Any:
    from rich.console import Console

    return Console(highlight=False, **options)


def _plain_table(rows: List[Any], day: Any) -> str:
    """The table as plain text (no colour), for --output."""
    import io

    console = _console(file=io.StringIO(), width=120, color_system=None, record=True)
    table = _table(rows, day)
    text = plain_table(table, console)
    if text is not None:
        return text
    console.print(table)
    return console.export_text()


def _place(row: Any) -> str:
    return terminal(f"{Path(row.path).name}, step {row.action.step_number}")


def _table(rows: List[Any], day: Any) -> Any:
    """A rich table; user text goes in as Text (never markup), with control characters removed."""
    from rich.table import Table
    from rich.text import Text

    if not rows:
        return Text(f"No actions match, as at {long_date(day)}.")
    table = Table(title=f"Actions as at {long_date(day)}", title_justify="left", expand=True)
    table.add_column("Due", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Owner", ratio=1, min_width=12)
    table.add_column("Action", ratio=3, min_width=20)
    # A file name is never split across lines: the column is as wide as the longest place
    # (a longer one than 56 characters is shortened with an ellipsis, never folded).
    places = [_place(row) for row in rows]
    table.add_column("Where", no_wrap=True, overflow="ellipsis",
                     min_width=min(max(map(len, places)), 56))
    for row, place in zip(rows, places):
        action = row.action
        state = Text(str(status_label(action.status)))
        if action.overdue:
            state.append(f"\noverdue {action.days_overdue}d", style="bold red")
        table.add_row(Text(terminal(action.due or "–")), state, Text(terminal(action.owner or "–")),
                      Text(terminal(action.recommendation)),
                      Text(place))
    return table
