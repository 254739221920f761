"""Context-specific indicators (`context_indicators:`) and indicators not used (`not_used:`).

Exact codes and lines of the invalid cases are in matrices/invalid (context-indicator-*,
not-used*); these tests check messages, the effective indicator set, the example, the
schema and `mgi diff`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from mgi_cli.catalogue.load import CatalogueLibrary, load_catalogue
from mgi_cli.diff import IndicatorChange, diff_matrices
from mgi_cli.matrix.indicators import CONTEXT_MODULE, effective_indicators, is_context_id
from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.models import Answer, ContextIndicator, Matrix, Reference
from mgi_cli.validate.checker import validate_file
from mgi_cli.validate.rule_input import ValidationOptions

Mgi = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
CORPUS = TESTS / "matrices"
MINI = TESTS / "catalogues" / "mini-1.0.yaml"
MINI_CAT = load_catalogue(MINI)
CONTEXT_EXAMPLE = ROOT / "examples" / "context" / "XAM-2022-follow_up-context.yaml"
FOLLOW_UP = ROOT / "examples" / "matrices" / "XAM" / "2022-follow_up.yaml"
WITH_CONTEXT = CORPUS / "valid" / "xam-context-2021-baseline.yaml"


def _matrix(path: Path) -> Matrix:
    loaded = load_matrix(path)
    assert loaded.matrix is not None, loaded.problems
    return loaded.matrix


def _messages(
    name: str, library: CatalogueLibrary, options: ValidationOptions
) -> list[tuple[str, str | None, str, str | None]]:
    found = validate_file(CORPUS / "invalid" / f"{name}.yaml", library, options)
    return [(p.code, p.indicator, p.message, p.hint) for p in found]


# --- The reserved namespace and the effective indicator set --------------------------


@pytest.mark.parametrize(
    ("ident", "ok"),
    [("X.01", True), ("X.port-authority", True), ("X.a_b", True), ("X.", False),
     ("x.01", False), ("Y.01", False), ("X.0 1", False), ("X.-1", False), ("X.01.2", False)],
)  # fmt: skip
def test_the_context_namespace(ident: str, ok: bool) -> None:
    assert is_context_id(ident) is ok


def test_the_effective_indicators_add_context_ones_and_drop_those_not_used() -> None:
    matrix = _matrix(WITH_CONTEXT)
    found = effective_indicators(matrix, MINI_CAT)
    assert [i.id for i in found] == ["M1.01", "M1.02", "M1.03", "M2.01", "M2.02", "X.01",
                                     "X.port-authority"]  # fmt: skip
    own = found[-1]
    assert (own.module, own.dimension, own.sub_area) == (CONTEXT_MODULE, "D2", "")
    assert [c.id for c in MINI_CAT.scale_of(own)] == ["monthly", "yearly", "never"]
    assert MINI_CAT.scale_of(found[-2]) == MINI_CAT.scale


def test_a_valid_matrix_with_context_indicators_has_no_problems(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    assert validate_file(WITH_CONTEXT, test_library, validation_options) == []


# --- Messages -------------------------------------------------------------------------


def test_context_indicator_messages(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    hint = "name it X.<name>, e.g. X.01 or X.port-authority"
    assert _messages("context-indicator-id", test_library, validation_options) == [
        ("context-indicator-id", "Y.01",
         "'Y.01' is outside the namespace of context-specific indicators", hint),
        ("context-indicator-id", "x.02",
         "'x.02' is outside the namespace of context-specific indicators", hint),
    ]  # fmt: skip
    assert _messages("context-indicator-duplicate", test_library, validation_options) == [
        ("context-indicator-duplicate", "X.01", "X.01 is already defined (context indicator 1)",
         "give each context-specific indicator its own id"),
        ("context-indicator-duplicate", "X.02", "X.02: the scale choice 'monthly' repeats", None),
    ]  # fmt: skip
    assert _messages("context-indicator-link", test_library, validation_options) == [
        ("context-indicator-link", "X.01",
         "X.01: the catalogue mini@1.0 has no dimension 'D9'", "use D1, D2, D3"),
        ("context-indicator-link", "X.02",
         "X.02: dimension D1 has no sub-area 'fisheries'", "use health, work"),
        ("context-indicator-link", "X.02", "X.02: the catalogue mini@1.0 has no theme 'climate'",
         "themes: rights, gender, environment"),
    ]  # fmt: skip


def test_answers_to_context_indicators_follow_the_same_rules(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    found = _messages("context-indicator-answers", test_library, validation_options)
    assert [(code, indicator, message) for code, indicator, message, _ in found] == [
        ("missing-answer", None, "X.04 is missing"),
        ("missing-reference", "X.01", "X.01 is answered 'yes' without a reference"),
        ("invalid-answer", "X.02",
         "'yes' is not an answer to X.02; it takes monthly, yearly, never"),
        ("missing-justification", "X.03", "X.03 is answered without a justification"),
        ("missing-reference", "X.03", "X.03 is answered 'partial' without a reference"),
        ("unknown-indicator", "X.05", "X.05 is not defined under `context_indicators:`"),
    ]  # fmt: skip
    assert found[-1][3] == "did you mean 'X.04'?"


def test_not_used_messages(
    test_library: CatalogueLibrary, validation_options: ValidationOptions
) -> None:
    assert _messages("not-used", test_library, validation_options) == [
        ("not-used-reason", "M3.01", "M3.01 is marked not used without a reason",
         'say why: `M3.01: "<reason>"`'),
        ("not-used-unknown", "C.01",
         "C.01 belongs to the module 'covid19', which this matrix does not declare",
         "remove it from `not_used:`"),
        ("not-used-unknown", "M9.99", "mini@1.0 has no indicator 'M9.99' to mark as not used",
         None),
        ("not-used-answered", "M2.02",
         "M2.02 is marked not used (`not_used:`) but has an answer",
         "remove the answer, or remove the indicator from `not_used:`"),
    ]  # fmt: skip
    own = _messages("not-used-own-indicator", test_library, validation_options)
    assert own[0] == (
        "not-used-unknown", "X.01",
        "X.01 is this matrix's own indicator; only catalogue indicators are not used",
        "remove it from `context_indicators:` instead",
    )  # fmt: skip


def test_a_context_id_the_catalogue_already_uses(
    tmp_path: Path, validation_options: ValidationOptions
) -> None:
    text = MINI.read_text(encoding="utf-8").replace("id: mini\n", "id: mini-x\n")
    catalogue = tmp_path / "mini-x-1.0.yaml"
    catalogue.write_text(text.replace("- id: M3.01", "- id: X.01"), encoding="utf-8")
    matrix = WITH_CONTEXT.read_text(encoding="utf-8").replace("mini@1.0", "mini-x@1.0")
    matrix = matrix.replace("  M3.01: Xamaria", "  X.01: Xamaria")
    path = tmp_path / "m.yaml"
    path.write_text(matrix, encoding="utf-8")
    library = CatalogueLibrary(tmp_path)
    found = [(p.code, p.line, p.message) for p in validate_file(path, library, validation_options)]
    assert found == [
        ("context-indicator-duplicate", 12,
         "the catalogue mini-x@1.0 already has an indicator 'X.01'"),
        # X.01 is the catalogue's, so marked not used it may not be answered.
        ("not-used-answered", 36, "X.01 is marked not used (`not_used:`) but has an answer"),
    ]  # fmt: skip


# --- The example ---------------------------------------------------------------------


def test_the_context_example_validates_clean(mgi: Mgi) -> None:
    result = mgi("validate", "--format", "text", CONTEXT_EXAMPLE)
    assert (result.exit_code, result.stdout) == (0, "OK: 1 file checked, 0 warnings\n")


def test_the_context_example_stays_in_step_with_the_follow_up() -> None:
    """Apart from its two context-specific indicators it is the 2022 follow-up."""
    variant, original = _matrix(CONTEXT_EXAMPLE), _matrix(FOLLOW_UP)
    assert [i.id for i in variant.context_indicators] == ["X.01", "X.02"]
    assert [i.dimension for i in variant.context_indicators] == ["D4", "D5"]
    own = {k: v for k, v in variant.answers.items() if k.startswith("X.")}
    assert set(own) == {"X.01", "X.02"}
    assert {k: v for k, v in variant.answers.items() if k not in own} == original.answers
    skip = {"answers", "context_indicators", "baseline"}
    assert variant.model_dump(exclude=skip) == original.model_dump(exclude=skip)
    assert (CONTEXT_EXAMPLE.parent / (variant.baseline or "")).resolve() == (
        FOLLOW_UP.parent / (original.baseline or "")
    ).resolve()


@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="check-jsonschema is absent")
def test_the_new_examples_satisfy_the_schema_file() -> None:
    files = [
        CONTEXT_EXAMPLE,
        WITH_CONTEXT,
        *sorted((ROOT / "examples" / "matrices").rglob("*.yaml")),
    ]
    result = subprocess.run(
        ["check-jsonschema", "--schemafile", str(ROOT / "schema" / "mgi-matrix-1.schema.json"),
         *map(str, files)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_describes_the_new_keys(mgi: Mgi) -> None:
    schema = json.loads(mgi("schema").stdout)
    assert {"subdivision", "context", "context_indicators", "not_used"} <= set(schema["properties"])
    own = schema["$defs"]["ContextIndicator"]
    assert set(own["required"]) == {"id", "dimension", "question"}


# --- mgi diff ------------------------------------------------------------------------


def _defined(ident: str, dimension: str, scale: bool = False) -> ContextIndicator:
    data: dict[str, Any] = {"id": ident, "dimension": dimension, "question": {"en": ident + "?"}}
    if scale:
        data["scale"] = [
            {"id": "monthly", "counts_as": "yes", "label": {"en": "Monthly"}},
            {"id": "yearly", "counts_as": "partial", "label": {"en": "Yearly"}},
            {"id": "never", "counts_as": "no", "label": {"en": "Never"}},
        ]
    return ContextIndicator.model_validate(data)


def _answer(value: str | None) -> Answer:
    source = Reference(
        title="Port bulletin", url="https://port.example/b", accessed=date(2021, 1, 4)
    )
    cited = value in ("yes", "partial", "monthly", "yearly")
    return Answer(answer=value, justification="Because.", references=[source] if cited else [])


BASE = _matrix(CORPUS / "valid" / "xam-2021-baseline.yaml")
BASELINE = BASE.model_copy(update={
    "context_indicators": [_defined("X.01", "D1"), _defined("X.02", "D2", scale=True),
                           _defined("X.03", "D3")],
    "not_used": {"M2.02": "No strategy is planned."},
    "answers": {**{k: v for k, v in BASE.answers.items() if k != "M2.02"},
                "X.01": _answer("no"), "X.02": _answer("yearly"), "X.03": _answer("yes")},
})  # fmt: skip
FOLLOW = BASE.model_copy(update={
    "assessment": "follow_up",
    "baseline": "b.yaml",
    "assessed_on": BASE.assessed_on.replace(year=2025),
    "context_indicators": [_defined("X.02", "D2", scale=True), _defined("X.01", "D1"),
                           _defined("X.04", "D3")],
    "not_used": {"M3.01": "Xamaria left the regional process in 2023."},
    "answers": {**{k: v for k, v in BASE.answers.items() if k != "M3.01"},
                "X.01": _answer("yes"), "X.02": _answer("monthly"), "X.04": _answer("no")},
})  # fmt: skip


def _changes(base: Matrix = BASELINE, follow: Matrix = FOLLOW) -> dict[str, IndicatorChange]:
    diff = diff_matrices(base, follow, MINI_CAT, MINI_CAT, baseline_path="b.yaml",
                         follow_up_path="f.yaml")  # fmt: skip
    return {c.indicator: c for c in diff.changes}


def test_context_indicators_are_compared_when_both_sides_define_them() -> None:
    found = {
        k: (c.kind, c.domain, c.module, c.before, c.after, c.direction, c.details)
        for k, c in _changes().items()
    }
    own = CONTEXT_MODULE
    assert found == {
        "M2.02": ("used_again", "D2", "standard", None, "no", "neutral", ("used_again",)),
        "M3.01": ("marked_not_used", "D3", "standard", "no", None, "neutral",
                  ("marked_not_used",)),
        "X.01": ("answer_changed", "D1", own, "no", "yes", "progress",
                 ("answer_changed", "references_changed")),
        "X.02": ("answer_changed", "D2", own, "yearly", "monthly", "progress",
                 ("answer_changed",)),
        "X.03": ("context_removed", "D3", own, "yes", None, "neutral", ("context_removed",)),
        "X.04": ("context_added", "D3", own, None, "no", "neutral", ("context_added",)),
    }  # fmt: skip


def test_the_diff_is_symmetric_for_context_indicators() -> None:
    forward, backward = _changes(), _changes(FOLLOW, BASELINE)
    assert set(forward) == set(backward)
    opposite = {"context_added": "context_removed", "context_removed": "context_added",
                "marked_not_used": "used_again", "used_again": "marked_not_used",
                "answer_changed": "answer_changed"}  # fmt: skip
    for ident, change in forward.items():
        back = backward[ident]
        assert back.kind == opposite[change.kind], ident
        assert (back.before, back.after) == (change.after, change.before)
        assert (back.not_used_before, back.not_used_after) == (
            change.not_used_after,
            change.not_used_before,
        )


def test_an_indicator_not_used_on_both_sides_is_left_out() -> None:
    both = FOLLOW.model_copy(update={"not_used": {**FOLLOW.not_used, "M2.02": "Still none."}})
    both = both.model_copy(update={"answers": {k: v for k, v in both.answers.items()
                                               if k != "M2.02"}})  # fmt: skip
    assert "M2.02" not in _changes(BASELINE, both)


def test_roll_ups_count_only_the_sides_that_use_an_indicator() -> None:
    diff = diff_matrices(BASELINE, FOLLOW, MINI_CAT, MINI_CAT, baseline_path="b.yaml",
                         follow_up_path="f.yaml")  # fmt: skip
    domains = {d.id: d for d in diff.domains}
    assert (sum(domains["D3"].before.values()), sum(domains["D3"].after.values())) == (1, 0)
    assert (sum(domains["D2"].before.values()), sum(domains["D2"].after.values())) == (1, 2)
    (own,) = [m for m in diff.modules if m.id == CONTEXT_MODULE]
    assert (own.name, own.indicators, own.progressed) == ("Context-specific indicators", 4, 2)
    assert dict(own.before) == {"yes": 1, "partial": 1, "no": 1, "not_applicable": 0,
                                "unanswered": 0}  # fmt: skip
    assert dict(own.after) == {"yes": 2, "partial": 0, "no": 1, "not_applicable": 0,
                               "unanswered": 0}  # fmt: skip
    kinds = diff.kind_counts
    assert (kinds["context_added"], kinds["context_removed"]) == (1, 1)
    assert (kinds["marked_not_used"], kinds["used_again"]) == (1, 1)


def _write(folder: Path, name: str, matrix: Matrix) -> Path:
    from ruamel.yaml import YAML

    path = folder / name
    with path.open("w", encoding="utf-8") as stream:
        YAML().dump(matrix.model_dump(mode="json", exclude_defaults=True), stream)
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return _write(tmp_path, "b.yaml", BASELINE), _write(tmp_path, "f.yaml", FOLLOW)


def test_diff_json_reports_context_indicators_and_not_used(
    mgi: Mgi, pair: tuple[Path, Path]
) -> None:
    result = mgi("diff", *pair, "--catalogue", MINI, "--format", "json")
    assert result.exit_code == 0, result.output
    changes = {c["indicator"]: c for c in json.loads(result.stdout)["changes"]}
    assert changes["X.04"]["kind"] == "context_added"
    assert changes["X.04"]["domain"] == "D3"
    assert changes["X.04"]["module"] == "context-specific"
    assert "not_used" not in changes["X.04"]
    assert changes["M3.01"]["not_used"] == {
        "before": None, "after": "Xamaria left the regional process in 2023."
    }  # fmt: skip
    assert changes["M2.02"]["not_used"] == {"before": "No strategy is planned.", "after": None}


def test_diff_text_marks_context_indicators(mgi: Mgi, pair: tuple[Path, Path]) -> None:
    result = mgi("diff", *pair, "--catalogue", MINI)
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "1 context-specific indicator(s) added and 1 removed" in lines
    assert "1 indicator(s) marked not used and 1 used again" in lines
    assert ("X.01 D1 no yes answer changed progress context-specific; also references "
            "changed") in lines  # fmt: skip
    assert "X.02 D2 yearly monthly answer changed progress context-specific" in lines
    assert "X.04 D3 - no context-specific indicator added neutral" in lines
    assert "X.03 D3 yes - context-specific indicator removed neutral" in lines
    assert ("M3.01 D3 no - marked not used neutral not used: Xamaria left the regional "
            "process in 2023.") in lines  # fmt: skip
    assert "M2.02 D2 - no used again neutral was not used: No strategy is planned." in lines
    assert any(line.startswith("Context-specific indicators (context-specific)")
               for line in lines)  # fmt: skip


def test_diff_of_the_context_example(mgi: Mgi) -> None:
    result = mgi("diff", CONTEXT_EXAMPLE, "--format", "json", "--only", "answers")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    own = [(c["indicator"], c["domain"], c["kind"], c["after"])
           for c in data["changes"] if c["module"] == "context-specific"]  # fmt: skip
    assert own == [("X.01", "D4", "context_added", "partial"),
                   ("X.02", "D5", "context_added", "partial")]  # fmt: skip
    assert data["summary"]["kinds"]["context_added"] == 2


@settings(max_examples=60, deadline=None)
@given(
    before=st.dictionaries(st.sampled_from(["X.01", "X.02", "X.03"]),
                           st.sampled_from(["yes", "partial", "no", None]), max_size=3),
    after=st.dictionaries(st.sampled_from(["X.01", "X.02", "X.03"]),
                          st.sampled_from(["yes", "partial", "no", None]), max_size=3),
    unused_before=st.sets(st.sampled_from(["M1.01", "M2.01", "M3.01"])),
    unused_after=st.sets(st.sampled_from(["M1.01", "M2.01", "M3.01"])),
)  # fmt: skip
def test_diff_roll_ups_add_up_whatever_is_defined_or_not_used(
    before: dict[str, str | None], after: dict[str, str | None],
    unused_before: set[str], unused_after: set[str],
) -> None:  # fmt: skip
    def side(matrix: Matrix, own: dict[str, str | None], unused: set[str]) -> Matrix:
        answers = {k: v for k, v in matrix.answers.items() if k not in unused}
        answers.update({k: _answer(v) for k, v in own.items()})
        return matrix.model_copy(update={
            "context_indicators": [_defined(k, "D1") for k in own],
            "not_used": dict.fromkeys(unused, "Not relevant."), "answers": answers,
        })  # fmt: skip

    old, new = side(BASE, before, unused_before), side(FOLLOW, after, unused_after)
    diff = diff_matrices(old, new, MINI_CAT, MINI_CAT, baseline_path="b", follow_up_path="f",
                         include_unchanged=True)  # fmt: skip
    entries = diff.changes
    assert {c.indicator for c in entries if c.module == CONTEXT_MODULE} == set(before) | set(after)
    assert all(c.kind in diff.kind_counts for c in entries)
    rolled = [*diff.domains, *diff.modules]
    assert sum(sum(s.before.values()) for s in rolled) == sum(c.counts_before for c in entries)
    assert sum(sum(s.after.values()) for s in rolled) == sum(c.counts_after for c in entries)
