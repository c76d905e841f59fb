"""A touchpoint's channel is one the format knows, or one the configuration adds.

Known channels: phone, email, letter, sms, web, portal, app, face-to-face, home-visit, leaflet,
social-media, third-party, other. Add your own with ``channels: [...]`` in the configuration.
"""

from __future__ import annotations

import difflib
from typing import Iterator

from cjmap.model import CHANNELS, JourneyMap
from cjmap.problems import Finding, Severity
from cjmap.settings import CheckContext

ID = "unknown-channel"
SEVERITY = Severity.WARNING


def check(journey: JourneyMap, context: CheckContext) -> Iterator[Finding]:
    known = [*CHANNELS, *context.config.channels]
    for index, step in enumerate(journey.steps):
        for number, touchpoint in enumerate(step.touchpoints):
            if touchpoint.channel in known:
                continue
            close = difflib.get_close_matches(touchpoint.channel, known, n=1)
            hint = f": did you mean `{close[0]}`?" if close else " (add it under `channels:` in .cjmap.yaml)"
            yield Finding(("steps", index, "touchpoints", number, "channel"),
                          f"unknown channel `{touchpoint.channel}`{hint}")
