"""Rules on the repository as a whole: where files sit, what they point at, what they repeat.

They run when validation happens inside a matrices repository (``mgi validate`` with
no PATH, or with paths under a root holding mgi.toml), after the rules on each file:

- a matrix under ``matrices/`` sits at the path its contents say (``path-layout``,
  ``path-mismatch``);
- no two files hold the same assessment (``duplicate-assessment``);
- nothing is read from outside the root: neither a follow-up's baseline
  (``baseline-outside-repository``) nor a local matrix's context (``context-unreadable``),
  both reported by their own rules given the root (mgi_cli/matrix/linked.py), nor a
  matrix that is a link leading out (``link-outside-repository``);
- matrices answer the catalogue mgi.toml pins (``catalogue-not-pinned``, a warning)
  and declare its required modules (``required-module``).

Devices, pipes and sockets are never read, inside a repository or not: reading
``/dev/zero`` or a FIFO named ``x.yaml`` would hang or fill memory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.errors import CatalogueError
from mgi_cli.files.read import probe
from mgi_cli.matrix.load import LoadedMatrix, load_matrix
from mgi_cli.matrix.models import Matrix
from mgi_cli.problems import codes
from mgi_cli.problems.problem import Problem, Severity, shown_path
from mgi_cli.repository.root import (
    Place,
    Repository,
    absolute,
    is_under_matrices,
    place_of_path,
    slugify,
)
from mgi_cli.validate.checker import validate_loaded
from mgi_cli.validate.rule_input import ValidationOptions

Mark = tuple[int, int]


@dataclass(frozen=True)
class CheckedFile:
    """The problems of one file and, in a repository, the assessment it holds."""

    problems: list[Problem]
    #: By its contents; None outside a repository or when the file cannot be read.
    place: Place | None = None
    #: Where a duplicate is reported: the file's ``assessed_on``.
    mark: Mark | None = None


def refuse_to_read(path: Path, display: str, root: Path | None) -> Problem | None:
    """The problem that keeps ``path`` unread: a link out of ``root``, or a special file."""
    refused = probe(path, within=root)
    if refused is None or refused.kind in ("missing", "error", "folder"):
        return None  # the reader says so in its own words
    if refused.kind == "outside":
        return Problem(
            display,
            codes.LINK_OUTSIDE_REPOSITORY,
            f"this file is a link to {os.path.realpath(path)}, outside the repository; "
            "it was not read",
            hint="keep matrices inside the repository, as files rather than links",
        )
    return refused.problem(display)


def check_in_repository(
    path: Path,
    library: CatalogueLibrary,
    options: ValidationOptions,
    repository: Repository,
    display: str | None = None,
) -> CheckedFile:
    """Every rule on one file, plus the repository's rules on its place and its links.

    A baseline or context matrix leading out of the repository is reported, not read
    (the follow-up and context rules are given the root).
    """
    shown = display if display is not None else shown_path(path)
    refused = refuse_to_read(path, shown, repository.root)
    if refused is not None:
        return CheckedFile([refused])
    loaded = load_matrix(path, shown)
    matrix = loaded.matrix
    problems = validate_loaded(loaded, library, options, root=repository.root)
    if matrix is None:
        problems += _layout_problems(loaded, None, repository)
        return CheckedFile(sorted(problems, key=Problem.sort_key))
    problems += _layout_problems(loaded, matrix, repository)
    problems += _catalogue_problems(loaded, matrix, library, repository)
    return CheckedFile(
        sorted(problems, key=Problem.sort_key),
        place=place_of_matrix(matrix),
        mark=loaded.parsed.mark(("assessed_on",)),
    )


def place_of_matrix(matrix: Matrix) -> Place:
    slug = slugify(matrix.locality or "") if matrix.level == "local" else None
    return Place(
        matrix.country, matrix.level, slug, f"{matrix.assessed_on.year:04d}", matrix.assessment
    )


def relative_to_root(path: Path, repository: Repository) -> PurePosixPath | None:
    try:
        return PurePosixPath(absolute(path).relative_to(absolute(repository.root)).as_posix())
    except ValueError:
        return None


_LAYOUT = (
    "matrices/<ISO3>/<year>-<assessment>.yaml or "
    "matrices/<ISO3>/local/<locality-slug>/<year>-<assessment>.yaml"
)


def _layout_problems(
    loaded: LoadedMatrix, matrix: Matrix | None, repository: Repository
) -> list[Problem]:
    relative = relative_to_root(loaded.path, repository)
    if relative is None or not is_under_matrices(relative):
        return []  # named on the command line from elsewhere: checked as a file only
    expected = place_of_matrix(matrix).path() if matrix is not None else None
    move = f"move it to {expected}" if expected is not None else None
    said = place_of_path(relative)
    if said is None or relative.suffix != ".yaml":
        return [
            Problem(
                loaded.display,
                codes.PATH_LAYOUT,
                f"{relative} does not follow the layout {_LAYOUT}",
                hint=move,
            )
        ]
    if matrix is None:
        return []
    found = place_of_matrix(matrix)
    problems = []
    for key, field, path_says, file_says in (
        ("country", "country", said.country, found.country),
        ("level", "level", said.level, found.level),
        ("locality", "locality slug", said.locality_slug, found.locality_slug),
        ("assessed_on", "year", said.year, found.year),
        ("assessment", "assessment", said.assessment, found.assessment),
    ):
        if said.level != found.level and key == "locality":
            continue  # the level mismatch says it all
        if path_says != file_says:
            problems.append(
                loaded.parsed.problem(
                    (key,),
                    codes.PATH_MISMATCH,
                    f"the path says {field} {path_says!r}, the file says {file_says!r}",
                    hint=f"{move}, or correct `{key}`",
                )
            )
    return problems


def _catalogue_problems(
    loaded: LoadedMatrix, matrix: Matrix, library: CatalogueLibrary, repository: Repository
) -> list[Problem]:
    config = repository.config
    problems = []
    pin = config.pin_for(matrix.level)
    if pin and matrix.catalogue != pin and matrix.catalogue not in config.other_catalogues:
        problems.append(
            loaded.parsed.problem(
                ("catalogue",),
                codes.CATALOGUE_NOT_PINNED,
                f"this matrix answers {matrix.catalogue}; the repository pins {pin} (mgi.toml)",
                severity=Severity.WARNING,
                hint=f"answer {pin}, or list {matrix.catalogue} in other-catalogues in mgi.toml",
            )
        )
    if not config.required_modules:
        return problems
    try:
        catalogue = library.get(matrix.catalogue)
    except CatalogueError:
        catalogue = None  # already reported by the file's own rules
    if catalogue is None:
        return problems
    for module in catalogue.modules:
        if module.id not in config.required_modules or module.id in matrix.modules:
            continue
        if module.since is not None and matrix.assessed_on < module.since:
            continue  # the module did not exist yet when this assessment was made
        problems.append(
            loaded.parsed.problem(
                ("modules",),
                codes.REQUIRED_MODULE,
                f"the repository requires the module {module.id!r} (mgi.toml required-modules)",
                hint=f"add {module.id} to `modules` and answer its indicators",
            )
        )
    return problems


def duplicate_problems(
    checked: list[tuple[str, CheckedFile]], others: dict[tuple[str, ...], list[str]]
) -> list[Problem]:
    """Every checked file that holds the same assessment as another file.

    ``checked`` pairs each checked file's shown path with what it holds; ``others``
    maps the assessment key of each unchecked file under matrices/ (by its path: a
    misnamed one is reported when it is checked) to where it is.
    """
    holders: dict[tuple[str, ...], list[str]] = {}
    for shown, result in checked:
        if result.place is not None:
            holders.setdefault(result.place.key, []).append(shown)
    problems = []
    for shown, result in checked:
        if result.place is None:
            continue
        key = result.place.key
        twins = sorted({*holders[key], *others.get(key, [])} - {shown})
        if not twins:
            continue
        line, column = result.mark if result.mark else (None, None)
        problems.append(
            Problem(
                shown,
                codes.DUPLICATE_ASSESSMENT,
                f"{', '.join(twins)} also hold{'s' if len(twins) == 1 else ''} the "
                f"{result.place.describe()}",
                line=line,
                column=column,
                hint="keep one file per assessment; remove or correct the other",
            )
        )
    return problems
