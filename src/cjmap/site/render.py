"""Site pages from templates: the shared environment, the stylesheets and the page chrome."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from cjmap.report.environment import html_environment, load, packaged_text, render

AUDIENCES = (("executive", "Executive"), ("influencer", "Influencers"),
             ("front-line", "Front-line staff"))


def page(name: str, variables: dict[str, Any]) -> str:
    """The packaged template ``site/NAME`` rendered with HTML autoescaping."""
    from markupsafe import Markup

    template = load(html_environment(), f"cjmap/site/{name}")
    return render(template, {"css": Markup(packaged_text("site/site.css")), **variables})


def script_hash(script: str) -> str:
    """The CSP source that lets exactly this inline script run."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
