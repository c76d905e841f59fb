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

# (command name, module under cjmap.commands, function): one line per command.
COMMANDS: list[tuple[str, str, str]] = [
    ("validate", "validate", "validate"),
    ("checks", "checks", "checks"),
    ("schema", "schema", "schema"),
    ("diff", "diff", "diff"),
    ("diagnose", "diagnose", "diagnose"),
    ("trend", "trend", "trend"),
    ("export", "export", "export"),
    ("report", "report", "report"),
    ("actions", "actions", "actions"),
    ("render", "render", "render"),
    ("new", "new", "new"),
    ("fmt", "fmt", "fmt"),
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


for _name, _module, _function in COMMANDS:
    _command = getattr(importlib.import_module(f"cjmap.commands.{_module}"), _function)
    app.command(_name)(_command)
