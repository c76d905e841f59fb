"""Interview coding: people per sentiment per step, quotes, participants, and the errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cjmap.evidence import (
    CodingSpec,
    EvidenceError,
    Quote,
    StepFeedback,
    summarise_coding,
)

STEPS = ("report", "inspection", "repair", "close")
HEADER = ["Participant", "Step", "Sentiment", "Quote"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def coding(tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER):
    write_csv(tmp_path / "coding.csv", [header, *rows])
    return summarise_coding(CodingSpec("coding.csv"), tmp_path, STEPS)


def error(tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER) -> EvidenceError:
    with pytest.raises(EvidenceError) as caught:
        coding(tmp_path, rows, header)
    return caught.value


def test_counts_people_per_sentiment_with_quotes(tmp_path: Path) -> None:
    figures = coding(tmp_path, [
        ["P01", "inspection", "Negative", "Nobody came for three weeks."],
        ["P02", "inspection", "positive", ""],
        ["P03", "Inspection", " NEUTRAL ", ""],
        ["P01", "report", "no comment", ""],
        ["P02", "report", "No-comment", ""],
        ["P03", "report", "no_comment", ""],
        ["P04", "close", "positive", "  Sorted in a day.  "],
    ])
    assert figures.participants == 4
    assert [feedback.step for feedback in figures.steps] == ["report", "inspection", "close"]
    assert figures.step("inspection") == StepFeedback(
        "inspection", 1, 1, 1, 0, (Quote("Nobody came for three weeks.", "negative", "P01"),))
    assert figures.step("report") == StepFeedback("report", 0, 0, 0, 3, ())
    assert figures.step("close").quotes == (Quote("Sorted in a day.", "positive", "P04"),)


def test_header_names_ignore_case_and_order(tmp_path: Path) -> None:
    figures = coding(tmp_path, [["x", "P01", "repair", "negative"]],
                     header=["QUOTE", "participant", "STEP", "Sentiment"])
    assert figures.step("repair").quotes == (Quote("x", "negative", "P01"),)


def test_a_participant_twice_at_one_step_names_both_rows(tmp_path: Path) -> None:
    caught = error(tmp_path, [
        ["P01", "repair", "negative", ""],
        ["P02", "repair", "negative", ""],
        ["p01", "repair", "positive", ""],
    ])
    assert (caught.row, caught.column) == (4, "participant")
    assert str(caught) == (
        'coding.csv, row 4, column "participant": participant "p01" is coded twice for the '
        'step "repair", in rows 2 and 4. The counts are of people: merge the two rows into one.'
    )


def test_an_unknown_step_is_an_error_listing_the_maps_steps(tmp_path: Path) -> None:
    caught = error(tmp_path, [["P01", "repair", "negative", ""], ["P02", "inspect", "positive", ""]])
    assert str(caught) == (
        'coding.csv, row 3, column "step": the step "inspect" is not a step of the map. Did '
        'you mean "inspection"? Use one of the map\'s step ids: "report", "inspection", '
        '"repair", "close".'
    )


def test_an_unknown_sentiment(tmp_path: Path) -> None:
    caught = error(tmp_path, [["P01", "repair", "very cross", ""]])
    assert str(caught) == (
        'coding.csv, row 2, column "sentiment": the sentiment "very cross" is not one cjmap '
        "counts. Write positive, neutral, negative or no comment."
    )


@pytest.mark.parametrize(("row", "message"), [
    (["", "repair", "negative", ""],
     ('coding.csv, row 2, column "participant": the row has no participant id. Give each '
     "participant an id such as P01 (not a name), the same in every row about them.")),
    (["P01", "", "negative", ""],
     ('coding.csv, row 2, column "step": the row has no step. Use one of the map\'s step ids: '
     '"report", "inspection", "repair", "close".')),
    (["P01", "repair", "", ""],
     ('coding.csv, row 2, column "sentiment": the row has no sentiment. Write positive, '
     "neutral, negative or no comment.")),
    (["P01", "repair", "no comment", "Something said"],
     ('coding.csv, row 2, column "sentiment": the row has a quote but its sentiment is "no '
     'comment". Code the quote\'s sentiment, or move the quote to the step it is about.')),
])
def test_incomplete_rows(tmp_path: Path, row: list[str], message: str) -> None:
    assert str(error(tmp_path, [row])) == message


def test_a_long_step_is_clipped_in_the_message(tmp_path: Path) -> None:
    words = "the tenant said " * 10
    message = str(error(tmp_path, [["P01", words, "positive", ""]]))
    assert words.strip() not in message and "…" in message


def test_a_sheet_with_no_rows(tmp_path: Path) -> None:
    assert str(error(tmp_path, [])) == (
        "coding.csv: the file has a header row but no rows under it. Add a row for each "
        "participant at each step they spoke about."
    )


def test_the_quote_column_is_required(tmp_path: Path) -> None:
    caught = error(tmp_path, [["P01", "repair", "negative"]], header=HEADER[:3])
    assert (caught.row, caught.column) == (1, "quote")


def test_from_dict() -> None:
    assert CodingSpec.from_dict({"file": "e/c.xlsx", "sheet": "Coding"}) == CodingSpec(
        "e/c.xlsx", "Coding")
