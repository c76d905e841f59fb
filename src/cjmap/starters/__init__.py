"""Starter maps and the core of ``cjmap new``.

The starters are YAML files beside this module, shipped as package data: each is a valid map
(zero errors, zero warnings) whose comments guide the analyst. :mod:`.create` lists them
(:data:`~cjmap.starters.create.STARTERS`) and fills one in with the analyst's answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap import lazy_exports

if TYPE_CHECKING:
    from cjmap.starters.create import STARTERS, NewMapError, Starter, find_starter, starter_map_text

_EXPORTS = {
    "NewMapError": "cjmap.starters.create",
    "STARTERS": "cjmap.starters.create",
    "Starter": "cjmap.starters.create",
    "find_starter": "cjmap.starters.create",
    "starter_map_text": "cjmap.starters.create",
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
