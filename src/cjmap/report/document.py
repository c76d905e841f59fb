"""Make a report: a map, an audience and a template in; Markdown or an HTML page out.

Callable from Python::

    from cjmap.validate import load_map
    from cjmap.report import ReportOptions, make_report
    text = make_report(load_map("examples/repairs.yaml"), ReportOptions(today=date(2026, 4, 1)))

Nothing here prints or writes a file; errors a template causes are raised as
:class:`~cjmap.report.environment.TemplateError`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

from cjmap.background import in_background
from cjmap.model import JourneyMap
from cjmap.render.mermaid import to_mermaid
from cjmap.render.svg_map import render_map_svg
from cjmap.report.context import AUDIENCES, DEFAULT_TOP, ReportContext, build_context
from cjmap.report.environment import TemplateError, load, markdown_environment, render
from cjmap.report.html import html_page

FORMATS = ("markdown", "html")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class ReportOptions:
    """What to report and how. ``map_image`` is the relative link to the map's SVG, if any;
    ``map_svg`` is the rendered map, when the caller has it already (else it is rendered)."""

    today: dt.date = field(default_factory=dt.date.today)
    audience: str = "influencer"
    format: str = "markdown"
    template: Optional[Path] = None
    top: int = DEFAULT_TOP
    map_image: Optional[str] = None
    map_svg: Optional[str] = None
    theme: str = "default"
    source: str = ""
    folder: Optional[Path] = None  # the map's folder, to fingerprint its evidence files
    since: Optional[Any] = None  # a cjmap.report.since.SinceView: the "since last wave" part


def template_name(audience: str) -> str:
    """The packaged template for an audience."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; choose one of: {', '.join(AUDIENCES)}")
    return f"cjmap/report-{audience}.md.j2"


def map_svg(journey: JourneyMap, theme: str = "default") -> str:
    """The rendered map, from cjmap.render (the same picture as ``cjmap render``)."""
    return render_map_svg(journey, theme=theme)


def report_context(journey: JourneyMap, options: ReportOptions) -> ReportContext:
    image = options.map_image if options.format == "markdown" else None
    context = build_context(journey, today=options.today, audience=options.audience,
                            source=options.source, map_image=image, mermaid=to_mermaid(journey),
                            top=options.top, folder=options.folder)
    return replace(context, since=options.since) if options.since is not None else context


def make_markdown(journey: JourneyMap, options: ReportOptions) -> str:
    """The report as Markdown, from the audience's template or the user's own."""
    if options.template is not None:
        path = options.template
        if not path.is_file():
            raise TemplateError(f"template not found: {path}")
        environment = markdown_environment(path.resolve().parent)
        template = load(environment, path.name)
    else:
        template = load(markdown_environment(), template_name(options.audience))
    return tidy(render(template, report_context(journey, options).variables()))


# From this many steps the map takes longer to draw than a fork costs.
BACKGROUND_MAP_FROM = 50


def make_report(journey: JourneyMap, options: ReportOptions) -> str:
    """The report in ``options.format``: Markdown, or one self-contained HTML page."""
    if options.format not in FORMATS:
        raise ValueError(f"unknown format {options.format!r}; choose one of: {', '.join(FORMATS)}")
    drawing = None
    if options.format == "html" and options.map_svg is None:
        # Drawn on another core while the Markdown is written, for a map big enough to pay.
        drawing = in_background(map_svg, journey, options.theme,
                                parallel=len(journey.steps) >= BACKGROUND_MAP_FROM)
    try:
        markdown = make_markdown(journey, options)
    except BaseException:
        if drawing is not None:
            drawing.cancel()
        raise
    if options.format == "markdown":
        return markdown

    svg = options.map_svg if drawing is None else drawing.result()
    return html_page(markdown, title=journey.journey.title, svg=svg,
                     alt=f"Journey map: {journey.journey.title}")


def tidy(markdown: str) -> str:
    """Tidy a rendered template: no trailing spaces, at most one blank line in a row, and one
    newline at the end. Code blocks are left exactly as they are.

    Templates can then be written for people to read, without fussing over blank lines.
    """
    out: list[str] = []
    fence: Optional[str] = None
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)) \
                and not line.strip().strip(fence[0]):
            fence = None
            out.append(line.rstrip())
            continue
        if fence is None:
            line = line.rstrip()
            if not line and (not out or not out[-1]):
                continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"
