"""The gate before a matrix is used: load, validate, refuse an invalid one with its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.errors import MgiError
from mgi_cli.matrix.load import load_matrix
from mgi_cli.problems.problem import Severity
from mgi_cli.validate.gate import check, load_checked, load_valid, require_valid
from mgi_cli.validate.rule_input import ValidationOptions

CORPUS = Path(__file__).resolve().parents[1] / "matrices"
VALID = CORPUS / "valid" / "xam-2018-baseline.yaml"
WITH_WARNINGS = CORPUS / "valid" / "stale-reference.yaml"
INVALID = CORPUS / "invalid" / "invalid-answer.yaml"
TOO_RECENT = CORPUS / "valid" / "baseline-too-recent.yaml"


def test_a_valid_matrix_comes_with_its_catalogue_and_warnings(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    valid = load_valid(VALID, test_library, validation_options, advice="fix it")
    assert valid.matrix.country == "XAM"
    assert valid.catalogue.ref == valid.matrix.catalogue
    assert valid.display == str(VALID)
    warned = load_valid(WITH_WARNINGS, test_library, validation_options, advice="fix it")
    assert [p.code for p in warned.warnings] == ["stale-reference"]


def test_an_invalid_matrix_is_refused_with_its_errors_only(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    with pytest.raises(MgiError) as caught:
        load_valid(INVALID, test_library, validation_options, advice="fix it first")
    error = caught.value
    assert error.exit_code == 1
    assert error.message == f"{INVALID} is not valid; fix it first"
    assert [p.code for p in error.problems] == ["invalid-answer", "invalid-answer"]
    assert all(p.severity is Severity.ERROR for p in error.problems)


def test_a_file_that_cannot_be_read_is_refused(
    tmp_path: Path, test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    with pytest.raises(MgiError) as caught:
        load_valid(tmp_path / "nope.yaml", test_library, validation_options, advice="x")
    assert [p.code for p in caught.value.problems] == ["file-unreadable"]


def test_several_matrices_are_refused_together(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    both = [load_checked(p, test_library, validation_options) for p in (INVALID, VALID)]
    assert [c.valid for c in both] == [False, True]
    with pytest.raises(MgiError, match=r"^cannot compare$") as caught:
        require_valid(both, test_library, refusal="cannot compare")
    assert {p.path for p in caught.value.problems} == {str(INVALID)}
    fine = [load_checked(p, test_library, validation_options) for p in (VALID, WITH_WARNINGS)]
    assert [v.display for v in require_valid(fine, test_library, refusal="x")] == [
        str(VALID),
        str(WITH_WARNINGS),
    ]


def test_checked_problems_and_ignored_codes(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    checked = load_checked(TOO_RECENT, test_library, validation_options)
    assert checked.valid
    assert "baseline-too-recent" in {p.code for p in checked.warnings}
    assert checked.errors == []
    assert sorted(checked.problems, key=str) == sorted(checked.warnings, key=str)
    ignored = check(
        load_matrix(TOO_RECENT),
        test_library,
        validation_options,
        ignore=frozenset({"baseline-too-recent"}),
    )
    assert "baseline-too-recent" not in {p.code for p in ignored.problems}
