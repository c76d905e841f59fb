"""The watched map file: a version that moves on each change, and the last good rendering.

Watching is a poll of the file's modification time and size, then of its content hash (no
dependency, and it works on every file system, network shares included). A save that changes
the bytes is a new version; one that leaves them as they were is not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from cjmap.config import config_for
from cjmap.load import load_text
from cjmap.problems import Problem, Severity
from cjmap.report import ReportOptions, make_report
from cjmap.report.document import map_svg
from cjmap.validate import check_loaded

AUDIENCES = ("influencer", "executive", "front-line")


@dataclass(frozen=True)
class Snapshot:
    """What the page shows for one version of the file.

    ``svg`` and ``journey`` are the last good map: they survive versions that do not validate,
    so the page keeps the picture while it lists the problems. ``good_version`` says which
    version they are from.
    """

    version: int
    problems: tuple[Problem, ...] = ()
    svg: Optional[str] = None
    journey: Any = None
    good_version: Optional[int] = None
    errors: int = 0
    changed_at: dt.datetime = field(default_factory=dt.datetime.now)

    @property
    def valid(self) -> bool:
        return self.errors == 0 and self.journey is not None and self.good_version == self.version

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "valid": self.valid,
            "good_version": self.good_version,
            "problems": [
                {"line": p.line, "column": p.column, "severity": str(p.severity),
                 "rule": p.rule, "message": p.message}
                for p in self.problems
            ],
        }


class PreviewState:
    """One map file, re-read when it changes. Safe to use from several threads."""

    def __init__(self, path: str | Path, today: Optional[dt.date] = None,
                 theme: str = "default") -> None:
        self.path = Path(path)
        self.today = today
        self.theme = theme
        self._lock = threading.Lock()
        self._stat: Optional[tuple[int, int]] = None
        self._digest: Optional[str] = None
        self._snapshot = Snapshot(version=0)
        self.refresh()

    @property
    def snapshot(self) -> Snapshot:
        with self._lock:
            return self._snapshot

    def refresh(self) -> bool:
        """Re-read the file if it changed; True when there is a new version.

        The file is read only when its modification time or size moved, and is a new version
        only when its bytes differ (saving an unchanged file does not redraw).
        """
        with self._lock:
            stat = _stat(self.path)
            if stat == self._stat and stat is not None:
                return False
            self._stat = stat
            raw = _read(self.path) if stat is not None else None
            digest = hashlib.sha256(raw).hexdigest() if raw is not None else None
            if digest == self._digest and self._snapshot.version:
                return False
            self._digest = digest
            self._snapshot = self._next(raw)
            return True

    def _next(self, raw: Optional[bytes]) -> Snapshot:
        previous = self._snapshot
        version = previous.version + 1
        if raw is None:
            missing = Problem(str(self.path), 1, 1, Severity.ERROR, "io",
                              "cannot read the file: it was moved, deleted or is not readable")
            return Snapshot(version, (missing,), previous.svg, previous.journey,
                            previous.good_version, 1)
        loaded = load_text(raw, str(self.path))
        result = check_loaded(loaded, self.today or dt.date.today(), config_for(self.path))
        problems = tuple(result.problems)
        errors = sum(1 for p in problems if p.severity is Severity.ERROR)
        journey = loaded.journey if errors == 0 else None
        if journey is None:
            return Snapshot(version, problems, previous.svg, previous.journey,
                            previous.good_version, max(errors, 1))

        return Snapshot(version, problems, map_svg(journey, self.theme), journey, version, 0)

    def report_html(self, audience: str) -> Optional[str]:
        """The HTML report of the last good map for ``audience`` (None when there is none)."""
        snapshot = self.snapshot
        if snapshot.journey is None or audience not in AUDIENCES:
            return None

        options = ReportOptions(today=self.today or dt.date.today(), audience=audience,
                                format="html", map_svg=snapshot.svg, theme=self.theme,
                                source=self.path.name)
        return make_report(snapshot.journey, options)


def _stat(path: Path) -> Optional[tuple[int, int]]:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def _read(path: Path) -> Optional[bytes]:
    try:
        return path.read_bytes()
    except OSError:
        return None
