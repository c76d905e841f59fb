"""PDF through the headless browser: A4 pages, numbered, and the text of every step."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cjmap.render.png import find_browser
from cjmap.validate import load_map

ROOT = Path(__file__).resolve().parent.parent
REPAIRS = ROOT / "examples" / "repairs.yaml"
needs_tools = pytest.mark.skipif(find_browser() is None or shutil.which("pdftotext") is None,
                                 reason="needs a Chromium-family browser and pdftotext")


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def _info(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout


@needs_tools
def test_report_pdf_has_every_step_and_page_numbers(cli, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    result = cli("report", str(REPAIRS), "-o", str(target), "--today", "2026-04-01")
    assert result.exit_code == 0, result.output
    text = " ".join(_text(target).split())
    for step in load_map(REPAIRS).steps:
        assert " ".join(step.name.split()) in text
    pages = int(_info(target).split("Pages:")[1].split()[0])
    assert pages > 1 and f"Page {pages} of {pages}" in text
    assert "A4" in _info(target)


@needs_tools
def test_a_wide_map_is_split_across_landscape_pages(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic_map import synthetic_map

    from cjmap.render.run import render

    journey = synthetic_map(20)
    target = tmp_path / "map.pdf"
    target.write_bytes(render(journey, output_format="pdf"))
    text = _text(target)
    for step in journey.steps:
        assert step.name.split(":")[0] + ":" in text
    assert "Page 2 of 2" in text and "A4" in _info(target)


@needs_tools
def test_render_writes_a_pdf_by_suffix(cli, tmp_path: Path) -> None:
    target = tmp_path / "map.pdf"
    assert cli("render", str(REPAIRS), "-o", str(target)).exit_code == 0
    assert target.read_bytes().startswith(b"%PDF") and "Page 1 of 1" in _text(target)


def test_without_a_browser_pdf_is_exit_2_with_the_hint(cli, tmp_path: Path, monkeypatch) -> None:
    from cjmap.render import pdf

    monkeypatch.setattr(pdf, "find_browser", lambda: None)
    for args in (("report", str(REPAIRS), "-o", str(tmp_path / "r.pdf")),
                 ("render", str(REPAIRS), "-o", str(tmp_path / "m.pdf"))):
        result = cli(*args)
        assert result.exit_code == 2
        assert "Install Chromium, Google Chrome or Microsoft Edge" in " ".join(result.output.split())


def test_flow_view_has_no_pdf(cli, tmp_path: Path) -> None:
    result = cli("render", str(REPAIRS), "--view", "flow", "-o", str(tmp_path / "f.pdf"))
    assert result.exit_code == 2
