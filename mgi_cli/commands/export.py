"""`mgi export`: a matrix as a spreadsheet to fill in or share with the team."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mgi_cli.choices import DEFAULT_LANG, Lang, SheetFormat
from mgi_cli.commands.common import (
    CatalogueOption,
    catalogue_library,
    settings_here,
    with_settings,
)
from mgi_cli.errors import MgiError, UsageError


def export(
    matrix: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="The matrix file.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            dir_okay=False,
            metavar="FILE",
            help="The spreadsheet to write (replaced if it exists).",
        ),
    ],
    output_format: Annotated[
        SheetFormat | None,
        typer.Option("--format", help="The spreadsheet's format (default: the OUTPUT suffix)."),
    ] = None,
    lang: Annotated[
        Lang,
        typer.Option(
            "--lang",
            help="Language of the questions and names, and of the finding column beside "
            "the justification (findings in other languages follow at the end).",
        ),
    ] = DEFAULT_LANG,
    catalogue: CatalogueOption = None,
) -> None:
    """Write a matrix as a spreadsheet: one row per indicator, metadata apart."""
    from mgi_cli.files.atomic import write_atomic
    from mgi_cli.matrix.load import load_matrix
    from mgi_cli.problems.problem import Severity, shown_path
    from mgi_cli.spreadsheet.exporter import export_csv, export_xlsx

    fmt = output_format or _format_of(output)
    loaded = load_matrix(matrix)
    errors = [p for p in loaded.problems if p.severity is Severity.ERROR]
    if loaded.matrix is None or errors:
        raise MgiError(
            f"{shown_path(matrix)} cannot be exported until these are fixed", problems=errors
        )
    library = catalogue_library(with_settings(settings_here([matrix]), catalogue))
    cat = library.get(loaded.matrix.catalogue)
    if cat is None:
        raise MgiError(
            f"mgi does not have the catalogue {loaded.matrix.catalogue!r}; "
            "pass its file with --catalogue FILE"
        )
    write = export_xlsx if fmt is SheetFormat.XLSX else export_csv
    write_atomic(output, write(loaded.matrix, cat, lang, library.file_of(cat.ref)))
    sys.stdout.write(f"wrote {shown_path(output)}\n")


def _format_of(output: Path) -> SheetFormat:
    """The format OUTPUT's suffix names; Typer checks only a --format given."""
    suffix = output.suffix.lower().lstrip(".")
    try:
        return SheetFormat(suffix)
    except ValueError:
        choices = " or ".join(SheetFormat)
        raise UsageError(f"unknown --format {suffix!r}; use {choices}") from None


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.help import Command, examples

    epilog = examples(
        "mgi export matrices/XAM/2026-follow_up.yaml -o xam-2026.xlsx",
        "mgi export matrices/XAM/2026-follow_up.yaml -o xam-2026.csv --lang fr",
    )
    app.command(cls=Command, epilog=epilog)(export)
