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
    calendar:
      region: scotland              # working days: england-and-wales (default), scotland,
                                    # northern-ireland (or `region: scotland` at the top level)
    personal_data:
      fields: [owner, with]         # also look for personal data in owners and touchpoints' `with`
    max_file_size: 16777216         # bytes: larger map files are refused unread (16 MiB)

Configuration files are read through the same guards as maps (size, nesting depth, values YAML
cannot construct), and every mistake is a :class:`ConfigError` naming the file.
"""

from __future__ import annotations

import math
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml.error import YAMLError

from cjmap.checks import RULE_IDS
from cjmap.housing.calendar import DEFAULT_REGION, REGIONS
from cjmap.load import MAX_FILE_SIZE, safe_yaml, yaml_error_place
from cjmap.problems import Severity
from cjmap.settings import DEFAULT, Config, ConfigError
from cjmap.writing import read_limited

CONFIG_FILE = ".cjmap.yaml"
_OFF = {"disable", "disabled", "off", "false", "no"}
_SETTINGS = ("checks", "moments_of_truth", "channels", "calendar", "region", "personal_data",
             "max_file_size")
_STAFF_FIELDS = ("owner", "with")


def from_mapping(data: Any, source: str) -> Config:
    """Build a Config from parsed settings, naming ``source`` in any error."""
    if data is None:
        return Config(source=source)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the settings must be a mapping")
    unknown = set(data) - set(_SETTINGS)
    if unknown:
        raise ConfigError(f"{source}: unknown setting(s): {', '.join(sorted(map(str, unknown)))}"
                          f" (allowed: {', '.join(_SETTINGS)})")
    moments = data.get("moments_of_truth") or {}
    if not isinstance(moments, dict) or set(moments) - {"max", "share"}:
        raise ConfigError(f"{source}: moments_of_truth takes `max` and `share`")
    channels = data.get("channels") or []
    if not isinstance(channels, list) or not all(isinstance(c, str) for c in channels):
        raise ConfigError(f"{source}: channels must be a list of names")
    return Config(
        severities=_severities(data.get("checks") or {}, source),
        moments_most=_number(moments.get("max", 3), int, f"{source}: moments_of_truth.max"),
        max_file_size=_number(data.get("max_file_size", MAX_FILE_SIZE), int,
                              f"{source}: max_file_size"),
        moments_share=_number(moments.get("share", 1 / 3), float,
                              f"{source}: moments_of_truth.share"),
        channels=tuple(channels),
        source=source,
        region=_region(data, source),
        personal_data_fields=_personal_data_fields(data.get("personal_data"), source),
    )


def _region(data: dict[Any, Any], source: str) -> str:
    """The working-day region: ``calendar: {region: ...}`` or ``region: ...``."""

    calendar = data.get("calendar") or {}
    if not isinstance(calendar, dict) or set(calendar) - {"region"}:
        raise ConfigError(f"{source}: calendar takes `region`")
    if "region" in calendar and "region" in data:
        raise ConfigError(f"{source}: give the region once, as calendar.region or region")
    region = calendar.get("region", data.get("region", DEFAULT_REGION))
    if region not in REGIONS:
        raise ConfigError(f"{source}: region must be one of {', '.join(REGIONS)}, not {region!r}")
    return str(region)


def _personal_data_fields(setting: Any, source: str) -> tuple[str, ...]:
    """The staff fields the personal-data check should read as well: ``owner``, ``with``."""
    if setting is None:
        return ()
    fields = setting.get("fields") if isinstance(setting, dict) else None
    if (not isinstance(setting, dict) or set(setting) - {"fields"} or not isinstance(fields, list)
            or not set(fields) <= set(_STAFF_FIELDS)):
        raise ConfigError(f"{source}: personal_data takes `fields:`, a list of "
                          f"{' and '.join(_STAFF_FIELDS)}")
    return tuple(fields)




def _number(value: Any, kind: type, what: str) -> Any:
    """A positive finite number; for ``int``, a whole one (``max: 2.7`` is refused)."""
    allowed = (int,) if kind is int else (int, float)
    if isinstance(value, bool) or not isinstance(value, allowed):
        whole = " (a whole one)" if kind is int else ""
        raise ConfigError(f"{what} must be a positive number{whole}, not {str(value)[:40]!r}")
    if not math.isfinite(value) or value <= 0 or value > 10**15:
        raise ConfigError(f"{what} must be a positive number (finite), not {str(value)[:40]}")
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
    text = _read(path)
    if path.name == "pyproject.toml":
        return from_mapping(_tool_section(_toml(text, path), path), f"{path} [tool.cjmap]")
    try:
        data = safe_yaml().load(text)
    except YAMLError as error:
        line, column, message = yaml_error_place(error, text)
        raise ConfigError(f"{path}:{line}:{column}: not valid YAML: {message}") from None
    return from_mapping(data, str(path))


def _read(path: Path) -> str:
    try:
        return read_limited(path, MAX_FILE_SIZE).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from None


def _tool_section(document: dict[str, Any], path: Path) -> Any:
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: `tool` must be a table")
    return tool.get("cjmap")


def _toml(text: str, path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {' '.join(str(error).split())}") from None
    except (RecursionError, ValueError) as error:
        raise ConfigError(f"{path}: cannot be read as TOML: {type(error).__name__}") from None


def _has_tool_section(path: Path) -> bool:
    """Whether a pyproject.toml configures cjmap, in any TOML form (``[tool.cjmap]``,
    ``[tool.cjmap.checks]``, dotted keys, inline tables); a file that is not UTF-8 or not TOML
    is a ConfigError, not skipped."""
    return _tool_section(_toml(_read(path), path), path) is not None


@lru_cache(maxsize=None)
def config_for_folder(folder: Path) -> Config:
    """The nearest configuration at or above ``folder`` (cached per folder)."""
    for candidate in (folder, *folder.parents):
        yaml_file = candidate / CONFIG_FILE
        if yaml_file.is_file() or _is_special(yaml_file):
            return read_config_file(yaml_file)
        toml_file = candidate / "pyproject.toml"
        if toml_file.is_file() and _has_tool_section(toml_file):
            return read_config_file(toml_file)
    return DEFAULT


def _is_special(path: Path) -> bool:
    """A .cjmap.yaml that exists but is no regular file (a FIFO, a folder): an error, not
    silently skipped."""
    try:
        return path.exists() and not path.is_file()
    except OSError:
        return False


def config_for(map_path: str | Path) -> Config:
    try:
        folder = Path(map_path).resolve().parent
    except (OSError, RuntimeError):  # a loop of symbolic links: look up from where it is named
        folder = Path(os.path.abspath(map_path)).parent
    return config_for_folder(folder)
