"""`mgi import --force` onto a matrix changes only what the sheet changed.

An unedited round trip (`mgi export M -o S && mgi import S -o M --force`) leaves every
example byte for byte as it was, in xlsx and CSV and whatever the export's language; an
edited one changes the edited values and nothing else: comments, quotes, dates and key
order stay as the user wrote them.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.commands.common import catalogue_library
from mgi_cli.formatting.comments import comment_texts
from mgi_cli.matrix.load import load_matrix
from mgi_cli.spreadsheet import merge
from mgi_cli.spreadsheet.exporter import export_xlsx
from mgi_cli.spreadsheet.importer import import_sheet
from mgi_cli.spreadsheet.merge import merge_text
from mgi_cli.validate.rule_input import ValidationOptions
from tests.spreadsheet.test_roundtrip import OPTIONS, TEXT, normalized

Mgi = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the examples (a follow-up's baseline resolves next to it)."""
    folder = tmp_path_factory.mktemp("examples") / "examples"
    shutil.copytree(ROOT / "examples", folder)
    return folder


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
@pytest.mark.parametrize(("suffix", "lang"), [("xlsx", "en"), ("csv", "fr")])
def test_an_unedited_round_trip_leaves_every_example_byte_identical(
    mgi: Mgi, examples: Path, tmp_path: Path, example: Path, suffix: str, lang: str
) -> None:
    matrix = examples / example.relative_to(ROOT / "examples")
    before = matrix.read_bytes()
    sheet = tmp_path / f"sheet.{suffix}"
    exported = mgi("export", matrix, "-o", sheet, "--lang", lang)
    assert exported.exit_code == 0, exported.output
    imported = mgi("import", sheet, "-o", matrix, "--force", "--lang", lang)
    assert imported.exit_code == 0, imported.output
    assert "written afresh" not in imported.output
    assert matrix.read_bytes() == before


COMMENTED = """\
# Xamaria 2018, kept by the Directorate-General of Migration and Borders.
# Ask the focal point before changing an answer.
format: mgi-matrix/1
country: XAM
title: Republic of Xamaria
level: national
assessment: baseline
catalogue: mini@1.0
modules: [standard]
assessed_on: 2018-09-30  # the validation workshop
status: draft
confidentiality: restricted
profile:
  summary: Xamaria gives emergency care to everyone.  # drafted in June
answers:
  M1.01:
    answer: yes  # checked with the Ministry of Health
    justification: Article 12 of the Public Health Act 2011 covers everyone present.
    references:
      - title: Public Health Act 2011, article 12  # the 2019 amendment changes nothing
        published: 2011-03-01

  # Work: to be reviewed with the unions.
  M1.02:
    answer: partial
    justification: The Minimum Wage Order 2016 excludes domestic workers.
  M1.03:
    answer: within_a_year
    justification: 'Asylum seekers may work after six months: Asylum Act, s. 40.'
  M2.01:
    answer: no
    justification: The statistics office publishes no data.  # to check
  M2.02:
    answer: not_applicable
    justification: The strategy is being drafted.
  M3.01:
    answer: yes
    justification: Xamaria chairs the Eastern Migration Dialogue.
    restricted: true
# Open questions are in the minutes of the workshop.
"""


def _set(book: openpyxl.Workbook, sheet: str, row_key: str, column: str, value: Any) -> None:
    """Set the cell of ``column`` (a header) in the row whose first cell is ``row_key``."""
    rows = list(book[sheet].iter_rows())
    header = [c.value for c in rows[0]]
    row = next(r for r in rows if r[0].value == row_key)
    row[header.index(column)].value = value


def test_an_edited_import_keeps_the_comments_and_changes_only_the_edits(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path
) -> None:
    matrix = tmp_path / "m.yaml"
    matrix.write_text(COMMENTED, encoding="utf-8")
    assert mgi("fmt", "--check", matrix).exit_code == 0  # the file is as mgi fmt writes it
    sheet = tmp_path / "m.xlsx"
    assert mgi("export", matrix, "-o", sheet, "--catalogue", mini_catalogue).exit_code == 0
    book = openpyxl.load_workbook(sheet)
    _set(book, "Matrix", "M1.01", "finding (en)", "Every hospital treats emergencies.")
    _set(book, "Matrix", "M1.02", "answer", "yes")
    _set(book, "Matrix", "M2.01", "justification", "The office published data in 2018.")
    _set(book, "Profile", "summary", "fr", "La Xamarie soigne tout le monde en urgence.")
    book.save(sheet)
    result = mgi("import", sheet, "-o", matrix, "--force", "--catalogue", mini_catalogue)
    assert result.exit_code == 0, result.output
    summary = "  summary: Xamaria gives emergency care to everyone.  # drafted in June\n"
    # An end-of-line comment stays in its column, as mgi fmt keeps it.
    expected = (
        COMMENTED.replace(
            summary,
            "  summary:".ljust(summary.index("#")) + "# drafted in June\n"
            "    en: Xamaria gives emergency care to everyone.\n"
            "    fr: La Xamarie soigne tout le monde en urgence.\n",
        )
        .replace(
            "everyone present.\n",
            "everyone present.\n    finding: Every hospital treats emergencies.\n",
        )
        .replace("  M1.02:\n    answer: partial\n", "  M1.02:\n    answer: yes\n")
        .replace(
            "The statistics office publishes no data.  # to check",
            "The office published data in 2018.        # to check",
        )
    )
    assert matrix.read_text(encoding="utf-8") == expected


def test_a_file_mgi_cannot_merge_into_is_written_afresh_with_a_warning(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    matrix = tmp_path / "m.yaml"
    matrix.write_text(COMMENTED, encoding="utf-8")
    sheet = tmp_path / "m.csv"
    assert mgi("export", matrix, "-o", sheet, "--catalogue", mini_catalogue).exit_code == 0
    assert merge_text("[a list]\n", COMMENTED) is None
    assert merge_text("a: [\n", COMMENTED) is None
    # Whatever stops the merge (the merged text not reading as the sheet's matrix, a
    # comment lost), the sheet is written as a new file would be, and the user is told.
    monkeypatch.setattr(merge, "merge_text", lambda _old, _new: None)
    library = catalogue_library([mini_catalogue])
    result = import_sheet(sheet, matrix, library, ValidationOptions(today=date(2026, 1, 1)))
    refused = [p for p in result.problems if p.code == "fmt-refused"]
    assert [f"{p.severity} {p.code} {p.message}" for p in refused] == [
        f"warning fmt-refused {matrix}: its comments and layout could not be kept; it is "
        "written afresh"
    ]
    assert result.text is not None
    assert "# Open questions" not in result.text
    assert "# MGI matrix: XAM, national, baseline, catalogue mini@1.0." in result.text


def test_values_that_mean_the_same_keep_their_form() -> None:
    fresh = (
        COMMENTED.replace("answer: yes  # checked", 'answer: "yes"  # checked')
        .replace("title: Republic of Xamaria", "title:\n  en: Republic of Xamaria")
        .replace("    restricted: true\n", "    restricted: true\n    reviewed: true\n")
    )
    assert merge_text(COMMENTED, fresh) == COMMENTED


def test_a_workbook_without_its_profile_sheet_keeps_the_files_texts(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path
) -> None:
    matrix = tmp_path / "m.yaml"
    matrix.write_text(COMMENTED, encoding="utf-8")
    sheet = tmp_path / "m.xlsx"
    assert mgi("export", matrix, "-o", sheet, "--catalogue", mini_catalogue).exit_code == 0
    book = openpyxl.load_workbook(sheet)
    del book["Profile"]
    book.save(sheet)
    result = mgi("import", sheet, "-o", matrix, "--force", "--catalogue", mini_catalogue)
    assert result.exit_code == 0, result.output
    assert (
        f"{sheet}: warning missing-key Profile: the sheet gives no title or profile: kept as "
        f"in {matrix}" in result.output
    )
    assert matrix.read_text(encoding="utf-8") == COMMENTED


EDITABLE = {
    "answer": st.sampled_from(["yes", "partial", "no", "not_applicable", "never"]),
    "justification": TEXT,
    "finding (en)": TEXT,
    "notes": TEXT,
    "restricted": st.sampled_from(["true", "false"]),
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_edits_merge_into_the_file_with_its_comments(
    data: st.DataObject, test_library: CatalogueLibrary
) -> None:
    """Whatever cells are edited, the file written reads as the sheet's matrix (as a new
    file would), keeps every comment, and is never written afresh."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        matrix, fresh = folder / "m.yaml", folder / "new.yaml"
        matrix.write_text(COMMENTED, encoding="utf-8")
        loaded = load_matrix(matrix).matrix
        catalogue = test_library.get("mini@1.0")
        assert loaded is not None and catalogue is not None
        sheet = folder / "m.xlsx"
        sheet.write_bytes(export_xlsx(loaded, catalogue))
        book = openpyxl.load_workbook(sheet)
        for _ in range(data.draw(st.integers(1, 6))):
            row = data.draw(st.sampled_from(["M1.01", "M1.02", "M1.03", "M2.01", "M3.01"]))
            column = data.draw(st.sampled_from(sorted(EDITABLE)))
            _set(book, "Matrix", row, column, data.draw(EDITABLE[column]))
        if data.draw(st.booleans()):
            _set(book, "Profile", "summary", data.draw(st.sampled_from(["en", "fr"])),
                 data.draw(TEXT))  # fmt: skip
        book.save(sheet)
        onto = import_sheet(sheet, matrix, test_library, OPTIONS)
        assume(onto.text is not None)  # an edit validation refuses (an unknown answer)
        assert onto.text is not None
        assert not [p.message for p in onto.problems if p.code == "fmt-refused"]
        assert comment_texts(onto.text) == comment_texts(COMMENTED)
        alone = import_sheet(sheet, fresh, test_library, OPTIONS)
        assert alone.text is not None
        matrix.write_text(onto.text, encoding="utf-8")
        fresh.write_text(alone.text, encoding="utf-8")
        assert normalized(load_matrix(matrix).matrix) == normalized(load_matrix(fresh).matrix)
