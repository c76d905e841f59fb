"""Every command meets bad input with a message and an exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases" / "invalid"
BAD_FILES = sorted(CASES.glob("*.yaml"))
VALID = str(Path(__file__).parent / "cases" / "valid" / "minimal.yaml")


def commands_for(path: str, tmp: Path) -> list[list[str]]:
    return [
        ["validate", path],
        ["render", path, "-o", str(tmp / "out.svg")],
        ["render", path, "-f", "mermaid"],
        ["render", path, "--view", "flow", "-f", "dot"],
        ["report", path],
        ["report", path, "--format", "html"],
        ["actions", path],
        ["export", path],
        ["export", path, "-f", "json"],
        ["diff", path, VALID],
        ["diff", VALID, path],
        ["trend", path, VALID],
        ["fmt", "--check", path],
        ["diagnose", "--answers", path],
    ]


@pytest.mark.parametrize("bad", BAD_FILES, ids=lambda p: p.stem)
def test_bad_map_never_raises(cli, tmp_path: Path, bad: Path) -> None:
    for args in commands_for(str(bad), tmp_path):
        result = cli(*args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args, repr(result.exception))
        assert result.exit_code != 0 or args[0] == "fmt", (args, result.output)
        assert "Traceback" not in result.output, args


@pytest.mark.parametrize("args", [
    ["render", "missing.yaml"], ["report", "missing.yaml"], ["export", "missing.yaml"],
    ["diff", "missing.yaml", "other.yaml"], ["trend", "a.yaml", "b.yaml"],
    ["actions", "missing-folder"], ["fmt", "missing.yaml"], ["diagnose", "--save", "missing.yaml"],
    ["new", "--starter", "no-such-starter", "--title", "T", "--customer", "C", "-"],
])
def test_missing_files_exit_2(cli, tmp_path: Path, monkeypatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.exit_code == 2, (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
