"""A semantic diff of two versions of a map, by step id: the core of ``cjmap diff``.

- :mod:`.compare`: ``diff_maps`` and the matching rules;
- :mod:`.formats`: text, Markdown and JSON formatters;
- :mod:`.git`: reading a file as it was at a git revision (also used by ``trend``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap import lazy_exports

if TYPE_CHECKING:
    from cjmap.diff.compare import MapDiff, diff_maps
    from cjmap.diff.formats import FORMATTERS
    from cjmap.diff.git import GitError, read_at_revision

_EXPORTS = {
    "FORMATTERS": "cjmap.diff.formats",
    "GitError": "cjmap.diff.git",
    "MapDiff": "cjmap.diff.compare",
    "diff_maps": "cjmap.diff.compare",
    "read_at_revision": "cjmap.diff.git",
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
