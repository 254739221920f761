"""Read an MGI spreadsheet (xlsx or CSV) into cells that know where they are.

Rows are sparse: only the cells that hold something are kept, each under its column,
so a workbook that declares a huge dimension or puts one value a million rows down
costs what it holds, not what it spans. The xlsx reader has ceilings (the unpacked
size of the workbook, the rows and cells of a sheet, Excel's own last row and
column) and reports a cell it cannot read (a shared string that does not exist, a
number that is not one, a date out of range, an error value) by its name, e.g.
``Matrix!E14``; a part that is not XML, or is cut short, is reported with the part.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mgi_cli.files.read import Unread, read_regular_file
from mgi_cli.output.csv_cells import csv_text
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, shown_path
from mgi_cli.spreadsheet.cells import MATRIX_SHEET, METADATA_SHEET, PROFILE_SHEET, cell_name

#: The unpacked size of all the parts of a workbook (a 16 MiB file of text unpacks to
#: about 100 MiB; a "zip bomb" claims gigabytes and is refused before it is unpacked).
MAX_UNPACKED = 128 * 1024 * 1024
#: Parts in a workbook (an exported one has about a dozen).
MAX_PARTS = 1_000
#: Rows and cells (filled or not) a sheet may hold: an MGI matrix of 4,000
#: context-specific indicators has about 40,000.
MAX_CELLS = 1_000_000
#: Excel's own limits: the last row and column (XFD) a cell may be in.
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384


@dataclass
class Cell:
    value: Any
    name: str  # Matrix!E14, or E14 in a CSV file
    #: The formula the cell holds, without its ``=`` (``value`` is then what the
    #: spreadsheet program last computed, if it saved that); None: a plain value.
    formula: str | None = None


@dataclass
class Row:
    """The cells of one row that hold something, by 0-based column."""

    number: int
    cells: dict[int, Cell]
    sheet: str | None = None

    def name(self, column: int) -> str:
        """The name of the cell at ``column`` (0-based), whether it holds something or not."""
        return cell_name(column + 1, self.number, self.sheet)


@dataclass
class SheetData:
    """The metadata by key, and the matrix rows (header first), each cell located."""

    path: str
    metadata: dict[str, Cell] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: 0-based columns of the Matrix sheet that are hidden.
    hidden_columns: set[int] = field(default_factory=set)
    #: The rows of the Profile sheet (header first); None: the workbook has none (a CSV
    #: file, or a workbook of an earlier mgi, whose texts are in the metadata).
    profile: list[Row] | None = None


def read_sheet(path: Path, display: str | None = None) -> SheetData:
    shown = display if display is not None else shown_path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        data = SheetData(shown)
        data.problems.append(
            Problem(shown, codes.FILE_UNREADABLE, "not a spreadsheet mgi reads: use .xlsx or .csv")
        )
        return data
    raw = read_regular_file(path)
    if isinstance(raw, Unread):
        return SheetData(shown, problems=[raw.problem(shown)])
    return _read_xlsx(raw, shown) if suffix == ".xlsx" else _read_csv(raw, shown)


def cell_text(value: Any) -> str | None:
    """A cell as text: dates as YYYY-MM-DD, whole numbers without ``.0``; blank is None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


class _Refused(Exception):
    """The workbook is beyond a ceiling or broken beyond reading cell by cell."""


def _read_xlsx(raw: bytes, shown: str) -> SheetData:
    from zipfile import BadZipFile

    data = SheetData(shown)
    try:
        _check_container(raw)
        _read_book(raw, data)
    except _Refused as error:
        data.problems.append(Problem(shown, codes.FILE_UNREADABLE, str(error)))
    except (MemoryError, RecursionError):
        raise  # the command line says these plainly
    except BadZipFile as error:
        data.problems.append(
            Problem(shown, codes.FILE_UNREADABLE, f"not an xlsx workbook mgi can read: {error}")
        )
    # openpyxl raises whatever its parts' parsers raise on broken XML (ParseError,
    # lxml's XMLSyntaxError, KeyError for a missing part, TypeError from its
    # descriptors, ...): whatever it is, the workbook is not one mgi can read.
    except Exception as error:
        data.problems.append(
            Problem(
                shown,
                codes.FILE_UNREADABLE,
                f"not an xlsx workbook mgi can read: {type(error).__name__}: {error}"[:500],
            )
        )
    if data.problems and any(p.code == codes.FILE_UNREADABLE for p in data.problems):
        data.rows, data.metadata, data.profile = [], {}, None
    return data


def _check_container(raw: bytes) -> None:
    """Refuse, unpacked, a workbook whose parts claim more than the ceilings.

    The sizes checked are those the zip directory declares; Python's zip reader never
    unpacks a part beyond its declared size (it fails its check instead).
    """
    from zipfile import ZipFile

    with ZipFile(io.BytesIO(raw)) as archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise _Refused(f"the workbook has {len(parts)} parts; mgi reads at most {MAX_PARTS}")
        unpacked = sum(p.file_size for p in parts)
        if unpacked > MAX_UNPACKED:
            raise _Refused(
                f"the workbook unpacks to {unpacked:,} bytes; mgi reads at most "
                f"{MAX_UNPACKED // (1024 * 1024)} MiB"
            )


def _read_book(raw: bytes, data: SheetData) -> None:
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings():
        # openpyxl warns about what it skips (unknown extensions, bad dates); a bad
        # date is reported here by its cell, the rest does not concern the values.
        warnings.simplefilter("ignore")
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            missing = [s for s in (MATRIX_SHEET, METADATA_SHEET) if s not in book.sheetnames]
            for sheet in missing:
                data.problems.append(
                    Problem(
                        data.path, codes.MISSING_KEY, f"the workbook has no sheet named {sheet!r}"
                    )
                )
            if missing:
                return
            hidden: set[int] = set()
            data.rows = list(_rows(book, MATRIX_SHEET, data, hidden))
            data.hidden_columns = hidden
            for row in _rows(book, METADATA_SHEET, data, set()):
                if row.number > 1:  # the first row is the header: key | value
                    _metadata_row(data, row.cells.get(0), row.cells.get(1), row.name(1))
            if PROFILE_SHEET in book.sheetnames:
                data.profile = list(_rows(book, PROFILE_SHEET, data, set()))
        finally:
            book.close()


def _rows(book: Any, sheet: str, data: SheetData, hidden: set[int]) -> Iterator[Row]:
    """The rows of a sheet that hold something; the cells it cannot read are problems."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    worksheet: Any = book[sheet]
    if not isinstance(worksheet, ReadOnlyWorksheet):
        raise _Refused(f"the sheet {sheet!r} is not a worksheet (a chart sheet?)")
    # openpyxl's own sheet parser, driven here (its read-only rows pad every row to the
    # declared dimension and fill every missing row: a huge dimension costs gigabytes).
    with worksheet._get_source() as source:  # type: ignore[attr-defined]
        parser = _parser(worksheet, source, sheet, data, hidden)
        for number, cells in parser.parse():
            kept = {
                c["column"] - 1: Cell(
                    c["value"], cell_name(c["column"], number, sheet), c["formula"]
                )
                for c in cells
                if c is not None and (c["value"] is not None or c["formula"] is not None)
            }
            if kept:
                yield Row(number, kept, sheet)


def _parser(worksheet: Any, source: Any, sheet: str, data: SheetData, hidden: set[int]) -> Any:
    """openpyxl's own sheet parser, made to count, to bound, and to report bad cells."""
    from openpyxl.utils.exceptions import CellCoordinatesException
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    book = worksheet.parent

    class Parser(WorkSheetParser):
        elements = 0

        def _count(self) -> None:
            self.elements += 1
            if self.elements > MAX_CELLS:
                raise _Refused(
                    f"the sheet {sheet!r} has more than {MAX_CELLS:,} rows and cells; "
                    "an MGI matrix has far fewer"
                )

        def parse_row(self, row: Any) -> tuple[int, list[Any]]:
            self._count()
            try:
                number, cells = super().parse_row(row)
            except (ValueError, TypeError, OverflowError):
                raise _Refused(
                    f"the sheet {sheet!r} has a row numbered {row.get('r')!r}"[:300]
                ) from None
            if not 1 <= number <= MAX_ROW:
                raise _Refused(f"the sheet {sheet!r} has a row numbered {number}")
            return number, cells

        def parse_cell(self, element: Any) -> dict[str, Any] | None:  # type: ignore[override]
            self._count()
            if not 1 <= self.row_counter <= MAX_ROW:
                raise _Refused(f"the sheet {sheet!r} has a row numbered {self.row_counter}")
            where = element.get("r")
            try:
                cell: dict[str, Any] = super().parse_cell(element)
            except (ValueError, TypeError, OverflowError, IndexError, CellCoordinatesException):
                self._bad(where, f"holds a value mgi cannot read ({_shown(element)})")
                return None
            if not 1 <= cell["column"] <= MAX_COLUMN or not 1 <= cell["row"] <= MAX_ROW:
                raise _Refused(f"the sheet {sheet!r} has a cell outside Excel's grid: {where!r}")
            if cell["row"] != self.row_counter:
                self._bad(where, f"is not in the row it is written in ({self.row_counter})")
                return None
            formula = element.find(FORMULA_TAG)
            cell["formula"] = None if formula is None else (formula.text or "")
            if cell["data_type"] == "e":
                self._bad(where, f"holds an error value ({cell['value']}), not data")
                return None
            return cell

        def parse_column_dimensions(self, col: Any) -> None:
            if col.get("hidden") not in ("1", "true"):
                return
            try:
                first, last = int(col.get("min")), int(col.get("max"))
            except (TypeError, ValueError):
                return
            hidden.update(range(max(first, 1) - 1, min(last, MAX_COLUMN)))

        def _bad(self, where: str | None, message: str) -> None:
            place = f"{sheet}!{where}" if where else f"{sheet} row {self.row_counter}"
            data.problems.append(Problem(data.path, codes.WRONG_TYPE, f"{place[:60]}: {message}"))

    return Parser(
        source,
        worksheet._shared_strings,
        data_only=True,
        epoch=book.epoch,
        date_formats=book._date_formats,
        timedelta_formats=book._timedelta_formats,
    )


def _shown(element: Any) -> str:
    """What a broken cell says it holds: its type and value, cut short."""
    kind = element.get("t", "n")
    value = next((child.text for child in element if child.text), "")
    return f"type {kind!r}, value {value[:40]!r}"


def _metadata_row(data: SheetData, key: Cell | None, value: Cell | None, where: str) -> None:
    name = cell_text(key.value) if key else None
    if not name or not name.strip():
        return
    data.metadata[name.strip()] = Cell(
        value.value if value else None, where, value.formula if value else None
    )


def _read_csv(raw: bytes, shown: str) -> SheetData:
    data = SheetData(shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        data.problems.append(
            Problem(shown, codes.ENCODING, "the CSV file is not UTF-8", hint="save it as CSV UTF-8")
        )
        return data
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        data.problems.append(Problem(shown, codes.FILE_UNREADABLE, f"not a CSV file: {error}"))
        return data
    start = 0
    # Leading "#key: value" rows are the metadata; the header row follows them.
    while start < len(records) and records[start] and records[start][0].startswith("#"):
        first = Cell(records[start][0], cell_name(1, start + 1))
        key, _, value = str(first.value)[1:].partition(":")
        value = value.removeprefix(" ")
        _metadata_row(data, Cell(key, first.name), Cell(value or None, first.name), first.name)
        start += 1
    for number, record in enumerate(records[start:], start=start + 1):
        cells = {
            column: Cell(csv_text(value), cell_name(column + 1, number))
            for column, value in enumerate(record)
            if value != ""
        }
        if cells:
            data.rows.append(Row(number, cells))
    return data
