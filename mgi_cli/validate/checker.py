"""Validate one matrix file: load it, then run every rule, collecting all problems."""

from __future__ import annotations

from pathlib import Path

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.errors import CatalogueError
from mgi_cli.matrix.load import LoadedMatrix, load_matrix
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem
from mgi_cli.validate.rule_input import RuleContext, ValidationOptions
from mgi_cli.validate.rules_action_plan import check_action_plan
from mgi_cli.validate.rules_answers import check_answers, check_references
from mgi_cli.validate.rules_follow_up import check_follow_up
from mgi_cli.validate.rules_local import check_context
from mgi_cli.validate.rules_metadata import check_catalogue_choice, check_metadata
from mgi_cli.validate.rules_process import check_process
from mgi_cli.validate.rules_texts import check_texts

RULES = (
    check_metadata,
    check_catalogue_choice,
    check_answers,
    check_references,
    check_follow_up,
    check_action_plan,
    check_context,
    check_texts,
    check_process,
)


def validate_file(
    path: Path, library: CatalogueLibrary, options: ValidationOptions, display: str | None = None
) -> list[Problem]:
    return validate_loaded(load_matrix(path, display), library, options)


def validate_loaded(
    loaded: LoadedMatrix,
    library: CatalogueLibrary,
    options: ValidationOptions,
    root: Path | None = None,
) -> list[Problem]:
    """Every problem of the loaded matrix; in a repository (``root``) a baseline or
    context matrix leading out of it is reported, not read."""
    problems = list(loaded.problems)
    matrix = loaded.matrix
    if matrix is None:
        return sorted(problems, key=Problem.sort_key)
    ctx = RuleContext(loaded, matrix, None, options, root=root)
    try:
        ctx.catalogue = library.get(matrix.catalogue)
    except CatalogueError as error:
        ctx.report(("catalogue",), codes.CATALOGUE_INVALID, f"{error.message}")
        problems.extend(error.problems)
    else:
        if ctx.catalogue is None:
            known = ", ".join(library.known()) or "none"
            ctx.report(
                ("catalogue",),
                codes.UNKNOWN_CATALOGUE,
                f"mgi does not have the catalogue {matrix.catalogue!r}",
                hint=f"installed: {known}; pass another with --catalogue FILE",
            )
    for rule in RULES:
        rule(ctx)
    problems.extend(ctx.problems)
    return sorted(problems, key=Problem.sort_key)
