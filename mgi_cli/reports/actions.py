"""`mgi report actions`: the post-assessment action plan as its audience may see it.

Which items are overdue is ``matrix.action_plan``; whether their indicators moved is
``diff.action_progress``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from mgi_cli.errors import Refused
from mgi_cli.matrix.action_plan import ACTION_STATUSES, is_overdue
from mgi_cli.output.i18n import translations
from mgi_cli.reports.common import ReportSource


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
    names = status_names(lang)
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
                "status_label": names[item.status],
                "overdue": late,
                "days_overdue": (today - item.due).days if late and item.due else 0,
                "indicators": [source.row(known[i], lang) for i in item.indicators if i in known],
                "progress": item.progress,
            }
        )
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ACTION_STATUSES}
    return {
        "report": "actions",
        **source.header(lang),
        "today": today.isoformat(),
        "counts": counts,
        "overdue": sum(1 for r in rows if r["overdue"]),
        "left_out": len(source.matrix.action_plan) - len(rows),
        "actions": rows,
    }


def status_names(lang: str) -> dict[str, str]:
    """The names of an action's statuses (``ACTION_STATUSES``) in ``lang``."""
    tr = translations(lang)
    return {
        "planned": tr.gettext("Planned"),
        "in_progress": tr.gettext("In progress"),
        "done": tr.gettext("Done"),
        "dropped": tr.gettext("Dropped"),
    }
