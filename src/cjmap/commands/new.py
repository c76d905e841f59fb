"""``cjmap new``: start a map from a starter, asking the scoping questions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import typer

from cjmap.commands.common import EXIT_CANCELLED, fail, write_output
from cjmap.json_schema import schema_reference
from cjmap.starters.create import (
    SCOPING_QUESTIONS,
    STARTERS,
    MissingAnswers,
    NewMapError,
    clean,
    complete,
    default_file_name,
    find_starter,
    starter_map_text,
)

_ANSWERS = "Answers (asked when missing, on a terminal)"


def _answer(flag: str, help_text: str) -> Any:
    return typer.Option(None, flag, metavar="TEXT", help=help_text, rich_help_panel=_ANSWERS)


def new(
    file: Optional[str] = typer.Argument(
        None, metavar="FILE",
        help="The map file to create (default: the title as a slug, .yaml); - for standard "
             "output."),
    starter: str = typer.Option("blank", "--starter", "-s", metavar="NAME",
                                help="The starter to begin from; see --list."),
    list_starters: bool = typer.Option(False, "--list", help="List the starters and exit."),
    title: Optional[str] = _answer("--title", "The journey, as a customer would name it."),
    customer: Optional[str] = _answer("--customer", "Who is mapped, from when to when."),
    why: Optional[str] = _answer("--why", "Scope: the aim of mapping this journey."),
    who: Optional[str] = _answer("--who", "Scope: who has an interest in the findings."),
    what: Optional[str] = _answer("--what", "Scope: what the work will produce."),
    how: Optional[str] = _answer("--how", "Scope: how the findings will change the service."),
    organisation: Optional[str] = _answer("--organisation", "The landlord or service."),
    period: Optional[str] = _answer("--period", "When the research was done (2025/26 Q3)."),
    owner: Optional[str] = _answer("--owner", "The team that keeps the map."),
    interactive: bool = typer.Option(
        False, "--interactive", "-i",
        help="Ask for missing answers even when standard input is not a terminal."),
    schema: Optional[str] = typer.Option(
        None, "--schema", metavar="PATH",
        help="The $schema= reference for editors (default: the repository's "
             "cjmap.schema.json, relative to the new file)."),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
) -> None:
    """Start a new journey map from a starter, ready to fill in.

    Asks for the title, the customer and the scoping questions (why, who, what, how) that
    are not given as options, when standard input is a terminal. Exit codes: 0 written,
    2 usage or I/O error (a missing answer, an existing file), 130 cancelled.
    """
    if list_starters:
        _list()
        return
    try:
        chosen = find_starter(starter)
    except NewMapError as error:
        fail(str(error))
    if file not in (None, "-"):
        _check_target(Path(file), force)
    given = {"title": title, "customer": customer, "why": why, "who": who, "what": what,
             "how": how, "organisation": organisation, "period": period, "owner": owner}
    answers = _complete(given, chosen, interactive or sys.stdin.isatty())
    _write(chosen, answers, file, schema, force)


def _list() -> None:
    width = max(len(starter.name) for starter in STARTERS)
    for starter in STARTERS:
        typer.echo(f"{starter.name:<{width}}  {starter.summary}")


def _check_target(path: Path, force: bool) -> None:
    """Refuse a target that exists (without --force), is a folder, or sits under a file."""
    if path.is_dir():
        fail(f"{path} is a folder: give a file name such as {path / 'journey.yaml'}")
    if path.exists() and not force:
        fail(f"{path} already exists: choose another name, or --force to replace it")
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            fail(f"{parent} is a file, so {path} cannot be created under it")


def _complete(given: dict[str, Optional[str]], starter: Any, interactive: bool) -> dict[str, str]:
    """The answers, asking on the terminal for those missing when ``interactive``."""
    interactive = interactive and any(clean(given.get(q.key)) is None for q in SCOPING_QUESTIONS)
    if interactive:
        typer.echo(f"A new map from the {starter.name} starter. Enter takes the [suggestion] or "
                   "skips an optional question; Ctrl-C stops without writing anything.",
                   err=True)
    try:
        return complete(given, starter, _ask if interactive else None)
    except MissingAnswers as error:
        options = " and ".join(f"--{key}" for key in error.keys)
        fail(f"{error}: give {options}, or run `cjmap new` on a terminal (or with "
             "--interactive) to be asked")
    except KeyboardInterrupt:
        typer.echo(err=True)
        fail("cancelled; nothing was written", EXIT_CANCELLED)
    except EOFError:
        fail("the input ended before every question was answered; nothing was written")


def _ask(question: Any, suggested: Optional[str]) -> str:
    """One question, on standard error: standard output may be the map itself.

    Enter takes the suggested answer, or skips an optional question; a required one without
    a suggestion is asked again. EOFError and KeyboardInterrupt pass through to the caller.
    """
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True, highlight=False)
    hint = f" [dim]\\[{escape(suggested)}][/]" if suggested else ""
    hint = hint if question.required else " [dim](Enter to skip)[/]"
    while True:
        answer = console.input(f"[bold]{escape(question.prompt)}[/]{hint}: ")
        if answer.strip() or not question.required:
            return answer
        if suggested:
            return suggested


def _write(starter: Any, answers: dict[str, str], file: Optional[str], schema: Optional[str],
           force: bool) -> None:
    path = Path(file) if file not in (None, "-") else None
    if file is None:
        path = Path(default_file_name(answers["title"]))
    if path is not None:
        _check_target(path, force)  # again: the name may be new, and time has passed asking
    folder = path.resolve().parent if path is not None else Path.cwd()
    try:
        text = starter_map_text(starter, answers, schema or schema_reference(folder))
    except NewMapError as error:
        fail(str(error))
    if path is not None:
        try:  # like `mkdir -p`: maps/2026/repairs.yaml needs no separate step
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            fail(f"cannot create the folder {path.parent}: {error.strerror or error}")
    write_output(text, path)
    if path is not None:
        typer.echo(f"Created {path} from the {starter.name} starter. Fill it in as the research "
                   f"comes in, and check it with: cjmap validate {path}", err=True)
