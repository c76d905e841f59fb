"""What ``cjmap render`` does, without the command line: choose outputs, render, return bytes.

``plan`` turns the paths and ``-o`` into jobs (one map -> one output file, or stdout); ``render``
turns one map into the bytes of one view in one format. Neither prints nor exits; every error a
user can cause is a :class:`RenderError` (or the engine's and converter's own errors, which the
command reports the same way).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from cjmap.model import JourneyMap
from cjmap.render.flow import find_engine, run_dot, to_dot
from cjmap.render.mermaid import to_mermaid
from cjmap.render.pdf import html_to_pdf, map_pages_html
from cjmap.render.png import refuse_too_wide, svg_to_png
from cjmap.render.svg_map import geometry, map_width, render_map_svg
from cjmap.validate import PathError, discover

FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
SUFFIXES = {"svg": ".svg", "png": ".png", "pdf": ".pdf", "dot": ".dot", "mermaid": ".mmd"}
FORMAT_OF_SUFFIX = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot",
                    ".mmd": "mermaid", ".mermaid": "mermaid"}


class RenderError(Exception):
    """A request that cannot be rendered as asked (a bad combination, clashing outputs...)."""


@dataclass(frozen=True)
class Job:
    """One map to render; ``target`` None means standard output."""

    source: Path
    target: Optional[Path]


def choose_render_format(chosen: Optional[str], output: Optional[Path]) -> str:
    """The format asked for, else the one ``-o``'s suffix names, else svg."""
    if chosen:
        return chosen
    if output is not None:
        return FORMAT_OF_SUFFIX.get(output.suffix.lower(), "svg")
    return "svg"


def check_view(view: str, output_format: str) -> None:
    """Refuse the combinations that have no meaning, saying what to use instead."""
    if view == "map" and output_format == "dot":
        raise RenderError("dot is the source of the flow view: use --view flow --format dot")
    if view == "flow" and output_format == "mermaid":
        raise RenderError("--format mermaid writes Mermaid's journey diagram, which is the map "
                          "view: use --view map (or svg, png or dot for the flow view)")
    if view == "flow" and output_format == "pdf":
        raise RenderError("--format pdf prints the map view: use --view map (or svg or png "
                          "for the flow view)")


def _is_folder(output: Path) -> bool:
    return output.is_dir() or str(output).endswith(("/", os.sep))


def _sources(paths: Sequence[Path]) -> list[tuple[Path, Path]]:
    """(file, name relative to the output folder) for every map named or found in a folder."""
    found: list[tuple[Path, Path]] = []
    for given in paths:
        try:
            files = discover([given])
        except PathError as error:
            raise RenderError(str(error)) from None
        for file in files:
            relative = file.relative_to(given) if given.is_dir() else Path(file.name)
            found.append((file, relative))
    return list(dict(found).items())


def plan(paths: Sequence[Path], output: Optional[Path], output_format: str) -> list[Job]:
    """The jobs for ``paths``: one file to ``output`` (or stdout), or many into a folder."""
    sources = _sources(paths)
    if not sources:
        raise RenderError("no map files (*.yaml, *.yml) found in "
                          + ", ".join(str(path) for path in paths))
    single = len(paths) == 1 and not paths[0].is_dir() and len(sources) == 1
    if single and (output is None or not _is_folder(output)):
        return [Job(sources[0][0], output)]
    if output is None:
        raise RenderError("several maps need an output folder: add -o FOLDER")
    if output.exists() and not output.is_dir():
        raise RenderError(f"{output} is a file; several maps need an output folder")
    return _into_folder(sources, output, SUFFIXES[output_format])


def _into_folder(sources: list[tuple[Path, Path]], folder: Path, suffix: str) -> list[Job]:
    jobs: list[Job] = []
    seen: dict[Path, Path] = {}
    for source, relative in sources:
        target = folder / relative.with_suffix(suffix)
        if target in seen:
            raise RenderError(f"{seen[target]} and {source} would both be written to {target}")
        seen[target] = source
        jobs.append(Job(source, target))
    return jobs


def render(journey: JourneyMap, view: str = "map", output_format: str = "svg",
           theme: str = "default", engine: str = "auto") -> bytes:
    """One map as the bytes of a file: the view, in the format, with the theme."""
    check_view(view, output_format)
    if output_format == "mermaid":
        return to_mermaid(journey).encode("utf-8")
    if view == "map":
        return _map(journey, output_format, theme)

    source = to_dot(journey, theme)
    if output_format == "dot":
        return source.encode("utf-8")
    return run_dot(source, output_format, find_engine(engine))


_SIZE = re.compile(r'<svg [^>]*?width="([0-9.]+)" height="([0-9.]+)"')


def _map(journey: JourneyMap, output_format: str, theme: str) -> bytes:
    if output_format == "png":
        refuse_too_wide(map_width(journey))  # before drawing it: 1.4 s at 1,000 steps
    svg = render_map_svg(journey, theme)
    if output_format == "svg":
        return svg.encode("utf-8")

    size = _SIZE.search(svg)
    assert size is not None, "render_map_svg always writes width and height"
    width, height = float(size.group(1)), float(size.group(2))
    if output_format == "pdf":
        return _pdf(journey, svg, width, height)
    return svg_to_png(svg, width, height)


def _pdf(journey: JourneyMap, svg: str, width: float, height: float) -> bytes:
    """The map on A4 landscape pages, split between step columns when it is too wide."""
    geo = geometry(len(journey.steps))
    page = map_pages_html(svg, journey.journey.title, geo.count, geo.left, geo.column,
                          width, height)
    return html_to_pdf(page)
