"""The post-assessment action plan as the matrix holds it: which items are still open,
which are overdue. ``today`` is always passed in, so the answer never depends on the clock.
"""

from __future__ import annotations

from datetime import date

from mgi_cli.matrix.models import ActionItem, Matrix

OPEN = ("planned", "in_progress")
ACTION_STATUSES = ("planned", "in_progress", "done", "dropped")


def is_overdue(item: ActionItem, today: date) -> bool:
    """Still open (planned or in progress) and due before ``today``."""
    return item.status in OPEN and item.due is not None and item.due < today


def overdue_items(matrix: Matrix, today: date) -> list[ActionItem]:
    """The open items of the matrix's plan that are past their due date, earliest first."""
    late = [i for i in matrix.action_plan if is_overdue(i, today)]
    return sorted(late, key=lambda i: (i.due or today, i.id))
