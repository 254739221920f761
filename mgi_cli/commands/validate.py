"""`mgi validate`: the gate for every change to a matrix."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mgi_cli.commands.common import CatalogueOption, catalogue_library, use_color
from mgi_cli.errors import UsageError


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Matrix files or folders; none: the repository's matrices/."),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option("--format", help="text | json | github | auto (github under GitHub Actions)."),
    ] = "auto",
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    catalogue: CatalogueOption = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Parallel processes (default: cores).")
    ] = None,
    stale_after: Annotated[
        int, typer.Option("--stale-after", min=1, help="Days after which a reference is stale.")
    ] = 3 * 365,
) -> None:
    """Check matrices: format, answers, justifications, references, follow-up links."""
    from mgi_cli.reporters import REPORTERS, resolve_format
    from mgi_cli.validate.context import ValidationOptions
    from mgi_cli.validate.run import default_jobs, validate_paths

    fmt = resolve_format(output_format, github_actions=os.environ.get("GITHUB_ACTIONS") == "true")
    if fmt not in REPORTERS:
        raise UsageError(f"unknown --format {output_format!r}; use text, json, github or auto")
    targets = paths or _repository_matrices()
    options = ValidationOptions(today=date.today(), stale_after_days=stale_after)
    report = validate_paths(
        targets, catalogue_library(catalogue), options,
        jobs=jobs or default_jobs(), strict=strict,
    )  # fmt: skip
    REPORTERS[fmt](report, sys.stdout, use_color(sys.stdout))
    raise typer.Exit(0 if report.ok else 1)


def _repository_matrices() -> list[Path]:
    from mgi_cli.repository import find_root

    root = find_root(Path.cwd())
    if root is None:
        raise UsageError(
            "no PATH given and no matrices repository here (a folder with mgi.toml or .git)"
        )
    folder = root / "matrices"
    if not folder.is_dir():
        raise UsageError(f"{root} has no matrices/ folder")
    return [folder]


def register(app: typer.Typer) -> None:
    app.command()(validate)
