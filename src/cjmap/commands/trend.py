"""``cjmap trend``: the same journey across waves, as tables and an SVG chart."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from cjmap.commands.common import (
    EXIT_ERROR,
    EXIT_OK,
    choice_value,
    choices,
    error_console,
    fail,
    load_valid,
    refuse_inputs_or_fail,
    require_valid,
    write_output,
)
from cjmap.diff.git import GitError, read_at_revision
from cjmap.load import load_text
from cjmap.render.themes import UnknownTheme, get_theme
from cjmap.render.trend_chart import render_trend_svg
from cjmap.trend.formats import FORMATTERS, rich_tables
from cjmap.trend.waves import TrendError, build_trend

if TYPE_CHECKING:
    Format = str
else:
    Format = choices("Format", (*FORMATTERS, "svg"))


def trend(
    paths: List[Path] = typer.Argument(..., metavar="MAP",
                                       help="Maps of one journey, one per wave, in any order."),
    output_format: Format = typer.Option(
        "text", "--format", "-f",
        help="text (tables), markdown, json, csv (a row per step per wave) or svg (the chart)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to FILE instead of stdout."),
    svg: Optional[Path] = typer.Option(None, "--svg", metavar="FILE",
                                       help="Also write the chart to FILE as SVG."),
    rev: List[str] = typer.Option(
        [], "--rev", "-r", metavar="REV",
        help="Also read the first MAP as committed at this git revision (a tag, branch, commit "
             "or HEAD~1), as one more wave; repeatable, and mixes with files."),
    theme: str = typer.Option("default", "--theme",
                              help="Chart theme: default or high-contrast."),
) -> None:
    """One journey across waves: each step's net sentiment and survey dissatisfaction.

    Waves are ordered by journey.period; actions done between waves are listed too. With
    --rev, the first MAP is also read as committed at each revision (like diff --rev).
    Every change of a share is tested and labelled significant or within chance.

    Exit 0; 1 for an invalid map; 2 for a file error or maps that cannot form a trend.
    """
    for target in (output, svg):
        refuse_inputs_or_fail(target, paths)
    _check_theme(theme)
    maps = [(str(path), load_valid(path)) for path in paths]
    maps += [_at_revision(paths[0], revision) for revision in rev]
    try:
        result = build_trend(maps)
    except TrendError as error:
        fail(str(error), EXIT_ERROR)
    if output_format in ("csv", "svg"):
        _warn(result.warnings)  # these formats have no place for them
    if svg is not None:
        write_output(render_trend_svg(result, theme), svg, inputs=paths)
    _write(result, output_format, output, theme)
    raise typer.Exit(EXIT_OK)


def _check_theme(theme: str) -> None:
    try:
        get_theme(theme)
    except UnknownTheme as error:
        fail(str(error))


def _at_revision(path: Path, revision: str) -> tuple[str, Any]:
    """The map at ``path`` as committed at ``revision``, labelled ``REV:path``; exit 2 on a
    git error (no repository, unknown revision, file not in it), 1 when it is not valid."""
    try:
        committed = read_at_revision(path, revision)
    except GitError as error:
        fail(str(error), EXIT_ERROR)
    return committed.label, require_valid(load_text(committed.content, committed.label),
                                          hint=False)


def _warn(warnings: Any) -> None:
    from rich.markup import escape

    console = error_console()
    for warning in warnings:
        console.print(f"[yellow]cjmap: warning:[/] {escape(warning)}")


def _write(result: Any, output_format: Format, output: Optional[Path], theme: str) -> None:
    if output_format == "svg":
        write_output(render_trend_svg(result, theme), output)
        return

    if output_format == "text" and output is None and sys.stdout.isatty():
        from rich.console import Console

        console = Console(highlight=False)
        for renderable in rich_tables(result):
            console.print(renderable)
        return
    write_output(FORMATTERS[choice_value(output_format)](result), output)
