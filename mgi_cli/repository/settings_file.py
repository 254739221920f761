"""The keys of ``mgi.toml`` and what each takes, as a pydantic model.

``settings.load_config`` reads the file through it (mgi_cli/files/tomlmodel.py), so an
unknown key or a wrong value is reported like a matrix's: its line, the key path, and a
"did you mean" for a misspelt key. A new setting is a field here (its TOML spelling as
the alias), a field of ``RepositoryConfig`` and a line in templates/init/mgi.toml.j2.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from mgi_cli.repository.settings import RepositoryConfig

#: A key left out keeps the default setting.
_DEFAULT = RepositoryConfig()


def _catalogue_ref(value: str) -> str:
    ident, at, version = value.partition("@")
    if not (ident and at and version):
        raise ValueError(f"{value!r} is not a catalogue as <id>@<version>, e.g. mgi-national@1.0")
    return value


CatalogueRef = Annotated[str, AfterValidator(_catalogue_ref)]


def _problem_code(value: str) -> str:
    from mgi_cli.problems.codes import CODES
    from mgi_cli.suggest import did_you_mean

    if value not in CODES:
        suggestion = did_you_mean(value, CODES)
        raise ValueError(
            f"{value!r} is not a problem code (docs/codes.md lists them)"
            + (f"; {suggestion}" if suggestion else "")
        )
    return value


ProblemCode = Annotated[str, AfterValidator(_problem_code)]
Text = Annotated[str, Field(min_length=1)]


def _inside(value: str) -> str:
    # Written as a path inside the repository; a link that leads out of it is refused
    # when the file is read (settings.load_config). SECURITY.md, "Paths ... stay".
    from pathlib import PurePosixPath, PureWindowsPath

    windows = PureWindowsPath(value)
    if (
        PurePosixPath(value).is_absolute()
        or windows.is_absolute()
        or windows.drive
        or ".." in windows.parts
    ):
        raise ValueError(
            f"{value!r} leads out of the repository: give a path inside it, relative to "
            "the folder of mgi.toml"
        )
    return value


#: A path relative to mgi.toml's folder that stays inside it.
InsidePath = Annotated[str, Field(min_length=1), AfterValidator(_inside)]


class _Table(BaseModel):
    # strict: TOML has types of its own; `strict = 1` is a mistake, not true.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ProfilesTable(_Table):
    # Inside the repository: CI writes the profiles there (SECURITY.md).
    output: InsidePath = Field(
        default=_DEFAULT.profiles_dir, description="The folder profiles are rendered into."
    )


_SITE = _DEFAULT.site
#: The languages mgi writes (mgi_cli/languages.py), as the site's choices.
SiteLanguage = Literal["en", "fr", "es", "pt"]


class SiteTable(_Table):
    """``[site]``: what ``mgi site build`` publishes (docs/site.md)."""

    title: Text = Field(default=_SITE.title, description="The site's name.")
    base_url: Text | None = Field(
        default=None, alias="base-url", description="The address the site is served from."
    )
    languages: list[SiteLanguage] = Field(default=[], description="The site's languages.")
    aggregates: bool = Field(default=_SITE.aggregates, description="Publish aggregated views.")
    # 3: below it one or two countries could be told apart (as `mgi render summary`).
    min_group: int = Field(default=_SITE.min_group, ge=3, alias="min-group")
    include_restricted: bool = Field(default=_SITE.include_restricted, alias="include-restricted")


class MgiToml(_Table):
    """mgi.toml as written; templates/init/mgi.toml.j2 says what each key means."""

    catalogue: CatalogueRef | None = None
    local_catalogue: CatalogueRef | None = Field(default=None, alias="local-catalogue")
    other_catalogues: list[CatalogueRef] = Field(default=[], alias="other-catalogues")
    catalogue_files: list[InsidePath] = Field(default=[], alias="catalogue-files")
    strict: bool = _DEFAULT.strict
    select: list[ProblemCode] = Field(default=[], description="Report only these codes.")
    ignore: list[ProblemCode] = Field(default=[], description="Never report these codes.")
    stale_after_days: int = Field(default=_DEFAULT.stale_after_days, ge=1, alias="stale-after-days")
    required_modules: list[Text] = Field(default=[], alias="required-modules")
    profiles: ProfilesTable = Field(default_factory=ProfilesTable)
    site: SiteTable = Field(default_factory=SiteTable)
