"""Every case file under tests/cases/ gives exactly the problems written beside it.

``NAME.yaml`` is validated (today fixed at 2026-11-23, default configuration) and its problems,
as ``line:column: severity: message [rule]``, must equal ``NAME.expected`` line for line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cjmap.checks import BUILT_IN, CHECK_BY_ID, TEXT_LEVEL
from cjmap.config import DEFAULT
from cjmap.validate import validate_file

CASES = Path(__file__).parent / "cases"
TODAY = dt.date(2026, 11, 23)
FILES = sorted(
    path for folder in ("valid", "invalid", "warnings", "mistakes") for path in (CASES / folder).glob("*.yaml")
)


def problems_of(path: Path) -> list[str]:
    result = validate_file(path, TODAY, DEFAULT)
    return [str(problem).removeprefix(f"{path}:") for problem in result.problems]


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert problems_of(path) == expected


@pytest.mark.parametrize("path", sorted((CASES / "valid").glob("*.yaml")), ids=lambda p: p.stem)
def test_valid_cases_have_no_problem(path: Path) -> None:
    assert problems_of(path) == []


def test_every_rule_has_a_failing_case() -> None:
    """Each check and each built-in rule is exercised by at least one case file."""
    seen = set()
    for path in FILES:
        for line in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
            seen.add(line.rsplit("[", 1)[1].rstrip("]"))
    untested = (set(CHECK_BY_ID) | set(BUILT_IN) | set(TEXT_LEVEL)) - seen - {"io"}
    assert untested == set()


def test_warnings_cases_are_valid_files() -> None:
    """Warning cases raise only warnings: the file is still valid."""
    for path in sorted((CASES / "warnings").glob("*.yaml")):
        assert validate_file(path, TODAY, DEFAULT).valid, path.name
