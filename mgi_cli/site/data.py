"""The site's open data under ``OUT/data/``: tables as CSV and JSON, and the Frictionless
Data Package (``datapackage.json``) that describes them.

Only published matrices whose ``confidentiality`` is ``public`` give answers; a
``restricted: true`` answer never appears, and neither does any answer of a protected
sub-area (one that holds a restricted answer), so that two matrices differing only in
which answers of a sub-area are restricted give the same data (docs/format.md).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mgi_cli.catalogue.view import localized
from mgi_cli.languages import LANGUAGES
from mgi_cli.output.csv_cells import csv_cell

if TYPE_CHECKING:
    from mgi_cli.catalogue.models import Catalogue
    from mgi_cli.matrix.models import Matrix


@dataclass(frozen=True)
class Column:
    name: str
    #: A Table Schema type: string, integer, number, date.
    type: str
    description: str


def _place() -> list[Column]:
    return [
        Column("country", "string", "ISO 3166-1 alpha-3 code of the country."),
        Column("level", "string", "national or local."),
        Column("locality", "string", "The city or region of a local assessment."),
        Column("assessment", "string", "baseline or follow_up."),
        Column("assessed_on", "date", "The date of the assessment."),
        Column("catalogue", "string", "The catalogue the matrix answers (<id>@<version>)."),
    ]


ANSWERS = [
    *_place(),
    Column("indicator", "string", "The indicator id in its catalogue."),
    Column("dimension", "string", "The indicator's dimension."),
    Column("sub_area", "string", "The indicator's sub-area."),
    Column("module", "string", "The indicator's module."),
    Column("answer", "string", "The answer as written (yes, partial, no or the indicator's own)."),
    Column("justification", "string", "Why: the law, policy or body it names."),
]
REFERENCES = [
    *_place(),
    Column("indicator", "string", "The indicator id in its catalogue."),
    Column("title", "string", "What the source is."),
    Column("url", "string", "Where the source is."),
    Column("published", "date", "When the source was issued."),
    Column("accessed", "date", "When the source was last checked."),
]
CATALOGUE = [
    Column("catalogue", "string", "The catalogue (<id>@<version>)."),
    Column("id", "string", "The indicator id."),
    Column("dimension", "string", "Its dimension."),
    Column("sub_area", "string", "Its sub-area."),
    Column("module", "string", "Its module."),
    *(Column(f"question_{lang}", "string", f"The question ({lang}).") for lang in LANGUAGES),
    Column("tags", "string", "Cross-cutting themes, separated by spaces."),
    Column("gcm", "string", "GCM objectives (1-23), separated by spaces."),
    Column("sdg_10_7_2", "string", "The SDG 10.7.2 policy domain (PD_1 to PD_6)."),
]
SDG = [
    *_place(),
    Column(
        "basis", "string", "Always mgi-proxy: computed from MGI answers, not an official series."
    ),
    Column("domain", "string", "The SDG 10.7.2 policy domain (PD_1 to PD_6)."),
    Column("value", "number", "The proxy value of the domain (0 to 100)."),
    Column("category", "integer", "The proxy category (1 to 4)."),
]

#: Each table: its name, its columns, and what it holds.
TABLES: dict[str, tuple[list[Column], str]] = {
    "answers": (
        ANSWERS,
        "The public answers of the published matrices whose government agreed to publish them.",
    ),
    "references": (REFERENCES, "The sources of those answers."),
    "catalogue": (CATALOGUE, "The indicators of the catalogues the published matrices answer."),
    "sdg-10-7-2": (
        SDG,
        "SDG 10.7.2 values computed from MGI answers: a proxy, not the official UN series.",
    ),
}


def protected_ids(matrix: Matrix, catalogue: Catalogue) -> frozenset[str]:
    """Every indicator of a sub-area that holds a restricted answer (a protected one)."""
    restricted = {k for k, a in matrix.answers.items() if a is not None and a.restricted}
    areas = {(i.dimension, i.sub_area) for i in catalogue.indicators if i.id in restricted}
    by_catalogue = {i.id for i in catalogue.indicators if (i.dimension, i.sub_area) in areas}
    return frozenset(by_catalogue | restricted)


def _place_row(matrix: Matrix, catalogue: Catalogue) -> dict[str, Any]:
    return {
        "country": matrix.country,
        "level": matrix.level,
        "locality": matrix.locality or "",
        "assessment": matrix.assessment,
        "assessed_on": matrix.assessed_on.isoformat(),
        "catalogue": catalogue.ref,
    }


def answer_rows(
    matrix: Matrix, catalogue: Catalogue
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The answers and references of a public matrix that open data may give."""
    hidden = protected_ids(matrix, catalogue)
    place = _place_row(matrix, catalogue)
    answers: list[dict[str, Any]] = []
    references: list[dict[str, Any]] = []
    for key in sorted(matrix.answers):
        entry = matrix.answers[key]
        indicator = catalogue.indicator(key)
        if entry is None or entry.answer is None or key in hidden or entry.restricted:
            continue
        answers.append(
            {
                **place,
                "indicator": key,
                "dimension": indicator.dimension if indicator else "",
                "sub_area": indicator.sub_area if indicator else "",
                "module": indicator.module if indicator else "",
                "answer": entry.answer,
                "justification": entry.justification or "",
            }
        )
        for reference in entry.references:
            references.append(
                {
                    **place,
                    "indicator": key,
                    "title": reference.title,
                    "url": reference.url or "",
                    "published": reference.published.isoformat() if reference.published else "",
                    "accessed": reference.accessed.isoformat() if reference.accessed else "",
                }
            )
    return answers, references


def catalogue_rows(catalogue: Catalogue) -> list[dict[str, Any]]:
    return [
        {
            "catalogue": catalogue.ref,
            "id": indicator.id,
            "dimension": indicator.dimension,
            "sub_area": indicator.sub_area,
            "module": indicator.module,
            **{f"question_{lang}": localized(indicator.question, lang) for lang in LANGUAGES},
            "tags": " ".join(indicator.tags),
            "gcm": " ".join(str(n) for n in indicator.gcm),
            "sdg_10_7_2": indicator.sdg_10_7_2 or "",
        }
        for indicator in catalogue.indicators
    ]


def sdg_rows(matrix: Matrix, catalogue: Catalogue) -> list[dict[str, Any]]:
    """The proxy value of each domain the public report of ``matrix`` gives a value."""
    from mgi_cli.matrix.confidentiality import disclose
    from mgi_cli.reports.common import ReportSource
    from mgi_cli.reports.sdg import sdg_report
    from mgi_cli.reports.sdg_config import default_config_path, load_sdg_config

    source = ReportSource(matrix, catalogue, disclose(matrix, "public"))
    report = sdg_report(source, load_sdg_config(default_config_path()), "en")
    rows = []
    for domain in report["domains"]:
        value = domain.get("value")
        if value is None and domain.get("share") is not None:
            value = round(domain["share"] * 100, 2)
        if value is None or domain.get("category") is None or domain.get("withheld"):
            continue
        rows.append(
            {
                **_place_row(matrix, catalogue),
                "basis": "mgi-proxy",
                "domain": domain["code"],
                "value": value,
                "category": domain["category"],
            }
        )
    return rows


def table_csv(columns: list[Column], rows: list[dict[str, Any]]) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, [c.name for c in columns], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # Texts from catalogues and matrices open as text, never as a formula.
        writer.writerow({c.name: csv_cell(row.get(c.name, "")) for c in columns})
    return stream.getvalue()


def table_json(columns: list[Column], rows: list[dict[str, Any]]) -> str:
    """Rows as a JSON array of objects (empty texts as null, as the CSV's empty cells)."""
    cleaned = [
        {c.name: (row.get(c.name) if row.get(c.name) != "" else None) for c in columns}
        for row in rows
    ]
    return json.dumps(cleaned, indent=1, ensure_ascii=False) + "\n"


def datapackage(title: str, base_url: str | None) -> str:
    """The Data Package describing every table twice, with the same Table Schema: as CSV,
    and as JSON (an array of objects, one per row, keyed by column name), so that
    ``frictionless validate`` checks the rows of both."""
    resources = []
    for name, (columns, description) in TABLES.items():
        schema = {
            "fields": [
                {"name": c.name, "type": c.type, "description": c.description} for c in columns
            ],
            "missingValues": [""],
        }
        for fmt, mediatype, suffix, more in (
            ("csv", "text/csv", "", ""),
            ("json", "application/json", "-json", " The same rows as the CSV, as JSON objects."),
        ):
            resources.append(
                {
                    "name": name + suffix,
                    "path": f"{name}.{fmt}",
                    "format": fmt,
                    "mediatype": mediatype,
                    "encoding": "utf-8",
                    "profile": "tabular-data-resource",
                    "description": description + more,
                    "schema": schema,
                }
            )
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": "mgi-open-data",
        "title": title,
        "description": "Public answers of Migration Governance Indicators assessments, "
        "their sources, the indicator catalogue and SDG 10.7.2 proxy values.",
        "resources": resources,
    }
    if base_url:
        package["homepage"] = base_url
    return json.dumps(package, indent=1, ensure_ascii=False) + "\n"
