"""The damp and mould and complaints starters hold their steps to the law with `standard:`."""

from __future__ import annotations

import pytest

from cjmap.housing import standards
from cjmap.load import load_text
from cjmap.starters.create import find_starter, starter_text


def _metrics(name: str) -> dict[str, tuple[str | None, float | None, str | None, str | None]]:
    journey = load_text(starter_text(find_starter(name))).journey
    assert journey is not None
    return {metric.standard or metric.name: (step.id, metric.target, metric.unit, metric.better)
            for step in journey.steps for metric in step.metrics}


def test_damp_and_mould_starter_follows_awaabs_law() -> None:
    assert _metrics("damp-and-mould") == {
        "awaabs-law-emergency": ("emergency", 24, "hours", "lower"),
        "awaabs-law-investigate": ("investigation", 10, "working days", "lower"),
        "awaabs-law-summary": ("summary-letter", 3, "working days", "lower"),
        "awaabs-law-safety-work": ("safety-work", 5, "working days", "lower"),
        "awaabs-law-further-works": ("further-works", 12, "weeks", "lower"),
    }


def test_complaints_starter_follows_the_complaint_handling_code() -> None:
    assert _metrics("complaints") == {
        "chc-stage1-acknowledge": ("acknowledgement", 5, "working days", "lower"),
        "chc-stage1-respond": ("response", 10, "working days", "lower"),
        "chc-stage2-acknowledge": ("escalation", 5, "working days", "lower"),
        "chc-stage2-respond": ("escalation", 20, "working days", "lower"),
    }


@pytest.mark.parametrize("name", ["damp-and-mould", "complaints"])
def test_each_standard_in_a_starter_says_where_it_comes_from(name: str) -> None:
    """The comment just above each `standard:` metric names the document it comes from."""
    lines = starter_text(find_starter(name)).splitlines()
    for number, line in enumerate(lines):
        if line.strip().startswith("standard:"):
            above = [text for text in lines[max(0, number - 6):number] if text.strip().startswith("#")]
            assert any("SI 2025/1042" in text or "Complaint Handling Code" in text
                       for text in above), line
            assert standards.lookup(line.split(":", 1)[1].strip()) is not None


@pytest.mark.parametrize("alias", ["damp", "mould", "Damp and mould", "damp-and-mould"])
def test_damp_and_mould_aliases(alias: str) -> None:
    assert find_starter(alias).name == "damp-and-mould"
