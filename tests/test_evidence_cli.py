"""``cjmap evidence``: figures written from small evidence files made here, byte for byte."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

MAP = """\
# A map made for the tests: the figures below are stale on purpose.
cjmap: 1
journey:
  title: Reporting damp
  customer: Tenants
  research:
    - method: interview
      participants: 1  # from the coding sheet
steps:
  - id: report
    name: Report it
    feedback: {positive: 1, negative: 0}
    quotes:
      - text: Hand-written, kept.
        who: staff note
      - text: An old quote from the sheet.
        sentiment: negative
        who: P01
    survey:
      question: How easy was it to report?
      base: 1
      satisfied: 10
      neutral: 10
      dissatisfied: 10
  # the inspection step
  - id: inspection
    name: Inspection
    metrics:
      - name: Days to inspect
        value: 1
        unit: working days
        target: 10
        better: lower
evidence:
  survey: {file: survey.csv, questions: {report: Q1}, segments: [Household]}
  coding: {file: coding.csv}
  cases:
    file: cases.csv
    measures:
      - {step: inspection, metric: Days to inspect, from: reported, to: inspected}
"""

WRITTEN = """\
# A map made for the tests: the figures below are stale on purpose.
cjmap: 1
journey:
  title: Reporting damp
  customer: Tenants
  research:
    - method: interview
      participants: 2  # from the coding sheet
steps:
  - id: report
    name: Report it
    feedback: {positive: 1, negative: 1}
    quotes:
      - text: Hand-written, kept.
        who: staff note
      - text: It was quick.
        sentiment: positive
        who: P01
    survey:
      question: How easy was it to report?
      base: 3
      satisfied: 33
      neutral: 0
      dissatisfied: 67
      segments:
        - name: Couple
          base: 2
          satisfied: 50
          dissatisfied: 50
        - name: Single adult
          base: 1
          satisfied: 0
          dissatisfied: 100
  # the inspection step
  - id: inspection
    name: Inspection
    feedback: {positive: 0, neutral: 1, negative: 0}
    quotes:
      - text: They came on time.
        sentiment: neutral
        who: P02
    metrics:
      - name: Days to inspect
        value: 3
        unit: working days
        target: 10
        better: lower
evidence:
  survey: {file: survey.csv, questions: {report: Q1}, segments: [Household]}
  coding: {file: coding.csv}
  cases:
    file: cases.csv
    measures:
      - {step: inspection, metric: Days to inspect, from: reported, to: inspected}
"""

SURVEY = [["Respondent", "Household", "Q1"],
          ["R1", "Couple", "Very satisfied"],
          ["R2", "Couple", "Fairly dissatisfied"],
          ["R3", "Single adult", "Very dissatisfied"],
          ["R4", "Single adult", "Don't know"]]
CODING = [["participant", "step", "sentiment", "quote"],
          ["P01", "report", "positive", "It was quick."],
          ["P02", "report", "negative", ""],
          ["P02", "inspection", "neutral", "They came on time."]]
# Monday 1 June 2026 to Wednesday: 2 working days; to Friday: 4; the third case is open.
CASES = [["case", "reported", "inspected"],
         ["C1", "2026-06-01", "2026-06-03"],
         ["C2", "2026-06-01", "2026-06-05"],
         ["C3", "2026-06-02", ""]]


def _csv(rows: list[list[str]]) -> str:
    return "".join(",".join(row) + "\n" for row in rows)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8", newline="")
    for name, rows in (("survey", SURVEY), ("coding", CODING), ("cases", CASES)):
        (tmp_path / f"{name}.csv").write_text(_csv(rows), encoding="utf-8")
    return tmp_path


def test_writes_the_figures_and_keeps_every_other_byte(cli, folder: Path) -> None:
    result = cli("evidence", str(folder / "map.yaml"))
    assert result.exit_code == 0, result.output
    assert (folder / "map.yaml").read_text(encoding="utf-8") == WRITTEN
    assert "wrote" in result.output


def test_a_second_run_changes_nothing_and_check_passes(cli, folder: Path) -> None:
    cli("evidence", str(folder / "map.yaml"))
    before = (folder / "map.yaml").read_bytes()
    assert cli("evidence", str(folder / "map.yaml")).exit_code == 0
    assert cli("evidence", "--check", str(folder / "map.yaml")).exit_code == 0
    assert (folder / "map.yaml").read_bytes() == before


def test_check_reports_each_stale_figure_where_it_is(cli, folder: Path) -> None:
    path = folder / "map.yaml"
    result = cli("evidence", "--check", str(path))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "stale figure" in line]
    assert f"{path}:8:21: stale figure journey.research.participants (interview): the map " \
           "has 1, coding.csv gives 2" in lines
    assert f"{path}:12:39: stale figure steps[0].feedback.negative: the map has 0, " \
           "coding.csv gives 1" in lines
    assert f"{path}:21:13: stale figure steps[0].survey.base: the map has 1, survey.csv " \
           "gives 3" in lines
    assert f"{path}:30:16: stale figure steps[1].metrics[0].value: the map has 1, cases.csv " \
           "gives 3" in lines
    assert f'{path}:13:5: stale figure steps[0].quotes: the map has "An old quote from the ' \
           'sheet." (P01), coding.csv gives "It was quick." (P01)' in lines
    assert f"{path}:26:5: stale figure steps[1].feedback.neutral: the map has none, " \
           "coding.csv gives 1" in lines
    assert path.read_text(encoding="utf-8") == MAP


def test_diff_shows_the_change_and_writes_nothing(cli, folder: Path) -> None:
    result = cli("evidence", "--diff", str(folder / "map.yaml"))
    assert result.exit_code == 0
    assert "-      participants: 1  # from the coding sheet" in result.output
    assert "+      participants: 2  # from the coding sheet" in result.output
    assert (folder / "map.yaml").read_text(encoding="utf-8") == MAP


def test_crlf_and_a_byte_order_mark_stay(cli, folder: Path) -> None:
    path = folder / "map.yaml"
    path.write_bytes(codecs.BOM_UTF8 + MAP.replace("\n", "\r\n").encode("utf-8"))
    assert cli("evidence", str(path)).exit_code == 0
    assert path.read_bytes() == codecs.BOM_UTF8 + WRITTEN.replace("\n", "\r\n").encode("utf-8")


def test_block_style_and_new_blocks_follow_the_file(cli, folder: Path) -> None:
    text = MAP.replace("    feedback: {positive: 1, negative: 0}\n",
                       "    feedback:\n      positive: 1\n      negative: 0\n")
    text = text.replace("  research:\n    - method: interview\n      participants: 1  # from the "
                        "coding sheet\n", "")
    (folder / "map.yaml").write_text(text, encoding="utf-8")
    assert cli("evidence", str(folder / "map.yaml")).exit_code == 0
    written = (folder / "map.yaml").read_text(encoding="utf-8")
    assert "    feedback:\n      positive: 1\n      neutral: 0\n      negative: 1\n" not in written
    assert "    feedback:\n      positive: 1\n      negative: 1\n" in written
    assert "  customer: Tenants\n  research:\n    - method: interview\n      participants: 2\n" \
           in written
    assert "    feedback:\n      positive: 0\n      neutral: 1\n      negative: 0\n    quotes:\n" \
           "      - text: They came on time.\n" in written
    assert cli("evidence", "--check", str(folder / "map.yaml")).exit_code == 0


def test_csv_and_xlsx_give_the_same_map(cli, folder: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    for name, rows in (("survey", SURVEY), ("coding", CODING), ("cases", CASES)):
        book = openpyxl.Workbook()
        sheet = book.active
        for row in rows:
            sheet.append([cell or None for cell in row])
        book.save(folder / f"{name}.xlsx")
    xlsx = folder / "xlsx.yaml"
    xlsx.write_text(MAP.replace(".csv", ".xlsx"), encoding="utf-8")
    assert cli("evidence", str(folder / "map.yaml")).exit_code == 0
    assert cli("evidence", str(xlsx)).exit_code == 0
    assert xlsx.read_text(encoding="utf-8").replace(".xlsx", ".csv") == \
        (folder / "map.yaml").read_text(encoding="utf-8")


def test_bom_and_windows_1252_files_and_formula_like_cells(cli, folder: Path) -> None:
    (folder / "survey.csv").write_bytes(codecs.BOM_UTF8 + _csv(SURVEY).encode("utf-8"))
    rows = [row[:] for row in CODING]
    rows[1][3] = "It cost me \u00a340 in heating."
    rows[3][3] = "=HYPERLINK(1)"
    (folder / "coding.csv").write_bytes(_csv(rows).encode("cp1252"))
    assert cli("evidence", str(folder / "map.yaml")).exit_code == 0
    written = (folder / "map.yaml").read_text(encoding="utf-8")
    assert "- text: It cost me \u00a340 in heating.\n" in written
    assert "text: =HYPERLINK(1)" in written
    assert "base: 3\n" in written


def test_scottish_bank_holidays_from_the_settings(cli, folder: Path) -> None:
    # Wednesday 31 December 2025 to Monday 5 January 2026: 1 and 2 January are Scottish bank
    # holidays, only the 1st an English one.
    (folder / "cases.csv").write_text("case,reported,inspected\nC1,2025-12-31,2026-01-05\n",
                                      encoding="utf-8")
    assert cli("evidence", str(folder / "map.yaml")).exit_code == 0
    assert "        value: 2\n" in (folder / "map.yaml").read_text(encoding="utf-8")
    (folder / ".cjmap.yaml").write_text("calendar: {region: scotland}\n", encoding="utf-8")
    from cjmap.config import config_for_folder

    config_for_folder.cache_clear()
    assert cli("evidence", str(folder / "map.yaml")).exit_code == 0
    assert "        value: 1\n" in (folder / "map.yaml").read_text(encoding="utf-8")
    config_for_folder.cache_clear()


BAD_INPUT = {
    "missing file": ("survey.csv", None, "the file is not there"),
    "empty file": ("coding.csv", "", "the file is empty"),
    "missing column": ("survey.csv", "Respondent,Household,Q9\nR1,Couple,Very satisfied\n",
                       'Its columns are: "Respondent", "Household", "Q9"'),
    "ratings off the scale": ("survey.csv", "Respondent,Household,Q1\nR1,Couple,Quite good\n",
                              '"Quite good" (row 2)'),
    "a date that does not parse": ("cases.csv", "case,reported,inspected\nC1,06/30/2026,\n",
                                   'cases.csv, row 2, column "reported"'),
    "a step the map lacks": ("coding.csv", "participant,step,sentiment,quote\nP01,triage,"
                             "positive,\n", 'the step "triage" is not a step of the map'),
}


@pytest.mark.parametrize("name", BAD_INPUT)
def test_bad_evidence_exits_2_and_leaves_the_map(cli, folder: Path, name: str) -> None:
    file, content, message = BAD_INPUT[name]
    if content is None:
        (folder / file).unlink()
    else:
        (folder / file).write_text(content, encoding="utf-8")
    for options in ((), ("--check",), ("--diff",)):
        result = cli("evidence", *options, str(folder / "map.yaml"))
        assert result.exit_code == 2, result.output
        assert "cjmap: error:" in result.output and message in result.output
        assert (folder / "map.yaml").read_text(encoding="utf-8") == MAP


BAD_BLOCK = {
    "a question for a step the map lacks": ("questions: {report: Q1}",
                                            "questions: {triage: Q1}",
                                            'names the step "triage"'),
    "a metric the step lacks": ("metric: Days to inspect, from",
                                "metric: Days to visit, from", 'the metric "Days to visit"'),
    "a sheet the workbook lacks": ("survey: {file: survey.csv,",
                                   "survey: {file: survey.xlsx, sheet: Answers,",
                                   'no sheet named "Answers"'),
    "an unknown statistic": ("to: inspected}", "to: inspected, statistic: mode}",
                             "not a valid map"),
    "a scale of two points": ("segments: [Household]}", "segments: [Household], scale: [a, b]}",
                              "not a valid map"),
}


@pytest.mark.parametrize("name", BAD_BLOCK)
def test_a_bad_evidence_block_exits_2(cli, folder: Path, name: str) -> None:
    old, new, message = BAD_BLOCK[name]
    if "xlsx" in new:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        book.active.title = "Responses"
        book.save(folder / "survey.xlsx")
    text = MAP.replace(old, new)
    assert text != MAP
    (folder / "map.yaml").write_text(text, encoding="utf-8")
    result = cli("evidence", str(folder / "map.yaml"))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert (folder / "map.yaml").read_text(encoding="utf-8") == text


def test_a_map_without_evidence_is_an_error(cli, folder: Path) -> None:
    (folder / "map.yaml").write_text(MAP.split("evidence:")[0], encoding="utf-8")
    result = cli("evidence", str(folder / "map.yaml"))
    assert result.exit_code == 2 and "no `evidence:` block" in result.output


def test_an_edit_saved_while_cjmap_ran_is_not_overwritten(folder: Path) -> None:
    from cjmap.commands.evidence import _Refused, _write_if_unchanged

    path = folder / "map.yaml"
    read = path.read_bytes()
    path.write_text(MAP + "# saved meanwhile\n", encoding="utf-8")
    with pytest.raises(_Refused, match="changed while cjmap"):
        _write_if_unchanged(path, read, b"new")
    assert path.read_text(encoding="utf-8").endswith("# saved meanwhile\n")


def test_the_worked_example_is_up_to_date(cli) -> None:
    from conftest import EXAMPLES

    result = cli("evidence", "--check", str(EXAMPLES / "damp-and-mould.yaml"))
    assert result.exit_code == 0, result.output


def test_the_report_names_each_file_with_its_fingerprint(cli, folder: Path) -> None:
    import datetime as dt
    import hashlib
    import os

    moment = dt.datetime(2026, 6, 30, 12).timestamp()
    os.utime(folder / "survey.csv", (moment, moment))
    result = cli("report", str(folder / "map.yaml"), "--today", "2026-07-01")
    assert result.exit_code == 0, result.output
    digest = hashlib.sha256((folder / "survey.csv").read_bytes()).hexdigest()[:12]
    assert (f"- Computed by `cjmap evidence` from `survey.csv`: survey bases and shares of "
            f"report (sha256 {digest}, modified 2026-06-30).") in result.output


def test_a_layout_it_cannot_write_is_refused_untouched(cli, folder: Path) -> None:
    text = MAP.replace("feedback: {positive: 1, negative: 0}", "feedback: {}")
    (folder / "map.yaml").write_text(text, encoding="utf-8")
    result = cli("evidence", str(folder / "map.yaml"))
    assert result.exit_code == 2
    assert "add it by hand" in result.output
    assert (folder / "map.yaml").read_text(encoding="utf-8") == text
    assert cli("evidence", "--check", str(folder / "map.yaml")).exit_code == 1


def test_the_safety_check_refuses_a_change_to_values_it_does_not_own() -> None:
    from cjmap.evidence.apply import ApplyError, _verify
    from cjmap.evidence.owned import Owned

    with pytest.raises(ApplyError, match="other values"):
        _verify(WRITTEN, WRITTEN.replace("Reporting damp", "Reporting mould"), Owned((), ()),
                [], "map.yaml")
    with pytest.raises(ApplyError, match="lose the comment"):
        _verify(WRITTEN, WRITTEN.replace("  # the inspection step\n", ""), Owned((), ()), [],
                "map.yaml")
