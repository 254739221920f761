"""The keys of an SDG 10.7.2 rule file (indicators/sdg-10-7-2.toml) as a pydantic model.

``sdg_config.load_sdg_config`` reads a file through it (mgi_cli/files/tomlmodel.py), so
an unknown key or a wrong value is reported like a matrix's: its line, the key path and
a "did you mean". The packaged file says what each key means.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mgi_cli.reports.sdg_config import AllDomainsRule, SdgConfig

#: A key left out keeps the default rule's value.
_DEFAULT = SdgConfig()
#: A share or a credit: from 0 to 1.
Share = Annotated[float, Field(ge=0, le=1)]


class _Table(BaseModel):
    # strict: `yes = true` is a mistake in a file of numbers, not 1.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Credit(_Table):
    """How much of "met" each standard answer is worth; an answer not listed is left out."""

    yes: Share | None = None
    partial: Share | None = None
    no: Share | None = None


class Thresholds(_Table):
    """The lowest share for categories 2, 3 and 4."""

    partially_meets: Share = _DEFAULT.thresholds[0]
    meets: Share = _DEFAULT.thresholds[1]
    fully_meets: Share = _DEFAULT.thresholds[2]

    @model_validator(mode="after")
    def _rising(self) -> Thresholds:
        if not 0 < self.partially_meets <= self.meets <= self.fully_meets <= 1:
            raise ValueError("they must rise: 0 < partially_meets <= meets <= fully_meets <= 1")
        return self


class AllDomains(_Table):
    rule: AllDomainsRule = _DEFAULT.all_domains
    breakdown: str = _DEFAULT.all_domains_breakdown


class SdgRuleFile(_Table):
    series: str = _DEFAULT.series
    modules: list[str] = Field(default_factory=lambda: list(_DEFAULT.modules))
    #: None: the default credits.
    credit: Credit | None = None
    thresholds: Thresholds = Field(default_factory=Thresholds)
    all_domains: AllDomains = Field(default_factory=AllDomains)
