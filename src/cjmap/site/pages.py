"""The site's own pages: the index of journeys, the action plan, the TSM page, and the trend
section of a journey page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cjmap.render.trend_chart import render_trend_svg
from cjmap.report.actions import map_rows
from cjmap.report.filters import plural, status_label
from cjmap.report.html import inline_svg
from cjmap.site import figures
from cjmap.site.journeys import Entry
from cjmap.site.render import page
from cjmap.trend import TrendError, build_trend
from cjmap.trend.formats import table


def _href(entry: Entry, root: str = "") -> str:
    return f"{root}{entry.folder}index.html"


def index_page(found: list[dict[str, Any]], invalid: list[str], maps: int,
               shared: dict[str, Any]) -> str:
    today: dt.date = shared["today"]

    def rows(entries: list[Entry]) -> list[dict[str, Any]]:
        return [{"href": _href(entry), "summary": figures.summary(entry.journey, today)}
                for entry in entries]

    view = [{"title": group["title"], "current": rows(group["current"]),
             "past": rows(group["past"])} for group in found]
    return page("index.html.j2", {**shared, "title": "Customer journey maps", "root": "",
                                  "nav": "index", "groups": view, "maps": maps,
                                  "invalid": invalid, "today": today.isoformat()})


def _status(action: Any) -> str:
    words = str(status_label(action.status))
    if action.overdue:
        words += f", overdue by {plural(action.days_overdue or 0, 'day')}"
    return words


def _owner_key(name: str | None) -> tuple[int, str, str]:
    return (1, "", "") if not name else (0, name.casefold(), name)


def action_page(entries: list[Entry], shared: dict[str, Any]) -> str:
    """Every action of the current maps, by owner, overdue first, then by due date."""
    today: dt.date = shared["today"]
    owners: dict[str | None, list[dict[str, Any]]] = {}
    current = [entry for entry in entries if not figures.is_archived(entry.journey)]
    for entry in current:
        for row in map_rows(entry.label, entry.journey, today):
            owners.setdefault(row.action.owner or None, []).append({
                "action": row.action, "journey": row.journey, "period": row.period,
                "href": _href(entry), "status": _status(row.action), "label": entry.label})

    def order(item: dict[str, Any]) -> tuple[Any, ...]:
        action = item["action"]
        return (not action.overdue, action.due_date or dt.date.max, item["label"],
                action.step_number, action.number)

    view: list[dict[str, Any]] = [{"name": name or "No owner", "rows": sorted(owners[name], key=order)}
            for name in sorted(owners, key=_owner_key)]
    total = sum(len(group["rows"]) for group in view)
    overdue = sum(row["action"].overdue for group in view for row in group["rows"])
    return page("actions.html.j2", {**shared, "title": "Action plan", "root": "",
                                    "nav": "actions", "owners": view, "total": total,
                                    "overdue": overdue, "journeys": len(current),
                                    "today": today.isoformat()})


def tsm_page(rows: list[figures.TsmRow], shared: dict[str, Any]) -> str:
    return page("tsm.html.j2", {**shared, "title": "Tenant Satisfaction Measures", "root": "",
                                "nav": "tsm", "rows": rows})


def trend_view(members: list[Entry]) -> dict[str, Any] | None:
    """The trend of a journey's waves for its pages, or None when they do not form one."""
    from markupsafe import Markup

    try:
        trend = build_trend([(entry.label, entry.journey) for entry in members])
    except TrendError:
        return None
    tables = [{"caption": "Net sentiment by wave (−100 to +100)",
               **dict(zip(("header", "rows"), table(trend, False)))}]
    if trend.has_survey:
        tables.append({"caption": "Dissatisfied (survey) by wave",
                       **dict(zip(("header", "rows"), table(trend, True)))})
    by_label = {entry.label: entry for entry in members}
    links = [{"href": f"../{by_label[wave.label].slug}/index.html",
              "label": f"{wave.period} ({wave.label})"} for wave in trend.waves]
    return {"waves": len(trend.waves), "periods": list(trend.periods), "tables": tables,
            "svg": Markup(inline_svg(render_trend_svg(trend))), "links": links}
