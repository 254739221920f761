"""`mgi report sdg-10-7-2`: an MGI-based proxy for SDG indicator 10.7.2 with the official
structure (six policy domains of five sub-categories, a domain's value the sum of its
five sub-category values / 5 x 100) and its category; ``open_sdg_csv`` writes it as
Open SDG rows under the configured (never an official) series. docs/sdg-10-7-2.md."""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from mgi_cli.output.csv_cells import csv_cell
from mgi_cli.output.i18n import translations
from mgi_cli.reports.common import ReportSource
from mgi_cli.reports.sdg_config import SUB_CATEGORIES, SdgConfig, percent

if TYPE_CHECKING:
    from mgi_cli.catalogue.models import Indicator
    from mgi_cli.reports.sdg_config import PolicyDomain, SubCategory

DOMAINS = tuple(f"PD_{n}" for n in range(1, 7))
BASIS = "mgi-proxy"
OPEN_SDG_COLUMNS = ("Year", "SERIES", "COMPOSITE_BREAKDOWN", "Value", "COMMENT_OBS")
#: In every Open SDG row: what the value is, so that no row passes for official data.
PROXY_NOTE = (
    "MGI-based proxy: computed from Migration Governance Indicators answers "
    "(domain value = sum of 5 sub-category values / 5 x 100), not official UN data"
)


def sdg_report(source: ReportSource, config: SdgConfig, lang: str) -> dict[str, Any]:
    wanted = set(config.modules) & set(source.matrix.modules)
    visible = {i.id: i for i in source.indicators(wanted)}
    domains = [_domain(source, config, domain, wanted, visible, lang) for domain in config.domains]
    return {
        "report": "sdg-10-7-2",
        "basis": BASIS,
        **source.header(lang),
        "series": config.series,
        "series_name": config.series_name,
        "year": source.matrix.assessed_on.year,
        "config": config.as_json(),
        #: The thresholds as reports show them, on the values' scale (0 to 100).
        "threshold_display": [display(percent(t)) for t in config.thresholds],
        "domains": domains,
        "all_domains": _all_domains(domains, config, lang),
    }


def _domain(
    source: ReportSource,
    config: SdgConfig,
    domain: PolicyDomain,
    modules: set[str],
    visible: dict[str, Indicator],
    lang: str,
) -> dict[str, Any]:
    drawn = {i for s in domain.sub_categories for i in s.indicators}
    # Decided on every indicator the matrix uses, visible or not (ReportSource.withholds),
    # so that it does not depend on which answers of a sub-area are restricted.
    withheld = source.withholds(lambda i: i.module in modules and i.id in drawn)
    subs = [
        _sub_category(source, config, sub, {} if withheld else visible, lang)
        for sub in domain.sub_categories
    ]
    values = [s.pop("exact") for s in subs]
    exact = None
    if not withheld and any(v is not None for v in values):
        # n is fixed at 5: a sub-category without a value adds 0.
        exact = sum((v for v in values if v is not None), Fraction(0)) / SUB_CATEGORIES * 100
    return {
        "code": domain.code,
        "name": _name(domain.name, lang),
        "withheld": withheld,
        "sub_categories": subs,
        **_valued(exact, config, lang),
    }


def _sub_category(
    source: ReportSource,
    config: SdgConfig,
    sub: SubCategory,
    visible: dict[str, Indicator],
    lang: str,
) -> dict[str, Any]:
    rows = []
    credits = []
    for key in sub.indicators:
        indicator = visible.get(key)
        if indicator is None:
            continue
        row = source.row(indicator, lang)
        credit = config.credit.get(source.category(indicator))
        row["credit"] = credit
        rows.append(row)
        if credit is not None:
            credits.append(Fraction(credit))
    exact: Fraction | None = None
    if credits:
        if config.sub_category_rule == "all":
            exact = Fraction(int(all(c == 1 for c in credits)))
        else:
            exact = sum(credits, Fraction(0)) / len(credits)
    return {
        "id": sub.id,
        "name": _name(sub.name, lang),
        "indicators": rows,
        "value": float(exact) if exact is not None else None,
        "exact": exact,
    }


def _name(names: Any, lang: str) -> str:
    return str(names.get(lang) or names["en"])


def display(value: Fraction) -> str:
    """A value (0 to 100) floored to one decimal: 79.96 shows as 79.9, never as 80.0,
    so that with thresholds of at most a tenth of a point the number shown and the
    category never contradict."""
    tenths = int(value * 10 // 1)
    return f"{tenths // 10}.{tenths % 10}"


def _valued(exact: Fraction | None, config: SdgConfig, lang: str) -> dict[str, Any]:
    """A value (unrounded in JSON), how reports show it, and its category."""
    if exact is None:
        return {"value": None, "display": None, "category": None, "category_label": None}
    category = config.category(exact)
    return {
        "value": float(exact),
        "display": display(exact),
        "category": category,
        "category_label": category_name(category, lang),
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


def _all_domains(
    domains: list[dict[str, Any]], config: SdgConfig, lang: str
) -> dict[str, Any] | None:
    """The all-domains value the configured rule gives, or None."""
    values = [d["value"] for d in domains]
    if config.all_domains == "none" or not values or any(v is None for v in values):
        return None
    if config.all_domains == "lowest":
        lowest = min(d["category"] for d in domains)
        return {
            "rule": "lowest",
            "value": None,
            "display": None,
            "category": lowest,
            "category_label": category_name(lowest, lang),
        }
    mean = sum((Fraction(v) for v in values), Fraction(0)) / len(values)
    return {"rule": "mean", **_valued(mean, config, lang)}


def open_sdg_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    """The Open SDG rows of a report: one per domain with a value, then the all-domains one;
    each says it is an MGI-based proxy (``COMMENT_OBS``)."""
    year, series = str(report["year"]), str(report["series"])
    note = f"{PROXY_NOTE}. Series: {report['series_name']}"
    rows = [
        {
            "Year": year,
            "SERIES": series,
            "COMPOSITE_BREAKDOWN": d["code"],
            "Value": str(d["category"]),
            "COMMENT_OBS": note,
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
                "COMMENT_OBS": note,
            }
        )
    return rows


def open_sdg_csv(report: dict[str, Any]) -> str:
    """A ``data/indicator_10-7-2.csv`` fragment for an Open SDG site."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OPEN_SDG_COLUMNS, lineterminator="\n")
    writer.writeheader()
    # The series name and notes come from the rule file: text, never a formula.
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in open_sdg_rows(report))
    return buffer.getvalue()
