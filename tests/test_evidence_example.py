"""The worked example in docs/evidence.md: its figures come from the example's files."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjmap.evidence import (
    CasesSpec,
    CodingSpec,
    SurveySpec,
    percentages,
    summarise_cases,
    summarise_coding,
    summarise_survey,
)

FOLDER = Path(__file__).resolve().parent.parent / "examples"
STEPS = ("report", "inspection", "repair", "close")
EVIDENCE = {
    "survey": {
        "file": "damp-and-mould-evidence/survey.csv",
        "questions": {"report": "Q2 Reporting", "inspection": "Q4 Inspection",
                      "repair": "Q6 Repair", "close": "Q7 Closing"},
        "segments": ["Household"],
    },
    "coding": {"file": "damp-and-mould-evidence/coding.csv"},
    "cases": {
        "file": "damp-and-mould-evidence/cases.csv",
        "measures": [
            {"step": "inspection", "metric": "Working days from report to inspection",
             "from": "reported", "to": "inspected", "statistic": "median", "days": "working"},
            {"step": "inspection", "metric": "Inspected within 10 working days",
             "from": "reported", "to": "inspected", "statistic": "share-within", "within": 10,
             "days": "working"},
            {"step": "repair", "metric": "Days from inspection to completed works",
             "from": "inspected", "to": "works_completed", "statistic": "mean",
             "days": "calendar"},
        ],
    },
}


def test_the_survey_figures() -> None:
    survey = summarise_survey(SurveySpec.from_dict(EVIDENCE["survey"]), FOLDER)
    inspection = survey.question("inspection")
    assert survey.respondents == 40
    assert (inspection.tally.base, inspection.dont_know, inspection.blank) == (37, 2, 1)
    shares = percentages(inspection.tally)
    assert shares is not None
    assert (shares.satisfied, shares.neutral, shares.dissatisfied) == (38, 19, 43)
    segments = {s.name: s.tally for s in inspection.breakdowns[0].segments}
    assert (segments["Single adult"].base, segments["Single adult"].dissatisfied) == (9, 6)
    shares = percentages(segments["Family with children"])
    assert shares is not None
    assert (shares.satisfied, shares.neutral, shares.dissatisfied) == (44, 19, 37)


def test_the_coding_figures() -> None:
    coding = summarise_coding(CodingSpec.from_dict(EVIDENCE["coding"]), FOLDER, STEPS)
    inspection = coding.step("inspection")
    assert coding.participants == 12
    assert (inspection.positive, inspection.neutral, inspection.negative,
            inspection.no_comment) == (2, 1, 7, 2)
    assert len(inspection.quotes) == 3
    assert inspection.quotes[0].who == "P01"


def test_the_case_measures() -> None:
    median, within, mean = summarise_cases(CasesSpec.from_dict(EVIDENCE["cases"]), FOLDER)
    assert (median.value, median.n, median.open) == (6.0, 28, 2)
    assert (within.within, within.n) == (24, 28)
    assert within.value == pytest.approx(85.714, abs=0.001)
    assert (mean.n, mean.open) == (24, 6)
    assert mean.value == pytest.approx(20.67, abs=0.01)
