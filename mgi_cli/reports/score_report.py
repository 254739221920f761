"""`mgi report score`: one country's (or locality's) own scores over its assessments.

Matrices of different countries are refused: scores track a country's progress, they
never rank countries (docs/guides/statistics-offices.md). Public scores leave out
protected sub-areas whole (``_hidden``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi_cli.catalogue.view import localized
from mgi_cli.errors import Refused
from mgi_cli.reports.common import ReportSource, load_source
from mgi_cli.reports.scoring import MatrixScore, ScoringRule, score_matrix

if TYPE_CHECKING:
    from mgi_cli.catalogue.load import CatalogueLibrary


def gather_sources(
    paths: list[Path], library: CatalogueLibrary, *, audience: str, today: date
) -> list[ReportSource]:
    """The matrices given, plus the baseline a lone follow-up names, oldest first."""
    from mgi_cli.matrix.linked import linked_path

    wanted = list(paths)
    sources: dict[Path, ReportSource] = {}
    while wanted:
        path = wanted.pop(0)
        key = path.resolve()
        if key in sources:
            continue
        source = load_source(path, library, audience=audience, today=today)
        sources[key] = source
        matrix = source.matrix
        if len(paths) == 1 and matrix.assessment == "follow_up" and matrix.baseline:
            wanted.append(linked_path(path, matrix.baseline))
    found = sorted(sources.values(), key=lambda s: s.matrix.assessed_on)
    places = {(s.matrix.country, s.matrix.level, s.matrix.locality) for s in found}
    if len(places) > 1:
        raise Refused(
            "scores follow one country's own assessments over time; these matrices are of "
            "different countries or localities, and the MGI is not a ranking"
        )
    return found


def score_report(sources: list[ReportSource], rule: ScoringRule, lang: str) -> dict[str, Any]:
    areas = frozenset().union(*(s.disclosure.protected_areas for s in sources))
    scores = [score_matrix(s.matrix, s.catalogue, rule, _hidden(s, areas)) for s in sources]
    latest = sources[-1]
    dimensions = []
    for dimension in latest.catalogue.dimensions:
        rows = [s.dimension(dimension.id) for s in scores]
        sub_areas = []
        for sub_area in dimension.sub_areas:
            values = []
            for row in rows:
                area = (
                    next((a for a in row.sub_areas if a.id == sub_area.id), None) if row else None
                )
                values.append(area.score if area else None)
            sub_areas.append(
                {
                    "id": sub_area.id,
                    "name": localized(sub_area.name, lang),
                    "scores": values,
                    "change": _change(values),
                }
            )
        values = [row.score if row else None for row in rows]
        dimensions.append(
            {
                "id": dimension.id,
                "number": dimension.number,
                "name": localized(dimension.short_name, lang),
                "scores": values,
                "change": _change(values),
                "sub_areas": sub_areas,
            }
        )
    return {
        "report": "score",
        **latest.header(lang),
        "rule": rule.as_json(),
        "assessments": [_assessment(s, score) for s, score in zip(sources, scores, strict=True)],
        "dimensions": dimensions,
    }


def _assessment(source: ReportSource, score: MatrixScore) -> dict[str, Any]:
    return {
        "assessed_on": score.assessed_on.isoformat(),
        "year": score.assessed_on.year,
        "assessment": score.assessment,
        "catalogue": source.catalogue.ref,
        "withheld": source.disclosure.withheld,
    }


def _change(values: list[float | None]) -> float | None:
    """The last score minus the first, when there are two or more and both exist."""
    if len(values) < 2 or values[0] is None or values[-1] is None:
        return None
    return round(values[-1] - values[0], 1)


def _hidden(source: ReportSource, areas: frozenset[str]) -> frozenset[str]:
    """What a score leaves out. In public output: every indicator of a protected sub-area
    (one holding a restricted answer), not only the restricted ones, so no score depends
    on which answers of a sub-area are restricted (docs/format.md, "Confidentiality");
    and a sub-area protected in any of the assessments (``areas``) is left out of all of
    them, so a dimension's scores and their change compare the same sub-areas. The
    sub-area's scores are then null and its dimension's are made of the others."""
    if not source.disclosure.is_public:
        return frozenset()
    from mgi_cli.matrix.confidentiality import sub_area_key

    alike = {
        i.id for i in source.catalogue.indicators if sub_area_key(i.dimension, i.sub_area) in areas
    }
    return source.disclosure.protected | alike
