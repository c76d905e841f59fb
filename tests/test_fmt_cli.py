"""``cjmap fmt`` on the command line: writes, --check, --diff, standard input, exit codes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

MESSY = "steps: []  # none yet\ncjmap: 1\n"
TIDY = "cjmap: 1\nsteps: []  # none yet\n"


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    (folder / "sub").mkdir(parents=True)
    (folder / "messy.yaml").write_text(MESSY, encoding="utf-8")
    (folder / "sub" / "tidy.yml").write_text(TIDY, encoding="utf-8")
    (folder / ".hidden.yaml").write_text(MESSY, encoding="utf-8")
    (folder / "notes.txt").write_text("not a map", encoding="utf-8")
    return folder


def test_formats_files_in_place_and_says_so(cli, maps: Path) -> None:
    result = cli("fmt", str(maps))
    assert result.exit_code == 0
    assert (maps / "messy.yaml").read_text(encoding="utf-8") == TIDY
    assert (maps / ".hidden.yaml").read_text(encoding="utf-8") == MESSY  # hidden: not searched
    assert result.stdout == ""
    assert result.stderr == (f"reformatted {maps / 'messy.yaml'}\n"
                             "1 file reformatted, 1 file already formatted.\n")


def test_check_lists_files_that_would_change_and_exits_1(cli, maps: Path) -> None:
    result = cli("fmt", "--check", str(maps))
    assert result.exit_code == 1
    assert result.stdout == f"would reformat {maps / 'messy.yaml'}\n"
    assert result.stderr == "1 file would be reformatted, 1 file already formatted.\n"
    assert (maps / "messy.yaml").read_text(encoding="utf-8") == MESSY


def test_check_passes_when_everything_is_formatted(cli, maps: Path) -> None:
    result = cli("fmt", "--check", "--quiet", str(maps / "sub" / "tidy.yml"))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_check_with_diff_prints_the_change(cli, maps: Path) -> None:
    path = maps / "messy.yaml"
    result = cli("fmt", "--check", "--diff", "-q", str(path))
    assert result.exit_code == 1
    assert result.stdout == (f"would reformat {path}\n--- {path}\n+++ {path} (formatted)\n"
                             "@@ -1,2 +1,2 @@\n+cjmap: 1\n steps: []  # none yet\n-cjmap: 1\n")
    assert path.read_text(encoding="utf-8") == MESSY


def test_diff_alone_writes_nothing_and_exits_0(cli, maps: Path) -> None:
    result = cli("fmt", "--diff", str(maps / "messy.yaml"))
    assert result.exit_code == 0
    assert "+cjmap: 1" in result.stdout
    assert (maps / "messy.yaml").read_text(encoding="utf-8") == MESSY


def test_a_file_that_is_not_yaml_is_reported_and_left_alone(cli, maps: Path) -> None:
    bad = maps / "bad.yaml"
    bad.write_bytes(b"cjmap: 1\r\njourney: [oops\r\n")
    result = cli("fmt", str(maps))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:3:1: error: the [ on line 2 is never closed")
    assert result.stderr.endswith("1 file reformatted, 1 file already formatted, "
                                  "1 file could not be formatted.\n")
    assert bad.read_bytes() == b"cjmap: 1\r\njourney: [oops\r\n"
    assert (maps / "messy.yaml").read_text(encoding="utf-8") == TIDY  # the others still done


def test_could_not_format_wins_over_would_change(cli, maps: Path) -> None:
    (maps / "list.yaml").write_text("- a\n", encoding="utf-8")
    result = cli("fmt", "--check", str(maps))
    assert result.exit_code == 2
    assert f"would reformat {maps / 'messy.yaml'}" in result.stdout
    assert "[not-a-mapping]" in result.stderr


def test_usage_errors_exit_2(cli, tmp_path: Path) -> None:
    missing = cli("fmt", str(tmp_path / "missing.yaml"))
    empty = cli("fmt", str(tmp_path))
    mixed = cli("fmt", "-", str(tmp_path))
    assert (missing.exit_code, empty.exit_code, mixed.exit_code) == (2, 2, 2)
    assert "no such file or folder" in missing.stderr
    assert "no map files" in empty.stderr
    assert "cannot be combined" in mixed.stderr


def test_standard_input_to_standard_output(cli) -> None:
    result = cli("fmt", "-", input=MESSY)
    assert (result.exit_code, result.stdout) == (0, TIDY)
    checked = cli("fmt", "-", "--check", input=MESSY)
    assert (checked.exit_code, checked.stdout) == (1, "would reformat -\n")
    assert cli("fmt", "-", "--check", input=TIDY).exit_code == 0
    broken = cli("fmt", "-", input="a: [\n")
    assert broken.exit_code == 2 and broken.stderr.startswith("<stdin>:2:1: error: YAML syntax")


def test_writes_keep_the_file_mode_and_leave_no_temporary_file(cli, maps: Path) -> None:
    path = maps / "messy.yaml"
    os.chmod(path, 0o640)
    assert cli("fmt", "-q", str(path)).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in maps.iterdir()) == [".hidden.yaml", "messy.yaml", "notes.txt",
                                                      "sub"]


def test_a_file_that_cannot_be_written_exits_2(cli, maps: Path, monkeypatch) -> None:
    import cjmap.fmt.formatter

    def refuse(path, text, **options):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cjmap.fmt.formatter, "write_atomic", refuse)
    result = cli("fmt", str(maps / "messy.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"{maps / 'messy.yaml'}:1:1: error: cannot write the file: Permission denied [io]\n")
    assert (maps / "messy.yaml").read_text(encoding="utf-8") == MESSY
