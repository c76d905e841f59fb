"""``cjmap trend``: ordering waves, following steps, completions, formats and the SVG chart."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from conftest import ROOT

from cjmap.model import JourneyMap
from cjmap.render.trend_chart import render_trend_svg
from cjmap.trend.formats import as_csv, markdown, rich_tables, text
from cjmap.trend.waves import TrendError, build_trend, merged_step_order, order_waves
from cjmap.validate import load_map

CASES = "tests/cases/trend"
FILES = [f"{CASES}/complaints-2025.yaml", f"{CASES}/complaints-2023.yaml",
         f"{CASES}/complaints-2024.yaml"]  # deliberately out of order
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def journey(period: str | None, *steps: dict[str, Any], title: str = "T") -> JourneyMap:
    return JourneyMap.model_validate({
        "cjmap": 1, "journey": {"title": title, "customer": "C", "period": period},
        "steps": list(steps) or [{"id": "a", "name": "A"}]})


def step(step_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": step_id, "name": fields.pop("name", step_id.upper()), **fields}


@pytest.fixture(scope="module")
def waves():
    return build_trend([(path, load_map(ROOT / path)) for path in FILES])


# --- core ---------------------------------------------------------------------------------------

def test_waves_are_ordered_by_period(waves):
    assert waves.periods == ("2023/24 Q1", "2024/25 Q1", "2025/26 Q1")
    assert waves.title == "Making a complaint & getting it resolved"


def test_argument_order_does_not_matter():
    maps = [(path, load_map(ROOT / path)) for path in FILES]
    outputs = {text(build_trend(list(order))) for order in itertools.permutations(maps)}
    assert len(outputs) == 1


def test_steps_follow_ids_across_waves(waves):
    by_id = {s.id: s for s in waves.steps}
    assert [s.id for s in waves.steps] == [
        "making-contact", "acknowledgement", "investigation", "keeping-in-touch", "final-letter"]
    assert [p.net for p in by_id["making-contact"].points] == [0.3, 0.6, 0.75]
    assert [p.dissatisfied for p in by_id["investigation"].points] == [44, 38, 31]
    assert [p.present for p in by_id["acknowledgement"].points] == [True, True, False]
    assert [p.present for p in by_id["keeping-in-touch"].points] == [False, True, True]
    assert by_id["making-contact"].name == "Raising and acknowledging the complaint"  # latest
    assert by_id["investigation"].dissatisfied_change == -13
    assert by_id["final-letter"].net_change == pytest.approx(-0.25 - (4 - 11) / 15)


def test_completions_between_consecutive_waves(waves):
    done = [(c.from_period, c.step_id, c.action_id or c.recommendation, c.previous_status)
            for c in waves.completed]
    assert done == [
        ("2023/24 Q1", "making-contact", "complaint-form", "agreed"),
        ("2023/24 Q1", "acknowledgement", "verify-contact-details", "in-progress"),
        ("2023/24 Q1", "keeping-in-touch", "weekly-updates", None),  # new, already done
        ("2024/25 Q1", "investigation", "Phone every customer within five working days.",
         "in-progress"),
        ("2024/25 Q1", "final-letter", "letter-quality-checks", "agreed"),
    ]


def test_title_change_is_a_warning(waves):
    assert len(waves.warnings) == 2
    assert all("differs from the latest wave's" in warning for warning in waves.warnings)


def test_merged_order_keeps_removed_steps_near_their_neighbours():
    old = journey("2023/24 Q1", step("a"), step("b"), step("c"), step("d"))
    new = journey("2024/25 Q1", step("a"), step("x"), step("d"))
    waves = order_waves([("new", new), ("old", old)])
    assert merged_step_order(waves) == ["a", "b", "c", "x", "d"]
    lead = journey("2025/26 Q1", step("z"), step("a"))
    assert merged_step_order(order_waves([("old", old), ("lead", lead)])) == [
        "z", "a", "b", "c", "d"]


@pytest.mark.parametrize("maps, message", [
    ([("one", journey("2023/24 Q1"))], "at least two maps"),
    ([("a", journey("2023/24 Q1")), ("b", journey(None))], "b: journey.period is missing"),
    ([("a", journey("2023/24 Q1")), ("b", journey("Quarter One of 2023/24"))],
     "are both for period"),
    ([("a", journey("2023-06-30")), ("b", journey("2023-06-30"))], "are both for period"),
    ([("a", journey("Spring")), ("b", journey("spring"))], "are both for period"),
    ([("a", journey("2023/24 Q1")), ("b", journey("2024/25 Q1", step("other")))],
     "shares no step id"),
])
def test_maps_that_cannot_form_a_trend(maps, message):
    with pytest.raises(TrendError, match=message):
        build_trend(maps)


def test_undated_periods_come_after_dated_ones_with_a_warning():
    result = build_trend([("b", journey("Wave B")), ("a", journey("Wave A")),
                          ("q", journey("2023/24 Q1"))])
    assert result.periods == ("2023/24 Q1", "Wave A", "Wave B")
    assert sum("ordered as text" in warning for warning in result.warnings) == 2


def test_iso_dates_and_quarters_interleave():
    result = build_trend([("q", journey("2024/25 Q1")), ("d", journey("2024-03-01")),
                          ("s", journey("2024-04-01"))])
    assert result.periods == ("2024-03-01", "2024-04-01", "2024/25 Q1")


# --- formats ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("markdown", "md"), ("json", "json"),
                                         ("csv", "csv"), ("svg", "svg")])
def test_golden(cli, golden, fmt, suffix):
    result = cli("trend", *FILES, "--format", fmt)
    assert result.exit_code == 0, result.output
    golden(f"trend/complaints.{suffix}", result.stdout)


def test_csv_is_tidy(waves):
    rows = [row for row in csv.DictReader(io.StringIO(as_csv(waves))) if row["record"] == "step"]
    assert len(rows) == len(waves.steps) * len(waves.waves)
    absent = next(r for r in rows if r["step_id"] == "acknowledgement" and r["wave"] == "3")
    assert absent["in_map"] == "no" and absent["positive"] == "" and absent["net_sentiment"] == ""
    first = rows[0]
    assert (first["period"], first["net_sentiment"], first["survey_dissatisfied"]) == (
        "2023/24 Q1", "0.3", "30")


def test_json_has_a_point_per_wave(waves, cli):
    document = json.loads(cli("trend", *FILES, "-f", "json").stdout)
    assert [w["period"] for w in document["waves"]] == list(waves.periods)
    assert all(len(s["points"]) == 3 for s in document["steps"])
    assert document["steps"][1]["points"][2] == {
        "period": "2025/26 Q1", "present": False, "positive": 0, "neutral": 0, "negative": 0,
        "no_comment": 0, "net": None, "survey_base": None, "dissatisfied": None,
        "satisfied": None, "commented": None, "segments": [], "metrics": []}


def test_rich_tables_colour_changes(waves):
    from rich.console import Console

    console = Console(force_terminal=True, color_system="standard", width=140, highlight=False)
    with console.capture() as captured:
        for renderable in rich_tables(waves):
            console.print(renderable)
    output = captured.get()
    assert re.search("\x1b\\[32m *\\+45 pts", output)  # better: green
    assert "\x1b[32m\u221213 pts" in output  # less dissatisfaction is better too
    assert "Actions done between waves" in output


def test_text_table_without_surveys_has_no_survey_table():
    result = build_trend([("a", journey("2023/24 Q1")), ("b", journey("2024/25 Q1"))])
    output = text(result)
    assert "Survey dissatisfied" not in output
    assert "2023/24 Q1 → 2024/25 Q1\n    none" in output


def test_svg_shape(waves):
    root = ET.fromstring(render_trend_svg(waves))
    panels = root.findall(f"{SVG}g")
    assert len(panels) == len(waves.steps)
    names = [panel.find(f"{SVG}title").text for panel in panels]
    assert names[0] == "Raising and acknowledging the complaint (making-contact)"
    assert root.get("role") == "img" and root.find(f"{SVG}title") is not None
    dashed = {line.get("stroke-dasharray") for line in root.iter(f"{SVG}line")}
    assert dashed == {None, "6 3"}  # dissatisfied lines; no wave gap inside these steps


def test_svg_bridges_a_gap_with_a_dash_and_marks_absence():
    a = step("a", feedback={"positive": 1})
    result = build_trend([("1", journey("2021/22 Q1", a, step("b"))),
                          ("2", journey("2022/23 Q1", step("b"))),
                          ("3", journey("2023/24 Q1", a, step("b")))])
    root = ET.fromstring(render_trend_svg(result))
    first = root.findall(f"{SVG}g")[0]
    assert [line.get("stroke-dasharray") for line in first.iter(f"{SVG}line")
            if line.get("stroke-dasharray")] == ["5 4"]
    absent = [t.text for t in first.iter(f"{SVG}text") if t.get("class") == "absent"]
    assert absent == ["n/a", "–", "n/a", "–"]  # interview panel, then survey panel (no survey)


HOSTILE = "<script>alert(1)</script> & ]]> \"q\" 'a' [x](javascript:y) | =1+1 \x1b[2J"


def test_hostile_text_is_escaped_everywhere():
    hostile = step("a", name=HOSTILE + " " + "x" * 200, feedback={"negative": 1})
    result = build_trend([(HOSTILE, journey("2023/24 Q1", hostile, title=HOSTILE)),
                          ("b.yaml", journey("2024/25 Q1", hostile, title=HOSTILE))])
    svg = render_trend_svg(result)
    root = ET.fromstring(svg)  # well-formed despite the markup in names
    assert not list(root.iter(f"{SVG}script")) and "<script" not in svg
    assert all(len(t.text or "") < 60 for t in root.find(f"{SVG}g").iter(f"{SVG}text"))  # wrapped
    assert "".join(t.text or "" for t in root.find(f"{SVG}g").iter(f"{SVG}text")).count("x") >= 200
    title = root.find(f"{SVG}g").find(f"{SVG}title").text
    assert title.startswith("<script>alert(1)</script> & ]]>")
    md = markdown(result)
    assert not re.search(r"(?<!\\)<", md)  # every < escaped: no HTML, no autolink
    assert "](javascript" not in md.replace("\\]", "")
    assert "\x1b" not in text(result) and "\x1b" not in md
    rows = list(csv.reader(io.StringIO(as_csv(result))))
    assert rows[1][3].startswith("<script>")  # CSV keeps text (no formula start here)


# --- command line -------------------------------------------------------------------------------

def test_svg_option_writes_the_chart(cli, tmp_path):
    chart = tmp_path / "chart.svg"
    result = cli("trend", *FILES, "--svg", str(chart), "-f", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("### Trend: Making a complaint")
    assert chart.read_text("utf-8") == cli("trend", *FILES, "-f", "svg").stdout


def test_output_option_writes_a_file(cli, tmp_path):
    target = tmp_path / "trend.csv"
    result = cli("trend", *FILES, "-f", "csv", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text("utf-8").startswith("period,wave,step_id")
    assert "warning:" in result.stderr  # csv has no room for warnings: they go to stderr


def test_cannot_write_output_exits_2(cli, tmp_path):
    result = cli("trend", *FILES, "-o", str(tmp_path / "missing" / "out.txt"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_same_period_exits_2(cli):
    result = cli("trend", FILES[0], FILES[0])
    assert result.exit_code == 2
    assert "are both for period '2025/26 Q1'" in result.stderr


def test_single_map_exits_2(cli):
    result = cli("trend", FILES[0])
    assert result.exit_code == 2
    assert "at least two maps" in result.stderr


def test_invalid_map_exits_1(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("cjmap: 1\njourney: {title: T, customer: C, period: x}\nsteps: 3\n", "utf-8")
    result = cli("trend", FILES[0], str(bad))
    assert result.exit_code == 1
    assert "is not a valid map" in result.stderr


# --- waves from git -----------------------------------------------------------------------------

def _git(folder, *args: str) -> None:
    import subprocess

    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@e", "HOME": str(folder), "PATH": __import__("os").environ["PATH"]})


@pytest.fixture
def repo(tmp_path):
    """A repository whose maps/damp.yaml holds wave 1 at tag wave-1, and wave 2 now."""
    import shutil

    (tmp_path / "maps").mkdir()
    target = tmp_path / "maps" / "damp.yaml"
    _git(tmp_path, "init", "-q")
    shutil.copy(ROOT / "tests/cases/waves/damp-2024.yaml", target)
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "wave 1")
    _git(tmp_path, "tag", "wave-1")
    shutil.copy(ROOT / "tests/cases/waves/damp-2025.yaml", target)
    _git(tmp_path, "commit", "-qam", "wave 2")
    return target


def test_rev_reads_a_wave_from_git(cli, repo):
    result = cli("trend", str(repo), "--rev", "wave-1", "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [w["label"] for w in document["waves"]] == ["wave-1:maps/damp.yaml", str(repo)]
    assert document["changes"][0]["from"] == "2024/25 Q2"
    mixed = cli("trend", str(repo), str(ROOT / "tests/cases/trend/complaints-2023.yaml"),
                "--rev", "HEAD~1")
    assert mixed.exit_code == 2 and "shares no step id" in mixed.stderr  # files and revs mix


def test_rev_that_does_not_exist_exits_2(cli, repo):
    result = cli("trend", str(repo), "--rev", "no-such-tag")
    assert result.exit_code == 2
    assert "unknown revision 'no-such-tag'" in result.stderr


def test_rev_outside_a_repository_exits_2(cli, tmp_path):
    import shutil

    outside = tmp_path / "alone" / "damp.yaml"
    outside.parent.mkdir()
    shutil.copy(ROOT / "tests/cases/waves/damp-2025.yaml", outside)
    result = cli("trend", str(outside), "--rev", "HEAD")
    assert result.exit_code == 2
    assert "not in a git repository" in result.stderr


def test_high_contrast_chart(cli):
    waves = ["tests/cases/waves/damp-2024.yaml", "tests/cases/waves/damp-2025.yaml"]
    result = cli("trend", *waves, "-f", "svg", "--theme", "high-contrast")
    assert result.exit_code == 0
    assert "#0072b2" in result.stdout and "#2e9e5b" not in result.stdout
    assert cli("trend", *waves, "--theme", "neon").exit_code == 2
