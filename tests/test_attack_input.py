"""Attack suite, "never crash or hang on input": nesting, values YAML's constructors choke on,
non-finite numbers, special files, odd keys and bytes, link loops, --jobs and Ctrl-C."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cjmap.load import MAX_DEPTH, load_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "repairs.yaml").read_text(encoding="utf-8")
READERS = [["validate"], ["render", "-o", "/dev/null"], ["report"], ["export"],
           ["export", "-f", "json"], ["fmt", "--check"], ["actions"], ["diff", "OTHER"]]


def _run_all(cli, path: Path, other: Path | None = None) -> list[int]:
    codes = []
    for command in READERS:
        args = [str(other or path) if part == "OTHER" else part for part in command[1:]]
        result = cli(command[0], str(path), *args)
        assert "Traceback" not in result.output
        codes.append(result.exit_code)
    return codes


@pytest.mark.parametrize("where", ["map", "config", "answers", "string"])
def test_deep_nesting_is_bounded_everywhere(cli, tmp_path: Path, where: str) -> None:
    deep = "[" * 1000 + "]" * 1000
    if where == "map":
        (tmp_path / "m.yaml").write_text(f"cjmap: 1\njourney: {deep}\n")
        result = cli("validate", str(tmp_path / "m.yaml"))
        assert result.exit_code == 1 and "[nesting-limit]" in result.output
    elif where == "config":
        (tmp_path / ".cjmap.yaml").write_text(f"checks: {deep}\n")
        (tmp_path / "m.yaml").write_text(EXAMPLE)
        result = cli("validate", str(tmp_path / "m.yaml"))
        assert result.exit_code == 2 and "nests too deeply" in result.stderr
    elif where == "answers":
        (tmp_path / "a.yaml").write_text(f"costly: {deep}\n")
        result = cli("diagnose", "--answers", str(tmp_path / "a.yaml"))
        assert result.exit_code == 2 and "nests too deeply" in result.stderr
    else:  # a thousand levels inside a string field, where the model expects text
        text = EXAMPLE.replace("title:", f"title: {deep}\n  x_title:", 1)
        problems = load_text(text).problems
        assert problems and problems[0].rule == "nesting-limit"


def test_the_depth_limit_is_above_any_map() -> None:
    assert MAX_DEPTH >= 50
    nested = "cjmap: 1\njourney:\n  title: " + "[" * 60 + "]" * 60 + "\n"
    assert all(p.rule != "nesting-limit" for p in load_text(nested).problems)


BAD_VALUES = ["2024-13-01", "2024-02-30", "0000-01-01", "1" * 5000]


@pytest.mark.parametrize("value", BAD_VALUES, ids=["month", "day", "year0", "digits"])
@pytest.mark.parametrize("where", ["map", "config", "answers"])
def test_values_yaml_cannot_construct_are_located(cli, tmp_path: Path, value, where) -> None:
    if where == "map":
        text = EXAMPLE.replace("  period: 2026/27 Q2", f"  period: {value}", 1)
        problems = load_text(text).problems
        assert [p.rule for p in problems] == ["invalid-value"]
        assert problems[0].line == 14 and "\n" not in problems[0].message
        return
    if where == "config":
        (tmp_path / ".cjmap.yaml").write_text(f"moments_of_truth:\n  max: {value}\n")
        (tmp_path / "m.yaml").write_text(EXAMPLE)
        result = cli("validate", str(tmp_path / "m.yaml"))
    else:
        (tmp_path / "a.yaml").write_text(f"costly: yes\nchanged: {value}\n")
        result = cli("diagnose", "--answers", str(tmp_path / "a.yaml"))
    assert result.exit_code == 2
    assert ":2:" in result.stderr and len(result.stderr.strip().splitlines()) == 1


NON_FINITE = [".nan", ".inf", "-.inf", "1e400"]


@pytest.mark.parametrize("value", NON_FINITE)
@pytest.mark.parametrize("field", ["positive: 15", "satisfied: 79", "value: 31", "target: 40"])
def test_non_finite_numbers_are_invalid_values(tmp_path: Path, value, field) -> None:
    name = field.split(":")[0]
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.replace(field, f"{name}: {value}", 1))
    problems = load_text(path.read_bytes()).problems
    assert [p.rule for p in problems] == ["invalid-value"]
    assert "finite" in problems[0].message or "integer" in problems[0].message


@pytest.mark.parametrize("value", NON_FINITE)
def test_no_command_crashes_on_non_finite_numbers(cli, tmp_path: Path, value) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.replace("satisfied: 79", f"satisfied: {value}", 1))
    for command in (["validate"], ["render", "-o", "/dev/null"], ["report", "-f", "html"],
                    ["export", "-f", "json"]):
        assert cli(command[0], str(path), *command[1:]).exit_code == 1


@pytest.mark.parametrize("special", ["fifo", "fifo-in-folder", "/dev/zero", "/dev/urandom"])
def test_special_inputs_never_block_or_fill_memory(cli, tmp_path: Path, special: str) -> None:
    if special.startswith("fifo"):
        os.mkfifo(tmp_path / "pipe.yaml")
        (tmp_path / "ok.yaml").write_text(EXAMPLE)
        target = str(tmp_path if special == "fifo-in-folder" else tmp_path / "pipe.yaml")
    else:
        target = special
    commands = [["validate"], ["fmt", "--check"], ["export"], ["report"], ["actions"]]
    for command in commands[:2] if special == "fifo-in-folder" else commands:
        result = cli(command[0], *command[1:], target)
        assert result.exit_code == 2
        assert "not a regular file" in result.output + result.stderr


@pytest.mark.parametrize("size", [100, 1000])
def test_the_file_size_limit_is_configurable(cli, tmp_path: Path, size: int) -> None:
    (tmp_path / ".cjmap.yaml").write_text(f"max_file_size: {size}\n")
    (tmp_path / "m.yaml").write_text(EXAMPLE)
    result = cli("validate", str(tmp_path / "m.yaml"))
    assert result.exit_code == 2 and "larger than" in result.output


@pytest.mark.parametrize("key", ["a[0]", "b(1)", "[x]y", "f()"])
def test_keys_with_brackets_are_named_at_their_line(key: str) -> None:
    text = EXAMPLE.replace("journey:", f'"{key}": 1\njourney:', 1)
    problems = load_text(text).problems
    assert len(problems) == 1 and f"unknown key `{key}`" in problems[0].message
    assert problems[0].line == 10


@pytest.mark.parametrize("byte", ["\x00", "\x01", "\x7f", "\ufffe"])
def test_control_bytes_are_located_on_one_line(byte: str) -> None:
    text = EXAMPLE.replace("title: Getting", f"title: Get{byte}ting", 1)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if byte in row)
    problems = load_text(text).problems
    assert problems and problems[0].line == line and problems[0].column > 1
    assert "\n" not in str(problems[0])


@pytest.mark.parametrize("layout", ["self", "pair"])
def test_symbolic_link_loops_are_no_traceback(cli, tmp_path: Path, layout: str) -> None:
    if layout == "self":
        (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    else:
        (tmp_path / "a.yaml").symlink_to("loop.yaml")
        (tmp_path / "loop.yaml").symlink_to("a.yaml")
    for command in (["validate"], ["fmt"], ["export"], ["diff", str(tmp_path / "loop.yaml")]):
        result = cli(command[0], str(tmp_path / "loop.yaml"), *command[1:])
        assert result.exit_code == 2


@pytest.mark.parametrize("jobs", ["0", "-1", "-100"])
def test_nonsense_jobs_are_usage_errors(cli, jobs: str) -> None:
    assert cli("validate", "--jobs", jobs, str(ROOT / "examples")).exit_code == 2


@pytest.mark.parametrize("jobs,files", [(100_000, 3), (100_000, 10_000), (None, 1), (2, 500)])
def test_workers_are_capped(jobs, files) -> None:
    from cjmap.validate import worker_count

    workers = worker_count(jobs, files)
    assert 1 <= workers <= min(os.cpu_count() or 1, files)


@pytest.mark.parametrize("jobs", ["2"])
def test_ctrl_c_cancels_a_parallel_validate_promptly(tmp_path: Path, jobs: str) -> None:
    for number in range(800):
        (tmp_path / f"m{number}.yaml").write_text(EXAMPLE)
    # Warm the bytecode cache, so that the interrupt lands in the validation, not in imports.
    subprocess.run([sys.executable, "-m", "cjmap", "validate", str(tmp_path / "m0.yaml")],
                   capture_output=True, check=False)
    process = subprocess.Popen([sys.executable, "-m", "cjmap", "validate", "-j", jobs,
                                str(tmp_path)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(1.5)
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 130, stderr
    assert time.monotonic() - started < 5
    assert b"Traceback" not in stderr


def test_validate_of_a_folder_with_odd_files_goes_on(cli, tmp_path: Path) -> None:
    (tmp_path / "list-key.yaml").write_text("? [a, b]\n: 1\n[x]: [y]\n")
    (tmp_path / "comment.yaml").write_text("key:    # Comment\n        # lines\n  value\n\n\n")
    (tmp_path / "ok.yaml").write_text(EXAMPLE)
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 1
    assert re.search(r"3 files checked: 2 invalid", result.output)
    shutil.rmtree(tmp_path)
