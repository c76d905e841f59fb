"""``cjmap new`` on the command line: options, prompts, refusals and exit codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cjmap.load import load_file
from cjmap.validate import validate_file

OPTIONS = ["--title", "Getting a repair done", "--customer", "Tenants with a repair"]


def journey_of(path: Path):
    loaded = load_file(path)
    assert loaded.problems == []
    return loaded.journey.journey


def test_list_shows_every_starter(cli) -> None:
    result = cli("new", "--list")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == ["blank", "repairs", "complaints", "new-tenancy", "anti-social-behaviour",
                     "damp-and-mould", "planned-improvements"]


def test_writes_a_valid_map_from_options(cli, tmp_path: Path) -> None:
    path = tmp_path / "repairs.yaml"
    result = cli("new", str(path), "--starter", "repairs", *OPTIONS, "--why", "Fewer chasing calls",
                 "--who", "Repairs: all teams", "--what", "Map", "--how", "Action plan",
                 "--organisation", "Example Homes", "--period", "2025/26 Q3", "--owner", "CX")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"Created {path} from the repairs starter.")
    journey = journey_of(path)
    assert (journey.title, journey.scope.who, journey.period) == (
        "Getting a repair done", "Repairs: all teams", "2025/26 Q3")
    assert validate_file(path, dt.date(2030, 1, 1)).problems == []


def test_the_new_map_passes_validate_strict_and_fmt_check(cli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    assert cli("new", str(path), "-s", "complaints", *OPTIONS).exit_code == 0
    assert cli("validate", "--strict", str(path)).exit_code == 0
    assert cli("fmt", "--check", str(path)).exit_code == 0


def test_without_a_terminal_missing_answers_are_an_error(cli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    result = cli("new", str(path), "--title", "T")
    assert result.exit_code == 2
    assert result.stderr == ("cjmap: error: a new map needs a customer: give --customer, or run "
                             "`cjmap new` on a terminal (or with --interactive) to be asked\n")
    assert not path.exists()


def test_interactive_asks_for_what_is_missing(cli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    answers = "\nTenants: all of them\nFewer calls\n\n\nRepairs plan\n"
    result = cli("new", str(path), "-s", "repairs", "-i", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "Journey title" in result.stderr and "[Getting a repair done]" in result.stderr
    journey = journey_of(path)
    assert (journey.title, journey.customer) == ("Getting a repair done", "Tenants: all of them")
    assert (journey.scope.why, journey.scope.who, journey.scope.how) == (
        "Fewer calls", None, "Repairs plan")


def test_a_required_answer_is_asked_again_until_given(cli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    result = cli("new", str(path), "-i", "--customer", "C", input="\n\nMy journey\n\n\n\n\n")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("Journey title") == 3
    assert journey_of(path).title == "My journey"


def test_input_that_ends_early_writes_nothing(cli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    result = cli("new", str(path), "-i", input="Title only\n")
    assert result.exit_code == 2
    assert "the input ended before every question was answered" in result.stderr
    assert not path.exists()


def test_ctrl_c_while_asking_exits_130(cli, tmp_path: Path, monkeypatch) -> None:
    import cjmap.commands.new as command

    def interrupted(question, suggested):
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "_ask", interrupted)
    result = cli("new", str(tmp_path / "m.yaml"), "-i")
    assert result.exit_code == 130
    assert "cancelled; nothing was written" in result.stderr


def test_refuses_to_overwrite_without_force(cli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("precious\n", encoding="utf-8")
    refused = cli("new", str(path), *OPTIONS)
    assert refused.exit_code == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert path.read_text(encoding="utf-8") == "precious\n"
    assert cli("new", str(path), *OPTIONS, "--force").exit_code == 0
    assert journey_of(path).title == "Getting a repair done"


def test_the_file_name_defaults_to_the_title(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("new", *OPTIONS).exit_code == 0
    assert journey_of(tmp_path / "getting-a-repair-done.yaml").customer == "Tenants with a repair"
    again = cli("new", *OPTIONS)
    assert again.exit_code == 2 and "getting-a-repair-done.yaml already exists" in again.stderr


def test_dash_writes_the_map_to_standard_output(cli) -> None:
    result = cli("new", "-", "-s", "asb", *OPTIONS, "--schema", "../schema/cjmap.schema.json")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "# yaml-language-server: $schema=../schema/cjmap.schema.json\n")
    assert "Reporting the problem" in result.stdout


def test_the_schema_reference_points_at_the_repository_schema(cli, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "cjmap.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "maps" / "repairs").mkdir(parents=True)
    path = tmp_path / "maps" / "repairs" / "m.yaml"
    assert cli("new", str(path), *OPTIONS).exit_code == 0
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/cjmap.schema.json"


@pytest.mark.parametrize("args, message", [
    (["--starter", "complants"], "no starter called 'complants': did you mean complaints?"),
    (["{tmp}/a-file/m.yaml"], "{tmp}/a-file is a file, so {tmp}/a-file/m.yaml cannot be created"),
    (["{tmp}"], "is a folder"),
])
def test_usage_errors_exit_2(cli, tmp_path: Path, args: list[str], message: str) -> None:
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = cli("new", *args, *OPTIONS)
    assert result.exit_code == 2
    assert message.replace("{tmp}", str(tmp_path)) in result.stderr


def test_missing_folders_are_created(cli, tmp_path: Path) -> None:
    path = tmp_path / "maps" / "2026" / "m.yaml"
    result = cli("new", str(path), *OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert journey_of(path).title


def test_hostile_options_are_written_safely(cli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    title = "*yes: #1 'quoted' \"double\" & [x](javascript:alert(1))"
    result = cli("new", str(path), "--title", title, "--customer", "2024",
                 "--why", "line one\nline two")
    assert result.exit_code == 0, result.stderr
    journey = journey_of(path)
    assert (journey.title, journey.customer, journey.scope.why) == (
        title, "2024", "line one\nline two")


def test_nothing_is_asked_when_every_question_is_answered(cli, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    result = cli("new", str(path), "-i", *OPTIONS, "--why", "a", "--who", "b", "--what", "c",
                 "--how", "d", input="")
    assert result.exit_code == 0
    assert result.stderr.startswith("Created ")
