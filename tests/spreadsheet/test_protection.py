"""`mgi import` never lowers protection silently (docs/format.md, "Importing a spreadsheet").

Workbooks are generated from an exported one: the ``restricted`` column dropped,
renamed, moved, hidden or given twice, its cells blanked, set to false, to a formula
or to a value that is not a plain true or false; ``confidentiality`` and ``status`` of
the Metadata sheet set to a formula, blanked, or made more public. Each is imported
over the matrix it was exported from (``--force``), and over no file. Whatever the
sheet, an answer, the confidentiality or the status becomes more public only when a
cell says so plainly, and then a warning names it; formulas, unclear values and a
restricted column under another name or given twice are refused with the cell named.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from mgi_cli.cli import app
from mgi_cli.matrix.load import load_matrix

TESTS = Path(__file__).resolve().parents[1]
MINI = TESTS / "catalogues" / "mini-1.0.yaml"
SOURCE = TESTS / "matrices" / "valid" / "xam-2018-baseline.yaml"
#: The matrix the sheets come from: three answers restricted, the status a draft.
RESTRICTED = ("M1.01", "M2.01", "M3.01")
RENAMED = ("Restricted?", "restricted (true/false)", "Confidential", "is_restricted", "Restrict")
FORMULAS = ("=1=0", '=IF(A2="x",TRUE,FALSE)', "=J2", "=NOT(TRUE())", "=FALSE")
#: Constant formulas, as LibreOffice saves a typed TRUE or FALSE: read as typed.
CONSTANTS = {"=FALSE()": False, "=TRUE()": True, "=false() ": False}
UNCLEAR = ("maybe", "2", "-1", "tru", "FALSE!", "n/a", "0.5", "unknown")
FALSE = ("false", "FALSE", "no", "0", False, 0)

_runner = CliRunner()


def run(*args: object) -> Result:
    return _runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1"})


def original(folder: Path) -> Path:
    """The matrix the sheets are exported from (and imported over)."""
    text = SOURCE.read_text(encoding="utf-8").replace("status: published", "status: draft")
    for indicator in RESTRICTED[:2]:
        text = re.sub(
            rf"(\n  {re.escape(indicator)}:\n    answer: [a-z_]+\n)",
            r"\1    restricted: true\n",
            text,
        )
    path = folder / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@cache
def exported_sheet() -> Path:
    """The workbook exported from ``original``, made once per test process."""
    folder = Path(tempfile.mkdtemp(prefix="mgi-protection-"))
    matrix = original(folder)
    loaded = load_matrix(matrix).matrix
    assert loaded is not None
    assert {i for i, a in loaded.answers.items() if a and a.restricted} == set(RESTRICTED)
    result = run("export", matrix, "-o", folder / "m.xlsx", "--catalogue", MINI)
    assert result.exit_code == 0, result.output
    return folder / "m.xlsx"


@pytest.fixture
def exported() -> Path:
    return exported_sheet()


@dataclass
class Edits:
    """What was done to a sheet, and what the import must therefore do."""

    refused: set[str] = field(default_factory=set)  # cells a refusal must name
    column: bool = True  # the restricted column is there, under its name
    said_false: set[str] = field(default_factory=set)  # restricted answers typed false
    said_true: set[str] = field(default_factory=set)  # answers typed true
    public: bool = False  # confidentiality typed public
    status: str = "draft"


def _header(sheet: Any) -> dict[str, int]:
    """The first column of each header."""
    columns: dict[str, int] = {}
    for cell in sheet[1]:
        if cell.value is not None:
            columns.setdefault(str(cell.value), cell.column)
    return columns


def _rows(sheet: Any, key: str = "id") -> dict[str, int]:
    """The row of each id (of each key on the Metadata sheet)."""
    column = _header(sheet).get(key, 1)
    cells = next(sheet.iter_cols(column, column, 2))
    return {str(c.value): c.row for c in cells if c.value}


@st.composite
def protection_edits(draw: st.DrawFn) -> list[tuple[str, Any]]:
    """A few edits: at most one to the restricted column, then cells, then metadata."""
    edits: list[tuple[str, Any]] = []
    structure = draw(
        st.sampled_from(["none", "drop", "rename", "move", "hide", "duplicate", "none"])
    )
    if structure == "rename":
        edits.append(("rename", draw(st.sampled_from(RENAMED))))
    elif structure == "move":
        edits.append(("move", draw(st.integers(1, 12))))  # to the end too
    elif structure == "duplicate":
        edits.append(("duplicate", draw(st.sampled_from(["before", "after"]))))
    elif structure != "none":
        edits.append((structure, None))
    indicators = st.sampled_from(["M1.01", "M1.02", "M1.03", "M2.01", "M2.02", "M3.01"])
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["blank", "false", "formula", "unclear", "constant"]))
        value = {
            "blank": st.none(),
            "false": st.sampled_from(FALSE),
            "constant": st.sampled_from(sorted(CONSTANTS)),
            "formula": st.sampled_from(FORMULAS),
            "unclear": st.sampled_from(UNCLEAR),
        }[kind]
        edits.append((kind, (draw(indicators), draw(value))))
    for _ in range(draw(st.integers(0, 2))):
        key = draw(st.sampled_from(["confidentiality", "status"]))
        value = draw(
            st.sampled_from(
                ["public", "restricted", None, '="public"']
                if key == "confidentiality"
                else ["draft", "in_review", "validated", "published", '="published"']
            )
        )
        edits.append(("meta", (key, value)))
    return edits


def apply(exported: Path, edits: list[tuple[str, Any]], path: Path) -> Edits:
    """Write the edited workbook to ``path``; what the import must do with it."""
    book = openpyxl.load_workbook(exported)
    expect = Edits()
    for kind, value in edits:
        if kind == "meta":
            _edit_metadata(book["Metadata"], value, expect)
        elif kind in ("blank", "false", "formula", "unclear", "constant"):
            _edit_cell(book["Matrix"], kind, value, expect)
        else:
            _edit_column(book["Matrix"], kind, value, expect)
    book.save(path)
    return expect


def _edit_column(sheet: Any, kind: str, value: Any, expect: Edits) -> None:
    column = _header(sheet).get("restricted")
    if column is None:
        return
    if kind == "drop":
        sheet.delete_cols(column)
        expect.column = False
    elif kind == "rename":
        sheet.cell(1, column).value = value
        expect.column = False
        expect.refused.add(f"Matrix!{sheet.cell(1, column).coordinate}")
    elif kind == "move":
        values = [sheet.cell(r, column).value for r in range(1, sheet.max_row + 1)]
        sheet.delete_cols(column)
        sheet.insert_cols(value)
        for row, cell in enumerate(values, start=1):
            sheet.cell(row, value).value = cell
    elif kind == "hide":
        sheet.column_dimensions[sheet.cell(1, column).column_letter].hidden = True
    elif kind == "duplicate":
        at = 2 if value == "before" else sheet.max_column + 1
        sheet.insert_cols(at)
        sheet.cell(1, at).value = "restricted"
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row, at).value = "false"
        second = max(c.column for c in sheet[1] if c.value == "restricted")
        expect.refused.add(f"Matrix!{sheet.cell(1, second).coordinate}")


def _edit_cell(sheet: Any, kind: str, value: Any, expect: Edits) -> None:
    column = _header(sheet).get("restricted")
    if column is None:
        return
    indicator, typed = value
    cell = sheet.cell(_rows(sheet)[indicator], column)
    cell.value = typed
    said = {"false": False, "constant": CONSTANTS.get(typed)}.get(kind)
    expect.refused.discard(f"Matrix!{cell.coordinate}")
    expect.said_false.discard(indicator)
    expect.said_true.discard(indicator)
    if said is False and indicator in RESTRICTED:
        expect.said_false.add(indicator)
    elif said is True:
        expect.said_true.add(indicator)
    elif kind in ("formula", "unclear"):
        expect.refused.add(f"Matrix!{cell.coordinate}")


def _edit_metadata(meta: Any, value: Any, expect: Edits) -> None:
    key, typed = value
    cell = meta.cell(_rows(meta, "key")[key], 2)
    cell.value = typed
    if key == "confidentiality":
        expect.public = typed == "public"
    elif typed in ("draft", "in_review", "validated", "published"):
        expect.status = typed
    name = f"Metadata!{cell.coordinate}"
    expect.refused.discard(name)
    if isinstance(typed, str) and typed.startswith("="):
        expect.refused.add(name)


def check_import(folder: Path, sheet: Path, expect: Edits, replace: bool) -> None:
    target = original(folder) if replace else folder / "new.yaml"
    before = target.read_bytes() if replace else None
    result = run("import", sheet, "-o", target, "--force", "--catalogue", MINI)
    output = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output and "internal error" not in output, output
    if expect.refused:
        assert result.exit_code == 1, output
        for cell in expect.refused:
            assert f" {cell}: " in output, (cell, output)
        assert (target.read_bytes() if replace else target.exists()) == (
            before if replace else False
        )
        return
    assert result.exit_code == 0, output
    written = load_matrix(target).matrix
    assert written is not None
    now = {i for i, a in written.answers.items() if a and a.restricted}
    if replace:
        # Restricted stays restricted unless a cell says false, which a warning names.
        assert now == (set(RESTRICTED) - expect.said_false) | expect.said_true, output
        for indicator in expect.said_false:
            assert f"{indicator} becomes public (restricted in {target})" in output, output
        if expect.public:
            assert "the confidentiality becomes public" in output, output
        if expect.status in ("validated", "published"):
            assert f"the status moves from draft (in {target}) to {expect.status}" in output
    elif not expect.column:
        assert "no 'restricted' column: no answer is marked restricted" in output, output
    assert written.confidentiality == ("public" if expect.public else "restricted")
    if not expect.column and replace:
        assert "no 'restricted' column: the 3 answer(s) restricted in" in output, output


@settings(
    max_examples=200 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 10,
    deadline=timedelta(seconds=20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(edits=protection_edits(), replace=st.booleans())
def test_an_import_never_lowers_protection_silently(edits: list[Any], replace: bool) -> None:
    check_edits(edits, replace)


def check_edits(edits: list[Any], replace: bool) -> None:
    """Apply the edits to the exported workbook and import it; what it must do."""
    with tempfile.TemporaryDirectory(prefix="mgi-protection-") as name:
        folder = Path(name)
        sheet = folder / "edited.xlsx"
        expect = apply(exported_sheet(), edits, sheet)
        check_import(folder, sheet, expect, replace)


def test_each_way_of_lowering_protection(exported: Path, tmp_path: Path) -> None:
    """One of each, with the exact messages."""
    cases: dict[str, tuple[list[tuple[str, Any]], list[str]]] = {
        "formula": (
            [("formula", ("M3.01", "=1=0"))],
            ["error import-protection Matrix!J7: restricted holds a formula; type true or "
             "false instead"],
        ),
        "renamed": (
            [("rename", "Restricted?")],
            ["error import-protection Matrix!J1: the column 'Restricted?' is not read: name it "
             "'restricted' (true or false), or its restrictions would be lost"],
        ),
        "twice": (
            [("duplicate", "after")],
            ["error import-protection Matrix!L1: a second 'restricted' column (the first is "
             "Matrix!J1); keep one"],
        ),
        "unclear": (
            [("unclear", ("M2.01", "maybe"))],
            ["error wrong-type Matrix!J5: restricted is true or false, not 'maybe'"],
        ),
        "status formula": (
            [("meta", ("status", '="published"'))],
            ["error import-protection Metadata!B13: status holds a formula; type its value "
             "(blank) instead"],
        ),
    }  # fmt: skip
    for name, (edits, messages) in cases.items():
        sheet = tmp_path / f"{name}.xlsx"
        apply(exported, edits, sheet)
        target = original(tmp_path)
        result = run("import", sheet, "-o", target, "--force", "--catalogue", MINI)
        assert result.exit_code == 1, (name, result.output)
        for message in messages:
            assert f"{sheet}: {message}" in result.output, (name, result.output)


def test_what_is_kept_and_what_is_said(exported: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.xlsx"
    apply(
        exported,
        [("hide", None), ("blank", ("M3.01", None)), ("false", ("M1.01", "false")),
         ("meta", ("confidentiality", "public")), ("meta", ("status", "validated"))],
        sheet,
    )  # fmt: skip
    target = original(tmp_path)
    result = run("import", sheet, "-o", target, "--force", "--catalogue", MINI)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "import-protection" in line]
    assert warnings == [
        f"{sheet}: warning import-protection Matrix!J1: the 'restricted' column is hidden; "
        "its values are read as they are",
        f"{sheet}: warning import-protection Matrix!J2: M1.01 becomes public (restricted in "
        f"{target})",
        f"{sheet}: warning import-protection Matrix!J7: blank: M3.01 stays restricted, as in "
        f"{target}",
        f"{sheet}: warning import-protection Metadata!B14: the confidentiality becomes public "
        f"(restricted in {target})",
        f"{sheet}: warning import-protection Metadata!B13: the status moves from draft (in "
        f"{target}) to validated",
    ]
    written = load_matrix(target).matrix
    assert written is not None
    assert {i for i, a in written.answers.items() if a and a.restricted} == {"M2.01", "M3.01"}


def test_a_file_to_replace_that_is_not_a_matrix_is_not_replaced(
    exported: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "s.xlsx"
    sheet.write_bytes(exported.read_bytes())
    target = tmp_path / "broken.yaml"
    target.write_text("answers: [\n", encoding="utf-8")
    result = run("import", sheet, "-o", target, "--force", "--catalogue", MINI)
    assert result.exit_code == 1
    assert (
        f"{target}: error import-protection the file to replace is not a matrix mgi reads; its "
        "restrictions could not be kept: remove it or import to another file" in result.output
    )
    assert target.read_text(encoding="utf-8") == "answers: [\n"
