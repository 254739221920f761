"""`mgi report sdg-10-7-2`: the six policy domains, the share of linked indicators met, and
the resulting category; ``open_sdg_csv`` writes them as Open SDG rows."""

from __future__ import annotations

import csv
import io
from statistics import fmean
from typing import Any

from mgi_cli.catalogue.view import localized
from mgi_cli.output.i18n import translations
from mgi_cli.reports.common import ReportSource
from mgi_cli.reports.sdg_config import SdgConfig

DOMAINS = tuple(f"PD_{n}" for n in range(1, 7))
OPEN_SDG_COLUMNS = ("Year", "SERIES", "COMPOSITE_BREAKDOWN", "Value")


def sdg_report(source: ReportSource, config: SdgConfig, lang: str) -> dict[str, Any]:
    indicators = source.indicators(set(config.modules) & set(source.matrix.modules))
    dimensions = {d.sdg_10_7_2: d for d in source.catalogue.dimensions if d.sdg_10_7_2}
    domains = []
    for code in DOMAINS:
        rows = []
        for indicator in indicators:
            if indicator.sdg_10_7_2 != code:
                continue
            row = source.row(indicator, lang)
            row["credit"] = config.credit.get(source.category(indicator))
            rows.append(row)
        counted = [r["credit"] for r in rows if r["credit"] is not None]
        share = sum(counted) / len(counted) if counted else None
        dimension = dimensions.get(code)
        domains.append(
            {
                "code": code,
                "dimension": dimension.id if dimension else None,
                "name": localized(dimension.name, lang) if dimension else code,
                "indicators": rows,
                "counted": len(counted),
                "met": round(sum(counted), 4),
                **_category(share, config, lang),
            }
        )
    return {
        "report": "sdg-10-7-2",
        **source.header(lang),
        "series": config.series,
        "year": source.matrix.assessed_on.year,
        "config": config.as_json(),
        "domains": domains,
        "all_domains": _all_domains(domains, config, lang),
    }


def category_name(category: int, lang: str) -> str:
    """The name of an SDG 10.7.2 category (1 to 4) in ``lang``."""
    tr = translations(lang)
    names = {
        1: tr.gettext("Requires further progress"),
        2: tr.gettext("Partially meets"),
        3: tr.gettext("Meets"),
        4: tr.gettext("Fully meets"),
    }
    return names[category]


def _category(share: float | None, config: SdgConfig, lang: str) -> dict[str, Any]:
    category = config.category(share) if share is not None else None
    return {
        "share": round(share, 4) if share is not None else None,
        "category": category,
        "category_label": category_name(category, lang) if category else None,
    }


def _all_domains(
    domains: list[dict[str, Any]], config: SdgConfig, lang: str
) -> dict[str, Any] | None:
    """The all-domains value the configured rule gives, or None."""
    shares = [d["share"] for d in domains]
    if config.all_domains == "none" or any(s is None for s in shares):
        return None
    if config.all_domains == "lowest":
        lowest = min(d["category"] for d in domains)
        return {
            "rule": "lowest",
            "share": None,
            "category": lowest,
            "category_label": category_name(lowest, lang),
        }
    return {"rule": "mean", **_category(fmean(shares), config, lang)}


def open_sdg_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    """The Open SDG rows of a report: one per domain with a value, then the all-domains one."""
    year, series = str(report["year"]), str(report["series"])
    rows = [
        {
            "Year": year,
            "SERIES": series,
            "COMPOSITE_BREAKDOWN": d["code"],
            "Value": str(d["category"]),
        }
        for d in report["domains"]
        if d["category"] is not None
    ]
    whole = report["all_domains"]
    if whole is not None:
        breakdown = str(report["config"]["all_domains"]["breakdown"])
        rows.append(
            {
                "Year": year,
                "SERIES": series,
                "COMPOSITE_BREAKDOWN": breakdown,
                "Value": str(whole["category"]),
            }
        )
    return rows


def open_sdg_csv(report: dict[str, Any]) -> str:
    """A ``data/indicator_10-7-2.csv`` fragment for an Open SDG site."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OPEN_SDG_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(open_sdg_rows(report))
    return buffer.getvalue()
