"""``cjmap diff`` through the command line: golden output, exit codes, and ``--rev`` in git."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

OLD = "tests/cases/diff/new-tenants-2023.yaml"
NEW = "tests/cases/diff/new-tenants-2024.yaml"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # labels in the output are the paths as given


@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_golden(cli, golden, fmt, suffix):
    result = cli("diff", OLD, NEW, "--format", fmt)
    assert result.exit_code == 0, result.output
    golden(f"diff/new-tenants.{suffix}", result.stdout)


def test_json_is_valid_and_matches_summary(cli):
    document = json.loads(cli("diff", OLD, NEW, "-f", "json").stdout)
    assert document["summary"]["steps_added"] == 1
    assert document["old"] == OLD and document["new"] == NEW


def test_exit_code_option(cli):
    assert cli("diff", OLD, NEW, "--exit-code").exit_code == 1
    same = cli("diff", OLD, OLD, "--exit-code")
    assert same.exit_code == 0
    assert "No differences." in same.stdout


def test_differences_exit_0_without_exit_code(cli):
    assert cli("diff", NEW, OLD).exit_code == 0


def test_wrong_number_of_files(cli):
    result = cli("diff", OLD)
    assert result.exit_code == 2
    assert "give two map files" in result.stderr
    result = cli("diff", "--rev", "HEAD", OLD, NEW)
    assert result.exit_code == 2
    assert "with --rev, give one map file" in result.stderr


def test_missing_file_exits_2(cli, tmp_path):
    result = cli("diff", OLD, str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "cannot read the file" in result.stderr


def test_invalid_map_exits_1_with_its_problems(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("cjmap: 1\njourney: {title: T, customer: C}\nsteps:\n  - id: a\n", "utf-8")
    result = cli("diff", OLD, str(bad))
    assert result.exit_code == 1
    assert f"{bad}:4:5: error:" in result.stderr
    assert "is not a valid map" in result.stderr


def test_duplicate_step_ids_are_refused(cli, tmp_path):
    twice = tmp_path / "twice.yaml"
    twice.write_text("cjmap: 1\njourney: {title: T, customer: C}\nsteps:\n"
                     "  - {id: a, name: A}\n  - {id: a, name: B}\n", "utf-8")
    result = cli("diff", str(twice), str(twice))
    assert result.exit_code == 1
    assert "duplicate step id `a`" in result.stderr


# --- --rev in a temporary git repository ------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                            cwd=folder, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with maps/journey.yaml committed twice (2023, then 2024)."""
    git(tmp_path, "init", "-q", "-b", "main")
    maps = tmp_path / "maps"
    maps.mkdir()
    shutil.copy(ROOT / OLD, maps / "journey.yaml")
    git(tmp_path, "add", "maps/journey.yaml")
    git(tmp_path, "commit", "-q", "-m", "2023")
    git(tmp_path, "tag", "wave-1")
    shutil.copy(ROOT / NEW, maps / "journey.yaml")
    git(tmp_path, "commit", "-q", "-am", "2024")
    return tmp_path


@needs_git
def test_rev_compares_a_revision_with_the_working_copy(cli, repo, monkeypatch):
    monkeypatch.chdir(repo / "maps")
    result = cli("diff", "--rev", "HEAD~1", "journey.yaml", "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["old"] == "HEAD~1:maps/journey.yaml"
    assert document["summary"]["steps_added"] == 1
    direct = json.loads(cli("diff", str(ROOT / OLD), str(ROOT / NEW), "-f", "json").stdout)
    assert document["steps"] == direct["steps"] and document["actions"] == direct["actions"]


@needs_git
def test_rev_accepts_tags_and_paths_from_elsewhere(cli, repo, monkeypatch, tmp_path_factory):
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    result = cli("diff", "-r", "wave-1", str(repo / "maps" / "journey.yaml"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("cjmap diff: wave-1:maps/journey.yaml → ")
    unchanged = cli("diff", "--rev", "HEAD", str(repo / "maps" / "journey.yaml"), "--exit-code")
    assert unchanged.exit_code == 0
    assert "No differences." in unchanged.stdout


@needs_git
def test_rev_unknown_revision(cli, repo):
    result = cli("diff", "--rev", "no-such-branch", str(repo / "maps" / "journey.yaml"))
    assert result.exit_code == 2
    assert "unknown revision 'no-such-branch'" in result.stderr


@needs_git
def test_rev_option_like_revision_is_refused(cli, repo):
    result = cli("diff", "--rev=--output=/tmp/x", str(repo / "maps" / "journey.yaml"))
    assert result.exit_code == 2
    assert "is not a revision" in result.stderr


@needs_git
def test_rev_file_not_in_revision(cli, repo):
    added = repo / "maps" / "new.yaml"
    shutil.copy(ROOT / OLD, added)
    result = cli("diff", "--rev", "HEAD", str(added))
    assert result.exit_code == 2
    assert "maps/new.yaml does not exist in revision HEAD" in result.stderr


@needs_git
def test_rev_outside_a_repository(cli, tmp_path_factory):
    folder = tmp_path_factory.mktemp("plain")
    shutil.copy(ROOT / OLD, folder / "map.yaml")
    result = cli("diff", "--rev", "HEAD", str(folder / "map.yaml"))
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr


@needs_git
def test_rev_invalid_committed_version_exits_1(cli, repo):
    path = repo / "maps" / "journey.yaml"
    good = path.read_text("utf-8")
    path.write_text("cjmap: 1\njourney: {title: T}\nsteps: []\n", "utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    path.write_text(good, "utf-8")
    result = cli("diff", "--rev", "HEAD", str(path))
    assert result.exit_code == 1
    assert "HEAD:maps/journey.yaml:2:" in result.stderr
    assert "HEAD:maps/journey.yaml is not a valid map" in result.stderr


def test_git_not_installed(cli, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    result = cli("diff", "--rev", "HEAD", OLD)
    assert result.exit_code == 2
    assert "git is not installed" in result.stderr


def test_tty_colours_marks_and_escapes_markup():
    from rich.console import Console

    from cjmap.commands.diff import colour_line

    console = Console(force_terminal=True, color_system="standard", width=200, highlight=False)
    with console.capture() as captured:
        console.print(colour_line('  + a "[bold red]x[/]" added at position 1'))
        console.print(colour_line("Steps"))
    output = captured.get()
    assert "\x1b[32m" in output  # green for an addition
    assert '"[bold red]x[/]"' in output  # user text is not rich markup
    assert "\x1b[1mSteps" in output
