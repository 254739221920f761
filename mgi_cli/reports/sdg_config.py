"""The rule that turns answers into SDG 10.7.2 categories, read from a TOML file.

The custodians' exact thresholds and all-domains rule are not confirmed (docs/methodology.md),
so they live in configuration: the packaged ``indicators/sdg-10-7-2.toml`` documents
the defaults, and ``--config FILE`` replaces it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgi_cli.errors import UsageError
from mgi_cli.files.tomlread import load_toml
from mgi_cli.suggest import did_you_mean

ALL_DOMAIN_RULES = ("mean", "lowest", "none")
CONFIG_NAME = "sdg-10-7-2.toml"
_KEYS = {"series", "modules", "credit", "thresholds", "all_domains"}
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
    #: mean: the category of the mean domain share; lowest: the lowest domain category;
    #: none: no all-domains value. Only given when every domain has a value.
    all_domains: str = "mean"
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
    """Read a rule file; a broken one stops the command (exit 2) saying what is wrong."""
    data = load_toml(path)
    try:
        return _config(data)
    except (TypeError, ValueError) as error:
        raise UsageError(f"{path}: {error}") from None


def _config(data: dict[str, Any]) -> SdgConfig:
    _known(data, _KEYS, "")
    default = SdgConfig()
    credit = data.get("credit", default.credit)
    _known(credit, set(_CREDITED), "credit.")
    thresholds = data.get("thresholds", {})
    _known(thresholds, set(_THRESHOLDS), "thresholds.")
    lows = tuple(
        _number(thresholds.get(k, d), f"thresholds.{k}")
        for k, d in zip(_THRESHOLDS, default.thresholds, strict=True)
    )
    if not 0 < lows[0] <= lows[1] <= lows[2] <= 1:
        raise ValueError("thresholds must rise: 0 < partially_meets <= meets <= fully_meets <= 1")
    whole = data.get("all_domains", {})
    _known(whole, {"rule", "breakdown"}, "all_domains.")
    rule = whole.get("rule", default.all_domains)
    if rule not in ALL_DOMAIN_RULES:
        raise ValueError(f"all_domains.rule is {rule!r}; use " + ", ".join(ALL_DOMAIN_RULES))
    modules = data.get("modules", list(default.modules))
    if not isinstance(modules, list) or not all(isinstance(m, str) for m in modules):
        raise TypeError("modules must be a list of module ids")
    return SdgConfig(
        series=_text(data.get("series", default.series), "series"),
        modules=tuple(modules),
        credit={k: _number(v, f"credit.{k}") for k, v in credit.items()},
        thresholds=(lows[0], lows[1], lows[2]),
        all_domains=rule,
        all_domains_breakdown=_text(whole.get("breakdown", ""), "all_domains.breakdown"),
    )


def _known(table: object, keys: set[str], prefix: str) -> None:
    if not isinstance(table, dict):
        raise TypeError(f"{prefix.rstrip('.') or 'the file'} must be a table")
    for key in table:
        if key not in keys:
            hint = did_you_mean(key, keys) or "known: " + ", ".join(sorted(keys))
            raise ValueError(f"unknown key {prefix}{key} ({hint})")


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"{name} must be a number from 0 to 1")
    return float(value)


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a text")
    return value
