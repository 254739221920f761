"""`mgi export`: a matrix as a spreadsheet (xlsx or CSV), one row per indicator.

Layout: cells.py. In xlsx the metadata is on its own ``Metadata`` sheet (key | value)
and the title and profile text on a ``Profile`` sheet (one row per text, one column per
language); in CSV the metadata, title and profile included, comes first, as
``#key: value`` rows before the header row.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from mgi_cli.errors import MgiError
from mgi_cli.output.csv_cells import csv_cell
from mgi_cli.problems.problem import shown_path
from mgi_cli.spreadsheet.cells import (
    COLUMNS,
    JSON_KEYS,
    MATRIX_SHEET,
    MAX_CELL,
    METADATA_KEYS,
    METADATA_SHEET,
    OPTIONAL_METADATA_KEYS,
    PROFILE_COLUMNS,
    PROFILE_KEYS,
    PROFILE_SHEET,
    UNSAFE,
    cell_name,
    encode_references,
    finding_header,
    profile_row_key,
)

if TYPE_CHECKING:
    from pathlib import Path

    from mgi_cli.catalogue.models import Catalogue
    from mgi_cli.matrix.models import Matrix

_CHOICES = {
    "level": ("national", "local"),
    "assessment": ("baseline", "follow_up"),
    "status": ("draft", "in_review", "validated", "published"),
    "confidentiality": ("restricted", "public"),
}
_WIDTHS = {
    "id": 10,
    "dimension": 24,
    "sub_area": 22,
    "question": 50,
    "answer": 14,
    "justification": 70,
    "finding": 50,
    "references": 60,
    "notes": 30,
}


def metadata_rows(matrix: Matrix, profile_sheet: bool = False) -> list[tuple[str, str]]:
    """The metadata as key | value (without the title and profile text when those are on
    the Profile sheet)."""
    rows = []
    for key in METADATA_KEYS:
        if profile_sheet and key in PROFILE_KEYS:
            continue
        value = getattr(matrix, key)
        if key in OPTIONAL_METADATA_KEYS and value == type(matrix).model_fields[key].default:
            continue
        if key in JSON_KEYS:
            value = _json(value) if value else None
        elif isinstance(value, dict):  # a title given per language
            value = _json(value)
        elif isinstance(value, list):
            value = ", ".join(value)
        elif isinstance(value, date):
            value = value.isoformat()
        rows.append((key, "" if value is None else str(value)))
    return rows


def _json(value: Any) -> str:
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, list):
        value = [
            v.model_dump(mode="json", exclude_defaults=True) if isinstance(v, BaseModel) else v
            for v in value
        ]
    return json.dumps(value, ensure_ascii=False)


Row = tuple[list[Any], list[str]]


def other_finding_languages(matrix: Matrix, lang: str) -> list[str]:
    """The languages of the matrix's findings other than ``lang``: each has a column
    after the others, so no finding is lost in a round trip."""
    from mgi_cli.spreadsheet.cells import order_languages

    found: dict[str, str] = {}
    for entry in matrix.answers.values():
        finding = entry.finding if entry else None
        languages = [matrix.language] if isinstance(finding, str) else list(finding or {})
        found.update((language, "") for language in languages if language != lang)
    return list(order_languages(found))


def header_row(matrix: Matrix, lang: str) -> list[str]:
    """The Matrix sheet's header: ``finding (LANG)`` for the export language, and a
    ``finding (LANG)`` column at the end for each other language the findings have."""
    names = [finding_header(lang) if name == "finding" else name for name in COLUMNS]
    return names + [finding_header(other) for other in other_finding_languages(matrix, lang)]


def _finding_in(finding: str | dict[str, str] | None, lang: str, own: str) -> str | None:
    """The finding's text in ``lang`` exactly (a plain text is in the matrix's language)."""
    if isinstance(finding, str):
        return finding if lang == own else None
    return (finding or {}).get(lang)


def matrix_rows(matrix: Matrix, catalogue: Catalogue, lang: str) -> list[Row]:
    """Each row's cells, with the answers its indicator takes (none: unknown indicator)."""
    from mgi_cli.catalogue.view import localized
    from mgi_cli.matrix.indicators import effective_indicators, find_indicator

    listed = [i.id for i in effective_indicators(matrix, catalogue)]
    known = set(listed)
    ids = listed + [k for k in matrix.answers if k not in known]
    others = other_finding_languages(matrix, lang)
    rows = []
    for indicator_id in ids:
        indicator = find_indicator(matrix, catalogue, indicator_id)
        entry = matrix.answers.get(indicator_id)
        dimension = catalogue.dimension(indicator.dimension) if indicator else None
        areas = dimension.sub_areas if dimension and indicator else []
        sub_area = next((s for s in areas if indicator and s.id == indicator.sub_area), None)
        cells: list[Any] = [
            indicator_id,
            f"{dimension.id} {localized(dimension.short_name, lang)}" if dimension else None,
            localized(sub_area.name, lang) if sub_area else None,
            localized(indicator.question, lang) if indicator else None,
            entry.answer if entry else None,
            entry.justification if entry else None,
            _finding_in(entry.finding, lang, matrix.language) if entry else None,
            encode_references([r.model_dump(exclude_none=True) for r in entry.references])
            if entry and entry.references
            else None,
            entry.notes if entry else None,
            "true" if entry and entry.restricted else "false",
            "false" if entry and not entry.reviewed else "true",
            *(_finding_in(entry.finding if entry else None, o, matrix.language) for o in others),
        ]
        scale = [c.id for c in catalogue.scale_of(indicator)] if indicator else []
        rows.append((cells, scale))
    return rows


#: The columns (1-based) of the Matrix rows and of the Profile sheet that hold the
#: catalogue's text (dimension, sub-area, question; a narrative's name), not the matrix's.
_CATALOGUE_COLUMNS = (2, 3, 4)
_PROFILE_CATALOGUE_COLUMNS = (2,)


def _check_cells(
    rows: list[list[Any]],
    sheet: str | None,
    first_row: int,
    catalogue: tuple[Catalogue, Path | None, tuple[int, ...]] | None = None,
    *,
    only_catalogue: bool = False,
) -> None:
    """Refuse text a cell cannot hold, saying which file to fix: the matrix's YAML, or
    (``catalogue``: the catalogue, its file and the columns of its text) the catalogue.
    ``only_catalogue``: check the catalogue's cells alone (the others are checked apart)."""
    from_catalogue = catalogue[2] if catalogue else ()
    bad: dict[bool, list[str]] = {True: [], False: []}
    for offset, cells in enumerate(rows):
        for column, value in enumerate(cells, start=1):
            unsafe = isinstance(value, str) and UNSAFE.search(value)
            if unsafe or (isinstance(value, str) and len(value) > MAX_CELL):
                name = cell_name(column, first_row + offset, sheet)
                bad[column in from_catalogue].append(name)
    cannot = f"control characters (or over {MAX_CELL} characters), which a spreadsheet cell"
    if bad[True] and catalogue is not None:
        source, file = catalogue[0], catalogue[1]
        where = f"its file {shown_path(file)}" if file is not None else "its file"
        raise MgiError(
            f"{', '.join(bad[True][:5])}: text from the catalogue {source.ref} with {cannot} "
            f"cannot hold; fix it in {where} first"
        )
    if bad[False] and not only_catalogue:
        raise MgiError(
            f"{', '.join(bad[False][:5])}: text with {cannot} cannot hold; edit it in the "
            "YAML first"
        )


def export_csv(
    matrix: Matrix, catalogue: Catalogue, lang: str = "en", catalogue_file: Path | None = None
) -> bytes:
    """UTF-8 with a byte-order mark, which spreadsheet programs need to detect UTF-8.
    ``catalogue_file``: where the catalogue was read from, named when its text is refused."""
    meta = [[f"#{key}: {value}"] for key, value in metadata_rows(matrix)]
    body = [cells for cells, _ in matrix_rows(matrix, catalogue, lang)]
    header = header_row(matrix, lang)
    source = (catalogue, catalogue_file, _CATALOGUE_COLUMNS)
    _check_cells(body, None, len(meta) + 2, source, only_catalogue=True)
    _check_cells([*meta, header, *body], None, 1)
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerows(meta)
    writer.writerow(header)
    # Text starting like a formula (=, +, -, @) opens as text (mgi import reads it back).
    writer.writerows(["" if v is None else csv_cell(v) for v in cells] for cells in body)
    return stream.getvalue().encode("utf-8-sig")


def export_xlsx(
    matrix: Matrix, catalogue: Catalogue, lang: str = "en", catalogue_file: Path | None = None
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    rows = matrix_rows(matrix, catalogue, lang)
    metadata = metadata_rows(matrix, profile_sheet=True)
    texts = profile_rows(matrix, catalogue, lang)
    _check_cells(
        [cells for cells, _ in rows],
        MATRIX_SHEET,
        2,
        (catalogue, catalogue_file, _CATALOGUE_COLUMNS),
    )
    _check_cells([list(r) for r in metadata], METADATA_SHEET, 2)
    _check_cells(
        texts[1:], PROFILE_SHEET, 2, (catalogue, catalogue_file, _PROFILE_CATALOGUE_COLUMNS)
    )
    book = Workbook()
    sheet = book.create_sheet(MATRIX_SHEET)
    book.remove(book.worksheets[0])
    header = header_row(matrix, lang)
    bold = Font(bold=True)
    _put_row(sheet, 1, header, bold=bold)
    for number, (cells, _) in enumerate(rows, start=2):
        _put_row(sheet, number, cells)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, written in enumerate(header, start=1):
        letter = get_column_letter(index)
        name = "finding" if written.startswith("finding") else written
        sheet.column_dimensions[letter].width = _WIDTHS.get(name, 11)
        if name in ("question", "justification", "finding", "references", "notes"):
            for cell in sheet[letter][1:]:
                cell.alignment = wrap
    sheet.freeze_panes = "B2"
    _answer_lists(sheet, [scale for _, scale in rows], len(rows))
    meta = book.create_sheet(METADATA_SHEET)
    _put_row(meta, 1, ("key", "value"), bold=bold)
    for number, (key, value) in enumerate(metadata, start=2):
        _put_row(meta, number, (key, value or None))
        if key in _CHOICES:
            _list(meta, _CHOICES[key], [f"B{number}"])
    meta.column_dimensions["A"].width = 18
    meta.column_dimensions["B"].width = 50
    profile = book.create_sheet(PROFILE_SHEET)
    for number, cells in enumerate(texts, start=1):
        _put_row(profile, number, cells, bold=bold if number == 1 else None)
    for index in range(1, len(texts[0]) + 1):
        letter = get_column_letter(index)
        profile.column_dimensions[letter].width = {1: 22, 2: 30}.get(index, 60)
        if index > len(PROFILE_COLUMNS):
            for cell in profile[letter][1:]:
                cell.alignment = wrap
    profile.freeze_panes = "C2"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def profile_rows(matrix: Matrix, catalogue: Catalogue, lang: str) -> list[list[Any]]:
    """The Profile sheet: a header (text | name | one column per language), then the
    title, the summary, the context, and a row per dimension and sub-area of the
    catalogue (blank where the matrix has no narrative), then any other narrative."""
    from mgi_cli.catalogue.view import localized
    from mgi_cli.languages import LANGUAGES
    from mgi_cli.spreadsheet.cells import order_languages

    profile = matrix.profile
    named: dict[tuple[str, ...], str | None] = {("title",): None}
    named[("profile", "summary")] = None
    named[("profile", "context")] = None
    for dimension in catalogue.dimensions:
        name = f"{dimension.id} {localized(dimension.short_name, lang)}"
        named[("profile", "dimensions", dimension.id)] = name
    for dimension in catalogue.dimensions:
        for area in dimension.sub_areas:
            named[("profile", "sub_areas", f"{dimension.id}.{area.id}")] = localized(
                area.name, lang
            )
    texts: dict[tuple[str, ...], dict[str, str]] = {}
    if matrix.title is not None:
        texts[("title",)] = _languages(matrix.title, matrix.language)
    if profile is not None:
        for key in ("summary", "context"):
            value = getattr(profile, key)
            if value is not None:
                texts[("profile", key)] = _languages(value, matrix.language)
        for key in ("dimensions", "sub_areas"):
            for name, value in getattr(profile, key).items():
                texts[("profile", key, name)] = _languages(value, matrix.language)
                named.setdefault(("profile", key, name), None)
    found = {lang: "" for value in texts.values() for lang in value}
    languages = list(order_languages({**dict.fromkeys(LANGUAGES, ""), **found}))
    rows: list[list[Any]] = [[*PROFILE_COLUMNS, *languages]]
    for path, label in named.items():
        text = texts.get(path, {})
        rows.append([profile_row_key(path), label, *(text.get(lang) for lang in languages)])
    return rows


def _languages(value: str | dict[str, str], own: str) -> dict[str, str]:
    return {own: value} if isinstance(value, str) else value


def _put_row(sheet: Any, row: int, values: Any, bold: Any = None) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, even when it starts with "=": never a formula
        if bold is not None:
            cell.font = bold


def _answer_lists(sheet: Any, scales: list[list[str]], count: int) -> None:
    """Each answer cell offers its indicator's scale; restricted/reviewed offer true/false."""
    from openpyxl.utils import get_column_letter

    answer, restricted, reviewed = (
        get_column_letter(COLUMNS.index(name) + 1) for name in ("answer", "restricted", "reviewed")
    )
    groups: dict[tuple[str, ...], list[str]] = {}  # scale -> its answer cells
    for row, scale in enumerate(scales, start=2):
        if scale and all("," not in c and '"' not in c for c in scale):
            groups.setdefault(tuple(scale), []).append(f"{answer}{row}")
    for choices, cells in groups.items():
        _list(sheet, choices, cells)
    if count:
        _list(sheet, ("true", "false"), [f"{restricted}2:{reviewed}{count + 1}"])


def _list(sheet: Any, choices: tuple[str, ...], cells: list[str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not an answer",
        error="Choose one of: " + ", ".join(choices),
    )
    sheet.add_data_validation(validation)
    for cell in cells:
        validation.add(cell)
