"""The preview page: the map, the problems in plain English with their lines, report links.

The page is one self-contained document with no external assets. Its only script (served from
``/preview.js``, as the Content-Security-Policy allows scripts from this server and nothing
else) polls ``/state.json`` once a second and reloads the page when the file's version moves.
"""

from __future__ import annotations

import html
from typing import Sequence

from cjmap.preview.state import AUDIENCES, Snapshot
from cjmap.problems import Problem

# Nothing may be fetched but this server's own script and state; styles are inline.
CSP = ("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; "
       "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

POLL_MS = 1000

SCRIPT = """\
(function () {
  "use strict";
  var shown = document.documentElement.getAttribute("data-version");
  var status = document.getElementById("status");
  function poll() {
    fetch("/state.json", {cache: "no-store"}).then(function (response) {
      return response.json();
    }).then(function (state) {
      if (String(state.version) !== shown) {
        window.location.reload();
        return;
      }
      status.textContent = "Watching for changes.";
      window.setTimeout(poll, %(poll)d);
    }).catch(function () {
      status.textContent = "The preview has stopped: run cjmap preview again to continue.";
      window.setTimeout(poll, %(poll)d * 3);
    });
  }
  window.setTimeout(poll, %(poll)d);
}());
""" % {"poll": POLL_MS}

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
header { padding: 0.6rem 1rem; background: #24323f; color: #fff; display: flex;
         flex-wrap: wrap; gap: 1rem; align-items: baseline; }
header h1 { font-size: 1.1rem; margin: 0; }
header a { color: #fff; }
#status { font-size: 0.85rem; opacity: 0.85; }
main { padding: 1rem; }
.problems { border: 2px solid #b3261e; background: #fff4f2; padding: 0.6rem 1rem;
            margin-bottom: 1rem; }
.problems.warnings { border-color: #8a6d00; background: #fffbea; }
.problems h2 { font-size: 1rem; margin: 0.2rem 0 0.4rem; }
.problems li { margin: 0.25rem 0; }
.where { font-weight: 600; }
.rule { color: #555; font-size: 0.85rem; }
.map { overflow: auto; background: #fff; border: 1px solid #ddd; }
.note { color: #555; }
"""


def render_page(snapshot: Snapshot, name: str) -> str:
    """The whole page for one version of the file."""
    title = html.escape(name)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en-GB" data-version="{snapshot.version}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>{title}: cjmap preview</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{title}</h1>{_report_links(snapshot)}"
        f'<span id="status">Watching for changes.</span></header>\n'
        f"<main>\n{_problems(snapshot)}{_map(snapshot)}</main>\n"
        '<script src="/preview.js"></script>\n</body>\n</html>\n'
    )


def _report_links(snapshot: Snapshot) -> str:
    if snapshot.journey is None:
        return ""
    links = " · ".join(f'<a href="/report/{audience}.html">{audience} report</a>'
                       for audience in AUDIENCES)
    return f'<nav aria-label="Reports">{links}</nav>'


def _problems(snapshot: Snapshot) -> str:
    errors = [p for p in snapshot.problems if str(p.severity) == "error"]
    warnings = [p for p in snapshot.problems if str(p.severity) != "error"]
    parts = []
    if errors:
        head = ("The file has a problem" if len(errors) == 1 else
                f"The file has {len(errors)} problems")
        kept = (f" (showing the map as it was at version {snapshot.good_version})"
                if snapshot.svg else "")
        parts.append(_problem_list("problems", f"{head}{kept}: fix it and save", errors))
    if warnings:
        word = "warning" if len(warnings) == 1 else "warnings"
        parts.append(_problem_list("problems warnings", f"{len(warnings)} {word}", warnings))
    return "".join(parts)


def _problem_list(css: str, heading: str, problems: Sequence[Problem]) -> str:
    items = "".join(
        f'<li><span class="where">Line {p.line}, column {p.column}:</span> '
        f'{html.escape(p.message)} <span class="rule">[{html.escape(p.rule)}]</span></li>'
        for p in problems)
    return (f'<section class="{css}" role="status"><h2>{html.escape(heading)}</h2>'
            f"<ul>{items}</ul></section>\n")


def _map(snapshot: Snapshot) -> str:
    if snapshot.svg is None:
        return ('<p class="note">No map yet: the file has not been valid since the preview '
                "started. Fix the problems above and save; the map appears here.</p>\n")
    return f'<figure class="map" aria-label="Journey map">{snapshot.svg}</figure>\n'
