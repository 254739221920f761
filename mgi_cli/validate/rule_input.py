"""What every rule is given: the loaded matrix, its catalogue and the run's options."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from mgi_cli.catalogue.models import Catalogue, Indicator
from mgi_cli.matrix.indicators import effective_indicators, find_indicator
from mgi_cli.matrix.load import LoadedMatrix
from mgi_cli.matrix.models import Matrix
from mgi_cli.problems.problem import Problem, Severity
from mgi_cli.repository.settings import DEFAULT_STALE_AFTER_DAYS
from mgi_cli.suggest import Suggestions


@dataclass(frozen=True)
class ValidationOptions:
    """Settings of a validation run; ``today`` is passed in so results are reproducible."""

    today: date
    #: A reference last accessed this many days before the assessment is stale.
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    #: A follow-up should come at least this many years after its baseline.
    follow_up_min_years: int = 3


@dataclass
class RuleContext:
    loaded: LoadedMatrix
    matrix: Matrix
    catalogue: Catalogue | None
    options: ValidationOptions
    problems: list[Problem] = field(default_factory=list)
    #: The repository's root when validating in one: a baseline or context matrix
    #: leading out of it is not read.
    root: Path | None = None
    #: "Did you mean" hints, within a budget so they stay linear in the file's size.
    suggestions: Suggestions = field(default_factory=Suggestions)

    @property
    def is_draft(self) -> bool:
        return self.matrix.status == "draft"

    def report(
        self,
        path: tuple[Any, ...],
        code: str,
        message: str,
        *,
        severity: Severity = Severity.ERROR,
        key: bool = False,
        hint: str | None = None,
    ) -> None:
        indicator = str(path[1]) if len(path) >= 2 and path[0] == "answers" else None
        problem = self.loaded.parsed.problem(
            path, code, message, key=key, hint=hint, indicator=indicator, severity=severity
        )
        self.problems.append(problem)

    def completeness(self) -> Severity:
        """Gaps are warnings while the matrix is a draft and errors after."""
        return Severity.WARNING if self.is_draft else Severity.ERROR

    def indicator(self, indicator_id: str) -> Indicator | None:
        """The catalogue's indicator of that id, or one the matrix defines for its context."""
        if self.catalogue is None:
            return None
        return find_indicator(self.matrix, self.catalogue, indicator_id)

    def expected_indicators(self) -> list[Indicator]:
        """What the matrix must answer: the catalogue indicators of its declared modules
        and its context-specific ones, without those marked ``not_used``."""
        return effective_indicators(self.matrix, self.catalogue) if self.catalogue else []
