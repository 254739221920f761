"""`mgi status`: what remains to do in each matrix."""

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from mgi_cli.choices import DEFAULT_LANG, Lang, ListingFormat
from mgi_cli.commands.common import (
    CatalogueOption,
    ColorOption,
    StaleAfterOption,
    catalogue_library,
    no_matrices_found,
    repository_here,
    repository_matrices,
    use_color,
    with_settings,
)
from mgi_cli.errors import UsageError
from mgi_cli.problems.problem import shown_path


def status(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            show_default=False,
            help="Matrix files or folders; none: the repository's matrices/.",
        ),
    ] = None,
    output_format: Annotated[
        ListingFormat, typer.Option("--format", help="The output's format.")
    ] = ListingFormat.TEXT,
    stale_after: StaleAfterOption = None,
    lang: Annotated[
        Lang, typer.Option("--lang", help="The language of dimension names.")
    ] = DEFAULT_LANG,
    catalogue: CatalogueOption = None,
    score: Annotated[
        bool,
        typer.Option(
            "--score",
            help="Also show scores of one country's own progress (text "
            "only; yes 100, partial 50, no 0; never across countries).",
        ),
    ] = False,
    color: ColorOption = None,  # noqa: ARG001 (its callback records it: common.use_color)
) -> None:
    """Show progress: answered, unreviewed, unreferenced and stale, per dimension.

    Inside a matrices repository, mgi.toml's catalogue-files, stale-after-days and
    select/ignore (the problem codes counted under "validate") apply, as for `mgi
    validate`.
    """
    from mgi_cli.progress.measure import status_paths
    from mgi_cli.progress.output import write_json, write_text
    from mgi_cli.repository.settings import RepositoryConfig
    from mgi_cli.validate.rule_input import ValidationOptions

    for path in paths or []:
        if not (path.exists() or path.is_symlink()):
            raise UsageError(f"{shown_path(path)}: no such file or folder")
    repository = repository_here(paths or [])
    config = repository.config if repository is not None else RepositoryConfig()
    targets = paths or repository_matrices(repository)
    catalogues = with_settings(config, catalogue)
    options = ValidationOptions(
        today=date.today(), stale_after_days=stale_after or config.stale_after_days
    )
    statuses, problems = status_paths(
        targets,
        catalogue_library(catalogues),
        options,
        lang,
        select=config.select,
        ignore=config.ignore,
    )
    if not (statuses or problems):
        raise no_matrices_found(targets)
    scores = _scores(statuses, catalogues, lang, output_format) if score else ""
    if output_format is ListingFormat.JSON:
        write_json(statuses, sys.stdout)
    else:
        write_text(statuses, sys.stdout, rich=use_color(sys.stdout))
        sys.stdout.write(scores)
    for problem in problems:
        sys.stderr.write(f"{problem.path}: {problem.severity} {problem.code} {problem.message}\n")
    raise typer.Exit(1 if any(s.matrix is None for s in statuses) else 0)


def _scores(statuses: list[Any], catalogue: list[Path] | None, lang: str, fmt: str) -> str:
    """The --score tables (mgi_cli/progress/scores.py); refused before any output."""
    from mgi_cli.progress.scores import status_scores

    if fmt != ListingFormat.TEXT:
        raise UsageError("--score is shown with --format text; for JSON use `mgi report score`")
    matrices = [s.matrix for s in statuses if s.matrix is not None]
    return status_scores(matrices, catalogue_library(catalogue), lang)


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.help import Command, examples

    epilog = examples(
        "mgi status  # the repository's matrices/",
        "mgi status matrices/XAM/2026-follow_up.yaml --lang fr --score",
    )
    app.command(cls=Command, epilog=epilog)(status)
