"""`mgi report themes`: the cross-cutting themes checklist (rights-based approach, gender,
environment): per theme, the indicators tagged with it, their answers, and a flag when
the theme's coverage is thin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mgi_cli.catalogue.view import localized
from mgi_cli.reports.common import ReportSource, count_statuses

#: Why a theme's coverage is thin, in the order they are listed.
REASONS = ("few_indicators", "few_answered", "few_in_place")


@dataclass(frozen=True)
class ThinCoverage:
    """When a theme counts as thinly covered; each test is one reason."""

    #: Fewer tagged indicators than this (in the matrix's modules).
    min_indicators: int = 3
    #: A smaller share of the tagged indicators answered than this.
    min_answered: float = 0.5
    #: A smaller share of the applicable answers "yes" (in place) than this.
    min_in_place: float = 0.5

    def as_json(self) -> dict[str, Any]:
        return {
            "min_indicators": self.min_indicators,
            "min_answered": self.min_answered,
            "min_in_place": self.min_in_place,
        }


def themes_report(source: ReportSource, thin: ThinCoverage, lang: str) -> dict[str, Any]:
    indicators = source.indicators()
    themes = []
    for theme in source.catalogue.themes:
        withheld = source.withholds(lambda i, t=theme.id: t in i.tags)  # type: ignore[misc]
        rows = [] if withheld else [source.row(i, lang) for i in indicators if theme.id in i.tags]
        counts = count_statuses(rows)
        answered = len(rows) - counts["unanswered"]
        applicable = answered - counts["not_applicable"]
        answered_share = answered / len(rows) if rows else None
        in_place_share = counts["in_place"] / applicable if applicable else None
        reasons = [
            reason
            for reason, flagged in zip(
                REASONS,
                (
                    len(rows) < thin.min_indicators and not withheld,
                    answered_share is not None and answered_share < thin.min_answered,
                    in_place_share is not None and in_place_share < thin.min_in_place,
                ),
                strict=True,
            )
            if flagged
        ]
        themes.append(
            {
                "id": theme.id,
                "name": localized(theme.name, lang),
                "withheld": withheld,
                "indicators": rows,
                "counts": counts,
                "answered_share": _rounded(answered_share),
                "in_place_share": _rounded(in_place_share),
                "thin": bool(reasons),
                "reasons": reasons,
            }
        )
    return {
        "report": "themes",
        **source.header(lang),
        "thin_coverage": thin.as_json(),
        "themes": themes,
    }


def _rounded(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None
