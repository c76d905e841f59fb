"""A static, self-contained site of many journey maps (``cjmap site``).

- :mod:`.figures`: every figure the site shows, through one adapter;
- :mod:`.build`: :func:`build_site` (loading, grouping, building in parallel) and
  :func:`write_site`;
- :mod:`.journeys`: one journey's page, reports, walk-throughs and downloads;
- :mod:`.pages`: the index, the action plan and the TSM page;
- :mod:`.slides`: the workshop walk-through (also ``cjmap report --format slides``).

Callable from Python::

    from cjmap.site import SiteOptions, build_site, write_site
    write_site(build_site(["maps/"], SiteOptions(today=date(2026, 4, 1))), Path("site"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap import lazy_exports

if TYPE_CHECKING:
    from cjmap.site.build import Site, SiteOptions, build_site, write_site
    from cjmap.site.slides import make_slides

_EXPORTS = {
    "Site": "cjmap.site.build",
    "SiteOptions": "cjmap.site.build",
    "build_site": "cjmap.site.build",
    "write_site": "cjmap.site.build",
    "make_slides": "cjmap.site.slides",
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
