"""Rules linking a follow-up assessment to its baseline."""

from __future__ import annotations

from pathlib import Path

from mgi_cli.files.read import Unread
from mgi_cli.matrix.linked import load_linked
from mgi_cli.matrix.models import Matrix
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Severity
from mgi_cli.validate.rule_input import RuleContext


def _unreadable(refused: Unread, target: Path) -> str:
    """Why the baseline was not read, after "the baseline 'NAME' "."""
    if refused.kind == "missing":
        return f"does not exist (looked for {target})"
    if refused.kind == "folder":
        return "is a folder, not a matrix file"
    if refused.kind == "special":
        return "is a device, pipe or socket, not a matrix file; it was not read"
    return f"cannot be read: {refused.reason}"


def check_follow_up(ctx: RuleContext) -> None:
    matrix = ctx.matrix
    if matrix.assessment != "follow_up":
        return
    if not matrix.baseline:
        ctx.report(
            ("assessment",),
            codes.BASELINE_MISSING,
            "a follow_up must name its baseline matrix",
            hint="add `baseline: <path of the earlier matrix, relative to this file>`",
        )
        return
    linked = load_linked(ctx.loaded.path, matrix.baseline, root=ctx.root)
    target, base = linked.path, linked.loaded
    if isinstance(base, Unread) and base.kind == "outside":
        ctx.report(
            ("baseline",),
            codes.BASELINE_OUTSIDE_REPOSITORY,
            f"the baseline {matrix.baseline!r} leads outside the repository; it was not read",
            hint="name a matrix inside the repository, relative to this file, "
            "e.g. 2018-baseline.yaml",
        )
        return
    if isinstance(base, Unread):
        reason = _unreadable(base, target)
        ctx.report(
            ("baseline",), codes.BASELINE_UNREADABLE, f"the baseline {matrix.baseline!r} {reason}"
        )
        return
    if base.matrix is None:
        first = base.problems[0] if base.problems else None
        line = f" (line {first.line})" if first and first.line is not None else ""
        detail = f": {first.message}{line}" if first else ""
        ctx.report(
            ("baseline",),
            codes.BASELINE_UNREADABLE,
            f"the baseline {matrix.baseline!r} cannot be read as a matrix{detail}",
            hint=f"run `mgi validate {target}`",
        )
        return
    _compare(ctx, base.matrix)


def _compare(ctx: RuleContext, base: Matrix) -> None:
    matrix = ctx.matrix
    fields = ["country", "level"]
    if matrix.level == base.level == "local":  # a national matrix has no locality to match
        fields.append("locality")
    for field in fields:
        mine, theirs = getattr(matrix, field), getattr(base, field)
        if mine != theirs:
            ctx.report(
                ("baseline",),
                codes.BASELINE_MISMATCH,
                f"the baseline is for {field} {theirs!r}, this matrix for {mine!r}",
            )
    if base.assessed_on >= matrix.assessed_on:
        ctx.report(
            ("baseline",),
            codes.BASELINE_NOT_EARLIER,
            f"the baseline was assessed on {base.assessed_on}, not before this follow-up "
            f"({matrix.assessed_on})",
        )
        return
    years = ctx.options.follow_up_min_years
    try:
        due = base.assessed_on.replace(year=base.assessed_on.year + years)
    except ValueError:  # 29 February
        due = base.assessed_on.replace(year=base.assessed_on.year + years, day=28)
    if matrix.assessed_on < due:
        ctx.report(
            ("baseline",),
            codes.BASELINE_TOO_RECENT,
            f"the baseline ({base.assessed_on}) is less than {years} years before this "
            f"follow-up ({matrix.assessed_on})",
            severity=Severity.WARNING,
        )
