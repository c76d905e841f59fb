"""Which Tenant Satisfaction Measures a folder of maps evidences: the core of ``cjmap tsm``.

Each survey or metric with a ``tsm:`` code is a piece of evidence for that measure: its figure
(the survey's share satisfied with its base, or the metric's value with its target), the journey
and step it belongs to, and the map's period. Maps of one journey in several waves (the same
title, different periods) give one row per step, the latest wave's: the measure's current
figure, with the number of earlier waves that also had it.

Callable from Python::

    from cjmap.housing.listing import collect, to_markdown
    listing = collect(["maps/"])
    text = to_markdown(listing)

Formatters return text and never print; user text is escaped for the format (Markdown cells,
CSV cells defused for spreadsheets, control characters removed for terminals).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from cjmap.dates import parse_quarter
from cjmap.export import csv_text
from cjmap.housing import tsm
from cjmap.model import JourneyMap, Step
from cjmap.safe_text import markdown_inline, one_line, terminal
from cjmap.validate import MapError, discover, load_map

COLUMNS = ("code", "kind", "title", "wording", "journey", "map", "period", "step", "step_id",
           "step_name", "figure", "value", "unit", "base", "target", "earlier_waves")


@dataclass(frozen=True)
class Evidence:
    """One figure that reports a measure: a survey result or a metric, where it is, and when."""

    code: str
    journey: str
    map: str
    period: Optional[str]
    step: int
    step_id: str
    step_name: str
    figure: str  # "survey" or "metric"
    value: Optional[float]
    unit: Optional[str]
    base: Optional[int] = None
    target: Optional[float] = None
    earlier_waves: int = 0


@dataclass
class Listing:
    """The latest evidence per measure, journey and step; the files that are not valid maps."""

    evidence: list[Evidence] = field(default_factory=list)
    invalid: list[tuple[str, list[Any]]] = field(default_factory=list)  # (path, problems)
    files: int = 0

    def by_measure(self) -> list[tuple[tsm.TsmMeasure, list[Evidence]]]:
        """Each measure with evidence, in the regulator's order, and its evidence in order."""
        catalogue = tsm.load_catalogue()
        return [(measure, [item for item in self.evidence if item.code == code])
                for code, measure in catalogue.items()
                if any(item.code == code for item in self.evidence)]


def map_evidence(path: str, journey: JourneyMap) -> list[Evidence]:
    """Every survey and metric of one map that names a known TSM, in the journey's order."""
    about = journey.journey
    found: list[Evidence] = []
    for number, step in enumerate(journey.steps, start=1):
        where = {"journey": about.title, "map": path, "period": about.period, "step": number,
                 "step_id": step.id, "step_name": step.name}
        found.extend(_step_evidence(where, step))
    return found


def _step_evidence(where: dict[str, Any], step: Step) -> list[Evidence]:
    found = []
    survey = step.survey
    if survey is not None and survey.tsm and tsm.lookup(survey.tsm):
        found.append(Evidence(code=survey.tsm, **where, figure="survey", value=survey.satisfied,
                              unit="% satisfied", base=survey.base))
    for metric in step.metrics:
        if metric.tsm and tsm.lookup(metric.tsm):
            found.append(Evidence(code=metric.tsm, **where, figure="metric", value=metric.value,
                                  unit=metric.unit, target=metric.target))
    return found


def latest(evidence: Iterable[Evidence]) -> list[Evidence]:
    """One row per measure, journey and step: the latest period's, counting the earlier ones.

    Periods are ordered as UK financial quarters ("2025/26 Q1"); a period that is not a quarter
    sorts before every quarter, and among equals the map listed last wins.
    """
    groups: dict[tuple[str, str, str], list[Evidence]] = {}
    for item in evidence:
        groups.setdefault((item.code, item.journey, item.step_id), []).append(item)
    rows = []
    for items in groups.values():
        ordered = sorted(enumerate(items), key=lambda pair: (_when(pair[1].period), pair[0]))
        newest = ordered[-1][1]
        rows.append(Evidence(**{**asdict(newest), "earlier_waves": len(items) - 1}))
    return rows


def _when(period: Optional[str]) -> dt.date:
    quarter = parse_quarter(period) if period else None
    return quarter.start if quarter is not None else dt.date.min


def collect(paths: Sequence[str | Path]) -> Listing:
    """Load every map under ``paths`` and keep the latest evidence for each measure.

    A map must be valid as ``cjmap validate`` means it; an invalid one is listed with its
    problems and left out. Raises :class:`cjmap.validate.PathError` for a missing path.
    """
    listing = Listing()
    found: list[Evidence] = []
    for path in discover(paths):
        listing.files += 1
        try:
            journey = load_map(path)
        except MapError as error:
            listing.invalid.append((str(path), list(error.problems)))
        else:
            found.extend(map_evidence(str(path), journey))
    listing.evidence = latest(found)
    return listing


def figure_text(item: Evidence) -> str:
    """The figure as a person reads it: ``41% satisfied (base 120)``, ``12 days (target 10)``."""
    if item.value is None:
        text = "no figure yet"
    elif item.figure == "survey":
        text = f"{item.value:g}% satisfied"
    else:
        text = f"{item.value:g}{_unit(item.unit)}"
    extra = []
    if item.base is not None:
        extra.append(f"base {item.base}")
    if item.target is not None:
        extra.append(f"target {item.target:g}{_unit(item.unit)}")
    return text + (f" ({', '.join(extra)})" if extra else "")


def _unit(unit: Optional[str]) -> str:
    if not unit:
        return ""
    return unit if unit.startswith("%") else f" {one_line(unit)}"


def summary_line(listing: Listing) -> str:
    measures = len(listing.by_measure())
    return (f"{measures} of {len(tsm.load_catalogue())} Tenant Satisfaction Measures evidenced"
            f" by {listing.files} map file{'s' if listing.files != 1 else ''}.")


def to_text(listing: Listing) -> str:
    """Plain text for a terminal: each measure, its wording, then one line per step."""
    lines = [summary_line(listing)]
    for measure, items in listing.by_measure():
        lines += ["", f"{measure.code}  {measure.title} ({measure.kind})",
                  f"      {measure.wording}"]
        for item in items:
            lines.append(terminal(f"      {one_line(item.journey)}, {item.step}."
                                  f" {one_line(item.step_name)}: {figure_text(item)}"
                                  f", {one_line(item.period or 'no period')} ({item.map})"))
    return "\n".join(lines) + "\n"


def to_markdown(listing: Listing) -> str:
    """A Markdown table, every cell escaped, for a wiki page or an issue."""
    lines = [summary_line(listing), "",
             "| TSM | Measure | Journey | Step | Figure | Period | Map |",
             "|---|---|---|---|---|---|---|"]
    for measure, items in listing.by_measure():
        for item in items:
            lines.append(f"| {measure.code} | {md_cell(measure.title)}: {md_cell(measure.wording)}"
                         f" | {md_cell(item.journey)} | {item.step}. {md_cell(item.step_name)}"
                         f" | {md_cell(figure_text(item))} | {md_cell(item.period)}"
                         f" | {md_cell(item.map)} |")
    return "\n".join(lines) + "\n"


def md_cell(value: Optional[str]) -> str:
    """Text for a Markdown table cell, on one line and escaped; an en dash when empty."""
    if value is None or not one_line(value):
        return "\u2013"
    return markdown_inline(value, line_start=False)


def record(measure: tsm.TsmMeasure, item: Evidence) -> dict[str, Any]:
    """One row as plain values, keyed by :data:`COLUMNS`."""
    values = asdict(item)
    values.update(kind=measure.kind, title=measure.title, wording=measure.wording)
    return {name: values[name] for name in COLUMNS}


def to_csv(listing: Listing) -> str:
    """CSV with a header row; text a spreadsheet would run as a formula is defused."""
    rows = (record(measure, item) for measure, items in listing.by_measure() for item in items)
    return csv_text(COLUMNS, ([row[name] for name in COLUMNS] for row in rows))


def to_json(listing: Listing) -> str:
    """``{"files": n, "measures": [{code, kind, title, wording, evidence: [...]}]}``."""
    measures = [{"code": measure.code, "kind": measure.kind, "title": measure.title,
                 "wording": measure.wording,
                 "evidence": [{key: value for key, value in record(measure, item).items()
                               if key not in ("code", "kind", "title", "wording")}
                              for item in items]}
                for measure, items in listing.by_measure()]
    document = {"files": listing.files, "measures": measures}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
