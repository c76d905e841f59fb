"""``cjmap actions``: the action plan across a folder of maps, its filters and formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from cjmap.report.actions import Filters, collect, select, to_csv, to_json, to_markdown

TODAY = dt.date(2026, 4, 1)

TEAM_MAP = """\
cjmap: 1
journey: {title: "Moving out | leaving", customer: Leavers}
steps:
  - id: notice
    name: Giving notice
    actions:
      - {recommendation: "=HYPERLINK(\\"http://evil.example\\")", owner: "[red]Lettings[/red]",
         due: 2025-12-31, status: agreed}
      - {recommendation: "Send a checklist \\u001b[2J with the notice letter.", owner: "@lettings",
         due: 2026/27 Q1, status: proposed}
      - {recommendation: Shorter forms., owner: Lettings, status: done}
"""


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A team folder: two example maps, a map of their own, a broken file and a hidden one."""
    folder = tmp_path / "maps"
    (folder / "older").mkdir(parents=True)
    shutil.copy(EXAMPLES / "repairs.yaml", folder / "repairs.yaml")
    shutil.copy(EXAMPLES / "complaints.yaml", folder / "older" / "complaints.yaml")
    (folder / "leaving.yaml").write_text(TEAM_MAP, encoding="utf-8")
    (folder / ".hidden.yaml").write_text("not: a map\n", encoding="utf-8")
    return folder


def test_collect_reads_every_map_in_the_folder(team: Path) -> None:
    plan = collect([team], TODAY)
    assert plan.files == 3 and plan.invalid == []
    assert {Path(row.path).name for row in plan.rows} == {"repairs.yaml", "complaints.yaml",
                                                         "leaving.yaml"}
    assert len(plan.rows) == 8 + 33 + 3


def test_rows_come_earliest_due_first(team: Path) -> None:
    rows = select(collect([team], TODAY).rows, Filters(open=True))
    dates = [row.action.due_date for row in rows]
    dated = [day for day in dates if day is not None]
    assert dated == sorted(dated) and dates[-1] is None
    assert rows[0].action.recommendation.startswith("=HYPERLINK")


def test_filters(team: Path) -> None:
    rows = collect([team], TODAY).rows

    def refs(filters: Filters) -> list[str]:
        return [row.action.ref for row in select(rows, filters)]

    assert refs(Filters(owners=("LETTINGS",))) == ["1.1", "1.2", "1.3"]
    assert refs(Filters(owners=("lettings",), statuses=("done",))) == ["1.3"]
    overdue = select(rows, Filters(overdue=True))
    assert [row.action.ref for row in overdue] == ["1.1"]  # the examples' dates are later
    assert refs(Filters(open=True, owners=("lettings",))) == ["1.1", "1.2"]
    assert all(row.action.status in ("agreed", "proposed") for row in
               select(rows, Filters(statuses=("agreed", "proposed"))))
    assert refs(Filters(owners=("nobody",))) == []


def test_csv_is_formula_safe(team: Path) -> None:
    rows = select(collect([team / "leaving.yaml"], TODAY).rows, Filters())
    records = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert records[0]["recommendation"] == "'=HYPERLINK(\"http://evil.example\")"
    assert records[0]["overdue"] == "yes" and records[0]["days_overdue"] == "91"
    assert records[1]["owner"] == "'@lettings"
    assert records[2]["due"] == "" and records[2]["status"] == "done"


def test_json(team: Path) -> None:
    rows = select(collect([team / "leaving.yaml"], TODAY).rows, Filters())
    document = json.loads(to_json(rows, TODAY))
    assert document["today"] == "2026-04-01"
    first = document["actions"][0]
    assert list(first) == ["map", "journey", "period", "step", "step_id", "step_name", "ref",
                           "action_id", "recommendation", "outcome", "owner", "due", "due_date",
                           "status", "overdue", "days_overdue"]
    assert (first["journey"], first["due"], first["due_date"], first["overdue"]) == \
        ("Moving out | leaving", "2025-12-31", "2025-12-31", True)


def test_markdown_escapes_every_cell(team: Path) -> None:
    rows = select(collect([team / "leaving.yaml"], TODAY).rows, Filters())
    text = to_markdown(rows, TODAY)
    assert "Moving out \\| leaving" in text
    assert "\\[red\\]Lettings\\[/red\\]" in text
    assert all(line.count(" | ") == 5 for line in text.splitlines() if line.startswith("| 2"))


def test_cli_table(runner, team: Path) -> None:
    from cjmap.cli import app

    result = runner.invoke(app, ["actions", str(team), "--today", "2026-04-01", "--owner",
                                 "lettings"], env={"COLUMNS": "200"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "[red]Lettings[/red]" in result.stdout  # markup in the data is shown, not obeyed
    assert "\x1b" not in result.stdout  # nor can the data send escape sequences
    assert "overdue 91d" in result.stdout


def test_cli_csv_to_a_file(cli, team: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    result = cli("actions", str(team), "--today", "2026-04-01", "--overdue", "-f", "csv",
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    records = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert records and all(record["overdue"] == "yes" for record in records)


def test_cli_status_and_json(cli, team: Path) -> None:
    result = cli("actions", str(team), "--status", "declined", "--status", "proposed",
                 "-f", "json", "--today", "2026-04-01")
    assert result.exit_code == 0, result.output
    statuses = {action["status"] for action in json.loads(result.stdout)["actions"]}
    assert statuses == {"proposed"}


def test_cli_table_to_a_file_is_plain_text(cli, team: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.txt"
    result = cli("actions", str(team / "leaving.yaml"), "-o", str(out), "--today", "2026-04-01")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Actions as at 1 April 2026" in text and "\x1b[" not in text


def test_cli_nothing_matches(cli, team: Path) -> None:
    result = cli("actions", str(team), "--owner", "nobody at all")
    assert result.exit_code == 0
    assert "No actions match" in result.stdout


def test_cli_invalid_map_is_reported_and_the_rest_listed(cli, team: Path) -> None:
    (team / "broken.yaml").write_text("cjmap: 1\nsteps: [\n", encoding="utf-8")
    result = cli("actions", str(team), "-f", "csv")
    assert result.exit_code == 1
    assert "broken.yaml is not a valid map" in result.stderr
    assert "repairs.yaml" in result.stdout


def test_a_map_failing_an_error_check_is_invalid(cli, team: Path) -> None:
    text = TEAM_MAP.replace("- {recommendation: Shorter forms.",
                            "- {id: same, recommendation: One.}\n      - {id: same, recommendation: Shorter forms.")
    (team / "leaving.yaml").write_text(text, encoding="utf-8")
    plan = collect([team], TODAY)
    assert [Path(file.path).name for file in plan.invalid] == ["leaving.yaml"]
    assert any(problem.rule == "unique-ids" for problem in plan.invalid[0].problems)
    result = cli("actions", str(team), "-f", "json")
    assert result.exit_code == 1
    assert "unique-ids" in result.stderr


@pytest.mark.parametrize("make, message", [
    (lambda folder: folder / "missing", "no such file or folder"),
    (lambda folder: folder, "no map files"),
])
def test_cli_path_errors_exit_2(cli, tmp_path: Path, make, message: str) -> None:
    result = cli("actions", str(make(tmp_path)))
    assert result.exit_code == 2
    assert message in result.stderr
