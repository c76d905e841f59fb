"""Attack suite: streams and encodings, configuration, user templates, messages, the public YAML
test suite, and random input to every command that reads a map."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import examples

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "repairs.yaml"
SUITE = ROOT.parent / "shared" / "yaml-test-suite" / "cases"


def _cjmap(*args: str, env: dict[str, str] | None = None, **options) -> subprocess.CompletedProcess:
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "cjmap", *args],
                          env={**os.environ, **(env or {})}, timeout=60, **options)


@pytest.mark.parametrize("command", [["export"], ["report"], ["validate", "-f", "json"]])
@pytest.mark.parametrize("how", ["full", "closed"])
def test_a_full_or_closed_stdout_is_one_line_and_exit_2(command, how) -> None:
    if how == "full":
        with open("/dev/full", "w") as full:
            done = _cjmap(command[0], str(EXAMPLE), *command[1:], stdout=full, stderr=subprocess.PIPE)
    else:
        done = subprocess.run([sys.executable, "-m", "cjmap", command[0], str(EXAMPLE), *command[1:]],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60,
                              preexec_fn=lambda: os.close(1))
    assert done.returncode == 2
    assert len(done.stderr.decode().strip().splitlines()) == 1, done.stderr


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"},
                                 {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}])
def test_a_non_utf8_stdout_degrades_and_never_crashes(tmp_path: Path, env) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(EXAMPLE.read_text().replace("Getting a repair", "Réparation — ✓ 修理"))
    commands = [["validate", str(path)], ["export", str(path)], ["report", str(path)],
                ["actions", str(path)], ["diff", str(path), str(EXAMPLE)],
                ["diagnose", "--costly", "yes"]]
    # One interpreter runs every command through the real entry point (start-up is the cost).
    script = ("import sys\nfrom cjmap.__main__ import main\ncodes = []\n"
              f"for args in {commands!r}:\n"
              "    sys.argv = ['cjmap', *args]\n"
              "    try:\n        main()\n        codes.append(0)\n"
              "    except SystemExit as e:\n        codes.append(e.code)\n"
              "sys.stderr.write(repr(codes))\n")
    done = subprocess.run([sys.executable, "-c", script], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env={**os.environ, **env}, timeout=120)
    assert b"Traceback" not in done.stderr, done.stderr[-500:]
    codes = eval(done.stderr[done.stderr.rindex(b"["):].decode())  # noqa: S307 - our own repr
    assert all(code in (0, 1, 3) for code in codes), codes


TOML_FORMS = ["[tool.cjmap.checks]\nquote-balance = 'error'\n",
              "[tool]\ncjmap.checks.quote-balance = 'error'\n",
              "tool = {cjmap = {checks = {quote-balance = 'error'}}}\n"]


@pytest.mark.parametrize("form", TOML_FORMS)
def test_every_toml_form_of_tool_cjmap_is_read(tmp_path: Path, form: str) -> None:
    from cjmap.config import config_for_folder
    from cjmap.problems import Severity

    (tmp_path / "pyproject.toml").write_text(form)
    config_for_folder.cache_clear()
    assert config_for_folder(tmp_path).severities == {"quote-balance": Severity.ERROR}


@pytest.mark.parametrize("content", [b"[tool.cjmap]\nx = '\xff'\n", b"[tool.cjmap\n"])
def test_a_broken_pyproject_is_exit_2(cli, tmp_path: Path, content: bytes) -> None:
    (tmp_path / "pyproject.toml").write_bytes(content)
    shutil.copy(EXAMPLE, tmp_path / "m.yaml")
    result = cli("validate", str(tmp_path / "m.yaml"))
    assert result.exit_code == 2 and "pyproject.toml" in result.stderr


@pytest.mark.parametrize("value", [".nan", ".inf", "1" * 5000, "2.7", "-1", "0"])
def test_bad_numbers_in_the_configuration_are_refused(cli, tmp_path: Path, value: str) -> None:
    (tmp_path / ".cjmap.yaml").write_text(f"moments_of_truth:\n  max: {value}\n")
    shutil.copy(EXAMPLE, tmp_path / "m.yaml")
    result = cli("validate", str(tmp_path / "m.yaml"))
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


TEMPLATES = {
    "macro": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "include-self": '{% include "t.md.j2" %}',
    "extends-self": '{% extends "t.md.j2" %}',
    "power": "{{ 10**5000 }}",
    "repeat": "{{ 'x' * 10**10 }}",
    "loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "output": "{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}",
    "link-out": '{% include "passwd.md" %}',
    "dotdot": '{% include "../secret.md" %}',
}


@pytest.mark.parametrize("name", TEMPLATES)
def test_hostile_templates_are_one_line_and_exit_2(cli, tmp_path: Path, monkeypatch, name) -> None:
    import cjmap.report.environment as environment

    monkeypatch.setattr(environment, "TEMPLATE_SECONDS", 1.0)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.md.j2").write_text(TEMPLATES[name])
    (folder / "passwd.md").symlink_to("/etc/passwd")
    (tmp_path / "secret.md").write_text("secret")
    result = cli("report", str(EXAMPLE), "--template", str(folder / "t.md.j2"))
    assert result.exit_code == 2, result.output[-300:]
    assert len(result.stderr.strip().splitlines()) == 1
    assert "root:" not in result.output and "secret" not in result.stdout


def test_messages(cli, tmp_path: Path, monkeypatch) -> None:
    import cjmap.fmt.formatter

    messy = tmp_path / "m.yaml"
    messy.write_text(EXAMPLE.read_text().replace("cjmap: 1", "cjmap:   1"))

    def refuse(path, text, **options):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cjmap.fmt.formatter, "write_atomic", refuse)
    result = cli("fmt", str(messy))
    assert "-1 files" not in result.stderr and "1 file could not be formatted" in result.stderr
    assert "0 files reformatted" in result.stderr
    (tmp_path / "pipe.yaml").unlink(missing_ok=True)
    os.mkfifo(tmp_path / "pipe.yaml")
    assert cli("actions", str(tmp_path / "pipe.yaml")).exit_code == 2
    assert cli("actions", str(tmp_path / "missing.yaml")).exit_code == 2


def test_dubious_ownership_is_explained() -> None:
    from cjmap.diff.git import GitError, _refuse_dubious

    said = ["fatal: detected dubious ownership in repository at '/x'",
            "To add an exception for this directory, call:", "",
            "\tgit config --global --add safe.directory /x"]
    with pytest.raises(GitError, match="dubious ownership.*safe.directory"):
        _refuse_dubious(said, Path("/x"))


def _suite_cases() -> list[Path]:
    return sorted(SUITE.glob("*.yaml")) if SUITE.is_dir() else []


@pytest.mark.skipif(not SUITE.is_dir(), reason=f"the YAML test suite is not at {SUITE}")
@pytest.mark.parametrize("command", ["validate", "fmt", "render", "report", "export", "diagnose"])
def test_the_yaml_test_suite_never_crashes_a_command(command: str, tmp_path: Path) -> None:
    """Core calls for speed: what each command does with a file, short of printing it."""
    from cjmap.fivecs.answers_file import AnswersError, parse_answers
    from cjmap.fmt.formatter import format_file
    from cjmap.validate import MapError, load_map, validate_file

    for case in _suite_cases():
        if command == "validate":
            validate_file(case)
        elif command == "fmt":
            format_file(case)
        elif command == "diagnose":
            try:
                parse_answers(case.read_bytes().decode("utf-8", "replace"), str(case))
            except AnswersError:
                pass  # printed through fail(), which puts it on one line
        else:
            with pytest.raises(MapError):
                load_map(case)


@pytest.mark.skipif(not SUITE.is_dir(), reason=f"the YAML test suite is not at {SUITE}")
def test_the_yaml_test_suite_as_a_folder(cli) -> None:
    result = cli("validate", str(SUITE))
    assert result.exit_code == 1 and f"{len(_suite_cases())} files checked" in result.output


TOKENS = list("ab:-[]{}?&*!|>'\"#%@ \n\t.0123456789eE+") + [
    "cjmap: 1\n", "journey:\n  title: x\n", "steps:\n", "  - ", "2024-13-01", ".nan", "\x00",
    "\u202e", "\x1b[2J", "1e400", "&a ", "*a"]
YAMLISH = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
RANDOM = st.one_of(st.binary(max_size=200), YAMLISH.map(lambda text: text.encode("utf-8")))


@settings(max_examples=examples(40), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=RANDOM)
def test_random_bytes_never_crash_hang_or_change_the_input(cli, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(data)
    for command in (["validate"], ["fmt", "--check"], ["render", "-o", "/dev/null"], ["report"],
                    ["export", "-f", "json"], ["actions"], ["diff", str(path)],
                    ["diagnose", "--answers"]):
        if command[0] == "diagnose":
            result = cli(*command, str(path))
        else:
            result = cli(command[0], str(path), *command[1:])
        assert result.exit_code in (0, 1, 2), command
        assert path.read_bytes() == data
