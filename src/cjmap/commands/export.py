"""``cjmap export``: a map as CSV for spreadsheets or JSON for scripts."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from cjmap.commands.common import (
    EXIT_OK,
    TODAY_HELP,
    fail,
    load_valid,
    refuse_inputs_or_fail,
    today_or_now,
    write_output,
)
from cjmap.export import to_csv, to_json


class Format(str, Enum):
    csv = "csv"
    json = "json"


def export(
    path: Path = typer.Argument(..., metavar="MAP", help="The map file to export."),
    output_format: Format = typer.Option(
        Format.csv, "--format", "-f",
        help="csv (a row per step and per action) or json (the validated map)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to FILE instead of stdout."),
    today: Optional[str] = typer.Option(None, "--today", metavar="DATE",
                                        help=TODAY_HELP + " Used for the overdue column."),
    derived: bool = typer.Option(
        False, "--derived",
        help="JSON: wrap the map as {map, derived} with the figures cjmap computes."),
    bom: bool = typer.Option(
        False, "--bom", help="CSV: start with a UTF-8 byte-order mark, so Excel reads accents."),
) -> None:
    """Export a map: CSV (a row per step, a row per action; formula-safe) or JSON.

    Exit 0; 1 an invalid map; 2 a usage or file error.
    """
    if derived and output_format is not Format.json:
        fail("--derived is for --format json")
    if bom and output_format is not Format.csv:
        fail("--bom is for --format csv")
    refuse_inputs_or_fail(output, [path])
    day = today_or_now(today)
    journey = load_valid(path)
    if output_format is Format.csv:
        text = ("\ufeff" if bom else "") + to_csv(journey, day)
    else:
        text = to_json(journey, day, derived=derived)
    write_output(text, output, inputs=[path])
    raise typer.Exit(EXIT_OK)
