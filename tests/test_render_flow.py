"""The flow view: DOT source (golden files), bypasses, escaping, and the layout engines."""

from __future__ import annotations

import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES

from cjmap.model import JourneyMap
from cjmap.render import flow
from cjmap.render.flow import EngineError, find_engine, html, quoted, run_dot, to_dot
from cjmap.validate import load_map

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
HOSTILE = "<b>x</b> & \"q\" \\N \\G ]]> {}; -> | \u4e2d"


def journey(*steps: dict, stages: list | None = None, title: str = "T") -> JourneyMap:
    return JourneyMap.model_validate({"cjmap": 1, "journey": {"title": title, "customer": "C"},
                                      "stages": stages or [], "steps": list(steps)})


def edges(dot: str) -> list[tuple[str, str, bool]]:
    """(from, to, dashed) for every edge in the source."""
    found = re.findall(r"^  (\w+) -> (\w+)( \[style=dashed)?", dot, re.M)
    return [(a, b, bool(dashed)) for a, b, dashed in found]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_match_golden(path, golden):
    golden(f"render/{path.stem}.dot", to_dot(load_map(path)))


def test_high_contrast_golden(golden):
    golden("render/new-tenants-high-contrast.dot",
           to_dot(load_map(EXAMPLES / "new-tenants.yaml"), "high-contrast"))


def test_steps_chain_from_start_to_end():
    dot = to_dot(journey({"id": "a", "name": "A"}, {"id": "b", "name": "B"}))
    assert edges(dot) == [("start", "s1", False), ("s1", "s2", False), ("s2", "end", False)]


def test_optional_steps_can_be_bypassed_even_several_in_a_row():
    dot = to_dot(journey({"id": "a", "name": "A"}, {"id": "b", "name": "B", "optional": True},
                         {"id": "c", "name": "C", "optional": True}, {"id": "d", "name": "D"}))
    assert set(edges(dot)) == {
        ("start", "s1", False), ("s1", "s2", False), ("s1", "s3", True), ("s1", "s4", True),
        ("s2", "s3", False), ("s2", "s4", True), ("s3", "s4", False), ("s4", "end", False)}
    assert re.search(r"s2 \[shape=box, style=\"rounded,filled,dashed\"", dot)


def test_an_optional_last_step_can_be_skipped_to_the_end():
    dot = to_dot(journey({"id": "a", "name": "A"}, {"id": "b", "name": "B", "optional": True}))
    assert ("s1", "end", True) in edges(dot)


def test_moments_of_truth_are_highlighted():
    dot = to_dot(journey({"id": "a", "name": "A", "moment_of_truth": "why"},
                         {"id": "b", "name": "B"}))
    first, second = [line for line in dot.splitlines() if re.match(r"  s\d+ \[", line)][:2]
    assert "penwidth=3" in first and "MOMENT OF TRUTH" in first
    assert "penwidth=3" not in second and "MOMENT OF TRUTH" not in second


def test_channels_sit_beside_the_step():
    dot = to_dot(journey({"id": "a", "name": "A", "touchpoints": [
        {"channel": "phone"}, {"channel": "email"}, {"channel": "phone"}]}))
    assert "phone<BR/>email</FONT>" in dot


def test_stages_are_clusters_and_a_recurring_stage_gets_a_second_box():
    dot = to_dot(journey({"id": "a", "name": "A", "stage": "x"},
                         {"id": "b", "name": "B", "stage": "y"},
                         {"id": "c", "name": "C", "stage": "x"},
                         stages=[{"id": "x", "name": "X"}, {"id": "y", "name": "Y"}]))
    clusters = re.findall(r"subgraph (cluster_\d+) \{ label=<<B>(\w)</B>>", dot)
    assert clusters == [("cluster_0", "X"), ("cluster_1", "Y"), ("cluster_2", "X")]


def test_escaping_helpers():
    assert html('<a href="x">&') == "&lt;a href=&quot;x&quot;&gt;&amp;"
    assert quoted('say "hi" \\N') == '"say \\"hi\\" \\\\N"'
    assert html("a\x00b\nc") == "ab c"


def test_hostile_text_stays_text_through_the_layout_engine():
    steps = [{"id": "a", "name": HOSTILE, "summary": HOSTILE, "stage": "x",
              "touchpoints": [{"channel": HOSTILE}]}]
    dot = to_dot(journey(*steps, stages=[{"id": "x", "name": HOSTILE}], title=HOSTILE))
    labels = re.sub(r'tooltip="(?:[^"\\]|\\.)*"', "", dot)  # tooltips are plain quoted text
    assert "<b>x</b>" not in labels and "&lt;b&gt;x&lt;/b&gt;" in labels
    svg = run_dot(dot, "svg", find_engine("pure")).decode("utf-8")
    root = ET.fromstring(svg)
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "<b>x</b>" in texts and "\\N" in texts and '"q"' in texts
    assert not root.findall(".//{http://www.w3.org/2000/svg}b")


def test_the_pure_engine_lays_out_every_example_as_svg_and_png():
    engine = find_engine("pure")
    for path in EXAMPLE_FILES:
        dot = to_dot(load_map(path))
        svg = run_dot(dot, "svg", engine)
        ET.fromstring(svg)
        assert run_dot(dot, "png", engine).startswith(b"\x89PNG\r\n\x1a\n")


def _fake_program(folder: Path, name: str) -> Path:
    program = folder / name
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return program


def test_auto_prefers_the_system_dot(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    _fake_program(tmp_path, "dot")
    assert find_engine("auto") == flow.Engine("system", str(tmp_path / "dot"))
    assert find_engine("pure").kind == "pure"


def test_auto_falls_back_to_graphviz_pure_next_to_python(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    engine = find_engine("auto")
    assert engine.kind == "pure" and Path(engine.path).name.startswith("graphviz-pure")


def test_system_without_dot_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EngineError, match="--engine pure"):
        find_engine("system")


def test_no_engine_at_all(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(flow, "_pure_path", lambda: None)
    with pytest.raises(EngineError, match="pip install graphviz-pure"):
        find_engine("auto")


def test_a_failing_engine_reports_its_message(tmp_path):
    program = tmp_path / "dot"
    program.write_text("#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 1\n")
    program.chmod(0o755)
    with pytest.raises(EngineError, match="dot failed: syntax error in line 1"):
        run_dot("digraph {", "svg", flow.Engine("system", str(program)))


def test_bidirectional_overrides_are_dropped():
    dot = to_dot(journey({"id": "a", "name": "x\u202ey", "summary": "p\u2066q"}))
    assert "\u202e" not in dot and "\u2066" not in dot and "xy" in dot


def test_long_journeys_run_down_the_page():
    short = to_dot(journey(*({"id": f"s{n}", "name": "S"} for n in range(12))))
    long = to_dot(journey(*({"id": f"s{n}", "name": "S"} for n in range(13))))
    assert "rankdir=LR" in short and "rankdir=TB" in long
