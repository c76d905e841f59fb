"""How fast ``summarise_survey`` reads a large survey (prints figures; asserts nothing).

Run: ``python benchmarks/evidence.py [respondents]``. It writes, into a temporary folder, a
survey CSV of 1,000,000 respondents (8 rating questions, a segment column, an id) and times
``summarise_survey`` against a bare ``csv.reader`` pass over the same file in the same run
(target: at most 2 x; best of 5 each, taking turns), then a 100,000-row XLSX (saved as Excel
saves one) once through each XLSX reader installed. Peak RSS is the whole process's high-water
mark (``resource.getrusage``), so it only ever grows.
"""

from __future__ import annotations

import csv
import random
import resource
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from cjmap.evidence import DEFAULT_SCALE, SurveySpec, summarise_survey, tables

QUESTIONS = 8
SEGMENTS = ("Household", ["Single", "Couple", "Family", "Older person", "Shared"])
EXTRAS = ("", "Don't know")


def survey_rows(respondents: int, seed: int = 2026) -> Iterator[list[str]]:
    """The header, then one row per respondent: id, segment, then the 8 ratings."""
    rng = random.Random(seed)
    answers = [*map(str, DEFAULT_SCALE), *EXTRAS]
    weights = [30, 28, 12, 10, 12, 5, 3]
    yield ["Respondent", SEGMENTS[0], *(f"Q{i + 1} Step {i + 1}" for i in range(QUESTIONS))]
    for number in range(respondents):
        ratings = rng.choices(answers, weights, k=QUESTIONS)
        yield [f"R{number:07d}", rng.choice(SEGMENTS[1]), *ratings]


def write_csv(path: Path, respondents: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(survey_rows(respondents))


def write_xlsx(path: Path, respondents: int) -> None:
    """The survey as Excel saves a workbook: its text in one shared-strings table.

    (openpyxl writes every text cell inline, which makes its own files slower to read than
    Excel's; written by hand here, the file is read as a real one would be.)
    """
    strings: dict[str, int] = {}

    def cell(ref: str, value: str) -> str:
        index = strings.setdefault(value, len(strings))
        return f'<c r="{ref}" t="s"><v>{index}</v></c>'

    def row(number: int, values: list[str]) -> str:
        cells = "".join(cell(f"{tables.column_letter(i)}{number}", v)
                        for i, v in enumerate(values) if v)
        return f'<row r="{number}">{cells}</row>'

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {MAIN}><sheetData>'
                        .encode())
            for number, values in enumerate(survey_rows(respondents), start=1):
                sheet.write(row(number, values).encode())
            sheet.write(b"</sheetData></worksheet>")
        shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        archive.writestr("xl/sharedStrings.xml", f'<sst {MAIN}>{shared}</sst>')
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)


MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
XLSX_PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{_PKG}/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/>'
        "</Types>"),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PKG}/relationships"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        f'<workbook {MAIN} xmlns:r="{_REL}"><sheets><sheet name="Responses" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"),
}


def spec(path: Path) -> SurveySpec:
    questions = {f"step-{i + 1}": f"Q{i + 1} Step {i + 1}" for i in range(QUESTIONS)}
    return SurveySpec(path.name, questions, segments=(SEGMENTS[0],))


def bare_pass(path: Path) -> int:
    rows = 0
    with open(path, encoding="utf-8", newline="") as handle:
        for _ in csv.reader(handle):
            rows += 1
    return rows


def interleaved(first: Callable[[], Any], second: Callable[[], Any], runs: int) -> tuple[float, float]:
    """The best time of each over ``runs`` rounds, taking turns, so that a busy spell on the
    machine slows both rather than one."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for function, taken in zip((first, second), times):
            start = time.perf_counter()
            function()
            taken.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def once(function: Callable[[], Any]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def csv_figures(folder: Path, respondents: int) -> None:
    path = folder / "survey.csv"
    write_csv(path, respondents)
    size = path.stat().st_size / 2**20
    print(f"CSV: {respondents:,} respondents, {QUESTIONS} questions + segment, {size:.0f} MiB")
    print(f"  peak RSS before reading: {peak_rss_mib():.0f} MiB")
    bare, ours = interleaved(lambda: bare_pass(path), lambda: summarise_survey(spec(path), folder),
                             runs=5)
    print(f"  bare csv.reader pass:  {bare:6.2f} s")
    print(f"  summarise_survey:      {ours:6.2f} s   ratio {ours / bare:.2f} x (target <= 2 x)")
    print(f"  peak RSS after:        {peak_rss_mib():.0f} MiB")
    path.unlink()


def xlsx_figures(folder: Path, respondents: int) -> None:
    path = folder / "survey.xlsx"
    start = time.perf_counter()
    write_xlsx(path, respondents)
    print(f"XLSX: {respondents:,} respondents, written in {time.perf_counter() - start:.1f} s, "
          f"{path.stat().st_size / 2**20:.1f} MiB")
    print(f"  peak RSS after writing: {peak_rss_mib():.0f} MiB")
    # openpyxl first: the peak RSS is a high-water mark, and calamine holds the whole sheet.
    for engine, prefer in (("openpyxl read-only", False), ("python-calamine", True)):
        tables.PREFER_CALAMINE = prefer
        if prefer and tables._calamine() is None:
            print(f"  {engine}: not installed")
            continue
        took = once(lambda: summarise_survey(spec(path), folder))
        print(f"  summarise_survey via {engine}: {took:6.2f} s, peak RSS {peak_rss_mib():.0f} MiB")
    tables.PREFER_CALAMINE = True


def main() -> None:
    respondents = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(f"Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as folder:
        csv_figures(Path(folder), respondents)
        xlsx_figures(Path(folder), max(respondents // 10, 1))


if __name__ == "__main__":
    main()
