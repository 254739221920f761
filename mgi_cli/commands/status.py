"""`mgi status`: what remains to do in each matrix."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mgi_cli.commands.common import CatalogueOption, catalogue_library, use_color
from mgi_cli.errors import UsageError


def status(
    paths: Annotated[list[Path], typer.Argument(help="Matrix files or folders.")],
    output_format: Annotated[str, typer.Option("--format", help="text | json")] = "text",
    stale_after: Annotated[
        int, typer.Option("--stale-after", min=1, help="Days after which a reference is stale.")
    ] = 3 * 365,
    lang: Annotated[str, typer.Option("--lang", help="Dimension names: en | fr | es")] = "en",
    catalogue: CatalogueOption = None,
) -> None:
    """Show progress: answered, unreviewed, unreferenced and stale, per dimension."""
    from mgi_cli.authoring.status import status_paths
    from mgi_cli.authoring.status_report import write_json, write_text
    from mgi_cli.validate.context import ValidationOptions

    if output_format not in ("text", "json"):
        raise UsageError(f"unknown --format {output_format!r}; use text or json")
    options = ValidationOptions(today=date.today(), stale_after_days=stale_after)
    statuses, problems = status_paths(paths, catalogue_library(catalogue), options, lang)
    if output_format == "json":
        write_json(statuses, sys.stdout)
    else:
        write_text(statuses, sys.stdout, rich=use_color(sys.stdout))
    for problem in problems:
        sys.stderr.write(f"{problem.path}: {problem.severity} {problem.code} {problem.message}\n")
    raise typer.Exit(1 if any(s.matrix is None for s in statuses) else 0)


def register(app: typer.Typer) -> None:
    app.command()(status)
