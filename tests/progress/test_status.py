"""`mgi status`: answered, unreviewed, unreferenced and stale answers, per dimension."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path

from typer.testing import Result

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.progress.measure import matrix_status
from mgi_cli.progress.output import write_text
from mgi_cli.validate.rule_input import ValidationOptions

Mgi = Callable[..., Result]

MATRIX = """\
format: mgi-matrix/1
country: XAM
level: national
assessment: baseline
catalogue: mini@1.0
modules: [standard, covid19]
assessed_on: 2022-06-30
status: draft
answers:
  M1.01:
    answer: "yes"
    justification: Article 12.
    references:
      - {title: Old act, accessed: 2015-01-10}
      - {title: New act, accessed: 2022-01-10}
  M1.02: {answer: partial, justification: Part., reviewed: false}
  M1.03: {answer: never, justification: Never., reviewed: false}
  M2.01: {answer: null}
  C.01: {answer: "no", justification: No.}
"""


def _write(folder: Path, name: str = "m.yaml", text: str = MATRIX) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_counts_per_dimension(
    tmp_path: Path, test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    status = matrix_status(_write(tmp_path), test_library, validation_options)
    as_json = status.as_json()
    assert {k: as_json[k] for k in ("answered", "total", "unreviewed", "without_references",
                                    "stale_references", "errors", "last_accessed")} == {
        "answered": 4, "total": 8, "unreviewed": 2, "without_references": 1,
        "stale_references": 1, "errors": 0, "last_accessed": "2022-01-10",
    }  # fmt: skip
    assert as_json["dimensions"] == [
        {"id": "D1", "name": "Rights", "answered": 4, "total": 4, "unreviewed": 2,
         "without_references": 1, "stale_references": 1},
        {"id": "D2", "name": "Government", "answered": 0, "total": 3, "unreviewed": 0,
         "without_references": 0, "stale_references": 0},
        {"id": "D3", "name": "Partnerships", "answered": 0, "total": 1, "unreviewed": 0,
         "without_references": 0, "stale_references": 0},
    ]  # fmt: skip


def test_one_matrix_as_text(mgi: Mgi, tmp_path: Path, mini_catalogue: Path) -> None:
    path = _write(tmp_path)
    result = mgi("status", path, "--catalogue", mini_catalogue)
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n", 4)[4] == (
        "dimension                answered  unreviewed  no ref  stale refs\n"
        "D1         Rights             4/4           2       1           1\n"
        "D2         Government         0/3           0       0           0\n"
        "D3         Partnerships       0/1           0       0           0\n"
        "           all                4/8           2       1           1\n"
    )
    assert result.stdout.startswith(
        f"{path}: XAM, national baseline, mini@1.0\nstatus draft, assessed on 2022-06-30, "
        "references last accessed 2022-01-10\nvalidate: 0 error(s), "
    )


def test_a_folder_in_one_table(mgi: Mgi, tmp_path: Path, mini_catalogue: Path) -> None:
    _write(tmp_path, "a.yaml")
    _write(tmp_path, "b.yaml", MATRIX.replace("status: draft", "status: in_review"))
    _write(tmp_path, "c.yaml", "not: [a matrix\n")
    result = mgi("status", tmp_path, "--catalogue", mini_catalogue)
    assert result.exit_code == 1  # c.yaml is not a matrix
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["matrix", "status", "assessed", "on", "answered", "unreviewed",
                                "no", "ref", "stale", "refs", "overdue",
                                "validate"]  # fmt: skip
    assert lines[1].split()[1:8] == ["draft", "2022-06-30", "4/8", "2", "1", "1", "0"]
    assert lines[2].split()[1:8] == ["in_review", "2022-06-30", "4/8", "2", "1", "1", "0"]
    assert lines[2].endswith("6 error(s), 1 warning(s)")  # gaps are errors once in review
    assert lines[3].startswith(f"{tmp_path / 'c.yaml'}  -")
    assert "not a matrix: not valid YAML" in lines[3]


def test_json_output(mgi: Mgi, tmp_path: Path, mini_catalogue: Path) -> None:
    path = _write(tmp_path)
    result = mgi("status", path, "--catalogue", mini_catalogue, "--format", "json",
                 "--stale-after", "4000")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["matrices"]
    (only,) = data["matrices"]
    assert only["path"] == str(path)
    assert (only["status"], only["assessed_on"], only["stale_references"]) == (
        "draft",
        "2022-06-30",
        0,  # the 2015 reference is not stale after 4000 days
    )
    assert mgi("status", path, "--format", "yaml").exit_code == 2


def test_rich_table_on_a_terminal(
    tmp_path: Path, test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    status = matrix_status(_write(tmp_path), test_library, validation_options)
    stream = StringIO()
    write_text([status, status], stream, rich=True)
    assert "\x1b[" in stream.getvalue() and "answered" in stream.getvalue()


def test_untranslated_texts(mgi: Mgi, tmp_path: Path, mini_catalogue: Path) -> None:
    texts = (
        "title: {en: Republic of Xamaria, fr: République de Xamarie}\n"
        "profile:\n  summary: Xamaria has strengthened migrants' rights.\n"
        "  sub_areas:\n    D1.health: {fr: Soins d'urgence pour tous., en: Emergency care.}\n"
    )
    path = _write(tmp_path, text=MATRIX.replace("answers:\n", texts + "answers:\n"))
    result = mgi("status", path, "--catalogue", mini_catalogue)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\nuntranslated texts (1):\n  profile.summary: fr\n")
    result = mgi("status", path, "--catalogue", mini_catalogue, "--format", "json")
    assert json.loads(result.stdout)["matrices"][0]["untranslated"] == [
        {"text": "profile.summary", "missing": ["fr"]}
    ]
    # A matrix in one language has nothing to translate.
    result = mgi("status", _write(tmp_path, "one.yaml"), "--catalogue", mini_catalogue)
    assert "untranslated texts" not in result.stdout
