"""Statutory timescales: the catalogue, the did-you-mean, and whether a target is laxer."""

from __future__ import annotations

from datetime import date
from importlib.resources import files

import pytest

from cjmap.housing.standards import (
    UNITS,
    Standard,
    is_laxer,
    load_standards,
    lookup,
    normalise_unit,
    suggest,
)

EXPECTED = {
    "awaabs-law-emergency": (24, "hours"),
    "awaabs-law-investigate": (10, "working-days"),
    "awaabs-law-summary": (3, "working-days"),
    "awaabs-law-safety-work": (5, "working-days"),
    "awaabs-law-further-works": (12, "weeks"),
    "chc-stage1-acknowledge": (5, "working-days"),
    "chc-stage1-respond": (10, "working-days"),
    "chc-stage2-acknowledge": (5, "working-days"),
    "chc-stage2-respond": (20, "working-days"),
}


def _get(standard_id: str) -> Standard:
    standard = lookup(standard_id)
    assert standard is not None, standard_id
    return standard


def test_the_catalogue_ships_as_package_data() -> None:
    assert files("cjmap.housing").joinpath("standards.yaml").is_file()


def test_the_catalogue_holds_the_nine_timescales() -> None:
    assert list(load_standards()) == list(EXPECTED)
    assert load_standards() is load_standards()


@pytest.mark.parametrize(("standard_id", "timescale", "unit"),
                         [(key, *value) for key, value in EXPECTED.items()])
def test_timescales(standard_id: str, timescale: int, unit: str) -> None:
    standard = _get(standard_id)
    assert (standard.timescale, standard.unit) == (timescale, unit)
    assert standard.unit in UNITS
    assert standard.direction == "lower-is-better"
    assert standard.title and standard.start and standard.finish
    assert standard.source.document and standard.source.section and standard.source.publisher


def test_sources_and_dates_in_force() -> None:
    for standard_id, standard in load_standards().items():
        if standard_id.startswith("awaabs-law"):
            assert "Hazards in Social Housing" in standard.source.document
            assert standard.source.in_force == date(2025, 10, 27)
        else:
            assert "Complaint Handling Code" in standard.source.document
            assert standard.source.in_force == date(2024, 4, 1)
            assert standard.source.section.startswith("Section 6")


def test_what_each_clock_runs_from() -> None:
    assert "aware" in _get("awaabs-law-investigate").start
    assert "investigation concludes" in _get("awaabs-law-summary").start
    assert "acknowledged" in _get("chc-stage1-respond").start
    assert "escalate" in _get("chc-stage2-acknowledge").start


def test_extensions_the_code_allows() -> None:
    stage1, stage2 = _get("chc-stage1-respond").extension, _get("chc-stage2-respond").extension
    assert stage1 is not None and (stage1.timescale, stage1.unit) == (10, "working-days")
    assert stage2 is not None and (stage2.timescale, stage2.unit) == (20, "working-days")
    assert _get("awaabs-law-investigate").extension is None


def test_ambiguities_are_recorded() -> None:
    for standard_id in ("awaabs-law-investigate", "awaabs-law-summary",
                        "awaabs-law-further-works", "chc-stage1-respond"):
        note = _get(standard_id).note
        assert note and "not confirmed" in note


@pytest.mark.parametrize(("text", "expected"), [
    ("chc-stage1-respond", "chc-stage1-respond"),
    ("CHC stage1 respond", "chc-stage1-respond"),
    ("chc_stage2_respond", "chc-stage2-respond"),
    ("awaabs-law-investigation", "awaabs-law-investigate"),
    ("awaab-law-emergency", "awaabs-law-emergency"),
    ("repairs", None),
])
def test_suggest(text: str, expected: str | None) -> None:
    assert suggest(text) == expected


def test_lookup_is_strict() -> None:
    assert lookup("CHC-STAGE1-RESPOND") is None


@pytest.mark.parametrize(("text", "unit"), [
    ("working days", "working-days"), ("Working Days", "working-days"),
    ("working-days", "working-days"), ("days", "calendar-days"), ("calendar days", "calendar-days"),
    ("hours", "hours"), ("weeks", "weeks"), ("a quarter", None),
])
def test_normalise_unit(text: str, unit: str | None) -> None:
    assert normalise_unit(text) == unit


@pytest.mark.parametrize(("standard_id", "target", "unit", "laxer"), [
    ("awaabs-law-investigate", 15, "working days", True),     # laxer than the law
    ("awaabs-law-investigate", 10, "working days", False),    # the same: not laxer
    ("awaabs-law-investigate", 7, "working-days", False),
    ("awaabs-law-investigate", 10, "days", False),  # 10 calendar days never exceed 10 working days
    ("awaabs-law-investigate", 14, "days", None),   # depends on weekends and bank holidays
    ("awaabs-law-investigate", 2, "hours", None),   # hours and working days do not convert
    ("awaabs-law-emergency", 48, "hours", True),
    ("awaabs-law-emergency", 4, "hours", False),
    ("awaabs-law-emergency", 1, "days", None),      # "1 day" is not 24 hours
    ("awaabs-law-further-works", 90, "days", True),  # 12 weeks = 84 days
    ("awaabs-law-further-works", 84, "days", False),
    ("awaabs-law-further-works", 13, "weeks", True),
    ("awaabs-law-further-works", 90, "working days", True),  # 90 working days > 84 days
    ("awaabs-law-further-works", 60, "working days", None),
])
def test_is_laxer(standard_id: str, target: float, unit: str, laxer: bool | None) -> None:
    assert is_laxer(standard_id, target, unit) is laxer
    assert is_laxer(_get(standard_id), target, unit) is laxer


def test_is_laxer_rejects_unknown_units_and_ids() -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        is_laxer("awaabs-law-investigate", 10, "fortnights")
    with pytest.raises(ValueError, match="did you mean 'awaabs-law-investigate'"):
        is_laxer("awaabs-law-investigation", 10, "working days")
