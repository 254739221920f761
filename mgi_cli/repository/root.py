"""The matrices repository: the folder holding mgi.toml or .git, with matrices/ below.

Matrices are laid out by what they assess, so a path alone says which file holds an
assessment (docs/format.md):

    matrices/<ISO3>/<year>-<assessment>.yaml
    matrices/<ISO3>/local/<locality-slug>/<year>-<assessment>.yaml
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath

from mgi_cli.repository.settings import CONFIG_FILE, RepositoryConfig, load_config

MATRICES = "matrices"
_FILE_NAME = re.compile(r"(?P<year>[0-9]{4})-(?P<assessment>[^/]+)\.yaml")


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds mgi.toml or .git."""
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file() or (folder / ".git").exists():
            return folder
    return None


@dataclass(frozen=True)
class Repository:
    """A matrices repository: its root folder and its settings."""

    root: Path
    config: RepositoryConfig

    @property
    def matrices(self) -> Path:
        return self.root / MATRICES


def open_repository(root: Path) -> Repository:
    """The repository at ``root``, with mgi.toml's settings if it has one."""
    config_path = root / CONFIG_FILE
    if config_path.is_file():
        return Repository(root, load_config(config_path))
    return Repository(root, RepositoryConfig())


def repository_for(paths: list[Path], cwd: Path) -> Repository | None:
    """The repository a validation run is inside, if any.

    With no paths: the repository around ``cwd`` (mgi.toml or .git). With paths: the
    one repository with mgi.toml that holds every one of them; paths spread over
    several repositories, or outside any configured one, are checked file by file.
    """
    if not paths:
        root = find_root(cwd)
        return open_repository(root) if root is not None else None
    roots = {find_root(absolute(cwd / p)) for p in paths}
    if len(roots) != 1:
        return None
    root = roots.pop()
    if root is None or not (root / CONFIG_FILE).is_file():
        return None
    return open_repository(root)


def absolute(path: Path) -> Path:
    """``path`` made absolute with ``..`` folded, without following symbolic links."""
    return Path(os.path.abspath(path))  # noqa: PTH100 - resolve() follows links


def slugify(text: str) -> str:
    """A locality's folder name: ``São Paulo`` -> ``sao-paulo``; other scripts are kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "-", plain.casefold()).strip("-")


@dataclass(frozen=True)
class Place:
    """Which assessment a path says a file holds; compared with what the file says."""

    country: str
    level: str
    locality_slug: str | None
    year: str
    assessment: str

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.country, self.level, self.locality_slug or "", self.year, self.assessment)

    def path(self) -> PurePosixPath:
        name = f"{self.year}-{self.assessment}.yaml"
        if self.level == "local":
            return PurePosixPath(MATRICES, self.country, "local", self.locality_slug or "", name)
        return PurePosixPath(MATRICES, self.country, name)

    def describe(self) -> str:
        where = f" {self.locality_slug}" if self.level == "local" else ""
        return f"{self.country}{where} {self.level} {self.assessment} of {self.year}"


def place_of_path(relative: PurePath) -> Place | None:
    """What a path relative to the root says, or None if it breaks the layout."""
    parts = relative.parts
    if len(parts) == 3 and parts[0] == MATRICES:
        level, slug = "national", None
    elif len(parts) == 5 and parts[0] == MATRICES and parts[2] == "local":
        level, slug = "local", parts[3]
    else:
        return None
    match = _FILE_NAME.fullmatch(parts[-1])
    if match is None:
        return None
    return Place(parts[1], level, slug, match["year"], match["assessment"])


def is_under_matrices(relative: PurePath) -> bool:
    return len(relative.parts) > 1 and relative.parts[0] == MATRICES
