"""`mgi status --score`: the optional scores of one country's matrices, as plain text.

Status is a working view for the team, so every answer counts (restricted ones too).
Matrices of more than one country are refused before anything is printed: scores
follow a country's own progress and never compare countries (the MGI is not a ranking).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mgi_cli.errors import MgiError, Refused
from mgi_cli.output.i18n import translations
from mgi_cli.reports.score_report import score_report
from mgi_cli.reports.scoring import ScoringRule

if TYPE_CHECKING:
    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.matrix.models import Matrix
    from mgi_cli.reports.common import ReportSource


def status_scores(
    matrices: list[Matrix], library: CatalogueLibrary, lang: str, rule: ScoringRule | None = None
) -> str:
    """One table per place (the country, and each locality), oldest assessment first."""
    from mgi_cli.matrix.confidentiality import disclose
    from mgi_cli.reports.common import ReportSource

    countries = sorted({m.country for m in matrices})
    if len(countries) > 1:
        raise Refused(
            f"--score follows one country's own progress, and these matrices are of "
            f"{len(countries)} countries; the MGI is not a ranking: give one country's matrices"
        )
    places: dict[tuple[str, str | None], list[ReportSource]] = {}
    for matrix in sorted(matrices, key=lambda m: m.assessed_on):
        catalogue = library.get(matrix.catalogue)
        if catalogue is None:
            raise MgiError(f"mgi does not have the catalogue {matrix.catalogue!r}")
        source = ReportSource(matrix, catalogue, disclose(matrix, "government"))
        places.setdefault((matrix.level, matrix.locality), []).append(source)
    chosen = rule or ScoringRule()
    return "".join(_table(score_report(s, chosen, lang), lang) for s in places.values())


def _table(report: dict[str, Any], lang: str) -> str:
    from mgi_cli.output.console import table, to_text

    _ = translations(lang).gettext
    title = _("Scores of the country's own progress")
    not_ranking = _("The MGI are not a ranking: they do not compare countries with one another.")
    note = _(
        "These scores follow this country's own progress over time; they are not "
        "comparable between countries."
    )
    change_heading = _("Change")
    place = report["title"] or report["country"]
    if report["locality"] and report["locality"] not in place:
        place += f" - {report['locality']}"
    heads = [f"{a['year']} {a['assessment'].replace('_', '-')}" for a in report["assessments"]]
    rows = [
        [
            f"{dimension['number']}. {dimension['name']}",
            *(_number(s) for s in dimension["scores"]),
            _number(dimension["change"], "+"),
        ]
        for dimension in report["dimensions"]
    ]
    figures = range(1, len(heads) + 2)
    scores = table(
        ["", *heads, change_heading],
        rows,
        right=figures,
        widths={0: 40},  # a longer name is cut: the figures are what is read here
        min_widths={**dict.fromkeys(figures, 14), len(heads) + 1: 7},
        header_style="",
    )
    return f"\n{title}: {place}\n{not_ranking} {note}\n" + to_text(scores)


def _number(value: float | None, sign: str = "") -> str:
    return "-" if value is None else f"{value:{sign}.1f}"
