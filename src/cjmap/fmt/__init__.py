"""Formatting maps in one canonical layout, keeping every comment: the core of ``cjmap fmt``.

- :mod:`.formatter`: ``format_text``, ``format_file``, ``format_paths`` and the safety check;
- :mod:`.key_order`: the spec's key order, read from the model;
- :mod:`.comment_tokens`: where each comment sits, read from the YAML scanner's tokens;
- :mod:`.comments`: ties comments to keys and puts them back;
- :mod:`.dump`: the canonical YAML writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap import lazy_exports

if TYPE_CHECKING:
    from cjmap.fmt.formatter import (
        FormatError,
        Formatted,
        format_file,
        format_paths,
        format_text,
        write_formatted,
    )

_EXPORTS = {
    "FormatError": "cjmap.fmt.formatter",
    "Formatted": "cjmap.fmt.formatter",
    "format_file": "cjmap.fmt.formatter",
    "format_paths": "cjmap.fmt.formatter",
    "format_text": "cjmap.fmt.formatter",
    "write_formatted": "cjmap.fmt.formatter",
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
