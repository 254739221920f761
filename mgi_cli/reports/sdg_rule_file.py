"""The keys of an SDG 10.7.2 rule file (indicators/sdg-10-7-2.toml) as a pydantic model.

``sdg_config.load_sdg_config`` reads a file through it (mgi_cli/files/tomlmodel.py), so
an unknown key or a wrong value is reported like a matrix's: its line, the key path and
a "did you mean". The packaged file says what each key means.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mgi_cli.reports.sdg_config import (
    DEFAULT_SERIES,
    DEFAULT_SERIES_NAME,
    OFFICIAL_SERIES,
    SUB_CATEGORIES,
    AllDomainsRule,
    PolicyDomain,
    SubCategory,
    SubCategoryRule,
)

#: A share or a credit: from 0 to 1.
Share = Annotated[float, Field(ge=0, le=1)]
#: A name per language; English is required (the fallback).
Names = Annotated[dict[str, Annotated[str, Field(min_length=1)]], Field(min_length=1)]
_DOMAIN_CODES = [f"PD_{n}" for n in range(1, 7)]


class _Table(BaseModel):
    # strict: `yes = true` is a mistake in a file of numbers, not 1.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _english(names: dict[str, str]) -> dict[str, str]:
    if "en" not in names:
        raise ValueError("needs an English name (en)")
    return names


class Credit(_Table):
    """How much of "met" each standard answer is worth; an answer not listed is left out."""

    yes: Share | None = None
    partial: Share | None = None
    no: Share | None = None


class Thresholds(_Table):
    """The lowest domain value, as a share, for categories 2, 3 and 4."""

    partially_meets: Share = 0.4
    meets: Share = 0.8
    fully_meets: Share = 1.0

    @model_validator(mode="after")
    def _rising(self) -> Thresholds:
        if not 0 < self.partially_meets <= self.meets <= self.fully_meets <= 1:
            raise ValueError("they must rise: 0 < partially_meets <= meets <= fully_meets <= 1")
        # The display floors a value to one decimal of a percentage; a finer threshold
        # could fall between a shown number and the value it stands for.
        for share in (self.partially_meets, self.meets, self.fully_meets):
            if abs(share * 1000 - round(share * 1000)) > 1e-6:
                raise ValueError(
                    f"{share} has more than three decimals; give thresholds to a tenth of "
                    "a percentage point (e.g. 0.805)"
                )
        return self


class AllDomains(_Table):
    rule: AllDomainsRule = "mean"
    breakdown: str = ""


class SubCategoryValue(_Table):
    rule: SubCategoryRule = "mean"


class SubCategoryEntry(_Table):
    id: str = Field(min_length=1)
    name: Names
    indicators: list[str] = Field(default_factory=list)

    _check_name = field_validator("name")(_english)


class DomainEntry(_Table):
    code: str
    name: Names
    sub_categories: list[SubCategoryEntry]

    _check_name = field_validator("name")(_english)

    @field_validator("sub_categories")
    @classmethod
    def _five(cls, value: list[SubCategoryEntry]) -> list[SubCategoryEntry]:
        if len(value) != SUB_CATEGORIES:
            raise ValueError(
                f"a policy domain has exactly {SUB_CATEGORIES} sub-categories, not {len(value)}"
            )
        return value

    def as_domain(self) -> PolicyDomain:
        return PolicyDomain(
            code=self.code,
            name=dict(self.name),
            sub_categories=tuple(
                SubCategory(s.id, dict(s.name), tuple(s.indicators)) for s in self.sub_categories
            ),
        )


def _six(domains: list[DomainEntry] | None) -> list[DomainEntry] | None:
    if domains is not None and [d.code for d in domains] != _DOMAIN_CODES:
        raise ValueError("the policy domains are PD_1 to PD_6, each once, in that order")
    return domains


class DomainsOnly(BaseModel):
    """The packaged file's domains, read apart so that the defaults can use them."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)

    domains: list[DomainEntry]

    _check_domains = field_validator("domains")(_six)


class SdgRuleFile(_Table):
    series: str = Field(default=DEFAULT_SERIES, min_length=1)
    series_name: str = Field(default=DEFAULT_SERIES_NAME, min_length=1)
    modules: list[str] = Field(default_factory=lambda: ["standard"])
    #: None: the default credits.
    credit: Credit | None = None
    sub_category: SubCategoryValue = Field(default_factory=SubCategoryValue)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    all_domains: AllDomains = Field(default_factory=AllDomains)
    #: None: the packaged domains and mapping.
    domains: list[DomainEntry] | None = None

    _check_domains = field_validator("domains")(_six)

    @field_validator("series")
    @classmethod
    def _not_official(cls, value: str) -> str:
        if value.strip().upper() in OFFICIAL_SERIES:
            raise ValueError(
                f"{value} is an official UN series code; values computed from MGI answers "
                "are a proxy and must be published under a code of your own"
            )
        return value
