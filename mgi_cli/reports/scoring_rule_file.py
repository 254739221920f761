"""The keys of a scoring rule file (``mgi report score --config``) as a pydantic model.

``scoring.load_scoring_rule`` reads a file through it (mgi_cli/files/tomlmodel.py), so an
unknown key or a wrong value is reported like a matrix's: its line, the key path and a
"did you mean".
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from mgi_cli.reports.scoring import DimensionFrom, ScoringRule

#: A key left out keeps the default rule's value.
_DEFAULT = ScoringRule()


class _Table(BaseModel):
    # strict: `yes = true` is a mistake in a table of points, not 1.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Values(_Table):
    """Points for each standard answer; an answer not listed is left out."""

    yes: float | None = None
    partial: float | None = None
    no: float | None = None
    not_applicable: float | None = None


class ScoringRuleFile(_Table):
    #: None: the default points (yes 100, partial 50, no 0).
    values: Values | None = None
    modules: list[str] = Field(default_factory=lambda: list(_DEFAULT.modules))
    dimension_from: DimensionFrom = _DEFAULT.dimension_from
