"""cjmap: customer journey maps kept as plain-text YAML files in git.

The package is usable from Python without the command line; nothing below :mod:`cjmap.cli` and
:mod:`cjmap.commands` prints or exits::

    import cjmap
    journey = cjmap.load_map("examples/new-tenants.yaml")    # a JourneyMap, or MapError
    result = cjmap.validate_file("examples/new-tenants.yaml")  # problems, sorted by position
    svg = cjmap.render_map_svg(journey)

The names below are imported on first use, so ``import cjmap`` (and ``cjmap --version``) stays
quick. Each capability is a package with its public functions in its ``__init__``:
:mod:`cjmap.fmt`, :mod:`cjmap.diff`, :mod:`cjmap.trend`, :mod:`cjmap.fivecs`,
:mod:`cjmap.starters`, :mod:`cjmap.figures`, :mod:`cjmap.render`, :mod:`cjmap.report`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Callable, Mapping

__version__ = "0.1.0"


def lazy_exports(package: str, exports: Mapping[str, str]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for a package whose public names live in
    its modules (``exports`` maps a name to its module), imported on first use (PEP 562).

    Lazy, so that a package's face never imports more than its caller uses: start-up stays fast
    and a low module (a check) can use one part of a package without pulling in the rest.
    """

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    def __dir__() -> list[str]:
        return sorted(exports)

    return __getattr__, __dir__, sorted(exports)


if TYPE_CHECKING:
    from cjmap.load import Loaded, load_file, load_text
    from cjmap.model import JourneyMap
    from cjmap.problems import Problem, Severity
    from cjmap.render.svg_map import render_map_svg
    from cjmap.validate import MapError, load_map, validate_file, validate_paths, validate_text

_EXPORTS = {
    "JourneyMap": "cjmap.model",
    "Loaded": "cjmap.load",
    "MapError": "cjmap.validate",
    "Problem": "cjmap.problems",
    "Severity": "cjmap.problems",
    "load_file": "cjmap.load",
    "load_map": "cjmap.validate",
    "load_text": "cjmap.load",
    "render_map_svg": "cjmap.render.svg_map",
    "validate_file": "cjmap.validate",
    "validate_paths": "cjmap.validate",
    "validate_text": "cjmap.validate",
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
