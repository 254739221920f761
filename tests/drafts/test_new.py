"""`mgi new COUNTRY`: a draft with every indicator, its question above it, answers empty."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from mgi_cli.catalogue.load import CatalogueLibrary, load_catalogue
from mgi_cli.formatting.fmt import format_text
from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.schema import SCHEMA_ID
from mgi_cli.problems.problem import Severity
from mgi_cli.validate.checker import validate_file
from mgi_cli.validate.rule_input import ValidationOptions

Mgi = Callable[..., Result]


def test_new_mini_draft_is_exact(mgi: Mgi, tmp_path: Path, mini_catalogue: Path) -> None:
    out = tmp_path / "m.yaml"
    result = mgi("new", "XAM", "--modules", "standard", "--assessed-on", "2024-03-01",
                 "--catalogue", mini_catalogue, "-o", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    # Outside a matrices repository there is no schema to lead to (repository/editor.py).
    assert text.splitlines()[0].startswith("# MGI matrix: XAM, national, baseline")
    assert SCHEMA_ID not in text and "yaml-language-server" not in text
    body = text.split("\nanswers:\n", 1)[1]
    assert body.startswith(
        "  # D1 Migrants' rights\n"
        "  # M1.01 Can migrants in an irregular situation obtain emergency health care?\n"
        "  M1.01:\n"
        "    answer: null\n"
        "    justification: null\n"
        "    references: []\n"
    )
    assert (
        "  # M1.03 How long must a migrant wait before taking up work?\n"
        "  #   answers: at_once | within_a_year | never\n"
        "  M1.03:\n"
    ) in body
    assert "\n\n  # D2 Whole of government\n" in body
    assert "C.01" not in body  # covid19 not chosen
    head, placeholders = text.split("\nanswers:\n", 1)[0].split("\n\n", 1)[1].split("\n# ", 1)
    # Commented profile: and process: keys to fill in (docs/format.md).
    assert placeholders.startswith("The profile's own text (optional)")
    assert "\n# process:\n" in placeholders
    assert head == (
        "format: mgi-matrix/1\ncountry: XAM\nlevel: national\nassessment: baseline\n"
        "catalogue: mini@1.0\nmodules: [standard]\nassessed_on: 2024-03-01\nstatus: draft\n"
        "confidentiality: restricted"
    )


def test_new_draft_validates_with_warnings_only(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path, test_library: CatalogueLibrary,
    validation_options: ValidationOptions,
) -> None:  # fmt: skip
    out = tmp_path / "m.yaml"
    mgi("new", "XAM", "--modules", "standard,covid19", "--assessed-on", "2024-03-01",
        "--catalogue", mini_catalogue, "-o", out)  # fmt: skip
    problems = validate_file(out, test_library, validation_options)
    assert {p.severity for p in problems} == {Severity.WARNING}
    assert sorted(p.indicator for p in problems if p.code == "missing-answer") == sorted(
        ["M1.01", "M1.02", "M1.03", "M2.01", "M2.02", "M3.01", "C.01", "C.02"]
    )
    loaded = load_matrix(out)
    assert loaded.matrix is not None
    assert all(a is not None and a.answer is None for a in loaded.matrix.answers.values())
    assert not format_text(out.read_text(encoding="utf-8"), str(out)).changed  # canonical


def test_new_with_the_packaged_catalogue_in_french(mgi: Mgi, tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    result = mgi("new", "xam", "--modules", "standard,covid19", "--lang", "fr", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "\n  # D1.01 Les migrants en situation irrégulière" in text
    assert text.count("\n    answer: null\n") == 106  # 94 standard + 12 covid19
    check = mgi("validate", out, "--format", "json")
    assert check.exit_code == 0, check.output
    assert '"severity": "error"' not in check.stdout


def test_new_local_with_a_catalogue_file(
    mgi: Mgi, tmp_path: Path, mini_local_catalogue: Path
) -> None:
    out = tmp_path / "m.yaml"
    result = mgi("new", "XAM", "--level", "local", "--locality", "Xam City",
                 "--catalogue", mini_local_catalogue, "-o", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "\nlevel: local\nlocality: Xam City\n" in text
    assert "catalogue: mini-local@1.0" in text
    check = mgi("validate", out, "--catalogue", mini_local_catalogue)
    assert check.exit_code == 0, check.output


def test_new_local_without_a_local_catalogue_says_so(
    mgi: Mgi, tmp_path: Path, project_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "indicators"
    folder.mkdir()
    shutil.copy(project_root / "indicators" / "mgi-national-1.0.yaml", folder)
    monkeypatch.setattr("mgi_cli.resources.packaged_dir", lambda name: folder)
    result = mgi("new", "XAM", "--level", "local", "--locality", "X", "-o", tmp_path / "m.yaml")
    assert result.exit_code == 1
    assert "no local catalogue is installed; pass one with --catalogue FILE" in result.output
    assert not (tmp_path / "m.yaml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ABC"], "'ABC' is not an ISO 3166-1 alpha-3 country code"),
        (["XAM", "--level", "local"], "a local assessment needs --locality NAME"),
        (["XAM", "--locality", "Town"], "--locality is for --level local"),
        (["XAM", "--modules", "standard,covid"], "has no module 'covid'; did you mean"),
        (["XAM", "--assessed-on", "1 May 2024"], "is not a date as YYYY-MM-DD"),
        (["XAM", "--lang", "de"], "'de' is not one of 'en', 'fr', 'es'"),
        (["XAM", "--level", "regional"], "'regional' is not one of 'national', 'local'"),
        ([], "missing COUNTRY (or --follow-up-of BASELINE)"),
        (["XAM", "--catalogue-version", "mgi-national@9"], "no catalogue 'mgi-national@9'"),
    ],
)
def test_new_usage_errors(mgi: Mgi, tmp_path: Path, args: list[str], message: str) -> None:
    result = mgi("new", *args, "-o", tmp_path / "m.yaml")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "m.yaml").exists()


def test_new_refuses_to_overwrite_without_force(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path
) -> None:
    out = tmp_path / "m.yaml"
    out.write_text("precious: true\n", encoding="utf-8")
    args = ("new", "XAM", "--catalogue", mini_catalogue, "-o", out)
    result = mgi(*args)
    assert result.exit_code == 1
    assert f"{out} already exists; use --force to replace it" in result.output
    assert out.read_text(encoding="utf-8") == "precious: true\n"
    assert mgi(*args, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# MGI matrix: XAM")


def test_new_leaves_the_old_file_whole_when_the_rename_fails(
    mgi: Mgi, tmp_path: Path, mini_catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "m.yaml"
    out.write_text("precious: true\n", encoding="utf-8")

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", fail)
    result = mgi("new", "XAM", "--catalogue", mini_catalogue, "-o", out, "--force")
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    assert out.read_text(encoding="utf-8") == "precious: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["m.yaml"]  # no temporary file left


def test_every_question_comment_is_in_the_chosen_language(project_root: Path) -> None:
    from datetime import date

    from mgi_cli.drafts.new import NewMatrix, new_matrix_text

    catalogue = load_catalogue(project_root / "indicators" / "mgi-national-1.0.yaml")
    request = NewMatrix("XAM", "national", ("standard",), date(2024, 1, 1), lang="es")
    text = new_matrix_text(request, catalogue)
    for indicator in catalogue.in_modules({"standard"}):
        first_words = " ".join(indicator.question["es"].split()[:4])
        assert f"# {indicator.id} {first_words}" in text
    assert max(len(line) for line in text.splitlines()) <= 88
