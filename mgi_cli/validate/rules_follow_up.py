"""Rules linking a follow-up assessment to its baseline."""

from __future__ import annotations

import stat
from pathlib import Path

from mgi_cli.matrix.load import load_matrix
from mgi_cli.matrix.models import Matrix
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Severity
from mgi_cli.validate.rule_input import RuleContext


def baseline_path(matrix_path: Path, baseline: str) -> Path:
    """The baseline file a follow-up names, relative to the follow-up's folder."""
    return matrix_path.parent / baseline


def _unreadable(target: Path) -> str | None:
    """Why ``target`` is not read as the baseline; None for a regular file.

    Only regular files are read: /dev/zero or a pipe would never end. Asked once of the
    file system, which may refuse the name itself (too long, say): that is a reason too.
    """
    try:
        mode = target.stat().st_mode
    except OSError as error:
        if isinstance(error, FileNotFoundError | NotADirectoryError):
            return f"does not exist (looked for {target})"
        return f"cannot be read: {error.strerror or error}"
    if stat.S_ISDIR(mode):
        return "is a folder, not a matrix file"
    if not stat.S_ISREG(mode):
        return "is a device, pipe or socket, not a matrix file; it was not read"
    return None


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
    target = baseline_path(ctx.loaded.path, matrix.baseline)
    reason = _unreadable(target)
    if reason is not None:
        ctx.report(
            ("baseline",), codes.BASELINE_UNREADABLE, f"the baseline {matrix.baseline!r} {reason}"
        )
        return
    base = load_matrix(target)
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
