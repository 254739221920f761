"""`mgi export`: a matrix as a spreadsheet to fill in or share with the team."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mgi_cli.commands.common import CatalogueOption, catalogue_library
from mgi_cli.errors import MgiError, UsageError

FORMATS = ("xlsx", "csv")


def export(
    matrix: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="The matrix file.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            dir_okay=False,
            help="The spreadsheet to write (replaced if it exists).",
        ),
    ],
    output_format: Annotated[
        str | None,
        typer.Option("--format", help="xlsx | csv (default: from the OUTPUT suffix)."),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the questions and names: en | fr | es")
    ] = "en",
    catalogue: CatalogueOption = None,
) -> None:
    """Write a matrix as a spreadsheet: one row per indicator, metadata apart."""
    from mgi_cli.files.atomic import write_atomic
    from mgi_cli.matrix.load import load_matrix
    from mgi_cli.problems.problem import Severity
    from mgi_cli.spreadsheet.exporter import export_csv, export_xlsx

    fmt = output_format or output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; use xlsx or csv")
    loaded = load_matrix(matrix)
    errors = [p for p in loaded.problems if p.severity is Severity.ERROR]
    if loaded.matrix is None or errors:
        raise MgiError(f"{matrix} cannot be exported until these are fixed", problems=errors)
    library = catalogue_library(catalogue)
    cat = library.get(loaded.matrix.catalogue)
    if cat is None:
        raise MgiError(
            f"mgi does not have the catalogue {loaded.matrix.catalogue!r}; "
            "pass its file with --catalogue FILE"
        )
    write = export_xlsx if fmt == "xlsx" else export_csv
    write_atomic(output, write(loaded.matrix, cat, lang))
    sys.stdout.write(f"wrote {output}\n")


def register(app: typer.Typer) -> None:
    app.command()(export)
