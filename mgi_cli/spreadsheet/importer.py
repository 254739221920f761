"""`mgi import`: a spreadsheet back into a matrix, refused unless it validates as a draft.

Problems name the cell (``Matrix!E14``) in their message: those found reading the
sheet, and those `mgi validate` finds in the matrix it would write, traced back from
their place in the YAML to the cell the value came from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, Severity
from mgi_cli.spreadsheet.cells import (
    COLUMNS,
    JSON_KEYS,
    METADATA_KEYS,
    READ_ONLY,
    VERBATIM_KEYS,
    decode_references,
    header_key,
    parse_bool,
)
from mgi_cli.spreadsheet.reader import Cell, SheetData, cell_text, read_sheet

if TYPE_CHECKING:
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.validate.rule_input import ValidationOptions

Where = tuple[Any, ...]


@dataclass
class Imported:
    """The matrix text to write (None when refused) and every problem, cells named."""

    text: str | None = None
    problems: list[Problem] = field(default_factory=list)
    indicators: int = 0
    status: str = "draft"
    #: Errors `mgi validate` reports at the sheet's own status (only warnings in a draft).
    errors_at_status: int = 0

    @property
    def ok(self) -> bool:
        return self.text is not None


@dataclass
class _Draft:
    sheet: SheetData
    head: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    cells: dict[Where, str] = field(default_factory=dict)

    def report(self, cell: str, code: str, message: str, **extra: Any) -> None:
        self.sheet.problems.append(Problem(self.sheet.path, code, f"{cell}: {message}", **extra))


def import_sheet(
    path: Path,
    output: Path,
    library: CatalogueLibrary,
    options: ValidationOptions,
    lang: str = "en",
) -> Imported:
    sheet = read_sheet(path)
    draft = _Draft(sheet)
    if sheet.problems:  # unreadable, or a sheet missing
        return Imported(problems=sheet.problems)
    _read_metadata(draft)
    if not _read_rows(draft):
        return Imported(problems=sheet.problems)
    # Bad cells were left out: check the rest too, so every problem shows at once.
    return _validated(draft, output, library, options, lang)


def _read_metadata(draft: _Draft) -> None:
    for written, cell in draft.sheet.metadata.items():
        key = header_key(written)  # "Assessed on" is assessed_on
        if key not in METADATA_KEYS:
            draft.report(
                cell.name,
                codes.UNKNOWN_KEY,
                f"{written!r} is not a matrix key",
                severity=Severity.WARNING,
            )
            continue
        text = cell_text(cell.value)
        draft.cells[(key,)] = cell.name
        if text is None or (key not in VERBATIM_KEYS and not text.strip()):
            continue
        if key == "modules":
            draft.head[key] = [m.strip() for m in text.split(",") if m.strip()]
        elif key in JSON_KEYS:
            try:
                draft.head[key] = _structured(key, json.loads(text))
            except json.JSONDecodeError as error:
                draft.report(cell.name, codes.INVALID_VALUE, f"{key} is not valid JSON: {error}")
        else:
            draft.head[key] = text if key in VERBATIM_KEYS else text.strip()


def _structured(key: str, value: Any) -> Any:
    """JSON as the matrix holds it (dates as dates); left as it is when it does not fit,
    for validation to report where."""
    from pydantic import TypeAdapter, ValidationError

    from mgi_cli.matrix.models import Matrix

    annotation = Matrix.model_fields[key].annotation
    if annotation is None:  # every field of the model is annotated; this is for mypy
        return value
    try:
        model: Any = TypeAdapter(annotation).validate_python(value)
    except ValidationError:
        return value
    if isinstance(model, list):
        return [m.model_dump(exclude_defaults=True) for m in model]
    return model


def _read_rows(draft: _Draft) -> bool:
    """Read the answers; False when there is no header row to read them by."""
    rows = [r for r in draft.sheet.rows if any(cell_text(c.value) is not None for c in r)]
    if not rows:
        draft.report("Matrix", codes.MISSING_KEY, "no header row (id, answer, justification, ...)")
        return False
    columns: dict[str, int] = {}
    for index, cell in enumerate(rows[0]):
        name = header_key(cell.value)
        if name in COLUMNS and name not in columns:
            columns[name] = index
        elif name:
            draft.report(
                cell.name,
                codes.UNKNOWN_KEY,
                f"the column {cell.value!r} is not read",
                severity=Severity.WARNING,
            )
    if "id" not in columns:
        draft.report(rows[0][0].name, codes.MISSING_KEY, "the header row has no 'id' column")
        return False
    seen: dict[str, str] = {}
    for row in rows[1:]:
        wanted = {n: i for n, i in columns.items() if n not in READ_ONLY}
        values = {n: row[i] for n, i in wanted.items() if i < len(row)}
        _read_row(draft, values, seen, row[0].name)
    return True


def _read_row(draft: _Draft, row: dict[str, Cell], seen: dict[str, str], first: str) -> None:
    id_cell = row.get("id")
    indicator = (cell_text(id_cell.value) or "").strip() if id_cell else ""
    if not indicator:
        if any(cell_text(c.value) is not None for c in row.values()):
            draft.report(first, codes.MISSING_KEY, "a row with data but no indicator id")
        return
    assert id_cell is not None
    if indicator in seen:
        draft.report(
            id_cell.name,
            codes.DUPLICATE_INDICATOR,
            f"{indicator} has a second row (the first is {seen[indicator]})",
            indicator=indicator,
        )
        return
    seen[indicator] = id_cell.name
    where: Where = ("answers", indicator)
    draft.cells[where] = id_cell.name
    entry: dict[str, Any] = {}
    for name, cell in row.items():
        draft.cells[(*where, name)] = cell.name
        text = cell_text(cell.value)
        if name != "id" and text:
            value = _value(draft, name, cell, text, indicator)
            if value is not None:
                entry[name] = value
    draft.answers[indicator] = entry


def _value(draft: _Draft, name: str, cell: Cell, text: str, indicator: str) -> Any:
    """The value of one cell of a row (None: none, or reported as wrong)."""
    if name == "answer":
        return text.strip()
    if name == "references":
        references, errors = decode_references(text)
        for error in errors:
            draft.report(cell.name, codes.INVALID_VALUE, error, indicator=indicator)
        return None if errors else references
    if name in ("restricted", "reviewed"):
        flag = parse_bool(cell.value)
        if flag is None:
            draft.report(
                cell.name,
                codes.WRONG_TYPE,
                f"{name} is true or false, not {text!r}",
                indicator=indicator,
            )
        return flag
    return text


def _validated(
    draft: _Draft,
    output: Path,
    library: CatalogueLibrary,
    options: ValidationOptions,
    lang: str,
) -> Imported:
    from mgi_cli.errors import CatalogueError
    from mgi_cli.files.yamlread import parse_yaml
    from mgi_cli.formatting.document import matrix_text
    from mgi_cli.matrix.load import matrix_from_parsed
    from mgi_cli.validate.checker import validate_loaded

    try:
        catalogue = library.get(str(draft.head.get("catalogue", "")))
    except CatalogueError:
        catalogue = None
    text = matrix_text(draft.head, draft.answers, catalogue, lang)
    parsed = parse_yaml(text, str(output))
    loaded = matrix_from_parsed(output, parsed)
    status = loaded.matrix.status if loaded.matrix else "draft"
    if loaded.matrix is not None:  # "at least a draft": completeness gaps are warnings
        loaded.matrix = loaded.matrix.model_copy(update={"status": "draft"})
    found = [
        _at_cell(p, draft, parsed.marks, parsed.key_marks)
        for p in validate_loaded(loaded, library, options)
    ]
    problems = [*draft.sheet.problems, *found]
    ok = not any(p.severity is Severity.ERROR for p in problems)
    result = Imported(text if ok else None, problems, len(draft.answers), status)
    if ok and loaded.matrix is not None and status != "draft":
        loaded.matrix = loaded.matrix.model_copy(update={"status": status})
        at_status = validate_loaded(loaded, library, options)
        result.errors_at_status = sum(p.severity is Severity.ERROR for p in at_status)
    return result


def _at_cell(
    problem: Problem,
    draft: _Draft,
    marks: dict[Where, tuple[int, int]],
    key_marks: dict[Where, tuple[int, int]],
) -> Problem:
    """The problem, moved from its line in the YAML to the cell the value came from."""
    from dataclasses import replace

    place = (problem.line, problem.column)
    paths = [p for p, m in (*key_marks.items(), *marks.items()) if m == place]
    answers = problem.indicator or any(p[:1] == ("answers",) for p in paths)
    cell = "Matrix" if answers else "Metadata"
    for path in sorted(paths, key=len, reverse=True):
        found = next(
            (draft.cells[path[:n]] for n in range(len(path), 0, -1) if path[:n] in draft.cells),
            None,
        )
        if found:
            cell = found
            break
    return replace(
        problem, path=draft.sheet.path, line=None, column=None, message=f"{cell}: {problem.message}"
    )
