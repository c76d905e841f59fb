"""``cjmap report``: a Markdown report (or one HTML page) from a map, for an audience."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Optional

import typer

from cjmap.commands.common import (
    EXIT_ERROR,
    EXIT_OK,
    TODAY_HELP,
    choice_value,
    choices,
    fail,
    load_or_fail,
    load_valid,
    refuse_inputs_or_fail,
    require_valid,
    today_or_now,
)
from cjmap.diff.git import GitError, read_at_revision
from cjmap.load import load_text
from cjmap.render.pdf import PdfError, html_to_pdf, with_page_css
from cjmap.render.themes import UnknownTheme, get_theme
from cjmap.report import ReportOptions, TemplateError, make_report
from cjmap.report.context import AUDIENCES
from cjmap.report.document import map_svg
from cjmap.report.since import since_view
from cjmap.safe_text import without_bidi
from cjmap.site.slides import make_slides
from cjmap.writing import WriteRefused, write_atomic

if TYPE_CHECKING:
    Audience = str
else:
    Audience = choices("Audience", AUDIENCES)


class Format(str, Enum):
    markdown = "markdown"
    html = "html"
    pdf = "pdf"
    slides = "slides"


def report(
    path: Path = typer.Argument(..., metavar="MAP", help="The map file to report on."),
    audience: Audience = typer.Option(
        "influencer", "--audience", "-a",
        help="influencer: the full report; executive: one page; front-line: step by step, "
             "what customers said and what staff do differently."),
    output_format: Optional[Format] = typer.Option(
        None, "--format", "-f",
        help="markdown, html (one self-contained page), pdf (A4, numbered pages; needs "
             "--output and a Chromium-family browser) or slides (a workshop walk-through, one "
             "step per screen). Default: from --output's suffix (.html, .pdf), else markdown."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to FILE instead of stdout."),
    template: Optional[Path] = typer.Option(
        None, "--template", "-t", metavar="FILE",
        help="Your own Markdown template (jinja2); see docs/report.md for its variables."),
    with_map: bool = typer.Option(
        False, "--with-map",
        help="Also write the map as SVG beside the report (same name, .svg) and link to it."),
    today: Optional[str] = typer.Option(None, "--today", metavar="DATE",
                                        help=TODAY_HELP + " Flags overdue actions."),
    top: int = typer.Option(3, "--top", min=0, metavar="N",
                            help="How many priorities to explain in detail."),
    theme: str = typer.Option("default", "--theme", metavar="THEME", help="Map theme: default or high-contrast."),
    since: Optional[str] = typer.Option(
        None, "--since", metavar="REV|FILE",
        help="Add a 'since last wave' section: compare with this earlier wave, a map file or "
             "MAP as committed at a git revision (every change tested for chance)."),
) -> None:
    """Write a report from a map: summary, scope, research, the journey at a glance,
    priorities, each step, and the action plan.

    Exit 0, 1 an invalid map, 2 a usage, template or file error.
    """
    chosen = _format(output_format, output)
    svg_path = _svg_path(output) if with_map else None
    _check_theme(theme)
    inputs = [path] + ([template] if template is not None else [])
    inputs += [Path(since)] if since is not None and Path(since).is_file() else []
    for target in (output, svg_path):
        refuse_inputs_or_fail(target, inputs)
    day = today_or_now(today)
    if chosen == "pdf" and output is None:
        fail("a PDF needs --output FILE.pdf")
    journey = load_or_fail(path)
    if chosen == "slides":
        _emit(make_slides(journey, choice_value(audience), today=day, theme=theme), output)
    # Without --with-map, an HTML report draws its map itself (on another core, if it pays).
    svg = _svg(journey, theme) if svg_path else None

    options = ReportOptions(
        today=day, audience=choice_value(audience),
        format="html" if chosen == "pdf" else chosen, template=template, top=top,
        map_image=svg_path.name if svg_path else None, map_svg=svg, theme=theme,
        source=path.name, folder=path.parent,
        since=_since(path, since, journey) if since else None)
    text = without_bidi(_make(journey, options))
    if svg_path is not None and svg is not None:
        _write(svg_path, svg)
    if chosen == "pdf" and output is not None:
        _write(output, _pdf(text))
        raise typer.Exit(EXIT_OK)
    _emit(text, output)


def _emit(text: str, output: Optional[Path]) -> NoReturn:
    if output is None:
        typer.echo(text, nl=False)
    else:
        _write(output, text)
    raise typer.Exit(EXIT_OK)


def _since(path: Path, since: str, journey: Any) -> Any:
    """The "since last wave" view: ``since`` is a map file if one exists by that name, else a
    git revision of ``path``; a git error exits 2, an invalid earlier map 1."""
    if Path(since).is_file():
        return since_view(load_valid(Path(since)), journey, since)
    try:
        committed = read_at_revision(path, since)
    except GitError as error:
        fail(str(error), EXIT_ERROR)
    earlier = require_valid(load_text(committed.content, committed.label), hint=False)
    return since_view(earlier, journey, committed.label)


def _pdf(html: str) -> bytes:
    try:
        return html_to_pdf(with_page_css(html))
    except PdfError as error:
        fail(str(error), EXIT_ERROR)


def _format(chosen: Optional[Format], output: Optional[Path]) -> str:
    if chosen is not None:
        return chosen.value
    if output is not None and output.suffix.lower() in (".html", ".htm"):
        return "html"
    if output is not None and output.suffix.lower() == ".pdf":
        return "pdf"
    return "markdown"


def _svg_path(output: Optional[Path]) -> Path:
    """Where --with-map writes the SVG: beside the report, with the report's name."""
    if output is None:
        fail("--with-map needs --output: the map is written beside the report, and the "
             "report links to it by a relative path")
    svg_path = output.with_suffix(".svg")
    if svg_path == output:
        fail(f"--with-map would overwrite the report {output}; give the report another name")
    return svg_path


def _check_theme(theme: str) -> None:
    try:
        get_theme(theme)
    except UnknownTheme as error:
        fail(str(error))


def _svg(journey: Any, theme: str) -> str:
    return map_svg(journey, theme)


def _make(journey: Any, options: Any) -> str:
    try:
        return make_report(journey, options)
    except TemplateError as error:
        fail(str(error), EXIT_ERROR)


def _write(path: Path, text: str | bytes) -> None:
    try:
        write_atomic(path, text)
    except WriteRefused as error:
        fail(f"cannot write: {error}", EXIT_ERROR)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}", EXIT_ERROR)
