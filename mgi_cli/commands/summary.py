"""`mgi render summary`: aggregated views across a folder of matrices, naming no country.

Registered on the `render` group by ``register_summary(render_app)`` (commands/render.py).
"""

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mgi_cli.choices import DEFAULT_LANG, Audience, Lang, ReportFormat
from mgi_cli.commands.common import (
    CatalogueOption,
    catalogue_library,
    emit,
    settings_here,
    template_dir_option,
    with_settings,
)
from mgi_cli.errors import UsageError

#: Below this, one or two countries could be told apart; public output refuses it.
PUBLIC_MIN_GROUP_FLOOR = 3


def summary(
    folder: Annotated[
        Path,
        typer.Argument(
            exists=True,
            file_okay=False,
            show_default=False,
            help="A folder of matrices (searched recursively).",
        ),
    ],
    audience: Annotated[
        Audience,
        typer.Option(
            "--audience",
            help="public: validated or published matrices only, restricted answers "
            "left out | government: drafts and restricted answers counted too.",
        ),
    ] = Audience.PUBLIC,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help="The output's format.")
    ] = ReportFormat.MD,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", dir_okay=False, metavar="FILE", help="Write here (default: stdout)."
        ),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="The summary's language.")] = DEFAULT_LANG,
    min_group: Annotated[
        int,
        typer.Option(
            "--min-group",
            min=1,
            metavar="N",
            help="Suppress every figure drawn from fewer countries than this.",
        ),
    ] = 5,
    include_restricted: Annotated[
        bool,
        typer.Option(
            "--include-restricted",
            help="Also count matrices with `confidentiality: restricted` (only where "
            "the governments agreed).",
        ),
    ] = False,
    catalogue_ref: Annotated[
        str | None,
        typer.Option(
            "--catalogue-ref",
            metavar="ID@VERSION",
            help="Summarise the matrices answering this catalogue (<id>@<version>); "
            "default: the one most of them answer.",
        ),
    ] = None,
    template_dir: Annotated[
        Path | None, template_dir_option("summary.md.j2, summary.html.j2")
    ] = None,
    catalogue: CatalogueOption = None,
) -> None:
    """Aggregate many matrices: per dimension, GCM objective and indicator, how many
    assessments give each answer, with no country named and small groups suppressed."""
    from mgi_cli.reports.layout import render_report
    from mgi_cli.reports.summary import SummaryOptions, collect_matrices, left_out_message
    from mgi_cli.reports.summary_tables import summary_report
    from mgi_cli.validate.discover import expand_paths

    if audience is Audience.PUBLIC and min_group < PUBLIC_MIN_GROUP_FLOOR:
        raise UsageError(
            f"--min-group {min_group} would let single countries be read off; public output "
            f"needs {PUBLIC_MIN_GROUP_FLOOR} or more"
        )
    options = SummaryOptions(audience, min_group, include_restricted, catalogue_ref)
    files, _ = expand_paths([folder])
    library = catalogue_library(with_settings(settings_here([folder]), catalogue))
    collection = collect_matrices(files, library, options, date.today())
    message = left_out_message(collection.left_out)
    if message:
        sys.stderr.write(f"mgi: {message}\n")
    report = summary_report(collection, options, lang)
    text = render_report(report, output_format, lang, template_dir)
    emit(text, output)


def register_summary(render_app: typer.Typer) -> None:
    from mgi_cli.commands.help import Command, examples

    epilog = examples(
        "mgi render summary matrices --audience government --include-restricted",
        "mgi render summary matrices --audience government --include-restricted "
        "--format html -o summary.html --lang fr",
    )
    render_app.command("summary", cls=Command, epilog=epilog)(summary)
