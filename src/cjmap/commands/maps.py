"""Loading maps for commands that compare or export them (diff, trend, export).

Like :func:`cjmap.commands.common.load_or_fail`, but from an already loaded file (a working copy
or text read from git), and stricter about ids: these commands match steps and actions by id
across versions, so a map with a duplicate id is refused here, as ``cjmap validate`` would.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

from cjmap.commands.common import EXIT_ERROR, EXIT_INVALID, error_console, fail


def require_valid(loaded: Any, hint: bool = True) -> Any:
    """The JourneyMap of ``loaded`` (a :class:`cjmap.load.Loaded`), or print its problems and
    exit 1 (2 when the file could not be read)."""
    from rich.markup import escape

    from cjmap.checks import unique_ids
    from cjmap.problems import Severity

    if loaded.journey is not None:
        for finding in unique_ids.check(loaded.journey, None):
            loaded.problems.append(loaded.problem_at(finding, Severity.ERROR, unique_ids.ID))
    errors = sorted(p for p in loaded.problems if p.severity is Severity.ERROR)
    if not errors and loaded.journey is not None:
        return loaded.journey
    console = error_console()
    for problem in errors:
        console.print(escape(str(problem)))
    unreadable = any(problem.rule == "io" for problem in errors)
    advice = f"; run `cjmap validate {loaded.path}`" if hint else ""
    fail(f"{loaded.path} is not a valid map{advice}", EXIT_ERROR if unreadable else EXIT_INVALID)


def load_valid(path: Path) -> Any:
    """The JourneyMap in ``path``, or print its problems and exit 1 (2 if unreadable)."""
    from cjmap.load import load_file

    return require_valid(load_file(path))


def write_output(text: str, path: Optional[Path]) -> None:
    """Write ``text`` to ``path`` atomically, or to stdout when ``path`` is None; exit 2 when
    the file cannot be written."""
    if path is None:
        sys.stdout.write(text)
        return
    from cjmap.writing import write_atomic

    try:
        write_atomic(path, text)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}", EXIT_ERROR)
