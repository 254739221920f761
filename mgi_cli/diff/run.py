"""From command-line arguments to a Diff: read both sides, validate them, compare."""

from __future__ import annotations

import os

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.diff.compare import diff_matrices
from mgi_cli.diff.model import Diff
from mgi_cli.diff.sides import SideSpec, load_side, parse_side
from mgi_cli.errors import MgiError, UsageError
from mgi_cli.matrix.load import LoadedMatrix
from mgi_cli.matrix.models import Matrix
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, Severity
from mgi_cli.validate.gate import Checked, check, require_valid
from mgi_cli.validate.rule_input import ValidationOptions

#: Follow-up rules that read the baseline from the work tree: for a side read at a git
#: revision they would judge another file than the one compared, so they are left out.
_WORK_TREE_CODES = frozenset(
    {
        codes.BASELINE_UNREADABLE,
        codes.BASELINE_MISMATCH,
        codes.BASELINE_NOT_EARLIER,
        codes.BASELINE_TOO_RECENT,
    }
)


def diff_arguments(
    first: str,
    second: str | None,
    library: CatalogueLibrary,
    options: ValidationOptions,
    *,
    include_unchanged: bool = False,
    dimension: str | None = None,
) -> Diff:
    """``mgi diff BASELINE FOLLOW_UP`` or ``mgi diff FOLLOW_UP`` (baseline from its file).

    Raises ``MgiError`` with every validation error of either file, ``Refused`` for
    matrices that cannot be compared, ``UsageError`` for missing files or revisions.
    """
    follow_spec = parse_side(second if second is not None else first)
    follow = load_side(follow_spec)
    if second is not None:
        base_spec = parse_side(first)
    else:
        base_spec = follow_spec.sibling(_baseline_of(follow, follow_spec))
    base = load_side(base_spec)
    old, new = require_valid(
        [
            _checked(base, base_spec, library, options),
            _checked(follow, follow_spec, library, options),
        ],
        library,
        refusal="cannot compare: the matrices have problems (see `mgi validate`)",
    )
    diff = diff_matrices(
        old.matrix,
        new.matrix,
        old.catalogue,
        new.catalogue,
        baseline_path=base_spec.display,
        follow_up_path=follow_spec.display,
        include_unchanged=include_unchanged,
        dimension=dimension,
    )
    warning = reversed_sides(old.matrix, new.matrix, base_spec, follow_spec)
    if warning is not None:
        diff.problems.append(warning)
        diff.reversed = True
    return diff


def reversed_sides(
    first: Matrix, second: Matrix, first_spec: SideSpec, second_spec: SideSpec
) -> Problem | None:
    """A warning when the first matrix looks like the later one: assessed after the second,
    or naming the second as its ``baseline:``. None when the order is right or unknown."""
    named = first.baseline is not None and _same_file(
        first_spec.sibling(first.baseline), second_spec
    )
    if first.assessed_on <= second.assessed_on and not named:
        return None
    why = (
        f"it names {second_spec.display} as its baseline"
        if named
        else f"it was assessed on {first.assessed_on.isoformat()}, after "
        f"{second_spec.display} ({second.assessed_on.isoformat()})"
    )
    return Problem(
        path=first_spec.display,
        code=codes.DIFF_REVERSED,
        message=f"the sides look reversed: {why}; the changes are shown from the first to the "
        "second, labelled by date (give the baseline first: mgi diff BASELINE FOLLOW_UP)",
        severity=Severity.WARNING,
    )


def _same_file(one: SideSpec, other: SideSpec) -> bool:
    if one.rev != other.rev:
        return False
    return os.path.normpath(one.path.absolute()) == os.path.normpath(other.path.absolute())


def _baseline_of(loaded: LoadedMatrix, spec: SideSpec) -> str:
    matrix = loaded.matrix
    if matrix is not None and matrix.baseline:
        return matrix.baseline
    if matrix is None:
        raise MgiError(f"{spec.display} cannot be read as a matrix", problems=loaded.problems)
    raise UsageError(
        f"{spec.display} names no baseline (it is a {matrix.assessment}); "
        "give both files: mgi diff BASELINE FOLLOW_UP"
    )


def _checked(
    loaded: LoadedMatrix, spec: SideSpec, library: CatalogueLibrary, options: ValidationOptions
) -> Checked:
    return check(loaded, library, options, ignore=_WORK_TREE_CODES if spec.rev else frozenset())
