"""`mgi diff`: what changed between a baseline and its follow-up assessment."""

import io
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mgi_cli.choices import DiffFormat, DiffOnly, FailOn
from mgi_cli.commands.common import (
    CatalogueOption,
    ColorOption,
    catalogue_library,
    settings_here,
    use_color,
    with_settings,
)
from mgi_cli.errors import UsageError


def diff(
    sides: Annotated[
        list[str],
        typer.Argument(
            metavar="[BASELINE] FOLLOW_UP",
            help="Matrix files, each PATH or PATH@REV; with FOLLOW_UP alone, the baseline is "
            "the file its `baseline:` names (at the same REV).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        DiffFormat, typer.Option("--format", help="The output's format.")
    ] = DiffFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, metavar="FILE", help="Write to this file."),
    ] = None,
    only: Annotated[
        DiffOnly | None,
        typer.Option(
            "--only",
            help="changed: hide unchanged indicators; answers: only changes of answers.",
        ),
    ] = None,
    dimension: Annotated[
        str | None, typer.Option("--dimension", metavar="ID", help="Only this dimension, e.g. D1.")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="regression: exit 1 if any answer regressed."),
    ] = None,
    catalogue: CatalogueOption = None,
    color: ColorOption = None,  # noqa: ARG001 (its callback records it: common.use_color)
) -> None:
    """Compare a follow-up assessment with its baseline, indicator by indicator.

    mgi diff BASELINE FOLLOW_UP, or mgi diff FOLLOW_UP (the baseline its file names).
    Either side may be a file at a git revision, PATH@REV (e.g. matrices/XAM/2022.yaml@main),
    read through git without touching the work tree.
    """
    from mgi_cli.diff.output import DIFF_REPORTERS
    from mgi_cli.diff.run import diff_arguments
    from mgi_cli.validate.rule_input import ValidationOptions

    if len(sides) > 2:
        raise UsageError("give at most two matrices: [BASELINE] FOLLOW_UP")
    if output is not None and not output.absolute().parent.is_dir():
        raise UsageError(f"{output.parent}: no such folder for the output")
    first, second = sides[0], (sides[1] if len(sides) == 2 else None)
    result = diff_arguments(
        first,
        second,
        catalogue_library(with_settings(settings_here(), catalogue)),
        ValidationOptions(today=date.today()),
        include_unchanged=only is None,
        dimension=dimension,
    )
    for problem in result.problems:  # the sides look reversed: said, not refused
        sys.stderr.write(f"{problem.path}: {problem.severity} {problem.code} {problem.message}\n")
    if only is DiffOnly.ANSWERS:
        result = result.only_answers()
    reporter = DIFF_REPORTERS[output_format]
    if output is None:
        reporter(result, sys.stdout, use_color(sys.stdout))
    else:
        buffer = io.StringIO()
        reporter(result, buffer, False)
        write_atomic(output, buffer.getvalue())
    if fail_on is FailOn.REGRESSION and result.has_regression:
        sys.stderr.write(f"mgi: {result.regressed} indicator(s) regressed\n")
        raise typer.Exit(1)


def write_atomic(path: Path, text: str) -> None:
    """The one atomic write of every command (mgi_cli/files/atomic.py): flushed to disk before
    the rename, and a read-only output is refused."""
    from mgi_cli.files.atomic import write_atomic as write

    write(path, text)


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.help import Command, examples

    epilog = examples(
        "mgi diff matrices/XAM/2022-follow_up.yaml  # against the baseline it names",
        "mgi diff matrices/XAM/2018-baseline.yaml matrices/XAM/2026-follow_up.yaml --only changed",
        "mgi diff matrices/XAM/2022-follow_up.yaml --format html -o changes.html",
    )
    app.command(cls=Command, epilog=epilog)(diff)
