"""Validate map files: load, check, and collect problems. The core of ``cjmap validate``.

Callable from Python::

    from cjmap.validate import validate_paths
    report = validate_paths(["maps/"])
    for problem in report.problems: print(problem)
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence, TypeVar

from cjmap.checks import CHECKS, run_checks
from cjmap.config import config_for
from cjmap.load import (Loaded, decode, load_file, load_text, positioned_document,
                        value_position)
from cjmap.model import JourneyMap
from cjmap.problems import Problem, Severity, locate
from cjmap.yaml_hints import values_lost_to_comments
from cjmap.settings import DEFAULT, CheckContext, Config
from cjmap.writing import WriteRefused, read_limited

MAP_SUFFIXES = (".yaml", ".yml")
Work = TypeVar("Work")
Result = TypeVar("Result")
# Below this many files a second process costs more to start than it saves.
PARALLEL_FROM = 48


class PathError(Exception):
    """A path given on the command line does not exist or holds no map."""


@dataclass
class FileResult:
    path: str
    problems: list[Problem]
    title: Optional[str] = None  # the journey title of a well-shaped map, for run-level checks
    archived: bool = False

    @property
    def valid(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)


@dataclass
class Report:
    """The outcome of validating many files."""

    files: list[FileResult] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [problem for result in self.files for problem in result.problems]

    def count(self, severity: Severity) -> int:
        return sum(1 for problem in self.problems if problem.severity is severity)

    @property
    def invalid_files(self) -> int:
        return sum(1 for result in self.files if not result.valid)


def discover(paths: Sequence[str | Path]) -> list[Path]:
    """The map files named or found (recursively, ``*.yaml`` and ``*.yml``) under ``paths``.

    Hidden folders are skipped when walking; a file named explicitly is always taken.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(_walk(path))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise PathError(f"{given}: no such file or folder")
    unique = list(dict.fromkeys(found))
    return unique


# `cjmap site` leaves this file in the folder it writes: the maps copied there for download are
# not more maps, so a walk does not go into such a folder.
SITE_MARKER = ".cjmap-site"


def _walk(folder: Path) -> list[Path]:
    files = []
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith(".")
                            and not os.path.exists(os.path.join(root, name, SITE_MARKER)))
        for name in sorted(names):
            if name.endswith(MAP_SUFFIXES) and not name.startswith("."):
                files.append(Path(root) / name)
    return files


def validate_file(path: str | Path, today: Optional[dt.date] = None,
                  config: Optional[Config] = None) -> FileResult:
    """Load and check one file; problems sorted by position."""
    config = config or config_for(path)
    return check_loaded(load_file(path, config.max_file_size), today, config)


def validate_text(raw: bytes | str, name: str, today: Optional[dt.date] = None,
                  config: Optional[Config] = None) -> FileResult:
    """Check a map that is not in a file (an editor's buffer on standard input).

    ``name`` labels the problems; the configuration is looked up from it, as for a file there.
    """
    return check_loaded(load_text(raw, name), today, config or config_for(name))


def check_loaded(loaded: Loaded, today: Optional[dt.date], config: Config) -> FileResult:
    """Run the checks on a loaded map (when it has the right shape) and collect its problems."""
    if loaded.journey is not None:
        context = CheckContext(config, today or dt.date.today())
        for finding, severity, rule in run_checks(loaded.journey, context):
            loaded.problems.append(loaded.problem_at(finding, severity, rule))
        loaded.problems.extend(_text_problems(loaded, config))
    about = loaded.journey.journey if loaded.journey is not None else None
    return FileResult(loaded.path, sorted(loaded.problems),
                      about.title if about is not None else None,
                      about.archived if about is not None else False)


def _text_problems(loaded: Loaded, config: Config) -> list[Problem]:
    """``comment-value``: text YAML read as a comment (``summary: #1 complaint``)."""
    severity = config.severity_of("comment-value", Severity.WARNING)
    if severity is None or "#" not in loaded.text:
        return []
    return [Problem(loaded.path, lost.line, lost.column, severity, "comment-value", lost.message)
            for lost in values_lost_to_comments(loaded.text)]


def error_check_problems(loaded: Loaded) -> list[Problem]:
    """The problems of the checks that are errors by default, for a loaded, well-shaped map.

    Commands that need a valid map use this rather than the configured severities: a map with
    duplicate ids or a dangling stage reference cannot be drawn or compared, whatever a
    configuration says about warnings.
    """
    context = CheckContext(DEFAULT, dt.date.today())
    return [
        loaded.problem_at(finding, Severity.ERROR, module.ID)
        for module in CHECKS
        if module.SEVERITY is Severity.ERROR
        for finding in module.check(loaded.journey, context)
    ]


def _validate_one(args: tuple[str, dt.date]) -> FileResult:
    return validate_file(args[0], args[1])


def validate_paths(paths: Sequence[str | Path], today: Optional[dt.date] = None,
                   jobs: Optional[int] = None) -> Report:
    """Validate every map under ``paths``; uses several processes for many files.

    Raises PathError for a path that does not exist and ConfigError for a bad configuration.
    """
    files = discover(paths)
    day = today or dt.date.today()
    work = [(str(path), day) for path in files]
    workers = worker_count(jobs, len(work))
    if workers > 1 and len(work) >= PARALLEL_FROM:
        results = list(_in_parallel(work, workers))
    else:
        results = [_validate_one(item) for item in work]
    add_run_problems(results)
    return Report(results)


# --- run-level problems: comparing the maps of one run ------------------------------------------

WAVE_RULE = "wave-not-archived"


def add_run_problems(results: Sequence[FileResult]) -> None:
    """Add the problems that only show across files to the results (in place).

    ``wave-not-archived``: two maps with the same journey title, neither archived, are most
    likely two waves of one journey; the later file in the run gets the warning, at its title,
    naming the first file that has the title.
    """
    first: dict[str, FileResult] = {}
    for result in results:
        if result.title is None or result.archived:
            continue
        key = " ".join(result.title.split()).casefold()
        if key not in first:
            first[key] = result
            continue
        problem = _wave_problem(result, first[key])
        if problem is not None:
            result.problems.append(problem)
            result.problems.sort()


def _wave_problem(result: FileResult, other: FileResult) -> Optional[Problem]:
    severity = config_for(result.path).severity_of(WAVE_RULE, Severity.WARNING)
    if severity is None:
        return None
    line, column = _title_position(result.path)
    message = (f"journey {result.title!r} is also the title of {other.path}, and neither map "
               f"is archived; if one is a past wave, mark it `archived: true` under `journey:`")
    return Problem(result.path, line, column, severity, WAVE_RULE, message)


def _title_position(path: str) -> tuple[int, int]:
    """Where ``journey.title`` is in a map that has just validated (the map was checked in
    the worker; only the top of its text is read again here), or (1, 1) if it cannot be read
    now."""
    try:
        text = decode(read_limited(path, config_for(path).max_file_size), Loaded(path=path))
    except (OSError, WriteRefused):
        return 1, 1
    if text is None:
        return 1, 1
    return (value_position(text, ("journey", "title"))
            or locate(positioned_document(text), ("journey", "title")))


def worker_count(jobs: Optional[int], files: int) -> int:
    """Processes to use: ``jobs`` (default one per core), never more than the cores or the
    files, since more would only cost memory (``--jobs 100000`` would fork until it ran out)."""
    if jobs is not None and jobs < 1:
        raise ValueError("the number of processes must be 1 or more")
    cores = os.cpu_count() or 1
    return max(1, min(jobs or cores, cores, files))


def _in_parallel(work: list[tuple[str, dt.date]], workers: int) -> list[FileResult]:
    return in_parallel(_validate_one, work, workers)


def in_parallel(function: Callable[[Work], Result], work: Sequence[Work],
                workers: int) -> list[Result]:
    """``function`` of each item, in ``workers`` processes, in order. On Ctrl-C, queued work is
    cancelled and the workers stopped at once (KeyboardInterrupt is re-raised), rather than
    waiting for every file."""
    # Imported here: multiprocessing is a tenth of a one-file validate's start-up.
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(work) // (workers * 8)))
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        results = list(pool.map(function, work, chunksize=chunk))
    except BaseException:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    pool.shutdown()
    return results


def load_map(path: str | Path) -> JourneyMap:
    """The validated JourneyMap of a file, or raise :class:`MapError` with its problems.

    For commands (render, report, diff...) that need a valid map and have nothing to do with an
    invalid one but show why. "Valid" is what ``cjmap validate`` calls valid: the model, and the
    checks whose default severity is error (unique ids, stage references, survey totals...).
    """
    return valid_journey(load_file(path))


def valid_journey(loaded: Loaded) -> JourneyMap:
    """The JourneyMap of an already loaded file (or text from git), or raise MapError."""
    if loaded.journey is not None:
        loaded.problems.extend(error_check_problems(loaded))
    errors = sorted(p for p in loaded.problems if p.severity is Severity.ERROR)
    if errors or loaded.journey is None:
        raise MapError(errors or loaded.problems)
    return loaded.journey


class MapError(Exception):
    """A map could not be loaded; ``problems`` says why, each at its position."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
