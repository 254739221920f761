"""The matrix file, format version 1 (docs/format.md)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Final, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from mgi_cli.catalogue.models import LocalText, Migration, ScaleChoice
from mgi_cli.languages import FALLBACK, LANGUAGES
from mgi_cli.matrix.texts import Text, text_in

#: The matrix format version this mgi reads and writes, as files name it in ``format:``.
FormatVersion = Literal["mgi-matrix/1"]
FORMAT: Final[str] = get_args(FormatVersion)[0]
Status = Literal["draft", "in_review", "validated", "published"]
PUBLISHABLE: frozenset[str] = frozenset({"validated", "published"})


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date_only(value: object) -> object:
    """Dates are written YYYY-MM-DD; pydantic alone would read 1529971200 as a Unix time."""
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    if isinstance(value, str):
        raise PydanticCustomError("date_parsing", "Input should be a date as YYYY-MM-DD")
    raise PydanticCustomError("date_type", "Input should be a valid date")


Day = Annotated[date, BeforeValidator(_iso_date_only)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(_Model):
    """A source: a law, strategy, report or page, with the dates that show its age."""

    title: str = Field(min_length=1, description="What the source is, e.g. the act and section.")
    url: str | None = Field(default=None, description="http or https address of the source.")
    publisher: str | None = Field(default=None, description="Who issued the source.")
    published: Day | None = Field(default=None, description="When the source was issued.")
    accessed: Day | None = Field(default=None, description="When the source was last checked.")


class Answer(_Model):
    """The answer to one indicator, why, and from which sources."""

    answer: str | None = Field(
        default=None,
        description="yes | partial | no | not_applicable, or the indicator's own choices; "
        "null while the matrix is a draft.",
    )
    justification: str | None = Field(
        default=None, description="Why: names the law, policy or body."
    )
    references: list[Reference] = Field(default_factory=list)
    restricted: bool = Field(
        default=False,
        description="true: this answer's justification and references never appear in "
        "public output.",
    )
    reviewed: bool = Field(
        default=True,
        description="false on an answer carried over from the baseline that nobody has "
        "re-checked yet.",
    )
    notes: str | None = Field(default=None, description="Working notes for the team.")
    finding: Text | None = Field(
        default=None,
        description="The public wording of this finding, naming the law or body; a profile "
        "uses it instead of the catalogue's sentence.",
    )


ActionStatus = Literal["planned", "in_progress", "done", "dropped"]


class ActionItem(_Model):
    """One step of the post-assessment action plan: a gap, what will be done, by whom, when."""

    id: str = Field(min_length=1, description="A short identifier, unique in the plan.")
    indicators: list[str] = Field(
        min_length=1, description="The indicator ids whose gap the action addresses."
    )
    action: str = Field(min_length=1, description="What will be done.")
    responsible: str | None = Field(default=None, description="The body responsible.")
    due: Day | None = Field(default=None, description="When it should be done.")
    status: ActionStatus = Field(
        default="planned", description="planned | in_progress | done | dropped"
    )
    progress: str | None = Field(default=None, description="Progress so far.")
    notes: str | None = Field(default=None, description="Working notes for the team.")


class ContextIndicator(_Model):
    """An indicator a matrix adds for its context, next to the catalogue's (id ``X.<name>``)."""

    id: str = Field(
        min_length=1,
        description="X.<name>, e.g. X.01 or X.port-authority; answered under `answers:`.",
    )
    dimension: str = Field(min_length=1, description="The catalogue dimension, e.g. D5.")
    sub_area: str | None = Field(default=None, description="A sub-area of that dimension.")
    question: LocalText = Field(description="The question, in English (en) and fr, es.")
    scale: list[ScaleChoice] | None = Field(
        default=None, min_length=1, description="Its own answers; the catalogue's when absent."
    )
    tags: list[str] = Field(default_factory=list, description="Themes of the catalogue.")
    migration: Migration = "both"
    gcm: list[Annotated[int, Field(ge=1, le=23)]] = Field(
        default_factory=list, description="Global Compact objectives (1-23)."
    )

    @field_validator("question")
    @classmethod
    def _needs_english(cls, value: dict[str, str]) -> dict[str, str]:
        if not value.get("en", "").strip():
            raise ValueError("an English text ('en') is required")
        return value


class Profile(_Model):
    """The profile's authored narrative; each text a string or one per language."""

    summary: Text | None = Field(default=None, description="Key findings, shown first.")
    context: Text | None = Field(
        default=None, description="The migration context of the country or city."
    )
    dimensions: dict[str, Text] = Field(
        default_factory=dict, description="Narrative per dimension, by catalogue id (D1 ...)."
    )
    sub_areas: dict[str, Text] = Field(
        default_factory=dict,
        description="Narrative per sub-area, as <dimension>.<sub-area> (D1.health ...).",
    )


#: How a consultation took place; rules_process.py names a wrong one.
CONSULTATION_KINDS = ("workshop", "interview", "written")
_Institution = Annotated[str, Field(min_length=1, description="An institution, never a person.")]


class Consultation(_Model):
    """One consultation of the assessment: when, how, and which institutions took part."""

    date: Day
    kind: str = Field(
        description=" | ".join(CONSULTATION_KINDS),
        json_schema_extra={"enum": list(CONSULTATION_KINDS)},
    )
    participants: list[_Institution] = Field(
        min_length=1, description="The institutions that took part, never persons."
    )


class Validation(_Model):
    """When the government validated the matrix, and which body did."""

    date: Day
    by: _Institution


class Process(_Model):
    """Who coordinated the assessment, who was consulted, who validated it: institutions."""

    focal_point: _Institution | None = Field(
        default=None, description="The institution that coordinated the assessment."
    )
    consultations: list[Consultation] = Field(default_factory=list)
    validated: Validation | None = None


class Matrix(_Model):
    """One MGI assessment: who, when, against which catalogue, and every answer."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="MGI matrix",
        json_schema_extra={"$id": "https://mgi-cli.example/schema/mgi-matrix-1.json"},
    )

    format: FormatVersion = Field(description="File format version.")
    country: str = Field(
        pattern=r"^[A-Z]{3}$",
        description="ISO 3166-1 alpha-3 code; user-assigned codes (XAA-XZZ ...) for examples.",
    )
    level: Literal["national", "local"]
    locality: str | None = Field(default=None, description="The city or region (level local).")
    subdivision: str | None = Field(
        default=None, description="level local: the ISO 3166-2 code of the region, e.g. KE-30."
    )
    context: str | None = Field(
        default=None,
        description="level local: the national matrix of the same country, relative to this file.",
    )
    assessment: Literal["baseline", "follow_up"]
    baseline: str | None = Field(
        default=None, description="follow_up only: the earlier matrix, relative to this file."
    )
    catalogue: str = Field(
        pattern=r"^[a-z0-9][a-z0-9_.-]*@[0-9A-Za-z][0-9A-Za-z._-]*$",
        description="The catalogue this matrix answers, as <id>@<version>.",
    )
    modules: list[str] = Field(min_length=1, description="Indicator sets answered.")
    assessed_on: Day
    status: Status
    confidentiality: Literal["restricted", "public"] = "restricted"
    title: Text | None = Field(
        default=None, description="Display name, e.g. the country's name; one per language."
    )
    language: str = Field(
        default=FALLBACK,
        description="The language of the texts written as plain strings.",
        json_schema_extra={"enum": list(LANGUAGES)},
    )
    profile: Profile | None = Field(
        default=None, description="The profile's authored narrative (optional)."
    )
    process: Process | None = Field(
        default=None,
        description="The record of the assessment: focal point, consultations, validation.",
    )
    context_indicators: list[ContextIndicator] = Field(
        default_factory=list, description="Indicators this matrix adds for its context."
    )
    not_used: dict[str, str | None] = Field(
        default_factory=dict,
        description="Catalogue indicators not used in this context, each with the reason.",
    )
    answers: dict[str, Answer | None] = Field(default_factory=dict)
    action_plan: list[ActionItem] = Field(
        default_factory=list, description="The post-assessment action plan (optional)."
    )

    def title_in(self, lang: str) -> str | None:
        """The title in ``lang`` (English or the matrix's language when missing), or None."""
        return text_in(self.title, lang, self.language)[0] or None
