"""The indicator catalogue: dimensions, sub-areas, modules and indicators."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

StandardAnswer = Literal["yes", "partial", "no", "not_applicable"]
Migration = Literal["immigration", "emigration", "both"]


def _needs_english(value: dict[str, str]) -> dict[str, str]:
    if not value.get("en", "").strip():
        raise ValueError("an English text ('en') is required")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


LocalText = Annotated[dict[str, Annotated[str, Field(min_length=1)]], Field(min_length=1)]


class ScaleChoice(_Model):
    """One answer an indicator accepts, and the standard answer it counts as."""

    id: str = Field(min_length=1)
    counts_as: StandardAnswer
    label: LocalText

    _check_label = field_validator("label")(_needs_english)


class Module(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: LocalText
    since: date | None = None


class Theme(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: LocalText


class SubArea(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: LocalText


class Dimension(_Model):
    id: str = Field(min_length=1)
    number: int = Field(ge=1)
    sdg_10_7_2: str | None = Field(default=None, pattern=r"^PD_[1-6]$")
    name: LocalText
    short_name: LocalText
    sub_areas: list[SubArea] = Field(min_length=1)


class GcmObjective(_Model):
    number: int = Field(ge=1, le=23)
    name: LocalText


class Indicator(_Model):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    dimension: str
    sub_area: str
    module: str = "standard"
    question: LocalText
    guidance: dict[str, str] = Field(default_factory=dict)
    scale: list[ScaleChoice] | None = None
    tags: list[str] = Field(default_factory=list)
    migration: Migration = "both"
    gcm: list[Annotated[int, Field(ge=1, le=23)]] = Field(default_factory=list)
    sdg_10_7_2: str | None = Field(default=None, pattern=r"^PD_[1-6]$")
    #: The sentence a profile uses for each answer value (``yes``, ``partial``, ``no``,
    #: or each id of the indicator's own scale), per language. ``{country}`` and
    #: ``{locality}`` stand for the localised name of the place assessed.
    findings: dict[str, LocalText] | None = None
    replaces: list[str] = Field(default_factory=list)

    _check_question = field_validator("question")(_needs_english)


class Catalogue(_Model):
    """A versioned indicator set; matrices name it as ``<id>@<version>``."""

    format: Literal["mgi-catalogue/1"]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    version: str = Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z._-]*$")
    level: Literal["national", "local"] = "national"
    title: LocalText
    lineage: list[str] = Field(default_factory=list)
    retired: list[str] = Field(default_factory=list)
    scale: list[ScaleChoice] = Field(min_length=1)
    modules: list[Module] = Field(min_length=1)
    themes: list[Theme] = Field(default_factory=list)
    dimensions: list[Dimension] = Field(min_length=1)
    gcm_objectives: list[GcmObjective] = Field(default_factory=list)
    indicators: list[Indicator] = Field(min_length=1)

    _by_id: dict[str, Indicator] = PrivateAttr(default_factory=dict)
    _dimensions: dict[str, Dimension] = PrivateAttr(default_factory=dict)

    def model_post_init(self, __context: object) -> None:
        self._by_id.update((i.id, i) for i in self.indicators)
        self._dimensions.update((d.id, d) for d in self.dimensions)

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def module_ids(self) -> list[str]:
        return [m.id for m in self.modules]

    def indicator(self, indicator_id: str) -> Indicator | None:
        return self._by_id.get(indicator_id)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return self._dimensions.get(dimension_id)

    def scale_of(self, indicator: Indicator) -> list[ScaleChoice]:
        return indicator.scale if indicator.scale is not None else self.scale

    def in_modules(self, modules: list[str] | set[str]) -> list[Indicator]:
        return [i for i in self.indicators if i.module in modules]
