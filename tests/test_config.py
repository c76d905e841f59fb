"""Configuration: .cjmap.yaml or [tool.cjmap], found by walking up from each map."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cjmap.config import ConfigError, config_for_folder, from_mapping
from cjmap.problems import Severity
from cjmap.validate import validate_file

UNKNOWN_CHANNEL_MAP = """cjmap: 1
journey: {title: T, customer: C}
steps:
  - id: a
    name: A
    touchpoints: [{channel: webchat}]
"""


@pytest.fixture(autouse=True)
def fresh_cache():
    config_for_folder.cache_clear()
    yield
    config_for_folder.cache_clear()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rules_for(path: Path) -> list[tuple[str, str]]:
    result = validate_file(path, dt.date(2026, 11, 23))
    return [(p.rule, str(p.severity)) for p in result.problems]


def test_without_config_the_default_severity_applies(tmp_path: Path) -> None:
    path = write(tmp_path, "maps/a.yaml", UNKNOWN_CHANNEL_MAP)
    assert rules_for(path) == [("unknown-channel", "warning")]


def test_yaml_config_in_a_parent_folder_disables_a_check(tmp_path: Path) -> None:
    write(tmp_path, ".cjmap.yaml", "checks:\n  unknown-channel: disable\n")
    path = write(tmp_path, "maps/deep/a.yaml", UNKNOWN_CHANNEL_MAP)
    assert rules_for(path) == []


def test_config_raises_a_warning_to_an_error(tmp_path: Path) -> None:
    write(tmp_path, ".cjmap.yaml", "checks:\n  unknown-channel: error\n")
    path = write(tmp_path, "a.yaml", UNKNOWN_CHANNEL_MAP)
    assert rules_for(path) == [("unknown-channel", "error")]
    assert not validate_file(path).valid


def test_extra_channels_are_allowed(tmp_path: Path) -> None:
    write(tmp_path, ".cjmap.yaml", "channels: [webchat]\n")
    assert rules_for(write(tmp_path, "a.yaml", UNKNOWN_CHANNEL_MAP)) == []


def test_pyproject_tool_section_is_read(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.cjmap]\nchannels = ["webchat"]\n')
    assert rules_for(write(tmp_path, "maps/a.yaml", UNKNOWN_CHANNEL_MAP)) == []


def test_nearest_config_wins(tmp_path: Path) -> None:
    write(tmp_path, ".cjmap.yaml", "channels: [webchat]\n")
    write(tmp_path, "strict/.cjmap.yaml", "checks: {unknown-channel: error}\n")
    assert rules_for(write(tmp_path, "strict/a.yaml", UNKNOWN_CHANNEL_MAP)) == [
        ("unknown-channel", "error")]


def test_moments_of_truth_limit_is_configurable(tmp_path: Path) -> None:
    steps = "".join(
        f"  - id: s{i}\n    name: S{i}\n    touchpoints: [{{channel: phone}}]\n"
        f"    moment_of_truth: Why.\n    actions: [{{recommendation: Do.}}]\n" for i in range(4))
    text = "cjmap: 1\njourney: {title: T, customer: C}\nsteps:\n" + steps
    path = write(tmp_path, "a.yaml", text)
    assert rules_for(path) == [("moments-of-truth-count", "warning")]
    config_for_folder.cache_clear()
    write(tmp_path, ".cjmap.yaml", "moments_of_truth: {max: 4, share: 1}\n")
    assert rules_for(path) == []


@pytest.mark.parametrize("settings, message", [
    ({"checks": {"no-such-check": "off"}}, "unknown check 'no-such-check'"),
    ({"checks": {"quote-balance": "loud"}}, "must be error, warning or disable"),
    ({"colour": "red"}, "unknown setting(s): colour"),
    ({"moments_of_truth": {"max": -1}}, "must be a positive number"),
    ({"channels": "webchat"}, "channels must be a list"),
    (["a"], "must be a mapping"),
])
def test_bad_settings_name_the_file(settings: object, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        from_mapping(settings, "here/.cjmap.yaml")
    assert message in str(error.value)
    assert str(error.value).startswith("here/.cjmap.yaml")


def test_severities_accept_off_words() -> None:
    config = from_mapping({"checks": {"quote-balance": False, "stage-order": "off",
                                      "action-overdue": "error"}}, "x")
    assert config.severity_of("quote-balance", Severity.WARNING) is None
    assert config.severity_of("stage-order", Severity.WARNING) is None
    assert config.severity_of("action-overdue", Severity.WARNING) is Severity.ERROR


def test_broken_config_file_is_a_usage_error_in_the_cli(tmp_path: Path, cli) -> None:
    write(tmp_path, ".cjmap.yaml", "checks: [\n")
    path = write(tmp_path, "a.yaml", UNKNOWN_CHANNEL_MAP)
    result = cli("validate", str(path))
    assert result.exit_code == 2
    assert "not valid YAML" in result.output
