"""``cjmap checks``: list every check with its id, default severity and documentation."""

from __future__ import annotations

import re

import typer

from cjmap.checks import BUILT_IN, CHECKS, OTHER_RULES, documentation


def checks(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show each check's full documentation."),
) -> None:
    """List the checks `cjmap validate` runs, and the problems found while reading a file."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="cjmap checks", show_lines=verbose)
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("what it checks")
    for module in CHECKS:
        summary, rest = documentation(module)
        text = f"{summary}\n{rest}" if verbose else summary
        table.add_row(module.ID, str(module.SEVERITY), _literals_in_bold(text))
    for rule, text in OTHER_RULES.items():
        table.add_row(rule, "warning", _literals_in_bold(text))
    for rule, text in BUILT_IN.items():
        table.add_row(rule, "error (always)", _literals_in_bold(text))
    Console(highlight=False).print(table)
    typer.echo("Change a severity or disable a check in .cjmap.yaml or [tool.cjmap] in pyproject.toml.")


def _literals_in_bold(text: str) -> str:
    """Rich markup for Markdown text: `literals` in bold, without their backticks."""
    from rich.markup import escape

    return re.sub(r"`([^`]+)`", r"[bold]\1[/bold]", escape(text))
