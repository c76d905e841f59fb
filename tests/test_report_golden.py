"""Golden reports: every audience for every example map, and for a hand-made map with a 5Cs
diagnosis. Rewrite them with ``pytest tests/test_report_golden.py --update-golden`` and read the
diff before committing it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import EXAMPLES

from cjmap.model import JourneyMap
from cjmap.report import ReportOptions, make_report
from cjmap.validate import load_map

TODAY = dt.date(2026, 4, 1)
AUDIENCES = ("influencer", "executive", "front-line")
EXAMPLE_MAPS = sorted(EXAMPLES.glob("*.yaml"))
STUB_SVG = ('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
            'width="40" height="20" viewBox="0 0 40 20"><title>map</title></svg>\n')

DIAGNOSED = """\
cjmap: 1
journey:
  title: Reporting anti-social behaviour
  customer: Residents who report anti-social behaviour
  organisation: Example Homes
  period: 2025/26 Q2
  owner: Community Safety Team
  research:
    - method: interview
      participants: 14
    - method: survey
      participants: 220
steps:
  - id: report
    name: Reporting it
    touchpoints: [{channel: phone, with: Contact Centre}]
    feedback: {positive: 9, neutral: 2, negative: 3}
    quotes:
      - {text: They took it seriously straight away., sentiment: positive}
    survey: {base: 220, satisfied: 71, dissatisfied: 18}
  - id: case-review
    name: Case review
    touchpoints: [{channel: home-visit, with: Community Safety Officer}]
    feedback: {positive: 2, negative: 8, no_comment: 4}
    quotes:
      - {text: Nobody told me what was happening for six weeks., sentiment: negative}
    metrics:
      - {name: Cases updated within 10 working days, value: 54, unit: "%", target: 90, better: higher}
    moment_of_truth: Residents decide here whether reporting was worth it.
    pain_points: [Updates depend on the officer remembering to call.]
    actions:
      - {recommendation: Send an update every ten working days., owner: Community Safety Team,
         due: 2025-12-31, status: in-progress}
      - {recommendation: Publish the case review standard., status: declined,
         outcome: Covered by the new policy.}
  - id: closure
    name: Closing the case
    touchpoints: [{channel: letter}]
diagnosis:
  date: 2025-05-12
  answers:
    changeable: {applies: yes, note: A new case system arrives next year}
    challenged: {applies: yes}
    complex: {applies: partly}
    climactic: {applies: yes, note: Residents may feel unsafe at home}
    costly: {applies: no}
  decision: go
"""


def diagnosed_map(tmp_path: Path) -> JourneyMap:
    path = tmp_path / "asb.yaml"
    path.write_text(DIAGNOSED, encoding="utf-8")
    return load_map(path)


def test_the_examples_are_there() -> None:
    assert {path.stem for path in EXAMPLE_MAPS} >= {"new-tenants", "complaints", "repairs"}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=lambda path: path.stem)
def test_example_reports(path: Path, audience: str, golden) -> None:
    options = ReportOptions(today=TODAY, audience=audience, map_image=f"{path.stem}.svg")
    golden(f"report/{path.stem}-{audience}.md", make_report(load_map(path), options))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_diagnosed_map_reports(tmp_path: Path, audience: str, golden) -> None:
    report = make_report(diagnosed_map(tmp_path), ReportOptions(today=TODAY, audience=audience))
    golden(f"report/diagnosed-{audience}.md", report)


def test_html_page(golden) -> None:
    options = ReportOptions(today=TODAY, format="html", map_svg=STUB_SVG)
    golden("report/repairs.html", make_report(load_map(EXAMPLES / "repairs.yaml"), options))


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=lambda path: path.stem)
def test_executive_report_fits_on_one_page(path: Path) -> None:
    report = make_report(load_map(path), ReportOptions(today=TODAY, audience="executive"))
    assert len(report.split()) <= 450
    assert "### " not in report  # no per-step sections


def test_same_input_same_bytes() -> None:
    journey = load_map(EXAMPLES / "new-tenants.yaml")
    for output_format in ("markdown", "html"):
        options = ReportOptions(today=TODAY, format=output_format, map_svg=STUB_SVG)
        assert make_report(journey, options) == make_report(journey, options)
