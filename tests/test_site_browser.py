"""The site in a real headless browser: axe-core finds no serious or critical WCAG 2.2 AA
violation on any page, and no page asks for anything (its CSP would log a refusal).

axe-core comes from npm (``.ci/run`` installs it into ``.ci/node``), or from ``AXE_CORE`` (the
path of axe.min.js). To run axe, the test serves the site on 127.0.0.1 and, for each page,
serves it with the CSP meta removed and two scripts added: axe, and a runner that writes the
results into a ``<pre>``, which ``--dump-dom`` then prints.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from site_support import ROOT, two_waves

from cjmap.render.png import find_browser
from cjmap.site import SiteOptions, build_site, write_site

BROWSER = find_browser()
AXE = Path(os.environ.get("AXE_CORE") or ROOT / ".ci/node/node_modules/axe-core/axe.min.js")
RUNNER = """<script src="/__axe.js"></script><script>
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
  "wcag22aa", "best-practice"]}}).then(function (r) {
  var pre = document.createElement("pre"); pre.id = "axe-result";
  pre.textContent = JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) { return n.target.join(" "); })}; }));
  document.body.appendChild(pre); });
</script>"""

needs_browser = pytest.mark.skipif(BROWSER is None, reason="no Chromium-family browser")
needs_axe = pytest.mark.skipif(not AXE.is_file(),
                               reason=f"axe-core not found at {AXE}: run .ci/run, or `npm install "
                                      "--no-save --prefix .ci/node axe-core@4`, or set AXE_CORE")


class Handler(SimpleHTTPRequestHandler):
    """The site's files; ``?axe`` adds axe and its runner and drops the page's CSP."""

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path == "/__axe.js":
            return self._send(AXE.read_bytes(), "text/javascript")
        if query == "axe":
            text = (Path(self.directory) / path.lstrip("/")).read_text(encoding="utf-8")
            start = text.find('<meta http-equiv="Content-Security-Policy"')
            text = text[:start] + text[text.index(">", start) + 1:]
            return self._send(text.replace("</body>", RUNNER + "</body>").encode(), "text/html")
        return super().do_GET()

    def _send(self, data: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind + "; charset=utf-8")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    write_site(build_site([two_waves(folder / "maps")],
                          SiteOptions(today=dt.date(2026, 4, 1), workers=1)), folder / "out")
    return folder / "out"


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=180)


def _violations(url: str) -> list[dict[str, Any]]:
    dom = _chromium("--virtual-time-budget=15000", "--window-size=1280,900", "--dump-dom",
                    url).stdout
    start = dom.find('<pre id="axe-result">')
    assert start >= 0, f"axe did not run on {url}"
    found = json.loads(html.unescape(dom[start + 21: dom.index("</pre>", start)]))
    return [item for item in found if item["impact"] in ("serious", "critical")]


@needs_browser
@needs_axe
def test_no_serious_or_critical_axe_violation_on_any_page(site: Path, server: str) -> None:
    pages = sorted(page.relative_to(site).as_posix() for page in site.rglob("*.html"))
    urls = [f"{server}/{page}?axe" for page in pages]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(pages, pool.map(_violations, urls)))
    assert {page: found for page, found in results.items() if found} == {}


@needs_browser
@pytest.mark.parametrize("page", ["index.html", "actions.html", "journeys/repairs/index.html",
                                  "journeys/repairs/slides-front-line.html",
                                  "journeys/repairs/report-influencer.html"])
def test_pages_make_no_request_from_file_urls(site: Path, page: str, tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    run = _chromium("--enable-logging=stderr", "--v=0", f"--screenshot={shot}",
                    "--window-size=1200,1600", (site / page).as_uri())
    log = run.stdout + run.stderr
    assert shot.is_file() and shot.stat().st_size > 5_000, log[-2000:]
    for sign in ("Refused to", "violates", "Content Security Policy", "Uncaught"):
        assert sign not in log, log[-2000:]


@needs_browser
@needs_axe
def test_the_axe_harness_finds_a_violation(site: Path, server: str) -> None:
    # A page with an unlabelled image and an unfocusable scroll region: axe must say so.
    (site / "bad.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>bad</title></head><body><main>'
        '<img src="data:,"><div style="overflow:auto;width:50px;height:50px">'
        + "<p>wide text</p>" * 30 + "</div></main></body></html>", encoding="utf-8")
    try:
        found = {item["id"] for item in _violations(f"{server}/bad.html?axe")}
    finally:
        (site / "bad.html").unlink()
    assert {"image-alt", "scrollable-region-focusable"} <= found
