"""Forms analysts write: statuses in any case or with spaces, and UK day-first due dates.

The model accepts them with one meaning each, and ``cjmap fmt`` writes the spec's form.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cjmap.fmt.formatter import format_text
from cjmap.load import load_text
from cjmap.model import Action, canonical_status

CASE = Path(__file__).parent / "cases" / "valid" / "forms-people-write.yaml"


@pytest.mark.parametrize("written", ["in progress", "In Progress", "IN-PROGRESS", "in_progress",
                                     " in-progress "])
def test_in_progress_as_people_write_it(written: str) -> None:
    assert Action(recommendation="r", status=written).status == "in-progress"


@pytest.mark.parametrize("written", ["started", "complete", "in progres", ""])
def test_other_statuses_are_left_to_be_refused(written: str) -> None:
    assert canonical_status(written) == written
    with pytest.raises(ValueError):
        Action(recommendation="r", status=written)


def test_the_case_file_is_valid_and_reads_canonical_values() -> None:
    loaded = load_text(CASE.read_text(encoding="utf-8"))
    assert loaded.problems == [] and loaded.journey is not None
    first, second = loaded.journey.steps[0].actions
    assert (first.status, first.due.label if first.due else None) == ("in-progress", "2027-03-31")
    assert second.status == "in-progress"


def test_fmt_writes_the_canonical_forms_and_keeps_comments() -> None:
    text = CASE.read_text(encoding="utf-8").replace("status: In Progress",
                                                     "status: In Progress  # agreed in May")
    formatted = format_text(text)
    assert "due: 2027-03-31\n" in formatted
    assert "status: in-progress  # agreed in May\n" in formatted
    assert "In Progress" not in formatted and "in progress" not in formatted
    assert "due: 2027/28 Q1\n" in formatted  # quarters are a spec form already
    assert format_text(formatted) == formatted
