"""The Tenant Satisfaction Measures catalogue: its codes, its shape, and the did-you-mean."""

from __future__ import annotations

import dataclasses
from importlib.resources import files

import pytest

from cjmap.housing.tsm import (
    DIRECTIONS,
    KINDS,
    TENURES,
    TsmMeasure,
    load_catalogue,
    lookup,
    normalise_code,
    suggest,
)

CODES = (
    [f"TP{n:02d}" for n in range(1, 13)]
    + ["RP01", "RP02"]
    + [f"BS{n:02d}" for n in range(1, 6)]
    + ["CH01", "CH02", "NM01"]
)


def test_the_catalogue_ships_as_package_data() -> None:
    assert files("cjmap.housing").joinpath("tsm.yaml").is_file()


def test_the_catalogue_holds_the_22_measures() -> None:
    assert sorted(load_catalogue()) == sorted(CODES)
    assert len(CODES) == 22


def test_load_catalogue_reads_once() -> None:
    assert load_catalogue() is load_catalogue()


def test_perception_and_management_split() -> None:
    kinds = {code: measure.kind for code, measure in load_catalogue().items()}
    assert {code for code, kind in kinds.items() if kind == "perception"} == set(CODES[:12])
    assert {code for code, kind in kinds.items() if kind == "management"} == set(CODES[12:])


@pytest.mark.parametrize("code", CODES)
def test_every_measure_is_complete(code: str) -> None:
    measure = lookup(code)
    assert measure is not None and measure.code == code
    assert measure.kind in KINDS and measure.direction in DIRECTIONS
    assert measure.tenure and set(measure.tenure) <= set(TENURES)
    assert measure.unit in ("percentage", "per 1,000 homes")
    assert measure.title and measure.description and measure.wording and measure.population
    assert "Technical requirements" in measure.source.document and measure.source.section
    if measure.kind == "perception":
        assert measure.scale in ("satisfaction", "agreement")
        assert measure.direction == "higher-is-better"


def test_tp03_wording() -> None:
    measure = lookup("TP03")
    assert measure is not None
    assert "time taken to complete your most recent repair after you reported it" in measure.wording
    assert "repair in the last 12 months" in measure.population
    assert measure.tenure == ("lcra",)


def test_measures_reported_in_two_parts() -> None:
    catalogue = load_catalogue()
    two_parts = {code for code, measure in catalogue.items() if measure.parts}
    assert two_parts == {"CH01", "CH02", "RP02", "NM01"}
    assert all(len(catalogue[code].parts) == 2 for code in two_parts)
    stage_one, stage_two = catalogue["CH01"].parts
    assert "stage one" in stage_one and "stage two" in stage_two
    assert catalogue["CH01"].unit == catalogue["NM01"].unit == "per 1,000 homes"
    assert "hate incidents" in catalogue["NM01"].parts[1]
    assert "non-emergency" in catalogue["RP02"].parts[0]
    assert "Complaint Handling Code" in catalogue["CH02"].title


@pytest.mark.parametrize(("code", "word"), [
    ("BS01", "gas"), ("BS02", "fire"), ("BS03", "asbestos"), ("BS04", "legionella"),
    ("BS05", "lift"), ("RP01", "Decent Homes Standard"),
])
def test_building_safety_and_decency_measures(code: str, word: str) -> None:
    measure = lookup(code)
    assert measure is not None and word in measure.description


def test_directions() -> None:
    catalogue = load_catalogue()
    assert catalogue["RP01"].direction == "lower-is-better"
    assert catalogue["RP02"].direction == "higher-is-better"
    # The regulator sets no direction for counts of complaints and ASB cases; the note says so.
    for code in ("CH01", "NM01"):
        assert catalogue[code].direction == "neither"
        assert catalogue[code].note and "not the regulator's" in catalogue[code].note


def test_measures_are_frozen() -> None:
    measure = lookup("TP01")
    assert isinstance(measure, TsmMeasure)
    with pytest.raises(dataclasses.FrozenInstanceError):
        measure.code = "TP99"  # type: ignore[misc]


@pytest.mark.parametrize("text", ["tp3", "TP3", " Tp 03 ", "tp-3", "TP.03", "tp003"])
def test_normalise_code(text: str) -> None:
    assert normalise_code(text) == "TP03"


def test_normalise_code_leaves_other_text_alone() -> None:
    assert normalise_code(" tsm ") == "TSM"
    assert normalise_code("TP100") == "TP100"


def test_lookup_is_strict() -> None:
    assert lookup("TP03") is not None
    assert lookup("tp3") is None
    assert lookup("TP3") is None
    assert lookup("TP13") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("TP03", "TP03"),       # a real code is its own best guess
    ("tp3", "TP03"),        # normalises to a real code
    ("ch 1", "CH01"),
    ("NM1", "NM01"),
    ("BS06", "BS05"),       # no BS06: the closest
    ("TSM01", "TP01"),
    ("hello world", None),  # nothing close
    ("", None),
])
def test_suggest(text: str, expected: str | None) -> None:
    assert suggest(text) == expected
