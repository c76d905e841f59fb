"""Property tests across every output: any valid map, with any text in it, gives well-formed
SVG, Markdown whose tables keep their shape, a Mermaid diagram with one task per step, CSV that
reads back, and the same bytes every time."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.export import to_csv
from cjmap.model import JourneyMap
from cjmap.render.flow import to_dot
from cjmap.render.mermaid import to_mermaid
from cjmap.render.svg_map import render_map_svg
from cjmap.report.document import ReportOptions, make_report

TODAY = dt.date(2026, 11, 23)
# Printable text with the characters that break markup: XML, Markdown, Mermaid, DOT, CSV.
text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("<>&\"'|[]()*_`#:;%{}\\=+-@!~$\n\t ")),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    ),
    min_size=1, max_size=40,
).filter(lambda s: s.strip() != "")
slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)
counts = st.integers(0, 40)


@st.composite
def steps(draw: st.DrawFn, index: int) -> dict:
    step = {"id": f"s{index}-{draw(slugs)}", "name": draw(text),
            "touchpoints": [{"channel": draw(st.sampled_from(["phone", "web", "letter"])),
                             "with": draw(text)}]}
    if draw(st.booleans()):
        step["feedback"] = {"positive": draw(counts), "neutral": draw(counts),
                            "negative": draw(counts)}
    if draw(st.booleans()):
        step["quotes"] = [{"text": draw(text), "sentiment": draw(
            st.sampled_from(["positive", "neutral", "negative"]))}]
    if draw(st.booleans()):
        step["pain_points"] = [draw(text)]
    if draw(st.booleans()):
        step["actions"] = [{"recommendation": draw(text), "owner": draw(text),
                            "status": draw(st.sampled_from(["proposed", "done", "agreed"])),
                            "due": "2026/27 Q4"}]
    if draw(st.booleans()):
        step["summary"] = draw(text)
        step["feeling"] = draw(text)
    step["optional"] = draw(st.booleans())
    return step


@st.composite
def journeys(draw: st.DrawFn) -> JourneyMap:
    count = draw(st.integers(1, 5))
    data = {
        "cjmap": 1,
        "journey": {"title": draw(text), "customer": draw(text), "organisation": draw(text),
                    "period": "2025/26 Q1"},
        "steps": [draw(steps(index)) for index in range(count)],
    }
    marked = draw(st.integers(0, count - 1))
    data["steps"][marked]["moment_of_truth"] = draw(text)
    return JourneyMap.model_validate(data)


SETTINGS = settings(max_examples=examples(40), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(journeys())
def test_svg_is_well_formed_and_deterministic(journey: JourneyMap) -> None:
    svg = render_map_svg(journey)
    root = ET.fromstring(svg)
    assert not any(element.tag.endswith("script") for element in root.iter())
    assert render_map_svg(journey) == svg
    ET.fromstring(render_map_svg(journey, theme="high-contrast"))


@SETTINGS
@given(journeys())
def test_mermaid_has_one_task_per_step(journey: JourneyMap) -> None:
    diagram = to_mermaid(journey)
    lines = diagram.splitlines()
    assert lines[0].strip() == "journey"
    tasks = [line for line in lines if ":" in line and not line.strip().startswith(
        ("title", "section", "journey", "%%"))]
    assert len(tasks) == len(journey.steps)


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_dot_is_accepted_by_graphviz(journey: JourneyMap) -> None:
    from cjmap.render.flow import find_engine, run_dot

    svg = run_dot(to_dot(journey), "svg", find_engine("auto"))
    ET.fromstring(svg)  # the layout engine parsed every label and drew a well-formed picture


@SETTINGS
@given(journeys())
def test_markdown_report_tables_keep_their_columns(journey: JourneyMap) -> None:
    report = make_report(journey, ReportOptions(today=TODAY))
    assert "<script" not in report.replace("\\<script", "")
    for block in report.split("\n\n"):
        rows = [row for row in block.splitlines() if row.startswith("|")]
        if len(rows) >= 2:
            widths = {row.replace("\\|", "").count("|") for row in rows}
            assert len(widths) == 1, block
    assert make_report(journey, ReportOptions(today=TODAY)) == report


@SETTINGS
@given(journeys())
def test_csv_reads_back_row_for_row(journey: JourneyMap) -> None:
    table = list(csv.reader(io.StringIO(to_csv(journey, TODAY))))
    header, rows = table[0], table[1:]
    actions = sum(len(step.actions) for step in journey.steps)
    details = sum(len(step.metrics) + len(step.quotes) + len(step.pain_points)
                  + len(step.survey.segments if step.survey else []) for step in journey.steps)
    assert len(rows) == len(journey.steps) + actions + details
    assert all(len(row) == len(header) for row in rows)
