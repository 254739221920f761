"""The rule that turns answers into SDG 10.7.2 categories, read from a TOML file.

The custodians' exact thresholds and all-domains rule are not confirmed (docs/methodology.md),
so they live in configuration: the packaged ``indicators/sdg-10-7-2.toml`` documents
the defaults, and ``--config FILE`` replaces it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

#: mean: the category of the mean domain share; lowest: the lowest domain category;
#: none: no all-domains value.
AllDomainsRule = Literal["mean", "lowest", "none"]
CONFIG_NAME = "sdg-10-7-2.toml"
_THRESHOLDS = ("partially_meets", "meets", "fully_meets")
_CREDITED = ("yes", "partial", "no")


@dataclass(frozen=True)
class SdgConfig:
    series: str = "SG_CPA_MIGRS"
    #: Catalogue modules whose linked indicators count.
    modules: tuple[str, ...] = ("standard",)
    #: How much of "met" each standard answer is worth; other answers are left out.
    credit: Mapping[str, float] = field(
        default_factory=lambda: {"yes": 1.0, "partial": 0.5, "no": 0.0}
    )
    #: The lowest share for categories 2, 3 and 4; below the first is category 1.
    thresholds: tuple[float, float, float] = (0.4, 0.8, 1.0)
    #: Only given when every domain has a value.
    all_domains: AllDomainsRule = "mean"
    #: COMPOSITE_BREAKDOWN of the all-domains row in an Open SDG file ("" = headline).
    all_domains_breakdown: str = ""

    def category(self, share: float) -> int:
        return 1 + sum(1 for low in self.thresholds if share >= low - 1e-9)

    def as_json(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "modules": list(self.modules),
            "credit": dict(self.credit),
            "thresholds": dict(zip(_THRESHOLDS, self.thresholds, strict=True)),
            "all_domains": {"rule": self.all_domains, "breakdown": self.all_domains_breakdown},
        }


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
        modules=tuple(written.modules),
        # A [credit] table lists the answers that count; the others are left out.
        credit=SdgConfig().credit
        if credit is None
        else {name: getattr(credit, name) for name in _CREDITED if name in credit.model_fields_set},
        thresholds=(thresholds.partially_meets, thresholds.meets, thresholds.fully_meets),
        all_domains=written.all_domains.rule,
        all_domains_breakdown=written.all_domains.breakdown,
    )
