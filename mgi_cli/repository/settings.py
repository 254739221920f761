"""A matrices repository's settings: ``mgi.toml`` at its root, read once into a frozen value.

Every key is optional; a repository without ``mgi.toml`` (only ``.git``) gets the
defaults. Options given on the command line win over the file (the commands decide).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "mgi.toml"
#: A reference last accessed this long before the assessment is stale (the
#: ``stale-reference`` rule): the one default of mgi.toml's ``stale-after-days``, of
#: ``--stale-after`` and of ``ValidationOptions``. Commands read it as they start, so
#: this module imports nothing heavy at the top.
DEFAULT_STALE_AFTER_DAYS = 3 * 365


@dataclass(frozen=True)
class SiteConfig:
    """mgi.toml's ``[site]``: what ``mgi site build`` publishes and how (docs/site.md)."""

    title: str = "Migration Governance Indicators"
    #: The address the site is served from; hreflang links are absolute when it is set.
    base_url: str | None = None
    #: The languages of the site; empty: every language mgi writes.
    languages: tuple[str, ...] = ()
    #: Publish the aggregated views (``mgi render summary --audience public``).
    aggregates: bool = True
    #: The aggregated views suppress every figure drawn from fewer countries than this.
    min_group: int = 5
    #: Count matrices whose confidentiality is restricted in the aggregated views.
    include_restricted: bool = False


@dataclass(frozen=True)
class RepositoryConfig:
    """What ``mgi.toml`` says; see templates/init/mgi.toml.j2 for each key's meaning."""

    #: The catalogue every national matrix answers (``<id>@<version>``), or no pin.
    catalogue: str | None = None
    #: The catalogue every local matrix answers, or no pin for them.
    local_catalogue: str | None = None
    #: Catalogues some matrices answer on purpose (an earlier version, say).
    other_catalogues: tuple[str, ...] = ()
    #: Extra catalogue files, absolute, as ``--catalogue FILE``.
    catalogue_files: tuple[Path, ...] = ()
    strict: bool = False
    #: Only these problem codes are reported (``--select``); empty: every code.
    select: tuple[str, ...] = ()
    #: These problem codes are never reported (``--ignore``).
    ignore: tuple[str, ...] = ()
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    #: Modules every matrix must declare when its catalogue has them.
    required_modules: tuple[str, ...] = ()
    #: Where profiles are rendered (relative to the root).
    profiles_dir: str = "profiles"
    site: SiteConfig = SiteConfig()

    def pin_for(self, level: str) -> str | None:
        return self.local_catalogue if level == "local" else self.catalogue


def load_config(path: Path) -> RepositoryConfig:
    """Read ``mgi.toml``; a broken file stops the command (exit 2), each error at its line."""
    # pydantic is imported only here: commands read DEFAULT_STALE_AFTER_DAYS as they start.
    from mgi_cli.files.tomlmodel import load_toml_model
    from mgi_cli.repository.settings_file import MgiToml

    written = load_toml_model(path, MgiToml, what="settings file")
    catalogue_files = tuple(path.parent / f for f in written.catalogue_files)
    root = path.parent.resolve()
    # A link out of the repository: the paths themselves were checked at their lines.
    named = [("catalogue-files", f, "it was not read") for f in catalogue_files]
    named.append(("profiles.output", path.parent / written.profiles.output, "it is refused"))
    for key, file, consequence in named:
        if not file.resolve().is_relative_to(root):
            from mgi_cli.errors import UsageError

            raise UsageError(
                f"{path}: {key}: {file.relative_to(path.parent)} leads out of the "
                f"repository (a link); {consequence}"
            )
    return RepositoryConfig(
        catalogue=written.catalogue,
        local_catalogue=written.local_catalogue,
        other_catalogues=tuple(written.other_catalogues),
        catalogue_files=catalogue_files,
        strict=written.strict,
        select=tuple(written.select),
        ignore=tuple(written.ignore),
        stale_after_days=written.stale_after_days,
        required_modules=tuple(written.required_modules),
        profiles_dir=written.profiles.output,
        site=SiteConfig(
            title=written.site.title,
            base_url=written.site.base_url,
            languages=tuple(written.site.languages),
            aggregates=written.site.aggregates,
            min_group=written.site.min_group,
            include_restricted=written.site.include_restricted,
        ),
    )
