"""`mgi import`: a spreadsheet back into a matrix, refused unless it validates as a draft.

Problems name the cell (``Matrix!E14``) in their message: those found reading the
sheet, and those `mgi validate` finds in the matrix it would write, traced back from
their place in the YAML to the cell the value came from.

An import never lowers protection silently (docs/format.md, "Importing a
spreadsheet"): a ``restricted`` cell, or the ``confidentiality`` or ``status`` of the
metadata, holding a formula, a ``restricted`` column named in another way or given
twice, or a ``restricted`` value that is not a plain true or false, is refused with
its cell named. Replacing a matrix (``--force``), a blank ``restricted`` cell or a
missing ``restricted`` column keeps the restrictions of the file replaced, and every
answer, confidentiality or status that moves toward public is named in a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, Severity, shown_path
from mgi_cli.spreadsheet.cells import (
    COLUMNS,
    DATE_KEYS,
    JSON_KEYS,
    METADATA_KEYS,
    PROFILE_COLUMNS,
    PROFILE_SHEET,
    READ_ONLY,
    VERBATIM_KEYS,
    as_date,
    decode_references,
    finding_language,
    header_key,
    order_languages,
    parse_bool,
    profile_path,
)
from mgi_cli.spreadsheet.reader import Cell, Row, SheetData, cell_text, read_sheet

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


#: The order of the profile's keys, as the format writes them.
PROFILE_ORDER = ("summary", "context", "dimensions", "sub_areas")
#: The order of ``status`` values, from least to most public.
STATUS_ORDER = ("draft", "in_review", "validated", "published")
#: Cells whose formula is refused: what they compute is not what anyone typed.
PLAIN_KEYS = frozenset({"confidentiality", "status"})
PLAIN_COLUMNS = frozenset({"restricted", "reviewed"})
_CONSTANT = re.compile(r"\s*(TRUE|FALSE)\(\)\s*", re.IGNORECASE)


@dataclass
class Protection:
    """What the matrix an import replaces protects: its restricted answers, its
    confidentiality and status (None: no matrix is replaced)."""

    path: str
    restricted: set[str] = field(default_factory=set)
    confidentiality: str = "restricted"
    status: str = "draft"
    #: The file's title and profile text, as written (kept when the sheet omits them).
    texts: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Draft:
    sheet: SheetData
    head: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    cells: dict[Where, str] = field(default_factory=dict)
    kept: Protection | None = None
    #: The restricted column is there and read (else the replaced file's restrictions hold).
    restricted_column: bool = False
    #: The finding columns (0-based) and their language ("": the matrix's language).
    finding_columns: dict[int, str] = field(default_factory=dict)

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
    if sheet.problems:  # unreadable, a sheet missing, or cells that cannot be read
        return Imported(problems=sheet.problems)
    kept = replaced_protection(output)
    if isinstance(kept, Problem):
        return Imported(problems=[kept])
    draft = _Draft(sheet, kept=kept)
    _read_metadata(draft)
    _read_profile(draft)
    _keep_texts(draft)
    if not _read_rows(draft):
        return Imported(problems=sheet.problems)
    _keep_protection(draft)
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
        if key in PLAIN_KEYS and cell.formula is not None:
            draft.report(
                cell.name,
                codes.IMPORT_PROTECTION,
                f"{key} holds a formula; type its value ({text or 'blank'}) instead",
            )
            continue
        if text is None or (key not in VERBATIM_KEYS and not text.strip()):
            continue
        if key == "modules":
            draft.head[key] = [m.strip() for m in text.split(",") if m.strip()]
        elif key in JSON_KEYS:
            try:
                draft.head[key] = _structured(key, json.loads(text))
            except json.JSONDecodeError as error:
                draft.report(cell.name, codes.INVALID_VALUE, f"{key} is not valid JSON: {error}")
        elif key == "title" and text.lstrip().startswith("{"):
            draft.head[key] = text_or_languages(text)
        elif key in DATE_KEYS:  # a date, written unquoted as the file had it
            draft.head[key] = as_date(text.strip())
        else:
            draft.head[key] = text if key in VERBATIM_KEYS else text.strip()


def text_or_languages(text: str) -> Any:
    """A text per language is exported as a JSON object; any other text is the text."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return text
    return value if isinstance(value, dict) else text


def _structured(key: str, value: Any) -> Any:
    """JSON as the matrix holds it (dates as dates); left as it is when it does not fit,
    for validation to report where."""
    from pydantic import BaseModel, TypeAdapter, ValidationError

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
    if isinstance(model, BaseModel):  # process, profile
        return model.model_dump(exclude_defaults=True)
    return model


def _read_rows(draft: _Draft) -> bool:
    """Read the answers; False when there is no header row to read them by."""
    rows = [r for r in draft.sheet.rows if any(cell_text(c.value) for c in r.cells.values())]
    if not rows:
        draft.report("Matrix", codes.MISSING_KEY, "no header row (id, answer, justification, ...)")
        return False
    columns = _columns(draft, rows[0])
    if "id" not in columns:
        draft.report(rows[0].name(0), codes.MISSING_KEY, "the header row has no 'id' column")
        return False
    seen: dict[str, str] = {}
    wanted = {n: i for n, i in columns.items() if n not in READ_ONLY}
    for row in rows[1:]:
        _read_row(draft, row, wanted, seen)
    return True


def _columns(draft: _Draft, header: Row) -> dict[str, int]:
    """The column of each name the header row gives; a restricted column given twice,
    or under another name, is refused, since its values would not be read."""
    columns: dict[str, int] = {}
    for index, cell in sorted(header.cells.items()):
        name = header_key(cell.value)
        language = finding_language(cell.value)
        if language is not None:
            _finding_column(draft, header, index, language)
        elif name == "restricted" and name in columns:
            draft.report(
                cell.name,
                codes.IMPORT_PROTECTION,
                f"a second 'restricted' column (the first is {header.name(columns[name])}); "
                "keep one",
            )
        elif name in COLUMNS and name not in columns:
            columns[name] = index
        elif _protective(name):
            draft.report(
                cell.name,
                codes.IMPORT_PROTECTION,
                f"the column {cell.value!r} is not read: name it 'restricted' "
                "(true or false), or its restrictions would be lost",
            )
        elif name:
            draft.report(
                cell.name,
                codes.UNKNOWN_KEY,
                f"the column {cell.value!r} is not read",
                severity=Severity.WARNING,
            )
    if "restricted" in columns:
        draft.restricted_column = True
        if columns["restricted"] in draft.sheet.hidden_columns:
            draft.report(
                header.name(columns["restricted"]),
                codes.IMPORT_PROTECTION,
                "the 'restricted' column is hidden; its values are read as they are",
                severity=Severity.WARNING,
            )
    return columns


def _finding_column(draft: _Draft, header: Row, index: int, language: str) -> None:
    own = own_language(draft)
    language = language or own
    first = next((i for i, lang in draft.finding_columns.items() if lang == language), None)
    if first is not None:
        draft.report(
            header.name(index),
            codes.UNKNOWN_KEY,
            f"a second finding column in {language!r} (the first is {header.name(first)}); "
            "it is not read",
            severity=Severity.WARNING,
        )
        return
    draft.finding_columns[index] = language


def own_language(draft: _Draft) -> str:
    """The language of the matrix's plain texts (its ``language:``, else English)."""
    from mgi_cli.languages import FALLBACK

    language = draft.head.get("language")
    return language if isinstance(language, str) and language else FALLBACK


def one_text(texts: dict[str, str], own: str) -> str | dict[str, str]:
    """A text per language as the matrix writes it: a plain string when it is only in the
    matrix's own language, else one text per language."""
    if list(texts) == [own]:
        return texts[own]
    return order_languages(texts)


def _protective(name: str) -> bool:
    """A header that looks meant as the restricted column (Restricted?, confidential)."""
    return "restrict" in name or "confiden" in name


def _read_row(draft: _Draft, row: Row, columns: dict[str, int], seen: dict[str, str]) -> None:
    id_cell = row.cells.get(columns["id"])
    indicator = (cell_text(id_cell.value) or "").strip() if id_cell else ""
    if not indicator:
        if any(cell_text(row.cells[i].value) for i in columns.values() if i in row.cells):
            draft.report(row.name(0), codes.MISSING_KEY, "a row with data but no indicator id")
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
    for name, index in columns.items():
        draft.cells[(*where, name)] = row.name(index)
        cell = row.cells.get(index)
        text = cell_text(cell.value) if cell else None
        if name in PLAIN_COLUMNS and cell and cell.formula is not None:
            # LibreOffice saves a typed TRUE or FALSE as the formula TRUE() or FALSE():
            # a constant, read as typed (not as the value saved with it).
            flag = (
                parse_bool(f"={cell.formula.strip()}")
                if _CONSTANT.fullmatch(cell.formula)
                else None
            )
            if flag is not None:
                entry[name] = flag
                continue
            draft.report(
                cell.name,
                codes.IMPORT_PROTECTION,
                f"{name} holds a formula; type true or false instead",
                indicator=indicator,
            )
        elif cell and name != "id" and text:
            value = _value(draft, name, cell, text, indicator)
            if value is not None:
                entry[name] = value
    finding: dict[str, str] = {}
    for index, language in draft.finding_columns.items():
        draft.cells.setdefault((*where, "finding"), row.name(index))
        draft.cells[(*where, "finding", language)] = row.name(index)
        text = cell_text(row.cells[index].value) if index in row.cells else None
        if text:
            finding[language] = text
    if finding:
        entry["finding"] = one_text(finding, own_language(draft))
    draft.answers[indicator] = entry


def _read_profile(draft: _Draft) -> None:
    """The title and profile text from the Profile sheet (a workbook without one, or a
    CSV file, gives them in the metadata, as JSON)."""
    rows = draft.sheet.profile
    if rows is None:
        return
    draft.head.pop("title", None)  # the Profile sheet is where a workbook gives them
    draft.head.pop("profile", None)
    header = _profile_header(draft, rows[0]) if rows else None
    if header is None:
        return
    key_column, languages = header
    own = own_language(draft)
    profile: dict[str, Any] = {}
    for path, texts in _profile_texts(draft, rows[1:], key_column, languages):
        text = one_text(texts, own)
        if path == ("title",):
            draft.head["title"] = text
        elif len(path) == 2:
            profile[path[1]] = text
        else:
            profile.setdefault(path[1], {})[path[2]] = text
    if profile:
        draft.head["profile"] = {k: profile[k] for k in PROFILE_ORDER if k in profile}


def _keep_texts(draft: _Draft) -> None:
    """A sheet with neither a Profile sheet nor a title or profile row in its metadata
    (a Profile sheet deleted, a CSV file cut short) keeps the texts of the file it
    replaces: it says nothing about them, and they are not lost without a word."""
    kept = draft.kept
    if kept is None or draft.sheet.profile is not None:
        return
    given = {header_key(k) for k in draft.sheet.metadata}
    missing = [k for k in ("title", "profile") if k in kept.texts and k not in given]
    for key in missing:
        draft.head[key] = kept.texts[key]
    if missing:
        where = PROFILE_SHEET if draft.sheet.path.lower().endswith(".xlsx") else "Metadata"
        draft.report(
            where,
            codes.MISSING_KEY,
            f"the sheet gives no {' or '.join(missing)}: kept as in {kept.path}",
            severity=Severity.WARNING,
        )


def _profile_header(draft: _Draft, header: Row) -> tuple[int, dict[int, str]] | None:
    """The column of the texts' names and the column of each language (None: no header)."""
    languages: dict[int, str] = {}
    key_column = None
    for index, cell in sorted(header.cells.items()):
        name = (cell_text(cell.value) or "").strip()
        if header_key(name) == PROFILE_COLUMNS[0] and key_column is None:
            key_column = index
        elif name and header_key(name) not in PROFILE_COLUMNS:
            languages[index] = name
    if key_column is None:
        draft.report(
            f"{PROFILE_SHEET}!A{header.number}",
            codes.MISSING_KEY,
            "the header row has no 'text' column (text | name | en | fr | ...)",
        )
        return None
    return key_column, languages


def _profile_texts(
    draft: _Draft, rows: list[Row], key_column: int, languages: dict[int, str]
) -> Iterator[tuple[tuple[str, ...], dict[str, str]]]:
    """Each text the rows give, by its place in the matrix, with its text per language."""
    seen: dict[tuple[str, ...], str] = {}
    for row in rows:
        key_cell = row.cells.get(key_column)
        key = (cell_text(key_cell.value) or "").strip() if key_cell else ""
        texts = {
            language: text
            for index, language in languages.items()
            if index in row.cells and (text := cell_text(row.cells[index].value))
        }
        path = profile_path(key) if key else None
        where = row.name(key_column)
        if path is None or path in seen:
            if path is not None:
                said = f"{key!r} has a second row (the first is {seen[path]}); it is not read"
            else:
                said = (
                    f"{key!r} is not a text of the profile (title, summary, context, "
                    "dimension ID, sub_area ID); the row is not read"
                )
            if key or texts:
                draft.report(where, codes.UNKNOWN_KEY, said, severity=Severity.WARNING)
            continue
        seen[path] = where
        draft.cells[path] = where
        for index, language in languages.items():
            draft.cells[(*path, language)] = row.name(index)
        if texts:
            yield path, texts


def replaced_protection(output: Path) -> Protection | Problem | None:
    """What the matrix at ``output`` protects (None: there is none to replace), or why it
    cannot be known, which refuses the import: its restrictions could not be kept."""
    from mgi_cli.files.read import probe
    from mgi_cli.files.yamlread import load_yaml_file

    unread = probe(output)
    if unread is not None and unread.kind in ("missing", "special", "folder"):
        return None  # nothing replaced (a device is written through, a folder refused)
    shown = shown_path(output)
    refused = "; its restrictions could not be kept: remove it or import to another file"
    if unread is not None:
        return Problem(shown, codes.IMPORT_PROTECTION, unread.problem(shown).message + refused)
    parsed = load_yaml_file(output, shown)
    data = parsed.data
    if data is None and any(p.code == codes.FILE_EMPTY for p in parsed.problems):
        return None
    if not isinstance(data, dict):
        return Problem(
            shown,
            codes.IMPORT_PROTECTION,
            "the file to replace is not a matrix mgi reads" + refused,
        )
    answers = data.get("answers")
    restricted = {
        str(indicator)
        for indicator, answer in (answers.items() if isinstance(answers, dict) else ())
        if isinstance(answer, dict) and answer.get("restricted") not in (None, False)
    }
    status = data.get("status")
    return Protection(
        shown,
        restricted,
        "public" if data.get("confidentiality") == "public" else "restricted",
        status if status in STATUS_ORDER else "draft",
        {key: data[key] for key in ("title", "profile") if data.get(key) is not None},
    )


def _keep_protection(draft: _Draft) -> None:
    """Keep what the replaced matrix restricts where the sheet does not say it plainly,
    and name in a warning what the sheet makes more public."""
    kept = draft.kept
    warn = Severity.WARNING
    if not draft.restricted_column:
        keep = sorted(kept.restricted & draft.answers.keys()) if kept else []
        for indicator in keep:
            draft.answers[indicator]["restricted"] = True
        said = (
            f"the {len(keep)} answer(s) restricted in {kept.path} stay restricted"
            if kept
            else "no answer is marked restricted"
        )
        draft.report(
            "Matrix", codes.IMPORT_PROTECTION, f"no 'restricted' column: {said}", severity=warn
        )
    elif kept:
        for indicator in sorted(kept.restricted & draft.answers.keys()):
            entry = draft.answers[indicator]
            cell = draft.cells[("answers", indicator, "restricted")]
            if "restricted" not in entry:
                entry["restricted"] = True
                draft.report(
                    cell,
                    codes.IMPORT_PROTECTION,
                    f"blank: {indicator} stays restricted, as in {kept.path}",
                    severity=warn,
                    indicator=indicator,
                )
            elif entry["restricted"] is False:
                draft.report(
                    cell,
                    codes.IMPORT_PROTECTION,
                    f"{indicator} becomes public (restricted in {kept.path})",
                    severity=warn,
                    indicator=indicator,
                )
    if kept is None:
        return
    confidentiality = draft.head.get("confidentiality")
    if kept.confidentiality == "restricted" and confidentiality == "public":
        draft.report(
            draft.cells[("confidentiality",)],
            codes.IMPORT_PROTECTION,
            f"the confidentiality becomes public (restricted in {kept.path})",
            severity=warn,
        )
    status = draft.head.get("status")
    if status in STATUS_ORDER and STATUS_ORDER.index(status) > STATUS_ORDER.index(kept.status):
        draft.report(
            draft.cells[("status",)],
            codes.IMPORT_PROTECTION,
            f"the status moves from {kept.status} (in {kept.path}) to {status}",
            severity=warn,
        )


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
    from mgi_cli.repository.editor import schema_line_for
    from mgi_cli.validate.checker import validate_loaded

    try:
        catalogue = library.get(str(draft.head.get("catalogue", "")))
    except CatalogueError:
        catalogue = None
    # The editor's $schema line, as `mgi new` writes it (a replaced file keeps its own).
    level = catalogue.level if catalogue is not None else str(draft.head.get("level", ""))
    schema = schema_line_for(output, level)
    text = matrix_text(draft.head, draft.answers, catalogue, lang, schema=schema)
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
    if ok and draft.kept is not None:
        text = _onto(draft, output, text)
        problems = [*draft.sheet.problems, *found]
    result = Imported(text if ok else None, problems, len(draft.answers), status)
    if ok and loaded.matrix is not None and status != "draft":
        loaded.matrix = loaded.matrix.model_copy(update={"status": status})
        at_status = validate_loaded(loaded, library, options)
        result.errors_at_status = sum(p.severity is Severity.ERROR for p in at_status)
    return result


def _onto(draft: _Draft, output: Path, text: str) -> str:
    """The file replaced, with the values the sheet changes (its comments, quotes and
    dates kept: spreadsheet/merge.py); written afresh, with a warning, if that fails."""
    from mgi_cli.files.read import read_text
    from mgi_cli.spreadsheet.merge import merge_text

    original = read_text(output, str(output))
    if isinstance(original, Problem):
        return text  # an empty file, or a device written through: nothing to keep
    merged = merge_text(original, text) if original.strip() else None
    if merged is None and original.strip():
        draft.report(
            str(output),
            codes.FMT_REFUSED,
            "its comments and layout could not be kept; it is written afresh",
            severity=Severity.WARNING,
        )
    return text if merged is None else merged


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
