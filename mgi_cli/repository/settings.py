"""A matrices repository's settings: ``mgi.toml`` at its root, read once into a frozen value.

Every key is optional; a repository without ``mgi.toml`` (only ``.git``) gets the
defaults. Options given on the command line win over the file (the commands decide).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mgi_cli.errors import UsageError
from mgi_cli.files.tomlread import load_toml
from mgi_cli.suggest import did_you_mean

CONFIG_FILE = "mgi.toml"
DEFAULT_STALE_AFTER_DAYS = 3 * 365
_CATALOGUE_REF = r"<id>@<version>"


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
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    #: Modules every matrix must declare when its catalogue has them.
    required_modules: tuple[str, ...] = ()
    #: Where profiles are rendered (relative to the root).
    profiles_dir: str = "profiles"

    def pin_for(self, level: str) -> str | None:
        return self.local_catalogue if level == "local" else self.catalogue


def load_config(path: Path) -> RepositoryConfig:
    """Read ``mgi.toml``; a broken file stops the command (exit 2) with its line."""
    data = load_toml(path)
    return _config_from(data, path)


_TOP_KEYS = {
    "catalogue",
    "local-catalogue",
    "other-catalogues",
    "catalogue-files",
    "strict",
    "stale-after-days",
    "required-modules",
    "profiles",
}
_PROFILE_KEYS = {"output"}


def _config_from(data: dict[str, Any], path: Path) -> RepositoryConfig:
    _no_unknown_keys(data, _TOP_KEYS, path, "")
    profiles = data.get("profiles", {})
    if not isinstance(profiles, dict):
        raise UsageError(f"{path}: [profiles] must be a table")
    _no_unknown_keys(profiles, _PROFILE_KEYS, path, "profiles.")
    files = _strings(data, "catalogue-files", path)
    stale = data.get("stale-after-days", DEFAULT_STALE_AFTER_DAYS)
    if isinstance(stale, bool) or not isinstance(stale, int) or stale < 1:
        raise UsageError(f"{path}: stale-after-days must be a whole number of days, at least 1")
    strict = data.get("strict", False)
    if not isinstance(strict, bool):
        raise UsageError(f"{path}: strict must be true or false")
    output = profiles.get("output", "profiles")
    if not isinstance(output, str) or not output:
        raise UsageError(f"{path}: profiles.output must be a folder name")
    return RepositoryConfig(
        catalogue=_ref(data, "catalogue", path),
        local_catalogue=_ref(data, "local-catalogue", path),
        other_catalogues=tuple(
            _check_ref(r, "other-catalogues", path)
            for r in _strings(data, "other-catalogues", path)
        ),
        catalogue_files=tuple(path.parent / f for f in files),
        strict=strict,
        stale_after_days=stale,
        required_modules=_strings(data, "required-modules", path),
        profiles_dir=output,
    )


def _no_unknown_keys(table: dict[str, Any], known: set[str], path: Path, prefix: str) -> None:
    for key in table:
        if key not in known:
            hint = did_you_mean(key, known)
            raise UsageError(
                f"{path}: unknown setting {prefix}{key!r}" + (f"; {hint}" if hint else "")
            )


def _strings(data: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise UsageError(f"{path}: {key} must be a list of texts")
    return tuple(value)


def _ref(data: dict[str, Any], key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError(f"{path}: {key} must be a catalogue as {_CATALOGUE_REF}")
    return _check_ref(value, key, path)


def _check_ref(value: str, key: str, path: Path) -> str:
    ident, at, version = value.partition("@")
    if not (ident and at and version):
        raise UsageError(f"{path}: {key}: {value!r} is not a catalogue as {_CATALOGUE_REF}")
    return value
