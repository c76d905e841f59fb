"""``cjmap site``: a static, self-contained site of many journey maps."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from cjmap.commands.common import (
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_OK,
    TODAY_HELP,
    choice_value,
    choices,
    error_console,
    fail,
    today_or_now,
)
from cjmap.render.flow import ENGINES
from cjmap.render.themes import THEMES
from cjmap.site.build import SiteOptions, build_site, write_site
from cjmap.validate import PathError

if TYPE_CHECKING:
    ThemeName = str
    EngineName = str
else:
    ThemeName = choices("ThemeName", THEMES)
    EngineName = choices("EngineName", ENGINES)


def site(
    paths: list[Path] = typer.Argument(..., metavar="PATH",
                                       help="Map files, or folders to search for *.yaml and *.yml."),
    output: Path = typer.Option(..., "--output", "-o", metavar="DIR",
                                help="The folder to write the site into."),
    today: str = typer.Option(None, "--today", metavar="DATE",
                              help=TODAY_HELP + " Flags overdue actions; pass it for a "
                                   "byte-for-byte repeatable build."),
    theme: ThemeName = typer.Option("default", "--theme",
                                    help="Colours: default, or high-contrast (site-wide)."),
    engine: EngineName = typer.Option("auto", "--engine",
                                      help="Flow view layout: auto, system or pure."),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, metavar="N",
                             help="Worker processes (0: one a CPU; 1: none)."),
) -> None:
    """Build a static site: an index of every journey, a page per journey (map, flow,
    reports, workshop walk-throughs, trend, downloads), the action plan across them all.

    [bold]cjmap site maps/ -o site/ --today 2026-04-01[/]

    Exit 0 done, 1 some files were not valid maps (left out), 2 a usage or file error.
    """
    options = SiteOptions(today=today_or_now(today), theme=choice_value(theme),
                          engine=choice_value(engine), workers=jobs or None)
    _refuse_among_maps(output, paths)
    console = error_console()
    try:
        built = _with_progress(console, lambda progress: build_site(paths, options, progress))
    except PathError as error:
        fail(str(error))
    try:
        write_site(built, output)
    except OSError as error:
        fail(f"cannot write the site into {output}: {error.strerror or error}", EXIT_ERROR)
    for name in built.invalid:
        console.print(f"cjmap: {name} is not a valid map; left out (run `cjmap validate`)",
                      markup=False)
    maps = "1 map" if built.maps == 1 else f"{built.maps} maps"
    console.print(f"built a site of {maps} ({len(built.files)} files) in {output}", markup=False)
    raise typer.Exit(EXIT_INVALID if built.invalid else EXIT_OK)


def _with_progress(console: Any, run: Any) -> Any:
    """Run the build with a progress bar on a terminal (none in pipes, logs and tests)."""
    if not console.is_terminal:
        return run(None)
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("building"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("", total=None)

        def report(done: int, total: int, label: str) -> None:
            progress.update(task, completed=done, total=total, description=escape(label))

        return run(report)


def _refuse_among_maps(output: Path, paths: list[Path]) -> None:
    """The site copies every map into it for download, so a site written into (or above) a
    folder of maps would be found as more maps by the next `cjmap validate`: refuse it."""
    target = output.resolve()
    for given in paths:
        folder = given.resolve() if given.is_dir() else given.resolve().parent
        if folder == target or folder.is_relative_to(target) or target == given.resolve():
            fail(f"{output} holds the maps the site is built from; write the site into a folder "
                 "of its own, such as -o site/")
