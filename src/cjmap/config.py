"""Project configuration: ``.cjmap.yaml``, or ``[tool.cjmap]`` in ``pyproject.toml``.

Found by walking up from each map's folder; the nearest file wins, so a team can keep one file
at the repository root and override it for one folder. Example ``.cjmap.yaml``::

    checks:
      quote-balance: disable        # or: off, false
      action-accountability: error  # change a check's severity
    moments_of_truth:
      max: 4                        # "a few" moments of truth (default 3)
      share: 0.34                   # and at most this share of the steps (default 1/3)
    channels: [webchat, text-relay] # extra allowed touchpoint channels
    bank_holidays: scotland         # working days for `cjmap evidence` (or northern-ireland;
                                    # default england-and-wales)
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml.error import YAMLError

from cjmap.checks import RULE_IDS
from cjmap.load import safe_yaml
from cjmap.problems import Severity
from cjmap.settings import DEFAULT, Config, ConfigError

CONFIG_FILE = ".cjmap.yaml"
_OFF = {"disable", "disabled", "off", "false", "no"}


def from_mapping(data: Any, source: str) -> Config:
    """Build a Config from parsed settings, naming ``source`` in any error."""
    if data is None:
        return Config(source=source)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the settings must be a mapping")
    unknown = set(data) - {"checks", "moments_of_truth", "channels", "bank_holidays"}
    if unknown:
        raise ConfigError(f"{source}: unknown setting(s): {', '.join(sorted(map(str, unknown)))}"
                          " (allowed: checks, moments_of_truth, channels, bank_holidays)")
    regions = ("england-and-wales", "scotland", "northern-ireland")
    region = data.get("bank_holidays", regions[0])
    if region not in regions:
        raise ConfigError(f"{source}: bank_holidays must be one of: {', '.join(regions)}")
    moments = data.get("moments_of_truth") or {}
    if not isinstance(moments, dict) or set(moments) - {"max", "share"}:
        raise ConfigError(f"{source}: moments_of_truth takes `max` and `share`")
    channels = data.get("channels") or []
    if not isinstance(channels, list) or not all(isinstance(c, str) for c in channels):
        raise ConfigError(f"{source}: channels must be a list of names")
    return Config(
        severities=_severities(data.get("checks") or {}, source),
        moments_most=_number(moments.get("max", 3), int, f"{source}: moments_of_truth.max"),
        moments_share=_number(moments.get("share", 1 / 3), float,
                              f"{source}: moments_of_truth.share"),
        channels=tuple(channels),
        bank_holidays=region,
        source=source,
    )


def _number(value: Any, kind: type, what: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigError(f"{what} must be a positive number")
    return kind(value)


def _severities(checks: Any, source: str) -> dict[str, Optional[Severity]]:
    if not isinstance(checks, dict):
        raise ConfigError(f"{source}: checks must map a check id to error, warning or disable")
    result: dict[str, Optional[Severity]] = {}
    for rule, setting in checks.items():
        if rule not in RULE_IDS:
            raise ConfigError(f"{source}: unknown check {rule!r} (see `cjmap checks`)")
        word = str(setting).lower()  # YAML's `off` or `false` arrive as booleans
        if word in _OFF:
            result[rule] = None
        elif word in ("error", "warning"):
            result[rule] = Severity(word)
        else:
            raise ConfigError(f"{source}: checks.{rule} must be error, warning or disable")
    return result


def read_config_file(path: Path) -> Config:
    """Read one ``.cjmap.yaml`` or ``pyproject.toml``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    if path.name == "pyproject.toml":
        return from_mapping(_toml(text, path).get("tool", {}).get("cjmap"), f"{path} [tool.cjmap]")
    try:
        data = safe_yaml().load(text)
    except YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from None
    return from_mapping(data, str(path))


def _toml(text: str, path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _has_tool_section(path: Path) -> bool:
    try:
        return "[tool.cjmap]" in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


@lru_cache(maxsize=None)
def config_for_folder(folder: Path) -> Config:
    """The nearest configuration at or above ``folder`` (cached per folder)."""
    for candidate in (folder, *folder.parents):
        yaml_file = candidate / CONFIG_FILE
        if yaml_file.is_file():
            return read_config_file(yaml_file)
        toml_file = candidate / "pyproject.toml"
        if toml_file.is_file() and _has_tool_section(toml_file):
            return read_config_file(toml_file)
    return DEFAULT


def config_for(map_path: str | Path) -> Config:
    return config_for_folder(Path(map_path).resolve().parent)
