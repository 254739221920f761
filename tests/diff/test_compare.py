"""The diff core on small synthetic matrices: every kind of change, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi_cli.catalogue.load import load_catalogue
from mgi_cli.catalogue.models import Catalogue
from mgi_cli.diff import ANSWER_KINDS, IndicatorChange, diff_matrices
from mgi_cli.diff.classify import direction
from mgi_cli.diff.model import WordChange
from mgi_cli.diff.output import render_template
from mgi_cli.diff.present import elide
from mgi_cli.diff.words import side_text, word_diff
from mgi_cli.errors import Refused, UsageError
from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.models import Answer, Matrix, Reference
from mgi_cli.output.markdown import escape_markdown

DATA = Path(__file__).resolve().parents[1] / "diff_data"
CAT1 = load_catalogue(DATA / "difftest-1.0.yaml")
CAT2 = load_catalogue(DATA / "difftest-2.0.yaml")
UNRELATED = load_catalogue(DATA / "unrelated-1.0.yaml")


def _matrix(name: str) -> Matrix:
    loaded = load_matrix(DATA / name)
    assert loaded.matrix is not None, loaded.problems
    return loaded.matrix


BASE = _matrix("XDT-2018-baseline.yaml")
FOLLOW = _matrix("XDT-2022-follow_up.yaml")


def _diff(
    base: Matrix = BASE, follow: Matrix = FOLLOW, cats: tuple[Catalogue, Catalogue] = (CAT1, CAT2),
    **options: object,
) -> dict[str, IndicatorChange]:  # fmt: skip
    result = diff_matrices(
        base, follow, *cats, baseline_path="b.yaml", follow_up_path="f.yaml", **options
    )
    return {c.indicator: c for c in result.changes}


def _answer(matrix: Matrix, indicator: str) -> Answer:
    answer = matrix.answers[indicator]
    assert answer is not None
    return answer


def _with(matrix: Matrix, **answers: Answer | None) -> Matrix:
    return matrix.model_copy(update={"answers": {**matrix.answers, **answers}})


def test_every_kind_of_change_is_classified_once_per_indicator() -> None:
    changes = _diff(include_unchanged=True)
    summary = {k: (c.kind, c.before, c.after, c.direction, c.details) for k, c in changes.items()}
    assert summary == {
        "T1.01": ("answer_changed", "partial", "yes", "progress",
                  ("answer_changed", "justification_changed", "references_changed")),
        "T1.02": ("answer_changed", "yes", "no", "regression",
                  ("answer_changed", "justification_changed")),
        "T1.03": ("answer_changed", "most", "full", "progress", ("answer_changed",)),
        "T1.04": ("retired_from_catalogue", "no", None, "neutral", ("retired_from_catalogue",)),
        "C.01": ("newly_answered", None, "yes", "neutral", ("newly_answered",)),
        "T2.01": ("justification_changed", "yes", "yes", "neutral",
                  ("justification_changed", "references_changed")),
        "T2.05": ("unchanged", "partial", "partial", "neutral", ()),
        "T2.06": ("added_to_catalogue", None, "no", "neutral", ("added_to_catalogue",)),
    }  # fmt: skip
    assert list(changes) == ["T1.01", "T1.02", "T1.03", "T1.04", "C.01", "T2.01", "T2.05", "T2.06"]


def test_a_renumbered_indicator_is_compared_with_its_predecessor() -> None:
    renumbered = _diff(include_unchanged=True)["T2.05"]
    assert renumbered.replaced_from == "T2.02"
    assert (renumbered.domain, renumbered.sub_area) == ("D2", "data")
    assert "T2.02" not in _diff(include_unchanged=True)
    edited = _with(
        FOLLOW, **{"T2.05": _answer(FOLLOW, "T2.05").model_copy(update={"answer": "yes"})}
    )
    change = _diff(follow=edited)["T2.05"]
    assert (change.kind, change.before, change.after, change.direction) == (
        "answer_changed", "partial", "yes", "progress",
    )  # fmt: skip


def test_references_added_removed_and_updated() -> None:
    t201 = _diff()["T2.01"]
    assert t201.references_added == ("Migration statistics release calendar",)
    assert t201.references_removed == ()
    assert t201.references_updated == ("Migration data portal",)
    no_refs = _answer(FOLLOW, "T2.01").model_copy(update={"references": []})
    removed = _with(FOLLOW, **{"T2.01": no_refs})
    assert _diff(follow=removed)["T2.01"].references_removed == ("Migration data portal",)


def test_justification_word_diff_ignores_wrapping() -> None:
    t201 = _diff()["T2.01"]
    assert t201.justification == (
        WordChange("equal", "The statistics office runs a migration data portal updated every"),
        WordChange("delete", "quarter."),
        WordChange("insert", "month."),
    )
    rewrapped = Answer(  # other line breaks and spaces, same words
        answer="yes",
        justification="The statistics office runs\n  a migration data\tportal updated"
        "   every quarter.",
        references=_answer(BASE, "T2.01").references,
    )
    assert "T2.01" not in _diff(BASE, _with(BASE, **{"T2.01": rewrapped}), (CAT1, CAT1))


def test_restricted_on_either_side_marks_the_change() -> None:
    assert _diff()["T1.01"].restricted
    assert not _diff()["T1.02"].restricted


def test_scale_order_decides_the_direction() -> None:
    scale = CAT1.scale_of(CAT1.indicator("T1.03"))
    assert direction("some", "most", scale, scale) == "progress"
    assert direction("most", "some", scale, scale) == "regression"
    assert direction("none", "not_applicable", scale, scale) == "neutral"
    assert direction(None, "full", scale, scale) == "neutral"
    standard = CAT1.scale
    assert direction("no", "partial", standard, standard) == "progress"
    assert direction("yes", "not_applicable", standard, standard) == "neutral"
    # A scale that changed between versions: the standard answers decide.
    assert direction("yes", "some", standard, scale) == "regression"


def test_modules_and_answers_outside_them() -> None:
    dropped = FOLLOW.model_copy(update={"modules": ["standard"], "answers": {
        k: v for k, v in FOLLOW.answers.items() if k != "C.01"}})  # fmt: skip
    assert "C.01" not in _diff(follow=dropped, include_unchanged=True)
    gone = _diff(FOLLOW.model_copy(update={"catalogue": "difftest@2.0"}), dropped, (CAT2, CAT2))
    assert (gone["C.01"].kind, gone["C.01"].before, gone["C.01"].after) == (
        "no_longer_answered", "yes", None,
    )  # fmt: skip


def test_roll_ups_per_dimension_sub_area_and_module() -> None:
    result = diff_matrices(BASE, FOLLOW, CAT1, CAT2, baseline_path="b", follow_up_path="f")
    d1 = result.domains[0].as_json()
    assert d1 == {
        "id": "D1", "name": "Rights",
        "before": {"yes": 1, "partial": 2, "no": 1, "not_applicable": 0, "unanswered": 0},
        "after": {"yes": 2, "partial": 0, "no": 1, "not_applicable": 0, "unanswered": 0},
        "progressed": 2, "regressed": 1, "changed": 4, "indicators": 4,
    }  # fmt: skip
    assert [(s.domain, s.id) for s in result.sub_areas] == [
        ("D1", "health"), ("D1", "work"), ("D2", "data"),
    ]  # fmt: skip
    d2 = result.domains[1]
    assert (dict(d2.before)["partial"], dict(d2.after)["no"], d2.indicators) == (1, 1, 3)
    (covid,) = result.modules
    assert (covid.id, covid.before["unanswered"], covid.after["yes"]) == ("covid19", 1, 1)
    assert (result.progressed, result.regressed, result.has_regression) == (2, 1, True)
    assert result.kind_counts["unchanged"] == 1


def test_dimension_filter_applies_to_changes_and_roll_ups() -> None:
    result = diff_matrices(
        BASE, FOLLOW, CAT1, CAT2, baseline_path="b", follow_up_path="f", dimension="D2"
    )
    assert [c.indicator for c in result.changes] == ["T2.01", "T2.06"]
    assert [d.id for d in result.domains] == ["D2"]
    assert result.modules == []
    with pytest.raises(UsageError, match="no dimension 'D7'"):
        diff_matrices(BASE, FOLLOW, CAT1, CAT2, baseline_path="b", follow_up_path="f",
                      dimension="D7")  # fmt: skip


def test_only_answers_keeps_the_policy_changes() -> None:
    result = diff_matrices(BASE, FOLLOW, CAT1, CAT2, baseline_path="b", follow_up_path="f")
    kept = result.only_answers()
    assert [c.indicator for c in kept.changes] == ["T1.01", "T1.02", "T1.03", "T1.04", "C.01",
                                                   "T2.06"]  # fmt: skip
    assert all(c.kind in ANSWER_KINDS for c in kept.changes)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("country", "XDU", "different country"),
        ("level", "local", "different level"),
        ("locality", "Capital City", "different locality"),
    ],
)
def test_refuses_matrices_of_another_place(field: str, value: str, message: str) -> None:
    other = FOLLOW.model_copy(update={field: value})
    with pytest.raises(Refused, match=message):
        _diff(follow=other)


def test_lineage_decides_which_catalogues_compare() -> None:
    with pytest.raises(Refused, match=r"unrelated@1\.0 does not list difftest@1\.0"):
        _diff(cats=(CAT1, UNRELATED))
    heir = UNRELATED.model_copy(update={"lineage": ["difftest@1.0"]})
    assert _diff(cats=(CAT1, heir))


def test_the_json_shape_follows_the_contract() -> None:
    data = diff_matrices(BASE, FOLLOW, CAT1, CAT2, baseline_path="b", follow_up_path="f").as_json()
    assert (data["baseline"], data["follow_up"]) == ("b", "f")
    for change in data["changes"]:
        assert {"indicator", "domain", "kind", "before", "after", "direction"} <= set(change)
        assert change["direction"] in ("progress", "regression", "neutral")
    assert [d["id"] for d in data["domains"]] == ["D1", "D2"]


def test_word_diff_round_trips() -> None:
    runs = word_diff("a b  c d", "a x c\nd e")
    assert side_text(runs, "before") == "a b c d"
    assert side_text(runs, "after") == "a x c d e"


def test_elide_keeps_context_around_changes() -> None:
    long = " ".join(f"w{i}" for i in range(30))
    runs = (WordChange("equal", long), WordChange("insert", "new"), WordChange("equal", long))
    shown = elide(runs, keep=2)
    assert [r.text for r in shown] == ["… w28 w29", "new", "w0 w1 …"]


def test_html_escapes_everything_from_the_matrices() -> None:
    hostile = Answer(
        answer="yes",
        justification='<script>alert("x")</script> & <b>bold</b>',
        references=[Reference(title="<img src=x onerror=alert(1)>", url="https://e.example/")],
    )
    result = diff_matrices(
        BASE, _with(BASE, **{"T1.02": hostile}), CAT1, CAT1,
        baseline_path="<b>.yaml", follow_up_path="f.yaml",
    )  # fmt: skip
    page = render_template("diff.html.j2", result)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x" in page
    assert "http" not in page.split("<body>")[0]  # no external stylesheet, font or script


def test_md_escape_keeps_tables_intact() -> None:
    """The diff's ``md`` filter is the output layer's one escaper."""
    assert escape_markdown("a | b\n*c*") == "a \\| b \\*c\\*"


def test_meaning_not_text(tmp_path: Path) -> None:
    """Reordered keys, comments, quoting and line wrapping are not changes."""
    variant = tmp_path / "variant.yaml"
    variant.write_text(
        """# The same baseline, written differently.
answers:
  T2.02: {answer: partial, references: [{url: "https://stats.example/census-2016",
    title: "Census questionnaire 2016", accessed: 2018-05-01}],
    justification: "The census asks the country of birth but not the year of arrival."}
  T2.01:
    references:
      - title: 'Migration data portal'   # the portal itself
        accessed: 2018-05-01
        url: https://stats.example/migration
    justification: |
      The statistics office runs a migration
      data portal updated every quarter.
    answer: 'yes'
  T1.04: {justification: No quota is set., answer: "no"}
  T1.03:
    answer: most
    justification: Work permits are open to all sectors except the civil service and
      mining.
    references: [{title: Labour Code 2012, url: "https://laws.example/labour-2012",
                  accessed: 2018-05-01}]
  T1.02:
    justification: The vaccination schedule covers every child in the country.
    answer: "yes"
    references:
      - {title: Vaccination Order 2015, accessed: 2018-05-01,
         url: "https://laws.example/vaccination-2015"}
  T1.01:
    answer: partial
    justification: >
      Emergency care is free
      for residents only.
    references:
      - {url: "https://laws.example/health-2010", title: Health Act 2010, accessed: 2018-05-01}
status: published
modules: [standard]
catalogue: "difftest@1.0"
assessed_on: 2018-06-30
assessment: baseline
level: national
title: Test Republic
country: XDT
format: mgi-matrix/1
""",
        encoding="utf-8",
    )
    loaded = load_matrix(variant)
    assert loaded.matrix is not None, loaded.problems
    assert _diff(BASE, loaded.matrix, (CAT1, CAT1)) == {}
