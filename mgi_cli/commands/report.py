"""`mgi report`: views of one matrix through the catalogue's links (GCM, SDG 10.7.2,
cross-cutting themes), its action plan, and optional scores of its own progress."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mgi_cli.choices import DEFAULT_LANG, Audience, Lang, ReportFormat, SdgExport
from mgi_cli.commands.common import (
    CatalogueOption,
    catalogue_library,
    emit,
    option_date,
    settings_here,
    with_settings,
)
from mgi_cli.commands.help import Command, examples
from mgi_cli.errors import Refused

if TYPE_CHECKING:
    from mgi_cli.reports.common import ReportSource

report_app = typer.Typer(
    name="report",
    help="Reports on a matrix: GCM objectives, SDG 10.7.2, cross-cutting themes, the action "
    "plan, and optional scores of a country's own progress.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

Matrix = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, help="The matrix file.", show_default=False)
]
FormatOption = Annotated[ReportFormat, typer.Option("--format", help="The output's format.")]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", dir_okay=False, metavar="FILE", help="Write here (default: stdout)."
    ),
]
LangOption = Annotated[Lang, typer.Option("--lang", help="The report's language.")]
AudienceOption = Annotated[
    Audience,
    typer.Option(
        "--audience",
        help="public: refused for a draft or a matrix under review, restricted answers left "
        "out | government: everything, for the authorities.",
    ),
]


def _source(matrix: Path, catalogue: list[Path] | None, audience: Audience) -> ReportSource:
    from mgi_cli.reports.common import load_source

    library = catalogue_library(with_settings(settings_here([matrix]), catalogue))
    return load_source(matrix, library, audience=audience, today=date.today())


@report_app.command(
    "gcm",
    cls=Command,
    epilog=examples(
        "mgi report gcm matrices/XAM/2026-follow_up.yaml",
        "mgi report gcm matrices/XAM/2026-follow_up.yaml --format html -o gcm.html --lang fr",
    ),
)
def gcm(
    matrix: Matrix,
    output_format: FormatOption = ReportFormat.MD,
    output: Output = None,
    lang: LangOption = DEFAULT_LANG,
    audience: AudienceOption = Audience.PUBLIC,
    catalogue: CatalogueOption = None,
) -> None:
    """Per GCM objective (all 23): the linked indicators, their answers, and how many are
    in place, partial or missing."""
    from mgi_cli.reports.gcm import gcm_report
    from mgi_cli.reports.layout import render_report

    source = _source(matrix, catalogue, audience)
    emit(render_report(gcm_report(source, lang), output_format, lang), output)


@report_app.command(
    "sdg-10-7-2",
    cls=Command,
    epilog=examples(
        "mgi report sdg-10-7-2 matrices/XAM/2026-follow_up.yaml",
        "mgi report sdg-10-7-2 matrices/XAM/2026-follow_up.yaml "
        "--export open-sdg -o indicator_10-7-2.csv",
    ),
)
def sdg_10_7_2(
    matrix: Matrix,
    output_format: FormatOption = ReportFormat.MD,
    output: Output = None,
    lang: LangOption = DEFAULT_LANG,
    audience: AudienceOption = Audience.PUBLIC,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            exists=True,
            dir_okay=False,
            help="A rule file (TOML) replacing the packaged indicators/sdg-10-7-2.toml: "
            "thresholds, partial credit, the all-domains rule.",
        ),
    ] = None,
    export: Annotated[
        SdgExport | None,
        typer.Option(
            "--export",
            help="Write Open SDG rows (Year, SERIES, COMPOSITE_BREAKDOWN, Value) "
            "as CSV instead of the report, e.g. -o data/indicator_10-7-2.csv.",
        ),
    ] = None,
    catalogue: CatalogueOption = None,
) -> None:
    """SDG indicator 10.7.2: per policy domain PD_1..PD_6, the share of linked indicators
    met and its category (1 Requires further progress .. 4 Fully meets)."""
    from mgi_cli.reports.layout import render_report
    from mgi_cli.reports.sdg import open_sdg_csv, sdg_report
    from mgi_cli.reports.sdg_config import default_config_path, load_sdg_config

    rule = load_sdg_config(config or default_config_path())
    source = _source(matrix, catalogue, audience)
    report = sdg_report(source, rule, lang)
    open_sdg = export is SdgExport.OPEN_SDG
    if open_sdg and source.matrix.level != "national":
        raise Refused("SDG 10.7.2 is reported for countries; this is a local assessment")
    text = open_sdg_csv(report) if open_sdg else render_report(report, output_format, lang)
    emit(text, output)


@report_app.command(
    "themes",
    cls=Command,
    epilog=examples(
        "mgi report themes matrices/XAM/2026-follow_up.yaml",
        "mgi report themes matrices/XAM/2026-follow_up.yaml --thin-below 5 --format json",
    ),
)
def themes(
    matrix: Matrix,
    output_format: FormatOption = ReportFormat.MD,
    output: Output = None,
    lang: LangOption = DEFAULT_LANG,
    audience: AudienceOption = Audience.PUBLIC,
    min_indicators: Annotated[
        int,
        typer.Option(
            "--thin-below", min=0, metavar="N", help="Thin: fewer tagged indicators than this."
        ),
    ] = 3,
    min_answered: Annotated[
        float,
        typer.Option(
            "--min-answered",
            metavar="SHARE",
            min=0,
            max=1,
            help="Thin: a smaller share of tagged indicators answered.",
        ),
    ] = 0.5,
    min_in_place: Annotated[
        float,
        typer.Option(
            "--min-in-place",
            metavar="SHARE",
            min=0,
            max=1,
            help="Thin: a smaller share of applicable answers in place (yes).",
        ),
    ] = 0.5,
    catalogue: CatalogueOption = None,
) -> None:
    """The cross-cutting themes checklist (rights, gender, environment): tagged indicators,
    their answers, and a flag on thinly covered themes."""
    from mgi_cli.reports.layout import render_report
    from mgi_cli.reports.themes import ThinCoverage, themes_report

    source = _source(matrix, catalogue, audience)
    thin = ThinCoverage(min_indicators, min_answered, min_in_place)
    emit(render_report(themes_report(source, thin, lang), output_format, lang), output)


@report_app.command(
    "actions",
    cls=Command,
    epilog=examples(
        "mgi report actions matrices/XAM/2026-follow_up.yaml --audience government",
        "mgi report actions matrices/XAM/2026-follow_up.yaml --audience government "
        "--today 2027-06-30",
    ),
)
def actions(
    matrix: Matrix,
    output_format: FormatOption = ReportFormat.MD,
    output: Output = None,
    lang: LangOption = DEFAULT_LANG,
    audience: AudienceOption = Audience.PUBLIC,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="DATE",
            help="Overdue relative to this date, YYYY-MM-DD (default: today).",
        ),
    ] = None,
    catalogue: CatalogueOption = None,
) -> None:
    """The matrix's action plan, item by item, with overdue items flagged."""
    from mgi_cli.reports.actions import actions_report
    from mgi_cli.reports.layout import render_report

    day = option_date(today or None, "--today")
    source = _source(matrix, catalogue, audience)
    emit(render_report(actions_report(source, day, lang), output_format, lang), output)


@report_app.command(
    "score",
    cls=Command,
    epilog=examples(
        "mgi report score matrices/XAM/2026-follow_up.yaml  # with the baseline it names",
        "mgi report score matrices/XAM/2018-baseline.yaml matrices/XAM/2026-follow_up.yaml "
        "--format json",
    ),
)
def score(
    matrices: Annotated[
        list[Path],
        typer.Argument(
            exists=True,
            dir_okay=False,
            show_default=False,
            help="Matrices of one country; a lone follow-up brings its baseline.",
        ),
    ],
    output_format: FormatOption = ReportFormat.MD,
    output: Output = None,
    lang: LangOption = DEFAULT_LANG,
    audience: AudienceOption = Audience.PUBLIC,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            exists=True,
            dir_okay=False,
            help="A scoring rule (TOML): values, modules, dimension_from.",
        ),
    ] = None,
    catalogue: CatalogueOption = None,
) -> None:
    """Optional scores (MIPEX-style: yes 100, partial 50, no 0) per sub-area and dimension,
    to follow one country's own progress; never across countries (the MGI is not a ranking)."""
    from mgi_cli.reports.layout import render_report
    from mgi_cli.reports.score_report import gather_sources, score_report
    from mgi_cli.reports.scoring import ScoringRule, load_scoring_rule

    rule = load_scoring_rule(config) if config else ScoringRule()
    library = catalogue_library(with_settings(settings_here(matrices), catalogue))
    sources = gather_sources(matrices, library, audience=audience, today=date.today())
    emit(render_report(score_report(sources, rule, lang), output_format, lang), output)


def register(app: typer.Typer) -> None:
    app.add_typer(report_app)
