"""Past waves: ``journey.archived``, the quiet action checks, ``actions --include-archived``,
the "past wave" mark, and the run-level ``wave-not-archived`` warning."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import ROOT

from cjmap.checks import RUN_LEVEL
from cjmap.config import DEFAULT
from cjmap.report.actions import collect
from cjmap.validate import validate_file, validate_paths

WAVES = ROOT / "tests" / "cases" / "waves"
OLD, NEW = WAVES / "damp-2024.yaml", WAVES / "damp-2025.yaml"
TODAY = dt.date(2026, 11, 23)


def unarchived(tmp_path: Path) -> Path:
    text = OLD.read_text("utf-8").replace("  archived: true\n", "")
    path = tmp_path / "damp-2024.yaml"
    path.write_text(text, "utf-8")
    return path


def test_archived_map_validates_without_action_warnings(tmp_path: Path) -> None:
    assert validate_file(OLD, TODAY, DEFAULT).problems == []
    rules = {p.rule for p in validate_file(unarchived(tmp_path), TODAY, DEFAULT).problems}
    assert rules == {"action-overdue", "action-accountability"}


def test_archived_map_still_fails_on_its_figures(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(OLD.read_text("utf-8").replace("satisfied: 52", "satisfied: 82"), "utf-8")
    assert {p.rule for p in validate_file(bad, TODAY, DEFAULT).problems} == {"survey-total"}


def test_actions_leaves_out_past_waves_unless_asked() -> None:
    plan = collect([WAVES], TODAY)
    assert {Path(row.path).name for row in plan.rows} == {"damp-2025.yaml"}
    assert plan.archived == [str(OLD)]
    everything = collect([WAVES], TODAY, include_archived=True)
    assert len(everything.rows) == 6 + 7 and everything.archived == []


def test_actions_cli_says_why_nothing_is_listed(cli) -> None:
    result = cli("actions", str(OLD), "--overdue", "--today", "2026-11-23")
    assert result.exit_code == 0
    assert "No actions match" in result.stdout
    assert "every map given is a past wave" in result.stderr
    assert "--include-archived" in result.stderr
    listed = cli("actions", str(OLD), "--include-archived", "--overdue", "--today", "2026-11-23",
                 "-f", "csv")
    assert listed.stdout.count("\n") == 1 + 5  # header and the five open actions


def test_keeping_both_waves_is_quiet_in_ci(cli) -> None:
    result = cli("validate", "--strict", str(OLD), "--today", "2024-06-01")
    assert result.exit_code == 0, result.output
    assert not [p for p in validate_paths([WAVES], TODAY).problems if p.rule == "wave-not-archived"]


def test_two_unarchived_waves_are_a_run_level_warning(tmp_path: Path, cli) -> None:
    first = unarchived(tmp_path)
    second = tmp_path / "damp-2025.yaml"
    shutil.copy(NEW, second)
    report = validate_paths([tmp_path], TODAY)
    waves = [p for p in report.problems if p.rule == "wave-not-archived"]
    assert len(waves) == 1
    assert waves[0].path == str(second) and (waves[0].line, waves[0].column) == (4, 10)
    assert str(first) in waves[0].message and "archived: true" in waves[0].message
    result = cli("validate", str(tmp_path), "--today", "2026-11-23", "-f", "parsable")
    assert "[wave-not-archived]" in result.stdout
    shutil.copy(OLD, first)  # archive wave 1 again: the warning goes
    assert not [p for p in validate_paths([tmp_path], TODAY).problems
                if p.rule == "wave-not-archived"]


def test_run_level_rule_can_be_turned_off(tmp_path: Path) -> None:
    unarchived(tmp_path)
    shutil.copy(NEW, tmp_path / "damp-2025.yaml")
    (tmp_path / ".cjmap.yaml").write_text("checks:\n  wave-not-archived: off\n", "utf-8")
    assert not [p for p in validate_paths([tmp_path], TODAY).problems
                if p.rule == "wave-not-archived"]


def test_run_level_rules_are_documented() -> None:
    text = (ROOT / "docs" / "format.md").read_text("utf-8")
    for rule in RUN_LEVEL:
        assert f"`{rule}`" in text


def test_render_marks_a_past_wave(cli, tmp_path: Path) -> None:
    out = tmp_path / "old.svg"
    assert cli("render", str(OLD), "-o", str(out)).exit_code == 0
    svg = out.read_text("utf-8")
    assert "PAST WAVE (archived)" in svg and "<title" in svg and "Past wave: " in svg
    cli("render", str(NEW), "-o", str(out))
    assert "PAST WAVE" not in out.read_text("utf-8")


# --- report --since -------------------------------------------------------------------------------

def test_report_since_a_file(cli) -> None:
    result = cli("report", str(NEW), "--since", str(OLD), "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "## Since the last wave" in text
    assert ("survey dissatisfied: 31% of 412 → 19% of 380, −12 pts: significant improvement "
            "(two-proportion z-test, p \\< 0.001)") in text
    assert "negative comments: 56% of 18 → 25% of 16, −31 pts: within chance" in text
    assert "Working days to inspection: 14.2 → 9.1 working days against a target of 10" in text
    assert ("**Visit again six weeks after treatment.** (Treating the mould): Every treated "
            "home now gets a visit six weeks later.") in text
    assert "2 of them overdue" in text
    assert "Carried over from the last wave and still open (2):" in text
    assert "- Train surveyors to explain the cause of the mould. (The inspection visit)" in text


def test_executive_report_leads_with_real_changes(cli) -> None:
    text = cli("report", str(NEW), "--since", str(OLD), "-a", "executive",
               "--today", "2026-11-23").stdout
    assert text.index("The largest real changes") < text.index("## Headline figures")
    assert "Step by step" not in text


def test_report_since_html_and_bad_revision(cli, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert cli("report", str(NEW), "--since", str(OLD), "-o", str(out)).exit_code == 0
    assert "Since the last wave" in out.read_text("utf-8")
    outside = tmp_path / "alone.yaml"
    shutil.copy(NEW, outside)
    result = cli("report", str(outside), "--since", "HEAD~1")
    assert result.exit_code == 2 and "not in a git repository" in result.stderr


def test_since_views_are_documented() -> None:
    import dataclasses
    import re

    from cjmap.report import since

    text = (ROOT / "docs" / "report.md").read_text("utf-8")
    names = set(re.findall(r"`([a-z_]+)`", text))
    for view in (since.SinceView, since.SinceStepView, since.DoneView):
        assert {f.name for f in dataclasses.fields(view)} <= names, view
