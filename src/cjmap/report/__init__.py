"""Markdown and HTML reports from a journey map, written through jinja2 templates.

- :mod:`cjmap.report.context`: the documented template context, built from a map;
- :mod:`cjmap.report.escape` and :mod:`cjmap.report.filters`: escaping and formatting filters;
- :mod:`cjmap.report.environment`: the jinja2 environments and template errors;
- :mod:`cjmap.report.html`: the self-contained HTML page;
- :mod:`cjmap.report.document`: :func:`make_report`, the one call that does it all;
- :mod:`cjmap.report.actions`: the action plan across many maps (``cjmap actions``).
"""

from __future__ import annotations

from cjmap.report.document import ReportOptions, make_report
from cjmap.report.environment import TemplateError

__all__ = ["ReportOptions", "TemplateError", "make_report"]
