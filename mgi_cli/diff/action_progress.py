"""Whether the indicators an action item addresses moved between a baseline and its
follow-up: worked out from the diff, for `mgi diff`, `mgi report actions` and profiles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mgi_cli.matrix.models import ActionItem, Matrix

if TYPE_CHECKING:
    from mgi_cli.diff.model import Diff


@dataclass(frozen=True)
class ActionProgress:
    """Whether the indicators an action item addresses moved between two assessments."""

    item: str
    #: Each linked indicator with its diff direction (progress | regression | neutral),
    #: or None when the diff does not compare it.
    indicators: tuple[tuple[str, str | None], ...]
    #: What happened to them: progressed | regressed | mixed | unchanged | not_compared.
    outcome: str

    def as_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "indicators": [{"indicator": i, "direction": d} for i, d in self.indicators],
            "outcome": self.outcome,
        }


def action_progress(diff: Diff, items: Matrix | Iterable[ActionItem]) -> list[ActionProgress]:
    """For each item (of the plan made after the baseline, usually), what its indicators did.

    An indicator the catalogue renumbered is found through ``replaced_from``. Build the
    diff with unchanged indicators included: one missing from ``diff.changes`` is
    ``not_compared``.
    """
    plan = items.action_plan if isinstance(items, Matrix) else list(items)
    directions: dict[str, str] = {}
    for change in diff.changes:
        directions[change.indicator] = change.direction
        if change.replaced_from:
            directions.setdefault(change.replaced_from, change.direction)
    result = []
    for item in plan:
        linked = tuple((i, directions.get(i)) for i in item.indicators)
        result.append(ActionProgress(item.id, linked, _outcome([d for _, d in linked])))
    return result


def _outcome(directions: list[str | None]) -> str:
    known = [d for d in directions if d is not None]
    if not known:
        return "not_compared"
    up, down = "progress" in known, "regression" in known
    if up and down:
        return "mixed"
    return "progressed" if up else "regressed" if down else "unchanged"
