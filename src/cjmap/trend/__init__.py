"""The same journey mapped in several waves, over time: the core of ``cjmap trend``.

- :mod:`.waves`: ordering waves and following each step across them (``build_trend``);
- :mod:`.formats`: text, Markdown, JSON and CSV formatters.

The trend chart is drawn by :mod:`cjmap.render.trend_chart`, with the map's SVG toolkit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap import lazy_exports

if TYPE_CHECKING:
    from cjmap.trend.formats import FORMATTERS
    from cjmap.trend.waves import Trend, TrendError, build_trend

_EXPORTS = {
    "FORMATTERS": "cjmap.trend.formats",
    "Trend": "cjmap.trend.waves",
    "TrendError": "cjmap.trend.waves",
    "build_trend": "cjmap.trend.waves",
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
