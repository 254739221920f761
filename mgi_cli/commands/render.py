"""`mgi render`: publishable documents from a matrix (`profile`; others add theirs)."""

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mgi_cli.choices import DEFAULT_LANG, Audience, Lang, ProfileFormat
from mgi_cli.commands.common import (
    CatalogueOption,
    catalogue_library,
    emit,
    settings_here,
    template_dir_option,
    with_settings,
)
from mgi_cli.commands.help import Command, examples

render_app = typer.Typer(
    name="render",
    help="Render documents from a matrix: the Migration Governance Profile.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@render_app.command(
    "profile",
    cls=Command,
    epilog=examples(
        "mgi render profile matrices/XAM/2026-follow_up.yaml --format html -o xam-2026.html",
        "mgi render profile matrices/XAM/2026-follow_up.yaml --lang fr --audience government",
    ),
)
def profile(
    matrix: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="The matrix file.")],
    output_format: Annotated[
        ProfileFormat,
        typer.Option(
            "--format",
            help="Markdown, HTML, PDF (the HTML typeset with WeasyPrint) or Word (docx).",
        ),
    ] = ProfileFormat.MD,
    lang: Annotated[Lang, typer.Option("--lang", help="The profile's language.")] = DEFAULT_LANG,
    audience: Annotated[
        Audience,
        typer.Option(
            "--audience",
            help="public: the profile, refused unless the matrix is validated or published, "
            "never showing restricted answers | government: the long-form report with "
            "every answer.",
        ),
    ] = Audience.PUBLIC,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", dir_okay=False, metavar="FILE", help="Write here (default: stdout)."
        ),
    ] = None,
    template_dir: Annotated[Path | None, template_dir_option()] = None,
    catalogue: CatalogueOption = None,
    compare_national: Annotated[
        bool,
        typer.Option(
            "--compare-national",
            help="Local matrices: add a section that sets the local answers beside those of "
            "the national matrix named as `context:`, per dimension: counts for the government, "
            "the national findings in public (no counts). Public output needs a validated or "
            "published national matrix; else the section is left out with a warning.",
        ),
    ] = False,
    charts: Annotated[
        bool,
        typer.Option(
            "--charts",
            help="Government audience only: add a chart of the answers per dimension (in "
            "neutral colours). Public profiles show no counts: the MGI are not a ranking.",
        ),
    ] = False,
) -> None:
    """Render the Migration Governance Profile of a matrix as Markdown, HTML, PDF or Word."""
    from mgi_cli.errors import UsageError
    from mgi_cli.problems.problem import Problem
    from mgi_cli.render.run import render_profile_file, render_profile_file_document

    if charts and audience != Audience.GOVERNMENT:
        raise UsageError(
            "--charts is for --audience government: public profiles show no counts of "
            "answers (the MGI are not a ranking)"
        )

    warnings: list[Problem] = []
    document = output_format in (ProfileFormat.PDF, ProfileFormat.DOCX)
    if document and output is None and sys.stdout.isatty():
        raise UsageError(f"a {output_format.value} file is not for a terminal: give --output FILE")
    renderer = render_profile_file_document if document else render_profile_file
    text = renderer(
        matrix,
        catalogue_library(with_settings(settings_here([matrix]), catalogue)),
        fmt=output_format,
        audience=audience,
        lang=lang,
        template_dir=template_dir,
        today=date.today(),
        problems=warnings,
        compare_national=compare_national,
        charts=charts,
    )
    for problem in warnings:
        sys.stderr.write(f"{problem.path}: {problem.severity} {problem.code} {problem.message}\n")
    emit(text, output)


def register(app: typer.Typer) -> None:
    from mgi_cli.commands.summary import register_summary

    register_summary(render_app)
    app.add_typer(render_app)
