"""`cjmap validate`, `checks`, `schema` and `--version` through the real command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cjmap import __version__
from cjmap.checks import BUILT_IN, CHECK_BY_ID, OTHER_RULES

CASES = Path(__file__).parent / "cases"
VALID = str(CASES / "valid" / "minimal.yaml")
INVALID = str(CASES / "invalid" / "unknown-key.yaml")
WARNING = str(CASES / "warnings" / "step-touchpoint.yaml")
TODAY = ("--today", "2026-11-23")


def test_valid_file_exits_0_with_a_summary(cli) -> None:
    result = cli("validate", VALID, *TODAY)
    assert result.exit_code == 0
    assert result.output == "1 file checked: all valid\n"


def test_invalid_file_exits_1_with_exact_lines(cli) -> None:
    result = cli("validate", INVALID, "--format", "text", *TODAY)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{INVALID}:5:3: error: unknown key `organization` in journey: did you mean "
        "`organisation`? [unknown-key]",
        f"{INVALID}:11:5: error: unknown key `pain_point` in step `report` (1st): did you mean "
        "`pain_points`? [unknown-key]",
        "1 file checked: 1 invalid, 2 errors, 0 warnings",
    ]


def test_warnings_pass_unless_strict(cli) -> None:
    assert cli("validate", WARNING, *TODAY).exit_code == 0
    assert cli("validate", WARNING, "--strict", *TODAY).exit_code == 1


def test_missing_path_is_a_usage_error(cli, tmp_path) -> None:
    result = cli("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_folder_without_maps_is_a_usage_error(cli, tmp_path) -> None:
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "no map files" in result.output


def test_bad_today_is_a_usage_error(cli) -> None:
    result = cli("validate", VALID, "--today", "someday")
    assert result.exit_code == 2
    assert "not a date" in result.output


def test_today_accepts_a_quarter(cli) -> None:
    overdue = str(CASES / "warnings" / "action-overdue.yaml")
    assert "action-overdue" in cli("validate", overdue, "--today", "2026/27 Q3").output
    assert "action-overdue" not in cli("validate", overdue, "--today", "2025/26 Q3").output


def test_unreadable_file_exits_2_with_an_io_problem(cli, tmp_path) -> None:
    link = tmp_path / "broken-link.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    result = cli("validate", str(link), VALID, "--format", "parsable")
    assert result.exit_code == 2
    assert result.output.startswith(f"{link}:1:1: error: cannot read the file")
    assert result.output.rstrip().endswith("[io]")


def test_folders_are_searched_recursively_and_hidden_ones_skipped(cli, tmp_path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    shutil.copy(VALID, tmp_path / "a" / "b" / "one.yml")
    text = Path(VALID).read_text("utf-8").replace("title: Reporting a repair",
                                                  "title: Reporting a repair again", 1)
    (tmp_path / "two.yaml").write_text(text, "utf-8")  # one title twice would be a wave warning
    shutil.copy(INVALID, tmp_path / ".git" / "ignored.yaml")
    (tmp_path / "notes.txt").write_text("not a map")
    result = cli("validate", str(tmp_path), *TODAY)
    assert result.exit_code == 0
    assert result.output == "2 files checked: all valid\n"


def test_parsable_has_no_summary(cli) -> None:
    result = cli("validate", INVALID, "--format", "parsable")
    assert result.output.count("\n") == 2 and "checked" not in result.output


def test_json_format(cli) -> None:
    result = cli("validate", INVALID, VALID, "--format", "json", *TODAY)
    document = json.loads(result.output)
    assert document["summary"] == {"files": 2, "invalid": 1, "errors": 2, "warnings": 0}
    first = document["files"][0]["problems"][0]
    assert first == {"path": INVALID, "line": 5, "column": 3, "severity": "error",
                     "rule": "unknown-key", "message": first["message"]}


def test_github_format_escapes_and_annotates(cli) -> None:
    result = cli("validate", INVALID, "--format", "github")
    first = result.output.splitlines()[0]
    assert first.startswith(f"::error file={INVALID},line=5,col=3,title=unknown-key::unknown key")


def test_auto_format_is_github_under_github_actions(cli, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli("validate", INVALID).output.startswith("::error ")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert cli("validate", INVALID).output.startswith(INVALID)


def test_sarif_format(cli) -> None:
    result = cli("validate", INVALID, "--format", "sarif")
    document = json.loads(result.output)
    run = document["runs"][0]
    assert document["version"] == "2.1.0"
    assert run["results"][0]["ruleId"] == "unknown-key"
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5, "startColumn": 3}
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} == (
        set(CHECK_BY_ID) | set(BUILT_IN) | set(OTHER_RULES))


def test_many_files_use_several_processes_with_the_same_result(cli, tmp_path) -> None:
    for number in range(60):
        shutil.copy(VALID if number % 3 else INVALID, tmp_path / f"m{number:02d}.yaml")
    one = cli("validate", str(tmp_path), "-j", "1", "--format", "parsable")
    two = cli("validate", str(tmp_path), "-j", "2", "--format", "parsable")
    assert one.exit_code == two.exit_code == 1
    # 20 invalid files with 2 problems each; the 39 copies of one valid map after the first
    # are each a wave-not-archived warning (run-level, the same with one process or two)
    assert one.output == two.output and one.output.count("\n") == 40 + 39
    assert one.output.count("[wave-not-archived]") == 39


def test_checks_lists_every_rule(cli) -> None:
    result = cli("checks")
    assert result.exit_code == 0
    for rule in [*CHECK_BY_ID, *BUILT_IN, *OTHER_RULES]:
        assert rule in result.output


def test_every_check_is_documented() -> None:
    for rule, module in CHECK_BY_ID.items():
        assert module.__doc__ and len(module.__doc__.strip().splitlines()) >= 3, rule
        assert module.SEVERITY.value in ("error", "warning")


def test_version(cli) -> None:
    assert cli("--version").output == f"cjmap {__version__}\n"


def test_version_fast_path_without_typer() -> None:
    done = subprocess.run([sys.executable, "-c", (
        "import sys; sys.argv = ['cjmap', '--version']; from cjmap.__main__ import main; main();"
        "print('typer' in sys.modules, 'pydantic' in sys.modules)")],
        capture_output=True, text=True, check=True)
    assert done.stdout == f"cjmap {__version__}\nFalse False\n"


def test_help_lists_commands(cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    assert "validate" in result.output and "schema" in result.output


@pytest.mark.parametrize("args", [["validate"], ["validate", VALID, "--format", "xml"]])
def test_usage_errors_exit_2(cli, args) -> None:
    assert cli(*args).exit_code == 2


def test_format_documentation_covers_every_rule() -> None:
    from conftest import ROOT

    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for rule in [*CHECK_BY_ID, *BUILT_IN, *OTHER_RULES]:
        assert f"`{rule}`" in text, rule


def test_terminal_styling_keeps_the_text() -> None:
    from cjmap.commands.validate import _styled

    line = "a.yaml:5:3: error: unknown key `x` [unknown-key]"
    styled = _styled(line)
    assert styled.plain == line
    assert [span.style for span in styled.spans] == ["bold", "bold red", "dim"]


def test_standard_input_with_a_name(cli) -> None:
    text = Path(INVALID).read_text(encoding="utf-8")
    result = cli("validate", "-", "--stdin-filename", "maps/x.yaml", "-f", "parsable", input=text)
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("maps/x.yaml:5:3: error: unknown key")
    valid = cli("validate", "-", input=Path(VALID).read_text(encoding="utf-8"))
    assert (valid.exit_code, valid.output) == (0, "1 file checked: all valid\n")


def test_pre_commit_hooks_name_real_commands(cli) -> None:
    import re

    from conftest import ROOT

    from cjmap.load import safe_yaml

    hooks = safe_yaml().load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["cjmap-validate", "cjmap-fmt", "cjmap-evidence"]
    for hook in hooks:
        assert hook["language"] == "python" and hook["entry"].startswith("cjmap ")
        assert cli(*hook["entry"].split()[1:], "--help").exit_code == 0
        re.compile(hook["files"])
