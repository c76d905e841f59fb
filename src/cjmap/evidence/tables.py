"""Reading evidence tables: CSV and XLSX files with a header row, streamed row by row.

The header is the first row with anything in it; the rows under it are numbered as a
spreadsheet numbers them (the header is row 1 in most files), and rows with nothing in them are
skipped. Only the columns asked for are returned, matched to the header by name (ignoring case
and spacing), so a missing or doubled column is found before any row is read.

CSV files are read as UK spreadsheets write them: UTF-8 with or without a byte order mark,
UTF-16 ("Unicode text"), or Windows-1252 (Excel's plain "CSV"); comma, semicolon or tab
delimited, and Excel's ``sep=;`` first line is understood. XLSX files are read with
python-calamine when it is installed and with openpyxl otherwise, both without loading styles;
a formula cell gives the value Excel last saved for it. Cells are data, never evaluated: a cell
reading ``=1+2`` is the text ``=1+2``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from difflib import get_close_matches
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from .errors import EvidenceError, quote, quoted_list

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta
"""One cell's value: always ``str`` from a CSV file; typed values from XLSX ("" when empty)."""

Row = tuple[Cell, ...]
_Filled = Callable[[Sequence[Cell]], bool]
_Opened = tuple[int, Iterator[Sequence[Cell]], _Filled]
"""What a reader hands over: the spreadsheet number of its first row, the rows, and how to
tell a row with something in it."""
BLOCK = 256  # rows per block: small enough to stay in the CPU's cache
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
PREFER_CALAMINE = True  # tests turn this off to check openpyxl gives the same rows
_DELIMITERS = (",", ";", "\t")
_SEP_LINE = re.compile(r"^sep=(.)\s*$")
_CP1252_GAPS = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


@dataclass(frozen=True)
class _Table:
    """An open table: its header, and the raw rows under it, numbered on from the header."""

    header: tuple[str, ...]
    header_row: int
    rows: Iterator[Sequence[Cell]]
    filled: _Filled


def read_table(
    path: Path, columns: Sequence[str], *, sheet: str | None = None, label: str | None = None
) -> Iterator[tuple[int, Row]]:
    """Yield ``(row number, cells)`` for each row with something in it.

    ``cells`` has one value per name in ``columns``, in that order ("" for an empty cell).
    ``label`` is how errors name the file (the path as the map writes it).
    """
    label = label or path.name
    with _open_table(path, sheet, label) as table:
        pick = _Picker(_resolve(table, columns, label))
        width = max(pick.indices, default=-1) + 1
        for number, row in enumerate(table.rows, start=table.header_row + 1):
            if table.filled(row):
                yield number, pick(_padded(row, width))


def read_column_blocks(
    path: Path,
    columns: Sequence[str],
    *,
    sheet: str | None = None,
    label: str | None = None,
    size: int = BLOCK,
) -> Iterator[tuple[Row, ...]]:
    """Yield the named columns in blocks of up to ``size`` rows: one tuple per column.

    The fast path for counting: at most one block is held at a time, and all the per-row work
    (skipping empty rows, picking columns, transposing) runs inside the interpreter's C code.
    """
    label = label or path.name
    with _open_table(path, sheet, label) as table:
        pick = _Picker(_resolve(table, columns, label))
        width = max(pick.indices, default=-1) + 1
        rows = filter(table.filled, table.rows)
        while chunk := list(islice(rows, size)):
            yield _transpose(chunk, pick, width)


def cell_text(value: Cell) -> str:
    """A cell as text, as a spreadsheet shows it: ``5.0`` is "5", a midnight datetime a date."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def text_key(value: Cell) -> str:
    """How names and labels are compared: case, spacing and curly apostrophes ignored."""
    return " ".join(cell_text(value).replace("\u2019", "'").split()).casefold()


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Picker:
    """Picks the wanted cells out of a row as a tuple (itemgetter alone gives a bare value
    for a single column)."""

    def __init__(self, indices: tuple[int, ...]) -> None:
        self.indices = indices
        self._get = itemgetter(*indices) if len(indices) > 1 else None

    def __call__(self, row: Sequence[Cell]) -> Row:
        if self._get is not None:
            return self._get(row)
        return tuple(row[i] for i in self.indices)

    def many(self, rows: list[Sequence[Cell]]) -> list[Row]:
        if self._get is not None:
            return list(map(self._get, rows))
        return [tuple(row[i] for i in self.indices) for row in rows]


def _transpose(chunk: list[Sequence[Cell]], pick: _Picker, width: int) -> tuple[Row, ...]:
    """The picked columns of a block of rows, one tuple per column."""
    if min(map(len, chunk)) >= width:
        columns = list(zip(*chunk))  # all columns at once: cheaper than picking row by row
        return tuple(columns[i] for i in pick.indices)
    # a short row: some writers leave off trailing empty cells
    return tuple(zip(*pick.many([_padded(row, width) for row in chunk])))


def _padded(row: Sequence[Cell], width: int) -> Sequence[Cell]:
    return row if len(row) >= width else (*row, *([""] * (width - len(row))))


def _resolve(table: _Table, columns: Sequence[str], label: str) -> tuple[int, ...]:
    """The position of each named column in the header, or an error saying what is there."""
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(table.header):
        positions.setdefault(text_key(name), []).append(index)
    return tuple(_position(name, positions, table, label) for name in columns)


def _position(name: str, positions: dict[str, list[int]], table: _Table, label: str) -> int:
    found = positions.get(text_key(name), [])
    if len(found) == 1:
        return found[0]
    if found:
        letters = " and ".join(column_letter(i) for i in found)
        raise EvidenceError(
            f"the header row names this column more than once (columns {letters}), so it is "
            "not clear which to read. Rename all but one of them.",
            file=label, row=table.header_row, column=name,
        )
    raise EvidenceError(_missing_column(name, table), file=label, row=table.header_row,
                        column=name)


def _missing_column(name: str, table: _Table) -> str:
    names = [cell for cell in table.header if cell.strip()]
    close = get_close_matches(name, names, n=1, cutoff=0.6)
    hint = f" Did you mean {quote(close[0])}?" if close else ""
    return (
        f"the map names this column but the file has no such column. Its columns are: "
        f"{quoted_list(names, most=20)}.{hint} Rename the column in the file's header row, "
        "or change the name in the map."
    )


@contextmanager
def _open_table(path: Path, sheet: str | None, label: str) -> Iterator[_Table]:
    """Open a CSV or XLSX file, find its header row and hand over the rows below it."""
    kind = _kind(path, label)
    if kind == "csv" and sheet is not None:
        raise EvidenceError(
            f"the map gives a sheet ({quote(sheet)}) but this is a CSV file, which has "
            "none. Remove `sheet:` from the map, or point `file:` at the XLSX workbook.",
            file=label,
        )
    opened = _csv_rows(path, label) if kind == "csv" else _xlsx_rows(path, sheet, label)
    try:
        with opened as (first, rows, filled):
            yield _with_header(first, rows, filled, label)
    except (csv.Error, UnicodeError) as error:  # raised while the caller reads the rows
        raise EvidenceError(
            f"the file cannot be read as CSV ({error}). Open it in a spreadsheet and save it "
            "again as CSV UTF-8.",
            file=label,
        ) from None


def _with_header(first: int, rows: Iterator[Sequence[Cell]], filled: _Filled, label: str) -> _Table:
    for number, row in enumerate(rows, start=first):
        if filled(row):
            header = tuple(cell_text(cell).strip() for cell in row)
            return _Table(header, number, rows, filled)
    raise EvidenceError(
        "the file is empty. It needs a header row naming its columns, and a row under it for "
        "each respondent, participant or case.",
        file=label,
    )


def _kind(path: Path, label: str) -> str:
    if not path.is_file():
        raise EvidenceError(
            f"the file is not there (looked for {path}). A path in the map is relative to the "
            "map's own folder: check the spelling, or move the file there.",
            file=label,
        )
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix in CSV_SUFFIXES:
        if _starts_like_a_zip(path):
            raise EvidenceError(
                "the file is named as CSV but is an Excel workbook. Rename it to .xlsx, or "
                "save it from Excel as CSV UTF-8.",
                file=label,
            )
        return "csv"
    raise EvidenceError(
        f"cjmap reads CSV (.csv) and Excel (.xlsx) files, not {suffix or 'files without a suffix'}. "
        "Save the file from your spreadsheet as .xlsx or as CSV UTF-8.",
        file=label,
    )


def _starts_like_a_zip(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


# --- CSV ---------------------------------------------------------------------------------


@contextmanager
def _csv_rows(path: Path, label: str) -> Iterator[_Opened]:
    encoding = _encoding(path, label)
    with open(path, encoding=encoding, newline="") as handle:
        delimiter = _delimiter(handle)
        yield 1, csv.reader(handle, delimiter=delimiter), any


def _encoding(path: Path, label: str) -> str:
    """UTF-16 by its byte order mark; else UTF-8 if every byte decodes; else Windows-1252.

    The whole file is checked before any row is read, so a file is never half counted in one
    encoding and then found to be in another.
    """
    with open(path, "rb") as handle:
        if handle.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            return "utf-16"
        handle.seek(0)
        if _is_utf8(handle):
            return "utf-8-sig"
        handle.seek(0)
        for block in iter(lambda: handle.read(1 << 20), b""):
            if _CP1252_GAPS.search(block):
                raise EvidenceError(
                    "the file's characters are neither UTF-8 nor Windows-1252, so its text "
                    "cannot be read reliably. In Excel, save it as \"CSV UTF-8\".",
                    file=label,
                )
    return "cp1252"


def _is_utf8(handle: IO[bytes]) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for block in iter(lambda: handle.read(1 << 20), b""):
            if not block.isascii():
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _delimiter(handle: IO[str]) -> str:
    """Excel's ``sep=`` line if there is one (and skip it), else the delimiter that splits
    the first line into the most fields; comma on a tie."""
    sample = handle.read(1 << 16)
    handle.seek(0)
    lines = [line for line in sample.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    match = _SEP_LINE.match(first)
    if match and sample.startswith(first):
        handle.readline()
        return match.group(1)
    return max(_DELIMITERS, key=lambda d: len(next(csv.reader([first], delimiter=d), [])))


# --- XLSX --------------------------------------------------------------------------------


def _calamine() -> Any:
    """python-calamine's workbook class when installed (an optional accelerator)."""
    if not PREFER_CALAMINE:
        return None
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return None
    return CalamineWorkbook


def _xlsx_rows(path: Path, sheet: str | None, label: str) -> AbstractContextManager[_Opened]:
    workbook = _calamine()
    if workbook is not None:
        return _calamine_rows(workbook, path, sheet, label)
    return _openpyxl_rows(path, sheet, label)


def _calamine_errors() -> tuple[type[Exception], ...]:
    from python_calamine import CalamineError

    return (CalamineError, OSError, ValueError)


# What a damaged or mislabelled workbook makes openpyxl raise, besides its own
# InvalidFileException (added where openpyxl is imported).
_OPENPYXL_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError
)


def _xlsx_filled(row: Sequence[Cell]) -> bool:
    return any(cell != "" for cell in row)  # 0 and FALSE are values, not empty cells


def _unreadable(label: str, error: Exception) -> EvidenceError:
    return EvidenceError(
        f"the file cannot be read as an Excel workbook ({type(error).__name__}). Open it in "
        "Excel and save it again as .xlsx, or save the sheet as CSV UTF-8.",
        file=label,
    )


def _sheet_name(names: Sequence[str], sheet: str | None, label: str) -> str:
    """The sheet the map asks for (spelling as in :func:`text_key`), or the first one."""
    if sheet is None:
        if names:
            return names[0]
        raise EvidenceError("the workbook has no sheets.", file=label)
    for name in names:
        if text_key(name) == text_key(sheet):
            return name
    raise EvidenceError(
        f"the workbook has no sheet named {quote(sheet)}. Its sheets are: "
        f"{quoted_list(names)}. Change `sheet:` in the map, or leave it out to read the first.",
        file=label,
    )


@contextmanager
def _calamine_rows(
    workbook_class: Any, path: Path, sheet: str | None, label: str
) -> Iterator[_Opened]:
    errors = _calamine_errors()
    try:
        workbook = workbook_class.from_path(str(path))
    except errors as error:
        raise _unreadable(label, error) from None
    with workbook:
        name = _sheet_name(workbook.sheet_names, sheet, label)
        try:
            data = workbook.get_sheet_by_name(name)
        except errors as error:
            raise _unreadable(label, error) from None
        # calamine's rows start at the sheet's row 1 but at its first used column.
        yield 1, iter(data.iter_rows()), _xlsx_filled


@contextmanager
def _openpyxl_rows(path: Path, sheet: str | None, label: str) -> Iterator[_Opened]:
    try:
        import openpyxl
    except ImportError:
        raise EvidenceError(
            "reading an XLSX file needs the openpyxl package (pip install openpyxl), or save "
            "the sheet as CSV UTF-8.",
            file=label,
        ) from None
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (*_OPENPYXL_ERRORS, InvalidFileException) as error:
        raise _unreadable(label, error) from None
    try:
        worksheet = workbook[_sheet_name(workbook.sheetnames, sheet, label)]
        worksheet.reset_dimensions()  # some writers record a wrong size; read every row
        rows = worksheet.iter_rows(values_only=True)
        yield 1, (tuple("" if v is None else v for v in row) for row in rows), _xlsx_filled
    finally:
        workbook.close()
