"""``cjmap diff``: what changed between two versions of a map, by step id."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from cjmap.commands.common import (
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_OK,
    choice_value,
    choices,
    emit,
    fail,
    load_valid,
    require_valid,
)
from cjmap.diff.compare import diff_maps
from cjmap.diff.formats import FORMATTERS
from cjmap.diff.git import GitError, read_at_revision
from cjmap.load import load_text

if TYPE_CHECKING:
    Format = str
else:
    Format = choices("Format", FORMATTERS)


def diff(
    paths: List[Path] = typer.Argument(..., metavar="OLD NEW",
                                       help="Two map files; or one map (MAP) with --rev."),
    rev: Optional[str] = typer.Option(
        None, "--rev", "-r", metavar="REV",
        help="Compare MAP as committed at this git revision (HEAD, main, a tag, a commit) "
             "with the working copy."),
    output_format: Format = typer.Option(
        "text", "--format", "-f", help="text (terminal), markdown (pull-request comment) "
                                            "or json."),
    exit_code: bool = typer.Option(
        False, "--exit-code", help="Exit 1 when the maps differ (like git diff --exit-code)."),
) -> None:
    """Compare two versions of a map by step id: steps, counts, sentiment, moments, actions.

    Exit 0 whether or not the maps differ (with --exit-code, 1 when they differ).

    Exit 1 for an invalid map, 2 for a usage, file or git error.
    """
    old, new, old_label, new_label = _load_pair(paths, rev)
    result = diff_maps(old, new, old_label, new_label)
    emit(FORMATTERS[choice_value(output_format)](result),
         colour_line if output_format == "text" else None)
    raise typer.Exit(EXIT_INVALID if exit_code and result.has_changes else EXIT_OK)


def _load_pair(paths: List[Path], rev: Optional[str]) -> tuple[Any, Any, str, str]:
    """Both versions, valid, with their labels; exits with a message otherwise."""
    if rev is None:
        if len(paths) != 2:
            fail("give two map files (OLD NEW), or one map with --rev REV "
                 "(for example: cjmap diff --rev HEAD map.yaml)")
        return load_valid(paths[0]), load_valid(paths[1]), str(paths[0]), str(paths[1])
    if len(paths) != 1:
        fail("with --rev, give one map file: its working copy is compared with the revision")
    return (*_load_revision(paths[0], rev), str(paths[0]))


def _load_revision(path: Path, rev: str) -> tuple[Any, Any, str]:
    new = load_valid(path)
    try:
        committed = read_at_revision(path, rev)
    except GitError as error:
        fail(str(error), EXIT_ERROR)
    old = require_valid(load_text(committed.content, committed.label), hint=False)
    return old, new, committed.label


_MARKS = {"+": "green", "-": "red", "~": "yellow"}


def colour_line(line: str) -> str:
    """Rich markup for one line of the text format: marks coloured, headings bold."""
    from rich.markup import escape

    stripped = line.lstrip(" ")
    mark = stripped[:2]
    if len(mark) == 2 and mark[0] in _MARKS and mark[1] == " ":
        return f"[{_MARKS[mark[0]]}]{escape(line)}[/]"
    if line and not line.startswith(" ") and not line.startswith(("cjmap diff:", "Map:")):
        return f"[bold]{escape(line)}[/]"
    return escape(line)
