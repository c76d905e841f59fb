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
    ("evidence", "evidence", "evidence", "Check"),
    ("render", "render", "render", "Share"),
    ("preview", "preview", "preview", "Share"),
    ("report", "report", "report", "Share"),
    ("actions", "actions", "actions", "Share"),
    ("site", "site", "site", "Share"),
    ("diff", "diff", "diff", "Track"),
    ("trend", "trend", "trend", "Track"),
    ("export", "export", "export", "Track"),
    ("checks", "checks", "checks", "Reference"),
    ("schema", "schema", "schema", "Reference"),
    ("tsm", "tsm", "tsm", "Reference"),
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


def _plain_help_types() -> None:
    """Drop the type placeholders newer typer versions print in ``--help``: ``<bool>`` beside a
    flag (a flag takes no value) and ``<list[Path]>`` beside an argument whose metavar already
    names it (MAP, PATH). Choices (``<text|json>``) and values (FILE, DATE) stay. Guarded, so
    a typer without these hooks is left as it is."""
    core = getattr(typer, "core", None)
    option = getattr(core, "TyperOption", None)
    argument = getattr(core, "TyperArgument", None)
    if option is None or getattr(option, "_cjmap_plain", False):
        return
    shown = getattr(option, "display_type_rich", None)
    if shown is not None:
        def option_type(self: Any, ctx: Any) -> Optional[str]:
            if getattr(self, "is_flag", False):
                return None
            text = shown(self, ctx)
            if text and text.startswith("<int"):
                return "N"  # not "<int range>": the range itself is shown beside it
            if text and len(text) > 18:
                # A long list of choices would be folded mid-word; each such option's help
                # names its choices in words instead.
                return str(max(self.opts, key=len)).lstrip("-").upper()
            return text

        option.display_type_rich = option_type
    if argument is not None and hasattr(argument, "display_type_rich"):
        argument_shown = argument.display_type_rich

        def argument_type(self: Any, ctx: Any) -> Optional[str]:
            return None if self.metavar else argument_shown(self, ctx)

        argument.display_type_rich = argument_type
    option._cjmap_plain = True


def build_app(names: Optional[Sequence[str]] = None) -> typer.Typer:
    """The typer app with the commands ``names`` (all of them when None)."""
    _plain_help_types()
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
