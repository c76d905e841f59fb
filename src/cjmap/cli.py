"""The ``cjmap`` command line: a thin typer layer over the core.

Each command lives in :mod:`cjmap.commands` and does only: options -> core call -> output ->
exit code. Commands import their heavy dependencies inside the function, so that start-up (and
``--help``) stays quick.

Exit codes, for every command: 0 success, 1 the input is invalid (or a check failed), 2 a usage
or I/O error, 3 a no-go decision from ``cjmap diagnose --exit-code``.
"""

from __future__ import annotations

import importlib
import typer

from cjmap import __version__

app = typer.Typer(
    name="cjmap",
    help="Customer journey maps as plain-text YAML: validate, render, report, diagnose, diff.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

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
    ("diff", "diff", "diff", "Track"),
    ("trend", "trend", "trend", "Track"),
    ("export", "export", "export", "Track"),
    ("checks", "checks", "checks", "Reference"),
    ("schema", "schema", "schema", "Reference"),
    # more commands: keep this marker line
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cjmap {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Customer journey maps as plain-text YAML files in git."""


for _name, _module, _function, _panel in COMMANDS:
    _command = getattr(importlib.import_module(f"cjmap.commands.{_module}"), _function)
    app.command(_name, rich_help_panel=_panel)(_command)
