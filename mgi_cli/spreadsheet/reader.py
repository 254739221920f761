"""Read an MGI spreadsheet (xlsx or CSV) into cells that know where they are."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mgi_cli.files.read import Unread, read_regular_file
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem
from mgi_cli.spreadsheet.cells import MATRIX_SHEET, METADATA_SHEET, cell_name


@dataclass
class Cell:
    value: Any
    name: str  # Matrix!E14, or E14 in a CSV file


@dataclass
class SheetData:
    """The metadata by key, and the matrix rows (header first), each cell located."""

    path: str
    metadata: dict[str, Cell] = field(default_factory=dict)
    rows: list[list[Cell]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_sheet(path: Path, display: str | None = None) -> SheetData:
    shown = display if display is not None else str(path)
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


def _read_xlsx(raw: bytes, shown: str) -> SheetData:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    data = SheetData(shown)
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as error:
        data.problems.append(
            Problem(shown, codes.FILE_UNREADABLE, f"not an xlsx workbook mgi can read: {error}")
        )
        return data
    try:
        missing = [s for s in (MATRIX_SHEET, METADATA_SHEET) if s not in book.sheetnames]
        for sheet in missing:
            data.problems.append(
                Problem(shown, codes.MISSING_KEY, f"the workbook has no sheet named {sheet!r}")
            )
        if missing:
            return data
        data.rows = _located(book[MATRIX_SHEET].iter_rows(values_only=True), MATRIX_SHEET)
        for row in _located(book[METADATA_SHEET].iter_rows(values_only=True), METADATA_SHEET)[1:]:
            _metadata_row(data, row[0] if row else None, row[1] if len(row) > 1 else None)
    finally:
        book.close()
    return data


def _located(rows: Any, sheet: str | None, first: int = 1) -> list[list[Cell]]:
    return [
        [Cell(value, cell_name(column, number, sheet)) for column, value in enumerate(row, 1)]
        for number, row in enumerate(rows, start=first)
    ]


def _metadata_row(data: SheetData, key: Cell | None, value: Cell | None) -> None:
    name = cell_text(key.value) if key else None
    if not name or not name.strip():
        return
    where = value.name if value else key.name if key else ""
    data.metadata[name.strip()] = Cell(value.value if value else None, where)


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
    rows = _located(records, None)
    start = 0
    # Leading "#key: value" rows are the metadata; the header row follows them.
    while start < len(rows) and rows[start] and str(rows[start][0].value).startswith("#"):
        first = rows[start][0]
        key, _, value = str(first.value)[1:].partition(":")
        value = value.removeprefix(" ")
        _metadata_row(data, Cell(key, first.name), Cell(value or None, first.name))
        start += 1
    data.rows = rows[start:]
    return data
