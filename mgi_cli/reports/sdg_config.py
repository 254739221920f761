"""The rule that turns answers into SDG 10.7.2 proxy values, read from a TOML file.

The official structure (six policy domains of five sub-categories each, a domain's value
the sum of its five sub-category values / 5 x 100) is the UN methodology's; which MGI
indicators inform which sub-category, how a sub-category's value is drawn from their
answers, and the category thresholds are this project's choices. All of it lives in
configuration: the packaged ``indicators/sdg-10-7-2.toml`` documents the defaults, and
``--config FILE`` replaces it (a key it leaves out keeps the packaged value).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, Literal

#: mean: the category of the mean domain value; lowest: the lowest domain category;
#: none: no all-domains value.
AllDomainsRule = Literal["mean", "lowest", "none"]
#: mean: the mean credit of the sub-category's counted answers; all: 1 when every
#: counted answer earns full credit, else 0.
SubCategoryRule = Literal["mean", "all"]
CONFIG_NAME = "sdg-10-7-2.toml"
_THRESHOLDS = ("partially_meets", "meets", "fully_meets")
_CREDITED = ("yes", "partial", "no")
#: The custodians' series: a proxy is never published under them (docs/sdg-10-7-2.md).
OFFICIAL_SERIES = frozenset({"SG_CPA_MIGRS", "SG_CPA_MIGRP"})
#: Every domain has exactly this many sub-categories, and a domain's value divides by it.
SUB_CATEGORIES = 5
DEFAULT_SERIES = "MGI_PROXY_10_7_2"
DEFAULT_SERIES_NAME = "SDG 10.7.2 policy domains, MGI-based proxy"


@dataclass(frozen=True)
class SubCategory:
    id: str
    #: Per language; English always there.
    name: Mapping[str, str]
    #: Catalogue indicator ids; ids a catalogue does not have are ignored, so one mapping
    #: serves every catalogue version.
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class PolicyDomain:
    code: str
    name: Mapping[str, str]
    sub_categories: tuple[SubCategory, ...]


@cache
def packaged_domains() -> tuple[PolicyDomain, ...]:
    """The domains of the packaged rule file (the default of every rule)."""
    from mgi_cli.files.tomlmodel import load_toml_model
    from mgi_cli.reports.sdg_rule_file import DomainsOnly

    written = load_toml_model(default_config_path(), DomainsOnly, what="SDG 10.7.2 rule file")
    return tuple(d.as_domain() for d in written.domains)


@dataclass(frozen=True)
class SdgConfig:
    #: The series code and name written in Open SDG files; never an official one.
    series: str = DEFAULT_SERIES
    series_name: str = DEFAULT_SERIES_NAME
    #: Catalogue modules whose mapped indicators count.
    modules: tuple[str, ...] = ("standard",)
    #: How much of "met" each standard answer is worth; other answers are left out.
    credit: Mapping[str, float] = field(
        default_factory=lambda: {"yes": 1.0, "partial": 0.5, "no": 0.0}
    )
    sub_category_rule: SubCategoryRule = "mean"
    #: The lowest domain value (as a share, 0 to 1) for categories 2, 3 and 4; below the
    #: first is category 1. At most three decimals (a tenth of a percentage point), so
    #: that the displayed value (floored to one decimal) never contradicts the category.
    thresholds: tuple[float, float, float] = (0.4, 0.8, 1.0)
    #: Only given when every domain has a value.
    all_domains: AllDomainsRule = "mean"
    #: COMPOSITE_BREAKDOWN of the all-domains row in an Open SDG file ("" = headline).
    all_domains_breakdown: str = ""
    domains: tuple[PolicyDomain, ...] = field(default_factory=packaged_domains)

    def category(self, value: float | Fraction) -> int:
        """The category (1-4) of a domain value (0 to 100), exactly: no rounding first."""
        exact = Fraction(value)
        return 1 + sum(1 for low in self.thresholds if exact >= percent(low))

    def as_json(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "series_name": self.series_name,
            "modules": list(self.modules),
            "credit": dict(self.credit),
            "sub_category_rule": self.sub_category_rule,
            "thresholds": dict(zip(_THRESHOLDS, self.thresholds, strict=True)),
            "all_domains": {"rule": self.all_domains, "breakdown": self.all_domains_breakdown},
        }


def percent(share: float) -> Fraction:
    """A threshold share (at most three decimals) as an exact percentage."""
    return Fraction(round(share * 1000), 10)


def default_config_path() -> Path:
    from mgi_cli.resources import packaged_dir

    return packaged_dir("indicators") / CONFIG_NAME


def load_sdg_config(path: Path) -> SdgConfig:
    """Read a rule file; a broken one stops the command (exit 2), each error at its line."""
    from mgi_cli.files.tomlmodel import load_toml_model
    from mgi_cli.reports.sdg_rule_file import SdgRuleFile

    written = load_toml_model(path, SdgRuleFile, what="SDG 10.7.2 rule file")
    thresholds = written.thresholds
    credit = written.credit
    return SdgConfig(
        series=written.series,
        series_name=written.series_name,
        modules=tuple(written.modules),
        # A [credit] table lists the answers that count; the others are left out.
        credit=SdgConfig().credit
        if credit is None
        else {name: getattr(credit, name) for name in _CREDITED if name in credit.model_fields_set},
        sub_category_rule=written.sub_category.rule,
        thresholds=(thresholds.partially_meets, thresholds.meets, thresholds.fully_meets),
        all_domains=written.all_domains.rule,
        all_domains_breakdown=written.all_domains.breakdown,
        domains=packaged_domains()
        if written.domains is None
        else tuple(d.as_domain() for d in written.domains),
    )
