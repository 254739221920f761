"""`mgi diff` reports changes to the authored texts: title, profile, findings, process."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from mgi_cli.catalogue.load import load_catalogue
from mgi_cli.diff import diff_matrices
from mgi_cli.diff.model import TextChange
from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.models import Answer, Matrix, Profile

DATA = Path(__file__).resolve().parents[1] / "diff_data"
CAT1 = load_catalogue(DATA / "difftest-1.0.yaml")
CAT2 = load_catalogue(DATA / "difftest-2.0.yaml")
CATALOGUES = (
    "--catalogue", str(DATA / "difftest-1.0.yaml"),
    "--catalogue", str(DATA / "difftest-2.0.yaml"),
)  # fmt: skip


def _matrix(name: str) -> Matrix:
    loaded = load_matrix(DATA / name)
    assert loaded.matrix is not None, loaded.problems
    return loaded.matrix


BASE = _matrix("XDT-2018-baseline.yaml")
FOLLOW = _matrix("XDT-2022-follow_up.yaml")


def _texts(base: Matrix, follow: Matrix, **options: Any) -> list[tuple[Any, ...]]:
    diff = diff_matrices(
        base, follow, CAT1, CAT2, baseline_path="b.yaml", follow_up_path="f.yaml", **options
    )
    return [(t.key, t.language, t.change, t.indicator, t.restricted) for t in diff.texts]


def _finding(matrix: Matrix, indicator: str, finding: Any) -> Matrix:
    answer = matrix.answers[indicator]
    assert answer is not None
    changed = answer.model_copy(update={"finding": finding})
    return matrix.model_copy(update={"answers": {**matrix.answers, indicator: changed}})


def _profile(matrix: Matrix, **texts: Any) -> Matrix:
    return matrix.model_copy(update={"profile": Profile(**texts)})


def test_the_test_data_differ_only_in_their_validation_record() -> None:
    assert _texts(BASE, FOLLOW) == [("process.validated", None, "changed", None, False)]


def test_each_text_is_compared_per_language_in_profile_order() -> None:
    base = _profile(
        BASE.model_copy(update={"title": {"en": "Test Republic", "fr": "République test"}}),
        summary={"en": "Findings.", "fr": "Constats."},
        sub_areas={"D2.data": "Data."},
    )
    follow = _profile(
        FOLLOW.model_copy(update={"title": {"en": "Test Republic", "es": "República de prueba"}}),
        summary={"en": "Findings, revised.", "fr": "Constats."},
        context={"pt": "Contexto."},
        dimensions={"D2": "Partnerships.", "D1": "Rights."},
        sub_areas={"D2.data": "Data.", "D1.health": "Health."},
    )
    assert _texts(base, follow) == [
        ("title", "fr", "removed", None, False),
        ("title", "es", "added", None, False),
        ("profile.summary", "en", "changed", None, False),
        ("profile.context", "pt", "added", None, False),
        ("profile.dimensions.D1", "en", "added", None, False),
        ("profile.dimensions.D2", "en", "added", None, False),
        ("profile.sub_areas.D1.health", "en", "added", None, False),
        ("process.validated", None, "changed", None, False),
    ]


def test_rewrapping_or_the_form_of_a_text_is_not_a_change() -> None:
    base = _profile(BASE, summary="Key findings\n  of the   assessment.")
    follow = _profile(FOLLOW, summary={"en": "Key findings of the assessment."})
    assert _texts(base, follow) == [("process.validated", None, "changed", None, False)]
    # A plain string is in the matrix's language.
    french = follow.model_copy(update={"language": "fr"})
    assert _texts(_profile(BASE, summary="Constats."), _profile(french, summary="Constats.")) == [
        ("title", "en", "removed", None, False),  # "Test Republic", now read as French
        ("title", "fr", "added", None, False),
        ("profile.summary", "en", "removed", None, False),
        ("profile.summary", "fr", "added", None, False),
        ("process.validated", None, "changed", None, False),
    ]


def test_findings_follow_renumbered_indicators_and_carry_the_restricted_mark() -> None:
    base = _finding(_finding(BASE, "T2.02", "The census asks."), "T1.01", {"en": "Secret."})
    follow = _finding(_finding(FOLLOW, "T2.05", "The census asks."), "T1.01", {"en": "Other."})
    follow = _finding(follow, "T1.02", {"fr": "Le calendrier."})
    assert _texts(base, follow) == [
        ("answers.T1.01.finding", "en", "changed", "T1.01", True),
        ("answers.T1.02.finding", "fr", "added", "T1.02", False),
        ("process.validated", None, "changed", None, False),
    ]


def test_a_finding_of_a_retired_indicator_is_removed() -> None:
    base = _finding(BASE, "T1.04", "Retired finding.")
    assert ("answers.T1.04.finding", "en", "removed", "T1.04", False) in _texts(base, FOLLOW)


def test_the_process_record_is_compared_part_by_part() -> None:
    process = {
        "focal_point": "Ministry of the Interior",
        "consultations": [{"date": "2022-01-10", "kind": "workshop", "participants": ["NSO"]}],
    }
    follow = FOLLOW.model_copy(
        update={"process": FOLLOW.process.model_validate(process) if FOLLOW.process else None}
    )
    assert _texts(BASE, follow) == [
        ("process.focal_point", None, "added", None, False),
        ("process.consultations", None, "added", None, False),
        ("process.validated", None, "removed", None, False),
    ]


def test_one_dimension_keeps_only_its_narratives_and_findings() -> None:
    base = _profile(BASE, summary="A.", dimensions={"D1": "One."})
    follow = _profile(
        _finding(FOLLOW, "T2.01", "Portal."), summary="B.", dimensions={"D1": "Two.", "D2": "x"}
    )
    assert _texts(base, follow, dimension="D2") == [
        ("profile.dimensions.D2", "en", "added", None, False),
        ("answers.T2.01.finding", "en", "added", "T2.01", False),
    ]


def test_only_answers_leaves_the_texts_out() -> None:
    diff = diff_matrices(BASE, FOLLOW, CAT1, CAT2, baseline_path="b.yaml", follow_up_path="f.yaml")
    assert diff.texts == [TextChange("process.validated", None, "changed")]
    assert diff.only_answers().texts == []


# --- through the command ---------------------------------------------------------------


def _copy(tmp_path: Path, edit: Callable[[str], str]) -> tuple[Path, Path]:
    base, follow = tmp_path / "XDT-2018-baseline.yaml", tmp_path / "XDT-2022-follow_up.yaml"
    base.write_bytes((DATA / base.name).read_bytes())
    follow.write_text(edit((DATA / follow.name).read_text(encoding="utf-8")), encoding="utf-8")
    return base, follow


def _edit(text: str) -> str:
    title = "title: {en: Test Republic, fr: République test, es: República}\n"
    finding = "  T1.01:\n    finding: {en: Emergency care is free for everyone.}\n"
    edited = text.replace("title: Test Republic\n", title).replace("  T1.01:\n", finding)
    assert edited.count("finding:") == 1
    return edited


def test_every_format_shows_the_authored_texts(mgi: Callable[..., Result], tmp_path: Path) -> None:
    base, follow = _copy(tmp_path, _edit)
    result = mgi("diff", base, follow, *CATALOGUES, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["texts"] == [
        {"key": "title", "language": "fr", "change": "added", "indicator": None,
         "restricted": False},
        {"key": "title", "language": "es", "change": "added", "indicator": None,
         "restricted": False},
        {"key": "answers.T1.01.finding", "language": "en", "change": "added",
         "indicator": "T1.01", "restricted": True},
        {"key": "process.validated", "language": None, "change": "changed", "indicator": None,
         "restricted": False},
    ]  # fmt: skip
    text = mgi("diff", base, follow, *CATALOGUES).stdout
    assert (
        "Authored texts (3)\n"
        "  text                   change   languages  notes\n"
        "  title                  added    fr, es\n"
        "  answers.T1.01.finding  added    en         restricted\n"
        "  process.validated      changed\n"
    ) in text
    md = mgi("diff", base, follow, *CATALOGUES, "--format", "md").stdout
    assert (
        "### Authored texts (3)\n\n"
        "- title: added (fr, es)\n"
        "- answers.T1.01.finding: added (en) (restricted)\n"
        "- process.validated: changed\n"
    ) in md
    html = mgi("diff", base, follow, *CATALOGUES, "--format", "html").stdout
    assert (
        '<tr><td><code>answers.T1.01.finding</code> <span class="restricted">restricted</span>'
        "</td><td>added</td><td>en</td></tr>"
    ) in html


def test_a_restricted_finding_counts_in_the_keep_within_the_team_notice(
    mgi: Callable[..., Result], tmp_path: Path
) -> None:
    plain = mgi("diff", *_copy(tmp_path, lambda text: text), *CATALOGUES).stdout
    base, follow = _copy(tmp_path, _edit)
    edited = mgi("diff", base, follow, *CATALOGUES).stdout
    assert "  1 of the changes listed concern restricted answers" in plain
    assert "  2 of the changes listed concern restricted answers" in edited


def test_the_answer_model_keeps_a_finding_per_language() -> None:
    # What the comparison relies on: a finding is a text, plain or per language.
    assert Answer(answer="yes", finding={"fr": "Oui."}).finding == {"fr": "Oui."}


# --- properties ----------------------------------------------------------------------------

LANGS = st.sampled_from(["en", "fr", "es", "pt"])
WORDS = st.sampled_from(["The", "law", "of", "2020", " covers\n", "all", "migrants"])
TEXTS = st.none() | st.dictionaries(LANGS, st.lists(WORDS, min_size=1).map(" ".join), max_size=3)
MIRROR = {"added": "removed", "removed": "added", "changed": "changed"}


@st.composite
def authored(draw: st.DrawFn, matrix: Matrix) -> Matrix:
    answers = dict(matrix.answers)
    for indicator in ("T1.01", "T1.02", "T2.01"):
        answer = answers[indicator]
        assert answer is not None
        answers[indicator] = answer.model_copy(update={"finding": draw(TEXTS) or None})
    summary, dimension = draw(TEXTS) or None, draw(TEXTS)
    return matrix.model_copy(
        update={
            "title": draw(TEXTS) or None,
            "answers": answers,
            "profile": Profile(summary=summary, dimensions={"D1": dimension} if dimension else {}),
        }
    )


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_texts_are_unchanged_against_themselves_and_mirror_when_swapped(
    data: st.DataObject,
) -> None:
    follow = data.draw(authored(FOLLOW))
    other = data.draw(authored(FOLLOW))
    same = diff_matrices(follow, follow, CAT2, CAT2, baseline_path="a", follow_up_path="a")
    assert same.texts == []
    forward = diff_matrices(follow, other, CAT2, CAT2, baseline_path="a", follow_up_path="b")
    backward = diff_matrices(other, follow, CAT2, CAT2, baseline_path="b", follow_up_path="a")
    assert [(t.key, t.language, MIRROR[t.change]) for t in forward.texts] == [
        (t.key, t.language, t.change) for t in backward.texts
    ]
