"""From command-line arguments to a Diff: read both sides, validate them, compare."""

from __future__ import annotations

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.diff.compare import diff_matrices
from mgi_cli.diff.model import Diff
from mgi_cli.diff.sides import SideSpec, load_side, parse_side
from mgi_cli.errors import MgiError, UsageError
from mgi_cli.matrix.load import LoadedMatrix
from mgi_cli.problems import codes
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
    return diff_matrices(
        old.matrix,
        new.matrix,
        old.catalogue,
        new.catalogue,
        baseline_path=base_spec.display,
        follow_up_path=follow_spec.display,
        include_unchanged=include_unchanged,
        dimension=dimension,
    )


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
