"""The HTML report in a real headless browser: it loads, draws, and asks for nothing.

The page's Content-Security-Policy forbids every request, so anything the page tried to fetch or
run would be logged by the browser as refused. Hostile text is used, so this also checks that no
quote or name became a request. Skipped when no Chromium-family browser is installed.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

import pytest
from test_report_hostile import twins

from cjmap.render.png import find_browser
from cjmap.report import ReportOptions, make_report

BROWSER = find_browser()


@pytest.mark.skipif(BROWSER is None, reason="no Chromium-family browser")
def test_hostile_html_report_loads_without_any_request(tmp_path: Path) -> None:
    hostile, _ = twins()
    page = tmp_path / "report.html"
    page.write_text(make_report(hostile, ReportOptions(today=dt.date(2026, 4, 1),
                                                       format="html")), encoding="utf-8")
    shot = tmp_path / "report.png"
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run(
            [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
             f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri()],
            capture_output=True, text=True, timeout=120)
    log = run.stdout + run.stderr
    assert shot.is_file() and shot.stat().st_size > 10_000, log[-2000:]
    for sign in ("Refused to", "violates", "Content Security Policy", "Uncaught", "alert("):
        assert sign not in log, log[-2000:]
