"""Properties of the diff on random matrices (hypothesis): identity, symmetry, exactness."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mgi_cli.catalogue.load import load_catalogue
from mgi_cli.diff import Diff, diff_matrices
from mgi_cli.diff.words import side_text
from mgi_cli.matrix.models import Answer, Matrix, Reference

DATA = Path(__file__).resolve().parents[1] / "diff_data"
CATALOGUE = load_catalogue(DATA / "difftest-1.0.yaml")
INDICATORS = list(CATALOGUE.indicators)
CHOICES = {i.id: [c.id for c in CATALOGUE.scale_of(i)] for i in INDICATORS}
WORDS = st.sampled_from(["the", "law", "of", "2020", "covers", "all", "migrants", "not", "yet"])
REFERENCES = [
    Reference(title="Act 2010", url="https://laws.example/act-2010", accessed=date(2018, 1, 1)),
    Reference(title="Act 2010", url="https://laws.example/act-2010", accessed=date(2021, 1, 1)),
    Reference(title="Decree 5", url="https://laws.example/decree-5"),
    Reference(title="Survey report"),
]
FLIP = {"progress": "regression", "regression": "progress", "neutral": "neutral"}
MIRROR_KIND = {"newly_answered": "no_longer_answered", "no_longer_answered": "newly_answered"}


@st.composite
def answers(draw: st.DrawFn, indicator: str) -> Answer | None:
    if draw(st.integers(0, 9)) == 0:
        return None
    return Answer(
        answer=draw(st.none() | st.sampled_from(CHOICES[indicator])),
        justification=" ".join(draw(st.lists(WORDS, max_size=8))) or None,
        references=draw(
            st.lists(st.sampled_from(REFERENCES), max_size=2, unique_by=lambda r: r.url or r.title)
        ),
        restricted=draw(st.booleans()),
    )


@st.composite
def matrices(draw: st.DrawFn) -> Matrix:
    modules = draw(st.sampled_from([["standard"], ["standard", "covid19"]]))
    chosen = draw(st.lists(st.sampled_from([i.id for i in INDICATORS]), unique=True))
    return Matrix(
        format="mgi-matrix/1", country="XDT", level="national", assessment="baseline",
        catalogue=CATALOGUE.ref, modules=modules, assessed_on=date(2018, 6, 30),
        status="validated", answers={k: draw(answers(k)) for k in chosen},
    )  # fmt: skip


def _diff(a: Matrix, b: Matrix, *, everything: bool = False) -> Diff:
    return diff_matrices(
        a, b, CATALOGUE, CATALOGUE, baseline_path="a", follow_up_path="b",
        include_unchanged=everything,
    )  # fmt: skip


@settings(max_examples=60)
@given(matrices())
def test_a_matrix_compared_with_itself_has_no_changes(matrix: Matrix) -> None:
    result = _diff(matrix, matrix)
    assert result.changes == []
    assert (result.progressed, result.regressed) == (0, 0)
    assert all(c.kind == "unchanged" for c in _diff(matrix, matrix, everything=True).changes)
    for summary in result.domains + result.sub_areas + result.modules:
        assert summary.before == summary.after


@settings(max_examples=60)
@given(matrices(), matrices())
def test_swapping_the_sides_swaps_before_and_after(a: Matrix, b: Matrix) -> None:
    forward = {c.indicator: c for c in _diff(a, b).changes}
    backward = {c.indicator: c for c in _diff(b, a).changes}
    assert forward.keys() == backward.keys()
    for key, there in forward.items():
        back = backward[key]
        assert (back.before, back.after) == (there.after, there.before)
        assert back.direction == FLIP[there.direction]
        assert back.kind == MIRROR_KIND.get(there.kind, there.kind)
        assert back.references_added == there.references_removed
        # Same source, other details: the titles match here (same URL, same title).
        assert set(back.references_updated) == set(there.references_updated)
        assert side_text(back.justification, "before") == side_text(there.justification, "after")
        assert side_text(back.justification, "after") == side_text(there.justification, "before")
    ab, ba = _diff(a, b), _diff(b, a)
    assert (ab.progressed, ab.regressed) == (ba.regressed, ba.progressed)
    for x, y in zip(ab.domains, ba.domains, strict=True):
        assert (x.before, x.after) == (y.after, y.before)


@st.composite
def edited(draw: st.DrawFn) -> tuple[Matrix, dict[str, str]]:
    """A fully answered matrix and a random set of answer edits (indicator -> new answer)."""
    base = Matrix(
        format="mgi-matrix/1", country="XDT", level="national", assessment="baseline",
        catalogue=CATALOGUE.ref, modules=["standard", "covid19"],
        assessed_on=date(2018, 6, 30), status="validated",
        answers={
            i.id: Answer(answer=draw(st.sampled_from(CHOICES[i.id])), justification="why")
            for i in INDICATORS
        },
    )  # fmt: skip
    targets = draw(st.lists(st.sampled_from([i.id for i in INDICATORS]), unique=True))
    edits = {}
    for target in targets:
        current = base.answers[target].answer
        edits[target] = draw(st.sampled_from([c for c in CHOICES[target] if c != current]))
    return base, edits


@settings(max_examples=80)
@given(edited())
def test_random_answer_edits_are_reported_exactly(case: tuple[Matrix, dict[str, str]]) -> None:
    base, edits = case
    follow = base.model_copy(update={"answers": {
        k: v.model_copy(update={"answer": edits[k]}) if k in edits and v else v
        for k, v in base.answers.items()
    }})  # fmt: skip
    result = _diff(base, follow)
    reported = {c.indicator: (c.kind, c.before, c.after, c.direction) for c in result.changes}
    expected = {}
    for key, after in edits.items():
        before = base.answers[key].answer
        expected[key] = ("answer_changed", before, after, _expected_direction(key, before, after))
    assert reported == expected


def _expected_direction(indicator: str, before: str | None, after: str) -> str:
    scale = CATALOGUE.scale_of(CATALOGUE.indicator(indicator))
    counts = {c.id: c.counts_as for c in scale}
    if "not_applicable" in (counts[before or ""], counts[after]):
        return "neutral"
    order = [c.id for c in scale]
    return "progress" if order.index(after) < order.index(before or "") else "regression"
