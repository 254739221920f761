"""`mgi import`: a spreadsheet back into a matrix file (`import` is a Python keyword)."""

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mgi_cli.choices import DEFAULT_LANG, Lang
from mgi_cli.commands.common import (
    CatalogueOption,
    catalogue_library,
    settings_here,
    with_settings,
)
from mgi_cli.errors import MgiError
from mgi_cli.problems import codes
from mgi_cli.problems.problem import shown_path


def import_sheet(
    sheet: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="The .xlsx or .csv file.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", dir_okay=False, metavar="FILE", help="The matrix file to write."
        ),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write onto OUTPUT if it exists: only the values the sheet changes, "
            "its comments kept.",
        ),
    ] = False,
    lang: Annotated[
        Lang, typer.Option("--lang", help="Language of the question comments.")
    ] = DEFAULT_LANG,
    catalogue: CatalogueOption = None,
) -> None:
    """Read a spreadsheet into a matrix; refused unless it validates as a draft."""
    from mgi_cli.files.atomic import write_atomic
    from mgi_cli.spreadsheet.importer import import_sheet as read_into_matrix
    from mgi_cli.validate.rule_input import ValidationOptions

    if (output.exists() or output.is_symlink()) and not force:
        raise MgiError(f"{shown_path(output)} already exists; use --force to replace it")
    options = ValidationOptions(today=date.today())
    library = catalogue_library(with_settings(settings_here([output]), catalogue))
    result = read_into_matrix(sheet, output, library, options, lang)
    errors = [p for p in result.problems if p.severity == "error"]
    # Unanswered indicators are expected in a sheet being filled in: counted, not listed.
    unanswered = sum(p.code == codes.MISSING_ANSWER for p in result.problems)
    shown = [p for p in result.problems if p.severity == "error" or p.code != codes.MISSING_ANSWER]
    if result.text is None:
        warnings = len(result.problems) - len(errors)
        raise MgiError(
            f"{shown_path(sheet)}: {len(errors)} error(s) (and {warnings} warning(s)); "
            f"{shown_path(output)} was not written",
            problems=errors,
        )
    try:  # e.g. matrices/XAM/ for a new country
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MgiError(
            f"cannot create {shown_path(output.parent)}: {error.strerror or error}"
        ) from None
    write_atomic(output, result.text, overwrite=force)
    for problem in shown:
        sys.stderr.write(f"{problem.path}: {problem.severity} {problem.code} {problem.message}\n")
    sys.stdout.write(
        f"wrote {shown_path(output)}: {result.indicators} indicator(s), "
        f"{len(result.problems)} warning(s), {unanswered} unanswered\n"
    )
    if result.errors_at_status:
        sys.stdout.write(
            f"note: the status is {result.status}, at which `mgi validate` "
            f"reports {result.errors_at_status} error(s)\n"
        )


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.help import Command, examples

    epilog = examples(
        "mgi export matrices/XAM/2026-follow_up.yaml -o xam-2026.xlsx  # filled in, then:",
        "mgi import xam-2026.xlsx -o matrices/XAM/2026-follow_up.yaml --force",
        "mgi import xam-2026.xlsx -o matrices/XAM/2030-follow_up.yaml",
    )
    app.command("import", cls=Command, epilog=epilog)(import_sheet)
