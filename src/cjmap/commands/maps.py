"""Loading maps for commands that compare or export them (diff, trend, export).

Like :func:`cjmap.commands.common.load_or_fail`, but from an already loaded file (a working copy
or text read from git). A map is refused when ``cjmap validate`` would call it invalid: these
commands match steps and actions by id across versions, so a duplicate id must not get through.
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

    from cjmap.load import MapError, valid_journey

    try:
        return valid_journey(loaded)
    except MapError as error:
        console = error_console()
        for problem in error.problems:
            console.print(escape(str(problem)))
        unreadable = any(problem.rule == "io" for problem in error.problems)
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
