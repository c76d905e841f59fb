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
    """Settings for the checks. ``severities`` maps a check id to a severity or None (off).

    ``bank_holidays`` is the region whose bank holidays are not working days, for
    ``cjmap evidence``: ``england-and-wales``, ``scotland`` or ``northern-ireland``.
    """

    severities: dict[str, Optional[Severity]] = field(default_factory=dict)
    moments_most: int = 3
    moments_share: float = 1 / 3
    channels: tuple[str, ...] = ()
    bank_holidays: str = "england-and-wales"
    source: Optional[str] = None

    def severity_of(self, rule: str, default: Severity) -> Optional[Severity]:
        return self.severities.get(rule, default)


DEFAULT = Config()


@dataclass(frozen=True)
class CheckContext:
    """What a check may need besides the map: settings and today's date."""

    config: Config
    today: dt.date
