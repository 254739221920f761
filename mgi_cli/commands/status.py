"""`mgi status`: what remains to do in each matrix."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from mgi_cli.choices import DEFAULT_LANG, Lang, ListingFormat
from mgi_cli.commands.common import CatalogueOption, ColorOption, catalogue_library, use_color
from mgi_cli.errors import UsageError
from mgi_cli.repository.settings import DEFAULT_STALE_AFTER_DAYS


def status(
    paths: Annotated[list[Path], typer.Argument(help="Matrix files or folders.")],
    output_format: Annotated[
        ListingFormat, typer.Option("--format", help="The output's format.")
    ] = ListingFormat.TEXT,
    stale_after: Annotated[
        int,
        typer.Option(
            "--stale-after", min=1, metavar="DAYS", help="Days after which a reference is stale."
        ),
    ] = DEFAULT_STALE_AFTER_DAYS,
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
    """Show progress: answered, unreviewed, unreferenced and stale, per dimension."""
    from mgi_cli.progress.measure import status_paths
    from mgi_cli.progress.output import write_json, write_text
    from mgi_cli.validate.rule_input import ValidationOptions

    options = ValidationOptions(today=date.today(), stale_after_days=stale_after)
    statuses, problems = status_paths(paths, catalogue_library(catalogue), options, lang)
    scores = _scores(statuses, catalogue, lang, output_format) if score else ""
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
        "mgi status matrices",
        "mgi status matrices/XAM/2026-follow_up.yaml --lang fr --score",
    )
    app.command(cls=Command, epilog=epilog)(status)
