"""Social housing in England: the regulator's measures, the statutory timescales, and the care
that tenants' personal data needs.

- :mod:`.calendar`: working days in England and Wales, Scotland and Northern Ireland, counted by
  arithmetic so that a million date pairs take seconds;
- :mod:`.tsm`: the Regulator of Social Housing's Tenant Satisfaction Measures (TP01-NM01);
- :mod:`.standards`: Awaab's Law and the Housing Ombudsman's Complaint Handling Code timescales,
  and whether a service's own target is laxer than the law;
- :mod:`.personal_data`: emails, phone numbers, postcodes, National Insurance numbers and titled
  names in free text, found before they reach git history;
- :mod:`.standard_defaults`: what a metric with ``standard:`` takes from the law (unit, direction,
  target);
- :mod:`.listing`: the core of ``cjmap tsm``, the measures a set of maps evidences.

Nothing here prints or exits; only :func:`.listing.collect` reads files other than package data
(the maps it is given).
Names are imported on first use, so that a check using one part does not load the rest (the
calendar's ``holidays`` tables, in particular). ``lookup`` and ``suggest`` exist for both
catalogues, so they are reached through their modules: ``tsm.lookup``, ``standards.lookup``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap import lazy_exports

if TYPE_CHECKING:
    from cjmap.housing.calendar import (
        REGIONS,
        add_working_days,
        is_working_day,
        working_days_between,
    )
    from cjmap.housing.personal_data import Finding, find_personal_data, mask
    from cjmap.housing.standards import Standard, is_laxer, load_standards
    from cjmap.housing.tsm import TsmMeasure, load_catalogue, normalise_code

_EXPORTS = {
    "REGIONS": "cjmap.housing.calendar",
    "add_working_days": "cjmap.housing.calendar",
    "is_working_day": "cjmap.housing.calendar",
    "working_days_between": "cjmap.housing.calendar",
    "Finding": "cjmap.housing.personal_data",
    "find_personal_data": "cjmap.housing.personal_data",
    "mask": "cjmap.housing.personal_data",
    "Standard": "cjmap.housing.standards",
    "is_laxer": "cjmap.housing.standards",
    "load_standards": "cjmap.housing.standards",
    "TsmMeasure": "cjmap.housing.tsm",
    "load_catalogue": "cjmap.housing.tsm",
    "normalise_code": "cjmap.housing.tsm",
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
