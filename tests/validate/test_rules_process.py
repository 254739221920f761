"""The process record: kinds, dates in order, institutions rather than persons.

The codes and positions are in the corpus (tests/matrices/invalid/process.yaml); these
check the words and the person test itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.validate.checker import validate_file
from mgi_cli.validate.rule_input import ValidationOptions
from mgi_cli.validate.rules_process import person_marker

CORPUS = Path(__file__).resolve().parents[1] / "matrices"


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("Dr. Ana Costa", "the personal title 'Dr.'"),
        ("Dr Ana Costa", "the personal title 'Dr'"),
        ("Mrs Smith (Ministry of Health)", "the personal title 'Mrs'"),
        ("Ministry of Health (Mr. J. Smith)", "the personal title 'Mr.'"),
        ("Prof. Okafor, University of Selen", "the personal title 'Prof.'"),
        ("M. Dupont", "the personal title 'M.'"),
        ("Mme Lefèvre", "the personal title 'Mme'"),
        ("Sra. Gómez", "the personal title 'Sra.'"),
        ("Dra. Souza", "the personal title 'Dra.'"),
        ("Sr. Pereira", "the personal title 'Sr.'"),
        ("Ministry of Labour; contact: a.costa@labour.gov.example",
         "the e-mail address 'a.costa@labour.gov.example'"),
    ],
)  # fmt: skip
def test_a_person_is_told_by_a_title_or_an_e_mail_address(text: str, marker: str) -> None:
    assert person_marker(text) == marker


@pytest.mark.parametrize(
    "text",
    [
        "Ministry of the Interior, Directorate of Migration",
        "Professional Association of Nurses",
        "Drought Management Authority",
        "MSF Xamaria",
        "Mission of Xamaria to the UN",
        "Srpska Foundation",
        "Xamaria Red Cross",
        "Sindicato de Trabajadores Migrantes",
        "Ministère de l'Intérieur",
        "Universidade de Selen",
        "International Organization for Migration (IOM)",
    ],
)
def test_institutions_are_not_persons(text: str) -> None:
    assert person_marker(text) is None


def _messages(
    library: CatalogueLibrary, options: ValidationOptions
) -> list[tuple[str, str | None]]:
    problems = validate_file(CORPUS / "invalid" / "process.yaml", library, options)
    return [(p.message, p.hint) for p in problems]


def test_the_words_of_process_problems(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    person = "write the body, e.g. Ministry of Labour, Directorate of Migration"
    assert _messages(test_library, validation_options) == [
        ("process.focal_point names a person (the e-mail address "
         "'migration@interior.gov.xam.example'); the process record names institutions only",
         person),
        ("a consultation's kind is 'workshops'; it is one of workshop, interview, written",
         "did you mean 'workshop'?"),
        ("process.consultations.0.participants.1 names a person (the personal title 'Dr.'); "
         "the process record names institutions only", person),
        ("a consultation on 2018-10-02 comes after the validation on 2018-09-28", None),
        ("process.consultations.1.participants.0 names a person (the personal title 'M.'); "
         "the process record names institutions only", person),
        ("the consultation on 2030-03-01 is in the future", None),
        ("process.consultations.2.participants.1 names a person (the personal title 'Mrs'); "
         "the process record names institutions only", person),
    ]  # fmt: skip


def _matrix(tmp_path: Path, status: str, process: str) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(
        "format: mgi-matrix/1\ncountry: XAM\nlevel: national\nassessment: baseline\n"
        f"catalogue: mini@1.0\nmodules: [standard]\nassessed_on: 2018-09-30\nstatus: {status}\n"
        f"{process}answers:\n"
        + "".join(
            f"  {i}: {{answer: 'no', justification: Nothing in law.}}\n"
            for i in ("M1.01", "M1.02", "M2.01", "M2.02", "M3.01")
        )
        + "  M1.03: {answer: never, justification: No law allows it.}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("status", "process", "expected"),
    [
        ("validated", "", [(8, 9, "the matrix is validated but `process:` does not record the "
                           "validation")]),
        ("published", "process: {focal_point: Ministry of the Interior}\n",
         [(9, 1, "the matrix is published but `process:` does not record the validation")]),
        ("validated", "process: {validated: {date: 2018-10-14, by: Council of Ministers}}\n", []),
        ("in_review", "", []),
        ("draft", "", []),
    ],
)  # fmt: skip
def test_a_validated_matrix_records_its_validation(
    tmp_path: Path,
    test_library: CatalogueLibrary,
    validation_options: ValidationOptions,
    status: str,
    process: str,
    expected: list[tuple[int, int, str]],
) -> None:
    problems = validate_file(_matrix(tmp_path, status, process), test_library, validation_options)
    assert [(p.line, p.column, p.message) for p in problems] == expected
    assert {(p.code, str(p.severity)) for p in problems} <= {
        ("missing-validation-record", "warning")
    }
