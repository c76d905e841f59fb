"""Where a map's computed figures came from: each evidence file, what it fed, and its version.

For reports and the site: the file as the map names it, what it fed, and (when the map's folder
is known and the file is there) the first 12 hex digits of its SHA-256 and its modification
date, so a reader can tell which export the figures were computed from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from cjmap.model import Evidence

DIGEST_LENGTH = 12


@dataclass(frozen=True)
class EvidenceFile:
    """One evidence file: ``role`` is survey, coding or cases; ``fed`` says what it computed."""

    file: str
    role: str
    fed: str
    sha256: Optional[str]
    modified: Optional[dt.date]


def evidence_files(evidence: Optional[Evidence], folder: Optional[Path]) -> list[EvidenceFile]:
    """The files of an ``evidence:`` block, in survey, coding, cases order."""
    if evidence is None:
        return []
    found = []
    if evidence.survey is not None:
        steps = ", ".join(evidence.survey.questions)
        found.append(_file(evidence.survey.file, "survey",
                           f"survey bases and shares of {steps}", folder))
    if evidence.coding is not None:
        found.append(_file(evidence.coding.file, "coding",
                           "feedback counts, quotes and interview participants", folder))
    if evidence.cases is not None:
        metrics = "; ".join(f"{m.metric} ({m.step})" for m in evidence.cases.measures)
        found.append(_file(evidence.cases.file, "cases", f"metrics: {metrics}", folder))
    return found


def _file(name: str, role: str, fed: str, folder: Optional[Path]) -> EvidenceFile:
    if folder is None:
        return EvidenceFile(name, role, fed, None, None)
    path = folder / name
    try:
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
        modified = dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return EvidenceFile(name, role, fed, None, None)
    return EvidenceFile(name, role, fed, digest.hexdigest()[:DIGEST_LENGTH], modified)
