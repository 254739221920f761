"""The post-assessment action plan: which items are overdue, whether their indicators
progressed by the follow-up, and `mgi report actions`.

``overdue_items`` and ``action_progress`` are small core functions for `mgi status`,
the government profile and `mgi diff` to use; ``today`` is always passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from mgi_cli.errors import Refused
from mgi_cli.matrix.models import ActionItem, Matrix
from mgi_cli.reports.common import ReportSource
from mgi_cli.reports.labels import label

if TYPE_CHECKING:
    from mgi_cli.diff.model import Diff

OPEN = ("planned", "in_progress")
ACTION_STATUSES = ("planned", "in_progress", "done", "dropped")
#: What happened to an item's indicators between the baseline and the follow-up.
OUTCOMES = ("progressed", "regressed", "mixed", "unchanged", "not_compared")


def is_overdue(item: ActionItem, today: date) -> bool:
    """Still open (planned or in progress) and due before ``today``."""
    return item.status in OPEN and item.due is not None and item.due < today


def overdue_items(matrix: Matrix, today: date) -> list[ActionItem]:
    """The open items of the matrix's plan that are past their due date, earliest first."""
    late = [i for i in matrix.action_plan if is_overdue(i, today)]
    return sorted(late, key=lambda i: (i.due or today, i.id))


@dataclass(frozen=True)
class ActionProgress:
    """Whether the indicators an action item addresses moved between two assessments."""

    item: str
    #: Each linked indicator with its diff direction (progress | regression | neutral),
    #: or None when the diff does not compare it.
    indicators: tuple[tuple[str, str | None], ...]
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


def actions_report(source: ReportSource, today: date, lang: str) -> dict[str, Any]:
    """Every item the audience may see. The plan of a restricted matrix is not public;
    public output of a public one leaves out items that touch a restricted answer.
    Working ``notes:`` never appear in any output, as for answers."""
    public = source.disclosure.is_public
    if public and source.matrix.confidentiality == "restricted":
        raise Refused(
            "the action plan of a matrix with `confidentiality: restricted` is for the "
            "authorities; use --audience government"
        )
    hidden = source.disclosure.restricted if public else frozenset()
    known = {i.id: i for i in source.indicators()}
    rows = []
    for item in source.matrix.action_plan:
        if hidden.intersection(item.indicators):
            continue
        late = is_overdue(item, today)
        rows.append(
            {
                "id": item.id,
                "action": item.action,
                "responsible": item.responsible,
                "due": item.due.isoformat() if item.due else None,
                "status": item.status,
                "status_label": label(f"action_{item.status}", lang),
                "overdue": late,
                "days_overdue": (today - item.due).days if late and item.due else 0,
                "indicators": [source.row(known[i], lang) for i in item.indicators if i in known],
                "progress": item.progress,
            }
        )
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ACTION_STATUSES}
    return {
        "report": "actions",
        **source.header(),
        "today": today.isoformat(),
        "counts": counts,
        "overdue": sum(1 for r in rows if r["overdue"]),
        "left_out": len(source.matrix.action_plan) - len(rows),
        "actions": rows,
    }
