"""``cjmap render``: draw maps as SVG, PNG, graphviz DOT or Mermaid."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from cjmap.commands.common import (
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_OK,
    choice_value,
    choices,
    error_console,
    fail,
    refuse_inputs_or_fail,
)
from cjmap.render import run as render_run
from cjmap.render.flow import ENGINES, EngineError
from cjmap.render.pdf import PdfError
from cjmap.render.png import PngError
from cjmap.render.run import RenderError, check_view, choose_render_format, plan
from cjmap.render.themes import THEMES, UnknownTheme
from cjmap.validate import MapError, load_map
from cjmap.writing import WriteRefused, write_atomic


class View(str, Enum):
    map = "map"
    flow = "flow"


class Format(str, Enum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    mermaid = "mermaid"


if TYPE_CHECKING:
    ThemeName = str
    EngineName = str
else:
    ThemeName = choices("ThemeName", THEMES)
    EngineName = choices("EngineName", ENGINES)


PATHS_HELP = "Map files, or folders to search for *.yaml and *.yml."
OUTPUT_HELP = ("Where to write: a file for one map (default: standard output), a folder for "
               "several.")
VIEW_HELP = "map: the full journey map; flow: a flow diagram of the steps."
FORMAT_HELP = ("svg, png, pdf (map view, A4 pages), dot (flow view) or mermaid (map view); "
               "default: from -o's suffix, else svg.")
THEME_HELP = "Colours: default, or high-contrast (colour-blind safe)."
ENGINE_HELP = ("Flow view layout: system (graphviz's dot), pure (graphviz-pure, installed with "
               "cjmap) or auto (system when there is one).")


def render(
    paths: List[Path] = typer.Argument(..., metavar="PATH", help=PATHS_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE|FOLDER",
                                          help=OUTPUT_HELP),
    view: View = typer.Option(View.map, "--view", help=VIEW_HELP),
    output_format: Optional[Format] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    theme: ThemeName = typer.Option("default", "--theme", help=THEME_HELP),
    engine: EngineName = typer.Option("auto", "--engine", help=ENGINE_HELP),
) -> None:
    """Draw journey maps: the full map, a graphviz flow, or Mermaid; SVG, PNG or DOT.

    [bold]cjmap render map.yaml -o map.svg[/]  ·  [bold]cjmap render maps/ -o out/ -f png[/]

    Exit codes: 0 done, 1 a map is invalid, 2 a usage, I/O or converter error.
    """
    chosen = choose_render_format(output_format.value if output_format else None, output)
    try:
        check_view(view.value, chosen)
        jobs = plan(paths, output, chosen)
    except RenderError as error:
        fail(str(error))
    sources = [job.source for job in jobs]
    for job in jobs:
        refuse_inputs_or_fail(job.target, sources)
    if jobs[0].target is None and chosen in ("png", "pdf") and sys.stdout.isatty():
        fail(f"a {chosen.upper()} is not for the terminal: add -o FILE.{chosen}")
    settings = {"view": view.value, "output_format": chosen, "theme": choice_value(theme),
                "engine": choice_value(engine)}
    invalid = _run_all(jobs, settings, output)
    raise typer.Exit(EXIT_INVALID if invalid else EXIT_OK)


def _run_all(jobs: list[Any], settings: dict[str, str], output: Optional[Path]) -> int:
    """Render every job, with a progress bar on a terminal; returns how many maps were invalid."""
    console = error_console()
    if len(jobs) < 2 or not console.is_terminal:
        return sum(_run_one(job, settings, console) for job in jobs)
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    invalid = 0
    columns = (TextColumn("rendering"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("", total=len(jobs))
        for job in jobs:
            progress.update(task, description=escape(str(job.source)))
            invalid += _run_one(job, settings, console)
            progress.advance(task)
    done = len(jobs) - invalid
    console.print(f"rendered {done} of {len(jobs)} maps into {escape(str(output))}")
    return invalid


def _run_one(job: Any, settings: dict[str, str], console: Any) -> int:
    """Render one map; 1 when it is invalid (its problems printed), 0 when written."""
    from rich.markup import escape

    try:
        journey = load_map(job.source)
    except MapError as error:
        for problem in error.problems:
            console.print(escape(str(problem)))
        if any(problem.rule == "io" for problem in error.problems):
            fail(f"cannot read {job.source}")
        console.print(f"[bold red]cjmap: error:[/] {escape(str(job.source))} is not a valid map; "
                      f"run `cjmap validate {escape(str(job.source))}`")
        return 1
    try:
        data = render_run.render(journey, **settings)
    except (RenderError, EngineError, PngError, PdfError, UnknownTheme) as error:
        fail(str(error), EXIT_ERROR)
    _write(job.target, data)
    return 0


def _write(target: Optional[Path], data: bytes) -> None:
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except WriteRefused as error:
        fail(f"cannot write: {error}")
    except OSError as error:
        fail(f"cannot write {target}: {error.strerror or error}")
