"""Rules on the post-assessment action plan: its links to indicators, its ids and its dates.

Whether an item is overdue depends on the day the plan is read, not on the data,
so it is reported by `mgi report actions` (``matrix.action_plan.overdue_items``), not here.
"""

from __future__ import annotations

from mgi_cli.problems import codes
from mgi_cli.problems.problem import Severity
from mgi_cli.validate.rule_input import RuleContext

#: Items still to be done; a due date before the assessment is odd only for these.
OPEN_STATUSES = frozenset({"planned", "in_progress"})


def check_action_plan(ctx: RuleContext) -> None:
    seen: dict[str, int] = {}
    known = [i.id for i in ctx.expected_indicators()]
    for index, item in enumerate(ctx.matrix.action_plan):
        where = ("action_plan", index)
        if item.id in seen:
            ctx.report(
                (*where, "id"),
                codes.ACTION_DUPLICATE_ID,
                f"the action plan already has an item {item.id!r} (item {seen[item.id] + 1})",
                hint="give each item its own id",
            )
        else:
            seen[item.id] = index
        if ctx.catalogue is not None:
            for position, indicator in enumerate(item.indicators):
                if ctx.indicator(indicator) is None:
                    problem = ctx.loaded.parsed.problem(
                        (*where, "indicators", position),
                        codes.ACTION_UNKNOWN_INDICATOR,
                        f"action {item.id!r} links {indicator!r}, which neither the catalogue "
                        f"{ctx.catalogue.ref} nor `context_indicators:` has",
                        hint=ctx.suggestions.did_you_mean(indicator, known),
                        indicator=indicator,
                    )
                    ctx.problems.append(problem)
        due = item.due
        if due is not None and item.status in OPEN_STATUSES and due < ctx.matrix.assessed_on:
            ctx.report(
                (*where, "due"),
                codes.ACTION_DUE_BEFORE_ASSESSMENT,
                f"action {item.id!r} is {item.status.replace('_', ' ')} but due {due}, "
                f"before the assessment ({ctx.matrix.assessed_on})",
                severity=Severity.WARNING,
                hint="check the date, or set `status: done` or `dropped`",
            )
