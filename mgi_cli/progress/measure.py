"""`mgi status`: how far each matrix has got, overall and per dimension.

Stale references are those `mgi validate` reports as ``stale-reference`` (same rule,
same ``--stale-after`` threshold); answers without references are those the
``missing-reference`` rule asks a source for (a yes or partial answer) and that have none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, Severity, shown_path

if TYPE_CHECKING:
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.catalogue.models import Catalogue, Indicator
    from mgi_cli.matrix.models import ActionItem, Answer, Matrix
    from mgi_cli.validate.rule_input import ValidationOptions


@dataclass
class Tally:
    answered: int = 0
    total: int = 0
    unreviewed: int = 0
    without_references: int = 0
    stale_references: int = 0

    def add(self, other: Tally) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)


@dataclass
class DimensionStatus:
    id: str
    name: str
    tally: Tally = field(default_factory=Tally)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, **asdict(self.tally)}


@dataclass
class MatrixStatus:
    path: str
    matrix: Matrix | None = None
    tally: Tally = field(default_factory=Tally)
    dimensions: list[DimensionStatus] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    last_accessed: date | None = None
    #: Why the file could not be read as a matrix.
    error: str | None = None
    #: The open items of the action plan past their due date, and the day they were
    #: judged on (the validation options' ``today``).
    overdue: list[ActionItem] = field(default_factory=list)
    today: date | None = None
    #: Authored texts missing in a language the matrix's texts use (matrix/texts.py).
    untranslated: list[tuple[str, list[str]]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        if self.matrix is None:
            return {"path": self.path, "error": self.error}
        m = self.matrix
        return {
            "path": self.path,
            "country": m.country,
            "level": m.level,
            "locality": m.locality,
            "assessment": m.assessment,
            "status": m.status,
            "assessed_on": m.assessed_on.isoformat(),
            "catalogue": m.catalogue,
            "baseline": m.baseline,
            **asdict(self.tally),
            "errors": self.errors,
            "warnings": self.warnings,
            "last_accessed": self.last_accessed.isoformat() if self.last_accessed else None,
            "dimensions": [d.as_json() for d in self.dimensions],
            "overdue_actions": [self._overdue_json(i) for i in self.overdue],
            "untranslated": [{"text": t, "missing": m} for t, m in self.untranslated],
        }

    def days_overdue(self, item: ActionItem) -> int:
        return (self.today - item.due).days if self.today and item.due else 0

    def _overdue_json(self, item: ActionItem) -> dict[str, Any]:
        return {
            "id": item.id,
            "indicators": list(item.indicators),
            "action": item.action,
            "responsible": item.responsible,
            "due": item.due.isoformat() if item.due else None,
            "status": item.status,
            "days_overdue": self.days_overdue(item),
        }


def status_paths(
    paths: list[Path],
    library: CatalogueLibrary,
    options: ValidationOptions,
    lang: str = "en",
    *,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
) -> tuple[list[MatrixStatus], list[Problem]]:
    """The status of every matrix under ``paths``; ``select``/``ignore`` (mgi.toml's)
    narrow the problem codes counted, as they do `mgi validate`'s."""
    from mgi_cli.validate.discover import expand_paths

    files, problems = expand_paths(paths)
    statuses = [
        matrix_status(f, library, options, lang, select=select, ignore=ignore) for f in files
    ]
    return statuses, problems


def matrix_status(
    path: Path,
    library: CatalogueLibrary,
    options: ValidationOptions,
    lang: str = "en",
    *,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
) -> MatrixStatus:
    from mgi_cli.errors import CatalogueError
    from mgi_cli.validate.gate import load_checked

    checked = load_checked(path, library, options)
    loaded, problems = checked.loaded, checked.problems
    result = MatrixStatus(shown_path(path), loaded.matrix)
    counted = [p for p in problems if (not select or p.code in select) and p.code not in ignore]
    result.errors = sum(p.severity is Severity.ERROR for p in counted)
    result.warnings = len(counted) - result.errors
    if loaded.matrix is None:
        first = next(iter(checked.errors), None)
        result.error = first.message if first else "not a matrix"
        return result
    try:
        catalogue = library.get(loaded.matrix.catalogue)
    except CatalogueError:
        catalogue = None
    from mgi_cli.matrix.action_plan import overdue_items
    from mgi_cli.matrix.texts import untranslated

    result.today = options.today
    result.untranslated = untranslated(loaded.matrix)
    result.overdue = overdue_items(loaded.matrix, options.today)
    stale = Counter(p.indicator for p in problems if p.code == codes.STALE_REFERENCE)
    _count(result, loaded.matrix, catalogue, stale, lang)
    return result


def _count(
    result: MatrixStatus,
    matrix: Matrix,
    catalogue: Catalogue | None,
    stale: Counter[str | None],
    lang: str,
) -> None:
    from mgi_cli.catalogue.view import localized
    from mgi_cli.matrix.indicators import effective_indicators

    accessed = [r.accessed for a in matrix.answers.values() if a for r in a.references]
    result.last_accessed = max((d for d in accessed if d), default=None)
    if catalogue is None:  # no catalogue: what the file itself shows
        for indicator_id, entry in matrix.answers.items():
            result.tally.add(_tally(entry, None, None, stale[indicator_id]))
        return
    by_dimension = {
        d.id: DimensionStatus(d.id, localized(d.short_name, lang)) for d in catalogue.dimensions
    }
    # The catalogue's indicators of the declared modules but those `not_used`, then the
    # matrix's own context-specific indicators.
    for indicator in effective_indicators(matrix, catalogue):
        entry = matrix.answers.get(indicator.id)
        tally = _tally(entry, catalogue, indicator, stale[indicator.id])
        by_dimension.setdefault(indicator.dimension, DimensionStatus(indicator.dimension, ""))
        by_dimension[indicator.dimension].tally.add(tally)
        result.tally.add(tally)
    result.dimensions = [d for d in by_dimension.values() if d.tally.total]


def _tally(
    entry: Answer | None, catalogue: Catalogue | None, indicator: Indicator | None, stale: int
) -> Tally:
    tally = Tally(total=1, stale_references=stale)
    if entry is None:
        return tally
    tally.unreviewed = int(not entry.reviewed)
    if entry.answer is None:
        return tally
    tally.answered = 1
    if catalogue is not None and indicator is not None and not entry.references:
        counts = {c.id: c.counts_as for c in catalogue.scale_of(indicator)}
        tally.without_references = int(counts.get(entry.answer) in ("yes", "partial"))
    return tally
