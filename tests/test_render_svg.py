"""The SVG map: parsed and checked for content, escaping, layout and determinism."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from typing import Any, Optional

import pytest
from conftest import EXAMPLES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.figures import wording
from cjmap.figures.derived import balance
from cjmap.figures.evidence import journey_figures
from cjmap.model import JourneyMap
from cjmap.render.layout import text_width
from cjmap.render.svg_map import geometry, render_map_svg
from cjmap.render.themes import THEMES, UnknownTheme
from cjmap.validate import load_map

NS = {"s": "http://www.w3.org/2000/svg"}
S = "{http://www.w3.org/2000/svg}"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
HOSTILE = "<script>alert('x')</script> & \"q\" ]]> [x](javascript:alert(1)) | \u202e\u00e9\u4e2d"
ALLOWED = {"svg", "title", "desc", "defs", "linearGradient", "stop", "pattern", "rect", "g",
           "text", "line", "circle", "polygon", "polyline"}

sys.path.insert(0, str(ROOT / "benchmarks"))
from support import examples
from synthetic_map import synthetic_map  # noqa: E402


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def lane(root: ET.Element, key: str) -> Optional[ET.Element]:
    return root.find(f".//s:g[@data-lane='{key}']", NS)


def cell_text(root: ET.Element, key: str, step_id: str) -> Optional[str]:
    """All text of one step's cell in a lane, lines joined by spaces."""
    group = lane(root, key)
    if group is None:
        return None
    cell = group.find(f"s:g[@data-step='{step_id}']", NS)
    if cell is None:
        return None
    return " ".join(text.text or "" for text in cell.iter(f"{S}text"))


def build(**step: Any) -> JourneyMap:
    data = {"id": "s", "name": "Step"}
    data.update(step)
    return JourneyMap.model_validate(
        {"cjmap": 1, "journey": {"title": "T", "customer": "C"}, "steps": [data]})


def hostile_map(text: str = HOSTILE) -> JourneyMap:
    step = {
        "id": "s", "name": text, "stage": "a", "summary": text, "doing": text,
        "thinking": text, "feeling": text, "optional": True, "moment_of_truth": text,
        "touchpoints": [{"channel": text, "with": text, "note": text}],
        "feedback": {"positive": 1, "negative": 2},
        "quotes": [{"text": text, "sentiment": "negative", "who": text}],
        "survey": {"question": text, "base": 10, "satisfied": 50, "dissatisfied": 20,
                   "segments": [{"name": text, "base": 5, "dissatisfied": 40}]},
        "metrics": [{"name": text, "value": 3, "unit": text, "target": 2, "better": "lower"}],
        "pain_points": [text],
        "actions": [{"recommendation": text, "owner": text, "status": "agreed",
                     "due": "2026-03-31"}],
    }
    return JourneyMap.model_validate({
        "cjmap": 1,
        "journey": {"title": text, "customer": text, "organisation": text, "period": text,
                    "owner": text, "research": [{"method": "other", "note": text}]},
        "stages": [{"id": "a", "name": text}],
        "steps": [step, {"id": "t", "name": "Second", "feedback": {"positive": 3}}],
    })


@pytest.fixture(scope="module", params=EXAMPLE_FILES, ids=lambda p: p.stem)
def example(request):
    journey = load_map(request.param)
    return journey, render_map_svg(journey)


def test_a_standalone_document_with_size_and_viewbox(example):
    _, svg = example
    root = parse(svg)
    assert root.tag == f"{S}svg"
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert width > 900 and height > 600
    assert not svg.startswith("<?xml")  # inline HTML embedding takes the document as it is
    assert {element.tag[len(S):] for element in root.iter()} <= ALLOWED


def test_every_step_is_drawn_with_its_name_in_order(example):
    journey, svg = example
    root = parse(svg)
    header = lane(root, "steps")
    cells = header.findall("s:g", NS)
    assert [cell.get("data-step") for cell in cells] == [step.id for step in journey.steps]
    for number, step in enumerate(journey.steps, start=1):
        text = cell_text(root, "steps", step.id)
        assert text.startswith(f"STEP {number} ")
        assert " ".join(step.name.split()) in text


def test_feedback_counts_are_written_out(example):
    journey, svg = example
    root = parse(svg)
    for step in journey.steps:
        counts = balance(step)
        text = cell_text(root, "feedback", step.id)
        if counts.total:
            assert (f"{counts.positive} positive \u00b7 {counts.neutral} neutral \u00b7 "
                    f"{counts.negative} negative") in text
        if counts.no_comment:
            assert f"{counts.no_comment} could not comment" in text


def test_moments_of_truth_are_marked_with_their_reason(example):
    journey, svg = example
    root = parse(svg)
    for step in journey.steps:
        reason = cell_text(root, "moments", step.id)
        header = cell_text(root, "steps", step.id)
        if step.is_moment_of_truth:
            assert reason.startswith("Moment of truth ")
            assert " ".join(step.moment_of_truth.split()) in reason
            assert "moment of truth" in header
        else:
            assert reason is None and "moment of truth" not in header


def test_the_curve_has_a_point_and_label_per_step_with_a_value(example):
    journey, svg = example
    root = parse(svg)
    curve = root.find(".//s:g[@class='curve']", NS)
    figures = journey_figures(journey)
    expected = [wording.series_figure(item.curve, figures.curve) for item in figures.steps
                if item.curve is not None]
    points = curve.findall(".//s:g[@class='point']", NS)
    assert [point.findtext("s:text", namespaces=NS) for point in points] == expected
    assert all(point.findtext("s:title", namespaces=NS) for point in points)
    markers = [p.findall(".//s:circle", NS) + p.findall(".//s:polygon", NS) for p in points]
    assert all(markers)


def test_optional_steps_are_outlined_dashed(example):
    journey, svg = example
    root = parse(svg)
    dashed = [rect for rect in root.iter(f"{S}rect") if rect.get("stroke-dasharray") == "8 5"]
    assert len(dashed) == sum(step.optional for step in journey.steps)
    for step in journey.steps:
        assert ("optional" in cell_text(root, "steps", step.id).split()) == step.optional


def test_actions_show_status_owner_and_due(example):
    journey, svg = example
    root = parse(svg)
    for step in journey.steps:
        text = cell_text(root, "actions", step.id) or ""
        for action in step.actions:
            assert action.status.replace("-", " ") in text
            if action.owner:
                assert " ".join(action.owner.split())[:20] in text
            if action.due:
                assert f"due {action.due.label}" in text


def test_title_block_names_journey_customer_organisation_period_and_research(example):
    journey, svg = example
    root = parse(svg)
    text = " ".join(t.text or "" for t in root.iter(f"{S}text"))
    info = journey.journey
    for value in (info.title, info.organisation, info.period):
        assert value is None or value in text
    assert "Customer:" in text and "Research:" in text
    assert root.find("s:title", NS).text == f"Customer journey map: {info.title}"


def test_the_same_input_gives_the_same_bytes_in_another_process(tmp_path):
    path = EXAMPLES / "new-tenants.yaml"
    code = ("import sys; from cjmap.validate import load_map; from cjmap.render.svg_map import "
            "render_map_svg; sys.stdout.write(render_map_svg(load_map(sys.argv[1]), 'high-contrast'))")
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", code, str(path)], env=env, check=True,
                              capture_output=True)
        outputs.add(done.stdout)
    assert outputs == {render_map_svg(load_map(path), "high-contrast").encode()}


def test_hostile_text_is_escaped_everywhere():
    svg = render_map_svg(hostile_map())
    root = parse(svg)  # well-formed: nothing broke out of its element
    assert {element.tag[len(S):] for element in root.iter()} <= ALLOWED
    assert "<script" not in svg and "]]>" not in svg
    texts = [t.text or "" for t in root.iter(f"{S}text")]
    assert any("<script>alert('x')</script>" in text for text in texts)
    shown = HOSTILE.replace("\u202e", "")  # the bidirectional override is dropped
    assert root.find("s:title", NS).text.endswith(shown)
    tooltips = [t.text for t in root.iter(f"{S}title")]
    assert shown in tooltips  # the summary, as the step's tooltip


def test_a_stage_reference_cannot_break_out_of_its_attribute():
    # The model takes any text as a step's stage (the stage-reference check flags unknown ones).
    journey = JourneyMap.model_validate({
        "cjmap": 1, "journey": {"title": "T", "customer": "C"},
        "steps": [{"id": "s", "name": "S", "stage": 'x" onload="alert(1)'}]})
    root = parse(render_map_svg(journey))
    band = root.find(".//s:g[@class='stage']", NS)
    assert band.get("data-stage") == 'x" onload="alert(1)' and band.get("onload") is None


def test_characters_xml_cannot_carry_are_dropped():
    svg = render_map_svg(build(name="a\x01b\x08c\ufffed", doing="tab\there"))
    assert "abcd" in cell_text(parse(svg), "steps", "s")


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_theme_renders_the_hostile_map(theme):
    parse(render_map_svg(hostile_map(), theme))


def test_high_contrast_hatches_negative_feedback():
    svg = render_map_svg(build(feedback={"positive": 2, "negative": 5}), "high-contrast")
    assert 'fill="url(#' in svg and "-hatch)" in svg
    assert "-hatch)" not in render_map_svg(build(feedback={"positive": 2, "negative": 5}))


def test_unknown_theme():
    with pytest.raises(UnknownTheme, match="default, high-contrast"):
        render_map_svg(build(), "neon")


def test_ids_differ_between_maps_and_themes_so_inline_copies_do_not_clash():
    first, second = render_map_svg(build(name="A")), render_map_svg(build(name="B"))
    get_id = lambda svg: parse(svg).find(".//s:linearGradient", NS).get("id")  # noqa: E731
    assert get_id(first) != get_id(second)
    assert get_id(first) != get_id(render_map_svg(build(name="A"), "high-contrast"))


def test_lanes_without_content_are_left_out():
    root = parse(render_map_svg(build()))
    present = {g.get("data-lane") for g in root.iter(f"{S}g") if g.get("data-lane")}
    assert present == {"steps"}
    assert root.find(".//s:g[@class='curve']", NS) is None


def test_a_step_without_data_says_so_on_the_curve():
    journey = JourneyMap.model_validate({
        "cjmap": 1, "journey": {"title": "T", "customer": "C"},
        "steps": [{"id": "a", "name": "A", "feedback": {"positive": 1}},
                  {"id": "b", "name": "B"}]})
    curve = parse(render_map_svg(journey)).find(".//s:g[@class='curve']", NS)
    assert "no data" in [t.text for t in curve.iter(f"{S}text")]


def test_the_curve_never_blends_survey_into_feedback():
    # Feedback is plotted (the default when a step has counts); the survey is shown beside it
    # in its own mark, not joined into the line.
    journey = build(feedback={"positive": 1, "negative": 9},
                    survey={"satisfied": 70, "dissatisfied": 10, "base": 50})
    root = parse(render_map_svg(journey))
    curve = root.find(".//s:g[@class='curve']", NS)
    assert curve.get("data-series") == "feedback"
    point = curve.find(".//s:g[@class='point']", NS)
    assert point.findtext("s:text", namespaces=NS) == "net \u221280"
    assert point.find("s:circle", NS) is not None  # a circle, the feedback mark
    other = curve.find(".//s:g[@class='other']", NS)
    assert other.findtext("s:text", namespaces=NS) == "survey net +60"
    assert "Survey (base 50)" in cell_text(root, "feedback", "s")


def test_a_declared_survey_curve_plots_diamonds_with_whiskers_and_a_tooltip():
    journey = JourneyMap.model_validate({
        "cjmap": 1, "journey": {"title": "T", "customer": "C", "curve": "survey"},
        "steps": [{"id": "s", "name": "Step", "feedback": {"positive": 1, "negative": 9},
                   "survey": {"satisfied": 70, "dissatisfied": 10, "base": 50}}]})
    root = parse(render_map_svg(journey))
    point = root.find(".//s:g[@class='point']", NS)
    assert point.findtext("s:text", namespaces=NS) == "survey net +60"
    assert point.find("s:polygon", NS) is not None  # the diamond
    assert len(point.findall("s:line", NS)) == 3  # whisker and its two caps
    tip = point.findtext("s:title", namespaces=NS)
    assert "of 50" in tip and "95% CI" in tip and "net \u221280 from 10 comments" in tip


# Layout: nothing may overlap or spill out of its column, for any number of steps.

def _columns(root: ET.Element) -> dict[str, tuple[float, float]]:
    """Each step's column, from its header cell's position and the column pitch."""
    cells = lane(root, "steps").findall("s:g", NS)
    lefts = [float(cell.find(f".//{S}text").get("x")) for cell in cells]
    pitch = geometry(len(cells)).column
    return {cell.get("data-step"): (x - 10, x - 10 + pitch) for cell, x in zip(cells, lefts)}


def _text_box(text: ET.Element) -> tuple[float, float, float, float]:
    size = float(text.get("font-size"))
    width = text_width(text.text or "", size, text.get("font-weight") == "bold")
    x, y = float(text.get("x")), float(text.get("y"))
    if text.get("text-anchor") == "middle":
        x -= width / 2
    return x, x + width, y - size, y + size * 0.25


def assert_laid_out(svg: str) -> None:
    root = parse(svg)
    columns = _columns(root)
    previous_bottom = 0.0
    for group in root.findall("s:g[@data-lane]", NS):
        tops, bottoms = [], []
        for cell in group.findall("s:g[@data-step]", NS):
            left, right = columns[cell.get("data-step")]
            for text in cell.iter(f"{S}text"):
                x0, x1, y0, y1 = _text_box(text)
                assert left <= x0 and x1 <= right + 0.5, (text.text, x0, x1, left, right)
                tops.append(y0)
                bottoms.append(y1)
        if tops:
            assert min(tops) >= previous_bottom, group.get("data-lane")
            previous_bottom = max(bottoms)


@pytest.mark.parametrize("steps", [1, 3, 30])
def test_synthetic_maps_keep_text_inside_columns_and_lanes(steps):
    assert_laid_out(render_map_svg(synthetic_map(steps)))


def test_examples_keep_text_inside_columns_and_lanes(example):
    assert_laid_out(example[1])


def test_long_words_and_wide_characters_wrap_inside_the_column():
    assert_laid_out(render_map_svg(hostile_map("x" * 300 + " " + "\u4e2d" * 80)))


words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120)


@settings(max_examples=examples(60), deadline=None)
@given(words)
def test_any_text_stays_well_formed_and_complete(name):
    svg = render_map_svg(build(name=name, doing=name))
    root = parse(svg)
    from cjmap.render.svg import clean

    expected = "".join(clean(name).split())
    doing = cell_text(root, "doing", "s") or ""
    assert "".join(doing.split()) == expected


def test_bidirectional_overrides_are_dropped():
    svg = render_map_svg(build(name="safe \u202eevil\u202c \u2067x\u2069 \u05e9\u05dc\u05d5\u05dd"))
    text = cell_text(parse(svg), "steps", "s")
    assert "safe evil x \u05e9\u05dc\u05d5\u05dd" in text  # Hebrew itself is kept
