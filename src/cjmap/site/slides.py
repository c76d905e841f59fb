"""The workshop walk-through: one self-contained HTML page, one step per screen.

For customer immersion workshops with executive, influencer and front-line groups: each step's
figures, its quotes (large, positive and negative taking turns), its moment of truth, and for
front-line staff what changes tomorrow. Arrow keys move; the page fetches nothing, so it works
offline on a projector; printed, it gives one slide a page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cjmap.figures.evidence import JourneyFigures, journey_figures
from cjmap.model import JourneyMap
from cjmap.site import figures
from cjmap.site.render import AUDIENCES, packaged, page, script_hash

QUOTES = {"executive": 2, "influencer": 4, "front-line": 4}
INTRO = {
    "executive": "Where the journey fails customers, and the few things to decide.",
    "influencer": "Each step as customers lived it, with the evidence and the actions.",
    "front-line": "Each step as customers lived it, and what we do differently tomorrow.",
}


def _step(view: Any, step: Any, audience: str, evidence: JourneyFigures) -> dict[str, Any]:
    return {
        "number": view.number, "name": view.name, "stage": view.stage, "optional": view.optional,
        "figures": figures.step_figures(step, evidence), "quotes": view.quotes[:QUOTES[audience]],
        "moment": view.moment_of_truth, "pain_points": view.pain_points,
        "actions": view.open_actions if audience == "front-line" else view.actions,
    }


def make_slides(journey: JourneyMap, audience: str = "front-line", *,
                today: dt.date, theme: str = "default") -> str:
    """The walk-through page for ``audience`` (executive, influencer or front-line)."""
    from markupsafe import Markup

    labels = dict(AUDIENCES)
    if audience not in labels:
        raise ValueError(f"unknown audience {audience!r}; choose one of: {', '.join(labels)}")
    views = figures.step_views(journey, today)
    evidence = journey_figures(journey)
    script = packaged("site/slides.js")
    about = journey.journey
    return page("slides.html.j2", {
        "css": Markup(packaged("site/slides.css")), "script": Markup(script),
        "script_hash": script_hash(script), "theme": theme, "audience": audience,
        "audience_label": labels[audience], "title": about.title, "customer": about.customer,
        "period": about.period, "summary": figures.summary(journey, today),
        "intro": INTRO[audience],
        "steps": [_step(view, step, audience, evidence)
                  for view, step in zip(views, journey.steps)],
    })
