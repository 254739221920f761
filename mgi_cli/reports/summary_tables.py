"""The tables of the aggregated summary: per indicator, dimension and GCM objective, how
many of the counted assessments give each answer, with small groups suppressed."""

from __future__ import annotations

from typing import Any

from mgi_cli.catalogue.models import Indicator
from mgi_cli.catalogue.view import localized
from mgi_cli.errors import MgiError
from mgi_cli.reports.common import CATEGORIES, standard_answer
from mgi_cli.reports.gcm import GCM_OBJECTIVES, objective_name
from mgi_cli.reports.summary import Collection, SummaryOptions
from mgi_cli.reports.suppression import Cell, Total, suppress

Row = dict[str, Cell]


def _row() -> Row:
    return {c: Cell() for c in (*CATEGORIES, "total")}


def _lines(total: Row, parts: list[Row]) -> list[Total]:
    """A row adds up to its total; a roll-up's cells add up the same cells of its parts."""
    lines = [Total(total["total"], [total[c] for c in CATEGORIES])]
    if parts:
        lines += [Total(total[c], [p[c] for p in parts]) for c in (*CATEGORIES, "total")]
    return lines


def summary_report(collection: Collection, options: SummaryOptions, lang: str) -> dict[str, Any]:
    """The summary of the counted assessments; ``None`` figures are suppressed."""
    catalogue = collection.catalogue
    if catalogue is None:
        raise MgiError("no matrix could be counted, so there is nothing to summarise")
    indicators = catalogue.indicators
    rows: dict[str, Row] = {i.id: _row() for i in indicators}
    assessments = Cell()
    for counted in collection.counted:
        assessments.add(counted.country)
        for indicator in indicators:
            category = standard_answer(catalogue, indicator, counted.answers.get(indicator.id))
            if category in CATEGORIES:
                rows[indicator.id][category].add(counted.country)
                rows[indicator.id]["total"].add(counted.country)
    lines = [line for i in indicators for line in _lines(rows[i.id], [])]
    dimensions: dict[str, Row] = {}
    for dimension in catalogue.dimensions:
        members = [rows[i.id] for i in indicators if i.dimension == dimension.id]
        dimensions[dimension.id] = _rollup(members)
        lines += _lines(dimensions[dimension.id], members)
    objectives: dict[int, Row] = {}
    for number in range(1, GCM_OBJECTIVES + 1):
        members = [rows[i.id] for i in indicators if number in i.gcm]
        objectives[number] = _rollup(members)
        lines += _lines(objectives[number], members)
    cells = [assessments] + [
        cell
        for table in (rows, dimensions, objectives)
        for row in table.values()
        for cell in row.values()
    ]
    suppress(cells, lines, options.min_group)
    if assessments.suppressed:  # too few countries: even a zero would describe them
        for cell in cells:
            cell.suppressed = True
    names = {o.number: localized(o.name, lang) for o in catalogue.gcm_objectives}
    return {
        "report": "summary",
        "audience": options.audience,
        "catalogue": catalogue.ref,
        "min_group": options.min_group,
        "assessments": assessments.shown(),
        "dimensions": [
            {
                "id": d.id,
                "number": d.number,
                "name": localized(d.name, lang),
                "short_name": localized(d.short_name, lang),
                **_figures(dimensions[d.id]),
                "indicators": [
                    _indicator(i, rows[i.id], lang) for i in indicators if i.dimension == d.id
                ],
            }
            for d in catalogue.dimensions
        ],
        "objectives": [
            {
                "number": n,
                "name": names.get(n) or objective_name(n, lang),
                "indicators": [i.id for i in indicators if n in i.gcm],
                **_figures(objectives[n]),
            }
            for n in range(1, GCM_OBJECTIVES + 1)
        ],
    }


def _rollup(members: list[Row]) -> Row:
    total = _row()
    for member in members:
        for key, cell in member.items():
            total[key].value += cell.value
            total[key].contributors |= cell.contributors
    return total


def _figures(row: Row) -> dict[str, Any]:
    return {
        "counts": {c: row[c].shown() for c in CATEGORIES},
        "total": row["total"].shown(),
    }


def _indicator(indicator: Indicator, row: Row, lang: str) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "module": indicator.module,
        "question": localized(indicator.question, lang),
        **_figures(row),
    }
