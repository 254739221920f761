"""Optional scoring, to follow one country's own progress over time (MIPEX-style).

Off by default and never part of a profile: the MGI is not a ranking, and nothing
here compares countries. Each answer is worth a number of points (MIPEX: yes 100,
partial 50, no 0); not applicable and unanswered answers are left out; a sub-area's
score is the mean of its indicators, and a dimension's the mean of its sub-areas
(or of its indicators, with ``dimension_from = "indicators"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from statistics import fmean
from typing import Any, Literal

from mgi_cli.catalogue.models import Catalogue
from mgi_cli.matrix.models import Matrix
from mgi_cli.reports.common import standard_answer

#: sub_areas: a dimension's score is the mean of its sub-areas'; indicators: of its
#: indicators'.
DimensionFrom = Literal["sub_areas", "indicators"]
#: The standard answers a rule may give points to.
ANSWERS = ("yes", "partial", "no", "not_applicable")


@dataclass(frozen=True)
class ScoringRule:
    #: Points for each standard answer; answers not listed are left out.
    values: Mapping[str, float] = field(
        default_factory=lambda: {"yes": 100.0, "partial": 50.0, "no": 0.0}
    )
    #: Modules scored; the COVID-19 module is left out so years stay comparable.
    modules: tuple[str, ...] = ("standard",)
    dimension_from: DimensionFrom = "sub_areas"

    def as_json(self) -> dict[str, Any]:
        return {
            "values": dict(self.values),
            "modules": list(self.modules),
            "dimension_from": self.dimension_from,
        }


@dataclass(frozen=True)
class AreaScore:
    id: str
    #: None when no indicator of the area has a scored answer.
    score: float | None
    counted: int


@dataclass(frozen=True)
class DimensionScore:
    id: str
    score: float | None
    counted: int
    sub_areas: tuple[AreaScore, ...]


@dataclass(frozen=True)
class MatrixScore:
    assessed_on: date
    assessment: str
    dimensions: tuple[DimensionScore, ...]

    def dimension(self, dimension_id: str) -> DimensionScore | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)


def score_matrix(
    matrix: Matrix,
    catalogue: Catalogue,
    rule: ScoringRule,
    hidden: frozenset[str] = frozenset(),
) -> MatrixScore:
    """The scores of one matrix; indicators in ``hidden`` (e.g. restricted) are left out."""
    wanted = set(rule.modules) & set(matrix.modules)
    points: dict[tuple[str, str], list[float]] = {}
    for indicator in catalogue.in_modules(wanted):
        if indicator.id in hidden:
            continue
        answer = standard_answer(catalogue, indicator, matrix.answers.get(indicator.id))
        if answer in rule.values:
            key = (indicator.dimension, indicator.sub_area)
            points.setdefault(key, []).append(rule.values[answer])
    dimensions = []
    for dimension in catalogue.dimensions:
        areas = tuple(
            AreaScore(
                s.id,
                _mean(points.get((dimension.id, s.id), [])),
                len(points.get((dimension.id, s.id), [])),
            )
            for s in dimension.sub_areas
        )
        if rule.dimension_from == "indicators":
            values = [p for s in dimension.sub_areas for p in points.get((dimension.id, s.id), [])]
        else:
            values = [a.score for a in areas if a.score is not None]
        dimensions.append(
            DimensionScore(dimension.id, _mean(values), sum(a.counted for a in areas), areas)
        )
    return MatrixScore(matrix.assessed_on, matrix.assessment, tuple(dimensions))


def score_change(before: MatrixScore, after: MatrixScore) -> dict[str, float | None]:
    """Per dimension id, the follow-up's score minus the baseline's (None if either lacks one)."""
    changes: dict[str, float | None] = {}
    for dimension in after.dimensions:
        earlier = before.dimension(dimension.id)
        if earlier is None or earlier.score is None or dimension.score is None:
            changes[dimension.id] = None
        else:
            changes[dimension.id] = round(dimension.score - earlier.score, 1)
    return changes


def _mean(values: list[float]) -> float | None:
    return round(fmean(values), 1) if values else None


def load_scoring_rule(path: Path) -> ScoringRule:
    """Read ``values``, ``modules`` and ``dimension_from`` from a TOML file (all optional),
    at its top or in a ``[scoring]`` table; a broken file stops the command (exit 2)."""
    from mgi_cli.files.tomlmodel import toml_model
    from mgi_cli.files.tomlread import load_toml
    from mgi_cli.reports.scoring_rule_file import ScoringRuleFile

    data = load_toml(path)
    at = ("scoring",) if "scoring" in data else ()
    written = toml_model(
        data["scoring"] if at else data, path, ScoringRuleFile, what="scoring rule file", at=at
    )
    values = written.values
    return ScoringRule(
        # A values table lists the answers that count; the others are left out.
        ScoringRule().values
        if values is None
        else {name: getattr(values, name) for name in ANSWERS if name in values.model_fields_set},
        tuple(written.modules),
        written.dimension_from,
    )
