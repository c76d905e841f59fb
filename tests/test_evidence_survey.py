"""Survey figures: the base, the groups, what is left out, segments, and off-scale answers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cjmap.evidence import (
    EvidenceError,
    Scale,
    SurveySpec,
    Tally,
    percent,
    percentages,
    summarise_survey,
    tables,
)

VS, FS, N, FD, VD = ("Very satisfied", "Fairly satisfied", "Neither satisfied nor dissatisfied",
                     "Fairly dissatisfied", "Very dissatisfied")


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl", reason="XLSX evidence needs openpyxl")
    workbook = openpyxl.Workbook()
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value not in (None, ""):
                cell = workbook.active.cell(row=r, column=c, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"
    workbook.save(path)
    return path


SURVEY = [
    ["Respondent", "Household", "Q4 Inspection", "Q7 Closing"],
    ["1", "Family", VS, FS],
    ["2", "Single", " very  SATISFIED ", "Don't know"],
    ["3", "Family", VD, ""],
    ["4", "", N, "N/A"],
    ["5", "family", FD, VS],
    ["6", "Single", FS, "dont know"],
    ["7", "Older person", "Don’t know", FD],
]


def spec(file: str = "survey.csv", **options: object) -> SurveySpec:
    questions = {"inspection": "Q4 Inspection", "close": "Q7 Closing"}
    return SurveySpec(file, questions, **options)  # type: ignore[arg-type]


def test_base_groups_and_left_out(tmp_path: Path) -> None:
    write_csv(tmp_path / "survey.csv", SURVEY)
    figures = summarise_survey(spec(), tmp_path)
    inspection, close = figures.questions
    assert figures.respondents == 7
    assert inspection.tally == Tally((2, 1, 1, 1, 1), 6, 3, 1, 2)
    assert (inspection.blank, inspection.dont_know) == (0, 1)
    assert close.tally == Tally((1, 1, 0, 1, 0), 3, 2, 0, 1)
    assert (close.blank, close.dont_know) == (1, 3)
    assert figures.question("close") is close


def test_segments_have_their_own_base_and_groups(tmp_path: Path) -> None:
    write_csv(tmp_path / "survey.csv", SURVEY)
    figures = summarise_survey(spec(segments=["Household"]), tmp_path)
    (breakdown,) = figures.question("inspection").breakdowns
    assert breakdown.column == "Household"
    assert breakdown.unassigned == 1  # respondent 4 rated it but gave no household
    assert [(s.name, s.tally.base, s.tally.satisfied, s.tally.dissatisfied)
            for s in breakdown.segments] == [("Family", 3, 1, 2), ("Single", 2, 2, 0)]
    (closing,) = figures.question("close").breakdowns
    assert [(s.name, s.tally.base) for s in closing.segments] == [
        ("Family", 2), ("Older person", 1)]


def test_segment_names_take_the_commonest_spelling_and_sort_naturally(tmp_path: Path) -> None:
    rows = [["Ward", "Q"], ["Ward 10", VS], ["ward 2", VS], ["Ward 2", VS], ["Ward  2", FS],
            ["WARD 10", VD]]
    write_csv(tmp_path / "s.csv", rows)
    figures = summarise_survey(SurveySpec("s.csv", {"a": "Q"}, segments=("Ward",)), tmp_path)
    segments = figures.questions[0].breakdowns[0].segments
    assert [(s.name, s.tally.base) for s in segments] == [("Ward 2", 3), ("WARD 10", 2)]


def test_csv_and_xlsx_give_identical_figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_csv(tmp_path / "survey.csv", SURVEY)
    write_xlsx(tmp_path / "survey.xlsx", SURVEY)
    from_csv = summarise_survey(spec(segments=["Household"]), tmp_path)
    for prefer in (True, False):
        monkeypatch.setattr(tables, "PREFER_CALAMINE", prefer)
        from_xlsx = summarise_survey(spec("survey.xlsx", segments=["Household"]), tmp_path)
        assert from_xlsx.questions == from_csv.questions
        assert from_xlsx.respondents == from_csv.respondents


def test_bom_and_windows_1252_files_give_the_same_figures(tmp_path: Path) -> None:
    rows = [["Quartier", "Q"], ["Café", VS], ["£ band", VD], ["Café", FS]]
    write_csv(tmp_path / "a.csv", rows, encoding="utf-8-sig")
    write_csv(tmp_path / "b.csv", rows, encoding="cp1252")
    results = [summarise_survey(SurveySpec(name, {"q": "Q"}, segments=("Quartier",)), tmp_path)
               for name in ("a.csv", "b.csv")]
    assert results[0].questions == results[1].questions
    names = [s.name for s in results[0].questions[0].breakdowns[0].segments]
    assert names == ["Café", "£ band"]


@pytest.mark.parametrize("cells", [["5", "4", "3"], ["5.0", " 4 ", "3.00"], [5, 4.0, 3]])
def test_a_numeric_scale_matches_numbers_however_written(tmp_path: Path, cells: list[object]) -> None:
    answers = [*cells, "2", "1", "", "n/a"]
    rows = [["Id", "Q"], *[[i, answer] for i, answer in enumerate(answers)]]
    write_csv(tmp_path / "s.csv", rows)
    figures = summarise_survey(SurveySpec("s.csv", {"q": "Q"}, scale=(5, 4, 3, 2, 1)), tmp_path)
    question = figures.questions[0]
    assert question.tally == Tally((1, 1, 1, 1, 1), 5, 2, 1, 2)
    assert (question.blank, question.dont_know) == (1, 1)


def test_a_numeric_scale_from_xlsx_numbers(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "s.xlsx", [["Q"], [5], [4.0], ["3"], [1]])
    figures = summarise_survey(SurveySpec("s.xlsx", {"q": "Q"}, scale=(5, 4, 3, 2, 1)), tmp_path)
    assert figures.questions[0].tally == Tally((1, 1, 1, 0, 1), 4, 2, 1, 1)


@pytest.mark.parametrize(("scale", "points", "groups"), [
    (("Good", "OK", "Poor"), (3, 2, 1), (3, 2, 1)),
    (("A", "B", "C", "D"), (1, 2, 3, 4), (3, 0, 7)),
    ((7, 6, 5, 4, 3, 2, 1), (1, 1, 1, 1, 1, 1, 1), (2, 3, 2)),
])
def test_how_scales_of_other_lengths_group(
    tmp_path: Path, scale: tuple[object, ...], points: tuple[int, ...], groups: tuple[int, int, int]
) -> None:
    rows = [["Q"]] + [[point] for point, n in zip(scale, points) for _ in range(n)]
    write_csv(tmp_path / "s.csv", rows)
    figures = summarise_survey(SurveySpec("s.csv", {"q": "Q"}, scale=scale), tmp_path)  # type: ignore[arg-type]
    tally = figures.questions[0].tally
    assert tally.points == points
    assert (tally.satisfied, tally.neutral, tally.dissatisfied) == groups


def test_a_scale_needs_three_distinct_points() -> None:
    with pytest.raises(EvidenceError) as caught:
        Scale.of(["Yes", "No"])
    assert str(caught.value) == (
        "the map's evidence: evidence.survey.scale has 2 point(s); list at least 3, best first.")
    with pytest.raises(EvidenceError) as caught:
        Scale.of(["Good", "good ", "Poor"])
    assert str(caught.value) == (
        "the map's evidence: evidence.survey.scale lists a point twice; list each once.")


def test_answers_off_the_scale_are_an_error_naming_them_and_their_rows(tmp_path: Path) -> None:
    rows = [["Q4 Inspection", "Q7 Closing"], [VS, VS], ["Quite satisfied", "Great"],
            [VS, VS], ["Quite satisfied", VS], ["5", VS], ["x" * 80, VS]]
    write_csv(tmp_path / "survey.csv", rows)
    with pytest.raises(EvidenceError) as caught:
        summarise_survey(spec(), tmp_path)
    error = caught.value
    assert (error.file, error.row, error.column) == ("survey.csv", 3, "Q4 Inspection")
    assert str(error) == (
        'survey.csv, row 3, column "Q4 Inspection": 3 different answers are not on the '
        'survey\'s scale: "Quite satisfied" (2 rows, first row 3), "5" (row 6), '
        f'"{"x" * 59}…" (row 7). Correct them in the file, or change `scale:` in the map '
        '(best first). Blank cells, "Don\'t know" and "N/A" need nothing: they are left out of '
        'the base. The column "Q7 Closing" has answers off the scale too.'
    )


def test_one_answer_off_the_scale(tmp_path: Path) -> None:
    write_csv(tmp_path / "s.csv", [["Q"], ["1"], ["=1+2"]])
    with pytest.raises(EvidenceError) as caught:
        summarise_survey(SurveySpec("s.csv", {"q": "Q"}, scale=(1, 2, 3)), tmp_path)
    assert str(caught.value).startswith(
        's.csv, row 3, column "Q": 1 answer is not on the survey\'s scale: "=1+2" (row 3). ')


def test_a_file_with_no_respondents(tmp_path: Path) -> None:
    write_csv(tmp_path / "survey.csv", [["Q4 Inspection", "Q7 Closing"]])
    with pytest.raises(EvidenceError) as caught:
        summarise_survey(spec(), tmp_path)
    assert str(caught.value) == (
        "survey.csv: the file has a header row but no respondents under it. Add a row per "
        "respondent."
    )


def test_a_missing_question_column_is_named(tmp_path: Path) -> None:
    write_csv(tmp_path / "survey.csv", [["Q4 Inspection"], [VS]])
    with pytest.raises(EvidenceError) as caught:
        summarise_survey(spec(), tmp_path)
    assert (caught.value.row, caught.value.column) == (1, "Q7 Closing")


def test_a_spec_needs_a_question() -> None:
    with pytest.raises(EvidenceError) as caught:
        SurveySpec("s.csv", {})
    assert "evidence.survey.questions is empty" in str(caught.value)


def test_from_dict_reads_the_maps_block() -> None:
    built = SurveySpec.from_dict({"file": "e/s.xlsx", "sheet": "Responses",
                                  "questions": {"a": "Q1"}, "segments": ["Ward"],
                                  "scale": [5, 4, 3, 2, 1]})
    assert (built.file, built.sheet, dict(built.questions), built.segments, built.scale) == (
        "e/s.xlsx", "Responses", {"a": "Q1"}, ("Ward",), (5, 4, 3, 2, 1))


def test_a_large_file_is_counted_in_blocks(tmp_path: Path) -> None:
    answers = [VS, FS, N, FD, VD, "", "Don't know"]
    rows = [["Q", "Seg"]] + [[answers[i % 7], "AB"[i % 2]] for i in range(7 * 1000 + 3)]
    write_csv(tmp_path / "s.csv", rows)
    figures = summarise_survey(SurveySpec("s.csv", {"q": "Q"}, segments=("Seg",)), tmp_path)
    question = figures.questions[0]
    assert question.tally.points == (1001, 1001, 1001, 1000, 1000)
    assert (question.blank, question.dont_know) == (1000, 1000)
    assert sum(s.tally.base for s in question.breakdowns[0].segments) == question.tally.base


@pytest.mark.parametrize(("count", "base", "expected"), [
    (1, 8, 13), (1, 3, 33), (2, 3, 67), (1, 200, 1), (1, 400, 0), (0, 5, 0), (5, 5, 100),
    (1, 0, None)])
def test_percent_rounds_half_up(count: int, base: int, expected: int | None) -> None:
    assert percent(count, base) == expected


def test_percentages_never_add_up_past_100() -> None:
    shares = percentages(Tally((101, 0, 0, 0, 99), 200, 101, 0, 99))
    assert shares is not None
    assert (shares.satisfied, shares.neutral, shares.dissatisfied) == (50, 0, 50)
    shares = percentages(Tally((1, 0, 1, 0, 0), 8, 1, 1, 6))
    assert shares is not None
    assert (shares.satisfied, shares.neutral, shares.dissatisfied) == (13, 12, 75)
    assert percentages(Tally((0, 0, 0, 0, 0), 0, 0, 0, 0)) is None


def test_percentages_of_thirds_add_up_to_99() -> None:
    shares = percentages(Tally((1, 1, 1), 3, 1, 1, 1))
    assert shares is not None
    assert (shares.satisfied, shares.neutral, shares.dissatisfied) == (33, 33, 33)
