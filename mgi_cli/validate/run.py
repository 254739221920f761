"""Validate many files, in parallel processes when it pays, in a deterministic order."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mgi_cli.catalogue.load import CatalogueLibrary
from mgi_cli.problems import Problem
from mgi_cli.report import Report
from mgi_cli.validate.checker import validate_file
from mgi_cli.validate.context import ValidationOptions
from mgi_cli.validate.discover import expand_paths

#: Below this many files per worker, starting processes costs more than it saves.
_MIN_FILES_PER_JOB = 8

_worker_state: tuple[CatalogueLibrary, ValidationOptions] | None = None


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
) -> Report:
    """Check every matrix under ``paths``; problems come back sorted by file and line."""
    files, problems = expand_paths(paths)
    report = Report(files=[str(f) for f in files], problems=problems, strict=strict)
    for found in _each_file(files, library, options, jobs):
        report.problems.extend(found)
        if on_file is not None:
            on_file()
    return report


def _each_file(
    files: list[Path], library: CatalogueLibrary, options: ValidationOptions, jobs: int
) -> Iterator[list[Problem]]:
    jobs = max(1, min(jobs, len(files) // _MIN_FILES_PER_JOB))
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        for path in files:
            yield validate_file(path, library, options)
        return
    _warm(library, files)
    global _worker_state  # noqa: PLW0603 - handed to forked workers, never mutated after
    _worker_state = (library, options)
    chunk = max(1, min(32, len(files) // (jobs * 4)))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(_validate_in_worker, files, chunksize=chunk)
    _worker_state = None


def _warm(library: CatalogueLibrary, files: list[Path]) -> None:
    """Load the catalogue before forking, so workers share it instead of each parsing it."""
    from mgi_cli.yamlread import load_yaml_file

    head = load_yaml_file(files[0]).data
    if isinstance(head, dict) and isinstance(head.get("catalogue"), str):
        try:
            library.get(head["catalogue"])
        except Exception:  # noqa: BLE001, S110 - the worker reports it with the file
            pass


def _validate_in_worker(path: Path) -> list[Problem]:
    assert _worker_state is not None
    library, options = _worker_state
    return validate_file(path, library, options)
