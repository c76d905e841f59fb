"""The settings the checks run under, as data: severities, limits, extra channels.

Kept apart from :mod:`cjmap.config` (which finds and reads the files) so that the checks can
take their settings without importing the file reading, which itself needs the checks' ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from cjmap.problems import Severity


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Config:
    """Settings for the checks. ``severities`` maps a check id to a severity or None (off)."""

    severities: dict[str, Optional[Severity]] = field(default_factory=dict)
    moments_most: int = 3
    moments_share: float = 1 / 3
    channels: tuple[str, ...] = ()
    source: Optional[str] = None
    #: The bank-holiday region working days are counted in (cjmap.housing.calendar.REGIONS).
    region: str = "england-and-wales"
    #: Fields naming staff or teams that the personal-data check reads too: "owner", "with".
    personal_data_fields: tuple[str, ...] = ()
    # The largest map file read, in bytes (cjmap.load.MAX_FILE_SIZE, 16 MiB, unless configured).
    max_file_size: int = 16 * 1024 * 1024

    def severity_of(self, rule: str, default: Severity) -> Optional[Severity]:
        return self.severities.get(rule, default)


DEFAULT = Config()


@dataclass(frozen=True)
class CheckContext:
    """What a check may need besides the map: settings and today's date."""

    config: Config
    today: dt.date
