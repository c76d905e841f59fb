"""Helpers shared by tests: hypothesis example counts for the quick and the thorough profile.

``CJMAP_TESTS=thorough`` (CI sets ``CI=true``, which chooses it too) runs every property test
with the example count written in it; the quick profile, the default on a developer's machine,
runs a quarter of that (at least 10), so the suite stays fast while working.
"""

from __future__ import annotations

import os

THOROUGH = os.environ.get("CJMAP_TESTS", "thorough" if os.environ.get("CI") else "quick") == "thorough"


def examples(count: int) -> int:
    """How many examples a property test runs under the current profile."""
    return count if THOROUGH else max(10, count // 4)
