"""``cjmap export``: the CSV shape, formula-injection defence, and JSON that round-trips."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from cjmap.export import COLUMNS, cell, csv_text, to_csv, to_json
from cjmap.load import load_text
from cjmap.model import JourneyMap
from cjmap.safe_text import spreadsheet_cell
from cjmap.validate import load_map

MAP = "tests/cases/diff/new-tenants-2023.yaml"
TODAY = "2025-01-01"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def journey() -> JourneyMap:
    return load_map(ROOT / MAP)


def records(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("args, name", [
    (("-f", "csv"), "new-tenants.csv"),
    (("-f", "json"), "new-tenants.json"),
    (("-f", "json", "--derived"), "new-tenants-derived.json"),
])
def test_golden(cli, golden, args, name):
    result = cli("export", MAP, "--today", TODAY, *args)
    assert result.exit_code == 0, result.output
    golden(f"export/{name}", result.stdout)


def test_a_row_per_step_then_its_actions(journey):
    every = records(to_csv(journey, dt.date(2025, 1, 1)))
    rows = [row for row in every if row["record"] in ("step", "action")]  # then the details
    actions = sum(len(step.actions) for step in journey.steps)
    assert len(rows) == len(journey.steps) + actions
    assert [r["record"] for r in rows[:5]] == ["step", "action", "action", "action", "step"]
    assert [r["record"] for r in every[:5]] == ["step", "action", "action", "action", "segment"]
    assert all(list(r) == list(COLUMNS) for r in rows)
    viewing, tracker = rows[0], rows[1]
    assert (viewing["net_sentiment"], viewing["moment_of_truth"], viewing["actions"]) == (
        "0.65", "yes", "3")
    assert (tracker["step_id"], tracker["step_name"], tracker["positive"]) == (
        "viewing", "Viewing the property", "")
    assert (tracker["due"], tracker["due_date"], tracker["overdue"]) == (
        "2026/27 Q4", "2027-03-31", "no")


def test_overdue_follows_today(journey):
    later = records(to_csv(journey, dt.date(2027, 4, 1)))
    tracker = next(r for r in later if r["action_id"] == "live-repair-tracker")
    assert tracker["overdue"] == "yes"


FORMULAS = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_cells_are_defused(formula):
    data = {"cjmap": 1, "journey": {"title": "T", "customer": "C", "period": formula},
            "steps": [{"id": "a", "name": formula, "feedback": {"negative": 3, "positive": 1},
                       "actions": [{"recommendation": formula, "owner": formula,
                                    "outcome": formula}]}]}
    step, action = records(to_csv(JourneyMap.model_validate(data), dt.date(2025, 1, 1)))
    for row, names in ((step, ("step_name", "period")),
                       (action, ("step_name", "recommendation", "owner", "outcome"))):
        for name in names:
            assert row[name] == "'" + formula.replace("\r", "\n")
    assert step["net_sentiment"] == "-0.5"  # a number the tool wrote stays a number


def test_plain_text_is_not_changed():
    assert cell("Asset Management") == "Asset Management"
    assert cell("It's = fine in the middle") == "It's = fine in the middle"
    assert (cell(None), cell(True), cell(False), cell(0.6666666), cell(81.0), cell(-0.0)) == (
        "", "yes", "no", "0.6666666", "81", "0")


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_any_text_survives_csv_quoting(value):
    text = csv_text(["a", "b"], [[value, "end"]])
    (row,) = list(csv.reader(io.StringIO(text, newline="")))[1:]
    expected = spreadsheet_cell(value).replace("\r\n", "\n").replace("\r", "\n")
    assert row == [expected.replace("\x00", ""), "end"]


def test_json_round_trips_as_a_map(journey):
    exported = to_json(journey)
    loaded = load_text(exported, "export.json")
    assert loaded.problems == []
    assert loaded.journey == journey


def test_json_keeps_every_key(journey):
    document = json.loads(to_json(journey))
    first = document["steps"][0]
    assert list(document) == ["cjmap", "journey", "stages", "steps", "diagnosis", "evidence"]
    assert first["optional"] is False and "feedback" in first and first["stage"] == "before-the-move"
    assert document["steps"][0]["touchpoints"][0] == {
        "channel": "face-to-face", "with": "Neighbourhood Services Officer", "note": None}


def test_derived_json(journey):
    document = json.loads(to_json(journey, dt.date(2027, 4, 1), derived=True))
    assert list(document) == ["cjmap_export", "map", "derived"]
    figures = document["derived"]["steps"]["viewing"]
    assert figures["feedback"]["net"] == 0.65 and figures["feedback"]["n"] == 20
    low, high = figures["feedback"]["negative_interval"]
    assert low < figures["feedback"]["negative_share"] < high
    assert document["derived"]["curve"] == "feedback"
    overdue = [a["action_id"] for a in document["derived"]["actions"] if a["overdue"]]
    assert "live-repair-tracker" in overdue
    assert document["derived"]["today"] == "2027-04-01"


def test_output_file_and_bom(cli, tmp_path):
    target = tmp_path / "map.csv"
    result = cli("export", MAP, "--today", TODAY, "--bom", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfrecord,period,")
    assert b"\r\n" not in raw


def test_invalid_map_exits_1(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("cjmap: 1\njourney: {title: T}\nsteps: []\n", "utf-8")
    result = cli("export", str(bad))
    assert result.exit_code == 1
    assert "is not a valid map" in result.stderr


def test_missing_map_exits_2(cli, tmp_path):
    assert cli("export", str(tmp_path / "none.yaml")).exit_code == 2


def test_bad_today_exits_2(cli):
    result = cli("export", MAP, "--today", "soon")
    assert result.exit_code == 2


def test_unwritable_output_exits_2(cli, tmp_path):
    result = cli("export", MAP, "-o", str(tmp_path / "no" / "such" / "dir.csv"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


@pytest.mark.parametrize("args, message", [
    (("--derived",), "--derived is for --format json"),
    (("-f", "json", "--bom"), "--bom is for --format csv"),
])
def test_options_for_the_other_format_exit_2(cli, args, message):
    result = cli("export", MAP, *args)
    assert result.exit_code == 2
    assert message in result.stderr


EXAMPLE_FILES = sorted(p.name for p in (ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_every_example_exports(name):
    from cjmap.diff.compare import diff_maps

    journey = load_map(ROOT / "examples" / name)
    rows = records(to_csv(journey, dt.date(2025, 1, 1)))
    main = [row for row in rows if row["record"] in ("step", "action")]
    assert len(main) == len(journey.steps) + sum(len(s.actions) for s in journey.steps)
    pains = [row for row in rows if row["record"] == "pain_point"]
    assert len(pains) == sum(len(s.pain_points) for s in journey.steps)
    assert load_text(to_json(journey), name).journey == journey
    assert not diff_maps(journey, load_text(to_json(journey), name).journey).has_changes
