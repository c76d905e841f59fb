"""``cjmap tsm``: the Tenant Satisfaction Measures a set of maps evidences, and their figures."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from cjmap.commands.common import (
    EXIT_INVALID,
    EXIT_OK,
    error_console,
    fail,
    refuse_inputs_or_fail,
    write_output,
)
from cjmap.housing.listing import collect, to_csv, to_json, to_markdown, to_text
from cjmap.validate import PathError, discover


class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    csv = "csv"
    json = "json"


FORMATTERS = {Format.text: to_text, Format.markdown: to_markdown, Format.csv: to_csv,
              Format.json: to_json}


def tsm(
    paths: List[Path] = typer.Argument(..., metavar="PATH",
                                       help="Map files, or folders to search for *.yaml and *.yml."),
    output_format: Format = typer.Option(Format.text, "--format", "-f",
                                         help="text (for people), markdown, csv or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to FILE instead of stdout."),
) -> None:
    """List the Tenant Satisfaction Measures the maps evidence (`tsm:` on surveys and metrics).

    For each measure: its code and wording, then each journey and step that reports it, with the
    latest figure (a survey's share satisfied and base, a metric's value and target) and its
    period. Exit 0, 1 when a file is not a valid map (the others are still listed), 2 a usage
    or file error.
    """
    try:
        refuse_inputs_or_fail(output, discover(paths))
        listing = collect(paths)
    except PathError as error:
        fail(str(error))
    if not listing.files:
        fail("no map files (*.yaml, *.yml) found in " + ", ".join(map(str, paths)))
    if listing.invalid:
        from rich.markup import escape

        console = error_console()
        for path, problems in listing.invalid:
            for problem in problems:
                console.print(escape(str(problem)))
            console.print(f"[bold red]cjmap: error:[/] {escape(path)} is not a valid map; "
                          "its measures are not listed")
    write_output(FORMATTERS[output_format](listing), output)
    raise typer.Exit(EXIT_INVALID if listing.invalid else EXIT_OK)
