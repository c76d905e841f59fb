"""One journey's files: its page (map, flow, trend), three reports, three walk-throughs, and
its YAML and CSV. A plain function of picklable values, so that journeys build in parallel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cjmap.export import to_csv
from cjmap.figures.evidence import journey_figures
from cjmap.model import JourneyMap
from cjmap.render.flow import EngineError, find_engine, run_dot, to_dot
from cjmap.render.svg_map import render_map_svg
from cjmap.report import ReportOptions, make_report
from cjmap.report.html import inline_svg
from cjmap.site import figures
from cjmap.site.render import AUDIENCES, page
from cjmap.site.slides import make_slides


@dataclass(frozen=True)
class Entry:
    """A valid map in the site: where it came from and where its pages go."""

    label: str  # the path as given, for people
    slug: str  # its folder under journeys/
    journey: JourneyMap
    raw: bytes

    @property
    def folder(self) -> str:
        return f"journeys/{self.slug}/"


@dataclass(frozen=True)
class Task:
    """Everything one journey's files need (all picklable)."""

    entry: Entry
    today: dt.date
    theme: str
    engine: str
    has_tsm: bool
    trend: dict[str, Any] | None
    current: tuple[str, str] | None  # (href, label) of the latest wave, for a past wave


def build_journey(task: Task) -> dict[str, bytes]:
    """The files of one journey, keyed by their path in the site."""
    entry, journey = task.entry, task.entry.journey
    svg = render_map_svg(journey, task.theme)
    files = {f"{entry.slug}.yaml": entry.raw,
             f"{entry.slug}.csv": to_csv(journey, task.today).encode("utf-8"),
             "index.html": _page(task, svg).encode("utf-8")}
    for audience, _ in AUDIENCES:
        files[f"report-{audience}.html"] = _report(task, audience, svg).encode("utf-8")
        files[f"slides-{audience}.html"] = make_slides(
            journey, audience, today=task.today, theme=task.theme).encode("utf-8")
    return {entry.folder + name: data for name, data in files.items()}


def _report(task: Task, audience: str, svg: str) -> str:
    options = ReportOptions(today=task.today, audience=audience, format="html", map_svg=svg,
                            theme=task.theme, source=task.entry.label)
    return make_report(task.entry.journey, options)


def _flow(journey: JourneyMap, theme: str, engine: str) -> tuple[str | None, str]:
    """The flow view as inline SVG, or None and why not."""
    try:
        svg = run_dot(to_dot(journey, theme), "svg", find_engine(engine)).decode("utf-8")
    except EngineError as error:
        return None, str(error)
    return inline_svg(svg), ""


def _steps(journey: JourneyMap) -> list[dict[str, Any]]:
    stages = journey.stage_names()
    evidence = journey_figures(journey)
    return [{"number": number, "name": step.name, "optional": step.optional,
             "stage": stages.get(step.stage or "", step.stage),
             "curve": figures.curve_value(step, evidence),
             "figures": figures.step_figures(step, evidence),
             "moment": step.moment_of_truth,
             "open": figures.open_actions(step),
             "channels": list(dict.fromkeys(point.channel for point in step.touchpoints))}
            for number, step in enumerate(journey.steps, start=1)]


def _page(task: Task, svg: str) -> str:
    from markupsafe import Markup

    entry, journey = task.entry, task.entry.journey
    flow, flow_error = _flow(journey, task.theme, task.engine)
    summary = figures.summary(journey, task.today)
    return page("journey.html.j2", {
        "title": f"{journey.journey.title} – {journey.journey.period or entry.label}",
        "root": "../../", "nav": "journey", "theme": task.theme, "has_tsm": task.has_tsm,
        "summary": summary, "about": journey.journey, "today": task.today.isoformat(),
        "source": entry.label, "audiences": AUDIENCES, "yaml_name": f"{entry.slug}.yaml",
        "csv_name": f"{entry.slug}.csv", "map_svg": Markup(inline_svg(svg)),
        "flow_svg": Markup(flow) if flow else None, "flow_error": flow_error,
        "steps": _steps(journey), "trend": task.trend,
        "current_href": task.current[0] if task.current else None,
        "current_label": task.current[1] if task.current else None,
    })
