"""The bundled examples are complete maps that validate with no warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import EXAMPLES

from cjmap.validate import validate_file

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
# The examples are kept free of overdue actions as of this date; move it on with the examples.
TODAY = dt.date(2026, 11, 23)


def test_there_are_three_examples() -> None:
    assert {p.stem for p in EXAMPLE_FILES} >= {"new-tenants", "complaints", "repairs"}


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_is_valid_without_warnings(path) -> None:
    assert validate_file(path, TODAY).problems == []


@pytest.mark.parametrize("stem", ["new-tenants", "complaints"])
def test_case_studies_have_seven_steps_and_three_moments_of_truth(stem: str) -> None:
    from cjmap.validate import load_map

    journey = load_map(EXAMPLES / f"{stem}.yaml")
    assert len(journey.steps) == 7
    assert sum(step.is_moment_of_truth for step in journey.steps) == 3
    assert all(step.actions for step in journey.steps if step.is_moment_of_truth)


def test_new_tenants_viewing_counts_match_the_case_study() -> None:
    from cjmap.validate import load_map

    viewing = load_map(EXAMPLES / "new-tenants.yaml").steps[0]
    assert (viewing.feedback.positive, viewing.feedback.negative) == (16, 3)
    assert viewing.is_moment_of_truth


def test_repairs_example_carries_the_iff_figure() -> None:
    from cjmap.validate import load_map

    surveys = [s.survey for s in load_map(EXAMPLES / "repairs.yaml").steps if s.survey]
    assert any(s.dissatisfied == 23 and s.segments for s in surveys)


def test_readme_map_is_valid_without_warnings(tmp_path) -> None:
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "cjmap: 1" in b)
    path = tmp_path / "readme.yaml"
    path.write_text(block, encoding="utf-8")
    assert validate_file(path, TODAY).problems == []


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_is_in_canonical_layout(path) -> None:
    from cjmap.fmt.formatter import format_text

    text = path.read_text(encoding="utf-8")
    assert format_text(text) == text, f"run: cjmap fmt {path}"
