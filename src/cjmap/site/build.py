"""Build the site: load the maps, group them by journey, and write every page.

Deterministic: the same maps, ``today`` and theme give the same bytes (nothing depends on the
clock, the machine or the order work finishes in). Journeys build in parallel, in worker
processes, when there are several.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjmap.figures.derived import period_sort_key
from cjmap.site import figures
from cjmap.site.journeys import Entry, Task, build_journey
from cjmap.site.pages import action_page, index_page, trend_view, tsm_page
from cjmap.validate import SITE_MARKER, MapError, discover, load_map
from cjmap.writing import write_atomic

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class SiteOptions:
    """How to build: the date for overdue actions, the theme, the flow's layout engine, and
    how many worker processes (None: one a CPU; 1: none)."""

    today: dt.date
    theme: str = "default"
    engine: str = "auto"
    workers: int | None = None


@dataclass
class Site:
    """The site's files (path in the site -> bytes), and the files that were not valid maps."""

    files: dict[str, bytes] = field(default_factory=dict)
    maps: int = 0
    invalid: list[str] = field(default_factory=list)


def _slug(path: Path, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "map"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def load_entries(paths: Sequence[str | Path]) -> tuple[list[Entry], list[str]]:
    """The valid maps under ``paths`` (in discovery order) and the invalid files' names."""
    entries: list[Entry] = []
    invalid: list[str] = []
    taken: set[str] = set()
    for path in discover(paths):
        try:
            journey = load_map(path)
        except MapError:
            invalid.append(str(path))
            continue
        entries.append(Entry(str(path), _slug(path, taken), journey, path.read_bytes()))
    return entries, invalid


def groups(entries: list[Entry]) -> list[dict[str, Any]]:
    """Journeys by title: the current maps, then the past waves (latest first)."""
    by_title: dict[str, list[Entry]] = {}
    for entry in entries:
        by_title.setdefault(entry.journey.journey.title, []).append(entry)

    def latest_first(entry: Entry) -> tuple[Any, ...]:
        key = period_sort_key(entry.journey.journey.period)
        return (-key[0], key[1], entry.label)

    found = []
    for title in sorted(by_title, key=lambda text: (text.casefold(), text)):
        members = sorted(by_title[title], key=latest_first)
        found.append({"title": title, "members": members,
                      "current": [e for e in members if not figures.is_archived(e.journey)],
                      "past": [e for e in members if figures.is_archived(e.journey)]})
    return found


def _tasks(found: list[dict[str, Any]], options: SiteOptions, has_tsm: bool) -> list[Task]:
    tasks = []
    for group in found:
        trend = trend_view(group["members"]) if len(group["members"]) > 1 else None
        head = (group["current"] or group["members"])[0]
        current = (f"../{head.slug}/index.html", head.journey.journey.period or head.label)
        for entry in group["members"]:
            tasks.append(Task(entry, options.today, options.theme, options.engine, has_tsm,
                              trend, current if entry is not head else None))
    return tasks


def _run(tasks: list[Task], workers: int | None, progress: Progress | None) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    count = workers or os.cpu_count() or 1
    if count < 2 or len(tasks) < 2:
        for done, task in enumerate(tasks, start=1):
            files.update(build_journey(task))
            if progress:
                progress(done, len(tasks), task.entry.label)
        return files
    with ProcessPoolExecutor(max_workers=min(count, len(tasks))) as pool:
        futures = {pool.submit(build_journey, task): task for task in tasks}
        for done, future in enumerate(as_completed(futures), start=1):
            files.update(future.result())
            if progress:
                progress(done, len(tasks), futures[future].entry.label)
    return files


def build_site(paths: Sequence[str | Path], options: SiteOptions,
               progress: Progress | None = None) -> Site:
    """Every file of the site for the maps under ``paths``; nothing is written.

    Raises :class:`cjmap.validate.PathError` for a path that does not exist.
    """
    entries, invalid = load_entries(paths)
    found = groups(entries)
    tsm = figures.tsm_rows([entry.journey for entry in entries])
    shared = {"theme": options.theme, "has_tsm": bool(tsm), "today": options.today}
    files = _run(_tasks(found, options, bool(tsm)), options.workers, progress)
    files["index.html"] = index_page(found, invalid, len(entries), shared).encode("utf-8")
    files["actions.html"] = action_page(entries, shared).encode("utf-8")
    if tsm:
        files["tsm.html"] = tsm_page(tsm, shared).encode("utf-8")
    return Site(dict(sorted(files.items())), len(entries), invalid)


def write_site(site: Site, folder: Path) -> None:
    """Write the site's files under ``folder`` (other files there are left alone)."""
    for name, data in site.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    write_atomic(folder / SITE_MARKER, "A site written by `cjmap site`: the maps in it are copies "
                 "for download, so `cjmap validate` does not look in this folder.\n")
