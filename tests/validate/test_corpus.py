"""The matrix corpora (check-jsonschema style).

``matrices/valid/*.yaml`` validate without errors; a ``<case>.expected`` beside one lists
the warnings it must give. ``matrices/invalid/<case>.yaml`` gives exactly the problems in
``<case>.expected``, one ``LINE:COLUMN SEVERITY CODE`` per line (``-:-`` without a line),
compared as sorted lists. Lines starting with ``#`` in ``.expected`` files are comments.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

import mgi_cli
from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.problems import codes
from mgi_cli.problems.codes import CODES
from mgi_cli.problems.problem import Problem, Severity
from mgi_cli.validate.checker import validate_file
from mgi_cli.validate.rule_input import ValidationOptions

CORPUS = Path(__file__).resolve().parents[1] / "matrices"
VALID = sorted((CORPUS / "valid").glob("*.yaml"))
INVALID = sorted((CORPUS / "invalid").glob("*.yaml"))


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _row(problem: Problem) -> str:
    where = "-:-" if problem.line is None else f"{problem.line}:{problem.column}"
    return f"{where} {problem.severity} {problem.code}"


def _expected(case: Path) -> list[str]:
    file = case.with_suffix(".expected")
    if not file.exists():
        return []
    lines = file.read_text(encoding="utf-8").splitlines()
    return sorted(s for line in lines if (s := line.strip()) and not s.startswith("#"))


def test_corpora_are_not_empty() -> None:
    assert len(VALID) >= 10
    assert len(INVALID) >= 40


def test_every_invalid_case_has_its_expected_file() -> None:
    missing = [p.name for p in INVALID if not p.with_suffix(".expected").exists()]
    assert missing == []
    orphans = [p.name for p in CORPUS.glob("*/*.expected") if not p.with_suffix(".yaml").exists()]
    assert orphans == []


@pytest.mark.parametrize("case", VALID, ids=_ids(VALID))
def test_valid_matrix(
    case: Path, test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    problems = validate_file(case, test_library, validation_options)
    assert [_row(p) for p in problems if p.severity is Severity.ERROR] == []
    assert sorted(_row(p) for p in problems) == _expected(case)


@pytest.mark.parametrize("case", INVALID, ids=_ids(INVALID))
def test_invalid_matrix(
    case: Path, test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    problems = validate_file(case, test_library, validation_options)
    expected = _expected(case)
    assert any(" error " in row for row in expected), "an invalid case must expect an error"
    assert sorted(_row(p) for p in problems) == expected
    assert {p.path for p in problems} == {str(case)}


def test_every_code_in_the_corpus_is_registered() -> None:
    used = {row.split()[-1] for case in [*VALID, *INVALID] for row in _expected(case)}
    assert used - set(CODES) == set()


def _codes_emitted_by(*modules: str) -> set[str]:
    """The registered codes the given modules of mgi_cli name, as ``codes.NAME``
    (mgi_cli/problems/codes.py; tests/problems/test_codes.py sees that no code is
    spelt out instead)."""
    package = Path(mgi_cli.__file__).parent
    found: set[str] = set()
    for pattern in modules:
        for source in package.glob(pattern):
            tree = ast.parse(source.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "codes"
                ):
                    value = getattr(codes, node.attr)
                    if isinstance(value, str) and value in CODES:
                        found.add(value)
    return found


def test_the_corpus_covers_every_matrix_rule() -> None:
    """Every code the reader, the format and the rules give has a case in the corpus."""
    core = _codes_emitted_by(
        "files/yamlread.py",
        "files/positioned_errors.py",
        "matrix/*.py",
        "validate/checker.py",
        "validate/rules_[!r]*.py",
    )
    used = {row.split()[-1] for case in [*VALID, *INVALID] for row in _expected(case)}
    elsewhere = {
        "file-unreadable",  # test_bad_input: permissions, dangling links
        "file-too-large",  # test_bad_input: a generated 50 MB file
        "catalogue-invalid",  # below: a catalogue file that does not load
        "baseline-outside-repository",  # test_rules_repository: only inside a repository
    }
    assert len(core) > 30
    assert core - used - elsewhere == set()


# --- Messages and hints: the codes above are exact; these check the words users read.


def _problems(name: str, library: CatalogueLibrary, options: ValidationOptions) -> list[Problem]:
    return validate_file(CORPUS / "invalid" / f"{name}.yaml", library, options)


def test_unknown_key_suggests_the_key_meant(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    found = {
        (p.message, p.hint, p.indicator)
        for p in _problems("unknown-key", test_library, validation_options)
        if p.code == "unknown-key"
    }
    assert found == {
        ("unknown key 'asessed_on' in the top level", "did you mean 'assessed_on'?", None),
        (
            "unknown key 'justifcation' in answers.M1.02",
            "did you mean 'justification'?",
            "M1.02",
        ),
    }


def test_unknown_indicator_suggests_the_nearest(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    found = [
        (p.indicator, p.message, p.hint)
        for p in _problems("unknown-indicator", test_library, validation_options)
    ]
    assert found == [
        ("M2.2", "mini@1.0 has no indicator 'M2.2'", "did you mean 'M2.02'?"),
        ("Z9.99", "mini@1.0 has no indicator 'Z9.99'", None),
    ]


def test_yaml_boolean_answer_explains_yaml_booleans(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    (problem,) = _problems("yaml-boolean", test_library, validation_options)
    assert problem.indicator == "M1.01"
    assert problem.message == "answers.M1.01.answer should be a text, not the boolean true"
    assert problem.hint == (
        "YAML reads true/false/on/off as booleans; write yes or no, or quote it"
    )


def test_custom_scale_lists_its_own_choices(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    messages = [p.message for p in _problems("invalid-answer", test_library, validation_options)]
    assert messages == [
        "'maybe' is not an answer to M1.01; it takes yes, partial, no, not_applicable",
        "'no' is not an answer to M1.03; it takes at_once, within_a_year, never",
    ]


def test_unknown_module_suggests_the_module_meant(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    (problem,) = _problems("unknown-module", test_library, validation_options)
    assert problem.message == "the catalogue mini@1.0 has no module 'covid'"
    assert problem.hint == "did you mean 'covid19'?"


def test_unknown_catalogue_lists_the_installed_ones(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    (problem,) = _problems("unknown-catalogue", test_library, validation_options)
    assert problem.message == "mgi does not have the catalogue 'mini@9.9'"
    assert problem.hint is not None
    assert "mini@1.0" in problem.hint
    assert "mgi-national@1.0" in problem.hint


def test_problems_inside_answers_name_their_indicator(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    problems = _problems("wrong-types", test_library, validation_options)
    assert [p.indicator for p in problems] == [
        None,
        None,
        "M1.01",
        "M1.02",
        "M1.03",
        "M2.01",
        "M2.02",
        "M3.01",
    ]


def test_missing_answer_is_a_warning_in_a_draft_and_an_error_in_review(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    draft_case = CORPUS / "valid" / "draft-incomplete.yaml"
    draft = validate_file(draft_case, test_library, validation_options)
    review = _problems("missing-answers-in-review", test_library, validation_options)
    assert {p.severity for p in draft if p.code == "missing-answer"} == {Severity.WARNING}
    assert {p.severity for p in review if p.code == "missing-answer"} == {Severity.ERROR}


def test_follow_up_messages_say_what_is_wrong(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    def message(name: str) -> str:
        (problem,) = _problems(name, test_library, validation_options)
        return problem.message

    assert message("baseline-other-country") == (
        "the baseline is for country 'XAB', this matrix for 'XAM'"
    )
    assert message("baseline-other-level") == (
        "the baseline is for level 'local', this matrix for 'national'"
    )
    assert message("baseline-folder") == "the baseline '../valid' is a folder, not a matrix file"
    assert message("baseline-invalid").startswith(
        "the baseline 'not-yaml.yaml' cannot be read as a matrix: not valid YAML"
    )


def test_stale_after_is_configurable(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    case = CORPUS / "valid" / "stale-reference.yaml"
    lenient = replace(validation_options, stale_after_days=1096)
    strict = replace(validation_options, stale_after_days=100)
    assert [p.code for p in validate_file(case, test_library, lenient)] == []
    assert [p.code for p in validate_file(case, test_library, strict)] == ["stale-reference"] * 2


def test_a_catalogue_that_does_not_load_is_reported_with_the_matrix(
    tmp_path: Path, mini_catalogue: Path, validation_options: ValidationOptions
) -> None:
    broken = tmp_path / "mini-1.0.yaml"
    broken.write_text(
        mini_catalogue.read_text(encoding="utf-8").replace("sub_area: work", "sub_area: wrok"),
        encoding="utf-8",
    )
    library = CatalogueLibrary(tmp_path)  # the broken file is the "packaged" catalogue
    problems = validate_file(CORPUS / "valid" / "aliases.yaml", library, validation_options)
    codes = sorted({p.code for p in problems})
    assert codes == ["catalogue-invalid", "catalogue-link"]
    (matrix_problem,) = [p for p in problems if p.code == "catalogue-invalid"]
    assert (matrix_problem.line, matrix_problem.column) == (6, 12)
    assert {p.path for p in problems if p.code == "catalogue-link"} == {str(broken)}
