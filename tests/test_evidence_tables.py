"""Reading evidence tables: encodings, delimiters, XLSX engines, row numbers and file errors."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from cjmap.evidence import EvidenceError, read_column_blocks, read_table, tables

openpyxl = pytest.importorskip("openpyxl", reason="XLSX evidence needs openpyxl (a dependency)")


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "Sheet1",
               start_row: int = 1, text: bool = True) -> Path:
    """A workbook whose cells hold ``rows`` from ``start_row``; "=..." stays text if ``text``."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for r, row in enumerate(rows, start=start_row):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = worksheet.cell(row=r, column=c, value=value)
            if text and isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a text cell that happens to start with "="
    workbook.save(path)
    return path


@pytest.fixture(params=["calamine", "openpyxl"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test through each XLSX reader (calamine only when it is installed)."""
    if request.param == "calamine":
        pytest.importorskip("python_calamine", reason="python-calamine is optional")
    monkeypatch.setattr(tables, "PREFER_CALAMINE", request.param == "calamine")
    return str(request.param)


def rows_of(path: Path, columns: list[str], **options: object) -> list[tuple[int, tuple]]:
    return list(read_table(path, columns, **options))  # type: ignore[arg-type]


def error_of(path: Path, columns: list[str], **options: object) -> str:
    with pytest.raises(EvidenceError) as caught:
        rows_of(path, columns, **options)
    return str(caught.value)


def test_columns_are_picked_by_name_in_the_order_asked(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Id,Name,Score\n1,Ann,5\n2,Bo,4\n", encoding="utf-8")
    assert rows_of(path, ["score", " ID "]) == [(2, ("5", "1")), (3, ("4", "2"))]


def test_a_single_column_comes_as_a_one_tuple(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Id,Score\n1,5\n", encoding="utf-8")
    assert rows_of(path, ["Score"]) == [(2, ("5",))]


def test_utf8_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("Name,Price\nCafé,£5\n".encode("utf-8-sig"))
    assert rows_of(path, ["Name", "Price"]) == [(2, ("Café", "£5"))]


def test_windows_1252_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("Name,Price\nCafé,£5 – “quoted”\n".encode("cp1252"))
    assert rows_of(path, ["Name", "Price"]) == [(2, ("Café", "£5 – “quoted”"))]


def test_a_late_non_utf8_byte_still_means_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    body = "".join(f"row{i},ok\n" for i in range(5000)) + "Café,£\n"
    path.write_bytes(("Name,Note\n" + body).encode("cp1252"))
    assert rows_of(path, ["Name", "Note"])[-1] == (5002, ("Café", "£"))


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("Name\tPrice\r\nCafé\t£5\r\n".encode("utf-16"))
    assert rows_of(path, ["Name", "Price"]) == [(2, ("Café", "£5"))]


def test_bytes_that_are_neither_utf8_nor_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"Name\nCaf\xe9\x81\n")
    assert error_of(path, ["Name"]) == (
        "t.csv: the file's characters are neither UTF-8 nor Windows-1252, so its text cannot "
        'be read reliably. In Excel, save it as "CSV UTF-8".'
    )


@pytest.mark.parametrize(("delimiter", "text"), [(";", "x,y"), ("\t", "x,y;z"), (",", "x;y")])
def test_the_delimiter_is_sniffed(tmp_path: Path, delimiter: str, text: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"Id{delimiter}Note\n1{delimiter}{text}\n", encoding="utf-8")
    assert rows_of(path, ["Note"]) == [(2, (text,))]


def test_excels_sep_line_sets_the_delimiter_and_is_not_a_row(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("sep=;\nId;Note\n1;a,b\n", encoding="utf-8")
    assert rows_of(path, ["Note"]) == [(2, ("a,b",))]


def test_cells_that_look_like_formulas_are_text(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('Note\n=1+2\n"=HYPERLINK(""http://x"")"\n+44 20\n@SUM(A1)\n', "utf-8")
    assert [cells for _, cells in rows_of(path, ["Note"])] == [
        ("=1+2",), ('=HYPERLINK("http://x")',), ("+44 20",), ("@SUM(A1)",)
    ]


def test_empty_rows_are_skipped_but_keep_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\n\nId,Score\n1,5\n\n,\n2,4\n", encoding="utf-8")
    assert rows_of(path, ["Id"]) == [(4, ("1",)), (7, ("2",))]


def test_a_quoted_line_break_is_one_row(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('Id,Quote\n1,"two\nlines"\n2,x\n', encoding="utf-8")
    assert rows_of(path, ["Id"]) == [(2, ("1",)), (3, ("2",))]


def test_short_rows_are_padded_with_blanks(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Id,A,B\n1\n2,x,y\n", encoding="utf-8")
    assert rows_of(path, ["B", "Id"]) == [(2, ("", "1")), (3, ("y", "2"))]
    blocks = list(read_column_blocks(path, ["B", "Id"]))
    assert blocks == [(("", "y"), ("1", "2"))]


def test_blocks_hold_at_most_the_block_size(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Id\n" + "".join(f"{i}\n" for i in range(10)), encoding="utf-8")
    blocks = list(read_column_blocks(path, ["Id"], size=4))
    assert [len(block[0]) for block in blocks] == [4, 4, 2]


def test_xlsx_reads_like_csv(tmp_path: Path, engine: str) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [
        ["Id", "Name", "Score", "When"],
        ["P01", "Café", 5, dt.date(2026, 6, 30)],
        [None, None, None, None],
        ["P02", "=1+2", 4.0, None],
    ])
    rows = rows_of(path, ["Id", "Name", "Score", "When"])
    assert [number for number, _ in rows] == [2, 4]
    first, second = rows[0][1], rows[1][1]
    assert first[:3] == ("P01", "Café", 5) and first[3] in (
        dt.date(2026, 6, 30), dt.datetime(2026, 6, 30))
    assert second == ("P02", "=1+2", 4, "")


def test_a_real_formula_cell_gives_its_saved_value_never_evaluated(
    tmp_path: Path, engine: str
) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [["Id", "Score"], ["a", "=2+3"]], text=False)
    assert rows_of(path, ["Score"]) == [(2, ("",))]  # openpyxl saved no value for it


def test_xlsx_row_numbers_when_the_header_is_lower_down(tmp_path: Path, engine: str) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [["Id", "Score"], ["a", 1], [], ["b", 2]],
                      start_row=3)
    assert rows_of(path, ["Score"]) == [(4, (1,)), (6, (2,))]


def test_xlsx_sheet_by_name_and_first_by_default(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "t.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["Id"])
    workbook.active.append(["first"])
    responses = workbook.create_sheet("Responses")
    responses.append(["Id"])
    responses.append(["second"])
    workbook.save(path)
    assert rows_of(path, ["Id"]) == [(2, ("first",))]
    assert rows_of(path, ["Id"], sheet="responses") == [(2, ("second",))]
    assert error_of(path, ["Id"], sheet="Answers") == (
        't.xlsx: the workbook has no sheet named "Answers". Its sheets are: "Notes", '
        '"Responses". Change `sheet:` in the map, or leave it out to read the first.'
    )


def test_a_missing_column_names_the_columns_there_are(tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_text("Respondent,Household,Q4 Inspections\n1,Family,5\n", encoding="utf-8")
    assert error_of(path, ["Q4 Inspection"], label="evidence/survey.csv") == (
        'evidence/survey.csv, row 1, column "Q4 Inspection": the map names this column but '
        'the file has no such column. Its columns are: "Respondent", "Household", '
        '"Q4 Inspections". Did you mean "Q4 Inspections"? Rename the column in the file\'s '
        "header row, or change the name in the map."
    )


def test_a_column_named_twice_is_ambiguous(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Score,Id,score\n1,2,3\n", encoding="utf-8")
    assert error_of(path, ["Score"]) == (
        't.csv, row 1, column "Score": the header row names this column more than once '
        "(columns A and C), so it is not clear which to read. Rename all but one of them."
    )


def test_a_missing_file(tmp_path: Path) -> None:
    message = error_of(tmp_path / "nope.csv", ["Id"], label="evidence/nope.csv")
    assert message == (
        f"evidence/nope.csv: the file is not there (looked for {tmp_path / 'nope.csv'}). A "
        "path in the map is relative to the map's own folder: check the spelling, or move the "
        "file there."
    )


@pytest.mark.parametrize("content", ["", "\n\n", ",,\n"])
def test_an_empty_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(content, encoding="utf-8")
    assert error_of(path, ["Id"]) == (
        "t.csv: the file is empty. It needs a header row naming its columns, and a row under "
        "it for each respondent, participant or case."
    )


def test_an_empty_workbook(tmp_path: Path, engine: str) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [])
    assert "the file is empty" in error_of(path, ["Id"])


def test_a_sheet_for_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Id\n1\n", encoding="utf-8")
    assert error_of(path, ["Id"], sheet="Responses") == (
        't.csv: the map gives a sheet ("Responses") but this is a CSV file, which has none. '
        "Remove `sheet:` from the map, or point `file:` at the XLSX workbook."
    )


def test_a_workbook_named_as_csv(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [["Id"], [1]]).rename(tmp_path / "t.csv")
    assert error_of(path, ["Id"]) == (
        "t.csv: the file is named as CSV but is an Excel workbook. Rename it to .xlsx, or save "
        "it from Excel as CSV UTF-8."
    )


def test_a_damaged_workbook(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert error_of(path, ["Id"]).startswith(
        "t.xlsx: the file cannot be read as an Excel workbook ("
    )


def test_other_kinds_of_file(tmp_path: Path) -> None:
    path = tmp_path / "t.ods"
    path.write_bytes(b"")
    assert error_of(path, ["Id"]) == (
        "t.ods: cjmap reads CSV (.csv) and Excel (.xlsx) files, not .ods. Save the file from "
        "your spreadsheet as .xlsx or as CSV UTF-8."
    )


def test_long_cell_text_is_clipped_in_messages(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    long = "A" * 100
    path.write_text(f"{long},Id\n1,2\n", encoding="utf-8")
    message = error_of(path, ["Score"])
    assert long not in message and f'"{"A" * 59}…"' in message


_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def write_excel_style(path: Path, rows: list[list[object]]) -> Path:
    """A bare workbook as Excel saves one: text in a shared-strings table, no styles, no
    recorded size, and empty rows left out of the XML altogether."""
    strings: dict[str, int] = {}

    def cell(ref: str, value: object) -> str:
        if isinstance(value, (int, float)):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="s"><v>{strings.setdefault(str(value), len(strings))}</v></c>'

    sheet = "".join(
        f'<row r="{r}">' + "".join(cell(f"{tables.column_letter(c)}{r}", v)
                                   for c, v in enumerate(row) if v not in (None, "")) + "</row>"
        for r, row in enumerate(rows, start=1) if any(v not in (None, "") for v in row)
    )
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{_PKG}/content-types"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
        f'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        f'ContentType="{_TYPE}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{_TYPE}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
        f'ContentType="{_TYPE}.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{_PKG}/relationships"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {_MAIN} xmlns:r="{_REL}"><sheets><sheet name="Data" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": f"<worksheet {_MAIN}><sheetData>{sheet}</sheetData></worksheet>",
        "xl/sharedStrings.xml": f"<sst {_MAIN}>{shared}</sst>",
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def test_an_excel_style_workbook(tmp_path: Path, engine: str) -> None:
    path = write_excel_style(tmp_path / "t.xlsx", [
        [], ["Id", "Name", "Score"], ["P01", "Café & £", 5], [], ["P02", "=1+2"],
    ])
    assert rows_of(path, ["Score", "Name", "Id"], sheet="data") == [
        (3, (5, "Café & £", "P01")), (5, ("", "=1+2", "P02"))]


def test_a_broken_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("Id\r\n1\r\n".encode("utf-16") + b"\x00\xd8")  # a lone surrogate
    assert error_of(path, ["Id"]).startswith("t.csv: the file cannot be read as CSV (")
