"""The one gate between a matrix file and what is made from it: load, validate, and
refuse an invalid matrix with its errors.

Profiles, reports and diffs are made only from valid matrices; ``mgi status`` and the
summary count the problems instead of refusing. All of them load and validate here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mgi_cli.errors import MgiError
from mgi_cli.problems.problem import Problem, Severity

if TYPE_CHECKING:
    from pathlib import Path

    from mgi_cli.catalogue.load import CatalogueLibrary
    from mgi_cli.catalogue.models import Catalogue
    from mgi_cli.matrix.load import LoadedMatrix
    from mgi_cli.matrix.models import Matrix
    from mgi_cli.validate.rule_input import ValidationOptions


@dataclass(frozen=True)
class Checked:
    """A matrix file as loaded, and every problem validation found in it."""

    loaded: LoadedMatrix
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is not Severity.ERROR]

    @property
    def valid(self) -> bool:
        return self.loaded.matrix is not None and not self.errors


@dataclass(frozen=True)
class Valid:
    """A valid matrix, its catalogue, and the warnings validation left."""

    matrix: Matrix
    catalogue: Catalogue
    display: str
    warnings: list[Problem]


def check(
    loaded: LoadedMatrix,
    library: CatalogueLibrary,
    options: ValidationOptions,
    *,
    ignore: frozenset[str] = frozenset(),
) -> Checked:
    """Validate a loaded matrix; problems whose code is in ``ignore`` are left out.

    Inside a matrices repository (a folder above the file holds mgi.toml or .git), a
    ``baseline:`` or ``context:`` leading out of it is reported and not read, as by
    ``mgi validate``: every command that checks a matrix here (diff, render, the
    reports, the site) refuses such a path before anything reads it.
    """
    from mgi_cli.repository.root import absolute, find_root
    from mgi_cli.validate.checker import validate_loaded

    root = find_root(absolute(loaded.path).parent)
    found = validate_loaded(loaded, library, options, root=root)
    return Checked(loaded, [p for p in found if p.code not in ignore])


def load_checked(path: Path, library: CatalogueLibrary, options: ValidationOptions) -> Checked:
    """Load the matrix at ``path`` and validate it."""
    from mgi_cli.matrix.load import load_matrix

    return check(load_matrix(path), library, options)


def require_valid(
    checked: Sequence[Checked], library: CatalogueLibrary, *, refusal: str
) -> list[Valid]:
    """Each matrix with its catalogue, or ``MgiError(refusal)`` with every error of all."""
    errors = [p for c in checked for p in c.errors]
    if errors or not all(c.valid for c in checked):
        raise MgiError(refusal, problems=errors)
    return [_with_catalogue(c, library) for c in checked]


def load_valid(
    path: Path, library: CatalogueLibrary, options: ValidationOptions, *, advice: str
) -> Valid:
    """The valid matrix at ``path``; else ``MgiError`` "<file> is not valid; <advice>"
    listing its errors."""
    checked = load_checked(path, library, options)
    refusal = f"{checked.loaded.display} is not valid; {advice}"
    return require_valid([checked], library, refusal=refusal)[0]


def _with_catalogue(checked: Checked, library: CatalogueLibrary) -> Valid:
    matrix = checked.loaded.matrix
    assert matrix is not None  # require_valid checked it
    catalogue = library.get(matrix.catalogue)
    if catalogue is None:  # validation reports an unknown catalogue; kept for mypy
        raise MgiError(f"mgi does not have the catalogue {matrix.catalogue!r}")
    return Valid(matrix, catalogue, checked.loaded.display, checked.warnings)
