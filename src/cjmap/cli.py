"""The ``cjmap`` command line: a thin typer layer over the core.

Each command lives in :mod:`cjmap.commands` and does only: options -> core call -> output ->
exit code (:mod:`cjmap.commands.common` holds what they share, the exit codes among it).

Start-up stays quick because a run imports only the command it runs (:func:`app_for`); ``--help``
and an unknown command get the whole app. ``app`` (the whole app) is built on first use, for
tests and for typer's completion.
"""

from __future__ import annotations

import importlib
from typing import Any, Optional, Sequence

import typer

from cjmap import __version__

HELP = "Customer journey maps as plain-text YAML: validate, render, report, diagnose, diff."

# (command name, module under cjmap.commands, function, help panel): one line per command, in
# the order an analyst meets them.
COMMANDS: list[tuple[str, str, str, str]] = [
    ("diagnose", "diagnose", "diagnose", "Start"),
    ("new", "new", "new", "Start"),
    ("validate", "validate", "validate", "Check"),
    ("fmt", "fmt", "fmt", "Check"),
    ("render", "render", "render", "Share"),
    ("report", "report", "report", "Share"),
    ("actions", "actions", "actions", "Share"),
    ("site", "site", "site", "Share"),
    ("diff", "diff", "diff", "Track"),
    ("trend", "trend", "trend", "Track"),
    ("export", "export", "export", "Track"),
    ("checks", "checks", "checks", "Reference"),
    ("schema", "schema", "schema", "Reference"),
    # more commands: keep this marker line
]
COMMAND_NAMES = tuple(name for name, *_ in COMMANDS)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cjmap {__version__}")
        raise typer.Exit()


def _main(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Customer journey maps as plain-text YAML files in git."""


def build_app(names: Optional[Sequence[str]] = None) -> typer.Typer:
    """The typer app with the commands ``names`` (all of them when None)."""
    built = typer.Typer(
        name="cjmap",
        help=HELP,
        no_args_is_help=True,
        add_completion=True,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(_main)
    for name, module, function, panel in COMMANDS:
        if names is None or name in names:
            command = getattr(importlib.import_module(f"cjmap.commands.{module}"), function)
            built.command(name, rich_help_panel=panel)(command)
    return built


def app_for(arguments: Sequence[str]) -> typer.Typer:
    """The app for one run: only the command named first, when it is a known command."""
    first = next((argument for argument in arguments if not argument.startswith("-")), None)
    if first in COMMAND_NAMES and arguments and arguments[0] == first:
        return build_app([first])
    return build_app()


_app: Optional[typer.Typer] = None


def __getattr__(name: str) -> Any:
    # `from cjmap.cli import app`: the whole app, built once, on first use.
    global _app
    if name == "app":
        if _app is None:
            _app = build_app()
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
