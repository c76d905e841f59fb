"""Site pages from templates: the shared environment, the stylesheets and the page chrome."""

from __future__ import annotations

import base64
import hashlib
from functools import cache, lru_cache
from typing import Any

from cjmap.report.environment import html_environment, load, packaged_text, render

AUDIENCES = (("executive", "Executive"), ("influencer", "Influencers"),
             ("front-line", "Front-line staff"))


@cache
def _template(name: str) -> Any:
    # One environment a process, so each template compiles once, not once a page.
    return load(_environment(), f"cjmap/site/{name}")


@lru_cache(maxsize=1)
def _environment() -> Any:
    return html_environment()


@cache
def packaged(name: str) -> str:
    return packaged_text(name)


def page(name: str, variables: dict[str, Any]) -> str:
    """The packaged template ``site/NAME`` rendered with HTML autoescaping."""
    from markupsafe import Markup

    return render(_template(name), {"css": Markup(packaged("site/site.css")), **variables})


def script_hash(script: str) -> str:
    """The CSP source that lets exactly this inline script run."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
