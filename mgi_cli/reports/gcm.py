"""`mgi report gcm`: the 23 objectives of the Global Compact for Migration, each with the
indicators the catalogue links to it, their answers, and what is in place or missing."""

from __future__ import annotations

from typing import Any

from mgi_cli.catalogue.view import localized
from mgi_cli.output.i18n import translations
from mgi_cli.reports.common import ReportSource, count_statuses

GCM_OBJECTIVES = 23


def gcm_report(source: ReportSource, lang: str) -> dict[str, Any]:
    """Every objective, 1 to 23, even those no indicator is linked to (a visible gap)."""
    names = {o.number: localized(o.name, lang) for o in source.catalogue.gcm_objectives}
    indicators = source.indicators()
    objectives = []
    for number in range(1, GCM_OBJECTIVES + 1):
        withheld = source.withholds(lambda i, n=number: n in i.gcm)  # type: ignore[misc]
        rows = [] if withheld else [source.row(i, lang) for i in indicators if number in i.gcm]
        objectives.append(
            {
                "number": number,
                "name": names.get(number) or objective_name(number, lang),
                "withheld": withheld,
                "indicators": rows,
                "counts": count_statuses(rows),
            }
        )
    return {
        "report": "gcm",
        **source.header(lang),
        "linked": sum(1 for o in objectives if o["indicators"]),
        "objectives": objectives,
    }


def objective_name(number: int, lang: str) -> str:
    """What names an objective the catalogue gives no name: "Objective 7"."""
    return translations(lang).gettext("Objective %(n)s") % {"n": number}
