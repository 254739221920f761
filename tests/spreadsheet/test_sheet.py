"""`mgi export` and `mgi import`: the spreadsheet layout, cells named in problems."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import Result

from mgi_cli.commands.common import catalogue_library
from mgi_cli.matrix.load import load_matrix
from mgi_cli.spreadsheet.cells import (
    cell_name,
    decode_references,
    encode_references,
    parse_bool,
)
from mgi_cli.spreadsheet.importer import import_sheet
from mgi_cli.validate.rule_input import ValidationOptions

Mgi = Callable[..., Result]
VALID = Path(__file__).resolve().parents[1] / "matrices" / "valid"
BASELINE = VALID / "xam-2018-baseline.yaml"
OPTIONS = ValidationOptions(today=date(2026, 1, 1))


@pytest.fixture
def sheet(mgi: Mgi, tmp_path: Path, mini_catalogue: Path) -> Path:
    out = tmp_path / "m.xlsx"
    result = mgi("export", BASELINE, "-o", out, "--catalogue", mini_catalogue)
    assert result.exit_code == 0, result.output
    return out


def test_xlsx_layout(sheet: Path) -> None:
    book = openpyxl.load_workbook(sheet)
    assert book.sheetnames == ["Matrix", "Metadata", "Profile"]
    rows = list(book["Matrix"].iter_rows(values_only=True))
    # The finding in the export's language follows the justification, as in the matrix.
    assert rows[0] == ("id", "dimension", "sub_area", "question", "answer", "justification",
                       "finding (en)", "references", "notes", "restricted", "reviewed")  # fmt: skip
    assert [r[0] for r in rows[1:]] == ["M1.01", "M1.02", "M1.03", "M2.01", "M2.02", "M3.01"]
    assert rows[1] == (
        "M1.01", "D1 Rights", "Access to health care",
        "Can migrants in an irregular situation obtain emergency health care?", "yes",
        "Article 12 of the Public Health Act 2011 covers everyone present.", None,
        "Public Health Act 2011, article 12 | https://laws.xamaria.example/acts/2011-public-health"
        " | 2011-03-01 | 2018-05-03", None, "false", "true",
    )  # fmt: skip
    assert rows[6][7] == (
        "Eastern Migration Dialogue, member states | https://emd.example.org/members | "
        "2017-02-01 | 2018-06-01 | Eastern Migration Dialogue secretariat"
    )
    assert rows[6][9] == "true"
    lists = {str(v.sqref): v.formula1 for v in book["Matrix"].data_validations.dataValidation}
    assert lists == {
        "E2 E3 E5 E6 E7": '"yes,partial,no,not_applicable"',
        "E4": '"at_once,within_a_year,never"',
        "J2:K7": '"true,false"',
    }
    meta = dict(book["Metadata"].iter_rows(values_only=True))
    assert meta == {
        "key": "value", "format": "mgi-matrix/1", "country": "XAM",
        "level": "national", "locality": None,
        "subdivision": None, "context": None, "assessment": "baseline", "baseline": None,
        "catalogue": "mini@1.0", "modules": "standard", "assessed_on": "2018-09-30",
        "status": "published", "confidentiality": "restricted", "context_indicators": None,
        "not_used": None, "action_plan": None,
        # The keys of the profile's text and the process record come last, when given.
        "process": '{"validated": {"date": "2018-09-30", "by": "Inter-ministerial working '
                   'group on migration"}}',
    }  # fmt: skip
    # The title and the profile's narratives: one row per text, one column per language.
    assert list(book["Profile"].iter_rows(values_only=True)) == [
        ("text", "name", "en", "fr", "es", "pt"),
        ("title", None, "Republic of Xamaria", None, None, None),
        ("summary", None, None, None, None, None),
        ("context", None, None, None, None, None),
        ("dimension D1", "D1 Rights", None, None, None, None),
        ("dimension D2", "D2 Government", None, None, None, None),
        ("dimension D3", "D3 Partnerships", None, None, None, None),
        ("sub_area D1.health", "Access to health care", None, None, None, None),
        ("sub_area D1.work", "Right to work", None, None, None, None),
        ("sub_area D2.data", "Migration data", None, None, None, None),
        ("sub_area D2.strategy", "Migration strategy", None, None, None, None),
        ("sub_area D3.regional", "Regional cooperation", None, None, None, None),
    ]


def test_csv_layout(mgi: Mgi, tmp_path: Path, mini_catalogue: Path) -> None:
    out = tmp_path / "m.csv"
    assert mgi("export", BASELINE, "-o", out, "--catalogue", mini_catalogue).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf#format: mgi-matrix/1\r\n#country: XAM\r\n")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[13:17] == [
        "#confidentiality: restricted",
        "#context_indicators: ",
        "#not_used: ",
        "#action_plan: ",
    ]
    assert lines[17].startswith('"#process: {""validated"": {""date"": ""2018-09-30""')
    assert lines[18] == (
        "id,dimension,sub_area,question,answer,justification,finding (en),references,notes,"
        "restricted,reviewed"
    )
    assert lines[19].startswith("M1.01,D1 Rights,Access to health care,Can migrants")


def test_export_then_import_gives_the_same_matrix(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path
) -> None:
    for suffix in ("xlsx", "csv"):
        sheet, back = tmp_path / f"m.{suffix}", tmp_path / f"back-{suffix}.yaml"
        assert mgi("export", BASELINE, "-o", sheet, "--catalogue", mini_catalogue).exit_code == 0
        result = mgi("import", sheet, "-o", back, "--catalogue", mini_catalogue)
        assert result.exit_code == 0, result.output
        assert result.stdout == f"wrote {back}: 6 indicator(s), 0 warning(s), 0 unanswered\n"
        assert load_matrix(back).matrix == load_matrix(BASELINE).matrix


def _edit(path: Path, changes: dict[str, dict[str, object]]) -> None:
    """Set cells (``E3``), or on the Metadata sheet the value of a key (``status``)."""
    book = openpyxl.load_workbook(path)
    rows = {row[0].value: row[0].row for row in book["Metadata"].iter_rows()}
    for sheet, cells in changes.items():
        for cell, value in cells.items():
            book[sheet][f"B{rows[cell]}" if cell in rows else cell] = value
    book.save(path)


def test_import_names_the_cell_of_each_problem(
    mgi: Mgi, sheet: Path, tmp_path: Path, mini_catalogue: Path
) -> None:
    _edit(sheet, {"Matrix": {"E3": "maybe", "H2": "Act | https://x | 2011-13-01", "J4": "perhaps",
                             "A6": "M1.02", "E7": None, "H5": "| https://x"},
                  "Metadata": {"status": "in_review"}})  # fmt: skip
    out = tmp_path / "m.yaml"
    result = mgi("import", sheet, "-o", out, "--catalogue", mini_catalogue)
    assert result.exit_code == 1
    assert not out.exists()
    errors = [
        "error wrong-type Matrix!J4: restricted is true or false, not 'perhaps'",
        "error duplicate-indicator Matrix!A6: M1.02 has a second row (the first is Matrix!A3)",
        "error invalid-value Matrix!H5: reference line 1: the first field, the title, is empty",
        "error invalid-value Matrix!H2: answers.M1.01.references.0.published is '2011-13-01', "
        "not a valid date",
        "error invalid-answer Matrix!E3: 'maybe' is not an answer to M1.02; it takes yes, "
        "partial, no, not_applicable",
    ]
    warnings = [
        "warning missing-answer Matrix!A7: M3.01 has no answer",
        "warning missing-answer Matrix: M2.02 is missing",
    ]
    lines = result.output.splitlines()
    assert lines[0] == f"mgi: {sheet}: 5 error(s) (and 2 warning(s)); {out} was not written"
    assert sorted(lines[1:]) == sorted(f"{sheet}: {line}" for line in errors)
    found = import_sheet(sheet, out, catalogue_library([mini_catalogue]), OPTIONS)
    assert found.text is None
    rows = [f"{p.severity} {p.code} {p.message}" for p in found.problems]
    assert sorted(rows) == sorted(errors + warnings)


def test_import_of_a_draft_with_gaps_writes_with_warnings(
    mgi: Mgi, sheet: Path, tmp_path: Path, mini_catalogue: Path
) -> None:
    _edit(sheet, {"Matrix": {"E7": None}, "Metadata": {"status": "in_review"}})
    out = tmp_path / "m.yaml"
    result = mgi("import", sheet, "-o", out, "--catalogue", mini_catalogue)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}: 6 indicator(s), 1 warning(s), 1 unanswered\n")
    assert "note: the status is in_review, at which `mgi validate` reports 1 error(s)" in (
        result.output
    )
    assert "  M3.01:\n    answer: null\n" in out.read_text(encoding="utf-8")


def test_import_refuses_to_overwrite_without_force(
    mgi: Mgi, sheet: Path, tmp_path: Path, mini_catalogue: Path
) -> None:
    out = tmp_path / "m.yaml"
    out.write_text("precious: true\n", encoding="utf-8")
    result = mgi("import", sheet, "-o", out, "--catalogue", mini_catalogue)
    assert result.exit_code == 1
    assert "already exists; use --force to replace it" in result.output
    assert out.read_text(encoding="utf-8") == "precious: true\n"
    forced = mgi("import", sheet, "-o", out, "--catalogue", mini_catalogue, "--force")
    assert forced.exit_code == 0, forced.output
    assert load_matrix(out).matrix == load_matrix(BASELINE).matrix


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("m.txt", b"x", "not a spreadsheet mgi reads: use .xlsx or .csv"),
        ("m.xlsx", b"not a zip", "not an xlsx workbook mgi can read"),
        ("m.csv", b"\xff\xfe\x00", "the CSV file is not UTF-8"),
        (
            "m.csv",
            b"#format: mgi-matrix/1\r\nanswer,notes\r\n",
            "the header row has no 'id' column",
        ),
    ],
)
def test_import_of_what_is_not_an_mgi_sheet(
    mgi: Mgi, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = mgi("import", path, "-o", tmp_path / "m.yaml")
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "m.yaml").exists()


def test_import_of_a_workbook_without_its_sheets(mgi: Mgi, tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    openpyxl.Workbook().save(path)
    result = mgi("import", path, "-o", tmp_path / "m.yaml")
    assert result.exit_code == 1
    assert "error missing-key the workbook has no sheet named 'Matrix'" in result.output
    assert "error missing-key the workbook has no sheet named 'Metadata'" in result.output


def test_export_refuses_a_matrix_that_does_not_load(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path
) -> None:
    broken = tmp_path / "m.yaml"
    shutil.copy(BASELINE, broken)
    broken.write_text(broken.read_text().replace("level: national", "level: galactic"))
    result = mgi("export", broken, "-o", tmp_path / "m.xlsx", "--catalogue", mini_catalogue)
    assert result.exit_code == 1
    assert "cannot be exported until these are fixed" in result.output
    bad_format = mgi("export", BASELINE, "-o", tmp_path / "m.ods")
    assert bad_format.exit_code == 2
    assert "unknown --format 'ods'; use xlsx or csv" in bad_format.output


def test_export_refuses_text_a_cell_cannot_hold(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BASELINE.read_text().replace(
        "justification: The Minimum Wage Order 2016 excludes domestic workers.",
        'justification: "The Minimum Wage Order\\x07 2016"'))  # fmt: skip
    result = mgi("export", path, "-o", tmp_path / "m.xlsx", "--catalogue", mini_catalogue)
    assert result.exit_code == 1
    assert "Matrix!F3: text with control characters" in result.output


@pytest.mark.parametrize(("suffix", "cell"), [("csv", "D20"), ("xlsx", "Matrix!D2")])
def test_export_refuses_catalogue_text_naming_the_catalogue_file(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path, suffix: str, cell: str
) -> None:
    """A question a cell cannot hold comes from the catalogue: the message says to fix
    the catalogue's file, not the matrix's YAML."""
    question = "en: Can migrants in an irregular situation obtain emergency health care?"
    text = mini_catalogue.read_text(encoding="utf-8")
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text(text.replace(question, question.replace("en: ", 'en: "') + '\\a"'))
    result = mgi("export", BASELINE, "-o", tmp_path / f"m.{suffix}", "--catalogue", catalogue)
    assert (result.exit_code, result.stdout) == (1, "")
    assert " ".join(result.stderr.split()) == (
        f"mgi: {cell}: text from the catalogue mini@1.0 with control characters (or over "
        "32767 characters), which a spreadsheet cell cannot hold; fix it in its file "
        f"{catalogue} first"
    )
    assert not (tmp_path / f"m.{suffix}").exists()


def test_reference_cells_round_trip_any_text() -> None:
    references = [
        {
            "title": "Act 2011 | part 2",
            "url": "https://a.example/x?a=1|2",
            "published": date(2011, 3, 2),
        },
        {"title": " leading and trailing ", "publisher": "Ministry"},
        {"title": '"Quoted" title', "url": "", "accessed": date(2018, 1, 1)},
        {"title": "Two\nlines"},
    ]
    cell = encode_references(references)
    assert cell.split("\n")[0] == '"Act 2011 | part 2" | "https://a.example/x?a=1|2" | 2011-03-02'
    assert cell.split("\n")[1] == '" leading and trailing " |  |  |  | Ministry'
    assert decode_references(cell) == (references, [])


def test_reference_cells_as_people_type_them() -> None:
    typed = "Act 2011 | https://a.example | 2011-03-02 | 2018-06-12\n\n  Strategy 2019  |\n"
    assert decode_references(typed) == (
        [
            {"title": "Act 2011", "url": "https://a.example", "published": date(2011, 3, 2),
             "accessed": date(2018, 6, 12)},
            {"title": "Strategy 2019"},
        ],
        [],
    )  # fmt: skip
    assert decode_references("a | b | c | d | e | f")[1] == [
        "reference line 1: more than 5 fields (title | url | published | accessed | publisher)"
    ]
    assert decode_references('"a" b')[1] == [
        "reference line 1: text after a quoted field; separate fields with |"
    ]


def test_cells_and_booleans() -> None:
    assert [cell_name(c, 14, "Matrix") for c in (1, 5, 26, 27, 53)] == [
        "Matrix!A14",
        "Matrix!E14",
        "Matrix!Z14",
        "Matrix!AA14",
        "Matrix!BA14",
    ]
    assert cell_name(5, 3) == "E3"
    for value, expected in [(True, True), ("FALSE", False), ("=TRUE()", True), (1, True),
                            ("no", False), ("maybe", None), (2, None)]:  # fmt: skip
        assert parse_bool(value) is expected


def test_import_of_a_csv_written_by_hand(mgi: Mgi, tmp_path: Path, mini_catalogue: Path) -> None:
    sheet = tmp_path / "hand.csv"
    sheet.write_text(
        "#format: mgi-matrix/1\n#Country: XAM\n#level: national\n#assessment: baseline\n"
        "#catalogue: mini@1.0\n#modules: standard\n#Assessed on: 2024-01-31\n#status: draft\n"
        "#colour: blue\n"
        "ID,Answer,Justification,References,extra\n"
        "M1.01,yes,Art. 12.,Public Health Act | https://a.example | 2011-03-01 | 2023-05-03,x\n"
        'M1.03,within_a_year,"Six months,\nat most.",,\n',
        encoding="utf-8",
    )
    out = tmp_path / "m.yaml"
    result = mgi("import", sheet, "-o", out, "--catalogue", mini_catalogue)
    assert result.exit_code == 0, result.output
    assert f"{sheet}: warning unknown-key A9: 'colour' is not a matrix key" in result.output
    assert f"{sheet}: warning unknown-key E10: the column 'extra' is not read" in result.output
    matrix = load_matrix(out).matrix
    assert matrix is not None
    assert matrix.assessed_on == date(2024, 1, 31)
    first, third = matrix.answers["M1.01"], matrix.answers["M1.03"]
    assert first is not None and third is not None
    assert first.references[0].accessed == date(2023, 5, 3)
    assert third.justification == "Six months,\nat most."


def test_findings_and_profile_texts_per_language(
    mgi: Mgi, sheet: Path, tmp_path: Path, mini_catalogue: Path
) -> None:
    book = openpyxl.load_workbook(sheet)
    matrix, profile = book["Matrix"], book["Profile"]
    matrix["G2"] = "Every hospital treats emergencies."
    matrix["L1"], matrix["L2"] = "Finding (fr)", "Tout hôpital soigne les urgences."
    matrix["M1"], matrix["M2"] = "finding (en)", "A second English column."
    profile["C3"], profile["D3"] = "Key findings.", "Constats clés."
    profile["C5"] = "Rights narrative."
    profile["A14"], profile["C14"] = "dimension", "No id."
    book.save(sheet)
    out = tmp_path / "m.yaml"
    result = mgi("import", sheet, "-o", out, "--catalogue", mini_catalogue)
    assert result.exit_code == 0, result.output
    assert f"{sheet}: warning unknown-key Matrix!M1: a second finding column in 'en' (the " \
        "first is Matrix!G1); it is not read" in result.output  # fmt: skip
    assert f"{sheet}: warning unknown-key Profile!A14: 'dimension' is not a text of the " \
        "profile" in result.output  # fmt: skip
    written = load_matrix(out).matrix
    assert written is not None and written.profile is not None
    first = written.answers["M1.01"]
    assert first is not None
    assert first.finding == {
        "en": "Every hospital treats emergencies.",
        "fr": "Tout hôpital soigne les urgences.",
    }
    assert written.title == "Republic of Xamaria"  # only in the matrix's language: plain
    assert written.profile.summary == {"en": "Key findings.", "fr": "Constats clés."}
    assert written.profile.dimensions == {"D1": "Rights narrative."}
