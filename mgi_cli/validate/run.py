"""Validate many files, in parallel processes when it pays, in a deterministic order."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.problems.problem import Problem
from mgi_cli.repository.root import Repository, absolute, place_of_path
from mgi_cli.validate.checker import validate_file
from mgi_cli.validate.discover import expand_paths
from mgi_cli.validate.result import Report
from mgi_cli.validate.rule_input import ValidationOptions
from mgi_cli.validate.rules_repository import (
    CheckedFile,
    check_in_repository,
    duplicate_problems,
    refuse_to_read,
    relative_to_root,
)

#: Below this many files per worker, starting processes costs more than it saves.
_MIN_FILES_PER_JOB = 8

_worker_state: tuple[CatalogueLibrary, ValidationOptions, Repository | None] | None = None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def validate_paths(
    paths: list[Path],
    library: CatalogueLibrary,
    options: ValidationOptions,
    *,
    jobs: int = 1,
    strict: bool = False,
    on_file: Callable[[], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    repository: Repository | None = None,
    changed_since: str | None = None,
) -> Report:
    """Check every matrix under ``paths``; problems come back sorted by file and line.

    Inside a ``repository`` its rules run too (repo_rules.py). With ``changed_since``
    (a git revision) only the files changed since then, and the follow-ups of changed
    baselines, are checked; the others are counted in ``Report.skipped``.
    ``on_start`` hears how many files will be checked, ``on_file`` each one done.
    """
    files, problems = expand_paths(paths)
    listed, skipped = files, 0
    if changed_since is not None:
        from mgi_cli.validate.changed import changed_files, select_changed

        where = repository.root if repository is not None else _folder_of(paths[0])
        chosen = select_changed(files, changed_files(where, changed_since), repository)
        skipped, files = len(files) - len(chosen), chosen
    report = Report([str(f) for f in files], problems, strict=strict, skipped=skipped)
    if on_start is not None:
        on_start(len(files))
    checked: list[tuple[str, CheckedFile]] = []
    for path, result in zip(
        files, _each_file(files, library, options, jobs, repository), strict=True
    ):
        checked.append((str(path), result))
        if on_file is not None:
            on_file()
    extra: dict[str, list[Problem]] = {}
    if repository is not None:
        others = _unchecked_places(files, repository, _listing(paths, listed, repository))
        for problem in duplicate_problems(checked, others):
            extra.setdefault(problem.path, []).append(problem)
    for shown, result in checked:
        found = result.problems
        if shown in extra:
            found = sorted([*found, *extra.pop(shown)], key=Problem.sort_key)
        report.problems.extend(found)
    return report


def _folder_of(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _listing(paths: list[Path], listed: list[Path], repository: Repository) -> list[Path]:
    """Every file under matrices/: the files found already if the paths held them all."""
    matrices = absolute(repository.matrices)
    if any(matrices == (a := absolute(p)) or a in matrices.parents for p in paths):
        return listed
    if not matrices.is_dir():
        return []
    return expand_paths([repository.matrices])[0]


def _unchecked_places(
    files: list[Path], repository: Repository, everything: list[Path]
) -> dict[tuple[str, ...], list[str]]:
    """The assessment each other file under matrices/ holds, by its path alone."""
    checked = {absolute(f) for f in files}
    places: dict[tuple[str, ...], list[str]] = {}
    for path in everything:
        if absolute(path) in checked:
            continue
        relative = relative_to_root(path, repository)
        place = place_of_path(relative) if relative is not None else None
        if place is not None:
            places.setdefault(place.key, []).append(str(relative))
    return places


def _check(
    path: Path, library: CatalogueLibrary, options: ValidationOptions, repository: Repository | None
) -> CheckedFile:
    if repository is not None:
        return check_in_repository(path, library, options, repository)
    refused = refuse_to_read(path, str(path), None)
    if refused is not None:
        return CheckedFile([refused])
    return CheckedFile(validate_file(path, library, options))


def _each_file(
    files: list[Path],
    library: CatalogueLibrary,
    options: ValidationOptions,
    jobs: int,
    repository: Repository | None,
) -> Iterator[CheckedFile]:
    jobs = max(1, min(jobs, len(files) // _MIN_FILES_PER_JOB))
    if jobs > 1:
        # Imported only for a parallel run: a run of a few files starts without it.
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            jobs = 1
    if jobs == 1:
        for path in files:
            yield _check(path, library, options, repository)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm(library, files, repository)
    global _worker_state  # noqa: PLW0603 - handed to forked workers, never mutated after
    _worker_state = (library, options, repository)
    chunk = max(1, min(32, len(files) // (jobs * 4)))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(_validate_in_worker, files, chunksize=chunk)
    _worker_state = None


def _warm(library: CatalogueLibrary, files: list[Path], repository: Repository | None) -> None:
    """Load the catalogue before forking, so workers share it instead of each parsing it."""
    from mgi_cli.files.yamlread import load_yaml_file

    root = repository.root if repository is not None else None
    first = next((f for f in files if refuse_to_read(f, str(f), root) is None), None)
    if first is None:
        return
    head = load_yaml_file(first).data
    if isinstance(head, dict) and isinstance(head.get("catalogue"), str):
        with contextlib.suppress(Exception):  # the worker reports it with the file
            library.get(head["catalogue"])


def _validate_in_worker(path: Path) -> CheckedFile:
    assert _worker_state is not None
    library, options, repository = _worker_state
    return _check(path, library, options, repository)
