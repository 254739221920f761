"""`mgi report score --audience public`: nothing can be inferred (docs/format.md,
"Confidentiality"). Scores leave out protected sub-areas whole, so two matrices that
differ only in WHICH answers of a sub-area are restricted give the same public report,
byte for byte in every format and language."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from mgi_cli.languages import LANGUAGES
from mgi_cli.matrix.confidentiality import disclose
from mgi_cli.matrix.models import Matrix
from mgi_cli.reports.common import ReportSource
from mgi_cli.reports.layout import render_report
from mgi_cli.reports.score_report import score_report
from mgi_cli.reports.scoring import ScoringRule
from tests.render.test_inference import _example, _restricting, neighbours


def _report(matrix: Matrix, audience: str = "public", lang: str = "en") -> dict[str, Any]:
    _, catalogue, _ = _example()
    source = ReportSource(matrix, catalogue, disclose(matrix, audience, catalogue))
    return score_report([source], ScoringRule(), lang)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=neighbours())
def test_which_answers_of_a_sub_area_are_restricted_cannot_be_told_from_the_scores(
    case: tuple[str, set[str], set[str], str],
) -> None:
    _area, first, second, confidentiality = case
    matrix, _, _ = _example()
    one = _restricting(matrix, first, confidentiality)
    other = _restricting(matrix, second, confidentiality)
    for lang in LANGUAGES:
        reports = [_report(m, lang=lang) for m in (one, other)]
        for fmt in ("json", "md", "html"):
            texts = [render_report(r, fmt, lang) for r in reports]
            assert texts[0] == texts[1], (fmt, lang, sorted(first), sorted(second))


def test_a_public_score_leaves_a_protected_sub_area_out_whole() -> None:
    matrix, _, areas = _example()
    area = sorted(areas)[0]
    dimension, sub_area = area.split(".", 1)
    restricted = _restricting(matrix, {areas[area][0]}, "restricted")

    def scores(report: dict[str, Any]) -> tuple[float | None, float | None]:
        row = next(d for d in report["dimensions"] if d["id"] == dimension)
        shown = next(s for s in row["sub_areas"] if s["id"] == sub_area)
        return row["scores"][0], shown["scores"][0]

    public, government = _report(restricted), _report(restricted, "government")
    everything = _report(matrix)
    assert scores(public)[1] is None
    assert scores(government) == scores(everything)
    assert scores(government)[1] is not None
    # The other sub-areas of every dimension keep the government's scores.
    for shown, full in zip(public["dimensions"], government["dimensions"], strict=True):
        for a, b in zip(shown["sub_areas"], full["sub_areas"], strict=True):
            if not (shown["id"] == dimension and a["id"] == sub_area):
                assert a["scores"] == b["scores"]
    assert public["assessments"][0]["withheld"] == 0


def test_a_sub_area_protected_in_one_assessment_is_left_out_of_all() -> None:
    """So a dimension's scores and their change compare the same sub-areas."""
    from datetime import date

    matrix, catalogue, areas = _example()
    area = sorted(areas)[0]
    dimension, sub_area = area.split(".", 1)
    earlier = matrix.model_copy(update={"assessed_on": date(2018, 9, 30)})
    later = _restricting(matrix, {areas[area][0]}, "restricted")
    sources = [
        ReportSource(m, catalogue, disclose(m, "public", catalogue)) for m in (earlier, later)
    ]
    report = score_report(sources, ScoringRule(), "en")
    row = next(d for d in report["dimensions"] if d["id"] == dimension)
    assert next(s for s in row["sub_areas"] if s["id"] == sub_area)["scores"] == [None, None]
    assert row["scores"][0] == row["scores"][1]  # the same answers, the same sub-areas
    assert row["change"] == 0.0
